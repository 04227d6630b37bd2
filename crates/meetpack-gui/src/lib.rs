//! The desktop viewer. It reads a [`Pack`] and never parses text itself: parsing happens
//! once per load, on a worker thread ([`loader`]).
//!
//! Widgets never change the app while it is being drawn: they push [`Command`]s, which
//! are applied once at the end of the frame.

mod library;
mod loading;
mod navigation;
mod notes;
mod packtools;
mod reader;
pub mod shell;

use std::path::PathBuf;

use egui::Ui;

pub use library::AnswerCommand;
pub use library::LibraryCommand;
pub use loading::loader::{Loaded, Scan};
pub use meetpack_core::views::shown::document_texts;
pub use navigation::nav::{Anchor, History, Location};
pub use notes::NoteCommand;
pub use notes::phrase_tint;
use reader::Reader;
pub use shell::failure::Failure;
pub use shell::keys::{Shortcut, keys_label, shortcuts};
pub use shell::layout::Side;
use shell::profile::Profile;
pub use shell::renderer::Renderer;
pub use shell::state::{Settings, ThemeChoice};

use meetpack_core::model::{DocId, Pack, TableId};

/// The pack shown when `meetpack` is started without a file, so a newcomer sees a real
/// pack at once.
pub const SAMPLE_NAME: &str = "Sample pack (Education and Children's Services, Dec 2023)";
pub const SAMPLE_TEXT: &str = include_str!("../../../seeds/000_4a9d1e279dbb7497.txt");

/// Asks before opening a link whose words are not its address, showing where it goes.
fn confirm_url_ui(ctx: &egui::Context, url: &str, out: &mut Vec<Command>) {
    let response = egui::Modal::new(egui::Id::unique("meetpack-confirm-url")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.label("This link's words are not its address. It goes to:");
        ui.add(egui::Label::new(egui::RichText::new(url).monospace()).wrap());
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Open").clicked() {
                out.push(Command::OpenUrl(url.to_string()));
            }
            ui.button("Cancel").clicked()
        })
        .inner
    });
    if response.inner || response.should_close() {
        out.push(Command::CancelUrl);
    }
}

/// What the notes and the library draw inside the reader, joined here so that the reader
/// imports neither.
struct ReaderExtras<'a> {
    marks: &'a notes::Marks,
    phrases: &'a notes::Phrases,
    last_time: Option<&'a library::last_time::LastTimeCards>,
}

impl reader::Extras for ReaderExtras<'_> {
    fn decorate(
        &self,
        ui: &Ui,
        doc: DocId,
        item: reader::Item,
        rect: egui::Rect,
        background: egui::layers::ShapeIdx,
        out: &mut Vec<Command>,
    ) {
        notes::decorate(ui, self.marks, doc, item, rect, background, out);
    }

    fn agenda_card_ui(&self, ui: &mut Ui, cx: &mut reader::Cx<'_>, index: usize, on_paper: bool) {
        if let Some(cards) = self.last_time {
            library::last_time::card_ui(cards, ui, cx, index, on_paper);
        }
    }

    fn paper_card_ui(&self, ui: &mut Ui, cx: &mut reader::Cx<'_>) {
        if let Some(cards) = self.last_time {
            library::last_time::paper_card_ui(cards, ui, cx);
        }
    }

    fn marked_words(
        &self,
        visuals: &egui::Visuals,
        doc: DocId,
        block: usize,
        part: usize,
        out: &mut Vec<(std::ops::Range<usize>, reader::Wash)>,
    ) {
        notes::marked_words(self.phrases, visuals, doc, block, part, out);
    }
}

/// Everything a widget can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Visit a place (recorded in the history).
    Go(Location),
    /// Visit a place and mark a query's matches there, as a find-in-pack hit does.
    GoAndFind(Location, String),
    /// Open an agenda item's paper (or the item on the front sheet when it has none).
    OpenAgendaItem(usize),
    Back,
    Forward,
    /// Ctrl+Down / Ctrl+Up: the next or previous agenda item.
    StepAgendaItem {
        forward: bool,
    },
    OpenFileDialog,
    OpenPath(PathBuf),
    OpenSample,
    OpenUrl(String),
    /// A link whose words are not its address: show the address before opening it.
    ConfirmUrl(String),
    CancelUrl,
    CopyTable {
        doc: DocId,
        table: TableId,
    },
    /// Ctrl+C: the text selected in the reader to the clipboard.
    CopySelection,
    SaveTableCsv {
        doc: DocId,
        table: TableId,
    },
    SetTheme(ThemeChoice),
    Zoom(ZoomStep),
    /// Page Up/Down, Home/End in the reader.
    Scroll(ScrollStep),
    OpenFind,
    CloseFind,
    FindStep {
        forward: bool,
    },
    DismissMessage,
    /// Stop opening a file (the current pack stays).
    CancelLoad,
    /// Ctrl+G: ask for a page number.
    OpenGoToPage,
    /// Show a PDF page (1-based, physical).
    GoToPage(u32),
    /// F8: show or hide the original PDF page beside the text.
    TogglePageView,
    /// File ▸ Export… (`print: false`) or File ▸ Print….
    OpenExport {
        print: bool,
    },
    /// Make the export the dialog asked for.
    Export(packtools::export_dialog::Request),
    /// Find in pack, the Decisions view (see `packtools`).
    Tool(packtools::Tool),
    /// F9: show or hide the contents tree.
    ToggleTree,
    /// Show a panel that yielded to a tab over the text, or hide it again.
    PeekPanel(Side),
    /// Help ▸ About MeetPack.
    ShowAbout,
    CloseAbout,
    /// The notes panel, menu and editor (`notes_panel`).
    Notes(NoteCommand),
    /// Help ▸ Keyboard shortcuts (F1).
    ShowShortcuts,
    CloseShortcuts,
    /// Leave the "could not open" page for the pack that was open before.
    DismissFailure,
    /// The library's home screen, search and indexing (`library_home`).
    Library(LibraryCommand),
    /// The library's answers: the Last time card, People, Compare, Decisions across
    /// meetings (`library_panels`).
    Answers(AnswerCommand),
    Quit,
}

