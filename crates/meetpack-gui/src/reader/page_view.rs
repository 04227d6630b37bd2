//! The original PDF page beside the reflowed text (F8, or View ▸ Original page), kept in
//! step with the reader, so charts, images, signatures and layouts the text cannot carry
//! are seen. Pages are rendered on a worker thread, which owns the open PDF, and the last
//! few are kept as textures. A scan's pages (`reader::scan`) are drawn by the same worker.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{ColorImage, TextureHandle, TextureOptions, Ui};

use meetpack_core::input::render::{PageImage, Renderer};

/// Pages kept as textures: the one shown and its neighbours, as a reader pages back and
/// forth.
const CACHE: usize = 4;
/// Enough for a page in a side panel on a laptop screen (A4 is 827 px wide).
const DPI: u32 = 100;

type Rendered = (u32, Result<PageImage, String>);
/// The page's zoom runs from half the panel's width to three times it (drawn at 100 dpi,
/// an A4 page is about 830 pixels wide: three times a side panel is as sharp as it gets).
const ZOOM_MIN: f32 = 0.5;
const ZOOM_MAX: f32 = 3.0;

const SKIPPED: &str = "skipped";

/// A page as the view has it: drawn, failed, or asked for and not back yet.
pub enum Drawn<'a> {
    Ready(&'a TextureHandle),
    Failed(&'a str),
    Drawing,
}

pub struct PageView {
    pub visible: bool,
    /// How many pages are kept as textures.
    capacity: usize,
    /// How finely pages are drawn.
    dpi: u32,
    /// The PDF the worker has open.
    source: Option<PathBuf>,
    requests: Option<Sender<u32>>,
    results: Option<Receiver<Rendered>>,
    /// (1-based page, texture), most recent last.
    cache: Vec<(u32, TextureHandle)>,
    /// Pages asked for and not yet back.
    waiting: Vec<u32>,
    error: Option<(u32, String)>,
    /// Every page the renderer could not draw, each with why: not asked again.
    failed: Vec<(u32, String)>,
    /// The page's size against the panel's width: 1.0 fits the width; more to read small
    /// print, scrolled in both directions.
    zoom: f32,
}

impl Default for PageView {
    fn default() -> Self {
        Self::keeping(CACHE, DPI)
    }
}

impl PageView {
    /// A view that keeps `capacity` pages drawn at `dpi` (a scan shows several at once,
    /// wider than the side panel does).
    pub fn keeping(capacity: usize, dpi: u32) -> Self {
        Self {
            visible: false,
            capacity: capacity.max(1),
            dpi,
            source: None,
            requests: None,
            results: None,
            cache: Vec::new(),
            waiting: Vec::new(),
            error: None,
            failed: Vec::new(),
            zoom: 1.0,
        }
    }

    pub fn toggle(&mut self) {
        self.visible = !self.visible;
    }

    /// Forgets the pages of another file.
    fn follow(&mut self, ctx: &egui::Context, path: &Path) {
        if self.source.as_deref() == Some(path) {
            return;
        }
        self.cache.clear();
        self.waiting.clear();
        self.error = None;
        self.failed.clear();
        self.source = Some(path.to_path_buf());
        let (req_tx, req_rx) = channel::<u32>();
        let (res_tx, res_rx) = channel::<Rendered>();
        let path = path.to_path_buf();
        let ctx = ctx.clone();
        let dpi = self.dpi;
        let spawned = std::thread::Builder::new()
            .name("page-render".into())
            .spawn(move || render_worker(&path, dpi, &req_rx, &res_tx, &ctx));
        if spawned.is_ok() {
            self.requests = Some(req_tx);
            self.results = Some(res_rx);
        } else {
            let why = "could not start the page renderer".to_string();
            self.failed.push((0, why.clone()));
            self.error = Some((0, why));
        }
    }

    /// Whether page `page` is drawn and ready to show (tests).
    pub fn has_page(&self, page: u32) -> bool {
        self.texture(page).is_some()
    }

    fn texture(&self, page: u32) -> Option<&TextureHandle> {
        self.cache.iter().find(|(p, _)| *p == page).map(|(_, t)| t)
    }

    fn receive(&mut self, ctx: &egui::Context) {
        let Some(results) = &self.results else {
            return;
        };
        while let Ok((page, result)) = results.try_recv() {
            self.waiting.retain(|&p| p != page);
            match result {
                Ok(image) => {
                    let size = [image.width as usize, image.height as usize];
                    let pixels = ColorImage::from_rgba_premultiplied(size, &image.rgba);
                    let texture = ctx.load_texture(
                        format!("pdf-page-{page}"),
                        pixels,
                        TextureOptions::LINEAR,
                    );
                    self.cache.retain(|(p, _)| *p != page);
                    self.cache.push((page, texture));
                    if self.cache.len() > self.capacity {
                        let _oldest = self.cache.remove(0);
                    }
                }
                // A request passed over for a newer one is simply asked again.
                Err(e) if e == SKIPPED => {}
                Err(e) => {
                    self.failed.push((page, e.clone()));
                    self.error = Some((page, e));
                }
            }
        }
    }

    fn request(&mut self, page: u32) {
        if self.texture(page).is_some() || self.waiting.contains(&page) {
            return;
        }
        if let Some(tx) = &self.requests
            && tx.send(page).is_ok()
        {
            self.waiting.push(page);
        }
    }

    /// Follows the PDF at `path` (its worker started once) and takes the pages it has
    /// drawn since the last frame: call once a frame before [`PageView::page`].
    pub fn sync(&mut self, ctx: &egui::Context, path: &Path) {
        self.follow(ctx, path);
        self.receive(ctx);
    }

    /// Page `page` (1-based), asked of the worker when it is not drawn and has not failed
    /// (asked again each frame, a page the renderer cannot draw would keep the worker busy
    /// and the window repainting). A page drawn is kept as recently used, so the pages on
    /// screen are the last to be dropped.
    pub fn page(&mut self, page: u32) -> Drawn<'_> {
        if let Some(at) = self.cache.iter().position(|(p, _)| *p == page) {
            let used = self.cache.remove(at);
            self.cache.push(used);
            return self
                .cache
                .last()
                .map_or(Drawn::Drawing, |(_, t)| Drawn::Ready(t));
        }
        // Page 0 stands for the whole file (it could not be opened).
        let failed = self.failed.iter().position(|(p, _)| *p == page || *p == 0);
        match failed {
            Some(at) => Drawn::Failed(&self.failed[at].1),
            None => {
                self.request(page);
                Drawn::Drawing
            }
        }
    }

    /// The page's zoom, as a percentage of the panel's width.
    pub fn zoom_percent(&self) -> u32 {
        (self.zoom * 100.0).round() as u32
    }

    /// "−", the zoom as a percentage (a click fits the width again) and "+": the picture
    /// of a page at the panel's width can be too small to read its small print.
    fn zoom_buttons(&mut self, ui: &mut Ui) {
        let step = |z: f32, by: f32| ((z + by) * 4.0).round() / 4.0;
        let out = ui.small_button("−").on_hover_text("Zoom the page out");
        if out.clicked() {
            self.zoom = step(self.zoom, -0.25).max(ZOOM_MIN);
        }
        out.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom the page out")
        });
        let fit = ui
            .small_button(format!("{} %", self.zoom_percent()))
            .on_hover_text("Fit the page to the panel's width");
        if fit.clicked() {
            self.zoom = 1.0;
        }
        let zoom_in = ui.small_button("+").on_hover_text("Zoom the page in");
        if zoom_in.clicked() {
            self.zoom = step(self.zoom, 0.25).min(ZOOM_MAX);
        }
        zoom_in.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, "Zoom the page in")
        });
    }

    /// The panel's contents: page `page` (1-based) of the PDF at `path`, of `total`.
    pub fn ui(&mut self, ui: &mut Ui, path: &Path, page: u32, total: u32) {
        let ctx = ui.ctx().clone();
        self.sync(&ctx, path);
        self.request(page);
        // Then the next page, so paging on is immediate.
        if page < total && self.texture(page).is_some() {
            self.request(page + 1);
        }
        ui.horizontal(|ui| {
            ui.strong(format!("Original page {page} of {total}"));
            self.zoom_buttons(ui);
        });
        ui.separator();
        match (self.texture(page), &self.error) {
            (Some(texture), _) => {
                let size = texture.size_vec2();
                let width = ui.available_width().max(50.0) * self.zoom;
                let scaled = egui::vec2(width, size.y * width / size.x.max(1.0));
                egui::ScrollArea::both()
                    .id_salt("page-view")
                    .show(ui, |ui| {
                        let image = ui.add(egui::Image::new((texture.id(), scaled)));
                        // The picture's name for a screen reader: which page it is.
                        let name = format!("Picture of original page {page}");
                        image.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Image, true, &name)
                        });
                    });
            }
            (None, Some((p, e))) if *p == page || *p == 0 => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            _ => {
                ui.spinner();
                ui.label("Drawing the page…");
            }
        }
    }
}

