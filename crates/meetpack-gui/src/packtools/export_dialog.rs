//! File ▸ Export… and File ▸ Print…: choose what to take into the meeting (this paper,
//! some agenda items, the whole pack, the decisions), the format and whether to add the
//! notes; then save it, or print it (a PDF opened in the system's viewer, which prints).

use std::path::{Path, PathBuf};

use egui::Ui;

use crate::Command;
use meetpack_core::export::{self, ExportNote, Format, Selection};
use meetpack_core::model::{DocId, Pack};
use meetpack_core::text::truncate;

/// The choice of what to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Document,
    Items,
    Pack,
    Decisions,
}

/// What the dialog asks for when its button is pressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub selection: Selection,
    pub format: Format,
    pub with_notes: bool,
    /// Print: a PDF in a temporary file, opened in the system's viewer.
    pub print: bool,
    /// The original PDF's own pages for the selection, copied, not re-typeset.
    pub original: bool,
}

pub struct ExportDialog {
    pub visible: bool,
    print: bool,
    what: What,
    /// The document shown when the dialog opened.
    doc: Option<DocId>,
    /// Per agenda item, whether it is chosen.
    items: Vec<bool>,
    format: Format,
    with_notes: bool,
    /// Take the original PDF's pages (a PDF pack only).
    original: bool,
    /// Where to save without asking, and print without opening a viewer (tests: the
    /// native file dialog and the viewer cannot be driven).
    pub target: Option<PathBuf>,
    /// An export waiting for the chooser drawn in the window to say where it goes.
    pub(crate) pending: Option<Request>,
    /// Where print files go: a folder only this user can enter (0700), made at the first
    /// print and deleted with everything in it when the viewer closes (the dialog is
    /// dropped with the app), so exempt papers and notes do not linger in /tmp.
    print_dir: Option<tempfile::TempDir>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self {
            visible: false,
            print: false,
            what: What::Document,
            doc: None,
            items: Vec::new(),
            format: Format::Pdf,
            with_notes: true,
            original: false,
            target: None,
            pending: None,
            print_dir: None,
        }
    }
}

