//! The agenda front sheet: meeting details and the numbered items with their page
//! ranges, lettered sub-items, presenter lines and descriptions.

use super::lines::Line;
use super::numbering::ItemStart;
use super::text::{self, static_regex};
use super::{Context, dates, inline};
use crate::model::{AgendaItem, DiagnosticKind, Lines, Meta, SubItem};

static_regex!(NUMBER_ONLY, r"^(\d{1,3})\.$");
static_regex!(ITEM, r"^(\d{1,4})(?:\\?\.\s+|\.?\t\s*)(\S.*)$");
static_regex!(
    PAGES,
    r"(?i)\(\s*pages?\s+(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s*\)"
);
static_regex!(
    SUB_ITEM,
    r"^(?:[-•]\s+)?(\(?[a-z]\)|\([ivx]{1,4}\)|[a-z]\.)\s+(\S.*)$"
);
static_regex!(
    PRESENTER,
    r"(?i)^(?:joint\s+)?(?:briefing\s+notes?|reports?|verbal\s+(?:update|report)|presentation|covering\s+report)\b"
);
static_regex!(SECTION, r"(?i)^(?:public|private)\s+business$");
static_regex!(
    STOP,
    r"(?i)^(?:notes?\s*:|membership\s*:|please note\b|public access$|yours\s+(?:sincerely|faithfully)\b)"
);
static_regex!(
    TIME,
    r"(?i)\b(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|noon))"
);
static_regex!(
    LABEL,
    r"(?i)^(time and date|date and time|place|venue|time|date)\s*:?\s*(.*)$"
);
static_regex!(
    CONTACT,
    r"(?i)person to contact|contact about|contact officer\s*:|for (?:further )?(?:information|enquiries)\b|enquiries to\s*:"
);

/// Reads the front sheet.
pub fn parse(lines: &[Line<'_>], cx: &mut Context) -> (Meta, Vec<AgendaItem>) {
    let plain: Vec<String> = lines.iter().map(|l| l.plain.trim().to_string()).collect();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !plain[i].is_empty()).collect();
    let mut meta = Meta::default();
    // A web page's front matter ("date: 2012-10-02", the day it was posted) is not the
    // front sheet's.
    let front = super::lines::front_matter(lines).map_or(0, |(_, end)| end + 1);
    let nonblank: Vec<usize> = nonblank.into_iter().filter(|&i| i >= front).collect();
    read_labels(&plain, &nonblank, &mut meta);
    meta.committee = super::meta::committee(nonblank.iter().map(|&i| plain[i].as_str()));
    // The meeting's date by context (a weekday, "held on") beats a letter's "Date:" line.
    if let Some(date) = dates::meeting_date(nonblank.iter().take(60).map(|&i| plain[i].as_str())) {
        meta.date = Some(date);
    }
    let items = read_items(lines, &plain, &nonblank, &mut meta, cx);
    (meta, items)
}

/// "Time and Date" / "Place" labels with their value on the next line, or inline.
fn read_labels(plain: &[String], nonblank: &[usize], meta: &mut Meta) {
    for (n, &i) in nonblank.iter().enumerate() {
        let Some(c) = LABEL.captures(&plain[i]) else {
            continue;
        };
        let inline_value = c.get(2).map_or("", |m| m.as_str()).trim();
        let value = if inline_value.is_empty() {
            match nonblank.get(n + 1) {
                Some(&j) => plain[j].as_str(),
                None => continue,
            }
        } else if plain[i].contains(':') {
            inline_value
        } else {
            continue;
        };
        let label = c[1].to_lowercase();
        if label.contains("date") || label.contains("time") {
            if meta.date.is_none() {
                meta.date = dates::find_iso(value);
            }
            if meta.time.is_none() {
                meta.time = TIME.captures(value).map(|t| t[1].to_string());
            }
        } else if meta.venue.is_none() {
            meta.venue = Some(value.to_string());
        }
    }
}

