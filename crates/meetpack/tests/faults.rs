//! Fault injection (issue 19): the notes and library stores written by `meetpack` with the
//! disk full (a file-size limit on the process, `RLIMIT_FSIZE`), in a folder that cannot
//! be written, and with the notes file replaced by another program while a writer waits
//! for it. Nothing already saved is lost, no temporary file is left, and the user is told:
//! exit code 2 and one line on stderr naming the file.
//!
//! Root is not bound by a folder's permissions: where a read-only folder can still be
//! written (tests run as root in CI), the same test limits the file size to 0 as well, so
//! the write fails either way and the test always checks a real failure.
#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{Scratch, line_of, path};

const PACK: &str = "\
MINUTES of a meeting of the Planning Committee held at County Hall on Tuesday 3 March 2024

1. Apologies

There were no apologies for absence.

2. Library Budget

The committee considered a report on the library budget for the coming year.

Members asked whether the mobile library would continue to serve rural villages.

RESOLVED that the budget be approved.
";

/// The notes file `PACK`'s notes go in.
const NOTES_FILE: &str = "2024-03-03_planning-committee.jsonl";

/// Runs `command` with files limited to `bytes`: a write past the limit fails with EFBIG,
/// as on a full disk. SIGXFSZ (which would kill the process instead) is ignored.
fn with_file_size_limit(command: &mut Command, bytes: u64) -> &mut Command {
    // SAFETY: between fork and exec only async-signal-safe calls (signal, setrlimit) run,
    // on no memory of the parent's.
    unsafe {
        command.pre_exec(move || {
            if libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR {
                return Err(std::io::Error::last_os_error());
            }
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

/// The command failed and said so: exit code 2, one line on stderr, naming `file` and
/// giving `reason`. Returns the line.
fn assert_told(out: &Output, file: &Path, reason: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("meetpack: "), "{stderr}");
    assert!(
        stderr.contains(path(file)),
        "names {}: {stderr}",
        file.display()
    );
    assert!(stderr.contains(reason), "says {reason:?}: {stderr}");
    stderr
}

/// Every file in `dir` (not below it) with its bytes: what a failed write must leave as it
/// was, with no file added (no temporary file left behind).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect()
}

/// `dir` holds the files of `before`, byte for byte, and no other but empty ones named in
/// `empty_allowed` (names only in the message: the bytes may be a database).
fn assert_unchanged(dir: &Path, before: &BTreeMap<String, Vec<u8>>, empty_allowed: &[&str]) {
    let after = snapshot(dir);
    for (name, bytes) in before {
        assert!(after.get(name) == Some(bytes), "{name} changed or gone");
    }
    for (name, bytes) in &after {
        assert!(
            before.contains_key(name)
                || (empty_allowed.contains(&name.as_str()) && bytes.is_empty()),
            "{name} added in {}",
            dir.display()
        );
    }
}

/// A folder made read-only (0555) until dropped, when it is made writable again (so the
/// scratch folder can be removed).
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn new(dir: &Path) -> Self {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        ReadOnly(dir.to_path_buf())
    }

    /// Whether the folder's permissions stop a file being made in it (not for root).
    fn enforced(&self) -> bool {
        let probe = self.0.join("probe");
        match std::fs::File::create(&probe) {
            Ok(_) => {
                std::fs::remove_file(&probe).expect("remove probe");
                false
            }
            Err(e) => {
                assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied, "{e}");
                true
            }
        }
    }

    /// Makes `command` fail to write in the folder: by its permissions, or, where they do
    /// not bind (root), by a file-size limit of 0 bytes as well. Returns whether it was the
    /// permissions (`true`) or the limit.
    fn fail(&self, command: &mut Command) -> bool {
        let enforced = self.enforced();
        if !enforced {
            with_file_size_limit(command, 0);
        }
        enforced
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

/// What a notes error says when a folder's permissions (`true`) or a file-size limit
/// stopped the write.
fn notes_reason(permissions: bool) -> &'static str {
    match permissions {
        true => "Permission denied",
        false => "File too large",
    }
}

/// A pack with one note saved: the scratch folder, the pack, and the note's line.
fn pack_with_a_note(name: &str) -> (Scratch, PathBuf, u32) {
    let s = Scratch::new(name);
    let pack = s.write("pack.txt", PACK);
    let line = line_of(PACK, "mobile library");
    s.add(&pack, line, &["--text", "Saved before"]);
    assert!(s.notes_dir().join(NOTES_FILE).is_file());
    (s, pack, line)
}

fn texts(s: &Scratch, pack: &Path) -> Vec<String> {
    let mut texts: Vec<String> = s
        .list(pack)
        .iter()
        .map(|n| n["text"].as_str().expect("text").to_string())
        .collect();
    texts.sort();
    texts
}

#[test]
fn a_full_disk_keeps_the_saved_notes_and_says_which_file() {
    let (s, pack, line) = pack_with_a_note("faults-full");
    let dir = s.notes_dir();
    let file = dir.join(NOTES_FILE);
    let before = snapshot(&dir);
    // Room for the file as it is, not for it with one more note.
    let size = before[NOTES_FILE].len() as u64;
    let at = line.to_string();
    let args = ["notes", "add", path(&pack), "--at", &at, "--text", "Lost?"];
    let out = with_file_size_limit(&mut s.command(&args), size)
        .output()
        .expect("run meetpack");
    assert_told(&out, &file, "cannot write the notes file");
    assert!(out.stdout.is_empty(), "no 'added' printed");
    assert_unchanged(&dir, &before, &[]);

    // An edit and a delete, with no room at all, likewise.
    let id = s.list(&pack)[0]["id"].as_str().expect("id").to_string();
    let edit = [
        "notes",
        "edit",
        path(&pack),
        "--id",
        &id,
        "--text",
        "Changed?",
    ];
    let delete = ["notes", "delete", path(&pack), "--id", &id];
    for change in [&edit[..], &delete[..]] {
        let out = with_file_size_limit(&mut s.command(change), 0)
            .output()
            .expect("run meetpack");
        assert_told(&out, &file, "cannot write the notes file");
        assert_unchanged(&dir, &before, &[]);
    }

    // Its stderr a file on the same full disk (a cron job's log): the message cannot be
    // written, and the exit code still says what happened (2, not a panic's 101).
    let log = std::fs::File::create(s.0.join("log")).expect("log file");
    let out = with_file_size_limit(&mut s.command(&args), 0)
        .stderr(log)
        .output()
        .expect("run meetpack");
    assert_eq!(out.status.code(), Some(2));
    assert_unchanged(&dir, &before, &[]);

    // With room again, the next note is saved beside the first.
    s.ok(&args);
    assert_eq!(texts(&s, &pack), ["Lost?", "Saved before"]);
}

#[test]
fn a_read_only_notes_folder_keeps_the_saved_notes_and_says_which_file() {
    let (s, pack, line) = pack_with_a_note("faults-readonly");
    let dir = s.notes_dir();
    let before = snapshot(&dir);
    let at = line.to_string();
    let args = [
        "notes",
        "add",
        path(&pack),
        "--at",
        &at,
        "--text",
        "Not saved",
    ];
    {
        let read_only = ReadOnly::new(&dir);
        let mut command = s.command(&args);
        let reason = notes_reason(read_only.fail(&mut command));
        let out = command.output().expect("run meetpack");
        assert_told(&out, &dir.join(NOTES_FILE), reason);
        // Another meeting's first note: its file cannot be made either.
        let other = s.write("other.txt", &PACK.replace("3 March 2024", "4 April 2024"));
        let other_args = ["notes", "add", path(&other), "--at", &at, "--text", "New"];
        let mut command = s.command(&other_args);
        let reason = notes_reason(read_only.fail(&mut command));
        let out = command.output().expect("run meetpack");
        assert_told(&out, &dir, reason);
        // Listing still works: reading needs no write.
        assert_eq!(texts(&s, &pack), ["Saved before"]);
    }
    // Where only the size limit stopped it (root), the other meeting's lock file was made
    // (empty, as every lock file is) before its notes could not be written.
    assert_unchanged(&dir, &before, &["2024-04-04_planning-committee.jsonl.lock"]);
    s.ok(&args);
    assert_eq!(texts(&s, &pack), ["Not saved", "Saved before"]);
}

/// The note is saved but the notes folder's index (which records every key a pack has had)
/// cannot be written: the note is kept, the user is warned, naming the index, and the index
/// is left as it was. The index is made larger than the notes file (keys of other packs),
/// so one file-size limit lets the notes file be written and stops the index.
#[test]
fn a_full_disk_when_the_index_is_written_keeps_the_note_and_warns() {
    let (s, pack, line) = pack_with_a_note("faults-index");
    let dir = s.notes_dir();
    let index = dir.join("index.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&index).expect("the index")).expect("JSON");
    let keys = value["keys"].as_object_mut().expect("keys");
    for n in 0..200 {
        keys.insert(
            format!("path:/elsewhere/pack-{n}.txt"),
            "other.jsonl".into(),
        );
    }
    std::fs::write(&index, serde_json::to_vec_pretty(&value).expect("JSON")).expect("write");
    let before = snapshot(&dir);
    let room = 4 * before[NOTES_FILE].len() as u64;
    assert!(
        before["index.json"].len() as u64 > room,
        "the index is the larger"
    );

    // The same pack at a new path: found by its content, and its new path is a new key.
    let moved = s.write("moved.txt", PACK);
    let at = line.to_string();
    let args = ["notes", "add", path(&moved), "--at", &at, "--text", "Kept"];
    let out = with_file_size_limit(&mut s.command(&args), room)
        .output()
        .expect("run meetpack");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the note is saved: {stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("added note "));
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with("meetpack: warning: the note is saved") && stderr.contains(path(&index)),
        "{stderr}"
    );
    let after = snapshot(&dir);
    assert_eq!(
        after["index.json"], before["index.json"],
        "the index as it was"
    );
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "no file added"
    );
    assert_eq!(texts(&s, &pack), ["Kept", "Saved before"]);
    assert_eq!(texts(&s, &moved), ["Kept", "Saved before"]);
}