impl Command {
    /// Whether the reader goes somewhere else.
    fn moves_on(&self) -> bool {
        matches!(
            self,
            Command::Go(_)
                | Command::OpenAgendaItem(_)
                | Command::Back
                | Command::Forward
                | Command::StepAgendaItem { .. }
                | Command::GoToPage(_)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrollStep {
    PageUp,
    PageDown,
    Top,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoomStep {
    In,
    Out,
    Reset,
}

/// A line shown above the reader: an error (the file could not be opened) or a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

pub struct MeetPackApp {
    pack: Option<Pack>,
    name: String,
    path: Option<PathBuf>,
    pub settings: Settings,
    /// eframe's settings file, beside which each save writes an atomic copy (only for the
    /// window eframe starts: the tests' apps write nothing of the user's).
    settings_file: Option<PathBuf>,
    history: History,
    reader: reader::Reader,
    tree: navigation::tree::Tree,
    find: reader::find::Find,
    tools: packtools::Tools,
    goto: navigation::pages::GoToPage,
    page_view: reader::page_view::PageView,
    /// A scan shown as its pages (no pack: it has no text); `pack` is `None` meanwhile.
    scan: Option<reader::scan::ScanView>,
    notes: notes::Notes,
    export: packtools::export_dialog::ExportDialog,
    /// MeetPack's own file chooser, while it is open (where the desktop has no dialog).
    chooser: shell::chooser::Chooser,
    loader: Option<loading::loader::Loader>,
    message: Option<Message>,
    commands: Vec<Command>,
    title: String,
    profile: Option<Profile>,
    /// The agenda item last opened, for Ctrl+Down/Up on the front sheet (where the
    /// scroll position cannot say: a short sheet does not scroll).
    agenda_cursor: Option<usize>,
    about_visible: bool,
    /// A link waiting for the reader to confirm its address.
    confirm_url: Option<String>,
    /// While a long PDF's first pages are shown and the rest is read: how many pages.
    early_pages: Option<u32>,
    shortcuts_visible: bool,
    /// The file that could not be opened: while set, the window says so instead of
    /// showing the previous pack.
    failure: Option<shell::failure::Failure>,
    /// Where the library's index and folder list are (`MEETPACK_LIBRARY`, else the
    /// user's default; None without a home folder). Library panels open their own
    /// connections from it on worker threads.
    library_paths: Option<meetpack_core::library::LibraryPaths>,
    library: library::home::LibraryView,
    answers: library::Answers,
    /// Files that a second `meetpack FILE` handed to this window (see `run`).
    inbox: Option<std::sync::mpsc::Receiver<PathBuf>>,
    /// Kept while the window is open; dropping it removes the socket file.
    #[cfg(any(unix, windows))]
    instance: Option<meetpack_core::desktop::instance::Server>,
    /// The first frame and the work that waits for it (`startup`).
    startup: shell::startup::Startup,
    /// Which side panels stand beside the reader this frame (`shell::layout`).
    layout: shell::layout::Layout,
    /// Where the toolbar was drawn (tests check nothing in it overlaps).
    toolbar_rect: egui::Rect,
}

impl MeetPackApp {
    /// An app with no pack and default settings.
    fn empty() -> Self {
        Self {
            pack: None,
            name: String::new(),
            path: None,
            settings: Settings::default(),
            settings_file: None,
            history: History::default(),
            reader: reader::Reader::default(),
            tree: navigation::tree::Tree::default(),
            find: reader::find::Find::default(),
            tools: packtools::Tools::default(),
            goto: navigation::pages::GoToPage::default(),
            page_view: reader::page_view::PageView::default(),
            scan: None,
            notes: notes::Notes::for_user(),
            export: packtools::export_dialog::ExportDialog::default(),
            chooser: shell::chooser::Chooser::default(),
            loader: None,
            message: None,
            commands: Vec::new(),
            title: String::new(),
            profile: None,
            agenda_cursor: None,
            about_visible: false,
            confirm_url: None,
            early_pages: None,
            shortcuts_visible: false,
            failure: None,
            library_paths: meetpack_core::library::LibraryPaths::from_env(),
            library: library::home::LibraryView::default(),
            answers: library::Answers::default(),
            inbox: None,
            #[cfg(any(unix, windows))]
            instance: None,
            startup: shell::startup::Startup::default(),
            layout: shell::layout::Layout::default(),
            toolbar_rect: egui::Rect::NOTHING,
        }
    }

    /// The app showing the bundled sample pack.
    pub fn with_sample() -> Self {
        Self::from_bytes(SAMPLE_NAME, SAMPLE_TEXT.as_bytes())
    }

    /// The app showing a pack parsed from bytes on this thread (tests, benchmarks). A file
    /// that cannot be read leaves an app with no pack, showing the failure.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Self {
        let mut app = Self::empty();
        match loading::loader::load_bytes(name, bytes, None) {
            Ok(loaded) => app.finish_load(Ok(loaded)),
            Err(err) => app.failure = Some(shell::failure::Failure::new(name, None, &err)),
        }
        app
    }

    /// The app as eframe starts it: settings restored, then the given file, the last pack
    /// read, or (on a first run) the sample, each opened on the loader's thread.
    ///
    /// Only what the first frame needs is done here (`startup`): nothing is parsed before
    /// it. Work that can wait (an index update, a folder watcher) is queued with
    /// `defer` and starts in `after_first_frame`, once the first frame is on screen.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let mut app = Self::empty();
        shell::startup::install_fonts(&cc.egui_ctx);
        // eframe's settings file: `persistence_path` is not set, so it is in storage_dir.
        let file =
            eframe::storage_dir(meetpack_core::desktop::APP_ID).map(|dir| dir.join("app.ron"));
        let restored = shell::restore::restore(cc.storage, file.as_deref());
        app.settings_file = file;
        if let Some(settings) = restored.settings {
            app.settings = settings;
            app.restore_position();
        }
        if let Some(text) = restored.notice {
            app.notice(text);
        }
        cc.egui_ctx.set_zoom_factor(app.settings.clamped_zoom());
        cc.egui_ctx.set_theme(app.settings.theme.to_egui());
        let last = app.settings.recent.first().filter(|p| p.is_file()).cloned();
        // Without a pack to reopen, someone with a library starts at its home screen; a
        // newcomer sees the sample.
        let has_library = app
            .library_paths
            .as_ref()
            .is_some_and(|p| p.folders.is_file());
        match path.or(last) {
            Some(path) => app.open_path(path, &cc.egui_ctx),
            None if has_library => {}
            None => app.open_sample(&cc.egui_ctx),
        }
        // The library's index update waits until the first frame is on screen.
        app.defer(shell::startup::Deferred::StartLibrary);
        app.profile = Profile::from_env();
        app
    }

    // ---- state for tests and callers -------------------------------------------------

    pub fn pack(&self) -> Option<&Pack> {
        self.pack.as_ref()
    }

    pub fn current_location(&self) -> Option<Location> {
        self.history.current()
    }

    pub fn current_doc(&self) -> Option<DocId> {
        self.history.current().map(|l| l.doc)
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The file that could not be opened, while the window says so.
    pub fn failure(&self) -> Option<&Failure> {
        self.failure.as_ref()
    }

    /// Whether the pack is a PDF read from a file, so its original pages can be shown
    /// beside the text (F8).
    pub fn has_pdf_pages(&self) -> bool {
        self.path.is_some()
            && self
                .pack
                .as_ref()
                .is_some_and(|p| p.source.pages.is_some_and(|n| n > 0))
    }

    /// The scan shown (a PDF of page images, opened as its pages), if any.
    pub fn scan(&self) -> Option<&loading::loader::Scan> {
        self.scan.as_ref().map(|s| &s.scan)
    }

    /// Whether the scan shown has drawn its page `page` (1-based).
    pub fn scan_shows(&self, page: u32) -> bool {
        self.scan.as_ref().is_some_and(|s| s.has_page(page))
    }

    /// Whether the original-page view is open and has drawn PDF page `page`.
    pub fn page_view_shows(&self, page: u32) -> bool {
        self.page_view.visible && self.page_view.has_page(page)
    }

    /// The original page's zoom, as a percentage of its panel's width (100 fits it).
    pub fn page_view_zoom(&self) -> u32 {
        self.page_view.zoom_percent()
    }

    /// Uses the library at `paths` instead of the user's (tests).
    pub fn set_library_paths(&mut self, paths: meetpack_core::library::LibraryPaths) {
        self.library_paths = Some(paths);
    }

    pub fn library_paths(&self) -> Option<&meetpack_core::library::LibraryPaths> {
        self.library_paths.as_ref()
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// What the reader shows at the top of its view: the anchor of the top item, how far
    /// that item starts above the view's edge, and the scroll offset (all as drawn on the
    /// last frame).
    pub fn reader_view(&self) -> (Anchor, f32, f32) {
        (
            self.reader.top_anchor(),
            self.reader.top_inset,
            self.reader.offset(),
        )
    }

    /// The heading block the breadcrumb and the tree name as the section being read.
    pub fn current_heading(&self) -> Option<usize> {
        let doc = self.pack.as_ref()?.document(self.reader.doc()?)?;
        self.reader.current_heading(doc)
    }

    /// The width the reader's prose wrapped at on the last frame (right of its number
    /// gutter), in points.
    pub fn reader_width(&self) -> f32 {
        self.reader.text_width()
    }

    /// The width of a character of the reader's body text ("0"), in points.
    pub fn reader_char_width(&self) -> f32 {
        self.layout.char_width()
    }

    /// The side panels beside the reader on the last frame.
    pub fn docked_panels(&self) -> Vec<Side> {
        self.layout.docked().collect()
    }

    /// The open side panels that yielded to a tab on the last frame (not enough room).
    pub fn yielded_panels(&self) -> &[Side] {
        self.layout.yielded()
    }

    /// The yielded panel shown over the text from its tab, if any.
    pub fn peeked_panel(&self) -> Option<Side> {
        self.layout.peek()
    }

    /// How wide a side panel beside the reader was drawn on the last frame.
    pub fn panel_width(&self, side: Side) -> Option<f32> {
        self.layout.drawn_width(side)
    }

    /// The text selected in the reader, as Ctrl+C copies it.
    pub fn selected_text(&self) -> Option<String> {
        self.reader.selected_text(self.pack.as_ref()?)
    }

    /// Where characters `chars` of text `part` (0: the main text, else a field's value) of
    /// block `block` of document `doc` were drawn on the last frame, one rectangle a row.
    pub fn text_rects(
        &self,
        doc: DocId,
        block: usize,
        part: usize,
        chars: std::ops::Range<usize>,
    ) -> Vec<egui::Rect> {
        if self.reader.doc() != Some(doc) {
            return Vec::new();
        }
        self.reader.text_rects(block, part, chars)
    }

    /// The toolbar's rectangle on the last frame.
    pub fn toolbar_rect(&self) -> egui::Rect {
        self.toolbar_rect
    }

    pub fn is_tree_visible(&self) -> bool {
        self.settings.tree_visible
    }

    /// How many matches Find has in the current document.
    pub fn find_matches(&self) -> usize {
        self.find.matches.len()
    }

    pub fn pack_name(&self) -> &str {
        &self.name
    }

    /// Starts opening a file in the background; the current pack stays until it is done.
    /// The library's screen gives way: the file asked for is what the window shows, not a
    /// pack loading behind the listing.
    pub fn open_path(&mut self, path: PathBuf, ctx: &egui::Context) {
        self.library.visible = false;
        self.drop_first_look();
        let ctx = ctx.clone();
        self.loader = Some(loading::loader::Loader::open_path(path, move || {
            ctx.request_repaint()
        }));
    }

    /// Starts parsing the bundled sample in the background, as a file.
    pub fn open_sample(&mut self, ctx: &egui::Context) {
        self.drop_first_look();
        let ctx = ctx.clone();
        self.loader = Some(loading::loader::Loader::open_bytes(
            SAMPLE_NAME,
            SAMPLE_TEXT.as_bytes(),
            move || ctx.request_repaint(),
        ));
    }

    /// Queues a command as if a widget had emitted it.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    // ---- the frame ---------------------------------------------------------------------

    /// Draws the whole window into `ui` and applies the frame's commands. Needs no
    /// `eframe::Frame`, so benchmarks can run it headless with `Context::run_ui`.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if ctx.options(|o| o.zoom_with_keyboard) {
            // Zoom keys are in our shortcut list, with our limits and the level shown.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.after_first_frame(&ctx);
        self.poll_loader();
        self.poll_inbox(&ctx);
        self.poll_library(&ctx);
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        if let Some(pack) = &self.pack {
            self.tree.refresh(pack, self.reader.doc());
            self.tree.keyboard(&ctx, &mut self.commands);
        }
        self.refresh_find();
        self.answers_begin_frame();
        if !self.opening_ui(ui) {
            self.panels_ui(ui);
        }
        self.decisions_ui(&ctx);
        self.diagnostics_ui(&ctx);
        self.answers_ui(&ctx);
        if self.about_visible {
            shell::about::about_ui(&ctx, &mut self.commands);
        }
        if let Some(url) = &self.confirm_url {
            confirm_url_ui(&ctx, url, &mut self.commands);
        }
        self.notes.overlays_ui(&ctx, &mut self.commands);
        if let Some((path, purpose)) = self.chooser.show(&ctx) {
            self.chosen(path, purpose, &ctx);
        }
        if self.shortcuts_visible {
            shell::keys::shortcuts_ui(&ctx, &mut self.commands);
        }
        self.apply_commands(&ctx);
        self.remember_position();
        self.update_title(&ctx);
        self.settings.zoom = ctx.zoom_factor();
    }

    fn panels_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            let state = shell::toolbar::MenuState {
                has_pack: self.pack.is_some(),
                has_pdf_pages: self.has_pdf_pages(),
                page_view: self.page_view.visible,
                scan: self.scan.is_some(),
                has_selection: self.reader.has_selection(),
            };
            shell::toolbar::menu_ui(ui, &self.settings, state, &mut self.commands);
        });
        let toolbar = egui::Panel::top("toolbar").show(ui, |ui| {
            if self.scan.is_some() && !self.library.visible {
                shell::toolbar::scan_toolbar_ui(ui, &mut self.commands);
                return;
            }
            let crumbs =
                shell::toolbar::Crumbs::of(self.pack.as_ref(), &self.history, &self.reader);
            shell::toolbar::toolbar_ui(
                ui,
                &self.history,
                &crumbs,
                &self.settings,
                self.pack.as_ref().map_or(0, |p| p.diagnostics.len()),
                &mut self.commands,
            );
        });
        self.toolbar_rect = toolbar.response.rect;
        if self.find.visible {
            egui::Panel::top("find").show(ui, |ui| {
                shell::toolbar::find_ui(ui, &mut self.find, &mut self.commands);
            });
        }
        if self.message.is_some() || self.loader.is_some() {
            egui::Panel::top("status").show(ui, |ui| {
                shell::toolbar::status_ui(
                    ui,
                    self.message.as_ref(),
                    self.loader.as_ref().map(|l| (l, self.early_pages)),
                    &mut self.commands,
                );
            });
        }
        if let Some(failure) = &self.failure {
            let previous = self
                .pack
                .as_ref()
                .map(|p| shell::title::pack_title(p, &self.name));
            egui::CentralPanel::default().show(ui, |ui| {
                shell::failure::failure_ui(ui, failure, previous.as_deref(), &mut self.commands);
            });
            return;
        }
        if self.library_visible() {
            self.library_ui(ui);
            return;
        }
        if let Some(scan) = &mut self.scan {
            egui::CentralPanel::default().show(ui, |ui| scan.ui(ui));
            shell::toolbar::drop_hint_ui(ui);
            return;
        }
        if self.pack.is_none() {
            return;
        }
        self.side_panels_ui(ui);
        let Some(pack) = &self.pack else {
            return;
        };
        egui::CentralPanel::default().show(ui, |ui| {
            let extras = ReaderExtras {
                marks: &self.notes.marks,
                phrases: &self.notes.phrases,
                // The Last time cards only with a library to ask.
                last_time: self.library_paths.as_ref().map(|_| &self.answers.last_time),
            };
            self.reader
                .ui(ui, pack, &self.find, &extras, &mut self.commands);
        });
        self.goto.ui(ui, Some(pack), &mut self.commands);
        self.export.ui(ui.ctx(), pack, &mut self.commands);
        shell::toolbar::drop_hint_ui(ui);
    }

