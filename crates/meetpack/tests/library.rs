//! The library (issue 8): indexing the seeds, meetings, search, same paper, people,
//! decisions, compare, last time, incremental updates, and recovery from a deleted or
//! damaged index and from a crash mid-index.

use std::path::{Path, PathBuf};
use std::process::Command;

use meetpack_core::library::{
    Fault, Filter, KindFilter, Library, LibraryPaths, SortBy, UpdateOptions,
};

/// A scratch folder with the seeds copied into `packs/`, removed when dropped.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root =
            std::env::temp_dir().join(format!("meetpack-library-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("packs")).unwrap();
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds")).unwrap()
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, root.join("packs").join(path.file_name().unwrap())).unwrap();
            }
        }
        Scratch { root }
    }

    fn packs(&self) -> PathBuf {
        self.root.join("packs")
    }

    fn pack(&self, prefix: &str) -> PathBuf {
        std::fs::read_dir(self.packs())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap()
    }

    fn paths(&self) -> LibraryPaths {
        LibraryPaths::at(self.root.join("index.sqlite3"))
    }

    fn indexed(&self) -> Library {
        let mut lib = Library::open(self.paths()).unwrap();
        lib.add_folders(&[self.packs()]).unwrap();
        lib.update(UpdateOptions::default(), &mut |_, _| {})
            .unwrap();
        lib
    }
}

