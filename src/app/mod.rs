//! The desktop viewer. It reads a [`Pack`] and never parses text itself: parsing happens
//! once per load, on a worker thread ([`loader`]).
//!
//! Widgets never change the app while it is being drawn: they push [`Command`]s, which
//! are applied once at the end of the frame.

mod about;
mod blocks;
mod cards;
mod decisions_panel;
mod export;
mod export_dialog;
mod find;
mod find_pack;
mod jump;
mod loader;
mod nav;
mod notes_panel;
mod packtools;
mod page_view;
mod pages;
mod reader;
mod restore;
mod rich;
mod state;
mod table_view;
mod toolbar;
mod tree;

use std::path::PathBuf;
use std::time::Instant;

use egui::{Key, Modifiers, PointerButton, Ui};

pub use loader::Loaded;
pub use nav::{Anchor, History, Location};
pub use notes_panel::NoteCommand;
use reader::Reader;
pub use state::{Settings, ThemeChoice};

use crate::model::{DocId, Pack, TableId};

/// The pack shown when `meetpack` is started without a file, so a newcomer sees a real
/// pack at once.
pub const SAMPLE_NAME: &str = "Sample pack (Education and Children's Services, Dec 2023)";
pub const SAMPLE_TEXT: &str = include_str!("../../seeds/000_4a9d1e279dbb7497.txt");

/// Which eframe renderer draws the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Renderer {
    /// OpenGL. The default: under software rendering (virtual desktops without a GPU) it
    /// is several times cheaper per frame than wgpu (measured under Xvfb with Mesa's
    /// llvmpipe: about 19 ms against 65–101 ms a frame).
    #[default]
    Glow,
    Wgpu,
}

impl std::str::FromStr for Renderer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "glow" | "gl" | "opengl" => Ok(Renderer::Glow),
            "wgpu" => Ok(Renderer::Wgpu),
            other => Err(format!("unknown renderer {other:?}: use glow or wgpu")),
        }
    }
}

impl std::fmt::Display for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        })
    }
}

/// Everything a widget can ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Visit a place (recorded in the history).
    Go(Location),
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
    CopyTable {
        doc: DocId,
        table: TableId,
    },
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
    Export(export_dialog::Request),
    /// Find in pack, the Decisions view (see `packtools`).
    Tool(packtools::Tool),
    /// Help ▸ About MeetPack.
    ShowAbout,
    CloseAbout,
    /// The notes panel, menu and editor (`notes_panel`).
    Notes(NoteCommand),
    Quit,
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

/// Frame timing printed when `MEETPACK_PROFILE_FRAMES=N` is set: used to compare the
/// renderers under software rendering (see `run`).
struct Profile {
    frames: u32,
    started: Instant,
    first_frame: Option<f64>,
    /// When the second frame starts, the first one has been presented.
    first_present: Option<f64>,
    last: Option<Instant>,
    periods: Vec<f64>,
    cpu: Vec<f32>,
}

pub struct MeetPackApp {
    pack: Option<Pack>,
    name: String,
    path: Option<PathBuf>,
    pub settings: Settings,
    history: History,
    reader: reader::Reader,
    tree: tree::Tree,
    find: find::Find,
    tools: packtools::Tools,
    goto: pages::GoToPage,
    page_view: page_view::PageView,
    notes: notes_panel::Notes,
    export: export_dialog::ExportDialog,
    loader: Option<loader::Loader>,
    message: Option<Message>,
    commands: Vec<Command>,
    title: String,
    profile: Option<Profile>,
    /// The agenda item last opened, for Ctrl+Down/Up on the front sheet (where the
    /// scroll position cannot say: a short sheet does not scroll).
    agenda_cursor: Option<usize>,
    about_visible: bool,
    /// Files that a second `meetpack FILE` handed to this window (see `run`).
    inbox: Option<std::sync::mpsc::Receiver<PathBuf>>,
    /// Kept while the window is open; dropping it removes the socket file.
    #[cfg(unix)]
    instance: Option<crate::desktop::instance::Server>,
}

impl MeetPackApp {
    /// An app with no pack and default settings.
    fn empty() -> Self {
        Self {
            pack: None,
            name: String::new(),
            path: None,
            settings: Settings::default(),
            history: History::default(),
            reader: reader::Reader::default(),
            tree: tree::Tree::default(),
            find: find::Find::default(),
            tools: packtools::Tools::default(),
            goto: pages::GoToPage::default(),
            page_view: page_view::PageView::default(),
            notes: notes_panel::Notes::for_user(),
            export: export_dialog::ExportDialog::default(),
            loader: None,
            message: None,
            commands: Vec::new(),
            title: String::new(),
            profile: None,
            agenda_cursor: None,
            about_visible: false,
            inbox: None,
            #[cfg(unix)]
            instance: None,
        }
    }

