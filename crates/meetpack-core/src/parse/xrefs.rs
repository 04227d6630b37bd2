//! Cross-references in the text ("Minute 15 above", "see Appendix 2", "(Pages 11 - 16)",
//! "paragraph 3.4", "Agenda Item 5") become links to the place they name in the same pack.
//!
//! Runs last, once documents, blocks, minutes and the agenda's links exist. Every phrase is
//! found by one regex scan of each text (after a cheap test for its key words), and every
//! target is looked up in tables built once per pack (or once per document, for numbered
//! paragraphs), so the pass is linear in the text. A phrase that names nothing in the pack
//! stays plain text: a link that goes to the wrong place is worse than none.
//!
//! The rules, per kind of phrase:
//! - **Minute** `Minute(s) [No.] N [above|below]`: a numbered minute of the pack with that
//!   number; with above/below, the nearest in that direction within the same document.
//! - **Appendix** `Appendix|Annex N|A`: a heading of the same document that starts with
//!   the phrase, else a document titled with it that belongs to the same agenda item, or
//!   is bound directly behind the referring document. Minutes refer to appendices of other
//!   meetings' papers: from minutes only their own appendices count.
//! - **Pages** `(Pages 11 - 16)`, `(Page 5)`: the PDF page that carries the printed number
//!   (via `pack.source`); in a text pack, the paper of the agenda item the phrase is on.
//! - **Paragraph** `paragraph|para N[.M]`, `section N.M` (a whole "Section 25" is an Act's
//!   far more often), and `item N above|below`: a numbered
//!   paragraph or heading of the same document (the nearest one in the given direction,
//!   else the nearest). Not when the phrase names another document's paragraph: followed by
//!   "of" (other than "of the/this report"), by "(" or "/", or preceded in its clause by an
//!   Act, a Plan, the Constitution, a Schedule, a Part…; nor "under section N".
//! - **Agenda item** `Agenda Item N`, and `item N` in prose: the item's first paper (the
//!   item on the front sheet when it has none). Never in a heading's item stamp pointing at
//!   its own document, never in tables (a work programme's columns hold item numbers that
//!   are not references), and not from minutes of another meeting (their items are that
//!   meeting's).

use std::collections::HashMap;

use super::text::static_regex;
use crate::model::{
    BlockKind, DocId, DocKind, Document, Inline, Lines, Pack, Text, XRef, XRefKind,
};

static_regex!(
    PHRASE,
    r"(?x)
      (?P<minute>\b(?i:minutes?|min\.)\s+(?:(?i:no\.?|number)\s*)?(?P<mnum>\d+(?:[./]\d+)*)(?:\s+(?P<mdir>(?i:above|below)))?)
    | (?P<appendix>\b(?i:appendix|annexe?)\s+(?P<aid>\d+\b|[A-Z]\b))
    | (?P<pages>\((?i:pages?)\s+(?P<p1>\d+)(?:\s*(?:-|–|to)\s*\d+)?\))
    | (?P<para>\b(?i:paragraphs?|paras?\.?|sections?)\s+(?P<pnum>\d+(?:\.\d+)*)(?:\s+(?P<pdir>(?i:above|below)))?)
    | (?P<item>\b(?P<agenda>(?i:agenda)\s+)?(?i:item)\s+(?:(?i:no\.?)\s*)?(?P<inum>\d+)\b(?:\s+(?P<idir>(?i:above|below)))?)
    "
);

/// Lower-case key words one of which every phrase contains: a text without any of them
/// is not scanned by the regex.
const KEYS: [&[u8]; 7] = [
    b"minute", b"min.", b"append", b"annex", b"page", b"para", b"item",
];
const SECTION: &[u8] = b"section";

/// Words that, before a paragraph number in the same clause, name another document.
const EXTERNAL: [&str; 16] = [
    " act",
    "plan",
    "constitution",
    "schedule",
    "part ",
    "regulation",
    "nppf",
    " spd",
    "guidance",
    "framework",
    "code",
    "standing order",
    "order ",
    "policy",
    "strategy",
    "convention",
];

