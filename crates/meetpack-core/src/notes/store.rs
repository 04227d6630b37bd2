//! The notes files: one per document set (a meeting's packs), JSON Lines, in the user's
//! data folder.
//!
//! Which file a pack's notes are in is found by what the pack is, not by one reading of it
//! ([`super::identity`]): a fingerprint of its content, its path, and its meeting (council,
//! committee, date), each recorded in the folder's `index.json`. A new file is named from
//! the meeting the parser read, council included (`<date>_<council>_<committee>.jsonl`);
//! a pack without both committee and date is named by its path instead. The first line is
//! a header saying which meeting the file is for; each following line is one note, which
//! says which pack it was written on.
//! Every change rewrites the file atomically (temporary file in the same folder, flushed to
//! disk, renamed over the old file, folder flushed), so a crash or a kill at any moment
//! leaves either the old file or the new one, whole ([`crate::fsutil::write_atomic`]; 0600).
//! Every change is made under an advisory lock on `<file>.lock` beside it ([`update`]):
//! read, changed and written while the lock is held, so writers at once (two `meetpack
//! notes add`, the CLI and the viewer) never write over each other's notes. A program that
//! takes no lock and replaces the file between the read and the write is found just before
//! the rename, and nothing is written over what it wrote ([`StoreError::Changed`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Note;
use crate::model::Pack;

/// The format version written in each file's header.
pub const FORMAT: u32 = 1;
/// Set to a folder to keep notes there (`$MEETPACK_DATA_DIR/notes/`) instead of the
/// user's data folder: tests, portable installs.
pub const DATA_DIR_ENV: &str = "MEETPACK_DATA_DIR";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read the notes file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the notes file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is there but not one this version can read as a whole: it is left as it
    /// is, and nothing is written over it.
    #[error(
        "the notes file {path} {reason}: it is left as it is, and no note is saved to it \
         until it is moved away or mended"
    )]
    Unusable { path: PathBuf, reason: String },
    /// Another program (one that takes no lock: a sync tool, an editor) replaced or changed
    /// the file between this change's read and its write: nothing is written over it.
    #[error(
        "the notes file {path} was changed by another program while this change was being \
         saved: it is left as that program wrote it, and the change is not saved; make it again"
    )]
    Changed { path: PathBuf },
    #[error("cannot lock the notes file's lock {path}: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no folder for notes: set MEETPACK_DATA_DIR, XDG_DATA_HOME or HOME")]
    NoDataDir,
}

/// The folder notes files go in: `$MEETPACK_DATA_DIR/notes`, else the `directories`
/// crate's data folder for MeetPack (`$XDG_DATA_HOME/meetpack/notes`, else
/// `~/.local/share/meetpack/notes` on Linux).
pub fn default_dir() -> Result<PathBuf, StoreError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("notes"));
    }
    directories::ProjectDirs::from_path(PathBuf::from(crate::desktop::APP_ID))
        .map(|dirs| dirs.data_dir().join("notes"))
        .ok_or(StoreError::NoDataDir)
}

/// Which pack (and meeting) a pack is, for finding its notes file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meeting {
    /// The council as the pack prints it (`None` when it does not say).
    pub council: Option<String>,
    pub committee: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The pack's file, absolute (`None` for a pack read from memory, such as the sample).
    pub path: Option<PathBuf>,
    /// The pack's display name (the key when there is neither meeting nor path).
    pub name: String,
    /// A fingerprint of the pack's bytes ([`fingerprint`]); `None` when the caller did not
    /// give them.
    pub fingerprint: Option<String>,
}

