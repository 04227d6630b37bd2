//! The bars around the reader: menu, toolbar with history arrows and breadcrumb, the find
//! bar, the status line (errors, progress) and the drop hint.

use egui::{RichText, Ui};

use crate::loading::loader::{Loader, Stage};
use crate::navigation::nav::{Anchor, History, Location};
use crate::reader::Reader;
use crate::reader::find::Find;
use crate::shell::state::{Settings, ThemeChoice};
use crate::{Command, Message, ZoomStep};
use meetpack_core::model::Pack;
use meetpack_core::text::truncate;

/// What the menus enable and tick besides the settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct MenuState {
    pub has_pack: bool,
    /// The pack is a PDF opened from a file: its original pages can be shown (F8).
    pub has_pdf_pages: bool,
    /// The original-page panel is on.
    pub page_view: bool,
    /// A scan is shown: the items that need text are off, and the View menu says why.
    pub scan: bool,
    /// Text is selected in the reader (Copy is on).
    pub has_selection: bool,
}

pub fn menu_ui(ui: &mut Ui, settings: &Settings, state: MenuState, out: &mut Vec<Command>) {
    let has_pack = state.has_pack;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, settings, has_pack, out));
        ui.menu_button("View", |ui| view_menu_ui(ui, settings, state, out));
        ui.menu_button("Library", |ui| library_menu_ui(ui, out));
        ui.menu_button("Help", |ui| {
            let keys = egui::Button::new("Keyboard shortcuts").shortcut_text("F1");
            if ui.add(keys).clicked() {
                out.push(Command::ShowShortcuts);
            }
            if ui.button("About MeetPack").clicked() {
                out.push(Command::ShowAbout);
            }
        });
    });
}