    /// The side panels asked to be open, whether or not they fit beside the reader.
    fn open_sides(&self) -> Vec<Side> {
        [
            (Side::Tree, self.settings.tree_visible),
            // A text pack has no original pages: no panel at all (not an empty one). The
            // setting stays, so the next PDF opened shows its pages again.
            (
                Side::PageView,
                self.page_view.visible && self.has_pdf_pages(),
            ),
            (Side::FindPack, self.tools.find_pack.visible),
            (Side::Notes, self.notes.visible),
        ]
        .into_iter()
        .filter_map(|(side, open)| open.then_some(side))
        .collect()
    }

    /// The side panels: those that leave the reader its column beside it, the others as
    /// tabs under it, one of them shown over the text from its tab (`shell::layout`).
    /// Drawn before the reader, which takes what they leave.
    fn side_panels_ui(&mut self, ui: &mut Ui) {
        let open = self.open_sides();
        let char_width = shell::layout::body_char_width(ui);
        self.layout.plan(&open, ui.available_width(), char_width);
        if !self.layout.yielded().is_empty() {
            egui::Panel::bottom("panel_tabs").show(ui, |ui| {
                shell::layout::tabs_ui(ui, &self.layout, &mut self.commands);
            });
        }
        // The first drawn is the outermost: the contents at the left edge, the original
        // page at the right edge, then find in pack and Notes nearest the reader.
        for side in [Side::Tree, Side::PageView, Side::FindPack, Side::Notes] {
            let Some(cap) = self.layout.cap(side) else {
                continue;
            };
            let default = match side {
                Side::Tree => self.settings.tree_width,
                _ => side.default_width(),
            };
            let rect = shell::layout::dock(ui, side, default, cap, |ui| self.side_ui(ui, side));
            if let Some(width) = self.layout.drawn(ui, side, rect)
                && side == Side::Tree
            {
                // The contents panel's edge was dragged: its width is kept in the settings,
                // so the next start opens it as wide.
                self.settings.tree_width = width;
            }
        }
        if let Some(side) = self.layout.peek() {
            let ctx = ui.ctx().clone();
            if !shell::layout::peek_window(&ctx, side, |ui| self.side_ui(ui, side)) {
                self.layout.close_peek();
            }
        }
    }