/// Resolves the cross-references of every document of the pack in place.
pub fn link(pack: &mut Pack) {
    let index = PackIndex::new(pack);
    let other_meeting: Vec<bool> = pack
        .documents
        .iter()
        .map(|d| is_other_meeting(pack, d))
        .collect();
    // Phrases are resolved with the documents as they are, into copies of the few texts
    // that hold one; the copies replace the texts afterwards.
    let mut linked: Vec<(usize, usize, Option<usize>, Text)> = Vec::new();
    for (d, doc) in pack.documents.iter().enumerate() {
        // Most blocks hold no phrase at all, and a document without one is never indexed.
        // Each block is scanned for the key words once.
        let keyed: Vec<bool> = doc.blocks.iter().map(block_has_key).collect();
        if !keyed.contains(&true) {
            continue;
        }
        let here = std::cell::OnceCell::new();
        let scope = Scope {
            pack,
            index: &index,
            here: &here,
            document: Some(doc),
            doc: doc.id,
            kind: doc.kind,
            other_meeting: other_meeting.get(d).copied().unwrap_or(false),
        };
        for (b, block) in doc.blocks.iter().enumerate() {
            if !keyed[b] {
                continue;
            }
            let lines = block.lines;
            match &block.kind {
                BlockKind::Paragraph { text }
                | BlockKind::Numbered { text, .. }
                | BlockKind::ListItem { text, .. }
                | BlockKind::Resolution { text, .. }
                | BlockKind::Footnote { text } => {
                    let mut text = text.clone();
                    scope.link_text(&mut text, lines, true, false);
                    linked.push((d, b, None, text));
                }
                BlockKind::Heading { text, .. } => {
                    let mut text = text.clone();
                    scope.link_text(&mut text, lines, false, true);
                    linked.push((d, b, None, text));
                }
                BlockKind::Fields { fields } => {
                    for (f, field) in fields.iter().enumerate() {
                        let mut text = field.value.clone();
                        scope.link_text(&mut text, lines, false, false);
                        linked.push((d, b, Some(f), text));
                    }
                }
                _ => {}
            }
        }
    }
    for (d, b, field, text) in linked {
        let Some(block) = pack
            .documents
            .get_mut(d)
            .and_then(|doc| doc.blocks.get_mut(b))
        else {
            continue;
        };
        match (&mut block.kind, field) {
            (BlockKind::Fields { fields }, Some(f)) => {
                if let Some(field) = fields.get_mut(f) {
                    field.value = text;
                }
            }
            (
                BlockKind::Paragraph { text: slot }
                | BlockKind::Numbered { text: slot, .. }
                | BlockKind::ListItem { text: slot, .. }
                | BlockKind::Resolution { text: slot, .. }
                | BlockKind::Footnote { text: slot }
                | BlockKind::Heading { text: slot, .. },
                None,
            ) => *slot = text,
            _ => {}
        }
    }
    // Sub-items of the front sheet ("a) To agree the minutes …"): linked on copies, as
    // the agenda is also what their targets are looked up in.
    let Some(sheet) = index.front_sheet else {
        return;
    };
    let here = std::cell::OnceCell::new();
    let scope = Scope {
        pack,
        index: &index,
        here: &here,
        document: None,
        doc: sheet,
        kind: DocKind::Agenda,
        other_meeting: false,
    };
    let mut linked = Vec::new();
    for (i, item) in pack.agenda.iter().enumerate() {
        for (k, sub) in item.sub_items.iter().enumerate() {
            if sub.text.spans.iter().any(|s| has_key(&s.text)) {
                let mut text = sub.text.clone();
                scope.link_text(&mut text, sub.lines, true, false);
                linked.push((i, k, text));
            }
        }
    }
    for (i, k, text) in linked {
        if let Some(sub) = pack.agenda.get_mut(i).and_then(|a| a.sub_items.get_mut(k)) {
            sub.text = text;
        }
    }
}

/// How many cross-reference phrases a parsed pack holds and how many were linked, by kind
/// of phrase: what `tests/xrefs.rs` reports over the seeds and the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Survey {
    /// Phrases of each kind in the order of [`KINDS`]: (found, linked).
    pub counts: [(usize, usize); 5],
}

