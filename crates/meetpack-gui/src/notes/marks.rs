//! What the reader draws of the notes: a coloured bar beside an annotated block, a tint
//! behind a highlighted passage, and a tint under just the words a note on a phrase is on.
//! Worked out once per change of the notes ([`of`]), never per frame.

use std::ops::Range;

use egui::{Color32, Pos2, Rect, Ui, vec2};

use crate::Command;
use crate::notes::{Marks, NoteCommand, Phrase, Phrases, kind_color};
use crate::reader::{Item, Wash, select};
use meetpack_core::model::{DocId, Pack};
use meetpack_core::notes::anchor::find_words;
use meetpack_core::notes::{NoteKind, Place, ResolvedNote};

/// The marks of the blocks that notes are on, and the words of those on phrases. A phrase
/// whose words are in none of its block's texts (its passage was matched as a whole) tints
/// the block as a passage highlight does.
pub(super) fn of(pack: &Pack, resolved: &[ResolvedNote]) -> (Marks, Phrases) {
    let mut marks = Marks::new();
    let mut phrases = Phrases::new();
    for r in resolved {
        let Some(place) = &r.place else {
            continue;
        };
        let key = (place.doc, place.block);
        let phrase = if r.note.anchor.phrase {
            words_of(pack, place, r)
        } else {
            None
        };
        let mark = marks.entry(key).or_default();
        match r.note.kind {
            NoteKind::Note => mark.note = true,
            NoteKind::Highlight => {
                mark.highlight = true;
                mark.tint |= phrase.is_none();
            }
            NoteKind::Bookmark => mark.bookmark = true,
        }
        if let Some(phrase) = phrase {
            phrases.entry(key).or_default().push(phrase);
        }
    }
    (marks, phrases)
}

/// Where a phrase note's words are in the block it was placed in.
fn words_of(pack: &Pack, place: &Place, r: &ResolvedNote) -> Option<Phrase> {
    let doc = pack.document(place.doc)?;
    let kind = &doc.blocks.get(place.block)?.kind;
    select::block_parts(kind)
        .into_iter()
        .find_map(|(part, text)| {
            let plain = text.to_plain();
            let bytes = find_words(&plain, &r.note.anchor)?;
            let chars = plain[..bytes.start].chars().count()..plain[..bytes.end].chars().count();
            Some(Phrase {
                part,
                chars,
                kind: r.note.kind,
            })
        })
}

/// The tint under the words of a highlighted phrase: strong enough to find on a page,
/// faint enough to read through.
pub fn phrase_tint(visuals: &egui::Visuals) -> Color32 {
    kind_color(NoteKind::Highlight, visuals).gamma_multiply(0.45)
}

/// How the words of a note of `kind` on a phrase are marked: a highlight tints them, a
/// note or bookmark underlines them in its colour (so a highlight and a note on the same
/// words both show).
fn wash(kind: NoteKind, visuals: &egui::Visuals) -> Wash {
    match kind {
        NoteKind::Highlight => Wash::Tint(phrase_tint(visuals)),
        other => Wash::Underline(kind_color(other, visuals)),
    }
}

/// The words of text `part` of a block that notes are on, with how to mark them (for
/// `reader::Extras::marked_words`).
pub fn marked_words(
    phrases: &Phrases,
    visuals: &egui::Visuals,
    doc: DocId,
    block: usize,
    part: usize,
    out: &mut Vec<(Range<usize>, Wash)>,
) {
    let Some(list) = phrases.get(&(doc, block)) else {
        return;
    };
    for p in list.iter().filter(|p| p.part == part) {
        out.push((p.chars.clone(), wash(p.kind, visuals)));
    }
}

/// Draws the marks of one reader item (a coloured bar in the gutter per kind, a tint
/// behind a highlighted passage) and opens the notes menu on a right-click. `background`
/// is a shape reserved before the item was drawn, so the tint lies under the text.
pub fn decorate(
    ui: &Ui,
    marks: &Marks,
    doc: DocId,
    item: Item,
    rect: Rect,
    background: egui::layers::ShapeIdx,
    out: &mut Vec<Command>,
) {
    let Item::Block(block) = item else {
        return;
    };
    if let Some(mark) = marks.get(&(doc, block)) {
        let visuals = ui.visuals();
        if mark.tint {
            let tint = kind_color(NoteKind::Highlight, visuals).gamma_multiply(0.22);
            let area = Rect::from_min_max(
                rect.min + vec2(crate::reader::blocks::GUTTER - 4.0, -2.0),
                rect.max + vec2(4.0, 2.0),
            );
            ui.painter()
                .set(background, egui::Shape::rect_filled(area, 3.0, tint));
        }
        let kinds = [
            (mark.note, NoteKind::Note),
            (mark.highlight, NoteKind::Highlight),
            (mark.bookmark, NoteKind::Bookmark),
        ];
        let mut x = rect.left() + 2.0;
        for (_, kind) in kinds.iter().filter(|(on, _)| *on) {
            let bar = Rect::from_min_size(
                Pos2::new(x, rect.top() + 2.0),
                vec2(4.0, (rect.height() - 4.0).clamp(8.0, 22.0)),
            );
            ui.painter()
                .rect_filled(bar, 2.0, kind_color(*kind, visuals));
            x += 6.0;
        }
    }
    let right_clicked = ui.input(|i| i.pointer.secondary_clicked());
    if right_clicked
        && ui.rect_contains_pointer(rect)
        && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
    {
        out.push(Command::Notes(NoteCommand::OpenMenu { doc, block, pos }));
    }
}
