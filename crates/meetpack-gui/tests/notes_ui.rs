//! Notes in the viewer, driven headless through AccessKit (issue 7): a note written with
//! Ctrl+Shift+N is still there after a "restart" (a new app on the same data folder), a
//! highlight made from a paragraph's menu re-attaches to that paragraph in a revised pack,
//! and a click on a note in the Notes panel takes the reader to its passage.

mod support;

use support::paragraph;

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_core::model::BlockKind;
use meetpack_core::notes::NoteKind;
use meetpack_gui::{Anchor, Command, Location, MeetPackApp, SAMPLE_NAME, SAMPLE_TEXT};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("meetpack-notes-ui-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn harness(text: &str, notes: &Scratch) -> Harness<'static, MeetPackApp> {
    let app = MeetPackApp::from_bytes(SAMPLE_NAME, text.as_bytes()).with_notes_dir(notes.0.clone());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle") as u32
        + 1
}

#[test]
fn a_note_written_with_the_keyboard_is_there_after_a_restart() {
    let notes = Scratch::new("restart");
    let mut h = harness(SAMPLE_TEXT, &notes);
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    h.get_by_label("Note")
        .type_text("Ask what FGC costs per family");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    assert_eq!(h.state().notes().len(), 1);
    let before = h.state().notes()[0].clone();
    assert_eq!(before.note.text, "Ask what FGC costs per family");
    assert!(!before.detached());
    drop(h);

    // A new app on the same data folder: the note is read back, on the same passage.
    let mut h = harness(SAMPLE_TEXT, &notes);
    let after = h.state().notes().to_vec();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].note, before.note);
    assert_eq!(after[0].place, before.place);
    h.get_by_label("Notes").click();
    h.run();
    assert!(h.state().notes_panel_visible());
    assert!(h.query_by_label("Ask what FGC costs per family").is_some());

    // Deleting it from the panel removes it from the file too.
    h.get_by_label("Delete").click();
    h.run();
    assert!(h.state().notes().is_empty());
    drop(h);
    assert!(harness(SAMPLE_TEXT, &notes).state().notes().is_empty());
}

#[test]
fn a_highlight_from_the_paragraph_menu_follows_its_paragraph_into_a_revised_pack() {
    let notes = Scratch::new("revised");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, block, text) = paragraph(&h, "3.3");
    h.state_mut().command(Command::Go(Location {
        doc,
        anchor: Anchor::Block(block),
    }));
    // A queued command is applied by the next frame; `run` alone may draw none.
    h.step();
    h.run();
    h.get_by_label(&text).click_secondary();
    h.run();
    h.get_by_label("Highlight").click();
    h.run();
    let made = h.state().notes().to_vec();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].note.kind, NoteKind::Highlight);
    let old_line = line_of(SAMPLE_TEXT, "3.3 Coventry Children's Services received");
    assert_eq!(made[0].line(), Some(old_line));
    drop(h);

    // The corrected pack: a paragraph inserted above, a word of the highlighted one changed.
    let revised = SAMPLE_TEXT
        .replacen(
            "3 Background and Information\n",
            "3 Background and Information\n\n- 3.0 This paragraph was added to the corrected pack.\n\nA second added paragraph.\n",
            1,
        )
        .replacen(
            "3.3 Coventry Children's Services received grant",
            "3.3 Coventry Children's Services was given grant",
            1,
        );
    let h = harness(&revised, &notes);
    let found = h.state().notes().to_vec();
    assert_eq!(found.len(), 1);
    let place = found[0].place.as_ref().expect("re-attached, not detached");
    assert!(!place.exact, "the word changed: matched by similarity");
    let new_line = line_of(&revised, "3.3 Coventry Children's Services was given");
    assert_eq!(place.lines.first(), new_line);
    assert_eq!(new_line, old_line + 4);
}

#[test]
fn clicking_a_note_in_the_panel_takes_the_reader_to_its_passage() {
    let notes = Scratch::new("click");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, block, text) = paragraph(&h, "5.2");
    h.state_mut().command(Command::Go(Location {
        doc,
        anchor: Anchor::Block(block),
    }));
    // A queued command is applied by the next frame; `run` alone may draw none.
    h.step();
    h.run();
    h.get_by_label(&text).click_secondary();
    h.run();
    h.get_by_label("Add note…").click();
    h.run();
    h.get_by_label("Note").type_text("Where is FGC offered?");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    // Saving a note opens the panel; read elsewhere, then come back through it.
    assert!(h.state().notes_panel_visible());
    h.get_by_label("⏴ Back").click();
    h.run();
    assert_ne!(h.state().current_doc(), Some(doc));
    h.get_by_label("Where is FGC offered?").click();
    h.run();
    assert_eq!(
        h.state().current_location(),
        Some(Location {
            doc,
            anchor: Anchor::Block(block)
        })
    );
    assert!(
        h.query_by_label(&text).is_some(),
        "the passage is on screen"
    );
}

