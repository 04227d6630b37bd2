//! The left panel: the pack as a tree. Agenda ▸ items ▸ their papers; minutes ▸ each
//! minute (✔ where something was RESOLVED); other documents; and, under the selected
//! document, its section headings and tables.
//!
//! The tree is flattened into rows (rebuilt only when the pack, the selected document or
//! an expansion changes) and drawn with `show_rows`, so only visible rows are laid out.
//! Keyboard: Up/Down move, Right expands or enters, Left collapses or goes to the parent,
//! Enter opens.

use std::collections::HashSet;

use egui::{Key, Modifiers, Ui, vec2};

use crate::Command;
use crate::navigation::nav::{Anchor, Location};
use meetpack_core::model::{BlockKind, DocId, DocKind, Document, Pack};

/// Identifies a node across rebuilds, so expansion and the keyboard cursor survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKey {
    Agenda,
    AgendaItem(usize),
    SubItem(usize, usize),
    /// A document, under a parent group (so the same paper can appear twice).
    Doc(u32, DocId),
    MinuteItem(DocId, usize),
    Heading(DocId, usize),
    /// A document's "Tables" group, collapsed until opened.
    Tables(DocId),
    Others,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub depth: u8,
    pub key: NodeKey,
    pub label: String,
    pub hover: Option<String>,
    pub action: Option<Command>,
    pub parent: Option<usize>,
    pub has_children: bool,
    /// The row stands for the document (or agenda item) shown in the reader.
    pub current: bool,
}

#[derive(Default)]
pub struct Tree {
    expanded: HashSet<NodeKey>,
    collapsed_by_user: HashSet<NodeKey>,
    rows: Vec<Row>,
    built_for: Option<(Option<DocId>, u64)>,
    generation: u64,
    cursor: Option<usize>,
    scroll_to_cursor: bool,
    /// The one row marked as "you are here", and the rows shown on the last frame, so
    /// the tree follows the reader when it scrolls into another section.
    here: Option<usize>,
    visible: std::ops::Range<usize>,
}

const ROW_HEIGHT: f32 = 20.0;

impl Tree {
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Rebuilds the rows when what they show changed.
    pub fn refresh(&mut self, pack: &Pack, current: Option<DocId>) {
        if self.built_for == Some((current, self.generation)) {
            return;
        }
        let cursor_key = self.cursor.and_then(|c| self.rows.get(c)).map(|r| r.key);
        self.rows = Builder {
            pack,
            current,
            tree: self,
            rows: Vec::new(),
        }
        .build();
        self.cursor = cursor_key.and_then(|k| self.rows.iter().position(|r| r.key == k));
        self.built_for = Some((current, self.generation));
    }

    fn is_expanded(&self, key: NodeKey, default: bool) -> bool {
        if self.collapsed_by_user.contains(&key) {
            return false;
        }
        default || self.expanded.contains(&key)
    }

    fn set_expanded(&mut self, key: NodeKey, open: bool) {
        if open {
            self.collapsed_by_user.remove(&key);
            self.expanded.insert(key);
        } else {
            self.expanded.remove(&key);
            self.collapsed_by_user.insert(key);
        }
        self.generation += 1;
    }

    fn row_is_open(&self, row: usize) -> bool {
        let Some(r) = self.rows.get(row) else {
            return false;
        };
        r.has_children
            && self
                .rows
                .get(row + 1)
                .is_some_and(|n| n.parent == Some(row))
    }

