//! The library's home screen: shown when no pack is open, and from the toolbar's Library
//! (Ctrl+L) or Ctrl+K (search). Committees → meetings by date (latest and upcoming first)
//! → documents, a search box above them, and File ▸ Add folder to library….
//!
//! The listing is read on a worker thread and again after each update of the index;
//! opening a meeting, a document or a search hit loads its pack and, once the loader is
//! done, goes to the place asked for.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use egui::{RichText, Ui};

use crate::library::index::{Indexer, JobRequest, plural};
use crate::library::search::Search;
use crate::navigation::nav::Location;
use crate::{Command, MeetPackApp, Message};
use meetpack_core::library::{Library, LibraryPaths, ListFile, ListScan, Listing};
use meetpack_core::model::DocId;

use crate::library::LibraryCommand;

/// Where to go once a file is loaded.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    FrontSheet,
    Document(u32),
    Passage {
        doc: u32,
        lines: [u32; 2],
        query: String,
        marked: Vec<String>,
    },
}

/// The listing shaped for the home screen, made on the worker thread.
#[derive(Debug, Default)]
pub struct Home {
    pub committees: Vec<Committee>,
    pub unfiled: Vec<ListFile>,
    pub errors: Vec<(String, String)>,
    /// PDFs of page images only: no text to list, but they open as their pages.
    pub scans: Vec<ListScan>,
    pub folders: Vec<String>,
    pub meetings: usize,
    pub documents: usize,
}

#[derive(Debug)]
pub struct Committee {
    /// As shown: the committee's name, with its council's when the library holds
    /// several councils ("Cabinet — Kent County Council").
    pub name: String,
    /// The council its packs name, if any: two councils' cabinets are two committees.
    pub council: Option<String>,
    pub meetings: Vec<Meeting>,
}

#[derive(Debug)]
pub struct Meeting {
    pub date: Option<String>,
    pub upcoming: bool,
    /// The file that opens for the meeting: the one with the front sheet, else the one
    /// with most documents.
    pub main: PathBuf,
    pub files: Vec<ListFile>,
    pub documents: usize,
}

impl Home {
    fn of(listing: Listing, today: &str) -> Home {
        let mut committees: Vec<Committee> = Vec::new();
        let mut meetings = 0;
        let mut documents = 0;
        // The listing is newest first; committees keep the order of their latest meeting.
        for m in listing.meetings {
            let name = m
                .committee
                .clone()
                .unwrap_or_else(|| "Committee not named".to_string());
            let main = main_file(&m.files);
            let docs: usize = m.files.iter().map(|f| f.documents.len()).sum();
            meetings += 1;
            documents += docs;
            let meeting = Meeting {
                upcoming: m.date.as_deref().is_some_and(|d| d > today),
                date: m.date,
                main,
                files: m.files,
                documents: docs,
            };
            // A pack that names no council goes with the committee of that name.
            let same_council = |c: &Committee| {
                c.council.is_none() || m.council.is_none() || c.council == m.council
            };
            match committees
                .iter_mut()
                .find(|c| c.name == name && same_council(c))
            {
                Some(c) => {
                    c.council = c.council.take().or(m.council);
                    c.meetings.push(meeting);
                }
                None => committees.push(Committee {
                    name,
                    council: m.council,
                    meetings: vec![meeting],
                }),
            }
        }
        let mut councils: Vec<&str> = committees
            .iter()
            .filter_map(|c| c.council.as_deref())
            .collect();
        councils.sort_unstable();
        councils.dedup();
        if councils.len() >= 2 {
            for c in &mut committees {
                if let Some(council) = &c.council {
                    c.name = format!("{} — {council}", c.name);
                }
            }
        }
        documents += listing
            .unfiled
            .iter()
            .map(|f| f.documents.len())
            .sum::<usize>();
        Home {
            committees,
            unfiled: listing.unfiled,
            errors: listing
                .errors
                .into_iter()
                .map(|e| (e.file, e.error))
                .collect(),
            scans: listing.scans,
            folders: listing.folders,
            meetings,
            documents,
        }
    }