impl Scratch {
    /// Copies of seeds (by number) with their council line ("Coventry City Council") made
    /// "Kent County Council", as `k` + the seed's last two digits ("000" → `k00_kent.txt`).
    fn with_kent_copies(self, seeds: &[&str]) -> Scratch {
        for seed in seeds {
            let text = std::fs::read_to_string(self.pack(seed)).unwrap();
            let kent: Vec<&str> = text
                .split('\n')
                .map(|l| {
                    if l.trim_end() == "Coventry City Council" {
                        "Kent County Council"
                    } else {
                        l
                    }
                })
                .collect();
            assert!(
                kent.contains(&"Kent County Council"),
                "{seed} names no council"
            );
            let copy = format!("k{}_kent.txt", &seed[1..]);
            std::fs::write(self.packs().join(copy), kent.join("\n")).unwrap();
        }
        self
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn name(p: &str) -> String {
    Path::new(p).file_name().unwrap().to_string_lossy()[..3].to_string()
}

/// The listing as (date, committee, files by seed number, documents), for comparing two
/// indexes built in different orders.
/// A meeting: date, committee, files (by seed number), how many documents.
type MeetingSummary = (Option<String>, Option<String>, Vec<String>, usize);

fn summary(lib: &Library) -> Vec<MeetingSummary> {
    let listing = lib.list().unwrap();
    let mut out: Vec<_> = listing
        .meetings
        .iter()
        .map(|m| {
            let mut files: Vec<String> = m.files.iter().map(|f| name(&f.file)).collect();
            files.sort();
            let docs = m.files.iter().map(|f| f.documents.len()).sum();
            (m.date.clone(), m.committee.clone(), files, docs)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn packs_notes_and_minutes_of_one_meeting_are_one_meeting() {
    let s = Scratch::new("meetings");
    let lib = s.indexed();
    let meetings = summary(&lib);
    let by_files: Vec<(Option<String>, Vec<String>)> = meetings
        .iter()
        .map(|(d, _, f, _)| (d.clone(), f.clone()))
        .collect();
    // The briefing notes published alone (001, 003) join the packs of their meetings.
    assert_eq!(
        by_files,
        [
            (Some("2020-01-09".into()), vec!["002".to_string()]),
            (Some("2022-03-17".into()), vec!["003".into(), "004".into()]),
            (Some("2023-12-21".into()), vec!["000".into(), "001".into()]),
        ]
    );
    // The front sheet names the committee, not the note's shorter "To:" line.
    for (_, committee, _, _) in &meetings {
        assert_eq!(
            committee.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
    }
}

#[test]
fn the_same_paper_in_two_files_is_one_hit_with_also_in() {
    let s = Scratch::new("same");
    let lib = s.indexed();
    // A phrase from the Family Valued note, which is in 000 (the pack) and 001 (alone).
    let hits = lib
        .search(
            "\"Family Group Conference\"",
            &Filter::default(),
            false,
            SortBy::Relevance,
            50,
        )
        .unwrap();
    assert!(!hits.is_empty());
    for h in &hits {
        let others: Vec<String> = h.also_in.iter().map(|f| name(f)).collect();
        match name(&h.file).as_str() {
            "000" if h.kind == "briefing_note" => assert_eq!(others, ["001"], "{h:?}"),
            "001" => assert_eq!(others, ["000"], "{h:?}"),
            _ => {}
        }
    }
    // Each passage once, not once per file.
    let mut passages: Vec<(String, [u32; 2])> =
        hits.iter().map(|h| (h.snippet.clone(), h.lines)).collect();
    let before = passages.len();
    passages.sort();
    passages.dedup_by(|a, b| a.0 == b.0);
    assert_eq!(passages.len(), before, "a passage is shown twice");
    // The listing marks both documents.
    let listing = lib.list().unwrap();
    let alone = listing.files().find(|f| name(&f.file) == "003").unwrap();
    assert_eq!(alone.documents.len(), 1);
    let also: Vec<String> = alone.documents[0].also_in.iter().map(|f| name(f)).collect();
    assert_eq!(also, ["004"]);
}

#[test]
fn search_takes_words_phrases_prefixes_and_filters() {
    let s = Scratch::new("search");
    let lib = s.indexed();
    let all = Filter::default();
    let words = lib
        .search("ofsted inspection", &all, false, SortBy::Relevance, 100)
        .unwrap();
    assert!(!words.is_empty());
    for h in &words {
        let t = h.snippet.to_lowercase();
        assert!(t.contains("**ofsted**"), "{h:?}");
        assert!(h.committee.is_some() && h.meeting_date.is_some() && h.lines[0] <= h.lines[1]);
    }
    // A prefix finds the longer words.
    let prefix = lib
        .search("inspect*", &all, false, SortBy::Relevance, 100)
        .unwrap();
    assert!(
        prefix
            .iter()
            .any(|h| h.snippet.contains("**inspection") || h.snippet.contains("**Inspection"))
    );
    // A date range keeps only its meetings; newest first groups them by date.
    let since = Filter {
        since: Some("2022-01-01".into()),
        ..Filter::default()
    };
    let newer = lib
        .search("ofsted", &since, false, SortBy::Newest, 100)
        .unwrap();
    assert!(!newer.is_empty());
    assert!(
        newer
            .iter()
            .all(|h| h.meeting_date.as_deref() >= Some("2022-01-01"))
    );
    let dates: Vec<&str> = newer
        .iter()
        .filter_map(|h| h.meeting_date.as_deref())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    // Decisions only: every hit is a decision's passage.
    let decided = lib
        .search("scrutiny board", &all, true, SortBy::Relevance, 100)
        .unwrap();
    assert!(!decided.is_empty());
    assert!(
        decided
            .iter()
            .all(|h| h.kind == "minutes" || h.kind == "decision_notice")
    );
    // Kind filters: papers leave out the agenda and minutes, minutes keep only them.
    let papers = Filter {
        kind: Some(KindFilter::Papers),
        ..Filter::default()
    };
    let in_papers = lib
        .search("scrutiny", &papers, false, SortBy::Relevance, 100)
        .unwrap();
    assert!(!in_papers.is_empty());
    assert!(
        in_papers
            .iter()
            .all(|h| !["agenda", "minutes", "decision_notice"].contains(&h.kind.as_str()))
    );
    let minutes = Filter {
        kind: Some(KindFilter::Minutes),
        ..Filter::default()
    };
    let in_minutes = lib
        .search("scrutiny", &minutes, false, SortBy::Relevance, 100)
        .unwrap();
    assert!(!in_minutes.is_empty());
    assert!(
        in_minutes
            .iter()
            .all(|h| h.kind == "minutes" || h.kind == "decision_notice")
    );
    // A committee that is not in the library finds nothing; a bad date is refused.
    let other = Filter {
        committee: Some("Planning".into()),
        ..Filter::default()
    };
    assert!(
        lib.search("ofsted", &other, false, SortBy::Relevance, 10)
            .unwrap()
            .is_empty()
    );
    let bad = Filter {
        until: Some("March 2022".into()),
        ..Filter::default()
    };
    assert!(
        lib.search("ofsted", &bad, false, SortBy::Relevance, 10)
            .is_err()
    );
    assert!(
        lib.search("  ", &all, false, SortBy::Relevance, 10)
            .is_err()
    );
}

#[test]
fn people_are_reconciled_with_roles_and_attendance() {
    let s = Scratch::new("people");
    let lib = s.indexed();
    let people = lib.people(&Filter::default()).unwrap();
    // "Councillor CE Thomas (Chair)" (2023) and "Councillor C Thomas" (2019, 2021).
    let thomas: Vec<_> = people
        .iter()
        .filter(|p| p.name.ends_with("Thomas"))
        .collect();
    assert_eq!(thomas.len(), 1, "{thomas:?}");
    let roles: Vec<(&str, &str)> = thomas[0]
        .meetings
        .iter()
        .map(|m| (m.date.as_deref().unwrap(), m.role.as_str()))
        .collect();
    assert!(roles.contains(&("2023-11-23", "chair")), "{roles:?}");
    assert!(
        roles.iter().filter(|r| r.1 == "member").count() >= 2,
        "{roles:?}"
    );
    assert!(thomas[0].aliases.len() >= 2);
    // Substitutes and apologies are roles.
    let roles_of = |surname: &str| -> Vec<String> {
        people
            .iter()
            .filter(|p| p.name.ends_with(surname))
            .flat_map(|p| p.meetings.iter().map(|m| m.role.clone()))
            .collect()
    };
    assert!(roles_of("Akhtar").contains(&"substitute".to_string()));
    assert!(roles_of("Khan").contains(&"apologies".to_string()));
    let khan = people.iter().find(|p| p.name == "T Khan").unwrap();
    assert!(
        khan.attendance
            .iter()
            .any(|r| r.apologies >= 1 && r.rate < 1.0)
    );
}

#[test]
fn decisions_across_meetings_are_dated_and_listed_once() {
    let s = Scratch::new("decisions");
    let lib = s.indexed();
    let rows = lib.decisions(&Filter::default()).unwrap();
    assert!(rows.len() >= 5);
    let dates: Vec<&str> = rows.iter().filter_map(|r| r.date.as_deref()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let mut texts: Vec<(&Option<String>, &str)> =
        rows.iter().map(|r| (&r.date, r.text.as_str())).collect();
    let n = texts.len();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), n);
    let since = Filter {
        since: Some("2021-01-01".into()),
        ..Filter::default()
    };
    let later = lib.decisions(&since).unwrap();
    assert!(later.len() < rows.len());
    assert!(
        later
            .iter()
            .all(|r| r.date.as_deref() >= Some("2021-01-01"))
    );
}

#[test]
fn compare_pairs_a_note_with_its_copy_in_the_pack() {
    let s = Scratch::new("compare");
    let lib = s.indexed();
    let note = s.pack("003").to_string_lossy().into_owned();
    let cmp = lib.compare(&note, None).unwrap();
    assert_eq!(name(&cmp.b.file), "004");
    assert!(cmp.similarity > 0.9);
    let same = cmp.paragraphs.iter().filter(|p| p.change == "same").count();
    assert!(
        same * 10 >= cmp.paragraphs.len() * 9,
        "{:?}",
        cmp.paragraphs
    );
    // Two different papers: mostly added and removed.
    let other = format!("{}#d2", s.pack("002").to_string_lossy());
    let cmp = lib.compare(&note, Some(&other)).unwrap();
    assert!(cmp.similarity < 0.2);
    assert!(cmp.paragraphs.iter().any(|p| p.change == "added"));
    assert!(lib.compare("/nowhere/at-all.txt", None).is_err());
}

#[test]
fn last_time_finds_the_earlier_note_its_minute_and_the_work_programme() {
    let s = Scratch::new("lasttime");
    let lib = s.indexed();
    let bytes = std::fs::read(s.pack("004")).unwrap();
    let pack = meetpack_core::input::load(&bytes).unwrap().pack;
    // Item 6 of March 2022: Children's Services Continuous Improvement Progress.
    let lt = lib.last_time(&pack, "6").unwrap();
    let first = lt.earlier.first().expect("an earlier paper");
    assert_eq!(first.meeting_date.as_deref(), Some("2020-01-09"));
    assert_eq!(first.agenda_item.as_deref(), Some("6"));
    assert!(!first.shared_terms.is_empty());
    assert!(
        lt.earlier
            .iter()
            .all(|e| e.meeting_date.as_deref() < Some("2022-03-17"))
    );
    // The minute of November 2019 that discussed the earlier report, with its decisions.
    let minute = lt
        .minutes
        .iter()
        .find(|m| m.date.as_deref() == Some("2019-11-28"))
        .expect("the 2019 minute");
    assert!(!minute.decisions.is_empty());
    // Work-programme entries that scheduled continuous-improvement reports.
    assert!(lt.work_programme.len() >= 2);
    assert!(
        lt.work_programme
            .iter()
            .all(|w| w.pack_date.as_deref() <= Some("2022-03-17"))
    );
    // The 2020 note: its earlier discussion is the minute printed in its own pack.
    let bytes = std::fs::read(s.pack("002")).unwrap();
    let pack = meetpack_core::input::load(&bytes).unwrap().pack;
    let lt = lib.last_time(&pack, "6").unwrap();
    assert!(
        lt.minutes
            .iter()
            .any(|m| m.date.as_deref() == Some("2019-11-28") && !m.decisions.is_empty())
    );
    assert!(lib.last_time(&pack, "99").is_err());
}

#[test]
fn updates_notice_new_changed_touched_and_removed_files() {
    let s = Scratch::new("incremental");
    let mut lib = s.indexed();
    let again = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(
        (again.added, again.changed, again.removed, again.unchanged),
        (0, 0, 0, 5)
    );
    // Touched (new time, same bytes): not re-parsed.
    let p = s.pack("002");
    let f = std::fs::File::options().write(true).open(&p).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    let touched = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!((touched.changed, touched.unchanged), (0, 5));
    // Changed: a new paragraph is found by search.
    let mut text = std::fs::read_to_string(&p).unwrap();
    text.push_str("\nThe zanzibarian quokka survey was noted.\n");
    std::fs::write(&p, text).unwrap();
    let changed = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(changed.changed, 1);
    let hits = lib
        .search("quokka", &Filter::default(), false, SortBy::Relevance, 5)
        .unwrap();
    assert_eq!(hits.len(), 1);
    // Removed: its meeting goes with it; a new file is added.
    std::fs::remove_file(&p).unwrap();
    std::fs::write(s.packs().join("empty.txt"), "   \n").unwrap();
    let removed = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!((removed.removed, removed.added), (1, 1));
    assert_eq!(
        removed.failed.len(),
        1,
        "a blank file is refused with a reason"
    );
    assert!(
        lib.search("quokka", &Filter::default(), false, SortBy::Relevance, 5)
            .unwrap()
            .is_empty()
    );
    assert_eq!(summary(&lib).len(), 2);
    assert_eq!(lib.list().unwrap().errors.len(), 1);
}

#[test]
fn an_aborted_transaction_leaves_a_consistent_index_the_next_run_completes() {
    let s = Scratch::new("abort");
    let mut lib = Library::open(s.paths()).unwrap();
    lib.add_folders(&[s.packs()]).unwrap();
    let r = lib.update(
        UpdateOptions {
            fault: Some(Fault::ErrorAt(3)),
            ..UpdateOptions::default()
        },
        &mut |_, _| {},
    );
    assert!(r.is_err());
    // Two files written whole, the third rolled back: nothing half-indexed.
    let listing = lib.list().unwrap();
    let files: usize = listing.meetings.iter().map(|m| m.files.len()).sum();
    assert_eq!(files, 2);
    assert!(listing.files().all(|f| !f.documents.is_empty()));
    drop(lib);
    let mut lib = Library::open(s.paths()).unwrap();
    let next = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!((next.added, next.unchanged), (3, 2));
    let fresh = Scratch::new("abort-fresh");
    assert_eq!(summary(&lib), summary(&fresh.indexed()));
}

#[test]
fn a_deleted_or_damaged_index_is_rebuilt_with_a_message() {
    let s = Scratch::new("rebuild");
    let before = summary(&s.indexed());
    // Deleted.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.paths().index.display()));
    }
    let mut lib = Library::open(s.paths()).unwrap();
    assert!(lib.notice().unwrap().contains("missing"));
    assert!(lib.needs_rebuild());
    lib.update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(summary(&lib), before);
    drop(lib);
    // Damaged: the file is overwritten with junk.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", s.paths().index.display()));
    }
    std::fs::write(&s.paths().index, vec![0x5a; 8192]).unwrap();
    let mut lib = Library::open(s.paths()).unwrap();
    assert!(
        lib.notice().unwrap().contains("damaged"),
        "{:?}",
        lib.notice()
    );
    lib.update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(summary(&lib), before);
}

fn meetpack(index: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_meetpack"));
    c.env("MEETPACK_LIBRARY", index);
    c
}

/// Runs a command that must succeed and reads its JSON answer.
fn json_of(command: &mut Command) -> serde_json::Value {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn cli_survives_a_killed_indexer_and_answers_in_json() {
    let s = Scratch::new("cli");
    let index = s.paths().index;
    // The indexer dies (abort) inside the third file's transaction.
    let out = meetpack(&index)
        .args(["library", "add"])
        .arg(s.packs())
        .env("MEETPACK_TEST_ABORT_AFTER", "3")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let report = json_of(meetpack(&index).args(["library", "update", "--json"]));
    assert_eq!(
        report["added"].as_u64().unwrap() + report["unchanged"].as_u64().unwrap(),
        5
    );
    assert!(report["added"].as_u64().unwrap() >= 3);

    let v = json_of(meetpack(&index).args(["search", "\"family valued\"", "--json"]));
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for field in [
        "file",
        "committee",
        "meeting_date",
        "document",
        "kind",
        "lines",
        "snippet",
        "also_in",
    ] {
        assert!(hits[0].get(field).is_some(), "no {field} in {}", hits[0]);
    }
    let v = json_of(meetpack(&index).args(["people", "--json"]));
    let p = &v["people"][0];
    for field in ["name", "aliases", "meetings"] {
        assert!(p.get(field).is_some(), "no {field} in {p}");
    }
    for field in ["date", "committee", "role"] {
        assert!(p["meetings"][0].get(field).is_some(), "no {field} in {p}");
    }
    let out = meetpack(&index)
        .args(["library", "decisions", "--csv", "--since", "2021-01-01"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("date,committee,minute"));
    assert!(csv.lines().count() > 1);
    // A bad date is one line and exit code 2.
    let out = meetpack(&index)
        .args(["search", "ofsted", "--since", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

/// The viewer's Cancel: an update stopped after its first file keeps that file, whole,
/// and the next update indexes the rest.
#[test]
fn a_cancelled_update_keeps_what_it_wrote_and_the_next_completes() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let s = Scratch::new("cancel");
    let mut lib = Library::open(s.paths()).unwrap();
    lib.add_folders(&[s.packs()]).unwrap();
    let cancel = AtomicBool::new(false);
    let mut seen_total = 0;
    let result = lib.update_cancellable(UpdateOptions::default(), &cancel, &mut |done, total| {
        seen_total = total;
        if done == 1 {
            cancel.store(true, Ordering::Relaxed);
        }
    });
    assert!(
        matches!(result, Err(meetpack_core::library::LibraryError::Cancelled)),
        "{result:?}"
    );
    assert!(seen_total > 1);
    let listed = lib.list().unwrap();
    let files = |l: &meetpack_core::library::Listing| {
        l.meetings.iter().map(|m| m.files.len()).sum::<usize>() + l.unfiled.len()
    };
    assert_eq!(files(&listed), 1);
    let report = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    assert_eq!(report.unchanged, 1);
    assert_eq!(report.added, seen_total - 1);
    assert_eq!(files(&lib.list().unwrap()), seen_total);
}

/// Issue 18: the same committee name and date at two councils are two meetings.
#[test]
fn two_councils_committees_of_one_name_and_date_are_two_meetings() {
    let s = Scratch::new("councils").with_kent_copies(&["000"]);
    let lib = s.indexed();
    let listing = lib.list().unwrap();
    let on_the_day: Vec<_> = listing
        .meetings
        .iter()
        .filter(|m| m.date.as_deref() == Some("2023-12-21"))
        .collect();
    assert_eq!(on_the_day.len(), 2, "{on_the_day:#?}");
    let files_of = |council: &str| -> Vec<String> {
        let m = on_the_day
            .iter()
            .find(|m| m.council.as_deref() == Some(council))
            .unwrap_or_else(|| panic!("no meeting of {council}"));
        assert_eq!(
            m.committee.as_deref(),
            Some("Education and Children's Services Scrutiny Board (2)")
        );
        let mut files: Vec<String> = m.files.iter().map(|f| name(&f.file)).collect();
        files.sort();
        files
    };
    let coventry = files_of("Coventry City Council");
    let kent = files_of("Kent County Council");
    assert!(coventry.contains(&"000".to_string()), "{coventry:?}");
    assert!(!coventry.contains(&"k00".to_string()), "{coventry:?}");
    assert!(kent.contains(&"k00".to_string()), "{kent:?}");
    assert!(!kent.contains(&"000".to_string()), "{kent:?}");
    // The note published alone (001) names no council: it joins one of the two meetings
    // by committee and date, as before.
    assert_eq!(
        coventry.iter().chain(&kent).filter(|f| *f == "001").count(),
        1
    );
    // The other meetings are as before, each one council's.
    for m in listing
        .meetings
        .iter()
        .filter(|m| m.date.as_deref() != Some("2023-12-21"))
    {
        assert_eq!(m.council.as_deref(), Some("Coventry City Council"));
    }
    assert_eq!(listing.meetings.len(), 4);

    // The CLI's listing names each meeting's council.
    let out = meetpack(&s.paths().index)
        .args(["library", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for council in ["Kent County Council", "Coventry City Council"] {
        assert!(
            text.contains(&format!(
                "2023-12-21  {council} — Education and Children's Services Scrutiny Board (2)"
            )),
            "{text}"
        );
    }
}

/// Issue 18: "Last time" on one council's pack offers none of another council's papers,
/// minutes or work programmes, however alike.
#[test]
fn last_time_stays_within_the_council_of_the_pack() {
    let s = Scratch::new("lasttime-councils").with_kent_copies(&["000", "002"]);
    let lib = s.indexed();
    let coventry_files = ["000", "001", "002", "003", "004"];
    let kent_files = ["k00", "k02"];
    // Every file "Last time" offers on an item: papers, minutes, work programme.
    let offered = |seed: &str, item: &str| -> Vec<String> {
        let bytes = std::fs::read(s.pack(seed)).unwrap();
        let pack = meetpack_core::input::load(&bytes).unwrap().pack;
        let lt = lib.last_time(&pack, item).unwrap();
        lt.earlier
            .iter()
            .map(|e| &e.file)
            .chain(lt.minutes.iter().map(|m| &m.file))
            .chain(lt.work_programme.iter().map(|w| &w.file))
            .map(|f| name(f))
            .collect()
    };
    // The Kent copy of December 2023: its own and the Kent copy of January 2020's
    // papers, none of Coventry's (the same papers, word for word).
    let mut kent_offers = Vec::new();
    for item in ["3", "4", "5", "6"] {
        let files = offered("k00", item);
        assert!(
            files.iter().all(|f| kent_files.contains(&f.as_str())),
            "item {item}: {files:?}"
        );
        kent_offers.extend(files);
    }
    assert!(kent_offers.iter().any(|f| f == "k02"), "{kent_offers:?}");
    // The Coventry packs: none of Kent's, and the earlier Coventry papers as before.
    for seed in ["000", "004"] {
        for item in ["3", "4", "5", "6"] {
            let files = offered(seed, item);
            assert!(
                files.iter().all(|f| coventry_files.contains(&f.as_str())),
                "{seed} item {item}: {files:?}"
            );
        }
    }
    let bytes = std::fs::read(s.pack("004")).unwrap();
    let pack = meetpack_core::input::load(&bytes).unwrap().pack;
    let lt = lib.last_time(&pack, "6").unwrap();
    assert_eq!(lt.council.as_deref(), Some("Coventry City Council"));
    let first = lt.earlier.first().expect("an earlier paper");
    assert_eq!(first.meeting_date.as_deref(), Some("2020-01-09"));
    assert_eq!(first.agenda_item.as_deref(), Some("6"));
    assert_eq!(name(&first.file), "002");
    assert!(
        lt.minutes
            .iter()
            .any(|m| m.date.as_deref() == Some("2019-11-28") && name(&m.file) == "002")
    );
    assert!(lt.work_programme.len() >= 2);

    // The CLI answers the same for the Kent copy.
    let v = json_of(
        meetpack(&s.paths().index)
            .args(["library", "last-time"])
            .arg(s.pack("k00"))
            .args(["--item", "5", "--json"]),
    );
    assert_eq!(v["council"], "Kent County Council");
    let earlier = v["earlier"].as_array().unwrap();
    assert!(!earlier.is_empty());
    for e in earlier {
        assert_eq!(name(e["file"].as_str().unwrap()), "k02", "{e}");
    }
}

/// Issue 18: the same names at two councils are two people, and the same decision taken by
/// two councils' committees of one name on one day is two decisions. The Kent copies of
/// seeds 000 and 002 name Kent County Council and otherwise read as Coventry's.
#[test]
fn people_and_decisions_are_kept_apart_by_council() {
    let s = Scratch::new("people-councils").with_kent_copies(&["000", "002"]);
    let lib = s.indexed();
    let people = lib.people(&Default::default()).unwrap();
    let thomas: Vec<_> = people
        .iter()
        .filter(|p| p.name.ends_with("Thomas") && p.name.contains("CE"))
        .collect();
    assert_eq!(
        thomas.len(),
        2,
        "one Cllr CE Thomas at each council: {thomas:?}"
    );
    for p in &thomas {
        let councils: std::collections::BTreeSet<_> =
            p.meetings.iter().map(|m| m.council.clone()).collect();
        assert_eq!(councils.len(), 1, "{p:?}");
    }
    // The copies' minutes record the same decisions word for word: each is listed once for
    // each council, not folded into one.
    let decisions = lib.decisions(&Default::default()).unwrap();
    let kent: Vec<_> = decisions
        .iter()
        .filter(|d| d.council.as_deref() == Some("Kent County Council"))
        .collect();
    assert!(!kent.is_empty(), "{decisions:?}");
    for d in &kent {
        assert!(
            decisions
                .iter()
                .any(|c| c.council.as_deref() == Some("Coventry City Council")
                    && c.date == d.date
                    && c.text == d.text),
            "Coventry's twin of {d:?}"
        );
    }
    // The CLI's JSON says whose each is.
    let v = json_of(meetpack(&s.paths().index).args(["people", "--json"]));
    let councils: std::collections::BTreeSet<String> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["meetings"].as_array().unwrap().iter())
        .filter_map(|m| m["council"].as_str().map(String::from))
        .collect();
    assert!(councils.contains("Kent County Council"), "{councils:?}");
    assert!(councils.contains("Coventry City Council"), "{councils:?}");
}

/// PDFs read by the worker process (`meetpack __load-pack FILE`, as the CLI and the viewer
/// index them) are indexed exactly as when read in process: the same meetings, documents
/// and search hits, pages included.
#[test]
fn pdfs_read_by_the_worker_process_index_as_in_process() {
    let dir = std::env::temp_dir().join(format!("meetpack-worker-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let packs = dir.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    let corpus = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/pdf"
    ));
    for entry in std::fs::read_dir(corpus).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["23_", "24_", "25_", "15_"]
            .iter()
            .any(|p| name.starts_with(p))
            && name.ends_with(".pdf")
        {
            std::fs::copy(entry.path(), packs.join(&name)).unwrap();
        }
    }
    let index = |name: &str, worker: Option<PathBuf>| {
        let mut lib = Library::open(LibraryPaths::at(dir.join(name))).unwrap();
        lib.add_folders(std::slice::from_ref(&packs)).unwrap();
        let options = UpdateOptions {
            worker,
            ..UpdateOptions::default()
        };
        let report = lib.update(options, &mut |_, _| {}).unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        lib
    };
    let here = index("here.sqlite3", None);
    let there = index(
        "worker.sqlite3",
        Some(PathBuf::from(env!("CARGO_BIN_EXE_meetpack"))),
    );
    assert_eq!(summary(&here), summary(&there));
    assert_eq!(summary(&here).len(), 3, "three Kent meetings");
    let listing = |lib: &Library| format!("{:?}", lib.list().unwrap().scans);
    assert_eq!(
        listing(&here),
        listing(&there),
        "the scan is listed as a scan"
    );
    for query in ["devolution", "\"corporate parenting\"", "budget amendment"] {
        let hits = |lib: &Library| {
            let hits = lib
                .search(query, &Filter::default(), false, SortBy::Relevance, 20)
                .unwrap();
            format!("{hits:?}")
        };
        assert_eq!(hits(&here), hits(&there), "{query}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