/// Takes the lock every notes writer takes on `file` (an exclusive `flock` on
/// `<file>.lock`, as `fd-lock` does), held until the returned file is dropped.
fn hold_lock(file: &Path) -> std::fs::File {
    use std::os::fd::AsRawFd;
    let mut name = file.file_name().expect("name").to_os_string();
    name.push(".lock");
    let lock = std::fs::File::open(file.with_file_name(name)).expect("the lock file");
    // SAFETY: flock on a descriptor this function owns.
    let locked = unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) };
    assert_eq!(locked, 0, "{}", std::io::Error::last_os_error());
    lock
}

/// Waits until a process is blocked on the lock `held` (listed as waiting in
/// /proc/locks, by the lock file's inode): the condition itself, not a guess of how long
/// that takes. Panics if `child` ends first (it did not wait for the lock).
fn wait_for_a_waiter(held: &std::fs::File, child: &mut std::process::Child) {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{}", held.metadata().expect("metadata").ino());
    loop {
        let locks = std::fs::read_to_string("/proc/locks").expect("/proc/locks");
        let waiting = locks.lines().any(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            fields.get(1) == Some(&"->") && fields.iter().any(|f| f.ends_with(&inode))
        });
        if waiting {
            return;
        }
        if let Some(status) = child.try_wait().expect("child") {
            panic!("the writer ended ({status}) without waiting for the lock");
        }
        std::thread::yield_now();
    }
}

