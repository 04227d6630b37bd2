//! The library's answers in the viewer: the Last time card, People, Compare and Decisions
//! across meetings. Their state and commands live here so `mod.rs` only holds one
//! [`Answers`] and forwards [`AnswerCommand`]s.
//!
//! Every query runs on one worker thread with its own connection (a `rusqlite::Connection`
//! is not `Sync`): the UI sends a [`Job`], the worker answers on a channel and wakes the
//! UI, which picks the answers up at the start of the next frame.

pub(crate) mod compare;
pub(crate) mod decisions;
pub(crate) mod home;
pub(crate) mod index;
pub(crate) mod last_time;
pub(crate) mod people;
pub(crate) mod search;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::navigation::jump::location_of_line;
use crate::navigation::nav::Location;
use crate::{Command, MeetPackApp};
use meetpack_core::library::{
    Compare, DecisionRow, DocRef, Filter, LastTime, Library, LibraryPaths, Person,
};
use meetpack_core::model::{DocId, Pack};

/// What the library's widgets ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryCommand {
    /// The toolbar's Library (Ctrl+L): show the home screen, or go back to the pack.
    Toggle,
    /// Ctrl+K: the home screen with the search box focused.
    Search,
    /// Back to the pack.
    Close,
    /// File ▸ Add folder to library…: ask for a folder.
    AddFolderDialog,
    /// Add this folder and index it.
    AddFolder(PathBuf),
    /// File ▸ Update library: read the folders again.
    Update,
    CancelIndexing,
    /// Fold or unfold a committee, a meeting or a group of the home screen.
    Fold(String),
    /// A meeting's main file, at its front sheet.
    OpenMeeting(PathBuf),
    /// A document (its index in the pack, `dN`) of a file.
    OpenDocument {
        file: PathBuf,
        doc: u32,
    },
    /// A search hit: the document's lines, with the query's words highlighted (and the
    /// words its snippet marks, as the index matched them).
    OpenHit {
        file: PathBuf,
        doc: u32,
        lines: [u32; 2],
        query: String,
        marked: Vec<String>,
    },
}

/// What the library's widgets ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerCommand {
    ShowPeople,
    ClosePeople,
    ShowDecisions,
    CloseDecisions,
    /// Ask again with the Decisions window's filters.
    RefreshDecisions,
    SaveDecisionsCsv,
    /// Two documents of the library side by side, paragraph by paragraph.
    Compare(DocRef, DocRef),
    /// Compare a document of the open pack with a document of the library.
    CompareWithOpen {
        doc: u32,
        other: DocRef,
    },
    CloseCompare,
    /// The Last time card of agenda item `index` of the open pack is wanted.
    WantLastTime(usize),
    /// The Last time card of a paper of the open pack that is on no agenda item.
    WantPaperLastTime(u32),
    /// Open a pack of the library at a document and/or line (the current pack when it is
    /// that file).
    OpenAt {
        file: PathBuf,
        doc: Option<u32>,
        line: Option<u32>,
    },
}

/// A question for the worker.
enum Job {
    LastTime {
        key: last_time::Key,
        pack: Arc<Pack>,
        /// The open paper, to tell how alike each earlier paper is.
        doc: Option<u32>,
    },
    People,
    Decisions(Filter),
    Compare(String, String),
}

/// The worker's answers; errors are messages for the user.
enum Reply {
    LastTime(last_time::Key, Result<last_time::Found, String>),
    People(Result<Vec<Person>, String>),
    Decisions(Result<Vec<DecisionRow>, String>),
    Compare(Result<compare::Prepared, String>),
}

struct Worker {
    jobs: Sender<Job>,
    replies: Receiver<Reply>,
}

#[derive(Default)]
pub struct Answers {
    worker: Option<Worker>,
    pub last_time: last_time::LastTimeCards,
    pub people: people::PeoplePanel,
    pub decisions: decisions::LibraryDecisions,
    pub compare: compare::CompareView,
    /// A place to go once the pack being opened has loaded.
    pending: Option<(PathBuf, Option<u32>, Option<u32>)>,
    /// The open pack shared with the worker (cloned once per pack, when first asked).
    shared: Option<(last_time::PackKey, Arc<Pack>)>,
}

