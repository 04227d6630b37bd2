//! Where each document of the pack starts, and what kind it is.
//!
//! Strong starts: a "Briefing note" heading (with or without the council's name above
//! it), a "Minutes of the meeting" heading, a note header (`To:` followed by `Subject:`)
//! with no heading, and an "Agenda Item N" stamp. Soft starts: the first line after a
//! separator ("This page is intentionally left blank"), and the first line after a note's
//! sign-off (authors, contacts) that is not part of it. Headings inside a long report
//! ("Contents", "Appendix 1 – …") never start a document; only a document that follows a
//! note's sign-off, or another appendix, can be an appendix.

use super::blocks::SEPARATOR;
use super::bookmarks::Mark;
use super::lines::Line;
use super::tables::is_field_label;
use super::text::{self, static_regex};
use super::{Context, dates};
use crate::model::{DiagnosticKind, DocKind, Lines};

/// A document's extent: line indices `start..end` (end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub kind: DocKind,
    pub start: usize,
    pub end: usize,
    pub title: String,
    /// The N of an "Agenda Item N" stamp at its top.
    pub stamp: Option<String>,
}

static_regex!(
    NOTE_HEADING,
    r"(?i)^(?:joint\s+)?briefing\s+note(?:\s+and\s+(?:annual\s+)?report)?$"
);
static_regex!(MINUTES_WORD, r"(?i)\b(?:minutes|cofnodion)\b");
static_regex!(STAMP, r"(?i)^agenda\s+item\s+(\d{1,3}[a-z]?)\.?$");
static_regex!(APPENDIX, r"(?i)^(?:appendix|annex|appendices)\b");
static_regex!(TO, r"^To\s*:");
static_regex!(SUBJECT, r"^Subject\s*:");
static_regex!(
    WORK_PROGRAMME,
    r"(?i)\b(?:work\s+programme|forward\s+plan|work\s+plan|committee\s+work\s+schedule)\b"
);
static_regex!(REPORT_WORD, r"(?i)\breport\b");
static_regex!(PLEASE_SEE, r"(?i)^please see page");
static_regex!(AGENDA_WORD, r"(?i)^agenda$");
static_regex!(
    PRESENT,
    r"(?i)^(?:present|members present|present in the chair|presennol|attendees|those present|councillors present)\s*:?\s*"
);
/// "Present", "PRESENT: Councillors …", "Members present:": a line that opens who attended
/// (not a sentence that begins "Present at the event were …").
fn is_attendance_heading(t: &str) -> bool {
    PRESENT.is_match(t)
        && (t.ends_with(':')
            || t.len() < 12
            || t.contains("Councillor")
            || t.contains("Cllr")
            || t.contains(':'))
}

static_regex!(AGENDA_ITEM, r"^\d{1,4}(?:\\?\.\s+|\.?\t\s*)\S");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    First,
    Heading,
    Header,
    Stamp,
    AfterSeparator,
    AfterSignOff,
    NextAppendix,
    Bookmark,
}

struct Start {
    at: usize,
    kind: DocKind,
    why: Why,
    stamp: Option<String>,
}

