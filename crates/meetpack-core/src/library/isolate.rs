//! Reading an untrusted PDF for the library in a child process, with a deadline and a
//! memory cap.
//!
//! The library reads every PDF in the folders it watches (Downloads, a shared drive). A
//! PDF that makes the PDF crate loop inside one page, or allocate without end, cannot be
//! stopped from inside the process: the time limit heard between pages
//! ([`super::file_time_limit`]) never comes. So the CLI and the viewer give the indexer a
//! worker (their own executable, run with [`SUBCOMMAND`]): it reads one file and writes
//! the pack as JSON. The indexer kills it at the deadline; its address space is capped
//! (`RLIMIT_AS`, on Unix) so that a runaway allocation ends it rather than the machine.
//! Either way the file is listed as failed with the reason, and not read again until it
//! changes.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::input::LoadError;
use crate::model::Pack;

/// The hidden subcommand the worker runs: `EXE __load-pack FILE`.
pub const SUBCOMMAND: &str = "__load-pack";

/// How the worker says a file could not be read: this exit code, and on stdout
/// `{"error": "…", "scan_pages": N | null}`.
pub const FAILED: i32 = 3;

/// What the worker gave back.
#[derive(Debug)]
pub enum Answer {
    Loaded(Box<Pack>),
    /// The file was read and refused (damaged, encrypted, a scan), as in process.
    Refused(LoadError),
    /// It ran past the deadline and was stopped.
    TimedOut(Duration),
    /// It ended without an answer: killed by the memory cap, or crashed.
    Died(String),
    Cancelled,
}

/// The address space a worker may use: 3 GiB, or 32 times the file when that is more.
pub fn memory_cap(file_size: u64) -> u64 {
    (3 << 30).max(file_size.saturating_mul(32))
}

/// Reads `path` in a child process of `worker`, stopping it at `deadline`, at `cancel`,
/// or when it needs more than [`memory_cap`].
pub fn load_in_child(
    worker: &Path,
    path: &Path,
    deadline: Duration,
    cancel: &AtomicBool,
) -> Answer {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut command = Command::new(worker);
    command
        .arg(SUBCOMMAND)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cap_memory(&mut command, memory_cap(size));
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return Answer::Died(format!("the reader could not be started ({e})")),
    };
    // Read the answer while waiting: a pack's JSON is larger than a pipe holds.
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        let stop = if cancel.load(Ordering::Relaxed) {
            Some(Answer::Cancelled)
        } else if started.elapsed() > deadline {
            Some(Answer::TimedOut(deadline))
        } else {
            None
        };
        if let Some(answer) = stop {
            let _ = child.kill();
            let _ = child.wait();
            let _ = reader.join();
            return answer;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = reader.join().unwrap_or_default();
    match status.and_then(|s| s.code()) {
        Some(0) => match serde_json::from_slice::<Pack>(&out) {
            Ok(pack) => Answer::Loaded(Box::new(pack)),
            Err(e) => Answer::Died(format!("the reader's answer could not be read ({e})")),
        },
        Some(FAILED) => refusal(&out),
        _ => Answer::Died(format!(
            "reading it failed or needed more than {} MB of memory, so it was left out",
            memory_cap(size) >> 20
        )),
    }
}

fn refusal(out: &[u8]) -> Answer {
    let v: serde_json::Value = serde_json::from_slice(out).unwrap_or_default();
    if let Some(pages) = v["scan_pages"].as_u64() {
        return Answer::Refused(LoadError::ImageOnly {
            pages: pages as u32,
        });
    }
    let error = v["error"].as_str().unwrap_or("it could not be read");
    Answer::Died(error.to_string())
}

#[cfg(unix)]
fn cap_memory(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe, as pre_exec requires; nothing else runs.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
}

/// Windows: no address-space limit here (a job object would give one); the deadline
/// still holds.
#[cfg(not(unix))]
fn cap_memory(_command: &mut Command, _bytes: u64) {}

