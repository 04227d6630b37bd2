//! The viewer driven headless through AccessKit, as a screen reader or a user would:
//! widgets are found by their labels and clicked; assertions check the app's state and
//! the text on screen.

mod support;
use support::wait_for_load;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_core::model::DocKind;
use meetpack_gui::{Command, MeetPackApp};

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

    // Tables are listed under the paper's "Tables" group, closed until opened.
    h.get_by_label_contains("⊞ Tables").click();
    h.run();
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

    let failure = h.state().failure().cloned().expect("an error page");
    assert_eq!(failure.file, "agenda.pdf");
    assert!(
        h.query_by_label_contains("Could not open agenda.pdf")
            .is_some()
    );
    assert_eq!(
        doc_kind(&h),
        Some(DocKind::Agenda),
        "the sample pack stays open behind the error page"
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
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/001_11204c895c2fdebf.txt");
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

#[test]
fn page_down_scrolls_the_reader_and_only_visible_items_are_drawn() {
    let mut h = sample();
    h.get_by_label("Minutes").click();
    h.run();
    assert!(h.query_by_label("Attendance").is_some());
    h.key_press(egui::Key::PageDown);
    h.run();
    h.key_press(egui::Key::PageDown);
    h.run();
    assert!(
        h.query_by_label("Attendance").is_none(),
        "the attendance card scrolled away and is no longer laid out"
    );
    h.key_press(egui::Key::Home);
    h.run();
    assert!(h.query_by_label("Attendance").is_some());
}

#[test]
fn settings_and_reading_position_survive_a_restart() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.state_mut()
        .command(Command::SetTheme(meetpack_gui::ThemeChoice::Light));
    h.run();
    let mut storage = support::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);

    let storage: &'static support::MemoryStorage = Box::leak(Box::new(storage));
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            MeetPackApp::new(cc, None)
        });
    // The sample is parsed on the loader's thread, as a file is (issue 11).
    h.step();
    wait_for_load(&mut h);
    assert_eq!(
        doc_title(&h),
        "Family Valued Programme",
        "reopens where the user left off"
    );
    assert_eq!(h.state().settings.theme, meetpack_gui::ThemeChoice::Light);
    assert!(h.query_by_label("Purpose of the Note").is_some());
}

/// Issue 11: with a file given, the window shows that file's name and a progress line
/// while it loads: not the sample (nothing else is parsed), not the reader's panels. Then
/// the file opens.
#[test]
fn a_file_given_at_start_shows_its_name_and_progress_until_it_opens() {
    // A 0.9 MB PDF of text: its pages take far longer to read than three frames.
    let name = "13_souldern-pc-2025-11-27_minutes.pdf";
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf")
        .join(name);
    let storage: &'static support::MemoryStorage = Box::leak(Box::default());
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        // The first frame and two more (the progress bar animates, so `run` never settles).
        .with_max_steps(2)
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            MeetPackApp::new(cc, Some(path))
        });
    assert!(h.state().is_loading(), "the PDF is still being read");
    assert!(h.state().pack().is_none(), "no other pack was parsed");
    h.get_by_label(&format!("Opening {name}"));
    h.get_by_label("Cancel");
    assert!(
        h.query_by_label("Contents").is_none() && h.query_by_label("File").is_none(),
        "menus, toolbar and tree wait for the pack"
    );
    // Bounded by steps, not by the clock: a debug build reads the PDF in a few seconds.
    for _ in 0..12_000 {
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    assert!(!h.state().is_loading(), "loading did not finish");
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(h.state().pack_name(), name);
    assert!(h.state().pack().is_some_and(|p| !p.documents.is_empty()));
    h.get_by_label("Contents");
    assert!(h.query_by_label(&format!("Opening {name}")).is_none());
}

#[test]
fn the_tree_walks_with_arrow_keys_and_opens_with_enter() {
    let mut h = sample();
    // Rows: Agenda, 1, 2, 3, a), b), the minutes, 4, its briefing note.
    for _ in 0..9 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(doc_title(&h), "Family Valued Programme");
    // Left folds the open note's outline; Enter on it opens the same note again.
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(doc_title(&h), "Family Valued Programme");
}

/// A file dropped on the window, as the windowing integration reports it.
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

#[test]
fn a_dropped_file_opens() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/003_af7d59c2040fad42.txt");
    let mut h = sample();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path)));
    h.step();
    wait_for_load(&mut h);
    assert_eq!(h.state().pack_name(), "003_af7d59c2040fad42.txt");
}

