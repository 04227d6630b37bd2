//! The cards that summarise a document before its blocks: the title, the front sheet's
//! meeting header and agenda items, a briefing note's header and asks, the minutes'
//! attendance.

use egui::{Color32, RichText, Ui, vec2};

use crate::Command;
use crate::navigation::nav::{Anchor, Location};
use crate::reader::Cx;
use crate::reader::blocks::{GUTTER, gutter_ui, text_ui};
use crate::reader::rich::{self, Look};
use meetpack_core::model::AgendaItem;
use meetpack_core::views::shown::{self, agenda_link_label, agenda_of, held_label};

pub fn title_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: usize) {
    let doc = cx.doc;
    gutter_ui(ui, None, 0.0, |ui| {
        if !doc.title.eq_ignore_ascii_case(doc.kind.label()) {
            ui.label(
                RichText::new(doc.kind.label().to_uppercase())
                    .small()
                    .weak(),
            );
        }
        let mut look = Look::heading(ui, 1);
        look.font.size *= 1.15;
        let hl = cx.find.highlights(item, 0);
        let _ = rich::show(
            ui,
            rich::build(
                ui,
                &meetpack_core::model::Text::plain(doc.title.clone()),
                &look,
                &hl,
            ),
        );
        if let Some(date) = doc.minutes.as_ref().and_then(|m| m.date.as_deref()) {
            ui.label(RichText::new(held_label(date)).strong());
        }
        if let Some((index, agenda)) = agenda_of(cx.pack, doc) {
            let label = agenda_link_label(agenda);
            if ui
                .link(label)
                .on_hover_text("Show this item on the agenda")
                .clicked()
                && let Some(sheet) = cx.pack.front_sheet()
            {
                cx.out.push(Command::Go(Location {
                    doc: sheet.id,
                    anchor: Anchor::AgendaItem(index),
                }));
            }
            // Only on the item's first paper: an item's other papers share its card.
            if agenda.documents.first() == Some(&doc.id) {
                let extras = cx.extras;
                extras.agenda_card_ui(ui, cx, index, true);
            }
        } else {
            let extras = cx.extras;
            extras.paper_card_ui(ui, cx);
        }
    });
}

/// A line of a card with Find's highlights.
fn found_ui(ui: &mut Ui, cx: &Cx<'_>, item: usize, part: usize, text: &str, look: &Look) {
    let hl = cx.find.highlights(item, part);
    let _ = rich::show(
        ui,
        rich::build(
            ui,
            &meetpack_core::model::Text::plain(text.to_string()),
            look,
            &hl,
        ),
    );
}

fn card(ui: &mut Ui, fill: Color32, add: impl FnOnce(&mut Ui)) {
    gutter_ui(ui, None, 0.0, |ui| {
        egui::Frame::new()
            .fill(fill)
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .corner_radius(6.0)
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                add(ui);
            });
    });
}

pub fn meta_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: usize) {
    let meta = &cx.pack.meta;
    let fill = ui.visuals().faint_bg_color;
    let lines = shown::meta_lines(meta);
    card(ui, fill, |ui| {
        for (p, line) in lines.iter().enumerate() {
            // The committee is the card's heading; the date and time stand out.
            let look = match (p, meta.committee.is_some()) {
                (0, true) => Look::heading(ui, 1),
                (0, false) | (1, true) => Look::body(ui).strong(ui),
                _ => Look::body(ui),
            };
            found_ui(ui, cx, item, p, line, &look);
        }
    });
}

pub fn agenda_item_ui(ui: &mut Ui, cx: &mut Cx<'_>, index: usize, item: usize) {
    let pack = cx.pack;
    let Some(agenda) = pack.agenda.get(index) else {
        return;
    };
    let previous_section = index
        .checked_sub(1)
        .and_then(|i| pack.agenda.get(i))
        .and_then(|a| a.section.as_deref());
    if let Some(section) = agenda.section.as_deref()
        && previous_section != Some(section)
    {
        gutter_ui(ui, None, 0.0, |ui| {
            ui.label(RichText::new(section).strong().weak());
        });
    }
    let number = agenda.number.clone();
    gutter_ui(ui, Some(&number), 0.0, |ui| {
        ui.horizontal_wrapped(|ui| {
            // Link-coloured when there is a paper to open, so the sheet reads as a menu.
            let color = if agenda.documents.is_empty() {
                ui.visuals().strong_text_color()
            } else {
                ui.visuals().hyperlink_color
            };
            let title = RichText::new(&agenda.title)
                .size(ui.text_style_height(&egui::TextStyle::Body) * 1.1)
                .color(color);
            let hint = if agenda.documents.is_empty() {
                "No paper for this item"
            } else {
                "Open this item's paper"
            };
            if ui.link(title).on_hover_text(hint).clicked() {
                cx.out.push(Command::OpenAgendaItem(index));
            }
            if let Some((a, b)) = agenda.pages {
                ui.label(RichText::new(format!("pages {a}–{b}")).weak());
            }
        });
        for (k, sub) in agenda.sub_items.iter().enumerate() {
            ui.horizontal_top(|ui| {
                ui.label(RichText::new(&sub.marker).weak());
                let look = Look::body(ui);
                text_ui(ui, cx, &sub.text, &look, item, shown::AGENDA_SUB + k);
            });
        }
        if let Some(p) = &agenda.presenter {
            ui.label(RichText::new(p).italics().weak());
        }
        if let Some(d) = &agenda.description {
            rich::show_plain(ui, d, &Look::body(ui));
        }
        papers_ui(ui, cx, agenda);
        let extras = cx.extras;
        extras.agenda_card_ui(ui, cx, index, false);
    });
}

