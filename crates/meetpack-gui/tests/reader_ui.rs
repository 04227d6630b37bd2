//! The reader hides nothing and misleads nowhere, driven as a user would through AccessKit:
//! Find reaches cards and the match itself, a jump lands on its target the first time, a
//! file that fails says so on a page of its own, the shortcut list is complete, zoom and
//! the contents panel are in reach, resizing keeps the place.

mod support;
use support::wait_for_load;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use meetpack_core::model::DocKind;
use meetpack_gui::{Anchor, Command, Location, MeetPackApp};

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

fn open_find(h: &mut Harness<'_, MeetPackApp>, query: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Find:").type_text(query);
    h.run();
}

#[test]
fn find_searches_the_attendance_card() {
    let mut h = sample();
    h.get_by_label("Minutes").click();
    h.run();
    let minutes = h
        .state()
        .current_doc()
        .and_then(|id| h.state().pack()?.document(id))
        .and_then(|d| d.minutes.clone())
        .expect("the sample's minutes");
    // A word of an attendee's name that the minutes' text blocks may also say: Find must
    // count the card's occurrence too.
    let name = minutes
        .attendance
        .iter()
        .flat_map(|a| a.entries.iter())
        .chain(minutes.present.iter())
        .next()
        .cloned()
        .expect("someone attended");
    let word = name
        .split_whitespace()
        .max_by_key(|w| w.len())
        .expect("a name has a word")
        .to_string();
    open_find(&mut h, &word);
    assert!(h.state().find_matches() >= 1, "{word} is found");
    // The first match is in the card, at the top of the minutes.
    assert!(
        h.query_by_label("Attendance").is_some(),
        "the card is in view"
    );
    assert!(h.query_by_label("1 of 1").is_some() || h.state().find_matches() > 1);
}

#[test]
fn find_says_no_match_and_returns_the_view_to_where_it_was() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    let (before, _, _) = h.state().reader_view();
    open_find(&mut h, "Reunification");
    assert!(h.state().find_matches() > 0);
    let (at_match, _, _) = h.state().reader_view();
    assert_ne!(at_match, before, "the view moved to the first match");
    h.get_by_label("Find:").type_text("zqxj");
    h.run();
    assert_eq!(h.state().find_matches(), 0);
    assert!(h.query_by_label_contains("No match").is_some());
    let (after, _, _) = h.state().reader_view();
    assert_eq!(after, before, "not left on the partial match");
}

/// A document whose one paragraph is several screens long, with a word at its end.
fn long_paragraph_pack() -> MeetPackApp {
    let mut text =
        String::from("REPORT TO THE BOARD\n\nSubject: Long paragraph\n\n1. Introduction\n\n");
    for i in 0..900 {
        text.push_str(&format!(
            "The council considered item {i} of the programme. "
        ));
    }
    text.push_str("The needle word is pangolin.\n\n2. Next section\n\nShort text.\n");
    MeetPackApp::from_bytes("long.txt", text.as_bytes())
}

#[test]
fn find_scrolls_to_a_match_deep_inside_a_long_paragraph() {
    let mut h = harness(long_paragraph_pack());
    h.run();
    let (_, _, offset_before) = h.state().reader_view();
    open_find(&mut h, "pangolin");
    assert_eq!(h.state().find_matches(), 1);
    h.run();
    let (top, inset, offset) = h.state().reader_view();
    assert!(
        offset > offset_before + 500.0,
        "scrolled down to the match, not to the paragraph's top: {top:?} inset {inset} offset {offset}"
    );
    assert!(inset > 300.0, "the paragraph's top is above the view");
}

