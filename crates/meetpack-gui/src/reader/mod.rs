//! The centre panel: the selected document as a list of items (cards and blocks), of which
//! only the visible ones are laid out.
//!
//! Items have different heights, so instead of `show_rows` the reader keeps a height per
//! item: measured once an item has been drawn at the current width, estimated from its
//! text length before that. Positions are prefix sums of those heights, so jumping to an
//! item lands on it even when the items above it were never drawn.

pub(crate) mod blocks;
pub(crate) mod cards;
pub(crate) mod find;
pub(crate) mod page_view;
pub(crate) mod rich;
pub(crate) mod scan;
pub(crate) mod select;
pub(crate) mod table_view;

use std::collections::HashSet;
use std::ops::Range;

use egui::{Color32, Rect, Ui, UiBuilder, vec2};

use crate::Command;
use crate::navigation::nav::Anchor;
use crate::reader::find::Find;
use meetpack_core::model::{BlockKind, DocId, Document, Pack};
pub use meetpack_core::views::shown::Item;
use meetpack_core::views::shown::build_items;

/// Space between items.
pub const GAP: f32 = 8.0;
/// Widest text column: long lines are hard to read.
const MAX_WIDTH: f32 = 980.0;

/// How words are marked under the text: a tint over their rows (the selection, a
/// highlight), or a line under them (a note on them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Wash {
    Tint(Color32),
    Underline(Color32),
}

/// What a drawn item needs to know.
pub struct Cx<'a> {
    pub pack: &'a Pack,
    pub doc: &'a Document,
    pub find: &'a Find,
    /// Blocks inside a RESOLVED decision of the minutes.
    pub resolved: &'a HashSet<usize>,
    pub out: &'a mut Vec<Command>,
    /// Where Find's current match was drawn this frame (screen y of its line's top).
    pub match_y: Option<f32>,
    /// What other panels draw inside the reader.
    pub extras: &'a dyn Extras,
    /// The block being drawn (`None` for a card): its texts are selectable.
    pub block: Option<usize>,
    /// The selection, in reading order, as it stood at the start of the frame.
    pub selected: Option<(select::TextPos, select::TextPos)>,
    /// The blocks' texts drawn this frame, for the selection's hit-testing.
    pub drawn: Vec<select::Drawn>,
}

