//! Drawing one block of a document: one `match` over the block kinds.

use std::ops::Range;

use egui::{Align2, Color32, Sense, Ui, vec2};

use crate::Command;
use crate::reader::rich::{self, Look};
use crate::reader::{Cx, Wash};
use crate::reader::{select, table_view};
use meetpack_core::model::{BlockKind, Text};
use meetpack_core::views::shown::bullet;

/// Width of the number gutter left of headings and numbered paragraphs.
pub const GUTTER: f32 = 52.0;
/// Extra indent per list level.
const LIST_INDENT: f32 = 22.0;

pub fn block_ui(ui: &mut Ui, cx: &mut Cx<'_>, b: usize, item: usize) {
    let Some(block) = cx.doc.blocks.get(b) else {
        return;
    };
    let resolved = cx.resolved.contains(&b);
    match &block.kind {
        BlockKind::Heading {
            level,
            number,
            text,
        } => heading_ui(ui, cx, *level, number.as_deref(), text, item),
        BlockKind::Numbered { number, text } if resolved => {
            resolution_ui(ui, cx, Some(number), text, item)
        }
        BlockKind::Numbered { number, text } => {
            let look = Look::body(ui);
            gutter_ui(ui, Some(number), 0.0, |ui| {
                text_ui(ui, cx, text, &look, item, 0)
            });
        }
        BlockKind::ListItem { .. } | BlockKind::Paragraph { .. } if resolved => {
            let text = block_text(&block.kind).cloned().unwrap_or_default();
            resolution_ui(ui, cx, None, &text, item);
        }
        BlockKind::ListItem {
            level,
            marker,
            text,
        } => {
            let look = Look::body(ui);
            let indent = LIST_INDENT * f32::from(*level);
            gutter_ui(ui, Some(bullet(marker)), indent, |ui| {
                text_ui(ui, cx, text, &look, item, 0);
            });
        }
        BlockKind::Paragraph { text } => {
            let look = Look::body(ui);
            gutter_ui(ui, None, 0.0, |ui| text_ui(ui, cx, text, &look, item, 0));
        }
        BlockKind::Resolution { number, text } => {
            resolution_ui(ui, cx, number.as_deref(), text, item)
        }
        BlockKind::Table { table } => {
            let Some(table) = cx.doc.table(*table) else {
                return;
            };
            let doc = cx.doc.id;
            gutter_ui(ui, None, 0.0, |ui| {
                table_view::table_ui(ui, doc, table, item, cx.find, cx.out);
            });
        }
        BlockKind::Fields { fields } => fields_ui(ui, cx, fields, item),
        BlockKind::Contents { entries } => contents_ui(ui, cx, entries),
        BlockKind::Footnote { text } => {
            let look = Look {
                font: egui::TextStyle::Small.resolve(ui.style()),
                ..Look::body(ui).weak(ui)
            };
            gutter_ui(ui, None, 0.0, |ui| text_ui(ui, cx, text, &look, item, 0));
        }
        BlockKind::Separator { text } => separator_ui(ui, text),
    }
}

fn heading_ui(
    ui: &mut Ui,
    cx: &mut Cx<'_>,
    level: u8,
    number: Option<&str>,
    text: &Text,
    item: usize,
) {
    ui.add_space(if level <= 1 { 10.0 } else { 4.0 });
    let look = Look::heading(ui, level);
    // A screen reader lists and jumps by headings: say this is one.
    gutter_ui(ui, number, 0.0, |ui| {
        text_ui_as(ui, cx, text, &look, item, 0, Some(egui::Role::Heading))
    });
}

/// A RESOLVED decision, set apart so a reader scanning the minutes finds what was decided.
fn resolution_ui(ui: &mut Ui, cx: &mut Cx<'_>, number: Option<&str>, text: &Text, item: usize) {
    let accent = resolution_accent(ui);
    gutter_ui(ui, None, 0.0, |ui| {
        egui::Frame::new()
            .fill(accent.gamma_multiply(0.12))
            .stroke(egui::Stroke::new(1.0, accent.gamma_multiply(0.6)))
            .corner_radius(4.0)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new("✔ RESOLVED")
                            .color(accent)
                            .strong()
                            .small(),
                    );
                    if let Some(n) = number {
                        ui.label(egui::RichText::new(n).color(accent).small());
                    }
                });
                let look = Look::body(ui).strong(ui);
                text_ui(ui, cx, text, &look, item, 0);
            });
    });
}

pub fn resolution_accent(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(110, 200, 130)
    } else {
        Color32::from_rgb(20, 120, 50)
    }
}

fn fields_ui(ui: &mut Ui, cx: &mut Cx<'_>, fields: &[meetpack_core::model::Field], item: usize) {
    gutter_ui(ui, None, 0.0, |ui| {
        egui::Grid::new(("fields", item))
            .num_columns(2)
            .spacing(vec2(12.0, 4.0))
            .show(ui, |ui| {
                for (p, field) in fields.iter().enumerate() {
                    ui.label(egui::RichText::new(&field.label).strong());
                    let look = Look::body(ui);
                    text_ui(ui, cx, &field.value, &look, item, p);
                    ui.end_row();
                }
            });
    });
}

