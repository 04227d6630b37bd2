//! The export as a flat list of printable nodes, built once from the pack, the selection
//! and the notes; the Markdown, HTML and PDF writers only lay it out.

use super::{ExportNote, Selection, SelectionError};
use crate::model::{
    AgendaItem, BlockKind, DocKind, Document, Lines, Pack, Resolution, RowKind, Table, Text,
};

/// The export: a title, a line saying what it is, and its nodes in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub title: String,
    /// "Education Scrutiny Board · Thursday 21 December 2023 · agenda items 4, 5".
    pub subtitle: String,
    pub nodes: Vec<Node>,
}

/// A run of text with its weight; links are kept for the formats that can follow them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }

    pub fn bold(text: impl Into<String>) -> Self {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Level 1 starts a paper (a new page in the PDF), 2 a section, 3 a sub-section.
    Heading {
        level: u8,
        text: String,
    },
    /// A small grey line under a title: the kind, the agenda item, where it is.
    Meta(String),
    /// A paragraph; `marker` is a list bullet or paragraph number, `indent` the list level.
    Paragraph {
        marker: Option<String>,
        indent: u8,
        runs: Vec<Run>,
    },
    /// Footnotes and other small print.
    Small(Vec<Run>),
    /// A decision, set apart: `label` is "RESOLVED" (with its number) or "Decision".
    Decision {
        label: String,
        text: String,
    },
    Table(TableData),
    Note(ExportNote),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableData {
    pub caption: Option<String>,
    pub columns: usize,
    pub header: Vec<Vec<String>>,
    pub rows: Vec<TableRow>,
    /// Per column: right-aligned (numbers).
    pub numeric: Vec<bool>,
    pub footnotes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub cells: Vec<String>,
    /// A section or total row, printed bold.
    pub strong: bool,
}

/// Nodes with the input lines they came from, so notes can be placed after them.
struct Builder<'a> {
    pack: &'a Pack,
    nodes: Vec<(Option<Lines>, Node)>,
}

impl Flow {
    pub fn build(
        pack: &Pack,
        selection: &Selection,
        notes: Option<&[ExportNote]>,
    ) -> Result<Flow, SelectionError> {
        let notes = notes.unwrap_or(&[]);
        let mut out: Vec<Node> = Vec::new();
        match selection {
            Selection::Pack => {
                for doc in &pack.documents {
                    out.extend(document_nodes(pack, doc, 1, notes));
                }
            }
            Selection::Document(id) => {
                let doc = pack.document(*id).ok_or_else(|| {
                    SelectionError::NoDocument(id.to_string(), pack.documents.len())
                })?;
                out.extend(document_nodes(pack, doc, 1, notes));
            }
            Selection::Items(numbers) => {
                if numbers.is_empty() {
                    return Err(SelectionError::NoItems);
                }
                for number in numbers {
                    let item = pack.agenda_item(number).ok_or_else(|| {
                        let known: Vec<&str> =
                            pack.agenda.iter().map(|a| a.number.as_str()).collect();
                        SelectionError::NoItem(number.clone(), known.join(", "))
                    })?;
                    out.extend(item_nodes(pack, item, notes));
                }
            }
            Selection::Decisions => out.extend(decision_nodes(pack, notes)),
        }
        // Notes whose passage is gone from this pack have no place in it: they are
        // printed last, with the passage they quote, rather than silently left out.
        let detached: Vec<&ExportNote> = notes.iter().filter(|n| n.is_detached()).collect();
        if !detached.is_empty() {
            out.push(Node::Heading {
                level: 1,
                text: "Notes whose passage is no longer in this pack".to_string(),
            });
            out.extend(detached.into_iter().cloned().map(Node::Note));
        }
        Ok(Flow {
            title: pack
                .meta
                .committee
                .clone()
                .unwrap_or_else(|| "Meeting pack".to_string()),
            subtitle: subtitle(pack, selection),
            nodes: out,
        })
    }
}

