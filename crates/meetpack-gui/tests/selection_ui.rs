//! Issue 21, "no selection", and issue 19's "notes can be edited", driven headless: text
//! dragged across lines is selected and Ctrl+C copies it; a highlight or note is anchored to
//! the selected words (saved with them and the words around them), painted over just those
//! words, and found again after a restart and in a revised pack; the note keys act on the
//! selection or the passage clicked, not the top of the view; a note is edited in the Notes
//! panel; a note written while the panel has yielded to a tab brings the panel up.

mod support;

use support::paragraph;

use std::ops::Range;
use std::path::PathBuf;

use egui::epaint::Shape;
use egui::{Event, Key, Modifiers, OutputCommand, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use meetpack_core::model::DocId;
use meetpack_core::notes::{NoteKind, store};
use meetpack_gui::{
    Anchor, Command, Location, MeetPackApp, NoteCommand, SAMPLE_NAME, SAMPLE_TEXT, Side,
};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "meetpack-selection-ui-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        Self(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn harness_at(text: &str, notes: &Scratch, width: f32) -> Harness<'static, MeetPackApp> {
    let app = MeetPackApp::from_bytes(SAMPLE_NAME, text.as_bytes()).with_notes_dir(notes.0.clone());
    let mut h = Harness::builder()
        .with_size([width, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

fn harness(text: &str, notes: &Scratch) -> Harness<'static, MeetPackApp> {
    harness_at(text, notes, 1400.0)
}

fn go_to(h: &mut Harness<'_, MeetPackApp>, doc: DocId, block: usize) {
    h.state_mut().command(Command::Go(Location {
        doc,
        anchor: Anchor::Block(block),
    }));
    // A queued command is applied by the next frame; `run` alone may draw none.
    h.step();
    h.run();
}

/// The characters of `words` in `text`, at the `nth` place they are.
fn chars_of(text: &str, words: &str, nth: usize) -> Range<usize> {
    let (byte, _) = text.match_indices(words).nth(nth).expect("the words");
    let start = text[..byte].chars().count();
    start..start + words.chars().count()
}

/// Points just inside the first and last characters of `chars` as drawn.
fn ends_of(
    h: &Harness<'_, MeetPackApp>,
    doc: DocId,
    block: usize,
    chars: Range<usize>,
) -> (Pos2, Pos2) {
    let first = h
        .state()
        .text_rects(doc, block, 0, chars.start..chars.start + 1);
    let last = h
        .state()
        .text_rects(doc, block, 0, chars.end - 1..chars.end);
    let (Some(first), Some(last)) = (first.first(), last.last()) else {
        panic!("the words are not on screen");
    };
    (
        first.left_center() + vec2(1.0, 0.0),
        last.right_center() - vec2(1.0, 0.0),
    )
}

/// One frame per event, as a window gets them.
fn send(h: &mut Harness<'_, MeetPackApp>, events: Vec<Event>) {
    for event in events {
        h.event(event);
        h.step();
    }
    h.run();
}

fn button(pos: Pos2, button: PointerButton, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// Presses at `from`, moves through the middle to `to` and lets go there.
fn drag(h: &mut Harness<'_, MeetPackApp>, from: Pos2, to: Pos2) {
    send(
        h,
        vec![
            Event::PointerMoved(from),
            button(from, PointerButton::Primary, true),
            Event::PointerMoved(from.lerp(to, 0.5)),
            Event::PointerMoved(to),
            button(to, PointerButton::Primary, false),
        ],
    );
}

fn click(h: &mut Harness<'_, MeetPackApp>, at: Pos2, which: PointerButton) {
    send(
        h,
        vec![
            Event::PointerMoved(at),
            button(at, which, true),
            button(at, which, false),
        ],
    );
}

/// Drags over `words` (the `nth` place they are) in paragraph `block`.
fn select(h: &mut Harness<'_, MeetPackApp>, doc: DocId, block: usize, chars: Range<usize>) {
    let (from, to) = ends_of(h, doc, block, chars);
    drag(h, from, to);
}

/// What the frames of `events` put on the clipboard.
fn copied(h: &mut Harness<'_, MeetPackApp>, events: Vec<Event>) -> Vec<String> {
    let mut out = Vec::new();
    for event in events {
        h.event(event);
        h.step();
        for command in &h.output().platform_output.commands {
            if let OutputCommand::CopyText(text) = command {
                out.push(text.clone());
            }
        }
    }
    out
}

fn ctrl(key: Key) -> Vec<Event> {
    let press = |pressed| Event::Key {
        key,
        pressed,
        modifiers: Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    };
    vec![
        Event::ModifiersChanged(Modifiers::COMMAND),
        press(true),
        press(false),
        Event::ModifiersChanged(Modifiers::NONE),
    ]
}

/// The rectangles painted in `fill` on the last frame.
fn painted(h: &Harness<'_, MeetPackApp>, fill: egui::Color32) -> Vec<Rect> {
    fn walk(shape: &Shape, fill: egui::Color32, out: &mut Vec<Rect>) {
        match shape {
            Shape::Rect(r) if r.fill == fill => out.push(r.rect),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, fill, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, fill, &mut out);
    }
    out
}

fn highlight_tint(h: &Harness<'_, MeetPackApp>) -> egui::Color32 {
    meetpack_gui::phrase_tint(&h.ctx.global_style().visuals)
}

/// The highlight is painted over exactly `chars` of the paragraph, and nothing else is.
fn assert_painted_over(
    h: &Harness<'_, MeetPackApp>,
    doc: DocId,
    block: usize,
    chars: Range<usize>,
) {
    let want = h.state().text_rects(doc, block, 0, chars);
    assert!(!want.is_empty(), "the words are on screen");
    let got = painted(h, highlight_tint(h));
    assert_eq!(
        got.len(),
        want.len(),
        "one tint a row: {got:?} for {want:?}"
    );
    for (g, w) in got.iter().zip(&want) {
        assert!(
            (g.min - w.min).length() < 1.0 && (g.max - w.max).length() < 1.0,
            "painted {g:?}, the words are at {w:?}"
        );
    }
    let whole = h.state().text_rects(doc, block, 0, 0..usize::MAX);
    let whole: f32 = whole.iter().map(|r| r.width()).sum();
    let tinted: f32 = got.iter().map(|r| r.width()).sum();
    assert!(
        tinted < whole / 5.0,
        "{tinted} of the paragraph's {whole} points"
    );
}

#[test]
fn text_dragged_across_lines_is_selected_and_ctrl_c_copies_it() {
    let notes = Scratch::new("copy");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, block, text) = paragraph(&h, "5.2");
    go_to(&mut h, doc, block);
    let sentence = "The aim was to support family-led plans being developed from the outset of \
                    Children’s Services intervention, to reduce risk at this stage and avoid any \
                    escalation in risk, which could lead to statutory intervention.";
    let chars = chars_of(&text, sentence, 0);
    let rows = h.state().text_rects(doc, block, 0, chars.clone());
    assert!(rows.len() >= 2, "the sentence runs over lines: {rows:?}");
    select(&mut h, doc, block, chars);
    assert_eq!(h.state().selected_text().as_deref(), Some(sentence));
    // Ctrl+C as a key (as kittest and some back ends send it) and as the copy event a
    // desktop's Ctrl+C becomes.
    assert_eq!(copied(&mut h, ctrl(Key::C)), vec![sentence.to_string()]);
    assert_eq!(
        copied(&mut h, vec![Event::Copy]),
        vec![sentence.to_string()]
    );
    // The selection is painted under just those words, a rectangle a row.
    let selection = h.ctx.global_style().visuals.selection.bg_fill;
    let paragraph = h.state().text_rects(doc, block, 0, 0..usize::MAX);
    let under: Vec<Rect> = painted(&h, selection)
        .into_iter()
        .filter(|r| paragraph.iter().any(|p| p.intersects(*r)))
        .collect();
    assert_eq!(under, rows);

    // A click elsewhere in the text ends the selection; Ctrl+C then copies nothing.
    let (start, _) = ends_of(&h, doc, block, 0..1);
    click(&mut h, start, PointerButton::Primary);
    assert_eq!(h.state().selected_text(), None);
    assert!(copied(&mut h, ctrl(Key::C)).is_empty());
}

/// The block of the briefing note whose text has `needle`, and its plain text.
fn block_with(h: &Harness<'_, MeetPackApp>, needle: &str) -> (DocId, usize, String) {
    let pack = h.state().pack().expect("a pack");
    pack.documents
        .iter()
        .filter(|d| d.title == "Family Valued Programme")
        .flat_map(|d| d.blocks.iter().enumerate().map(move |(b, x)| (d.id, b, x)))
        .find_map(|(doc, b, x)| {
            let plain = x.kind.main_text()?.to_plain();
            plain.contains(needle).then_some((doc, b, plain))
        })
        .expect("the block")
}

#[test]
fn a_selection_over_two_paragraphs_copies_both_and_highlights_the_words_of_each() {
    let notes = Scratch::new("two");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, first, one) = block_with(&h, "recognising that this is where");
    let (_, second, two) = block_with(&h, "There are already many examples");
    assert_eq!(second, first + 1, "side by side");
    go_to(&mut h, doc, first);
    let start = chars_of(&one, "recognising", 0).start;
    let end = chars_of(&two, "many examples", 0).end;
    let (from, _) = ends_of(&h, doc, first, start..start + 1);
    let (_, to) = ends_of(&h, doc, second, end - 1..end);
    drag(&mut h, from, to);
    let tail: String = one.chars().skip(start).collect();
    let head: String = two.chars().take(end).collect();
    assert_eq!(h.state().selected_text(), Some(format!("{tail}\n\n{head}")));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    h.run();
    let made = h.state().notes().to_vec();
    assert_eq!(made.len(), 2, "a highlight on each paragraph's words");
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    // Quoted from the first word to the last: the full stop after it is not a word.
    assert_eq!(made[0].note.anchor.quote, flat(&tail).trim_end_matches('.'));
    assert_eq!(made[1].note.anchor.quote, flat(&head));
    assert!(made.iter().all(|r| r.note.anchor.phrase));

    // A double-click selects a word (both clicks in one frame: the harness's frames are
    // further apart than a double-click's).
    let (at, _) = ends_of(&h, doc, first, chars_of(&one, "significant", 0));
    for pressed in [true, false, true, false] {
        let event = button(at, PointerButton::Primary, pressed);
        h.input_mut().events.push(event);
    }
    h.step();
    h.run();
    assert_eq!(h.state().selected_text().as_deref(), Some("significant"));
}

#[test]
fn a_highlight_on_selected_words_is_saved_with_them_and_painted_only_over_them() {
    let notes = Scratch::new("phrase");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, block, text) = paragraph(&h, "5.2");
    go_to(&mut h, doc, block);
    // "an FGC" is twice in the paragraph: the second is selected.
    let second = chars_of(&text, "an FGC", 1);
    select(&mut h, doc, block, second.clone());
    assert_eq!(h.state().selected_text().as_deref(), Some("an FGC"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    h.run();
    assert_eq!(
        h.state().selected_text(),
        None,
        "the selection became the highlight"
    );

    // In the notes file: the words, and the words around them.
    let file = h.state().notes_file().expect("a notes file").to_path_buf();
    let saved = store::load(&file).expect("the notes file");
    assert_eq!(saved.notes.len(), 1);
    let anchor = &saved.notes[0].anchor;
    assert_eq!(saved.notes[0].kind, NoteKind::Highlight);
    assert!(anchor.phrase);
    assert_eq!(anchor.quote, "an FGC");
    assert!(
        anchor.before.ends_with("Services regardless of"),
        "{anchor:?}"
    );
    assert!(
        anchor.after.starts_with("taking place. 5.3 The learning"),
        "{anchor:?}"
    );
    h.run();
    assert_painted_over(&h, doc, block, second.clone());
    drop(h);

    // After a restart: the same words, painted again.
    let mut h = harness(SAMPLE_TEXT, &notes);
    let found = h.state().notes().to_vec();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].place.as_ref().map(|p| p.block), Some(block));
    go_to(&mut h, doc, block);
    assert_painted_over(&h, doc, block, second);
    drop(h);

    // A revised pack: a paragraph added above, a sentence added to this one.
    let revised = SAMPLE_TEXT
        .replacen(
            "3 Background and Information\n",
            "3 Background and Information\n\nA paragraph added to the corrected pack.\n",
            1,
        )
        .replacen(
            "5.2 Extensive work",
            "5.2 This paragraph was corrected. Extensive work",
            1,
        );
    let mut h = harness(&revised, &notes);
    let (doc, block, text) = paragraph(&h, "5.2");
    assert!(text.starts_with("This paragraph was corrected."));
    let found = h.state().notes().to_vec();
    let place = found[0].place.as_ref().expect("found again, not detached");
    assert_eq!((place.doc, place.block, place.exact), (doc, block, true));
    go_to(&mut h, doc, block);
    assert_painted_over(&h, doc, block, chars_of(&text, "an FGC", 1));
}