fn file_menu_ui(ui: &mut Ui, settings: &Settings, has_pack: bool, out: &mut Vec<Command>) {
    if ui
        .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
        .clicked()
    {
        out.push(Command::OpenFileDialog);
    }
    ui.menu_button("Open Recent", |ui| {
        if settings.recent.is_empty() {
            ui.label(RichText::new("No recent packs").weak());
        }
        for path in &settings.recent {
            let response = ui
                .button(settings.recent_label(path))
                .on_hover_text(path.display().to_string());
            if response.clicked() {
                out.push(Command::OpenPath(path.clone()));
            }
        }
    });
    if ui.button("Open the sample pack").clicked() {
        out.push(Command::OpenSample);
    }
    ui.separator();
    if ui.button("Add folder to library…").clicked() {
        out.push(Command::Library(crate::LibraryCommand::AddFolderDialog));
    }
    if ui
        .button("Update library")
        .on_hover_text("Index new and changed packs in the library's folders now")
        .clicked()
    {
        out.push(Command::Library(crate::LibraryCommand::Update));
    }
    ui.separator();
    if ui
        .add_enabled(has_pack, egui::Button::new("Export…"))
        .clicked()
    {
        out.push(Command::OpenExport { print: false });
    }
    let print = egui::Button::new("Print…").shortcut_text("Ctrl+P");
    if ui.add_enabled(has_pack, print).clicked() {
        out.push(Command::OpenExport { print: true });
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
        .clicked()
    {
        out.push(Command::Quit);
    }
}

/// The library's screens: its home and search (`library_home`), then the answers across
/// meetings (`library_panels`).
fn library_menu_ui(ui: &mut Ui, out: &mut Vec<Command>) {
    if ui
        .add(egui::Button::new("Library home").shortcut_text("Ctrl+L"))
        .clicked()
    {
        out.push(Command::Library(crate::LibraryCommand::Toggle));
    }
    if ui
        .add(egui::Button::new("Search the library…").shortcut_text("Ctrl+K"))
        .clicked()
    {
        out.push(Command::Library(crate::LibraryCommand::Search));
    }
    ui.separator();
    crate::library::menu_ui(ui, out);
}

fn view_menu_ui(ui: &mut Ui, settings: &Settings, state: MenuState, out: &mut Vec<Command>) {
    let has_pack = state.has_pack;
    if state.scan {
        ui.label(RichText::new("This PDF is a scan: no text to find, list or note").weak());
        ui.separator();
    }
    let find = egui::Button::new("Find…").shortcut_text("Ctrl+F");
    if ui.add_enabled(has_pack, find).clicked() {
        out.push(Command::OpenFind);
    }
    let find_pack = egui::Button::new("Find in pack…").shortcut_text("Ctrl+Shift+F");
    if ui.add_enabled(has_pack, find_pack).clicked() {
        out.push(Command::Tool(crate::packtools::Tool::OpenFindPack));
    }
    if ui
        .add_enabled(has_pack, egui::Button::new("Decisions"))
        .clicked()
    {
        out.push(Command::Tool(crate::packtools::Tool::ShowDecisions));
    }
    if ui
        .add_enabled(has_pack, egui::Button::new("Places to check"))
        .clicked()
    {
        out.push(Command::Tool(crate::packtools::Tool::ShowDiagnostics));
    }
    let tree =
        egui::Button::selectable(settings.tree_visible, "Contents panel").shortcut_text("F9");
    if ui.add(tree).clicked() {
        out.push(Command::ToggleTree);
    }
    let page =
        egui::Button::selectable(state.has_pdf_pages && state.page_view, "Original PDF page")
            .shortcut_text("F8");
    let page = ui.add_enabled(state.has_pdf_pages, page);
    let page = if state.has_pdf_pages {
        page.on_hover_text("Show the PDF page beside the text")
    } else {
        page.on_disabled_hover_text("Only a PDF pack has original pages")
    };
    if page.clicked() {
        out.push(Command::TogglePageView);
    }
    ui.separator();
    let copy = egui::Button::new("Copy selected text").shortcut_text("Ctrl+C");
    if ui.add_enabled(state.has_selection, copy).clicked() {
        out.push(Command::CopySelection);
    }
    use meetpack_core::notes::NoteKind;
    let notes = [
        (
            "Note on selection or passage…",
            "Ctrl+Shift+N",
            NoteKind::Note,
        ),
        (
            "Highlight selection or passage",
            "Ctrl+Shift+H",
            NoteKind::Highlight,
        ),
        (
            "Bookmark selection or passage",
            "Ctrl+D",
            NoteKind::Bookmark,
        ),
    ];
    for (label, shortcut, kind) in notes {
        let button = egui::Button::new(label).shortcut_text(shortcut);
        let response = ui
            .add_enabled(has_pack, button)
            .on_hover_text("The words selected in the text, else the passage you clicked last");
        if response.clicked() {
            out.push(Command::Notes(crate::NoteCommand::AddHere(kind)));
        }
    }
    ui.separator();
    for (label, shortcut, step) in [
        ("Zoom in", "Ctrl++", ZoomStep::In),
        ("Zoom out", "Ctrl+-", ZoomStep::Out),
        ("Actual size", "Ctrl+0", ZoomStep::Reset),
    ] {
        if ui
            .add(egui::Button::new(label).shortcut_text(shortcut))
            .clicked()
        {
            out.push(Command::Zoom(step));
        }
    }
    ui.separator();
    ui.label(RichText::new("Theme").weak());
    for theme in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
        if ui.radio(settings.theme == theme, theme.label()).clicked() {
            out.push(Command::SetTheme(theme));
        }
    }
}

/// The breadcrumb: Pack ▸ Item 4 ▸ Family Valued Programme ▸ 5 Family Group Conferencing.
pub struct Crumbs {
    pub parts: Vec<(String, Command)>,
    /// The PDF page being read ("PDF page 5 of 20"), for a PDF.
    pub page: Option<String>,
}