fn subtitle(pack: &Pack, selection: &Selection) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &pack.meta.date {
        parts.push(long_date(date));
    }
    if let Some(time) = &pack.meta.time {
        parts.push(time.clone());
    }
    let what = selection.describe(pack);
    let mut what_chars = what.chars();
    if let Some(first) = what_chars.next() {
        parts.push(first.to_uppercase().chain(what_chars).collect());
    }
    parts.join(" · ")
}

impl<'a> Builder<'a> {
    fn new(pack: &'a Pack) -> Self {
        Builder {
            pack,
            nodes: Vec::new(),
        }
    }

    fn push(&mut self, lines: Option<Lines>, node: Node) {
        self.nodes.push((lines, node));
    }

    fn para(&mut self, lines: Option<Lines>, runs: Vec<Run>) {
        self.push(
            lines,
            Node::Paragraph {
                marker: None,
                indent: 0,
                runs,
            },
        );
    }

    /// Places each note within `span` after the last node holding its line, else after
    /// the last node that starts before it (a note on a letterhead line goes after the
    /// title), and returns the nodes.
    fn finish(self, span: Lines, notes: &[ExportNote]) -> Vec<Node> {
        let mut after: Vec<Vec<&ExportNote>> = vec![Vec::new(); self.nodes.len()];
        for note in notes.iter().filter(|n| span.contains(n.line)) {
            let holding = self
                .nodes
                .iter()
                .rposition(|(l, _)| l.is_some_and(|l| l.contains(note.line)));
            let before = || {
                self.nodes
                    .iter()
                    .rposition(|(l, _)| l.is_some_and(|l| l.first() <= note.line))
            };
            let index = holding.or_else(before).unwrap_or(0);
            if let Some(slot) = after.get_mut(index) {
                slot.push(note);
            }
        }
        let mut out = Vec::with_capacity(self.nodes.len());
        for ((_, node), notes) in self.nodes.into_iter().zip(after) {
            out.push(node);
            let mut notes = notes;
            notes.sort_by_key(|n| n.line);
            out.extend(notes.into_iter().cloned().map(Node::Note));
        }
        out
    }
}

/// An agenda item: its entry on the front sheet, then each of its papers.
fn item_nodes(pack: &Pack, item: &AgendaItem, notes: &[ExportNote]) -> Vec<Node> {
    let mut b = Builder::new(pack);
    b.push(
        Some(item.lines),
        Node::Heading {
            level: 1,
            text: format!("Item {}: {}", item.number, item.title),
        },
    );
    agenda_entry(&mut b, item);
    if item.documents.is_empty() {
        b.push(
            None,
            Node::Meta("This item has no paper in the pack.".into()),
        );
    }
    let mut out = b.finish(item.lines, notes);
    for id in &item.documents {
        if let Some(doc) = pack.document(*id) {
            out.extend(document_nodes(pack, doc, 2, notes));
        }
    }
    out
}

/// Pages, sub-items, presenter and description of an agenda entry.
fn agenda_entry(b: &mut Builder<'_>, item: &AgendaItem) {
    let mut meta = Vec::new();
    if let Some(section) = &item.section {
        meta.push(section.clone());
    }
    if let Some((a, z)) = item.pages {
        meta.push(format!("pages {a}\u{2013}{z}"));
    }
    if !meta.is_empty() {
        b.push(None, Node::Meta(meta.join(" · ")));
    }
    for sub in &item.sub_items {
        b.push(
            Some(sub.lines),
            Node::Paragraph {
                marker: Some(sub.marker.clone()),
                indent: 1,
                runs: runs(&sub.text),
            },
        );
    }
    if let Some(p) = &item.presenter {
        b.para(None, vec![Run::plain(p.clone())]);
    }
    if let Some(d) = &item.description {
        b.para(None, vec![Run::plain(d.clone())]);
    }
}