#[test]
fn a_jump_from_the_tree_lands_on_the_heading_the_first_time() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/003_af7d59c2040fad42.txt");
    let bytes = std::fs::read(&path).expect("seed");
    let mut h = harness(MeetPackApp::from_bytes("003.txt", &bytes));
    h.run();
    // The longest document with headings: open it (its top), then a heading near its end,
    // which has never been drawn.
    let pack = h.state().pack().expect("pack").clone();
    let doc = pack
        .documents
        .iter()
        .filter(|d| d.headings().count() >= 3)
        .max_by_key(|d| d.lines.last() - d.lines.first())
        .expect("a document with headings");
    h.state_mut().command(Command::Go(Location::top(doc.id)));
    h.run();
    let headings: Vec<(usize, u8, String)> = doc.headings().collect();
    let (block, _, label) = headings[headings.len() * 3 / 4].clone();
    let rows: Vec<_> = h.query_all_by_label(&label).collect();
    assert!(!rows.is_empty(), "the tree lists {label}");
    // The tree row is the first with this label (the panel is left of the reader).
    rows.into_iter()
        .min_by(|a, b| {
            a.rect()
                .min
                .x
                .partial_cmp(&b.rect().min.x)
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .expect("row")
        .click();
    h.run();
    let (top, inset, _) = h.state().reader_view();
    assert_eq!(top, Anchor::Block(block), "lands on {label}");
    assert!(
        inset.abs() < 1.0,
        "its top is the view's top (inset {inset})"
    );
}

#[test]
fn a_file_that_fails_gets_a_page_naming_it_and_the_reason() {
    let dir = std::env::temp_dir().join(format!("meetpack-reader-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("agenda.pdf");
    std::fs::write(&path, b"%PDF-1.7\n\x00\x01\x02binary").expect("write test file");

    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(&mut h);
    let failure = h.state().failure().cloned().expect("a failure page");
    assert_eq!(failure.file, "agenda.pdf");
    assert!(h.query_by_label("Could not open agenda.pdf").is_some());
    assert!(
        h.query_by_label(&failure.reason).is_some(),
        "the reason is shown"
    );
    assert!(h.query_by_label("Open another…").is_some());
    assert!(
        h.query_by_label("Education and Children's Services Scrutiny Board (2)")
            .is_none(),
        "the previous pack is not shown as if nothing happened"
    );
    let back = h
        .query_by_label_contains("Back to Education and Children's Services")
        .expect("a way back to the previous pack");
    back.click();
    h.run();
    assert!(h.state().failure().is_none());
    assert_eq!(
        h.state()
            .current_doc()
            .and_then(|id| h.state().pack()?.document(id))
            .map(|d| d.kind),
        Some(DocKind::Agenda)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_shortcuts_window_lists_every_shortcut() {
    let mut h = sample();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("Keyboard shortcuts").click();
    h.run();
    let all = meetpack_gui::shortcuts();
    assert!(all.len() >= 15);
    for s in &all {
        assert!(h.query_by_label(s.what).is_some(), "{} is listed", s.what);
        let keys = meetpack_gui::keys_label(s);
        assert!(h.query_by_label(&keys).is_some(), "{keys} is listed");
    }
    h.get_by_label("Close").click();
    h.run();
    assert!(h.query_by_label("Find in this document").is_none());
}

#[test]
fn zoom_shows_its_level_stops_at_a_limit_and_ctrl_0_resets() {
    let mut h = sample();
    assert!(h.query_by_label("100 %").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    assert!(h.query_by_label("110 %").is_some());
    for _ in 0..30 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        h.step();
    }
    h.run();
    assert!(h.query_by_label("300 %").is_some(), "stops at 300 %");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert!(h.query_by_label("100 %").is_some());
}

#[test]
fn f9_hides_and_shows_the_contents_panel() {
    let mut h = sample();
    let tree_row = "4 Family Valued Programme · pp 11–16";
    assert!(h.query_by_label(tree_row).is_some());
    h.key_press(egui::Key::F9);
    h.run();
    assert!(!h.state().is_tree_visible());
    assert!(h.query_by_label(tree_row).is_none());
    h.get_by_label("Contents").click();
    h.run();
    assert!(h.query_by_label(tree_row).is_some());
}

#[test]
fn a_notice_goes_away_when_the_reader_moves_on() {
    let mut h = sample();
    let id = h.state().pack().expect("pack").documents[0].id;
    // Copying a table leaves a notice.
    let table = h.state().pack().and_then(|p| {
        p.documents
            .iter()
            .find_map(|d| d.tables.first().map(|t| (d.id, t.id)))
    });
    let (doc, table) = table.expect("the sample has a table");
    h.state_mut().command(Command::CopyTable { doc, table });
    h.run();
    assert!(h.state().message().is_some(), "a notice is shown");
    h.state_mut().command(Command::Go(Location::top(id)));
    h.run();
    assert!(h.state().message().is_none(), "moving on dismisses it");
}

#[test]
fn resizing_keeps_the_place() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    for _ in 0..3 {
        h.key_press(egui::Key::PageDown);
        h.run();
    }
    let (before, _, _) = h.state().reader_view();
    assert!(matches!(before, Anchor::Block(_)), "{before:?}");
    h.set_size(egui::vec2(820.0, 900.0));
    // The scroll area animates to its new offset: a bounded number of frames.
    h.run_steps(60);
    let (after, inset, _) = h.state().reader_view();
    assert_eq!(after, before, "the same item is at the top");
    assert!(inset.abs() < 1.0);
}

#[test]
fn open_recent_and_the_title_name_the_meeting() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("seeds/002_650dc6dc71139f49.txt");
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path.clone()));
    h.step();
    wait_for_load(&mut h);
    let committee = h
        .state()
        .pack()
        .and_then(|p| p.meta.committee.clone())
        .expect("the seed names its committee");
    assert!(h.state().window_title().starts_with(&committee));
    let label = h.state().settings.recent_label(&path);
    assert!(label.starts_with(&committee), "{label}");
    assert!(!label.contains(".txt"), "{label}");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").hover();
    h.run();
    assert!(
        h.query_by_label(&label).is_some(),
        "Open Recent lists {label}"
    );
}

/// A note whose section 3 opens with the only "zephyr" of the text, after two long
/// sections.
fn three_section_note() -> MeetPackApp {
    let mut text = String::from(
        "Briefing note\n\nTo: Scrutiny Board\nDate: 1 January 2024\nSubject: Sections\n\n",
    );
    for (n, title) in [(1, "Purpose of the note"), (2, "Background")] {
        text.push_str(&format!("{n}. {title}\n\n"));
        for k in 1..=12 {
            text.push_str(&format!(
                "{n}.{k} This paragraph fills section {n} so that it is longer than a screen: \
                 the board asked for more detail on the plan, and officers gave it.\n\n"
            ));
        }
    }
    text.push_str("3. Current position\n\n3.1 The zephyr programme began in 2023.\n\n");
    for k in 2..=12 {
        text.push_str(&format!("3.{k} More of section 3, paragraph {k}.\n\n"));
    }
    MeetPackApp::from_bytes("sections.txt", text.as_bytes())
}

/// Find shows its match a third down the view, so the item at the top is in the section
/// before: the breadcrumb and the tree still name the match's section.
#[test]
fn after_find_the_breadcrumb_names_the_section_of_the_match() {
    let mut h = harness(three_section_note());
    h.run();
    open_find(&mut h, "zephyr");
    h.key_press(egui::Key::Enter);
    h.run();
    let app = h.state();
    let doc = app
        .current_doc()
        .and_then(|id| app.pack()?.document(id))
        .expect("the note");
    let heading = |title: &str| {
        doc.headings()
            .find(|(_, _, label)| label.contains(title))
            .map(|(i, _, _)| i)
    };
    let third = heading("Current position").expect("section 3 is a heading");
    // The view's top is in section 2 (what made the breadcrumb wrong).
    let (top, _, _) = app.reader_view();
    assert!(
        matches!(top, Anchor::Block(b) if b < third),
        "the top of the view is {top:?}, section 3 at block {third}"
    );
    assert_eq!(app.current_heading(), Some(third));
    // Scrolled away, the breadcrumb follows the view again.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    // (At the very top, above the first heading, no section is named.)
    assert_eq!(h.state().reader_view().2, 0.0, "Home went to the top");
    assert_eq!(h.state().current_heading(), None);
}

#[test]
fn a_link_in_pack_text_opens_only_for_the_web_and_mail() {
    let mut h = sample();
    h.state_mut().command(Command::OpenUrl(
        "file:///home/councillor/.ssh/id_rsa".into(),
    ));
    h.run();
    let message = h
        .state()
        .message()
        .expect("the refusal is said")
        .text
        .clone();
    assert!(
        message.contains("only web and e-mail links") && message.contains("file:///home"),
        "{message}"
    );
    h.state_mut().command(Command::DismissMessage);
    h.state_mut()
        .command(Command::OpenUrl("https://www.coventry.gov.uk/".into()));
    h.run();
    assert!(
        h.state().message().is_none(),
        "a web link opens without a message"
    );
}

#[test]
fn a_link_whose_words_are_not_its_address_asks_first() {
    let mut h = sample();
    h.state_mut().command(Command::ConfirmUrl(
        "https://coventry-gov.example.net/login".into(),
    ));
    h.run();
    assert!(
        h.query_by_label("https://coventry-gov.example.net/login")
            .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_label("https://coventry-gov.example.net/login")
            .is_none()
    );
    assert!(h.state().message().is_none(), "cancelled: nothing opened");
    // Confirmed, it opens as any link does: a scheme other than the web's still refused.
    h.state_mut()
        .command(Command::ConfirmUrl("file:///etc/passwd".into()));
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(
        h.query_by_label("file:///etc/passwd").is_none(),
        "the question is gone"
    );
    let message = h.state().message().expect("the refusal").text.clone();
    assert!(message.contains("only web and e-mail links"), "{message}");
}

/// At 800, 1280 and 1920 px wide, with the contents and Notes panels open, the toolbar's
/// controls stay inside the window, none over another (the breadcrumb ran under the zoom
/// buttons, and at 800 px the toolbar outgrew the window and the reader vanished), and the
/// reader keeps a readable column.
#[test]
fn the_toolbar_and_the_reader_fit_every_window_width() {
    // A PDF pack: its toolbar also has the page, the original page and the places to check.
    let kent = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf");
    for width in [800.0f32, 1280.0, 1920.0] {
        let mut h = sample();
        h.state_mut().command(Command::OpenPath(kent.clone()));
        h.step();
        wait_for_load(&mut h);
        h.set_size(egui::vec2(width, 900.0));
        h.run();
        h.get_by_label("Notes").click();
        h.run();
        // Narrow or wide, Back and Forward keep their names for a screen reader.
        assert!(h.query_by_label("⏴ Back").is_some(), "Back at {width} px");
        assert!(
            h.query_by_label("Forward ⏵").is_some(),
            "Forward at {width} px"
        );
        let controls = ["Library", "Contents", "Notes", "Decisions", "−", "+"];
        let zoom_out = h
            .query_all_by_label("−")
            .map(|n| n.rect())
            .find(|r| r.top() > 20.0)
            .expect("zoom out");
        // The breadcrumb's place, wherever it is shown in the toolbar, is clear of it.
        for crumb in h.query_all_by_label_contains("Agenda supplement") {
            let r = crumb.rect();
            if r.top() > 20.0 && r.bottom() < zoom_out.bottom() + 4.0 {
                assert!(
                    !r.shrink(0.5).intersects(zoom_out.shrink(0.5)),
                    "the breadcrumb runs under the zoom buttons at {width} px"
                );
            }
        }
        toolbar_fits(&h, &controls, 20.0, width);
        // The pack's opening words are in the reader, in a column wider than a few words.
        let widest = h
            .query_all_by_label_contains("Please find enclosed the documents")
            .map(|n| n.rect().width())
            .fold(0.0f32, f32::max);
        assert!(widest > 250.0, "reader column at {width} px: {widest}");
    }
}

/// Issue 21: Southwark's 77-page planning report has dozens of figure and postcode tables;
/// the tree lists its headings, and under a closed "Tables" group only the tables with a
/// caption, never one named by figures alone ("⊞ Table 8: +443000412070"). The tables are
/// all still in the reader.
#[test]
fn a_report_with_many_tables_keeps_its_tree_to_headings_and_captioned_tables() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(
        "tests/corpus/pdf/01_southwark-planning-committee-2016-07-12_officer-report-item-5-1.pdf",
    );
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(path));
    h.step();
    wait_for_load(&mut h);
    let pack = h.state().pack().expect("loaded").clone();
    let report = pack
        .documents
        .iter()
        .max_by_key(|d| d.tables.len())
        .expect("a document");
    assert!(report.tables.len() > 8, "{} tables", report.tables.len());
    let captioned = report.tables.iter().filter(|t| t.caption.is_some()).count();
    h.state_mut().command(Command::Go(Location {
        doc: report.id,
        anchor: Anchor::Top,
    }));
    h.run();
    // The tables stand under a "Tables" group, closed until it is opened.
    assert!(
        h.query_all_by_label_contains("⊞ Table ").next().is_none(),
        "no table listed before the group is opened"
    );
    // The group is there only when a table qualifies.
    if let Some(group) = h.query_by_label_contains("⊞ Tables") {
        group.click();
        h.run();
    }
    let listed: Vec<String> = h
        .query_all_by_label_contains("⊞ Table ")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(listed.len() <= captioned, "{listed:?}");
    assert!(
        listed.iter().all(|l| l
            .split_once(": ")
            .is_some_and(|(_, name)| name.chars().any(char::is_alphabetic))),
        "{listed:?}"
    );
}

