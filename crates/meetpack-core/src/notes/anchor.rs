//! Finding a note's passage again, by its text.
//!
//! A pack is re-issued: a supplement adds a paper, a corrected report moves every line
//! after a typo fix, a paragraph gains a sentence. A line number alone would put notes on
//! the wrong text, so an [`Anchor`] keeps the passage's own words (a block's text, or a
//! table row's), a few words of the passages before and after it, and the line it was on.
//! [`Index::locate`] looks for the passage in the pack as it is now: the same words first
//! (ties settled by the context, then by nearness to the old line), then a passage that
//! holds the quote's words in order (a quote of a few selected words), then the most similar
//! passage by shared words above a threshold. A passage found nowhere leaves the note
//! detached, with its quote, never dropped.
//!
//! A **phrase** anchor ([`Anchor::at_words`], a selection in the viewer) quotes some words
//! of a passage, and its `before` and `after` are the words just around them. It is looked
//! for as those words in order inside a passage (of several places with them, the one
//! between the same words wins), else as the run of words most like them, and
//! [`find_words`] says where in a text of its passage they are, so the viewer marks just
//! those words.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::{BlockKind, DocId, Lines, Pack, Text};

/// How many words of the neighbouring passages an anchor keeps on each side.
const CONTEXT_WORDS: usize = 12;
/// The least share of words a changed passage must keep (Dice coefficient over word
/// counts) to be taken as the same passage: a paragraph with a few words changed or a
/// sentence added keeps most of its words, while a different paragraph on the same subject
/// shares only the subject's few words. A judgement, checked by the tests below, not tuned
/// on a corpus of revised packs (none exists yet).
const FUZZY_THRESHOLD: f64 = 0.6;
/// Fewer words than this are matched only exactly: a heading such as "Background" has
/// too few words to be recognised after a change.
const FUZZY_MIN_WORDS: usize = 3;

/// The passage a note is about, fingerprinted by its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The first line of the passage when the note was made.
    pub line: u32,
    /// The passage's text as shown (a block's plain text, or a table row's cells joined
    /// with " | "), or some words of it (a selection).
    pub quote: String,
    /// The last words of the passage before it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub before: String,
    /// The first words of the passage after it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub after: String,
    /// The quote is some words of its passage (a selection), not the whole passage:
    /// `before` and `after` are then the words just around those words.
    #[serde(default, skip_serializing_if = "is_false")]
    pub phrase: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a note's passage is in a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub doc: DocId,
    /// Index into the document's `blocks`.
    pub block: usize,
    /// A table row (index into the table's `body`), when the passage is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    pub lines: Lines,
    /// The passage's words are the same as the quote's (else it was matched by
    /// similarity: the passage was edited).
    pub exact: bool,
}

/// A unit a note can be anchored to: a block with text, or one row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub doc: DocId,
    pub block: usize,
    pub row: Option<usize>,
    pub lines: Lines,
    pub text: String,
}

/// Every passage of a pack, in reading order (documents, then blocks, then rows).
pub fn passages(pack: &Pack) -> Vec<Passage> {
    let mut out = Vec::new();
    for doc in &pack.documents {
        for (b, block) in doc.blocks.iter().enumerate() {
            if let BlockKind::Table { table } = &block.kind
                && let Some(table) = doc.table(*table)
            {
                for (r, row) in table.body.iter().enumerate() {
                    let cells = {
                        let filled: Vec<&str> = row
                            .texts()
                            .map(|c| c.trim())
                            .filter(|c| !c.is_empty())
                            .collect();
                        filled.join(" | ")
                    };
                    out.push(Passage {
                        doc: doc.id,
                        block: b,
                        row: Some(r),
                        lines: row.lines,
                        text: cells,
                    });
                }
                continue;
            }
            out.push(Passage {
                doc: doc.id,
                block: b,
                row: None,
                lines: block.lines,
                text: block_plain(&block.kind),
            });
        }
    }
    out.retain(|p| !p.text.trim().is_empty());
    out
}