    fn is_empty(&self) -> bool {
        self.committees.is_empty()
            && self.unfiled.is_empty()
            && self.errors.is_empty()
            && self.scans.is_empty()
    }

    pub fn committee_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.committees.iter().map(|c| c.name.clone()).collect();
        names.sort();
        names
    }
}

fn main_file(files: &[ListFile]) -> PathBuf {
    let with_agenda = files
        .iter()
        .find(|f| f.documents.iter().any(|d| d.kind == "agenda"));
    let best = with_agenda.or_else(|| files.iter().max_by_key(|f| f.documents.len()));
    best.map(|f| PathBuf::from(&f.file)).unwrap_or_default()
}

/// The listing as read, or why it could not be.
type ListingResult = Result<Home, (String, bool)>;

#[derive(Default)]
pub struct LibraryView {
    pub visible: bool,
    pub indexer: Indexer,
    pub search: Search,
    pub home: Option<Home>,
    listing_error: Option<String>,
    /// The indexer generation the listing was read for, and the read under way.
    listing_for: Option<u64>,
    listing_job: Option<(u64, Receiver<ListingResult>)>,
    pending: Option<(PathBuf, Target)>,
    /// The update at start has been asked for.
    started: bool,
    /// Folds of the home screen the user flipped from their default.
    toggled: HashSet<String>,
    /// For the workers to wake the window, and for commands applied outside a frame's
    /// context (the place asked for once a load is done).
    ctx: Option<egui::Context>,
    /// The index's files as last looked at, and when: another process (`meetpack library
    /// add`) may change the library while this window shows it.
    seen: Option<IndexStamp>,
    looked_at: Option<std::time::Instant>,
    /// How often to look (a few seconds; tests set zero).
    pub look_every: Option<std::time::Duration>,
}

/// The index database, its write-ahead log and the folder list: sizes and times. A
/// change made by another process changes one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexStamp(Vec<Option<(u64, std::time::SystemTime)>>);

impl IndexStamp {
    fn of(paths: &LibraryPaths) -> Self {
        let mut wal = paths.index.clone().into_os_string();
        wal.push("-wal");
        let files = [
            paths.index.clone(),
            PathBuf::from(wal),
            paths.folders.clone(),
        ];
        IndexStamp(
            files
                .iter()
                .map(|f| {
                    let meta = std::fs::metadata(f).ok()?;
                    Some((meta.len(), meta.modified().ok()?))
                })
                .collect(),
        )
    }
}

/// Looking at three files' times costs microseconds; every two seconds is often enough
/// for a change made in a terminal to show.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