/// The kinds of phrase, in the order of [`Survey::counts`].
pub const KINDS: [XRefKind; 5] = [
    XRefKind::Minute,
    XRefKind::Appendix,
    XRefKind::Pages,
    XRefKind::Paragraph,
    XRefKind::AgendaItem,
];

impl Survey {
    pub fn of(pack: &Pack) -> Self {
        let mut survey = Survey::default();
        let slot = |kind: XRefKind| KINDS.iter().position(|k| *k == kind).unwrap_or(0);
        let mut count = |text: &Text| {
            for span in &text.spans {
                if let Some(xref) = &span.xref {
                    survey.counts[slot(xref.kind)].1 += 1;
                }
            }
            let plain = text.to_plain();
            for caps in PHRASE.captures_iter(&plain) {
                let kind = if caps.name("minute").is_some() {
                    XRefKind::Minute
                } else if caps.name("appendix").is_some() {
                    XRefKind::Appendix
                } else if caps.name("pages").is_some() {
                    XRefKind::Pages
                } else if caps.name("para").is_some() || caps.name("idir").is_some() {
                    XRefKind::Paragraph
                } else {
                    XRefKind::AgendaItem
                };
                survey.counts[slot(kind)].0 += 1;
            }
        };
        for doc in &pack.documents {
            for block in &doc.blocks {
                match &block.kind {
                    BlockKind::Paragraph { text }
                    | BlockKind::Numbered { text, .. }
                    | BlockKind::ListItem { text, .. }
                    | BlockKind::Resolution { text, .. }
                    | BlockKind::Footnote { text }
                    | BlockKind::Heading { text, .. } => count(text),
                    BlockKind::Fields { fields } => fields.iter().for_each(|f| count(&f.value)),
                    _ => {}
                }
            }
        }
        for item in &pack.agenda {
            item.sub_items.iter().for_each(|s| count(&s.text));
        }
        survey
    }

    /// (found, linked) over every kind.
    pub fn total(&self) -> (usize, usize) {
        self.counts
            .iter()
            .fold((0, 0), |(f, l), (a, b)| (f + a, l + b))
    }
}

/// Minutes whose meeting is not the pack's: those of the last meeting, bound into this
/// one's pack. Their "item 6" is that meeting's item.
fn is_other_meeting(pack: &Pack, doc: &Document) -> bool {
    if doc.kind != DocKind::Minutes || pack.front_sheet().is_none() {
        return false;
    }
    let minuted = doc.minutes.as_ref().and_then(|m| m.date.as_deref());
    match (minuted, pack.meta.date.as_deref()) {
        (Some(a), Some(b)) => a != b,
        // Minutes that are an agenda item's paper are the last meeting's.
        _ => pack.agenda.iter().any(|a| a.documents.contains(&doc.id)),
    }
}

/// What the whole pack offers as targets.
#[derive(Default)]
struct PackIndex {
    /// Minute number → (document, first line, title), in pack order.
    minutes: HashMap<String, Vec<(DocId, u32, String)>>,
    /// "appendix 2" / "annex b" → documents titled so, in pack order.
    appendices: HashMap<String, Vec<DocId>>,
    /// Per document: its first line and title.
    docs: Vec<(Lines, String)>,
    front_sheet: Option<DocId>,
    /// Per document: the agenda item (index into `Pack::agenda`) it belongs to.
    item_of: Vec<Option<usize>>,
    /// Per document: the index of the main document it is bound behind (itself for a main
    /// document), so an appendix follows the report before it.
    bound_to: Vec<usize>,
}