/// Splits the lines into documents covering every line; `marks` are where a PDF's
/// bookmarks say papers start ([`super::bookmarks`]).
pub(crate) fn split(lines: &[Line<'_>], marks: &[Mark], cx: &mut Context) -> Vec<Segment> {
    let plain: Vec<&str> = lines.iter().map(|l| l.plain.as_ref()).collect();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    if nonblank.is_empty() {
        return empty(lines);
    }
    let s = Scanner {
        lines,
        plain: &plain,
        nonblank: &nonblank,
    };
    let (starts, names) = with_marks(find_starts(&s), marks, &s);
    finish(merge_tiny(starts, &s), &names, &s, cx)
}

/// Adds the starts a PDF's bookmarks vouch for. A start the rules found on the page's
/// top is the same start: it only learns the bookmark's item, when it has no stamp.
/// Also gives the bookmarks' names of the reports and appendices they start (by line):
/// the publisher's name for a paper beats its first line.
fn with_marks(
    mut starts: Vec<Start>,
    marks: &[Mark],
    s: &Scanner<'_, '_>,
) -> (Vec<Start>, Vec<(usize, String)>) {
    let mut names = Vec::new();
    for m in marks {
        let k = starts.partition_point(|s| s.at < m.at);
        if let Some(same) = starts.get_mut(k).filter(|s| s.at < m.top_end) {
            if same.stamp.is_none() && same.kind != DocKind::Agenda {
                same.stamp = m.item.clone();
            }
            if matches!(same.kind, DocKind::Report | DocKind::Appendix) {
                names.push((same.at, m.title.clone()));
            }
            continue;
        }
        if !m.confirmed {
            continue;
        }
        // An item's paper may be its minutes or a decision notice: its heading says so.
        let kind = match m.kind {
            DocKind::Report => (m.at..m.top_end)
                .find_map(|i| heading_kind(s.plain[i]))
                .unwrap_or(m.kind),
            kind => kind,
        };
        if matches!(kind, DocKind::Report | DocKind::Appendix) {
            names.push((m.at, m.title.clone()));
        }
        starts.insert(
            k,
            Start {
                at: m.at,
                kind,
                why: Why::Bookmark,
                stamp: m.item.clone(),
            },
        );
    }
    (starts, names)
}

/// A text with no nonblank line: one "Empty" document over its lines, or none at all when
/// there are no lines.
fn empty(lines: &[Line<'_>]) -> Vec<Segment> {
    vec![Segment {
        kind: DocKind::Other,
        start: 0,
        end: lines.len().max(1).min(lines.len()),
        title: "Empty".into(),
        stamp: None,
    }]
    .into_iter()
    .filter(|s| s.end > s.start)
    .collect()
}

/// The nonblank line the rules are asked about, and where the scan stands.
struct Here<'t> {
    /// Index into the nonblank lines.
    n: usize,
    /// Index into the lines.
    i: usize,
    /// The line's plain text, trimmed.
    t: &'t str,
    /// The kind of the document that started last.
    current: DocKind,
    /// Did the document that started last start on this very line?
    started_here: bool,
}

/// Asks the rules of each nonblank line in order; the first that finds a start decides.
/// Strong starts (stamp, heading, note header) and the soft start after a separator
/// forget a pending separator or sign-off; appendix starts keep them.
fn find_starts(s: &Scanner<'_, '_>) -> Vec<Start> {
    let mut starts = vec![Start {
        at: 0,
        kind: s.first_kind(),
        why: Why::First,
        stamp: None,
    }];
    let mut signed_off = false;
    let mut after_separator = false;
    let mut skip_until = 0;
    for (n, &i) in s.nonblank.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        let here = Here {
            n,
            i,
            t: s.plain[i].trim(),
            current: starts.last().map_or(DocKind::Other, |s| s.kind),
            started_here: starts.last().is_some_and(|s| s.at == i),
        };
        if is_separator(here.t) {
            after_separator = true;
            continue;
        }
        if let Some(start) = s.stamp_start(&here) {
            starts.push(start);
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if let Some((start, heading_line)) = s.council_heading_start(&here) {
            starts.push(start);
            // The heading below the council's name is part of this start, not another.
            skip_until = heading_line + 1;
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if let Some(start) = s.heading_start(&here) {
            // A heading on the line the last document already starts at adds no start,
            // except over the first document (whose kind was guessed from its top lines);
            // nor does the heading of the document an "Agenda Item 4" stamp just started,
            // a few lines under it (the council and committee print between them).
            let under_its_stamp = starts.last().is_some_and(|last| {
                matches!(last.why, Why::Stamp)
                    && last.kind == start.kind
                    && n - s.nonblank.partition_point(|&x| x < last.at) <= 4
            });
            if (!here.started_here || starts.len() == 1) && !under_its_stamp {
                starts.push(start);
            }
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if let Some(start) = s.attendance_start(&here) {
            starts.push(start);
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if let Some(start) = s.note_header_start(&here, &starts) {
            starts.push(start);
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if after_separator {
            starts.push(s.after_separator_start(&here));
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if let Some(start) = s
            .page_top_appendix_start(&here, &starts)
            .or_else(|| s.letter_appendix_start(&here))
            .or_else(|| s.form_appendix_start(&here))
        {
            starts.push(start);
            continue;
        }
        if here.current == DocKind::BriefingNote {
            // Inside a note only its sign-off can end it: the first line after the
            // sign-off that cannot be part of it starts the next document.
            if signed_off && !s.is_sign_off_line(i) {
                starts.push(s.after_sign_off_start(&here));
                signed_off = false;
            } else if !signed_off && s.starts_sign_off(n) {
                signed_off = true;
            }
            continue;
        }
        if let Some(start) = s.next_appendix_start(&here, &starts) {
            starts.push(start);
        }
    }
    starts
}

/// "Agenda Item 5" alone on its line, or as the first or last cell of a line it shares
/// with the paper's first line ("Report to Cabinet          Agenda Item 5", as a stamp
/// printed level with a heading comes out of `pdftotext -layout`): the item's number, and
/// whether the line holds more.
fn stamp_of(t: &str) -> Option<(&str, bool)> {
    // Asked of every line: one case-blind search, without allocating, before any regex.
    text::find_ascii_ci(t, "agenda")?;
    if text::leads_with(t, b"a")
        && let Some(c) = STAMP.captures(t)
    {
        return Some((c.get(1)?.as_str(), false));
    }
    text::find_ascii_ci(t, "agenda item")?;
    let cells: Vec<&str> = t
        .split('\t')
        .flat_map(|c| c.split("   "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() < 2 {
        return None;
    }
    [cells[0], cells[cells.len() - 1]]
        .into_iter()
        .find_map(|c| STAMP.captures(c).and_then(|m| m.get(1)))
        .map(|m| (m.as_str(), true))
}

/// The text a stamp shares its line with: the line without its first or last cell.
fn beside_stamp(t: &str) -> &str {
    let lower = t.to_ascii_lowercase();
    match (lower.find("agenda item"), lower.rfind("agenda item")) {
        (Some(0), _) => t
            .split_once("   ")
            .or_else(|| t.split_once('\t'))
            .map_or("", |(_, rest)| rest.trim()),
        (_, Some(at)) => t[..at].trim(),
        _ => t,
    }
}

/// "This page is intentionally left blank": the line after it starts a document.
fn is_separator(t: &str) -> bool {
    text::leads_with(t, b"t") && SEPARATOR.is_match(t)
}

/// The start rules, in the order [`find_starts`] asks them. Each returns the start it
/// found at the line, if any.
impl Scanner<'_, '_> {
    /// "Agenda Item 5": a stamp starts the document it is printed on.
    fn stamp_start(&self, h: &Here<'_>) -> Option<Start> {
        let (number, shares_line) = stamp_of(h.t)?;
        Some(Start {
            at: h.i,
            // A stamp printed level with the paper's first line shares the line with it.
            kind: self.kind_from(if shares_line { h.n } else { h.n + 1 }),
            why: Why::Stamp,
            stamp: Some(number.to_string()),
        })
    }

    /// "Coventry City Council" above a heading (a note's only with its header below):
    /// the document starts at the council's name. Also gives the heading's line index.
    fn council_heading_start(&self, h: &Here<'_>) -> Option<(Start, usize)> {
        if !is_council_name(h.t) || self.lines[h.i].has_tabs() {
            return None;
        }
        let &j = self.nonblank.get(h.n + 1)?;
        let kind = heading_kind(self.plain[j])?;
        if kind == DocKind::BriefingNote && !self.header_follows(h.n + 1) {
            return None;
        }
        let start = Start {
            at: h.i,
            kind,
            why: Why::Heading,
            stamp: None,
        };
        Some((start, j))
    }

    /// A "Briefing note" (with its header below), minutes or decision-notice heading.
    fn heading_start(&self, h: &Here<'_>) -> Option<Start> {
        let kind = heading_kind(h.t)?;
        if kind == DocKind::BriefingNote && !self.header_follows(h.n) {
            return None;
        }
        // Inside minutes, "Minutes of the meeting held on 29 October" names no body: it
        // is the item that confirms the last minutes, not a second set of minutes.
        if kind == DocKind::Minutes
            && h.current == DocKind::Minutes
            && super::meta::committee([h.t]).is_none()
        {
            return None;
        }
        Some(Start {
            at: h.i,
            kind,
            why: Why::Heading,
            stamp: None,
        })
    }

    /// Minutes bound behind a front sheet often carry no "Minutes of …" heading: a page
    /// that opens with the meeting's name or date and, within its first lines, who was
    /// present ("Present", "PRESENT: Councillors …") starts them.
    fn attendance_start(&self, h: &Here<'_>) -> Option<Start> {
        (h.current == DocKind::Agenda
            && !h.started_here
            && self.first_on_page(h.n)
            && self.attendance_opens(h.n))
        .then_some(Start {
            at: h.i,
            kind: DocKind::Minutes,
            why: Why::Heading,
            stamp: None,
        })
    }

    /// A note header with no heading: `To:` with `Subject:` a few lines below, unless
    /// it is the header of a note that started just above.
    fn note_header_start(&self, h: &Here<'_>, starts: &[Start]) -> Option<Start> {
        (TO.is_match(h.t) && self.subject_follows(h.n) && !self.in_note_header(starts, h.n))
            .then_some(Start {
                at: h.i,
                kind: DocKind::BriefingNote,
                why: Why::Header,
                stamp: None,
            })
    }

    /// The first line after a separator starts a document, of the kind its lines show.
    fn after_separator_start(&self, h: &Here<'_>) -> Start {
        Start {
            at: h.i,
            kind: self.kind_from(h.n),
            why: Why::AfterSeparator,
            stamp: None,
        }
    }

    /// An appendix bound behind a report starts a page with its title. A title that
    /// repeats the current appendix's is a running header, not a new appendix.
    fn page_top_appendix_start(&self, h: &Here<'_>, starts: &[Start]) -> Option<Start> {
        (matches!(
            h.current,
            DocKind::Report | DocKind::BriefingNote | DocKind::Other | DocKind::Appendix
        ) && !h.started_here
            && self.at_page_top(h.n)
            && is_appendix_title(h.t)
            && !self.in_appendix_list(h.n)
            && !self.repeats_title(starts, h.t))
        .then(|| appendix_at(h.i))
    }

    /// An equality impact assessment bound behind a report starts a page with its title
    /// and then its form's fields ("Name of policy:", "Directorate:"), with no "Appendix"
    /// heading: it is the report's appendix. A report's own section of that name is
    /// followed by prose, not fields.
    fn form_appendix_start(&self, h: &Here<'_>) -> Option<Start> {
        static_regex!(
            EQIA,
            r"(?i)^(?:\w+\s+(?:city|county|borough|district)?\s*council\s+)?(?:full\s+|initial\s+|stage\s+\d\s+)?equalit(?:y|ies)\s+(?:and\s+diversity\s+)?(?:impact\s+assessment|analysis)(?:\s*\((?:eqia|eia|ea)\))?(?:\s*[-–:]?\s*(?:form|template|screening))?$"
        );
        let fields_follow = || {
            (h.n + 1..h.n + 9)
                .filter_map(|k| self.text(k))
                .filter(|t| {
                    t.split_once(':')
                        .is_some_and(|(label, _)| (1..=6).contains(&text::word_count(label)))
                })
                .count()
                >= 2
        };
        (matches!(
            h.current,
            DocKind::Report | DocKind::BriefingNote | DocKind::Appendix
        ) && !h.started_here
            && self.at_page_top(h.n)
            && EQIA.is_match(h.t)
            && fields_follow())
        .then(|| appendix_at(h.i))
    }

    /// A letter bound behind a report ("… attached as Appendix A") starts a page with
    /// its letterhead and no "Appendix" heading: it is the report's appendix.
    fn letter_appendix_start(&self, h: &Here<'_>) -> Option<Start> {
        (matches!(
            h.current,
            DocKind::Report | DocKind::BriefingNote | DocKind::Appendix
        ) && !h.started_here
            && self.first_on_page(h.n)
            && self.letter_follows(h.n))
        .then(|| appendix_at(h.i))
    }

    /// The first line after a note's sign-off that is not part of it starts a document.
    fn after_sign_off_start(&self, h: &Here<'_>) -> Start {
        Start {
            at: h.i,
            kind: self.kind_from(h.n),
            why: Why::AfterSignOff,
            stamp: None,
        }
    }

    /// Inside an appendix, a short "Appendix …" line (not a running header or a table
    /// row) starts the next appendix.
    fn next_appendix_start(&self, h: &Here<'_>, starts: &[Start]) -> Option<Start> {
        (h.current == DocKind::Appendix
            && !h.started_here
            && APPENDIX.is_match(h.t)
            && text::word_count(h.t) <= 16
            && !self.lines[h.i].has_tabs()
            && !self.in_appendix_list(h.n)
            && !self.repeats_title(starts, h.t))
        .then(|| appendix_at(h.i))
    }
}

/// An appendix starting at line `i`.
fn appendix_at(i: usize) -> Start {
    Start {
        at: i,
        kind: DocKind::Appendix,
        why: Why::NextAppendix,
        stamp: None,
    }
}

/// "Coventry City Council", "Limerick City and County Council": a short line naming the
/// body that publishes the paper below it.
fn is_council_name(t: &str) -> bool {
    // Asked of every line: the short ones alone are lower-cased.
    t.len() <= 70
        && text::word_count(t) <= 8
        && t.starts_with(|c: char| c.is_uppercase())
        && {
            let lower = t.to_lowercase();
            ["council", "borough", "authority"]
                .iter()
                .any(|w| lower.ends_with(w))
        }
        && !t.contains([':', '\t', ','])
}

/// "Minutes of the Meeting of …", "MINUTES OF PROCEEDINGS AT MEETING OF …".
fn is_minutes_heading(t: &str) -> bool {
    let t = without_status(after_council_name(t));
    // Asked of every line: only one that starts "minutes of" is lower-cased. No other
    // character lower-cases to these ASCII letters, so the bytes decide.
    if !t
        .as_bytes()
        .get(..10)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"minutes of"))
    {
        return false;
    }
    let lower = t.to_lowercase();
    let Some(rest) = lower.strip_prefix("minutes of") else {
        return false;
    };
    // "Minutes of the last meeting" is the agenda item that takes them, never a heading.
    let rest_words = rest.trim_start();
    let rest_words = rest_words.strip_prefix("the ").unwrap_or(rest_words);
    if ["last ", "previous ", "prior "]
        .iter()
        .any(|w| rest_words.starts_with(w))
    {
        return false;
    }
    let head: String = rest.chars().take(110).collect();
    // "Minutes of the Planning Committee held on …" names a body and when it sat.
    let body_held = head.contains(" held") && super::meta::committee([t]).is_some();
    // "Minutes of the Policy Committee", "MINUTES OF THE CABINET": a body named alone.
    static_regex!(
        BODY,
        r"^\s*(?:the\s+)?[\w’'&,\- ]{0,60}\b(?:committee|sub-committee|board|cabinet|panel|council|forum|executive|assembly|commission)\s*$"
    );
    let body = text::word_count(rest) <= 9 && BODY.is_match(rest);
    rest.starts_with([' ', '\t'])
        && (head.contains("meeting") || head.contains("proceedings") || body_held || body)
}

/// "Draft minutes of …", "Unconfirmed Minutes of …": the minutes' status before the word.
fn without_status(t: &str) -> &str {
    for status in [
        "draft ",
        "unconfirmed ",
        "unapproved ",
        "approved ",
        "confirmed ",
        "final ",
        "signed ",
    ] {
        if t.len() > status.len()
            && t.is_char_boundary(status.len())
            && t[..status.len()].eq_ignore_ascii_case(status)
        {
            return t[status.len()..].trim_start();
        }
    }
    t
}

/// A heading with the council's name run into it, as a letterhead and a heading joined on
/// one line read ("Coventry City Council Minutes of the Meeting of …"): the heading after
/// the name. Other lines are given back as they are.
fn after_council_name(t: &str) -> &str {
    if !t.starts_with(|c: char| c.is_uppercase()) {
        return t;
    }
    let Some(at) = t.get(..80.min(t.len())).and_then(|head| {
        head.find(" Council Minutes of ")
            .or_else(|| head.find(" COUNCIL MINUTES OF "))
    }) else {
        return t;
    };
    let name = &t[..at];
    // The name is a few capitalised words ("Anyshire County", "Stoke-on-Trent City").
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) || matches!(*w, "of" | "and" | "upon" | "on")
        });
    if named {
        &t[at + " Council ".len()..]
    } else {
        t
    }
}

/// The kind a heading line announces.
fn heading_kind(t: &str) -> Option<DocKind> {
    let t = t.trim();
    if text::leads_with(t, b"jb") && NOTE_HEADING.is_match(t) {
        return Some(DocKind::BriefingNote);
    }
    // A heading may end with a full stop when it is one sentence in capitals' style:
    // "MINUTES of a meeting of the Cabinet held … on Thursday, 5 December 2024."
    let capitals = t.starts_with("MINUTES");
    if is_minutes_heading(t) && text::word_count(t) <= 30 && (!t.ends_with('.') || capitals) {
        return Some(DocKind::Minutes);
    }
    // Its first words start with these letters, or "key" with a Kelvin sign (not ASCII).
    if (text::leads_with(t, b"ecoidnr") || !t.starts_with(|c: char| c.is_ascii()))
        && DECISION_NOTICE.is_match(t)
        && text::word_count(t) <= 14
    {
        return Some(DocKind::DecisionNotice);
    }
    None
}

static_regex!(
    DECISION_NOTICE,
    r"(?i)^(?:(?:executive|cabinet|officer|individual|key)\s+)?(?:decision\s+notice|notice\s+of\s+(?:key\s+|executive\s+)?decisions?|record\s+of\s+(?:an?\s+)?(?:executive\s+|cabinet\s+|officer\s+|individual\s+(?:cabinet\s+member\s+)?)?decisions?(?:\s+taken)?|decisions?\s+(?:notice|sheet|list))\b"
);

struct Scanner<'s, 'a> {
    lines: &'s [Line<'a>],
    plain: &'s [&'s str],
    nonblank: &'s [usize],
}

impl Scanner<'_, '_> {
    fn text(&self, n: usize) -> Option<&str> {
        self.nonblank.get(n).map(|&i| self.plain[i].trim())
    }

    /// Is nonblank line `n` among the first three lines of a page (a form feed above it)?
    fn at_page_top(&self, n: usize) -> bool {
        (n.saturating_sub(2)..=n).any(|k| {
            self.nonblank
                .get(k)
                .is_some_and(|&i| self.lines[i].page_break || self.page_starts_at(i))
        })
    }

    /// Is nonblank line `n` one of a list of appendices ("Appendix 1: …", "Appendix 2: …"
    /// one under the other at a report's end): a neighbouring line on the same page is an
    /// appendix title too. Each appendix itself starts with its title and then its text.
    fn in_appendix_list(&self, n: usize) -> bool {
        let same_page_title = |k: usize| {
            let (Some(&a), Some(&b)) = (self.nonblank.get(n.min(k)), self.nonblank.get(n.max(k)))
            else {
                return false;
            };
            !(a + 1..=b).any(|j| self.lines[j].page_break)
                && self.text(k).is_some_and(is_appendix_title)
        };
        n.checked_sub(1).is_some_and(same_page_title) || same_page_title(n + 1)
    }

    /// The first nonblank line from `n` on that heads a document of its own (a minutes
    /// heading, a decision notice's, a note's) or stamps one ("Agenda Item 3"); the
    /// number of nonblank lines when none does.
    fn next_heading_after(&self, n: usize) -> usize {
        (n..self.nonblank.len())
            .find(|&k| {
                self.text(k)
                    .is_some_and(|t| heading_kind(t).is_some() || stamp_of(t).is_some())
                    || (k > n && self.first_on_page(k) && self.attendance_opens(k))
            })
            .unwrap_or(self.nonblank.len())
    }

    /// Does an attendance heading stand within the first lines from nonblank line `n`?
    /// A page that opens with a heading of its own is started by that heading instead.
    fn attendance_opens(&self, n: usize) -> bool {
        (n..n + 6)
            .filter_map(|k| self.text(k))
            .take_while(|t| heading_kind(t).is_none())
            .any(is_attendance_heading)
    }

    /// Is nonblank line `n` the first of its page?
    fn first_on_page(&self, n: usize) -> bool {
        let Some(&i) = self.nonblank.get(n) else {
            return false;
        };
        match n.checked_sub(1).and_then(|k| self.nonblank.get(k)) {
            // A form feed between the line above and this one.
            Some(&p) => (p + 1..=i).any(|j| self.lines[j].page_break),
            None => true,
        }
    }

    /// Does a letter ("Dear …") open within the next lines, with no heading of another
    /// kind of document first?
    fn letter_follows(&self, n: usize) -> bool {
        (n..n + 15)
            .filter_map(|k| self.text(k))
            .any(|t| t.starts_with("Dear ") && t.len() < 60)
    }

    /// A form feed stood on a blank line just above line `i`.
    fn page_starts_at(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|j| self.lines[j].page_break)
    }

    /// Does `t` repeat the first line of the document that started last (a running header
    /// such as "Appendix 4" on every page)?
    fn repeats_title(&self, starts: &[Start], t: &str) -> bool {
        starts.last().is_some_and(|st| {
            self.nonblank
                .iter()
                .find(|&&i| i >= st.at)
                .is_some_and(|&i| self.plain[i].trim().eq_ignore_ascii_case(t))
        })
    }

    /// Is there a `Subject:` within the next few lines (a note header)?
    fn subject_follows(&self, n: usize) -> bool {
        (n + 1..n + 6)
            .filter_map(|k| self.text(k))
            .any(|t| SUBJECT.is_match(t))
    }

    /// Does a note header (`To:`, `Date:` or `Subject:`) follow nonblank line `n`?
    fn header_follows(&self, n: usize) -> bool {
        static_regex!(HEADER, r"^(?:To|Date|Subject)\s*:");
        (n + 1..n + 4)
            .filter_map(|k| self.text(k))
            .any(|t| HEADER.is_match(t))
    }

    /// Is `n` still inside the header of a note that started just above?
    fn in_note_header(&self, starts: &[Start], n: usize) -> bool {
        let Some(last) = starts.last() else {
            return false;
        };
        last.kind == DocKind::BriefingNote
            && self
                .nonblank
                .iter()
                .position(|&i| i >= last.at)
                .is_some_and(|first| n - first.min(n) <= 3)
    }

    /// Does a note's sign-off (authors, contacts) start at nonblank line `n`?
    fn starts_sign_off(&self, n: usize) -> bool {
        let Some(&i) = self.nonblank.get(n) else {
            return false;
        };
        let t = self.plain[i].trim();
        let label = t.split([':', '\t']).next().unwrap_or("").trim();
        let labelled = (t.contains(':') || self.lines[i].has_tabs())
            && is_field_label(label)
            && !label.eq_ignore_ascii_case("title");
        let named = text::lost_colon_name(t).is_some();
        // A bare name block: "Jane Fowles / Consultant … / jane.fowles@…".
        let name_block = text::looks_like_name(t)
            && (n + 1..n + 5)
                .take_while(|&k| self.nonblank.get(k).is_some_and(|&j| j <= i + (k - n)))
                .filter_map(|k| self.text(k))
                .any(text::has_email);
        labelled || named || name_block
    }

    /// Can line `i` be part of a sign-off?
    fn is_sign_off_line(&self, i: usize) -> bool {
        let t = self.plain[i].trim();
        if APPENDIX.is_match(t) || PLEASE_SEE.is_match(t) || WORK_PROGRAMME.is_match(t) {
            return false;
        }
        let label = t.split([':', '\t']).next().unwrap_or("").trim();
        let named = t.split(',').next().is_some_and(text::looks_like_name) && !t.ends_with('.');
        is_field_label(label)
            || named
            || text::has_email(t)
            || text::has_phone(t)
            || dates::is_date_line(t)
            || (text::word_count(t) <= 8 && !t.ends_with(['.', '?', '!']))
    }

    /// What kind of document starts at nonblank line `n`, judged from its first lines.
    fn kind_from(&self, n: usize) -> DocKind {
        let head: Vec<&str> = (n..n + 16).filter_map(|k| self.text(k)).collect();
        let Some(first) = head.first() else {
            return DocKind::Other;
        };
        // Under an "Agenda Item 4" stamp a pack's minutes print the council and the
        // committee above their heading: look a little further than the first line.
        if let Some(kind) = head.iter().take(5).find_map(|t| heading_kind(t)) {
            return kind;
        }
        if head.iter().take(3).any(|t| TO.is_match(t)) && head.iter().any(|t| SUBJECT.is_match(t)) {
            return DocKind::BriefingNote;
        }
        if APPENDIX.is_match(first) {
            return DocKind::Appendix;
        }
        let date_lines = head.iter().filter(|t| dates::is_date_line(t)).count();
        // A table whose header has a date column beside a title or item column.
        let wp_table = (n..n + 12)
            .filter_map(|k| self.nonblank.get(k))
            .any(|&i| is_schedule_header(self.lines[i].text));
        if head
            .iter()
            .take(4)
            .any(|t| WORK_PROGRAMME.is_match(t) || PLEASE_SEE.is_match(t))
            || date_lines >= 2
            || wp_table
        {
            return DocKind::WorkProgramme;
        }
        if head
            .iter()
            .take(3)
            .any(|t| REPORT_WORD.is_match(t) && text::word_count(t) <= 12)
            || report_evidence(&head[..head.len().min(8)]) >= 4
        {
            return DocKind::Report;
        }
        DocKind::Other
    }

    /// The kind of the text before any boundary: a front sheet, a lone set of minutes, a
    /// report … weighed by evidence from its first lines, so no single cue decides.
    fn first_kind(&self) -> DocKind {
        let skip = super::lines::front_matter(self.lines).map_or(0, |(_, end)| {
            self.nonblank
                .iter()
                .position(|&i| i > end)
                .unwrap_or(self.nonblank.len())
        });
        // The evidence is the first document's own: a front sheet's look stops where the
        // next document's heading (the previous minutes) or stamp stands.
        let end = self.next_heading_after(skip + 6).min(skip + 200);
        let head: Vec<&str> = (skip..end.min(skip + 40))
            .filter_map(|k| self.text(k))
            .collect();
        if head.first().is_some_and(|t| is_appendix_title(t)) {
            return DocKind::Appendix;
        }
        // A decision's own page, as ModernGov publishes it: its status, whether it is key
        // and subject to call-in, the date of the decision and the meeting that took it.
        if head
            .iter()
            .take(30)
            .filter(|t| DECISION_FIELD.is_match(t))
            .count()
            >= 2
        {
            return DocKind::DecisionNotice;
        }
        let mut minutes = 0;
        if head
            .iter()
            .take(6)
            .any(|t| heading_kind(t) == Some(DocKind::Minutes))
        {
            minutes += 3;
        }
        if head.iter().take(4).any(|t| MINUTES_WORD.is_match(t)) {
            minutes += 2;
        }
        if head.iter().take(30).any(|t| is_attendance_heading(t)) {
            minutes += 2;
        }
        let mut agenda = 0;
        if head
            .iter()
            .take(20)
            .any(|t| AGENDA_WORD.is_match(t) || AGENDA_CUE.is_match(t))
        {
            agenda += 3;
        }
        // The meeting's details, as a front sheet gives them ("Time and Date", or "Date:",
        // "Time:", "Venue:", "Membership:" one under the other): minutes say where and
        // when they were held in a sentence.
        let details = head
            .iter()
            .take(25)
            .filter(|t| MEETING_DETAIL.is_match(t))
            .count();
        if head.iter().any(|t| t.eq_ignore_ascii_case("time and date")) || details >= 2 {
            agenda += 2;
        }
        if head.iter().any(|t| PAGES.is_match(t)) {
            agenda += 2;
        }
        let items = (skip..end)
            .filter_map(|k| self.nonblank.get(k))
            .filter(|&&i| {
                AGENDA_ITEM.is_match(self.plain[i].trim_start())
                    || self.lines[i].text.contains(". **")
            })
            .count();
        if items >= 3 {
            agenda += 1;
        }
        // Numbered lines with the usual business of a meeting ("Apologies", "Minutes of
        // the last meeting", "Any other business") are an agenda's items, unless the lines
        // record decisions, as minutes do.
        let usual = (skip..end)
            .filter_map(|k| self.nonblank.get(k))
            .filter(|&&i| {
                AGENDA_ITEM.is_match(self.plain[i].trim_start())
                    && USUAL_BUSINESS.is_match(self.plain[i].trim_start())
            })
            .count();
        // Minute references with a year ("PL21/073 APOLOGIES FOR ABSENCE", "125/20 TO
        // RECEIVE APOLOGIES", "2.3/23E To note apologies") on the usual business: minutes
        // number their items so, agendas seldom.
        let referenced = (skip..end)
            .filter_map(|k| self.nonblank.get(k))
            .filter(|&&i| USUAL_REF.is_match(self.plain[i].trim_start()))
            .count();
        // A formal "RESOLVED", or several "it was agreed": a report may say it once.
        let lines200 = || (skip..end).filter_map(|k| self.nonblank.get(k));
        let decided = lines200().any(|&i| super::decisions::is_formal(self.plain[i]))
            || lines200()
                .filter(|&&i| super::decisions::is_decision(self.plain[i]))
                .count()
                >= 2;
        // Decisions alone do not make minutes: a report quotes what a committee "resolved"
        // and recommends what to agree. They count beside a cue minutes carry (their
        // heading, a Present line) or numbered items of a meeting's usual business.
        if decided && (minutes > 0 || usual >= 2 || referenced >= 2) {
            minutes += 2;
        } else if usual >= 2 {
            agenda += 2;
        }
        // A report announces itself in its first lines; cues further down may belong to
        // the next document.
        let report = report_evidence(&head[..head.len().min(8)]);
        if agenda >= 3 && agenda >= minutes && agenda >= report {
            return DocKind::Agenda;
        }
        if minutes >= 2 && minutes >= report {
            return DocKind::Minutes;
        }
        if report >= 4 {
            return DocKind::Report;
        }
        self.kind_from(skip)
    }
}