/// A block's text as a reader sees it.
pub fn block_plain(kind: &BlockKind) -> String {
    let plain = |t: &Text| t.to_plain();
    match kind {
        BlockKind::Heading { number, text, .. } => match number {
            Some(n) => format!("{n} {}", plain(text)),
            None => plain(text),
        },
        BlockKind::Numbered { number, text } => format!("{number} {}", plain(text)),
        BlockKind::ListItem { text, .. }
        | BlockKind::Paragraph { text }
        | BlockKind::Footnote { text } => plain(text),
        BlockKind::Resolution { number, text } => match number {
            Some(n) => format!("{n} {}", plain(text)),
            None => plain(text),
        },
        BlockKind::Fields { fields } => fields
            .iter()
            .map(|f| format!("{}: {}", f.label, plain(&f.value)))
            .collect::<Vec<_>>()
            .join("; "),
        BlockKind::Contents { entries } => entries
            .iter()
            .map(|e| e.title.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        BlockKind::Separator { text } => text.clone(),
        BlockKind::Table { .. } => String::new(),
    }
}

impl Anchor {
    /// The anchor of the passage holding `line` (a table's row, else its block); on a
    /// blank line, the next passage. `None` past the last passage.
    pub fn at_line(pack: &Pack, line: u32) -> Option<Anchor> {
        let all = passages(pack);
        let at = all
            .iter()
            .position(|p| p.lines.contains(line))
            .or_else(|| all.iter().position(|p| p.lines.first() > line))?;
        Some(Self::of_passage(&all, at))
    }

    /// The anchor of a block (`row` for one row of a table block).
    pub fn at_block(pack: &Pack, doc: DocId, block: usize, row: Option<usize>) -> Option<Anchor> {
        let all = passages(pack);
        let at = all
            .iter()
            .position(|p| p.doc == doc && p.block == block && (row.is_none() || p.row == row))?;
        Some(Self::of_passage(&all, at))
    }

    /// The anchor of `passages[at]`, with the words around it.
    pub fn of_passage(passages: &[Passage], at: usize) -> Anchor {
        let passage = &passages[at];
        let before = at
            .checked_sub(1)
            .and_then(|i| passages.get(i))
            .map(|p| last_words(&p.text, CONTEXT_WORDS))
            .unwrap_or_default();
        let after = passages
            .get(at + 1)
            .map(|p| first_words(&p.text, CONTEXT_WORDS))
            .unwrap_or_default();
        Anchor {
            line: passage.lines.first(),
            quote: passage.text.clone(),
            before,
            after,
            phrase: false,
        }
    }

    /// The anchor of some words of a block (a selection in the viewer): `text` is one of
    /// the texts the reader draws of the block (its main text, or a field's value) and
    /// `range` the selected bytes of it. A word the range cuts is taken whole (a
    /// selection that starts mid-word still quotes words a revised pack has). The context
    /// is the words just before and after them, running on into the passages around.
    /// `None` when the range holds no word, or the block has no passage.
    pub fn at_words(
        pack: &Pack,
        doc: DocId,
        block: usize,
        text: &str,
        range: Range<usize>,
    ) -> Option<Anchor> {
        let spans = word_spans(text);
        let inside: Vec<&Range<usize>> = spans
            .iter()
            .map(|(r, _)| r)
            .filter(|r| r.start < range.end && r.end > range.start)
            .collect();
        let (first, last) = (inside.first()?, inside.last()?);
        let (start, end) = (first.start, last.end);
        let all = passages(pack);
        let at = all.iter().position(|p| p.doc == doc && p.block == block)?;
        let previous = at.checked_sub(1).map_or("", |i| all[i].text.as_str());
        let next = all.get(at + 1).map_or("", |p| p.text.as_str());
        // The context from word to word: a full stop after the quote is not a word of it.
        let wordless = |c: char| !c.is_alphanumeric();
        let (head, tail) = (
            text[..start].trim_end_matches(wordless),
            text[end..].trim_start_matches(wordless),
        );
        Some(Anchor {
            line: all[at].lines.first(),
            quote: text[start..end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            before: last_words(&format!("{previous} {head}"), CONTEXT_WORDS),
            after: first_words(&format!("{tail} {next}"), CONTEXT_WORDS),
            phrase: true,
        })
    }
}

/// The passages of one pack, prepared for looking anchors up.
pub struct Index<'a> {
    passages: &'a [Passage],
    /// Each passage's normalised words.
    words: Vec<Vec<String>>,
    counts: Vec<HashMap<String, u32>>,
    /// Passages by their normalised text, for exact matches.
    exact: HashMap<String, Vec<usize>>,
    /// Each passage's normalised text between spaces, for a quote of a few of its words.
    padded: Vec<String>,
}

impl<'a> Index<'a> {
    pub fn new(passages: &'a [Passage]) -> Self {
        let words: Vec<Vec<String>> = passages.iter().map(|p| words(&p.text)).collect();
        let counts = words.iter().map(|w| count(w)).collect();
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            exact.entry(w.join(" ")).or_default().push(i);
        }
        let padded = words.iter().map(|w| format!(" {} ", w.join(" "))).collect();
        Self {
            passages,
            words,
            counts,
            exact,
            padded,
        }
    }

    /// Where the anchor's passage is now, or `None` when it is gone.
    pub fn locate(&self, anchor: &Anchor) -> Option<Place> {
        let quote = words(&anchor.quote);
        if quote.is_empty() {
            return None;
        }
        let place = |i: usize, exact: bool| {
            let p = &self.passages[i];
            Place {
                doc: p.doc,
                block: p.block,
                row: p.row,
                lines: p.lines,
                exact,
            }
        };
        if anchor.phrase {
            return self
                .locate_phrase(anchor, &quote)
                .map(|(i, exact)| place(i, exact));
        }
        if let Some(same) = self.exact.get(&quote.join(" ")) {
            let best = same.iter().copied().max_by(|&a, &b| {
                self.tie_break(anchor, a)
                    .total_cmp(&self.tie_break(anchor, b))
            })?;
            return Some(place(best, true));
        }
        // A quote of some words of a passage (a selection) is exact when the passage still
        // has those words in that order.
        let needle = format!(" {} ", quote.join(" "));
        let within = (0..self.padded.len())
            .filter(|&i| self.padded[i].contains(&needle))
            .max_by(|&a, &b| {
                self.tie_break(anchor, a)
                    .total_cmp(&self.tie_break(anchor, b))
            });
        if let Some(i) = within {
            return Some(place(i, true));
        }
        if quote.len() < FUZZY_MIN_WORDS {
            return None;
        }
        let quote_counts = count(&quote);
        let mut best: Option<(f64, usize)> = None;
        for (i, counts) in self.counts.iter().enumerate() {
            let similarity = dice(&quote_counts, quote.len(), counts, self.words[i].len());
            if similarity < FUZZY_THRESHOLD {
                continue;
            }
            // The words around it settle between near-equals (a paragraph repeated with
            // one word changed), at a weight that never beats a clearly better match.
            let score = similarity + 0.1 * self.tie_break(anchor, i);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| place(i, false))
    }

    /// How well the passages around `i` match the anchor's context (0–1), less a little
    /// for distance from the old line, so that of two identical passages ("Apologies" in
    /// two sets of minutes) the one between the same neighbours wins.
    fn tie_break(&self, anchor: &Anchor, i: usize) -> f64 {
        let side = |context: &str, neighbour: Option<usize>, tail: bool| -> f64 {
            let want = words(context);
            if want.is_empty() {
                return 0.5;
            }
            let Some(n) = neighbour else {
                return 0.0;
            };
            let have = &self.words[n];
            let have = if tail {
                &have[have.len().saturating_sub(want.len())..]
            } else {
                &have[..want.len().min(have.len())]
            };
            dice(&count(&want), want.len(), &count(have), have.len())
        };
        let before = side(&anchor.before, i.checked_sub(1), true);
        let after = side(
            &anchor.after,
            (i + 1 < self.passages.len()).then_some(i + 1),
            false,
        );
        (before + after) / 2.0 - 0.01 * self.distance(anchor, i)
    }

    /// How far passage `i` is from the anchor's old line, as a share of the line (0–1).
    fn distance(&self, anchor: &Anchor, i: usize) -> f64 {
        let line = self.passages[i].lines.first();
        f64::from(line.abs_diff(anchor.line)) / f64::from(line.max(anchor.line).max(1))
    }

    /// Where a phrase anchor's words are: the passage that has them in order (of several
    /// places with them, the one between the same words, then the nearest the old line),
    /// else the passage with the run of words most like them (a word of the phrase
    /// changed), at least [`FUZZY_THRESHOLD`] alike. Returns the passage, and whether its
    /// words are the quote's.
    fn locate_phrase(&self, anchor: &Anchor, quote: &[String]) -> Option<(usize, bool)> {
        let context = Context::of(anchor);
        let needle = format!(" {} ", quote.join(" "));
        let mut best: Option<(f64, usize)> = None;
        for i in (0..self.padded.len()).filter(|&i| self.padded[i].contains(&needle)) {
            for at in occurrences(&self.words[i], quote) {
                let score = self.around(&context, i, at..at + quote.len())
                    - 0.01 * self.distance(anchor, i);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, i));
                }
            }
        }
        if let Some((_, i)) = best {
            return Some((i, true));
        }
        if quote.len() < FUZZY_MIN_WORDS {
            return None;
        }
        let quote_counts = count(quote);
        for (i, counts) in self.counts.iter().enumerate() {
            // A run of the quote's length shares at most the words the passage shares with
            // it: most passages are passed over without looking at their runs.
            let shared = shared(&quote_counts, counts) as f64 / quote.len() as f64;
            if shared < FUZZY_THRESHOLD {
                continue;
            }
            let around = |span: Range<usize>| self.around(&context, i, span);
            if let Some((score, _)) = best_run(&self.words[i], quote, &quote_counts, around)
                && best.is_none_or(|(s, _)| score > s)
            {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| (i, false))
    }

    /// How well the words just around `span` of passage `i` (running on into the passages
    /// before and after it) match the anchor's context, 0–1.
    fn around(&self, context: &Context, i: usize, span: Range<usize>) -> f64 {
        let none: &[String] = &[];
        let own = &self.words[i];
        let previous = i.checked_sub(1).map_or(none, |p| &self.words[p]);
        let next = self.words.get(i + 1).map_or(none, Vec::as_slice);
        let before: Vec<&String> = previous
            .iter()
            .chain(&own[..span.start])
            .rev()
            .take(context.before.len())
            .collect();
        let after: Vec<&String> = own[span.end..]
            .iter()
            .chain(next)
            .take(context.after.len())
            .collect();
        (alike(&context.before, &before) + alike(&context.after, &after)) / 2.0
    }
}