    /// One side panel's contents, wherever it is shown.
    fn side_ui(&mut self, ui: &mut Ui, side: Side) {
        let Some(pack) = &self.pack else {
            return;
        };
        match side {
            Side::Tree => {
                let section = self
                    .reader
                    .doc()
                    .and_then(|id| pack.document(id))
                    .and_then(|doc| self.reader.current_heading(doc));
                self.tree.ui(ui, section, &mut self.commands);
            }
            Side::PageView => self.page_view_ui(ui),
            Side::Notes => self.notes.contents_ui(ui, pack, &mut self.commands),
            Side::FindPack => self
                .tools
                .find_pack
                .contents_ui(ui, pack, &mut self.commands),
        }
    }

    /// The original PDF page, in step with the reader (F8).
    fn page_view_ui(&mut self, ui: &mut Ui) {
        let (Some(pack), Some(path)) = (&self.pack, &self.path) else {
            return;
        };
        let total = pack.source.pages.unwrap_or(0);
        let page = self
            .reader
            .doc()
            .and_then(|id| pack.document(id))
            .and_then(|doc| navigation::pages::current_page(pack, doc, &self.reader));
        match page {
            Some(page) if total > 0 => self.page_view.ui(ui, path, page, total),
            _ => {
                ui.label("This place has no page in the PDF.");
            }
        }
    }