impl LibraryView {
    /// Starts reading the listing when it is stale and nobody reads it yet.
    fn poll_listing(&mut self, paths: &LibraryPaths, ctx: &egui::Context) {
        if let Some((generation, rx)) = &self.listing_job
            && let Ok(result) = rx.try_recv()
        {
            self.listing_for = Some(*generation);
            self.listing_job = None;
            match result {
                Ok(home) => {
                    self.home = Some(home);
                    self.listing_error = None;
                }
                Err((err, damaged)) => {
                    self.listing_error = Some(err);
                    if damaged {
                        self.search.damaged = true;
                    }
                }
            }
        }
        self.look_for_outside_changes(paths, ctx);
        let generation = self.indexer.generation;
        if self.listing_for == Some(generation) || self.listing_job.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let paths = paths.clone();
        let wake = ctx.clone();
        let today = meetpack_core::notes::utc_now()[..10].to_string();
        let spawned = std::thread::Builder::new()
            .name("meetpack-library-list".into())
            .spawn(move || {
                // Looking is not adding: no index is created until a folder is added (an
                // index that went missing is rebuilt by the update at start).
                let result = if paths.index.exists() {
                    Library::open_reader(paths)
                        .and_then(|lib| lib.list())
                        .map(|listing| Home::of(listing, &today))
                        .map_err(|e| {
                            (
                                format!("The library could not be read: {e}"),
                                e.is_damaged(),
                            )
                        })
                } else {
                    Ok(Home::default())
                };
                let _ = tx.send(result);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => self.listing_job = Some((generation, rx)),
            Err(err) => {
                self.listing_for = Some(generation);
                self.listing_error = Some(format!("The library could not be read: {err}"));
            }
        }
    }
}

impl LibraryView {
    /// A library changed by another process is read again: the listing, and the search's
    /// answers. Looked at every few seconds while the listing is shown.
    fn look_for_outside_changes(&mut self, paths: &LibraryPaths, ctx: &egui::Context) {
        let every = self.look_every.unwrap_or(LOOK_EVERY);
        if self.looked_at.is_some_and(|at| at.elapsed() < every) {
            ctx.request_repaint_after(every);
            return;
        }
        self.looked_at = Some(std::time::Instant::now());
        ctx.request_repaint_after(every);
        let stamp = IndexStamp::of(paths);
        let changed = self.seen.as_ref().is_some_and(|seen| *seen != stamp);
        self.seen = Some(stamp);
        // Not while this window's own update writes: its end re-reads the listing anyway.
        if changed && self.indexer.progress().is_none() && self.listing_job.is_none() {
            self.listing_for = None;
            self.search.invalidate();
        }
    }
}

impl MeetPackApp {
    /// Once a frame: the indexer's news, the listing and the search.
    pub(crate) fn poll_library(&mut self, ctx: &egui::Context) {
        let Some(paths) = self.library_paths.clone() else {
            return;
        };
        let lib = &mut self.library;
        lib.ctx.get_or_insert_with(|| ctx.clone());
        if lib.indexer.poll(&paths, ctx) {
            lib.search.invalidate();
        }
        if lib.search.damaged {
            lib.search.damaged = false;
            lib.indexer.request(
                &paths,
                JobRequest {
                    rebuild: true,
                    ..JobRequest::default()
                },
                ctx,
            );
        }
        // Readers wait while an update opens the index: it may be rebuilding a damaged
        // one, which a reader opening it at the same time would replace under it.
        let readable = !lib.indexer.is_opening();
        if readable && (lib.visible || (self.pack.is_none() && self.failure.is_none())) {
            lib.poll_listing(&paths, ctx);
            lib.search.poll(&paths, ctx);
        }
    }

    /// At start: an update of the library in the background (files changed while the
    /// viewer was closed), which also starts watching its folders.
    pub(crate) fn start_library(&mut self, ctx: &egui::Context) {
        let Some(paths) = &self.library_paths else {
            return;
        };
        self.library.ctx.get_or_insert_with(|| ctx.clone());
        // No folders listed: there is nothing to update, and no index is created.
        if !self.library.started && paths.folders.is_file() {
            self.library.started = true;
            self.library
                .indexer
                .request(paths, JobRequest::default(), ctx);
        }
    }

    pub(crate) fn apply_library(&mut self, command: LibraryCommand, ctx: &egui::Context) {
        self.library.ctx.get_or_insert_with(|| ctx.clone());
        match command {
            LibraryCommand::Toggle => {
                self.library.visible = !self.library.visible || self.pack.is_none();
            }
            LibraryCommand::Search => {
                self.library.visible = true;
                self.library.search.focus_requested = true;
            }
            LibraryCommand::Close => self.library.visible = false,
            LibraryCommand::AddFolderDialog => {
                use crate::shell::chooser::{Ask, Purpose};
                let ask = Ask {
                    title: "Add a folder of meeting packs to the library",
                    file_name: None,
                    filter: None,
                    folder: None,
                };
                if let Some((dir, purpose)) = self.chooser.ask(ask, Purpose::AddFolder) {
                    self.chosen(dir, purpose, ctx);
                }
            }
            LibraryCommand::AddFolder(dir) => {
                self.library.visible = true;
                self.library_job(JobRequest {
                    add: vec![dir],
                    rebuild: false,
                });
            }
            LibraryCommand::Update => self.library_job(JobRequest::default()),
            LibraryCommand::CancelIndexing => self.library.indexer.cancel(),
            LibraryCommand::Fold(key) => {
                if !self.library.toggled.remove(&key) {
                    self.library.toggled.insert(key);
                }
            }
            LibraryCommand::OpenMeeting(file) => self.open_in_library(file, Target::FrontSheet),
            LibraryCommand::OpenDocument { file, doc } => {
                self.open_in_library(file, Target::Document(doc));
            }
            LibraryCommand::OpenHit {
                file,
                doc,
                lines,
                query,
                marked,
            } => self.open_in_library(
                file,
                Target::Passage {
                    doc,
                    lines,
                    query,
                    marked,
                },
            ),
        }
    }

