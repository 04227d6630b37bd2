//! The document model of a meeting pack: plain data, no I/O, no GUI.
//!
//! Every document, block and table carries a stable id (an index assigned in input
//! order, so the same text always yields the same ids) and a 1-based inclusive line
//! span in the input, so later features (search, notes, decisions, revisions) can
//! anchor to them.

mod agenda;
mod block;
mod document;
mod table;
mod xref;

pub use agenda::{AgendaItem, SubItem};
pub use block::{Block, BlockId, BlockKind, ContentsEntry, Field, Inline, Text};
pub use document::{
    Attendance, Author, DocId, DocKind, Document, MinuteItem, Minutes, NoteDetails, Resolution,
    Votes, WorkItem, WorkProgramme,
};
pub use table::{Cell, CellPart, CellTexts, Row, RowKind, Table, TableId, TableKind};
pub use xref::{XRef, XRefKind};

use serde::{Deserialize, Serialize};

/// A 1-based, inclusive span of input lines, serialised as `[first, last]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Lines(pub u32, pub u32);

impl Lines {
    pub fn one(line: u32) -> Self {
        Lines(line, line)
    }
    pub fn first(self) -> u32 {
        self.0
    }
    pub fn last(self) -> u32 {
        self.1
    }
    pub fn contains(self, line: u32) -> bool {
        self.0 <= line && line <= self.1
    }
    /// The smallest span covering both.
    pub fn join(self, other: Lines) -> Lines {
        Lines(self.0.min(other.0), self.1.max(other.1))
    }
}

impl std::fmt::Display for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == self.1 {
            write!(f, "L{}", self.0)
        } else {
            write!(f, "L{}-{}", self.0, self.1)
        }
    }
}

/// A parsed meeting pack.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub meta: Meta,
    /// Every document in input order; together they cover every non-blank line once.
    pub documents: Vec<Document>,
    /// The agenda items of the front sheet, in order (empty when there is no agenda).
    pub agenda: Vec<AgendaItem>,
    pub diagnostics: Vec<Diagnostic>,
    pub source: Source,
}

impl Pack {
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.get(id.index())
    }

    pub fn agenda_item(&self, number: &str) -> Option<&AgendaItem> {
        self.agenda.iter().find(|item| item.number == number)
    }

    /// The agenda front sheet, if the pack has one.
    pub fn front_sheet(&self) -> Option<&Document> {
        self.documents.iter().find(|d| d.kind == DocKind::Agenda)
    }

    /// The document holding a given input line.
    pub fn document_at_line(&self, line: u32) -> Option<&Document> {
        self.documents.iter().find(|d| d.lines.contains(line))
    }
}

/// What the meeting is: taken from the front sheet (or the minutes, when there is none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The council as the pack prints it ("Kent County Council"), from its letterhead,
    /// front sheet or page furniture; `None` when the pack does not say.
    #[serde(default)]
    pub council: Option<String>,
    pub committee: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// As written, e.g. `10.00 am`.
    pub time: Option<String>,
    pub venue: Option<String>,
    /// ISO date the agenda was published.
    pub published: Option<String>,
    /// The officer to contact about the meeting, as written.
    pub contact: Option<String>,
    /// Membership line of the front sheet, as written.
    pub membership: Option<String>,
}

/// Facts about the input text itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// `utf-8`, `utf-8 (BOM)`, `windows-1252` or `pdf`.
    pub encoding: String,
    pub bytes: usize,
    pub lines: u32,
    /// A PDF's page count (absent for text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// For each PDF page, the 1-based line of the extracted text where it starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_lines: Vec<u32>,
    /// For each PDF page, the page number printed on it ("Page 11"), or `null`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub printed_pages: Vec<Option<u32>>,
}

/// Where a place is in a PDF pack, as the JSON contract names it beside `lines`:
/// `{"pdf": 3, "printed": "11"}` (the PDF's own page, and the number printed on it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagePlace {
    pub pdf: u32,
    pub printed: Option<String>,
}

impl Source {
    /// The page of a line of a PDF pack's extracted text (`None` for a text pack).
    pub fn page_place(&self, line: u32) -> Option<PagePlace> {
        let pdf = self.page_of_line(line)?;
        let printed = self
            .printed_pages
            .get(pdf as usize - 1)
            .copied()
            .flatten()
            .map(|p| p.to_string());
        Some(PagePlace { pdf, printed })
    }

    /// The 1-based PDF page holding a line of the extracted text (`None` for text input).
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        let after = self.page_lines.partition_point(|&first| first <= line);
        (after > 0).then_some(after as u32)
    }

    /// The first line of a 1-based PDF page.
    pub fn page_start(&self, page: u32) -> Option<u32> {
        self.page_lines
            .get((page as usize).checked_sub(1)?)
            .copied()
    }

    /// The physical page whose printed number is `printed`, if any page carries it.
    pub fn page_printed(&self, printed: u32) -> Option<u32> {
        let index = self
            .printed_pages
            .iter()
            .position(|&p| p == Some(printed))?;
        Some(index as u32 + 1)
    }
}

/// Something the parser doubted, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub message: String,
    pub lines: Lines,
    /// A second place the message refers to (e.g. the first of two duplicated numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<Lines>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The input was decoded from a legacy encoding or had odd bytes.
    Encoding,
    /// A document boundary or kind was a guess.
    Segmentation,
    /// Something about the agenda front sheet.
    Agenda,
    /// Something about the minutes.
    Minutes,
    /// A table was repaired (joined, merged) or looks irregular.
    Table,
    /// An agenda item could not be linked, or was linked by a weak signal.
    Link,
    /// Something about the input file itself (a PDF's pages without text, unreadable pages).
    Input,
}
