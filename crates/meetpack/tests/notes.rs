//! `meetpack notes` driven as a user would, with a temporary data folder: a note added to
//! a pack is listed, follows its passage when the pack is revised (lines inserted above,
//! a word changed, a corrected copy at another path), and is kept, detached, with its
//! quote when the passage is deleted.

use serde_json::Value;

mod support;
use support::{Scratch, line_of, path};

const PACK: &str = "\
MINUTES of a meeting of the Planning Committee held at County Hall on Tuesday 3 March 2024

1. Apologies

There were no apologies for absence.

2. Library Budget

The committee considered a report on the library budget for the coming year, including the closure of two branch libraries and longer opening hours elsewhere.

Members asked whether the mobile library would continue to serve rural villages.

RESOLVED that the budget be approved.

3. Any other business

None raised.
";

#[test]
fn an_added_note_is_listed_with_its_line_quote_and_kind() {
    let s = Scratch::new("add");
    let pack = s.write("pack.txt", PACK);
    let line = line_of(PACK, "mobile library");
    let said = s.add(&pack, line, &["--text", "Ask which villages"]);
    assert!(said.starts_with("added note "), "{said}");
    s.add(&pack, line_of(PACK, "RESOLVED"), &["--bookmark"]);
    let notes = s.list(&pack);
    assert_eq!(notes.len(), 2);
    let note = &notes[0];
    assert_eq!(note["text"], "Ask which villages");
    assert_eq!(note["kind"], "note");
    assert_eq!(note["line"], line);
    assert_eq!(note["detached"], false);
    assert_eq!(
        note["quote"],
        "Members asked whether the mobile library would continue to serve rural villages."
    );
    assert!(note["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(notes[1]["kind"], "bookmark");
    assert_eq!(notes[1]["line"], line_of(PACK, "RESOLVED"));

    // The file is plain JSON Lines, named after the meeting, in the data folder.
    let file = s.0.join("data/notes/2024-03-03_planning-committee.jsonl");
    let text = std::fs::read_to_string(&file).expect("the notes file");
    assert_eq!(text.lines().count(), 3, "a header and two notes: {text}");
    for line in text.lines() {
        serde_json::from_str::<Value>(line).expect("each line is JSON");
    }
}

#[test]
fn a_revised_pack_puts_the_note_back_on_its_passage_at_its_new_line() {
    let s = Scratch::new("revise");
    let pack = s.write("pack.txt", PACK);
    s.add(
        &pack,
        line_of(PACK, "closure of two"),
        &["--text", "Which branches?"],
    );
    s.add(&pack, line_of(PACK, "mobile library"), &["--highlight"]);

    // A corrected pack: a paragraph and a minute inserted above, a word changed in the
    // noted paragraph, lines re-wrapped.
    let revised = PACK
        .replace(
            "1. Apologies",
            "0. Declarations of interest\n\nCouncillor Smith declared an interest in item 2.\n\nA second paragraph was added.\n\n1. Apologies",
        )
        .replace("closure of two branch", "closure of three branch")
        .replace("continue to serve rural villages.", "continue to serve\nrural villages.");
    std::fs::write(&pack, &revised).expect("revise");
    let notes = s.list(&pack);
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["text"], "Which branches?");
    assert_eq!(notes[0]["line"], line_of(&revised, "closure of three"));
    assert_eq!(notes[0]["detached"], false);
    assert_eq!(notes[1]["kind"], "highlight");
    assert_eq!(notes[1]["line"], line_of(&revised, "mobile library"));
    assert!(notes[1]["line"].as_u64() > Some(u64::from(line_of(PACK, "mobile library"))));
}

#[test]
fn a_corrected_copy_elsewhere_of_the_same_meeting_finds_the_notes() {
    let s = Scratch::new("copy");
    let pack = s.write("pack.txt", PACK);
    s.add(
        &pack,
        line_of(PACK, "mobile library"),
        &["--text", "Villages"],
    );
    let corrected = s.write(
        "pack-corrected-v2.txt",
        &PACK.replace(
            "None raised.",
            "None raised.\n\nThe meeting ended at 8.15 pm.",
        ),
    );
    let notes = s.list(&corrected);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["text"], "Villages");

    // Another meeting (another date) does not see them.
    let other = s.write("other.txt", &PACK.replace("3 March 2024", "4 April 2024"));
    assert!(s.list(&other).is_empty());
}