impl Answers {
    fn send(&mut self, paths: Option<&LibraryPaths>, ctx: &egui::Context, job: Job) -> bool {
        let Some(paths) = paths else {
            return false;
        };
        if self.worker.is_none() {
            self.worker = start_worker(paths.clone(), ctx.clone());
        }
        let Some(worker) = &self.worker else {
            return false;
        };
        if worker.jobs.send(job).is_err() {
            // The worker is gone (it panicked): the next request starts another.
            self.worker = None;
            return false;
        }
        true
    }

    /// Takes the worker's answers; called once a frame before drawing.
    fn poll(&mut self) {
        let Some(worker) = &self.worker else {
            return;
        };
        while let Ok(reply) = worker.replies.try_recv() {
            match reply {
                Reply::LastTime(key, found) => self.last_time.arrived(key, found),
                Reply::People(people) => self.people.arrived(people),
                Reply::Decisions(rows) => self.decisions.arrived(rows),
                Reply::Compare(cmp) => self.compare.arrived(cmp),
            }
        }
    }
}

fn start_worker(paths: LibraryPaths, ctx: egui::Context) -> Option<Worker> {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (reply_tx, replies) = mpsc::channel::<Reply>();
    std::thread::Builder::new()
        .name("meetpack-library".into())
        .spawn(move || {
            for job in job_rx {
                // Opened for each answer (a few milliseconds): a connection kept open
                // would go on reading a damaged index the indexer has since replaced.
                // A reader never repairs the index; the indexer does, and says so.
                let opened = if !paths.index.exists() {
                    // Asking must not create an index: without one the library is empty.
                    Err(format!(
                        "your library is empty: add the folders of your packs to it \
                         (meetpack library add DIR); its index would be {}",
                        paths.index.display()
                    ))
                } else {
                    Library::open_reader(paths.clone()).map_err(|e| e.to_string())
                };
                let lib = opened.as_ref().map_err(Clone::clone);
                let reply = match job {
                    Job::LastTime { key, pack, doc } => {
                        let found = lib.and_then(|lib| last_time_of(lib, &pack, &key.target, doc));
                        Reply::LastTime(key, found)
                    }
                    Job::People => {
                        Reply::People(lib.and_then(|lib| {
                            lib.people(&Filter::default()).map_err(|e| e.to_string())
                        }))
                    }
                    Job::Decisions(filter) => Reply::Decisions(
                        lib.and_then(|lib| lib.decisions(&filter).map_err(|e| e.to_string())),
                    ),
                    Job::Compare(a, b) => Reply::Compare(lib.and_then(|lib| {
                        lib.compare(&a, Some(&b))
                            .map(compare::prepare)
                            .map_err(|e| e.to_string())
                    })),
                };
                if reply_tx.send(reply).is_err() {
                    return;
                }
                ctx.request_repaint();
            }
        })
        .ok()?;
    Some(Worker { jobs, replies })
}

/// The Last time answer with how alike each earlier paper is to the open one.
fn last_time_of(
    lib: &Library,
    pack: &Pack,
    target: &last_time::Target,
    doc: Option<u32>,
) -> Result<last_time::Found, String> {
    let err = |e: meetpack_core::library::LibraryError| e.to_string();
    let answer: LastTime = match target {
        last_time::Target::Item(item) => lib.last_time(pack, item),
        last_time::Target::Paper(doc) => lib.last_time_of_paper(pack, *doc),
    }
    .map_err(err)?;
    let mut similar = Vec::with_capacity(answer.earlier.len());
    for e in &answer.earlier {
        let index = e
            .document_id
            .as_deref()
            .and_then(|d| d.strip_prefix('d'))
            .and_then(|d| d.parse::<u32>().ok());
        let s = match (doc, index) {
            (Some(doc), Some(index)) => {
                lib.similarity_to(pack, doc, &e.file, index).map_err(err)?
            }
            _ => None,
        };
        similar.push(s);
    }
    Ok(last_time::Found {
        meetings: lib.meeting_count().map_err(err)?,
        answer,
        similar,
    })
}

impl MeetPackApp {
    /// Takes the worker's answers before anything is drawn, so an answer that woke this
    /// frame is drawn in it.
    pub(crate) fn answers_begin_frame(&mut self) {
        self.answers.poll();
        self.follow_pending_open();
        self.answers
            .last_time
            .set_open(self.pack.as_ref(), self.path.as_deref());
    }

