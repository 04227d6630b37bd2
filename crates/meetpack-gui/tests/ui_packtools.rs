//! The pack tools driven headless through AccessKit, as a user would: find in pack, a
//! cross-reference followed, the Decisions window, a table sorted by a column.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_core::model::{BlockKind, DocKind};
use meetpack_gui::{Anchor, MeetPackApp};

fn sample() -> Harness<'static, MeetPackApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        // The reader measures items on their first frame and settles on the next few.
        .with_max_steps(30)
        .build_eframe(move |_cc| MeetPackApp::with_sample());
    h.run();
    h
}

/// The block index of the minutes paragraph that starts with `start`.
fn minutes_block(
    h: &Harness<'_, MeetPackApp>,
    start: &str,
) -> (meetpack_core::model::DocId, usize) {
    let pack = h.state().pack().expect("a pack");
    let minutes = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::Minutes)
        .expect("the sample has minutes");
    let b = minutes
        .blocks
        .iter()
        .position(|b| match &b.kind {
            BlockKind::Paragraph { text } => text.to_plain().starts_with(start),
            _ => false,
        })
        .expect("the paragraph");
    (minutes.id, b)
}

#[test]
fn find_in_pack_lists_matches_and_a_click_opens_the_place() {
    let mut h = sample();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    h.run();
    assert_eq!(
        h.state().find_matches(),
        0,
        "Ctrl+Shift+F is not the document's Find"
    );
    h.get_by_label("Find in pack:")
        .type_text("further to minute 15");
    h.run();
    assert_eq!(h.state().find_pack_hits(), 1);
    assert!(h.query_by_label_contains("1 match").is_some());

    h.get_by_label_contains("Further to Minute 15 above")
        .click();
    h.run();
    let (doc, block) = minutes_block(&h, "Further to Minute 15 above");
    let here = h.state().current_location().expect("a place");
    assert_eq!(here.doc, doc);
    assert_eq!(here.anchor, Anchor::Block(block));
    // The whole paragraph is on screen in the reader, not only the hit's context.
    assert!(
        h.query_by_label_contains("which set out the personal and commercially confidential")
            .is_some()
    );
    // And the match is marked there: the reader's Find holds the query's text (one match,
    // not each of its words, "to" among them, wherever they stand).
    assert_eq!(
        h.state().find_matches(),
        1,
        "the match is marked in the reader"
    );
    h.get_by_label("⏴ Back").click();
    h.run();
    assert_eq!(
        h.state().current_doc().map(|d| d.0),
        Some(0),
        "back on the front sheet"
    );
}

