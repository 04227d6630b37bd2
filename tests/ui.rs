//! The viewer driven headless through AccessKit, as a screen reader or a user would:
//! widgets are found by their labels and clicked; assertions check the app's state and
//! the text on screen.
#![cfg(feature = "gui")]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack::app::{Command, MeetPackApp};
use meetpack::model::DocKind;

fn harness(app: MeetPackApp) -> Harness<'static, MeetPackApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        // The reader measures items on their first frame and settles on the next few.
        .with_max_steps(30)
        .build_eframe(move |_cc| app)
}

fn sample() -> Harness<'static, MeetPackApp> {
    let mut h = harness(MeetPackApp::with_sample());
    h.run();
    h
}

fn doc_kind(h: &Harness<'_, MeetPackApp>) -> Option<DocKind> {
    let app = h.state();
    let id = app.current_doc()?;
    app.pack()?.document(id).map(|d| d.kind)
}

fn doc_title(h: &Harness<'_, MeetPackApp>) -> String {
    let app = h.state();
    app.current_doc()
        .and_then(|id| app.pack()?.document(id))
        .map(|d| d.title.clone())
        .unwrap_or_default()
}

/// Steps frames until the background loader is done (a real thread does the work).
fn wait_for_load(h: &mut Harness<'_, MeetPackApp>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while h.state().is_loading() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
}

#[test]
fn sample_opens_on_the_front_sheet_with_meeting_details() {
    let h = sample();
    assert_eq!(doc_kind(&h), Some(DocKind::Agenda));
    assert!(
        h.query_by_label("Education and Children's Services Scrutiny Board (2)")
            .is_some(),
        "committee shown in the meeting header"
    );
    assert!(
        h.query_by_label("Thursday 21 December 2023 · 10.00 am")
            .is_some()
    );
    assert!(h.state().window_title().starts_with(
        "Education and Children's Services Scrutiny Board (2) — Thursday 21 December 2023"
    ));
}

#[test]
fn agenda_item_opens_its_paper_and_back_returns_to_the_front_sheet() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();

    assert_eq!(doc_kind(&h), Some(DocKind::BriefingNote));
    assert_eq!(doc_title(&h), "Family Valued Programme");
    assert!(
        h.query_by_label("Purpose of the Note").is_some(),
        "the note's first section is shown"
    );
    assert!(h.query_by_label("What the board is asked to do").is_some());
    assert_eq!(h.state().history().len(), 2);

    h.get_by_label("⏴ Back").click();
    h.run();
    assert_eq!(doc_kind(&h), Some(DocKind::Agenda));
    assert!(h.query_by_label("Purpose of the Note").is_none());
    assert!(
        h.query_by_label("Family Valued Programme").is_some(),
        "front sheet item links are back"
    );
    assert!(h.state().history().can_go_forward());
}

#[test]
fn tree_item_opens_the_paper_too() {
    let mut h = sample();
    h.get_by_label("4 Family Valued Programme · pp 11–16")
        .click();
    h.run();
    assert_eq!(doc_title(&h), "Family Valued Programme");
    assert!(h.query_by_label("Purpose of the Note").is_some());
}

#[test]
fn minutes_show_attendance_and_a_resolved_decision() {
    let mut h = sample();
    h.get_by_label("Minutes").click();
    h.run();
    assert_eq!(doc_kind(&h), Some(DocKind::Minutes));
    assert!(h.query_by_label("Attendance").is_some());

    // The tree marks minutes with decisions; this one excludes the press and public.
    h.get_by_label("✔ 15 Exclusion of Press and Public").click();
    h.run();
    assert!(
        !h.query_all_by_label("✔ RESOLVED")
            .collect::<Vec<_>>()
            .is_empty()
    );
    assert!(
        h.query_by_label_contains("RESOLVED that the Board agrees to exclude the press and public")
            .is_some()
    );
}

#[test]
fn selecting_a_table_shows_its_header_cells() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    assert!(
        h.query_by_label("FGC Referrals").is_none(),
        "table starts below the fold"
    );

    h.get_by_label("⊞ Table 1: FGC Referrals").click();
    h.run();
    assert!(h.query_by_label("FGC Referrals").is_some());
    assert!(h.query_by_label("Conversion Rate").is_some());
    assert!(h.query_by_label("2020/21").is_some(), "a body cell");
    assert!(
        !h.query_all_by_label("Copy TSV")
            .collect::<Vec<_>>()
            .is_empty()
    );
}

#[test]
fn an_unreadable_file_shows_an_error_and_keeps_the_pack_open() {
    let dir = std::env::temp_dir().join(format!("meetpack-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("agenda.pdf");
    std::fs::write(&path, b"%PDF-1.7\n\x00\x01\x02binary").expect("write test file");

    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(&mut h);

    let message = h.state().message().cloned().expect("an error message");
    assert!(message.is_error);
    assert!(message.text.contains("agenda.pdf"), "{}", message.text);
    assert!(
        h.query_by_label_contains("Could not open agenda.pdf")
            .is_some()
    );
    assert_eq!(
        doc_kind(&h),
        Some(DocKind::Agenda),
        "the sample pack stays open"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_file_is_reported_in_the_window() {
    let mut h = sample();
    h.state_mut()
        .command(Command::OpenPath("/nonexistent/meetpack/pack.txt".into()));
    h.step();
    wait_for_load(&mut h);
    assert!(
        h.query_by_label_contains("Could not open pack.txt")
            .is_some()
    );
}

#[test]
fn a_pack_opens_from_a_file_in_the_background() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/001_11204c895c2fdebf.txt");
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path.clone()));
    h.step();
    wait_for_load(&mut h);
    assert!(h.state().message().is_none());
    assert_eq!(h.state().pack_name(), "001_11204c895c2fdebf.txt");
    assert_eq!(h.state().settings.recent.first(), Some(&path));
}

#[test]
fn keyboard_steps_through_agenda_items_and_history() {
    let mut h = sample();
    // Ctrl+Down from the front sheet goes to the first item with a paper in turn.
    for _ in 0..4 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::ArrowDown);
        h.run();
    }
    assert_eq!(doc_title(&h), "Family Valued Programme");
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    assert_ne!(doc_title(&h), "Family Valued Programme");
}

#[test]
fn find_highlights_and_counts_matches() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Find:").type_text("Reunification");
    h.run();
    let found = h.state().find_matches();
    assert!(
        found >= 3,
        "Reunification appears in several paragraphs, found {found}"
    );
    assert!(
        h.query_by_label(&format!("1 of {found}")).is_some(),
        "a match counter is shown"
    );
    h.key_press(egui::Key::F3);
    h.run();
    assert!(
        h.query_by_label(&format!("2 of {found}")).is_some(),
        "F3 steps to the next match"
    );
}

#[test]
fn a_binary_file_does_not_build_an_app_with_a_pack() {
    let app = MeetPackApp::from_bytes("x.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    assert!(app.pack().is_none());
    let h = {
        let mut h = harness(app);
        h.run();
        h
    };
    assert!(h.query_by_label_contains("Could not open x.png").is_some());
}
