//! The library in the viewer (issue 8), driven headless through AccessKit: a folder of
//! copies of the seeds added by its Command and indexed on the worker thread, the home
//! screen listing what the index holds, a search typed in the search box, and a click on
//! a hit that opens the pack at that passage with the query's words marked. Every test
//! uses a library in a temporary folder, never the user's.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_core::library::{Library, LibraryPaths};
use meetpack_core::model::DocId;
use meetpack_gui::{Anchor, Command, LibraryCommand, MeetPackApp};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("meetpack-library-ui-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn paths(&self) -> LibraryPaths {
        LibraryPaths::at(self.0.join("index").join("library.sqlite3"))
    }

    /// A folder of copies of the seeds (all, or the first `n`).
    fn packs(&self, n: usize) -> PathBuf {
        let dir = self.0.join("packs");
        std::fs::create_dir_all(&dir).unwrap();
        for seed in seeds().iter().take(n) {
            std::fs::copy(seed, dir.join(seed.file_name().unwrap())).unwrap();
        }
        dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/seeds"
    ))
    .unwrap()
    .map(|e| e.unwrap().path())
    .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    .collect();
    seeds.sort();
    seeds
}

fn harness(scratch: &Scratch) -> Harness<'static, MeetPackApp> {
    let mut app = MeetPackApp::with_sample().with_notes_dir(scratch.0.join("notes"));
    app.set_library_paths(scratch.paths());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.step();
    h
}

