//! One fixture per parse rule, cut from a seed by line range (so the fixture is the seed's
//! own text), plus synthetic inputs for the input-shape rules.

use meetpack_core::input::load;
use meetpack_core::model::{BlockKind, DocKind, Pack, RowKind, TableKind};
use meetpack_core::parse::parse;

/// Lines `first..=last` (1-based) of a seed.
fn cut(seed: &str, first: usize, last: usize) -> String {
    let path = format!(
        "{}/seeds/{seed}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let text = std::fs::read_to_string(path).expect("seed");
    text.lines()
        .skip(first - 1)
        .take(last + 1 - first)
        .collect::<Vec<_>>()
        .join("\n")
}

const S000: &str = "000_4a9d1e279dbb7497.txt";
const S002: &str = "002_650dc6dc71139f49.txt";
const S004: &str = "004_9a99625675b12858.txt";

fn kinds(pack: &Pack) -> Vec<DocKind> {
    pack.documents.iter().map(|d| d.kind).collect()
}

fn all_tables(pack: &Pack) -> Vec<&meetpack_core::model::Table> {
    pack.documents.iter().flat_map(|d| &d.tables).collect()
}

/// A table's body rows as plain cell texts (the JSON's `rows`).
fn rows(t: &meetpack_core::model::Table) -> Vec<Vec<&str>> {
    t.body.iter().map(|r| r.texts().collect()).collect()
}

// --- Document boundaries -------------------------------------------------------------

#[test]
fn note_may_start_at_to_without_a_heading() {
    // 002 L514-540: one note's sign-off, then a note with no council line or heading,
    // its date written "9 January 2020" without a label.
    let pack = parse(&cut(S002, 514, 540));
    assert_eq!(kinds(&pack), vec![DocKind::Other, DocKind::BriefingNote]);
    let note = pack.documents[1].note.as_ref().unwrap();
    assert_eq!(
        note.subject.as_deref(),
        Some("Children's Services Improvement")
    );
    assert_eq!(note.date.as_deref(), Some("9 January 2020"));
    assert_eq!(note.date_iso.as_deref(), Some("2020-01-09"));
}

#[test]
fn note_date_without_a_day_has_no_iso_date() {
    let pack = parse(&cut(S002, 253, 268));
    let note = pack.documents[0].note.as_ref().unwrap();
    assert_eq!(note.date.as_deref(), Some("January 2020"));
    assert_eq!(note.date_iso, None);
    assert_eq!(
        note.recommendations,
        vec!["Note this briefing and identify any recommendations for the Cabinet Member"]
    );
}

#[test]
fn blank_page_separates_documents_and_a_report_follows() {
    // 004 L297-345: end of a note, "This page is intentionally left blank", then the
    // annual report whose "Contents" and "Introduction" must not start documents.
    let pack = parse(&cut(S004, 277, 360));
    assert_eq!(kinds(&pack), vec![DocKind::BriefingNote, DocKind::Report]);
    let report = &pack.documents[1];
    assert_eq!(report.title, "Annual report 2020-2021");
    assert!(
        report
            .blocks
            .iter()
            .any(|b| matches!(&b.kind, BlockKind::Contents { entries } if entries.len() == 15))
    );
    assert!(matches!(
        pack.documents[0].blocks.last().map(|b| &b.kind),
        Some(BlockKind::Separator { .. })
    ));
}

#[test]
fn appendix_headings_inside_a_report_do_not_start_documents() {
    // 004 L950-1010: "Appendices", "Appendix 1 - Performance Scorecard …" inside the report.
    let text = format!("{}\n{}", cut(S004, 310, 322), cut(S004, 950, 1010));
    let pack = parse(&text);
    assert_eq!(kinds(&pack), vec![DocKind::Report]);
}

#[test]
fn council_name_in_a_table_row_is_a_row() {
    // 004 L1088-1101: "Coventry City Council<TAB>77<TAB>36…" inside a table.
    let text = format!("{}\n\n{}", cut(S004, 310, 312), cut(S004, 1088, 1101));
    let pack = parse(&text);
    assert_eq!(pack.documents.len(), 1);
    let t = all_tables(&pack)[0];
    assert_eq!(rows(t)[0][0], "Coventry City Council");
}

#[test]
fn agenda_item_stamp_starts_a_document_and_links_it() {
    let text = format!("{}\n\n{}", cut(S000, 1, 52), cut(S000, 481, 536));
    let pack = parse(&text);
    let wp = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::WorkProgramme)
        .expect("work programme");
    assert_eq!(wp.agenda_item.as_deref(), Some("6"));
    assert!(wp.title.contains("Work Programme 2023-24"));
    assert!(
        pack.diagnostics
            .iter()
            .any(|d| d.message == "agenda item 6 has no page range")
    );
}

