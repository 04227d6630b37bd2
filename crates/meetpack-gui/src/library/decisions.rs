//! Decisions across meetings (Library › Decisions across meetings): every decision in the
//! library's minutes and decision notices, filtered by committee and dates, grouped by
//! meeting; a click opens the pack at the decision; Save CSV… writes the same columns as
//! `meetpack library decisions --csv`. The filters are the library's own (`Filter`), so a
//! date that is not YYYY-MM-DD gets the library's message.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::Command;
use crate::library::AnswerCommand;
use meetpack_core::library::{DecisionRow, Filter};

#[derive(Default)]
pub struct LibraryDecisions {
    pub visible: bool,
    committee: String,
    since: String,
    until: String,
    state: Data,
}

#[derive(Default)]
enum Data {
    #[default]
    None,
    Asked,
    Ready(Vec<DecisionRow>),
    Failed(String),
}

impl LibraryDecisions {
    /// The filters as the library takes them; a date must be YYYY-MM-DD.
    pub fn filter(&self) -> Result<Filter, String> {
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        for d in [&self.since, &self.until] {
            let d = d.trim();
            if !d.is_empty() && !meetpack_core::parse::dates::is_iso_date(d) {
                return Err(format!("'{d}' is not a date: write it as YYYY-MM-DD"));
            }
        }
        Ok(Filter {
            committee: opt(&self.committee),
            since: opt(&self.since),
            until: opt(&self.until),
            kind: None,
        })
    }

    pub fn asked(&mut self) {
        self.state = Data::Asked;
    }

    pub fn arrived(&mut self, rows: Result<Vec<DecisionRow>, String>) {
        self.state = match rows {
            Ok(r) => Data::Ready(r),
            Err(e) => Data::Failed(e),
        };
    }

    pub fn rows(&self) -> Option<&[DecisionRow]> {
        match &self.state {
            Data::Ready(r) => Some(r),
            _ => None,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if !self.visible {
            return;
        }
        let mut open = true;
        egui::Window::new("Decisions across meetings")
            .open(&mut open)
            .default_size([820.0, 600.0])
            .resizable(true)
            .show(ctx, |ui| self.window_ui(ui, out));
        if !open {
            out.push(Command::Answers(AnswerCommand::CloseDecisions));
        }
    }

    fn window_ui(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let mut apply = false;
        ui.horizontal_wrapped(|ui| {
            ui.label("Committee:");
            apply |= field(ui, &mut self.committee, "part of its name", 200.0);
            ui.label("From:");
            apply |= field(ui, &mut self.since, "YYYY-MM-DD", 96.0);
            ui.label("to:");
            apply |= field(ui, &mut self.until, "YYYY-MM-DD", 96.0);
            apply |= ui.button("Apply").clicked();
            let has_rows = self.rows().is_some_and(|r| !r.is_empty());
            if ui
                .add_enabled(has_rows, egui::Button::new("Save CSV…"))
                .on_hover_text("Save these decisions as CSV, one row each")
                .clicked()
            {
                out.push(Command::Answers(AnswerCommand::SaveDecisionsCsv));
            }
        });
        if apply {
            out.push(Command::Answers(AnswerCommand::RefreshDecisions));
        }
        ui.separator();
        let rows = match &self.state {
            Data::None | Data::Asked => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the decisions in your library…");
                });
                return;
            }
            Data::Failed(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
            Data::Ready(rows) => rows,
        };
        let meetings = groups(rows);
        ui.label(
            RichText::new(format!(
                "{} decisions of {} meetings",
                rows.len(),
                meetings.len()
            ))
            .weak(),
        );
        if rows.is_empty() {
            ui.label("No decision in your library matches these filters.");
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Newest meeting first, as the library's home screen lists them.
                for (g, range) in meetings.iter().enumerate().rev() {
                    let first = &rows[range.start];
                    let date = first
                        .date
                        .as_deref()
                        .map(meetpack_core::parse::dates::long_date)
                        .unwrap_or_else(|| "Undated".into());
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{date} — {}",
                            first.committee.as_deref().unwrap_or("committee not named")
                        ))
                        .strong(),
                    );
                    ui.push_id(g, |ui| {
                        let mut minute: Option<(&str, &str)> = None;
                        for r in &rows[range.clone()] {
                            let this = r.minute.as_deref().zip(r.minute_title.as_deref());
                            if this != minute
                                && let Some((n, t)) = this
                            {
                                ui.label(RichText::new(format!("Minute {n} {t}")).small().weak());
                            }
                            minute = this;
                            decision_ui(ui, r, out);
                        }
                    });
                    ui.separator();
                }
            });
    }
}

fn field(ui: &mut Ui, text: &mut String, hint: &str, width: f32) -> bool {
    let r = ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    );
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

fn decision_ui(ui: &mut Ui, r: &DecisionRow, out: &mut Vec<Command>) {
    let mut text = match &r.number {
        Some(n) => format!("{n}. {}", r.text),
        None => r.text.clone(),
    };
    if let Some(o) = &r.outcome {
        text.push_str(&format!(" [{o}]"));
    }
    let mut hover = format!("{} · lines {}–{}", r.file, r.lines[0], r.lines[1]);
    if !r.also_in.is_empty() {
        hover.push_str(&format!("\nalso in {}", r.also_in.join(", ")));
    }
    if ui
        .add(egui::Button::new(text).frame(false).wrap())
        .on_hover_text(hover)
        .clicked()
    {
        out.push(Command::Answers(AnswerCommand::OpenAt {
            file: PathBuf::from(&r.file),
            doc: None,
            line: Some(r.lines[0]),
        }));
    }
}

/// Runs of rows of one meeting (the library lists them by date, then committee).
fn groups(rows: &[DecisionRow]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        match out.last_mut() {
            Some(g) if rows[g.start].date == r.date && rows[g.start].committee == r.committee => {
                g.end = i + 1
            }
            _ => out.push(i..i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_before_asking() {
        let mut d = LibraryDecisions {
            since: "1 March 2022".into(),
            ..Default::default()
        };
        assert!(d.filter().unwrap_err().contains("YYYY-MM-DD"));
        d.since = "2022-03-01".into();
        d.committee = " scrutiny ".into();
        let f = d.filter().unwrap();
        assert_eq!(f.since.as_deref(), Some("2022-03-01"));
        assert_eq!(f.committee.as_deref(), Some("scrutiny"));
        assert!(f.until.is_none());
        d.until = "2023-02-31".into();
        assert!(d.filter().unwrap_err().contains("2023-02-31"));
    }
}
