//! A scan: a PDF of page images only. It has no text, so no pack, and so no outline, find
//! or notes; its pages are shown as pictures, one under another, under a banner that says
//! why the rest is missing. The pages are drawn off the UI thread by the page view's
//! worker ([`PageView`]); a frame only asks for the pages on screen and shows those back.

use egui::{Align2, Rect, RichText, Sense, Ui, vec2};

use crate::ScrollStep;
use crate::loading::loader::Scan;
use crate::reader::page_view::{Drawn, PageView};

/// What the banner says (the tests look for its first words).
pub const BANNER: &str = "This PDF is a scan: its pages are pictures with no text, so there is \
                          no outline, find or notes. Its pages are shown as they are.";

/// Pages kept drawn: the two or three on screen and the next, with room to scroll back.
const KEEP: usize = 8;
/// The widest a page is shown, and how finely pages are drawn: at 120 dpi an A4 page is
/// 992 px wide, so a page shown at most 900 px wide is never enlarged (and blurred).
const MAX_WIDTH: f32 = 900.0;
const DPI: u32 = 120;
/// Height over width of an A4 page, the slot's shape until the first page is drawn.
const A4: f32 = 1.414;

pub struct ScanView {
    pub scan: Scan,
    pages: PageView,
    /// Height over width of the first page drawn. Every page gets a slot of that shape
    /// (a scan's pages are one size), so the scroll area lays out rows of one height and
    /// knows which pages are on screen without drawing the others.
    aspect: Option<f32>,
    /// Page Up/Down, Home/End, applied on the next frame.
    scroll: Option<ScrollStep>,
    /// The scroll offset and view height of the last frame, for Page Up/Down.
    offset: f32,
    view_height: f32,
}

impl ScanView {
    pub fn new(scan: Scan) -> Self {
        Self {
            scan,
            pages: PageView::keeping(KEEP, DPI),
            aspect: None,
            scroll: None,
            offset: 0.0,
            view_height: 0.0,
        }
    }

    /// Whether page `page` is drawn and ready to show (tests).
    pub fn has_page(&self, page: u32) -> bool {
        self.pages.has_page(page)
    }

    pub fn scroll(&mut self, step: ScrollStep) {
        self.scroll = Some(step);
    }

    /// The central area: the banner, then the pages.
    pub fn ui(&mut self, ui: &mut Ui) {
        banner_ui(ui, &self.scan);
        ui.add_space(6.0);
        let ctx = ui.ctx().clone();
        self.pages.sync(&ctx, &self.scan.path);
        let width = (ui.available_width() - 24.0).clamp(120.0, MAX_WIDTH);
        let label_height = ui.text_style_height(&egui::TextStyle::Small) + 4.0;
        let slot = width * self.aspect.unwrap_or(A4);
        let row_height = label_height + slot;
        let total = self.scan.pages as usize;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("scan-pages")
            .auto_shrink([false, false]);
        if let Some(step) = self.scroll.take() {
            let screen = (self.view_height * 0.9).max(row_height / 4.0);
            let offset = match step {
                ScrollStep::PageDown => self.offset + screen,
                ScrollStep::PageUp => self.offset - screen,
                ScrollStep::Top => 0.0,
                // The scroll area stops at its end.
                ScrollStep::End => row_height * total as f32 * 2.0,
            };
            area = area.vertical_scroll_offset(offset.max(0.0));
        }
        let pages = &mut self.pages;
        let aspect = &mut self.aspect;
        let of = self.scan.pages;
        let output = area.show_rows(ui, row_height, total, |ui, range| {
            let last = range.end as u32;
            for index in range {
                let page = index as u32 + 1;
                let (rect, _) =
                    ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::hover());
                // The row's contents go in a child: what it places does not move the cursor
                // of the rows (`put` on the scroll area's own ui set it back up to the label
                // while a page was still being drawn, so the next row overlapped it).
                let mut row = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                let label = Rect::from_min_size(rect.min, vec2(rect.width(), label_height));
                row.put(
                    label,
                    egui::Label::new(RichText::new(format!("Page {page} of {of}")).small().weak()),
                );
                let slot = Rect::from_center_size(
                    egui::pos2(rect.center().x, label.bottom() + slot / 2.0),
                    vec2(width, slot),
                );
                page_ui(&mut row, pages.page(page), page, slot, aspect);
            }
            // The page after those on screen, so scrolling on finds it drawn.
            if last < of && pages.has_page(last) {
                let _ = pages.page(last + 1);
            }
        });
        self.offset = output.state.clamped_offset().y;
        self.view_height = output.inner_rect.height();
    }
}

/// One page in its slot: the picture fitted to the slot, or why it is not there yet.
fn page_ui(ui: &mut Ui, drawn: Drawn<'_>, page: u32, slot: Rect, aspect: &mut Option<f32>) {
    match drawn {
        Drawn::Ready(texture) => {
            let size = texture.size_vec2();
            let shape = size.y / size.x.max(1.0);
            aspect.get_or_insert(shape);
            // Fitted inside the slot: a page of another shape is not stretched.
            let fitted = if shape >= slot.height() / slot.width() {
                vec2(slot.height() / shape, slot.height())
            } else {
                vec2(slot.width(), slot.width() * shape)
            };
            let rect = Rect::from_center_size(slot.center(), fitted);
            let image = ui.put(rect, egui::Image::new((texture.id(), fitted)));
            // The picture's name for a screen reader: which page it is.
            let name = format!("Picture of scanned page {page}");
            image.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
        }
        Drawn::Failed(reason) => {
            let text = format!("Page {page} could not be drawn: {reason}");
            ui.put(
                slot,
                egui::Label::new(RichText::new(text).color(ui.visuals().error_fg_color)),
            );
        }
        Drawn::Drawing => {
            ui.painter()
                .rect_filled(slot, 2.0, ui.visuals().faint_bg_color);
            ui.painter().text(
                slot.center(),
                Align2::CENTER_CENTER,
                format!("Drawing page {page}…"),
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().weak_text_color(),
            );
        }
    }
}

/// The file's name and why there is no text, in the warning colour: a reader who expects
/// the outline and find sees at once that they are missing on purpose.
fn banner_ui(ui: &mut Ui, scan: &Scan) {
    let warn = ui.visuals().warn_fg_color;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, warn))
        .fill(warn.gamma_multiply(0.08))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("⚠ {}", scan.name))
                    .strong()
                    .color(warn),
            );
            ui.label(BANNER);
        });
}

/// Why a command that needs the pack's text does nothing while a scan is shown, or `None`
/// for a command that works on a scan too.
pub fn refused(command: &crate::Command) -> Option<&'static str> {
    use crate::Command as C;
    use crate::packtools::Tool;
    let needs_text = match command {
        C::OpenFind | C::FindStep { .. } | C::OpenGoToPage | C::ToggleTree => true,
        C::TogglePageView | C::OpenExport { .. } | C::StepAgendaItem { .. } => true,
        C::Tool(tool) => matches!(
            tool,
            Tool::OpenFindPack | Tool::ShowDecisions | Tool::ShowDiagnostics
        ),
        C::Notes(_) => true,
        _ => false,
    };
    needs_text.then_some(
        "This PDF is a scan: its pages are pictures with no text, so there is no outline, \
         find, notes or export.",
    )
}
