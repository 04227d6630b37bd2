//! What MeetPack doubted while reading the pack (pages without text, unreadable pages, a
//! page range that does not match the papers, a document whose kind was a guess, a table
//! it joined): the toolbar's badge counts them and this window lists them, each a link to
//! its place, so a councillor knows where the reading may be wrong and can check it
//! against the original page.

use egui::{RichText, Ui};

use crate::Command;
use crate::navigation::jump::location_of_line;
use crate::packtools::Tool;
use meetpack_core::model::{Diagnostic, DiagnosticKind, Lines, Pack};

#[derive(Default)]
pub struct DiagnosticsPanel {
    pub visible: bool,
}

impl DiagnosticsPanel {
    pub fn ui(&mut self, ctx: &egui::Context, pack: &Pack, out: &mut Vec<Command>) {
        let mut open = self.visible;
        egui::Window::new("Places to check")
            .open(&mut open)
            .default_size([640.0, 420.0])
            .resizable(true)
            .show(ctx, |ui| list_ui(ui, pack, out));
        if !open {
            out.push(Command::Tool(Tool::CloseDiagnostics));
        }
    }
}

/// The badge's words: "⚠ 3 places to check".
pub fn badge_label(count: usize) -> String {
    match count {
        1 => "⚠ 1 place to check".to_string(),
        n => format!("⚠ {n} places to check"),
    }
}

/// What a kind of doubt is about, in a councillor's words.
pub fn kind_label(kind: DiagnosticKind) -> &'static str {
    match kind {
        DiagnosticKind::Input => "The file",
        DiagnosticKind::Encoding => "Characters",
        DiagnosticKind::Segmentation => "Where a paper starts",
        DiagnosticKind::Agenda => "The agenda",
        DiagnosticKind::Minutes => "The minutes",
        DiagnosticKind::Table => "A table",
        DiagnosticKind::Link => "An item's papers",
    }
}

/// Where a diagnostic is, as the reader names places: PDF pages for a PDF, else lines.
pub fn place_label(pack: &Pack, lines: Lines) -> String {
    meetpack_core::views::place::place_name(&pack.source, lines)
}

fn list_ui(ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
    ui.label(
        "Places where MeetPack was unsure how to read this pack. The text is all there; \
         check these against the original.",
    );
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, d) in pack.diagnostics.iter().enumerate() {
                ui.push_id(i, |ui| row_ui(ui, pack, d, out));
            }
        });
}

fn row_ui(ui: &mut Ui, pack: &Pack, d: &Diagnostic, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(kind_label(d.kind)).strong());
        ui.label(&d.message);
        let doc = pack
            .documents
            .iter()
            .find(|doc| doc.lines.contains(d.lines.first()));
        let place = place_label(pack, d.lines);
        match doc {
            Some(doc) => {
                if ui
                    .link(&place)
                    .on_hover_text("Show this place in the reader")
                    .clicked()
                {
                    out.push(Command::Go(location_of_line(pack, doc.id, d.lines.first())));
                }
            }
            None => {
                ui.label(RichText::new(place).weak());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_pages_for_a_pdf_and_lines_for_text() {
        let mut pack = meetpack_core::parse::parse("Agenda\n\n1. Apologies\n");
        assert_eq!(place_label(&pack, Lines(3, 3)), "line 3");
        assert_eq!(place_label(&pack, Lines(1, 3)), "lines 1–3");
        pack.source.page_lines = vec![1, 3];
        assert_eq!(place_label(&pack, Lines(1, 1)), "PDF page 1");
        assert_eq!(place_label(&pack, Lines(1, 3)), "PDF pages 1–2");
        // The page printed on the paper when it carries one.
        pack.source.printed_pages = vec![Some(7), Some(8)];
        assert_eq!(place_label(&pack, Lines(1, 3)), "pages 7–8");
        assert_eq!(badge_label(1), "⚠ 1 place to check");
        assert_eq!(badge_label(4), "⚠ 4 places to check");
    }
}