impl Meeting {
    pub fn of(pack: &Pack, path: Option<&Path>, name: &str) -> Self {
        let path = path.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p)));
        let known = |v: &Option<String>| v.clone().filter(|c| !c.trim().is_empty());
        Self {
            council: known(&pack.meta.council),
            committee: known(&pack.meta.committee),
            date: known(&pack.meta.date),
            path,
            name: name.to_string(),
            fingerprint: None,
        }
    }

    /// With the fingerprint of the bytes the pack was read from: what finds its notes
    /// again when it is moved or renamed, or read differently by a newer parser.
    pub fn with_content(mut self, bytes: &[u8]) -> Self {
        self.fingerprint = Some(fingerprint(bytes));
        self
    }

    /// The name of a new notes file:
    /// `2023-12-21_coventry-city-council_education-and-childrens-services-scrutiny-board-2.jsonl`
    /// for a known meeting (`<date>_<committee>.jsonl` when the pack names no council),
    /// else `file_<name>_<hash of the path>.jsonl`.
    pub fn file_name(&self) -> String {
        match (&self.council, self.legacy_file_name()) {
            (Some(council), Some(_)) => format!(
                "{}_{}_{}.jsonl",
                slug(self.date.as_deref().unwrap_or_default(), 10),
                slug(council, 60),
                slug(self.committee.as_deref().unwrap_or_default(), 80)
            ),
            (_, Some(legacy)) => legacy,
            (_, None) => self.path_file_name(),
        }
    }

    /// The name versions before the council was part of it gave a known meeting's file,
    /// `<date>_<committee>.jsonl` (`None` without both).
    pub fn legacy_file_name(&self) -> Option<String> {
        let (committee, date) = (self.committee.as_ref()?, self.date.as_ref()?);
        Some(format!("{}_{}.jsonl", slug(date, 10), slug(committee, 80)))
    }

    fn path_file_name(&self) -> String {
        match &self.path {
            Some(path) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let hash = fnv1a(path.to_string_lossy().as_bytes());
                format!("file_{}_{hash:016x}.jsonl", slug(&stem, 60))
            }
            None => format!("named_{}.jsonl", slug(&self.name, 80)),
        }
    }

    /// Where a new notes file of this pack goes in `dir` (not where its notes are: that is
    /// [`super::identity::locate`]).
    pub fn file_in(&self, dir: &Path) -> PathBuf {
        dir.join(self.file_name())
    }

    /// The pack's path as text, else its display name: what a header and a note say the
    /// pack was.
    pub fn label(&self) -> Option<String> {
        self.path
            .as_ref()
            .map(|p| p.to_string_lossy().into_owned())
            .or_else(|| Some(self.name.clone()).filter(|n| !n.is_empty()))
    }

    /// The council, committee and date as one key, in slugs (so a re-read that changes only
    /// case or punctuation is the same meeting); `None` without committee and date.
    pub fn meeting_key(&self) -> Option<String> {
        let (committee, date) = (self.committee.as_ref()?, self.date.as_ref()?);
        let council = self.council.as_deref().map(|c| slug(c, 60));
        Some(format!(
            "{}/{}/{}",
            council.unwrap_or_default(),
            slug(committee, 80),
            slug(date, 10)
        ))
    }

    /// Whether `council` (a header's) may be this pack's: the same, or either unknown.
    pub fn same_council(&self, council: Option<&str>) -> bool {
        match (self.council.as_deref(), council) {
            (Some(mine), Some(theirs)) => slug(mine, 60) == slug(theirs, 60),
            _ => true,
        }
    }

    /// Marks a new note as written on this pack (a note that says so already is left).
    pub fn stamp(&self, note: &mut Note) {
        if note.pack.is_none() && note.pack_file.is_none() {
            note.pack = self.fingerprint.clone();
            note.pack_file = self.label();
        }
    }

    fn header(&self) -> Header {
        Header {
            meetpack_notes: FORMAT,
            council: self.council.clone(),
            committee: self.committee.clone(),
            date: self.date.clone(),
            pack: self.label(),
        }
    }
}

/// A pack's content fingerprint: the first 64 bits of the SHA-256 of its bytes, in hex
/// (the hash the library keeps for each file, shortened: a notes line carries it).
pub fn fingerprint(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The first line of a notes file: what it is and which meeting it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The format version.
    pub meetpack_notes: u32,
    /// The council (absent in files written before it was part of a file's identity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The pack the notes were last saved with (a path, or a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
}

/// A notes file as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesFile {
    pub notes: Vec<Note>,
    /// Lines that are not notes this version understands (hand edits gone wrong, a newer
    /// format), as text (a line that is not UTF-8 with U+FFFD in its place): for showing.
    /// They are written back byte for byte, in their place, so no note is ever lost by a
    /// save.
    pub unreadable: Vec<String>,
    /// The file's lines as read, in order, each with its bytes: a save writes a line back
    /// as it was unless its note was changed or deleted, so fields this version does not
    /// know, and lines it cannot read, are kept.
    lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
