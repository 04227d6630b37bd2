//! Issue 21, "A reader councillors would pick over their PDF viewer": the small things a
//! PDF viewer's user expects, driven through AccessKit as a user would.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_gui::MeetPackApp;

fn harness(app: MeetPackApp) -> Harness<'static, MeetPackApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app)
}

fn sample() -> Harness<'static, MeetPackApp> {
    let mut h = harness(MeetPackApp::with_sample());
    h.run();
    h
}

#[test]
fn escape_closes_about_and_the_shortcuts_window() {
    let mut h = sample();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About MeetPack").click();
    h.run();
    assert!(h.state().is_about_visible());
    assert!(
        h.query_by_label("Built on").is_some(),
        "the About box is shown"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().is_about_visible(), "Escape closes About");
    assert!(h.query_by_label("Built on").is_none());

    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.state().is_shortcuts_visible());
    assert!(h.query_by_label("Find in this document").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        !h.state().is_shortcuts_visible(),
        "Escape closes the shortcuts"
    );
    assert!(h.query_by_label("Find in this document").is_none());
}

#[test]
fn escape_closes_an_open_menu() {
    let mut h = sample();
    h.get_by_label("File").click();
    h.run();
    assert!(h.query_by_label("Open the sample pack").is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Open the sample pack").is_none(),
        "Escape closes the menu"
    );
}