impl ExportDialog {
    /// The private folder for print files, made on first use.
    fn print_dir(&mut self) -> Result<PathBuf, String> {
        if self.print_dir.is_none() {
            let mut builder = tempfile::Builder::new();
            builder.prefix("meetpack-print-");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o700));
            }
            let dir = builder
                .tempdir()
                .map_err(|e| format!("Could not make a folder to print from: {e}"))?;
            self.print_dir = Some(dir);
        }
        Ok(self
            .print_dir
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_default())
    }

    /// Opens the dialog for the pack, on the document being read and its agenda item.
    pub fn open(&mut self, pack: &Pack, doc: Option<DocId>, print: bool) {
        self.visible = true;
        self.print = print;
        self.doc = doc;
        self.items = vec![false; pack.agenda.len()];
        let item = doc
            .and_then(|d| pack.document(d))
            .and_then(|d| meetpack_core::views::shown::agenda_of(pack, d))
            .map(|(i, _)| i);
        if let Some(slot) = item.and_then(|i| self.items.get_mut(i)) {
            *slot = true;
        }
        let front_sheet = doc
            .and_then(|d| pack.document(d))
            .is_some_and(|d| d.kind == meetpack_core::model::DocKind::Agenda);
        self.what = if doc.is_none() || front_sheet {
            What::Pack
        } else {
            What::Document
        };
    }

    fn request(&self, pack: &Pack) -> Option<Request> {
        let selection = match self.what {
            What::Document => Selection::Document(self.doc?),
            What::Items => {
                let chosen: Vec<String> = pack
                    .agenda
                    .iter()
                    .zip(&self.items)
                    .filter(|(_, on)| **on)
                    .map(|(a, _)| a.number.clone())
                    .collect();
                if chosen.is_empty() {
                    return None;
                }
                Selection::Items(chosen)
            }
            What::Pack => Selection::Pack,
            // The decisions have no pages of their own in the original.
            What::Decisions if self.original => return None,
            What::Decisions => Selection::Decisions,
        };
        Some(Request {
            selection,
            format: if self.print || self.original {
                Format::Pdf
            } else {
                self.format
            },
            with_notes: self.with_notes && !self.original,
            print: self.print,
            original: self.original,
        })
    }

    pub fn ui(&mut self, ctx: &egui::Context, pack: &Pack, out: &mut Vec<Command>) {
        if !self.visible {
            return;
        }
        let title = if self.print { "Print" } else { "Export" };
        let mut open = true;
        egui::Window::new(title)
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| self.body_ui(ui, pack, out));
        if !open {
            self.visible = false;
        }
    }

    fn body_ui(&mut self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        ui.label(egui::RichText::new("What to take").strong());
        let doc_title = self
            .doc
            .and_then(|d| pack.document(d))
            .map(|d| format!("This document: {}", truncate(&d.title, 60)));
        ui.add_enabled_ui(doc_title.is_some(), |ui| {
            let label = doc_title.unwrap_or_else(|| "This document".to_string());
            ui.radio_value(&mut self.what, What::Document, label);
        });
        ui.add_enabled_ui(!pack.agenda.is_empty(), |ui| {
            ui.radio_value(
                &mut self.what,
                What::Items,
                "Agenda items, with their papers:",
            );
        });
        if self.what == What::Items {
            egui::ScrollArea::vertical()
                .max_height(220.0)
                .show(ui, |ui| {
                    for (item, on) in pack.agenda.iter().zip(self.items.iter_mut()) {
                        let label = format!("{}  {}", item.number, truncate(&item.title, 60));
                        ui.checkbox(on, label);
                    }
                });
        }
        ui.radio_value(&mut self.what, What::Pack, "The whole pack");
        ui.radio_value(
            &mut self.what,
            What::Decisions,
            "The decisions (every resolution, by minute)",
        );
        ui.add_space(6.0);
        if pack.source.pages.is_some() {
            ui.checkbox(
                &mut self.original,
                "The council's original pages (copied from the PDF, not re-typeset)",
            )
            .on_hover_text("The pages of the chosen papers exactly as published.");
            ui.add_space(6.0);
        }
        if !self.print && !self.original {
            ui.label(egui::RichText::new("Format").strong());
            ui.horizontal(|ui| {
                for format in [Format::Pdf, Format::Html, Format::Markdown] {
                    ui.radio_value(&mut self.format, format, format.label());
                }
            });
            ui.add_space(6.0);
        }
        if self.original {
            // The council's pages are copied as they are: no notes go in, and the box
            // says so rather than showing the choice kept for the other formats.
            ui.add_enabled(false, egui::Checkbox::new(&mut false, "Include my notes"))
                .on_disabled_hover_text(
                    "The original pages are copied as they are, without notes.",
                );
        } else {
            ui.checkbox(&mut self.with_notes, "Include my notes")
                .on_hover_text("Each note is printed after the passage it was made on.");
        }
        ui.add_space(8.0);
        let request = self.request(pack);
        ui.horizontal(|ui| {
            let action = if self.print { "Print…" } else { "Save…" };
            let button = ui.add_enabled(request.is_some(), egui::Button::new(action));
            if button.clicked()
                && let Some(request) = request
            {
                out.push(Command::Export(request));
                self.visible = false;
            }
            if ui.button("Cancel").clicked() {
                self.visible = false;
            }
        });
    }
}

impl crate::MeetPackApp {
    pub(crate) fn open_export(&mut self, print: bool) {
        if let Some(pack) = &self.pack {
            self.export.open(pack, self.reader.doc(), print);
        }
    }