    fn show_location(&mut self, location: Location) {
        let Some(pack) = &self.pack else {
            return;
        };
        let Some(doc) = pack.document(location.doc) else {
            return;
        };
        self.reader.show_location(pack, doc, location.anchor);
    }

    /// Visits a place, first noting where the reader was so Back returns there.
    fn go(&mut self, location: Location) {
        if let Some(here) = self.history.current() {
            self.history.update_current(Location {
                doc: here.doc,
                anchor: self.reader.top_anchor(),
            });
        }
        self.history.visit(location);
        self.show_location(location);
    }

    fn refresh_find(&mut self) {
        let (Some(pack), Some(doc_id)) = (&self.pack, self.reader.doc()) else {
            return;
        };
        if !self.find.visible || !self.find.is_stale(doc_id.0) {
            return;
        }
        let Some(doc) = pack.document(doc_id) else {
            return;
        };
        let texts = meetpack_core::views::shown::drawn_texts(pack, doc, &self.reader.items);
        self.find
            .recompute(doc_id.0, texts.iter().map(|(i, p, t)| (*i, *p, t.as_str())));
        match self.find.current_match() {
            Some(m) => self.reader.reveal_match(m.item),
            // No match (or no query): back to where the reader was when Find opened, not
            // left on what an earlier, shorter query matched.
            None => self.reader.return_to_find_origin(),
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, ctx);
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let open_before = self.open_sides();
        self.apply_command(command, ctx);
        // A panel the user just opened shows over the text at once if it has no room
        // beside it, rather than as a tab that is easy to miss (Ctrl+Shift+F at 800 px).
        for side in self.open_sides() {
            if !open_before.contains(&side) {
                self.layout.opened(side);
            }
        }
        // A note just written is shown in the panel, over the text if it has yielded.
        if self.notes.take_reveal() {
            self.layout.opened(Side::Notes);
        }
    }

