//! The library's indexing in the viewer: updates on a worker thread with progress and
//! Cancel, and the folders watched while the window is open, so a pack saved, changed or
//! deleted in them shows up without a restart.
//!
//! A `rusqlite::Connection` is not `Sync`: every job opens its own [`Library`] from the
//! paths (SQLite's WAL lets the listing and search read beside this one writer).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use meetpack_core::library::{Library, LibraryError, LibraryPaths, UpdateOptions, UpdateReport};

/// The executable that reads each PDF in a process of its own while the library indexes
/// ([`meetpack_core::library::isolate`]), set by the binary before the window opens.
/// Unset (tests, where the running executable is a test harness), PDFs are read here.
static WORKER: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Reads the library's PDFs through `exe`'s worker subcommand.
pub(crate) fn use_worker(exe: std::path::PathBuf) {
    let _ = WORKER.set(exe);
}

/// How long the folders must be quiet before an update runs: a pack being copied or a
/// folder being unzipped is many events, and one update after them is enough.
const QUIET: Duration = Duration::from_millis(800);

/// What an update is asked to do.
#[derive(Debug, Clone, Default)]
pub struct JobRequest {
    /// Folders to add to the library first.
    pub add: Vec<PathBuf>,
    /// Throw the index away and build it again (it was found damaged).
    pub rebuild: bool,
}

/// How a job ended.
#[derive(Debug)]
enum JobEnd {
    Done {
        report: UpdateReport,
        added: Vec<PathBuf>,
        folders: Vec<PathBuf>,
        notice: Option<String>,
    },
    Cancelled {
        notice: Option<String>,
    },
    Failed(String),
}

struct Job {
    /// Set once the job has opened the index: before that it may be replacing a damaged
    /// one, and a reader opening it then would find it damaged and replace it too.
    opened: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Receiver<JobEnd>,
    adding: bool,
}

/// What the view shows about indexing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// The job adds folders (rather than updating the ones listed).
    pub adding: bool,
}

#[derive(Default)]
pub struct Indexer {
    job: Option<Job>,
    /// Asked for while a job ran: started when it ends (the newest request only, with
    /// the folders of every request it replaced).
    queued: Option<JobRequest>,
    watcher: Option<Debouncer<RecommendedWatcher>>,
    watched: Vec<PathBuf>,
    changes: Option<Receiver<()>>,
    /// Counts finished updates: the listing and search are stale when it moves.
    pub generation: u64,
    /// The last thing to tell the user (an update's outcome, a rebuilt index).
    pub message: Option<(String, bool)>,
    /// The folders in the library, as the last job read them.
    pub folders: Vec<PathBuf>,
}

impl Indexer {
    pub fn progress(&self) -> Option<Progress> {
        self.job.as_ref().map(|job| Progress {
            done: job.done.load(Ordering::Relaxed),
            total: job.total.load(Ordering::Relaxed),
            adding: job.adding,
        })
    }

    /// Whether readers should wait: a job is opening (perhaps rebuilding) the index.
    pub fn is_opening(&self) -> bool {
        self.job
            .as_ref()
            .is_some_and(|job| !job.opened.load(Ordering::Relaxed))
    }