#[test]
fn untitled_work_programme_after_a_note_sign_off() {
    // 002 L605-645: a note's authors and contacts, then the programme with no title.
    let pack = parse(&cut(S002, 526, 645));
    assert_eq!(
        kinds(&pack),
        vec![DocKind::BriefingNote, DocKind::WorkProgramme]
    );
    let wp = pack.documents[1].work_programme.as_ref().unwrap();
    assert_eq!(wp.items[0].date, "20th June 2019");
    assert_eq!(wp.items[0].date_iso.as_deref(), Some("2019-06-20"));
}

#[test]
fn listed_appendices_stay_in_the_note_and_real_ones_follow() {
    // 000 L373-480: the note lists Appendix 1-3 in its body; after its sign-off come the
    // appendices themselves, each a document.
    let pack = parse(&cut(S000, 373, 480));
    assert_eq!(
        kinds(&pack),
        vec![
            DocKind::BriefingNote,
            DocKind::Appendix,
            DocKind::Appendix,
            DocKind::Appendix
        ]
    );
    let note = pack.documents[0].note.as_ref().unwrap();
    assert_eq!(note.appendices.len(), 3);
    assert_eq!(note.authors[0].name, "Adrian Coles");
    assert_eq!(note.contacts, vec!["Adrian.Coles@coventry.gov.uk"]);
}

// --- Agenda front sheet -----------------------------------------------------------

#[test]
fn front_sheet_items_pages_sub_items_presenters() {
    let pack = parse(&cut(S004, 1, 72));
    assert_eq!(pack.meta.date.as_deref(), Some("2022-03-17"));
    assert_eq!(pack.meta.time.as_deref(), Some("10.30 am"));
    assert_eq!(pack.meta.published.as_deref(), Some("2022-03-09"));
    let titles: Vec<&str> = pack.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.len(), 9);
    assert_eq!(
        titles[3],
        "Coventry Safeguarding Children Partnership Annual Report 2020-2021"
    );
    // Pages on the line after the title.
    assert_eq!(pack.agenda[3].pages, Some((11, 58)));
    assert_eq!(pack.agenda[2].sub_items.len(), 2);
    assert_eq!(
        pack.agenda[4].presenter.as_deref(),
        Some("Joint Briefing Note and Annual Report")
    );
    let aob = &pack.agenda[8];
    assert_eq!(aob.presenter, None);
    assert!(
        aob.description
            .as_deref()
            .unwrap()
            .starts_with("Any other items of business")
    );
}

#[test]
fn numbered_notes_are_not_agenda_items() {
    // 002 L1-66: "Notes: 1) … 2) … 3) …" below the items.
    let pack = parse(&cut(S002, 1, 66));
    assert_eq!(pack.agenda.len(), 8);
    assert_eq!(pack.agenda.last().unwrap().title, "Any Other Business");
    assert!(
        pack.meta
            .contact
            .as_deref()
            .unwrap()
            .contains("Michelle Rose")
    );
}

// --- Links -------------------------------------------------------------------------

#[test]
fn items_link_by_similar_title_and_take_their_followers() {
    let pack = parse(
        &std::fs::read_to_string(format!(
            "{}/seeds/{S004}",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
        ))
        .unwrap(),
    );
    let item4 = pack.agenda_item("4").unwrap();
    let docs: Vec<DocKind> = item4
        .documents
        .iter()
        .map(|d| pack.document(*d).unwrap().kind)
        .collect();
    // "… Children Partnership Annual Report 2020-2021" ↔ "… Children's Partnership Annual report".
    assert_eq!(docs, vec![DocKind::BriefingNote, DocKind::Report]);
    let minutes = pack.agenda_item("3").unwrap();
    assert_eq!(
        pack.document(minutes.documents[0]).unwrap().kind,
        DocKind::Minutes
    );
    assert!(pack.agenda_item("9").unwrap().documents.is_empty());
}

#[test]
fn item_promising_pages_without_a_paper_is_reported() {
    // The front sheet alone: every item with pages lacks its paper.
    let pack = parse(&cut(S000, 1, 52));
    assert!(
        pack.diagnostics
            .iter()
            .any(|d| d.message.starts_with("agenda item 4 promises pages 11–16"))
    );
}

