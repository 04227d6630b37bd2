//! PDF bytes to text in the shape of the seeds: one line per baseline, top to bottom;
//! `**bold**` around bold runs; a tab where a wide gap separates columns; a blank line where
//! the vertical gap is wider than line spacing; one form feed at the start of every page but
//! the first. Also a page map: each page's first line and the page number printed on it.
//!
//! This is the only module that sees `pdf_oxide` (a large, fast-moving 0.x API), so a change
//! of crate touches nothing else. Extraction keeps every character: hard-wrapped lines and
//! hyphens are left for the parser, which knows the reading flow.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use pdf_oxide::PdfDocument;
use pdf_oxide::layout::TextSpan;
use rayon::prelude::*;

pub mod outline;

/// The text of a PDF and where its pages are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub pages: Vec<Page>,
    /// The PDF's bookmarks, with the pages they point at (none when it has no outline).
    pub outline: Vec<outline::Entry>,
}

/// One PDF page in the extracted text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    /// 1-based line of the extracted text where this page starts (its form feed's line).
    pub first_line: u32,
    /// The page number printed on the page ("Page 11", "11", "Page | 11"), if any.
    pub printed: Option<u32>,
    /// The page had no text at all (an image, or blank).
    pub empty: bool,
    /// pdf_oxide could not read this page (damaged content); it is left empty.
    pub failed: bool,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// Encrypted with a password we do not have.
    Encrypted,
    /// The file could not be parsed as a PDF (damaged or truncated); the reason as given.
    Damaged(String),
    /// The caller asked to stop.
    Cancelled,
}

/// Extracts the text of every page. `progress(done, total)` is called before each batch of
/// pages (a few a core) and after the last; returning `false` cancels. Never panics:
/// pdf_oxide is called behind `catch_unwind`, as a third-party parser may panic on hostile
/// input.
pub fn extract(
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Extracted, PdfError> {
    extract_with_early(bytes, progress, 0, &mut |_| {})
}

/// As [`extract`]; when the PDF has more than `early` pages (and `early` is not 0), `first`
/// is given the text of its first `early` pages once they are read, before the rest: a
/// viewer can show the front of a long pack while its other pages are read.
///
/// Pages are read on every core (rayon), a batch at a time: each page's lines are worked
/// out on their own, then written in page order on this thread, so the text is the same
/// as page after page. Between batches this thread reports progress and hears a cancel.
pub fn extract_with_early(
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize) -> bool,
    early: usize,
    first: &mut dyn FnMut(&Extracted),
) -> Result<Extracted, PdfError> {
    let doc = open(bytes).map_err(|reason| classify_open_error(bytes, reason))?;
    if doc.is_encrypted() && !guarded(|| doc.is_authenticated()).unwrap_or(false) {
        return Err(PdfError::Encrypted);
    }
    let count = match guarded(|| doc.page_count()) {
        Ok(Ok(n)) => n,
        Ok(Err(pdf_oxide::Error::EncryptedPdf)) => return Err(PdfError::Encrypted),
        Ok(Err(e)) => return Err(PdfError::Damaged(e.to_string())),
        Err(reason) => return Err(PdfError::Damaged(reason)),
    };
    if count == 0 {
        return Err(PdfError::Damaged("it has no pages".into()));
    }
    // Read before the pages: a broken outline costs nothing but its bookmarks.
    let bookmarks = guarded(|| outline::read(&doc)).unwrap_or_default();
    let readers = Readers::new(bytes, doc);
    let early = if early > 0 && count > early { early } else { 0 };
    // Enough pages a batch to keep every core busy past a slow page, few enough that
    // progress moves and a cancel is heard soon.
    let batch = 4 * rayon::current_num_threads().max(1);
    let mut out = Writer::default();
    let mut pages = Vec::with_capacity(count);
    let mut next = 0;
    while next < count {
        if !progress(next, count) {
            return Err(PdfError::Cancelled);
        }
        // The first look's pages make a batch of their own, so they are shown first.
        let end = if next < early {
            early
        } else {
            count.min(next + batch)
        };
        let read: Vec<(Vec<LaidLine>, bool)> = (next..end)
            .into_par_iter()
            .map(|index| readers.read_page(index))
            .collect();
        for (offset, (lines, failed)) in read.into_iter().enumerate() {
            let index = next + offset;
            let first_line = out.start_page(index > 0);
            let printed = printed_page_number(&lines);
            out.write_page(&lines);
            pages.push(Page {
                first_line,
                printed,
                empty: lines.is_empty(),
                failed,
            });
        }
        next = end;
        if early > 0 && pages.len() == early {
            first(&Extracted {
                text: out.text.clone(),
                pages: pages.clone(),
                outline: bookmarks.clone(),
            });
        }
    }
    progress(count, count);
    if pages.iter().all(|p| p.failed) {
        return Err(PdfError::Damaged("no page could be read".into()));
    }
    Ok(Extracted {
        text: out.text,
        pages,
        outline: bookmarks,
    })
}