#[test]
fn the_note_keys_act_on_the_passage_clicked_not_the_top_of_the_view() {
    let notes = Scratch::new("clicked");
    let mut h = harness(SAMPLE_TEXT, &notes);
    let (doc, first, _) = paragraph(&h, "5.1");
    let (_, block, text) = paragraph(&h, "5.2");
    go_to(&mut h, doc, first);
    assert_eq!(h.state().reader_view().0, Anchor::Block(first));
    // A click in 5.2, below the top of the view.
    let (inside, _) = ends_of(&h, doc, block, chars_of(&text, "pilot", 0));
    click(&mut h, inside, PointerButton::Primary);
    assert_eq!(h.state().reader_view().0, Anchor::Block(first), "no scroll");
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    h.run();
    let made = h.state().notes().to_vec();
    assert_eq!(made.len(), 2);
    for r in &made {
        assert_eq!(
            r.place.as_ref().map(|p| p.block),
            Some(block),
            "{:?}",
            r.note
        );
        assert!(
            !r.note.anchor.phrase,
            "no words selected: the whole passage"
        );
        assert!(r.note.anchor.quote.starts_with("5.2 Extensive work"));
    }
    let kinds: Vec<NoteKind> = made.iter().map(|r| r.note.kind).collect();
    assert!(kinds.contains(&NoteKind::Bookmark) && kinds.contains(&NoteKind::Highlight));

    // Highlight has its key in the shortcut list (Help) and its item in the View menu.
    let keys: Vec<String> = meetpack_gui::shortcuts()
        .iter()
        .filter(|s| s.what.starts_with("Highlight"))
        .map(meetpack_gui::keys_label)
        .collect();
    assert_eq!(keys, vec!["Ctrl+Shift+H".to_string()]);
    h.get_by_label("View").click();
    h.run();
    // The item's label carries its shortcut.
    let item = h.get_by_label_contains("Highlight selection or passage");
    assert!(
        item.accesskit_node()
            .label()
            .unwrap_or_default()
            .contains("Ctrl+Shift+H"),
        "{:?}",
        item.accesskit_node().label()
    );
    item.click();
    h.run();
    assert_eq!(h.state().notes().len(), 3);
}

