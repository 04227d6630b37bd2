//! Where the desktop has no file dialog (no portal, no zenity), Open, Save and Export use
//! MeetPack's own chooser drawn in the window instead of silently doing nothing. Driven
//! headless, as a user would: the menu, the chooser's file field, its button.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_gui::MeetPackApp;

fn harness() -> Harness<'static, MeetPackApp> {
    let mut app = MeetPackApp::with_sample();
    app.use_builtin_file_chooser();
    // egui_file's path and file-name fields carry no accessible name (a gap in the
    // crate, noted in docs/reader.md), which kittest's accessibility check refuses.
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .with_accessibility_check(false)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

/// An empty folder of this test's own.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("meetpack-chooser-ui-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn export_asks_where_to_save_in_the_window_and_saves_there() {
    let dir = scratch("export");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("The whole pack").click();
    h.run();
    h.get_by_label("HTML").click();
    h.run();
    h.get_by_label("Save…").click();
    h.run();
    assert!(
        h.state().is_chooser_open(),
        "the chooser opens in the window"
    );
    // The chooser suggests the export's name; the user goes to a folder and saves.
    h.state_mut().chooser_go_to(&dir);
    h.run();
    let written = || {
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect::<Vec<_>>()
    };
    assert!(
        written().is_empty(),
        "nothing is written before a place is chosen"
    );
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().is_chooser_open(), "the chooser closes");
    let files = written();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(
        files[0].extension().is_some_and(|e| e == "html"),
        "{files:?}"
    );
    let html = std::fs::read_to_string(&files[0]).expect("the export was written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let message = h.state().message().expect("a notice");
    assert!(
        message.text.contains("Exported the whole pack"),
        "{}",
        message.text
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn open_asks_for_the_file_in_the_window_and_opens_it() {
    let seeds = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"));
    let mut h = harness();
    // Ctrl+O, as File ▸ Open… (whose label carries its shortcut) does.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(
        h.state().is_chooser_open(),
        "the chooser opens in the window"
    );
    // The user goes to the folder, picks the file, presses Open.
    h.state_mut().chooser_go_to(seeds);
    h.run();
    h.get_by_label("🗋 001_11204c895c2fdebf.txt").click();
    h.run();
    h.get_by_label("Open").click();
    // One frame, not `run`: the loader's spinner repaints until the pack is in, which on a
    // slow machine takes more frames than `run` allows.
    h.step();
    // The loader is a real thread: step until it says it is done.
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().is_loading() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert!(!h.state().is_chooser_open());
    let pack = h.state().pack().expect("a pack");
    assert_eq!(pack.documents[0].title, "Family Valued Programme");
}

#[test]
fn cancelling_the_chooser_does_nothing() {
    let mut h = harness();
    // Ctrl+O, as File ▸ Open… (whose label carries its shortcut) does.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(h.state().is_chooser_open());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_chooser_open());
    let pack = h.state().pack().expect("the sample is still open");
    assert_eq!(pack.documents[0].kind.label(), "Agenda");
}