/// One document: title, its letterhead as fields, then its blocks. `level` is the
/// heading level of its title (1 alone, 2 under an agenda item).
fn document_nodes(pack: &Pack, doc: &Document, level: u8, notes: &[ExportNote]) -> Vec<Node> {
    let mut b = Builder::new(pack);
    b.push(
        Some(Lines::one(doc.lines.first())),
        Node::Heading {
            level,
            text: doc.title.clone(),
        },
    );
    b.push(None, Node::Meta(doc_meta(pack, doc)));
    if doc.kind == DocKind::Agenda && !pack.agenda.is_empty() {
        front_sheet(&mut b, doc);
    } else {
        letterhead(&mut b, doc);
        body(&mut b, doc, level);
    }
    b.finish(doc.lines, notes)
}

/// "Briefing note · agenda item 4 · PDF pages 11–16".
fn doc_meta(pack: &Pack, doc: &Document) -> String {
    let mut parts = vec![doc.kind.label().to_string()];
    if let Some(item) = &doc.agenda_item {
        parts.push(format!("agenda item {item}"));
    }
    if let Some(date) = doc.minutes.as_ref().and_then(|m| m.date.as_deref()) {
        parts.push(format!("meeting held on {}", long_date(date)));
    }
    parts.push(where_is(pack, doc.lines));
    parts.join(" · ")
}

/// Where a span is in the pack as published: its printed pages, else the PDF's, else
/// input lines (one rule for every place MeetPack names: `views::place`).
fn where_is(pack: &Pack, lines: Lines) -> String {
    crate::views::place::place_name(&pack.source, lines)
}