enum Line {
    /// The first header line.
    Header(Vec<u8>),
    /// A note this version reads (it may have fields it does not know), as read.
    /// Boxed: a note is several strings, the other lines one buffer.
    Note { note: Box<Note>, raw: Vec<u8> },
    /// Anything else: kept as it is.
    Other(Vec<u8>),
}

/// The fields of a note line and of the header this version writes; any other field of a
/// line is kept when the line has to be rewritten.
const NOTE_FIELDS: [&str; 7] = [
    "id",
    "kind",
    "text",
    "created",
    "anchor",
    "pack",
    "pack_file",
];
const HEADER_FIELDS: [&str; 5] = ["meetpack_notes", "council", "committee", "date", "pack"];

/// Reads a notes file; a missing (or blank) file is an empty one.
///
/// A file that exists but cannot be read (permission denied, an I/O error) is an error,
/// and so is one in which no line is a notes header or a note (not UTF-8 at all, another
/// program's file, a newer format's): [`update`] and so every writer stops there, and the
/// file is never replaced by one that has lost what could not be read.
pub fn load(path: &Path) -> Result<NotesFile, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(NotesFile::default()),
        Err(source) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let (file, header) = parse_with_header(&bytes);
    if let Some(header) = &header
        && header.meetpack_notes > FORMAT
    {
        return Err(StoreError::Unusable {
            path: path.to_path_buf(),
            reason: format!(
                "is in notes format {}, newer than this MeetPack's ({FORMAT})",
                header.meetpack_notes
            ),
        });
    }
    if header.is_none() && file.notes.is_empty() && !file.unreadable.is_empty() {
        let reason = if std::str::from_utf8(&bytes).is_err() {
            "is not UTF-8 text"
        } else {
            "has no line that is a notes header or a note"
        };
        return Err(StoreError::Unusable {
            path: path.to_path_buf(),
            reason: reason.into(),
        });
    }
    Ok(file)
}

/// The header of the notes file at `path`, if it can be read and has one.
pub fn read_header(path: &Path) -> Option<Header> {
    let bytes = std::fs::read(path).ok()?;
    parse_with_header(&bytes).1
}

/// The notes of a file's text: the header line is skipped, blank lines ignored.
pub fn parse(text: &str) -> NotesFile {
    parse_with_header(text.as_bytes()).0
}

/// Lines end at `\n`; a line's bytes are kept without it (a `\r` before it is kept too).
fn parse_with_header(bytes: &[u8]) -> (NotesFile, Option<Header>) {
    let mut file = NotesFile::default();
    let mut first = None;
    for raw in bytes.split(|b| *b == b'\n') {
        let Ok(text) = std::str::from_utf8(raw) else {
            file.unreadable
                .push(String::from_utf8_lossy(raw).trim().to_string());
            file.lines.push(Line::Other(raw.to_vec()));
            continue;
        };
        let line = text.trim();
        if line.is_empty() {
            continue;
        }
        if let Ok(note) = serde_json::from_str::<Note>(line) {
            file.notes.push(note.clone());
            file.lines.push(Line::Note {
                note: Box::new(note),
                raw: raw.to_vec(),
            });
        } else if first.is_none()
            && let Ok(header) = serde_json::from_str::<Header>(line)
        {
            first = Some(header);
            file.lines.push(Line::Header(raw.to_vec()));
        } else {
            file.unreadable.push(line.to_string());
            file.lines.push(Line::Other(raw.to_vec()));
        }
    }
    (file, first)
}