/// Every document of every seed can be shown, top to bottom, without a panic, with
/// every character in the bundled fonts.
#[test]
fn every_document_of_every_seed_renders() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    for path in seeds {
        let bytes = std::fs::read(&path).expect("read seed");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut h = harness(MeetPackApp::from_bytes(&name, &bytes));
        h.run();
        // Every character of every string in the parsed pack (the reader draws only from
        // the model, so this is a superset of what it shows) has a glyph in the fonts egui
        // bundles, so none shows as a replacement box. The interface's own symbols are
        // checked by a unit test in `app`.
        let mut text = String::new();
        if let Some(pack) = h.state().pack() {
            let model = serde_json::to_value(pack).expect("the model serialises");
            collect_strings(&model, &mut text);
        }
        assert!(text.len() > 1000, "{name}: the pack has next to no text");
        let missing: std::collections::BTreeSet<char> = h.ctx.fonts_mut(|f| {
            let chars = f.characters(&egui::FontFamily::Proportional).clone();
            text.chars()
                .filter(|c| !c.is_control() && !chars.contains_key(c))
                .collect()
        });
        assert!(missing.is_empty(), "{name}: no glyph for {missing:?}");
        let docs = h.state().pack().map_or(0, |p| p.documents.len());
        for d in 0..docs {
            let id = meetpack_core::model::DocId(d as u32);
            h.state_mut()
                .command(Command::Go(meetpack_gui::Location::top(id)));
            h.run();
            assert_eq!(h.state().current_doc(), Some(id), "{name}: document {d}");
            h.key_press(egui::Key::End);
            h.run();
        }
    }
}

/// The app with Kent's supplement pack PDF (20 pages) opened through the loader.
fn kent_supplement_pack() -> Harness<'static, MeetPackApp> {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf");
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(&mut h);
    h
}

/// A PDF opens in the background; the toolbar says which PDF page is being read, and
/// Ctrl+G with a printed page number goes to the PDF page that carries it.
#[test]
fn a_pdf_opens_shows_its_page_and_ctrl_g_goes_to_a_page() {
    let mut h = kent_supplement_pack();
    assert!(h.state().message().is_none(), "{:?}", h.state().message());
    assert!(h.query_by_label_contains("PDF page 1 of 20").is_some());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::G);
    h.run();
    h.get_by_label("Page:").type_text("5");
    h.run();
    h.get_by_label("Go").click();
    h.run();
    // Printed page 5 is the seventh sheet of the file (a two-page letter comes first).
    let shown: Vec<String> = h
        .query_all_by_label_contains("PDF page")
        .map(|n| format!("{n:?}"))
        .collect();
    assert!(
        h.query_by_label_contains("PDF page 7 of 20 (printed 5)")
            .is_some(),
        "the toolbar follows the jump: {shown:?} at {:?}",
        h.state().current_location()
    );
}

/// F8 shows the original PDF page beside the text, drawn off the UI thread; after a jump
/// to another page the view follows.
#[test]
fn f8_shows_the_original_pdf_page_and_follows_the_reader() {
    let mut h = kent_supplement_pack();
    h.key_press(egui::Key::F8);
    let drawn = |h: &mut Harness<'_, MeetPackApp>, page: u32| {
        let start = Instant::now();
        while !h.state().page_view_shows(page) && start.elapsed() < Duration::from_secs(60) {
            h.step();
            std::thread::sleep(Duration::from_millis(20));
        }
        h.state().page_view_shows(page)
    };
    assert!(drawn(&mut h, 1), "page 1 drawn");
    assert!(h.query_by_label_contains("Original page 1 of 20").is_some());
    h.state_mut().command(Command::GoToPage(7));
    // One frame: `run` would wait on the spinner shown while page 7 is drawn.
    h.step();
    assert!(drawn(&mut h, 7), "the view follows the reader to page 7");
    assert!(h.query_by_label_contains("Original page 7 of 20").is_some());
    // The page can be zoomed to read its small print, and fitted to the panel again.
    let picture_width =
        |h: &Harness<'_, MeetPackApp>| h.get_by_label("Picture of original page 7").rect().width();
    let fitted = picture_width(&h);
    h.get_by_label("Zoom the page in").click();
    h.step();
    h.get_by_label("Zoom the page in").click();
    // The level is drawn before the "+" that changes it: one frame more shows it.
    h.step();
    h.step();
    assert_eq!(h.state().page_view_zoom(), 150);
    assert!(h.query_by_label("150 %").is_some(), "the zoom is shown");
    assert!(picture_width(&h) > fitted * 1.4, "the picture is wider");
    h.get_by_label("150 %").click();
    h.step();
    h.step();
    assert_eq!(
        h.state().page_view_zoom(),
        100,
        "a click on the level fits the width"
    );
    h.get_by_label("Zoom the page out").click();
    h.step();
    assert_eq!(h.state().page_view_zoom(), 75);
}