/// Opens the PDF once and renders the pages asked for, newest request first (a reader
/// scrolling fast only needs the page it stopped on).
fn render_worker(
    path: &Path,
    dpi: u32,
    requests: &Receiver<u32>,
    results: &Sender<Rendered>,
    ctx: &egui::Context,
) {
    let renderer = std::fs::read(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
        .and_then(|bytes| Renderer::open(&bytes));
    while let Ok(mut page) = requests.recv() {
        let mut skipped = Vec::new();
        while let Ok(newer) = requests.try_recv() {
            skipped.push(page);
            page = newer;
        }
        let result = match &renderer {
            Ok(r) => r.render(page.saturating_sub(1) as usize, dpi),
            Err(e) => Err(e.clone()),
        };
        if results.send((page, result)).is_err() {
            return;
        }
        // Requests passed over are answered as not drawn, so they can be asked again.
        for p in skipped {
            if results.send((p, Err(SKIPPED.into()))).is_err() {
                return;
            }
        }
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page the renderer cannot draw says why and is not asked for again: asked each
    /// frame, it kept the worker drawing and the window repainting for ever.
    #[test]
    fn a_page_that_cannot_be_drawn_is_not_asked_again() {
        let dir = std::env::temp_dir().join(format!("meetpack-page-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("not-a.pdf");
        std::fs::write(&path, "%PDF-1.7 cut short").unwrap();
        let ctx = egui::Context::default();
        let mut view = PageView::keeping(2, 50);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        // The worker's answer comes back on its channel; each pass takes what it sent.
        let reason = loop {
            view.sync(&ctx, &path);
            if let Drawn::Failed(reason) = view.page(1) {
                break reason.to_string();
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert!(reason.contains("PDF"), "{reason}");
        assert!(matches!(view.page(1), Drawn::Failed(_)));
        assert!(view.waiting.is_empty(), "asked again: {:?}", view.waiting);
        std::fs::remove_dir_all(&dir).ok();
    }
}