#[test]
fn unlinked_item_with_pages_takes_the_next_paper_in_order() {
    // Front sheet, then a note whose subject shares no words with item 4's title.
    let text = format!(
        "{}\n\n{}",
        cut(S000, 1, 52),
        cut(S000, 219, 240).replace(
            "Subject: Family Valued Programme",
            "Subject: Progress report"
        )
    );
    let pack = parse(&text);
    assert_eq!(pack.documents[1].agenda_item.as_deref(), Some("4"));
}

// --- Minutes -----------------------------------------------------------------------

#[test]
fn attendance_lists_wrap_and_cabinet_and_invited_blocks() {
    let pack = parse(&cut(S002, 68, 113));
    let m = pack.documents[0].minutes.as_ref().unwrap();
    assert_eq!(m.date.as_deref(), Some("2019-11-28"));
    assert_eq!(m.present.len(), 7);
    assert_eq!(
        m.substitutes,
        vec!["Councillor J Clifford (substitute for Councillor B Kaur)"]
    );
    assert_eq!(m.other_members.len(), 2);
    assert_eq!(m.invited.len(), 4);
    assert_eq!(
        m.apologies,
        vec![
            "Councillor L Kelly",
            "Councillor R Thay",
            "Councillor B Kaur",
            "Mrs K Jones"
        ]
    );
    assert_eq!(m.employees.len(), 2);
}

#[test]
fn duplicated_minute_number_is_kept_and_reported() {
    let pack = parse(&cut(S000, 53, 213));
    let m = pack.documents[0].minutes.as_ref().unwrap();
    let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        numbers,
        vec!["13", "14", "15", "16", "16", "18", "19", "20", "21"]
    );
    assert!(
        pack.diagnostics
            .iter()
            .any(|d| d.message == "two minutes numbered 16" && d.related.is_some())
    );
    // Items with no RESOLVED have none.
    assert!(m.items[0].resolutions.is_empty());
}

#[test]
fn resolution_shapes() {
    let pack = parse(&cut(S000, 53, 213));
    let m = pack.documents[0].minutes.as_ref().unwrap();
    // Inline "RESOLVED that …".
    assert!(
        m.items[2].resolutions[0]
            .text
            .starts_with("RESOLVED that the Board agrees to exclude")
    );
    // "- 1. text**" parts under a lead-in.
    let parts = &m.items[3].resolutions;
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].number.as_deref(), Some("1"));
    assert_eq!(parts[0].text, "Notes the current progress.");
    assert_eq!(
        parts[0].lead_in.as_deref(),
        Some("RESOLVED that the Board:")
    );
    // A part split by a page break is joined.
    let split = &m.items[4].resolutions[2];
    assert!(
        split.text.ends_with("be invited to attend that meeting."),
        "{}",
        split.text
    );
    // Lines 191-193 of the seed; the fixture starts at line 53.
    assert_eq!(
        (split.lines.first(), split.lines.last()),
        (191 - 52, 193 - 52)
    );

    // "- 1) text**" (002) and "- 1) **text**" (004).
    let pack = parse(&cut(S002, 68, 200));
    let m = pack.documents[0].minutes.as_ref().unwrap();
    assert_eq!(m.items[2].resolutions.len(), 3);
    assert!(
        m.items[2].resolutions[0]
            .text
            .starts_with("acknowledge progress")
    );
    let pack = parse(&cut(S004, 73, 260));
    let m = pack.documents[0].minutes.as_ref().unwrap();
    let fsm = m.items.iter().find(|i| i.number == "21").unwrap();
    assert_eq!(
        fsm.resolutions[0].text,
        "Note the content of the briefing note and concern about the extent of Food Poverty nationally and in the city"
    );
}

// --- Tables ------------------------------------------------------------------------

#[test]
fn table_with_leading_empty_header_cell_and_footnote() {
    let pack = parse(&cut(S000, 255, 266));
    let t = all_tables(&pack)[0];
    assert_eq!(
        t.header,
        vec![vec!["", "FGC Referrals", "Initial FGCs", "Conversion Rate"]]
    );
    assert_eq!(t.body.len(), 4);
    assert_eq!(t.footnotes.len(), 1);
    assert!(t.footnotes[0].to_plain().starts_with("*NB"));
}

