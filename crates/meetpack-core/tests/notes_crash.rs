//! Notes survive a writer killed at any moment (issue 7).
//!
//! This test binary is also the writer (its own `main`, `harness = false`): started with
//! `MEETPACK_CRASH_WRITER=FILE` it adds notes to FILE one after another through
//! `meetpack_core::notes::store::add` (what `meetpack notes add` and the viewer call), printing
//! each note's id once `add` has returned. The test starts it 1,000 times, kills it
//! (SIGKILL, nothing flushed) after a random delay, and checks after every kill that the
//! file reads back whole and holds every note whose id was printed.
//!
//! `MEETPACK_CRASH_ROUNDS` changes the number of kills; `MEETPACK_CRASH_SEED` replays a run.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use meetpack_core::notes::{Anchor, Meeting, Note, NoteKind, store};

const WRITER_ENV: &str = "MEETPACK_CRASH_WRITER";
/// A file is started afresh past this many notes, so every write stays small and the
/// test's time stays linear in the number of kills.
const NOTES_PER_FILE: usize = 60;
/// Kills land uniformly within this many microseconds of the start: long enough for a
/// writer to start and save several notes, so kills fall before, between and during writes.
const MAX_DELAY_MICROS: u64 = 25_000;

fn meeting() -> Meeting {
    Meeting {
        committee: Some("Crash Test Committee".into()),
        date: Some("2024-03-03".into()),
        path: None,
        name: "crash".into(),
        ..Meeting::default()
    }
}

fn main() {
    if let Some(file) = std::env::var_os(WRITER_ENV) {
        writer(Path::new(&file));
        return;
    }
    const NAME: &str = "kills_never_lose_an_acknowledged_note";
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test -- --list` (IDEs, nextest) expects test names, not a run.
    if args.iter().any(|a| a == "--list") {
        println!("{NAME}: test");
        return;
    }
    // Behave like libtest for the common cases: `cargo test other_test` names a filter
    // this test does not match, and `--ignored` asks only for ignored tests.
    let mut filters: Vec<&String> = Vec::new();
    let mut takes_value = false;
    for arg in &args {
        if std::mem::take(&mut takes_value) {
            continue;
        }
        if arg.starts_with('-') {
            let with_value = [
                "--test-threads",
                "--skip",
                "--color",
                "--format",
                "--logfile",
            ];
            takes_value = with_value.contains(&arg.as_str());
        } else {
            filters.push(arg);
        }
    }
    let filtered_out = !filters.is_empty() && !filters.iter().any(|f| NAME.contains(f.as_str()));
    if filtered_out || args.iter().any(|a| a == "--ignored") {
        println!("running 0 tests (notes_crash: {NAME} filtered out)");
        return;
    }
    kills_never_lose_an_acknowledged_note();
}

/// Adds notes until killed; prints each id after it is on disk.
fn writer(file: &Path) {
    let meeting = meeting();
    for i in 0..100_000u32 {
        let anchor = Anchor {
            line: i + 1,
            quote: format!("Passage {i}: the library budget for the coming year."),
            before: "the words before".into(),
            after: "the words after".into(),
            phrase: false,
        };
        let note = Note::new(
            NoteKind::Note,
            format!("Question {i} about \"quotes\"\nand lines"),
            anchor,
        );
        let id = note.id.clone();
        if let Err(err) = store::add(file, &meeting, note) {
            eprintln!("writer: {err}");
            std::process::exit(3);
        }
        // Rust's stdout is line-buffered even into a pipe: the id leaves with the newline.
        println!("{id}");
    }
}

fn kills_never_lose_an_acknowledged_note() {
    let rounds: usize = std::env::var("MEETPACK_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = std::env::var("MEETPACK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = std::env::temp_dir().join(format!("meetpack-notes-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let exe = std::env::current_exe().expect("this test binary");

    let mut generation = 0;
    let mut file = dir.join(format!("notes-{generation}.jsonl"));
    let mut acknowledged: HashSet<String> = HashSet::new();
    let mut stats = Stats::default();
    for round in 0..rounds {
        let delay = Duration::from_micros(rng.u64(0..MAX_DELAY_MICROS));
        let printed = run_and_kill(&exe, &file, delay);
        stats.acked += printed.len();
        if printed.is_empty() {
            stats.killed_before_first_ack += 1;
        }
        acknowledged.extend(printed);

        // After every kill: the file reads back whole, and holds every acknowledged note.
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => panic!(
                "round {round} (seed {seed}): cannot read {}: {e}",
                file.display()
            ),
        };
        let parsed = store::parse(&text);
        assert!(
            parsed.unreadable.is_empty(),
            "round {round} (seed {seed}): unreadable lines {:?}",
            parsed.unreadable
        );
        if !text.is_empty() {
            assert!(
                text.ends_with('\n'),
                "round {round} (seed {seed}): a cut last line"
            );
            assert!(
                text.starts_with("{\"meetpack_notes\":1"),
                "round {round} (seed {seed}): no header"
            );
        }
        let stored: HashSet<&str> = parsed.notes.iter().map(|n| n.id.as_str()).collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|id| !stored.contains(id.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round} (seed {seed}): acknowledged notes missing from the file: {lost:?}"
        );
        // A note printed or not, what is in the file is whole.
        for note in &parsed.notes {
            assert!(
                note.text.starts_with("Question "),
                "round {round}: {note:?}"
            );
        }
        stats.notes_checked += stored.len();
        if parsed.notes.len() >= NOTES_PER_FILE {
            generation += 1;
            file = dir.join(format!("notes-{generation}.jsonl"));
            acknowledged.clear();
        }
    }
    stats.leftover_temp_files = store::leftover_temp_files(&dir).len();
    println!(
        "notes_crash: {rounds} kills (seed {seed}): {} notes acknowledged, {} kills before \
         the first acknowledgement, {} killed between creating the temporary file and renaming it (left behind), \
         {} note readings checked: none lost, no file unreadable",
        stats.acked, stats.killed_before_first_ack, stats.leftover_temp_files, stats.notes_checked
    );
    assert!(
        stats.acked > 0,
        "no writer ever saved a note: the kills proved nothing"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[derive(Default)]
struct Stats {
    acked: usize,
    killed_before_first_ack: usize,
    leftover_temp_files: usize,
    notes_checked: usize,
}

/// Starts a writer on `file`, kills it after `delay`, and returns the ids it printed.
fn run_and_kill(exe: &PathBuf, file: &Path, delay: Duration) -> Vec<String> {
    let mut child = Command::new(exe)
        .env(WRITER_ENV, file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the writer");
    let stdout = child.stdout.take().expect("the writer's stdout");
    // Read on a thread: the pipe must be drained while the writer runs, and what it
    // printed before the kill is still in the pipe after it.
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.is_empty())
            .collect::<Vec<String>>()
    });
    std::thread::sleep(delay);
    // SIGKILL on Unix: the writer cannot finish a write, flush or clean up.
    let _ = child.kill();
    let status = child.wait().expect("wait for the writer");
    let printed = reader.join().expect("reader thread");
    // A writer that failed on its own (exit 3) is a failure, not a kill.
    assert_ne!(status.code(), Some(3), "the writer could not write");
    printed
}
