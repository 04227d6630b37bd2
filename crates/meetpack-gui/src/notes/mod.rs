//! Notes in the viewer: the Notes panel, the "Add note…/Highlight/Bookmark" menu on a
//! block, the note editor, and the marks the reader draws beside annotated blocks.
//!
//! The notes themselves are [`meetpack_core::notes`]: loaded by meeting when a pack loads,
//! resolved against it, and written atomically on every change (a few kilobytes, flushed
//! in milliseconds, so on the UI thread).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Color32, Id, Key, Pos2, Rect, RichText, Ui, vec2};

use crate::navigation::nav::{Anchor, Location};
use crate::reader::{Item, Reader};
use crate::{Command, MeetPackApp};
use meetpack_core::model::{BlockKind, DocId, Pack, TableId};
use meetpack_core::notes::{
    self, Meeting, Note, NoteKind, NotesFile, ResolvedNote, identity, store,
};

/// What the notes widgets ask for (wrapped in [`Command::Notes`]).
#[derive(Debug, Clone, PartialEq)]
pub enum NoteCommand {
    /// The toolbar's "Notes" button: show or hide the panel.
    TogglePanel,
    /// A right-click on a block: the menu at the pointer.
    OpenMenu {
        doc: DocId,
        block: usize,
        pos: Pos2,
    },
    /// A right-click on a table's body row (index into `Table::body`).
    OpenRowMenu {
        doc: DocId,
        table: TableId,
        row: usize,
        pos: Pos2,
    },
    CloseMenu,
    /// A highlight or bookmark is made at once; a note opens the editor first.
    Add {
        doc: DocId,
        block: usize,
        row: Option<usize>,
        kind: NoteKind,
    },
    /// Ctrl+D, Ctrl+Shift+N: at the block at the top of the reader.
    AddHere(NoteKind),
    /// The editor's "Save note".
    SaveNote,
    CancelNote,
    Delete(String),
    /// A click on a note in the panel: go to its passage.
    Go(String),
}

/// Which kinds of note a block carries, for the reader's gutter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub note: bool,
    pub highlight: bool,
    pub bookmark: bool,
}

/// Marks by (document, block index).
pub type Marks = HashMap<(DocId, usize), Mark>;

struct Target {
    doc: DocId,
    block: usize,
    /// A table's row, when the block is a table.
    row: Option<usize>,
}

struct Menu {
    target: Target,
    pos: Pos2,
}

struct Editor {
    target: Target,
    quote: String,
    text: String,
    focus: bool,
}

/// The notes of the pack shown, and the state of the notes widgets.
#[derive(Default)]
pub struct Notes {
    /// The folder of notes files (`None`: there is none, and notes cannot be kept).
    dir: Option<PathBuf>,
    meeting: Option<Meeting>,
    /// The meeting's notes file in `dir` ([`identity::locate`]), once a pack is loaded.
    path: Option<PathBuf>,
    file: NotesFile,
    resolved: Vec<ResolvedNote>,
    pub marks: Marks,
    pub visible: bool,
    menu: Option<Menu>,
    editor: Option<Editor>,
    /// The last load or save that failed, shown in the panel.
    error: Option<String>,
    /// Ids deleted in this window, so a save does not bring them back from the file.
    deleted: std::collections::HashSet<String>,
}

impl Notes {
    /// The user's notes folder ([`store::default_dir`]).
    pub fn for_user() -> Self {
        Self {
            dir: store::default_dir().ok(),
            ..Self::default()
        }
    }

    /// Reads the notes of the pack: found by the fingerprint of its bytes, its path, or its
    /// meeting ([`identity::locate`]).
    pub fn load(
        &mut self,
        pack: &Pack,
        path: Option<&Path>,
        name: &str,
        fingerprint: Option<String>,
    ) {
        let mut meeting = Meeting::of(pack, path, name);
        meeting.fingerprint = fingerprint;
        self.menu = None;
        self.editor = None;
        self.error = None;
        self.file = NotesFile::default();
        self.deleted.clear();
        self.path = None;
        if let Some(dir) = &self.dir {
            let file = identity::locate(dir, &meeting).file;
            match store::load(&file) {
                Ok(notes) => self.file = notes,
                Err(err) => self.error = Some(err.to_string()),
            }
            self.path = Some(file);
        }
        self.meeting = Some(meeting);
        self.refresh(pack);
    }