#[test]
fn a_pack_without_a_meeting_is_keyed_by_its_path() {
    let s = Scratch::new("path");
    let text = "Some notes on the budget\n\nThe budget for parks is rising sharply this year.\n";
    let pack = s.write("loose.txt", text);
    s.add(&pack, 3, &["--text", "Why?"]);
    assert_eq!(s.list(&pack).len(), 1);
    // The same file, revised in place, keeps them; the same bytes at another path (a file
    // moved or renamed) find them by their fingerprint; other text elsewhere does not.
    std::fs::write(&pack, format!("Preface\n\n{text}")).expect("revise");
    assert_eq!(s.list(&pack)[0]["line"], 5);
    let moved = s.write("moved.txt", text);
    assert_eq!(s.list(&moved).len(), 1);
    let elsewhere = s.write("copy.txt", &format!("{text}\nAnother paragraph.\n"));
    assert!(s.list(&elsewhere).is_empty());
}

/// Issue 19: a pack's notes are found by what it is. Seed 000 is Coventry's whole pack: a
/// copy naming another council (same committee, same date) lists none of its notes; the
/// same file with its committee line reworded lists them; moved, it still does.
#[test]
fn another_councils_pack_never_lists_the_notes_and_a_reworded_one_does() {
    let s = Scratch::new("identity");
    let seed = include_str!("../../../seeds/000_4a9d1e279dbb7497.txt");
    let pack = s.write("coventry.txt", seed);
    let at = line_of(seed, "Family Valued Programme");
    s.add(&pack, at, &["--text", "Ask about referrals"]);
    assert_eq!(s.list(&pack).len(), 1);

    let warwick = seed.replace("Coventry City Council", "Warwick District Council");
    assert_ne!(warwick, seed, "the seed names its council");
    let other = s.write("warwick.txt", &warwick);
    assert!(
        s.list(&other).is_empty(),
        "another council's pack lists none"
    );
    let said = s.ok(&["notes", "list", path(&other)]);
    assert!(said.starts_with("No notes"), "{said}");
    // Nor when it replaces Coventry's file at the same path.
    let replaced = s.write("replaced.txt", seed);
    assert_eq!(s.list(&replaced).len(), 1, "the same bytes elsewhere");
    std::fs::write(&replaced, &warwick).expect("replace");
    assert!(s.list(&replaced).is_empty());

    let committee = "Education and Children's Services Scrutiny Board (2)";
    let reworded = seed.replacen(
        committee,
        "Scrutiny Board 2: Education and Children's Services",
        1,
    );
    assert_ne!(reworded, seed);
    std::fs::write(&pack, &reworded).expect("reword");
    let notes = s.list(&pack);
    assert_eq!(
        notes.len(),
        1,
        "the reworded pack at the same path finds its notes"
    );
    assert_eq!(notes[0]["text"], "Ask about referrals");
    assert_eq!(notes[0]["detached"], false);
    assert_eq!(notes[0]["line"], at);

    // Reworded and then moved: found by the fingerprint recorded when it was listed.
    let moved_dir = s.0.join("moved");
    std::fs::create_dir_all(&moved_dir).expect("folder");
    let moved = moved_dir.join("renamed.txt");
    std::fs::rename(&pack, &moved).expect("move");
    assert_eq!(s.list(&moved).len(), 1);
    // And the other council's copy still lists none.
    assert!(s.list(&other).is_empty());
}

