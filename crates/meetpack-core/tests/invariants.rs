//! Properties that hold for any input: parsing never panics, and every non-blank line
//! belongs to exactly one document and is shown by at least one of its blocks.

use std::path::{Path, PathBuf};

mod support;

use support::check_coverage;

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} must exist: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_line_is_covered_once() {
    let seeds = files_in(Path::new(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/seeds"
    )));
    assert_eq!(seeds.len(), 5);
    for path in seeds {
        let text = std::fs::read_to_string(&path).unwrap();
        check_coverage(
            &text,
            &meetpack_core::parse::parse(&text),
            &path.display().to_string(),
        );
    }
}

/// Ten documents from other councils, in other text shapes (OCR Markdown, pdftotext,
/// HTML): none is lost, and each yields the structure it has.
#[test]
fn other_councils_open_without_losing_a_line() {
    let dir = Path::new(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/tests/corpus/other-councils"
    ));
    let files = files_in(dir);
    assert_eq!(files.len(), 10, "the corpus of other councils' documents");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let pack = meetpack_core::input::load(&bytes)
            .map(|loaded| loaded.pack)
            .expect("opens");
        let text = String::from_utf8_lossy(&bytes);
        check_coverage(&text, &pack, &path.display().to_string());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let minutes = pack.documents.iter().find_map(|d| d.minutes.as_ref());
        if name.contains("minutes") {
            let m = minutes.unwrap_or_else(|| panic!("{name}: minutes found"));
            assert!(
                !m.present.is_empty() || !m.attendance.is_empty(),
                "{name}: attendance found"
            );
        }
        if name.contains("agenda") {
            assert!(
                pack.agenda.len() >= 3,
                "{name}: agenda items found, got {}",
                pack.agenda.len()
            );
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
fn rng() -> fastrand::Rng {
    fastrand::Rng::with_seed(0x4d45_4554)
}

#[test]
fn junk_never_panics() {
    let mut rng = rng();
    for len in [0usize, 1, 2, 7, 64, 1000, 20_000] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
            let _ = meetpack_core::input::load(&bytes).map(|loaded| loaded.pack);
            let text = String::from_utf8_lossy(&bytes);
            let pack = meetpack_core::parse::parse(&text);
            check_coverage(&text, &pack, "random bytes");
        }
    }
    // Random text made of the characters the parser looks at.
    let alphabet: Vec<char> =
        "ab1.)\t\n\r\u{c}*<>[]()-•:@ RESOLVED To: Subject: Agenda Item 4 Minutes of the meeting"
            .chars()
            .collect();
    for _ in 0..300 {
        let text: String = (0..rng.usize(0..400))
            .map(|_| alphabet[rng.usize(..alphabet.len())])
            .collect();
        check_coverage(&text, &meetpack_core::parse::parse(&text), "random markup");
    }
}

#[test]
fn truncated_and_shuffled_seeds_never_panic() {
    let mut rng = rng();
    for path in files_in(Path::new(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/seeds"
    ))) {
        let text = std::fs::read_to_string(&path).unwrap();
        for _ in 0..8 {
            let mut cut = rng.usize(..text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            check_coverage(
                &text[..cut],
                &meetpack_core::parse::parse(&text[..cut]),
                "truncated seed",
            );
            let bytes = &text.as_bytes()[..rng.usize(..text.len())];
            let _ = meetpack_core::input::load(bytes).map(|loaded| loaded.pack);
        }
        let mut lines: Vec<&str> = text.lines().collect();
        for _ in 0..4 {
            rng.shuffle(&mut lines);
            let shuffled = lines.join("\n");
            check_coverage(
                &shuffled,
                &meetpack_core::parse::parse(&shuffled),
                "shuffled seed",
            );
        }
    }
}
