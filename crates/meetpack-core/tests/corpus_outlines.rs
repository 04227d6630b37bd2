//! The parser against hand-reviewed expected outlines of real documents from other
//! councils (`tests/corpus/expected/*.json`, written by reading each document, not from
//! MeetPack's output). For each file: document starts, agenda items, numbered minutes,
//! decisions, the meeting date. The scores are printed per file (run with
//! `--nocapture`) and asserted in total, so a change that loses structure fails.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod scoring;
use scoring::{Count, agenda, dates, decisions, documents, minutes};

fn corpus() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/corpus")
}

/// The hand-reviewed outlines, in file order.
fn expected_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join("expected"))
        .expect("tests/corpus/expected")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_outlines_hold() {
    let files = expected_files();
    assert!(files.len() >= 30, "expected outlines: {}", files.len());
    let mut totals = [Count::default(); 5];
    let mut per_file = Vec::new();
    println!(
        "{:<44} {:<20} {:<20} {:<20} {:<20} {:<20}",
        "file", "documents", "agenda", "minutes", "decisions", "date"
    );
    for path in &files {
        let exp: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let file = exp["file"].as_str().expect("file");
        let bytes = std::fs::read(corpus().join(file)).expect("corpus file");
        let pack = meetpack_core::input::load(&bytes)
            .map(|loaded| loaded.pack)
            .expect("opens");
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        let counts = [
            documents(&exp, &pack, &lines),
            agenda(&exp, &pack),
            minutes(&exp, &pack),
            decisions(&exp, &pack),
            dates(&exp, &pack),
        ];
        let name: String = file
            .split('/')
            .next_back()
            .unwrap_or(file)
            .chars()
            .take(44)
            .collect();
        print!("{name:<44}");
        for (t, c) in totals.iter_mut().zip(counts) {
            t.add(c);
            print!(" {c:<20}");
        }
        println!();
        per_file.push((name_of(file), counts));
    }
    check_floors(&per_file);
    print!("{:<44}", "TOTAL");
    for t in &totals {
        print!(" {t:<20}");
    }
    println!();
    let [docs, agenda, minutes, decisions, dates] = totals;
    // Floors just under what the parser reaches today: a change that loses structure
    // fails here. Raise them as the parser improves.
    let floor = |what: &str, c: Count, recall: f64, precision: f64| {
        assert!(
            c.recall() >= recall && c.precision() >= precision,
            "{what}: recall {:.2} (floor {recall}), precision {:.2} (floor {precision})",
            c.recall(),
            c.precision()
        );
    };
    floor("documents", docs, FLOORS[0].0, FLOORS[0].1);
    floor("agenda items", agenda, FLOORS[1].0, FLOORS[1].1);
    floor("minutes", minutes, FLOORS[2].0, FLOORS[2].1);
    floor("decisions", decisions, FLOORS[3].0, FLOORS[3].1);
    floor("dates", dates, FLOORS[4].0, FLOORS[4].1);
}

fn name_of(file: &str) -> String {
    file.rsplit('/').next().unwrap_or(file).to_string()
}

