//! Find in the current document (Ctrl+F): matches are computed once when the query or
//! the document changes, then only looked up while drawing.

use std::ops::Range;

use super::rich::Highlight;

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
        for (item, part, text) in texts {
            for range in find_all(text, &self.query) {
                self.matches.push(Match { item, part, range });
            }
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

#[cfg(test)]
mod tests {
    use super::*;

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
