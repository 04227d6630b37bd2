use serde::{Deserialize, Serialize};

use super::{Block, BlockKind, Lines, Table, TableId};

/// A document's id: its index in `Pack::documents`, so the same text always gives
/// the same ids and a selection survives a re-parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub u32);

impl DocId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "d{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Agenda,
    Minutes,
    BriefingNote,
    Report,
    Appendix,
    WorkProgramme,
    /// A notice of decisions taken (by a cabinet member, an officer or a meeting).
    DecisionNotice,
    /// Text the parser could not classify: shown, never lost.
    Other,
}

impl DocKind {
    /// The kind's name in the JSON contract (`briefing_note`), as serde writes it: the
    /// outline and the library print the same word.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Agenda => "agenda",
            DocKind::Minutes => "minutes",
            DocKind::BriefingNote => "briefing_note",
            DocKind::Report => "report",
            DocKind::Appendix => "appendix",
            DocKind::WorkProgramme => "work_programme",
            DocKind::DecisionNotice => "decision_notice",
            DocKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Agenda => "Agenda",
            DocKind::Minutes => "Minutes",
            DocKind::BriefingNote => "Briefing note",
            DocKind::Report => "Report",
            DocKind::Appendix => "Appendix",
            DocKind::WorkProgramme => "Work programme",
            DocKind::DecisionNotice => "Decision notice",
            DocKind::Other => "Other",
        }
    }
}

/// One document of the pack: the front sheet, the minutes, a note, a report …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub kind: DocKind,
    /// Plain text.
    pub title: String,
    pub lines: Lines,
    /// The letterhead: the lines a reader shows as a card rather than as text (a note's
    /// council/"Briefing note"/To/Date/Subject, the minutes' title and attendance, the front
    /// sheet's meeting details). Body blocks start after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Lines>,
    /// The PDF pages it spans, `[first, last]`, 1-based physical pages (absent for text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<[u32; 2]>,
    /// The number of the agenda item this document belongs to.
    pub agenda_item: Option<String>,
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<NoteDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_programme: Option<WorkProgramme>,
    /// Decisions recorded outside numbered minutes (a decision notice, or minutes whose
    /// items are not numbered). Every decision is in exactly one place: a minute's
    /// `resolutions` when it is minuted, else here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Resolution>,
}

impl Document {
    /// Indexes of the blocks that state a decision: Resolution blocks, and any block that
    /// starts inside the lines of a minute's resolutions (the parser may record a decision
    /// on the minute item only). The reader and the export set these apart alike.
    pub fn decision_blocks(&self) -> std::collections::HashSet<usize> {
        let spans: Vec<super::Lines> = self
            .minutes
            .iter()
            .flat_map(|m| m.items.iter())
            .flat_map(|m| m.resolutions.iter().map(|r| r.lines))
            .collect();
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                matches!(b.kind, super::BlockKind::Resolution { .. })
                    || spans.iter().any(|s| s.contains(b.lines.first()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The section headings, in order: (block index, level, label).
    pub fn headings(&self) -> impl Iterator<Item = (usize, u8, String)> + '_ {
        self.blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &b.kind {
                BlockKind::Heading { level, .. } => Some((i, *level, b.heading_label()?)),
                _ => None,
            })
    }
}

/// The header, asks and sign-off of a briefing note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NoteDetails {
    pub to: Option<String>,
    /// As written ("21st December 2023", "January 2020").
    pub date: Option<String>,
    /// ISO `YYYY-MM-DD` when the written date names a day.
    pub date_iso: Option<String>,
    pub subject: Option<String>,
    /// The numbered asks under "Recommendations", without the "…recommended to:" lead-in.
    pub recommendations: Vec<String>,
    pub authors: Vec<Author>,
    /// E-mail addresses and telephone numbers given in the sign-off.
    pub contacts: Vec<String>,
    /// Appendices the note lists in its body.
    pub appendices: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    /// Job title, organisation …, as written.
    pub role: Option<String>,
    pub contacts: Vec<String>,
}

/// The minutes of a meeting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Minutes {
    /// ISO date of the meeting minuted.
    pub date: Option<String>,
    pub present: Vec<String>,
    /// "X (substitute for Y)" entries, also listed in `present`.
    pub substitutes: Vec<String>,
    pub co_opted: Vec<String>,
    /// Other members, cabinet members.
    pub other_members: Vec<String>,
    pub employees: Vec<String>,
    /// Invited guests.
    pub invited: Vec<String>,
    pub apologies: Vec<String>,
    /// Every attendance group as labelled in the text, in order.
    pub attendance: Vec<Attendance>,
    pub items: Vec<MinuteItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub label: String,
    pub lines: Lines,
    pub entries: Vec<String>,
}

/// One numbered minute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinuteItem {
    /// As written, without a trailing full stop (`16`, `63/20`, `18.01.05`); for an
    /// unnumbered heading followed by "(Item 3)", the item's number.
    pub number: String,
    pub title: String,
    pub lines: Lines,
    pub resolutions: Vec<Resolution>,
}

/// One decision: the whole "RESOLVED that …" sentence, or one numbered part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    pub number: Option<String>,
    /// The sentence that introduces numbered parts ("RESOLVED that the Board:").
    pub lead_in: Option<String>,
    /// Plain text of the decision itself.
    pub text: String,
    pub lines: Lines,
    /// How it ended, when the text says: `resolved`, `agreed`, `approved`, `carried`,
    /// `lost`, `rejected`, `deferred`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// A recorded vote, when the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Votes>,
}

/// A recorded vote: counts, and names where the minutes list them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Votes {
    pub for_count: Option<u32>,
    pub against_count: Option<u32>,
    pub abstain_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub for_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub against_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abstain_names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkProgramme {
    pub items: Vec<WorkItem>,
}

/// A dated entry of a work programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    /// The meeting date or heading as written ("6th July 2023", "Items for 2023-24").
    pub date: String,
    pub date_iso: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub lead: Option<String>,
    pub lines: Lines,
}