#[test]
fn a_note_on_selected_words_brings_up_the_notes_panel_when_it_has_yielded() {
    let notes = Scratch::new("yielded");
    let mut h = harness_at(SAMPLE_TEXT, &notes, 900.0);
    // Contents (open at start), Find in pack and Notes: at 900 px Notes yields to a tab.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    h.state_mut()
        .command(Command::Notes(NoteCommand::TogglePanel));
    h.step();
    h.run();
    if let Some(side) = h.state().peeked_panel() {
        h.state_mut().command(Command::PeekPanel(side));
        h.step();
        h.run();
    }
    assert!(h.state().yielded_panels().contains(&Side::Notes));
    assert_eq!(h.state().peeked_panel(), None);

    let (doc, block, text) = paragraph(&h, "5.2");
    go_to(&mut h, doc, block);
    let phrase = "a pilot taking place between May 2022";
    let chars = chars_of(&text, phrase, 0);
    select(&mut h, doc, block, chars.clone());
    // The menu on the selected words.
    let (from, to) = ends_of(&h, doc, block, chars);
    click(&mut h, from.lerp(to, 0.5), PointerButton::Secondary);
    assert!(h.query_by_label("The selected words").is_some());
    h.get_by_label("Add note…").click();
    h.run();
    h.get_by_label("Note")
        .type_text("Which areas after the pilot?");
    h.run();
    h.get_by_label("Save note").click();
    h.run();

    let made = h.state().notes().to_vec();
    assert_eq!(made.len(), 1);
    assert!(made[0].note.anchor.phrase);
    assert_eq!(made[0].note.anchor.quote, phrase);
    assert_eq!(
        h.state().peeked_panel(),
        Some(Side::Notes),
        "the panel is up"
    );
    // The words the note is on are underlined, a line under each row of them.
    let rows = h
        .state()
        .text_rects(doc, block, 0, chars_of(&text, phrase, 0));
    assert!(!rows.is_empty(), "the words are on screen");
    let lines: Vec<Rect> = h
        .output()
        .shapes
        .iter()
        .flat_map(|c| match &c.shape {
            Shape::Vec(shapes) => shapes.clone(),
            other => vec![other.clone()],
        })
        .filter_map(|s| match s {
            Shape::Rect(r) if (r.rect.height() - 2.0).abs() < 0.01 => Some(r.rect),
            _ => None,
        })
        .filter(|r| rows.iter().any(|w| (r.max - w.max).length() < 1.0))
        .collect();
    assert_eq!(lines.len(), rows.len(), "{lines:?} under {rows:?}");
    for (line, row) in lines.iter().zip(&rows) {
        assert!(
            (line.left() - row.left()).abs() < 1.0,
            "{line:?} under {row:?}"
        );
    }
    let shown = h.get_by_label("Which areas after the pilot?").rect();
    let window = Rect::from_min_size(Pos2::ZERO, vec2(900.0, 900.0));
    assert!(
        window.contains_rect(shown),
        "the new note is in view: {shown:?}"
    );
}