    fn library_job(&mut self, request: JobRequest) {
        let Some(paths) = &self.library_paths else {
            self.message = Some(Message {
                text: "There is no library: MeetPack found no home folder to keep it in. Set \
                       MEETPACK_LIBRARY to a file path for its index."
                    .into(),
                is_error: true,
            });
            return;
        };
        let Some(ctx) = &self.library.ctx else {
            return;
        };
        self.library.indexer.request(paths, request, ctx);
    }

    /// Opens `file` (unless it is the pack shown) and goes to `target` when it is loaded.
    fn open_in_library(&mut self, file: PathBuf, target: Target) {
        self.library.visible = false;
        if self.path.as_deref().is_some_and(|p| same_file(p, &file)) && self.pack.is_some() {
            self.go_to_target(target);
            return;
        }
        self.library.pending = Some((file.clone(), target));
        let Some(ctx) = self.library.ctx.clone() else {
            return;
        };
        self.open_path(file, &ctx);
    }

    /// After a load: the place a library click asked for, if this is its file.
    pub(crate) fn library_arrive(&mut self) {
        let Some((file, target)) = self.library.pending.take() else {
            return;
        };
        if self.path.as_deref().is_some_and(|p| same_file(p, &file)) {
            self.library.visible = false;
            self.go_to_target(target);
        }
    }

    fn go_to_target(&mut self, target: Target) {
        let Some(pack) = &self.pack else {
            return;
        };
        let doc_of = |i: u32| pack.document(DocId(i)).map(|d| d.id);
        let location = match &target {
            Target::FrontSheet => pack
                .front_sheet()
                .or(pack.documents.first())
                .map(|d| Location::top(d.id)),
            Target::Document(i) => doc_of(*i).map(Location::top),
            Target::Passage { doc, lines, .. } => {
                doc_of(*doc).map(|d| crate::navigation::jump::location_of_line(pack, d, lines[0]))
            }
        };
        let Some(location) = location else {
            self.notice(
                "That document is no longer in the pack (it changed since it was indexed); the \
                 library is updated."
                    .into(),
            );
            self.library_job(JobRequest::default());
            return;
        };
        self.go(location);
        if let Target::Passage { query, marked, .. } = target {
            // The reader's Find marks the query's words, starting at this passage.
            let item = self.reader.item_for(location.anchor);
            self.find.open_with_words(&query, &marked, item);
            self.reader.forget_find_origin();
        }
    }