    /// Arrow keys and Enter, taken before any widget sees them. Ignored while typing.
    pub fn keyboard(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        // A focused widget (reached with Tab, or the find field) owns the arrows and Enter.
        let focused = ctx.memory(|m| m.focused().is_some());
        if focused || ctx.egui_wants_keyboard_input() || self.rows.is_empty() {
            return;
        }
        let (up, down, left, right, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowLeft),
                i.consume_key(Modifiers::NONE, Key::ArrowRight),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        });
        let last = self.rows.len() - 1;
        let cur = self.cursor.unwrap_or(0);
        let next = if down {
            Some(if self.cursor.is_none() {
                0
            } else {
                (cur + 1).min(last)
            })
        } else if up {
            Some(cur.saturating_sub(1))
        } else if right {
            self.right(cur)
        } else if left {
            self.left(cur)
        } else {
            None
        };
        if let Some(n) = next {
            self.cursor = Some(n);
            self.scroll_to_cursor = true;
        }
        if enter && let Some(action) = self.rows.get(cur).and_then(|r| r.action.clone()) {
            out.push(action);
        }
    }

    fn right(&mut self, cur: usize) -> Option<usize> {
        let row = self.rows.get(cur)?;
        if !row.has_children {
            return None;
        }
        if self.row_is_open(cur) {
            return Some(cur + 1);
        }
        let key = row.key;
        self.set_expanded(key, true);
        Some(cur)
    }

    fn left(&mut self, cur: usize) -> Option<usize> {
        if self.row_is_open(cur) {
            let key = self.rows.get(cur)?.key;
            self.set_expanded(key, false);
            return Some(cur);
        }
        self.rows.get(cur)?.parent
    }

    /// `section` is the heading block the reader is in, marked as the reader scrolls.
    pub fn ui(&mut self, ui: &mut Ui, section: Option<usize>, out: &mut Vec<Command>) {
        let total = self.rows.len();
        let mut area = egui::ScrollArea::vertical()
            .id_salt("tree")
            .auto_shrink([false, false]);
        if self.scroll_to_cursor
            && let Some(c) = self.cursor
        {
            // Centre-ish: the row one third down the panel.
            let row_h = ROW_HEIGHT + ui.spacing().item_spacing.y;
            let y = (c as f32 * row_h - ui.available_height() / 3.0).max(0.0);
            area = area.vertical_scroll_offset(y);
            self.scroll_to_cursor = false;
        }
        // One row is marked: the section the reader is in, else the document shown.
        let here = self
            .rows
            .iter()
            .position(|r| matches!(r.key, NodeKey::Heading(_, b) if Some(b) == section))
            .or_else(|| self.rows.iter().position(|r| r.current));
        if here != self.here {
            self.here = here;
            if let Some(h) = here
                && !self.visible.contains(&h)
                && !self.scroll_to_cursor
            {
                let row_h = ROW_HEIGHT + ui.spacing().item_spacing.y;
                let y = (h as f32 * row_h - ui.available_height() / 3.0).max(0.0);
                area = area.vertical_scroll_offset(y);
            }
        }
        let mut toggles = Vec::new();
        let mut visible = 0..0;
        area.show_rows(ui, ROW_HEIGHT, total, |ui, range| {
            visible = range.clone();
            for i in range {
                if let Some(t) = self.row_ui(ui, i, out) {
                    toggles.push(t);
                }
            }
        });
        self.visible = visible;
        for (key, open) in toggles {
            self.set_expanded(key, open);
        }
    }

    /// One row: indent, expander, label. Returns an expansion toggle if one was clicked.
    fn row_ui(&mut self, ui: &mut Ui, i: usize, out: &mut Vec<Command>) -> Option<(NodeKey, bool)> {
        let open = self.row_is_open(i);
        let row = self.rows.get(i)?;
        let mut toggle = None;
        ui.horizontal(|ui| {
            ui.set_height(ROW_HEIGHT);
            ui.add_space(f32::from(row.depth) * 14.0);
            if row.has_children {
                let icon = if open { "⏷" } else { "⏵" };
                let hint = if open { "Collapse" } else { "Expand" };
                let b = ui.add(
                    egui::Button::new(icon)
                        .frame(false)
                        .min_size(vec2(16.0, 16.0)),
                );
                if b.on_hover_text(hint).clicked() {
                    toggle = Some((row.key, !open));
                }
            } else {
                ui.add_space(16.0 + ui.spacing().item_spacing.x);
            }
            let selected = self.here == Some(i);
            let mut text = egui::RichText::new(&row.label);
            if row.depth == 0 {
                text = text.strong();
            }
            let mut response = ui.add(egui::Button::selectable(selected, text).truncate());
            // A tree item to a screen reader, selected where the reader is.
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &row.label)
            });
            if self.cursor == Some(i) && !selected {
                // The keyboard cursor, when it is not on the marked row: an outline.
                let stroke = ui.visuals().selection.stroke;
                ui.painter()
                    .rect_stroke(response.rect, 2.0, stroke, egui::StrokeKind::Inside);
            }
            if let Some(h) = &row.hover {
                response = response.on_hover_text(h);
            }
            if response.clicked() {
                self.cursor = Some(i);
                match &row.action {
                    Some(a) => out.push(a.clone()),
                    // A group with nowhere to go of its own ("Tables", "Other documents")
                    // opens or closes on a click of its name, as on its arrow.
                    None if row.has_children => toggle = Some((row.key, !open)),
                    None => {}
                }
            }
        });
        toggle
    }
}