#[test]
fn numeric_columns_are_marked_once_at_parse_time() {
    // 000 L259-263: labels, then counts and a percentage.
    let pack = parse(&cut(S000, 255, 266));
    assert_eq!(all_tables(&pack)[0].numeric, vec![false, true, true, true]);
    // 004 L1066-1074: "Not received" cells do not outvote the numbers; the caveat is text.
    let pack = parse(&cut(S004, 1064, 1075));
    assert_eq!(
        all_tables(&pack)[0].numeric,
        vec![false, true, true, true, true, false]
    );
}

#[test]
fn two_level_header_and_empty_cells() {
    let pack = parse(&cut(S000, 278, 289));
    let t = all_tables(&pack)[0];
    assert_eq!(t.header.len(), 2);
    assert_eq!(t.header[0][1], "Placement Cost Avoidance");
    assert_eq!(t.header[1][1], "2021/22");
    assert_eq!(rows(t)[1][1], "", "an empty cell stays empty");
    assert_eq!(t.body[0].kind, RowKind::Data);
    assert_eq!(t.body[4].kind, RowKind::Total, "Total");
    assert_eq!(t.body[6].kind, RowKind::Total, "Net impact");
}

#[test]
fn table_split_by_a_footnote_is_joined() {
    let pack = parse(&cut(S002, 473, 488));
    let tables = all_tables(&pack);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].body.len(), 8);
    assert_eq!(
        tables[0].footnotes[0].to_plain(),
        "¹ Wte = whole time equivalent"
    );
}

#[test]
fn table_split_by_a_blank_line_is_joined() {
    let pack = parse(&cut(S004, 823, 869));
    let tables = all_tables(&pack);
    assert_eq!(tables.len(), 1);
    assert_eq!(
        tables[0].header,
        vec![vec!["Course Title", "Attendee total"]]
    );
    assert_eq!(tables[0].body.len(), 41);
}

#[test]
fn page_break_with_repeated_caption_and_header_joins_and_merges_the_carried_row() {
    let pack = parse(&cut(S000, 505, 534));
    let tables = all_tables(&pack);
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!(t.header.len(), 1);
    let plain = rows(t);
    let autism = plain
        .iter()
        .find(|r| r[1].starts_with("Task and Finish Group"))
        .unwrap();
    assert!(
        autism[2].ends_with("who are on the autism assessment pathway."),
        "{}",
        autism[2]
    );
    assert!(
        plain.iter().all(|r| r[0] != "Date"),
        "the repeated header is not a row"
    );
    assert!(
        pack.diagnostics
            .iter()
            .any(|d| d.message.contains("row continued"))
    );
}

#[test]
fn tables_sharing_a_caption_stay_apart() {
    let pack = parse(&cut(S004, 972, 980));
    let tables = all_tables(&pack);
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].header[0][0], "New Plans");
    assert_eq!(tables[1].header[0][0], "All Current Plans at Quarter End");
}

#[test]
fn section_rows_and_italic_cells() {
    let pack = parse(&cut(S002, 365, 389));
    let t = all_tables(&pack)[0];
    let sections: Vec<&str> = t
        .body
        .iter()
        .filter(|r| r.kind == RowKind::Section)
        .map(|r| r.text(0).unwrap_or_default().to_string())
        .map(|s| Box::leak(s.into_boxed_str()) as &str)
        .collect();
    assert_eq!(
        sections,
        vec!["Core Libraries", "Partnership Libraries", "Community"]
    );
    let council_run = t
        .body
        .iter()
        .find(|r| r.text(0) == Some("Council Run"))
        .unwrap();
    let cell = council_run.cell(0).unwrap();
    let meetpack_core::model::CellPart::Text { text } = &cell.parts[0] else {
        panic!("text cell")
    };
    assert!(text.spans[0].italic);
}

#[test]
fn headerless_and_transposed_tables() {
    let pack = parse(&cut(S002, 395, 400));
    assert_eq!(all_tables(&pack)[0].kind, TableKind::Headerless);
    let pack = parse(&cut(S004, 874, 879));
    let t = all_tables(&pack)[0];
    assert_eq!(t.kind, TableKind::Transposed);
    assert_eq!(rows(t)[1][0], "General comments");
}

