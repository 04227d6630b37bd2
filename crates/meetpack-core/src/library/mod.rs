//! The library: every pack in the user's folders, indexed in an embedded SQLite database
//! with full-text search (FTS5), so questions across meetings are answered offline.
//!
//! The index is a cache. The packs are the truth, and the list of folders the user added
//! is kept beside the index as plain text; a missing or damaged index is rebuilt from them
//! with a message. Each file is written in one transaction, so a crash mid-index leaves
//! every file either fully indexed or not at all, and the next `update` completes it.
//! No egui here: the CLI and the viewer both drive this module.

pub mod decisions_csv;
mod extract;
mod index;
pub mod isolate;
mod lasttime;
mod minhash;
mod names;
mod query;
mod schema;
mod text;

pub use index::{Fault, UpdateOptions, UpdateReport};
pub use lasttime::{LastTime, LastTimeMinute, LastTimePaper, LastTimeWork};
pub use query::{
    Compare, CompareDoc, CompareParagraph, DecisionRow, DocRef, Filter, Hit, KindFilter,
    ListDocument, ListFile, ListMeeting, ListScan, Listing, Person, PersonDeclaration,
    PersonMeeting, PersonRate, SortBy,
};

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use thiserror::Error;

/// Where the index and its list of folders are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryPaths {
    /// The SQLite database (a cache).
    pub index: PathBuf,
    /// The folders the user added, one absolute path a line (the truth the index is
    /// rebuilt from).
    pub folders: PathBuf,
}

impl LibraryPaths {
    /// An index at `index`, its folder list beside it (`index` + `.folders`).
    pub fn at(index: impl Into<PathBuf>) -> Self {
        let index = index.into();
        let mut folders = index.clone().into_os_string();
        folders.push(".folders");
        LibraryPaths {
            index,
            folders: folders.into(),
        }
    }

    /// `MEETPACK_LIBRARY` when it is set (tests, a second library), else the user's
    /// default. The CLI's `--library` comes before both.
    pub fn from_env() -> Option<Self> {
        match std::env::var_os("MEETPACK_LIBRARY").filter(|v| !v.is_empty()) {
            Some(p) => Some(LibraryPaths::at(PathBuf::from(p))),
            None => Self::user_default(),
        }
    }

    /// The user's default: the index in the cache folder (it can be rebuilt), the list of
    /// folders in the data folder (it cannot), as the README's table says.
    pub fn user_default() -> Option<Self> {
        let dirs = directories::ProjectDirs::from_path(PathBuf::from("meetpack"))?;
        Some(LibraryPaths {
            index: dirs.cache_dir().join("library.sqlite3"),
            folders: dirs.data_dir().join("library-folders.txt"),
        })
    }
}

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("the library index: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("the library index's schema: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A request that cannot be answered (a bad query or date); the message says why.
    #[error("{0}")]
    Request(String),
    /// The update was stopped by its caller (the viewer's Cancel); what was written stays.
    #[error("indexing was cancelled")]
    Cancelled,
    /// The index was being written while a fault was injected (tests only).
    #[error("indexing stopped by an injected fault")]
    Fault,
}

impl LibraryError {
    /// The database file is damaged or not a database: rebuilding is the cure.
    pub fn is_damaged(&self) -> bool {
        let code = match self {
            LibraryError::Db(e) => e.sqlite_error_code(),
            LibraryError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                err.sqlite_error_code()
            }
            _ => None,
        };
        matches!(
            code,
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }
}

pub type Result<T> = std::result::Result<T, LibraryError>;

/// An open library index.
pub struct Library {
    conn: Connection,
    paths: LibraryPaths,
    /// What happened on opening that the user should be told (a rebuilt index).
    notice: Option<String>,
    /// The index was created empty while folders are listed: an update refills it.
    needs_rebuild: bool,
}

impl Library {
    /// Opens (or creates) the index. A damaged index is removed and created anew; either
    /// way [`Library::notice`] says so and [`Library::needs_rebuild`] is true.
    pub fn open(paths: LibraryPaths) -> Result<Library> {
        if let Some(parent) = paths.index.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| LibraryError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let existed = paths.index.exists();
        let mut notice = None;
        let conn = match open_db(&paths.index) {
            Ok(conn) => conn,
            Err(e) if e.is_damaged() => {
                remove_db(&paths.index)?;
                notice = Some(format!(
                    "the library index {} was damaged ({e}); it is rebuilt from the packs",
                    paths.index.display()
                ));
                open_db(&paths.index)?
            }
            Err(e) => return Err(e),
        };
        let folders = read_folders(&paths.folders)?;
        let mut needs_rebuild = notice.is_some();
        if !existed && !folders.is_empty() {
            notice.get_or_insert_with(|| {
                format!(
                    "the library index {} was missing; it is rebuilt from the packs in {} folder(s)",
                    paths.index.display(),
                    folders.len()
                )
            });
            needs_rebuild = true;
        }
        Ok(Library {
            conn,
            paths,
            notice,
            needs_rebuild: needs_rebuild && !folders.is_empty(),
        })
    }

