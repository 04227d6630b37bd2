//! The parser: text of a meeting pack to a [`Pack`]. Pure, total (never panics, never
//! drops a line) and deterministic, so ids are stable across re-parses.
//!
//! Passes, each in its own module:
//! 1. [`lines`]: line endings, form feeds, blank lines;
//! 2. [`segment`]: where each document starts and what kind it is;
//! 3. [`blocks`] (with [`tables`] and [`inline`]): each document's lines to blocks;
//! 4. [`agenda`], [`minutes`], [`briefing`], [`work_programme`]: kind-specific details;
//! 5. [`links`]: agenda items to the papers they introduce;
//! 6. [`xrefs`]: cross-references in the text ("Minute 15 above") to their targets.

pub mod agenda;
pub mod blocks;
pub mod bookmarks;
pub mod dates;
pub mod decisions;
pub mod furniture;
pub mod inline;

pub mod briefing;
#[doc(hidden)]
pub mod cost;
pub mod lines;
pub mod links;
pub mod meta;
pub mod minutes;
pub mod numbering;
pub mod segment;
pub mod tables;
pub mod text;
pub mod work_programme;
pub mod xrefs;

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

/// Parses the text of a meeting pack.
pub fn parse(text: &str) -> Pack {
    parse_with(text, "utf-8")
}

/// Parses text that was decoded from `encoding` (recorded in the pack's source).
pub fn parse_with(text: &str, encoding: &str) -> Pack {
    parse_with_outline(text, encoding, &[])
}

/// As [`parse_with`], for a PDF's text with the PDF's bookmarks ([`bookmarks`]).
pub fn parse_with_outline(text: &str, encoding: &str, outline: &[bookmarks::Bookmark]) -> Pack {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    cost::examined(text.len());
    let mut lines = lines::split(text);
    furniture::mark(&mut lines);
    let mut cx = Context::default();
    let marks = bookmarks::marks(outline, &lines);
    let segments = segment::split(&lines, &marks, &mut cx);

    let mut pack = Pack {
        source: Source {
            encoding: encoding.to_string(),
            bytes: text.len(),
            lines: lines.len() as u32,
            ..Source::default()
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
            pages: None,
            agenda_item: None,
            blocks: std::mem::take(&mut blocks),
            tables,
            note: None,
            minutes: None,
            work_programme: None,
            decisions: Vec::new(),
        };
        match doc.kind {
            DocKind::Agenda => {
                let (meta, items) = agenda::parse(doc_lines, &mut cx);
                pack.meta = meta;
                pack.agenda = items;
            }
            DocKind::Minutes => {
                let m = minutes::parse(doc_lines, &mut doc.blocks, &mut cx);
                // Minutes without numbered items still record decisions: they go to the
                // document, so no decision is lost.
                if m.items.is_empty() {
                    doc.decisions = minutes::decisions_in(&mut doc.blocks, doc_lines);
                }
                doc.minutes = Some(m);
            }
            DocKind::DecisionNotice => {
                doc.decisions = minutes::decisions_in(&mut doc.blocks, doc_lines);
            }
            DocKind::BriefingNote => doc.note = Some(briefing::parse(doc_lines, &doc.blocks)),
            DocKind::WorkProgramme => doc.work_programme = Some(work_programme::parse(&doc)),
            _ => {}
        }
        doc.header = header_span(&doc, &pack.agenda);
        stamps.push(seg.stamp.clone());
        pack.documents.push(doc);
    }
    fill_meta_from_minutes(&mut pack, &lines);
    pack.meta.council = meta::council(lines.iter().map(|l| l.plain.as_ref()))
        // A later document's letterhead ("KENT COUNTY COUNCIL" over the previous minutes
        // bound behind a front sheet that does not name the council).
        .or_else(|| {
            segments.iter().skip(1).find_map(|seg| {
                let top = lines[seg.start..seg.end].iter().take(12);
                meta::council(top.map(|l| l.plain.as_ref()))
            })
        })
        // "Minutes of the meeting of Souldern Parish Council held on …": the body met is
        // the council itself.
        .or_else(|| pack.meta.committee.as_deref().and_then(meta::council_named));
    if let (Some(committee), Some(council)) = (&pack.meta.committee, &pack.meta.council) {
        pack.meta.committee = Some(meta::committee_within(committee, council));
    }
    links::link(&mut pack, &stamps, &mut cx);
    xrefs::link(&mut pack);
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
            // The card holds the letterhead only: the run of header blocks (the title and
            // the To/From/Date/Subject fields) from the top. A summary or recommendations
            // before the first numbered section stay in the reading flow.
            let mut last = None;
            for (k, b) in doc.blocks.iter().enumerate() {
                if !is_note_header_block(k, b) {
                    break;
                }
                last = Some(b.lines.last());
            }
            last?
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

/// A block of a note's letterhead: its first short lines (council, "Briefing note"), or
/// the To/From/Date/Subject fields.
fn is_note_header_block(index: usize, block: &crate::model::Block) -> bool {
    use crate::model::BlockKind;
    const LABELS: [&str; 8] = [
        "to",
        "from",
        "date",
        "subject",
        "title",
        "classification",
        "cc",
        "ref",
    ];
    let labelled = |t: &str| {
        t.split_once(':')
            .is_some_and(|(label, _)| LABELS.contains(&label.trim().to_lowercase().as_str()))
    };
    match &block.kind {
        BlockKind::Fields { fields } => fields.iter().all(|f| {
            LABELS.contains(&f.label.trim().trim_end_matches(':').to_lowercase().as_str())
        }),
        BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
            let plain = text.to_plain();
            labelled(&plain) || (index < 3 && text::word_count(&plain) <= 8 && !plain.contains(':'))
        }
        BlockKind::Separator { .. } => true,
        _ => false,
    }
}

/// A pack without a front sheet (a lone set of minutes, a report) still says what meeting
/// it is: the minutes' date and the body their heading names, else what the first lines of
/// the pack say.
fn fill_meta_from_minutes(pack: &mut Pack, lines: &[lines::Line<'_>]) {
    // A web page's front matter gives the day it was posted, not the meeting's.
    let front_matter_end = lines::front_matter(lines).map_or(0, |(_, end)| lines[end].no);
    let head = |doc: &Document| -> Vec<&str> {
        lines
            .iter()
            .filter(|l| doc.lines.contains(l.no) && !l.is_blank() && l.no > front_matter_end)
            .take(40)
            .map(|l| l.plain.as_ref())
            .collect()
    };
    if !pack.documents.iter().any(|d| d.kind == DocKind::Agenda)
        && let Some(doc) = pack.documents.iter().find(|d| d.kind == DocKind::Minutes)
    {
        if pack.meta.date.is_none() {
            pack.meta.date = doc.minutes.as_ref().and_then(|m| m.date.clone());
        }
        if pack.meta.committee.is_none() {
            pack.meta.committee = meta::committee(head(doc));
        }
    }
    if let Some(first) = pack.documents.first() {
        let first_lines = head(first);
        if pack.meta.date.is_none() {
            pack.meta.date = dates::meeting_date(first_lines.iter().copied());
        }
        if pack.meta.committee.is_none() {
            pack.meta.committee = meta::committee(first_lines.iter().copied());
        }
    }
}