/// The words an anchor keeps around its quote, normalised once.
struct Context {
    before: Vec<String>,
    after: Vec<String>,
}

impl Context {
    fn of(anchor: &Anchor) -> Self {
        Self {
            before: words(&anchor.before),
            after: words(&anchor.after),
        }
    }
}

/// Where a phrase anchor's words are in `text`, one of the texts the reader draws of the
/// block its passage is (the main text, or a field's value): the bytes from its first word
/// to its last. The same words in order first (of several places, the one between the
/// words the anchor keeps around it), else the run of words most like them, as
/// [`Index::locate`] found the passage. `None` when `text` has neither.
pub fn find_words(text: &str, anchor: &Anchor) -> Option<Range<usize>> {
    let quote = words(&anchor.quote);
    if quote.is_empty() {
        return None;
    }
    let spans = word_spans(text);
    let own: Vec<String> = spans.iter().map(|(_, w)| w.clone()).collect();
    let context = Context::of(anchor);
    let around = |span: Range<usize>| {
        let before: Vec<&String> = own[..span.start]
            .iter()
            .rev()
            .take(context.before.len())
            .collect();
        let after: Vec<&String> = own[span.end..].iter().take(context.after.len()).collect();
        (alike(&context.before, &before) + alike(&context.after, &after)) / 2.0
    };
    let n = quote.len();
    let exact = occurrences(&own, &quote)
        .max_by(|&a, &b| around(a..a + n).total_cmp(&around(b..b + n)))
        .map(|at| at..at + n);
    let span = match exact {
        Some(span) => span,
        None if n >= FUZZY_MIN_WORDS => best_run(&own, &quote, &count(&quote), around)?.1,
        None => return None,
    };
    Some(spans[span.start].0.start..spans[span.end - 1].0.end)
}

