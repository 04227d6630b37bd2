//! Cross-references: one fixture per rule, cut from the seeds and the corpus (the source
//! and its lines named above each), and a survey of every seed and corpus text that prints
//! how many phrases were found and linked (`cargo test --test xrefs -- --nocapture`).

use meetpack_core::model::{BlockKind, DocId, DocKind, Pack, Text, XRef, XRefKind};
use meetpack_core::parse::xrefs::{KINDS, Survey};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Lines `first..=last` (1-based) of a file of the repository.
fn cut(path: &str, first: usize, last: usize) -> String {
    let text = std::fs::read_to_string(format!("{ROOT}/{path}")).expect("fixture source");
    text.lines()
        .skip(first - 1)
        .take(last + 1 - first)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every (linked words, target) in the running text of a pack.
fn links(pack: &Pack) -> Vec<(String, XRef)> {
    links_from(pack)
        .into_iter()
        .map(|(_, w, x)| (w, x))
        .collect()
}

/// Every (document it is in, linked words, target).
fn links_from(pack: &Pack) -> Vec<(DocId, String, XRef)> {
    let mut out = Vec::new();
    for doc in &pack.documents {
        let mut take = |text: &Text| {
            for span in &text.spans {
                if let Some(x) = &span.xref {
                    out.push((doc.id, span.text.clone(), x.clone()));
                }
            }
        };
        for block in &doc.blocks {
            match &block.kind {
                BlockKind::Paragraph { text }
                | BlockKind::Numbered { text, .. }
                | BlockKind::ListItem { text, .. }
                | BlockKind::Resolution { text, .. }
                | BlockKind::Footnote { text }
                | BlockKind::Heading { text, .. } => take(text),
                BlockKind::Fields { fields } => fields.iter().for_each(|f| take(&f.value)),
                _ => {}
            }
        }
    }
    out
}

fn link_of<'a>(links: &'a [(String, XRef)], words: &str) -> Option<&'a XRef> {
    links.iter().find(|(w, _)| w == words).map(|(_, x)| x)
}

/// Seed 000, the minutes (lines 53–218): "Minute 20 below" in minute 15's resolution and
/// "Further to Minute 15 above" in minute 20 go to those minutes.
#[test]
fn minutes_above_and_below_link_to_the_minute() {
    let pack = meetpack_core::parse::parse(&cut("seeds/000_4a9d1e279dbb7497.txt", 53, 218));
    let links = links(&pack);
    let minutes = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::Minutes)
        .expect("minutes");
    let item = |n: &str| {
        minutes
            .minutes
            .as_ref()
            .and_then(|m| m.items.iter().find(|i| i.number == n))
            .expect("minute")
            .lines
            .first()
    };
    let above = link_of(&links, "Minute 15 above").expect("linked");
    assert_eq!(
        (above.kind, above.doc, above.line),
        (XRefKind::Minute, minutes.id, item("15"))
    );
    let below = link_of(&links, "Minute 20 below").expect("linked");
    assert_eq!(below.line, item("20"));
    assert!(
        below
            .title
            .starts_with("Minute 20: Homes for Looked After Children")
    );
}

/// Seed 002, the minutes (lines 68–120): "Further to minute 19/19" names a minute of an
/// earlier meeting, which this pack does not hold: plain text.
#[test]
fn a_minute_not_in_the_pack_stays_plain() {
    let pack = meetpack_core::parse::parse(&cut("seeds/002_650dc6dc71139f49.txt", 68, 120));
    let text = meetpack_core::views::outline::outline(&pack);
    assert!(!text.is_empty());
    assert!(links(&pack).iter().all(|(w, _)| !w.contains("19/19")));
}