impl PackIndex {
    fn new(pack: &Pack) -> Self {
        let mut index = PackIndex {
            front_sheet: pack.front_sheet().map(|d| d.id),
            ..PackIndex::default()
        };
        for doc in &pack.documents {
            index.docs.push((doc.lines, doc.title.clone()));
            if let Some(m) = &doc.minutes {
                for item in &m.items {
                    index
                        .minutes
                        .entry(normalise_number(&item.number))
                        .or_default()
                        .push((doc.id, item.lines.first(), item.title.clone()));
                }
            }
            if let Some(key) = appendix_key(&doc.title) {
                index.appendices.entry(key).or_default().push(doc.id);
            }
            let by_number = doc
                .agenda_item
                .as_deref()
                .and_then(|n| pack.agenda.iter().position(|a| a.number == n));
            let by_link = || {
                pack.agenda
                    .iter()
                    .position(|a| a.documents.contains(&doc.id))
            };
            index.item_of.push(by_number.or_else(by_link));
            let main = match doc.kind {
                DocKind::Appendix | DocKind::Other => {
                    index.bound_to.last().copied().unwrap_or(doc.id.index())
                }
                _ => doc.id.index(),
            };
            index.bound_to.push(main);
        }
        index
    }
}

/// What one document offers as targets: its numbered paragraphs and headings, and its
/// headings that start "Appendix N".
#[derive(Default)]
struct DocIndex {
    /// Number → first lines and labels, in order.
    numbered: HashMap<String, Vec<(u32, String)>>,
    appendices: HashMap<String, (u32, String)>,
}

impl DocIndex {
    fn new(doc: &Document) -> Self {
        let mut index = DocIndex::default();
        for block in &doc.blocks {
            let (number, text) = match &block.kind {
                BlockKind::Numbered { number, text } => (Some(number.as_str()), text),
                BlockKind::Heading { number, text, .. } => (number.as_deref(), text),
                BlockKind::ListItem { marker, text, .. } => (Some(marker.as_str()), text),
                BlockKind::Resolution { number, text } => (number.as_deref(), text),
                BlockKind::Paragraph { text } => (None, text),
                _ => continue,
            };
            if let Some(number) = number {
                let key = normalise_number(number);
                if key.starts_with(|c: char| c.is_ascii_digit()) {
                    let label = format!(
                        "paragraph {key}: {}",
                        crate::text::truncate(&text.to_plain(), 60)
                    );
                    index
                        .numbered
                        .entry(key)
                        .or_default()
                        .push((block.lines.first(), label));
                }
            }
            // A heading, not a paragraph: a note's list of its appendices is not one.
            if matches!(block.kind, BlockKind::Heading { .. }) {
                let plain = text.to_plain();
                if let Some(key) = appendix_key(&plain) {
                    index.appendices.entry(key).or_insert((
                        block.lines.first(),
                        crate::text::truncate(&plain, 60).into_owned(),
                    ));
                }
            }
        }
        index
    }
}

/// Everything a phrase in one document is resolved against.
struct Scope<'a> {
    pack: &'a Pack,
    index: &'a PackIndex,
    /// The document's own targets, indexed on first need.
    here: &'a std::cell::OnceCell<DocIndex>,
    document: Option<&'a Document>,
    doc: DocId,
    kind: DocKind,
    other_meeting: bool,
}

