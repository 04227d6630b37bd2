//! The People window (Library › People): everyone the library's minutes name, with a
//! filter box and a committee filter, and a person's page: meetings attended, apologies
//! sent, roles over time, attendance rate per committee and declarations of interest.
//! The list arrives from the library's worker; filtering it is a pass over a few hundred
//! names, done when the filter changes, not every frame.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::Command;
use crate::library::AnswerCommand;
use meetpack_core::library::Person;

#[derive(Default)]
pub struct PeoplePanel {
    pub visible: bool,
    state: Data,
    filter: String,
    /// A committee name, or empty for all.
    committee: String,
    /// Indices into the list that pass the filters (kept until a filter changes).
    shown: Option<Vec<usize>>,
    selected: Option<usize>,
    /// Every committee named in the list, for the committee filter.
    committees: Vec<String>,
}

#[derive(Default)]
enum Data {
    #[default]
    None,
    Asked,
    Ready(Vec<Person>),
    Failed(String),
}

impl PeoplePanel {
    pub fn asked(&mut self) {
        self.state = Data::Asked;
    }

    pub fn no_library(&mut self) {
        self.state =
            Data::Failed("There is no library: MeetPack found no folder for its index.".into());
    }

    pub fn arrived(&mut self, people: Result<Vec<Person>, String>) {
        self.state = match people {
            Ok(p) => {
                let mut committees: Vec<String> = p
                    .iter()
                    .flat_map(|x| x.meetings.iter().filter_map(|m| m.committee.clone()))
                    .collect();
                committees.sort();
                committees.dedup();
                self.committees = committees;
                Data::Ready(p)
            }
            Err(e) => Data::Failed(e),
        };
        self.shown = None;
        self.selected = None;
    }

    pub fn people(&self) -> Option<&[Person]> {
        match &self.state {
            Data::Ready(p) => Some(p),
            _ => None,
        }
    }

    fn refilter(&mut self) {
        let Data::Ready(people) = &self.state else {
            return;
        };
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let shown = people
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                let names = std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(|n| n.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                words.iter().all(|w| names.contains(w.as_str()))
                    && (self.committee.is_empty()
                        || p.meetings
                            .iter()
                            .any(|m| m.committee.as_deref() == Some(self.committee.as_str())))
            })
            .map(|(i, _)| i)
            .collect();
        self.shown = Some(shown);
    }

    pub fn ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if !self.visible {
            return;
        }
        if self.shown.is_none() {
            self.refilter();
        }
        let mut open = true;
        egui::Window::new("People")
            .open(&mut open)
            .default_size([820.0, 560.0])
            .resizable(true)
            .show(ctx, |ui| self.window_ui(ui, out));
        if !open {
            out.push(Command::Answers(AnswerCommand::ClosePeople));
        }
    }

    fn window_ui(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        let people = match &self.state {
            Data::None | Data::Asked => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the people of every set of minutes in your library…");
                });
                return;
            }
            Data::Failed(e) => {
                ui.label(format!("The library could not answer: {e}"));
                return;
            }
            Data::Ready(p) => p,
        };
        if people.is_empty() {
            ui.label(
                "No minutes in your library name anyone yet. Add the folders of your packs \
                 to the library (meetpack library add DIR).",
            );
            return;
        }
        let mut changed = false;
        ui.horizontal(|ui| {
            let label = ui.label("Name:");
            changed |= ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("part of a name")
                        .desired_width(180.0),
                )
                .labelled_by(label.id)
                .changed();
            let current = if self.committee.is_empty() {
                "All committees".to_string()
            } else {
                self.committee.clone()
            };
            egui::ComboBox::new("people-committee", "Committee")
                .selected_text(current)
                .width(300.0)
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut self.committee, String::new(), "All committees")
                        .changed();
                    for c in &self.committees {
                        changed |= ui
                            .selectable_value(&mut self.committee, c.clone(), c)
                            .changed();
                    }
                });
        });
        let shown = self.shown.clone().unwrap_or_default();
        ui.label(RichText::new(format!("{} of {} people", shown.len(), people.len())).weak());
        ui.separator();
        let mut selected = self.selected;
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("people-list")
                .auto_shrink([false, false])
                .show_rows(&mut cols[0], 20.0, shown.len(), |ui, rows| {
                    for &i in &shown[rows] {
                        let p = &people[i];
                        let label = match p.meetings.len() {
                            1 => format!("{}  (1 meeting)", p.name),
                            n => format!("{}  ({n} meetings)", p.name),
                        };
                        if ui.selectable_label(selected == Some(i), label).clicked() {
                            selected = Some(i);
                        }
                    }
                });
            egui::ScrollArea::vertical()
                .id_salt("person-page")
                .auto_shrink([false, false])
                .show(&mut cols[1], |ui| {
                    match selected.and_then(|i| people.get(i)) {
                        Some(p) => person_ui(ui, p, out),
                        None => {
                            ui.label(RichText::new("Choose a person to see their page.").weak());
                        }
                    }
                });
        });
        self.selected = selected;
        if changed {
            self.shown = None;
        }
    }
}

fn date(d: Option<&str>) -> String {
    d.unwrap_or("undated").to_string()
}

/// A person's page.
fn person_ui(ui: &mut Ui, p: &Person, out: &mut Vec<Command>) {
    ui.heading(&p.name);
    if !p.aliases.is_empty() {
        ui.label(RichText::new(format!("Also written: {}", p.aliases.join("; "))).weak());
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Attendance by committee").strong());
    if p.attendance.is_empty() {
        ui.label(RichText::new("Not a member of any committee in these minutes.").weak());
    }
    // Wrapped lines rather than grids: a long committee name wraps in the column instead
    // of widening the window.
    for r in &p.attendance {
        ui.add(
            egui::Label::new(format!(
                "{}: attended {} of {} ({:.0}%)",
                r.committee.as_deref().unwrap_or("committee not named"),
                r.attended,
                r.attended + r.apologies,
                r.rate * 100.0
            ))
            .wrap(),
        );
    }
    let attended: Vec<_> = p
        .meetings
        .iter()
        .filter(|m| m.role != "apologies")
        .collect();
    let apologies: Vec<_> = p
        .meetings
        .iter()
        .filter(|m| m.role == "apologies")
        .collect();
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Meetings attended ({})", attended.len())).strong());
    for m in &attended {
        // The role that day: roles over time read down the list.
        ui.horizontal_wrapped(|ui| {
            ui.label(date(m.date.as_deref()));
            ui.label(RichText::new(&m.role).italics());
            ui.label(m.committee.as_deref().unwrap_or(""));
        });
    }
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Apologies sent ({})", apologies.len())).strong());
    for m in &apologies {
        ui.label(format!(
            "{}  {}",
            date(m.date.as_deref()),
            m.committee.as_deref().unwrap_or("")
        ));
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "Declarations of interest ({})",
            p.declarations.len()
        ))
        .strong(),
    );
    if p.declarations.is_empty() {
        ui.label(RichText::new("None recorded in these minutes.").weak());
    }
    for d in &p.declarations {
        ui.label(
            RichText::new(format!(
                "{}  {}",
                date(d.date.as_deref()),
                d.committee.as_deref().unwrap_or("")
            ))
            .small()
            .weak(),
        );
        if ui
            .add(egui::Button::new(&d.text).frame(false).wrap())
            .on_hover_text("Open the minutes here")
            .clicked()
        {
            out.push(Command::Answers(AnswerCommand::OpenAt {
                file: PathBuf::from(&d.file),
                doc: None,
                line: Some(d.lines[0]),
            }));
        }
    }
}
