//! Indexing: walk the folders, notice new, changed and removed files (mtime and size
//! first, then the content hash), parse on every core, write one transaction per file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::extract::{self, DocRecord, FileRecord};
use super::{Library, LibraryError, Result, minhash, text};

/// Documents whose MinHash estimate reaches this are the same paper (shown once).
pub const SAME: f64 = 0.85;

/// How an update went.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UpdateReport {
    /// Files seen in the folders.
    pub files: usize,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Files whose content was unchanged (same size and time, or same hash).
    pub unchanged: usize,
    /// Files that could not be read or parsed, with the reason.
    pub failed: Vec<(String, String)>,
    /// Folders in the list that are gone (their files are left in the index).
    pub missing_folders: Vec<String>,
}

/// A fault injected while writing the Nth file (1-based), after its rows are inserted and
/// before its transaction commits: how the tests make a crash mid-index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The update returns an error; the open transaction is rolled back.
    ErrorAt(usize),
    /// The process aborts, leaving the transaction in the write-ahead log uncommitted.
    AbortAt(usize),
}

#[derive(Debug, Clone, Default)]
pub struct UpdateOptions {
    pub fault: Option<Fault>,
    /// How long one file may take to read before it is given up (between its pages) and
    /// recorded as failed, so one slow or pathological PDF in a watched folder cannot stall
    /// the library; `None` is [`file_time_limit`]'s allowance for its page count.
    pub file_time_limit: Option<Duration>,
    /// An executable that reads one PDF in a child process ([`super::isolate`]): a PDF
    /// that spins inside a page or allocates without end is then stopped at the time
    /// limit or the memory cap. `None` reads in this process (tests, embedders).
    pub worker: Option<PathBuf>,
}

/// The time a file of `pages` pages may take to read: a minute, and a second a page. A
/// 400-page pack reads in about a second here, so only a file that makes the PDF reader
/// spin meets it.
pub fn file_time_limit(pages: usize) -> Duration {
    Duration::from_secs(60 + pages as u64)
}

/// A file found in the folders.
struct Seen {
    path: PathBuf,
    key: String,
    mtime_ns: i64,
    size: i64,
}

/// What a parsing thread sends the writer.
enum Outcome {
    /// Same bytes as indexed: only the time changed.
    Touched {
        key: String,
        mtime_ns: i64,
        size: i64,
    },
    Parsed {
        key: String,
        mtime_ns: i64,
        size: i64,
        hash: String,
        record: Box<FileRecord>,
    },
    Failed {
        key: String,
        mtime_ns: i64,
        size: i64,
        hash: String,
        error: String,
    },
    /// A PDF of page images only: no text to index, but a pack the viewer opens as
    /// pictures, so it is listed as a scan rather than as a failure.
    Scan {
        key: String,
        mtime_ns: i64,
        size: i64,
        hash: String,
        pages: u32,
    },
}

const EXTENSIONS: &[&str] = &["pdf", "txt", "md", "markdown", "text"];

