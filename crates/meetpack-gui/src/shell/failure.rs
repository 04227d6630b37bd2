//! The page shown when a file could not be opened: it names the file and the reason and
//! offers to open another, instead of leaving the previous pack on screen under a thin
//! line that is easy to miss.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::Command;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file's name as the user knows it.
    pub file: String,
    pub reason: String,
    /// Where it is, to try again.
    pub path: Option<PathBuf>,
}

impl Failure {
    /// From the loader's "name: reason" message for the file `file` (at `path`).
    pub fn new(file: &str, path: Option<PathBuf>, message: &str) -> Self {
        let reason = message
            .strip_prefix(file)
            .and_then(|r| r.strip_prefix(": "))
            .unwrap_or(message);
        Self {
            file: file.to_string(),
            reason: reason.to_string(),
            path,
        }
    }

    /// "Could not open agenda.pdf".
    pub fn title(&self) -> String {
        if self.file.is_empty() {
            "Could not open the file".to_string()
        } else {
            format!("Could not open {}", self.file)
        }
    }
}

/// The whole central area: what failed, why, and the ways on. `previous` names the pack
/// that is still open behind this page, if any.
pub fn failure_ui(ui: &mut Ui, failure: &Failure, previous: Option<&str>, out: &mut Vec<Command>) {
    ui.add_space((ui.available_height() / 5.0).min(160.0));
    ui.vertical_centered(|ui| {
        ui.set_max_width(640.0);
        let error = ui.visuals().error_fg_color;
        ui.label(RichText::new("⚠").size(40.0).color(error));
        ui.label(
            RichText::new(failure.title())
                .heading()
                .strong()
                .color(error),
        );
        ui.add_space(8.0);
        ui.label(RichText::new(&failure.reason).size(16.0));
        if let Some(path) = &failure.path {
            ui.add_space(4.0);
            ui.label(RichText::new(path.display().to_string()).weak().small());
        }
        ui.add_space(16.0);
        ui.horizontal(|ui| {
            // Centre the row of buttons under the text.
            let width = 420.0_f32.min(ui.available_width());
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            if ui.button("Open another…").clicked() {
                out.push(Command::OpenFileDialog);
            }
            if let Some(path) = &failure.path
                && ui.button("Try again").clicked()
            {
                out.push(Command::OpenPath(path.clone()));
            }
            if let Some(name) = previous
                && ui
                    .button(format!("Back to {name}"))
                    .on_hover_text("Show the pack that was open before")
                    .clicked()
            {
                out.push(Command::DismissFailure);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::Failure;

    #[test]
    fn the_reason_is_the_message_without_the_file_name() {
        let f = Failure::new("a.pdf", None, "a.pdf: this PDF is encrypted");
        assert_eq!(f.title(), "Could not open a.pdf");
        assert_eq!(f.reason, "this PDF is encrypted");
        let other = Failure::new("a.pdf", None, "the loader stopped unexpectedly");
        assert_eq!(other.reason, "the loader stopped unexpectedly");
    }
}
