//! Issue 21, "side panels crush the reader": with every side panel open (contents, original
//! page, find in pack, Notes) at 800, 1280 and 1920 px, and at 800 px and 200 % zoom, the
//! reader keeps a column of 45 characters, the panels that do not fit beside it are tabs
//! under it (and a tab shows its panel), and nothing in the toolbar overlaps. The contents
//! panel's width, once dragged, is kept for the next start.

mod support;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
use meetpack_gui::{Command, MeetPackApp, NoteCommand, Side};
use support::wait_for_load;

fn kent() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf")
}

/// The Kent supplement (a PDF, so it has original pages) in a window `width` px across at
/// `zoom`.
fn kent_at(width: f32, zoom: f32) -> Harness<'static, MeetPackApp> {
    let mut h = Harness::builder()
        .with_size([width, 900.0])
        .with_max_steps(30)
        .build_eframe(|_cc| MeetPackApp::with_sample());
    h.ctx.set_zoom_factor(zoom);
    h.run();
    h.state_mut().command(Command::OpenPath(kent()));
    h.step();
    wait_for_load(&mut h);
    h
}

/// Frames until the window is still. The original page is drawn on a worker thread and
/// repaints until it is in: wait for its own signal (page 1, where Kent's pack opens) when
/// the panel is beside the reader, rather than for a number of frames.
fn settle(h: &mut Harness<'_, MeetPackApp>) {
    h.step();
    while h.state().docked_panels().contains(&Side::PageView) && !h.state().page_view_shows(1) {
        std::thread::yield_now();
        h.step();
    }
    h.run();
}

fn open_panels(h: &Harness<'_, MeetPackApp>) -> Vec<Side> {
    let app = h.state();
    let mut open = app.docked_panels();
    open.extend_from_slice(app.yielded_panels());
    open
}

/// Opens each side panel that is not open yet, with its own key (Notes from its command:
/// its toolbar button may be folded into "More…").
fn open_every_panel(h: &mut Harness<'_, MeetPackApp>) {
    let open = open_panels(h);
    if !open.contains(&Side::Tree) {
        h.key_press(egui::Key::F9);
    }
    if !open.contains(&Side::PageView) {
        h.key_press(egui::Key::F8);
    }
    if !open.contains(&Side::FindPack) {
        h.key_press_modifiers(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::F,
        );
    }
    if !open.contains(&Side::Notes) {
        h.state_mut()
            .command(Command::Notes(NoteCommand::TogglePanel));
    }
    settle(h);
    let mut open = open_panels(h);
    open.sort_by_key(|s| s.title());
    assert_eq!(open.len(), 4, "every panel open: {open:?}");
}

/// The reader keeps 45 characters a line (the width of "0") beside any panel, every open panel is beside it or has its tab,
/// and no two of the toolbar's controls overlap or leave the window.
fn check_layout(h: &Harness<'_, MeetPackApp>, width: f32) {
    let app = h.state();
    let chars = app.reader_width() / app.reader_char_width();
    if app.docked_panels().is_empty() {
        // A window too narrow for 45 characters (800 px at 200 %): the reader has it all,
        // less its margins and number gutter.
        assert!(
            app.reader_width() >= width - 100.0,
            "{} of {width} points",
            app.reader_width()
        );
    } else {
        assert!(
            chars >= 45.0,
            "{chars:.1} characters a line at {width} points"
        );
    }
    eprintln!(
        "{width} points: {chars:.1} characters a line, beside it {:?}, tabs {:?}",
        app.docked_panels(),
        app.yielded_panels()
    );
    for side in app.yielded_panels() {
        assert!(
            h.query_by_label(side.tab()).is_some(),
            "{side:?} yielded without a tab at {width} points"
        );
    }
    let bar = app.toolbar_rect();
    let controls: Vec<(String, egui::Rect)> = h
        .query_all(by())
        .filter(|n| matches!(n.accesskit_node().role(), Role::Button | Role::Label))
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .filter(|(_, r)| r.width() > 0.0 && bar.contains(r.center()))
        .collect();
    assert!(
        controls.len() >= 5,
        "toolbar at {width} points: {controls:?}"
    );
    for (i, (a, ra)) in controls.iter().enumerate() {
        assert!(
            ra.left() >= 0.0 && ra.right() <= width + 0.5,
            "{a} outside the window at {width} points: {ra:?}"
        );
        for (b, rb) in &controls[i + 1..] {
            assert!(
                !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                "{a} and {b} overlap at {width} points"
            );
        }
    }
}