    fn apply_command(&mut self, command: Command, ctx: &egui::Context) {
        if command.moves_on() && self.message.as_ref().is_some_and(|m| !m.is_error) {
            // A notice is about what was just done: moving on answers it.
            self.message = None;
        }
        if self.scan.is_some() && !self.library.visible {
            // A scan has no text: what needs it says why it does nothing; the keys that
            // scroll the reader scroll the pages.
            if let Some(why) = reader::scan::refused(&command) {
                self.notice(why.into());
                return;
            }
            if let (Command::Scroll(step), Some(scan)) = (&command, &mut self.scan) {
                scan.scroll(*step);
                return;
            }
        }
        match command {
            Command::Go(location) => self.go(location),
            Command::GoAndFind(location, query) => {
                self.go(location);
                // The reader's Find marks the match, starting at the passage clicked.
                let item = self.reader.item_for(location.anchor);
                self.find.open_with_text(&query, item);
                self.reader.forget_find_origin();
            }
            Command::OpenAgendaItem(i) => self.open_agenda_item(i),
            Command::Back => {
                self.note_position();
                if let Some(location) = self.history.back() {
                    self.show_location(location);
                }
            }
            Command::Forward => {
                self.note_position();
                if let Some(location) = self.history.forward() {
                    self.show_location(location);
                }
            }
            Command::StepAgendaItem { forward } => self.step_agenda_item(forward),
            Command::OpenFileDialog => self.open_dialog(ctx),
            Command::OpenPath(path) => self.open_path(path, ctx),
            Command::OpenSample => self.open_sample(ctx),
            Command::OpenUrl(url) => {
                self.confirm_url = None;
                self.open_url(ctx, url);
            }
            Command::ConfirmUrl(url) => {
                self.confirm_url = Some(url);
                // The question is drawn on the next frame.
                ctx.request_repaint();
            }
            Command::CancelUrl => self.confirm_url = None,
            Command::CopyTable { doc, table } => self.copy_table(ctx, doc, table),
            Command::CopySelection => {
                if let Some(text) = self
                    .pack
                    .as_ref()
                    .and_then(|p| self.reader.selected_text(p))
                {
                    ctx.copy_text(text);
                }
            }
            Command::SaveTableCsv { doc, table } => self.save_table(doc, table),
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.to_egui());
            }
            Command::Zoom(step) => zoom(ctx, step),
            Command::Scroll(step) => match step {
                ScrollStep::PageUp => self.reader.page(false),
                ScrollStep::PageDown => self.reader.page(true),
                ScrollStep::Top => self.reader.scroll_to_item(0),
                ScrollStep::End => self.reader.scroll_to_end(),
            },
            Command::OpenFind => {
                if !self.find.visible {
                    self.reader.mark_find_origin();
                }
                self.find.open();
            }
            Command::CloseFind => {
                self.find.close();
                self.reader.forget_find_origin();
            }
            Command::FindStep { forward } => {
                if let Some(item) = self.find.step(forward).map(|m| m.item) {
                    self.reader.reveal_match(item);
                }
            }
            Command::DismissMessage => self.message = None,
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::OpenGoToPage => self.goto.open(),
            Command::TogglePageView if self.pack.is_some() && !self.has_pdf_pages() => {
                self.notice("This pack is text, not a PDF: it has no original pages.".into());
            }
            Command::TogglePageView => self.page_view.toggle(),
            Command::GoToPage(page) => {
                if let Some(target) = self
                    .pack
                    .as_ref()
                    .and_then(|p| navigation::pages::location_of_page(p, page))
                {
                    self.go(target);
                }
            }
            Command::OpenExport { print } => self.open_export(print),
            Command::Export(request) => self.run_export(&request),
            Command::Tool(tool) => self.apply_tool(tool),
            Command::ToggleTree => self.settings.tree_visible = !self.settings.tree_visible,
            Command::PeekPanel(side) => self.layout.toggle_peek(side),
            Command::ShowAbout => self.about_visible = true,
            Command::CloseAbout => self.about_visible = false,
            Command::Notes(command) => self.apply_notes(command),
            Command::ShowShortcuts => self.shortcuts_visible = true,
            Command::CloseShortcuts => self.shortcuts_visible = false,
            Command::DismissFailure => self.failure = None,
            Command::Library(command) => self.apply_library(command, ctx),
            Command::Answers(command) => self.apply_answers(command, ctx),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn note_position(&mut self) {
        if let Some(here) = self.history.current() {
            self.history.update_current(Location {
                doc: here.doc,
                anchor: self.reader.top_anchor(),
            });
        }
    }