/// A table of contents; an entry whose title matches a heading of the document is a
/// link to it.
fn contents_ui(ui: &mut Ui, cx: &mut Cx<'_>, entries: &[meetpack_core::model::ContentsEntry]) {
    let doc = cx.doc;
    gutter_ui(ui, None, 0.0, |ui| {
        egui::Grid::new(ui.next_auto_id())
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for entry in entries {
                    let target = doc.headings().find(|(_, _, label)| {
                        label.trim().eq_ignore_ascii_case(entry.title.trim())
                    });
                    match target {
                        Some((b, _, _)) => {
                            if ui.link(&entry.title).clicked() {
                                cx.out.push(Command::Go(crate::navigation::nav::Location {
                                    doc: doc.id,
                                    anchor: crate::navigation::nav::Anchor::Block(b),
                                }));
                            }
                        }
                        None => {
                            ui.label(&entry.title);
                        }
                    }
                    match entry.page {
                        Some(p) => ui.label(format!("p. {p}")),
                        None => ui.label(""),
                    };
                    ui.end_row();
                }
            });
    });
}

/// Page furniture ("This page is intentionally left blank"): a faint rule, text kept.
fn separator_ui(ui: &mut Ui, text: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 18.0), Sense::hover());
    let color = ui.visuals().weak_text_color();
    ui.painter().hline(
        rect.x_range(),
        rect.center().y,
        egui::Stroke::new(0.5, color),
    );
    if !text.is_empty() {
        let galley = ui.painter().layout_no_wrap(
            format!("  {text}  "),
            egui::TextStyle::Small.resolve(ui.style()),
            color,
        );
        let bg = ui.visuals().panel_fill;
        let pos = rect.center() - galley.size() / 2.0;
        ui.painter()
            .rect_filled(egui::Rect::from_min_size(pos, galley.size()), 0.0, bg);
        ui.painter().galley(pos, galley, color);
    }
}

/// Markdown-style dashes and stars read as bullets; numbers and letters stay.
/// Lays a row out as gutter (number or marker, right-aligned) then content.
pub fn gutter_ui(ui: &mut Ui, label: Option<&str>, indent: f32, add: impl FnOnce(&mut Ui)) {
    ui.horizontal_top(|ui| {
        let row_h = ui.text_style_height(&egui::TextStyle::Body);
        let (rect, _) = ui.allocate_exact_size(vec2(GUTTER + indent, row_h), Sense::hover());
        if let Some(label) = label {
            ui.painter().text(
                rect.right_top() + vec2(-6.0, 1.0),
                Align2::RIGHT_TOP,
                label,
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().weak_text_color(),
            );
        }
        ui.vertical(add);
    });
}

/// Shows a text with Find's highlights; a clicked link becomes a command.
pub fn text_ui(ui: &mut Ui, cx: &mut Cx<'_>, text: &Text, look: &Look, item: usize, part: usize) {
    text_ui_as(ui, cx, text, look, item, part, None);
}

/// [`text_ui`], the text telling AccessKit its role (a heading) when it has one.
fn text_ui_as(
    ui: &mut Ui,
    cx: &mut Cx<'_>,
    text: &Text,
    look: &Look,
    item: usize,
    part: usize,
    role: Option<egui::Role>,
) {
    let highlights = cx.find.highlights(item, part);
    let built = rich::build(ui, text, look, &highlights);
    let current = highlights.iter().find(|h| h.current).map(|h| h.range.start);
    // Where the current match sits in the laid-out text: the reader scrolls to it.
    let match_offset = current.map(|byte| {
        let mut job = built.job.clone();
        job.wrap.max_width = ui.available_width().max(40.0);
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let chars = text.to_plain().get(..byte).map_or(0, |s| s.chars().count());
        galley
            .pos_from_cursor(egui::text::CCursor::new(chars))
            .min
            .y
    });
    let marks = marks_of(ui, cx, item, part);
    let shown = rich::show_marked(ui, built, &marks);
    if cx.block.is_some() {
        cx.drawn.push(select::Drawn {
            item,
            part,
            pos: shown.pos,
            galley: shown.galley.clone(),
        });
    }
    let (response, clicked) = (shown.response, shown.link);
    if let Some(role) = role {
        response.widget_info(|| egui::WidgetInfo::labeled(role, true, text.to_plain()));
    }
    if let Some(dy) = match_offset {
        cx.match_y = Some(response.rect.min.y + dy);
    }
    match clicked {
        Some(rich::Link::Url(url)) => cx.out.push(Command::OpenUrl(url)),
        Some(rich::Link::Disguised(url)) => cx.out.push(Command::ConfirmUrl(url)),
        Some(rich::Link::Xref(xref)) => {
            cx.out
                .push(Command::Go(crate::navigation::jump::location_of_xref(
                    cx.pack, &xref,
                )))
        }
        None => {}
    }
}

/// What to tint under text `part` of item `item`: the words notes mark, then the
/// selection over them. A card's texts have neither.
fn marks_of(ui: &Ui, cx: &Cx<'_>, item: usize, part: usize) -> Vec<(Range<usize>, Wash)> {
    let mut marks = Vec::new();
    let Some(block) = cx.block else {
        return marks;
    };
    cx.extras
        .marked_words(ui.visuals(), cx.doc.id, block, part, &mut marks);
    if let Some(chars) = cx.selected.and_then(|r| select::chars_in(r, item, part)) {
        marks.push((chars, Wash::Tint(ui.visuals().selection.bg_fill)));
    }
    marks
}

/// The main text of a text-bearing block (see `BlockKind::main_text`).
pub fn block_text(kind: &BlockKind) -> Option<&Text> {
    kind.main_text()
}

/// Characters of text in a block, for height estimates.
pub fn plain_len(kind: &BlockKind) -> usize {
    match kind {
        BlockKind::Separator { text } => text.len(),
        _ => block_text(kind)
            .map(|t| t.spans.iter().map(|s| s.text.len()).sum())
            .unwrap_or(0),
    }
}