/// The numbered items, and the contact, membership and publication date found among
/// them. Each line is asked the rules in order: does it end the items, name the contact,
/// give the membership; is it a section heading, an item's start, or a detail of the
/// item above.
fn read_items(
    lines: &[Line<'_>],
    plain: &[String],
    nonblank: &[usize],
    meta: &mut Meta,
    cx: &mut Context,
) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = Vec::new();
    let mut section: Option<String> = None;
    // The item above has its description, or a section heading stands above it: a line
    // that fits no other rule is only added to a description it continues.
    let mut described = false;
    let mut in_items = true;
    let mut prev_line = 0usize;
    let mut membership_below = false;
    // The item numbers are the sheet's numbering sequence: numbered lines that break it
    // (a numbered note under an item, a reference such as "09.19.06") are not items.
    let chain = super::numbering::find_items(lines);
    let mut chain_at = chain.iter().peekable();
    for (n, &i) in nonblank.iter().enumerate() {
        let t = plain[i].as_str();
        let no = lines[i].no;
        while chain_at.next_if(|c| c.at < i).is_some() {}
        let start = chain_at.next_if(|c| c.at == i);
        if start.is_some() {
            in_items = true;
        }
        let next = nonblank.get(n + 1).map_or("", |&j| plain[j].as_str());
        // A date that finishes the sentence above ("… the minutes of the meeting held on"
        // / "4 February 2025.") is the item's, not the sheet's closing date.
        let carries_on = i > 0
            && !lines[i - 1].is_blank()
            && plain[i - 1]
                .trim_end()
                .ends_with(|c: char| c.is_lowercase() || c == ',');
        if !items.is_empty() && in_items && !carries_on && (ends_items(t) || signs_off(t, next)) {
            in_items = false;
        }
        if meta.contact.is_none()
            && let Some(contact) = contact_at(t, i, plain, nonblank)
        {
            meta.contact = Some(contact);
        }
        read_membership(t, &mut membership_below, meta);
        if !in_items {
            if meta.published.is_none() && (dates::is_date_line(t) || PUBLISHED.is_match(t)) {
                meta.published = dates::find_iso(t);
            }
            continue;
        }
        if SECTION.is_match(t) {
            section = Some(t.to_string());
            described = true;
            continue;
        }
        if let Some(item) = item_start(&lines[i], i, t, start, chain.is_empty(), &section) {
            items.push(item);
            described = false;
            prev_line = i;
            continue;
        }
        let Some(item) = items.last_mut() else {
            continue;
        };
        let follows = i == prev_line + 1;
        prev_line = i;
        if let Some(detail) = detail_of(item, t, &lines[i], described, follows) {
            described |= matches!(detail, Detail::Description(_));
            detail.add_to(item, no);
        }
    }
    check(&items, cx);
    items
}

/// A "Notes:" block, "Membership:" or a date line (the sheet's publication date) ends
/// the items until the next item number.
fn ends_items(t: &str) -> bool {
    STOP.is_match(t) || dates::is_date_line(t)
}

/// The officer who signs the front sheet ("Benjamin Watts" above "General Counsel"): a
/// name of two to four capitalised words over a post. The items end above the name.
fn signs_off(t: &str, next: &str) -> bool {
    let words = text::word_count(t);
    (2..=4).contains(&words)
        && t.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || "-'’".contains(c))
        })
        && text::word_count(next) <= 8
        && SIGN_OFF_POST.is_match(next)
}

static_regex!(
    PUBLISHED,
    r"(?i)^(?:date\s+of\s+(?:publication|despatch|issue)|published|despatched|dispatched|issued)(?:\s+on)?\s*:?"
);
static_regex!(
    SIGN_OFF_POST,
    r"(?i)^(?:(?:interim|acting|deputy)\s+)?(?:general\s+counsel|chief\s+executive|managing\s+director|head\s+of\s+paid\s+service|solicitor\s+to\s+the\s+council|(?:chief\s+)?(?:legal|monitoring|democratic\s+services)\s+officer|head\s+of\s+(?:democratic|legal|governance)\b.*|director\s+of\s+(?:law|legal|governance|corporate)\b.*|(?:town|parish|council)\s+clerk|clerk\s+to\s+the\s+council|proper\s+officer)\b"
);

/// "Note: The person to contact about the agenda … is Tom Robinson": the contact line,
/// with its next line when the sentence goes on there.
fn contact_at(t: &str, i: usize, plain: &[String], nonblank: &[usize]) -> Option<String> {
    if !CONTACT.is_match(t) {
        return None;
    }
    let mut contact = t
        .trim_start_matches("Note:")
        .trim_start_matches("Notes:")
        .trim()
        .to_string();
    // "… for this meeting" / "is Michelle Rose, …": the sentence goes on below.
    if let Some(next) = nonblank
        .iter()
        .find(|&&j| j > i)
        .map(|&j| plain[j].as_str())
        && text::starts_lowercase(next)
    {
        contact.push(' ');
        contact.push_str(next);
    }
    Some(contact)
}