/// Builds the flattened rows.
struct Builder<'a> {
    pack: &'a Pack,
    current: Option<DocId>,
    tree: &'a Tree,
    rows: Vec<Row>,
}

impl Builder<'_> {
    fn push(
        &mut self,
        depth: u8,
        key: NodeKey,
        label: String,
        action: Option<Command>,
        parent: Option<usize>,
    ) -> usize {
        self.rows.push(Row {
            depth,
            key,
            label,
            hover: None,
            action,
            parent,
            has_children: false,
            current: false,
        });
        self.rows.len() - 1
    }

    /// Marks a row as having children and says whether to add them.
    fn open(&mut self, row: usize, has_children: bool, default_open: bool) -> bool {
        let Some(r) = self.rows.get_mut(row) else {
            return false;
        };
        r.has_children = has_children;
        has_children && self.tree.is_expanded(r.key, default_open)
    }

    fn build(mut self) -> Vec<Row> {
        let pack = self.pack;
        let linked: HashSet<DocId> = pack
            .agenda
            .iter()
            .flat_map(|a| a.documents.iter().copied())
            .collect();
        if let Some(sheet) = pack.front_sheet() {
            self.agenda(sheet);
        }
        for doc in pack.documents.iter().filter(|d| d.kind == DocKind::Minutes) {
            self.doc_node(0, 1, doc, meetpack_core::views::shown::doc_label(doc), None);
        }
        let others: Vec<&Document> = pack
            .documents
            .iter()
            .filter(|d| {
                !matches!(d.kind, DocKind::Agenda | DocKind::Minutes) && !linked.contains(&d.id)
            })
            .collect();
        if !others.is_empty() {
            let row = self.push(0, NodeKey::Others, "Other documents".into(), None, None);
            if self.open(row, true, true) {
                for doc in others {
                    self.doc_node(
                        1,
                        2,
                        doc,
                        meetpack_core::views::shown::doc_label(doc),
                        Some(row),
                    );
                }
            }
        }
        self.rows
    }

    fn agenda(&mut self, sheet: &Document) {
        let pack = self.pack;
        let action = Some(Command::Go(Location::top(sheet.id)));
        let row = self.push(0, NodeKey::Agenda, "Agenda".into(), action, None);
        self.rows[row].current = self.current == Some(sheet.id);
        if !self.open(row, !pack.agenda.is_empty(), true) {
            return;
        }
        for (i, item) in pack.agenda.iter().enumerate() {
            let label = match item.pages {
                Some((a, b)) => format!("{} {} · pp {a}–{b}", item.number, item.title),
                None => format!("{} {}", item.number, item.title),
            };
            let r = self.push(
                1,
                NodeKey::AgendaItem(i),
                label,
                Some(Command::OpenAgendaItem(i)),
                Some(row),
            );
            self.rows[r].hover = item.presenter.clone();
            let has = !item.sub_items.is_empty() || !item.documents.is_empty();
            if !self.open(r, has, true) {
                continue;
            }
            for (s, sub) in item.sub_items.iter().enumerate() {
                let label = format!("{} {}", sub.marker, sub.text.to_plain());
                self.push(
                    2,
                    NodeKey::SubItem(i, s),
                    label,
                    Some(Command::OpenAgendaItem(i)),
                    Some(r),
                );
            }
            for id in &item.documents {
                let Some(doc) = pack.document(*id) else {
                    continue;
                };
                if doc.kind == DocKind::Minutes {
                    // The minutes have their own branch with every minute; here a link.
                    let go = Some(Command::Go(Location::top(doc.id)));
                    let m = self.push(
                        2,
                        NodeKey::Doc(10 + i as u32, doc.id),
                        meetpack_core::views::shown::doc_label(doc),
                        go,
                        Some(r),
                    );
                    self.rows[m].current = self.current == Some(doc.id);
                } else {
                    self.doc_node(
                        2,
                        10 + i as u32,
                        doc,
                        meetpack_core::views::shown::doc_label(doc),
                        Some(r),
                    );
                }
            }
        }
    }

    /// A document row; when it is the selected one, its minutes or headings below it.
    fn doc_node(
        &mut self,
        depth: u8,
        group: u32,
        doc: &Document,
        label: String,
        parent: Option<usize>,
    ) {
        let action = Some(Command::Go(Location::top(doc.id)));
        let row = self.push(depth, NodeKey::Doc(group, doc.id), label, action, parent);
        let is_current = self.current == Some(doc.id);
        self.rows[row].current = is_current;
        let minutes = doc.minutes.as_ref().filter(|m| !m.items.is_empty());
        let headings = is_current && (doc.headings().next().is_some() || !doc.tables.is_empty());
        if !self.open(row, minutes.is_some() || headings, is_current) {
            return;
        }
        if let Some(m) = minutes {
            for (i, item) in m.items.iter().enumerate() {
                // The mark leads so a truncated long title cannot hide it.
                let mark = if item.resolutions.is_empty() {
                    ""
                } else {
                    "✔ "
                };
                let label = format!("{mark}{} {}", item.number, item.title);
                let anchor = first_block_at(doc, item.lines.first());
                let go = Command::Go(Location {
                    doc: doc.id,
                    anchor,
                });
                let r = self.push(
                    depth + 1,
                    NodeKey::MinuteItem(doc.id, i),
                    label,
                    Some(go),
                    Some(row),
                );
                if !item.resolutions.is_empty() {
                    self.rows[r].hover =
                        Some(format!("{} decision(s) RESOLVED", item.resolutions.len()));
                }
            }
            return;
        }
        self.outline(depth + 1, doc, row);
    }

    /// Section headings of the selected document, in order, then its tables under a
    /// "Tables" group, collapsed until opened. A document with many tables lists only those
    /// with a caption, and a table named by nothing but figures (its first cell
    /// "+443000412070") is never listed: a 77-page report's 70 postcode and figure tables
    /// buried its headings. Every table is still in the reader.
    fn outline(&mut self, depth: u8, doc: &Document, parent: usize) {
        let many_tables = doc.tables.len() > MAX_UNCAPTIONED_TABLES;
        let mut table_no = 0;
        let mut tables = Vec::new();
        for (b, block) in doc.blocks.iter().enumerate() {
            let go = Command::Go(Location {
                doc: doc.id,
                anchor: Anchor::Block(b),
            });
            match &block.kind {
                BlockKind::Heading { level, .. } => {
                    let label = block.heading_label().unwrap_or_default();
                    let extra = level.saturating_sub(1).min(2);
                    let key = NodeKey::Heading(doc.id, b);
                    self.push(depth + extra, key, label, Some(go), Some(parent));
                }
                BlockKind::Table { table } => {
                    table_no += 1;
                    let table = doc.table(*table);
                    let caption = table.and_then(|t| t.caption.clone());
                    if many_tables && caption.is_none() {
                        continue;
                    }
                    let name = table.and_then(|t| t.name()).unwrap_or_default();
                    if name.chars().any(char::is_alphabetic) {
                        tables.push((b, format!("⊞ Table {table_no}: {name}"), go));
                    }
                }
                _ => {}
            }
        }
        if tables.is_empty() {
            return;
        }
        let label = format!("⊞ Tables ({})", tables.len());
        let group = self.push(depth, NodeKey::Tables(doc.id), label, None, Some(parent));
        if !self.open(group, true, false) {
            return;
        }
        for (b, label, go) in tables {
            let key = NodeKey::Heading(doc.id, b);
            self.push(depth + 1, key, label, Some(go), Some(group));
        }
    }
}

/// Above this many tables, a document's uncaptioned tables stay out of the tree.
const MAX_UNCAPTIONED_TABLES: usize = 8;

fn first_block_at(doc: &Document, line: u32) -> Anchor {
    doc.blocks
        .iter()
        .position(|b| b.lines.last() >= line)
        .map_or(Anchor::Top, Anchor::Block)
}