impl Scope<'_> {
    fn here(&self) -> &DocIndex {
        self.here
            .get_or_init(|| self.document.map(DocIndex::new).unwrap_or_default())
    }

    /// Splits the spans of a text where phrases resolve. `prose` allows a bare "item N";
    /// `heading` marks a heading, whose item stamp names its own paper.
    fn link_text(&self, text: &mut Text, lines: Lines, prose: bool, heading: bool) {
        if !text.spans.iter().any(|s| has_key(&s.text)) {
            return;
        }
        let mut spans = Vec::with_capacity(text.spans.len() + 2);
        for span in std::mem::take(&mut text.spans) {
            if span.link.is_some() || span.xref.is_some() || !has_key(&span.text) {
                spans.push(span);
                continue;
            }
            let mut at = 0;
            for caps in PHRASE.captures_iter(&span.text) {
                let Some(whole) = caps.get(0) else { continue };
                let Some(xref) =
                    self.resolve(&caps, &span.text, whole.start(), lines, prose, heading)
                else {
                    continue;
                };
                // "(Pages 11 - 16)": the link covers the words, not the brackets.
                let (start, end) = if caps.name("pages").is_some() {
                    (whole.start() + 1, whole.end() - 1)
                } else {
                    (whole.start(), whole.end())
                };
                if start > at {
                    spans.push(piece(&span, &span.text[at..start], None));
                }
                spans.push(piece(&span, &span.text[start..end], Some(xref)));
                at = end;
            }
            if at == 0 {
                spans.push(span);
            } else if at < span.text.len() {
                spans.push(piece(&span, &span.text[at..], None));
            }
        }
        text.spans = spans;
    }

    fn resolve(
        &self,
        caps: &regex::Captures<'_>,
        text: &str,
        start: usize,
        lines: Lines,
        prose: bool,
        heading: bool,
    ) -> Option<XRef> {
        let found = if let Some(n) = caps.name("mnum") {
            let dir = direction(caps.name("mdir").map(|m| m.as_str()));
            self.minute(&normalise_number(n.as_str()), dir, lines)
        } else if caps.name("aid").is_some() {
            self.appendix(&appendix_key(caps.name("appendix")?.as_str())?)
        } else if let Some(p) = caps.name("p1") {
            self.pages(p.as_str().parse().ok()?, lines)
        } else if let Some(n) = caps.name("pnum") {
            let end = caps.get(0)?.end();
            let word = caps.name("para")?.as_str();
            if names_another_document(text, start, end, word) {
                return None;
            }
            let dir = direction(caps.name("pdir").map(|m| m.as_str()));
            // "Section 25", "Section 1 'Building a strong economy'": a whole section
            // number is an Act's or another document's far more often than this one's.
            let section = word.to_ascii_lowercase().starts_with("section");
            if section && !n.as_str().contains('.') && dir == Direction::Any {
                return None;
            }
            self.paragraph(&normalise_number(n.as_str()), dir, lines)
        } else if let Some(n) = caps.name("inum") {
            let end = caps.get(0)?.end();
            if let Some(dir) = caps.name("idir") {
                // "Further to item 4 above": a numbered point of this document.
                self.paragraph(n.as_str(), direction(Some(dir.as_str())), lines)
            } else {
                let agenda = caps.name("agenda").is_some();
                let follows = text.get(end..).unwrap_or("");
                if (!agenda && !prose)
                    || self.other_meeting
                    || self.kind == DocKind::WorkProgramme
                    || follows.starts_with('(')
                    || follows.trim_start().starts_with("of ")
                {
                    return None;
                }
                self.agenda_item(n.as_str(), heading)
            }
        } else {
            None
        };
        // A phrase never links to the block it is in (an appendix's own title).
        found.filter(|x| !(x.doc == self.doc && lines.contains(x.line)))
    }

    fn minute(&self, number: &str, dir: Direction, lines: Lines) -> Option<XRef> {
        let candidates = self.index.minutes.get(number)?;
        let here: Vec<(u32, &String)> = candidates
            .iter()
            .filter(|(doc, _, _)| *doc == self.doc)
            .map(|(_, line, title)| (*line, title))
            .collect();
        let (doc, line, title) = match (nearest(&here, dir, lines), dir) {
            (Some((line, title)), _) => (self.doc, line, title),
            // "above"/"below" is about this document; elsewhere the number must be unique.
            (None, Direction::Any) if candidates.len() == 1 => {
                let (doc, line, title) = &candidates[0];
                (*doc, *line, title)
            }
            _ => return None,
        };
        Some(XRef {
            kind: XRefKind::Minute,
            doc,
            line,
            page: None,
            title: format!("Minute {number}: {title}"),
        })
    }

    fn appendix(&self, key: &str) -> Option<XRef> {
        let own = || {
            let (line, title) = self.here().appendices.get(key)?;
            Some(XRef {
                kind: XRefKind::Appendix,
                doc: self.doc,
                line: *line,
                page: None,
                title: title.clone(),
            })
        };
        // Minutes cite the appendices of the papers they minuted, not of this pack.
        if self.other_meeting {
            return own();
        }
        let here = self.doc.index();
        let item = self.index.item_of.get(here).copied().flatten();
        let bound = self.index.bound_to.get(here).copied();
        let target = self.index.appendices.get(key).and_then(|docs| {
            docs.iter().find(|d| {
                let same_item =
                    item.is_some() && self.index.item_of.get(d.index()).copied().flatten() == item;
                let behind =
                    bound.is_some() && self.index.bound_to.get(d.index()).copied() == bound;
                **d != self.doc && (same_item || behind)
            })
        });
        let Some(target) = target else {
            return own();
        };
        let (lines, title) = self.index.docs.get(target.index())?;
        Some(XRef {
            kind: XRefKind::Appendix,
            doc: *target,
            line: lines.first(),
            page: None,
            title: title.clone(),
        })
    }

    fn pages(&self, printed: u32, lines: Lines) -> Option<XRef> {
        let source = &self.pack.source;
        if !source.page_lines.is_empty() {
            let page = source.page_printed(printed)?;
            let line = source.page_start(page)?;
            let doc = self.index.docs.iter().position(|(l, _)| l.last() >= line)?;
            let first = self.index.docs.get(doc)?.0.first();
            return Some(XRef {
                kind: XRefKind::Pages,
                doc: DocId(doc as u32),
                line: line.max(first),
                page: Some(page),
                title: format!("PDF page {page} (printed page {printed})"),
            });
        }
        // A text pack has no pages: the phrase on an agenda item names that item's paper.
        let item = self
            .pack
            .agenda
            .iter()
            .find(|a| a.lines.contains(lines.first()))?;
        let doc = *item.documents.first()?;
        let (lines, title) = self.index.docs.get(doc.index())?;
        Some(XRef {
            kind: XRefKind::Pages,
            doc,
            line: lines.first(),
            page: None,
            title: format!("Item {}: {title}", item.number),
        })
    }

    fn paragraph(&self, number: &str, dir: Direction, lines: Lines) -> Option<XRef> {
        let candidates: Vec<(u32, &String)> = self
            .here()
            .numbered
            .get(number)?
            .iter()
            .map(|(line, label)| (*line, label))
            .collect();
        let (line, title) = nearest(&candidates, dir, lines)?;
        Some(XRef {
            kind: XRefKind::Paragraph,
            doc: self.doc,
            line,
            page: None,
            title: title.clone(),
        })
    }

    fn agenda_item(&self, number: &str, heading: bool) -> Option<XRef> {
        let (index, item) = self
            .pack
            .agenda
            .iter()
            .enumerate()
            .find(|(_, a)| a.number == number)?;
        let paper = item
            .documents
            .first()
            .and_then(|d| Some((*d, self.index.docs.get(d.index())?.0.first())));
        let (doc, line) = match (paper, self.index.front_sheet) {
            (Some(paper), _) => paper,
            (None, Some(sheet)) => (sheet, item.lines.first()),
            (None, None) => return None,
        };
        // The "Agenda Item 6" stamp on a paper of item 6 names the paper itself.
        if heading && self.index.item_of.get(self.doc.index()).copied().flatten() == Some(index) {
            return None;
        }
        Some(XRef {
            kind: XRefKind::AgendaItem,
            doc,
            line,
            page: None,
            title: format!("Item {}: {}", item.number, item.title),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Above,
    Below,
    Any,
}

fn direction(word: Option<&str>) -> Direction {
    match word.map(str::to_ascii_lowercase).as_deref() {
        Some("above") => Direction::Above,
        Some("below") => Direction::Below,
        _ => Direction::Any,
    }
}

/// The candidate (by first line) nearest to the phrase, in the direction it says.
fn nearest<'a, T>(candidates: &[(u32, &'a T)], dir: Direction, lines: Lines) -> Option<(u32, &'a T)>
where
    T: ?Sized,
{
    let at = lines.first();
    candidates
        .iter()
        .filter(|(line, _)| match dir {
            Direction::Above => *line < at,
            Direction::Below => *line > lines.last(),
            Direction::Any => true,
        })
        .min_by_key(|(line, _)| line.abs_diff(at))
        .copied()
}

/// Whether a block's text holds one of the key words.
fn block_has_key(block: &crate::model::Block) -> bool {
    let text_has = |t: &Text| t.spans.iter().any(|s| has_key(&s.text));
    match &block.kind {
        BlockKind::Paragraph { text }
        | BlockKind::Numbered { text, .. }
        | BlockKind::ListItem { text, .. }
        | BlockKind::Resolution { text, .. }
        | BlockKind::Footnote { text }
        | BlockKind::Heading { text, .. } => text_has(text),
        BlockKind::Fields { fields } => fields.iter().any(|f| text_has(&f.value)),
        _ => false,
    }
}

/// Whether a text holds one of the key words (ASCII case ignored) at the start of a word,
/// without allocating. One tight pass: this runs over every paragraph of the pack.
fn has_key(text: &str) -> bool {
    // The keys' first four bytes, lower case, as little-endian words.
    const fn word(k: &[u8]) -> u32 {
        u32::from_le_bytes([k[0], k[1], k[2], k[3]])
    }
    const WORDS: [u32; 8] = [
        word(KEYS[0]),
        word(KEYS[1]),
        word(KEYS[2]),
        word(KEYS[3]),
        word(KEYS[4]),
        word(KEYS[5]),
        word(KEYS[6]),
        word(SECTION),
    ];
    // Per byte: bit 0, it continues a word (ASCII letter, digit, "_"); bit 1, a key can
    // start with it (m, a, p, i, s in either case). A static, not a const: indexing a
    // const array at run time may copy it first.
    static CLASSES: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            if c.is_ascii_alphanumeric() || c == b'_' {
                t[b] |= 1;
            }
            if matches!(c | 0x20, b'm' | b'a' | b'p' | b'i' | b's') && c.is_ascii_alphabetic() {
                t[b] |= 2;
            }
            b += 1;
        }
        t
    };
    let bytes = text.as_bytes();
    if bytes.len() < 4 {
        return false;
    }
    let mut prev = 0u8;
    for (i, &b) in bytes[..bytes.len() - 3].iter().enumerate() {
        let class = CLASSES[b as usize];
        // A key starts at a word boundary (`\b`, or "(" before "Pages"): "separate",
        // "compare" or "intersection" need no scan. A non-ASCII byte before may end a
        // letter or not, so it does not rule the key out. (Branch-free: a key can start
        // here and the byte before continues no word.)
        if class & !(prev << 1) & 2 != 0 {
            // Setting bit 5 lower-cases ASCII letters and leaves ".", which is in a key,
            // as it is; what else it changes only lets a text through to the regex.
            let four = u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]])
                | 0x2020_2020;
            if WORDS.contains(&four) {
                return true;
            }
        }
        prev = class;
    }
    false
}

