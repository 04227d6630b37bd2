//! Every place the CLI's JSON names carries its page for a PDF pack, `null` for a text
//! pack (the JSON contract's "Places in a PDF pack"): a find hit, a decision, a note and a
//! library search hit. Kent's printed minutes (`tests/corpus/pdf/23_…`) print no page
//! numbers of their own on the pages checked here; Kent's supplement prints "Page N".

mod support;

use serde_json::Value;
use support::{Scratch, path};

fn corpus_pdf(prefix: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/pdf"
    ));
    std::fs::read_dir(dir)
        .expect("tests/corpus/pdf")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".pdf")
        })
        .expect("the corpus PDF")
}

fn seed() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"))
        .join("001_11204c895c2fdebf.txt")
}

fn json(s: &Scratch, args: &[&str]) -> Value {
    serde_json::from_str(&s.ok(args)).expect("JSON")
}

/// A page as the contract writes it: `{"pdf": N, "printed": "11" | null}`.
fn page_of(v: &Value) -> (u64, Option<String>) {
    let pdf = v["page"]["pdf"]
        .as_u64()
        .unwrap_or_else(|| panic!("no page in {v}"));
    (pdf, v["page"]["printed"].as_str().map(str::to_string))
}

#[test]
fn find_hits_and_decisions_name_their_page_in_a_pdf_and_none_in_text() {
    let s = Scratch::new("pages-find");
    let kent = corpus_pdf("24_");
    let v = json(
        &s,
        &[
            "find",
            path(&kent),
            "Devolution Priority Programme",
            "--json",
        ],
    );
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    // The report starts on the PDF's third page, printed "Page 1".
    assert_eq!(page_of(&hits[0]), (3, Some("1".to_string())));
    let text = json(&s, &["find", path(&seed()), "Family Valued", "--json"]);
    assert!(text["hits"][0]["page"].is_null(), "{}", text["hits"][0]);

    let minutes = corpus_pdf("23_");
    let v = json(&s, &["decisions", path(&minutes), "--json"]);
    let decisions: Vec<&Value> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["decisions"].as_array().unwrap())
        .collect();
    assert!(!decisions.is_empty());
    for d in &decisions {
        let (pdf, _) = page_of(d);
        assert!((1..=14).contains(&pdf), "{d}");
    }
    // Pages follow the minutes' order.
    let pages: Vec<u64> = decisions.iter().map(|d| page_of(d).0).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "{pages:?}");
}

#[test]
fn notes_and_library_search_hits_name_their_page_in_a_pdf() {
    let s = Scratch::new("pages-notes");
    let packs = s.0.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    let kent = packs.join("kent-supplement.pdf");
    std::fs::copy(corpus_pdf("24_"), &kent).unwrap();
    std::fs::copy(seed(), packs.join("seed.txt")).unwrap();

    // A note on a line of the report's first page.
    let found = json(
        &s,
        &[
            "find",
            path(&kent),
            "Devolution Priority Programme",
            "--json",
        ],
    );
    let line = found["hits"][0]["lines"][0].as_u64().unwrap().to_string();
    s.ok(&[
        "notes",
        "add",
        path(&kent),
        "--at",
        &line,
        "--text",
        "Ask about the timetable",
    ]);
    let notes = s.list(&kent);
    assert_eq!(page_of(&notes[0]), (3, Some("1".to_string())));

    s.ok(&["library", "add", path(&packs)]);
    let v = json(
        &s,
        &["search", "\"devolution priority programme\"", "--json"],
    );
    let hit = &v["hits"].as_array().unwrap()[0];
    assert!(
        hit["file"]
            .as_str()
            .unwrap()
            .ends_with("kent-supplement.pdf")
    );
    // The same page `find` gives for a match on the hit's first line.
    let line = &hit["lines"][0];
    let same = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| &h["lines"][0] == line)
        .unwrap_or_else(|| panic!("find has no match on line {line}"));
    assert_eq!(page_of(hit), page_of(same), "{hit}");
    let v = json(&s, &["search", "\"family valued\"", "--json"]);
    let hit = &v["hits"].as_array().unwrap()[0];
    assert!(hit["file"].as_str().unwrap().ends_with("seed.txt"));
    assert!(hit["page"].is_null(), "{hit}");
}