impl Crumbs {
    pub fn of(pack: Option<&Pack>, history: &History, reader: &Reader) -> Self {
        let mut parts = Vec::new();
        let (Some(pack), Some(here)) = (pack, history.current()) else {
            return Self { parts, page: None };
        };
        if let Some(sheet) = pack.front_sheet() {
            parts.push(("Pack".to_string(), Command::Go(Location::top(sheet.id))));
        }
        let Some(doc) = pack.document(here.doc) else {
            return Self { parts, page: None };
        };
        if let Some((index, item)) = meetpack_core::views::shown::agenda_of(pack, doc) {
            parts.push((
                format!("Item {}", item.number),
                Command::OpenAgendaItem(index),
            ));
        }
        parts.push((
            truncate(&doc.title, 60).into_owned(),
            Command::Go(Location::top(doc.id)),
        ));
        if reader.doc() == Some(doc.id)
            && let Some(b) = reader.current_heading(doc)
            && let Some((_, _, label)) = doc.headings().find(|(i, _, _)| *i == b)
        {
            let go = Command::Go(Location {
                doc: doc.id,
                anchor: Anchor::Block(b),
            });
            parts.push((truncate(&label, 60).into_owned(), go));
        }
        let page = crate::navigation::pages::page_label(pack, doc, reader);
        Self { parts, page }
    }
}

pub fn toolbar_ui(
    ui: &mut Ui,
    history: &History,
    crumbs: &Crumbs,
    settings: &Settings,
    diagnostics: usize,
    out: &mut Vec<Command>,
) {
    // One row: the zoom buttons first, at the right, so they keep their room; the buttons
    // and then the breadcrumb share what is left, the breadcrumb cut to fit, so nothing runs
    // under the zoom buttons. A narrow window gets the short labels.
    ui.horizontal(|ui| {
        let narrow = ui.available_width() < 1000.0;
        // Tighter still (800 px at 200 %): Library, Notes, Decisions and the places to check
        // move into a "More" menu, and the page number into it as "Go to page…".
        if ui.available_width() < 700.0 {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                zoom_ui(ui, out);
                ui.separator();
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    tight_buttons_ui(ui, history, crumbs, settings, diagnostics, out);
                });
            });
            return;
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            zoom_ui(ui, out);
            ui.separator();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                buttons_ui(ui, history, crumbs, settings, diagnostics, narrow, out);
                ui.separator();
                breadcrumb_ui(ui, crumbs, out);
            });
        });
    });
}

/// The toolbar over a scan: Library and the zoom only. The contents, notes and decisions
/// need text a scan does not have, so they are not offered (the banner says why).
pub fn scan_toolbar_ui(ui: &mut Ui, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            zoom_ui(ui, out);
            ui.separator();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let library = ui.button("Library").on_hover_text(
                    "Every meeting in your library, and search across them (Ctrl+L, Ctrl+K)",
                );
                if library.clicked() {
                    out.push(Command::Library(crate::LibraryCommand::Toggle));
                }
                ui.separator();
                ui.label(RichText::new("Scan: pages only, no text").weak());
            });
        });
    });
}

/// Library, Contents, Back/Forward, the page, Notes, Decisions and the places to check.
fn buttons_ui(
    ui: &mut Ui,
    history: &History,
    crumbs: &Crumbs,
    settings: &Settings,
    diagnostics: usize,
    narrow: bool,
    out: &mut Vec<Command>,
) {
    let library = ui
        .button("Library")
        .on_hover_text("Every meeting in your library, and search across them (Ctrl+L, Ctrl+K)");
    if library.clicked() {
        out.push(Command::Library(crate::LibraryCommand::Toggle));
    }
    history_buttons_ui(ui, history, settings, narrow, out);
    ui.separator();
    if let Some(page) = &crumbs.page {
        let label = ui.add(egui::Button::new(page).frame(false));
        if label.on_hover_text("Go to page (Ctrl+G)").clicked() {
            out.push(Command::OpenGoToPage);
        }
        if ui
            .button(if narrow { "Page" } else { "Original page" })
            .on_hover_text("Show the PDF page beside the text (F8)")
            .clicked()
        {
            out.push(Command::TogglePageView);
        }
        ui.separator();
    }
    if ui
        .button("Notes")
        .on_hover_text("Show or hide your notes, highlights and bookmarks")
        .clicked()
    {
        out.push(Command::Notes(crate::NoteCommand::TogglePanel));
    }
    if ui
        .button("Decisions")
        .on_hover_text("What each item's papers ask, beside what the minutes decided")
        .clicked()
    {
        out.push(Command::Tool(crate::packtools::Tool::ShowDecisions));
    }
    if diagnostics > 0 {
        let badge = crate::packtools::diagnostics::badge_label(diagnostics);
        if ui
            .button(badge)
            .on_hover_text("Places where MeetPack was unsure how to read this pack")
            .clicked()
        {
            out.push(Command::Tool(crate::packtools::Tool::ShowDiagnostics));
        }
    }
}

