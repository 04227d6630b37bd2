//! PDF pages in the viewer: which page the reader is on, and Ctrl+G (go to a page).
//!
//! A number typed into "Go to page" is taken as a printed page number when a page carries
//! it, as the front sheet's "(Pages 11 - 16)" and people in a meeting quote those; else as
//! the PDF's own page (1 = the first sheet of the file).

use egui::{Key, Ui};

use crate::navigation::nav::{Anchor, Location};
use crate::{Command, Reader};
use meetpack_core::model::{Document, Pack};

/// The page the reader is on, for the toolbar: "PDF page 5 of 20 (printed 3)".
pub fn page_label(pack: &Pack, doc: &Document, reader: &Reader) -> Option<String> {
    let total = pack.source.pages?;
    let page = current_page(pack, doc, reader)?;
    let printed = pack
        .source
        .printed_pages
        .get((page as usize).checked_sub(1)?)
        .copied()
        .flatten();
    Some(match printed {
        Some(p) if p != page => format!("PDF page {page} of {total} (printed {p})"),
        _ => format!("PDF page {page} of {total}"),
    })
}

/// The PDF page (1-based) of what the reader shows at its top.
pub fn current_page(pack: &Pack, doc: &Document, reader: &Reader) -> Option<u32> {
    let line = match reader.top_anchor() {
        Anchor::Block(b) if reader.doc() == Some(doc.id) => doc.blocks.get(b)?.lines.first(),
        _ => doc.lines.first(),
    };
    pack.source.page_of_line(line)
}

/// Where a PDF page starts: its document and the first block at or after its first line.
pub fn location_of_page(pack: &Pack, page: u32) -> Option<Location> {
    let line = pack.source.page_start(page)?;
    // An empty page's line may hold nothing: take the next document that does.
    let doc = pack
        .documents
        .iter()
        .find(|d| d.lines.last() >= line)
        .or(pack.documents.last())?;
    // The first block that starts on the page, so the toolbar then names this page; a
    // page that only continues a paragraph shows that paragraph.
    let next_page = pack.source.page_start(page + 1).unwrap_or(u32::MAX);
    let starts_here = doc
        .blocks
        .iter()
        .position(|b| (line..next_page).contains(&b.lines.first()));
    let anchor = starts_here
        .or_else(|| doc.blocks.iter().position(|b| b.lines.last() >= line))
        .map_or(Anchor::Top, Anchor::Block);
    Some(Location {
        doc: doc.id,
        anchor,
    })
}

/// The physical page a typed number means (see the module comment).
pub fn resolve(pack: &Pack, typed: &str) -> Result<u32, String> {
    let total = pack.source.pages.unwrap_or(0);
    let n: u32 = typed
        .trim()
        .parse()
        .map_err(|_| format!("“{}” is not a page number", typed.trim()))?;
    if let Some(page) = pack.source.page_printed(n) {
        return Ok(page);
    }
    if (1..=total).contains(&n) {
        Ok(n)
    } else {
        Err(format!("no page {n}: this PDF has {total} pages"))
    }
}

/// The "Go to page" prompt.
#[derive(Debug, Default)]
pub struct GoToPage {
    pub visible: bool,
    input: String,
    error: Option<String>,
    focus: bool,
}

impl GoToPage {
    pub fn open(&mut self) {
        self.visible = true;
        self.input.clear();
        self.error = None;
        self.focus = true;
    }

    /// Draws the prompt; Enter goes, Escape closes.
    pub fn ui(&mut self, ui: &mut Ui, pack: Option<&Pack>, out: &mut Vec<Command>) {
        if !self.visible {
            return;
        }
        let Some(pack) = pack.filter(|p| p.source.pages.is_some()) else {
            self.visible = false;
            return;
        };
        let mut open = true;
        egui::Window::new("Go to page")
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ui.ctx(), |ui| {
                let edit = ui
                    .horizontal(|ui| {
                        let label = ui.label("Page:");
                        ui.text_edit_singleline(&mut self.input)
                            .labelled_by(label.id)
                    })
                    .inner;
                ui.label(
                    egui::RichText::new("As printed on the page; else the PDF's own page.").weak(),
                );
                if std::mem::take(&mut self.focus) {
                    edit.request_focus();
                }
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    self.visible = false;
                }
                if enter || ui.button("Go").clicked() {
                    match resolve(pack, &self.input) {
                        Ok(page) => {
                            out.push(Command::GoToPage(page));
                            self.visible = false;
                        }
                        Err(e) => {
                            self.error = Some(e);
                            self.focus = true;
                        }
                    }
                }
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            });
        if !open {
            self.visible = false;
        }
    }
}