/// What other panels draw inside the reader: the notes' marks over an item, the
/// library's Last time cards on agenda items and papers. The reader calls them through
/// this trait and imports neither panel (the app joins them: `ReaderExtras`).
pub trait Extras {
    /// Marks an item once it is drawn at `rect` (a highlight's tint goes under it, at
    /// `background`).
    fn decorate(
        &self,
        ui: &Ui,
        doc: DocId,
        item: Item,
        rect: Rect,
        background: egui::layers::ShapeIdx,
        out: &mut Vec<Command>,
    );
    /// Agenda item `index`'s card: on the item's paper (`on_paper`) or on the front sheet.
    fn agenda_card_ui(&self, ui: &mut Ui, cx: &mut Cx<'_>, index: usize, on_paper: bool);
    /// The card of a paper that is on no agenda item.
    fn paper_card_ui(&self, ui: &mut Ui, cx: &mut Cx<'_>);
    /// Words of text `part` of block `block` that notes mark (a highlighted phrase), as
    /// characters of its plain text and how to mark them.
    fn marked_words(
        &self,
        visuals: &egui::Visuals,
        doc: DocId,
        block: usize,
        part: usize,
        out: &mut Vec<(Range<usize>, Wash)>,
    );
}

#[derive(Default)]
pub struct Reader {
    doc: Option<DocId>,
    pub items: Vec<Item>,
    heights: Vec<Option<f32>>,
    width: f32,
    /// The prose's own column on the last frame: `width` less the number gutter and the
    /// space after it.
    text_width: f32,
    resolved: HashSet<usize>,
    /// An item to bring to the top on the next frame.
    pending: Option<usize>,
    /// The first item at least partly visible on the last frame.
    pub top_item: usize,
    /// A scroll offset to apply on the next frame: keeps the view still after an item
    /// above it changed height, or moves it a page.
    offset_fix: Option<f32>,
    /// Offset and visible height on the last frame, for paging.
    last_offset: f32,
    last_height: f32,
    /// Find's current match is in this item: once drawn, scroll to the match itself (a
    /// long paragraph's match may be screens below the paragraph's top).
    reveal: Option<usize>,
    /// Where the view was when Find opened, to return to when nothing matches.
    find_origin: Option<f32>,
    /// After a jump: the offset jumped to and the least content height that keeps it.
    floor: Option<(f32, f32)>,
    /// The largest offset the content allowed on the last frame.
    last_max_offset: f32,
    /// End was pressed: keep the view at the content's end until it stops growing as
    /// the last items are measured.
    to_end: bool,
    /// How far the top item starts above the view's top edge (0 when it starts exactly
    /// there, as after a jump).
    pub top_inset: f32,
    /// The item the reader was last sent to (a jump, Find's match), while it is on
    /// screen: the breadcrumb and the tree name its section, not the top item's. Find
    /// shows its match a third down the view, and a target near a document's end cannot
    /// reach the top, so the top item can be a section before the one being read.
    focus: Option<usize>,
    /// Text selected with the mouse (`select`).
    selection: select::Selection,
    /// The item last clicked (either button), while it is on screen: what Ctrl+D and the
    /// other note keys act on when nothing is selected.
    clicked: Option<usize>,
    /// The blocks' texts drawn on the last frame.
    drawn: Vec<select::Drawn>,
}

impl Reader {
    pub fn doc(&self) -> Option<DocId> {
        self.doc
    }

    /// The scroll offset on the last frame.
    pub fn offset(&self) -> f32 {
        self.last_offset
    }

    /// Switches to a document (rebuilding its item list) and scrolls to an anchor.
    pub fn show_location(&mut self, pack: &Pack, doc: &Document, anchor: Anchor) {
        if self.doc != Some(doc.id) {
            self.doc = Some(doc.id);
            self.items = build_items(pack, doc);
            self.heights = vec![None; self.items.len()];
            self.resolved = doc.decision_blocks();
            self.top_item = 0;
            self.selection.clear();
        }
        self.pending = Some(self.item_for(anchor));
        self.focus = self.pending;
        // Sent somewhere: that is the passage the note keys act on now.
        self.clicked = None;
        self.to_end = false;
    }

    /// Forgets everything (a new pack was loaded).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Page Up/Down: a screenful less a line, so the reader keeps their place.
    pub fn page(&mut self, down: bool) {
        let step = (self.last_height - 40.0).max(40.0);
        let offset = if down {
            self.last_offset + step
        } else {
            self.last_offset - step
        };
        self.offset_fix = Some(offset.max(0.0));
        self.to_end = false;
    }

    /// End: the last item at the bottom of the view. (An offset past the content, such
    /// as `f32::MAX`, makes egui's scroll area spring back to the top.)
    pub fn scroll_to_end(&mut self) {
        self.pending = None;
        self.offset_fix = None;
        self.floor = None;
        self.to_end = true;
    }

    /// Brings Find's current match into view: its item first, then the match in it.
    pub fn reveal_match(&mut self, item: usize) {
        self.scroll_to_item(item);
        self.reveal = self.pending;
    }

    pub fn mark_find_origin(&mut self) {
        self.find_origin = Some(self.last_offset);
    }

    pub fn forget_find_origin(&mut self) {
        self.find_origin = None;
    }

    pub fn return_to_find_origin(&mut self) {
        if let Some(offset) = self.find_origin {
            self.pending = None;
            self.reveal = None;
            self.offset_fix = Some(offset);
            self.to_end = false;
        }
    }

    pub fn scroll_to_item(&mut self, item: usize) {
        self.pending = Some(item.min(self.items.len().saturating_sub(1)));
        self.focus = self.pending;
        self.clicked = None;
        self.to_end = false;
    }

    /// The selected words, one run per text of a block the selection covers.
    pub fn selection_words(&self, pack: &Pack) -> Vec<select::Words> {
        let (Some(range), Some(doc)) = (
            self.selection.range(),
            self.doc.and_then(|id| pack.document(id)),
        ) else {
            return Vec::new();
        };
        select::words(doc, &self.items, range)
    }

    /// The selected text as it reads (what Ctrl+C copies), if any is selected.
    pub fn selected_text(&self, pack: &Pack) -> Option<String> {
        let doc = pack.document(self.doc?)?;
        let text = select::text(doc, &self.selection_words(pack));
        (!text.is_empty()).then_some(text)
    }

    pub fn clear_selection(&mut self) {
        self.selection.clear();
    }

    pub fn has_selection(&self) -> bool {
        self.selection.range().is_some()
    }

    /// Where characters `chars` of text `part` of block `block` were drawn on the last
    /// frame, one rectangle a row (none when the block was not on screen).
    pub fn text_rects(&self, block: usize, part: usize, chars: Range<usize>) -> Vec<Rect> {
        let Some(item) = self.items.iter().position(|it| *it == Item::Block(block)) else {
            return Vec::new();
        };
        self.drawn
            .iter()
            .filter(|d| d.item == item && d.part == part)
            .flat_map(|d| {
                select::rects(&d.galley, chars.clone())
                    .into_iter()
                    .map(|r| r.translate(d.pos.to_vec2()))
            })
            .collect()
    }

    /// The block the note keys act on when nothing is selected: the item last clicked,
    /// else the one last gone to, else the one at the top of the view (a card stands for
    /// the first block after it).
    pub fn passage_here(&self) -> Option<(DocId, usize)> {
        let doc = self.doc?;
        let from = self.clicked.or(self.focus).unwrap_or(self.top_item);
        let block = self.items.iter().skip(from).find_map(|it| match it {
            Item::Block(b) => Some(*b),
            _ => None,
        })?;
        Some((doc, block))
    }

    /// The item showing an anchor; a block that is not drawn on its own (front sheet text
    /// inside an agenda item) maps to the next item that is.
    pub fn item_for(&self, anchor: Anchor) -> usize {
        let found = match anchor {
            Anchor::Top => Some(0),
            Anchor::AgendaItem(i) => self.items.iter().position(|it| *it == Item::Agenda(i)),
            Anchor::Block(b) => self
                .items
                .iter()
                .position(|it| matches!(it, Item::Block(x) if *x >= b)),
        };
        found.unwrap_or(0)
    }

    /// The anchor of the top visible item, to remember the reading position.
    pub fn top_anchor(&self) -> Anchor {
        match self.items.get(self.top_item) {
            Some(Item::Block(b)) => Anchor::Block(*b),
            Some(Item::Agenda(i)) => Anchor::AgendaItem(*i),
            _ => Anchor::Top,
        }
    }

    /// The heading the reader is in: the last heading block at or above the item it was
    /// sent to while that is on screen, else above the top item.
    pub fn current_heading(&self, doc: &Document) -> Option<usize> {
        let top = self
            .focus
            .unwrap_or(self.top_item)
            .min(self.items.len().saturating_sub(1));
        self.items
            .get(..=top)?
            .iter()
            .rev()
            .find_map(|it| match it {
                Item::Block(b)
                    if matches!(
                        doc.blocks.get(*b).map(|x| &x.kind),
                        Some(BlockKind::Heading { .. })
                    ) =>
                {
                    Some(*b)
                }
                _ => None,
            })
    }

    /// Where this frame's scroll area starts: at the end while going to the end, at a
    /// pending jump's target, or kept still after an item above changed height. Returns
    /// the offset used for the end, when going there.
    fn scroll_for_frame(
        &mut self,
        ui: &Ui,
        mut area: egui::ScrollArea,
        tops: &[f32],
        total: f32,
    ) -> (egui::ScrollArea, Option<f32>) {
        let mut to_end = None;
        if self.to_end {
            // The end as far as the last frame's content went (egui allows no more); the
            // next frames follow while the items drawn there are measured.
            let end = self
                .last_max_offset
                .min((total - ui.available_height()).max(0.0));
            area = area.vertical_scroll_offset(end);
            self.offset_fix = None;
            to_end = Some(end);
        } else if let Some(item) = self.pending {
            let top = tops.get(item).copied().unwrap_or(0.0);
            // Room for the target to stand at the top even while the items below it are
            // still estimates: else the scroll area springs back from past the end of
            // its content and the jump lands elsewhere.
            self.floor = Some((top, top + self.last_height.max(ui.available_height())));
            // egui bounds the offset by the previous frame's content: a target beyond it
            // is scrolled to on the next frame, once the content has grown to the floor.
            if top <= self.last_max_offset + 0.5 {
                area = area.vertical_scroll_offset(top);
                self.pending = None;
                self.offset_fix = None;
            } else {
                ui.ctx().request_repaint();
            }
        } else if let Some(offset) = self.offset_fix.take() {
            area = area.vertical_scroll_offset(offset);
        }
        (area, to_end)
    }

    /// The width prose wraps at on the last frame (right of the number gutter).
    pub fn text_width(&self) -> f32 {
        self.text_width
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        pack: &Pack,
        find: &Find,
        extras: &dyn Extras,
        out: &mut Vec<Command>,
    ) {
        let Some(doc) = self.doc.and_then(|id| pack.document(id)) else {
            ui.label("This pack has no documents.");
            return;
        };
        let width = (ui.available_width() - 16.0).clamp(200.0, MAX_WIDTH);
        self.text_width = width - blocks::GUTTER - ui.spacing().item_spacing.x;
        if (width - self.width).abs() > 0.5 {
            // Wrapping changes with the width: every measured height is stale, and the
            // pixel offset with them. Keep the item at the top in place instead.
            if self.width > 0.0 && self.pending.is_none() && self.offset_fix.is_none() {
                self.pending = Some(self.top_item);
            }
            self.width = width;
            self.heights.iter_mut().for_each(|h| *h = None);
        }
        let estimates: Vec<f32> = (0..self.items.len())
            .map(|i| self.heights[i].unwrap_or_else(|| estimate(ui, doc, self.items[i], width)))
            .collect();
        let tops = prefix_sums(&estimates);
        let total = tops.last().copied().unwrap_or(0.0);
        let area = egui::ScrollArea::vertical()
            .id_salt(("reader", doc.id.0))
            .auto_shrink([false, false]);
        let (area, to_end) = self.scroll_for_frame(ui, area, &tops, total);
        let floor = self.floor;
        let mut cx = Cx {
            pack,
            doc,
            find,
            resolved: &self.resolved,
            out,
            match_y: None,
            extras,
            block: None,
            selected: self.selection.range(),
            drawn: Vec::new(),
        };
        let items = &self.items;
        let mut placed = Vec::new();
        let mut measured = Vec::new();
        let mut top_item = 0;
        let mut last_drawn = 0;
        let mut top_is_cut = false;
        let mut top_inset = 0.0;
        let output = area.show_viewport(ui, |ui, viewport| {
            ui.set_height(floor.map_or(total, |(_, min)| total.max(min)));
            ui.set_width(ui.available_width());
            let first = tops
                .partition_point(|&t| t <= viewport.min.y)
                .saturating_sub(1);
            top_item = first;
            top_is_cut = tops[first] < viewport.min.y;
            top_inset = viewport.min.y - tops[first];
            let origin = ui.max_rect().min + vec2(8.0, 0.0);
            for (i, item) in items.iter().enumerate().skip(first) {
                let top = tops[i];
                if top > viewport.max.y {
                    break;
                }
                let rect = Rect::from_min_size(origin + vec2(0.0, top), vec2(width, f32::INFINITY));
                // Reserved before the item is drawn, so a highlight's tint lies under it.
                let background = ui.painter().add(egui::Shape::Noop);
                cx.block = match item {
                    Item::Block(b) => Some(*b),
                    _ => None,
                };
                let drawn = ui.scope_builder(UiBuilder::new().max_rect(rect).id_salt(i), |ui| {
                    item_ui(ui, &mut cx, *item, i);
                });
                let drawn_rect = drawn.response.rect;
                placed.push((i, drawn_rect));
                extras.decorate(ui, doc.id, *item, drawn_rect, background, cx.out);
                measured.push((i, drawn.response.rect.height() + GAP));
                last_drawn = i;
            }
        });
        let (match_y, drawn) = (cx.match_y, std::mem::take(&mut cx.drawn));
        self.top_item = top_item;
        // Once the view has settled, a focus scrolled out of it is forgotten.
        if self.pending.is_none()
            && self.offset_fix.is_none()
            && self.focus.is_some_and(|f| f < top_item || f > last_drawn)
        {
            self.focus = None;
        }
        if self.clicked.is_some_and(|c| c < top_item || c > last_drawn) {
            self.clicked = None;
        }
        self.top_inset = top_inset;
        self.last_max_offset = (output.content_size.y - output.inner_rect.height()).max(0.0);
        if let Some((top, _)) = self.floor
            && self.pending.is_none()
            && (output.state.clamped_offset().y - top).abs() > 1.0
        {
            // The reader scrolled away from the jump: the content is its own height again.
            self.floor = None;
        }
        self.last_offset = output.state.clamped_offset().y;
        self.last_height = output.inner_rect.height();
        self.pointer_ui(ui, output.inner_rect, &drawn, &placed);
        self.drawn = drawn;
        if self.pending.is_none()
            && self.reveal.take().is_some()
            && let Some(y) = match_y
        {
            // The match's place in the content, a third down the view so the lines before
            // it are seen too.
            let in_content = self.last_offset + (y - output.inner_rect.min.y);
            let visible = (output.inner_rect.min.y + 20.0)..(output.inner_rect.max.y - 40.0);
            if !visible.contains(&y) {
                self.offset_fix = Some((in_content - self.last_height / 3.0).max(0.0));
                ui.ctx().request_repaint();
            }
        }
        let before = self.heights.get(top_item).copied().flatten();
        let changed = self.store_heights(ui, measured);
        let after = self.heights.get(top_item).copied().flatten();
        if let Some(end) = to_end {
            // At the end once the content no longer grows or shrinks under it.
            if !changed && (self.last_max_offset - end).abs() < 0.5 {
                self.to_end = false;
            } else {
                ui.ctx().request_repaint();
            }
        }
        // Scrolling up reveals items drawn for the first time; when the one cut by the top
        // edge turns out taller or shorter than estimated, shift the offset by the same
        // amount so the text under the reader's eyes does not jump.
        let estimated = estimates.get(top_item).copied();
        if top_is_cut && let (Some(old), Some(new)) = (before.or(estimated), after) {
            let delta = new - old;
            if delta.abs() > 0.5 {
                self.offset_fix = Some(output.state.clamped_offset().y + delta);
            }
        }
    }

    /// The mouse over the text: a press on text starts a selection (Shift extends it), a
    /// drag moves its free end (scrolling when it leaves the view), a double-click selects
    /// a word; a press of either button on an item makes it the passage the note keys act
    /// on. `view` is the scroll area's visible rectangle, `drawn` the texts drawn in it and
    /// `placed` the items.
    fn pointer_ui(
        &mut self,
        ui: &Ui,
        view: Rect,
        drawn: &[select::Drawn],
        placed: &[(usize, Rect)],
    ) {
        let (pressed, secondary, down, double, shift, pos) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.secondary_pressed(),
                i.pointer.primary_down(),
                i.pointer
                    .button_double_clicked(egui::PointerButton::Primary),
                i.modifiers.shift,
                i.pointer.interact_pos(),
            )
        });
        let Some(pos) = pos else {
            return;
        };
        // Only the reader's own layer: a menu, a window or a panel's tab over the text
        // takes its clicks itself.
        let over = ui.rect_contains_pointer(view);
        let on_item = placed
            .iter()
            .find(|(_, r)| r.y_range().contains(pos.y) && pos.x >= r.left() && pos.x <= r.right())
            .map(|(i, _)| *i);
        if over && (pressed || secondary) && on_item.is_some() {
            self.clicked = on_item;
        }
        if over && pressed {
            match select::hit(drawn, pos) {
                Some((_, at)) => {
                    self.selection.press(at, shift);
                    // egui's own selection of a label elsewhere would copy on Ctrl+C too.
                    ui.ctx()
                        .plugin::<egui::text_selection::LabelSelectionState>()
                        .lock()
                        .clear_selection();
                }
                None if on_item.is_some() => self.selection.clear(),
                None => {}
            }
            ui.ctx().request_repaint();
        }
        if !self.selection.is_dragging() {
            return;
        }
        if !down {
            self.selection.release();
            if double && let Some((d, at)) = select::hit(drawn, pos) {
                self.selection.select_word(d, at);
            }
            ui.ctx().request_repaint();
            return;
        }
        if let Some(at) = select::nearest(drawn, pos)
            && self.selection.drag_to(at)
        {
            ui.ctx().request_repaint();
        }
        // Dragged past the top or bottom: the text scrolls under the pointer, faster the
        // further it is.
        let beyond = if pos.y < view.top() {
            pos.y - view.top()
        } else if pos.y > view.bottom() {
            pos.y - view.bottom()
        } else {
            0.0
        };
        if beyond != 0.0 {
            let step = beyond.signum() * (beyond.abs() * 0.5).clamp(4.0, 40.0);
            self.offset_fix = Some((self.last_offset + step).max(0.0));
            ui.ctx().request_repaint();
        }
    }

    /// Keeps measured heights; a change means the positions below moved, so the frame is
    /// drawn once more to settle.
    fn store_heights(&mut self, ui: &Ui, measured: Vec<(usize, f32)>) -> bool {
        let mut changed = false;
        for (i, h) in measured {
            if let Some(slot) = self.heights.get_mut(i)
                && slot.is_none_or(|old| (old - h).abs() > 0.5)
            {
                *slot = Some(h);
                changed = true;
            }
        }
        if changed {
            ui.ctx().request_repaint();
        }
        changed
    }
}