/// Another program replaces the notes file (a sync tool, a copy from another computer: a
/// new file renamed over it) while `notes add` waits for the file's lock. The writer reads
/// the file as it is once it has the lock, so the other program's note is kept beside the
/// one written and the one saved before.
#[test]
fn a_notes_file_replaced_while_a_writer_waits_keeps_every_note() {
    let (s, pack, line) = pack_with_a_note("faults-replaced");
    let file = s.notes_dir().join(NOTES_FILE);
    let held = hold_lock(&file);
    let at = line.to_string();
    let args = ["notes", "add", path(&pack), "--at", &at, "--text", "Waited"];
    let mut writer = s
        .command(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run meetpack");
    wait_for_a_waiter(&held, &mut writer);

    let quote = "RESOLVED that the budget be approved.";
    let theirs = serde_json::json!({
        "id": "from-elsewhere",
        "kind": "note",
        "text": "From elsewhere",
        "created": "2024-03-04T09:00:00Z",
        "anchor": {"line": line_of(PACK, quote), "quote": quote, "before": "", "after": ""},
    });
    let mut replacement = std::fs::read(&file).expect("read");
    replacement.extend_from_slice(format!("{theirs}\n").as_bytes());
    let staged = s.0.join("replacement.jsonl");
    std::fs::write(&staged, &replacement).expect("write");
    std::fs::rename(&staged, &file).expect("replace");
    drop(held);

    let out = writer.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        texts(&s, &pack),
        ["From elsewhere", "Saved before", "Waited"]
    );
    let bytes = std::fs::read(&file).expect("read");
    assert!(
        bytes.starts_with(&replacement),
        "the replacement's lines are kept byte for byte, the new note after them"
    );
}

/// Seeds (by their number) copied into `folder` of the scratch folder.
fn seeds_in(s: &Scratch, folder: &str, seeds: &[&str]) -> PathBuf {
    let dir = s.0.join(folder);
    std::fs::create_dir_all(&dir).expect("folder");
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"));
    for entry in std::fs::read_dir(root).expect("seeds") {
        let from = entry.expect("entry").path();
        let name = from
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if seeds.iter().any(|n| name.starts_with(&format!("{n}_"))) {
            std::fs::copy(&from, dir.join(&name)).expect("copy");
        }
    }
    assert_eq!(std::fs::read_dir(&dir).expect("list").count(), seeds.len());
    dir
}