#[test]
fn cell_lists_and_paragraphs_are_structured() {
    let pack = parse(&cut(S000, 509, 511));
    let t = all_tables(&pack)[0];
    let cell = t.body[0].cell(1).unwrap();
    assert!(
        matches!(&cell.parts[1], meetpack_core::model::CellPart::List { items } if items.len() == 2)
    );
    let pack = parse(&cut(S004, 876, 878));
    let cell = all_tables(&pack)[0].body[1].cell(1).unwrap();
    assert_eq!(
        cell.parts
            .iter()
            .filter(|p| matches!(p, meetpack_core::model::CellPart::Paragraph { .. }))
            .count(),
        2
    );
}

#[test]
fn author_blocks_and_contents_are_not_tables() {
    let pack = parse(&cut(S004, 299, 305));
    assert!(all_tables(&pack).is_empty());
    let fields = pack.documents[0].blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Fields { fields } => Some(fields),
        _ => None,
    });
    assert_eq!(fields.unwrap()[0].label, "Name of Author");
    let pack = parse(&cut(S004, 322, 338));
    assert!(all_tables(&pack).is_empty());
}

// --- Blocks and inline ---------------------------------------------------------------

#[test]
fn headings_numbered_paragraphs_and_list_levels() {
    let pack = parse(&cut(S000, 229, 247));
    let kinds: Vec<&BlockKind> = pack.documents[0].blocks.iter().map(|b| &b.kind).collect();
    assert!(matches!(kinds[0], BlockKind::Heading { number: Some(n), .. } if n == "1"));
    assert!(matches!(kinds[1], BlockKind::Numbered { number, .. } if number == "1.1"));
    // "- 1) …" then " - 2) …": one list, one level.
    let levels: Vec<u8> = kinds
        .iter()
        .filter_map(|k| match k {
            BlockKind::ListItem { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, vec![1, 1, 1]);
}

#[test]
fn paragraph_cut_by_a_page_break_is_one_block() {
    let pack = parse(&cut(S000, 267, 273));
    let numbered: Vec<_> = pack.documents[0]
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Numbered { .. }))
        .collect();
    assert_eq!(numbered.len(), 3);
    assert_eq!(
        (numbered[1].lines.first(), numbered[1].lines.last()),
        (3, 5)
    );
}

// --- Input shapes ------------------------------------------------------------------

#[test]
fn crlf_cr_bom_and_form_feeds() {
    let lf = cut(S000, 219, 240);
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let cr = lf.replace('\n', "\r");
    let ff = lf.replace("\n\n2 Recommendations", "\n\u{c}\n2 Recommendations");
    let reference = meetpack_core::views::outline::outline(&parse(&lf));
    for variant in [crlf, cr, ff] {
        let pack = load(variant.as_bytes()).unwrap().pack;
        assert_eq!(
            meetpack_core::views::outline::outline(&pack)
                .lines()
                .skip(1)
                .collect::<Vec<_>>(),
            reference.lines().skip(1).collect::<Vec<_>>()
        );
    }
}

#[test]
fn windows_1252_is_decoded_and_said() {
    let text = cut(S000, 240, 245);
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    let pack = load(&bytes).unwrap().pack;
    assert_eq!(pack.source.encoding, "windows-1252");
    assert!(pack.diagnostics[0].message.contains("Windows-1252"));
    assert!(meetpack_core::views::outline::outline(&pack).contains("£4,204,141"));
}

#[test]
fn whitespace_only_lines_are_blank() {
    let text = cut(S000, 229, 233).replace("\n\n", "\n \u{a0}\t\n");
    let pack = parse(&text);
    assert!(matches!(
        pack.documents[0].blocks[0].kind,
        BlockKind::Heading { .. }
    ));
}

#[test]
fn binary_and_empty_input_are_refused() {
    assert!(load(b"%PDF-1.4\n%\xe2\xe3").is_err());
    assert!(load(b"\x00\x01\x02\x03").is_err());
    assert!(load(b"").is_err());
}

#[test]
fn letterheads_are_marked_for_the_reader() {
    // 000 L219-240: council, "Briefing note", To/Date/Subject (L9), then "1 Purpose of the
    // Note" (L11). The letterhead ends at the Subject: text before the first section (a
    // summary, recommendations) stays in the reading flow.
    let pack = parse(&cut(S000, 219, 240));
    let header = pack.documents[0].header.expect("a note's letterhead");
    assert_eq!((header.first(), header.last()), (1, 9));
    // 000 L53-95: the minutes' title and attendance end at "Apologies: …" (L82).
    let pack = parse(&cut(S000, 53, 95));
    let header = pack.documents[0].header.expect("the minutes' letterhead");
    assert_eq!(header.last(), 82 - 52);
}