/// Steps frames (pausing a little between them: the workers are threads) until `done`
/// holds, for at most `steps` frames. The bounds are generous: indexing parses every
/// pack, and this machine may be shared.
fn step_until(
    h: &mut Harness<'_, MeetPackApp>,
    steps: usize,
    what: &str,
    done: impl Fn(&MeetPackApp) -> bool,
) {
    for _ in 0..steps {
        if done(h.state()) {
            return;
        }
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{what}: not done after {steps} frames");
}

/// Steps frames until a widget labelled `label` is drawn (at most 200 frames).
fn wait_for_label(h: &mut Harness<'_, MeetPackApp>, label: &str) {
    for _ in 0..200 {
        if h.query_by_label(label).is_some() {
            return;
        }
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(h.query_by_label(label).is_some(), "{label}: not drawn");
}

/// The meetings the index itself lists (read headless, beside the viewer).
fn indexed_meetings(paths: &LibraryPaths) -> Vec<(String, Option<String>)> {
    let lib = Library::open(paths.clone()).unwrap();
    lib.list()
        .unwrap()
        .meetings
        .into_iter()
        .map(|m| (m.committee.unwrap_or_default(), m.date))
        .collect()
}

#[test]
fn add_folder_search_and_open_a_hit_at_its_paragraph() {
    let scratch = Scratch::new("search");
    let folder = scratch.packs(usize::MAX);
    let mut h = harness(&scratch);
    let meetings = add_folder(&mut h, &scratch, &folder);
    assert!(meetings >= 2, "the seeds hold several meetings");

    // Two words, one of them as a prefix: the box searches a moment after typing stops.
    let query = "ofsted focus*";
    // Ctrl+K puts the keyboard in the search box.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.step();
    h.step();
    assert!(h.get_by_label("Search the library:").is_focused());
    h.get_by_label("Search the library:").type_text(query);
    step_until(&mut h, 20_000, "the search", |app| {
        !app.library_hits().is_empty()
    });
    let hits = h.state().library_hits().to_vec();
    // Hits are grouped by meeting, newest first (the default order).
    let dates: Vec<&str> = hits
        .iter()
        .map(|h| h.meeting_date.as_deref().unwrap_or(""))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // Click a hit that is not in the pack on screen: the loader opens its file first.
    let hit = hits
        .iter()
        .find(|h| !h.file.ends_with("000_4a9d1e279dbb7497.txt"))
        .expect("a hit in another pack")
        .clone();
    let snippet: String = hit.snippet.replace("**", "");
    let node = h
        .query_all_by_label(&snippet)
        .next()
        .expect("the hit's snippet is shown");
    node.click();
    let doc = DocId(hit.document_id[1..].parse().unwrap());
    let file = std::fs::canonicalize(&hit.file).unwrap();
    step_until(&mut h, 20_000, "opening the hit's pack", |app| {
        !app.is_loading()
            && app
                .pack_path()
                .is_some_and(|p| std::fs::canonicalize(p).is_ok_and(|p| p == file))
    });
    h.step();
    h.step();

    let app = h.state();
    assert!(!app.library_visible());
    let location = app.current_location().unwrap();
    assert_eq!(location.doc, doc);
    // The reader is at the paragraph holding the hit's first line.
    let pack = app.pack().unwrap();
    let document = pack.document(doc).unwrap();
    let at = match location.anchor {
        Anchor::Block(b) => document.blocks[b].lines,
        Anchor::AgendaItem(i) => pack.agenda[i].lines,
        Anchor::Top => document.lines,
    };
    assert!(
        at.contains(hit.lines[0]),
        "reader at {at:?}, hit at {:?}",
        hit.lines
    );
    // The breadcrumb and the tree name the section of the passage (Find shows the match a
    // third down the view, so the item at the top can be in an earlier section).
    if let Anchor::Block(target) = location.anchor {
        let expected = document
            .headings()
            .map(|(i, _, _)| i)
            .filter(|&i| i <= target)
            .last();
        assert_eq!(
            app.current_heading(),
            expected,
            "top of the view: {:?}",
            app.reader_view()
        );
    }
    // And the query's words are marked there, by the reader's Find.
    assert!(
        app.find_marks_at(location) > 0,
        "no marks in the passage; {} in the document",
        app.find_matches()
    );
}

/// Adds `folder` through the library's Command, waits (bounded) for the indexing and the
/// listing, and checks the home screen's meetings against the index; returns how many.
fn add_folder(h: &mut Harness<'_, MeetPackApp>, scratch: &Scratch, folder: &Path) -> usize {
    h.state_mut()
        .command(Command::Library(LibraryCommand::AddFolder(folder.into())));
    h.step();
    // Done when the indexer has finished and the home screen lists what the index holds:
    // a listing read while indexing was under way can arrive after the indexer's end.
    let paths = scratch.paths();
    step_until(h, 20_000, "indexing the folder and listing it", |app| {
        app.library_indexing().is_none()
            && !app.library_meetings().is_empty()
            && app.library_meetings() == indexed_meetings(&paths)
    });
    let expected = indexed_meetings(&scratch.paths());
    assert_eq!(h.state().library_meetings(), expected);
    expected.len()
}

#[test]
fn the_home_screen_lists_committees_and_meetings_and_follows_the_folder() {
    let scratch = Scratch::new("home");
    // Four seeds first; the fifth is copied in while the viewer runs.
    let folder = scratch.packs(4);
    let mut h = harness(&scratch);
    let before = add_folder(&mut h, &scratch, &folder);
    h.step();
    for (committee, date) in indexed_meetings(&scratch.paths()) {
        assert!(
            h.query_all_by_label_contains(&committee).next().is_some(),
            "{committee} is not on the home screen"
        );
        let date = date.expect("the seeds' meetings have dates");
        assert!(
            h.query_all_by_label_contains(&date).next().is_some(),
            "the meeting of {date} is not on the home screen"
        );
    }
    assert!(!h.state().library_watching().is_empty());

    // A pack saved into the folder shows up without a restart (the watcher's update)…
    let fifth = &seeds()[4];
    let copy = folder.join("new-pack.txt");
    std::fs::copy(fifth, &copy).unwrap();
    let want = indexed_meetings_of_all_seeds(&scratch);
    step_until(&mut h, 20_000, "the new pack", |app| {
        app.library_meetings().len() == want
    });
    assert!(want >= before);
    // …and one deleted goes.
    std::fs::remove_file(&copy).unwrap();
    step_until(&mut h, 20_000, "the pack removed", |app| {
        app.library_meetings().len() == before && app.library_indexing().is_none()
    });
    assert_eq!(
        h.state().library_meetings(),
        indexed_meetings(&scratch.paths())
    );

    // A meeting opens its pack (the file with the front sheet) at the front sheet. Its
    // Command, as its row pushes it: an AccessKit click on the row was lost now and then
    // in this test (see the report), so the row is not clicked here.
    let lib = Library::open(scratch.paths()).unwrap();
    let meeting = lib.list().unwrap().meetings.pop().unwrap();
    drop(lib);
    let date = meeting.date.clone().unwrap();
    let main = meeting
        .files
        .iter()
        .find(|f| f.documents.iter().any(|d| d.kind == "agenda"))
        .expect("the meeting has a front sheet")
        .file
        .clone();
    h.state_mut()
        .command(Command::Library(LibraryCommand::OpenMeeting(main.into())));
    h.step();
    step_until(&mut h, 20_000, "opening the meeting", |app| {
        !app.is_loading() && app.pack_path().is_some()
    });
    h.step();
    let app = h.state();
    assert!(!app.library_visible());
    let pack = app.pack().unwrap();
    assert_eq!(pack.meta.date.as_deref(), Some(date.as_str()));
    let sheet = pack
        .front_sheet()
        .expect("the meeting's pack has a front sheet");
    assert_eq!(app.current_doc(), Some(sheet.id));
}

/// How many meetings a library of all five seeds has (a second, headless index).
fn indexed_meetings_of_all_seeds(scratch: &Scratch) -> usize {
    let paths = LibraryPaths::at(scratch.0.join("all").join("library.sqlite3"));
    let dir = scratch.0.join("all-packs");
    std::fs::create_dir_all(&dir).unwrap();
    for seed in seeds() {
        std::fs::copy(&seed, dir.join(seed.file_name().unwrap())).unwrap();
    }
    let mut lib = Library::open(paths.clone()).unwrap();
    lib.add_folders(&[dir]).unwrap();
    lib.update(Default::default(), &mut |_, _| {}).unwrap();
    indexed_meetings(&paths).len()
}

#[test]
fn an_empty_library_says_how_to_add_a_folder() {
    let scratch = Scratch::new("empty");
    let mut h = harness(&scratch);
    h.state_mut()
        .command(Command::Library(LibraryCommand::Toggle));
    step_until(&mut h, 500, "the listing", |app| app.library_visible());
    wait_for_label(&mut h, "Your library is empty");
    assert!(h.query_by_label("Add folder to library…").is_some());
    // Back to the pack, which stayed open.
    h.get_by_label("Back to the pack").click();
    h.step();
    h.step();
    assert!(!h.state().library_visible());
    assert!(h.state().pack().is_some());
}

/// Issue 21: a file opened while the library's screen shows (File ▸ Open, a drop, Open
/// Recent) is what the window shows once loaded, not a pack hidden behind the listing.
#[test]
fn a_file_opened_from_the_library_screen_is_shown_not_loaded_behind_it() {
    let scratch = Scratch::new("open-over");
    let mut h = harness(&scratch);
    h.state_mut()
        .command(Command::Library(LibraryCommand::Toggle));
    step_until(&mut h, 500, "the listing", |app| app.library_visible());
    let seed = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/001_11204c895c2fdebf.txt");
    h.state_mut().command(Command::OpenPath(seed));
    h.step();
    support::wait_for_load(&mut h);
    assert!(!h.state().library_visible(), "the listing gave way");
    assert!(h.state().pack_name().contains("001_11204c895c2fdebf"));
}

/// A library changed by another process (`meetpack library add` in a terminal) shows in
/// the open window without File ▸ Update library: the home screen reads it again.
#[test]
fn a_library_changed_by_another_process_shows_in_the_open_window() {
    let scratch = Scratch::new("outside");
    let mut h = harness(&scratch);
    h.state_mut().set_library_look_every(Duration::ZERO);
    h.state_mut()
        .command(Command::Library(LibraryCommand::Toggle));
    step_until(&mut h, 500, "the empty library", |app| {
        app.library_visible() && app.library_meetings().is_empty()
    });
    wait_for_label(&mut h, "Your library is empty");
    // Another writer adds a folder and indexes it, as the command line does.
    let paths = scratch.paths();
    let dir = scratch.packs(2);
    let mut lib = Library::open(paths.clone()).unwrap();
    lib.add_folders(&[dir]).unwrap();
    lib.update(Default::default(), &mut |_, _| {}).unwrap();
    drop(lib);
    let expected = indexed_meetings(&paths);
    assert!(!expected.is_empty());
    step_until(&mut h, 1500, "the listing read again", |app| {
        app.library_meetings() == expected
    });
    h.step();
    assert!(h.query_by_label("Your library is empty").is_none());
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_message() {
    let scratch = Scratch::new("damaged");
    let folder = scratch.packs(usize::MAX);
    let paths = scratch.paths();
    // A library whose index is not a database: its folder list is the truth.
    {
        let mut lib = Library::open(paths.clone()).unwrap();
        lib.add_folders(&[folder]).unwrap();
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", paths.index.display()));
    }
    std::fs::write(&paths.index, vec![0x5a; 8192]).unwrap();
    let mut h = harness(&scratch);
    h.state_mut()
        .command(Command::Library(LibraryCommand::Update));
    h.state_mut()
        .command(Command::Library(LibraryCommand::Toggle));
    h.step();
    step_until(&mut h, 20_000, "the rebuild", |app| {
        app.library_indexing().is_none() && !app.library_meetings().is_empty()
    });
    let (message, _) = h.state().library_message().expect("a message");
    assert!(message.contains("damaged"), "{message}");
    assert_eq!(h.state().library_meetings(), indexed_meetings(&paths));
}

/// A scan in a library folder is listed under "Scans (no text)" with its page count, not
/// among the files that could not be indexed, and a click opens it as its pages.
#[test]
fn a_scan_is_listed_as_a_scan_and_a_click_opens_its_pages() {
    let scratch = Scratch::new("scan");
    let folder = scratch.packs(1);
    let scan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/pdf/15_souldern-pc-2021-01-28_agenda-scanned.pdf"
    );
    std::fs::copy(scan, folder.join("agenda-scanned.pdf")).unwrap();
    let mut h = harness(&scratch);
    add_folder(&mut h, &scratch, &folder);
    let row = "agenda-scanned.pdf · scan: no text · 2 pages";
    wait_for_label(&mut h, row);
    assert!(h.query_by_label("Scans (no text) (1 file)").is_some());
    assert!(
        h.query_all_by_label_contains("Not indexed")
            .next()
            .is_none()
    );
    h.get_by_label(row).click();
    step_until(&mut h, 20_000, "opening the scan", |app| {
        !app.is_loading() && app.scan().is_some()
    });
    h.step();
    assert!(h.state().failure().is_none(), "{:?}", h.state().failure());
    assert!(!h.state().library_visible());
    assert_eq!(h.state().scan().map(|s| s.pages), Some(2));
    assert!(h.query_by_label_contains("This PDF is a scan").is_some());
}