/// "Membership:" with the list inline, or alone with the list on the next line (`below`
/// remembers which, from one line to the next).
fn read_membership(t: &str, below: &mut bool, meta: &mut Meta) {
    if let Some(rest) = t.strip_prefix("Membership:") {
        let rest = rest.trim();
        *below = rest.is_empty();
        meta.membership = (!rest.is_empty()).then(|| rest.to_string());
    } else if *below {
        *below = false;
        meta.membership = Some(t.to_string());
    }
}

/// The item that starts at line `i`: one the numbering sequence starts there, or, on a
/// sheet where no sequence was found, a number alone on its line.
fn item_start(
    line: &Line<'_>,
    i: usize,
    t: &str,
    start: Option<&ItemStart>,
    no_chain: bool,
    section: &Option<String>,
) -> Option<AgendaItem> {
    if let Some(start) = start {
        // The title as written after the number (bold and page range kept for
        // new_item); a number alone takes its title from the line below.
        let raw = match ITEM.captures(line.text) {
            Some(c) => c.get(2).map_or("", |m| m.as_str()).to_string(),
            None if start.heading_end == i => after_number(line.text, &start.number),
            None => String::new(),
        };
        return Some(new_item(&start.number, &raw, line.no, section.clone()));
    }
    if no_chain && let Some(c) = NUMBER_ONLY.captures(t) {
        // OCR'd sheets put the number on a line of its own, the title below it.
        return Some(new_item(&c[1], "", line.no, section.clone()));
    }
    None
}

/// What a line under an item adds to it.
#[derive(Debug, PartialEq)]
enum Detail<'t> {
    /// The title of an item whose number stood alone.
    Title(String),
    /// "(Pages 11 - 58)" on a line of its own.
    Pages(Option<(u32, u32)>),
    SubItem(SubItem),
    /// "Briefing note of the Director of …", "Verbal update".
    Presenter(&'t str),
    /// A line of the item's description.
    Description(&'t str),
    /// The rest of a title cut at a joining word ("… Quarter 3 and the" / "Medium Term
    /// Financial Strategy Update"), with the pages printed after it.
    TitleRest(String, Option<Option<(u32, u32)>>),
}

/// The detail line `line` (`t`, its plain text trimmed) adds to `item`; None when it
/// adds nothing (a line after the description, not continuing it).
fn detail_of<'t>(
    item: &AgendaItem,
    t: &'t str,
    line: &Line<'_>,
    described: bool,
    follows: bool,
) -> Option<Detail<'t>> {
    if item.title.is_empty() && !SUB_ITEM.is_match(t) && !t.starts_with('(') {
        return Some(Detail::Title(
            crate::text::truncate_at_word(t, 120).into_owned(),
        ));
    }
    if let Some(p) = PAGES.captures(t)
        && PAGES
            .find(t)
            .is_some_and(|m| m.as_str().len() + 2 >= t.len())
    {
        return Some(Detail::Pages(pages(&p)));
    }
    if follows
        && item.description.is_none()
        && item.sub_items.is_empty()
        && title_cut(&item.title)
        && !SUB_ITEM.is_match(line.text.trim_start_matches(['\t', ' ']))
    {
        let (rest, pages_after) = match PAGES.captures(t) {
            Some(p) => (
                t[..p.get(0).map_or(t.len(), |m| m.start())].trim(),
                Some(pages(&p)),
            ),
            None => (t, None),
        };
        return Some(Detail::TitleRest(rest.to_string(), pages_after));
    }
    if let Some(c) = SUB_ITEM.captures(line.text.trim_start_matches(['\t', ' '])) {
        return Some(Detail::SubItem(SubItem {
            marker: c[1].to_string(),
            text: inline::parse(c.get(2).map_or("", |m| m.as_str())),
            lines: Lines(line.no, line.no),
        }));
    }
    if item.presenter.is_none() && PRESENTER.is_match(t) && text::word_count(t) <= 20 {
        return Some(Detail::Presenter(t));
    }
    // Only the first lines after the item, and lines running straight on from them.
    if !described || (follows && item.description.is_some()) {
        return Some(Detail::Description(t));
    }
    None
}

impl Detail<'_> {
    /// Adds the detail to the item, whose lines now reach the detail's line.
    fn add_to(self, item: &mut AgendaItem, no: u32) {
        match self {
            Detail::Title(title) => item.title = title,
            Detail::TitleRest(rest, pages) => {
                item.title.push(' ');
                item.title.push_str(&rest);
                if let Some(pages) = pages {
                    item.pages = pages;
                }
            }
            Detail::Pages(pages) => item.pages = pages,
            Detail::SubItem(sub) => item.sub_items.push(sub),
            Detail::Presenter(t) => item.presenter = Some(t.to_string()),
            Detail::Description(t) => {
                let d = item.description.get_or_insert_with(String::new);
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push_str(t);
            }
        }
        item.lines.1 = no;
    }
}

