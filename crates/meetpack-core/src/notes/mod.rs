//! A councillor's notes, highlights and bookmarks on a pack (issue 7).
//!
//! Plain data and plain files, no GUI: [`Note`] is what the user wrote and the passage it
//! is about; [`anchor`] finds that passage again in a pack that has been corrected or
//! supplemented since (lines shifted, paragraphs inserted, words changed); [`store`] keeps
//! one human-readable JSON Lines file per document set (a meeting's packs) in the user's
//! data folder, written atomically; [`identity`] finds a pack's file by its content, its
//! path or its meeting, through the folder's index; [`export`] prints the notes as
//! Markdown or HTML.
//!
//! Other features (export/print, the viewer) take notes through [`notes_of_pack`], which
//! returns each note with its current place in the pack, or in another pack of the
//! meeting, or detached with its quote.

pub mod anchor;
pub mod export;
pub mod identity;
pub mod store;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Passage, Place};
pub use store::{Meeting, NotesFile, StoreError};

use crate::model::Pack;

/// What kind of mark the user made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A remark or a question to ask, with text.
    Note,
    /// A passage marked as important (the text may be empty).
    Highlight,
    /// A place to come back to (the text may be empty).
    Bookmark,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Note => "Note",
            NoteKind::Highlight => "Highlight",
            NoteKind::Bookmark => "Bookmark",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Note => "note",
            NoteKind::Highlight => "highlight",
            NoteKind::Bookmark => "bookmark",
        }
    }
}

/// One note, highlight or bookmark, as stored (one line of the notes file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Unique within its file; never reused.
    pub id: String,
    pub kind: NoteKind,
    /// What the user wrote (may be empty for highlights and bookmarks).
    #[serde(default)]
    pub text: String,
    /// When it was made, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    #[serde(default)]
    pub created: String,
    /// The passage it is about, by its text.
    pub anchor: Anchor,
    /// The fingerprint of the pack it was written on ([`store::fingerprint`]); absent in
    /// notes written before it was kept, and for a pack read without its bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// The pack it was written on: its path, else its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_file: Option<String>,
}

impl Note {
    /// A new note on `anchor`, with a fresh id and the current time.
    pub fn new(kind: NoteKind, text: impl Into<String>, anchor: Anchor) -> Self {
        Self {
            id: new_id(),
            kind,
            text: text.into(),
            created: utc_now(),
            anchor,
            pack: None,
            pack_file: None,
        }
    }
}

/// A note with where its passage is in the pack as it is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedNote {
    pub note: Note,
    /// `None`: the passage is not in this pack (the note is kept with its quote).
    pub place: Option<Place>,
    /// When the passage is not in this pack and the note was written on another pack of the
    /// meeting (a supplement, the minutes): that pack's path or name. Then the note is not
    /// detached, only elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<String>,
}

impl ResolvedNote {
    /// The first line of the passage in the pack as it is now.
    pub fn line(&self) -> Option<u32> {
        self.place.as_ref().map(|p| p.lines.first())
    }

    /// The passage is gone from the pack the note was written on (or it cannot be told
    /// which pack that was).
    pub fn detached(&self) -> bool {
        self.place.is_none() && self.elsewhere.is_none()
    }

    /// The note was written on another pack of the meeting, whose passage this one lacks.
    pub fn in_other_pack(&self) -> Option<&str> {
        self.elsewhere.as_deref().filter(|_| self.place.is_none())
    }
}

/// Places every note in `pack`, in reading order: attached notes by line (then by when
/// they were made), detached notes after them, oldest first. No note is ever dropped.
/// Knows nothing of which pack a note was written on: [`resolve_in`] does.
pub fn resolve(pack: &Pack, notes: &[Note]) -> Vec<ResolvedNote> {
    // Most packs have no notes: then nothing of the pack is read (the index costs a pass
    // over all its text, on the viewer's thread when a pack opens).
    if notes.is_empty() {
        return Vec::new();
    }
    let passages = anchor::passages(pack);
    let index = anchor::Index::new(&passages);
    let mut out: Vec<ResolvedNote> = notes
        .iter()
        .map(|note| ResolvedNote {
            place: index.locate(&note.anchor),
            note: note.clone(),
            elsewhere: None,
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |r: &ResolvedNote| (r.line().is_none(), r.line().unwrap_or(0));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.note.created.cmp(&b.note.created))
    });
    out
}

/// [`resolve`], in the pack `here` is: a note whose passage is not in it, written on another
/// pack of the meeting (another fingerprint and another file), is said to be there rather
/// than detached. A note written on this file as it was (its passage since deleted or
/// reworded), or on these very bytes, or before notes said which pack, stays detached.
pub fn resolve_in(pack: &Pack, notes: &[Note], here: &Meeting) -> Vec<ResolvedNote> {
    let mut out = resolve(pack, notes);
    for r in out.iter_mut().filter(|r| r.place.is_none()) {
        r.elsewhere = other_pack(&r.note, here);
    }
    out
}