/// The file's bytes: the header, then every line as read (a note changed since rewritten
/// with the fields it had that this version does not know, a deleted note left out), then
/// the notes added, one per line.
pub fn render(meeting: &Meeting, file: &NotesFile) -> Vec<u8> {
    // Where each note is in `file.notes`, by id (ids repeated by a hand edit, in order).
    let mut at: std::collections::HashMap<&str, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (i, note) in file.notes.iter().enumerate() {
        at.entry(note.id.as_str()).or_default().push_back(i);
    }
    let mut written = vec![false; file.notes.len()];
    let mut out = Vec::new();
    let header = meeting.header();
    let new_header = serde_json::to_string(&header).unwrap_or_default();
    match file.lines.iter().find_map(|l| match l {
        Line::Header(raw) => Some(raw),
        _ => None,
    }) {
        Some(raw) if header_of(raw).as_ref() == Some(&header) => out.extend_from_slice(raw),
        Some(raw) => {
            out.extend_from_slice(with_unknown(new_header, raw, &HEADER_FIELDS).as_bytes())
        }
        None => out.extend_from_slice(new_header.as_bytes()),
    }
    out.push(b'\n');
    for line in &file.lines {
        match line {
            Line::Header(_) => continue,
            Line::Other(raw) => out.extend_from_slice(raw),
            Line::Note { note, raw } => {
                let Some(i) = at.get_mut(note.id.as_str()).and_then(|q| q.pop_front()) else {
                    continue; // deleted
                };
                written[i] = true;
                let now = &file.notes[i];
                if now == note.as_ref() {
                    out.extend_from_slice(raw);
                } else {
                    let json = serde_json::to_string(now).unwrap_or_default();
                    out.extend_from_slice(with_unknown(json, raw, &NOTE_FIELDS).as_bytes());
                }
            }
        }
        out.push(b'\n');
    }
    for (note, done) in file.notes.iter().zip(&written) {
        // A note is strings and numbers: serialising it cannot fail.
        if !done && let Ok(line) = serde_json::to_string(note) {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    out
}

fn header_of(raw: &[u8]) -> Option<Header> {
    serde_json::from_slice(raw).ok()
}

/// `json` (an object this version wrote) with the fields of the object `old` that are not
/// in `known` added at its end, as they were.
fn with_unknown(json: String, old: &[u8], known: &[&str]) -> String {
    let Ok(serde_json::Value::Object(old)) = serde_json::from_slice::<serde_json::Value>(old)
    else {
        return json;
    };
    let extra: Vec<String> = old
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .filter_map(|(k, v)| Some(format!("{}:{}", serde_json::to_string(k).ok()?, v)))
        .collect();
    match json.strip_suffix('}') {
        Some(body) if !extra.is_empty() => {
            let comma = if body.ends_with('{') { "" } else { "," };
            format!("{body}{comma}{}}}", extra.join(","))
        }
        _ => json,
    }
}

/// Writes the notes of a meeting atomically, creating the folder if needed.
pub fn save(path: &Path, meeting: &Meeting, file: &NotesFile) -> Result<(), StoreError> {
    let error = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(error)?;
    crate::fsutil::write_atomic(path, &render(meeting, file)).map_err(error)
}

/// Changes a meeting's notes file under its lock: the lock file beside it
/// ([`lock_path`]) is locked (waiting for another writer, a `meetpack notes` or a viewer,
/// to finish), the file is read as it is now, `change` is applied to it, and it is written
/// atomically before the lock is let go. So two writers at once each see the other's
/// notes, and none is lost. Returns the file as written.
pub fn update(
    path: &Path,
    meeting: &Meeting,
    change: impl FnOnce(&mut NotesFile),
) -> Result<NotesFile, StoreError> {
    let file = update_if(path, meeting, |file| {
        change(file);
        true
    })?;
    Ok(file.unwrap_or_default())
}

/// [`update`], where `change` says whether it changed anything: if not, nothing is written
/// (and `None` returned).
fn update_if(
    path: &Path,
    meeting: &Meeting,
    change: impl FnOnce(&mut NotesFile) -> bool,
) -> Result<Option<NotesFile>, StoreError> {
    let mut lock = lock(path)?;
    let _held = lock.write().map_err(|source| StoreError::Lock {
        path: lock_path(path),
        source,
    })?;
    // Taken before the read: a change between the two is then seen as one, never missed.
    let read = version(path);
    let mut file = load(path)?;
    if !change(&mut file) {
        return Ok(None);
    }
    let bytes = render(meeting, &file);
    // The folder is there: the lock file was made in it. A writer that takes the lock
    // cannot have changed the file since it was read; a program that takes none can, and
    // what it wrote would be lost under the rename, so the rename is not made.
    let mut changed = false;
    crate::fsutil::write_atomic_checked(path, &bytes, || {
        changed = version(path) != read;
        match changed {
            true => Err(std::io::Error::other("changed since it was read")),
            false => Ok(()),
        }
    })
    .map_err(|source| match changed {
        true => StoreError::Changed {
            path: path.to_path_buf(),
        },
        false => StoreError::Write {
            path: path.to_path_buf(),
            source,
        },
    })?;
    // What is on disk now, lines and all, for the next change.
    Ok(Some(parse_with_header(&bytes).0))
}

/// Which version of a file is on disk: a file renamed over it is another inode, and one
/// rewritten in place has another length or modification time. `None` when there is none.
#[derive(Debug, PartialEq)]
struct Version {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: (u64, u64),
}

fn version(path: &Path) -> Option<Version> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let inode = (0, 0);
    Some(Version {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// Sets the text of the note `id` (every note with that id, should a hand edit have
/// repeated it). Returns the note as changed, or `None` if the file has no such note (then
/// nothing is written).
pub fn edit(
    path: &Path,
    meeting: &Meeting,
    id: &str,
    text: &str,
) -> Result<Option<Note>, StoreError> {
    let mut edited = None;
    update_if(path, meeting, |file| {
        for note in file.notes.iter_mut().filter(|n| n.id == id) {
            note.text = text.to_string();
            edited = Some(note.clone());
        }
        edited.is_some()
    })?;
    Ok(edited)
}

/// Deletes the note `id`. Returns the note deleted, or `None` if the file has no such note
/// (then nothing is written).
pub fn delete(path: &Path, meeting: &Meeting, id: &str) -> Result<Option<Note>, StoreError> {
    let mut deleted = None;
    update_if(path, meeting, |file| {
        deleted = file.notes.iter().find(|n| n.id == id).cloned();
        file.notes.retain(|n| n.id != id);
        deleted.is_some()
    })?;
    Ok(deleted)
}

/// Adds a note to a meeting's file: locked, read, appended, written atomically. A note
/// that does not say which pack it was written on is marked as written on `meeting`'s.
pub fn add(path: &Path, meeting: &Meeting, mut note: Note) -> Result<NotesFile, StoreError> {
    meeting.stamp(&mut note);
    update(path, meeting, |file| file.notes.push(note))
}

/// The lock file of a notes file: its name with `.lock` added, in the same folder. It is
/// never removed (removing a lock file while another writer waits on it would let a third
/// take a lock on a new file); it is empty.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// Opens (creating it and the folder if needed) the lock file of `path`.
pub(crate) fn lock(path: &Path) -> Result<fd_lock::RwLock<std::fs::File>, StoreError> {
    let lock = lock_path(path);
    let error = |source| StoreError::Lock {
        path: lock.clone(),
        source,
    };
    if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(error)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&lock).map_err(error)?;
    Ok(fd_lock::RwLock::new(file))
}

/// Temporary files a killed writer left in `dir` (they are never read as notes).
pub fn leftover_temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(crate::fsutil::TEMP_PREFIX))
        })
        .collect()
}

