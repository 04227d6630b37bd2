//! What the reader shows, as plain text: the items a document is drawn as ([`Item`],
//! [`build_items`]) and, per item, every string a card, block, table or gutter shows.
//! This is the one definition: the viewer draws its cards from these helpers
//! ([`meta_lines`], [`note_rows`], [`attendance_groups`]), its Find (Ctrl+F) searches
//! these strings, and so do find in pack and `meetpack find` ([`super::find`]), so what
//! can be found, what is shown and what the "no line left out" test checks cannot drift
//! apart.
//!
//! The reader also uses it to decide what a card replaces: a letterhead or front-sheet
//! block is left out of the flow only when a card above already draws all its words.

use crate::model::{AgendaItem, BlockKind, DocKind, Document, Meta, Minutes, NoteDetails, Pack};
use crate::parse::dates::long_date;
use crate::text::truncate;

/// Parts of a block item that are not its text: the number or marker in its gutter, and
/// (for a list of fields) the labels. Find counts a match there and scrolls to the item.
pub const GUTTER_PART: usize = 1 << 20;
pub const LABEL_PART: usize = 1 << 21;

/// Parts of the title card.
pub const TITLE_KIND: usize = 1;
pub const TITLE_HELD: usize = 2;
pub const TITLE_AGENDA: usize = 3;

/// Parts of an agenda item card: its title is part 0, sub-items from `AGENDA_SUB`.
pub const AGENDA_NUMBER: usize = 1;
pub const AGENDA_PAGES: usize = 2;
pub const AGENDA_PRESENTER: usize = 3;
pub const AGENDA_DESCRIPTION: usize = 4;
pub const AGENDA_SECTION: usize = 5;
pub const AGENDA_SUB: usize = 100;
pub const AGENDA_PAPERS: usize = 10_000;

/// How long a paper's label may be in a list of papers (and the contents tree).
pub const LABEL_CHARS: usize = 80;

/// One thing the reader draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Kind, title and agenda item of the document.
    Title,
    /// Front sheet: committee, date, time, venue.
    Meta,
    /// Front sheet: one agenda item, by index into `Pack::agenda`.
    Agenda(usize),
    /// Briefing note: To, Date, Subject, authors, contacts.
    Note,
    /// Briefing note: the recommendations, "What the board is asked to do".
    Asks,
    /// Minutes: who attended.
    Attendance,
    /// A block, by index into `Document::blocks`.
    Block(usize),
}

/// The reader's items for a document, in reading order.
pub fn build_items(pack: &Pack, doc: &Document) -> Vec<Item> {
    let mut items = vec![Item::Title];
    let is_front_sheet = doc.kind == DocKind::Agenda && !pack.agenda.is_empty();
    if is_front_sheet {
        items.push(Item::Meta);
        items.extend(front_sheet_items(pack, doc));
        return items;
    }
    if doc.kind == DocKind::BriefingNote
        && let Some(note) = &doc.note
    {
        items.push(Item::Note);
        if !note.recommendations.is_empty() {
            items.push(Item::Asks);
        }
    }
    if let Some(m) = &doc.minutes
        && (!m.attendance.is_empty() || !m.present.is_empty() || !m.apologies.is_empty())
    {
        items.push(Item::Attendance);
    }
    // The letterhead the parser marked is shown by the cards above, but a block of it is
    // left out only when the cards draw all its words: a card must never swallow text
    // (the whole minutes read as an attendance list, a council's name, a reference).
    let shown = card_words(pack, doc, &items);
    let header_last = doc.header.map(|h| h.last());
    for (b, block) in doc.blocks.iter().enumerate() {
        let in_header = header_last.is_some_and(|last| block.lines.first() <= last);
        if !(in_header && covered(&block_plain(doc, &block.kind), &shown)) {
            items.push(Item::Block(b));
        }
    }
    items
}