fn other_pack(note: &Note, here: &Meeting) -> Option<String> {
    if note.pack.is_some() && note.pack == here.fingerprint {
        return None;
    }
    if note.pack_file.is_some() && note.pack_file == here.label() {
        return None;
    }
    note.pack_file
        .clone()
        .or_else(|| note.pack.as_ref().map(|p| format!("the pack {p}")))
}

/// The notes of a pack, resolved against it: what export/print and the CLI use.
///
/// `meeting` is the pack's identity ([`Meeting::of`], with its bytes'
/// [`Meeting::with_content`] when there are any); `data_dir` is the notes folder
/// ([`store::default_dir`] for the user's). Its file is found by [`identity::locate`]; a
/// pack without notes gives an empty list.
pub fn notes_of_pack(
    pack: &Pack,
    meeting: &Meeting,
    data_dir: &Path,
) -> Result<Vec<ResolvedNote>, StoreError> {
    let found = identity::locate(data_dir, meeting);
    let file = store::load(&found.file)?;
    Ok(resolve_in(pack, &file.notes, meeting))
}

/// A new id: time in microseconds and a per-process counter, in base 36, short enough to
/// type (`meetpack notes` may take an id one day) and unique without a random source.
fn new_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    // The process id keeps two writers started in the same microsecond apart.
    let salt = (std::process::id() as u64 & 0xfff) << 8 | u64::from(count & 0xff);
    format!("n{}{}", base36(micros), base36(salt))
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Now as `YYYY-MM-DDTHH:MM:SSZ` (no date crate needed for one format).
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    utc_timestamp(secs)
}

fn utc_timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(utc_timestamp(0), "1970-01-01T00:00:00Z");
        // 2024-02-29 12:34:56 UTC, a leap day.
        assert_eq!(utc_timestamp(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(utc_timestamp(1_767_225_599), "2025-12-31T23:59:59Z");
    }

    #[test]
    fn ids_differ_within_a_process() {
        let ids: std::collections::HashSet<String> = (0..500).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 500);
    }

    #[test]
    fn notes_are_in_reading_order_and_detached_ones_last() {
        let text = "Minutes of the Planning Committee held on 3 March 2024\n\n\
                    1. Apologies\n\nThere were no apologies for absence today.\n\n\
                    2. Budget\n\nThe budget for libraries was discussed at length by members.\n";
        let pack = crate::parse::parse(text);
        let at = |line| Anchor::at_line(&pack, line).expect("a passage");
        let mut gone = Note::new(NoteKind::Note, "gone", at(5));
        gone.anchor.quote = "A paragraph that the pack never had in it at all".into();
        gone.anchor.before.clear();
        gone.anchor.after.clear();
        let late = Note::new(NoteKind::Bookmark, "", at(9));
        let early = Note::new(NoteKind::Highlight, "", at(5));
        let resolved = resolve(&pack, &[gone, late, early]);
        let lines: Vec<Option<u32>> = resolved.iter().map(ResolvedNote::line).collect();
        assert_eq!(lines, vec![Some(5), Some(9), None]);
        assert!(resolved[2].detached());
        assert_eq!(resolved[2].note.text, "gone");
    }

    /// Issue 19: a note made in a meeting's supplement, shown in its main pack, is in
    /// another pack of the meeting, not detached; one whose passage left its own file is.
    #[test]
    fn a_note_of_another_pack_of_the_meeting_is_elsewhere_not_detached() {
        let text = "Minutes of the Planning Committee held on 3 March 2024\n\n\
                    1. Apologies\n\nThere were no apologies for absence today.\n";
        let pack = crate::parse::parse(text);
        let mut pack_meta = pack.clone();
        pack_meta.meta.council = Some("Kent County Council".into());
        let main = Meeting::of(&pack_meta, Some(Path::new("/packs/main.txt")), "main.txt")
            .with_content(text.as_bytes());
        let supplement = Meeting::of(&pack_meta, Some(Path::new("/packs/supp.txt")), "supp.txt")
            .with_content(b"the supplement");
        let gone = |on: &Meeting, text: &str| {
            let mut note = Note::new(NoteKind::Note, text, Anchor::at_line(&pack, 5).unwrap());
            note.anchor.quote = "A passage only the supplement has in it, word for word".into();
            note.anchor.before.clear();
            note.anchor.after.clear();
            on.stamp(&mut note);
            note
        };
        let earlier_main = main.clone().with_content(b"the main pack as it was");
        let notes = [
            gone(&supplement, "from the supplement"),
            gone(&earlier_main, "passage since deleted"),
            gone(&Meeting::default(), "written before notes said their pack"),
        ];
        let resolved = resolve_in(&pack, &notes, &main);
        let by_text = |t: &str| resolved.iter().find(|r| r.note.text == t).unwrap();
        let other = by_text("from the supplement");
        assert!(!other.detached());
        // As `Meeting::of` records the path on this platform ("Z:\\packs\\…" on Windows).
        let supp = std::path::absolute("/packs/supp.txt").expect("absolute");
        assert_eq!(other.in_other_pack(), Some(supp.to_string_lossy().as_ref()));
        assert!(by_text("passage since deleted").detached());
        assert!(by_text("written before notes said their pack").detached());
        assert_eq!(by_text("passage since deleted").in_other_pack(), None);
    }
}