/// The front sheet: the meeting, each agenda item, and the sheet's other text.
fn front_sheet(b: &mut Builder<'_>, doc: &Document) {
    let pack = b.pack;
    let meta = &pack.meta;
    let when: Vec<String> = [meta.date.as_deref().map(long_date), meta.time.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !when.is_empty() {
        b.para(None, vec![Run::bold(when.join(" · "))]);
    }
    if let Some(venue) = &meta.venue {
        b.para(None, vec![Run::plain(venue.clone())]);
    }
    let first_item = pack.agenda.iter().map(|a| a.lines.first()).min();
    let mut placed: Vec<(u32, Option<usize>, usize)> = pack
        .agenda
        .iter()
        .enumerate()
        .map(|(i, a)| (a.lines.first(), Some(i), 0))
        .collect();
    for (i, block) in doc.blocks.iter().enumerate() {
        let line = block.lines.first();
        let in_item = pack.agenda.iter().any(|a| a.lines.contains(line));
        let in_header = meta.committee.is_some() && first_item.is_some_and(|f| line < f);
        if !in_item && !in_header {
            placed.push((line, None, i));
        }
    }
    placed.sort_by_key(|(line, _, _)| *line);
    for (_, item, block) in placed {
        match item {
            Some(i) => {
                let Some(item) = pack.agenda.get(i) else {
                    continue;
                };
                b.push(
                    Some(Lines::one(item.lines.first())),
                    Node::Heading {
                        level: 2,
                        text: format!("{}  {}", item.number, item.title),
                    },
                );
                agenda_entry(b, item);
            }
            None => {
                if let Some(block) = doc.blocks.get(block) {
                    block_nodes(b, doc, block, 1, false);
                }
            }
        }
    }
}

/// A briefing note's To/Date/Subject and asks, the minutes' attendance.
fn letterhead(b: &mut Builder<'_>, doc: &Document) {
    if let Some(note) = &doc.note {
        let rows = [
            ("To", &note.to),
            ("Date", &note.date),
            ("Subject", &note.subject),
        ];
        for (label, value) in rows {
            if let Some(v) = value {
                b.para(
                    doc.header,
                    vec![Run::bold(format!("{label}: ")), Run::plain(v.clone())],
                );
            }
        }
        for author in &note.authors {
            let who = match &author.role {
                Some(role) => format!("{} \u{2014} {role}", author.name),
                None => author.name.clone(),
            };
            b.para(doc.header, vec![Run::bold("Author: "), Run::plain(who)]);
        }
        if !note.recommendations.is_empty() {
            b.push(
                None,
                Node::Heading {
                    level: 3,
                    text: "What the board is asked to do".into(),
                },
            );
            for (i, rec) in note.recommendations.iter().enumerate() {
                b.push(
                    None,
                    Node::Paragraph {
                        marker: Some(format!("{}.", i + 1)),
                        indent: 1,
                        runs: vec![Run::plain(rec.clone())],
                    },
                );
            }
        }
    }
    if let Some(m) = &doc.minutes {
        let groups: Vec<(&str, &[String])> = if m.attendance.is_empty() {
            vec![("Present", &m.present[..]), ("Apologies", &m.apologies[..])]
        } else {
            m.attendance
                .iter()
                .map(|a| (a.label.as_str(), &a.entries[..]))
                .collect()
        };
        for (label, entries) in groups {
            if !entries.is_empty() {
                b.para(
                    doc.header,
                    vec![
                        Run::bold(format!("{label}: ")),
                        Run::plain(entries.join(", ")),
                    ],
                );
            }
        }
    }
}

fn body(b: &mut Builder<'_>, doc: &Document, level: u8) {
    // The letterhead is printed above as fields; the text starts after it.
    let first = doc.header.map_or(0, |h| {
        doc.blocks
            .iter()
            .position(|blk| blk.lines.first() > h.last())
            .unwrap_or(doc.blocks.len())
    });
    let resolved = doc.decision_blocks();
    for (i, block) in doc.blocks.iter().enumerate().skip(first) {
        block_nodes(b, doc, block, level, resolved.contains(&i));
    }
}

/// One block; `decided` when it states a decision.
fn block_nodes(
    b: &mut Builder<'_>,
    doc: &Document,
    block: &crate::model::Block,
    level: u8,
    decided: bool,
) {
    let lines = Some(block.lines);
    match &block.kind {
        BlockKind::Heading { level: l, .. } => {
            let text = block.heading_label().unwrap_or_default();
            let level = (level + (*l).max(1)).min(4);
            b.push(lines, Node::Heading { level, text });
        }
        BlockKind::Resolution { number, text } => {
            let label = match number {
                Some(n) => format!("RESOLVED {n}"),
                None => "RESOLVED".to_string(),
            };
            b.push(
                lines,
                Node::Decision {
                    label,
                    text: text.to_plain(),
                },
            );
        }
        BlockKind::Numbered { number, text } if decided => b.push(
            lines,
            Node::Decision {
                label: format!("RESOLVED {number}"),
                text: text.to_plain(),
            },
        ),
        BlockKind::Paragraph { text } | BlockKind::ListItem { text, .. } if decided => b.push(
            lines,
            Node::Decision {
                label: "RESOLVED".into(),
                text: text.to_plain(),
            },
        ),
        BlockKind::Numbered { number, text } => b.push(
            lines,
            Node::Paragraph {
                marker: Some(number.clone()),
                indent: 0,
                runs: runs(text),
            },
        ),
        BlockKind::ListItem {
            level: l,
            marker,
            text,
        } => b.push(
            lines,
            Node::Paragraph {
                marker: Some(marker.clone()),
                indent: l.saturating_add(1),
                runs: runs(text),
            },
        ),
        BlockKind::Paragraph { text } => b.para(lines, runs(text)),
        BlockKind::Table { table } => {
            if let Some(t) = doc.table(*table) {
                b.push(lines, Node::Table(table_data(t)));
            }
        }
        BlockKind::Fields { fields } => {
            for f in fields {
                let mut r = vec![Run::bold(format!("{}: ", f.label))];
                r.extend(runs(&f.value));
                b.para(lines, r);
            }
        }
        BlockKind::Contents { entries } => {
            for e in entries {
                let text = match e.page {
                    Some(p) => format!("{} \u{2026} {p}", e.title),
                    None => e.title.clone(),
                };
                b.para(lines, vec![Run::plain(text)]);
            }
        }
        BlockKind::Footnote { text } => b.push(lines, Node::Small(runs(text))),
        // Page furniture ("This page is intentionally left blank") is not printed.
        BlockKind::Separator { .. } => {}
    }
}

fn runs(text: &Text) -> Vec<Run> {
    text.spans
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| Run {
            text: s.text.clone(),
            bold: s.bold,
            italic: s.italic,
            link: s.link.clone(),
        })
        .collect()
}