#[test]
fn every_panel_open_leaves_the_reader_45_characters_at_800_1280_and_1920_px() {
    for width in [800.0f32, 1280.0, 1920.0] {
        let mut h = kent_at(width, 1.0);
        open_every_panel(&mut h);
        check_layout(&h, width);
        let yielded = h.state().yielded_panels().to_vec();
        match width {
            // The original page yields first, the contents last.
            800.0 => {
                assert!(yielded.contains(&Side::PageView), "{yielded:?}");
                assert!(h.state().docked_panels().contains(&Side::Tree));
            }
            1920.0 => assert!(yielded.is_empty(), "{yielded:?}"),
            _ => {}
        }
    }
}

/// A yielded panel's tab shows it over the text, and closing the window keeps it open as a
/// tab; a wider window puts it back beside the reader.
#[test]
fn a_yielded_panel_opens_from_its_tab_and_docks_again_when_there_is_room() {
    let mut h = kent_at(800.0, 1.0);
    open_every_panel(&mut h);
    assert!(h.state().yielded_panels().contains(&Side::Notes));
    let before = h.query_all_by_label("Notes").count();
    h.get_by_label(Side::Notes.tab()).click();
    settle(&mut h);
    // The window's title and the panel's heading.
    assert!(h.query_all_by_label("Notes").count() > before);
    check_layout(&h, 800.0);
    h.set_size(egui::vec2(1920.0, 900.0));
    settle(&mut h);
    assert!(h.state().docked_panels().contains(&Side::Notes));
    assert!(h.query_by_label(Side::Notes.tab()).is_none());
}

/// 800 px at 200 % (400 points across): every panel yields to a tab, the reader has the
/// window, the toolbar is folded and nothing in it overlaps.
#[test]
fn every_panel_open_at_800_px_and_200_percent() {
    let mut h = kent_at(800.0, 2.0);
    assert!(h.query_by_label("200 %").is_some());
    let width = h.ctx.content_rect().width();
    assert!((width - 400.0).abs() < 1.0, "{width} points across");
    open_every_panel(&mut h);
    check_layout(&h, width);
    assert_eq!(h.state().yielded_panels().len(), 4);
    h.get_by_label(Side::Tree.tab()).click();
    h.run();
    assert!(h.query_all(by().role(Role::TreeItem)).count() >= 1);
}

/// At 800 px beside the contents there is no room for find in pack: Ctrl+Shift+F shows it
/// over the text at once (not only as a tab), and it finds.
#[test]
fn find_in_pack_opened_without_room_shows_over_the_text() {
    let mut h = kent_at(800.0, 1.0);
    if !h.state().is_tree_visible() {
        h.key_press(egui::Key::F9);
        settle(&mut h);
    }
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F,
    );
    settle(&mut h);
    assert_eq!(h.state().yielded_panels(), &[Side::FindPack]);
    h.get_by_label("Find in pack:").type_text("Devolution");
    settle(&mut h);
    assert!(h.state().find_pack_hits() > 0);
    check_layout(&h, 800.0);
}

#[test]
fn the_contents_panels_dragged_width_is_kept_for_the_next_start() {
    // The sample pack, with `settings` as restored before the first frame.
    let sample = |settings: Option<meetpack_gui::Settings>| {
        let mut app = MeetPackApp::with_sample();
        if let Some(settings) = settings {
            app.settings = settings;
        }
        let mut h = Harness::builder()
            .with_size([1400.0, 900.0])
            .with_max_steps(30)
            .build_eframe(move |_cc| app);
        h.run();
        h
    };
    let mut h = sample(None);
    let before = h
        .state()
        .panel_width(Side::Tree)
        .expect("the contents panel");
    let edge = egui::Pos2::new(before, 450.0);
    let to = edge + egui::vec2(90.0, 0.0);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    for event in [
        egui::Event::PointerMoved(edge),
        button(edge, true),
        egui::Event::PointerMoved(edge + egui::vec2(30.0, 0.0)),
        egui::Event::PointerMoved(to),
        button(to, false),
    ] {
        h.event(event);
        h.step();
    }
    h.run();
    let dragged = h.state().panel_width(Side::Tree).expect("still there");
    assert!(
        (dragged - (before + 90.0)).abs() < 3.0,
        "{before} → {dragged}"
    );
    assert_eq!(h.state().settings.tree_width, dragged);

    // Saved as eframe saves the settings, read back at the next start.
    let mut storage = support::MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    drop(h);
    let settings: meetpack_gui::Settings =
        eframe::get_value(&storage, eframe::APP_KEY).expect("saved");
    assert_eq!(settings.tree_width, dragged);
    let h = sample(Some(settings));
    let restored = h
        .state()
        .panel_width(Side::Tree)
        .expect("the contents panel");
    assert!((restored - dragged).abs() < 1.0, "{dragged} → {restored}");
}
