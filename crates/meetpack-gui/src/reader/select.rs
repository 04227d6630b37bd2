//! Selecting the reader's text with the mouse, by the reader's own hit-testing over the
//! texts it drew this frame. egui's label selection knows widgets, not passages: it cannot
//! say which words of which block are selected (a note needs that), and it forgets a
//! selection whose start has scrolled out of the laid-out items. Here both ends are places
//! in the model (item, text, character), so a selection survives scrolling and a note can
//! be anchored to its words.
//!
//! Only the prose of blocks is selectable (paragraphs, headings, list items, decisions,
//! footnotes, fields' values); a table has its own Copy TSV and row menu.

use std::ops::Range;
use std::sync::Arc;

use egui::{Galley, Pos2, Rect, pos2};

use meetpack_core::model::{BlockKind, DocId, Document, Text};
use meetpack_core::views::shown::Item;

/// A place in the reader's text: the item, which of its texts (`part`, numbered as
/// `views::shown` numbers them: 0 the main text, a field's index for its value), and a
/// character in that text. Ordered as the reader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    pub item: usize,
    pub part: usize,
    pub char: usize,
}

/// A block's text drawn this frame: where, and as what galley (for hit-testing).
pub struct Drawn {
    pub item: usize,
    pub part: usize,
    pub pos: Pos2,
    pub galley: Arc<Galley>,
}

impl Drawn {
    fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos, self.galley.size())
    }

    fn at(&self, pointer: Pos2) -> TextPos {
        let cursor = self.galley.cursor_from_pos(pointer - self.pos);
        TextPos {
            item: self.item,
            part: self.part,
            char: cursor.index.0,
        }
    }

    fn end(&self) -> TextPos {
        TextPos {
            item: self.item,
            part: self.part,
            char: self.galley.end().index.0,
        }
    }
}

/// Some words of one text of a block: what a note made on a selection is anchored to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub doc: DocId,
    pub block: usize,
    pub part: usize,
    /// Characters of the part's plain text (`Text::to_plain`).
    pub chars: Range<usize>,
}

/// The selection: where the press was and where the pointer is (or was let go).
#[derive(Debug, Default)]
pub struct Selection {
    ends: Option<(TextPos, TextPos)>,
    /// The primary button went down on text and is still down.
    dragging: bool,
}

impl Selection {
    /// Both ends in reading order, when something is selected.
    pub fn range(&self) -> Option<(TextPos, TextPos)> {
        let (a, b) = self.ends?;
        (a != b).then(|| if a <= b { (a, b) } else { (b, a) })
    }

    pub fn clear(&mut self) {
        self.ends = None;
        self.dragging = false;
    }

    pub fn is_dragging(&self) -> bool {
        self.dragging
    }

    /// A press on text: a new selection starts there (with Shift, the old one extends).
    pub fn press(&mut self, at: TextPos, extend: bool) {
        self.ends = match (self.ends, extend) {
            (Some((anchor, _)), true) => Some((anchor, at)),
            _ => Some((at, at)),
        };
        self.dragging = true;
    }

    /// The pointer moved with the button down: the free end follows it.
    pub fn drag_to(&mut self, at: TextPos) -> bool {
        match &mut self.ends {
            Some((_, head)) if self.dragging && *head != at => {
                *head = at;
                true
            }
            _ => false,
        }
    }

    pub fn release(&mut self) {
        self.dragging = false;
    }

    /// A double-click: the word under the pointer.
    pub fn select_word(&mut self, drawn: &Drawn, at: TextPos) {
        let chars: Vec<char> = drawn.galley.text().chars().collect();
        let is_word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
        let mut start = at.char.min(chars.len());
        if !is_word(start) && start > 0 && is_word(start - 1) {
            start -= 1;
        }
        if !is_word(start) {
            return;
        }
        let mut end = start;
        while start > 0 && is_word(start - 1) {
            start -= 1;
        }
        while is_word(end) {
            end += 1;
        }
        self.ends = Some((TextPos { char: start, ..at }, TextPos { char: end, ..at }));
        self.dragging = false;
    }
}

/// The text under `pointer`, if it is on one.
pub fn hit(drawn: &[Drawn], pointer: Pos2) -> Option<(&Drawn, TextPos)> {
    let d = drawn.iter().find(|d| d.rect().contains(pointer))?;
    Some((d, d.at(pointer)))
}

/// Where a drag over the reader has got to: the text under the pointer, else (between
/// texts, in the gutter, above or below the text) the nearest place in reading order: the
/// end of the text above the pointer, or the start of the first.
pub fn nearest(drawn: &[Drawn], pointer: Pos2) -> Option<TextPos> {
    if let Some((_, at)) = hit(drawn, pointer) {
        return Some(at);
    }
    // Texts side by side (a field's value beside its label) share a row: the one the
    // pointer is level with, else the last that starts above it.
    let level = drawn.iter().rev().find(|d| {
        let r = d.rect();
        r.top() <= pointer.y && pointer.y <= r.bottom()
    });
    if let Some(d) = level {
        let clamped = pos2(
            pointer.x.clamp(d.rect().left(), d.rect().right()),
            pointer.y,
        );
        return Some(d.at(clamped));
    }
    match drawn.iter().rev().find(|d| d.rect().top() <= pointer.y) {
        Some(d) => Some(d.end()),
        None => drawn.first().map(|d| TextPos {
            item: d.item,
            part: d.part,
            char: 0,
        }),
    }
}