static_regex!(
    DECISION_FIELD,
    r"(?i)^(?:decision\s+status|is\s+key\s+decision\??|is\s+subject\s+to\s+call[\s-]in\??|date\s+of\s+decision|decided\s+at\s+meeting)\s*:"
);
static_regex!(
    MEETING_DETAIL,
    r"(?i)^(?:date|time|venue|place|location|membership|members)\s*:"
);

static_regex!(
    AGENDA_CUE,
    r"(?i)^agenda\s+item\s+no\.?$|\bagenda\b.*\bsummons\b|\bsummons\b.*\bagenda\b|\byou\s+are\s+(?:hereby\s+)?(?:summoned|requested\s+to\s+attend)\b|\bsummoned\s+to\s+(?:attend\s+)?(?:a|the)\s+meeting\b|\btransact(?:ing)?\s+the\s+(?:following\s+)?business\b|^agenda\b(?:\s+(?:and|&)\b.*)?$|\bnotice\s+of\s+(?:the\s+)?meeting\b"
);
static_regex!(PAGES, r"(?i)\(\s*pages?\s+\d{1,4}");
static_regex!(
    USUAL_BUSINESS,
    r"(?i)^\d{1,4}\\?[.)]?\s+(?:to\s+(?:receive|consider|approve|note|agree|confirm)\b|apologies|declarations?\s+of|minutes\b|matters\s+arising|public\s+(?:forum|participation|questions?)|any\s+other\s+business|date\s+of\s+(?:the\s+)?next\s+meeting|correspondence|police\s+report|chair(?:man)?'?s?\s+(?:announcements|report))"
);
static_regex!(
    USUAL_REF,
    r"(?i)^(?:[a-z]{1,4}\s?)?\d{1,4}(?:\.\d{1,2})?/\d{2,4}[a-z]?\.?\s+(?:to\s+(?:receive|consider|approve|note|agree|confirm)\b|apologies|declarations?\s+of|(?:confirmation\s+of\s+(?:the\s+)?)?(?:previous\s+)?minutes\b|matters\s+arising|public\s+(?:forum|participation|questions?)|any\s+other\s+business|date\s+of\s+(?:the\s+)?next\s+meeting|correspondence|present\b)"
);
static_regex!(
    REPORT_HEADER,
    r"(?i)^(?:report\s+(?:of|to|title|author|from|by)\b|item\s+no\b|classification\s*:|ward\(?s\)?\s*(?:affected)?\s*:|key\s+decision|decision\s+(?:no|maker|number)\b|from\s*:|report\s+author|lead\s+officer|purpose(?:\s+of\s+(?:the\s+)?report)?\s*:?$|recommendations?\s*:?$|executive\s+summary|committee\s+report|cabinet\s+member\s+report|\d{1,2}\.?\s+purpose\b|\d{1,2}\.?\s+recommendations?\b)"
);

