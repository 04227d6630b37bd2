//! A PDF's bookmarks (its outline) as evidence of where the papers of a pack start.
//!
//! Publishing systems that bind a pack's papers behind its front sheet (ModernGov's
//! "Public reports pack", its supplements) bookmark the pack: "Agenda" at the front sheet,
//! then one bookmark an agenda item ("3 English Devolution White Paper") at the first page
//! of the item's paper, with the paper's appendices ("Appendix A - …") under it. A
//! paper whose page carries no "Agenda Item 3" stamp and no heading the rules know still
//! starts there, and links to its item.
//!
//! An outline only counts when it is shaped like a pack's (its first bookmark is the
//! agenda), and a bookmark only where the page it points at opens with its words or its
//! item's stamp: an outline made from a report's own headings, or one that points at the
//! wrong page, adds nothing. Pure: the caller gives each bookmark's page as a line.

use super::lines::Line;
use super::text;
use super::text::static_regex;
use crate::model::DocKind;

/// One bookmark of a PDF's outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// Depth in the outline: 0 for a top-level bookmark.
    pub level: u8,
    pub title: String,
    /// 1-based line of the extracted text where the page it points at starts.
    pub line: u32,
}

/// Where a bookmark says a paper starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Index of the page's first line (into the lines).
    pub at: usize,
    /// Index one past the page's top: the rules' own start anywhere in `at..top_end`
    /// is the same start.
    pub top_end: usize,
    /// A report, or an appendix; the caller reads the page's heading for the kind of an
    /// item's paper (its minutes, a decision notice).
    pub kind: DocKind,
    /// The agenda item the paper belongs to ("3").
    pub item: Option<String>,
    /// The bookmark's title without its item number: the name the publisher gave the
    /// paper ("Appendix A - Ministerial Letter", where the page opens with the letter's
    /// sender).
    pub title: String,
    /// The page opens with the bookmark's words or stamp: the bookmark may start a paper.
    /// Otherwise it only names a start the rules found on the page.
    pub confirmed: bool,
}

/// How many nonblank lines of a page are its top: a stamp, the council, the meeting and
/// the paper's title print there.
const TOP_LINES: usize = 10;

/// Past this many bookmarks an outline is not a pack's index (a report's every heading):
/// the cap also bounds the work on a hostile outline.
const MAX_BOOKMARKS: usize = 2_000;

static_regex!(
    ITEM_TITLE,
    r"^(\d{1,3}(?:\.\d{1,2})?[A-Za-z]?)\.?\s+(\S.*)$"
);
static_regex!(
    APPENDIX_TITLE,
    r"(?i)^(?:appendix|appendices|annexe?|enclosure)\b"
);
static_regex!(
    FRONT_SHEET,
    r"(?i)^(?:agenda|public\s+reports?\s+pack|summons)\b"
);