fn item_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: Item, index: usize) {
    match item {
        Item::Title => cards::title_ui(ui, cx, index),
        Item::Meta => cards::meta_ui(ui, cx, index),
        Item::Agenda(i) => cards::agenda_item_ui(ui, cx, i, index),
        Item::Note => cards::note_ui(ui, cx, index),
        Item::Asks => cards::asks_ui(ui, cx, index),
        Item::Attendance => cards::attendance_ui(ui, cx, index),
        Item::Block(b) => blocks::block_ui(ui, cx, b, index),
    }
}

fn prefix_sums(heights: &[f32]) -> Vec<f32> {
    let mut tops = Vec::with_capacity(heights.len() + 1);
    let mut y = 0.0;
    tops.push(y);
    for h in heights {
        y += h;
        tops.push(y);
    }
    tops
}

/// A cheap guess of an item's height from its text length, used until it is drawn.
fn estimate(ui: &Ui, doc: &Document, item: Item, width: f32) -> f32 {
    let row = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let per_line = (width / (row * 0.45)).max(10.0);
    let lines = |chars: usize| (chars as f32 / per_line).ceil().max(1.0);
    let h = match item {
        Item::Title => row * 3.0,
        Item::Meta => row * 6.0,
        Item::Agenda(_) => row * 3.0,
        Item::Note => row * 7.0,
        Item::Asks => row * 5.0,
        Item::Attendance => row * 12.0,
        Item::Block(b) => match doc.blocks.get(b).map(|b| &b.kind) {
            Some(BlockKind::Table { table }) => doc
                .table(*table)
                .map(|t| (t.header.len() + t.body.len() + 2) as f32 * row * 1.5)
                .unwrap_or(row),
            Some(BlockKind::Fields { fields }) => fields.len() as f32 * row,
            Some(BlockKind::Contents { entries }) => entries.len() as f32 * row,
            Some(kind) => lines(blocks::plain_len(kind)) * row,
            None => row,
        },
    };
    h + GAP
}
