//! Exports read back: a PDF through pdf_oxide (the extractor the app opens PDFs with),
//! HTML and Markdown as text. What is selected must be there, with its notes; what is not
//! selected must not. Headings are taken from the parsed model, not written here.

use std::process::Command;

use meetpack_core::export::{self, ExportNote, Format, Selection};
use meetpack_core::model::{AgendaItem, BlockKind, DocId, Pack};

const SEED: &str = "seeds/000_4a9d1e279dbb7497.txt";

fn seed_path() -> String {
    format!("{}/{SEED}", concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The seed's pack and the text its line numbers count.
fn seed() -> (Pack, String) {
    let bytes = std::fs::read(seed_path()).expect("seed");
    let loaded = meetpack_core::input::load_named(SEED, &bytes, &mut |_, _| true).expect("parses");
    (loaded.pack, loaded.text)
}

/// Bold markers and line breaks removed, runs of white space as one space: a heading
/// wrapped over two lines of the PDF still reads as one string.
fn normalise(text: &str) -> String {
    text.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn pdf_text(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    let loaded = meetpack_core::input::load_named("export.pdf", bytes, &mut |_, _| true)
        .expect("reads back");
    loaded.text
}

/// Two agenda items with papers to select, and one other item with papers to leave out.
fn pick(pack: &Pack) -> (Vec<&AgendaItem>, &AgendaItem) {
    let with_papers: Vec<&AgendaItem> = pack
        .agenda
        .iter()
        .filter(|a| a.documents.iter().any(|d| has_headings(pack, *d)))
        .collect();
    assert!(
        with_papers.len() >= 3,
        "the seed has three items with papers"
    );
    let n = with_papers.len();
    (vec![with_papers[0], with_papers[1]], with_papers[n - 1])
}

fn has_headings(pack: &Pack, id: DocId) -> bool {
    pack.document(id)
        .is_some_and(|d| d.headings().next().is_some())
}

/// The title and the body's headings of a document (the letterhead above the body is
/// printed as fields, as the reader shows it in cards).
fn headings(pack: &Pack, id: DocId) -> Vec<String> {
    let Some(doc) = pack.document(id) else {
        return Vec::new();
    };
    let in_letterhead = |b: usize| {
        let line = doc.blocks[b].lines.first();
        doc.header.is_some_and(|h| h.contains(line))
    };
    let mut out = vec![doc.title.clone()];
    out.extend(
        doc.headings()
            .filter(|(b, _, _)| !in_letterhead(*b))
            .map(|(_, _, label)| label),
    );
    out
}

/// The input text of the selected items' papers and entries: a heading of another paper
/// that also occurs in there may rightly be printed, so it cannot show a leak.
fn selected_source(pack: &Pack, text: &str, items: &[&AgendaItem]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut spans = Vec::new();
    for item in items {
        spans.push(item.lines);
        for id in &item.documents {
            if let Some(doc) = pack.document(*id) {
                spans.push(doc.lines);
            }
        }
    }
    let mut out = String::new();
    for span in spans {
        let from = span.first().saturating_sub(1) as usize;
        let to = (span.last() as usize).min(lines.len());
        for line in lines.get(from..to).unwrap_or(&[]) {
            out.push_str(line);
            out.push('\n');
        }
    }
    normalise(&out)
}

/// A note in the middle of each selected paper, and one in the left-out paper.
fn notes(pack: &Pack, items: &[&AgendaItem], other: &AgendaItem) -> (Vec<ExportNote>, String) {
    let mut notes = Vec::new();
    let note_on = |id: DocId, text: String| {
        let doc = pack.document(id)?;
        let block = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph { .. }))
            .nth(1)
            .or(doc.blocks.last())?;
        Some(ExportNote {
            line: block.lines.first(),
            kind: "note".into(),
            text,
            quote: String::new(),
        })
    };
    for (i, item) in items.iter().enumerate() {
        let id = item.documents[0];
        notes.extend(note_on(
            id,
            format!("Ask the officer about point {i} zanzibar"),
        ));
    }
    let left_out = "This note belongs to an item not exported quagga".to_string();
    notes.extend(note_on(other.documents[0], left_out.clone()));
    (notes, left_out)
}

fn check(output: &str, pack: &Pack, text: &str, items: &[&AgendaItem], other: &AgendaItem) {
    let out = normalise(output);
    for item in items {
        for id in &item.documents {
            for heading in headings(pack, *id) {
                assert!(
                    out.contains(&normalise(&heading)),
                    "selected heading {heading:?} is missing"
                );
            }
        }
    }
    let source = selected_source(pack, text, items);
    let mut checked = 0;
    for id in other
        .documents
        .iter()
        .filter(|id| !items.iter().any(|i| i.documents.contains(id)))
    {
        for heading in headings(pack, *id) {
            let h = normalise(&heading);
            // Short or shared headings ("Background") prove nothing either way.
            if h.len() < 12 || source.contains(&h) {
                continue;
            }
            checked += 1;
            assert!(!out.contains(&h), "unselected heading {heading:?} leaked");
        }
    }
    assert!(
        checked > 0,
        "some distinctive heading of the left-out paper was checked"
    );
}

#[test]
fn items_export_to_pdf_with_their_papers_and_notes_only() {
    let (pack, text) = seed();
    let (items, other) = pick(&pack);
    let numbers: Vec<String> = items.iter().map(|i| i.number.clone()).collect();
    let (notes, left_out) = notes(&pack, &items, other);
    let pdf = export::export(&pack, &Selection::Items(numbers), Some(&notes), Format::Pdf)
        .expect("exports");
    let read = pdf_text(&pdf);
    check(&read, &pack, &text, &items, other);
    let flat = normalise(&read);
    for note in notes.iter().filter(|n| n.text != left_out) {
        assert!(
            flat.contains(&normalise(&note.text)),
            "{:?} missing",
            note.text
        );
        assert!(flat.contains(&normalise(&format!("Note: {}", note.text))));
    }
    assert!(!flat.contains(&normalise(&left_out)));
    let pages = read.matches('\u{c}').count() + 1;
    assert!(
        flat.contains(&format!("page {pages} of {pages}")),
        "every page is numbered"
    );
}

#[test]
fn items_export_to_html_and_markdown_with_the_same_content() {
    let (pack, text) = seed();
    let (items, other) = pick(&pack);
    let numbers: Vec<String> = items.iter().map(|i| i.number.clone()).collect();
    let (notes, left_out) = notes(&pack, &items, other);
    for format in [Format::Html, Format::Markdown] {
        let bytes = export::export(
            &pack,
            &Selection::Items(numbers.clone()),
            Some(&notes),
            format,
        )
        .expect("exports");
        let out = String::from_utf8(bytes).expect("UTF-8");
        // Compare the words: undo the escaping of each format.
        let plain = match format {
            Format::Html => html_text(&out),
            _ => out.replace('\\', ""),
        };
        check(&plain, &pack, &text, &items, other);
        for note in notes.iter().filter(|n| n.text != left_out) {
            assert!(plain.contains(&note.text), "{format:?}: {:?}", note.text);
        }
        assert!(!plain.contains(&left_out), "{format:?}");
        let without = export::export(&pack, &Selection::Items(numbers.clone()), None, format)
            .expect("exports");
        let without = String::from_utf8(without).expect("UTF-8");
        assert!(
            !without.contains("zanzibar"),
            "{format:?}: no notes asked for"
        );
    }
}

/// The text of an HTML export: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let body = html.split("<body>").nth(1).unwrap_or(html);
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn meetpack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_meetpack"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("meetpack-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

#[test]
fn the_command_line_exports_items_to_a_pdf_file() {
    let (pack, text) = seed();
    let (items, other) = pick(&pack);
    let list: Vec<&str> = items.iter().map(|i| i.number.as_str()).collect();
    let out = scratch("items.pdf");
    let status = meetpack()
        .args(["export", &seed_path(), "--items", &list.join(","), "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = std::fs::read(&out).expect("written");
    check(&pdf_text(&pdf), &pack, &text, &items, other);
    let _ = std::fs::remove_file(out);
}

#[test]
fn the_command_line_writes_markdown_to_stdout_and_decisions_with_where_they_are() {
    let (pack, _) = seed();
    let out = meetpack()
        .args([
            "export",
            &seed_path(),
            "--decisions",
            "--format",
            "md",
            "-o",
            "-",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    let minutes = pack
        .documents
        .iter()
        .find_map(|d| d.minutes.as_ref().map(|m| (d, m)))
        .expect("the seed has minutes");
    let minute = minutes
        .1
        .items
        .iter()
        .find(|m| !m.resolutions.is_empty())
        .expect("a minute with a decision");
    assert!(md.contains(&format!("Minute {}", minute.number)), "{md}");
    // Where it is: a text pack has no pages, so its lines.
    let (first, last) = (minute.lines.first(), minute.lines.last());
    let place = if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}\u{2013}{last}")
    };
    assert!(md.contains(&place), "{place} in {md}");
}

#[test]
fn bad_requests_are_one_line_and_exit_2() {
    let cases: [&[&str]; 4] = [
        &["--items", "999"],
        &["--document", "d9999"],
        &["--format", "pdf", "-o", "-"],
        &["--items", "1", "-o", "/nonexistent-folder/out.pdf"],
    ];
    for args in cases {
        let mut cmd = meetpack();
        cmd.args(["export", &seed_path()]).args(args);
        if !args.contains(&"-o") {
            cmd.args(["-o", "-", "--format", "md"]);
        }
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("meetpack: "), "{err}");
    }
    let missing = meetpack()
        .args([
            "export",
            "/nonexistent/pack.pdf",
            "-o",
            "-",
            "--format",
            "md",
        ])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
}

/// Every seed and every other council's pack exports in every format and every selection
/// the pack offers, and the PDF reads back: no panic, no error on real packs.
#[test]
fn every_pack_of_the_corpus_exports_in_every_format() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["seeds", "tests/corpus/other-councils"] {
        let listing = std::fs::read_dir(format!("{root}/{dir}")).expect("corpus folder");
        files.extend(listing.flatten().map(|e| e.path()));
    }
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert!(files.len() >= 10, "{} packs", files.len());
    for path in files {
        let bytes = std::fs::read(&path).expect("pack");
        let Ok(loaded) = meetpack_core::input::load(&bytes) else {
            continue;
        };
        let pack = loaded.pack;
        let mut selections = vec![Selection::Pack, Selection::Decisions];
        if let Some(item) = pack.agenda.first() {
            selections.push(Selection::Items(vec![item.number.clone()]));
        }
        if let Some(doc) = pack.documents.last() {
            selections.push(Selection::Document(doc.id));
        }
        for selection in &selections {
            for format in [Format::Markdown, Format::Html] {
                let out = export::export(&pack, selection, None, format)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(!out.is_empty());
            }
        }
        // The PDF of the whole pack reads back with every document's title in it.
        let pdf = export::export(&pack, &Selection::Pack, None, Format::Pdf)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = normalise(&pdf_text(&pdf));
        for doc in &pack.documents {
            assert!(
                text.contains(&normalise(&doc.title)),
                "{}: {:?} missing from the PDF",
                path.display(),
                doc.title
            );
        }
    }
}

/// `--format original`: the council's own pages, copied, for an item's papers or for pages
/// as printed on them; a text pack has none.
#[test]
fn the_original_pdfs_pages_are_copied_for_an_item_or_printed_pages() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let kent = format!(
        "{root}/tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf"
    );
    let page_count = |bytes: &[u8]| {
        meetpack_core::input::load(bytes)
            .expect("the copy opens")
            .pack
            .source
            .pages
    };
    let whole = std::fs::read(&kent).expect("corpus PDF");
    assert_eq!(page_count(&whole), Some(20));
    let out = scratch("original-item.pdf");
    // The copy `--format original` writes for the options given.
    let copy_of = |choice: [&str; 2]| {
        let run = meetpack()
            .args([
                "export", &kent, "--format", "original", choice[0], choice[1], "-o",
            ])
            .arg(&out)
            .output()
            .expect("runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        std::fs::read(&out).expect("written")
    };
    // Item 3's papers: everything after the two-page covering letter.
    assert_eq!(page_count(&copy_of(["--items", "3"])), Some(18));
    // Printed pages 1 to 3 are the paper's first three pages: it starts with its stamp.
    let copy = copy_of(["--pages", "1-3"]);
    let loaded = meetpack_core::input::load(&copy).expect("opens");
    assert_eq!(loaded.pack.source.pages, Some(3));
    assert!(
        loaded.text.trim_start().starts_with("Agenda Item 3"),
        "{}",
        &loaded.text[..200.min(loaded.text.len())]
    );
    // A page the pack does not print, a text pack and the decisions are one-line errors.
    let seed = seed_path();
    for (args, says) in [
        (vec![kent.as_str(), "--pages", "99"], "no page 99"),
        (vec![seed.as_str()], "not a PDF"),
        (vec![kent.as_str(), "--decisions"], "no pages of their own"),
    ] {
        let run = meetpack()
            .arg("export")
            .args(&args)
            .args(["--format", "original", "-o"])
            .arg(&out)
            .output()
            .expect("runs");
        assert_eq!(run.status.code(), Some(2));
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains(says), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let _ = std::fs::remove_file(out);
}
