//! The library's answers in the viewer (issue 8), driven headless through AccessKit over a
//! library of copies of the seeds: the Last time card on a seed's paper (and a click on
//! the earlier paper it lists), the People window, Compare, and Decisions across meetings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use meetpack_core::library::{DocRef, Library, LibraryPaths, UpdateOptions};
use meetpack_gui::{AnswerCommand, Command, MeetPackApp};

/// A library of copies of the seeds in a scratch folder, removed when dropped.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!(
            "meetpack-library-panels-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("packs")).unwrap();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds")).unwrap()
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, root.join("packs").join(path.file_name().unwrap())).unwrap();
            }
        }
        let s = Scratch { root };
        let mut lib = Library::open(s.paths()).unwrap();
        lib.add_folders(&[s.root.join("packs")]).unwrap();
        lib.update(UpdateOptions::default(), &mut |_, _| {})
            .unwrap();
        s
    }

    fn paths(&self) -> LibraryPaths {
        LibraryPaths::at(self.root.join("index.sqlite3"))
    }

    /// The copy of the seed whose name starts with `prefix`, as the index names it.
    fn pack(&self, prefix: &str) -> PathBuf {
        let p = std::fs::read_dir(self.root.join("packs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::canonicalize(p).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The app on the sample, using the scratch library.
fn harness(s: &Scratch) -> Harness<'static, MeetPackApp> {
    let mut app = MeetPackApp::with_sample();
    app.set_library_paths(s.paths());
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.step();
    h
}

/// Steps frames until `done` holds, at most `steps` frames; the worker and the loader are
/// real threads, so each frame yields a little time to them.
fn step_until(
    h: &mut Harness<'_, MeetPackApp>,
    steps: usize,
    done: impl Fn(&MeetPackApp) -> bool,
) -> bool {
    for _ in 0..steps {
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    done(h.state())
}

fn open(h: &mut Harness<'_, MeetPackApp>, path: &Path) {
    h.state_mut().command(Command::OpenPath(path.to_path_buf()));
    h.step();
    let path = path.to_path_buf();
    assert!(
        step_until(h, 2000, |a| !a.is_loading()
            && a.path() == Some(path.as_path())),
        "{} did not open",
        path.display()
    );
    h.step();
}

fn current_title(h: &Harness<'_, MeetPackApp>) -> String {
    let app = h.state();
    app.current_doc()
        .and_then(|id| app.pack()?.document(id))
        .map(|d| d.title.clone())
        .unwrap_or_default()
}

#[test]
fn last_time_card_lists_the_earlier_paper_and_minute_and_opens_them() {
    let s = Scratch::new("lasttime");
    let mut h = harness(&s);
    // March 2022: item 6, Children's Services Continuous Improvement Progress.
    open(&mut h, &s.pack("004"));
    let index = h
        .state()
        .pack()
        .unwrap()
        .agenda
        .iter()
        .position(|a| a.number == "6")
        .expect("item 6");
    h.state_mut().command(Command::OpenAgendaItem(index));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.last_time_of(index).is_some()),
        "the Last time card never arrived"
    );
    h.step();
    h.step();
    let lt = h.state().last_time_of(index).unwrap().clone();
    let earlier = lt.earlier.first().expect("an earlier paper").clone();
    assert_eq!(earlier.meeting_date.as_deref(), Some("2020-01-09"));
    let minute = lt
        .minutes
        .iter()
        .find(|m| m.date.as_deref() == Some("2019-11-28"))
        .expect("the 2019 minute")
        .clone();
    // On screen: the card's heading, the earlier paper and the minute with a decision.
    assert!(h.query_by_label_contains("Last time: ").is_some());
    let paper_label = format!("Item 6: {}", earlier.title);
    assert!(
        h.query_by_label_contains(&paper_label).is_some(),
        "no link to the earlier paper ({paper_label})"
    );
    let minute_label = format!("Minute {}: {}", minute.number, minute.title);
    assert!(
        h.query_by_label_contains(&minute_label).is_some(),
        "no link to the minute ({minute_label})"
    );
    assert!(h.query_by_label_contains(&minute.decisions[0]).is_some());
    // The card is extra: the paper's header and asks are still drawn below it.
    let asks = {
        let app = h.state();
        let doc = app
            .pack()
            .unwrap()
            .document(app.current_doc().unwrap())
            .unwrap();
        doc.note.as_ref().unwrap().recommendations.clone()
    };
    assert!(!asks.is_empty());
    for ask in &asks {
        assert!(
            h.query_by_label_contains(ask).is_some(),
            "{ask} is not drawn"
        );
    }

    // A click opens the 2020 pack at the earlier paper.
    h.get_by_label_contains(&paper_label).click();
    let file = PathBuf::from(&earlier.file);
    assert!(
        step_until(&mut h, 2000, |a| !a.is_loading()
            && a.path() == Some(file.as_path())
            && a.current_doc().is_some_and(
                |d| Some(format!("d{}", d.0)) == earlier.document_id
            )),
        "the earlier paper did not open: at {:?} of {:?}",
        h.state().current_location(),
        h.state().path()
    );
    h.step();
    assert_eq!(
        h.state().pack().unwrap().meta.date.as_deref(),
        Some("2020-01-09")
    );
    assert!(
        current_title(&h).contains("Improvement"),
        "{}",
        current_title(&h)
    );
}

#[test]
fn people_window_lists_an_attendee_with_their_meetings_and_interests() {
    let s = Scratch::new("people");
    let mut h = harness(&s);
    // The command the Library menu's "People…" pushes (the menu's label is not unique once
    // the toolbar has a Library button too).
    h.state_mut()
        .command(Command::Answers(AnswerCommand::ShowPeople));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.library_people().is_some()),
        "the people never arrived"
    );
    h.step();
    let people = h.state().library_people().unwrap().to_vec();
    let thomas = people
        .iter()
        .find(|p| p.name.ends_with("Thomas"))
        .expect("Councillor Thomas");
    assert!(thomas.meetings.len() >= 3, "{thomas:?}");
    // The list shows a screenful: the filter box finds him.
    h.get_by_label("Name:").click();
    h.run();
    h.get_by_label("Name:").type_text("Thomas");
    h.run();
    let row = format!("{}  ({} meetings)", thomas.name, thomas.meetings.len());
    h.get_by_label(&row).click();
    h.step();
    h.step();
    let attended = thomas
        .meetings
        .iter()
        .filter(|m| m.role != "apologies")
        .count();
    assert!(
        h.query_by_label(&format!("Meetings attended ({attended})"))
            .is_some()
    );
    assert!(h.query_by_label_contains("2023-11-23").is_some());
    // A member who declared an interest (seeds/000, November 2023).
    let tucker = people
        .iter()
        .find(|p| p.name.ends_with("Tucker"))
        .expect("Councillor Tucker");
    assert_eq!(tucker.declarations.len(), 1, "{tucker:?}");
    h.get_by_label("Name:").click();
    h.run();
    for _ in 0.."Thomas".len() {
        h.key_press(egui::Key::Backspace);
    }
    h.get_by_label("Name:").type_text("Tucker");
    h.run();
    let row = match tucker.meetings.len() {
        1 => format!("{}  (1 meeting)", tucker.name),
        n => format!("{}  ({n} meetings)", tucker.name),
    };
    h.get_by_label(&row).click();
    h.step();
    h.step();
    assert!(h.query_by_label("Declarations of interest (1)").is_some());
    assert!(
        h.query_by_label_contains("members of the Fostering Panel")
            .is_some()
    );
}

