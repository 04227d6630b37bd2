//! The Decisions window (View › Decisions, or the toolbar): for each agenda item, what its
//! papers ask beside what the minutes decided, each a link to its place; "Save CSV…"
//! writes the same rows as `meetpack decisions --csv`.

use egui::{RichText, Ui};

use crate::Command;
use crate::navigation::jump::location_of_line;
use crate::packtools::Tool;
use meetpack_core::model::Pack;
use meetpack_core::views::decisions::{DecisionsView, Entry};

#[derive(Default)]
pub struct DecisionsPanel {
    pub visible: bool,
    /// Built when first shown after a load.
    view: Option<DecisionsView>,
}

impl DecisionsPanel {
    pub fn show(&mut self) {
        self.visible = true;
    }

    pub fn reset(&mut self) {
        self.view = None;
    }

    /// The view of this pack (built once).
    pub fn view(&mut self, pack: &Pack) -> &DecisionsView {
        self.view.get_or_insert_with(|| DecisionsView::of(pack))
    }

    pub fn ui(&mut self, ctx: &egui::Context, pack: &Pack, out: &mut Vec<Command>) {
        let mut open = self.visible;
        let view = self.view(pack);
        egui::Window::new("Decisions")
            .open(&mut open)
            .default_size([760.0, 560.0])
            .resizable(true)
            .show(ctx, |ui| view_ui(ui, pack, view, out));
        if !open {
            out.push(Command::Tool(Tool::CloseDecisions));
        }
    }
}

fn view_ui(ui: &mut Ui, pack: &Pack, view: &DecisionsView, out: &mut Vec<Command>) {
    let (asks, decisions) = view.counts();
    ui.horizontal(|ui| {
        ui.label(format!("{asks} asks, {decisions} decisions"));
        if ui
            .add_enabled(!view.is_empty(), egui::Button::new("Save CSV…"))
            .on_hover_text("Save every ask and decision as CSV, one row each")
            .clicked()
        {
            out.push(Command::Tool(Tool::SaveDecisionsCsv));
        }
    });
    ui.separator();
    if view.is_empty() {
        ui.label("No paper of this pack asks for a decision, and no decision is recorded.");
        return;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (g, group) in view.groups.iter().enumerate() {
                let title = match &group.agenda_item {
                    Some(n) => format!("Item {n} {}", group.title),
                    None => group.title.clone(),
                };
                ui.add_space(6.0);
                ui.label(
                    RichText::new(title)
                        .strong()
                        .size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
                );
                ui.columns(2, |cols| {
                    side_ui(&mut cols[0], pack, "Asked", &group.asks, out, g);
                    side_ui(&mut cols[1], pack, "Decided", &group.decisions, out, g);
                });
                ui.separator();
            }
        });
}

fn side_ui(
    ui: &mut Ui,
    pack: &Pack,
    label: &str,
    entries: &[Entry],
    out: &mut Vec<Command>,
    group: usize,
) {
    ui.push_id((label, group), |ui| {
        ui.label(RichText::new(label).weak());
        if entries.is_empty() {
            ui.label(RichText::new("—").weak());
        }
        let mut minute: Option<(&str, &str)> = None;
        for entry in entries {
            // Decisions of several minutes under one item: each minute named once (by
            // number and title: minutes may repeat a number).
            let this = entry.minute.as_deref().zip(entry.minute_title.as_deref());
            if this != minute
                && let Some((n, title)) = this
            {
                ui.label(
                    RichText::new(format!("Minute {n} {title}"))
                        .small()
                        .strong(),
                );
            }
            minute = this;
            let mut text = match &entry.number {
                Some(n) => format!("{n}. {}", entry.text),
                None => entry.text.clone(),
            };
            if let Some(outcome) = &entry.outcome {
                text.push_str(&format!(" [{outcome}]"));
            }
            let response = ui
                .add(egui::Button::new(text).frame(false).wrap())
                .on_hover_text(format!("{} · {}", entry.document_title, entry.lines));
            if response.clicked() {
                out.push(Command::Go(location_of_line(
                    pack,
                    entry.doc,
                    entry.lines.first(),
                )));
            }
        }
    });
}