/// The text after a line's leading item number ("6     Highways" → "Highways").
fn after_number(text: &str, number: &str) -> String {
    let t = text.trim_start_matches(['*', ' ']);
    let at = t.find(number).map_or(0, |k| k + number.len());
    t.get(at..)
        .unwrap_or("")
        .trim_start_matches(['.', ')', ':', '\\'])
        .trim()
        .to_string()
}

fn new_item(number: &str, raw: &str, no: u32, section: Option<String>) -> AgendaItem {
    let pages_found = PAGES.captures(raw).and_then(|p| pages(&p));
    let without_pages = PAGES.replace_all(raw, "");
    // The title is the bold part when there is one: "**Minutes** (Pages 3 - 10)".
    let title = match (without_pages.find("**"), without_pages.rfind("**")) {
        (Some(a), Some(b)) if b > a + 2 => inline::plain(&without_pages[a..b + 2]),
        _ => inline::plain(&without_pages),
    };
    AgendaItem {
        number: number.to_string(),
        title: title.trim().trim_end_matches([':', '-']).trim().to_string(),
        lines: Lines(no, no),
        pages: pages_found,
        sub_items: Vec::new(),
        presenter: None,
        description: None,
        section,
        documents: Vec::new(),
    }
}

/// A title that stops on a joining word, a dash or a comma goes on below.
fn title_cut(title: &str) -> bool {
    let last = title.split_whitespace().last().unwrap_or("").to_lowercase();
    title.ends_with([',', '-', '–', '&'])
        || [
            "and", "the", "of", "for", "to", "in", "on", "with", "a", "an", "&", "by", "from",
        ]
        .contains(&last.as_str())
}

fn pages(c: &regex::Captures<'_>) -> Option<(u32, u32)> {
    let first: u32 = c.get(1)?.as_str().parse().ok()?;
    let last: u32 = c
        .get(2)
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or(first);
    Some((first, last.max(first)))
}