/// How strongly the first lines read as a report's header (From:/To:/Subject:, Report
/// of …, Item No./Classification/Ward(s), Purpose, Recommendations): 2 a cue.
fn report_evidence(head: &[&str]) -> i32 {
    let cues = head
        .iter()
        .take(25)
        .filter(|t| REPORT_HEADER.is_match(t))
        .count() as i32;
    let to_subject = head.iter().take(8).any(|t| TO.is_match(t))
        && head.iter().take(10).any(|t| SUBJECT.is_match(t));
    (cues.min(3) + i32::from(to_subject)) * 2
}

/// "Date | Title | Lead", "Meeting date | Item": a schedule's header row.
fn is_schedule_header(text: &str) -> bool {
    let cells: Vec<String> = text
        .split('\t')
        .map(|c| c.trim().trim_matches('*').to_lowercase())
        .collect();
    cells.len() >= 2
        && cells
            .iter()
            .any(|c| c == "date" || c == "meeting date" || c == "meeting")
        && cells.iter().any(|c| {
            [
                "title", "item", "items", "topic", "report", "subject", "business",
            ]
            .contains(&c.as_str())
        })
}

/// A supplement's covering letter ("Dear Member … Please find enclosed the documents for
/// Item 3 …") is titled as one, with the meeting its heading names: "Agenda supplement:
/// County Council, Thursday 9 January 2025".
fn supplement_title(texts: &[&str]) -> Option<String> {
    let head = &texts[..texts.len().min(20)];
    let letter = head.iter().any(|t| {
        let lower = t.to_lowercase();
        lower.starts_with("dear ")
            || lower.starts_with("please find enclosed")
            || lower.contains("supplement")
    });
    if !letter {
        return None;
    }
    let meeting = head
        .iter()
        .find(|t| dates::find_iso(t).is_some() && !t.contains(':') && text::word_count(t) <= 14)?;
    // "COUNTY COUNCIL - THURSDAY, 9 JANUARY 2025" → "County Council, Thursday 9 January 2025".
    let (body, when) = meeting
        .split_once(" - ")
        .or_else(|| meeting.split_once(" – "))?;
    let when = when.replace(',', "");
    Some(format!(
        "Agenda supplement: {}, {}",
        super::meta::tidy(body.trim()),
        super::meta::tidy(when.trim())
    ))
}