    /// The whole library screen, in the central area.
    pub(crate) fn library_ui(&mut self, ui: &mut Ui) {
        let has_pack = self.pack.is_some();
        let paths = self.library_paths.clone();
        let out = &mut self.commands;
        let lib = &mut self.library;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Library");
                if has_pack && ui.button("Back to the pack").clicked() {
                    out.push(Command::Library(LibraryCommand::Close));
                }
                if ui.button("Add folder…").clicked() {
                    out.push(Command::Library(LibraryCommand::AddFolderDialog));
                }
                indexing_ui(ui, lib, out);
            });
            if let Some((text, is_error)) = &lib.indexer.message {
                let text = RichText::new(text);
                ui.label(if *is_error {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text.weak()
                });
            }
            let Some(paths) = paths else {
                ui.label(
                    "There is no library: MeetPack found no home folder to keep it in. Set \
                     MEETPACK_LIBRARY to a file path for its index.",
                );
                return;
            };
            let committees = lib
                .home
                .as_ref()
                .map(Home::committee_names)
                .unwrap_or_default();
            if !has_pack {
                ui.label(
                    RichText::new(
                        "No pack is open: open one from the library below, with File › Open \
                         (Ctrl+O), or drop one on the window.",
                    )
                    .weak(),
                );
            }
            // Notices above come and go (an update's outcome): each part below has its own
            // id, so its widgets keep theirs when a notice appears and a click is not lost.
            ui.push_id("library-search-bar", |ui| {
                lib.search.bar_ui(ui, &committees)
            });
            ui.separator();
            if lib.search.has_query() {
                ui.push_id("library-results", |ui| lib.search.results_ui(ui, out));
                return;
            }
            if let Some(err) = &lib.listing_error {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }
            ui.push_id("library-list", |ui| match &lib.home {
                None => {
                    ui.label(RichText::new("Reading the library…").weak());
                }
                Some(home) if home.is_empty() && home.folders.is_empty() => {
                    empty_ui(ui, &paths, out);
                }
                Some(home) => home_ui(ui, home, &lib.toggled, out),
            });
        });
    }

    /// The library screen is what the window shows (tests).
    /// How often the library screen looks for changes made by another process (tests
    /// set zero: every frame).
    pub fn set_library_look_every(&mut self, every: std::time::Duration) {
        self.library.look_every = Some(every);
    }

    pub fn library_visible(&self) -> bool {
        self.library.visible
            || (self.pack.is_none() && self.scan.is_none() && self.failure.is_none())
    }

    /// Whether the library is indexing, and how far (tests, the status).
    pub fn library_indexing(&self) -> Option<(usize, usize)> {
        self.library.indexer.progress().map(|p| (p.done, p.total))
    }

    /// The hits of the last library search shown.
    pub fn library_hits(&self) -> &[meetpack_core::library::Hit] {
        &self.library.search.hits
    }

    /// The committees and meeting dates the home screen lists.
    pub fn library_meetings(&self) -> Vec<(String, Option<String>)> {
        let Some(home) = &self.library.home else {
            return Vec::new();
        };
        home.committees
            .iter()
            .flat_map(|c| c.meetings.iter().map(|m| (c.name.clone(), m.date.clone())))
            .collect()
    }

    /// How many of Find's marks are in the reader item showing `location` (tests: a
    /// search hit opens its passage with its words marked).
    pub fn find_marks_at(&self, location: Location) -> usize {
        let item = self.reader.item_for(location.anchor);
        self.find.matches.iter().filter(|m| m.item == item).count()
    }

    /// What the library last said (an update's outcome, a rebuilt index), and whether it
    /// is an error.
    pub fn library_message(&self) -> Option<(&str, bool)> {
        self.library
            .indexer
            .message
            .as_ref()
            .map(|(text, error)| (text.as_str(), *error))
    }

    /// The file the pack shown was read from.
    pub fn pack_path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folders being watched for changes.
    pub fn library_watching(&self) -> &[PathBuf] {
        self.library.indexer.watching()
    }
}

/// "Indexing 12 of 40 files" with Cancel, while an update runs.
fn indexing_ui(ui: &mut Ui, lib: &LibraryView, out: &mut Vec<Command>) {
    let Some(p) = lib.indexer.progress() else {
        return;
    };
    ui.separator();
    ui.spinner();
    let text = if p.total == 0 {
        if p.adding {
            "Adding the folder: looking for packs…".to_string()
        } else {
            "Checking the library's folders for new and changed packs…".to_string()
        }
    } else {
        format!("Indexing {} of {} files", p.done, p.total)
    };
    ui.label(text);
    if p.total > 0 {
        ui.add(
            egui::ProgressBar::new(p.done as f32 / p.total as f32)
                .desired_width(160.0)
                .show_percentage(),
        );
    }
    if ui.button("Cancel").clicked() {
        out.push(Command::Library(LibraryCommand::CancelIndexing));
    }
}