/// Opens a document from a copy of the bytes, a panic or an error as its message.
fn open(bytes: &[u8]) -> Result<PdfDocument, String> {
    guarded(|| PdfDocument::from_bytes(bytes.to_vec())).and_then(|r| r.map_err(|e| e.to_string()))
}

/// The documents the page-reading threads use: one each, so no thread waits on another's
/// reads (a shared document takes its reads one at a time). A thread takes the first
/// document if it is free, else a spare, else opens its own, and gives it back after its
/// page; a thread whose own would not open shares the first.
struct Readers<'a> {
    bytes: &'a [u8],
    first: PdfDocument,
    first_busy: AtomicBool,
    spares: Mutex<Vec<PdfDocument>>,
}

impl<'a> Readers<'a> {
    fn new(bytes: &'a [u8], first: PdfDocument) -> Self {
        Readers {
            bytes,
            first,
            first_busy: AtomicBool::new(false),
            spares: Mutex::new(Vec::new()),
        }
    }

    fn spares(&self) -> std::sync::MutexGuard<'_, Vec<PdfDocument>> {
        self.spares.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A page's lines, and whether it failed (then it has none). Never panics.
    fn read_page(&self, index: usize) -> (Vec<LaidLine>, bool) {
        let holds_first = !self.first_busy.swap(true, Ordering::Acquire);
        let own = if holds_first {
            None
        } else {
            let spare = self.spares().pop();
            spare.or_else(|| open(self.bytes).ok())
        };
        let doc = own.as_ref().unwrap_or(&self.first);
        let lines = guarded(|| doc.extract_spans(index).map(|s| page_lines(&s)))
            .and_then(|r| r.map_err(|e| e.to_string()));
        if holds_first {
            self.first_busy.store(false, Ordering::Release);
        }
        if let Some(doc) = own {
            self.spares().push(doc);
        }
        match lines {
            Ok(lines) => (lines, false),
            Err(_) => (Vec::new(), true),
        }
    }
}

/// Runs a third-party call, turning a panic into an error message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the PDF reader failed".into())
    })
}

fn classify_open_error(bytes: &[u8], reason: String) -> PdfError {
    // pdf_oxide reports a missing password in several shapes; the trailer's /Encrypt is
    // the reliable sign (it is near the end, within the last few KiB of a normal file).
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    let says_encrypted = reason.to_ascii_lowercase().contains("encrypt")
        || memchr::memmem::find(tail, b"/Encrypt").is_some();
    if says_encrypted {
        PdfError::Encrypted
    } else {
        PdfError::Damaged(reason)
    }
}

/// A piece of a line: its text, where it starts and ends, its size and weight.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    bold: bool,
}

/// A line of a page as laid out: its baseline and its pieces left to right.
#[derive(Debug, Clone)]
struct LaidLine {
    y: f32,
    size: f32,
    pieces: Vec<Piece>,
}