fn table_data(t: &Table) -> TableData {
    let columns = t
        .header
        .iter()
        .map(Vec::len)
        .chain(t.body.iter().map(|r| r.len()))
        .max()
        .unwrap_or(0)
        .max(t.columns);
    let pad = |row: &mut dyn Iterator<Item = &str>| {
        let mut cells: Vec<String> = row.map(str::to_string).collect();
        cells.resize(columns, String::new());
        cells
    };
    // The structured body says which rows are sections and totals; its cells hold lists
    // that the plain rows flatten with "; ", so the plain rows are what is printed.
    let rows = t
        .body
        .iter()
        .map(|row| TableRow {
            cells: pad(&mut row.texts()),
            strong: matches!(row.kind, RowKind::Section | RowKind::Total),
        })
        .collect();
    TableData {
        caption: t.caption.clone(),
        columns,
        header: t
            .header
            .iter()
            .map(|r| pad(&mut r.iter().map(String::as_str)))
            .collect(),
        rows,
        numeric: (0..columns)
            .map(|c| t.numeric.get(c).copied().unwrap_or(false))
            .collect(),
        footnotes: t.footnotes.iter().map(Text::to_plain).collect(),
    }
}

/// Every decision of the pack, grouped by minute (or by document when recorded outside
/// minutes), each with where it is.
fn decision_nodes(pack: &Pack, notes: &[ExportNote]) -> Vec<Node> {
    let mut out = Vec::new();
    let mut any = false;
    for doc in &pack.documents {
        let minuted = doc.minutes.as_ref().map(|m| &m.items[..]).unwrap_or(&[]);
        let with_decisions: Vec<_> = minuted
            .iter()
            .filter(|m| !m.resolutions.is_empty())
            .collect();
        if with_decisions.is_empty() && doc.decisions.is_empty() {
            continue;
        }
        any = true;
        let mut b = Builder::new(pack);
        b.push(
            Some(Lines::one(doc.lines.first())),
            Node::Heading {
                level: 1,
                text: doc.title.clone(),
            },
        );
        b.push(None, Node::Meta(doc_meta(pack, doc)));
        for minute in with_decisions {
            b.push(
                Some(Lines::one(minute.lines.first())),
                Node::Heading {
                    level: 2,
                    text: format!("Minute {}: {}", minute.number, minute.title),
                },
            );
            // Not matched to this pack's agenda: the minutes are of an earlier meeting,
            // whose items are not this agenda's (the document's line says which item of
            // this agenda the minutes are).
            b.push(None, Node::Meta(where_is(pack, minute.lines)));
            for r in &minute.resolutions {
                decision(&mut b, pack, r, "RESOLVED");
            }
        }
        if !doc.decisions.is_empty() {
            if doc.minutes.is_some() {
                b.push(
                    None,
                    Node::Heading {
                        level: 2,
                        text: "Decisions outside numbered minutes".into(),
                    },
                );
            }
            for r in &doc.decisions {
                decision(&mut b, pack, r, "Decision");
            }
        }
        out.extend(b.finish(doc.lines, notes));
    }
    if !any {
        out.push(Node::Paragraph {
            marker: None,
            indent: 0,
            runs: vec![Run::plain("The pack records no decisions.")],
        });
    }
    out
}

fn decision(b: &mut Builder<'_>, pack: &Pack, r: &Resolution, kind: &str) {
    let mut label = match &r.number {
        Some(n) => format!("{kind} {n}"),
        None => kind.to_string(),
    };
    if let Some(outcome) = &r.outcome {
        label.push_str(&format!(" ({outcome})"));
    }
    label.push_str(&format!(" \u{00b7} {}", where_is(pack, r.lines)));
    let mut text = match &r.lead_in {
        Some(lead) => format!("{lead} {}", r.text),
        None => r.text.clone(),
    };
    if let Some(v) = &r.votes {
        let counts: Vec<String> = [
            ("for", v.for_count),
            ("against", v.against_count),
            ("abstaining", v.abstain_count),
        ]
        .into_iter()
        .filter_map(|(what, n)| n.map(|n| format!("{n} {what}")))
        .collect();
        if !counts.is_empty() {
            text.push_str(&format!(" (Vote: {}.)", counts.join(", ")));
        }
    }
    b.push(Some(r.lines), Node::Decision { label, text });
}

