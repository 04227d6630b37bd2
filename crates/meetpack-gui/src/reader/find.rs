//! Find in the current document (Ctrl+F): matches are computed once when the query or
//! the document changes, then only looked up while drawing.

use std::ops::Range;

use crate::reader::rich::Highlight;

/// Where a match is: a reader item, a text within it (0 for a block's own text; a table
/// cell's index for tables) and a byte range in that text's plain form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub item: usize,
    pub part: usize,
    pub range: Range<usize>,
}

#[derive(Debug, Default)]
pub struct Find {
    pub visible: bool,
    pub query: String,
    /// The query and document the matches were computed for.
    computed_for: Option<(String, u32)>,
    pub matches: Vec<Match>,
    pub current: usize,
    /// Set for one frame to move keyboard focus into the query field.
    pub focus_requested: bool,
    /// A library search's query opened here: its words are marked wherever they are, as
    /// the search matched them, rather than the query's literal text. Holds the query
    /// they came from; once the user edits it, Find is literal again.
    words: Option<(String, Vec<Word>)>,
    /// The reader item the first match shown should be at or after (the passage a
    /// search hit opened), for the next computation only.
    start_item: Option<usize>,
}

/// A word of a library query: matched at a word's start, and at its end too unless the
/// query asked for a prefix (`inspect*`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    prefix: bool,
}

impl Find {
    pub fn open(&mut self) {
        self.visible = true;
        self.focus_requested = true;
    }

    pub fn close(&mut self) {
        self.visible = false;
        self.query.clear();
        self.matches.clear();
        self.computed_for = None;
        self.words = None;
        self.start_item = None;
    }

    /// Opens Find on `query` as typed, its literal text marked (find in pack matches the
    /// text, not its words one by one), the first match shown at or after reader item
    /// `start_item`.
    pub fn open_with_text(&mut self, query: &str, start_item: usize) {
        self.open();
        self.query = query.to_string();
        self.words = None;
        self.start_item = Some(start_item);
        self.computed_for = None;
    }

    /// Opens Find on a library search's `query`: each of its words is marked (a phrase's
    /// words one by one, `word*` as a prefix), and the first match shown is the first at
    /// or after reader item `start_item`.
    /// `also` are words the search matched in the passage (its snippet's marks): the index
    /// stems words ("visits" finds "visit"), which the query's own words cannot show.
    pub fn open_with_words(&mut self, query: &str, also: &[String], start_item: usize) {
        self.open();
        self.query = query.to_string();
        let mut words = query_words(query);
        for w in also.iter().flat_map(|a| query_words(a)) {
            if !words.iter().any(|x| x.text.eq_ignore_ascii_case(&w.text)) {
                words.push(w);
            }
        }
        self.words = Some((query.to_string(), words));
        self.start_item = Some(start_item);
        self.computed_for = None;
    }

    /// Whether matches must be recomputed for this document.
    pub fn is_stale(&self, doc: u32) -> bool {
        self.computed_for.as_ref() != Some(&(self.query.clone(), doc))
    }

    /// Replaces the matches; `texts` yields (item, part, plain text) in reading order.
    pub fn recompute<'a>(
        &mut self,
        doc: u32,
        texts: impl Iterator<Item = (usize, usize, &'a str)>,
    ) {
        self.matches.clear();
        self.current = 0;
        self.computed_for = Some((self.query.clone(), doc));
        if self.query.trim().is_empty() {
            return;
        }
        let words = self
            .words
            .as_ref()
            .filter(|(q, _)| *q == self.query)
            .map(|(_, w)| w.as_slice());
        for (item, part, text) in texts {
            let ranges = match words {
                Some(words) => find_words(text, words),
                None => find_all(text, &self.query),
            };
            for range in ranges {
                self.matches.push(Match { item, part, range });
            }
        }
        if let Some(start) = self.start_item.take() {
            self.current = self
                .matches
                .iter()
                .position(|m| m.item >= start)
                .unwrap_or(0);
        }
    }

    pub fn step(&mut self, forward: bool) -> Option<&Match> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        self.matches.get(self.current)
    }

    pub fn current_match(&self) -> Option<&Match> {
        self.matches.get(self.current)
    }

    /// The highlights for one text of one item.
    pub fn highlights(&self, item: usize, part: usize) -> Vec<Highlight> {
        if !self.visible || self.matches.is_empty() {
            return Vec::new();
        }
        let start = self.matches.partition_point(|m| m.item < item);
        self.matches[start..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.item == item)
            .filter(|(_, m)| m.part == part)
            .map(|(i, m)| Highlight {
                range: m.range.clone(),
                current: start + i == self.current,
            })
            .collect()
    }

    /// Whether a table cell (a whole part) contains a match.
    pub fn part_matches(&self, item: usize, part: usize) -> Option<bool> {
        let hl = self.highlights(item, part);
        if hl.is_empty() {
            None
        } else {
            Some(hl.iter().any(|h| h.current))
        }
    }
}

