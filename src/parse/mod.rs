//! The parser: text of a meeting pack to a [`Pack`]. Pure, total (never panics, never
//! drops a line) and deterministic, so ids are stable across re-parses.
//!
//! Passes, each in its own module:
//! 1. [`lines`]: line endings, form feeds, blank lines;
//! 2. [`segment`]: where each document starts and what kind it is;
//! 3. [`blocks`] (with [`tables`] and [`inline`]): each document's lines to blocks;
//! 4. [`agenda`], [`minutes`], [`notes`], [`workprog`]: kind-specific details;
//! 5. [`links`]: agenda items to the papers they introduce.

pub mod agenda;
pub mod blocks;
pub mod dates;
pub mod inline;
pub mod input;
pub mod lines;
pub mod links;
pub mod minutes;
pub mod notes;
pub mod segment;
pub mod tables;
pub mod text;
#[doc(hidden)]
pub mod work;
pub mod workprog;

pub use input::{Decoded, LoadError, decode};

use crate::model::{DocId, DocKind, Document, Lines, Pack, Source};

/// Collects what the parser doubted, and hands out pack-wide ids.
#[derive(Debug, Default)]
pub struct Context {
    pub diagnostics: Vec<crate::model::Diagnostic>,
    next_block: u32,
    next_table: u32,
}

impl Context {
    pub fn doubt(&mut self, kind: crate::model::DiagnosticKind, lines: Lines, message: String) {
        self.diagnostics.push(crate::model::Diagnostic {
            kind,
            message,
            lines,
            related: None,
        });
    }

    pub fn block_id(&mut self) -> crate::model::BlockId {
        self.next_block += 1;
        crate::model::BlockId(self.next_block - 1)
    }

    pub fn table_id(&mut self) -> crate::model::TableId {
        self.next_table += 1;
        crate::model::TableId(self.next_table - 1)
    }
}

/// Parses a file's bytes: decodes them (saying so when they were not UTF-8) and parses.
pub fn load(bytes: &[u8]) -> Result<Pack, LoadError> {
    refuse_pdf(bytes)?;
    Ok(finish_load(decode(bytes)?, bytes.len()))
}

/// [`load`] of bytes the caller gives up (the command line): UTF-8 is parsed in place,
/// not copied, which keeps peak memory a size of the file lower.
pub fn load_owned(bytes: Vec<u8>) -> Result<Pack, LoadError> {
    refuse_pdf(&bytes)?;
    let len = bytes.len();
    Ok(finish_load(input::decode_owned(bytes)?, len))
}

/// The hook for PDF input: a real PDF (by its structure, not its first word) never
/// reaches the text decoder.
fn refuse_pdf(bytes: &[u8]) -> Result<(), LoadError> {
    if input::looks_like_pdf(bytes) {
        return Err(LoadError::Binary(
            "a PDF: extract its text first, e.g. with pdftotext",
        ));
    }
    Ok(())
}

/// Parses decoded text and notes how it was decoded.
fn finish_load(decoded: Decoded, bytes: usize) -> Pack {
    let mut pack = parse_with(&decoded.text, decoded.encoding);
    pack.source.bytes = bytes;
    let whole = Lines(1, pack.source.lines.max(1));
    let mut notes = Vec::new();
    if decoded.encoding == "windows-1252" {
        notes.push("the file is not UTF-8; it was read as Windows-1252".to_string());
    }
    if decoded.replaced > 0 {
        notes.push(format!(
            "{} invalid byte sequence(s) or NUL(s) replaced by U+FFFD",
            decoded.replaced
        ));
    }
    for (k, message) in notes.into_iter().enumerate() {
        pack.diagnostics.insert(
            k,
            crate::model::Diagnostic {
                kind: crate::model::DiagnosticKind::Encoding,
                message,
                lines: whole,
                related: None,
            },
        );
    }
    pack
}

/// Parses the text of a meeting pack.
pub fn parse(text: &str) -> Pack {
    parse_with(text, "utf-8")
}

fn parse_with(text: &str, encoding: &str) -> Pack {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    work::examined(text.len());
    let lines = lines::split(text);
    let mut cx = Context::default();
    let segments = segment::split(&lines, &mut cx);

    let mut pack = Pack {
        source: Source {
            encoding: encoding.to_string(),
            bytes: text.len(),
            lines: lines.len() as u32,
        },
        ..Pack::default()
    };
    let mut stamps = Vec::new();
    for (index, seg) in segments.iter().enumerate() {
        let doc_lines = &lines[seg.start..seg.end];
        let (mut blocks, tables) = blocks::build(doc_lines, seg.kind, &mut cx);
        let mut doc = Document {
            id: DocId(index as u32),
            kind: seg.kind,
            title: seg.title.clone(),
            lines: Lines(doc_lines[0].no, doc_lines[doc_lines.len() - 1].no),
            header: None,
            agenda_item: None,
            blocks: std::mem::take(&mut blocks),
            tables,
            note: None,
            minutes: None,
            work_programme: None,
        };
        match doc.kind {
            DocKind::Agenda => {
                let (meta, items) = agenda::parse(doc_lines, &mut cx);
                pack.meta = meta;
                pack.agenda = items;
            }
            DocKind::Minutes => {
                doc.minutes = Some(minutes::parse(doc_lines, &mut doc.blocks, &mut cx))
            }
            DocKind::BriefingNote => doc.note = Some(notes::parse(doc_lines, &doc.blocks)),
            DocKind::WorkProgramme => doc.work_programme = Some(workprog::parse(&doc)),
            _ => {}
        }
        doc.header = header_span(&doc, &pack.agenda);
        stamps.push(seg.stamp.clone());
        pack.documents.push(doc);
    }
    fill_meta_from_minutes(&mut pack);
    links::link(&mut pack, &stamps, &mut cx);
    pack.diagnostics.extend(cx.diagnostics);
    pack.diagnostics.sort_by_key(|d| d.lines);
    pack
}

/// Where a document's letterhead ends: before a note's first section heading, after the
/// minutes' attendance lists, above the front sheet's first agenda item.
fn header_span(doc: &Document, agenda: &[crate::model::AgendaItem]) -> Option<Lines> {
    let start = doc.lines.first();
    let last = match doc.kind {
        DocKind::BriefingNote => {
            let note = doc.note.as_ref()?;
            note.to.as_ref().or(note.subject.as_ref())?;
            let heading = doc
                .blocks
                .iter()
                .find(|b| matches!(b.kind, crate::model::BlockKind::Heading { .. }))?;
            heading.lines.first().checked_sub(1)?
        }
        DocKind::Minutes => doc
            .minutes
            .as_ref()?
            .attendance
            .iter()
            .map(|a| a.lines.last())
            .max()?,
        DocKind::Agenda => agenda
            .iter()
            .map(|a| a.lines.first())
            .min()?
            .checked_sub(1)?,
        _ => return None,
    };
    (last >= start).then_some(Lines(start, last))
}

/// A pack without a front sheet (a lone set of minutes) still says what meeting it is.
fn fill_meta_from_minutes(pack: &mut Pack) {
    if pack.documents.iter().any(|d| d.kind == DocKind::Agenda) {
        return;
    }
    let Some(doc) = pack.documents.iter().find(|d| d.kind == DocKind::Minutes) else {
        return;
    };
    if pack.meta.date.is_none() {
        pack.meta.date = doc.minutes.as_ref().and_then(|m| m.date.clone());
    }
    if pack.meta.committee.is_none() {
        pack.meta.committee = Some(doc.title.clone());
    }
}