/// "Appendix 2", "APPENDIX B – Consultation responses", "Annex 1": a short line that
/// names an appendix as its title.
fn is_appendix_title(t: &str) -> bool {
    APPENDIX.is_match(t) && text::word_count(t) <= 12 && !t.contains('\t') && !t.ends_with('.')
}

/// A soft start with almost nothing under it before the next start (an "Appendices: …"
/// line at the end of a note) stays with the document above; so does a short preamble
/// (a source link, front matter) above the first real document.
fn merge_tiny(starts: Vec<Start>, s: &Scanner<'_, '_>) -> Vec<Start> {
    let preamble_end = super::lines::front_matter(s.lines).map_or(0, |(_, end)| end + 1);
    let count = |from: usize, to: usize| {
        s.nonblank
            .iter()
            .filter(|&&i| {
                i >= from.max(preamble_end) && i < to && !SEPARATOR.is_match(s.plain[i].trim())
            })
            .count()
    };
    let mut out: Vec<Start> = Vec::with_capacity(starts.len());
    for (k, st) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(s.lines.len(), |n| n.at);
        let soft = matches!(st.why, Why::AfterSignOff);
        if soft && !out.is_empty() && count(st.at, next) <= 1 {
            continue;
        }
        if k == 1
            && out.len() == 1
            && out[0].why == Why::First
            && count(0, st.at) <= 3
            && out[0].kind != DocKind::Agenda
        {
            // The preamble joins the first real document.
            out[0] = Start {
                at: 0,
                kind: st.kind,
                why: st.why,
                stamp: st.stamp.clone(),
            };
            continue;
        }
        out.push(Start {
            at: st.at,
            kind: st.kind,
            why: st.why,
            stamp: st.stamp.clone(),
        });
    }
    out
}

fn finish(
    starts: Vec<Start>,
    names: &[(usize, String)],
    s: &Scanner<'_, '_>,
    cx: &mut Context,
) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::with_capacity(starts.len());
    for (k, st) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(s.lines.len(), |n| n.at);
        if end <= st.at {
            continue;
        }
        // A segment of blank lines only (leading blanks) is folded into the next one.
        // `nonblank` is sorted: two binary searches, not a scan of every line per document.
        let lo = s.nonblank.partition_point(|&i| i < st.at);
        let hi = s.nonblank.partition_point(|&i| i < end);
        let content = s.nonblank.get(lo..hi).unwrap_or_default();
        super::cost::examined(content.len() + 1);
        if content.is_empty() {
            continue;
        }
        let start = if segments.is_empty() { 0 } else { st.at };
        let named = names.iter().find(|(at, _)| *at == st.at);
        let title = named.map_or_else(|| title_of(st.kind, content, s), |(_, t)| t.clone());
        if st.kind == DocKind::Other {
            let lines = Lines(
                s.lines[content[0]].no,
                s.lines[content[content.len() - 1]].no,
            );
            cx.doubt(
                DiagnosticKind::Segmentation,
                lines,
                format!("could not tell what kind of document \"{title}\" is; shown as other text"),
            );
        }
        segments.push(Segment {
            kind: st.kind,
            start,
            end,
            title,
            stamp: st.stamp.clone(),
        });
    }
    // Every line belongs to a segment: stretch the last one to the end.
    if let Some(last) = segments.last_mut() {
        last.end = s.lines.len();
    }
    segments
}