    /// The app showing the bundled sample pack.
    pub fn with_sample() -> Self {
        Self::from_bytes(SAMPLE_NAME, SAMPLE_TEXT.as_bytes())
    }

    /// The app showing a pack parsed from bytes on this thread (tests, benchmarks). A file
    /// that cannot be read leaves an app with no pack and the error as its message.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Self {
        let mut app = Self::empty();
        app.finish_load(loader::load_bytes(name, bytes, None));
        app
    }

    /// The app as eframe starts it: settings restored, then the given file (opened in the
    /// background) or the sample.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        // Nothing is parsed before the first frame: a given file (or the last pack read)
        // opens on the loader's thread; the sample only when there is neither.
        let mut app = Self::empty();
        // eframe's settings file: `persistence_path` is not set, so it is in storage_dir.
        let file = eframe::storage_dir(crate::desktop::APP_ID).map(|dir| dir.join("app.ron"));
        let restored = restore::restore(cc.storage, file.as_deref());
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
        match path.or(last) {
            Some(path) => app.open_path(path, &cc.egui_ctx),
            None => {
                app.finish_load(loader::load_bytes(
                    SAMPLE_NAME,
                    SAMPLE_TEXT.as_bytes(),
                    None,
                ));
                app.restore_position();
            }
        }
        app.profile = profile_from_env();
        if app.profile.is_some() {
            // Profile the heaviest view: the longest document of the pack.
            app.open_longest_document();
        }
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

    /// Whether the original-page view is open and has drawn PDF page `page`.
    pub fn page_view_shows(&self, page: u32) -> bool {
        self.page_view.visible && self.page_view.has_page(page)
    }

    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// How many matches Find has in the current document.
    pub fn find_matches(&self) -> usize {
        self.find.matches.len()
    }

    pub fn pack_name(&self) -> &str {
        &self.name
    }

    /// Starts opening a file in the background; the current pack stays until it is done.
    pub fn open_path(&mut self, path: PathBuf, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.loader = Some(loader::Loader::open_path(path, move || {
            ctx.request_repaint()
        }));
    }

    /// Shows the document with the most lines (used to profile the heaviest view).
    pub fn open_longest_document(&mut self) {
        let longest = self.pack.as_ref().and_then(|p| {
            p.documents
                .iter()
                .max_by_key(|d| d.lines.last().saturating_sub(d.lines.first()))
                .map(|d| d.id)
        });
        if let Some(id) = longest {
            self.go(Location::top(id));
        }
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
        self.poll_loader();
        self.poll_inbox(&ctx);
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        if let Some(pack) = &self.pack {
            self.tree.refresh(pack, self.reader.doc());
            self.tree.keyboard(&ctx, &mut self.commands);
        }
        self.refresh_find();
        self.panels_ui(ui);
        self.decisions_ui(&ctx);
        if self.about_visible {
            about::about_ui(&ctx, &mut self.commands);
        }
        self.notes.overlays_ui(&ctx, &mut self.commands);
        self.apply_commands(&ctx);
        self.remember_position();
        self.update_title(&ctx);
        self.settings.zoom = ctx.zoom_factor();
    }

    fn panels_ui(&mut self, ui: &mut Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            toolbar::menu_ui(ui, &self.settings, self.pack.is_some(), &mut self.commands);
        });
        egui::Panel::top("toolbar").show(ui, |ui| {
            let crumbs = toolbar::Crumbs::of(self.pack.as_ref(), &self.history, &self.reader);
            toolbar::toolbar_ui(
                ui,
                &self.history,
                &crumbs,
                &self.settings,
                &mut self.commands,
            );
        });
        if self.find.visible {
            egui::Panel::top("find").show(ui, |ui| {
                toolbar::find_ui(ui, &mut self.find, &mut self.commands);
            });
        }
        if self.message.is_some() || self.loader.is_some() {
            egui::Panel::top("status").show(ui, |ui| {
                toolbar::status_ui(
                    ui,
                    self.message.as_ref(),
                    self.loader.as_ref(),
                    &mut self.commands,
                );
            });
        }
        let Some(pack) = &self.pack else {
            let loading = self.loader.is_some();
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(if loading {
                        "Reading the pack: it appears here as soon as it is read."
                    } else {
                        "Open a meeting pack with File › Open (Ctrl+O), or drop one on the window."
                    });
                });
            });
            return;
        };
        egui::Panel::left("tree")
            .resizable(true)
            .default_size(self.settings.tree_width)
            .size_range(180.0..=700.0)
            .show(ui, |ui| {
                let section = self
                    .reader
                    .doc()
                    .and_then(|id| pack.document(id))
                    .and_then(|doc| self.reader.current_heading(doc));
                self.tree.ui(ui, section, &mut self.commands);
            });
        self.page_view_ui(ui);
        self.find_pack_ui(ui);
        let Some(pack) = &self.pack else {
            return;
        };
        self.notes.panel_ui(ui, pack, &mut self.commands);
        egui::CentralPanel::default().show(ui, |ui| {
            let marks = &self.notes.marks;
            self.reader
                .ui(ui, pack, &self.find, marks, &mut self.commands);
        });
        self.goto.ui(ui, Some(pack), &mut self.commands);
        self.export.ui(ui.ctx(), pack, &mut self.commands);
        toolbar::drop_hint_ui(ui);
    }

    /// The original PDF page on the right, in step with the reader (F8).
    fn page_view_ui(&mut self, ui: &mut Ui) {
        let (Some(pack), Some(path)) = (&self.pack, &self.path) else {
            return;
        };
        if !self.page_view.visible {
            return;
        }
        let total = pack.source.pages.unwrap_or(0);
        let page = self
            .reader
            .doc()
            .and_then(|id| pack.document(id))
            .and_then(|doc| pages::current_page(pack, doc, &self.reader));
        egui::Panel::right("page_view")
            .resizable(true)
            .default_size(460.0)
            .size_range(240.0..=1200.0)
            .show(ui, |ui| match page {
                Some(page) if total > 0 => self.page_view.ui(ui, path, page, total),
                _ => {
                    ui.label("This pack is text, not a PDF: there is no original page to show.");
                }
            });
    }

    /// Keyboard and mouse shortcuts that work anywhere. Taken before the tree sees arrows,
    /// so Alt+Left is Back rather than "collapse".
    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // Space and Home/End belong to a widget focused with Tab (Space presses buttons).
        let focused = ctx.memory(|m| m.focused().is_some());
        let out = &mut self.commands;
        ctx.input_mut(|i| {
            let cmd = Modifiers::COMMAND;
            if i.consume_key(cmd, Key::O) {
                out.push(Command::OpenFileDialog);
            }
            // Before Ctrl+F, which an extra Shift would also match.
            if i.consume_key(cmd | Modifiers::SHIFT, Key::F) {
                out.push(Command::Tool(packtools::Tool::OpenFindPack));
            }
            if i.consume_key(cmd, Key::F) {
                out.push(Command::OpenFind);
            }
            if i.consume_key(cmd, Key::G) {
                out.push(Command::OpenGoToPage);
            }
            if i.consume_key(Modifiers::NONE, Key::F8) {
                out.push(Command::TogglePageView);
            }
            if i.consume_key(cmd, Key::P) {
                out.push(Command::OpenExport { print: true });
            }
            if i.consume_key(cmd, Key::Q) {
                out.push(Command::Quit);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowLeft)
                || i.pointer.button_pressed(PointerButton::Extra1)
            {
                out.push(Command::Back);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowRight)
                || i.pointer.button_pressed(PointerButton::Extra2)
            {
                out.push(Command::Forward);
            }
            if i.consume_key(cmd, Key::ArrowDown) {
                out.push(Command::StepAgendaItem { forward: true });
            }
            if i.consume_key(cmd, Key::ArrowUp) {
                out.push(Command::StepAgendaItem { forward: false });
            }
            if i.consume_key(Modifiers::SHIFT, Key::F3) {
                out.push(Command::FindStep { forward: false });
            } else if i.consume_key(Modifiers::NONE, Key::F3) {
                out.push(Command::FindStep { forward: true });
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::CloseFind);
            }
            notes_panel::shortcuts(i, out);
            if !typing && !focused {
                page_keys(i, out);
            }
        });
    }

    /// One pack is shown at a time: of several files dropped at once the first opens, and
    /// the notice names the others so none is dropped without a word.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        let Some((first, others)) = dropped.split_first() else {
            return;
        };
        self.commands.push(Command::OpenPath(first.clone()));
        if !others.is_empty() {
            self.notice(dropped_notice(first, others));
        }
    }

    fn poll_loader(&mut self) {
        let Some(loader) = &mut self.loader else {
            return;
        };
        if let Some(result) = loader.poll() {
            self.loader = None;
            self.finish_load(result);
        }
    }

    /// Shows a loaded pack, or the error while keeping the current pack open.
    fn finish_load(&mut self, result: Result<Loaded, String>) {
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(err) => {
                self.message = Some(Message {
                    text: format!("Could not open {err}"),
                    is_error: true,
                });
                return;
            }
        };
        if let Some(path) = &loaded.path {
            self.settings.remember_recent(path);
        }
        self.notes
            .load(&loaded.pack, loaded.path.as_deref(), &loaded.name);
        self.pack = Some(loaded.pack);
        self.name = loaded.name;
        self.path = loaded.path;
        // A load that worked answers an earlier "could not open"; a notice (settings that
        // could not be read, files dropped but not opened) stays until dismissed.
        if self.message.as_ref().is_some_and(|m| m.is_error) {
            self.message = None;
        }
        self.reader.reset();
        self.tree.reset();
        self.find.close();
        self.tools.reset();
        self.history = History::default();
        self.agenda_cursor = None;
        self.restore_position();
    }

    /// Opens the pack where the user left it, or at its front sheet.
    fn restore_position(&mut self) {
        let Some(pack) = &self.pack else {
            return;
        };
        let key = state::position_key(self.path.as_deref());
        let saved = self.settings.positions.get(&key).copied();
        let start = saved
            .filter(|p| (p.doc as usize) < pack.documents.len())
            .map(|p| Location {
                doc: DocId(p.doc),
                anchor: p.block.map_or(Anchor::Top, Anchor::Block),
            })
            .or_else(|| {
                pack.front_sheet()
                    .or(pack.documents.first())
                    .map(|d| Location::top(d.id))
            });
        let Some(start) = start else {
            return;
        };
        self.history = History::new(start);
        self.show_location(start);
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
        let texts = reader::searchable_texts(pack, doc, &self.reader.items);
        self.find
            .recompute(doc_id.0, texts.iter().map(|(i, p, t)| (*i, *p, t.as_str())));
        if let Some(m) = self.find.current_match() {
            self.reader.scroll_to_item(m.item);
        }
    }

    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, ctx);
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Go(location) => self.go(location),
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
            Command::OpenSample => {
                let loaded = loader::load_bytes(SAMPLE_NAME, SAMPLE_TEXT.as_bytes(), None);
                self.finish_load(loaded);
            }
            Command::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
            Command::CopyTable { doc, table } => self.copy_table(ctx, doc, table),
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
            Command::OpenFind => self.find.open(),
            Command::CloseFind => self.find.close(),
            Command::FindStep { forward } => {
                if let Some(item) = self.find.step(forward).map(|m| m.item) {
                    self.reader.scroll_to_item(item);
                }
            }
            Command::DismissMessage => self.message = None,
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::OpenGoToPage => self.goto.open(),
            Command::TogglePageView => self.page_view.toggle(),
            Command::GoToPage(page) => {
                if let Some(target) = self
                    .pack
                    .as_ref()
                    .and_then(|p| pages::location_of_page(p, page))
                {
                    self.go(target);
                }
            }
            Command::OpenExport { print } => self.open_export(print),
            Command::Export(request) => self.run_export(&request),
            Command::Tool(tool) => self.apply_tool(tool),
            Command::ShowAbout => self.about_visible = true,
            Command::CloseAbout => self.about_visible = false,
            Command::Notes(command) => self.apply_notes(command),
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
        if doc.kind == crate::model::DocKind::Agenda {
            return match self.reader.top_anchor() {
                Anchor::AgendaItem(i) => Some(i),
                _ => self.agenda_cursor,
            };
        }
        cards::agenda_of(pack, doc).map(|(i, _)| i)
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

    fn open_dialog(&mut self, ctx: &egui::Context) {
        let picked = rfd::FileDialog::new()
            .set_title("Open a meeting pack")
            .add_filter(
                "Meeting packs (*.pdf *.txt *.md)",
                &["pdf", "txt", "text", "md"],
            )
            .add_filter("All files", &["*"])
            .pick_file();
        if let Some(path) = picked {
            self.open_path(path, ctx);
        }
    }

    fn table(&self, doc: DocId, table: TableId) -> Option<&crate::model::Table> {
        self.pack.as_ref()?.document(doc)?.table(table)
    }

    fn copy_table(&mut self, ctx: &egui::Context, doc: DocId, table: TableId) {
        let Some(t) = self.table(doc, table) else {
            return;
        };
        ctx.copy_text(t.to_tsv());
        self.notice(format!("Copied a table of {} rows as TSV.", t.rows.len()));
    }

    fn save_table(&mut self, doc: DocId, table: TableId) {
        let Some(t) = self.table(doc, table) else {
            return;
        };
        let csv = t.to_csv();
        let suggested = format!("table-{}.csv", table.0 + 1);
        let picked = rfd::FileDialog::new()
            .set_title("Save table as CSV")
            .set_file_name(suggested)
            .add_filter("CSV", &["csv"])
            .save_file();
        let Some(path) = picked else {
            return;
        };
        match export::write_atomic(&path, csv.as_bytes()) {
            Ok(()) => self.notice(format!("Saved {}", path.display())),
            Err(err) => {
                self.message = Some(Message {
                    text: format!("Could not save {}: {err}", path.display()),
                    is_error: true,
                });
            }
        }
    }

    fn notice(&mut self, text: String) {
        self.message = Some(Message {
            text,
            is_error: false,
        });
    }

    /// Keeps the reading position of this pack up to date for the next run.
    fn remember_position(&mut self) {
        let Some(doc) = self.reader.doc() else {
            return;
        };
        let block = match self.reader.top_anchor() {
            Anchor::Block(b) => Some(b),
            _ => None,
        };
        let key = state::position_key(self.path.as_deref());
        self.settings
            .positions
            .insert(key, state::SavedPosition { doc: doc.0, block });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.pack {
            Some(pack) => window_title(pack, &self.name),
            None => "MeetPack".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn window_title(&self) -> &str {
        &self.title
    }

    pub fn is_about_visible(&self) -> bool {
        self.about_visible
    }

    /// Opens the files a second `meetpack FILE` sends to `server`'s socket in this window.
    #[cfg(unix)]
    fn listen(&mut self, server: crate::desktop::instance::Server, ctx: &egui::Context) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let served = server.serve(move |path| {
            // The window may be closing: then the file has nowhere to go.
            if tx.send(path).is_ok() {
                ctx.request_repaint();
            }
        });
        if served.is_ok() {
            self.inbox = Some(rx);
            self.instance = Some(server);
        }
    }

    fn poll_inbox(&mut self, ctx: &egui::Context) {
        let Some(inbox) = &self.inbox else {
            return;
        };
        let mut received = false;
        while let Ok(path) = inbox.try_recv() {
            self.commands.push(Command::OpenPath(path));
            received = true;
        }
        if received {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }
}

/// "Showing a.pdf, the first file dropped. MeetPack shows one pack at a time: 2 other
/// dropped files were not opened (b.pdf, c.txt)."
fn dropped_notice(first: &std::path::Path, others: &[PathBuf]) -> String {
    const NAMED: usize = 3;
    let mut names: Vec<String> = others
        .iter()
        .take(NAMED)
        .map(|p| loader::display_name(p))
        .collect();
    if others.len() > NAMED {
        names.push(format!("and {} more", others.len() - NAMED));
    }
    let count = match others.len() {
        1 => "1 other dropped file was".to_string(),
        n => format!("{n} other dropped files were"),
    };
    format!(
        "Showing {}, the first file dropped. MeetPack shows one pack at a time: {count} not \
         opened ({}).",
        loader::display_name(first),
        names.join(", ")
    )
}

/// "Committee — Thursday 21 December 2023 — MeetPack", falling back to the file name.
fn window_title(pack: &Pack, name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &pack.meta.committee {
        Some(c) => parts.push(c.clone()),
        None if !name.is_empty() => parts.push(name.to_string()),
        None => {}
    }
    if let Some(d) = &pack.meta.date {
        parts.push(cards::long_date(d));
    }
    parts.push("MeetPack".into());
    parts.join(" — ")
}

/// Page Up/Down (and Space), Home/End scroll the reader.
fn page_keys(i: &mut egui::InputState, out: &mut Vec<Command>) {
    let keys = [
        (Key::PageDown, ScrollStep::PageDown),
        (Key::Space, ScrollStep::PageDown),
        (Key::PageUp, ScrollStep::PageUp),
        (Key::Home, ScrollStep::Top),
        (Key::End, ScrollStep::End),
    ];
    for (key, step) in keys {
        if i.consume_key(Modifiers::NONE, key) {
            out.push(Command::Scroll(step));
        }
    }
}

fn zoom(ctx: &egui::Context, step: ZoomStep) {
    let z = ctx.zoom_factor();
    let next = match step {
        ZoomStep::In => z * 1.1,
        ZoomStep::Out => z / 1.1,
        ZoomStep::Reset => 1.0,
    };
    ctx.set_zoom_factor(next.clamp(0.5, 3.0));
}

fn profile_from_env() -> Option<Profile> {
    let frames = std::env::var("MEETPACK_PROFILE_FRAMES")
        .ok()?
        .parse()
        .ok()?;
    Some(Profile {
        frames,
        started: *PROCESS_START.get_or_init(Instant::now),
        first_frame: None,
        first_present: None,
        last: None,
        periods: Vec::new(),
        cpu: Vec::new(),
    })
}

static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

impl Profile {
    /// Records one frame; returns true when enough frames were seen.
    fn frame(&mut self, cpu: Option<f32>) -> bool {
        let now = Instant::now();
        if self.first_frame.is_none() {
            self.first_frame = Some(now.duration_since(self.started).as_secs_f64() * 1e3);
        }
        if self.last.is_some() && self.first_present.is_none() {
            self.first_present = Some(now.duration_since(self.started).as_secs_f64() * 1e3);
        }
        if let Some(last) = self.last {
            let period = now.duration_since(last).as_secs_f64() * 1e3;
            self.periods.push(period);
        }
        self.cpu.extend(cpu);
        self.last = Some(now);
        self.periods.len() as u32 >= self.frames
    }

    fn report(&self) -> String {
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let mut sorted = self.periods.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let cpu: Vec<f64> = self.cpu.iter().map(|c| f64::from(*c) * 1e3).collect();
        format!(
            "startup_to_first_ui_ms={:.1} startup_to_first_present_ms={:.1} frames={} mean_frame_ms={:.2} median_frame_ms={:.2} mean_cpu_ms={:.2}",
            self.first_frame.unwrap_or(0.0),
            self.first_present.unwrap_or(0.0),
            self.periods.len(),
            mean(&self.periods),
            median,
            mean(&cpu)
        )
    }
}

impl eframe::App for MeetPackApp {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        self.show(ui);
        let cpu = frame.info().cpu_usage;
        if let Some(profile) = &mut self.profile {
            // Keep frames coming so the period measures the renderer, not idle time.
            ui.ctx().request_repaint();
            if profile.frame(cpu) {
                eprintln!("{}", profile.report());
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                self.profile = None;
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// Opens the viewer window: `path` or the bundled sample, drawn with `renderer`.
pub fn run(path: Option<PathBuf>, renderer: Renderer) -> anyhow::Result<()> {
    PROCESS_START.get_or_init(Instant::now);
    // One window per session: a window already open takes the file, and this process ends.
    #[cfg(unix)]
    let server = {
        use crate::desktop::instance;
        let socket = instance::socket_path();
        if let (Some(socket), Some(file)) = (&socket, &path)
            && matches!(instance::forward(socket, file), Ok(true))
        {
            return Ok(());
        }
        socket.and_then(|s| instance::Server::bind(&s).ok())
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("MeetPack")
        .with_app_id(crate::desktop::APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    if let Some(icon) = about::window_icon() {
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
    eframe::run_native(
        "MeetPack",
        options,
        Box::new(move |cc| {
            #[cfg_attr(not(unix), expect(unused_mut))]
            let mut app = MeetPackApp::new(cc, path);
            #[cfg(unix)]
            if let Some(server) = server {
                app.listen(server, &cc.egui_ctx);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("could not open the window ({renderer} renderer): {err}"))
}

#[cfg(test)]
mod tests {
    /// Every symbol the interface draws must be in the bundled fonts, or it shows as a box.
    #[test]
    fn interface_symbols_are_in_the_bundled_fonts() {
        let ctx = egui::Context::default();
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .drop_without_applying_deltas();
        let missing: String = ctx.fonts_mut(|f| {
            let chars = f.characters(&egui::FontFamily::Proportional).clone();
            "⏴⏵⏷✔⚠ℹ›⊞•·…–—×“”"
                .chars()
                .filter(|c| !chars.contains_key(c))
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