/// Links to each paper of an item, when there is more than one (one paper is the title).
fn papers_ui(ui: &mut Ui, cx: &mut Cx<'_>, agenda: &AgendaItem) {
    if agenda.documents.len() < 2 {
        return;
    }
    for id in &agenda.documents {
        let Some(doc) = cx.pack.document(*id) else {
            continue;
        };
        let label = format!("• {}", meetpack_core::views::shown::doc_label(doc));
        if ui.link(label).clicked() {
            cx.out.push(Command::Go(Location::top(*id)));
        }
    }
}

pub fn note_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: usize) {
    let Some(note) = &cx.doc.note else {
        return;
    };
    let fill = ui.visuals().faint_bg_color;
    let rows = shown::note_rows(note);
    card(ui, fill, |ui| {
        egui::Grid::new("note-header")
            .num_columns(2)
            .spacing(vec2(14.0, 6.0))
            .show(ui, |ui| {
                // Parts count labels and values in order, as `shown::item_texts` does.
                let mut next = 0;
                for (label, values) in &rows {
                    ui.label(RichText::new(*label).weak());
                    let first = next + 1;
                    next = first + values.len();
                    ui.vertical(|ui| {
                        for (part, v) in (first..).zip(values) {
                            if *label == "Contacts" {
                                contact_ui(ui, v, cx.out);
                            } else {
                                let look = if values.len() == 1 {
                                    Look::body(ui).strong(ui)
                                } else {
                                    Look::body(ui)
                                };
                                found_ui(ui, cx, item, part, v, &look);
                            }
                        }
                    });
                    ui.end_row();
                }
            });
    });
}

/// An e-mail address as a mailto link (opened only on click); a phone number as text.
fn contact_ui(ui: &mut Ui, c: &str, out: &mut Vec<Command>) {
    if c.contains('@') && !c.contains(' ') {
        if ui.link(c).on_hover_text(format!("mailto:{c}")).clicked() {
            out.push(Command::OpenUrl(format!("mailto:{c}")));
        }
    } else {
        ui.label(c);
    }
}

pub fn asks_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: usize) {
    let Some(note) = &cx.doc.note else {
        return;
    };
    let accent = ui.visuals().hyperlink_color;
    let fill = accent.gamma_multiply(0.12);
    card(ui, fill, |ui| {
        ui.label(
            RichText::new("What the board is asked to do")
                .color(accent)
                .strong()
                .size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
        );
        ui.add_space(4.0);
        for (p, rec) in note.recommendations.iter().enumerate() {
            ui.horizontal_top(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(24.0, 16.0), egui::Sense::hover());
                ui.painter().text(
                    rect.right_top(),
                    egui::Align2::RIGHT_TOP,
                    format!("{}.", p + 1),
                    egui::TextStyle::Body.resolve(ui.style()),
                    accent,
                );
                let hl = cx.find.highlights(item, p);
                let look = Look::body(ui);
                let _ = rich::show(
                    ui,
                    rich::build(
                        ui,
                        &meetpack_core::model::Text::plain(rec.clone()),
                        &look,
                        &hl,
                    ),
                );
            });
        }
    });
}

pub fn attendance_ui(ui: &mut Ui, cx: &mut Cx<'_>, item: usize) {
    let Some(m) = &cx.doc.minutes else {
        return;
    };
    let fill = ui.visuals().faint_bg_color;
    let groups = shown::attendance_groups(m);
    card(ui, fill, |ui| {
        ui.label(
            RichText::new("Attendance")
                .strong()
                .size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
        );
        // Parts count headings and entries in order, as `shown::item_texts` does.
        let mut first_part = Vec::with_capacity(groups.len());
        let mut part = 0;
        for (_, entries) in &groups {
            first_part.push(part);
            part += 1 + entries.len();
        }
        ui.columns(2.min(groups.len().max(1)), |cols| {
            for (g, (label, entries)) in groups.iter().enumerate() {
                let ui = &mut cols[g % cols.len()];
                let part = first_part.get(g).copied().unwrap_or(0);
                group_ui(ui, cx, item, part, label, entries);
            }
        });
    });
}

fn group_ui(ui: &mut Ui, cx: &Cx<'_>, item: usize, part: usize, label: &str, entries: &[String]) {
    ui.add_space(4.0);
    let strong = Look::body(ui).strong(ui);
    found_ui(ui, cx, item, part, label, &strong);
    for (k, e) in entries.iter().enumerate() {
        ui.horizontal_top(|ui| {
            ui.add_space(GUTTER / 4.0);
            ui.label("•");
            found_ui(ui, cx, item, part + 1 + k, e, &Look::body(ui));
        });
    }
}