/// "paragraph 215 of the NPPF", "The NPPF at paragraph 56", "Section 106 agreement",
/// "under Section 11": a paragraph of another document, not of this one.
fn names_another_document(text: &str, start: usize, end: usize, word: &str) -> bool {
    let after = text.get(end..).unwrap_or("").trim_start().to_lowercase();
    if after.starts_with('(') || after.starts_with('/') {
        return true;
    }
    if let Some(rest) = after.strip_prefix("of ") {
        let rest = rest.trim_start();
        let this = [
            "the report",
            "this report",
            "this note",
            "this paper",
            "this document",
        ];
        if !this.iter().any(|t| rest.starts_with(t)) {
            return true;
        }
    }
    let section = word.to_ascii_lowercase().starts_with("section");
    if section
        && [
            "agreement",
            "act",
            "contribution",
            "obligation",
            "officer",
            "audit",
            "notice",
            "money",
            "funding",
        ]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return true;
    }
    // The clause before the phrase: back to the last sentence stop, at most 60 bytes.
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..start).unwrap_or("");
    let clause = before
        .rsplit(['.', ';', ':'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    if section && clause.trim_end().ends_with("under") {
        return true;
    }
    EXTERNAL.iter().any(|w| clause.contains(w))
}

/// "Appendix 2: Where activities took place" → "appendix 2"; "Annex B" → "annex b".
fn appendix_key(title: &str) -> Option<String> {
    let mut words = title.split_whitespace();
    let word = words.next()?.to_ascii_lowercase();
    let word = match word.as_str() {
        "appendix" => "appendix",
        "annex" | "annexe" => "annex",
        _ => return None,
    };
    let id = match words.next() {
        Some(id) => id.trim_end_matches([':', '.', ',', '-', '–', ')']),
        None => return Some(word.to_string()),
    };
    let valid = id.chars().all(|c| c.is_ascii_digit())
        || (id.len() == 1 && id.chars().all(|c| c.is_ascii_alphabetic()));
    (valid && !id.is_empty()).then(|| format!("{word} {}", id.to_ascii_lowercase()))
}

/// "15.", "(3)", "63/20", "2.1" → "15", "3", "63/20", "2.1".
fn normalise_number(number: &str) -> String {
    number
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':'])
        .to_string()
}

