//! Help ▸ About MeetPack (issue 10), driven headless through AccessKit.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack::app::MeetPackApp;

#[test]
fn help_about_shows_version_licence_and_crates_and_closes() {
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(|_cc| MeetPackApp::with_sample());
    h.run();
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