impl Library {
    /// Brings the index up to date with the folders. `progress(done, total)` is called as
    /// each changed file is written.
    pub fn update(
        &mut self,
        options: UpdateOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateReport> {
        self.update_cancellable(options, &AtomicBool::new(false), progress)
    }

    /// [`Library::update`] that stops when `cancel` is set (the viewer's Cancel): files
    /// already written stay indexed, each whole, and the next update does the rest. A
    /// stopped update is [`LibraryError::Cancelled`].
    pub fn update_cancellable(
        &mut self,
        options: UpdateOptions,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<UpdateReport> {
        let mut report = UpdateReport::default();
        let folders = self.folders()?;
        let mut seen = Vec::new();
        let mut live_roots = Vec::new();
        for root in &folders {
            if !root.is_dir() {
                report
                    .missing_folders
                    .push(root.to_string_lossy().into_owned());
                continue;
            }
            live_roots.push(root.clone());
            walk(root, &mut seen);
        }
        report.files = seen.len();
        let known = self.known_files()?;
        let seen_keys: HashSet<&str> = seen.iter().map(|s| s.key.as_str()).collect();

        // Removed: indexed under a folder still listed and present, but no longer there.
        // Files under a folder that is gone (an unplugged drive) are kept.
        let removed: Vec<(i64, String)> = known
            .iter()
            .filter(|(k, _)| !seen_keys.contains(k.as_str()))
            .filter(|(k, _)| {
                let p = Path::new(k.as_str());
                live_roots.iter().any(|r| p.starts_with(r))
                    || !folders.iter().any(|r| p.starts_with(r))
            })
            .map(|(k, f)| (f.id, k.clone()))
            .collect();
        for (id, _) in &removed {
            let tx = self.conn.transaction()?;
            delete_file(&tx, *id)?;
            tx.commit()?;
        }
        report.removed = removed.len();

        let todo: Vec<Seen> = seen
            .into_iter()
            .filter(|s| {
                known
                    .get(&s.key)
                    .is_none_or(|k| k.mtime_ns != s.mtime_ns || k.size != s.size)
            })
            .collect();
        report.unchanged = report.files - todo.len();
        let total = todo.len();
        progress(0, total);
        let old_hashes: HashMap<String, String> = todo
            .iter()
            .filter_map(|s| Some((s.key.clone(), known.get(&s.key)?.hash.clone())))
            .collect();

        // Parsing threads (rayon, every core) feed one writer: this thread. The channel
        // is bounded so parsed packs do not pile up in memory ahead of the writer.
        let (tx, rx) = mpsc::sync_channel::<Outcome>(4);
        let mut written = 0usize;
        // Set when the writer stops early, so the parsing threads skip the files left
        // rather than read and parse each one only to find nobody takes it.
        let stop = AtomicBool::new(false);
        let result: Result<()> = std::thread::scope(|scope| {
            let old_hashes = &old_hashes;
            let todo = &todo;
            let stop = &stop;
            let options = &options;
            scope.spawn(move || {
                todo.par_iter().for_each_with(tx, |tx, s| {
                    if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let outcome = read_and_parse(s, old_hashes.get(&s.key), options, cancel);
                    // The writer stopped (an error): the rest is not needed.
                    let _ = tx.send(outcome);
                });
            });
            for outcome in rx.iter() {
                if cancel.load(Ordering::Relaxed) {
                    stop.store(true, Ordering::Relaxed);
                    drop(rx);
                    return Err(LibraryError::Cancelled);
                }
                written += 1;
                let fault = match options.fault {
                    Some(Fault::ErrorAt(n)) if n == written => Some(Fault::ErrorAt(n)),
                    Some(Fault::AbortAt(n)) if n == written => Some(Fault::AbortAt(n)),
                    _ => None,
                };
                match &outcome {
                    Outcome::Touched { .. } => report.unchanged += 1,
                    Outcome::Parsed { key, .. }
                    | Outcome::Failed { key, .. }
                    | Outcome::Scan { key, .. } => {
                        if known.contains_key(key) {
                            report.changed += 1;
                        } else {
                            report.added += 1;
                        }
                        if let Outcome::Failed { key, error, .. } = &outcome {
                            report.failed.push((key.clone(), error.clone()));
                        }
                    }
                }
                let r = self.write(outcome, fault);
                if r.is_err() {
                    // Dropping the receiver ends the parsing threads' sends.
                    stop.store(true, Ordering::Relaxed);
                    drop(rx);
                    return r;
                }
                progress(written, total);
            }
            // Cancelled while the parsing threads had nothing in the channel: they skipped
            // the rest, and the channel closed before the check above saw the flag.
            if cancel.load(Ordering::Relaxed) && written < total {
                return Err(LibraryError::Cancelled);
            }
            Ok(())
        });
        result?;
        self.needs_rebuild = false;
        Ok(report)
    }

    fn known_files(&self) -> Result<HashMap<String, Known>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, id, mtime_ns, size, hash FROM files")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Known {
                    id: r.get(1)?,
                    mtime_ns: r.get(2)?,
                    size: r.get(3)?,
                    hash: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One file, one transaction: its old rows out, its new rows in, its fingerprint last.
    fn write(&mut self, outcome: Outcome, fault: Option<Fault>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        match outcome {
            Outcome::Touched {
                key,
                mtime_ns,
                size,
            } => {
                tx.execute(
                    "UPDATE files SET mtime_ns = ?2, size = ?3 WHERE path = ?1",
                    params![key, mtime_ns, size],
                )?;
            }
            Outcome::Failed {
                key,
                mtime_ns,
                size,
                hash,
                error,
            } => {
                remove_path(&tx, &key)?;
                tx.execute(
                    "INSERT INTO files (path, mtime_ns, size, hash, error) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![key, mtime_ns, size, hash, error],
                )?;
            }
            Outcome::Scan {
                key,
                mtime_ns,
                size,
                hash,
                pages,
            } => {
                remove_path(&tx, &key)?;
                tx.execute(
                    "INSERT INTO files (path, mtime_ns, size, hash, scan_pages) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![key, mtime_ns, size, hash, pages],
                )?;
            }
            Outcome::Parsed {
                key,
                mtime_ns,
                size,
                hash,
                record,
            } => {
                remove_path(&tx, &key)?;
                insert_file(&tx, &key, mtime_ns, size, &hash, &record)?;
            }
        }
        match fault {
            Some(Fault::ErrorAt(_)) => return Err(LibraryError::Fault),
            Some(Fault::AbortAt(_)) => std::process::abort(),
            None => {}
        }
        tx.commit()?;
        Ok(())
    }
}

struct Known {
    id: i64,
    mtime_ns: i64,
    size: i64,
    hash: String,
}

fn walk(root: &Path, out: &mut Vec<Seen>) {
    let entries = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        // Hidden files and folders (".git", editors' backups) are not packs.
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
        if !wanted {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        out.push(Seen {
            key: path.to_string_lossy().into_owned(),
            path: path.to_path_buf(),
            mtime_ns,
            size: meta.len() as i64,
        });
    }
}

fn read_and_parse(
    s: &Seen,
    old_hash: Option<&String>,
    options: &UpdateOptions,
    cancel: &AtomicBool,
) -> Outcome {
    let limit = options.file_time_limit;
    let key = s.key.clone();
    let (mtime_ns, size) = (s.mtime_ns, s.size);
    let bytes = match crate::input::file::read(&s.path, |_, _| {}) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Failed {
                key,
                mtime_ns,
                size,
                hash: String::new(),
                error: e.to_string(),
            };
        }
    };
    let hash = hex(&Sha256::digest(&bytes));
    if old_hash == Some(&hash) {
        return Outcome::Touched {
            key,
            mtime_ns,
            size,
        };
    }
    if let Some(worker) = options
        .worker
        .as_deref()
        .filter(|_| crate::input::is_pdf(&bytes))
    {
        // A PDF page count is not known before reading: a page is taken as 50 KB.
        let deadline = limit.unwrap_or_else(|| file_time_limit(bytes.len() / 50_000));
        drop(bytes);
        let answer = super::isolate::load_in_child(worker, &s.path, deadline, cancel);
        return outcome_of(answer, key, mtime_ns, size, hash);
    }
    // Heard between a PDF's pages: the viewer's Cancel, and the file's time limit.
    let started = Instant::now();
    let mut over_time = None;
    let mut keep_going = |_done: usize, pages: usize| {
        let allowed = limit.unwrap_or_else(|| file_time_limit(pages));
        if started.elapsed() > allowed {
            over_time = Some(allowed);
        }
        over_time.is_none() && !cancel.load(Ordering::Relaxed)
    };
    let loaded = crate::input::load_named(&key, &bytes, &mut keep_going);
    if let (Err(crate::input::LoadError::Cancelled), Some(allowed)) = (&loaded, over_time) {
        return Outcome::Failed {
            key,
            mtime_ns,
            size,
            hash,
            error: format!(
                "reading it took longer than {} s, so it was left out of the library \
                 (it still opens on its own)",
                allowed.as_secs()
            ),
        };
    }
    match loaded {
        Ok(loaded) => Outcome::Parsed {
            key,
            mtime_ns,
            size,
            hash,
            record: Box::new(extract::extract(&loaded.pack)),
        },
        Err(crate::input::LoadError::ImageOnly { pages }) => Outcome::Scan {
            key,
            mtime_ns,
            size,
            hash,
            pages,
        },
        Err(e) => Outcome::Failed {
            key,
            mtime_ns,
            size,
            hash,
            error: e.to_string(),
        },
    }
}