    /// Opens the index to read it, for the viewer's readers (listing, search, answers),
    /// which run beside the indexer: a damaged index is reported (`is_damaged`), never
    /// removed here, so only the one writer rebuilds it and says so. A reader that
    /// replaced it would leave the writer an empty index with nothing to tell.
    pub fn open_reader(paths: LibraryPaths) -> Result<Library> {
        let conn = open_db(&paths.index)?;
        Ok(Library {
            conn,
            paths,
            notice: None,
            needs_rebuild: false,
        })
    }

    /// Removes a damaged index and opens a fresh one (after an operation found damage the
    /// checks on opening could not see).
    pub fn reset(self) -> Result<Library> {
        let paths = self.paths.clone();
        drop(self);
        remove_db(&paths.index)?;
        let mut lib = Library::open(paths)?;
        lib.needs_rebuild = true;
        Ok(lib)
    }

    pub fn paths(&self) -> &LibraryPaths {
        &self.paths
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn needs_rebuild(&self) -> bool {
        self.needs_rebuild
    }

    /// The folders the library indexes.
    pub fn folders(&self) -> Result<Vec<PathBuf>> {
        read_folders(&self.paths.folders)
    }

    /// Adds folders (made absolute) to the list; returns those that were new.
    pub fn add_folders(&mut self, dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let mut folders = self.folders()?;
        let mut added = Vec::new();
        for dir in dirs {
            let abs = std::fs::canonicalize(dir).map_err(|source| LibraryError::Io {
                path: dir.clone(),
                source,
            })?;
            if !abs.is_dir() {
                return Err(LibraryError::Request(format!(
                    "{} is not a folder",
                    dir.display()
                )));
            }
            if !folders.contains(&abs) {
                folders.push(abs.clone());
                added.push(abs);
            }
        }
        write_folders(&self.paths.folders, &folders)?;
        Ok(added)
    }

    /// How many meetings the index holds (the viewer says "not in your library yet" when
    /// there is none but the open pack's).
    pub fn meeting_count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM meetings", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn open_db(path: &Path) -> Result<Connection> {
    keep_private(path);
    let mut conn = Connection::open(path)?;
    // WAL: readers (the viewer's search) go on while the one writer indexes.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    schema::migrations().to_latest(&mut conn)?;
    // Reads a page of each table, so a damaged file is found now, not mid-search.
    conn.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))?;
    conn.query_row("SELECT count(*) FROM blocks_fts WHERE rowid = 1", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

/// The index holds the full text of every pack, exempt papers included: it is made
/// readable by its owner only (0600) before SQLite first opens it, and an index left more
/// open by an earlier version is closed up. SQLite gives its `-wal` and `-shm` files the
/// database file's permissions. Best effort: a file system without Unix modes keeps its own.
fn keep_private(index: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        // An empty file is an empty database to SQLite; create_new never follows a link.
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(index);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = index.to_path_buf().into_os_string();
            p.push(suffix);
            if let Ok(meta) = std::fs::symlink_metadata(&p)
                && meta.is_file()
                && meta.permissions().mode() & 0o077 != 0
            {
                let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = index;
}

fn remove_db(index: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = index.to_path_buf().into_os_string();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(LibraryError::Io {
                    path: p.into(),
                    source,
                });
            }
        }
    }
    Ok(())
}

fn read_folders(path: &Path) -> Result<Vec<PathBuf>> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(PathBuf::from)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(LibraryError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Written atomically ([`crate::fsutil::write_atomic`], private), so a crash never leaves
/// half a list.
fn write_folders(path: &Path, folders: &[PathBuf]) -> Result<()> {
    let io = |source| LibraryError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut text = String::from("# Folders in MeetPack's library, one a line.\n");
    for f in folders {
        text.push_str(&f.to_string_lossy());
        text.push('\n');
    }
    crate::fsutil::write_atomic(path, text.as_bytes()).map_err(io)
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_index_is_readable_by_its_owner_only() {
        let dir =
            std::env::temp_dir().join(format!("meetpack-private-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let index = dir.join("library.sqlite3");
        let lib = Library::open(LibraryPaths::at(&index)).unwrap();
        lib.conn()
            .execute_batch("CREATE TABLE IF NOT EXISTS t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        assert_eq!(mode(&index), 0o600);
        let wal = dir.join("library.sqlite3-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600, "the WAL holds page images of the text");
        }
        drop(lib);
        // An index an earlier version left readable by all is closed up when opened.
        std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o644)).unwrap();
        let _lib = Library::open(LibraryPaths::at(&index)).unwrap();
        assert_eq!(mode(&index), 0o600);
        std::fs::remove_dir_all(&dir).ok();
    }
}