/// The worker's side (the binary's hidden subcommand): reads `path` and writes the pack as
/// JSON on stdout, or the refusal; returns the exit code.
pub fn serve(path: &Path) -> i32 {
    let answer = crate::input::file::read(path, |_, _| {})
        .map_err(|e| serde_json::json!({ "error": e.to_string() }))
        .and_then(|bytes| {
            let name = path.to_string_lossy();
            crate::input::load_named(&name, &bytes, &mut |_, _| true).map_err(|e| match e {
                LoadError::ImageOnly { pages } => serde_json::json!({ "scan_pages": pages }),
                e => serde_json::json!({ "error": e.to_string() }),
            })
        });
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    match answer {
        Ok(loaded) => match serde_json::to_writer(&mut out, &loaded.pack) {
            Ok(()) => 0,
            Err(_) => FAILED,
        },
        Err(refusal) => {
            let _ = serde_json::to_writer(&mut out, &refusal);
            FAILED
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::library::{Library, LibraryPaths, UpdateOptions};

    /// A scratch folder with an executable `worker` script of `body`, and a PDF.
    fn setup(name: &str, body: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir =
            std::env::temp_dir().join(format!("meetpack-isolate-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("packs")).unwrap();
        let worker = dir.join("worker");
        std::fs::write(&worker, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&worker, std::fs::Permissions::from_mode(0o755)).unwrap();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        std::fs::copy(
            format!("{root}/tests/corpus/seeds-pdf/001_11204c895c2fdebf.pdf"),
            dir.join("packs/note.pdf"),
        )
        .unwrap();
        (dir, worker)
    }

    /// A PDF whose reading never returns (a worker that never answers stands in for
    /// it): it is stopped at its deadline, listed with the reason, and the text pack
    /// beside it is indexed.
    #[test]
    fn a_reader_that_never_answers_is_stopped_and_the_rest_indexed() {
        let (dir, worker) = setup("deadline", "exec sleep 600");
        let pdf = dir.join("packs/note.pdf");
        let never = AtomicBool::new(false);
        let answer = load_in_child(&worker, &pdf, Duration::from_millis(300), &never);
        assert!(matches!(answer, Answer::TimedOut(_)), "{answer:?}");

        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        std::fs::copy(
            format!("{root}/seeds/002_650dc6dc71139f49.txt"),
            dir.join("packs/minutes.txt"),
        )
        .unwrap();
        let mut lib = Library::open(LibraryPaths::at(dir.join("index.sqlite3"))).unwrap();
        lib.add_folders(&[dir.join("packs")]).unwrap();
        let options = UpdateOptions {
            file_time_limit: Some(Duration::from_millis(300)),
            worker: Some(worker),
            ..UpdateOptions::default()
        };
        let report = lib.update(options, &mut |_, _| {}).unwrap();
        assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
        assert!(report.failed[0].0.ends_with("note.pdf"));
        assert!(
            report.failed[0].1.contains("took longer"),
            "{}",
            report.failed[0].1
        );
        let listing = lib.list().unwrap();
        let files: Vec<&str> = listing.files().map(|f| f.file.as_str()).collect();
        assert!(
            files.len() == 1 && files[0].ends_with("minutes.txt"),
            "{files:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The worker runs with its address space capped, and one that dies without an
    /// answer is a failure with a reason, not a hang or a panic.
    #[test]
    fn the_reader_runs_under_the_memory_cap() {
        let (dir, worker) = setup("cap", "ulimit -v > \"$2.limit\"; kill -9 $$");
        let pdf = dir.join("packs/note.pdf");
        let never = AtomicBool::new(false);
        let answer = load_in_child(&worker, &pdf, Duration::from_secs(60), &never);
        let Answer::Died(why) = answer else {
            panic!("{answer:?}");
        };
        assert!(why.contains("memory"), "{why}");
        let limit = std::fs::read_to_string(dir.join("packs/note.pdf.limit")).unwrap();
        let size = std::fs::metadata(&pdf).unwrap().len();
        assert_eq!(limit.trim(), (memory_cap(size) / 1024).to_string());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