/// The characters of text (`item`, `part`) that `range` covers, if any.
pub fn chars_in(range: (TextPos, TextPos), item: usize, part: usize) -> Option<Range<usize>> {
    let (a, b) = range;
    let here = (item, part);
    if here < (a.item, a.part) || here > (b.item, b.part) {
        return None;
    }
    let start = if here == (a.item, a.part) { a.char } else { 0 };
    let end = if here == (b.item, b.part) {
        b.char
    } else {
        usize::MAX
    };
    (start < end).then_some(start..end)
}

/// The rectangles (in galley coordinates) covering characters `chars` of a galley, one
/// per row they are on.
pub fn rects(galley: &Galley, chars: Range<usize>) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for row in &galley.rows {
        let len = row.char_count_excluding_newline().0;
        let (a, b) = (chars.start.max(row_start), chars.end.min(row_start + len));
        if a < b {
            let x =
                |c: usize| row.pos.x + row.x_offset(egui::epaint::text::CharIndex(c - row_start));
            out.push(Rect::from_min_max(
                pos2(x(a), row.min_y()),
                pos2(x(b), row.max_y()),
            ));
        }
        row_start += row.char_count_including_newline().0;
    }
    out
}

/// The texts of a block the reader draws through `blocks::text_ui`, by part: its main text
/// (part 0), or each field's value. Tables, contents and separators have none.
pub fn block_parts(kind: &BlockKind) -> Vec<(usize, &Text)> {
    match kind {
        BlockKind::Fields { fields } => fields.iter().map(|f| &f.value).enumerate().collect(),
        BlockKind::Table { .. } | BlockKind::Contents { .. } | BlockKind::Separator { .. } => {
            Vec::new()
        }
        other => other.main_text().map(|t| vec![(0, t)]).unwrap_or_default(),
    }
}

/// The plain text of one part of a block.
pub fn part_plain(doc: &Document, block: usize, part: usize) -> Option<String> {
    let kind = &doc.blocks.get(block)?.kind;
    block_parts(kind)
        .into_iter()
        .find(|(p, _)| *p == part)
        .map(|(_, t)| t.to_plain())
}

/// The selected words, one run per text of a block it covers, in reading order. Texts
/// between the ends that are not blocks' prose (cards, tables) are passed over.
pub fn words(doc: &Document, items: &[Item], range: (TextPos, TextPos)) -> Vec<Words> {
    let (a, b) = range;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate().take(b.item + 1).skip(a.item) {
        let Item::Block(block) = *item else {
            continue;
        };
        let Some(kind) = doc.blocks.get(block).map(|x| &x.kind) else {
            continue;
        };
        for (part, text) in block_parts(kind) {
            let Some(chars) = chars_in(range, i, part) else {
                continue;
            };
            let len = text.to_plain().chars().count();
            let chars = chars.start.min(len)..chars.end.min(len);
            if !chars.is_empty() {
                out.push(Words {
                    doc: doc.id,
                    block,
                    part,
                    chars,
                });
            }
        }
    }
    out
}

/// The selected text as it reads: the texts of one block joined by a line break, blocks by
/// a blank line.
pub fn text(doc: &Document, words: &[Words]) -> String {
    let mut out = String::new();
    let mut last_block = None;
    for w in words {
        let Some(plain) = part_plain(doc, w.block, w.part) else {
            continue;
        };
        let piece: String = plain
            .chars()
            .skip(w.chars.start)
            .take(w.chars.len())
            .collect();
        if let Some(last) = last_block {
            out.push_str(if last == w.block { "\n" } else { "\n\n" });
        }
        out.push_str(&piece);
        last_block = Some(w.block);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(item: usize, part: usize, char: usize) -> TextPos {
        TextPos { item, part, char }
    }

    #[test]
    fn a_range_covers_the_texts_between_its_ends() {
        let range = (at(2, 0, 5), at(4, 1, 3));
        assert_eq!(chars_in(range, 1, 0), None);
        assert_eq!(chars_in(range, 2, 0), Some(5..usize::MAX));
        assert_eq!(chars_in(range, 3, 7), Some(0..usize::MAX));
        assert_eq!(chars_in(range, 4, 0), Some(0..usize::MAX));
        assert_eq!(chars_in(range, 4, 1), Some(0..3));
        assert_eq!(chars_in(range, 4, 2), None);
        // Dragged backwards: the same range.
        let mut s = Selection::default();
        s.press(at(4, 1, 3), false);
        s.drag_to(at(2, 0, 5));
        assert_eq!(s.range(), Some(range));
        // A click selects nothing.
        s.press(at(3, 0, 1), false);
        s.release();
        assert_eq!(s.range(), None);
    }
}
