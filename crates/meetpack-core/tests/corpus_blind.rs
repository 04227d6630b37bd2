//! The blind development corpus (issue 18): real council documents whose expected
//! outlines (`tests/corpus/blind/expected/*.json`) were written by reading each document
//! and committed before MeetPack was run on it. The documents themselves are not in the
//! repository (see `tests/corpus/blind/README.md`): they are read from the folder named by
//! `MEETPACK_BLIND_CORPUS` (default `/work/dev-corpus`), and a document that is not there
//! is skipped with a printed line, so CI passes without them.
//!
//! This is a measurement, not a gate: it prints the same five scores as
//! `corpus_outlines.rs` (documents, agenda items, minutes, decisions, dates; recall and
//! precision) for each `.layout.txt`, and the PDF scores of `corpus_pdfs_hold` when the
//! PDF is beside it. It asserts only that each JSON parses and names a file. Run with
//! `cargo test -p meetpack-core --test corpus_blind -- --nocapture`.

use std::path::{Path, PathBuf};

use meetpack_core::model::Pack;
use serde_json::Value;

mod scoring;
use scoring::{Count, agenda, dates, decisions, documents, minutes};

fn expected_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/corpus/blind/expected")
}

fn documents_dir() -> PathBuf {
    std::env::var_os("MEETPACK_BLIND_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/dev-corpus"))
}

/// The blind outlines, in file order.
fn expected_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(expected_dir()) {
        Ok(dir) => dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// The text scores and the PDF scores of one document.
#[derive(Default)]
struct PdfScores {
    items: Count,
    decisions: Count,
    dates: Count,
    docs: Count,
}

fn pdf_scores(exp: &Value, pack: &Pack) -> (PdfScores, usize, usize, usize) {
    let (want, got) = scoring::item_numbers(exp, pack);
    let (want_decisions, got_decisions) = scoring::decision_counts(exp, pack);
    let want_docs = exp["documents"].as_array().map_or(0, Vec::len);
    let scores = PdfScores {
        items: Count::of(&want, &got, |w, g| w == g),
        decisions: Count::counted(want_decisions, got_decisions),
        dates: dates(exp, pack),
        docs: Count::counted(want_docs, pack.documents.len()),
    };
    (scores, got.len(), got_decisions, want_decisions)
}

#[test]
fn corpus_blind_scores() {
    let files = expected_files();
    let dir = documents_dir();
    println!(
        "blind corpus: {} outlines, documents from {}",
        files.len(),
        dir.display()
    );
    let mut totals = [Count::default(); 5];
    let mut pdf_totals = PdfScores::default();
    let (mut measured, mut measured_pdfs, mut skipped) = (0usize, 0usize, 0usize);
    println!(
        "{:<44} {:<20} {:<20} {:<20} {:<20} {:<20}",
        "file", "documents", "agenda", "minutes", "decisions", "date"
    );
    for path in &files {
        let exp: Value = serde_json::from_slice(&std::fs::read(path).expect("read outline"))
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        let file = exp["file"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: names no file", path.display()));
        assert!(!file.is_empty(), "{}: empty file name", path.display());
        let name: String = file.chars().take(44).collect();
        let Ok(bytes) = std::fs::read(dir.join(file)) else {
            println!("{name:<44} skipped: {file} is not in {}", dir.display());
            skipped += 1;
            continue;
        };
        // A document MeetPack refuses scores as an empty pack: nothing found.
        let pack = match meetpack_core::input::load(&bytes) {
            Ok(loaded) => loaded.pack,
            Err(e) => {
                println!("{name:<44} does not open (scored as finding nothing): {e:?}");
                Pack::default()
            }
        };
        measured += 1;
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        let counts = [
            documents(&exp, &pack, &lines),
            agenda(&exp, &pack),
            minutes(&exp, &pack),
            decisions(&exp, &pack),
            dates(&exp, &pack),
        ];
        print!("{name:<44}");
        for (t, c) in totals.iter_mut().zip(counts) {
            t.add(c);
            print!(" {c:<20}");
        }
        println!(
            "  [found: {} documents, {} agenda items, {} minutes, {} decisions, date {:?}]",
            pack.documents.len(),
            pack.agenda.len(),
            counts[2].found,
            counts[3].found,
            pack.meta.date
        );
    }
    print!("{:<44}", "TEXT TOTAL");
    for t in &totals {
        print!(" {t:<20}");
    }
    println!();

    for path in &files {
        let exp: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let file = exp["file"].as_str().unwrap();
        let Some(pdf) = file.strip_suffix(".layout.txt").map(|f| format!("{f}.pdf")) else {
            continue;
        };
        let Ok(bytes) = std::fs::read(dir.join(&pdf)) else {
            println!("{pdf:<70} skipped: no PDF beside the text");
            continue;
        };
        let pack = match meetpack_core::input::load(&bytes) {
            Ok(loaded) => loaded.pack,
            Err(e) => {
                println!("{pdf:<70} does not open (scored as finding nothing): {e:?}");
                Pack::default()
            }
        };
        measured_pdfs += 1;
        let (s, got_items, got_decisions, want_decisions) = pdf_scores(&exp, &pack);
        println!(
            "{pdf:<70} items {} decisions {got_decisions}/{want_decisions} date {} documents {}/{} (found {} items)",
            s.items,
            s.dates,
            pack.documents.len(),
            exp["documents"].as_array().map_or(0, Vec::len),
            got_items
        );
        pdf_totals.items.add(s.items);
        pdf_totals.decisions.add(s.decisions);
        pdf_totals.dates.add(s.dates);
        pdf_totals.docs.add(s.docs);
    }
    println!(
        "PDF TOTAL items {}  decisions {}  dates {}  documents {}",
        pdf_totals.items, pdf_totals.decisions, pdf_totals.dates, pdf_totals.docs
    );
    println!(
        "measured {measured} texts and {measured_pdfs} PDFs; skipped {skipped} (not in {})",
        dir.display()
    );
}