/// Agenda items in place of the front-sheet text they were read from, plus the rest of
/// the sheet (contacts, membership, public access) in line order. Text above the first
/// item is the meeting header, already shown by the meta card.
fn front_sheet_items(pack: &Pack, doc: &Document) -> Vec<Item> {
    let first_item_line = pack
        .agenda
        .iter()
        .map(|a| a.lines.first())
        .min()
        .unwrap_or(0);
    let has_meta = pack.meta.committee.is_some();
    let mut placed: Vec<(u32, Item)> = pack
        .agenda
        .iter()
        .enumerate()
        .map(|(i, a)| (a.lines.first(), Item::Agenda(i)))
        .collect();
    // What each card draws; a block of the sheet is replaced by its card only when the
    // card draws all its words, else the block is shown too.
    let item_words: Vec<_> = (0..pack.agenda.len())
        .map(|i| card_words(pack, doc, &[Item::Agenda(i)]))
        .collect();
    let header_words = card_words(pack, doc, &[Item::Title, Item::Meta]);
    for (b, block) in doc.blocks.iter().enumerate() {
        let line = block.lines.first();
        let in_item = pack.agenda.iter().position(|a| a.lines.contains(line));
        let in_header = has_meta && line < first_item_line;
        let plain = block_plain(doc, &block.kind);
        let covered = match in_item {
            Some(i) => item_words
                .get(i)
                .is_some_and(|words| covered(&plain, words)),
            None => in_header && covered(&plain, &header_words),
        };
        if !covered {
            placed.push((line, Item::Block(b)));
        }
    }
    placed.sort_by_key(|(line, _)| *line);
    placed.into_iter().map(|(_, item)| item).collect()
}

/// "Briefing note: Family Valued Programme"; no prefix when the title already says what
/// it is ("Appendix 1: …", "Minutes of the Meeting …").
pub fn doc_label(doc: &Document) -> String {
    let kind = doc.kind.label();
    let first_word = kind.split(' ').next().unwrap_or(kind);
    let says_kind = doc
        .title
        .get(..first_word.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(first_word));
    if says_kind {
        truncate(&doc.title, LABEL_CHARS).into_owned()
    } else {
        format!("{kind}: {}", truncate(&doc.title, LABEL_CHARS))
    }
}

/// The meeting details card, one string a line, in the order drawn.
pub fn meta_lines(meta: &Meta) -> Vec<String> {
    let when = [meta.date.as_deref().map(long_date), meta.time.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let published = meta
        .published
        .as_deref()
        .map(|p| format!("Published {}", long_date(p)));
    [
        meta.committee.clone(),
        Some(when),
        meta.venue.clone(),
        published,
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect()
}

/// A briefing note's header card: (label, values) rows in the order drawn.
pub fn note_rows(note: &NoteDetails) -> Vec<(&'static str, Vec<String>)> {
    let mut rows = Vec::new();
    for (label, value) in [
        ("To", &note.to),
        ("Date", &note.date),
        ("Subject", &note.subject),
    ] {
        if let Some(v) = value {
            rows.push((label, vec![v.clone()]));
        }
    }
    if !note.authors.is_empty() {
        let authors = note.authors.iter().map(|a| match &a.role {
            Some(r) => format!("{} — {r}", a.name),
            None => a.name.clone(),
        });
        rows.push(("Authors", authors.collect()));
    }
    if !note.contacts.is_empty() {
        rows.push(("Contacts", note.contacts.clone()));
    }
    rows
}

/// The minutes' attendance card: (heading, entries) groups in the order drawn.
pub fn attendance_groups(m: &Minutes) -> Vec<(String, Vec<String>)> {
    let groups: Vec<(&str, &[String])> = if m.attendance.is_empty() {
        vec![("Present", &m.present[..]), ("Apologies", &m.apologies[..])]
    } else {
        m.attendance
            .iter()
            .map(|a| (a.label.as_str(), &a.entries[..]))
            .collect()
    };
    groups
        .into_iter()
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(label, entries)| (format!("{label} ({})", entries.len()), entries.to_vec()))
        .collect()
}

/// Every string the reader draws for a document, as (item, part, text), in reading order.
pub fn drawn_texts(pack: &Pack, doc: &Document, items: &[Item]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        item_texts(pack, doc, *item, i, &mut out);
    }
    out
}

/// The strings the reader draws for one document (cards, blocks, tables, furniture), in
/// reading order: a headless view of the reader for tests and tools.
pub fn document_texts(pack: &Pack, doc: &Document) -> Vec<String> {
    drawn_texts(pack, doc, &build_items(pack, doc))
        .into_iter()
        .map(|(_, _, t)| t)
        .collect()
}