    /// No meeting's notes: while a pack's first pages are shown (its notes open with the
    /// whole pack, where every note can find its passage).
    pub fn close(&mut self) {
        self.menu = None;
        self.editor = None;
        self.error = None;
        self.file = NotesFile::default();
        self.deleted.clear();
        self.meeting = None;
        self.path = None;
        self.resolved.clear();
        self.marks.clear();
    }

    pub fn resolved(&self) -> &[ResolvedNote] {
        &self.resolved
    }

    fn refresh(&mut self, pack: &Pack) {
        self.resolved = match &self.meeting {
            Some(meeting) => notes::resolve_in(pack, &self.file.notes, meeting),
            None => notes::resolve(pack, &self.file.notes),
        };
        self.marks.clear();
        for r in &self.resolved {
            let Some(place) = &r.place else {
                continue;
            };
            let mark = self.marks.entry((place.doc, place.block)).or_default();
            match r.note.kind {
                NoteKind::Note => mark.note = true,
                NoteKind::Highlight => mark.highlight = true,
                NoteKind::Bookmark => mark.bookmark = true,
            }
        }
    }

    /// Writes the file after a change; a failure is shown and the notes stay in memory,
    /// so the next change tries again.
    fn save(&mut self, pack: &Pack) {
        let (Some(dir), Some(meeting), Some(path)) = (&self.dir, &self.meeting, &self.path) else {
            self.error =
                Some("There is no folder to keep notes in (set MEETPACK_DATA_DIR).".into());
            self.refresh(pack);
            return;
        };
        // Under the file's lock, the file as it is now (notes added since it was read, by
        // `meetpack notes add` or another window, are kept) is merged by id with this
        // window's notes, less the ones deleted here, and written.
        let mine = &self.file.notes;
        let deleted = &self.deleted;
        match store::update(path, meeting, |on_disk| {
            on_disk.notes.retain(|n| !deleted.contains(&n.id));
            let there: std::collections::HashSet<String> =
                on_disk.notes.iter().map(|n| n.id.clone()).collect();
            let new = mine.iter().filter(|n| !there.contains(&n.id)).cloned();
            on_disk.notes.extend(new.collect::<Vec<_>>());
        }) {
            Ok(file) => {
                self.file = file;
                // Every key the pack has now leads to this file (the note is saved whatever
                // happens to the index: it is then found by its path and meeting).
                self.error = identity::record(dir, path, meeting)
                    .err()
                    .map(|err| format!("Notes saved, but the notes index was not updated: {err}"));
            }
            // The notes stay in memory, so the next change tries again.
            Err(err) => self.error = Some(format!("Notes not saved: {err}")),
        }
        self.refresh(pack);
    }

    fn add(&mut self, pack: &Pack, target: &Target, kind: NoteKind, text: String) {
        let Some(anchor) = notes::Anchor::at_block(pack, target.doc, target.block, target.row)
        else {
            self.error = Some("That part of the page has no text to note.".into());
            return;
        };
        let mut note = Note::new(kind, text, anchor);
        if let Some(meeting) = &self.meeting {
            meeting.stamp(&mut note);
        }
        self.file.notes.push(note);
        self.save(pack);
    }