/// Case-insensitive (ASCII) byte ranges of every non-overlapping occurrence. Folding only
/// ASCII keeps byte offsets equal in both texts, and a UTF-8 needle can only match on
/// character boundaries, so the ranges are always valid slices.
pub fn find_all(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let mut out = Vec::new();
    if n.is_empty() || n.len() > h.len() {
        return out;
    }
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i..i + n.len()].eq_ignore_ascii_case(n) {
            out.push(i..i + n.len());
            i += n.len();
        } else {
            i += 1;
        }
    }
    out
}

/// The words of a library query (as its full-text search splits them: letters and
/// digits, an apostrophe's `'s` dropped); `word*` is a prefix. Operators and quotes are
/// not words; one-letter words are left out unless nothing else is left, as they would
/// mark half the page.
fn query_words(query: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for token in query.split_whitespace() {
        let prefix = token.trim_end_matches('"').ends_with('*');
        let parts: Vec<&str> = token
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .map(|w| {
                w.strip_suffix("'s")
                    .or_else(|| w.strip_suffix("’s"))
                    .unwrap_or(w)
            })
            .filter(|w| !w.is_empty())
            .collect();
        let last = parts.len().saturating_sub(1);
        for (i, part) in parts.iter().enumerate() {
            let word = Word {
                text: part.to_string(),
                prefix: prefix && i == last,
            };
            if !out.contains(&word) {
                out.push(word);
            }
        }
    }
    if out.iter().any(|w| w.text.chars().count() > 1) {
        out.retain(|w| w.text.chars().count() > 1);
    }
    out
}

/// Every place a word of `words` stands in `haystack` as a word, or with a plural `s` or
/// `es` (the index stems words), or as a word's start for a prefix; case-insensitively
/// (ASCII, as [`find_all`]), in order, without overlaps. The whole word is marked.
fn find_words(haystack: &str, words: &[Word]) -> Vec<Range<usize>> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for word in words {
        for range in find_all(haystack, &word.text) {
            let before = haystack[..range.start].chars().next_back();
            if is_word(before) {
                continue;
            }
            let rest = &haystack[range.end..];
            let run = rest
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            let tail = &rest[..run];
            let whole = tail.is_empty()
                || tail.eq_ignore_ascii_case("s")
                || tail.eq_ignore_ascii_case("es");
            if word.prefix || whole {
                ranges.push(range.start..range.end + run);
            }
        }
    }
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        if out.last().is_none_or(|last| r.start >= last.end) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_queries_mark_whole_words_and_prefixes() {
        let words = query_words("Ofsted \"focused visit\" inspect* a");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Ofsted", "focused", "visit", "inspect"]);
        let text = "An OFSTED focused visit; visitors inspected it. Inspect. Two visits.";
        let marked: Vec<&str> = find_words(text, &words)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            marked,
            [
                "OFSTED",
                "focused",
                "visit",
                "inspected",
                "Inspect",
                "visits"
            ]
        );
    }

    #[test]
    fn a_library_query_starts_at_its_passage_and_is_literal_once_edited() {
        let mut f = Find::default();
        f.open_with_words("visit", &[], 2);
        f.recompute(
            0,
            [(0, 0, "visit"), (2, 0, "a visit"), (3, 0, "visit")].into_iter(),
        );
        assert_eq!(f.matches.len(), 3);
        assert_eq!(f.current_match().map(|m| m.item), Some(2));
        f.query = "visit\"".into();
        f.recompute(0, [(0, 0, "visit\"")].into_iter());
        assert_eq!(f.matches.len(), 1);
    }

    #[test]
    fn finds_case_insensitively_without_overlaps() {
        assert_eq!(
            find_all("FGC fgc Fgcfgc", "fgc"),
            vec![0..3, 4..7, 8..11, 11..14]
        );
        assert_eq!(find_all("Children’s Services", "’s s"), vec![8..14]);
        assert!(find_all("abc", "").is_empty());
    }

    #[test]
    fn steps_wrap_around_and_highlights_mark_current() {
        let mut f = Find {
            visible: true,
            query: "a".into(),
            ..Find::default()
        };
        f.recompute(0, [(0, 0, "a a"), (2, 0, "a")].into_iter());
        assert_eq!(f.matches.len(), 3);
        assert_eq!(f.step(false).map(|m| m.item), Some(2));
        assert_eq!(f.highlights(2, 0).len(), 1);
        assert!(f.highlights(2, 0)[0].current);
        assert_eq!(f.step(true).map(|m| m.item), Some(0));
        assert!(!f.is_stale(0));
        assert!(f.is_stale(1));
    }
}