/// What the library holds: each file indexed with its documents, and the passages a
/// search finds.
struct Indexed {
    files: BTreeMap<String, serde_json::Value>,
    hits: Vec<(String, String, serde_json::Value)>,
    /// Files whose same passage a hit stands for (`also_in`): a copy of a paper bound in
    /// two packs is one hit, shown at one of them.
    also_in: Vec<String>,
}

impl Indexed {
    fn of(s: &Scratch) -> Self {
        let json = |args: &[&str]| -> serde_json::Value {
            serde_json::from_str(&s.ok(args)).expect("JSON")
        };
        let listing = json(&["library", "list", "--json"]);
        let meetings = listing["meetings"].as_array().expect("meetings");
        let files = meetings
            .iter()
            .flat_map(|m| m["files"].as_array().expect("files"))
            .chain(listing["unfiled"].as_array().expect("unfiled"))
            .map(|f| (f["file"].as_str().expect("file").to_string(), f.clone()))
            .collect();
        // Every hit, not the first 30: a pack added since may rank above one found before.
        let found = json(&["search", "\"family valued\"", "--limit", "1000", "--json"]);
        let mut hits: Vec<_> = found["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| {
                let field = |k: &str| h[k].as_str().expect("field").to_string();
                (field("file"), field("document_id"), h["lines"].clone())
            })
            .collect();
        hits.sort_by_key(|h| h.0.clone() + &h.1 + &h.2.to_string());
        let also_in = found["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .flat_map(|h| h["also_in"].as_array().cloned().unwrap_or_default())
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect();
        Indexed {
            files,
            hits,
            also_in,
        }
    }

    /// Everything `before` held is still held, as it was.
    fn assert_holds(&self, before: &Indexed) {
        for (file, entry) in &before.files {
            assert_eq!(self.files.get(file), Some(entry), "{file} still indexed");
        }
        // A passage found before is found after: as its own hit, or, where a pack added
        // since binds the same paper, as the copy a hit names in `also_in`.
        for hit in &before.hits {
            assert!(
                self.hits.contains(hit) || self.also_in.contains(&hit.0),
                "{hit:?} still found"
            );
        }
    }
}

/// A library of seeds 000 and 001, and a folder of 002–004 to add: the scratch folder,
/// that folder, and what the library holds before it is added.
fn library_and_a_second_folder(name: &str) -> (Scratch, PathBuf, Indexed) {
    let s = Scratch::new(name);
    let first = seeds_in(&s, "first", &["000", "001"]);
    s.ok(&["library", "add", path(&first)]);
    let second = seeds_in(&s, "second", &["002", "003", "004"]);
    let before = Indexed::of(&s);
    assert_eq!(before.files.len(), 2);
    assert!(
        !before.hits.is_empty(),
        "seeds 000 and 001 name the programme"
    );
    (s, second, before)
}

/// With room again, adding the folder once more indexes all its files beside the others.
fn assert_adding_it_again_completes(s: &Scratch, second: &Path, before: &Indexed) {
    s.ok(&["library", "add", path(second)]);
    let after = Indexed::of(s);
    after.assert_holds(before);
    assert_eq!(after.files.len(), 5, "{:?}", after.files.keys());
}

/// Files limited to this: room for SQLite's shared-memory file (32 KiB), not for seed
/// 004's 178 KB of text.
const LIBRARY_ROOM: u64 = 64 * 1024;

#[test]
fn a_full_disk_while_indexing_keeps_the_index_and_says_which_file() {
    let (s, second, before) = library_and_a_second_folder("faults-library-full");
    let out = with_file_size_limit(
        &mut s.command(&["library", "add", path(&second)]),
        LIBRARY_ROOM,
    )
    .output()
    .expect("run meetpack");
    assert_told(&out, &s.library(), "disk");
    Indexed::of(&s).assert_holds(&before);
    assert_adding_it_again_completes(&s, &second, &before);
}

#[test]
fn a_read_only_library_folder_keeps_the_index_and_says_which_file() {
    let (s, second, before) = library_and_a_second_folder("faults-library-readonly");
    let files = snapshot(&s.0);
    {
        let read_only = ReadOnly::new(&s.0);
        let mut command = s.command(&["library", "add", path(&second)]);
        // SQLite's words: it names no system error.
        let reason = match read_only.fail(&mut command) {
            true => "attempt to write a readonly database",
            false => "disk I/O error",
        };
        let out = command.output().expect("run meetpack");
        assert_told(&out, &s.library(), reason);
    }
    // SQLite makes its write-ahead log and shared-memory files (empty, where a size limit
    // stopped them) before it finds it cannot write; the next run that opens the index
    // removes them when it closes it.
    let sqlite = ["library.sqlite3-wal", "library.sqlite3-shm"];
    assert_unchanged(&s.0, &files, &sqlite);
    Indexed::of(&s).assert_holds(&before);
    assert_adding_it_again_completes(&s, &second, &before);
}
