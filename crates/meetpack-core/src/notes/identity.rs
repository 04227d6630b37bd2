//! Which notes file is a pack's: found by what the pack is, not by one reading of it.
//!
//! A pack has up to three keys: the fingerprint of its bytes, its path, and its meeting
//! (council, committee and date). The notes folder's `index.json` maps every key a pack has
//! had to its notes file, so a pack found by one key (a reworded committee line at the same
//! path, the same bytes moved elsewhere, a supplement of the same meeting) records the
//! others, and the next change of key still finds the file. Lookup order: fingerprint (the
//! same bytes are the same pack, however a parser reads them), then path, then meeting.
//! A file whose header names another council than the pack's is never taken by path or
//! meeting, nor one whose header dates another meeting by path (a file name reused for
//! the next meeting's agenda), so another council's or another meeting's notes never show.
//!
//! Files that are not in the index (an index lost, files written before there was one) are
//! found by name: today's name for the meeting, then the name before the council was part
//! of it (`<date>_<committee>.jsonl`), adopted only for the pack that made it (the header's
//! `pack` is this path) or when the pack names no council, never for a pack of another
//! council than the header's.
//!
//! The index is changed as notes files are: under a lock (`index.json.lock`), read, merged,
//! written atomically. One that cannot be read is never written over; lookups then go by
//! file name alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::store::{self, Meeting, StoreError};

/// The index's file name in the notes folder.
pub const INDEX_FILE: &str = "index.json";
/// The index format this version writes.
pub const INDEX_FORMAT: u32 = 1;

/// How a pack's notes file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The index maps the pack's content fingerprint to it.
    Fingerprint,
    /// The index maps the pack's path to it.
    Path,
    /// The index maps the pack's council, committee and date to it.
    Meeting,
    /// Not in the index: the file named for this meeting (or path) today.
    Named,
    /// Not in the index: the file a version before the council was part of the name made.
    Legacy,
    /// None: where a new file goes.
    New,
}

/// A pack's notes file, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: PathBuf,
    pub found: Found,
}

/// The index as stored: key to notes file name. Fields this version does not know are kept.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    #[serde(default)]
    meetpack_notes_index: u32,
    #[serde(default)]
    keys: BTreeMap<String, String>,
    #[serde(flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

/// A pack's keys in the index, in lookup order.
pub fn keys(meeting: &Meeting) -> Vec<(String, Found)> {
    let mut out = Vec::new();
    if let Some(fingerprint) = &meeting.fingerprint {
        out.push((format!("fingerprint:{fingerprint}"), Found::Fingerprint));
    }
    if let Some(path) = &meeting.path {
        out.push((format!("path:{}", path.to_string_lossy()), Found::Path));
    }
    if let Some(key) = meeting.meeting_key() {
        out.push((format!("meeting:{key}"), Found::Meeting));
    }
    out
}

/// The notes file of the pack `meeting` is, in `dir`: the first of its keys the index maps
/// to a file that is there and may be this pack's, else a file named for it, else a new
/// file's name (one no file has). Once found, the pack's keys as they are now are recorded
/// (so a pack reworded in place and then moved still finds its notes; the index is written
/// only if a key is new); that record is best effort: the file is found by name if it
/// fails.
pub fn locate(dir: &Path, meeting: &Meeting) -> Located {
    let index = read_index(dir).ok().flatten().unwrap_or_default();
    let located = lookup(dir, meeting, &index.keys);
    if located.found != Found::New {
        let _ = record(dir, &located.file, meeting);
    }
    located
}

fn lookup(dir: &Path, meeting: &Meeting, index: &BTreeMap<String, String>) -> Located {
    for (key, found) in keys(meeting) {
        let Some(name) = index.get(&key).filter(|n| plain_name(n)) else {
            continue;
        };
        let file = dir.join(name);
        if file.is_file() && belongs(&file, meeting, found) {
            return Located { file, found };
        }
    }
    let named = meeting.file_name();
    let legacy = meeting.legacy_file_name().filter(|l| *l != named);
    let by_name = [(Some(named.clone()), Found::Named), (legacy, Found::Legacy)];
    for (name, found) in by_name {
        let Some(name) = name else { continue };
        let file = dir.join(name);
        if file.is_file() && belongs(&file, meeting, found) {
            return Located { file, found };
        }
    }
    Located {
        file: dir.join(free_name(dir, &named)),
        found: Found::New,
    }
}