#[test]
fn compare_of_the_note_alone_and_in_its_pack_shows_no_changes() {
    let s = Scratch::new("compare");
    let note = s.pack("003");
    // Which document of the 2022 pack is the note: the library's own answer.
    let found = Library::open(s.paths())
        .unwrap()
        .compare(&note.to_string_lossy(), None)
        .unwrap();
    let index = |id: &str| id.trim_start_matches('d').parse::<u32>().unwrap();
    let a = DocRef {
        file: found.a.file.clone(),
        doc_index: index(&found.a.document_id),
    };
    let b = DocRef {
        file: found.b.file.clone(),
        doc_index: index(&found.b.document_id),
    };
    assert_eq!(PathBuf::from(&b.file), s.pack("004"));
    let mut h = harness(&s);
    h.state_mut()
        .command(Command::Answers(AnswerCommand::Compare(a, b)));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.library_compare().is_some()),
        "the comparison never arrived"
    );
    h.step();
    let cmp = h.state().library_compare().unwrap().clone();
    let changes = cmp.paragraphs.iter().filter(|p| p.change != "same").count();
    // The same paper: at most a few paragraphs differ (page furniture of the pack).
    assert!(
        changes * 10 <= cmp.paragraphs.len(),
        "{changes} of {} differ",
        cmp.paragraphs.len()
    );
    let summary = if changes == 0 {
        format!("No changes: the same {} paragraphs", cmp.paragraphs.len())
    } else {
        format!("{} unchanged (", cmp.paragraphs.len() - changes)
    };
    eprintln!(
        "{changes} of {} paragraphs differ: {:#?}",
        cmp.paragraphs.len(),
        cmp.paragraphs
            .iter()
            .filter(|p| p.change != "same")
            .collect::<Vec<_>>()
    );
    assert!(
        h.query_by_label_contains(&summary).is_some(),
        "no summary {summary:?}"
    );
    assert!(h.query_by_label_contains("unchanged paragraph").is_some());
}