#[test]
fn a_cross_reference_opens_its_target_and_back_returns() {
    let mut h = sample();
    let (doc, block) = minutes_block(&h, "Further to Minute 15 above");
    h.state_mut()
        .command(meetpack_gui::Command::Go(meetpack_gui::Location {
            doc,
            anchor: Anchor::Block(block),
        }));
    // A command from outside the frame asks for no repaint: step until the reader
    // has drawn and measured the minutes.
    h.run_steps(5);
    let paragraph = h.get_by_label_contains("Further to Minute 15 above").rect();
    // "Minute 15 above" starts after "Further to ": click inside it, as a user would.
    let at = paragraph.left_top() + egui::vec2(110.0, 8.0);
    h.event(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run();
    let pack = h.state().pack().expect("pack");
    let minutes = pack.document(doc).expect("minutes");
    let minute15 = minutes
        .minutes
        .as_ref()
        .and_then(|m| m.items.iter().find(|i| i.number == "15"))
        .expect("minute 15");
    let here = h.state().current_location().expect("a place");
    let Anchor::Block(b) = here.anchor else {
        panic!("the reader is at a block, not {:?}", here.anchor);
    };
    assert_eq!(here.doc, doc);
    assert_eq!(minutes.blocks[b].lines.first(), minute15.lines.first());
    assert!(h.query_by_label("Exclusion of Press and Public").is_some());

    h.get_by_label("⏴ Back").click();
    h.run();
    assert_eq!(h.state().current_doc(), Some(doc));
    assert!(
        h.query_by_label_contains("Further to Minute 15 above")
            .is_some(),
        "back where the reference was"
    );
}

#[test]
fn the_decisions_window_shows_the_minutes_decisions_by_item() {
    let mut h = sample();
    h.get_by_label("Decisions").click();
    h.run();
    let (asks, decisions) = h.state_mut().decisions_shown().expect("the window is open");
    assert_eq!((asks, decisions), (5, 7));
    assert!(h.query_by_label("5 asks, 7 decisions").is_some());
    assert!(h.query_by_label("Item 3 Minutes").is_some());
    assert!(
        h.query_by_label("Minute 15 Exclusion of Press and Public")
            .is_some()
    );
    // A decision is a link to its place in the minutes.
    h.get_by_label_contains("RESOLVED that the Board agrees to exclude the press")
        .click();
    h.run();
    let pack = h.state().pack().expect("pack");
    let here = h.state().current_location().expect("a place");
    assert_eq!(
        pack.document(here.doc).map(|d| d.kind),
        Some(DocKind::Minutes)
    );
}

#[test]
fn a_table_sorts_by_a_column_and_back() {
    let mut h = sample();
    h.get_by_label("Family Valued Programme").click();
    h.run();
    // Tables are listed under the paper's "Tables" group, closed until opened.
    h.get_by_label_contains("⊞ Tables").click();
    h.run();
    h.get_by_label("⊞ Table 1: FGC Referrals").click();
    h.run();
    // The rows' order on screen, read from their conversion rates (cells found once in
    // the document, unlike the years, which another table repeats): 2020/21 50%,
    // 2021/22 52%, 2022/23 40%.
    let rows = |h: &Harness<'_, MeetPackApp>| -> Vec<String> {
        let years = [("50%", "2020/21"), ("52%", "2021/22"), ("40%", "2022/23")];
        let mut rows: Vec<(f32, String)> = years
            .into_iter()
            .filter_map(|(rate, y)| {
                h.query_by_label(rate)
                    .map(|n| (n.rect().top(), y.to_string()))
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, y)| y).collect()
    };
    let original = rows(&h);
    assert_eq!(original, ["2020/21", "2021/22", "2022/23"]);
    // FGC Referrals: 230, 333, 570 (and 255 for April–September 2023), as numbers.
    h.get_by_label("FGC Referrals").click();
    h.run();
    assert!(h.query_by_label("FGC Referrals ⏶").is_some(), "ascending");
    assert_eq!(rows(&h), ["2020/21", "2021/22", "2022/23"]);
    h.get_by_label("FGC Referrals ⏶").click();
    h.run();
    assert!(h.query_by_label("FGC Referrals ⏷").is_some(), "descending");
    assert_eq!(rows(&h), ["2022/23", "2021/22", "2020/21"]);
    h.get_by_label("FGC Referrals ⏷").click();
    h.run();
    assert!(h.query_by_label("FGC Referrals").is_some(), "no arrow");
    assert_eq!(
        rows(&h),
        original,
        "a third click restores the document's order"
    );
}

#[test]
fn the_places_to_check_are_counted_listed_and_each_opens_its_place() {
    let mut h = sample();
    let count = h.state().pack().expect("a pack").diagnostics.len();
    assert!(count > 0, "the sample pack has places the parser doubted");
    h.get_by_label(&format!("⚠ {count} places to check"))
        .click();
    h.run();
    assert!(h.state().diagnostics_shown());
    // Each is listed with its message; the minutes' duplicated number is one of them.
    assert!(h.query_by_label("two minutes numbered 16").is_some());
    // Its place is a link (a text pack names lines): it opens the second minute 16.
    let pack = h.state().pack().expect("a pack");
    let duplicate = pack
        .diagnostics
        .iter()
        .find(|d| d.message == "two minutes numbered 16")
        .expect("the diagnostic");
    let first = duplicate.lines.first();
    let minutes = pack
        .documents
        .iter()
        .find(|d| d.kind == DocKind::Minutes && d.lines.contains(first))
        .expect("the minutes hold it")
        .id;
    h.get_by_label(&format!("lines {first}–{}", duplicate.lines.last()))
        .click();
    h.run();
    let here = h.state().current_location().expect("a place");
    assert_eq!(here.doc, minutes);
    assert_ne!(
        here.anchor,
        Anchor::Top,
        "the place itself, not the minutes' top"
    );
}
