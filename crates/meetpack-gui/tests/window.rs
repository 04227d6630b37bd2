//! The viewer as a desktop program, driven headless through AccessKit: Help ▸ About
//! (issue 10) and files dropped on the window (issue 12).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_gui::MeetPackApp;

fn harness() -> Harness<'static, MeetPackApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(|_cc| MeetPackApp::with_sample());
    h.run();
    h
}

#[test]
fn help_about_shows_version_licence_and_crates_and_closes() {
    let mut h = harness();
    assert!(!h.state().is_about_visible());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About MeetPack").click();
    h.run();
    assert!(h.state().is_about_visible());
    h.get_by_label(env!("CARGO_PKG_VERSION"));
    h.get_by_label("MIT or Apache-2.0");
    for name in ["egui / eframe", "pdf_oxide", "regex", "serde / serde_json"] {
        h.get_by_label(name);
    }
    h.get_by_label("Close").click();
    h.run();
    assert!(!h.state().is_about_visible());
    assert!(h.query_by_label("pdf_oxide").is_none());
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Issue 12: several files dropped at once open the first and say how many were not.
#[test]
fn dropping_several_files_opens_the_first_and_names_the_rest() {
    let seed = |name: &str| {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("seeds")
            .join(name)
    };
    let files = [
        seed("004_9a99625675b12858.txt"),
        seed("000_4a9d1e279dbb7497.txt"),
        seed("002_650dc6dc71139f49.txt"),
    ];
    let mut h = harness();
    for file in &files {
        let handle: egui::DroppedFileHandle = Arc::new(Dropped(file.clone()));
        h.input_mut().dropped_files.push(handle);
    }
    // One frame takes the drop; `run` would wait for a loading spinner to settle.
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().is_loading() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
    assert_eq!(h.state().pack_name(), "004_9a99625675b12858.txt");
    let message = h.state().message().expect("a notice").clone();
    assert!(!message.is_error);
    assert!(
        message
            .text
            .contains("2 other dropped files were not opened")
            && message.text.contains("000_4a9d1e279dbb7497.txt")
            && message.text.contains("002_650dc6dc71139f49.txt"),
        "{}",
        message.text
    );
}