/// Where `quote` is in `own`, word for word: the index of each first word.
fn occurrences<'a>(own: &'a [String], quote: &'a [String]) -> impl Iterator<Item = usize> + 'a {
    let n = quote.len();
    (0..(own.len() + 1).saturating_sub(n)).filter(move |&at| n > 0 && own[at..at + n] == *quote)
}

/// The run of `own` of the quote's length (or all of it, when shorter) most like the
/// quote, at least [`FUZZY_THRESHOLD`] alike by Dice's coefficient; its score (the
/// likeness, and a tenth of how well the words around it match) and its span.
fn best_run(
    own: &[String],
    quote: &[String],
    quote_counts: &HashMap<String, u32>,
    around: impl Fn(Range<usize>) -> f64,
) -> Option<(f64, Range<usize>)> {
    let n = quote.len().min(own.len());
    let mut best: Option<(f64, Range<usize>)> = None;
    for at in 0..(own.len() + 1).saturating_sub(n) {
        let span = at..at + n;
        let run = &own[span.clone()];
        let similarity = dice(quote_counts, quote.len(), &count(run), run.len());
        if n == 0 || similarity < FUZZY_THRESHOLD {
            continue;
        }
        let score = similarity + 0.1 * around(span.clone());
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, span));
        }
    }
    best
}