/// A report header's field labels, besides a sign-off's ([`is_field_label`]).
const HEADER_LABELS: [&str; 14] = [
    "from",
    "to",
    "date",
    "ward",
    "wards",
    "ward(s)",
    "ward(s) or groups affected",
    "classification",
    "decision maker",
    "meeting name",
    "report of",
    "purpose",
    "key decision",
    "address",
];

/// "Item 153b", "Item 5" alone on a line.
fn is_bare_item_stamp(t: &str) -> bool {
    t.strip_prefix("Item ").is_some_and(|n| {
        let n = n.trim();
        n.len() <= 5 && n.starts_with(|c: char| c.is_ascii_digit()) && !n.contains(' ')
    })
}

/// A report header's title field ("Report title: …", "Subject: …", "Title" and the value
/// in the next column), in its first lines, with the value's wrapped lines joined: the
/// lines straight under it that are not fields of their own, up to a blank line.
fn field_title(content: &[usize], s: &Scanner<'_, '_>) -> Option<String> {
    const LABELS: [&str; 3] = ["report title", "title", "subject"];
    let (k, value) = content.iter().take(15).enumerate().find_map(|(k, &i)| {
        let t = s.plain[i].trim();
        let (label, value) = match t.split_once(':') {
            Some((label, value)) if !label.contains('\t') => (label, value),
            // A header grid's label and value in columns: a tab, or a wide gap.
            _ => t.split_once('\t').or_else(|| t.split_once("   "))?,
        };
        let label = label.trim().to_ascii_lowercase();
        let value = value.trim();
        (LABELS.contains(&label.as_str()) && !value.is_empty()).then_some((k, value))
    })?;
    let mut title = value.to_string();
    for pair in content[k..].windows(2).take(3) {
        let (above, next) = (pair[0], pair[1]);
        let t = s.plain[next].trim();
        // The next field: a label in the grid's first column, or a known header label.
        let is_field = t
            .split_once('\t')
            .is_some_and(|(label, _)| text::word_count(label) <= 4)
            || t.split_once(':').is_some_and(|(label, _)| {
                let label = label.trim().to_ascii_lowercase();
                is_field_label(&label) || HEADER_LABELS.contains(&label.as_str())
            });
        if next != above + 1 || t.is_empty() || is_field || title.ends_with('.') {
            break;
        }
        title.push(' ');
        title.push_str(t);
    }
    Some(crate::text::truncate_at_word(&title, 160).into_owned())
}

