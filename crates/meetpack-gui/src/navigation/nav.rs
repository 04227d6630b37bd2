//! Where the reader is, and the Back/Forward history of where it has been.

use meetpack_core::model::DocId;

/// A place inside a document the reader can scroll to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Anchor {
    #[default]
    Top,
    /// A block, by index into `Document::blocks`.
    Block(usize),
    /// An agenda item on the front sheet, by index into `Pack::agenda`.
    AgendaItem(usize),
}

/// A document and a place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    pub doc: DocId,
    pub anchor: Anchor,
}

impl Location {
    pub fn top(doc: DocId) -> Self {
        Self {
            doc,
            anchor: Anchor::Top,
        }
    }
}

/// Browser-style history: visiting a new place drops everything forward of the cursor.
#[derive(Debug, Clone, Default)]
pub struct History {
    entries: Vec<Location>,
    cursor: usize,
}

impl History {
    pub fn new(start: Location) -> Self {
        Self {
            entries: vec![start],
            cursor: 0,
        }
    }

    pub fn current(&self) -> Option<Location> {
        self.entries.get(self.cursor).copied()
    }

    /// Records where the reader is now within the current entry (its scroll position),
    /// so Back returns there rather than to the top of the document.
    pub fn update_current(&mut self, location: Location) {
        if let Some(entry) = self.entries.get_mut(self.cursor)
            && entry.doc == location.doc
        {
            *entry = location;
        }
    }

    pub fn visit(&mut self, location: Location) {
        if self.current() == Some(location) {
            return;
        }
        self.entries.truncate(self.cursor + 1);
        self.entries.push(location);
        self.cursor = self.entries.len() - 1;
    }

    pub fn can_go_back(&self) -> bool {
        self.cursor > 0
    }

    pub fn can_go_forward(&self) -> bool {
        self.cursor + 1 < self.entries.len()
    }

    pub fn back(&mut self) -> Option<Location> {
        if !self.can_go_back() {
            return None;
        }
        self.cursor -= 1;
        self.current()
    }

    pub fn forward(&mut self) -> Option<Location> {
        if !self.can_go_forward() {
            return None;
        }
        self.cursor += 1;
        self.current()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_forward_and_truncation() {
        let a = Location::top(DocId(0));
        let b = Location::top(DocId(1));
        let c = Location::top(DocId(2));
        let mut h = History::new(a);
        h.visit(b);
        assert_eq!(h.back(), Some(a));
        assert_eq!(h.forward(), Some(b));
        assert_eq!(h.forward(), None);
        h.back();
        h.visit(c);
        assert!(!h.can_go_forward());
        assert_eq!(h.len(), 2);
        assert_eq!(h.back(), Some(a));
        assert_eq!(h.back(), None);
    }
}