/// Groups a page's spans into lines by baseline, top to bottom, pieces left to right.
fn page_lines(spans: &[TextSpan]) -> Vec<LaidLine> {
    let mut pieces: Vec<Piece> = spans
        .iter()
        .filter(|s| s.bbox.x.is_finite() && s.bbox.y.is_finite())
        .map(|s| {
            let text = clean(&s.text);
            let size = if s.font_size.is_finite() && s.font_size > 0.5 {
                s.font_size
            } else {
                10.0
            };
            // Some stamp fonts report no widths: estimate half an em a character.
            let width = if s.bbox.width > 0.0 {
                s.bbox.width
            } else {
                0.5 * size * text.chars().count() as f32
            };
            Piece {
                x: s.bbox.x,
                end: s.bbox.x + width,
                y: s.bbox.y,
                size,
                bold: s.font_weight.is_bold(),
                text,
            }
        })
        .collect();
    // Ignore weight on a page that is mostly bold: some producers flag every font bold.
    let (bold, all) = pieces.iter().fold((0usize, 0usize), |(b, a), p| {
        let n = p.text.chars().filter(|c| !c.is_whitespace()).count();
        (b + if p.bold { n } else { 0 }, a + n)
    });
    if all >= 200 && bold * 10 > all * 7 {
        pieces.iter_mut().for_each(|p| p.bold = false);
    }
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<LaidLine> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(line) if (line.y - piece.y).abs() <= 0.35 * line.size.max(piece.size) => {
                line.size = line.size.max(piece.size);
                line.pieces.push(piece);
            }
            _ => lines.push(LaidLine {
                y: piece.y,
                size: piece.size,
                pieces: vec![piece],
            }),
        }
    }
    let mut lines = join_superscripts(lines);
    for line in &mut lines {
        line.pieces.sort_by(|a, b| a.x.total_cmp(&b.x));
        drop_overprints(&mut line.pieces);
    }
    lines.retain(|l| l.pieces.iter().any(|p| !p.text.trim().is_empty()));
    lines
}

/// A line of small raised pieces just above a line, each starting where a word of that
/// line ends, is a superscript ("13th", "1st", a footnote mark): it joins the line below
/// rather than standing as a line of its own.
fn join_superscripts(lines: Vec<LaidLine>) -> Vec<LaidLine> {
    let mut out: Vec<LaidLine> = Vec::with_capacity(lines.len());
    let mut pending: Option<LaidLine> = None;
    for mut line in lines {
        if let Some(raised) = pending.take() {
            let small = raised.pieces.iter().all(|p| p.size <= 0.8 * line.size);
            let close = raised.y > line.y && raised.y - line.y <= 0.6 * line.size;
            let abuts = raised.pieces.iter().all(|r| {
                line.pieces
                    .iter()
                    .any(|p| (r.x - p.end).abs() <= 0.3 * line.size)
            });
            if small && close && abuts {
                line.pieces.extend(raised.pieces);
            } else {
                out.push(raised);
            }
        }
        // A line of small pieces may be the superscripts of the next line.
        let short = line
            .pieces
            .iter()
            .map(|p| p.text.chars().count())
            .sum::<usize>()
            <= 12;
        if short {
            pending = Some(line);
        } else {
            out.push(line);
        }
    }
    out.extend(pending);
    out
}

/// Text drawn twice at almost the same place (a title made bold by printing it again a
/// fraction of a point to the right, as some word processors do) is read once, as it is
/// seen: otherwise "PARISH COUNCIL" reads "PARISH COUNCILPARISH COUNCIL".
fn drop_overprints(pieces: &mut Vec<Piece>) {
    let mut kept: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces.drain(..) {
        let overprint = kept.last().is_some_and(|prev| {
            !piece.text.trim().is_empty()
                && prev.text == piece.text
                && (piece.x - prev.x).abs() <= 0.2 * prev.size.max(piece.size)
        });
        if overprint {
            // The visible result is bold, whichever copy was flagged so.
            if let Some(prev) = kept.last_mut() {
                prev.bold = true;
            }
        } else {
            kept.push(piece);
        }
    }
    *pieces = kept;
}