/// The paper starts the outline vouches for, in line order. Nothing when the outline is
/// not a pack's.
pub(crate) fn marks(outline: &[Bookmark], lines: &[Line<'_>]) -> Vec<Mark> {
    if outline.len() > MAX_BOOKMARKS || !pack_shaped(outline) {
        return Vec::new();
    }
    let mut out: Vec<Mark> = Vec::new();
    let mut item: Option<String> = None;
    for b in outline {
        let title = b.title.trim();
        let (kind, number, words) = if b.level == 0 {
            item = ITEM_TITLE.captures(title).map(|c| c[1].to_string());
            match ITEM_TITLE.captures(title) {
                Some(c) => (DocKind::Report, item.clone(), c[2].to_string()),
                None => continue,
            }
        } else if APPENDIX_TITLE.is_match(title) && item.is_some() {
            (DocKind::Appendix, item.clone(), title.to_string())
        } else {
            // A paper's own section headings: not a paper of their own.
            continue;
        };
        let Some(at) = (b.line as usize)
            .checked_sub(1)
            .filter(|&i| i < lines.len())
        else {
            continue;
        };
        let top = page_top(lines, at);
        if top.is_empty() {
            continue;
        }
        let confirmed = confirmed(&words, number.as_deref(), &top, lines);
        // An appendix whose page does not open with its words (a letter opens with its
        // sender) may still name a start the rules found there; an item may not.
        if !confirmed && kind != DocKind::Appendix {
            continue;
        }
        let mark = Mark {
            at: top[0],
            top_end: top[top.len() - 1] + 1,
            kind,
            item: number,
            title: words,
            confirmed,
        };
        // Two bookmarks on one page (an item and its only paper) make one start.
        if out.last().is_none_or(|m| m.at < mark.at) {
            out.push(mark);
        }
    }
    out
}

/// A pack's outline opens with its front sheet ("Agenda") and has a numbered item.
fn pack_shaped(outline: &[Bookmark]) -> bool {
    let mut top = outline.iter().filter(|b| b.level == 0);
    top.next()
        .is_some_and(|b| FRONT_SHEET.is_match(b.title.trim()))
        && top.any(|b| ITEM_TITLE.is_match(b.title.trim()))
}

/// The page's first nonblank lines that are not running headers or footers, up to the
/// next page.
fn page_top(lines: &[Line<'_>], at: usize) -> Vec<usize> {
    let mut top = Vec::with_capacity(TOP_LINES);
    for (i, line) in lines.iter().enumerate().skip(at) {
        if i > at && line.page_break {
            break;
        }
        if !line.is_blank() && !line.furniture {
            top.push(i);
            if top.len() == TOP_LINES {
                break;
            }
        }
    }
    top
}

/// The page opens with most of the bookmark's words, or with its item's stamp
/// ("Agenda Item 3", "Item 3").
fn confirmed(words: &str, number: Option<&str>, top: &[usize], lines: &[Line<'_>]) -> bool {
    if let Some(n) = number {
        let stamped = top.iter().any(|&i| {
            let t = lines[i].plain.trim();
            let rest = t
                .strip_prefix("Agenda Item")
                .or_else(|| t.strip_prefix("Item"))
                .map(str::trim_start);
            rest.is_some_and(|r| {
                r.strip_prefix(n)
                    .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_digit()))
            })
        });
        if stamped {
            return true;
        }
    }
    let wanted = text::title_words(words);
    if wanted.is_empty() {
        return false;
    }
    let page: String = top
        .iter()
        .map(|&i| lines[i].plain.as_ref())
        .collect::<Vec<_>>()
        .join(" ");
    let (_, shared) = text::words_overlap(&wanted, &text::title_words(&page));
    shared * 5 >= wanted.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines;

    fn bm(level: u8, title: &str, line: u32) -> Bookmark {
        Bookmark {
            level,
            title: title.into(),
            line,
        }
    }

    const PACK: &str = "Agenda\nCabinet\nThursday 9 January 2025\n1. Apologies\n2. Budget monitoring (Pages 1 - 6)\n\u{c}Budget Monitoring Quarter 3\nReport of the Director of Finance\n1. Background\nThe budget is on track.\n\u{c}Appendix A - Forecast by directorate\nSchools 12.0\n\u{c}2. Financial implications\nNone.\n";

    #[test]
    fn a_packs_bookmarks_start_its_paper_and_appendix_where_their_pages_open_with_their_words() {
        let lines = lines::split(PACK);
        let outline = [
            bm(0, "Agenda", 1),
            bm(0, "2 Budget monitoring Quarter 3", 6),
            bm(1, "1. Background", 6),
            bm(1, "Appendix A - Forecast by directorate", 10),
            // A section heading at a page top is not a paper.
            bm(1, "2. Financial implications", 12),
        ];
        let m = marks(&outline, &lines);
        let got: Vec<(usize, DocKind, Option<&str>)> = m
            .iter()
            .map(|m| (m.at, m.kind, m.item.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (5, DocKind::Report, Some("2")),
                (9, DocKind::Appendix, Some("2")),
            ]
        );
    }

    #[test]
    fn an_outline_of_a_reports_own_headings_or_pointing_at_the_wrong_page_vouches_for_nothing() {
        let lines = lines::split(PACK);
        // A report's headings: no front sheet first.
        let headings = [bm(0, "1. Background", 6), bm(0, "2 Budget monitoring", 6)];
        assert!(marks(&headings, &lines).is_empty());
        // A pack's outline whose item points at a page without its words or stamp.
        let wrong = [bm(0, "Agenda", 1), bm(0, "7 Highways maintenance plan", 10)];
        assert!(marks(&wrong, &lines).is_empty());
        // A bookmark past the text, or at line 0, is ignored.
        let outside = [
            bm(0, "Agenda", 1),
            bm(0, "2 Budget", 999),
            bm(0, "3 Budget", 0),
        ];
        assert!(marks(&outside, &lines).is_empty());
    }

    #[test]
    fn an_items_stamp_at_the_page_top_confirms_a_bookmark_whose_words_differ() {
        let text = "Agenda\n1. Minutes\n\u{c}Agenda Item 4\nKent County Council\nSomething else entirely\n";
        let lines = lines::split(text);
        let outline = [bm(0, "Agenda", 1), bm(0, "4 Devolution", 3)];
        let m = marks(&outline, &lines);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].at, m[0].item.as_deref()), (2, Some("4")));
    }
}