/// What a worker's answer means for the index.
fn outcome_of(
    answer: super::isolate::Answer,
    key: String,
    mtime_ns: i64,
    size: i64,
    hash: String,
) -> Outcome {
    use super::isolate::Answer;
    let error = match answer {
        Answer::Loaded(pack) => {
            return Outcome::Parsed {
                key,
                mtime_ns,
                size,
                hash,
                record: Box::new(extract::extract(&pack)),
            };
        }
        Answer::Refused(crate::input::LoadError::ImageOnly { pages }) => {
            return Outcome::Scan {
                key,
                mtime_ns,
                size,
                hash,
                pages,
            };
        }
        Answer::Refused(e) => e.to_string(),
        Answer::TimedOut(allowed) => format!(
            "reading it took longer than {} s, so it was left out of the library \
             (it still opens on its own)",
            allowed.as_secs()
        ),
        Answer::Died(why) => why,
        Answer::Cancelled => crate::input::LoadError::Cancelled.to_string(),
    };
    Outcome::Failed {
        key,
        mtime_ns,
        size,
        hash,
        error,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn remove_path(tx: &Transaction<'_>, key: &str) -> Result<()> {
    let id: Option<i64> = tx
        .query_row("SELECT id FROM files WHERE path = ?1", [key], |r| r.get(0))
        .optional()?;
    if let Some(id) = id {
        delete_file(tx, id)?;
    }
    Ok(())
}

/// Deletes a file's rows (documents, blocks and the rest cascade) and its meeting when no
/// other file belongs to it.
fn delete_file(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let meeting: Option<i64> = tx
        .query_row("SELECT meeting_id FROM files WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    tx.execute("DELETE FROM files WHERE id = ?1", [id])?;
    if let Some(m) = meeting {
        tx.execute(
            "DELETE FROM meetings WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM files WHERE meeting_id = ?1)",
            [m],
        )?;
    }
    Ok(())
}

/// The meeting a file belongs to: the same council, the same date and the same committee
/// (names compared loosely: a note's "To:" line shortens them). A meeting's identity is
/// (council, committee, date), so the same committee name and date at two councils are
/// two meetings. A file that names no council, or a meeting none of whose files named one,
/// matches on committee and date alone (a note published alone joins its pack's
/// meeting); a meeting that had no council takes the first one a file names. A file with
/// a date and no committee joins the one meeting of that date (and council), if there is
/// exactly one.
fn meeting_for(tx: &Transaction<'_>, record: &FileRecord) -> Result<Option<i64>> {
    let Some(date) = record.date.as_deref() else {
        return Ok(None);
    };
    let key = record
        .committee
        .as_deref()
        .map(text::committee_key)
        .unwrap_or_default();
    let council_key = record.council.as_deref().and_then(text::council_key);
    let mut stmt = tx.prepare_cached(
        "SELECT id, committee_key, named_by_agenda, council_key FROM meetings WHERE date = ?1 ORDER BY id",
    )?;
    let same_day: Vec<SameDay> = stmt
        .query_map([date], |r| {
            Ok(SameDay {
                id: r.get(0)?,
                committee_key: r.get(1)?,
                named_by_agenda: r.get(2)?,
                council_key: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Meetings of another council are not this file's.
    let same_day: Vec<&SameDay> = same_day
        .iter()
        .filter(|m| match (&council_key, &m.council_key) {
            (Some(ours), Some(theirs)) => ours == theirs,
            _ => true,
        })
        .collect();
    let found = if key.is_empty() {
        (same_day.len() == 1).then(|| same_day[0])
    } else {
        let matching = || {
            same_day.iter().copied().filter(|m| {
                !m.committee_key.is_empty() && text::same_committee(&key, &m.committee_key)
            })
        };
        // The council's own meeting before one whose council is not known.
        matching()
            .find(|m| council_key.is_some() && m.council_key == council_key)
            .or_else(|| matching().next())
    };
    match found {
        Some(m) => {
            // A front sheet names the committee best: it replaces a note's "To:" line.
            if record.has_agenda && !m.named_by_agenda {
                tx.execute(
                    "UPDATE meetings SET committee = ?2, committee_key = ?3, named_by_agenda = 1 WHERE id = ?1",
                    params![m.id, record.committee, key],
                )?;
            }
            if m.council_key.is_none() && council_key.is_some() {
                tx.execute(
                    "UPDATE meetings SET council = ?2, council_key = ?3 WHERE id = ?1",
                    params![m.id, record.council, council_key],
                )?;
            }
            Ok(Some(m.id))
        }
        None => {
            tx.execute(
                "INSERT INTO meetings (committee, committee_key, date, named_by_agenda, council, council_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    record.committee,
                    key,
                    date,
                    record.has_agenda,
                    council_key.as_ref().and(record.council.as_ref()),
                    council_key
                ],
            )?;
            Ok(Some(tx.last_insert_rowid()))
        }
    }
}

/// A meeting on the date of a file being indexed.
struct SameDay {
    id: i64,
    committee_key: String,
    named_by_agenda: bool,
    council_key: Option<String>,
}

fn insert_file(
    tx: &Transaction<'_>,
    key: &str,
    mtime_ns: i64,
    size: i64,
    hash: &str,
    record: &FileRecord,
) -> Result<()> {
    let meeting = meeting_for(tx, record)?;
    tx.execute(
        "INSERT INTO files (path, mtime_ns, size, hash, meeting_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![key, mtime_ns, size, hash, meeting],
    )?;
    let file_id = tx.last_insert_rowid();
    let committee = match meeting {
        Some(m) => tx.query_row("SELECT committee FROM meetings WHERE id = ?1", [m], |r| {
            r.get::<_, Option<String>>(0)
        })?,
        None => record.committee.clone(),
    };
    for doc in &record.documents {
        insert_document(tx, file_id, committee.as_deref(), doc)?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO agenda_items (file_id, number, title, first_line, last_line, documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in &record.agenda {
        let docs: Vec<String> = a.documents.iter().map(u32::to_string).collect();
        stmt.execute(params![
            file_id,
            a.number,
            a.title,
            a.lines.first(),
            a.lines.last(),
            docs.join(" ")
        ])?;
    }
    Ok(())
}

fn insert_document(
    tx: &Transaction<'_>,
    file_id: i64,
    committee: Option<&str>,
    doc: &DocRecord,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO documents (file_id, doc_index, kind, title, agenda_item, first_line, last_line, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        file_id,
        doc.index,
        doc.kind,
        doc.title,
        doc.agenda_item,
        doc.lines.first(),
        doc.lines.last(),
        doc.signature.as_deref().map(minhash::to_blob),
    ])?;
    let doc_id = tx.last_insert_rowid();
    let group = same_paper(tx, doc_id, doc)?;
    tx.execute(
        "UPDATE documents SET same_group = ?2 WHERE id = ?1",
        params![doc_id, group],
    )?;

    let mut stmt = tx.prepare_cached(
        "INSERT INTO blocks (document_id, kind, first_line, last_line, decision, text, page, printed_page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for b in &doc.blocks {
        stmt.execute(params![
            doc_id,
            b.kind,
            b.lines.first(),
            b.lines.last(),
            b.decision,
            b.text,
            b.page.as_ref().map(|p| p.pdf),
            b.page.as_ref().and_then(|p| p.printed.as_deref()),
        ])?;
    }
    let date = doc.minuted_date.as_deref();
    let mut minute_stmt = tx.prepare_cached(
        "INSERT INTO minute_items (document_id, date, committee, number, title, first_line, last_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut decision_stmt = tx.prepare_cached(
        "INSERT INTO decisions (document_id, minute_item_id, date, committee, number, text, outcome, first_line, last_line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for m in &doc.minutes {
        minute_stmt.execute(params![
            doc_id,
            date,
            committee,
            m.number,
            m.title,
            m.lines.first(),
            m.lines.last()
        ])?;
        let minute_id = tx.last_insert_rowid();
        for d in &m.decisions {
            decision_stmt.execute(params![
                doc_id,
                minute_id,
                date,
                committee,
                d.number,
                d.text,
                d.outcome,
                d.lines.first(),
                d.lines.last()
            ])?;
        }
    }
    for d in &doc.decisions {
        decision_stmt.execute(params![
            doc_id,
            Option::<i64>::None,
            date,
            committee,
            d.number,
            d.text,
            d.outcome,
            d.lines.first(),
            d.lines.last()
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO attendance (document_id, date, committee, written, role) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in &doc.attendance {
        stmt.execute(params![doc_id, date, committee, a.written, a.role])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO declarations (document_id, date, committee, written, text, first_line, last_line)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for d in &doc.declarations {
        stmt.execute(params![
            doc_id,
            date,
            committee,
            d.written,
            d.text,
            d.lines.first(),
            d.lines.last()
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO work_items (document_id, date_text, date, title, detail, first_line, last_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for w in &doc.work_items {
        stmt.execute(params![
            doc_id,
            w.date_text,
            w.date,
            w.title,
            w.detail,
            w.lines.first(),
            w.lines.last()
        ])?;
    }
    Ok(())
}

/// The same-paper group of a new document: the group of the most similar document
/// already indexed, if it is similar enough, else a group of its own.
fn same_paper(tx: &Transaction<'_>, doc_id: i64, doc: &DocRecord) -> Result<i64> {
    let Some(sig) = &doc.signature else {
        return Ok(doc_id);
    };
    let buckets = minhash::buckets(sig);
    let mut candidates: HashSet<i64> = HashSet::new();
    {
        let mut stmt = tx.prepare_cached("SELECT document_id FROM doc_bands WHERE bucket = ?1")?;
        for b in &buckets {
            for id in stmt.query_map([b], |r| r.get::<_, i64>(0))? {
                candidates.insert(id?);
            }
        }
    }
    let mut best: Option<(f64, i64)> = None;
    let mut stmt =
        tx.prepare_cached("SELECT signature, same_group FROM documents WHERE id = ?1")?;
    for c in candidates {
        let (blob, group): (Vec<u8>, Option<i64>) =
            stmt.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let s = minhash::similarity(sig, &minhash::from_blob(&blob));
        if s >= SAME && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, group.unwrap_or(c)));
        }
    }
    let mut insert =
        tx.prepare_cached("INSERT INTO doc_bands (bucket, document_id) VALUES (?1, ?2)")?;
    for b in &buckets {
        insert.execute(params![b, doc_id])?;
    }
    Ok(best.map_or(doc_id, |(_, g)| g))
}

#[cfg(test)]
mod tests {
    use super::super::LibraryPaths;
    use super::*;

    /// Meetings on `date`: (council, file count), sorted.
    fn meetings_on(lib: &Library, date: &str) -> Vec<(Option<String>, i64)> {
        let mut stmt = lib
            .conn()
            .prepare(
                "SELECT m.council, count(f.id) FROM meetings m JOIN files f ON f.meeting_id = m.id
                 WHERE m.date = ?1 GROUP BY m.id ORDER BY m.council",
            )
            .unwrap();
        stmt.query_map([date], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A file that takes longer than its time limit to read is given up between its pages
    /// and recorded as failed with the reason; the files beside it are indexed, and the
    /// next update does not try it again until it changes.
    #[test]
    fn a_file_over_its_time_limit_is_left_out_and_the_rest_indexed() {
        let dir = std::env::temp_dir().join(format!("meetpack-time-limit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let packs = dir.join("packs");
        std::fs::create_dir_all(&packs).unwrap();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        // A printed seed of many pages, and a text pack.
        std::fs::copy(
            format!("{root}/tests/corpus/seeds-pdf/000_4a9d1e279dbb7497.pdf"),
            packs.join("slow.pdf"),
        )
        .unwrap();
        std::fs::copy(
            format!("{root}/seeds/002_650dc6dc71139f49.txt"),
            packs.join("minutes.txt"),
        )
        .unwrap();
        let mut lib = Library::open(LibraryPaths::at(dir.join("index.sqlite3"))).unwrap();
        lib.add_folders(std::slice::from_ref(&packs)).unwrap();
        // No time at all: the PDF is stopped at its first report of progress.
        let options = UpdateOptions {
            file_time_limit: Some(Duration::ZERO),
            ..UpdateOptions::default()
        };
        let report = lib.update(options.clone(), &mut |_, _| {}).unwrap();
        assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
        assert!(report.failed[0].0.ends_with("slow.pdf"));
        assert!(
            report.failed[0].1.contains("took longer than 0 s"),
            "{}",
            report.failed[0].1
        );
        let listing = lib.list().unwrap();
        let listed: Vec<&str> = listing.files().map(|f| f.file.as_str()).collect();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert!(listed[0].ends_with("minutes.txt"));
        // The library says why the PDF is not in it.
        assert_eq!(listing.errors.len(), 1);
        assert!(listing.errors[0].error.contains("took longer"));
        // Unchanged, it is not read again.
        let again = lib.update(options, &mut |_, _| {}).unwrap();
        assert!(again.failed.is_empty(), "{:?}", again.failed);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A scan (page images, no text) is listed as a scan with its page count, not as a file
    /// that failed; the text pack beside it is indexed as usual.
    #[test]
    fn a_scan_is_listed_as_a_scan_not_as_a_failure() {
        let dir = std::env::temp_dir().join(format!("meetpack-scan-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let packs = dir.join("packs");
        std::fs::create_dir_all(&packs).unwrap();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        std::fs::copy(
            format!("{root}/tests/corpus/pdf/15_souldern-pc-2021-01-28_agenda-scanned.pdf"),
            packs.join("scan.pdf"),
        )
        .unwrap();
        std::fs::copy(
            format!("{root}/seeds/002_650dc6dc71139f49.txt"),
            packs.join("minutes.txt"),
        )
        .unwrap();
        let mut lib = Library::open(LibraryPaths::at(dir.join("index.sqlite3"))).unwrap();
        lib.add_folders(std::slice::from_ref(&packs)).unwrap();
        let report = lib
            .update(UpdateOptions::default(), &mut |_, _| {})
            .unwrap();
        assert_eq!((report.added, report.failed.len()), (2, 0), "{report:?}");
        let listing = lib.list().unwrap();
        assert!(listing.errors.is_empty(), "{:?}", listing.errors);
        let scans: Vec<(&str, u32)> = listing
            .scans
            .iter()
            .map(|s| (s.file.as_str(), s.pages))
            .collect();
        assert_eq!(scans.len(), 1, "{scans:?}");
        assert!(
            scans[0].0.ends_with("scan.pdf") && scans[0].1 == 2,
            "{scans:?}"
        );
        // Not among the files with text.
        assert!(listing.files().all(|f| !f.file.ends_with("scan.pdf")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// An index made before councils were recorded (version 2), where one meeting holds
    /// two councils' packs, is split by the next update after the migration.
    #[test]
    fn an_index_from_before_councils_is_refilled_by_council() {
        let dir = std::env::temp_dir().join(format!("meetpack-councils-v2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let packs = dir.join("packs");
        std::fs::create_dir_all(&packs).unwrap();
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../seeds/000_4a9d1e279dbb7497.txt"
        ))
        .unwrap();
        std::fs::write(packs.join("coventry.txt"), &seed).unwrap();
        let kent = seed.replace("\nCoventry City Council\n", "\nKent County Council\n");
        std::fs::write(packs.join("kent.txt"), kent).unwrap();
        let paths = LibraryPaths::at(dir.join("index.sqlite3"));
        let mut lib = Library::open(paths.clone()).unwrap();
        lib.add_folders(std::slice::from_ref(&packs)).unwrap();
        lib.update(UpdateOptions::default(), &mut |_, _| {})
            .unwrap();
        assert_eq!(
            meetings_on(&lib, "2023-12-21"),
            [
                (Some("Coventry City Council".into()), 1),
                (Some("Kent County Council".into()), 1)
            ]
        );
        // What version 2 made of it: one meeting, no council columns (nor versions 4's
        // and 5's).
        lib.conn()
            .execute_batch(
                "UPDATE files SET meeting_id = (SELECT min(id) FROM meetings);
                 DELETE FROM meetings WHERE id != (SELECT min(id) FROM meetings);
                 ALTER TABLE meetings DROP COLUMN council;
                 ALTER TABLE meetings DROP COLUMN council_key;
                 ALTER TABLE files DROP COLUMN scan_pages;
                 ALTER TABLE blocks DROP COLUMN page;
                 ALTER TABLE blocks DROP COLUMN printed_page;
                 PRAGMA user_version = 2;",
            )
            .unwrap();
        drop(lib);
        let mut lib = Library::open(paths).unwrap();
        assert_eq!(meetings_on(&lib, "2023-12-21"), [(None, 2)]);
        let report = lib
            .update(UpdateOptions::default(), &mut |_, _| {})
            .unwrap();
        assert_eq!(report.changed, 2);
        assert_eq!(
            meetings_on(&lib, "2023-12-21"),
            [
                (Some("Coventry City Council".into()), 1),
                (Some("Kent County Council".into()), 1)
            ]
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