fn empty_ui(ui: &mut Ui, paths: &LibraryPaths, out: &mut Vec<Command>) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("Your library is empty").heading());
        ui.add_space(8.0);
        ui.label(
            "Add a folder of meeting packs (PDF, text or Markdown): MeetPack indexes every pack \
             in it, groups them by committee and meeting, and searches them all offline. New \
             packs saved in the folder are added while MeetPack runs.",
        );
        ui.add_space(8.0);
        if ui.button("Add folder to library…").clicked() {
            out.push(Command::Library(LibraryCommand::AddFolderDialog));
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "or from a terminal: meetpack library add FOLDER   (index: {})",
                paths.index.display()
            ))
            .weak()
            .small(),
        );
    });
}

/// One row of the home screen's list. Only the rows in view are laid out, so a library of
/// thousands of meetings costs a frame what a screenful does.
enum Row<'a> {
    Committee(&'a Committee, bool),
    Meeting(&'a Meeting, String, bool),
    File(&'a ListFile),
    Document(&'a ListFile, &'a meetpack_core::library::ListDocument),
    Group(&'static str, String, usize, bool),
    Error(&'a str, &'a str),
    Scan(&'a ListScan),
}

/// What a fold is called in [`LibraryView::toggled`]; a fold is open by default when
/// `open` says so, and the user's clicks flip that.
fn fold_key(kind: &str, name: &str, date: Option<&str>) -> String {
    format!("{kind}\u{1f}{name}\u{1f}{}", date.unwrap_or(""))
}

fn rows<'a>(home: &'a Home, toggled: &HashSet<String>) -> Vec<Row<'a>> {
    let open = |key: &str, default: bool| default != toggled.contains(key);
    let mut rows = Vec::new();
    for (c, committee) in home.committees.iter().enumerate() {
        let key = fold_key("c", &committee.name, None);
        let committee_open = open(&key, true);
        rows.push(Row::Committee(committee, committee_open));
        if !committee_open {
            continue;
        }
        for (m, meeting) in committee.meetings.iter().enumerate() {
            let key = fold_key("m", &committee.name, meeting.date.as_deref());
            // The latest meeting is open: its papers are one click away.
            let meeting_open = open(&key, c == 0 && m == 0);
            rows.push(Row::Meeting(meeting, key, meeting_open));
            if meeting_open {
                for file in &meeting.files {
                    push_file(&mut rows, file);
                }
            }
        }
    }
    if !home.unfiled.is_empty() {
        let key = fold_key("g", "unfiled", None);
        let group_open = open(&key, false);
        rows.push(Row::Group(
            "Without a meeting date",
            key,
            home.unfiled.len(),
            group_open,
        ));
        if group_open {
            for file in &home.unfiled {
                push_file(&mut rows, file);
            }
        }
    }
    if !home.scans.is_empty() {
        // Open by default: unlike the files not indexed, each of these opens.
        let key = fold_key("g", "scans", None);
        let group_open = open(&key, true);
        rows.push(Row::Group(
            "Scans (no text)",
            key,
            home.scans.len(),
            group_open,
        ));
        if group_open {
            rows.extend(home.scans.iter().map(Row::Scan));
        }
    }
    if !home.errors.is_empty() {
        let key = fold_key("g", "errors", None);
        let group_open = open(&key, false);
        rows.push(Row::Group(
            "Not indexed",
            key,
            home.errors.len(),
            group_open,
        ));
        if group_open {
            rows.extend(home.errors.iter().map(|(f, e)| Row::Error(f, e)));
        }
    }
    rows
}

fn push_file<'a>(rows: &mut Vec<Row<'a>>, file: &'a ListFile) {
    rows.push(Row::File(file));
    rows.extend(file.documents.iter().map(|d| Row::Document(file, d)));
}

fn home_ui(ui: &mut Ui, home: &Home, toggled: &HashSet<String>, out: &mut Vec<Command>) {
    ui.label(
        RichText::new(format!(
            "{} · {} · {} in {}",
            plural(home.committees.len(), "committee"),
            plural(home.meetings, "meeting"),
            plural(home.documents, "document"),
            plural(home.folders.len(), "folder"),
        ))
        .weak(),
    )
    .on_hover_text(home.folders.join("\n"));
    let rows = rows(home, toggled);
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body));
    egui::ScrollArea::vertical()
        .id_salt("library-home")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    row_ui(ui, row, out);
                });
            }
        });
}

