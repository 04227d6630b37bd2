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
}

struct Start {
    at: usize,
    kind: DocKind,
    why: Why,
    stamp: Option<String>,
}

/// Splits the lines into documents covering every line.
pub fn split(lines: &[Line<'_>], cx: &mut Context) -> Vec<Segment> {
    let plain: Vec<&str> = lines.iter().map(|l| l.plain.as_ref()).collect();
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    if nonblank.is_empty() {
        return vec![Segment {
            kind: DocKind::Other,
            start: 0,
            end: lines.len().max(1).min(lines.len()),
            title: "Empty".into(),
            stamp: None,
        }]
        .into_iter()
        .filter(|s| s.end > s.start)
        .collect();
    }
    let s = Scanner {
        lines,
        plain: &plain,
        nonblank: &nonblank,
    };
    let mut starts = vec![Start {
        at: 0,
        kind: s.first_kind(),
        why: Why::First,
        stamp: None,
    }];
    let mut signed_off = false;
    let mut after_separator = false;
    let mut skip_until = 0;
    for (n, &i) in nonblank.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        let t = plain[i].trim();
        let current = starts.last().map_or(DocKind::Other, |s| s.kind);
        let started_here = starts.last().is_some_and(|s| s.at == i);
        if text::leads_with(t, b"t") && SEPARATOR.is_match(t) {
            after_separator = true;
            continue;
        }
        if let Some(c) = text::leads_with(t, b"a")
            .then(|| STAMP.captures(t))
            .flatten()
        {
            let kind = s.kind_from(n + 1);
            starts.push(Start {
                at: i,
                kind,
                why: Why::Stamp,
                stamp: Some(c[1].to_string()),
            });
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if is_council_name(t)
            && !lines[i].has_tabs()
            && let Some(&j) = nonblank.get(n + 1)
            && let Some(kind) = heading_kind(plain[j])
            && (kind != DocKind::BriefingNote || s.header_follows(n + 1))
        {
            starts.push(Start {
                at: i,
                kind,
                why: Why::Heading,
                stamp: None,
            });
            skip_until = j + 1;
            (signed_off, after_separator) = (false, false);
            continue;
        }
        // Inside minutes, "Minutes of the meeting held on 29 October" names no body: it
        // is the item that confirms the last minutes, not a second set of minutes.
        let names_no_body = || super::meta::committee([t]).is_none();
        if let Some(kind) = heading_kind(t)
            && (kind != DocKind::BriefingNote || s.header_follows(n))
            && !(kind == DocKind::Minutes && current == DocKind::Minutes && names_no_body())
        {
            if !started_here || starts.len() == 1 {
                starts.push(Start {
                    at: i,
                    kind,
                    why: Why::Heading,
                    stamp: None,
                });
            }
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if TO.is_match(t) && s.subject_follows(n) && !s.in_note_header(&starts, n) {
            starts.push(Start {
                at: i,
                kind: DocKind::BriefingNote,
                why: Why::Header,
                stamp: None,
            });
            (signed_off, after_separator) = (false, false);
            continue;
        }
        if after_separator {
            starts.push(Start {
                at: i,
                kind: s.kind_from(n),
                why: Why::AfterSeparator,
                stamp: None,
            });
            (signed_off, after_separator) = (false, false);
            continue;
        }
        // An appendix bound behind a report starts a page with its title. A title that
        // repeats the current appendix's is a running header, not a new appendix.
        let page_top = s.at_page_top(n);
        if matches!(
            current,
            DocKind::Report | DocKind::BriefingNote | DocKind::Other | DocKind::Appendix
        ) && !started_here
            && page_top
            && is_appendix_title(t)
            && !s.repeats_title(&starts, t)
        {
            starts.push(Start {
                at: i,
                kind: DocKind::Appendix,
                why: Why::NextAppendix,
                stamp: None,
            });
            continue;
        }
        // A letter bound behind a report ("… attached as Appendix A") starts a page with
        // its letterhead and no "Appendix" heading: it is the report's appendix.
        if matches!(
            current,
            DocKind::Report | DocKind::BriefingNote | DocKind::Appendix
        ) && !started_here
            && s.first_on_page(n)
            && s.letter_follows(n)
        {
            starts.push(Start {
                at: i,
                kind: DocKind::Appendix,
                why: Why::NextAppendix,
                stamp: None,
            });
            continue;
        }
        if current == DocKind::BriefingNote {
            if signed_off && !s.is_sign_off_line(i) {
                starts.push(Start {
                    at: i,
                    kind: s.kind_from(n),
                    why: Why::AfterSignOff,
                    stamp: None,
                });
                signed_off = false;
                continue;
            }
            if !signed_off && s.starts_sign_off(n) {
                signed_off = true;
            }
            continue;
        }
        if current == DocKind::Appendix
            && !started_here
            && APPENDIX.is_match(t)
            && text::word_count(t) <= 16
            && !lines[i].has_tabs()
            && !s.repeats_title(&starts, t)
        {
            starts.push(Start {
                at: i,
                kind: DocKind::Appendix,
                why: Why::NextAppendix,
                stamp: None,
            });
        }
    }
    let starts = merge_tiny(starts, &s);
    finish(starts, &s, cx)
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
    let head: String = rest.chars().take(110).collect();
    // "Minutes of the Planning Committee held on …" names a body and when it sat.
    let body_held = head.contains(" held") && super::meta::committee([t]).is_some();
    rest.starts_with([' ', '\t'])
        && (head.contains("meeting") || head.contains("proceedings") || body_held)
}

/// The kind a heading line announces.
fn heading_kind(t: &str) -> Option<DocKind> {
    let t = t.trim();
    if text::leads_with(t, b"jb") && NOTE_HEADING.is_match(t) {
        return Some(DocKind::BriefingNote);
    }
    if is_minutes_heading(t) && text::word_count(t) <= 30 && !t.ends_with('.') {
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
        if let Some(kind) = head.iter().take(3).find_map(|t| heading_kind(t)) {
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
        let head: Vec<&str> = (skip..skip + 40).filter_map(|k| self.text(k)).collect();
        if head.first().is_some_and(|t| is_appendix_title(t)) {
            return DocKind::Appendix;
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
        if head.iter().take(30).any(|t| {
            PRESENT.is_match(t)
                && (t.ends_with(':')
                    || t.len() < 12
                    || t.contains("Councillor")
                    || t.contains("Cllr")
                    || t.contains(':'))
        }) {
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
        if head.iter().any(|t| t.eq_ignore_ascii_case("time and date")) {
            agenda += 2;
        }
        if head.iter().any(|t| PAGES.is_match(t)) {
            agenda += 2;
        }
        let items = (0..200)
            .filter_map(|k| self.nonblank.get(k))
            .filter(|&&i| {
                AGENDA_ITEM.is_match(self.lines[i].text) || self.lines[i].text.contains(". **")
            })
            .count();
        if items >= 3 {
            agenda += 1;
        }
        // Numbered lines with the usual business of a meeting ("Apologies", "Minutes of
        // the last meeting", "Any other business") are an agenda's items, unless the lines
        // record decisions, as minutes do.
        let usual = (0..200)
            .filter_map(|k| self.nonblank.get(k))
            .filter(|&&i| {
                AGENDA_ITEM.is_match(self.lines[i].text) && USUAL_BUSINESS.is_match(self.plain[i])
            })
            .count();
        // A formal "RESOLVED", or several "it was agreed": a report may say it once.
        let lines200 = || (0..200).filter_map(|k| self.nonblank.get(k));
        let decided = lines200().any(|&i| super::decisions::is_formal(self.plain[i]))
            || lines200()
                .filter(|&&i| super::decisions::is_decision(self.plain[i]))
                .count()
                >= 2;
        if decided {
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
    AGENDA_CUE,
    r"(?i)\bagenda\b.*\bsummons\b|\bsummons\b.*\bagenda\b|\byou\s+are\s+(?:hereby\s+)?(?:summoned|requested\s+to\s+attend)\b|^agenda\b(?:\s+(?:and|&)\b.*)?$|\bnotice\s+of\s+(?:the\s+)?meeting\b"
);
static_regex!(PAGES, r"(?i)\(\s*pages?\s+\d{1,4}");
static_regex!(
    USUAL_BUSINESS,
    r"(?i)^\d{1,4}\\?[.)]?\s+(?:to\s+(?:receive|consider|approve|note|agree|confirm)\b|apologies|declarations?\s+of|minutes\b|matters\s+arising|public\s+(?:forum|participation|questions?)|any\s+other\s+business|date\s+of\s+(?:the\s+)?next\s+meeting|correspondence|police\s+report|chair(?:man)?'?s?\s+(?:announcements|report))"
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

fn finish(starts: Vec<Start>, s: &Scanner<'_, '_>, cx: &mut Context) -> Vec<Segment> {
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
        let title = title_of(st.kind, content, s);
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

fn title_of(kind: DocKind, content: &[usize], s: &Scanner<'_, '_>) -> String {
    let texts: Vec<&str> = content.iter().map(|&i| s.plain[i].trim()).collect();
    let clean = |t: &str| {
        t.trim_start_matches(['■', '●', '•', ' '])
            .trim()
            .to_string()
    };
    let without_stamp: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| !STAMP.is_match(t))
        .collect();
    match kind {
        DocKind::Agenda => "Agenda".to_string(),
        DocKind::Minutes => texts
            .iter()
            .find(|t| heading_kind(t) == Some(DocKind::Minutes))
            .map_or_else(
                || "Minutes".to_string(),
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
        DocKind::Report
            if let Some(named) = without_stamp.iter().take(15).find_map(|t| {
                let (label, value) = t.split_once(':')?;
                let label = label.trim().to_ascii_lowercase();
                let value = value.trim();
                (["report title", "title", "subject"].contains(&label.as_str())
                    && !value.is_empty())
                .then(|| crate::text::truncate_at_word(value, 120).into_owned())
            }) =>
        {
            named
        }
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