/// Whether the file found as `found` may hold this pack's notes, by its header. A file
/// whose header cannot be read is taken (so its load fails and nothing is written over
/// it), except by its old name, where only a pack naming no council takes it.
fn belongs(file: &Path, meeting: &Meeting, found: Found) -> bool {
    if found == Found::Fingerprint {
        return true;
    }
    let header = store::read_header(file);
    let council = header.as_ref().and_then(|h| h.council.as_deref());
    if !meeting.same_council(council) {
        return false;
    }
    match (found, &header) {
        (Found::Path, Some(h)) => match (&h.date, &meeting.date) {
            (Some(theirs), Some(mine)) => theirs == mine,
            _ => true,
        },
        (Found::Legacy, Some(h)) => {
            meeting.council.is_none() || h.council.is_some() || h.pack == meeting.label()
        }
        (Found::Legacy, None) => meeting.council.is_none(),
        _ => true,
    }
}

/// A name from the index is a file in the folder, never a path out of it.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && name.ends_with(".jsonl")
}

/// `name`, or `<stem>_2.jsonl`, `_3`, … when a file that is not this pack's has it.
fn free_name(dir: &Path, name: &str) -> String {
    let stem = name.strip_suffix(".jsonl").unwrap_or(name);
    std::iter::once(name.to_string())
        .chain((2..).map(|n| format!("{stem}_{n}.jsonl")))
        .find(|n| !dir.join(n).exists())
        .unwrap_or_else(|| name.to_string())
}

/// The index in `dir`: `None` when there is none; an error when it cannot be read, is not
/// an index, or is a newer format's.
fn read_index(dir: &Path) -> Result<Option<Index>, StoreError> {
    let path = dir.join(INDEX_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(StoreError::Read { path, source }),
    };
    let unusable = |reason: String| StoreError::Unusable {
        path: path.clone(),
        reason,
    };
    let index: Index = serde_json::from_slice(&bytes)
        .map_err(|e| unusable(format!("is not a notes index ({e})")))?;
    if index.meetpack_notes_index > INDEX_FORMAT {
        return Err(unusable(format!(
            "is in index format {}, newer than this MeetPack's ({INDEX_FORMAT})",
            index.meetpack_notes_index
        )));
    }
    Ok(Some(index))
}