/// What each file must keep (`tests/corpus/floors.json`): for each of documents, agenda
/// items, minutes, decisions and dates, how many expected entries it finds and how many
/// it finds that are wrong. A change may find more and err less, never the reverse, so no
/// file loses an item it had and precision holds file by file, not only in total.
/// `MEETPACK_WRITE_FLOORS=1` rewrites the file from this run (after a reviewed gain).
fn check_floors(per_file: &[(String, [Count; 5])]) {
    const WHAT: [&str; 5] = ["documents", "agenda", "minutes", "decisions", "dates"];
    let path = corpus().join("floors.json");
    let now: serde_json::Map<String, Value> = per_file
        .iter()
        .map(|(name, counts)| {
            let entry: serde_json::Map<String, Value> = WHAT
                .iter()
                .zip(counts)
                .map(|(w, c)| {
                    let wrong = c.found - c.matched_found;
                    (
                        w.to_string(),
                        serde_json::json!([c.matched_expected, wrong]),
                    )
                })
                .collect();
            (name.clone(), Value::Object(entry))
        })
        .collect();
    if std::env::var_os("MEETPACK_WRITE_FLOORS").is_some() {
        // One line a file, so a diff shows which file moved.
        let lines: Vec<String> = now
            .iter()
            .map(|(name, entry)| format!("  {}: {}", Value::from(name.as_str()), entry))
            .collect();
        std::fs::write(&path, format!("{{\n{}\n}}\n", lines.join(",\n"))).unwrap();
        return;
    }
    let floors: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("tests/corpus/floors.json"))
            .expect("floors parse");
    let mut lost = Vec::new();
    for (name, entry) in &now {
        let Some(floor) = floors.get(name) else {
            lost.push(format!(
                "{name}: no floor (run with MEETPACK_WRITE_FLOORS=1)"
            ));
            continue;
        };
        for w in WHAT {
            let got = &entry[w];
            let (found, wrong) = (got[0].as_u64().unwrap(), got[1].as_u64().unwrap());
            let (min_found, max_wrong) = (
                floor[w][0].as_u64().unwrap_or(0),
                floor[w][1].as_u64().unwrap_or(0),
            );
            if found < min_found || wrong > max_wrong {
                lost.push(format!(
                    "{name} {w}: finds {found} (floor {min_found}), wrong {wrong} (at most {max_wrong})"
                ));
            }
        }
    }
    assert!(lost.is_empty(), "files below their floors: {lost:#?}");
}

/// (recall, precision) floors for documents, agenda items, minutes, decisions, dates.
const FLOORS: [(f64, f64); 5] = [
    (0.97, 0.97),
    (0.85, 0.95),
    (0.85, 0.95),
    (0.80, 0.84),
    (0.90, 0.90),
];

/// The same expected outlines, read from the PDFs themselves (MeetPack's own extraction,
/// whose line numbers differ from poppler's): minute and agenda numbers, decisions
/// counted per file, meeting dates and the number of documents.
#[test]
fn corpus_pdfs_hold() {
    let files = expected_files();
    let date_of = dates;
    let (mut items, mut decisions, mut dates, mut docs) = (
        Count::default(),
        Count::default(),
        Count::default(),
        Count::default(),
    );
    for path in &files {
        let exp: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let file = exp["file"].as_str().expect("file");
        let Some(pdf) = file.strip_suffix(".layout.txt").map(|f| format!("{f}.pdf")) else {
            continue;
        };
        let bytes = std::fs::read(corpus().join(&pdf)).expect("corpus PDF");
        let pack = meetpack_core::input::load(&bytes)
            .map(|loaded| loaded.pack)
            .expect("opens");
        let (want, got) = scoring::item_numbers(&exp, &pack);
        items.add(Count::of(&want, &got, |w, g| w == g));
        let (want_decisions, got_decisions) = scoring::decision_counts(&exp, &pack);
        decisions.add(Count::counted(want_decisions, got_decisions));
        dates.add(date_of(&exp, &pack));
        let want_docs = exp["documents"].as_array().map_or(0, Vec::len);
        docs.add(Count::counted(want_docs, pack.documents.len()));
        println!(
            "{pdf:<70} items {} decisions {got_decisions}/{want_decisions}",
            got.len()
        );
    }
    println!("PDF TOTAL items {items}  decisions {decisions}  dates {dates}  documents {docs}");
    assert!(
        items.recall() >= 0.95 && items.precision() >= 0.95,
        "items {items}"
    );
    assert!(decisions.recall() >= 0.85, "decisions {decisions}");
    assert!(dates.recall() >= 0.95, "dates {dates}");
    assert!(docs.recall() >= 0.90, "documents {docs}");
}