fn title_of(kind: DocKind, content: &[usize], s: &Scanner<'_, '_>) -> String {
    // A Markdown page's front matter is the file's, not the document's title.
    let after_front = super::lines::front_matter(s.lines).map_or(0, |(_, end)| end + 1);
    // A page number at the top ("1") is not a title.
    let texts: Vec<&str> = content
        .iter()
        .filter(|&&i| i >= after_front)
        .map(|&i| s.plain[i].trim())
        .filter(|t| !t.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let clean = |t: &str| {
        t.trim_start_matches(['■', '●', '•', ' '])
            .trim()
            .to_string()
    };
    let without_stamp: Vec<&str> = texts
        .iter()
        .map(|t| match stamp_of(t) {
            Some((_, true)) => beside_stamp(t),
            Some((_, false)) => "",
            None => t,
        })
        .filter(|t| !t.is_empty())
        .collect();
    match kind {
        DocKind::Agenda => supplement_title(&without_stamp).unwrap_or_else(|| "Agenda".to_string()),
        DocKind::Minutes => texts
            .iter()
            .find(|t| heading_kind(t) == Some(DocKind::Minutes))
            .map_or_else(
                // Minutes with no heading of their own (bound behind a front sheet)
                // are named by their first line, the meeting's name and date.
                // A bare "Item 153b" stamp and the date under it (the item the minutes
                // went to at a later meeting) are not the meeting's name.
                || match without_stamp
                    .iter()
                    .enumerate()
                    .find(|&(k, t)| {
                        let under_stamp = k > 0 && is_bare_item_stamp(without_stamp[k - 1]);
                        t.chars().any(char::is_alphanumeric)
                            && !is_bare_item_stamp(t)
                            && !(under_stamp && dates::is_date_line(t))
                    })
                    .map(|(_, t)| t)
                {
                    Some(t) if MINUTES_WORD.is_match(t) && text::word_count(t) <= 14 => clean(t),
                    Some(t) if !is_attendance_heading(t) && text::word_count(t) <= 14 => {
                        format!("Minutes – {}", clean(t))
                    }
                    _ => "Minutes".to_string(),
                },
                |t| crate::text::truncate_at_word(t, 120).into_owned(),
            ),
        DocKind::BriefingNote => texts
            .iter()
            .find_map(|t| t.strip_prefix("Subject:"))
            .map_or_else(|| "Briefing note".to_string(), |t| t.trim().to_string()),
        DocKind::WorkProgramme => texts
            .iter()
            .take(4)
            .find(|t| WORK_PROGRAMME.is_match(t) && !t.contains('\t'))
            .map_or_else(|| "Work Programme".to_string(), |t| t.to_string()),
        // A report header names its title ("Report title: …", "Subject: …"); a grid's
        // label row above it is not the title.
        DocKind::Report if let Some(named) = field_title(content, s) => named,
        DocKind::Report => {
            let first = without_stamp.first().map_or_else(String::new, |t| clean(t));
            match without_stamp.get(1) {
                Some(second)
                    if !REPORT_WORD.is_match(&first)
                        && REPORT_WORD.is_match(second)
                        && text::word_count(second) <= 8 =>
                {
                    format!("{first} – {}", clean(second))
                }
                _ => first,
            }
        }
        DocKind::Appendix | DocKind::DecisionNotice | DocKind::Other => {
            without_stamp.first().map_or_else(
                || kind.label().to_string(),
                |t| crate::text::truncate_at_word(&clean(t), 90).into_owned(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;

    /// Asks `rule` about nonblank line `n` of `text`, as the first document's content.
    /// A pack's previous minutes as ModernGov binds them: the "Agenda Item 4" stamp, the
    /// council and the committee, then the heading, one sentence ending in a full stop.
    #[test]
    fn minutes_under_a_stamp_council_and_committee_are_one_document() {
        let text = "AGENDA\n\n1. Apologies\n\n2. Minutes of the meeting held on 5 December 2024 (Pages 1 - 8)\n\n\
                    Agenda Item 2\n\nANYSHIRE COUNTY COUNCIL\n\nCABINET\n\n\
                    MINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, 5 December 2024.\n\n\
                    PRESENT: Mr A Smith (Chairman), Mrs B Jones\n\n101. Apologies\n(Item 1)\n\nNone.\n";
        let pack = crate::parse::parse(text);
        let kinds: Vec<(DocKind, u32)> = pack
            .documents
            .iter()
            .map(|d| (d.kind, d.lines.first()))
            .collect();
        assert_eq!(kinds, vec![(DocKind::Agenda, 1), (DocKind::Minutes, 7)]);
        let minutes = pack.documents[1].minutes.as_ref().expect("read as minutes");
        assert_eq!(minutes.date.as_deref(), Some("2024-12-05"));
        assert_eq!(
            minutes.items.first().map(|m| m.number.as_str()),
            Some("101")
        );
    }

    /// Each document's kind, first line and title.
    fn starts(pack: &crate::model::Pack) -> Vec<(DocKind, u32, &str)> {
        pack.documents
            .iter()
            .map(|d| (d.kind, d.lines.first(), d.title.as_str()))
            .collect()
    }

    fn ask<T>(
        text: &str,
        n: usize,
        current: DocKind,
        rule: impl Fn(&Scanner<'_, '_>, &Here<'_>) -> Option<T>,
    ) -> Option<T> {
        let lines = lines::split(text);
        let plain: Vec<&str> = lines.iter().map(|l| l.plain.as_ref()).collect();
        let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
        let s = Scanner {
            lines: &lines,
            plain: &plain,
            nonblank: &nonblank,
        };
        let i = nonblank[n];
        let here = Here {
            n,
            i,
            t: plain[i].trim(),
            current,
            started_here: false,
        };
        rule(&s, &here)
    }

    // Cut from seeds/000: a note's heading under the council's name, then its header.
    const NOTE_TOP: &str = "Coventry City Council\n\nBriefing note\n\n\
        To: Education and Children's Scrutiny Board (2)\n\nDate: 21st December 2023\n\n\
        Subject: Family Valued Programme\n";

    #[test]
    fn minutes_with_no_heading_behind_a_front_sheet_start_at_their_page() {
        // Cut from corpus 17 and 16 (Milburn): an agenda, then on a new page the minutes
        // of the meeting its item 3 takes, which open with their date and "Present".
        let text = "MILBURN PARISH COUNCIL\nMEETING TO BE HELD ON TUESDAY,\n6th MARCH 2018 @ 7.30pm\n\n                    AGENDA\n\n1.     To receive apologies for meeting\n\n                    2.     To register an interest in any item on the Agenda\n\n                    3.     To approve the minutes of the last meeting held on 16th January 2018\n\n                    4.     Any Other Business\n\u{c}                    Milburn Parish Council - 16th January 2018\n\nPresent\n                    Councillors D Richardson (Chair) R Healey, M Dixon and P Moran\n\n                    18.01.1 Apologies\nAlan Armstrong, EDC\n\n18.01.2 Register of Interests\n                    No interests declared\n\n18.01.3 Minutes\nAll agreed this was a true record.\n";
        let pack = crate::parse::parse(text);
        let docs = starts(&pack);
        assert_eq!(
            docs,
            vec![
                (DocKind::Agenda, 1, "Agenda"),
                (
                    DocKind::Minutes,
                    14,
                    "Minutes – Milburn Parish Council - 16th January 2018"
                )
            ]
        );
        let minutes = pack.documents[1].minutes.as_ref().expect("read as minutes");
        assert_eq!(minutes.items.len(), 3);
        assert_eq!(pack.agenda[2].documents, vec![pack.documents[1].id]);
    }

    #[test]
    fn a_front_sheet_of_bold_numbers_and_tabs_is_an_agenda() {
        // A parish agenda as MeetPack's PDF reading gives it: bold number, a tab, a bold
        // title; no "Agenda" line, no page ranges.
        let text = "**PARISH COUNCIL**\n**Meeting of the Parish Council, Tuesday 4th March 2025 at 7.30pm**\n\n                    **1.**\t**APOLOGIES**\n\n**2.**\t**DECLARATIONS OF INTEREST**\n\n                    **3.**\t**MINUTES** – to approve the minutes of the meeting held on 4th February 2025\n\n                    **4.**\t**PLANNING**\n\n**5.**\t**FINANCE**\n";
        let pack = crate::parse::parse(text);
        let kinds: Vec<DocKind> = pack.documents.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, vec![DocKind::Agenda]);
        let numbers: Vec<&str> = pack.agenda.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, vec!["1", "2", "3", "4", "5"]);
    }

    /// A county council's front sheet as `pdftotext -layout` gives it (the title block,
    /// a contact grid, the membership, a webcasting notice, items with page ranges, the
    /// sign-off), then the previous minutes under their "Agenda Item 3" stamp.
    const FRONT_SHEET_AND_MINUTES: &str = "                                                              Public Document Pack



                                   CABINET

                    Thursday, 30th January, 2025

                    10.00 am

                    Council Chamber, Sessions House, County Hall, Maidstone

                                      AGENDA
                                     CABINET

Thursday, 30th January, 2025, at 10.00 am      Ask for:     Georgia Humphreys
Council Chamber, Sessions House, County        Telephone:   03000 416000
Hall, Maidstone                                Email:       georgia.humphreys@anyshire.gov.uk

Membership

Mr R Gough (Chairman), Mr P Oakford, Mrs C Bell, Mr D Brazier, Mrs S Prendergast,
Mr N Baker and Mr D Murphy

Webcasting Notice

Please note: this meeting may be filmed for the live or subsequent broadcast via the Council's internet site.

                              UNRESTRICTED ITEMS
              (During these items the meeting is likely to be open to the public)

1.        Apologies

2.        Declarations of Interest by Members in items on the Agenda

3.        Minutes of the Meeting held on 9 January 2025 (Pages 1 - 10)

4.        Cabinet Member Updates

5.        Revenue and Capital Budget Monitoring Report (Pages 11 - 50)

6.        Capital Programme 2025-35 (Pages 51 - 90)

7.        Anyshire Rural Strategy (Pages 91 - 120)

8.        Work Programme (Pages 121 - 124)

Benjamin Watts
General Counsel
03000 416814

Wednesday, 22 January 2025
\u{c}                                                                 Agenda Item 3

ANYSHIRE COUNTY COUNCIL

CABINET

MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions House, County Hall, Maidstone on Thursday, 9 January 2025.

PRESENT: Mr R Gough (Chairman), Mr P Oakford, Mrs C Bell

IN ATTENDANCE: Mrs A Beer (Chief Executive)

UNRESTRICTED ITEMS

71.   Apologies
      (Item 1)
Apologies were received from Mr Murphy.

72.   Minutes of the meeting held on 5 December 2024
      (Item 3)
RESOLVED that the minutes were a correct record.
";

    #[test]
    fn a_front_sheet_with_its_membership_and_the_previous_minutes_is_two_documents() {
        let pack = crate::parse::parse(FRONT_SHEET_AND_MINUTES);
        let kinds: Vec<DocKind> = pack.documents.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DocKind::Agenda, DocKind::Minutes]);
        assert_eq!(pack.agenda.len(), 8);
        assert_eq!(pack.agenda[2].documents, [pack.documents[1].id]);
        // The front sheet does not name the council; the minutes' letterhead does.
        assert_eq!(
            pack.meta.council.as_deref(),
            Some("Anyshire County Council")
        );
        assert_eq!(pack.meta.committee.as_deref(), Some("Cabinet"));
        let minutes = pack.documents[1].minutes.as_ref().expect("minutes");
        assert_eq!(minutes.present.len(), 3, "{:?}", minutes.present);
    }

    #[test]
    fn a_stamp_level_with_the_papers_first_line_starts_it() {
        let text = "AGENDA\n\n1.   Apologies\n\n2.   Budget Monitoring Report (Pages 3 - 12)\n\n\
                    3.   Work Programme (Pages 13 - 16)\n\u{c}\
                    Report to Cabinet                                        Agenda Item 2\n\n\
                    Budget Monitoring Report\n\nPurpose of the report\n\nThe report sets out the budget.\n\n\
                    Recommendations\n\nCabinet is asked to note the forecast.\n\n1. Background\n\n\
                    1.1 The budget was set in February.\n\n1.2 Spending is in line with it.\n\n\
                    1.3 Income is lower than planned.\n\n2. Forecast\n\n2.1 The forecast is an overspend.\n\u{c}\
                    Agenda Item 3\n\nWork Programme 2025/26\n\nDate\tItem\tLead\n";
        assert_eq!(
            stamp_of("Report to Cabinet                                        Agenda Item 2"),
            Some(("2", true))
        );
        assert_eq!(stamp_of("Agenda Item 3"), Some(("3", false)));
        assert_eq!(stamp_of("The report under agenda item 3 was noted."), None);
        let pack = crate::parse::parse(text);
        let docs = starts(&pack);
        assert_eq!(docs[1].1, 8, "{docs:?}");
        assert_eq!(docs[1].0, DocKind::Report, "{docs:?}");
        assert_eq!(docs[1].2, "Report to Cabinet", "{docs:?}");
        assert_eq!(pack.agenda[1].documents, [pack.documents[1].id]);
        assert_eq!(pack.agenda[2].documents, [pack.documents[2].id]);
    }

    #[test]
    fn an_equality_impact_assessment_form_behind_a_report_is_its_appendix() {
        let text = "Agenda Item 5\n\nReport to Cabinet\n\nSubject: Library opening hours\n\n\
                    1. Purpose\n\nThe report proposes new hours.\n\n\
                    2. Equality Impact Assessment\n\nAn assessment was made and is attached.\n\u{c}\
                    Equality Impact Assessment\n\nName of policy: Library opening hours\n\n\
                    Directorate: Communities\n\nLead officer: A Smith\n\n\
                    Who is affected: Library users.\n\u{c}\
                    Equality Impact Assessment\n\nThe council considered the effect on older people and found\n\
                    that the change would reduce access for some of them in the evenings.\n";
        let pack = crate::parse::parse(text);
        let docs: Vec<(DocKind, u32)> = pack
            .documents
            .iter()
            .map(|d| (d.kind, d.lines.first()))
            .collect();
        // The form is the report's appendix; a page headed so but in prose is not.
        assert_eq!(docs, [(DocKind::Report, 1), (DocKind::Appendix, 14)]);
        assert_eq!(pack.documents[1].title, "Equality Impact Assessment");
    }

    #[test]
    fn the_minutes_status_and_the_last_meeting_item() {
        assert_eq!(
            heading_kind(
                "DRAFT MINUTES OF THE WEST DEREHAM PARISH COUNCIL MEETING HELD ON 1 JUNE 2017"
            ),
            Some(DocKind::Minutes)
        );
        assert_eq!(
            heading_kind("Unconfirmed minutes of the meeting of the Planning Committee"),
            Some(DocKind::Minutes)
        );
        // The item that takes the last minutes, in minutes or on a front sheet.
        assert_eq!(heading_kind("Minutes of last meeting"), None);
        assert_eq!(heading_kind("Minutes of the previous meeting"), None);
    }

    #[test]
    fn a_list_of_appendices_at_a_reports_end_starts_none_of_them() {
        // Cut from seeds/000 as printed to PDF: the list falls near a page's top.
        let text = "Briefing Note\n\nTo: the Board\n\nSubject: Holiday activities\n\n1 Purpose\n\n\
                    9 Health Inequalities Impact\n\u{c}9.1 Addressing inequalities is a key part.\n\
                    on health inequalities through positive activities.\n\n\
                    Appendix 1: Summer holiday providers\n\nAppendix 2: Where activities took place\n\n\
                    Appendix 3: Types of activities included\n\nName of Author: A Coles\n\n\
                    \u{c}Appendix 1: Summer holiday providers\n\nThe following providers were funded:\n\n\
                    Appendix 2: Where activities took place\n\nActivities took place in these places:\n";
        let pack = crate::parse::parse(text);
        let appendices: Vec<&str> = pack
            .documents
            .iter()
            .filter(|d| d.kind == DocKind::Appendix)
            .map(|d| d.title.as_str())
            .collect();
        assert_eq!(
            appendices,
            [
                "Appendix 1: Summer holiday providers",
                "Appendix 2: Where activities took place"
            ],
            "the appendices bound behind, not the list naming them"
        );
    }

    #[test]
    fn a_council_name_run_into_a_minutes_heading_still_heads_minutes() {
        // Seeds/000's letterhead and heading, as a page whose lines were joined prints them.
        let t = "Coventry City Council Minutes of the Meeting of Education and Children's Services Scrutiny Board (2) held at";
        assert_eq!(heading_kind(t), Some(DocKind::Minutes));
        assert_eq!(
            heading_kind("ANYSHIRE COUNTY COUNCIL MINUTES OF A MEETING OF THE CABINET"),
            Some(DocKind::Minutes)
        );
        // A sentence naming a council is not a heading.
        assert_eq!(
            heading_kind("The report to the County Council Minutes of the meeting were noted"),
            None
        );
    }

    #[test]
    fn a_front_sheet_without_the_word_agenda_is_the_agenda_before_the_minutes() {
        // A front sheet in ModernGov's shape: the meeting's details as fields, items with
        // page ranges, then the previous minutes with no stamp above them. Their
        // decisions and Present line are the minutes', not the front sheet's.
        let text = "Public Document Pack\n\nAnyshire County Council\nCabinet\n\n\
                    Date:      Thursday, 5 December 2024\nTime:      10.00 am\n\
                    Venue:     Council Chamber, County Hall\n\n\
                    1.   Apologies\n2.   Declarations of Interest\n\
                    3.   Minutes of the Meeting held on 7 November 2024       (Pages 1 - 8)\n\
                    4.   Budget 2025-26                                       (Pages 9 - 40)\n\n\
                    MINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, 7 November 2024.\n\n\
                    PRESENT: Mr R Gough (Chairman), Mr P Oakford\n\n\
                    101.   Apologies\n(Item 1)\n\nNone.\n\n\
                    102.   Minutes of the Meeting held on 3 October 2024\n(Item 3)\n\n\
                    RESOLVED that the minutes be signed.\n";
        let pack = crate::parse::parse(text);
        let kinds: Vec<DocKind> = pack.documents.iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DocKind::Agenda, DocKind::Minutes]);
        let items: Vec<&str> = pack.agenda.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(items, ["1", "2", "3", "4"]);
        assert_eq!(pack.meta.date.as_deref(), Some("2024-12-05"));
    }

    #[test]
    fn a_council_name_over_a_note_heading_starts_the_note_and_covers_the_heading() {
        let (start, heading) = ask(NOTE_TOP, 0, DocKind::Other, |s, h| {
            s.council_heading_start(h)
        })
        .unwrap();
        assert_eq!(
            (start.at, start.kind, heading),
            (0, DocKind::BriefingNote, 2)
        );
        // Without its header below, "Briefing note" is no note's heading.
        let bare = "Coventry City Council\n\nBriefing note\n\nThe programme began in 2021.\n";
        assert!(ask(bare, 0, DocKind::Other, |s, h| s.council_heading_start(h)).is_none());
    }

    #[test]
    fn a_decisions_own_page_is_a_decision_notice_its_fields_facts_and_its_decision_read() {
        // ModernGov's "Decision details" page as a site's text gives it, lines unspaced.
        let text = "Decision Maker: Cabinet\nDecision status: Recommendations Approved\n\
                    Is Key decision?: Yes\nIs subject to call in?: Yes\n\
                    To endorse placement strategy and preparatory survey work.\n\
                    Recommendation agreed.\nReport author: Matthew Edwards\n\
                    Publication date: 17/07/2013\nDate of decision: 16/07/2013\n\
                    Decided at meeting: 16/07/2013 - Cabinet\n";
        let pack = crate::parse::parse(text);
        let doc = &pack.documents[0];
        assert_eq!(doc.kind, DocKind::DecisionNotice);
        assert_eq!(doc.decisions.len(), 1, "{:?}", doc.decisions);
        assert!(doc.decisions[0].text.contains("Recommendation agreed"));
        assert_eq!(pack.meta.date.as_deref(), Some("2013-07-16"));
    }

    #[test]
    fn minutes_without_a_heading_are_minutes_by_their_references_and_decisions() {
        // A committee's minutes cut from a web page, with no heading above them: references
        // with a year on the usual business, and formal decisions.
        let text = "PL21/073   APOLOGIES FOR ABSENCE\n\nApologies were received from Cllr Gray.\n\n\
                    PL21/074   DECLARATIONS OF MEMBERS' INTERESTS\n\nNone.\n\n\
                    PL21/076   CONFIRMATION OF PREVIOUS MINUTES\n\nIt was RESOLVED to approve the minutes.\n\n\
                    PL21/077   PLANNING APPLICATIONS\n\nIt was RESOLVED to submit the comments below.\n";
        let pack = crate::parse::parse(text);
        assert_eq!(pack.documents[0].kind, DocKind::Minutes);
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["PL21/073", "PL21/074", "PL21/076", "PL21/077"]);
        let decided: usize = m.items.iter().map(|i| i.resolutions.len()).sum();
        assert_eq!(decided, 2);
    }

    #[test]
    fn a_stamp_starts_a_document_of_the_kind_below_it() {
        // Cut from seeds/000.
        let text = "Agenda Item 6\n\n\
            Education and Children's Services Scrutiny Board (2) Work Programme 2023-24\n";
        let start = ask(text, 0, DocKind::Report, |s, h| s.stamp_start(h)).unwrap();
        assert_eq!(start.stamp.as_deref(), Some("6"));
        assert_eq!(start.kind, DocKind::WorkProgramme);
    }

    #[test]
    fn minutes_confirming_the_last_minutes_start_nothing_inside_minutes() {
        let text = "Minutes of the meeting held on 29 October 2023\n";
        assert!(ask(text, 0, DocKind::Minutes, |s, h| s.heading_start(h)).is_none());
        let start = ask(text, 0, DocKind::Report, |s, h| s.heading_start(h)).unwrap();
        assert_eq!(start.kind, DocKind::Minutes);
    }
}