/// Contents, Back and Forward; `narrow`: the arrows alone, which still tell a screen reader
/// "⏴ Back" and "Forward ⏵".
fn history_buttons_ui(
    ui: &mut Ui,
    history: &History,
    settings: &Settings,
    narrow: bool,
    out: &mut Vec<Command>,
) {
    let contents = egui::Button::selectable(settings.tree_visible, "Contents");
    if ui
        .add(contents)
        .on_hover_text("Show or hide the contents panel (F9)")
        .clicked()
    {
        out.push(Command::ToggleTree);
    }
    for (arrow, name, hover, enabled, command) in [
        (
            "⏴",
            "⏴ Back",
            "Back (Alt+Left)",
            history.can_go_back(),
            Command::Back,
        ),
        (
            "⏵",
            "Forward ⏵",
            "Forward (Alt+Right)",
            history.can_go_forward(),
            Command::Forward,
        ),
    ] {
        let label = if narrow { arrow } else { name };
        let button = ui
            .add_enabled(enabled, egui::Button::new(label))
            .on_hover_text(hover);
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, name));
        if button.clicked() {
            out.push(command);
        }
    }
}

/// The toolbar of a very narrow window: Contents, Back, Forward, the original page, and a
/// "More" menu holding the rest.
fn tight_buttons_ui(
    ui: &mut Ui,
    history: &History,
    crumbs: &Crumbs,
    settings: &Settings,
    diagnostics: usize,
    out: &mut Vec<Command>,
) {
    history_buttons_ui(ui, history, settings, true, out);
    if crumbs.page.is_some()
        && ui
            .button("Page")
            .on_hover_text("Show the PDF page beside the text (F8)")
            .clicked()
    {
        out.push(Command::TogglePageView);
    }
    ui.menu_button("More…", |ui| {
        let mut item = |ui: &mut Ui, label: &str, command: Command| {
            if ui.button(label).clicked() {
                out.push(command);
                ui.close();
            }
        };
        item(
            ui,
            "Library",
            Command::Library(crate::LibraryCommand::Toggle),
        );
        if let Some(page) = &crumbs.page {
            item(ui, &format!("Go to page… ({page})"), Command::OpenGoToPage);
        }
        item(ui, "Notes", Command::Notes(crate::NoteCommand::TogglePanel));
        item(
            ui,
            "Decisions",
            Command::Tool(crate::packtools::Tool::ShowDecisions),
        );
        if diagnostics > 0 {
            let badge = crate::packtools::diagnostics::badge_label(diagnostics);
            item(
                ui,
                &badge,
                Command::Tool(crate::packtools::Tool::ShowDiagnostics),
            );
        }
    });
}

/// "− 110 % +": the zoom level, always in sight; the level resets it.
fn zoom_ui(ui: &mut Ui, out: &mut Vec<Command>) {
    let zoom = ui.ctx().zoom_factor();
    let plus = ui.add_enabled(zoom < crate::ZOOM_MAX - 0.001, egui::Button::new("+"));
    if plus.on_hover_text("Zoom in (Ctrl++)").clicked() {
        out.push(Command::Zoom(ZoomStep::In));
    }
    let level = ui.add(egui::Button::new(format!("{:.0} %", zoom * 100.0)).frame(false));
    if level
        .on_hover_text("Text size; click for actual size (Ctrl+0)")
        .clicked()
    {
        out.push(Command::Zoom(ZoomStep::Reset));
    }
    let minus = ui.add_enabled(zoom > crate::ZOOM_MIN + 0.001, egui::Button::new("−"));
    if minus.on_hover_text("Zoom out (Ctrl+-)").clicked() {
        out.push(Command::Zoom(ZoomStep::Out));
    }
}