/// Seed 000, the HAF note and its appendices (lines 373–480): "see Appendix 1: Summer
/// holiday providers" in paragraph 4.2 goes to the appendix bound behind the note, and the
/// note's list of appendices links each; the appendix's own title does not link to itself.
/// The minutes of the same pack cite "(Appendix 1)" of a paper of their own meeting: not
/// linked to this pack's Appendix 1.
#[test]
fn appendices_link_within_their_item_only() {
    let pack = meetpack_core::parse::parse(&cut("seeds/000_4a9d1e279dbb7497.txt", 1, 480));
    let links = links(&pack);
    let appendix = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::Appendix && d.title.starts_with("Appendix 1"))
        .expect("appendix 1");
    let to_appendix: Vec<_> = links
        .iter()
        .filter(|(_, x)| x.kind == XRefKind::Appendix && x.doc == appendix.id)
        .collect();
    assert_eq!(
        to_appendix.len(),
        2,
        "paragraph 4.2 and the list: {to_appendix:?}"
    );
    for (_, x) in &to_appendix {
        let from = pack.document(x.doc).expect("doc");
        assert_eq!(x.line, from.lines.first());
    }
    let minutes = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::Minutes)
        .expect("minutes");
    let from_minutes = links_from(&pack)
        .into_iter()
        .filter(|(from, _, x)| *from == minutes.id && x.kind == XRefKind::Appendix)
        .count();
    assert_eq!(
        from_minutes, 0,
        "the minutes' (Appendix 1) is not this pack's"
    );
}

/// Seed 000, the front sheet and papers: a text pack has no pages, so "(Pages 11 - 16)" on
/// item 4 goes to item 4's paper.
#[test]
fn pages_of_an_agenda_item_in_a_text_pack_go_to_its_paper() {
    let pack = meetpack_core::parse::parse(&cut("seeds/000_4a9d1e279dbb7497.txt", 1, 372));
    let item = pack.agenda_item("4").expect("item 4");
    let paper = item.documents[0];
    let links = links(&pack);
    let pages = link_of(&links, "Pages 11 - 16").expect("linked, without its brackets");
    assert_eq!((pages.kind, pages.doc), (XRefKind::Pages, paper));
}

/// Southwark planning report (tests/corpus/pdf/01, poppler text): "set out under
/// paragraph 271 of the report" (line 55) is this report's paragraph; "as required by
/// paragraph 215 of the NPPF" (line 324), "The NPPF at paragraph 56" (line 961) and the
/// NPPF's "Section 1 'Building a strong, competitive economy'" (line 249) are another
/// document's, though the report has paragraphs 56 and 215.
#[test]
fn paragraphs_of_this_report_link_and_of_other_documents_do_not() {
    let pack = meetpack_core::parse::parse(&cut(
        "tests/corpus/pdf/01_southwark-planning-committee-2016-07-12_officer-report-item-5-1.layout.txt",
        1,
        3000,
    ));
    let links = links(&pack);
    let p271 = link_of(&links, "paragraph 271").expect("this report's paragraph");
    assert_eq!(p271.kind, XRefKind::Paragraph);
    assert!(p271.title.starts_with("paragraph 271:"));
    for words in [
        "paragraph 215",
        "paragraph 56",
        "Section 1",
        "Section 12",
        "section 106",
    ] {
        assert!(
            link_of(&links, words).is_none(),
            "{words} is not this report's"
        );
    }
}

/// Kent County Council minutes (tests/corpus/pdf/23, lines 60–320): "the motion set out in
/// paragraph 7 above" goes to the nearest paragraph 7 above it (numbering restarts in each
/// minute); "Section 25 Report" (the Local Government Act's section) stays plain.
#[test]
fn a_paragraph_above_is_the_nearest_one_above() {
    let pack = meetpack_core::parse::parse(&cut(
        "tests/corpus/pdf/23_kent-cc-full-council-2025-02-13_printed-minutes.layout.txt",
        60,
        320,
    ));
    let links = links(&pack);
    let above = link_of(&links, "paragraph 7 above").expect("linked");
    assert!(above.title.starts_with("paragraph 7: Mr Brady proposed"));
    assert!(link_of(&links, "Section 25").is_none());
}