#[test]
fn a_note_is_edited_in_the_panel_and_the_edit_survives_a_restart() {
    let notes = Scratch::new("edit");
    let mut h = harness(SAMPLE_TEXT, &notes);
    h.get_by_label("Family Valued Programme").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    h.run();
    h.get_by_label("Note").type_text("Ask what FGC costs");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    let id = h.state().notes()[0].note.id.clone();

    // Another program adds a note to the same file meanwhile: the edit keeps it.
    let file = h.state().notes_file().expect("a notes file").to_path_buf();
    let pack = h.state().pack().expect("a pack").clone();
    let meeting = meetpack_core::notes::Meeting::of(&pack, None, SAMPLE_NAME);
    let anchor = meetpack_core::notes::Anchor::at_line(&pack, 257).expect("a passage");
    let other = meetpack_core::notes::Note::new(NoteKind::Note, "Added from the CLI", anchor);
    store::add(&file, &meeting, other.clone()).expect("add");

    // Cancel leaves the text as it was.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Edit the text")
        .set_text_value_accesskit("Not this");
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().notes()[0].note.text, "Ask what FGC costs");

    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Edit the text")
        .set_text_value_accesskit("Ask what FGC costs per family, and who pays");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let edited = "Ask what FGC costs per family, and who pays";
    assert_eq!(h.state().notes()[0].note.text, edited);
    assert!(
        h.query_by_label(edited).is_some(),
        "the panel shows the new text"
    );
    let on_disk = store::load(&file).expect("load");
    assert_eq!(on_disk.notes.len(), 2, "the other program's note is kept");
    let mine = on_disk.notes.iter().find(|n| n.id == id).expect("mine");
    assert_eq!(mine.text, edited);
    drop(h);

    let h = harness(SAMPLE_TEXT, &notes);
    let after = h.state().notes().to_vec();
    assert_eq!(after.len(), 2);
    assert_eq!(
        after
            .iter()
            .find(|r| r.note.id == id)
            .map(|r| r.note.text.as_str()),
        Some(edited)
    );
}