/// A scan (a PDF of page images only, Souldern's agenda) opens as its pages under a
/// banner that says there is no text; the tree, find and notes are not there, and Ctrl+F
/// says why instead of opening a find bar that finds nothing.
#[test]
fn a_scan_opens_as_its_pages_under_a_banner() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/15_souldern-pc-2021-01-28_agenda-scanned.pdf");
    let mut h = sample();
    let outline = "Family Valued Programme";
    let shown = |h: &Harness<'_, MeetPackApp>| h.query_all_by_label_contains(outline).count();
    assert!(shown(&h) > 0, "the sample's item, in its tree and text");
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(&mut h);
    assert!(h.state().failure().is_none(), "{:?}", h.state().failure());
    let scan = h.state().scan().expect("opened as a scan").clone();
    assert_eq!(scan.pages, 2);
    assert!(h.state().pack().is_none(), "the sample's pack is gone");
    assert!(h.query_by_label_contains("This PDF is a scan").is_some());
    // Each page has a page-sized row, drawn or not (a row that only held its label while
    // its page was drawn let the next row overlap it).
    let rows_apart = |h: &Harness<'_, MeetPackApp>| {
        h.get_by_label("Page 2 of 2").rect().top() - h.get_by_label("Page 1 of 2").rect().top()
    };
    assert!(rows_apart(&h) > 600.0, "{}", rows_apart(&h));
    // Page 1 is drawn on the page renderer's thread: wait for its texture.
    let start = Instant::now();
    while !h.state().scan_shows(1) && start.elapsed() < Duration::from_secs(60) {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.state().scan_shows(1), "page 1 drawn");
    h.run();
    let picture = h.get_by_label("Picture of scanned page 1").rect();
    let next = h.get_by_label("Page 2 of 2").rect();
    assert!(next.top() >= picture.bottom(), "{next:?} under {picture:?}");
    assert!(rows_apart(&h) > 600.0, "{}", rows_apart(&h));
    // Page Down scrolls the pages, as it scrolls the reader.
    h.key_press(egui::Key::PageDown);
    h.run();
    let scrolled = h.get_by_label("Page 2 of 2").rect().top();
    assert!(
        scrolled < next.top() - 200.0,
        "{scrolled} from {}",
        next.top()
    );
    // No outline: neither the sample's tree nor its text is drawn beside the pages.
    assert_eq!(shown(&h), 0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let said = h
        .state()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("is a scan"), "{said:?}");
    assert_eq!(h.state().find_matches(), 0);
    assert!(h.state().window_title().contains("(scan)"));
    // The View menu says why its find, contents and notes items do nothing here.
    h.get_by_label("View").click();
    h.run();
    assert!(h.query_by_label_contains("no text to find").is_some());
}

fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => out.push_str(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// A long PDF shows its first pages while the rest is read: the status line says so, and
/// the whole pack then replaces the first look at the place being read. (That notes wait
/// for the whole pack is tested in `app::opening`: here the worker's timing decides.)
#[test]
fn a_long_pdf_shows_its_first_pages_while_the_rest_is_read() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf");
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    let deadline = Instant::now() + Duration::from_secs(20);
    let early = meetpack_core::input::EARLY_PAGES as u32;
    // The worker reads 16 more pages after the first look: the UI, polling every 10 ms,
    // sees the first look long before the whole pack.
    while h.state().pack().and_then(|p| p.source.pages) != Some(early) {
        assert!(
            h.state().is_loading(),
            "the whole pack came before a first look"
        );
        assert!(Instant::now() < deadline, "no first look");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    // The frame that took the first look drew it with the status line (the loader was
    // still running when that frame polled it).
    let during = h
        .state()
        .current_location()
        .expect("a place in the first pages");
    assert!(
        h.query_by_label_contains("showing its first 4 pages")
            .is_some()
    );
    wait_for_load(&mut h);
    let pack = h.state().pack().expect("the whole pack");
    assert_eq!(pack.source.pages, Some(20));
    assert_eq!(
        h.state().current_location().map(|l| l.doc),
        Some(during.doc)
    );
    assert!(h.query_by_label_contains("showing its first").is_none());
}