    /// Saves or prints what `request` asks for. Saving asks where first (unless a test
    /// set the place): at once with the desktop's dialog, else the export waits for the
    /// chooser drawn in the window ([`crate::MeetPackApp::chosen`]).
    pub(crate) fn run_export(&mut self, request: &Request) {
        use crate::shell::chooser::{Ask, Purpose};
        let Some(pack) = &self.pack else {
            return;
        };
        if request.print || self.export.target.is_some() {
            let target = self.export.target.clone();
            self.export_to(request, target.as_deref());
            return;
        }
        let name = export::suggested_file_name(pack, &request.selection, request.format);
        let extension = [request.format.extension()];
        let ask = Ask {
            title: "Export",
            file_name: Some(&name),
            filter: Some((request.format.label(), &extension)),
            folder: None,
        };
        match self.chooser.ask(ask, Purpose::Export) {
            Some((path, _)) => self.export_to(request, Some(&path)),
            // The chooser in the window answers on a later frame.
            None if self.chooser.is_open() => self.export.pending = Some(request.clone()),
            None => self.notice("Export cancelled.".to_string()),
        }
    }

    /// Makes the export and saves it at `target` (or prints it), saying how it went.
    pub(crate) fn export_to(&mut self, request: &Request, target: Option<&Path>) {
        let Some(pack) = &self.pack else {
            return;
        };
        // The notes of this meeting, as the Notes panel holds them (attached ones only).
        let notes = ExportNote::from_resolved(self.notes.resolved());
        let result = match request.print {
            true => self.export.print_dir().map(Some),
            false => Ok(None),
        }
        .and_then(|dir| {
            run(
                pack,
                request,
                &notes,
                Places {
                    original: self.path.as_deref(),
                    target,
                    print_dir: dir.as_deref(),
                },
            )
        });
        self.message = Some(match result {
            Ok(text) => crate::Message {
                text,
                is_error: false,
            },
            Err(text) => crate::Message {
                text,
                is_error: true,
            },
        });
    }

    /// Saves exports to `path` instead of asking where (for tests: the native dialog
    /// cannot be driven), and prints without opening a viewer.
    pub fn set_export_target(&mut self, path: PathBuf) {
        self.export.target = Some(path);
    }

    pub fn is_export_open(&self) -> bool {
        self.export.visible
    }
}

/// Carries out a request: the export is made, then saved where the user says (or
/// `target`), or written to a temporary file and opened for printing. Returns the notice
/// to show, or the error.
/// The files an export reads and writes: the pack's own file (for its original pages),
/// where to save without asking (tests), and the private folder for print files.
pub struct Places<'a> {
    pub original: Option<&'a Path>,
    pub target: Option<&'a Path>,
    pub print_dir: Option<&'a Path>,
}

pub fn run(
    pack: &Pack,
    request: &Request,
    notes: &[ExportNote],
    places: Places<'_>,
) -> Result<String, String> {
    let Places {
        original,
        target,
        print_dir,
    } = places;
    let bytes = if request.original {
        original_pages(pack, &request.selection, original)?
    } else {
        let notes = request.with_notes.then_some(notes);
        export::export(pack, &request.selection, notes, request.format)
            .map_err(|e| format!("Could not export: {e}"))?
    };
    let what = match request.original {
        true => format!("the original pages of {}", request.selection.describe(pack)),
        false => request.selection.describe(pack),
    };
    if request.print {
        let dir = print_dir.map_or_else(std::env::temp_dir, Path::to_path_buf);
        let path = print_path(&dir, pack, &request.selection);
        meetpack_core::fsutil::write_atomic(&path, &bytes)
            .map_err(|e| format!("Could not write {}: {e}", path.display()))?;
        if target.is_some() {
            return Ok(format!(
                "Wrote a PDF of {what} to print: {}",
                path.display()
            ));
        }
        open::that_detached(&path)
            .map_err(|e| format!("Wrote {} but could not open it: {e}", path.display()))?;
        return Ok(format!(
            "Opened a PDF of {what} in your PDF viewer: print it from there ({}).",
            path.display()
        ));
    }
    // The caller asked where to save before ([`crate::MeetPackApp::run_export`]).
    let Some(path) = target else {
        return Err("Could not export: no place to save it was chosen.".to_string());
    };
    meetpack_core::fsutil::write_atomic(path, &bytes)
        .map_err(|e| format!("Could not save {}: {e}", path.display()))?;
    Ok(format!("Exported {what} to {}", path.display()))
}