fn check(items: &[AgendaItem], cx: &mut Context) {
    for (k, item) in items.iter().enumerate() {
        if let Some(prev) = items[..k].iter().find(|p| p.number == item.number) {
            cx.diagnostics.push(crate::model::Diagnostic {
                kind: DiagnosticKind::Agenda,
                message: format!("two agenda items numbered {}", item.number),
                lines: item.lines,
                related: Some(prev.lines),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    /// A borough's front sheet as `pdftotext -layout` gives it: details as labels, page
    /// ranges on a line of their own, a title cut at "and the", a description ending in
    /// the last meeting's date.
    const BOROUGH_FRONT_SHEET: &str = "                                  Public Document Pack

                              Anytown Borough Council

                                 Cabinet

               Date:     Tuesday, 4 March 2025
               Time:     7.00 pm
               Venue:    Council Chamber, Town Hall

                                  AGENDA

   1.     Apologies for Absence

   2.     Declarations of Interest

   3.     Minutes of the Previous Meeting
                                                                  (Pages 5 - 12)
          To confirm as a correct record the minutes of the meeting held on
          4 February 2025.

   4.     Revenue Budget Monitoring Report 2024/25 - Quarter 3 and the
          Medium Term Financial Strategy Update
                                                                 (Pages 13 - 40)

   5.     Housing Matters
          a)   Housing Allocations Policy                        (Pages 41 - 60)
          b)   Tenancy Strategy                                  (Pages 61 - 80)

   6.     Exclusion of the Press and Public
          To consider passing the following resolution.

   7.     Land at Station Road (Pages 81 - 90)
";

    /// A city council's front sheet: labelled details, titles in capitals with their
    /// description below, signed by a managing director, then the date of publication.
    const CITY_FRONT_SHEET: &str = "                                     CABINET

MEETING:     Wednesday, 8th January 2025
TIME:        6.30 pm
VENUE:       Civic Suite, North Warehouse, The Docks, Gloucester, GL1 2EP
MEMBERS:     Councillors Cook (Leader of the Council and Cabinet Member for
             Environment) (Chair), Norman, Hilton and Lewis

                                     AGENDA

1.    APOLOGIES
      To receive any apologies for absence.

2.    DECLARATIONS OF INTEREST
      To receive from Members, declarations of the existence of any disclosable
      pecuniary, or non-pecuniary, interests.

3.    MINUTES (Pages 7 - 12)
      To approve as a correct record the minutes of the meeting held on 4th
      December 2024.

4.    PUBLIC QUESTION TIME (15 MINUTES)

5.    LEADER AND CABINET MEMBERS' QUESTION TIME (15 MINUTES)

6.    MONEY PLAN 2025-30 AND BUDGET PROPOSALS FOR 2025/26 (Pages 13 - 70)
      To consider the report of the Cabinet Member for Performance and
      Resources.

Jon McGinty
Managing Director
Date of Publication: Tuesday, 31 December 2024
";

    #[test]
    fn a_front_sheet_signed_by_a_managing_director_ends_its_items_there() {
        let pack = crate::parse::parse(CITY_FRONT_SHEET);
        assert_eq!(pack.meta.date.as_deref(), Some("2025-01-08"));
        assert_eq!(pack.meta.published.as_deref(), Some("2024-12-31"));
        let numbers: Vec<&str> = pack.agenda.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
        let last = &pack.agenda[5];
        assert_eq!(last.pages, Some((13, 70)));
        assert!(
            last.description
                .as_deref()
                .is_some_and(|d| !d.contains("McGinty")),
            "{:?}",
            last.description
        );
    }

    #[test]
    fn a_title_cut_at_a_joining_word_goes_on_and_the_last_meetings_date_is_not_the_meetings() {
        let pack = crate::parse::parse(BOROUGH_FRONT_SHEET);
        assert_eq!(pack.meta.date.as_deref(), Some("2025-03-04"));
        assert_eq!(pack.meta.published, None);
        assert_eq!(pack.agenda.len(), 7);
        assert_eq!(
            pack.agenda[2].description.as_deref(),
            Some(
                "To confirm as a correct record the minutes of the meeting held on 4 February 2025."
            )
        );
        assert_eq!(
            pack.agenda[3].title,
            "Revenue Budget Monitoring Report 2024/25 - Quarter 3 and the Medium Term Financial Strategy Update"
        );
        assert_eq!(pack.agenda[3].pages, Some((13, 40)));
        assert_eq!(pack.agenda[3].description, None);
    }

    use super::super::lines;
    use super::*;

    #[test]
    fn a_contact_sentence_going_on_below_is_joined() {
        // Cut from the seeds' front sheets.
        let text = "Notes: 1) The person to contact about the agenda and documents for this meeting\n\n\
            is Michelle Rose, Governance Services, Council House, Coventry\n";
        let plain: Vec<String> = lines::split(text)
            .iter()
            .map(|l| l.plain.trim().to_string())
            .collect();
        let nonblank: Vec<usize> = (0..plain.len()).filter(|&i| !plain[i].is_empty()).collect();
        assert_eq!(
            contact_at(&plain[0], 0, &plain, &nonblank).as_deref(),
            Some(
                "1) The person to contact about the agenda and documents for this meeting \
                 is Michelle Rose, Governance Services, Council House, Coventry"
            )
        );
        assert_eq!(contact_at(&plain[2], 2, &plain, &nonblank), None);
    }

    #[test]
    fn a_page_range_alone_is_the_items_pages_and_an_untitled_item_takes_the_next_line() {
        let lines = lines::split("(Pages 11 - 58)\n");
        let titled = new_item("4", "Minutes", 1, None);
        let t = lines[0].plain.trim();
        let detail = detail_of(&titled, t, &lines[0], false, true);
        assert_eq!(detail, Some(Detail::Pages(Some((11, 58)))));
        // Under an item whose title is still to come, the next plain line is its title.
        let untitled = new_item("4", "", 1, None);
        let lines = lines::split("Minutes\n");
        let detail = detail_of(&untitled, lines[0].plain.trim(), &lines[0], false, true);
        assert_eq!(detail, Some(Detail::Title("Minutes".into())));
    }

    #[test]
    fn the_officer_signing_the_front_sheet_is_not_the_last_items_description() {
        let text = "AGENDA\n\n1. Apologies\n2. Budget 2025-26 (Pages 9 - 40)\n3. Any Other Business\n\n\
                    Benjamin Watts\nGeneral Counsel\n03000 416814\n";
        let pack = crate::parse::parse(text);
        let last = pack.agenda.last().expect("items");
        assert_eq!(last.title, "Any Other Business");
        assert_eq!(last.description, None);
        assert!(signs_off("Julie Newman", "Chief Legal Officer"));
        assert!(!signs_off(
            "Any Other Business",
            "To consider any urgent item"
        ));
    }
}