fn fold_button(ui: &mut Ui, open: bool, key: &str, out: &mut Vec<Command>) {
    let arrow = if open { "⏷" } else { "⏵" };
    let hover = if open { "Fold" } else { "Unfold" };
    if ui
        .add(egui::Button::new(arrow).frame(false))
        .on_hover_text(hover)
        .clicked()
    {
        out.push(Command::Library(LibraryCommand::Fold(key.to_string())));
    }
}

fn row_ui(ui: &mut Ui, row: &Row<'_>, out: &mut Vec<Command>) {
    const INDENT: f32 = 18.0;
    match row {
        Row::Committee(committee, open) => {
            let key = fold_key("c", &committee.name, None);
            fold_button(ui, *open, &key, out);
            let header = format!(
                "{} ({})",
                committee.name,
                plural(committee.meetings.len(), "meeting")
            );
            if ui
                .add(egui::Button::new(RichText::new(header).strong()).frame(false))
                .clicked()
            {
                out.push(Command::Library(LibraryCommand::Fold(key)));
            }
        }
        Row::Meeting(meeting, key, open) => {
            ui.add_space(INDENT);
            fold_button(ui, *open, key, out);
            let date = meeting.date.as_deref().unwrap_or("no date");
            let title = format!("{date} · {}", plural(meeting.documents, "document"));
            let response = ui
                .add(egui::Button::new(title).frame(false))
                .on_hover_text(format!(
                    "Open {} at its front sheet",
                    meeting.main.display()
                ));
            if response.clicked() {
                out.push(Command::Library(LibraryCommand::OpenMeeting(
                    meeting.main.clone(),
                )));
            }
            if meeting.upcoming {
                ui.label(RichText::new("upcoming").small().strong());
            }
            if meeting.files.len() > 1 {
                ui.label(RichText::new(plural(meeting.files.len(), "file")).weak());
            }
        }
        Row::Group(name, key, count, open) => {
            fold_button(ui, *open, key, out);
            let header = format!("{name} ({})", plural(*count, "file"));
            if ui.add(egui::Button::new(header).frame(false)).clicked() {
                out.push(Command::Library(LibraryCommand::Fold(key.clone())));
            }
        }
        Row::File(file) => {
            ui.add_space(3.0 * INDENT);
            let path = Path::new(&file.file);
            ui.label(
                RichText::new(crate::loading::loader::display_name(path))
                    .weak()
                    .small(),
            )
            .on_hover_text(&file.file);
        }
        Row::Document(file, d) => {
            ui.add_space(3.0 * INDENT);
            document_ui(ui, file, d, out);
        }
        Row::Error(file, error) => {
            ui.add_space(2.0 * INDENT);
            ui.label(format!("{file}: {error}"));
        }
        Row::Scan(scan) => {
            ui.add_space(2.0 * INDENT);
            let path = Path::new(&scan.file);
            let name = crate::loading::loader::display_name(path);
            let text = format!(
                "{name} · scan: no text · {}",
                plural(scan.pages as usize, "page")
            );
            let response = ui
                .add(egui::Button::new(text).frame(false))
                .on_hover_text(format!("Open {} as its pages", scan.file));
            if response.clicked() {
                out.push(Command::Library(LibraryCommand::OpenMeeting(
                    path.to_path_buf(),
                )));
            }
        }
    }
}