/// Issue 21, screen readers: the contents are tree items (the place being read selected),
/// and the reader's headings are headings, so a screen reader can list and jump by them.
#[test]
fn the_tree_and_the_headings_have_their_roles() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::by;
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    let items = h.query_all(by().role(Role::TreeItem)).count();
    assert!(items >= 5, "{items} tree items");
    let selected = h
        .query_all(by().role(Role::TreeItem))
        // egui tells AccessKit a selected item as "toggled on".
        .filter(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .count();
    assert_eq!(selected, 1, "one tree item is where the reader is");
    let headings: Vec<String> = h
        .query_all(by().role(Role::Heading))
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(!headings.is_empty(), "the reader's headings");
}

/// Issue 21: at 800 px and 200 % zoom (400 points across), the toolbar folds Library, Notes,
/// Decisions and the places to check into "More…"; what stays is inside the window, none
/// over another, and the reader keeps a column.
#[test]
fn the_toolbar_folds_at_800_px_and_200_percent() {
    let kent = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf");
    let mut h = sample();
    h.state_mut().command(Command::OpenPath(kent));
    h.step();
    wait_for_load(&mut h);
    h.ctx.set_zoom_factor(2.0);
    h.run();
    // 800 px at 200 %: 400 points across.
    h.set_size(egui::vec2(400.0, 450.0));
    h.run();
    assert!(h.query_by_label("200 %").is_some());
    let width = h.ctx.content_rect().width();
    assert!((width - 400.0).abs() < 1.0, "{width} points across");
    let controls = ["Contents", "⏴ Back", "Forward ⏵", "Page", "More…", "−", "+"];
    toolbar_fits(&h, &controls, 10.0, width);
    // The folded commands are in the menu.
    h.get_by_label("More…").click();
    h.run();
    for entry in ["Library", "Notes", "Decisions"] {
        assert!(h.query_all_by_label(entry).count() >= 1, "{entry} in More");
    }
    assert!(h.query_by_label_contains("places to check").is_some());
}

