//! Notes in the viewer: the Notes panel (where a note is edited or deleted), the "Add
//! note…/Highlight/Bookmark" menu on a block or a selection, the note editor, and the marks
//! the reader draws beside annotated blocks and under highlighted words.
//!
//! A note is made on the words selected in the reader (a phrase anchor, found again by its
//! words and the words around them), else on a whole passage: the one right-clicked, or
//! for the keys the one last clicked (`Reader::passage_here`).
//!
//! The notes themselves are [`meetpack_core::notes`]: loaded by meeting when a pack loads,
//! resolved against it, and written atomically on every change (a few kilobytes, flushed
//! in milliseconds, so on the UI thread).

mod marks;
mod panel;

pub use marks::{decorate, marked_words, phrase_tint};

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use egui::{Color32, Id, Key, Pos2, RichText, Ui, vec2};

use crate::navigation::nav::{Anchor, Location};
use crate::reader::select::{self, Words};
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
    /// A choice in the menu, on its passage or selection: a highlight or bookmark is made
    /// at once; a note opens the editor first.
    Pick(NoteKind),
    /// Ctrl+D, Ctrl+Shift+H, Ctrl+Shift+N and the View menu: on the selected words, else
    /// on the passage last clicked (or gone to), else the one at the top of the view.
    AddHere(NoteKind),
    /// The editor's "Save note".
    SaveNote,
    CancelNote,
    Delete(String),
    /// A click on a note in the panel: go to its passage.
    Go(String),
    /// The panel's "Edit" on a note: its text in a field, in its place in the list.
    Edit(String),
    /// The field's "Save": the text written to the notes file.
    SaveEdit,
    CancelEdit,
}

/// Which kinds of note a block carries, for the reader's gutter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub note: bool,
    pub highlight: bool,
    pub bookmark: bool,
    /// A highlight on the whole passage: the block is tinted (a highlighted phrase tints
    /// only its words, see [`Phrase`]).
    pub tint: bool,
}

/// Marks by (document, block index).
pub type Marks = HashMap<(DocId, usize), Mark>;

/// Words of a block's text that a note is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Which text of the block (`select::block_parts`).
    pub part: usize,
    /// Characters of that text.
    pub chars: Range<usize>,
    pub kind: NoteKind,
}

/// Phrases by (document, block index).
pub type Phrases = HashMap<(DocId, usize), Vec<Phrase>>;

/// What a note is made on.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// A whole passage: a block, or a table's row.
    Passage {
        doc: DocId,
        block: usize,
        row: Option<usize>,
    },
    /// The selected words: one run per text of a block the selection covers.
    Words(Vec<Words>),
}

/// Where the reader is, for the note keys and the menu: the selected words, and the passage
/// they act on when none are.
pub struct Here {
    pub words: Vec<Words>,
    pub passage: Option<(DocId, usize)>,
}

struct Menu {
    target: Target,
    pos: Pos2,
}