pub use crate::parse::dates::long_date;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocId;

    fn sample() -> Pack {
        crate::parse::parse(include_str!("../../../../seeds/000_4a9d1e279dbb7497.txt"))
    }

    fn headings(flow: &Flow) -> Vec<String> {
        flow.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Heading { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_item_brings_its_papers_and_no_other() {
        let pack = sample();
        let (item, other) = {
            let with_papers: Vec<&AgendaItem> = pack
                .agenda
                .iter()
                .filter(|a| !a.documents.is_empty())
                .collect();
            (with_papers[0], with_papers[with_papers.len() - 1])
        };
        assert_ne!(
            item.number, other.number,
            "the sample has two items with papers"
        );
        let flow =
            Flow::build(&pack, &Selection::Items(vec![item.number.clone()]), None).expect("builds");
        let heads = headings(&flow);
        for id in &item.documents {
            let doc = pack.document(*id).expect("linked paper");
            assert!(heads.contains(&doc.title), "{} in {heads:?}", doc.title);
        }
        for id in &other.documents {
            let doc = pack.document(*id).expect("linked paper");
            if item.documents.contains(id) {
                continue;
            }
            assert!(!heads.contains(&doc.title), "{} leaked", doc.title);
        }
    }

    #[test]
    fn a_note_follows_the_block_holding_its_line() {
        let pack = sample();
        let doc = pack
            .documents
            .iter()
            .find(|d| d.blocks.len() > 5 && d.kind != DocKind::Agenda)
            .expect("a paper with blocks");
        let block = &doc.blocks[doc.blocks.len() / 2];
        let note = ExportNote {
            line: block.lines.first(),
            kind: "note".into(),
            text: "Ask about the waiting list".into(),
            quote: String::new(),
        };
        let outside = ExportNote {
            line: u32::MAX,
            ..note.clone()
        };
        let flow = Flow::build(
            &pack,
            &Selection::Document(doc.id),
            Some(&[note.clone(), outside]),
        )
        .expect("builds");
        let at = flow
            .nodes
            .iter()
            .position(|n| *n == Node::Note(note.clone()))
            .expect("the note is placed");
        assert_eq!(
            flow.nodes
                .iter()
                .filter(|n| matches!(n, Node::Note(_)))
                .count(),
            1,
            "a note outside the selection is left out"
        );
        let before = flow.nodes.get(at - 1).expect("a node before the note");
        assert!(!matches!(before, Node::Meta(_)), "not put under the title");
        let without = Flow::build(&pack, &Selection::Document(doc.id), None).expect("builds");
        assert_eq!(without.nodes.len() + 1, flow.nodes.len());
    }

    #[test]
    fn decisions_are_every_resolution_once() {
        let pack = sample();
        let expected: usize = pack
            .documents
            .iter()
            .map(|d| {
                d.decisions.len()
                    + d.minutes
                        .as_ref()
                        .map_or(0, |m| m.items.iter().map(|i| i.resolutions.len()).sum())
            })
            .sum();
        assert!(expected > 0, "the sample minutes resolve something");
        let flow = Flow::build(&pack, &Selection::Decisions, None).expect("builds");
        let decisions = flow
            .nodes
            .iter()
            .filter(|n| matches!(n, Node::Decision { .. }))
            .count();
        assert_eq!(decisions, expected);
    }

    #[test]
    fn a_document_out_of_range_is_an_error() {
        let pack = sample();
        assert!(Flow::build(&pack, &Selection::Document(DocId(9999)), None).is_err());
    }

    #[test]
    fn the_whole_pack_has_every_title() {
        let pack = sample();
        let flow = Flow::build(&pack, &Selection::Pack, None).expect("builds");
        let heads = headings(&flow);
        for doc in &pack.documents {
            assert!(heads.contains(&doc.title), "{}", doc.title);
        }
    }
}