/// Records every key of `meeting` as leading to `file` (a notes file in `dir`): under the
/// index's lock, read, merged and written atomically, and only if a key changed. An index
/// that cannot be read is left as it is (an error).
pub fn record(dir: &Path, file: &Path, meeting: &Meeting) -> Result<(), StoreError> {
    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
        return Ok(());
    };
    let path = dir.join(INDEX_FILE);
    let mut lock = store::lock(&path)?;
    let _held = lock.write().map_err(|source| StoreError::Lock {
        path: store::lock_path(&path),
        source,
    })?;
    let mut index = read_index(dir)?.unwrap_or_default();
    let mut changed = index.meetpack_notes_index != INDEX_FORMAT;
    index.meetpack_notes_index = INDEX_FORMAT;
    for (key, _) in keys(meeting) {
        if index.keys.get(&key).map(String::as_str) != Some(name) {
            index.keys.insert(key, name.to_string());
            changed = true;
        }
    }
    if !changed {
        return Ok(());
    }
    // Strings and maps: serialising cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&index).unwrap_or_default();
    bytes.push(b'\n');
    crate::fsutil::write_atomic(&path, &bytes).map_err(|source| StoreError::Write { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pack;
    use crate::notes::{Anchor, Note, NoteKind};

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "meetpack-identity-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    /// A pack of Coventry's scrutiny board on 21 December 2023 at `path`, of `bytes`.
    fn meeting(council: Option<&str>, committee: &str, path: &str, bytes: &[u8]) -> Meeting {
        let mut pack = Pack::default();
        pack.meta.council = council.map(str::to_string);
        pack.meta.committee = Some(committee.into());
        pack.meta.date = Some("2023-12-21".into());
        Meeting::of(&pack, Some(Path::new(path)), "pack.txt").with_content(bytes)
    }

    const COVENTRY: Option<&str> = Some("Coventry City Council");
    const BOARD: &str = "Education and Children's Services Scrutiny Board (2)";

    fn note(text: &str) -> Note {
        let anchor = Anchor {
            line: 3,
            quote: "The budget".into(),
            before: String::new(),
            after: String::new(),
            phrase: false,
        };
        Note::new(NoteKind::Note, text, anchor)
    }

    /// Adds a note where `m`'s notes are, and records its keys, as the CLI and viewer do.
    fn add(dir: &Path, m: &Meeting, text: &str) -> PathBuf {
        let file = locate(dir, m).file;
        store::add(&file, m, note(text)).expect("add");
        record(dir, &file, m).expect("record");
        file
    }

    fn texts(dir: &Path, m: &Meeting) -> Vec<String> {
        let file = store::load(&locate(dir, m).file).expect("load");
        file.notes.into_iter().map(|n| n.text).collect()
    }

    fn index(dir: &Path) -> serde_json::Value {
        let bytes = std::fs::read(dir.join(INDEX_FILE)).expect("index");
        serde_json::from_slice(&bytes).expect("index JSON")
    }

    #[test]
    fn fingerprint_then_path_then_meeting() {
        let dir = scratch("order");
        let m = meeting(COVENTRY, BOARD, "/packs/a.txt", b"bytes");
        for name in ["by-fp.jsonl", "by-path.jsonl", "by-meeting.jsonl"] {
            let file = dir.join(name);
            store::add(&file, &m, note(name)).expect("seed");
        }
        let mut keys: BTreeMap<String, String> = BTreeMap::new();
        let all = super::keys(&m);
        assert_eq!(
            all.iter().map(|(_, f)| *f).collect::<Vec<_>>(),
            [Found::Fingerprint, Found::Path, Found::Meeting]
        );
        for ((key, _), name) in all
            .iter()
            .zip(["by-fp.jsonl", "by-path.jsonl", "by-meeting.jsonl"])
        {
            keys.insert(key.clone(), name.into());
        }
        let found = lookup(&dir, &m, &keys);
        assert_eq!(
            (found.found, found.file),
            (Found::Fingerprint, dir.join("by-fp.jsonl"))
        );
        keys.remove(&all[0].0);
        let found = lookup(&dir, &m, &keys);
        assert_eq!(
            (found.found, found.file),
            (Found::Path, dir.join("by-path.jsonl"))
        );
        keys.remove(&all[1].0);
        let found = lookup(&dir, &m, &keys);
        assert_eq!(
            (found.found, found.file),
            (Found::Meeting, dir.join("by-meeting.jsonl"))
        );
        keys.remove(&all[2].0);
        assert_eq!(lookup(&dir, &m, &keys).found, Found::New);
        // A key to a file that is gone, or to a path out of the folder, is passed over.
        keys.insert(all[0].0.clone(), "gone.jsonl".into());
        keys.insert(all[1].0.clone(), "../by-fp.jsonl".into());
        assert_eq!(lookup(&dir, &m, &keys).found, Found::New);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn two_councils_with_the_same_committee_and_date_never_share_notes() {
        let dir = scratch("councils");
        let coventry = meeting(COVENTRY, BOARD, "/packs/a.txt", b"Coventry City Council");
        let file = add(&dir, &coventry, "Coventry's");
        assert_eq!(
            file.file_name().unwrap().to_string_lossy(),
            "2023-12-21_coventry-city-council_education-and-childrens-services-scrutiny-board-2.jsonl"
        );
        let warwick = Some("Warwick District Council");
        let elsewhere = meeting(warwick, BOARD, "/packs/b.txt", b"Warwick District Council");
        assert_eq!(locate(&dir, &elsewhere).found, Found::New);
        assert!(texts(&dir, &elsewhere).is_empty());
        // Not even at the same path (a file replaced by another council's pack).
        let replaced = meeting(warwick, BOARD, "/packs/a.txt", b"Warwick District Council");
        let located = locate(&dir, &replaced);
        assert_eq!(located.found, Found::New);
        assert_ne!(located.file, file);
        add(&dir, &replaced, "Warwick's");
        assert_eq!(texts(&dir, &replaced), ["Warwick's"]);
        // Coventry's pack, moved, still finds its own by its bytes.
        let moved = meeting(COVENTRY, BOARD, "/moved/a.txt", b"Coventry City Council");
        assert_eq!(texts(&dir, &moved), ["Coventry's"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reworded_committee_at_the_same_path_finds_its_notes_and_keeps_them() {
        let dir = scratch("reworded");
        let first = meeting(COVENTRY, BOARD, "/packs/a.txt", b"v1");
        add(&dir, &first, "Ask about it");
        let reworded = meeting(
            COVENTRY,
            "Scrutiny Board 2 (Education)",
            "/packs/a.txt",
            b"v2",
        );
        let located = locate(&dir, &reworded);
        assert_eq!(located.found, Found::Path);
        assert_eq!(texts(&dir, &reworded), ["Ask about it"]);
        // Found by path, its new keys were recorded: moved now, it is found by its bytes.
        let moved = meeting(
            COVENTRY,
            "Scrutiny Board 2 (Education)",
            "/elsewhere/x.txt",
            b"v2",
        );
        assert_eq!(locate(&dir, &moved).found, Found::Fingerprint);
        assert_eq!(locate(&dir, &moved).file, located.file);
        // Another meeting's agenda saved over the same file name is not this one.
        let mut next = meeting(COVENTRY, BOARD, "/packs/a.txt", b"v3");
        next.date = Some("2024-01-18".into());
        assert!(texts(&dir, &next).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_moved_file_with_the_same_content_finds_its_notes() {
        let dir = scratch("moved");
        // A pack without committee or date: its file is named by its path.
        let mut here = Meeting::of(
            &Pack::default(),
            Some(Path::new("/a/loose.txt")),
            "loose.txt",
        )
        .with_content(b"same bytes");
        let file = add(&dir, &here, "Why?");
        here.path = Some(PathBuf::from("/b/renamed.txt"));
        assert_eq!(
            locate(&dir, &here),
            Located {
                file,
                found: Found::Fingerprint
            }
        );
        assert_eq!(texts(&dir, &here), ["Why?"]);
        // Found there, its new path was recorded: the file revised in place keeps them.
        let revised = here.clone().with_content(b"revised bytes");
        assert_eq!(locate(&dir, &revised).found, Found::Path);
        // Other bytes at a path never seen have none.
        let mut other = here.clone().with_content(b"other bytes");
        other.path = Some(PathBuf::from("/c/other.txt"));
        assert!(texts(&dir, &other).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A file written before the index and before the council was part of the name.
    /// `path` as `Meeting::of` records it on this platform ("Z:\\packs\\a.txt" on Windows).
    fn abs(path: &str) -> String {
        std::path::absolute(path)
            .map_or_else(|_| path.to_string(), |p| p.to_string_lossy().into_owned())
    }

    fn legacy(dir: &Path, council: Option<&str>, pack: &str) -> PathBuf {
        let file = dir.join("2023-12-21_education-and-childrens-services-scrutiny-board-2.jsonl");
        let mut header = serde_json::json!({"meetpack_notes": 1, "committee": BOARD,
            "date": "2023-12-21", "pack": abs(pack)});
        if let Some(c) = council {
            header["council"] = c.into();
        }
        let line = r#"{"id":"old","kind":"note","text":"Old note","created":"2023-12-20T10:00:00Z","anchor":{"line":3,"quote":"The budget","before":"","after":""}}"#;
        std::fs::write(&file, format!("{header}\n{line}\n")).expect("legacy");
        file
    }

    #[test]
    fn a_legacy_file_is_adopted_by_its_pack_and_never_by_another_council() {
        let dir = scratch("legacy");
        let file = legacy(&dir, None, "/packs/a.txt");
        // The pack that made it (same path) adopts it.
        let maker = meeting(COVENTRY, BOARD, "/packs/a.txt", b"x");
        assert_eq!(
            locate(&dir, &maker),
            Located {
                file: file.clone(),
                found: Found::Legacy
            }
        );
        // A pack naming no council adopts it (the old rule: one file per committee and date).
        let unnamed = meeting(None, BOARD, "/packs/b.txt", b"y");
        assert_eq!(locate(&dir, &unnamed).file, file);
        // A pack at another path naming a council does not: it may be another council's.
        let other = meeting(
            Some("Warwick District Council"),
            BOARD,
            "/packs/c.txt",
            b"z",
        );
        assert_eq!(locate(&dir, &other).found, Found::New);

        // Once saved by its pack, the header names the council; then another council's
        // pack never adopts it, even at the same path.
        let dir2 = scratch("legacy2");
        let file = legacy(&dir2, None, "/packs/a.txt");
        store::add(&file, &maker, note("new")).expect("add");
        let header = store::read_header(&file).expect("header");
        assert_eq!(header.council.as_deref(), COVENTRY);
        // No index (store::add alone records nothing): found by name alone.
        assert!(!dir2.join(INDEX_FILE).exists());
        let same_path = meeting(
            Some("Warwick District Council"),
            BOARD,
            "/packs/a.txt",
            b"w",
        );
        assert_eq!(locate(&dir2, &same_path).found, Found::New);
        // And Coventry's pack anywhere does, by its name and header.
        let moved = meeting(COVENTRY, BOARD, "/moved/a.txt", b"v");
        assert_eq!(locate(&dir2, &moved).file, file);
        assert_eq!(texts(&dir2, &moved), ["Old note", "new"]);
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&dir2);
    }

    #[test]
    fn a_legacy_file_of_another_council_is_not_adopted_at_the_same_path() {
        let dir = scratch("legacy3");
        legacy(&dir, Some("Warwick District Council"), "/packs/a.txt");
        let coventry = meeting(COVENTRY, BOARD, "/packs/a.txt", b"x");
        assert_eq!(locate(&dir, &coventry).found, Found::New);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_index_is_written_atomically_under_its_lock_and_keeps_what_it_does_not_know() {
        let dir = scratch("index");
        std::fs::write(
            dir.join(INDEX_FILE),
            r#"{"meetpack_notes_index":1,"keys":{},"synced":"2025-01-01"}"#,
        )
        .expect("seed");
        // Eight writers at once, each with its own pack: every key is kept.
        std::thread::scope(|s| {
            for w in 0..8 {
                let dir = &dir;
                s.spawn(move || {
                    for i in 0..10 {
                        let m = meeting(COVENTRY, BOARD, &format!("/p/{w}-{i}.txt"), &[w, i]);
                        record(dir, &dir.join(format!("f{w}.jsonl")), &m).expect("record");
                    }
                });
            }
        });
        let index = index(&dir);
        let keys = index["keys"].as_object().expect("keys");
        // 80 paths, 80 fingerprints, and the one meeting they share.
        assert_eq!(keys.len(), 161, "{keys:?}");
        assert_eq!(keys[&format!("path:{}", abs("/p/3-7.txt"))], "f3.jsonl");
        assert_eq!(index["synced"], "2025-01-01");
        assert!(store::leftover_temp_files(&dir).is_empty());
        #[cfg(unix)]
        {
            // A new index is private (as notes are).
            use std::os::unix::fs::PermissionsExt;
            let fresh = scratch("index-mode");
            let m = meeting(COVENTRY, BOARD, "/p/x.txt", b"x");
            record(&fresh, &fresh.join("f.jsonl"), &m).expect("record");
            let mode = std::fs::metadata(fresh.join(INDEX_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let _ = std::fs::remove_dir_all(&fresh);
        }
        // An index that cannot be read is never written over, and lookups go by name.
        let garbage = b"{\"keys\": [not an index";
        std::fs::write(dir.join(INDEX_FILE), garbage).expect("break it");
        let m = meeting(COVENTRY, BOARD, "/p/new.txt", b"new");
        let file = locate(&dir, &m).file;
        assert!(matches!(
            record(&dir, &file, &m),
            Err(StoreError::Unusable { .. })
        ));
        assert_eq!(std::fs::read(dir.join(INDEX_FILE)).unwrap(), garbage);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_name_taken_by_another_council_gets_a_free_one() {
        let dir = scratch("free");
        // A pack naming no council whose name is taken by Coventry's adopted file.
        let file = legacy(&dir, COVENTRY, "/packs/a.txt");
        let unnamed = meeting(None, BOARD, "/packs/b.txt", b"y");
        // Unknown council: it may be Coventry's (the old rule), so it is adopted.
        assert_eq!(locate(&dir, &unnamed).file, file);
        let warwick = meeting(Some("Warwick District Council"), BOARD, "/p/w.txt", b"w");
        std::fs::write(
            dir.join(warwick.file_name()),
            "{\"meetpack_notes\":1,\"council\":\"Other\"}\n",
        )
        .expect("squatter");
        let located = locate(&dir, &warwick);
        assert_eq!(located.found, Found::New);
        assert!(
            located.file.to_string_lossy().ends_with("_2.jsonl"),
            "{located:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