    fn open_agenda_item(&mut self, index: usize) {
        let Some(pack) = &self.pack else {
            return;
        };
        let Some(item) = pack.agenda.get(index) else {
            return;
        };
        let target = match (item.documents.first(), pack.front_sheet()) {
            (Some(doc), _) => Location::top(*doc),
            (None, Some(sheet)) => Location {
                doc: sheet.id,
                anchor: Anchor::AgendaItem(index),
            },
            (None, None) => return,
        };
        self.agenda_cursor = Some(index);
        self.go(target);
    }

    /// The agenda item the reader is on: the item a paper belongs to, or the item at the
    /// top of the front sheet.
    fn current_agenda_item(&self) -> Option<usize> {
        let pack = self.pack.as_ref()?;
        let doc = pack.document(self.current_doc()?)?;
        if doc.kind == meetpack_core::model::DocKind::Agenda {
            return match self.reader.top_anchor() {
                Anchor::AgendaItem(i) => Some(i),
                _ => self.agenda_cursor,
            };
        }
        meetpack_core::views::shown::agenda_of(pack, doc).map(|(i, _)| i)
    }

    fn step_agenda_item(&mut self, forward: bool) {
        let count = self.pack.as_ref().map_or(0, |p| p.agenda.len());
        if count == 0 {
            return;
        }
        let next = match (self.current_agenda_item(), forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(count - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.open_agenda_item(next);
    }

    fn table(&self, doc: DocId, table: TableId) -> Option<&meetpack_core::model::Table> {
        self.pack.as_ref()?.document(doc)?.table(table)
    }

    fn copy_table(&mut self, ctx: &egui::Context, doc: DocId, table: TableId) {
        let Some(t) = self.table(doc, table) else {
            return;
        };
        ctx.copy_text(t.to_tsv());
        self.notice(format!("Copied a table of {} rows as TSV.", t.body.len()));
    }

    fn save_table(&mut self, doc: DocId, table: TableId) {
        let Some(t) = self.table(doc, table) else {
            return;
        };
        let csv = t.to_csv();
        let suggested = format!("table-{}.csv", table.0 + 1);
        self.save_csv("Save table as CSV", &suggested, &csv);
    }

    /// Opens a web or e-mail link; any other scheme in a pack's text (`file:`, a custom
    /// protocol handler) is not opened, and the message says so.
    fn open_url(&mut self, ctx: &egui::Context, url: String) {
        if meetpack_core::views::openable_link(&url) {
            ctx.open_url(egui::OpenUrl::new_tab(url));
        } else {
            self.message = Some(Message {
                text: format!("MeetPack opens only web and e-mail links, not {url}"),
                is_error: true,
            });
        }
    }

    fn notice(&mut self, text: String) {
        self.message = Some(Message {
            text,
            is_error: false,
        });
    }

    pub fn is_about_visible(&self) -> bool {
        self.about_visible
    }

    pub fn is_shortcuts_visible(&self) -> bool {
        self.shortcuts_visible
    }
}

/// Zoom limits: below half size text is unreadable; above three times a line no longer
/// fits a laptop screen.
pub const ZOOM_MIN: f32 = 0.5;
pub const ZOOM_MAX: f32 = 3.0;

fn zoom(ctx: &egui::Context, step: ZoomStep) {
    let z = ctx.zoom_factor();
    let next = match step {
        ZoomStep::In => z * 1.1,
        ZoomStep::Out => z / 1.1,
        ZoomStep::Reset => 1.0,
    };
    // Snap to whole per cents so 10 steps in and out come back to 100 %.
    let next = (next * 100.0).round() / 100.0;
    ctx.set_zoom_factor(next.clamp(ZOOM_MIN, ZOOM_MAX));
}

impl eframe::App for MeetPackApp {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        self.show(ui);
        let cpu = frame.info().cpu_usage;
        if let Some(profile) = &mut self.profile {
            // Keep frames coming so the period measures the renderer, not idle time.
            ui.ctx().request_repaint();
            if profile.frame(cpu) {
                eprintln!("{}", profile.report_with_atlas(ui.ctx()));
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                self.profile = None;
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
        // eframe writes its file in place; the atomic copy survives a torn write.
        if let Some(file) = &self.settings_file
            && let Err(err) = shell::restore::save_safe_copy(file, &self.settings)
        {
            self.notice(format!(
                "The settings could not be saved safely beside {}: {err}",
                file.display()
            ));
        }
    }
}

/// The library reads each PDF in a process of `exe` (the binary's worker subcommand), so
/// a PDF that spins or allocates without end is stopped rather than the indexer.
pub fn use_library_worker(exe: PathBuf) {
    library::index::use_worker(exe);
}

/// Opens the viewer window: `path` or the bundled sample, drawn with `renderer`.
pub fn run(path: Option<PathBuf>, renderer: Renderer) -> anyhow::Result<()> {
    shell::profile::start();
    // One window per session: a window already open takes the file, and this process ends.
    #[cfg(any(unix, windows))]
    let server = {
        use meetpack_core::desktop::instance;
        let socket = instance::socket_path();
        if let (Some(socket), Some(file)) = (&socket, &path)
            && matches!(instance::forward(socket, file), Ok(true))
        {
            return Ok(());
        }
        socket.and_then(|s| instance::Server::bind(&s).ok())
    };
    shell::profile::mark("single-instance check");
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("MeetPack")
        .with_app_id(meetpack_core::desktop::APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = shell::about::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: match renderer {
            Renderer::Glow => eframe::Renderer::Glow,
            Renderer::Wgpu => eframe::Renderer::Wgpu,
        },
        ..eframe::NativeOptions::default()
    };
    shell::profile::mark("window options");
    eframe::run_native(
        "MeetPack",
        options,
        Box::new(move |cc| {
            shell::profile::mark("window and GL context");
            #[cfg_attr(not(any(unix, windows)), expect(unused_mut))]
            let mut app = MeetPackApp::new(cc, path);
            shell::profile::mark("app state (settings, load started)");
            #[cfg(any(unix, windows))]
            if let Some(server) = server {
                app.defer(shell::startup::Deferred::Listen(server));
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the window ({renderer} renderer): {err}"))
}

#[cfg(test)]
mod tests {
    /// Every symbol the interface draws must be in the bundled fonts, or it shows as a box
    /// (with the fonts as the app installs them: some found on demand, see `startup`).
    #[test]
    fn interface_symbols_are_in_the_bundled_fonts() {
        let ctx = egui::Context::default();
        super::shell::startup::install_fonts(&ctx);
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .drop_without_applying_deltas();
        let missing: String = ctx.fonts_mut(|f| {
            "⏴⏵⏷✔⚠ℹ›⊞•·…–—×“”"
                .chars()
                .filter(|c| !f.has_glyph(&egui::FontId::proportional(14.0), *c))
                .collect()
        });
        assert_eq!(missing, "");
    }

    #[test]
    fn renderer_names_parse() {
        use super::Renderer;
        assert_eq!("glow".parse::<Renderer>(), Ok(Renderer::Glow));
        assert_eq!("WGPU".parse::<Renderer>(), Ok(Renderer::Wgpu));
        assert!("vulkan".parse::<Renderer>().is_err());
    }
}