fn piece(span: &Inline, text: &str, xref: Option<XRef>) -> Inline {
    Inline {
        text: text.to_string(),
        bold: span.bold,
        italic: span.italic,
        underline: span.underline,
        link: None,
        xref,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prints the pass's share of the parse time on the largest seed (`cargo test --lib
    /// xrefs::tests::share -- --nocapture`); nothing is asserted about time.
    #[test]
    fn share_of_the_parse_time() {
        let text = include_str!("../../../../seeds/004_9a99625675b12858.txt");
        let (mut parse, mut pass) = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            let started = std::time::Instant::now();
            let pack = crate::parse::parse(text);
            parse = parse.min(started.elapsed().as_secs_f64());
            let mut copy = pack.clone();
            let started = std::time::Instant::now();
            link(&mut copy);
            pass = pass.min(started.elapsed().as_secs_f64());
            assert_eq!(copy, pack, "linking twice changes nothing");
        }
        println!(
            "parse {:.1} ms (with the pass), xrefs pass {:.2} ms: {:.1}%",
            parse * 1e3,
            pass * 1e3,
            100.0 * pass / parse
        );
    }

    #[test]
    fn key_words_are_found_in_any_case() {
        assert!(has_key("see APPENDIX 2"));
        assert!(has_key("Minute 15 above"));
        assert!(has_key("(Pages 11 - 16)"));
        assert!(has_key("section 3"));
        assert!(!has_key("nothing to see here"));
    }

    #[test]
    fn appendix_keys_from_titles() {
        assert_eq!(
            appendix_key("Appendix 1: Summer holiday providers").as_deref(),
            Some("appendix 1")
        );
        assert_eq!(appendix_key("ANNEX B").as_deref(), Some("annex b"));
        assert_eq!(appendix_key("Appendices and notes"), None);
        assert_eq!(appendix_key("Appendix to the report"), None);
    }

    #[test]
    fn numbers_lose_their_punctuation() {
        assert_eq!(normalise_number("15."), "15");
        assert_eq!(normalise_number("(3)"), "3");
        assert_eq!(normalise_number("63/20"), "63/20");
    }

    #[test]
    fn another_documents_paragraph_is_recognised() {
        let t = "as required by paragraph 215 of the NPPF, adopted";
        let s = t.find("paragraph").unwrap();
        let e = s + "paragraph 215".len();
        assert!(names_another_document(t, s, e, "paragraph"));
        let t = "set out under paragraph 271 of the report.";
        let s = t.find("paragraph").unwrap();
        assert!(!names_another_document(t, s, s + 13, "paragraph"));
        let t = "The NPPF at paragraph 56 stresses";
        let s = t.find("paragraph").unwrap();
        assert!(names_another_document(t, s, s + 12, "paragraph"));
        let t = "a Section 106 agreement";
        let s = t.find("Section").unwrap();
        assert!(names_another_document(t, s, s + 11, "Section"));
        let t = "duties under Section 11 Children Act 2004";
        let s = t.find("Section").unwrap();
        assert!(names_another_document(t, s, s + 10, "Section"));
    }
}
