//! The Compare window: two documents of the library paragraph by paragraph. Added
//! paragraphs in green, removed ones in red and struck through, changed ones with both
//! versions and the changed words marked; a run of unchanged paragraphs is one line with
//! its count (click to show them). The word differences are worked out on the library's
//! worker when the comparison is made ([`prepare`]), not while drawing.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat, Ui};

use crate::Command;
use crate::library::AnswerCommand;
use meetpack_core::library::{Compare, CompareDoc};

/// A piece of a paragraph: its text and whether it differs from the other version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A run of paragraphs the two documents share, with their texts (shown on demand).
    Same(Vec<String>),
    Added(String),
    Removed(String),
    Changed {
        old: Vec<Piece>,
        new: Vec<Piece>,
    },
}

/// A comparison ready to draw.
pub struct Prepared {
    pub compare: Compare,
    pub rows: Vec<Row>,
}

/// Groups unchanged paragraphs into runs and marks the changed words of changed ones.
pub fn prepare(compare: Compare) -> Prepared {
    let mut rows: Vec<Row> = Vec::new();
    for p in &compare.paragraphs {
        let old = p.old.clone().unwrap_or_default();
        let new = p.new.clone().unwrap_or_default();
        match p.change {
            "same" => match rows.last_mut() {
                Some(Row::Same(run)) => run.push(new),
                _ => rows.push(Row::Same(vec![new])),
            },
            "added" => rows.push(Row::Added(new)),
            "removed" => rows.push(Row::Removed(old)),
            _ => {
                let (o, n) = word_changes(&old, &new);
                rows.push(Row::Changed { old: o, new: n });
            }
        }
    }
    Prepared { compare, rows }
}

/// The two versions of a paragraph, each cut into runs of kept and changed words.
fn word_changes(old: &str, new: &str) -> (Vec<Piece>, Vec<Piece>) {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let (mut o, mut n): (Vec<Piece>, Vec<Piece>) = (Vec::new(), Vec::new());
    let push = |v: &mut Vec<Piece>, text: &str, changed: bool| match v.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => v.push(Piece {
            text: text.to_string(),
            changed,
        }),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut o, text, false);
                push(&mut n, text, false);
            }
            ChangeTag::Delete => push(&mut o, text, true),
            ChangeTag::Insert => push(&mut n, text, true),
        }
    }
    (o, n)
}

#[derive(Default)]
pub struct CompareView {
    pub visible: bool,
    /// What was asked ("A" and "B" as given), shown while the answer is coming.
    asked: Option<(String, String)>,
    result: Option<Result<Prepared, String>>,
    /// Runs of unchanged paragraphs the user opened.
    opened: std::collections::HashSet<usize>,
}

impl CompareView {
    pub fn asked(&mut self, a: &str, b: &str) {
        self.visible = true;
        self.asked = Some((a.to_string(), b.to_string()));
        self.result = None;
        self.opened.clear();
    }

    pub fn arrived(&mut self, result: Result<Prepared, String>) {
        self.result = Some(result);
    }

    pub fn result(&self) -> Option<&Compare> {
        match &self.result {
            Some(Ok(p)) => Some(&p.compare),
            _ => None,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if !self.visible {
            return;
        }
        let mut open = true;
        egui::Window::new("Compare")
            .open(&mut open)
            .default_size([860.0, 620.0])
            .resizable(true)
            .show(ctx, |ui| self.window_ui(ui));
        if !open {
            out.push(Command::Answers(AnswerCommand::CloseCompare));
        }
    }

    fn window_ui(&mut self, ui: &mut Ui) {
        let prepared = match &self.result {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Comparing…");
                });
                if let Some((a, b)) = &self.asked {
                    ui.label(RichText::new(format!("{a}\n{b}")).small().weak());
                }
                return;
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, format!("Cannot compare: {e}"));
                return;
            }
            Some(Ok(p)) => p,
        };
        let cmp = &prepared.compare;
        doc_ui(ui, "Earlier", &cmp.a);
        doc_ui(ui, "Later", &cmp.b);
        let count = |k: &str| cmp.paragraphs.iter().filter(|p| p.change == k).count();
        let (added, removed, changed) = (count("added"), count("removed"), count("changed"));
        let summary = if added + removed + changed == 0 {
            format!(
                "No changes: the same {} paragraphs ({:.0}% alike).",
                cmp.paragraphs.len(),
                cmp.similarity * 100.0
            )
        } else {
            format!(
                "{added} added, {removed} removed, {changed} changed, {} unchanged ({:.0}% alike)",
                count("same"),
                cmp.similarity * 100.0
            )
        };
        ui.label(RichText::new(summary).strong());
        ui.separator();
        let (green, red) = colours(ui);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, row) in prepared.rows.iter().enumerate() {
                    match row {
                        Row::Same(run) => {
                            let is_open = self.opened.contains(&i);
                            let label = match (run.len(), is_open) {
                                (1, false) => "⏵ 1 unchanged paragraph".to_string(),
                                (n, false) => format!("⏵ {n} unchanged paragraphs"),
                                (_, true) => "⏷ unchanged".to_string(),
                            };
                            if ui
                                .add(egui::Button::new(RichText::new(label).weak()).frame(false))
                                .clicked()
                                && !self.opened.remove(&i)
                            {
                                self.opened.insert(i);
                            }
                            if is_open {
                                for p in run {
                                    ui.add(egui::Label::new(RichText::new(p).weak()).wrap());
                                }
                            }
                        }
                        Row::Added(t) => {
                            band(ui, green, |ui| {
                                ui.add(
                                    egui::Label::new(RichText::new(format!("+ {t}")).color(green))
                                        .wrap(),
                                );
                            });
                        }
                        Row::Removed(t) => {
                            band(ui, red, |ui| {
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!("− {t}")).color(red).strikethrough(),
                                    )
                                    .wrap(),
                                );
                            });
                        }
                        Row::Changed { old, new } => {
                            band(ui, ui.visuals().warn_fg_color, |ui| {
                                ui.label(RichText::new("changed").small().weak());
                                pieces_ui(ui, old, red, true);
                                pieces_ui(ui, new, green, false);
                            });
                        }
                    }
                }
            });
    }
}