    pub fn cancel(&self) {
        if let Some(job) = &self.job {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Starts an update (or queues it behind the one running).
    pub fn request(&mut self, paths: &LibraryPaths, request: JobRequest, ctx: &egui::Context) {
        if self.job.is_some() {
            let queued = self.queued.get_or_insert_with(JobRequest::default);
            queued.add.extend(request.add);
            queued.rebuild |= request.rebuild;
            return;
        }
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let adding = !request.add.is_empty();
        let opened = Arc::new(AtomicBool::new(false));
        let job = Job {
            opened: opened.clone(),
            done: done.clone(),
            total: total.clone(),
            cancel: cancel.clone(),
            result: rx,
            adding,
        };
        let paths = paths.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("meetpack-library-index".into())
            .spawn(move || {
                let wake = ctx.clone();
                let end = run(&paths, &request, &cancel, &opened, &mut |d, t| {
                    done.store(d, Ordering::Relaxed);
                    total.store(t, Ordering::Relaxed);
                    wake.request_repaint();
                });
                // The window may have closed: then nobody waits for the result.
                let _ = tx.send(end);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.job = Some(job),
            Err(err) => {
                self.message = Some((format!("Could not start indexing: {err}"), true));
            }
        }
    }

    /// Takes a finished job's result and the watcher's news. Returns whether the index
    /// changed (the listing and search must be read again).
    pub fn poll(&mut self, paths: &LibraryPaths, ctx: &egui::Context) -> bool {
        let mut changed = false;
        if let Some(job) = &self.job
            && let Ok(end) = job.result.try_recv()
        {
            self.job = None;
            changed = true;
            self.generation += 1;
            self.finish(end, paths, ctx);
            if let Some(next) = self.queued.take() {
                self.request(paths, next, ctx);
            }
        }
        let mut news = false;
        if let Some(changes) = &self.changes {
            while changes.try_recv().is_ok() {
                news = true;
            }
        }
        if news {
            self.request(paths, JobRequest::default(), ctx);
        }
        changed
    }

    fn finish(&mut self, end: JobEnd, paths: &LibraryPaths, ctx: &egui::Context) {
        match end {
            JobEnd::Done {
                report,
                added,
                folders,
                notice,
            } => {
                self.message = summary(&report, &added, notice.as_deref()).map(|m| (m, false));
                if self.watched != folders {
                    self.watch(&folders, paths, ctx);
                }
                self.folders = folders;
            }
            JobEnd::Cancelled { notice } => {
                let mut text = String::from(
                    "Indexing was cancelled: the packs indexed so far are in the library; \
                     the rest are indexed next time.",
                );
                if let Some(n) = notice {
                    text = format!("{}. {text}", capitalised(&n));
                }
                self.message = Some((text, false));
            }
            JobEnd::Failed(err) => self.message = Some((err, true)),
        }
    }

    /// Watches `folders` (recursively), replacing what was watched before.
    fn watch(&mut self, folders: &[PathBuf], paths: &LibraryPaths, ctx: &egui::Context) {
        self.watcher = None;
        self.changes = None;
        self.watched = folders.to_vec();
        if folders.is_empty() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let wake = ctx.clone();
        let index = paths.index.clone();
        let created = new_debouncer(QUIET, move |events: DebounceEventResult| {
            let relevant = match events {
                Ok(events) => events.iter().any(|e| is_pack_event(&e.path, &index)),
                // The watcher lost track (an overflow): an update finds what changed.
                Err(_) => true,
            };
            if relevant && tx.send(()).is_ok() {
                wake.request_repaint();
            }
        });
        let mut debouncer = match created {
            Ok(d) => d,
            Err(err) => {
                self.message = Some((
                    format!(
                        "The library's folders are not watched ({err}): use File › Update library \
                         to see new packs."
                    ),
                    true,
                ));
                return;
            }
        };
        let mut unwatched = Vec::new();
        for folder in folders {
            if let Err(err) = debouncer.watcher().watch(folder, RecursiveMode::Recursive) {
                unwatched.push(format!("{} ({err})", folder.display()));
            }
        }
        if !unwatched.is_empty() {
            self.message = Some((
                format!(
                    "Not watched for new packs: {}. File › Update library reads them again.",
                    unwatched.join(", ")
                ),
                true,
            ));
        }
        self.watcher = Some(debouncer);
        self.changes = Some(rx);
    }

    /// Whether the folders are being watched (tests).
    pub fn watching(&self) -> &[PathBuf] {
        if self.watcher.is_some() {
            &self.watched
        } else {
            &[]
        }
    }
}

/// A change worth an update: a pack's file or a folder (a removed or renamed folder has
/// no extension), not the index itself when it lives inside a watched folder (writing it
/// would start the next update, for ever), nor hidden files.
fn is_pack_event(path: &Path, index: &Path) -> bool {
    if let (Some(name), Some(index_name)) = (path.file_name(), index.file_name())
        && name
            .to_string_lossy()
            .starts_with(&*index_name.to_string_lossy())
    {
        return false;
    }
    if path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    {
        return false;
    }
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ["pdf", "txt", "md", "markdown", "text"]
            .iter()
            .any(|x| ext.eq_ignore_ascii_case(x)),
    }
}

/// The job itself, on the worker thread.
fn run(
    paths: &LibraryPaths,
    request: &JobRequest,
    cancel: &AtomicBool,
    opened: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> JobEnd {
    let library = Library::open(paths.clone()).and_then(|lib| {
        if request.rebuild && !lib.needs_rebuild() {
            lib.reset()
        } else {
            Ok(lib)
        }
    });
    let mut lib = match library {
        Ok(lib) => lib,
        Err(err) => {
            opened.store(true, Ordering::Relaxed);
            return JobEnd::Failed(format!("The library could not be opened: {err}"));
        }
    };
    opened.store(true, Ordering::Relaxed);
    let mut notice = lib.notice().map(str::to_string);
    if request.rebuild && notice.is_none() {
        notice = Some("the library index was damaged; it is rebuilt from the packs".into());
    }
    let added = if request.add.is_empty() {
        Vec::new()
    } else {
        match lib.add_folders(&request.add) {
            Ok(added) => added,
            Err(err) => return JobEnd::Failed(format!("Could not add the folder: {err}")),
        }
    };
    let options = || UpdateOptions {
        worker: WORKER.get().cloned(),
        ..UpdateOptions::default()
    };
    let mut result = lib.update_cancellable(options(), cancel, progress);
    if let Err(err) = &result
        && err.is_damaged()
    {
        // Damage the checks on opening could not see: start again from the packs.
        notice = Some(format!(
            "the library index was damaged ({err}); it is rebuilt from the packs"
        ));
        lib = match lib.reset() {
            Ok(lib) => lib,
            Err(err) => return JobEnd::Failed(format!("The library could not be rebuilt: {err}")),
        };
        result = lib.update_cancellable(options(), cancel, progress);
    }
    match result {
        Ok(report) => JobEnd::Done {
            report,
            added,
            folders: lib.folders().unwrap_or_default(),
            notice,
        },
        Err(LibraryError::Cancelled) => JobEnd::Cancelled { notice },
        Err(err) => JobEnd::Failed(format!("Indexing the library failed: {err}")),
    }
}

/// One line on what an update did, or None when it found nothing to say.
fn summary(report: &UpdateReport, added: &[PathBuf], notice: Option<&str>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = notice {
        parts.push(capitalised(n));
    }
    if !added.is_empty() {
        let names: Vec<String> = added.iter().map(|p| p.display().to_string()).collect();
        parts.push(format!(
            "Added {} to the library ({} files in the library's folders)",
            names.join(", "),
            report.files
        ));
    }
    let touched = report.added + report.changed + report.removed;
    if touched > 0 && added.is_empty() {
        parts.push(format!(
            "Library updated: {} new, {} changed, {} removed",
            report.added, report.changed, report.removed
        ));
    }
    if !report.failed.is_empty() {
        let names: Vec<String> = report
            .failed
            .iter()
            .take(3)
            .map(|(f, e)| {
                format!(
                    "{} ({e})",
                    crate::loading::loader::display_name(Path::new(f))
                )
            })
            .collect();
        let more = report.failed.len().saturating_sub(3);
        parts.push(format!(
            "{} could not be read: {}{}",
            plural(report.failed.len(), "file"),
            names.join("; "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if !report.missing_folders.is_empty() {
        parts.push(format!(
            "Not found (their packs stay in the library): {}",
            report.missing_folders.join(", ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(". ") + ".")
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `s` with its first letter in capitals (the library's error texts start lower-case).
pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_and_hidden_files_do_not_start_an_update() {
        let index = Path::new("/packs/lib.sqlite3");
        assert!(!is_pack_event(Path::new("/packs/lib.sqlite3-wal"), index));
        assert!(!is_pack_event(
            Path::new("/packs/lib.sqlite3.folders"),
            index
        ));
        assert!(!is_pack_event(Path::new("/packs/.pack.txt.swp"), index));
        assert!(!is_pack_event(Path::new("/packs/notes.docx"), index));
        assert!(is_pack_event(Path::new("/packs/2024/pack.PDF"), index));
        assert!(is_pack_event(Path::new("/packs/2024"), index));
    }
}