/// Each of `controls` in the toolbar (the one of that name nearest the top below `below`
/// points: "Library" is a menu too, "Notes" the panel's title) lies inside the window's
/// `width` points, and none over another.
fn toolbar_fits(h: &Harness<'_, MeetPackApp>, controls: &[&str], below: f32, width: f32) {
    let rects: Vec<egui::Rect> = controls
        .iter()
        .map(|c| {
            h.query_all_by_label(c)
                .map(|n| n.rect())
                .filter(|r| r.top() > below)
                .min_by(|a, b| a.top().total_cmp(&b.top()))
                .unwrap_or_else(|| panic!("no {c} in the toolbar"))
        })
        .collect();
    for (i, a) in rects.iter().enumerate() {
        assert!(
            a.right() <= width + 0.5 && a.left() >= 0.0,
            "{} at {width} points across: {a:?}",
            controls[i]
        );
        for (j, b) in rects.iter().enumerate().skip(i + 1) {
            assert!(
                !a.shrink(0.5).intersects(b.shrink(0.5)),
                "{} and {} overlap at {width} points across",
                controls[i],
                controls[j]
            );
        }
    }
}

/// Issue 21, screen readers: a table is a table, named by its caption, with column
/// headers and cells (they were plain text labels).
#[test]
fn a_table_has_its_roles_and_its_caption_as_name() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::by;
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.get_by_label_contains("⊞ Tables").click();
    h.run();
    // The tree's row for the table takes the reader there.
    let row = h
        .query_all(by().role(Role::TreeItem))
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Placement Cost Avoidance"))
        })
        .expect("the table's row in the contents");
    row.click();
    h.run();
    let tables: Vec<String> = h
        .query_all(by().role(Role::Table))
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        tables
            .iter()
            .any(|t| t.contains("Placement Cost Avoidance")),
        "{tables:?}"
    );
    let headers = h.query_all(by().role(Role::ColumnHeader)).count();
    let cells = h.query_all(by().role(Role::Cell)).count();
    assert!(headers >= 2, "{headers} column headers");
    assert!(cells >= 4, "{cells} cells");
}