fn item_texts(
    pack: &Pack,
    doc: &Document,
    item: Item,
    i: usize,
    out: &mut Vec<(usize, usize, String)>,
) {
    let mut push = |part: usize, text: String| {
        if !text.trim().is_empty() {
            out.push((i, part, text));
        }
    };
    match item {
        Item::Title => {
            push(0, doc.title.clone());
            if !doc.title.eq_ignore_ascii_case(doc.kind.label()) {
                push(TITLE_KIND, doc.kind.label().to_uppercase());
            }
            if let Some(date) = doc.minutes.as_ref().and_then(|m| m.date.as_deref()) {
                push(TITLE_HELD, held_label(date));
            }
            if let Some((_, agenda)) = agenda_of(pack, doc) {
                push(TITLE_AGENDA, agenda_link_label(agenda));
            }
        }
        Item::Meta => {
            for (p, line) in meta_lines(&pack.meta).into_iter().enumerate() {
                push(p, line);
            }
        }
        Item::Agenda(a) => {
            let Some(agenda) = pack.agenda.get(a) else {
                return;
            };
            // In reading order: the section heading above, the number in the gutter, the
            // title, its pages, then what the card lists under it.
            if let Some(s) = &agenda.section {
                push(AGENDA_SECTION, s.clone());
            }
            push(AGENDA_NUMBER, agenda.number.clone());
            push(0, agenda.title.clone());
            if let Some((first, last)) = agenda.pages {
                push(AGENDA_PAGES, format!("pages {first}–{last}"));
            }
            for (k, sub) in agenda.sub_items.iter().enumerate() {
                push(
                    AGENDA_SUB + k,
                    format!("{} {}", sub.marker, sub.text.to_plain()),
                );
            }
            if let Some(p) = &agenda.presenter {
                push(AGENDA_PRESENTER, p.clone());
            }
            if let Some(d) = &agenda.description {
                push(AGENDA_DESCRIPTION, d.clone());
            }
            if agenda.documents.len() > 1 {
                for (k, id) in agenda.documents.iter().enumerate() {
                    if let Some(paper) = pack.document(*id) {
                        push(AGENDA_PAPERS + k, doc_label(paper));
                    }
                }
            }
        }
        Item::Note => {
            let Some(note) = &doc.note else {
                return;
            };
            let mut p = 0;
            for (label, values) in note_rows(note) {
                push(p, label.to_string());
                p += 1;
                for v in values {
                    push(p, v);
                    p += 1;
                }
            }
        }
        Item::Asks => {
            let recs = doc.note.iter().flat_map(|n| n.recommendations.iter());
            for (p, r) in recs.enumerate() {
                push(p, r.clone());
            }
        }
        Item::Attendance => {
            let Some(m) = &doc.minutes else {
                return;
            };
            let mut p = 0;
            for (label, entries) in attendance_groups(m) {
                push(p, label);
                p += 1;
                for e in entries {
                    push(p, e);
                    p += 1;
                }
            }
        }
        Item::Block(b) => {
            let Some(block) = doc.blocks.get(b) else {
                return;
            };
            if let Some(gutter) = gutter_label(&block.kind) {
                push(GUTTER_PART, gutter.to_string());
            }
            let mut parts = Vec::new();
            searchable(doc, &block.kind, i, &mut parts);
            for (_, p, t) in parts {
                push(p, t);
            }
        }
    }
}

/// Lower-case words (letters and digits) of a text: what "the same words" means when the
/// reader decides whether a card already shows a block.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether a card draws all the words of `text`, in the same order (a word or two of
/// the card's own may come between, such as a label): then the card can stand in for it.
pub fn covered(text: &str, card: &[String]) -> bool {
    const GAP: usize = 3;
    let want: Vec<String> = words(text).collect();
    let Some(first) = want.first() else {
        return true;
    };
    card.iter()
        .enumerate()
        .filter(|(_, w)| *w == first)
        .any(|(start, _)| {
            let mut at = start;
            want[1..].iter().all(|w| {
                let end = (at + 2 + GAP).min(card.len());
                let next = card
                    .get(at + 1..end)
                    .and_then(|n| n.iter().position(|c| c == w));
                match next {
                    Some(k) => {
                        at += 1 + k;
                        true
                    }
                    None => false,
                }
            })
        })
}