fn document_ui(
    ui: &mut Ui,
    file: &ListFile,
    d: &meetpack_core::library::ListDocument,
    out: &mut Vec<Command>,
) {
    let Some(doc) = crate::library::search::doc_index(&d.id) else {
        return;
    };
    let kind = d.kind.replace('_', " ");
    let mut text = if d.title.eq_ignore_ascii_case(&kind) {
        d.title.clone()
    } else {
        format!("{} · {kind}", d.title)
    };
    if let Some(item) = &d.agenda_item {
        text = format!("Item {item} · {text}");
    }
    if !d.also_in.is_empty() {
        // The same paper in other files (a note published alone and in the pack).
        let names: Vec<String> = d
            .also_in
            .iter()
            .map(|f| crate::loading::loader::display_name(Path::new(f)))
            .collect();
        text.push_str(&format!("  (also in {})", names.join(", ")));
    }
    if ui.add(egui::Button::new(text).frame(false)).clicked() {
        out.push(Command::Library(LibraryCommand::OpenDocument {
            file: PathBuf::from(&file.file),
            doc,
        }));
    }
}

/// Whether two paths name one file (the library keeps absolute, resolved paths; a pack
/// may have been opened by another spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use meetpack_core::library::ListMeeting;

    fn meeting(council: Option<&str>, committee: &str, date: &str) -> ListMeeting {
        ListMeeting {
            council: council.map(str::to_string),
            committee: Some(committee.to_string()),
            date: Some(date.to_string()),
            files: vec![ListFile {
                file: format!("/packs/{committee}-{date}.pdf"),
                documents: Vec::new(),
            }],
        }
    }

    #[test]
    fn two_councils_cabinets_are_two_committees_named_with_their_council() {
        let listing = Listing {
            meetings: vec![
                meeting(Some("Kent County Council"), "Cabinet", "2025-01-30"),
                meeting(Some("Coventry City Council"), "Cabinet", "2024-12-10"),
                meeting(Some("Kent County Council"), "Cabinet", "2024-12-05"),
            ],
            folders: Vec::new(),
            unfiled: Vec::new(),
            errors: Vec::new(),
            scans: Vec::new(),
        };
        let home = Home::of(listing, "2026-12-07");
        let names: Vec<(&str, usize)> = home
            .committees
            .iter()
            .map(|c| (c.name.as_str(), c.meetings.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Cabinet — Kent County Council", 2),
                ("Cabinet — Coventry City Council", 1)
            ]
        );
        // A pack that names no council is filed with its committee.
        let listing = Listing {
            meetings: vec![
                meeting(Some("Kent County Council"), "Cabinet", "2025-01-30"),
                meeting(None, "Cabinet", "2024-12-05"),
            ],
            folders: Vec::new(),
            unfiled: Vec::new(),
            errors: Vec::new(),
            scans: Vec::new(),
        };
        let home = Home::of(listing, "2026-12-07");
        assert_eq!(home.committees.len(), 1);
        assert_eq!(home.committees[0].meetings.len(), 2);
        // One council: the committee's name alone.
        let listing = Listing {
            meetings: vec![meeting(
                Some("Kent County Council"),
                "Cabinet",
                "2025-01-30",
            )],
            folders: Vec::new(),
            unfiled: Vec::new(),
            errors: Vec::new(),
            scans: Vec::new(),
        };
        assert_eq!(
            Home::of(listing, "2026-12-07").committee_names(),
            ["Cabinet"]
        );
    }

    /// A scan is listed under "Scans (no text)", open by default, with its page count, and
    /// not under the files that could not be indexed.
    #[test]
    fn a_scan_is_listed_as_a_scan() {
        let listing = Listing {
            meetings: Vec::new(),
            folders: vec!["/packs".into()],
            unfiled: Vec::new(),
            errors: Vec::new(),
            scans: vec![ListScan {
                file: "/packs/agenda-scanned.pdf".into(),
                pages: 2,
            }],
        };
        let home = Home::of(listing, "2026-12-07");
        assert!(!home.is_empty());
        let rows = rows(&home, &HashSet::new());
        assert!(matches!(rows[0], Row::Group("Scans (no text)", _, 1, true)));
        assert!(matches!(rows[1], Row::Scan(s) if s.pages == 2));
        assert_eq!(rows.len(), 2);
    }
}