    fn apply(
        &mut self,
        command: NoteCommand,
        pack: &Pack,
        here: Option<(DocId, usize)>,
    ) -> Option<Location> {
        match command {
            NoteCommand::TogglePanel => self.visible = !self.visible,
            NoteCommand::OpenMenu { doc, block, pos } => {
                // The table under the pointer asked first for its row: keep that.
                if self
                    .menu
                    .as_ref()
                    .is_none_or(|m| m.target.row.is_none() || m.pos != pos)
                {
                    self.menu = Some(Menu {
                        target: Target {
                            doc,
                            block,
                            row: None,
                        },
                        pos,
                    });
                }
            }
            NoteCommand::OpenRowMenu {
                doc,
                table,
                row,
                pos,
            } => {
                let block =
                    pack.document(doc)?.blocks.iter().position(
                        |b| matches!(b.kind, BlockKind::Table { table: t } if t == table),
                    )?;
                self.menu = Some(Menu {
                    target: Target {
                        doc,
                        block,
                        row: Some(row),
                    },
                    pos,
                });
            }
            NoteCommand::CloseMenu => self.menu = None,
            NoteCommand::Add {
                doc,
                block,
                row,
                kind,
            } => {
                self.menu = None;
                self.start(pack, Target { doc, block, row }, kind);
            }
            NoteCommand::AddHere(kind) => {
                if let Some((doc, block)) = here {
                    let row = None;
                    self.start(pack, Target { doc, block, row }, kind);
                }
            }
            NoteCommand::SaveNote => {
                if let Some(editor) = self.editor.take() {
                    let text = editor.text.trim().to_string();
                    if !text.is_empty() {
                        self.add(pack, &editor.target, NoteKind::Note, text);
                        self.visible = true;
                    }
                }
            }
            NoteCommand::CancelNote => self.editor = None,
            NoteCommand::Delete(id) => {
                self.file.notes.retain(|n| n.id != id);
                self.deleted.insert(id);
                self.save(pack);
            }
            NoteCommand::Go(id) => {
                let place = self
                    .resolved
                    .iter()
                    .find(|r| r.note.id == id)?
                    .place
                    .as_ref()?;
                return Some(Location {
                    doc: place.doc,
                    anchor: Anchor::Block(place.block),
                });
            }
        }
        None
    }

    /// A note opens the editor; a highlight or bookmark is kept at once.
    fn start(&mut self, pack: &Pack, target: Target, kind: NoteKind) {
        if kind != NoteKind::Note {
            self.add(pack, &target, kind, String::new());
            return;
        }
        let quote = notes::Anchor::at_block(pack, target.doc, target.block, target.row)
            .map(|a| a.quote)
            .unwrap_or_default();
        self.editor = Some(Editor {
            target,
            quote,
            text: String::new(),
            focus: true,
        });
    }

    /// The Notes panel's contents (beside the reader, or over it when the panel yielded,
    /// see `shell::layout`): notes in reading order; those of another pack of the meeting,
    /// and detached ones, each in their own group.
    pub fn contents_ui(&mut self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.heading("Notes");
            ui.label(RichText::new(format!("{}", self.resolved.len())).weak());
        });
        if let Some(err) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, err);
        }
        if self.resolved.is_empty() {
            ui.label(
                "No notes yet. Right-click a paragraph to add a note, a highlight or \
                 a bookmark; Ctrl+D bookmarks the place you are reading, Ctrl+Shift+N \
                 notes it.",
            );
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| self.list_ui(ui, pack, out));
    }

    fn list_ui(&self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        let placed = self.resolved.iter().filter(|r| r.place.is_some());
        for r in placed {
            note_ui(ui, pack, r, out);
        }
        let groups = [
            (
                "In another pack of this meeting",
                "Made in another pack of this meeting (a supplement, the minutes), whose \
                 passage this one does not have; the text they were on is quoted.",
                self.resolved
                    .iter()
                    .filter(|r| r.in_other_pack().is_some())
                    .collect::<Vec<_>>(),
            ),
            (
                "Detached",
                "Their passage is no longer in this pack; the text they were on is quoted.",
                self.resolved.iter().filter(|r| r.detached()).collect(),
            ),
        ];
        for (heading, why, group) in groups {
            if group.is_empty() {
                continue;
            }
            ui.add_space(8.0);
            ui.separator();
            ui.label(RichText::new(heading).strong());
            ui.label(RichText::new(why).weak().small());
            for r in group {
                note_ui(ui, pack, r, out);
            }
        }
    }

    /// The block menu and the note editor, above everything else.
    pub fn overlays_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if let Some(menu) = &self.menu {
            let target = (menu.target.doc, menu.target.block, menu.target.row);
            let shown = egui::Area::new(Id::unique("meetpack-notes-menu"))
                .order(egui::Order::Foreground)
                .fixed_pos(menu.pos)
                .constrain(true)
                .show(ctx, |ui| {
                    egui::Frame::menu(ui.style()).show(ui, |ui| {
                        ui.set_min_width(140.0);
                        for (label, kind) in [
                            ("Add note…", NoteKind::Note),
                            ("Highlight", NoteKind::Highlight),
                            ("Bookmark", NoteKind::Bookmark),
                        ] {
                            if ui.button(label).clicked() {
                                out.push(Command::Notes(NoteCommand::Add {
                                    doc: target.0,
                                    block: target.1,
                                    row: target.2,
                                    kind,
                                }));
                            }
                        }
                    });
                });
            let escape = ctx.input(|i| i.key_pressed(Key::Escape));
            if shown.response.clicked_elsewhere() || escape {
                out.push(Command::Notes(NoteCommand::CloseMenu));
            }
        }
        let Some(editor) = &mut self.editor else {
            return;
        };
        egui::Window::new("Add a note")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.set_width(420.0);
                ui.label(RichText::new(short(&editor.quote, 200)).italics().weak());
                let label = ui.label("Note");
                let edit = egui::TextEdit::multiline(&mut editor.text)
                    .hint_text("What to ask or remember")
                    .desired_rows(4)
                    .desired_width(f32::INFINITY);
                let response = ui.add(edit).labelled_by(label.id);
                if editor.focus {
                    response.request_focus();
                    editor.focus = false;
                }
                let ctrl_enter = ui.input(|i| i.modifiers.command && i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    let ready = !editor.text.trim().is_empty();
                    let save = ui.add_enabled(ready, egui::Button::new("Save note"));
                    if save.clicked() || (ready && ctrl_enter) {
                        out.push(Command::Notes(NoteCommand::SaveNote));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::Notes(NoteCommand::CancelNote));
                    }
                });
            });
    }
}