/// Issue 19: a note made in a meeting's supplement, then the meeting's main pack opened: it
/// is listed as in another pack of this meeting (with that pack's path), not detached.
#[test]
fn a_note_made_in_the_supplement_is_in_another_pack_in_the_main_pack() {
    let s = Scratch::new("supplement");
    let seed = include_str!("../../../seeds/000_4a9d1e279dbb7497.txt");
    let late = "The late paper on home to school transport sets out three options for next year.";
    let supplement = s.write("supplement.txt", &format!("{seed}\n\n{late}\n"));
    let supplement_text = std::fs::read_to_string(&supplement).expect("read");
    s.add(
        &supplement,
        line_of(&supplement_text, late),
        &["--text", "Which option?"],
    );
    let main = s.write("main.txt", seed);
    let notes = s.list(&main);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["detached"], false);
    assert_eq!(notes[0]["line"], Value::Null);
    let other = notes[0]["other_pack"].as_str().expect("the other pack");
    assert!(other.ends_with("supplement.txt"), "{other}");
    let said = s.ok(&["notes", "list", path(&main)]);
    assert!(
        said.contains("elsewhere") && said.contains("in another pack of this meeting"),
        "{said}"
    );
    assert!(!said.contains("detached"), "{said}");
    // In the supplement itself it is on its passage.
    assert_eq!(s.list(&supplement)[0]["other_pack"], Value::Null);
}

#[test]
fn a_deleted_passage_leaves_the_note_detached_with_its_quote() {
    let s = Scratch::new("delete");
    let pack = s.write("pack.txt", PACK);
    s.add(
        &pack,
        line_of(PACK, "mobile library"),
        &["--text", "Ask about buses too"],
    );
    let revised = PACK.replace(
        "Members asked whether the mobile library would continue to serve rural villages.\n\n",
        "",
    );
    std::fs::write(&pack, revised).expect("revise");
    let notes = s.list(&pack);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["detached"], true);
    assert_eq!(notes[0]["line"], Value::Null);
    assert_eq!(notes[0]["text"], "Ask about buses too");
    assert!(
        notes[0]["quote"]
            .as_str()
            .is_some_and(|q| q.contains("mobile library"))
    );
    let listed = s.ok(&["notes", "list", path(&pack)]);
    assert!(listed.contains("detached"), "{listed}");
}

#[test]
fn export_prints_notes_in_reading_order_with_place_and_quote_html_escaped() {
    let s = Scratch::new("export");
    let pack = s.write("pack.txt", PACK);
    s.add(
        &pack,
        line_of(PACK, "RESOLVED"),
        &["--text", "Vote <against> & explain"],
    );
    s.add(
        &pack,
        line_of(PACK, "no apologies"),
        &["--text", "Check attendance"],
    );
    let md = s.ok(&["notes", "export", path(&pack), "--format", "md"]);
    let first = md.find("Check attendance").expect("first note");
    let second = md.find("Vote").expect("second note");
    assert!(first < second, "reading order:\n{md}");
    assert!(
        md.contains("> There were no apologies for absence."),
        "{md}"
    );
    assert!(md.contains("(minutes), line"), "the paper is named: {md}");
    assert!(
        md.contains("Vote \\<against\\> & explain"),
        "markup escaped: {md}"
    );
    let html = s.ok(&["notes", "export", path(&pack), "--format", "html"]);
    assert!(
        html.contains("Vote &lt;against&gt; &amp; explain"),
        "{html}"
    );
    assert!(!html.contains("<against>"));
    assert!(html.contains("RESOLVED that the budget be approved."));
}

