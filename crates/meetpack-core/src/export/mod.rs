//! Exporting what a councillor takes into the room: a selection of the pack (one paper,
//! some agenda items with their papers, the whole pack, or every decision) as Markdown,
//! self-contained HTML or a print-ready A4 PDF, with or without the reader's notes.
//!
//! No egui and no I/O: the callers (the CLI, the viewer) write the bytes. Every format is
//! drawn from one intermediate [`flow::Flow`], so what is selected, and where each note
//! goes, is decided once.

mod escape;
mod flow;
mod html;
mod markdown;
pub mod original;
mod pdf;
mod selection;

pub use escape::{escape_html, escape_markdown};
pub use flow::{Flow, Node, Run, TableData, TableRow};
pub use selection::{Selection, SelectionError};

use thiserror::Error;

use crate::model::Pack;

/// A note to print with its passage: the plain input the notes store hands over.
/// It is placed after the block of the export that holds `line` (a line of the text the
/// pack was parsed from, as the JSON counts them). `line` 0 is a detached note (its
/// passage is no longer in the pack): printed at the end, with its quote, so no note is
/// lost from an export "with notes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNote {
    pub line: u32,
    /// `note`, `highlight`, `bookmark`: a note prints as "Note:", others by their kind.
    pub kind: String,
    pub text: String,
    /// The passage the note was made on, as quoted when it was made (may be empty).
    pub quote: String,
}

impl ExportNote {
    /// The notes of a pack as the export places them: each attached note after its
    /// passage, a detached one (its passage is gone from this pack) as line 0, which the
    /// export lists at the end.
    pub fn from_resolved(notes: &[crate::notes::ResolvedNote]) -> Vec<ExportNote> {
        notes
            .iter()
            .map(|r| ExportNote {
                line: r.line().unwrap_or(0),
                kind: r.note.kind.as_str().to_string(),
                text: r.note.text.clone(),
                quote: r.note.anchor.quote.clone(),
            })
            .collect()
    }

    /// A note whose passage is no longer in the pack (see [`ExportNote::line`]).
    pub fn is_detached(&self) -> bool {
        self.line == 0
    }
}

impl ExportNote {
    /// "Note", "Highlight", "Bookmark": the label a printed note starts with.
    pub fn label(&self) -> String {
        let kind = self.kind.trim();
        let mut chars = kind.chars();
        match chars.next() {
            None => "Note".to_string(),
            Some(first) => first.to_uppercase().chain(chars).collect(),
        }
    }
}

/// The file formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Pdf,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
        }
    }

    /// Text formats can go to standard output; a PDF is binary.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Pdf)
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!("unknown format {other:?}: use pdf, html or md")),
        }
    }
}

/// Why an export could not be made. One line each.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error(transparent)]
    Selection(#[from] SelectionError),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Exports `selection` of `pack` in `format`. `notes`: `None` exports without notes;
/// `Some(list)` places each note of the list after its passage (notes outside the
/// selection are left out).
pub fn export(
    pack: &Pack,
    selection: &Selection,
    notes: Option<&[ExportNote]>,
    format: Format,
) -> Result<Vec<u8>, ExportError> {
    let flow = Flow::build(pack, selection, notes)?;
    Ok(match format {
        Format::Markdown => markdown::render(&flow).into_bytes(),
        Format::Html => html::render(&flow).into_bytes(),
        Format::Pdf => pdf::render(&flow).map_err(ExportError::Pdf)?,
    })
}

/// A file name for an export of `selection`: `pack-items-4-5.pdf`, `pack-decisions.md` …
pub fn suggested_file_name(pack: &Pack, selection: &Selection, format: Format) -> String {
    let stem = pack
        .meta
        .committee
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "pack".to_string());
    let what = match selection {
        Selection::Pack => String::new(),
        Selection::Document(id) => format!("-document-{}", id.0),
        Selection::Items(items) => format!("-items-{}", slug(&items.join("-"))),
        Selection::Decisions => "-decisions".to_string(),
    };
    let date = pack
        .meta
        .date
        .as_deref()
        .map(|d| format!("-{}", slug(d)))
        .unwrap_or_default();
    format!("{stem}{date}{what}.{}", format.extension())
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("PDF".parse::<Format>(), Ok(Format::Pdf));
        assert_eq!("markdown".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("htm".parse::<Format>(), Ok(Format::Html));
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn note_labels_name_the_kind() {
        let note = |kind: &str| ExportNote {
            line: 1,
            kind: kind.into(),
            text: String::new(),
            quote: String::new(),
        };
        assert_eq!(note("note").label(), "Note");
        assert_eq!(note("").label(), "Note");
        assert_eq!(note("highlight").label(), "Highlight");
    }

    #[test]
    fn file_names_say_what_was_exported() {
        let mut pack = Pack::default();
        pack.meta.committee = Some("Scrutiny Board (2)".into());
        pack.meta.date = Some("2023-12-21".into());
        let items = Selection::Items(vec!["4".into(), "5".into()]);
        assert_eq!(
            suggested_file_name(&pack, &items, Format::Pdf),
            "scrutiny-board-2-2023-12-21-items-4-5.pdf"
        );
        assert_eq!(
            suggested_file_name(&Pack::default(), &Selection::Decisions, Format::Markdown),
            "pack-decisions.md"
        );
    }
}
