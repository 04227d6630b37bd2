//! A place given as a document and a line (a cross-reference's target, a find-in-pack
//! hit) as a reader [`Location`].

use crate::navigation::nav::{Anchor, Location};
use meetpack_core::model::{DocId, DocKind, Pack, XRef};

/// The reader's place for a line of a document: the front sheet's agenda item holding it,
/// the top for the letterhead (shown as a card), else the block holding it (or the next).
pub fn location_of_line(pack: &Pack, doc: DocId, line: u32) -> Location {
    let Some(document) = pack.document(doc) else {
        return Location::top(doc);
    };
    if document.kind == DocKind::Agenda
        && let Some(i) = pack.agenda.iter().position(|a| a.lines.contains(line))
    {
        return Location {
            doc,
            anchor: Anchor::AgendaItem(i),
        };
    }
    if document.header.is_some_and(|h| h.contains(line)) || line <= document.lines.first() {
        return Location::top(doc);
    }
    let anchor = document
        .blocks
        .iter()
        .position(|b| b.lines.last() >= line)
        .map_or(Anchor::Top, Anchor::Block);
    Location { doc, anchor }
}

/// Where a cross-reference goes.
pub fn location_of_xref(pack: &Pack, xref: &XRef) -> Location {
    location_of_line(pack, xref.doc, xref.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_to_blocks_agenda_items_and_the_top() {
        let pack = meetpack_core::parse::parse(crate::SAMPLE_TEXT);
        let sheet = pack.front_sheet().expect("front sheet").id;
        let item = &pack.agenda[3];
        assert_eq!(
            location_of_line(&pack, sheet, item.lines.first()).anchor,
            Anchor::AgendaItem(3)
        );
        let minutes = pack
            .documents
            .iter()
            .find(|d| d.kind == DocKind::Minutes)
            .expect("minutes");
        let minute = &minutes.minutes.as_ref().expect("items").items[2];
        let Anchor::Block(b) = location_of_line(&pack, minutes.id, minute.lines.first()).anchor
        else {
            panic!("a block");
        };
        assert!(minutes.blocks[b].lines.contains(minute.lines.first()));
        assert_eq!(
            location_of_line(&pack, minutes.id, minutes.lines.first()).anchor,
            Anchor::Top
        );
    }
}