#[test]
fn a_right_clicked_table_row_is_the_passage_bookmarked() {
    let notes = Scratch::new("row");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, block) = {
        let pack = h.state().pack().expect("a pack");
        let doc = pack
            .documents
            .iter()
            .find(|d| d.title == "Family Valued Programme")
            .expect("the briefing note");
        let block = doc
            .blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Table { .. }))
            .expect("a table");
        (doc.id, block)
    };
    h.state_mut().command(Command::Go(Location {
        doc,
        anchor: Anchor::Block(block),
    }));
    h.step();
    h.run();
    // The "2022/23" row of "FGC Referrals": 570 referrals that year.
    h.get_by_label("570").click_secondary();
    h.run();
    h.get_by_label("Bookmark").click();
    h.run();
    let made = h.state().notes().to_vec();
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].note.kind, NoteKind::Bookmark);
    assert!(
        made[0].note.anchor.quote.starts_with("2022/23 | 570"),
        "{:?}",
        made[0].note.anchor
    );
    let place = made[0].place.as_ref().expect("attached");
    assert_eq!((place.doc, place.block), (doc, block));
    assert_eq!(place.lines.first(), line_of(SAMPLE_TEXT, "2022/23\t570"));
}

/// A note added from the command line while the window is open survives the window's
/// next save (the file is merged by id, not overwritten from memory).
#[test]
fn a_note_added_elsewhere_while_the_window_is_open_is_kept() {
    let notes = Scratch::new("merge");
    let mut h = harness(SAMPLE_TEXT, &notes);
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert_eq!(h.state().notes().len(), 1);

    let pack = h.state().pack().expect("a pack").clone();
    let meeting = meetpack_core::notes::Meeting::of(&pack, None, SAMPLE_NAME);
    let file = meetpack_core::notes::identity::locate(&notes.0, &meeting).file;
    let anchor = meetpack_core::notes::Anchor::at_line(&pack, 257).expect("a passage");
    let elsewhere = meetpack_core::notes::Note::new(NoteKind::Note, "Added from the CLI", anchor);
    meetpack_core::notes::store::add(&file, &meeting, elsewhere.clone()).expect("add");

    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    let on_disk = meetpack_core::notes::store::load(&file).expect("load");
    assert_eq!(on_disk.notes.len(), 3);
    assert!(on_disk.notes.iter().any(|n| n.id == elsewhere.id));
    assert_eq!(h.state().notes().len(), 3);
}

/// Issue 19: a notes file that cannot be read is shown as an error, and a new note is
/// not written over it (the panel says it was not saved).
#[test]
fn a_notes_file_that_cannot_be_read_is_shown_and_never_written_over() {
    let notes = Scratch::new("unusable");
    let pack = harness(SAMPLE_TEXT, &notes)
        .state()
        .pack()
        .expect("a pack")
        .clone();
    let meeting = meetpack_core::notes::Meeting::of(&pack, None, SAMPLE_NAME);
    let file = meetpack_core::notes::identity::locate(&notes.0, &meeting).file;
    std::fs::create_dir_all(&notes.0).expect("notes folder");
    let garbage: &[u8] = b"\xff\xfe\x00n\x00o\x00t\x00\xc3\x28\n\x80\x81";
    std::fs::write(&file, garbage).expect("seed");

    let mut h = harness(SAMPLE_TEXT, &notes);
    h.get_by_label("Notes").click();
    h.run();
    assert!(h.query_by_label_contains("is not UTF-8 text").is_some());
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    assert!(h.query_by_label_contains("Notes not saved").is_some());
    assert_eq!(std::fs::read(&file).expect("read"), garbage);
}

/// Issue 19: a note made in a meeting's supplement is shown in the main pack's panel as in
/// another pack of this meeting, with that pack's name, not as detached.
#[test]
fn a_supplements_note_is_in_another_pack_of_the_meeting_not_detached() {
    use meetpack_core::notes::{Anchor, Meeting, Note, identity, store};
    let notes = Scratch::new("supplement");
    let late = "The late paper on home to school transport sets out three options for next year.";
    let supplement = format!("{SAMPLE_TEXT}\n\n{late}\n");
    let pack =
        meetpack_core::input::load_named("supplement.txt", supplement.as_bytes(), &mut |_, _| true)
            .expect("the supplement")
            .pack;
    let meeting = Meeting::of(&pack, None, "supplement.txt").with_content(supplement.as_bytes());
    let file = identity::locate(&notes.0, &meeting).file;
    let anchor = Anchor::at_line(&pack, line_of(&supplement, late)).expect("its passage");
    store::add(
        &file,
        &meeting,
        Note::new(NoteKind::Note, "Which option?", anchor),
    )
    .expect("add");
    identity::record(&notes.0, &file, &meeting).expect("index");

    let app =
        MeetPackApp::from_bytes("main.txt", SAMPLE_TEXT.as_bytes()).with_notes_dir(notes.0.clone());
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.run();
    let shown = h.state().notes().to_vec();
    assert_eq!(shown.len(), 1);
    assert!(!shown[0].detached());
    assert_eq!(shown[0].in_other_pack(), Some("supplement.txt"));
    h.get_by_label("Notes").click();
    h.run();
    assert!(
        h.query_by_label("In another pack of this meeting")
            .is_some()
    );
    assert!(h.query_by_label("Detached").is_none());
    assert!(
        h.query_by_label_contains("in another pack of this meeting: supplement.txt")
            .is_some()
    );
}
