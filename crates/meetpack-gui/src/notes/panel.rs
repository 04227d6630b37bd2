//! The Notes panel: every note in reading order with its place and the words it is on; a
//! click goes there, Edit changes its text in place, Delete removes it.

use egui::{Key, RichText, Ui, vec2};

use crate::Command;
use crate::notes::{Editing, NoteCommand, Notes, kind_color, short};
use meetpack_core::model::Pack;
use meetpack_core::notes::{NoteKind, ResolvedNote};

impl Notes {
    /// The Notes panel's contents (beside the reader, or over it when the panel yielded,
    /// see `shell::layout`): notes in reading order; those of another pack of the meeting,
    /// and detached ones, each in their own group.
    pub fn contents_ui(&mut self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("Notes");
            ui.label(RichText::new(format!("{}", self.resolved.len())).weak());
        });
        if let Some(err) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, err);
        }
        if self.resolved.is_empty() {
            ui.label(
                "No notes yet. Select words or right-click a paragraph to add a note, a \
                 highlight or a bookmark; Ctrl+Shift+N notes the selection or the passage \
                 you clicked, Ctrl+Shift+H highlights it, Ctrl+D bookmarks it.",
            );
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| self.list_ui(ui, pack, out));
    }

    fn list_ui(&mut self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        let Self {
            resolved,
            editing,
            scroll_to,
            ..
        } = self;
        let mut note = |ui: &mut Ui, r: &ResolvedNote| {
            let rect = note_ui(ui, pack, r, editing, out);
            if scroll_to.as_deref() == Some(r.note.id.as_str()) {
                // A note just added is brought into view, wherever it falls in the list.
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
                *scroll_to = None;
            }
        };
        for r in resolved.iter().filter(|r| r.place.is_some()) {
            note(ui, r);
        }
        let groups = [
            (
                "In another pack of this meeting",
                "Made in another pack of this meeting (a supplement, the minutes), whose \
                 passage this one does not have; the text they were on is quoted.",
                resolved
                    .iter()
                    .filter(|r| r.in_other_pack().is_some())
                    .collect::<Vec<_>>(),
            ),
            (
                "Detached",
                "Their passage is no longer in this pack; the text they were on is quoted.",
                resolved.iter().filter(|r| r.detached()).collect(),
            ),
        ];
        for (heading, why, group) in groups {
            if group.is_empty() {
                continue;
            }
            ui.add_space(8.0);
            ui.separator();
            ui.label(RichText::new(heading).strong());
            ui.label(RichText::new(why).weak().small());
            for r in group {
                note(ui, r);
            }
        }
    }
}

/// One note in the list: its title (a link to its passage), where it is, the words it is
/// on, and Edit and Delete, or the field its text is edited in. Returns where it was drawn.
fn note_ui(
    ui: &mut Ui,
    pack: &Pack,
    r: &ResolvedNote,
    editing: &mut Option<Editing>,
    out: &mut Vec<Command>,
) -> egui::Rect {
    ui.add_space(6.0);
    let row = ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(6.0, 18.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, kind_color(r.note.kind, ui.visuals()));
        ui.vertical(|ui| {
            let title = if r.note.text.trim().is_empty() {
                format!(
                    "{}: {}",
                    r.note.kind.label(),
                    short(&r.note.anchor.quote, 60)
                )
            } else {
                r.note.text.clone()
            };
            if r.place.is_none() {
                ui.label(RichText::new(title).strong());
            } else {
                let link = ui
                    .add(egui::Button::new(RichText::new(title).strong()).frame(false))
                    .on_hover_text("Go to the passage");
                if link.clicked() {
                    out.push(Command::Notes(NoteCommand::Go(r.note.id.clone())));
                }
            }
            ui.label(RichText::new(where_label(pack, r)).weak().small());
            ui.label(RichText::new(format!("“{}”", short(&r.note.anchor.quote, 160))).italics());
            match editing.as_mut().filter(|e| e.id == r.note.id) {
                Some(editing) => edit_ui(ui, r.note.kind, editing, out),
                None => actions_ui(ui, r, out),
            }
        });
    });
    row.response.rect
}

fn actions_ui(ui: &mut Ui, r: &ResolvedNote, out: &mut Vec<Command>) {
    let what = r.note.kind.as_str();
    ui.horizontal(|ui| {
        if ui
            .small_button("Edit")
            .on_hover_text(format!("Change the text of this {what}"))
            .clicked()
        {
            out.push(Command::Notes(NoteCommand::Edit(r.note.id.clone())));
        }
        if ui
            .small_button("Delete")
            .on_hover_text(format!("Delete this {what}"))
            .clicked()
        {
            out.push(Command::Notes(NoteCommand::Delete(r.note.id.clone())));
        }
    });
}

/// The note's text in a field, with Save and Cancel (Ctrl+Enter saves, Escape cancels). A
/// note keeps some text; a highlight's or bookmark's may be emptied.
fn edit_ui(ui: &mut Ui, kind: NoteKind, editing: &mut Editing, out: &mut Vec<Command>) {
    let label = ui.label("Edit the text");
    let field = egui::TextEdit::multiline(&mut editing.text)
        .desired_rows(3)
        .desired_width(f32::INFINITY);
    let response = ui.add(field).labelled_by(label.id);
    if editing.focus {
        response.request_focus();
        editing.focus = false;
    }
    let ready = kind != NoteKind::Note || !editing.text.trim().is_empty();
    let (ctrl_enter, escape) = ui.input(|i| {
        (
            i.modifiers.command && i.key_pressed(Key::Enter),
            i.key_pressed(Key::Escape),
        )
    });
    ui.horizontal(|ui| {
        let save = ui.add_enabled(ready, egui::Button::new("Save"));
        if save.clicked() || (ready && ctrl_enter && response.has_focus()) {
            out.push(Command::Notes(NoteCommand::SaveEdit));
        }
        if ui.button("Cancel").clicked()
            || (escape && (response.has_focus() || response.lost_focus()))
        {
            out.push(Command::Notes(NoteCommand::CancelEdit));
        }
    });
}

/// "Item 4 · Family Valued Programme · page 11" ("line 212" in a text pack), or the other
/// pack a note is in, or where
/// a detached note was.
fn where_label(pack: &Pack, r: &ResolvedNote) -> String {
    if let Some(other) = r.in_other_pack() {
        return format!(
            "{} · in another pack of this meeting: {} · line {} there",
            r.note.kind.label(),
            other,
            r.note.anchor.line
        );
    }
    let Some(place) = &r.place else {
        return format!(
            "{} · was at line {}",
            r.note.kind.label(),
            r.note.anchor.line
        );
    };
    let doc = pack.document(place.doc);
    let item = doc
        .and_then(|d| d.agenda_item.as_deref())
        .map(|n| format!("Item {n} · "))
        .unwrap_or_default();
    let title = doc.map(|d| short(&d.title, 50)).unwrap_or_default();
    let edited = if place.exact { "" } else { " (edited since)" };
    let at = meetpack_core::views::place::place_name(&pack.source, place.lines);
    format!("{} · {item}{title} · {at}{edited}", r.note.kind.label())
}
