//! Rule fixtures cut from other councils' documents (`tests/corpus/`), by line range, so
//! that every general rule is shown working on text it was not written for. The
//! Coventry fixtures are in `rules.rs`.

use meetpack_core::model::{DocKind, Pack};
use meetpack_core::parse::parse;

/// Lines `first..=last` (1-based) of a corpus file.
fn cut(file: &str, first: usize, last: usize) -> String {
    let path = format!(
        "{}/tests/corpus/{file}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let bytes = std::fs::read(path).expect("corpus file");
    String::from_utf8_lossy(&bytes)
        .split('\n')
        .skip(first - 1)
        .take(last + 1 - first)
        .collect::<Vec<_>>()
        .join("\n")
}

fn minutes(pack: &Pack) -> Vec<(String, String, usize)> {
    pack.documents
        .iter()
        .filter_map(|d| d.minutes.as_ref())
        .flat_map(|m| &m.items)
        .map(|i| (i.number.clone(), i.title.clone(), i.resolutions.len()))
        .collect()
}

fn numbers(pack: &Pack) -> Vec<String> {
    minutes(pack).into_iter().map(|(n, _, _)| n).collect()
}

const KENT_MINUTES: &str = "pdf/23_kent-cc-full-council-2025-02-13_printed-minutes.layout.txt";
const KENT_PANEL: &str = "pdf/25_kent-cc-corporate-parenting-panel-2024-12-10_minutes.layout.txt";
const TINTERN: &str = "pdf/20_tintern-cc-2018-09-24_minutes.layout.txt";
const MILBURN: &str = "pdf/16_milburn-pc-2018-01-16_minutes.layout.txt";
const SOULDERN: &str = "pdf/13_souldern-pc-2025-11-27_minutes.layout.txt";
const SOULDERN_AGENDA: &str = "pdf/14_souldern-pc-2019-11-28_agenda.layout.txt";
const SOUTHWARK_REPORT: &str =
    "pdf/02_southwark-executive-2008-05-20_report-item-9-property.layout.txt";
const WELSH: &str = "pdf/22_manordeilo-salem-cc-2019-10-09_minutes-welsh.layout.txt";
const HTML: &str = "other-councils/08_manordeilo-salem-cc-minutes-2020-06-10_html.txt";

#[test]
fn unnumbered_minutes_with_item_references_and_numbered_paragraphs() {
    // Kent 25 L1-66: headings followed by "(Item N)"; numbered paragraphs 1., 2., 3. and
    // lettered points inside item 4 are not minutes; "Minutes of the meeting held on 29
    // October 2024" is the item that confirms them, not a second set of minutes.
    let pack = parse(&cut(KENT_PANEL, 1, 66));
    assert_eq!(pack.documents.len(), 1);
    assert_eq!(pack.documents[0].kind, DocKind::Minutes);
    let got = minutes(&pack);
    assert_eq!(numbers(&pack), vec!["1", "2", "3", "4"]);
    assert_eq!(got[2].1, "Minutes of the meeting held on 29 October 2024");
    assert_eq!(got[2].2, 1, "RESOLVED that the minutes … be signed");
    let item4 = &pack.documents[0].minutes.as_ref().unwrap().items[3];
    assert!(
        item4
            .resolutions
            .iter()
            .any(|r| r.text.starts_with("RESOLVED that the update be noted")),
        "3. RESOLVED that the update be noted: {:?}",
        item4.resolutions
    );
    assert_eq!(
        pack.meta.committee.as_deref(),
        Some("Corporate Parenting Panel")
    );
    assert_eq!(pack.meta.date.as_deref(), Some("2024-12-10"));
}

#[test]
fn printed_minutes_number_wins_over_item_reference_and_votes_are_recorded() {
    // Kent 23 L1-124: "286." with "(Item 1)" below; a recorded vote For/Against/Abstain
    // with names, then "Motion carried." and the RESOLVED it carried.
    let pack = parse(&cut(KENT_MINUTES, 1, 124));
    assert_eq!(
        numbers(&pack),
        vec!["286", "287", "288", "289", "290", "291"]
    );
    // Kent's full council ("a meeting of the County Council") has the council's own name,
    // so its agendas and minutes file under one committee, as a parish's do.
    assert_eq!(pack.meta.committee.as_deref(), Some("Kent County Council"));
    assert_eq!(pack.meta.date.as_deref(), Some("2025-02-13"));
    let item = &pack.documents[0].minutes.as_ref().unwrap().items[4];
    let carried = item
        .resolutions
        .iter()
        .find(|r| r.outcome.as_deref() == Some("carried"))
        .expect("the motion carried");
    let votes = carried.votes.as_ref().expect("its recorded vote");
    assert_eq!(
        (votes.for_count, votes.against_count, votes.abstain_count),
        (Some(57), Some(0), Some(2))
    );
    assert!(votes.for_names.len() >= 50, "{}", votes.for_names.len());
}

#[test]
fn amendments_lost_start_at_the_amendment() {
    // Kent 23 L286-330: "(11) Mr Hood proposed, and Mr Lewis seconded the following
    // amendment:" … the vote … "Amendment lost."
    let pack = parse(&cut(KENT_MINUTES, 286, 330));
    let res: Vec<_> = pack.documents[0]
        .minutes
        .iter()
        .flat_map(|m| &m.items)
        .flat_map(|i| &i.resolutions)
        .chain(&pack.documents[0].decisions)
        .collect();
    // A fragment without a minute heading: no minutes, so nothing is claimed.
    assert!(res.is_empty() || res.iter().any(|r| r.outcome.as_deref() == Some("lost")));
    let whole = parse(&cut(KENT_MINUTES, 1, 330));
    let lost: Vec<_> = whole.documents[0].minutes.as_ref().unwrap().items[5]
        .resolutions
        .iter()
        .filter(|r| r.outcome.as_deref() == Some("lost"))
        .collect();
    assert_eq!(lost.len(), 2, "two amendments lost in L124-330");
    assert!(
        lost[1]
            .lead_in
            .as_deref()
            .unwrap_or("")
            .contains("Mr Hood proposed")
    );
    assert_eq!(lost[1].lines.first(), 290);
}

#[test]
fn running_numbers_with_run_in_titles() {
    // Tintern 20 L1-40: running numbers 2564… that continue from meeting to meeting, each
    // with a run-in title ("2568. Approval of minutes of previous meeting: Approved …").
    let pack = parse(&cut(TINTERN, 1, 40));
    let got = minutes(&pack);
    assert_eq!(got[0].0, "2564");
    assert!(
        got.iter().any(|(n, t, r)| n == "2568"
            && t == "Approval of minutes of previous meeting"
            && *r >= 1)
    );
    assert_eq!(
        pack.meta.committee.as_deref(),
        Some("Tintern Community Council")
    );
}

#[test]
fn dotted_references_with_a_leading_zero_and_all_agreed() {
    // Milburn 16 L1-60: 18.01.1 … 18.01.4, then 18.01.05; "All agreed this was a true
    // record" inside a sentence is a decision.
    let pack = parse(&cut(MILBURN, 1, 60));
    assert_eq!(
        numbers(&pack),
        vec![
            "18.01.1", "18.01.2", "18.01.3", "18.01.4", "18.01.05", "18.01.6"
        ]
    );
    assert_eq!(minutes(&pack)[2].2, 1);
    assert_eq!(pack.meta.date.as_deref(), Some("2018-01-16"));
}

#[test]
fn a_typo_in_a_reference_still_continues_the_sequence() {
    // Souldern 13: 11.25.01 … 11.25.10 then 10.25.12 (the source's typo for 11.25.12).
    let pack = parse(&cut(SOULDERN, 1, 243));
    let got = numbers(&pack);
    assert_eq!(got.first().map(String::as_str), Some("11.25.01"));
    assert_eq!(got.last().map(String::as_str), Some("10.25.12"));
    assert_eq!(
        pack.meta.committee.as_deref(),
        Some("Souldern Parish Council")
    );
}

#[test]
fn agenda_items_follow_the_sheets_numbering() {
    // Souldern 14 L1-55: items "1." … "5." then "6     Highways" without a full stop;
    // the action references "09.19.06" inside item 5 are not items.
    let pack = parse(&cut(SOULDERN_AGENDA, 1, 55));
    assert_eq!(pack.documents[0].kind, DocKind::Agenda);
    let got: Vec<&str> = pack.agenda.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(got, vec!["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert_eq!(pack.agenda[5].title, "Highways/Footpaths/Verges updates");
    assert_eq!(pack.meta.date.as_deref(), Some("2019-11-28"));
}

#[test]
fn a_report_with_numbered_paragraphs_is_not_an_agenda_and_appendices_start_pages() {
    // Southwark 02: a report header grid (Item No. / Classification / Date / Meeting
    // Name) and numbered paragraphs, then appendices at the top of their pages.
    let text = cut(SOUTHWARK_REPORT, 1, 1311);
    let pack = parse(&text);
    assert_eq!(pack.documents[0].kind, DocKind::Report);
    // Titled from its "Report title:" field, not from the grid's label row above it.
    assert!(
        pack.documents[0]
            .title
            .starts_with("Corporate Property Management Arrangements"),
        "{}",
        pack.documents[0].title
    );
    assert!(pack.agenda.is_empty());
    let starts: Vec<(DocKind, u32)> = pack
        .documents
        .iter()
        .map(|d| (d.kind, d.lines.first()))
        .collect();
    assert_eq!(starts.len(), 5, "{starts:?}");
    assert!(starts[1..].iter().all(|(k, _)| *k == DocKind::Appendix));
    assert_eq!(pack.meta.date.as_deref(), Some("2008-05-20"));
}

#[test]
fn welsh_minutes_have_their_date_and_decisions() {
    // Manordeilo & Salem 22 (Welsh): "CYFARFOD 9fed HYDREF 2019"; "Cytunwyd …".
    let pack = parse(&cut(WELSH, 1, 197));
    assert_eq!(pack.meta.date.as_deref(), Some("2019-10-09"));
    assert_eq!(numbers(&pack).len(), 12);
    let decided = minutes(&pack).iter().map(|(_, _, r)| r).sum::<usize>();
    assert!(decided >= 5, "{decided}");
}

#[test]
fn minutes_numbered_by_an_html_list() {
    // Manordeilo & Salem 08: `<ol>` items each opening with an `<h4>` heading.
    let pack = parse(&cut(HTML, 1, 175));
    let got = minutes(&pack);
    assert_eq!(got.len(), 13);
    assert_eq!(got[0].1, "WELCOME AND APOLOGIES");
    assert_eq!(got[12].0, "13");
}

#[test]
fn a_decision_notice_keeps_its_decisions_on_the_document() {
    // No decision notice is in the corpus: this one is written in the common shape
    // (a "Record of Executive Decision" header, "Decision:" label).
    let text = "Record of Executive Decision\n\nDecision maker: Cabinet Member for Housing\nDate: 4 March 2024\n\nSubject: Temporary accommodation contract\n\nDecision: To award the contract to Acme Housing Ltd for three years.\n\nReasons for the decision\nThe tender was the most economically advantageous.";
    let pack = parse(text);
    assert_eq!(pack.documents[0].kind, DocKind::DecisionNotice);
    let d = &pack.documents[0].decisions;
    assert_eq!(d.len(), 1);
    assert!(d[0].text.contains("award the contract"));
    assert_eq!(pack.meta.date.as_deref(), Some("2024-03-04"));
}

#[test]
fn a_reports_summary_before_its_first_section_is_not_folded_into_the_card() {
    // Kent 24 L29-80: "Agenda Item 3", From/To/Subject/Classification, then "Summary:" and
    // "Recommendations:" before "1. Background": only the letterhead is the card.
    let pack = parse(&cut(
        "pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.layout.txt",
        29,
        80,
    ));
    let doc = &pack.documents[0];
    let header = doc.header.expect("a letterhead");
    let summary = cut(
        "pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.layout.txt",
        29,
        80,
    )
    .split('\n')
    .position(|l| l.trim_start().starts_with("Summary"))
    .expect("a Summary line") as u32
        + 1;
    assert!(header.last() < summary, "{header:?} hides line {summary}");
}

/// A report header grid names the title in a field whose value wraps: the title is the
/// whole value, not the grid's label row above it nor half the subject.
#[test]
fn a_report_is_titled_from_its_title_field_with_the_wrapped_lines_joined() {
    let title = |text: &str| parse(text).documents[0].title.clone();
    // Labels and values in columns, the value wrapped onto a second line.
    let grid = cut(
        "pdf/03_southwark-cabinet-member-2015-02_decision-report.layout.txt",
        1,
        12,
    );
    assert_eq!(
        title(&grid),
        "Aylesbury Regeneration – Early activation of 57-76 Northchurch"
    );
    // "Report title:" with a colon; the value's second line is joined, the blank line
    // under it ends the title.
    let colon = cut(
        "pdf/01_southwark-planning-committee-2016-07-12_officer-report-item-5-1.layout.txt",
        1,
        12,
    );
    assert_eq!(
        title(&colon),
        "Development Management planning application: Application 15/AP/5125 for: Full Planning Permission"
    );
    // A "Subject:" field followed straight away by the next field: nothing joined.
    let fields = "REPORT TO CABINET\n\nSubject:\tHighways asset management plan\nWard(s):\tAll wards\nFrom:\tDirector of Place\n\n1. Purpose\n\nThis report sets out the plan.\n";
    assert_eq!(title(fields), "Highways asset management plan");
}

/// Minutes whose pages are numbered at the top are not titled by the page number.
#[test]
fn a_page_number_at_the_top_of_minutes_is_not_their_title() {
    let text = cut(
        "pdf/21_manordeilo-salem-cc-2019-10-09_minutes-english.layout.txt",
        1,
        400,
    );
    let pack = parse(&text);
    assert_eq!(pack.documents[0].kind, DocKind::Minutes);
    assert_eq!(
        pack.documents[0].title,
        "Minutes – MANORDEILO & SALEM COMMUNITY COUNCIL"
    );
}