fn colours(ui: &Ui) -> (Color32, Color32) {
    if ui.visuals().dark_mode {
        (
            Color32::from_rgb(120, 210, 140),
            Color32::from_rgb(240, 120, 120),
        )
    } else {
        (
            Color32::from_rgb(20, 120, 50),
            Color32::from_rgb(180, 30, 30),
        )
    }
}

fn doc_ui(ui: &mut Ui, label: &str, d: &CompareDoc) {
    let date = d
        .meeting_date
        .as_deref()
        .map(meetpack_core::parse::dates::long_date)
        .unwrap_or_else(|| "undated".into());
    ui.label(format!("{label}: {} ({date})", d.document))
        .on_hover_text(format!("{}#{}", d.file, d.document_id));
}

/// A paragraph set apart by a coloured bar on its left.
fn band(ui: &mut Ui, colour: Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::new()
        .fill(colour.gamma_multiply(0.08))
        .stroke(egui::Stroke::new(1.0, colour.gamma_multiply(0.5)))
        .corner_radius(3.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
    ui.add_space(2.0);
}

/// One version of a changed paragraph: its changed words coloured (and struck, for the
/// old version).
fn pieces_ui(ui: &mut Ui, pieces: &[Piece], colour: Color32, old: bool) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: ui.available_width(),
            ..Default::default()
        },
        ..Default::default()
    };
    job.append(
        if old { "− " } else { "+ " },
        0.0,
        TextFormat::simple(font.clone(), colour),
    );
    for p in pieces {
        let mut format = TextFormat::simple(font.clone(), if p.changed { colour } else { plain });
        if p.changed {
            format.background = colour.gamma_multiply(0.15);
            if old {
                format.strikethrough = egui::Stroke::new(1.0, colour);
            }
        }
        job.append(&p.text, 0.0, format);
    }
    ui.label(job);
}

#[cfg(test)]
mod tests {
    use super::*;
    use meetpack_core::library::CompareParagraph;

    fn para(change: &'static str, old: Option<&str>, new: Option<&str>) -> CompareParagraph {
        CompareParagraph {
            change,
            old: old.map(String::from),
            new: new.map(String::from),
            old_lines: None,
            new_lines: None,
        }
    }

    #[test]
    fn unchanged_runs_collapse_and_changed_words_are_marked() {
        let doc = CompareDoc {
            file: "a".into(),
            document: "A".into(),
            document_id: "d1".into(),
            meeting_date: None,
        };
        let cmp = Compare {
            a: doc.clone(),
            b: doc,
            similarity: 0.9,
            paragraphs: vec![
                para("same", Some("One"), Some("One")),
                para("same", Some("Two"), Some("Two")),
                para(
                    "changed",
                    Some("The budget is ten million"),
                    Some("The budget is twelve million"),
                ),
                para("added", None, Some("New")),
                para("removed", Some("Old"), None),
            ],
        };
        let rows = prepare(cmp).rows;
        assert_eq!(rows[0], Row::Same(vec!["One".into(), "Two".into()]));
        let Row::Changed { old, new } = &rows[1] else {
            panic!("{:?}", rows[1]);
        };
        let marked = |v: &[Piece]| -> String {
            v.iter()
                .filter(|p| p.changed)
                .map(|p| p.text.trim())
                .collect()
        };
        assert_eq!(marked(old), "ten");
        assert_eq!(marked(new), "twelve");
        assert_eq!(rows[2], Row::Added("New".into()));
        assert_eq!(rows[3], Row::Removed("Old".into()));
    }
}