    /// Draws the library's windows; called once a frame.
    pub(crate) fn answers_ui(&mut self, ctx: &egui::Context) {
        let out = &mut self.commands;
        self.answers.people.ui(ctx, out);
        self.answers.decisions.ui(ctx, out);
        self.answers.compare.ui(ctx, out);
    }

    pub(crate) fn apply_answers(&mut self, command: AnswerCommand, ctx: &egui::Context) {
        let paths = self.library_paths.clone();
        let lib = &mut self.answers;
        match command {
            AnswerCommand::ShowPeople => {
                lib.people.visible = true;
                // Asked again at each opening: the library may have grown since.
                if lib.send(paths.as_ref(), ctx, Job::People) {
                    lib.people.asked();
                } else {
                    lib.people.no_library();
                }
            }
            AnswerCommand::ClosePeople => lib.people.visible = false,
            AnswerCommand::ShowDecisions | AnswerCommand::RefreshDecisions => {
                lib.decisions.visible = true;
                match lib.decisions.filter() {
                    Ok(filter) => {
                        if lib.send(paths.as_ref(), ctx, Job::Decisions(filter)) {
                            lib.decisions.asked();
                        } else {
                            lib.decisions.arrived(Err(no_library()));
                        }
                    }
                    Err(e) => lib.decisions.arrived(Err(e)),
                }
            }
            AnswerCommand::CloseDecisions => lib.decisions.visible = false,
            AnswerCommand::SaveDecisionsCsv => self.save_library_decisions(),
            AnswerCommand::Compare(a, b) => {
                let (a, b) = (doc_ref(&a), doc_ref(&b));
                lib.compare.asked(&a, &b);
                if !lib.send(paths.as_ref(), ctx, Job::Compare(a, b)) {
                    lib.compare.arrived(Err(no_library()));
                }
            }
            AnswerCommand::CompareWithOpen { doc, other } => match &self.path {
                Some(path) => {
                    let ours = DocRef {
                        file: path.to_string_lossy().into_owned(),
                        doc_index: doc,
                    };
                    self.commands
                        .push(Command::Answers(AnswerCommand::Compare(other, ours)));
                }
                None => self.notice(
                    "This pack was not opened from a file, so the library cannot compare it."
                        .into(),
                ),
            },
            AnswerCommand::CloseCompare => lib.compare.visible = false,
            AnswerCommand::WantLastTime(index) => {
                let number = self
                    .pack
                    .as_ref()
                    .and_then(|p| p.agenda.get(index))
                    .map(|a| a.number.clone());
                if let Some(number) = number {
                    self.want_last_time(last_time::Target::Item(number), ctx);
                }
            }
            AnswerCommand::WantPaperLastTime(doc) => {
                self.want_last_time(last_time::Target::Paper(doc), ctx)
            }
            AnswerCommand::OpenAt { file, doc, line } => self.open_at(file, doc, line, ctx),
        }
    }

    fn want_last_time(&mut self, target: last_time::Target, ctx: &egui::Context) {
        let (Some(pack), Some(paths)) = (&self.pack, self.library_paths.clone()) else {
            return;
        };
        // The paper the card is on: the item's first paper (the one it opens).
        let doc = match &target {
            last_time::Target::Item(n) => pack
                .agenda_item(n)
                .and_then(|a| a.documents.first())
                .map(|d| d.0),
            last_time::Target::Paper(d) => Some(*d),
        };
        let pack_key = last_time::PackKey::of(pack, self.path.as_deref());
        let key = last_time::Key {
            pack: pack_key.clone(),
            target,
        };
        if self.answers.last_time.is_known(&key) {
            return;
        }
        let shared = match &self.answers.shared {
            Some((k, p)) if *k == pack_key => Arc::clone(p),
            _ => {
                let p = Arc::new(pack.clone());
                self.answers.shared = Some((pack_key, Arc::clone(&p)));
                p
            }
        };
        let job = Job::LastTime {
            key: key.clone(),
            pack: shared,
            doc,
        };
        if self.answers.send(Some(&paths), ctx, job) {
            self.answers.last_time.asked(key);
        }
    }

    /// Goes to a place in a pack of the library: at once when it is the open pack, else
    /// once the pack has loaded.
    fn open_at(&mut self, file: PathBuf, doc: Option<u32>, line: Option<u32>, ctx: &egui::Context) {
        if self.is_open(&file) {
            self.go_to_place(doc, line);
            return;
        }
        self.answers.pending = Some((file.clone(), doc, line));
        self.open_path(file, ctx);
    }