fn note_ui(ui: &mut Ui, pack: &Pack, r: &ResolvedNote, out: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.horizontal_top(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(6.0, 18.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, kind_color(r.note.kind, ui.visuals()));
        ui.vertical(|ui| {
            let title = if r.note.text.trim().is_empty() {
                format!(
                    "{}: {}",
                    r.note.kind.label(),
                    short(&r.note.anchor.quote, 60)
                )
            } else {
                r.note.text.clone()
            };
            if r.place.is_none() {
                ui.label(RichText::new(title).strong());
            } else {
                let link = ui
                    .add(egui::Button::new(RichText::new(title).strong()).frame(false))
                    .on_hover_text("Go to the passage");
                if link.clicked() {
                    out.push(Command::Notes(NoteCommand::Go(r.note.id.clone())));
                }
            }
            ui.label(RichText::new(where_label(pack, r)).weak().small());
            ui.label(RichText::new(format!("“{}”", short(&r.note.anchor.quote, 160))).italics());
            if ui
                .small_button("Delete")
                .on_hover_text(format!("Delete this {}", r.note.kind.as_str()))
                .clicked()
            {
                out.push(Command::Notes(NoteCommand::Delete(r.note.id.clone())));
            }
        });
    });
}

/// "Item 4 · Family Valued Programme · page 11" ("line 212" in a text pack), or the other
/// pack a note is in, or where
/// a detached note was.
fn where_label(pack: &Pack, r: &ResolvedNote) -> String {
    if let Some(other) = r.in_other_pack() {
        return format!(
            "{} · in another pack of this meeting: {} · line {} there",
            r.note.kind.label(),
            other,
            r.note.anchor.line
        );
    }
    let Some(place) = &r.place else {
        return format!(
            "{} · was at line {}",
            r.note.kind.label(),
            r.note.anchor.line
        );
    };
    let doc = pack.document(place.doc);
    let item = doc
        .and_then(|d| d.agenda_item.as_deref())
        .map(|n| format!("Item {n} · "))
        .unwrap_or_default();
    let title = doc.map(|d| short(&d.title, 50)).unwrap_or_default();
    let edited = if place.exact { "" } else { " (edited since)" };
    let at = meetpack_core::views::place::place_name(&pack.source, place.lines);
    format!("{} · {item}{title} · {at}{edited}", r.note.kind.label())
}