/// Ligatures to letters (NFKC of the presentation forms only, so nothing else changes),
/// Symbol-font bullets to "•", control characters (a form feed would fake a page) to spaces.
fn clean(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}'..='\u{FB4F}' => out.extend(std::iter::once(c).nfkc()),
            '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}' | '\u{F076}' | '\u{F0FC}' => out.push('•'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Renders one laid-out line: bold runs in `**`, a tab at a wide gap, a space at a word gap.
fn render_line(line: &LaidLine) -> String {
    let mut out = String::new();
    let mut bold_open = false;
    let mut prev_end: Option<f32> = None;
    let mut prev_spaced = false;
    for piece in &line.pieces {
        let words = piece.text.trim();
        if words.is_empty() {
            continue;
        }
        let gap = prev_end.map(|end| piece.x - end);
        let spaced_before = piece.text.starts_with(char::is_whitespace);
        let wide = gap.is_some_and(|g| g > 1.5 * piece.size);
        if bold_open && (!piece.bold || wide) {
            close_bold(&mut out);
            bold_open = false;
        }
        if let Some(g) = gap {
            trim_trailing_spaces(&mut out, bold_open);
            if wide {
                out.push('\t');
            } else if g > 0.15 * piece.size || spaced_before || prev_spaced {
                out.push(' ');
            }
        }
        if piece.bold && !bold_open {
            out.push_str("**");
            bold_open = true;
        }
        // Keep the spaces inside the piece; only its ends are decided by geometry.
        out.push_str(piece.text.trim_start());
        prev_end = Some(piece.end);
        prev_spaced = piece.text.ends_with(char::is_whitespace);
    }
    if bold_open {
        close_bold(&mut out);
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    out
}

/// Closes a bold run with its spaces outside the markers, as Markdown wants.
fn close_bold(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    let spaces = out.len() - trimmed;
    out.truncate(trimmed);
    if out.ends_with("**") {
        // An empty run: drop its opening marker.
        out.truncate(out.len() - 2);
    } else {
        out.push_str("**");
    }
    out.extend(std::iter::repeat_n(' ', spaces.min(1)));
}

fn trim_trailing_spaces(out: &mut String, bold_open: bool) {
    if !bold_open {
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
    }
}

/// The page number printed in the first or last two lines: "Page 11", "Page | 11",
/// "Page 11 of 20", "- 11 -" or a bare "11".
fn printed_page_number(lines: &[LaidLine]) -> Option<u32> {
    let n = lines.len();
    let candidates = lines
        .iter()
        .rev()
        .take(2)
        .chain(lines.iter().take(2.min(n.saturating_sub(2))));
    candidates.map(render_plain).find_map(|t| page_number(&t))
}

fn render_plain(line: &LaidLine) -> String {
    line.pieces
        .iter()
        .map(|p| p.text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a line that is only a page number. Spaces are dropped first: footers are often
/// letter-spaced ("P a g e | 1").
pub(crate) fn page_number(line: &str) -> Option<u32> {
    let compact: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let t = compact.trim_matches(|c: char| c == '-' || c == '–');
    let rest = t
        .strip_prefix("page")
        .map_or(t, |r| r.trim_start_matches('|'));
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(digits_end);
    let tail_ok = tail.is_empty()
        || tail
            .strip_prefix("of")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if digits.is_empty() || digits.len() > 4 || !tail_ok {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// Builds the text and counts its lines.
#[derive(Default)]
struct Writer {
    text: String,
    /// Lines written so far (the next line's number is `lines + 1`).
    lines: u32,
    /// The next line starts with a form feed.
    pending_feed: bool,
}

impl Writer {
    /// Starts a page; returns its first line number.
    fn start_page(&mut self, feed: bool) -> u32 {
        if self.pending_feed {
            // The previous page was empty: its form feed gets a line of its own, so every
            // page starts on a line of its own.
            self.push_line("");
        }
        self.pending_feed = feed;
        self.lines + 1
    }

    fn write_page(&mut self, lines: &[LaidLine]) {
        let mut prev: Option<&LaidLine> = None;
        for line in lines {
            if let Some(p) = prev {
                // Wider than ordinary leading: a paragraph break, as a blank line.
                if p.y - line.y > 1.75 * p.size.max(line.size) {
                    self.push_line("");
                }
            }
            self.push_line(&render_line(line));
            prev = Some(line);
        }
        if lines.is_empty() && self.pending_feed {
            self.push_line("");
        }
    }

    fn push_line(&mut self, line: &str) {
        if std::mem::take(&mut self.pending_feed) {
            self.text.push('\u{c}');
        }
        self.text.push_str(line);
        self.text.push('\n');
        self.lines += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_shapes() {
        assert_eq!(page_number("Page 11"), Some(11));
        assert_eq!(page_number("Page | 11"), Some(11));
        assert_eq!(page_number("Page |1"), Some(1));
        assert_eq!(page_number("11"), Some(11));
        assert_eq!(page_number("- 7 -"), Some(7));
        assert_eq!(page_number("Page 3 of 12"), Some(3));
        assert_eq!(page_number("P a g e | 1"), Some(1));
        assert_eq!(page_number("11 March"), None);
        assert_eq!(page_number("Page"), None);
        assert_eq!(page_number("2024/25"), None);
    }

    fn piece(text: &str, x: f32, end: f32, bold: bool) -> Piece {
        Piece {
            text: text.into(),
            x,
            end,
            y: 100.0,
            size: 12.0,
            bold,
        }
    }

    #[test]
    fn bold_runs_tabs_and_glued_pieces() {
        let line = LaidLine {
            y: 100.0,
            size: 12.0,
            pieces: vec![
                piece("(1) ", 70.0, 88.0, false),
                piece("Endorse", 88.0, 136.0, true),
                piece(" the work", 136.0, 190.0, false),
                piece("9", 300.0, 306.0, false),
                piece("th", 306.0, 312.0, false),
            ],
        };
        assert_eq!(render_line(&line), "(1) **Endorse** the work\t9th");
    }

    #[test]
    fn a_raised_ordinal_joins_its_line() {
        let line = |y: f32, size: f32, pieces: Vec<Piece>| LaidLine { y, size, pieces };
        let small = |text: &str, x: f32, y: f32| Piece {
            text: text.into(),
            x,
            end: x + 6.0,
            y,
            size: 7.0,
            bold: false,
        };
        let lines = vec![
            line(104.0, 7.0, vec![small("th", 118.0, 104.0)]),
            line(
                100.0,
                12.0,
                vec![
                    piece("Thursday 13", 60.0, 118.0, false),
                    piece(" March", 124.0, 160.0, false),
                ],
            ),
            line(80.0, 12.0, vec![piece("Page 2", 60.0, 96.0, false)]),
        ];
        let joined = join_superscripts(lines);
        assert_eq!(joined.len(), 2);
        let mut first = joined[0].pieces.clone();
        first.sort_by(|a, b| a.x.total_cmp(&b.x));
        let text: String = first.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "Thursday 13th March");
        // A short line that is not raised above a word's end stays a line.
        assert_eq!(joined[1].pieces[0].text, "Page 2");
    }

    #[test]
    fn text_printed_twice_in_place_is_read_once() {
        let mut pieces = vec![
            piece("PARISH COUNCIL", 100.0, 200.0, false),
            piece("PARISH COUNCIL", 100.6, 200.6, false),
            piece("PARISH COUNCIL", 300.0, 400.0, false),
        ];
        drop_overprints(&mut pieces);
        let texts: Vec<(&str, f32, bool)> = pieces
            .iter()
            .map(|p| (p.text.as_str(), p.x, p.bold))
            .collect();
        // The copy a point away goes (and the title reads bold); the same words elsewhere
        // on the line stay.
        assert_eq!(
            texts,
            vec![
                ("PARISH COUNCIL", 100.0, true),
                ("PARISH COUNCIL", 300.0, false)
            ]
        );
    }

    #[test]
    fn ligatures_and_symbol_bullets() {
        assert_eq!(clean("\u{F0B7} ofﬁce\u{c}"), "• office ");
    }

    #[test]
    fn garbage_is_refused_without_panic() {
        let mut go = |_: usize, _: usize| true;
        assert!(matches!(
            extract(b"%PDF-1.7\nnot really", &mut go),
            Err(PdfError::Damaged(_))
        ));
    }
}