#[test]
fn decisions_window_lists_decisions_of_several_meetings_and_opens_one() {
    let s = Scratch::new("decisions");
    let mut h = harness(&s);
    // The command the Library menu's "Decisions across meetings…" pushes (the menu's label is not unique once
    // the toolbar has a Library button too).
    h.state_mut()
        .command(Command::Answers(AnswerCommand::ShowDecisions));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.library_decisions().is_some()),
        "the decisions never arrived"
    );
    h.step();
    let rows = h.state().library_decisions().unwrap().to_vec();
    let mut meetings: Vec<(Option<String>, Option<String>)> = rows
        .iter()
        .map(|r| (r.date.clone(), r.committee.clone()))
        .collect();
    meetings.dedup();
    assert!(meetings.len() >= 2, "{meetings:?}");
    assert!(
        h.query_by_label_contains(&format!(
            "{} decisions of {} meetings",
            rows.len(),
            meetings.len()
        ))
        .is_some()
    );
    // A click on the newest decision opens its pack there.
    let newest = rows.last().unwrap().clone();
    let text = match &newest.number {
        Some(n) => format!("{n}. {}", newest.text),
        None => newest.text.clone(),
    };
    h.get_by_label_contains(&text[..text.len().min(40)]).click();
    let file = PathBuf::from(&newest.file);
    assert!(
        step_until(&mut h, 2000, |a| !a.is_loading()
            && a.path() == Some(file.as_path())),
        "the decision's pack did not open"
    );
    h.step();
    let app = h.state();
    let doc = app
        .pack()
        .unwrap()
        .document(app.current_doc().unwrap())
        .unwrap();
    assert!(
        doc.lines.contains(newest.lines[0]),
        "the reader is on {:?}, not on line {}",
        doc.lines,
        newest.lines[0]
    );
}