/// A note's text being edited in the panel.
struct Editing {
    id: String,
    text: String,
    focus: bool,
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
    pub phrases: Phrases,
    pub visible: bool,
    menu: Option<Menu>,
    editor: Option<Editor>,
    editing: Option<Editing>,
    /// A note just added, for the panel to scroll to.
    scroll_to: Option<String>,
    /// A note was just added: the panel is brought up if it has yielded to a tab.
    reveal: bool,
    /// The selection was just used for a note: the reader lets it go.
    used_selection: bool,
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
        self.close();
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
        self.editing = None;
        self.scroll_to = None;
        self.error = None;
        self.file = NotesFile::default();
        self.deleted.clear();
        self.meeting = None;
        self.path = None;
        self.resolved.clear();
        self.marks.clear();
        self.phrases.clear();
    }

    pub fn resolved(&self) -> &[ResolvedNote] {
        &self.resolved
    }

    /// A note was added since the last call: the panel should show it.
    pub fn take_reveal(&mut self) -> bool {
        std::mem::take(&mut self.reveal)
    }

    /// The selection was used for a note since the last call.
    pub fn take_used_selection(&mut self) -> bool {
        std::mem::take(&mut self.used_selection)
    }

    fn refresh(&mut self, pack: &Pack) {
        self.resolved = match &self.meeting {
            Some(meeting) => notes::resolve_in(pack, &self.file.notes, meeting),
            None => notes::resolve(pack, &self.file.notes),
        };
        (self.marks, self.phrases) = marks::of(pack, &self.resolved);
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

    /// Makes notes of `kind` on `target`: one on a passage; on selected words, one on the
    /// words of the first block they cover, or for a highlight one on each block's words
    /// (so every word selected is marked).
    fn add(&mut self, pack: &Pack, target: &Target, kind: NoteKind, text: String) {
        let anchors: Vec<notes::Anchor> = match target {
            Target::Passage { doc, block, row } => {
                notes::Anchor::at_block(pack, *doc, *block, *row)
                    .into_iter()
                    .collect()
            }
            Target::Words(words) => {
                let take = if kind == NoteKind::Highlight {
                    words.len()
                } else {
                    1
                };
                words
                    .iter()
                    .filter_map(|w| anchor_of_words(pack, w))
                    .take(take)
                    .collect()
            }
        };
        if anchors.is_empty() {
            self.error = Some("That part of the page has no text to note.".into());
            return;
        }
        for anchor in anchors {
            let mut note = Note::new(kind, text.clone(), anchor);
            if let Some(meeting) = &self.meeting {
                meeting.stamp(&mut note);
            }
            self.scroll_to = Some(note.id.clone());
            self.file.notes.push(note);
        }
        self.save(pack);
    }

    fn apply(&mut self, command: NoteCommand, pack: &Pack, here: Here) -> Option<Location> {
        match command {
            NoteCommand::TogglePanel => self.visible = !self.visible,
            NoteCommand::OpenMenu { doc, block, pos } => {
                let on_selection = here.words.iter().any(|w| w.doc == doc && w.block == block);
                // The table under the pointer asked first for its row: keep that.
                let row_asked = self.menu.as_ref().is_some_and(|m| {
                    m.pos == pos && matches!(m.target, Target::Passage { row: Some(_), .. })
                });
                if on_selection {
                    self.menu = Some(Menu {
                        target: Target::Words(here.words),
                        pos,
                    });
                } else if !row_asked {
                    let row = None;
                    self.menu = Some(Menu {
                        target: Target::Passage { doc, block, row },
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
                let row = Some(row);
                self.menu = Some(Menu {
                    target: Target::Passage { doc, block, row },
                    pos,
                });
            }
            NoteCommand::CloseMenu => self.menu = None,
            NoteCommand::Pick(kind) => {
                let menu = self.menu.take()?;
                self.start(pack, menu.target, kind);
            }
            NoteCommand::AddHere(kind) => {
                let target = match (here.words.is_empty(), here.passage) {
                    (false, _) => Target::Words(here.words),
                    (true, Some((doc, block))) => Target::Passage {
                        doc,
                        block,
                        row: None,
                    },
                    (true, None) => return None,
                };
                self.start(pack, target, kind);
            }
            NoteCommand::SaveNote => {
                if let Some(editor) = self.editor.take() {
                    let text = editor.text.trim().to_string();
                    if !text.is_empty() {
                        self.add(pack, &editor.target, NoteKind::Note, text);
                        self.visible = true;
                        self.reveal = true;
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
            NoteCommand::Edit(id) => {
                let text = self.file.notes.iter().find(|n| n.id == id)?.text.clone();
                self.editing = Some(Editing {
                    id,
                    text,
                    focus: true,
                });
            }
            NoteCommand::SaveEdit => self.save_edit(pack),
            NoteCommand::CancelEdit => self.editing = None,
        }
        None
    }

    /// Writes an edited note's text through the store (locked, read, changed, written
    /// atomically: a note added elsewhere meanwhile is kept). A note not in the file yet
    /// (its first save failed) is saved whole. A failure keeps the field open with the text.
    fn save_edit(&mut self, pack: &Pack) {
        let Some(editing) = self.editing.take() else {
            return;
        };
        let text = editing.text.trim().to_string();
        let written = match (&self.meeting, &self.path) {
            (Some(meeting), Some(path)) => store::edit(path, meeting, &editing.id, &text),
            _ => Ok(None),
        };
        match written {
            Ok(on_disk) => {
                for note in self.file.notes.iter_mut().filter(|n| n.id == editing.id) {
                    note.text = text.clone();
                }
                if on_disk.is_some() {
                    self.error = None;
                    self.refresh(pack);
                } else {
                    self.save(pack);
                }
            }
            Err(err) => {
                self.error = Some(format!("Note not saved: {err}"));
                self.editing = Some(editing);
            }
        }
    }

    /// A note opens the editor; a highlight or bookmark is kept at once.
    fn start(&mut self, pack: &Pack, target: Target, kind: NoteKind) {
        self.used_selection |= matches!(target, Target::Words(_));
        if kind != NoteKind::Note {
            self.add(pack, &target, kind, String::new());
            return;
        }
        let quote = match &target {
            Target::Passage { doc, block, row } => {
                notes::Anchor::at_block(pack, *doc, *block, *row)
                    .map(|a| a.quote)
                    .unwrap_or_default()
            }
            Target::Words(words) => words
                .first()
                .and_then(|w| anchor_of_words(pack, w))
                .map(|a| a.quote)
                .unwrap_or_default(),
        };
        self.editor = Some(Editor {
            target,
            quote,
            text: String::new(),
            focus: true,
        });
    }

    /// The block menu and the note editor, above everything else.
    pub fn overlays_ui(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if let Some(menu) = &self.menu {
            let on_words = matches!(menu.target, Target::Words(_));
            let shown = egui::Area::new(Id::unique("meetpack-notes-menu"))
                .order(egui::Order::Foreground)
                .fixed_pos(menu.pos)
                .constrain(true)
                .show(ctx, |ui| {
                    egui::Frame::menu(ui.style()).show(ui, |ui| {
                        ui.set_min_width(140.0);
                        menu_ui(ui, on_words, out);
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

pub fn kind_color(kind: NoteKind, visuals: &egui::Visuals) -> Color32 {
    match (kind, visuals.dark_mode) {
        (NoteKind::Note, false) => Color32::from_rgb(40, 110, 210),
        (NoteKind::Note, true) => Color32::from_rgb(110, 165, 255),
        (NoteKind::Highlight, _) => Color32::from_rgb(230, 180, 0),
        (NoteKind::Bookmark, false) => Color32::from_rgb(200, 50, 60),
        (NoteKind::Bookmark, true) => Color32::from_rgb(240, 100, 110),
    }
}

/// The menu on a passage, or on the selected words (which can be copied too).
fn menu_ui(ui: &mut Ui, on_words: bool, out: &mut Vec<Command>) {
    if on_words {
        ui.label(RichText::new("The selected words").weak().small());
    }
    for (label, kind) in [
        ("Add note…", NoteKind::Note),
        ("Highlight", NoteKind::Highlight),
        ("Bookmark", NoteKind::Bookmark),
    ] {
        if ui.button(label).clicked() {
            out.push(Command::Notes(NoteCommand::Pick(kind)));
        }
    }
    if on_words && ui.button("Copy").clicked() {
        out.push(Command::CopySelection);
        out.push(Command::Notes(NoteCommand::CloseMenu));
    }
}

/// The phrase anchor of some selected words: their text's plain text, and the words as
/// its bytes.
fn anchor_of_words(pack: &Pack, words: &Words) -> Option<notes::Anchor> {
    let doc = pack.document(words.doc)?;
    let plain = select::part_plain(doc, words.block, words.part)?;
    let byte = |c: usize| plain.char_indices().nth(c).map_or(plain.len(), |(b, _)| b);
    let range = byte(words.chars.start)..byte(words.chars.end);
    notes::Anchor::at_words(pack, words.doc, words.block, &plain, range)
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

    /// The notes file of the pack shown, once there is one to read or write.
    pub fn notes_file(&self) -> Option<&Path> {
        self.notes.path.as_deref()
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
                "Notes can be made once the whole pack is read (only its first {pages} pages \
                 are shown yet)."
            ));
            return;
        }
        let here = Here {
            words: self.reader.selection_words(pack),
            passage: self.reader.passage_here(),
        };
        if let Some(location) = self.notes.apply(command, pack, here) {
            self.go(location);
        }
        if self.notes.take_used_selection() {
            self.reader.clear_selection();
        }
    }
}