fn breadcrumb_ui(ui: &mut Ui, crumbs: &Crumbs, out: &mut Vec<Command>) {
    ui.spacing_mut().item_spacing.x = 4.0;
    let last = crumbs.parts.len().saturating_sub(1);
    // No room at all (a narrow window at a large zoom): the tree says where you are.
    if ui.available_width() < 60.0 {
        return;
    }
    // Short of room, the place being read alone.
    let first = if ui.available_width() < 320.0 {
        last
    } else {
        0
    };
    for (i, (label, command)) in crumbs.parts.iter().enumerate().skip(first) {
        if i > first {
            ui.label(RichText::new("›").weak());
        }
        let text = if i == last {
            RichText::new(label).strong()
        } else {
            RichText::new(label)
        };
        // A long title is cut to the room left on the row, its whole name on hover.
        let button = egui::Button::new(text)
            .frame(false)
            .wrap_mode(egui::TextWrapMode::Truncate);
        let response = ui.add(button);
        if response.on_hover_text(label.as_str()).clicked() {
            out.push(command.clone());
        }
    }
}

pub fn find_ui(ui: &mut Ui, find: &mut Find, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let edit = egui::TextEdit::singleline(&mut find.query)
            .hint_text("text in this document")
            .desired_width(260.0);
        let response = ui.add(edit).labelled_by(label.id);
        if find.focus_requested {
            response.request_focus();
            find.focus_requested = false;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            out.push(Command::FindStep { forward: !back });
            response.request_focus();
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            out.push(Command::CloseFind);
        }
        let count = find.matches.len();
        let status = match count {
            0 if find.query.trim().is_empty() => String::new(),
            0 => "No matches".to_string(),
            n => format!("{} of {n}", find.current + 1),
        };
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .clicked()
        {
            out.push(Command::FindStep { forward: false });
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .clicked()
        {
            out.push(Command::FindStep { forward: true });
        }
        ui.label(status);
        if ui.button("Close find").clicked() {
            out.push(Command::CloseFind);
        }
    });
}

pub fn status_ui(
    ui: &mut Ui,
    message: Option<&Message>,
    loader: Option<(&Loader, Option<u32>)>,
    out: &mut Vec<Command>,
) {
    if let Some((loader, early_pages)) = loader {
        ui.horizontal(|ui| {
            ui.spinner();
            let (fraction, what) = crate::shell::startup::stage_text(loader.stage);
            let what = match loader.stage {
                Stage::Extracting(..) => format!("{what} of"),
                _ => what,
            };
            ui.label(format!("{what} {}…", loader.name));
            if let Some(pages) = early_pages {
                ui.label(format!("(showing its first {pages} pages until then)"));
            }
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(200.0)
                    .show_percentage(),
            );
            if ui.button("Cancel").clicked() {
                out.push(Command::CancelLoad);
            }
        });
    }
    if let Some(message) = message {
        ui.horizontal(|ui| {
            let color = if message.is_error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            let icon = if message.is_error { "⚠" } else { "ℹ" };
            ui.label(RichText::new(icon).color(color));
            ui.label(RichText::new(&message.text).color(color));
            if ui.button("Dismiss").clicked() {
                out.push(Command::DismissMessage);
            }
        });
    }
}

/// While a file is dragged over the window, say that dropping it opens it.
pub fn drop_hint_ui(ui: &mut Ui) {
    let hovering = ui.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let rect = ui.ctx().content_rect();
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("meetpack-drop"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop the pack to open it",
        egui::TextStyle::Heading.resolve(ui.style()),
        egui::Color32::WHITE,
    );
}