/// The original PDF's pages for the selection, read again from the pack's file.
fn original_pages(
    pack: &Pack,
    selection: &Selection,
    file: Option<&Path>,
) -> Result<Vec<u8>, String> {
    let file = file.ok_or("The pack's file is not known, so its pages cannot be copied.")?;
    let pdf = meetpack_core::input::file::read(file, |_, _| {})
        .map_err(|e| format!("Could not read {}: {e}", file.display()))?;
    let pages = export::original::pages_of(pack, selection).map_err(|e| e.to_string())?;
    export::original::copy_pages(&pdf, &pages).map_err(|e| format!("Could not export: {e}"))
}

/// A fresh file per print in the print folder, so a viewer still showing the last one is
/// not written under.
fn print_path(dir: &Path, pack: &Pack, selection: &Selection) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = export::suggested_file_name(pack, selection, Format::Pdf);
    dir.join(format!("{n}-{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Pack {
        meetpack_core::parse::parse(crate::SAMPLE_TEXT)
    }

    #[test]
    fn opening_on_a_paper_chooses_it_and_its_item() {
        let pack = sample();
        let (index, item) = pack
            .agenda
            .iter()
            .enumerate()
            .find(|(_, a)| !a.documents.is_empty())
            .expect("an item with a paper");
        let doc = item.documents[0];
        let mut dialog = ExportDialog::default();
        dialog.open(&pack, Some(doc), false);
        assert_eq!(
            dialog.request(&pack).map(|r| r.selection),
            Some(Selection::Document(doc))
        );
        dialog.what = What::Items;
        assert_eq!(
            dialog.request(&pack).map(|r| r.selection),
            Some(Selection::Items(vec![pack.agenda[index].number.clone()]))
        );
        dialog.items.iter_mut().for_each(|on| *on = false);
        assert_eq!(
            dialog.request(&pack),
            None,
            "no item chosen: nothing to export"
        );
    }

    #[test]
    fn the_original_pages_of_an_item_are_copied_from_the_pdf() {
        let path = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf"
        ));
        let bytes = std::fs::read(path).expect("corpus PDF");
        let pack = meetpack_core::input::load(&bytes).expect("opens").pack;
        let mut dialog = ExportDialog::default();
        dialog.open(&pack, None, false);
        dialog.what = What::Items;
        dialog.items = vec![true; pack.agenda.len()];
        dialog.original = true;
        dialog.format = Format::Markdown;
        let request = dialog.request(&pack).expect("item 3");
        assert!(request.original && !request.with_notes);
        assert_eq!(request.format, Format::Pdf);
        // The decisions have no pages of their own.
        dialog.what = What::Decisions;
        assert_eq!(dialog.request(&pack), None);
        let out =
            std::env::temp_dir().join(format!("meetpack-original-{}.pdf", std::process::id()));
        let said = run(
            &pack,
            &request,
            &[],
            Places {
                original: Some(path),
                target: Some(&out),
                print_dir: None,
            },
        )
        .expect("saved");
        assert!(said.contains("original pages of agenda item 3"), "{said}");
        let copy = std::fs::read(&out).expect("written");
        let copied = meetpack_core::input::load(&copy).expect("the copy opens");
        assert_eq!(copied.pack.source.pages, Some(18));
        let _ = std::fs::remove_file(out);
    }

    #[test]
    fn printing_is_always_a_pdf() {
        let pack = sample();
        let mut dialog = ExportDialog::default();
        dialog.open(&pack, None, true);
        dialog.format = Format::Markdown;
        let request = dialog.request(&pack).expect("the whole pack");
        assert_eq!(request.format, Format::Pdf);
        assert_eq!(request.selection, Selection::Pack);
        assert!(request.print);
    }
}