pub fn kind_color(kind: NoteKind, visuals: &egui::Visuals) -> Color32 {
    match (kind, visuals.dark_mode) {
        (NoteKind::Note, false) => Color32::from_rgb(40, 110, 210),
        (NoteKind::Note, true) => Color32::from_rgb(110, 165, 255),
        (NoteKind::Highlight, _) => Color32::from_rgb(230, 180, 0),
        (NoteKind::Bookmark, false) => Color32::from_rgb(200, 50, 60),
        (NoteKind::Bookmark, true) => Color32::from_rgb(240, 100, 110),
    }
}

/// Draws the marks of one reader item (a coloured bar in the gutter per kind, a tint
/// behind a highlighted block) and opens the notes menu on a right-click. `background` is
/// a shape reserved before the item was drawn, so the tint lies under the text.
pub fn decorate(
    ui: &Ui,
    marks: &Marks,
    doc: DocId,
    item: Item,
    rect: Rect,
    background: egui::layers::ShapeIdx,
    out: &mut Vec<Command>,
) {
    let Item::Block(block) = item else {
        return;
    };
    if let Some(mark) = marks.get(&(doc, block)) {
        let visuals = ui.visuals();
        if mark.highlight {
            let tint = kind_color(NoteKind::Highlight, visuals).gamma_multiply(0.22);
            let area = Rect::from_min_max(
                rect.min + vec2(crate::reader::blocks::GUTTER - 4.0, -2.0),
                rect.max + vec2(4.0, 2.0),
            );
            ui.painter()
                .set(background, egui::Shape::rect_filled(area, 3.0, tint));
        }
        let kinds = [
            (mark.note, NoteKind::Note),
            (mark.highlight, NoteKind::Highlight),
            (mark.bookmark, NoteKind::Bookmark),
        ];
        let mut x = rect.left() + 2.0;
        for (_, kind) in kinds.iter().filter(|(on, _)| *on) {
            let bar = Rect::from_min_size(
                Pos2::new(x, rect.top() + 2.0),
                vec2(4.0, (rect.height() - 4.0).clamp(8.0, 22.0)),
            );
            ui.painter()
                .rect_filled(bar, 2.0, kind_color(*kind, visuals));
            x += 6.0;
        }
    }
    let right_clicked = ui.input(|i| i.pointer.secondary_clicked());
    if right_clicked
        && ui.rect_contains_pointer(rect)
        && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
    {
        out.push(Command::Notes(NoteCommand::OpenMenu { doc, block, pos }));
    }
}

/// The block at the top of the reader (or the first block below a card there).
fn current_block(reader: &Reader) -> Option<(DocId, usize)> {
    let doc = reader.doc()?;
    let block = reader
        .items
        .iter()
        .skip(reader.top_item)
        .find_map(|it| match it {
            Item::Block(b) => Some(*b),
            _ => None,
        })?;
    Some((doc, block))
}

fn short(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    meetpack_core::text::truncate(&flat, max).into_owned()
}

impl MeetPackApp {
    /// Keeps notes in `dir` instead of the user's data folder (tests, portable use), and
    /// reads the current pack's notes from there.
    pub fn with_notes_dir(mut self, dir: PathBuf) -> Self {
        self.notes.dir = Some(dir);
        if let Some(pack) = &self.pack {
            let fingerprint = self
                .notes
                .meeting
                .as_ref()
                .and_then(|m| m.fingerprint.clone());
            self.notes
                .load(pack, self.path.as_deref(), &self.name, fingerprint);
        }
        self
    }

    /// The notes of the pack shown, in reading order, each with its place or detached.
    pub fn notes(&self) -> &[ResolvedNote] {
        self.notes.resolved()
    }

    pub fn notes_panel_visible(&self) -> bool {
        self.notes.visible
    }

    pub(crate) fn apply_notes(&mut self, command: NoteCommand) {
        let Some(pack) = &self.pack else {
            return;
        };
        if let Some(pages) = self.early_pages
            && !matches!(command, NoteCommand::TogglePanel | NoteCommand::CloseMenu)
        {
            // Made now, a note would be anchored in a pack that is still growing.
            self.notice(format!(
                "Notes can be made once the whole pack is read (only its first {pages} pages                  are shown yet)."
            ));
            return;
        }
        let here = current_block(&self.reader);
        if let Some(location) = self.notes.apply(command, pack, here) {
            self.go(location);
        }
    }
}