/// A work programme's table puts item numbers in its columns (seed 002's grid, lines
/// 636–640, with an item column as other councils print it): never linked, though the
/// pack has an item 6.
#[test]
fn item_numbers_in_a_work_programme_table_are_not_links() {
    let mut text = cut("seeds/002_650dc6dc71139f49.txt", 1, 35);
    text.push_str("\n\nWork Programme 2019/20\n\n");
    text.push_str("Date\tItem\tTitle\tLead Officer\n");
    text.push_str("20th June 2019\titem 6\tIntroduction to the Education and Skills Service\tKirston Nelson\n");
    text.push_str("18th July 2019\titem 7\tChildren's Services Improvement\tJohn Gregg\n");
    text.push_str("19th September 2019\titem 6\tSEND update\tKirston Nelson\n");
    let pack = meetpack_core::parse::parse(&text);
    assert!(
        pack.agenda_item("6").is_some(),
        "the front sheet has an item 6"
    );
    assert!(
        pack.documents.iter().any(|d| !d.tables.is_empty()),
        "the grid is a table"
    );
    assert!(
        links(&pack)
            .iter()
            .all(|(_, x)| x.kind != XRefKind::AgendaItem)
    );
}

/// "Agenda Item 5" in prose goes to item 5's paper; the "Agenda Item 6" stamp at the top
/// of item 6's paper does not link to the paper it heads (seed 000, lines 1–52 and
/// 481–536, with a sentence citing item 5 as papers do).
#[test]
fn agenda_items_link_to_their_paper_but_not_a_stamp_to_itself() {
    let mut text = cut("seeds/000_4a9d1e279dbb7497.txt", 1, 52);
    text.push('\n');
    text.push_str(&cut("seeds/000_4a9d1e279dbb7497.txt", 373, 400));
    text.push_str("\n\nThe programme's funding is reported under Agenda Item 5.\n\n");
    text.push_str(&cut("seeds/000_4a9d1e279dbb7497.txt", 481, 536));
    let pack = meetpack_core::parse::parse(&text);
    let links = links(&pack);
    let five = link_of(&links, "Agenda Item 5").expect("linked");
    assert_eq!(
        Some(&five.doc),
        pack.agenda_item("5").and_then(|i| i.documents.first())
    );
    assert!(link_of(&links, "Agenda Item 6").is_none());
}

/// Every seed and corpus text: found and linked phrases by kind (printed), and the linked
/// ones each inside the pack.
#[test]
fn survey_of_the_seeds_and_the_corpus() {
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["seeds", "tests/corpus/other-councils", "tests/corpus/pdf"] {
        let mut found: Vec<_> = std::fs::read_dir(format!("{ROOT}/{dir}"))
            .expect("folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        found.sort();
        files.extend(found);
    }
    let mut totals = [(0usize, 0usize); 5];
    println!("{:<70} {:>12}", "file", "found/linked");
    for path in &files {
        let text = std::fs::read_to_string(path).expect("read");
        let pack = meetpack_core::parse::parse(&text);
        let survey = Survey::of(&pack);
        for (t, c) in totals.iter_mut().zip(survey.counts) {
            t.0 += c.0;
            t.1 += c.1;
        }
        let (found, linked) = survey.total();
        assert!(linked <= found, "{}", path.display());
        for (_, x) in links(&pack) {
            let doc = pack.document(x.doc).expect("target document exists");
            assert!(doc.lines.contains(x.line), "{x:?} in {}", path.display());
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!(
            "{:<70} {found:>5}/{linked}",
            name.chars().take(70).collect::<String>()
        );
    }
    for (kind, (found, linked)) in KINDS.iter().zip(totals) {
        println!("{:<12} found {found:>4}, linked {linked:>4}", kind.label());
    }
    let (found, linked) = totals.iter().fold((0, 0), |(f, l), (a, b)| (f + a, l + b));
    println!(
        "all          found {found:>4}, linked {linked:>4} in {} files",
        files.len()
    );
    assert!(linked > 0);
}