    fn is_open(&self, file: &std::path::Path) -> bool {
        // The index names files by their canonical path; the open one may be named
        // otherwise (a relative path, a link).
        self.path.as_deref().is_some_and(|a| {
            a == file
                || matches!(
                    (std::fs::canonicalize(a), std::fs::canonicalize(file)),
                    (Ok(x), Ok(y)) if x == y
                )
        })
    }

    fn follow_pending_open(&mut self) {
        if self.loader.is_some() {
            return;
        }
        let Some((file, doc, line)) = self.answers.pending.take() else {
            return;
        };
        // A load that failed shows its own page; the place is forgotten with it.
        if self.failure.is_none() && self.is_open(&file) {
            self.go_to_place(doc, line);
        }
    }

    fn go_to_place(&mut self, doc: Option<u32>, line: Option<u32>) {
        let Some(pack) = &self.pack else {
            return;
        };
        let doc = doc
            .map(DocId)
            .filter(|d| pack.document(*d).is_some())
            .or_else(|| {
                let line = line?;
                pack.documents
                    .iter()
                    .find(|d| d.lines.contains(line))
                    .map(|d| d.id)
            });
        let Some(doc) = doc else {
            return;
        };
        let target = match line {
            Some(line) => location_of_line(pack, doc, line),
            None => Location::top(doc),
        };
        self.go(target);
    }

    fn save_library_decisions(&mut self) {
        let Some(rows) = self.answers.decisions.rows() else {
            return;
        };
        let csv = meetpack_core::library::decisions_csv::to_string(rows);
        self.save_csv(
            "Save the library's decisions as CSV",
            "library-decisions.csv",
            &csv,
        );
    }

    // ---- state for tests -------------------------------------------------------------

    /// The Last time card of agenda item `index` of the open pack, once it has arrived.
    pub fn last_time_of(&self, index: usize) -> Option<&LastTime> {
        let pack = self.pack.as_ref()?;
        let key = last_time::Key {
            pack: last_time::PackKey::of(pack, self.path.as_deref()),
            target: last_time::Target::Item(pack.agenda.get(index)?.number.clone()),
        };
        self.answers.last_time.answer(&key)
    }

    /// The Last time card of paper `doc` of the open pack (on no agenda item), once it
    /// has arrived.
    pub fn last_time_of_paper(&self, doc: u32) -> Option<&LastTime> {
        let key = last_time::Key {
            pack: last_time::PackKey::of(self.pack.as_ref()?, self.path.as_deref()),
            target: last_time::Target::Paper(doc),
        };
        self.answers.last_time.answer(&key)
    }

    /// The people the People window lists, once they have arrived.
    pub fn library_people(&self) -> Option<&[Person]> {
        self.answers.people.people()
    }

    /// The decisions the library's Decisions window lists, once they have arrived.
    pub fn library_decisions(&self) -> Option<&[DecisionRow]> {
        self.answers.decisions.rows()
    }

    /// The comparison the Compare window shows, once it has arrived.
    pub fn library_compare(&self) -> Option<&Compare> {
        self.answers.compare.result()
    }

    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }
}

/// The Library menu's entries for these panels.
pub fn menu_ui(ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if ui
        .button("People…")
        .on_hover_text("Everyone the minutes in your library name: attendance, roles, interests")
        .clicked()
    {
        out.push(Command::Answers(AnswerCommand::ShowPeople));
    }
    if ui
        .button("Decisions across meetings…")
        .on_hover_text("Every decision in your library, by meeting")
        .clicked()
    {
        out.push(Command::Answers(AnswerCommand::ShowDecisions));
    }
}

fn doc_ref(d: &DocRef) -> String {
    format!("{}#d{}", d.file, d.doc_index)
}

fn no_library() -> String {
    "There is no library to ask: MeetPack found no folder for its index.".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn the_library_menu_entries_push_their_commands() {
        let mut h =
            Harness::new_ui_state(|ui, out: &mut Vec<Command>| menu_ui(ui, out), Vec::new());
        h.get_by_label("People…").click();
        h.run();
        h.get_by_label("Decisions across meetings…").click();
        h.run();
        assert_eq!(
            h.state(),
            &[
                Command::Answers(AnswerCommand::ShowPeople),
                Command::Answers(AnswerCommand::ShowDecisions)
            ]
        );
    }
}
