//! Issue 21, "A reader councillors would pick over their PDF viewer": the small things a
//! PDF viewer's user expects, driven through AccessKit as a user would.

mod support;
use support::wait_for_load;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use meetpack_gui::{Command, MeetPackApp};

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

fn corpus_pdf() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf")
}

fn open(h: &mut Harness<'_, MeetPackApp>, path: std::path::PathBuf) {
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(h);
    // Not `run`: a drawing page view keeps a spinner going.
    for _ in 0..5 {
        h.step();
    }
}

/// The View menu's "Original PDF page" entry: its label (with the F8 shortcut) and
/// whether it is enabled.
fn original_page_entry(h: &mut Harness<'_, MeetPackApp>) -> (String, bool) {
    h.get_by_label("View").click();
    h.run();
    let node = h.get_by_label_contains("Original PDF page");
    let label = node.accesskit_node().label().unwrap_or_default();
    let enabled = !node.accesskit_node().is_disabled();
    (label, enabled)
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
fn the_view_menu_has_the_original_page_for_a_pdf_only() {
    let mut h = sample();
    let (label, enabled) = original_page_entry(&mut h);
    assert!(label.contains("F8"), "the shortcut is shown: {label}");
    assert!(!enabled, "a text pack has no original pages");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.query_by_label_contains("Original PDF page").is_none(),
        "Escape closes the menu"
    );

    open(&mut h, corpus_pdf());
    assert!(h.state().has_pdf_pages());
    let (label, enabled) = original_page_entry(&mut h);
    assert!(label.contains("F8"), "{label}");
    assert!(enabled, "a PDF pack has original pages");
    h.get_by_label_contains("Original PDF page").click();
    let start = Instant::now();
    while !h.state().page_view_shows(1) && start.elapsed() < Duration::from_secs(60) {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        h.state().page_view_shows(1),
        "the menu entry shows the page"
    );
    // The picture has a name a screen reader can say.
    h.run();
    assert!(h.query_by_label("Picture of original page 1").is_some());
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

/// With the original page on, a text pack shows no (empty) page panel; the next PDF
/// shows its pages again.
#[test]
fn a_text_pack_shows_no_original_page_panel() {
    let mut h = sample();
    open(&mut h, corpus_pdf());
    h.key_press(egui::Key::F8);
    let drawn = |h: &mut Harness<'_, MeetPackApp>| {
        let start = Instant::now();
        while !h.state().page_view_shows(1) && start.elapsed() < Duration::from_secs(60) {
            h.step();
            std::thread::sleep(Duration::from_millis(20));
        }
        h.state().page_view_shows(1)
    };
    assert!(drawn(&mut h), "the PDF's page 1 is shown");
    assert!(h.query_by_label_contains("Original page 1 of").is_some());

    let text = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/002_650dc6dc71139f49.txt");
    open(&mut h, text);
    h.run();
    assert!(!h.state().has_pdf_pages());
    assert!(
        h.query_by_label_contains("Original page").is_none(),
        "no original-page panel for a text pack"
    );
    assert!(h.query_by_label_contains("not a PDF").is_none());
    // F8 here says why nothing shows, and does not turn the page view off.
    h.key_press(egui::Key::F8);
    h.run();
    let notice = h
        .state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("no original pages"), "{notice}");

    open(&mut h, corpus_pdf());
    assert!(drawn(&mut h), "the page view comes back with a PDF");
    assert!(h.query_by_label_contains("Original page 1 of").is_some());
}

/// A path that is not there (a pack moved since it was opened, from Open Recent) is said
/// in words, not as "No such file or directory (os error 2)".
#[test]
fn a_missing_file_says_it_was_not_found() {
    let dir = std::env::temp_dir().join(format!("meetpack-issue21-{}", std::process::id()));
    let path = dir.join("missing.pdf");
    let mut h = sample();
    open(&mut h, path);
    h.run();
    let failure = h.state().failure().cloned().expect("a failure page");
    assert_eq!(failure.file, "missing.pdf");
    assert!(h.query_by_label("Could not open missing.pdf").is_some());
    assert!(
        failure.reason.contains("was not found"),
        "{}",
        failure.reason
    );
    assert!(!failure.reason.contains("os error"), "{}", failure.reason);
    assert!(h.query_by_label_contains("was not found").is_some());
}

/// End goes to the end of the document (it was reported to go to the top).
#[test]
fn end_goes_to_the_end_of_the_document() {
    let mut text = String::from(
        "Briefing note\n\nTo: Scrutiny Board\nDate: 1 January 2024\nSubject: Sections\n\n",
    );
    for n in 1..=4 {
        text.push_str(&format!("{n}. Section {n}\n\n"));
        for k in 1..=15 {
            text.push_str(&format!(
                "{n}.{k} This paragraph fills section {n} so that the note is many screens \
                 long: the board asked for more detail on the plan, and officers gave it.\n\n"
            ));
        }
    }
    text.push_str("5. Close\n\n5.1 The closing paragraph names the zephyr.\n");
    let mut h = harness(MeetPackApp::from_bytes("long.txt", text.as_bytes()));
    h.run();
    let blocks = h
        .state()
        .current_doc()
        .and_then(|id| h.state().pack()?.document(id))
        .map(|d| d.blocks.len())
        .expect("the note");
    assert!(blocks > 40, "{blocks} blocks");
    h.key_press(egui::Key::End);
    h.run();
    let (top, _, offset) = h.state().reader_view();
    assert!(
        offset > 0.0,
        "End scrolled down (offset {offset}, top {top:?})"
    );
    let meetpack_gui::Anchor::Block(b) = top else {
        panic!("the top of the view is {top:?}");
    };
    assert!(
        b > blocks / 3,
        "the top item (block {b} of {blocks}) is near the end"
    );
    assert!(
        h.query_by_label_contains("names the zephyr").is_some(),
        "the last paragraph is on screen"
    );
    assert!(
        h.query_by_label_contains("fills section 1").is_none(),
        "the start is off screen"
    );
    // Nothing further down: Page Down stays.
    h.key_press(egui::Key::PageDown);
    h.run();
    assert_eq!(h.state().reader_view().2, offset, "End was the end");
    // And Home comes back.
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().reader_view().2, 0.0);
}