#[test]
fn without_a_library_the_card_is_absent_and_no_index_is_made() {
    let root = std::env::temp_dir().join(format!(
        "meetpack-library-panels-none-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let paths = LibraryPaths::at(root.join("index.sqlite3"));
    let mut app = MeetPackApp::with_sample();
    app.set_library_paths(paths.clone());
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(30)
        .build_eframe(move |_cc| app);
    h.run();
    // The sample's item 4 has a paper: its card is asked for, and the answer is "none".
    h.get_by_label("Family Valued Programme").click();
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    assert!(h.query_by_label_contains("Last time").is_none());
    assert!(h.state().last_time_of(3).is_none());
    assert!(!paths.index.exists(), "asking made an index");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_note_published_alone_has_its_last_time_card_too() {
    let s = Scratch::new("alone");
    let mut h = harness(&s);
    // The March 2022 note as published alone: no front sheet, so no agenda item.
    open(&mut h, &s.pack("003"));
    let doc = {
        let pack = h.state().pack().unwrap();
        assert!(pack.agenda.is_empty());
        pack.documents
            .iter()
            .find(|d| d.kind == meetpack_core::model::DocKind::BriefingNote)
            .expect("the note")
            .id
    };
    h.state_mut()
        .command(Command::Go(meetpack_gui::Location::top(doc)));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.last_time_of_paper(doc.0).is_some()),
        "the Last time card never arrived"
    );
    h.step();
    h.step();
    let lt = h.state().last_time_of_paper(doc.0).unwrap().clone();
    let earlier = lt
        .earlier
        .iter()
        .find(|e| e.meeting_date.as_deref() == Some("2020-01-09"))
        .expect("the January 2020 paper");
    let label = format!(
        "Item {}: {}",
        earlier.agenda_item.as_deref().unwrap(),
        earlier.title
    );
    assert!(
        h.query_by_label_contains(&label).is_some(),
        "the card does not show {label}"
    );
    assert!(
        lt.minutes
            .iter()
            .any(|m| m.date.as_deref() == Some("2019-11-28"))
    );
}

/// A revised re-issue of a paper (the 2022 note with a new date and one sentence changed)
/// lists the earlier one as near-identical, and its Compare button shows the change.
#[test]
fn a_revised_paper_offers_compare_from_its_last_time_card() {
    let s = Scratch::new("revised");
    let original = std::fs::read_to_string(s.pack("003")).unwrap();
    let revised = original
        .replacen("17 March 2022", "16 March 2023", 1)
        .replacen("over the last twelve months", "over the last two years", 1);
    assert_ne!(revised, original);
    let revised_path = s.root.join("packs").join("revised-note.txt");
    std::fs::write(&revised_path, revised).unwrap();
    let mut lib = Library::open(s.paths()).unwrap();
    lib.update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    drop(lib);
    let revised_path = std::fs::canonicalize(revised_path).unwrap();

    let mut h = harness(&s);
    open(&mut h, &revised_path);
    let doc = h
        .state()
        .pack()
        .unwrap()
        .documents
        .iter()
        .find(|d| d.kind == meetpack_core::model::DocKind::BriefingNote)
        .expect("the note")
        .id;
    h.state_mut()
        .command(Command::Go(meetpack_gui::Location::top(doc)));
    h.step();
    assert!(
        step_until(&mut h, 2000, |a| a.last_time_of_paper(doc.0).is_some()),
        "the Last time card never arrived"
    );
    h.step();
    h.step();
    assert!(
        h.query_by_label_contains("Compare (").is_some(),
        "no Compare button for the near-identical 2022 note"
    );
    h.get_by_label_contains("Compare (").click();
    assert!(
        step_until(&mut h, 2000, |a| a.library_compare().is_some()),
        "the comparison never arrived"
    );
    h.step();
    let cmp = h.state().library_compare().unwrap().clone();
    let changed: Vec<_> = cmp
        .paragraphs
        .iter()
        .filter(|p| p.change != "same")
        .collect();
    // The changed sentence (and the date), each paired with its old wording; the earlier
    // copy may be the one bound in the 2022 pack, whose page furniture adds a few
    // paragraphs of its own.
    let sentence = changed
        .iter()
        .find(|p| {
            p.change == "changed" && p.new.as_deref().is_some_and(|t| t.contains("two years"))
        })
        .unwrap_or_else(|| panic!("the sentence is not a changed paragraph: {changed:#?}"));
    assert!(sentence.old.as_deref().unwrap().contains("twelve months"));
    assert!(changed.len() * 10 <= cmp.paragraphs.len(), "{changed:#?}");
    let n = changed.iter().filter(|p| p.change == "changed").count();
    assert!(h.query_by_label_contains(&format!("{n} changed")).is_some());
}