#[test]
fn bad_requests_get_a_message_and_exit_code_2() {
    let s = Scratch::new("bad");
    let pack = s.write("pack.txt", PACK);
    let cases: [(&[&str], &str); 3] = [
        (&["notes", "list", "/nonexistent/pack.txt"], "cannot read"),
        (
            &["notes", "add", path(&pack), "--at", "999", "--text", "x"],
            "after the last passage",
        ),
        (&["notes", "add", path(&pack), "--at", "3"], "needs --text"),
    ];
    for (args, says) in cases {
        let out = s.meetpack(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
}

/// `meetpack export --notes` prints the user's notes after their passage, read from the
/// same store `notes add` writes; without `--notes` the export has none.
#[test]
fn export_with_notes_carries_the_notes_of_the_meeting() {
    let s = Scratch::new("export-with-notes");
    let pack = s.write("pack.txt", PACK);
    s.add(
        &pack,
        line_of(PACK, "mobile library"),
        &["--text", "Ask which villages lose the service"],
    );
    let with = s.ok(&[
        "export",
        path(&pack),
        "--format",
        "md",
        "--notes",
        "-o",
        "-",
    ]);
    let without = s.ok(&["export", path(&pack), "--format", "md", "-o", "-"]);
    assert!(
        with.contains("Ask which villages lose the service"),
        "{with}"
    );
    assert!(!without.contains("Ask which villages"), "{without}");
    // The note follows its passage, not the end of the document.
    let passage = with
        .find("mobile library")
        .expect("the passage is exported");
    let note = with
        .find("Ask which villages")
        .expect("the note is exported");
    let next = with.find("RESOLVED").expect("the next block is exported");
    assert!(passage < note && note < next, "{with}");

    // The meeting's pack re-issued without that passage: the note is detached, and the
    // export still prints it, last, with the passage it quotes.
    let revised = s.write(
        "revised.txt",
        &PACK.replace(
            "Members asked whether the mobile library would continue to serve rural villages.\n",
            "",
        ),
    );
    let md = s.ok(&[
        "export",
        path(&revised),
        "--format",
        "md",
        "--notes",
        "-o",
        "-",
    ]);
    let heading = md
        .find("Notes whose passage is no longer in this pack")
        .expect("a section for detached notes");
    let note = md.find("Ask which villages").expect("the detached note");
    assert!(heading < note, "{md}");
    assert!(
        md.contains("mobile library would continue"),
        "its quote: {md}"
    );
}

/// Two `meetpack notes add` running at once, 40 notes each: the lock around
/// read-merge-write keeps all 80 (without it, one writer's file replaced the other's).
#[test]
fn two_writers_at_once_keep_every_note() {
    let s = Scratch::new("two-writers");
    let pack = s.write("pack.txt", PACK);
    let line = line_of(PACK, "mobile library");
    std::thread::scope(|scope| {
        for w in 0..2 {
            let (s, pack) = (&s, &pack);
            scope.spawn(move || {
                for i in 0..40 {
                    let text = format!("writer {w} note {i}");
                    s.add(pack, line, &["--text", &text]);
                }
            });
        }
    });
    let notes = s.list(&pack);
    assert_eq!(notes.len(), 80);
    let texts: std::collections::HashSet<&str> =
        notes.iter().filter_map(|n| n["text"].as_str()).collect();
    for w in 0..2 {
        for i in 0..40 {
            assert!(texts.contains(format!("writer {w} note {i}").as_str()));
        }
    }
}

/// Issue 19: a notes file that is not a notes file (here not UTF-8 at all) is not written
/// over: `notes add` says so and exits 2, and the file is as it was.
#[test]
fn a_notes_file_that_cannot_be_read_is_never_written_over() {
    let s = Scratch::new("unusable");
    let pack = s.write("pack.txt", PACK);
    let file = s.0.join("data/notes/2024-03-03_planning-committee.jsonl");
    std::fs::create_dir_all(file.parent().expect("folder")).expect("notes folder");
    let garbage: &[u8] = b"\xff\xfe\x00n\x00o\x00t\x00\xc3\x28\n\x80\x81";
    std::fs::write(&file, garbage).expect("seed");
    let line = line_of(PACK, "mobile library").to_string();
    let out = s.meetpack(&["notes", "add", path(&pack), "--at", &line, "--text", "Ask"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not UTF-8 text") && err.contains("left as it is"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), garbage);
}

#[test]
fn a_note_is_edited_and_deleted_by_its_id() {
    let s = Scratch::new("edit-delete");
    let pack = s.write("pack.txt", PACK);
    s.add(&pack, line_of(PACK, "mobile library"), &["--text", "Ask"]);
    s.add(&pack, line_of(PACK, "RESOLVED"), &["--bookmark"]);
    let notes = s.list(&pack);
    let note = notes[0]["id"].as_str().expect("id").to_string();
    let bookmark = notes[1]["id"].as_str().expect("id").to_string();

    let said = s.ok(&[
        "notes",
        "edit",
        path(&pack),
        "--id",
        &note,
        "--text",
        "Asked: yes",
    ]);
    assert!(said.starts_with(&format!("edited note {note}")), "{said}");
    let notes = s.list(&pack);
    assert_eq!(notes[0]["text"], "Asked: yes");
    assert_eq!(notes[0]["id"], note.as_str());
    assert_eq!(notes[0]["line"], line_of(PACK, "mobile library"));

    // A note cannot be emptied; a bookmark can be given text and have it taken away.
    let out = s.meetpack(&["notes", "edit", path(&pack), "--id", &note, "--text", " "]);
    assert_eq!(out.status.code(), Some(2));
    s.ok(&[
        "notes",
        "edit",
        path(&pack),
        "--id",
        &bookmark,
        "--text",
        "Back here",
    ]);
    assert_eq!(s.list(&pack)[1]["text"], "Back here");

    let said = s.ok(&["notes", "delete", path(&pack), "--id", &bookmark]);
    assert!(
        said.starts_with(&format!("deleted bookmark {bookmark}")),
        "{said}"
    );
    let notes = s.list(&pack);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["id"], note.as_str());

    // An id that is not there: a message naming it, exit 2, nothing changed.
    for args in [
        vec!["notes", "delete", path(&pack), "--id", &bookmark],
        vec!["notes", "edit", path(&pack), "--id", "nope", "--text", "x"],
    ] {
        let out = s.meetpack(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("no note") && err.contains("notes list"),
            "{err}"
        );
    }
    assert_eq!(s.list(&pack).len(), 1);
}

/// Issue 19: a notes file written before the index (named `<date>_<committee>.jsonl`, its
/// header without a council) is still found by the pack that made it, and not by another
/// council's copy of the same committee and date.
#[test]
fn an_old_notes_file_is_found_by_its_pack_and_not_by_another_council() {
    let s = Scratch::new("legacy");
    let seed = include_str!("../../../seeds/000_4a9d1e279dbb7497.txt");
    let pack = s.write("coventry.txt", seed);
    let canonical = std::fs::canonicalize(&pack).expect("canonical");
    let notes = s.0.join("data/notes");
    std::fs::create_dir_all(&notes).expect("notes folder");
    let header = serde_json::json!({"meetpack_notes": 1,
        "committee": "Education and Children's Services Scrutiny Board (2)",
        "date": "2023-12-21", "pack": path(&canonical)});
    let at = line_of(seed, "Family Valued Programme");
    let note = format!(
        r#"{{"id":"old1","kind":"note","text":"Written last year","created":"2025-12-01T09:00:00Z","anchor":{{"line":{at},"quote":"4. **Family Valued Programme** (Pages 11 - 16)","before":"","after":""}}}}"#
    );
    let old = notes.join("2023-12-21_education-and-childrens-services-scrutiny-board-2.jsonl");
    std::fs::write(&old, format!("{header}\n{note}\n")).expect("old file");

    let warwick = s.write(
        "warwick.txt",
        &seed.replace("Coventry City Council", "Warwick District Council"),
    );
    assert!(s.list(&warwick).is_empty(), "another council's copy");
    let listed = s.list(&pack);
    assert_eq!(listed.len(), 1, "the pack that made it");
    assert_eq!(listed[0]["text"], "Written last year");
    // A new note goes into that same file, whose header now names the council.
    s.add(&pack, at, &["--text", "And this year"]);
    let text = std::fs::read_to_string(&old).expect("the old file");
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("\"council\":\"Coventry City Council\"")
    );
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(s.list(&warwick).is_empty(), "still not another council's");
}

/// Issue 21, pages everywhere: a note on a PDF pack is listed by the page printed on the
/// paper as well as the line `--at` takes.
#[test]
fn a_pdf_packs_notes_are_listed_by_page() {
    let s = Scratch::new("pdf-pages");
    let kent = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/corpus/pdf/24_kent-cc-full-council-2025-01-09_item3-supplement-pack.pdf");
    s.ok(&[
        "notes",
        "add",
        path(&kent),
        "--at",
        "119",
        "--text",
        "Ask about the timetable",
    ]);
    let listed = s.ok(&["notes", "list", path(&kent)]);
    assert!(listed.contains("page 2 · L119"), "{listed}");
    let exported = s.ok(&["notes", "export", path(&kent)]);
    assert!(exported.contains("(briefing note), page 2"), "{exported}");
}