/// The words some items draw, in order.
pub fn card_words(pack: &Pack, doc: &Document, items: &[Item]) -> Vec<String> {
    let mut texts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        item_texts(pack, doc, *item, i, &mut texts);
    }
    texts.iter().flat_map(|(_, _, t)| words(t)).collect()
}

/// The plain text of a block as drawn (for deciding whether a card covers it).
pub fn block_plain(doc: &Document, kind: &BlockKind) -> String {
    let mut parts = Vec::new();
    searchable(doc, kind, 0, &mut parts);
    let mut text = gutter_label(kind).unwrap_or_default().to_string();
    for (_, _, t) in parts {
        text.push(' ');
        text.push_str(&t);
    }
    text
}

/// "Meeting held on Thursday 21 December 2023".
pub fn held_label(date: &str) -> String {
    format!("Meeting held on {}", long_date(date))
}

/// "Agenda item 4 · pages 11–16", the title card's link to the front sheet.
pub fn agenda_link_label(agenda: &AgendaItem) -> String {
    match agenda.pages {
        Some((a, b)) => format!("Agenda item {} · pages {a}–{b}", agenda.number),
        None => format!("Agenda item {}", agenda.number),
    }
}

/// The agenda item a document belongs to: by the document's own item number, else by
/// the item's list of papers.
pub fn agenda_of<'a>(pack: &'a Pack, doc: &Document) -> Option<(usize, &'a AgendaItem)> {
    if doc.kind == DocKind::Agenda {
        return None;
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
    let index = by_number.or_else(by_link)?;
    Some((index, pack.agenda.get(index)?))
}

/// The number or marker a block draws beside its text (in the gutter, or in a
/// resolution's header).
pub fn gutter_label(kind: &BlockKind) -> Option<&str> {
    match kind {
        BlockKind::Heading { number, .. } | BlockKind::Resolution { number, .. } => {
            number.as_deref()
        }
        BlockKind::Numbered { number, .. } => Some(number),
        BlockKind::ListItem { marker, .. } => Some(bullet(marker)),
        _ => None,
    }
}

/// A list item's marker as drawn: hyphens and asterisks become bullets.
pub fn bullet(marker: &str) -> &str {
    match marker {
        "-" | "*" | "–" | "+" => "•",
        other => other,
    }
}

/// Adds the texts a block draws as (item, part, text): its text (part 0); a table's
/// cells (header rows first, row-major, part = row × columns + column), then its caption
/// and footnotes; a list of fields' values (part = field) and labels; a table of
/// contents' entries; a separator's words.
pub fn searchable(
    doc: &Document,
    kind: &BlockKind,
    item: usize,
    out: &mut Vec<(usize, usize, String)>,
) {
    match kind {
        BlockKind::Table { table } => {
            let Some(table) = doc.table(*table) else {
                return;
            };
            let columns = table.columns.max(1);
            let rows = table.header.len() + table.body.len();
            if let Some(caption) = &table.caption {
                out.push((item, LABEL_PART, caption.clone()));
            }
            let header = table
                .header
                .iter()
                .map(|r| r.iter().map(String::as_str).collect());
            let body = table.body.iter().map(|r| r.texts().collect::<Vec<_>>());
            for (r, row) in header.chain(body).enumerate() {
                for (c, cell) in row.iter().enumerate().take(columns) {
                    out.push((item, r * columns + c, cell.to_string()));
                }
            }
            for (k, note) in table.footnotes.iter().enumerate() {
                out.push((item, (rows + 1 + k) * columns, note.to_plain()));
            }
        }
        BlockKind::Fields { fields } => {
            for (p, f) in fields.iter().enumerate() {
                out.push((item, LABEL_PART + p, f.label.clone()));
                out.push((item, p, f.value.to_plain()));
            }
        }
        BlockKind::Contents { entries } => {
            for (p, entry) in entries.iter().enumerate() {
                let text = match entry.page {
                    Some(page) => format!("{} p. {page}", entry.title),
                    None => entry.title.clone(),
                };
                out.push((item, p, text));
            }
        }
        BlockKind::Separator { text } => out.push((item, 0, text.clone())),
        _ => {
            if let Some(text) = kind.main_text() {
                out.push((item, 0, text.to_plain()));
            }
        }
    }
}