/// How many words two counts share.
fn shared(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> u32 {
    a.iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum()
}

/// Dice's coefficient of the words wanted and the words there; 0.5 when none are wanted
/// (no context says nothing either way).
fn alike(want: &[String], have: &[&String]) -> f64 {
    if want.is_empty() {
        return 0.5;
    }
    let have: Vec<String> = have.iter().map(|w| (*w).clone()).collect();
    dice(&count(want), want.len(), &count(&have), have.len())
}

/// The words of a text as [`words`] makes them, each with its bytes in the text.
fn word_spans(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), text[s..].to_lowercase()));
    }
    out
}

/// Lower-case runs of letters and digits: what survives re-extraction, re-wrapping and
/// changed punctuation or quotes.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn count(words: &[String]) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for w in words {
        *counts.entry(w.clone()).or_default() += 1;
    }
    counts
}

/// Dice's coefficient over word counts: 2·shared / (|a| + |b|).
fn dice(a: &HashMap<String, u32>, a_len: usize, b: &HashMap<String, u32>, b_len: usize) -> f64 {
    if a_len + b_len == 0 {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared: u32 = small
        .iter()
        .map(|(w, n)| (*n).min(large.get(w).copied().unwrap_or(0)))
        .sum();
    2.0 * f64::from(shared) / (a_len + b_len) as f64
}

fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

fn last_words(text: &str, n: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    all[all.len().saturating_sub(n)..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    const PACK: &str = "\
Minutes of the Planning Committee held on Tuesday 3 March 2024

1. Apologies

There were no apologies for absence.

2. Library Budget

The committee considered a report on the library budget for the coming year, \
including the closure of two branch libraries and longer opening hours elsewhere.

Members asked whether the mobile library would continue to serve rural villages.

3. Apologies

There were no apologies for absence.

4. Any other business

None raised.
";

    fn locate(pack: &Pack, anchor: &Anchor) -> Option<(u32, bool)> {
        let all = passages(pack);
        Index::new(&all)
            .locate(anchor)
            .map(|p| (p.lines.first(), p.exact))
    }

    fn line_of(text: &str, needle: &str) -> u32 {
        text.lines()
            .position(|l| l.contains(needle))
            .expect("needle") as u32
            + 1
    }

    #[test]
    fn the_same_pack_puts_every_passage_back_where_it_was() {
        let pack = parse(PACK);
        for p in passages(&pack) {
            let anchor = Anchor::at_line(&pack, p.lines.first()).expect("anchor");
            assert_eq!(
                locate(&pack, &anchor),
                Some((p.lines.first(), true)),
                "{p:?}"
            );
        }
    }

    #[test]
    fn lines_inserted_above_move_the_note_with_its_passage() {
        let pack = parse(PACK);
        let line = line_of(PACK, "mobile library");
        let anchor = Anchor::at_line(&pack, line).expect("anchor");
        let revised = PACK.replace(
            "1. Apologies",
            "0. Declarations of interest\n\nCouncillor Smith declared an interest.\n\n1. Apologies",
        );
        let moved = line_of(&revised, "mobile library");
        assert_eq!(moved, line + 4);
        assert_eq!(locate(&parse(&revised), &anchor), Some((moved, true)));
    }

    #[test]
    fn a_passage_with_a_word_changed_is_found_by_similarity() {
        let pack = parse(PACK);
        let line = line_of(PACK, "closure of two branch");
        let anchor = Anchor::at_line(&pack, line).expect("anchor");
        let revised = PACK
            .replace("closure of two branch", "closure of three branch")
            .replace(
                "Members asked",
                "\nA late paper was tabled.\n\nMembers asked",
            );
        let found = locate(&parse(&revised), &anchor);
        assert_eq!(found, Some((line_of(&revised, "closure of three"), false)));
    }

    #[test]
    fn identical_passages_are_told_apart_by_their_neighbours() {
        let pack = parse(PACK);
        // The second "There were no apologies" (under minute 3), not the first.
        let second = PACK
            .match_indices("There were no apologies")
            .nth(1)
            .expect("two");
        let line = PACK[..second.0].lines().count() as u32 + 1;
        let anchor = Anchor::at_line(&pack, line).expect("anchor");
        let revised = format!("Supplementary pack\n\n{PACK}");
        let expected = revised
            .match_indices("There were no apologies")
            .nth(1)
            .map(|(at, _)| revised[..at].lines().count() as u32 + 1);
        assert_eq!(
            locate(&parse(&revised), &anchor),
            expected.map(|l| (l, true))
        );
    }

    #[test]
    fn a_deleted_passage_is_not_matched_to_another() {
        let pack = parse(PACK);
        let anchor = Anchor::at_line(&pack, line_of(PACK, "mobile library")).expect("anchor");
        let revised = PACK.replace(
            "Members asked whether the mobile library would continue to serve rural villages.\n",
            "",
        );
        assert_eq!(locate(&parse(&revised), &anchor), None);
    }

    #[test]
    fn short_quotes_are_matched_only_exactly() {
        let pack = parse(PACK);
        let anchor = Anchor::at_line(&pack, line_of(PACK, "None raised")).expect("anchor");
        let revised = PACK.replace("None raised.", "Nothing raised.");
        assert_eq!(locate(&parse(&revised), &anchor), None);
    }

    #[test]
    fn a_blank_line_anchors_to_the_next_passage_and_past_the_end_to_none() {
        let pack = parse(PACK);
        let blank = line_of(PACK, "1. Apologies") - 1;
        let anchor = Anchor::at_line(&pack, blank).expect("anchor");
        assert_eq!(anchor.line, blank + 1);
        assert!(Anchor::at_line(&pack, 10_000).is_none());
    }

    #[test]
    fn table_rows_are_passages_of_their_own() {
        let text = "Budget report\n\nService\tBudget\tSpend\nLibraries\t100\t90\nParks\t200\t210\n\nEnd.\n";
        let pack = parse(text);
        let anchor = Anchor::at_line(&pack, 5).expect("anchor");
        assert!(anchor.quote.contains("Parks"), "{anchor:?}");
        let revised = text.replace(
            "Libraries\t100\t90\n",
            "Libraries\t100\t90\nMuseums\t50\t40\n",
        );
        assert_eq!(locate(&parse(&revised), &anchor), Some((6, true)));
    }

    #[test]
    fn a_quote_of_some_words_finds_the_passage_that_still_has_them() {
        let pack = parse(PACK);
        let selection = Anchor {
            line: line_of(PACK, "closure of two"),
            quote: "the closure of two branch libraries".into(),
            before: String::new(),
            after: String::new(),
            phrase: false,
        };
        let revised = format!(
            "Supplement\n\n{}",
            PACK.replace("longer opening", "shorter opening")
        );
        let found = locate(&parse(&revised), &selection);
        assert_eq!(found, Some((line_of(&revised, "closure of two"), true)));
        // Words in another order are not that passage.
        let shuffled = Anchor {
            quote: "branch libraries of two the closure".into(),
            ..selection
        };
        assert_eq!(locate(&pack, &shuffled), None);
    }

    /// The selected words of the budget paragraph of `text`, as the viewer anchors them.
    fn selection(text: &str, selected: &str) -> (Pack, Anchor) {
        let pack = parse(text);
        let (doc, block, plain) = pack
            .documents
            .iter()
            .flat_map(|d| d.blocks.iter().enumerate().map(move |(b, x)| (d, b, x)))
            .find_map(|(d, b, x)| {
                let plain = x.kind.main_text()?.to_plain();
                plain.contains(selected).then_some((d.id, b, plain))
            })
            .expect("a block with the words");
        let at = plain.find(selected).expect("the words");
        let anchor = Anchor::at_words(&pack, doc, block, &plain, at..at + selected.len())
            .expect("an anchor");
        (pack, anchor)
    }

    #[test]
    fn a_selection_quotes_whole_words_and_the_words_around_them() {
        // The selection starts and ends inside words: they are taken whole.
        let (_, anchor) = selection(PACK, "losure of two bran");
        assert!(anchor.phrase);
        assert_eq!(anchor.quote, "closure of two branch");
        assert_eq!(anchor.line, line_of(PACK, "closure of two branch"));
        assert!(anchor.before.ends_with("year, including the"), "{anchor:?}");
        assert!(
            anchor.after.starts_with("libraries and longer"),
            "{anchor:?}"
        );
        // At the end of its paragraph, the context runs on into the next passage.
        let (_, last) = selection(PACK, "hours elsewhere.");
        // (The full stop between is not a word.)
        assert!(last.after.starts_with("Members asked whether"), "{last:?}");
        // Written with its flag; a note written before phrases reads as a whole passage.
        let json = serde_json::to_string(&anchor).expect("json");
        assert!(json.contains(r#""phrase":true"#), "{json}");
        let old: Anchor = serde_json::from_str(r#"{"line":3,"quote":"x"}"#).expect("old");
        assert!(!old.phrase);
        let whole = serde_json::to_string(&Anchor::at_line(&parse(PACK), 3).unwrap()).unwrap();
        assert!(!whole.contains("phrase"), "{whole}");
    }

    #[test]
    fn a_phrase_is_found_again_in_a_revised_pack_and_marked_word_for_word() {
        let (_, anchor) = selection(PACK, "closure of two branch libraries");
        // A paper added above, and a sentence added to the phrase's own paragraph.
        let revised = format!(
            "Supplement\n\nA late paper.\n\n{}",
            PACK.replace(
                "The committee considered",
                "The chair opened the item. The committee considered"
            )
        );
        let line = line_of(&revised, "closure of two");
        assert_eq!(locate(&parse(&revised), &anchor), Some((line, true)));
        let paragraph = revised.lines().nth(line as usize - 1).expect("the line");
        let found = find_words(paragraph, &anchor).expect("the words");
        assert_eq!(&paragraph[found], "closure of two branch libraries");

        // A word of the phrase itself changed: the run most like it, not exact.
        let reworded = PACK.replace("closure of two branch", "closure of three branch");
        let line = line_of(&reworded, "closure of three");
        assert_eq!(locate(&parse(&reworded), &anchor), Some((line, false)));
        let paragraph = reworded.lines().nth(line as usize - 1).expect("the line");
        let found = find_words(paragraph, &anchor).expect("the words");
        assert_eq!(&paragraph[found], "closure of three branch libraries");

        // The phrase cut from the pack: detached, not put on other words of the paragraph.
        let cut = PACK.replace("including the closure of two branch libraries and ", "");
        assert_eq!(locate(&parse(&cut), &anchor), None);
    }

    #[test]
    fn of_two_places_with_the_same_words_the_one_between_the_same_words_wins() {
        // "no apologies for absence" is in minute 1 and in minute 3: the second is chosen.
        let text = PACK.replacen(
            "There were no apologies for absence.",
            "There were no apologies for absence, as before.",
            1,
        );
        let second = text.rfind("no apologies").expect("twice");
        let (pack, mut anchor) = selection(&text, "no apologies");
        let first_line = line_of(&text, "no apologies");
        assert_eq!(anchor.line, first_line, "`selection` takes the first");
        // Anchor the second by hand as the viewer would: its own paragraph and context.
        let doc = &pack.documents[0];
        let line = text[..second].lines().count() as u32;
        let (block, _) = doc
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| b.lines.contains(line))
            .expect("the second paragraph");
        let plain = doc.blocks[block].kind.main_text().expect("text").to_plain();
        let at = plain.find("no apologies").expect("words");
        anchor = Anchor::at_words(&pack, doc.id, block, &plain, at..at + 12).expect("anchor");
        let revised = format!("Supplement\n\n{text}");
        let want = revised[..revised.rfind("no apologies").unwrap()]
            .lines()
            .count() as u32;
        assert_eq!(locate(&parse(&revised), &anchor), Some((want, true)));

        // Twice in one text: the one between the same words.
        let text =
            format!("{PACK}\n5. Finance\n\nThe budget rose in 2023. The budget fell in 2024.\n");
        let (pack, fell) = selection(&text, "budget fell");
        let doc = &pack.documents[0];
        let (block, plain) = doc
            .blocks
            .iter()
            .enumerate()
            .find_map(|(b, x)| {
                let p = x.kind.main_text()?.to_plain();
                p.contains("budget fell").then_some((b, p))
            })
            .expect("the paragraph");
        let second = plain.rfind("budget").expect("twice");
        let anchor =
            Anchor::at_words(&pack, doc.id, block, &plain, second..second + 6).expect("anchor");
        assert_eq!(anchor.quote, "budget");
        assert_eq!(find_words(&plain, &anchor), Some(second..second + 6));
        assert_eq!(find_words(&plain, &fell), Some(second..second + 11));
    }

    #[test]
    fn words_ignore_case_punctuation_and_wrapping() {
        assert_eq!(
            words("The  Council’s\nbudget, 2024/25!"),
            words("the council s budget 2024 25")
        );
    }
}