/// Lower-case ASCII letters and digits joined by single hyphens, at most `max` bytes:
/// safe as a file name everywhere, and still readable.
pub(crate) fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c == '\'' || c == '’' {
            continue;
        } else {
            c.to_ascii_lowercase()
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "pack".into() } else { out }
}

/// FNV-1a, 64 bits: a stable hash of a path (the standard library's hasher may change
/// between Rust releases, and the file name must not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Anchor, NoteKind};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "meetpack-notes-{name}-{}-{}",
            std::process::id(),
            super::super::new_id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn note(text: &str) -> Note {
        Note::new(
            NoteKind::Note,
            text,
            Anchor {
                line: 3,
                quote: "The budget".into(),
                before: String::new(),
                after: String::new(),
                phrase: false,
            },
        )
    }

    #[test]
    fn a_meeting_is_named_by_committee_and_date_else_by_path() {
        let mut pack = Pack::default();
        pack.meta.committee = Some("Education and Children's Services Scrutiny Board (2)".into());
        pack.meta.date = Some("2023-12-21".into());
        let a = Meeting::of(&pack, Some(Path::new("/tmp/a.pdf")), "a.pdf");
        let b = Meeting::of(
            &pack,
            Some(Path::new("/elsewhere/b-corrected.pdf")),
            "b.pdf",
        );
        assert_eq!(
            a.file_name(),
            "2023-12-21_education-and-childrens-services-scrutiny-board-2.jsonl"
        );
        assert_eq!(a.file_name(), b.file_name());
        pack.meta.date = None;
        let a = Meeting::of(&pack, Some(Path::new("/tmp/a.pdf")), "a.pdf");
        let again = Meeting::of(&pack, Some(Path::new("/tmp/a.pdf")), "a.pdf");
        let b = Meeting::of(&pack, Some(Path::new("/tmp/b/a.pdf")), "a.pdf");
        assert!(a.file_name().starts_with("file_a_"), "{}", a.file_name());
        assert_eq!(a.file_name(), again.file_name());
        assert_ne!(a.file_name(), b.file_name());
        assert_eq!(
            Meeting::of(&pack, None, "Sample pack").file_name(),
            "named_sample-pack.jsonl"
        );
    }

    #[test]
    fn saved_notes_read_back_and_the_header_names_the_meeting() {
        let dir = scratch("roundtrip");
        let mut pack = Pack::default();
        pack.meta.committee = Some("Cabinet".into());
        pack.meta.date = Some("2024-03-01".into());
        let meeting = Meeting::of(&pack, None, "x");
        let path = meeting.file_in(&dir);
        add(&path, &meeting, note("first")).expect("add");
        let file = add(&path, &meeting, note("second \"quoted\"\nline")).expect("add");
        assert_eq!(load(&path).expect("load"), file);
        let text = std::fs::read_to_string(&path).expect("read");
        let first = text.lines().next().expect("header");
        assert!(
            first.contains("\"committee\":\"Cabinet\"")
                && first.contains("\"date\":\"2024-03-01\"")
        );
        assert_eq!(text.lines().count(), 3, "one line per note: {text}");
        assert!(leftover_temp_files(&dir).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn lines_that_are_not_notes_are_kept_through_a_save() {
        let dir = scratch("unreadable");
        std::fs::create_dir_all(&dir).expect("dir");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        std::fs::write(&path, "{\"meetpack_notes\":1}\nnot json at all\n").expect("seed");
        let file = add(&path, &meeting, note("new")).expect("add");
        assert_eq!(file.unreadable, vec!["not json at all".to_string()]);
        let again = load(&path).expect("load");
        assert_eq!(again.notes.len(), 1);
        assert_eq!(again.unreadable, file.unreadable);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn writers_at_once_keep_every_note() {
        let dir = scratch("lock");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        std::thread::scope(|s| {
            for w in 0..4 {
                let path = &path;
                let meeting = &meeting;
                s.spawn(move || {
                    for i in 0..25 {
                        add(path, meeting, note(&format!("{w}-{i}"))).expect("add");
                    }
                });
            }
        });
        let file = load(&path).expect("load");
        assert_eq!(file.notes.len(), 100);
        assert!(lock_path(&path).is_file());
        assert_eq!(
            lock_path(&path).file_name().unwrap().to_string_lossy(),
            format!("{}.lock", meeting.file_name())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Issue 19: a field this version does not know, a line that is not JSON and a line
    /// that is not UTF-8 are all written back byte for byte, in their place.
    #[test]
    fn unknown_fields_and_unreadable_lines_are_kept_byte_for_byte() {
        let dir = scratch("bytes");
        std::fs::create_dir_all(&dir).expect("dir");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        let header = br#"{"meetpack_notes":1, "synced_at":"2025-01-01"}"#;
        let colour = br#"{"id":"a1", "kind":"note","text":"Ask about it","created":"2024-01-01T00:00:00Z","anchor":{"line":3,"quote":"The budget","before":"","after":""},"colour":"red","tags":["budget",2]}"#;
        let broken = br#"{"id":"b2","kind":"note","text":"cut off"#;
        let latin1 = b"Caf\xe9 notes \xff\r";
        let plain = br#"{"id":"c3","kind":"bookmark","anchor":{"line":9,"quote":"Item 2","before":"","after":""}}"#;
        let lines: [&[u8]; 5] = [header, colour, broken, latin1, plain];
        let mut seeded = lines.join(&b'\n');
        seeded.push(b'\n');
        std::fs::write(&path, &seeded).expect("seed");

        let file = add(&path, &meeting, note("new")).expect("add");
        let bytes = std::fs::read(&path).expect("read");
        let written: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
        assert_eq!(&written[..5], &lines, "{}", String::from_utf8_lossy(&bytes));
        assert!(String::from_utf8_lossy(written[5]).contains("\"text\":\"new\""));
        assert_eq!(written.len(), 7, "one line added, ending in a newline");
        assert_eq!(file.notes.len(), 3);
        assert_eq!(file.unreadable.len(), 2);

        // A note deleted: only its line goes; a note edited: its unknown fields stay.
        update(&path, &meeting, |f| {
            f.notes.retain(|n| n.id != "c3");
            f.notes
                .iter_mut()
                .filter(|n| n.id == "a1")
                .for_each(|n| n.text = "Asked".into());
        })
        .expect("update");
        let bytes = std::fs::read(&path).expect("read");
        let written: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
        assert_eq!(written[0], header);
        assert_eq!(&written[2..4], &[broken as &[u8], latin1]);
        let edited: serde_json::Value = serde_json::from_slice(written[1]).expect("JSON");
        assert_eq!(edited["text"], "Asked");
        assert_eq!(edited["colour"], "red");
        assert_eq!(edited["tags"], serde_json::json!(["budget", 2]));
        assert!(!bytes.windows(4).any(|w| w == b"\"c3\""), "deleted");
        assert_eq!(written.len(), 6);

        // The header changes with the pack it was saved with; its unknown field stays.
        let other = Meeting {
            name: "Other name".into(),
            ..Meeting::default()
        };
        update(&path, &other, |_| {}).expect("update");
        let bytes = std::fs::read(&path).expect("read");
        let first = bytes.split(|b| *b == b'\n').next().expect("header");
        assert_eq!(
            first,
            br#"{"meetpack_notes":1,"pack":"Other name","synced_at":"2025-01-01"}"#
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Issue 19: a program that takes no lock (a sync tool renaming its copy over the file)
    /// replaces the file between a writer's read and its write. The writer finds it and
    /// writes nothing: the program's notes are kept, the error says so and names the file,
    /// and the next change is saved beside them. (Before, the rename went ahead and the
    /// program's note was lost.)
    #[test]
    fn a_file_replaced_during_a_change_is_not_written_over() {
        let dir = scratch("replaced");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        add(&path, &meeting, note("first")).expect("add");
        let mut theirs = std::fs::read(&path).expect("read");
        let line = serde_json::to_string(&note("theirs")).expect("JSON");
        theirs.extend_from_slice(format!("{line}\n").as_bytes());
        let staged = dir.join("synced.tmp");
        std::fs::write(&staged, &theirs).expect("write");

        // `change` runs under the lock, after the read and before the write.
        let result = add_while(&path, &meeting, || {
            std::fs::rename(&staged, &path).expect("replace")
        });
        let err = result.expect_err("not written over the replacement");
        assert!(matches!(err, StoreError::Changed { .. }), "{err}");
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), theirs);
        assert!(leftover_temp_files(&dir).is_empty());

        // Rewritten in place (another length), not renamed: found too.
        let result = add_while(&path, &meeting, || {
            std::fs::write(&path, [theirs.as_slice(), b"\n"].concat()).expect("rewrite")
        });
        assert!(matches!(result, Err(StoreError::Changed { .. })));

        add(&path, &meeting, note("mine")).expect("add");
        let texts: Vec<String> = load(&path)
            .expect("load")
            .notes
            .into_iter()
            .map(|n| n.text)
            .collect();
        assert_eq!(texts, ["first", "theirs", "mine"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Adds a note, doing `meanwhile` between the read and the write.
    fn add_while(
        path: &Path,
        meeting: &Meeting,
        meanwhile: impl FnOnce(),
    ) -> Result<NotesFile, StoreError> {
        update(path, meeting, |file| {
            meanwhile();
            file.notes.push(note("mine"));
        })
    }

    #[test]
    fn a_note_is_edited_and_deleted_by_id_and_an_unknown_id_writes_nothing() {
        let dir = scratch("edit");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        let first = note("first");
        let second = note("second");
        add(&path, &meeting, first.clone()).expect("add");
        add(&path, &meeting, second.clone()).expect("add");
        let edited = edit(&path, &meeting, &first.id, "changed").expect("edit");
        assert_eq!(edited.map(|n| n.text), Some("changed".to_string()));
        let deleted = delete(&path, &meeting, &second.id).expect("delete");
        assert_eq!(deleted.map(|n| n.id), Some(second.id.clone()));
        let file = load(&path).expect("load");
        assert_eq!(file.notes.len(), 1);
        assert_eq!(file.notes[0].text, "changed");
        let before = std::fs::read(&path).expect("read");
        assert_eq!(edit(&path, &meeting, "nope", "x").expect("edit"), None);
        assert_eq!(delete(&path, &meeting, &second.id).expect("delete"), None);
        assert_eq!(std::fs::read(&path).expect("read"), before);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Issue 19: a file that cannot be read as a whole is never replaced.
    #[test]
    fn a_file_that_cannot_be_read_is_never_written_over() {
        let dir = scratch("unusable");
        std::fs::create_dir_all(&dir).expect("dir");
        let meeting = Meeting::default();
        let path = meeting.file_in(&dir);
        let cases: [(&[u8], &str); 4] = [
            (
                b"\xff\xfe\x00n\x00o\x00t\x00\xc3\x28\n\x80\x81",
                "not UTF-8",
            ),
            (
                b"some other program's file\nwith lines\n",
                "no line that is",
            ),
            (b"{\"meetpack_notes\":2,\"x\":1}\n", "newer than"),
            (b"{\"meetpack_notes\":1}\n{\"id\":\"a\"}\n", ""),
        ];
        for (bytes, reason) in cases {
            std::fs::write(&path, bytes).expect("seed");
            let result = add(&path, &meeting, note("new"));
            if reason.is_empty() {
                // A header and a broken note: a notes file, written (the line is kept).
                result.expect("a notes file with a broken line is written");
                continue;
            }
            let err = result
                .expect_err("no write over an unreadable file")
                .to_string();
            assert!(
                err.contains(reason) && err.contains("left as it is"),
                "{err}"
            );
            assert_eq!(std::fs::read(&path).expect("read"), bytes, "{reason}");
            assert!(load(&path).is_err());
        }
        // A folder where the file should be: cannot be read, so not written.
        std::fs::remove_file(&path).expect("remove");
        std::fs::create_dir(&path).expect("a folder in its place");
        assert!(matches!(
            add(&path, &meeting, note("new")),
            Err(StoreError::Read { .. })
        ));
        // Permission denied (not as root, who reads anything).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.join("locked.jsonl");
            std::fs::write(&locked, "{\"meetpack_notes\":1}\n").expect("seed");
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
                .expect("chmod");
            if std::fs::read(&locked).is_err() {
                assert!(matches!(
                    add(&locked, &meeting, note("new")),
                    Err(StoreError::Read { .. })
                ));
                std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600))
                    .expect("chmod");
                assert_eq!(
                    std::fs::read(&locked).expect("read"),
                    b"{\"meetpack_notes\":1}\n"
                );
            }
        }
        // A blank file is an empty one.
        let blank = dir.join("blank.jsonl");
        std::fs::write(&blank, "\n\n").expect("seed");
        assert_eq!(
            add(&blank, &meeting, note("new")).expect("add").notes.len(),
            1
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_is_empty_and_an_unwritable_folder_an_error() {
        assert_eq!(
            load(Path::new("/nonexistent/meetpack/x.jsonl")).expect("empty"),
            NotesFile::default()
        );
        let err = save(
            Path::new("/proc/meetpack-notes/x.jsonl"),
            &Meeting::default(),
            &NotesFile::default(),
        );
        assert!(err.is_err());
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Cabinet / Council (Special)", 80),
            "cabinet-council-special"
        );
        assert_eq!(slug("", 80), "pack");
        assert_eq!(
            slug("Pwyllgor Cynllunio – Ymgynghori", 80),
            "pwyllgor-cynllunio-ymgynghori"
        );
    }
}
