//! Find in pack: every match of a query in every document of a pack, with where it is
//! (document, agenda item, minute, lines) and a line of context. Egui-free: the command
//! line's `meetpack find` and the viewer's Ctrl+Shift+F panel both use it.
//!
//! The texts searched are exactly what the reader shows for each document
//! ([`super::shown`]: titles, the front sheet's meeting details and agenda items, a note's
//! header and asks, the minutes' attendance, then every block and table cell), so a hit is
//! always somewhere a click can go, and the viewer's Find finds the same. [`PackText`] gathers and case-folds them once per pack; a query then only scans
//! the folded texts, which is what keeps typing fast.

use std::ops::Range;

use serde::Serialize;

use super::shown::{self, Item};
use crate::model::{BlockKind, DocId, DocKind, Document, Lines, Pack, PagePlace, Source};

/// What kind of text a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Title,
    /// The front sheet's meeting details (committee, date, venue, contact …).
    Meeting,
    AgendaItem,
    /// A note's To/Date/Subject, authors and contacts.
    NoteHeader,
    Recommendation,
    Attendance,
    Heading,
    Paragraph,
    Numbered,
    ListItem,
    Resolution,
    Footnote,
    Field,
    Contents,
    Table,
    Separator,
}

impl Place {
    pub fn label(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Meeting => "meeting details",
            Place::AgendaItem => "agenda item",
            Place::NoteHeader => "note header",
            Place::Recommendation => "recommendation",
            Place::Attendance => "attendance",
            Place::Heading => "heading",
            Place::Paragraph => "paragraph",
            Place::Numbered => "numbered paragraph",
            Place::ListItem => "list item",
            Place::Resolution => "resolution",
            Place::Footnote => "footnote",
            Place::Field => "field",
            Place::Contents => "contents",
            Place::Table => "table",
            Place::Separator => "page furniture",
        }
    }
}

/// One match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    #[serde(rename = "document")]
    pub doc: DocId,
    pub kind: DocKind,
    pub title: String,
    /// The agenda item the document (or front-sheet entry) belongs to.
    pub agenda_item: Option<String>,
    /// The numbered minute the match is in, for minutes.
    pub minute: Option<String>,
    pub place: Place,
    pub lines: Lines,
    /// The block (index into `Document::blocks`) holding the match, when it is in one.
    pub block: Option<usize>,
    /// The front sheet's agenda item (index into `Pack::agenda`) holding the match.
    pub agenda_index: Option<usize>,
    /// About a line of text around the match, on one line.
    pub context: String,
    /// The match within `context`, in characters (Unicode scalar values), `[start, end)`.
    pub highlight: [usize; 2],
    /// Where the match is in a PDF pack (`null` for a text pack).
    pub page: Option<PagePlace>,
}

/// One searchable text and where it is.
#[derive(Debug, Clone)]
struct Entry {
    doc: DocId,
    place: Place,
    lines: Lines,
    block: Option<usize>,
    agenda_index: Option<usize>,
    minute: Option<String>,
    text: String,
    /// `text` case-folded (see [`fold`]).
    folded: String,
    /// For each byte of `folded`, the offset in `text` of the character it came from;
    /// empty when the offsets are the same.
    map: Vec<u32>,
}

/// The searchable texts of a pack, gathered and folded once.
#[derive(Debug, Clone, Default)]
pub struct PackText {
    entries: Vec<Entry>,
    /// Per document: kind, title, agenda item.
    docs: Vec<(DocKind, String, Option<String>)>,
    /// The agenda items' numbers.
    agenda: Vec<String>,
    /// The pack's page map (a PDF's), for each hit's page.
    source: Source,
}

/// Every match of `query` in the pack (case-insensitive), in document order.
pub fn find_in_pack(pack: &Pack, query: &str) -> Vec<Hit> {
    PackText::new(pack).find(query)
}

impl PackText {
    pub fn new(pack: &Pack) -> Self {
        let mut out = PackText {
            agenda: pack.agenda.iter().map(|a| a.number.clone()).collect(),
            source: Source {
                page_lines: pack.source.page_lines.clone(),
                printed_pages: pack.source.printed_pages.clone(),
                ..Source::default()
            },
            ..PackText::default()
        };
        for doc in &pack.documents {
            let item = agenda_item_of(pack, doc);
            out.docs.push((doc.kind, doc.title.clone(), item));
            gather(pack, doc, &mut out.entries);
        }
        out
    }

    /// How many texts are searched (for the panel's status line).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every match of `query`, ignoring case; an empty (or all-blank) query finds nothing.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        self.find_first(query, usize::MAX).0
    }

    /// The first `limit` matches, and how many there are in all: a one-letter query has
    /// thousands, and only the hits shown need their context built.
    pub fn find_first(&self, query: &str, limit: usize) -> (Vec<Hit>, usize) {
        let mut hits = Vec::new();
        let mut total = 0;
        if query.trim().is_empty() {
            return (hits, total);
        }
        let (needle, _) = fold(query);
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        for entry in &self.entries {
            let mut from = 0;
            while let Some(at) = finder.find(&entry.folded.as_bytes()[from..]) {
                let start = from + at;
                let end = start + needle.len();
                from = end;
                total += 1;
                if hits.len() < limit {
                    let range = original_range(entry, start..end);
                    hits.push(self.hit(entry, range));
                }
            }
        }
        (hits, total)
    }

    fn hit(&self, entry: &Entry, range: Range<usize>) -> Hit {
        let (kind, title, item) = self.docs.get(entry.doc.index()).cloned().unwrap_or((
            DocKind::Other,
            String::new(),
            None,
        ));
        let (context, highlight) = context(&entry.text, range);
        Hit {
            doc: entry.doc,
            kind,
            title,
            agenda_item: match entry.agenda_index {
                Some(i) => self.agenda.get(i).cloned(),
                None => item,
            },
            minute: entry.minute.clone(),
            place: entry.place,
            lines: entry.lines,
            block: entry.block,
            agenda_index: entry.agenda_index,
            context,
            highlight,
            page: self.source.page_place(entry.lines.first()),
        }
    }
}

/// The agenda item a document belongs to: its own item number, else the item that links
/// to it.
fn agenda_item_of(pack: &Pack, doc: &Document) -> Option<String> {
    if doc.kind == DocKind::Agenda {
        return None;
    }
    doc.agenda_item.clone().or_else(|| {
        pack.agenda
            .iter()
            .find(|a| a.documents.contains(&doc.id))
            .map(|a| a.number.clone())
    })
}

/// Adds the texts of one document in reading order: exactly the strings the reader
/// shows ([`super::shown`]), each with the place a hit in it opens.
fn gather(pack: &Pack, doc: &Document, out: &mut Vec<Entry>) {
    let items = shown::build_items(pack, doc);
    for (i, part, text) in shown::drawn_texts(pack, doc, &items) {
        let (place, lines, block, agenda_index) = place_of(pack, doc, items[i], part);
        let minute = doc.minutes.as_ref().and_then(|m| {
            m.items
                .iter()
                .find(|item| item.lines.contains(lines.first()))
                .map(|item| item.number.clone())
        });
        let (folded, map) = fold(&text);
        out.push(Entry {
            doc: doc.id,
            place,
            lines,
            block,
            agenda_index,
            minute,
            text,
            folded,
            map,
        });
    }
}

/// Where a shown string is: its kind of place, its lines, its block or agenda item.
/// Cards stand at the document's top, except an agenda item's card (at its item) and a
/// group of the attendance (at its lines); a table cell is at its row's lines.
fn place_of(
    pack: &Pack,
    doc: &Document,
    item: Item,
    part: usize,
) -> (Place, Lines, Option<usize>, Option<usize>) {
    let top = Lines::one(doc.lines.first());
    match item {
        Item::Title => (Place::Title, top, None, None),
        Item::Meta => (Place::Meeting, top, None, None),
        Item::Agenda(a) => {
            let lines = pack.agenda.get(a).map_or(top, |item| item.lines);
            (Place::AgendaItem, lines, None, Some(a))
        }
        Item::Note => (Place::NoteHeader, top, None, None),
        Item::Asks => (Place::Recommendation, top, None, None),
        Item::Attendance => (
            Place::Attendance,
            attendance_lines(doc, part, top),
            None,
            None,
        ),
        Item::Block(b) => match doc.blocks.get(b) {
            Some(block) => (
                block_place(&block.kind),
                cell_lines(doc, &block.kind, part).unwrap_or(block.lines),
                Some(b),
                None,
            ),
            None => (Place::Paragraph, top, None, None),
        },
    }
}

/// The lines of the attendance group that part `part` of the attendance card is in
/// (parts count each group's heading, then its entries).
fn attendance_lines(doc: &Document, part: usize, top: Lines) -> Lines {
    let Some(m) = &doc.minutes else {
        return top;
    };
    let mut first = 0;
    for group in &m.attendance {
        let end = first + 1 + group.entries.len();
        if part < end {
            return group.lines;
        }
        first = end;
    }
    top
}

/// A table cell's row lines (parts of a table count cells row by row, header first).
fn cell_lines(doc: &Document, kind: &BlockKind, part: usize) -> Option<Lines> {
    let BlockKind::Table { table } = kind else {
        return None;
    };
    let table = doc.table(*table)?;
    let row = part / table.columns.max(1);
    let body_row = row.checked_sub(table.header.len())?;
    table.body.get(body_row).map(|r| r.lines)
}

fn block_place(kind: &BlockKind) -> Place {
    match kind {
        BlockKind::Heading { .. } => Place::Heading,
        BlockKind::Numbered { .. } => Place::Numbered,
        BlockKind::ListItem { .. } => Place::ListItem,
        BlockKind::Paragraph { .. } => Place::Paragraph,
        BlockKind::Resolution { .. } => Place::Resolution,
        BlockKind::Footnote { .. } => Place::Footnote,
        BlockKind::Separator { .. } => Place::Separator,
        BlockKind::Fields { .. } => Place::Field,
        BlockKind::Contents { .. } => Place::Contents,
        BlockKind::Table { .. } => Place::Table,
    }
}

/// Case-folds a text character by character. When every character keeps its byte length
/// (all of ASCII and most of Latin), offsets are shared and the map is empty; else the map
/// gives, for each folded byte, the offset of the original character.
fn fold(text: &str) -> (String, Vec<u32>) {
    let mut folded = String::with_capacity(text.len());
    let mut same = true;
    for c in text.chars() {
        let before = folded.len();
        folded.extend(c.to_lowercase());
        same &= folded.len() - before == c.len_utf8();
    }
    if same {
        return (folded, Vec::new());
    }
    let mut map = Vec::with_capacity(folded.len());
    for (at, c) in text.char_indices() {
        let len: usize = c.to_lowercase().map(char::len_utf8).sum();
        map.extend(std::iter::repeat_n(at as u32, len));
    }
    (folded, map)
}

/// A range of the folded text as a range of the original, widened to whole characters.
fn original_range(entry: &Entry, folded: Range<usize>) -> Range<usize> {
    if entry.map.is_empty() {
        return folded;
    }
    let start = entry.map.get(folded.start).copied().unwrap_or(0) as usize;
    let last = entry
        .map
        .get(folded.end.saturating_sub(1))
        .copied()
        .unwrap_or(0) as usize;
    let end = entry.text[last..]
        .chars()
        .next()
        .map_or(entry.text.len(), |c| last + c.len_utf8());
    start..end.max(start)
}

/// About a line of text around a match: up to `BEFORE` characters before it and `AFTER`
/// after, cut at spaces, with "…" where text was cut; line breaks and tabs as spaces.
/// Returns the context and the match in it, in characters.
fn context(text: &str, range: Range<usize>) -> (String, [usize; 2]) {
    const BEFORE: usize = 48;
    const AFTER: usize = 72;
    // Only a window around the match is read (a character is at most 4 bytes), so a text
    // with thousands of matches is not copied once per match.
    let from = floor_boundary(text, range.start.saturating_sub(4 * (BEFORE + 1)));
    let to = floor_boundary(text, (range.end + 4 * (AFTER + 1)).min(text.len()));
    let whole_before = from == 0;
    let whole_after = to == text.len();
    let before: Vec<char> = text.get(from..range.start).unwrap_or("").chars().collect();
    let matched: String = text.get(range.clone()).unwrap_or("").to_string();
    let after: Vec<char> = text.get(range.end..to).unwrap_or("").chars().collect();
    let mut lead: &[char] = &before[before.len().saturating_sub(BEFORE)..];
    let cut_lead = lead.len() < before.len() || !whole_before;
    if cut_lead && let Some(space) = lead.iter().position(|c| c.is_whitespace()) {
        lead = &lead[space + 1..];
    }
    let mut tail: &[char] = &after[..after.len().min(AFTER)];
    let cut_tail = tail.len() < after.len() || !whole_after;
    if cut_tail && let Some(space) = tail.iter().rposition(|c| c.is_whitespace()) {
        tail = &tail[..space];
    }
    let flat = |c: &char| if c.is_whitespace() { ' ' } else { *c };
    let mut out = String::new();
    if cut_lead {
        out.push('…');
    }
    out.extend(lead.iter().map(flat));
    let start = out.chars().count();
    out.extend(matched.chars().map(|c| flat(&c)));
    let end = out.chars().count();
    out.extend(tail.iter().map(flat));
    if cut_tail {
        out.push('…');
    }
    (out, [start, end])
}

/// The nearest character boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> Pack {
        crate::parse::parse(include_str!("../../../../seeds/000_4a9d1e279dbb7497.txt"))
    }

    #[test]
    fn find_in_pack_searches_exactly_what_the_reader_shows() {
        for seed in [
            include_str!("../../../../seeds/000_4a9d1e279dbb7497.txt"),
            include_str!("../../../../seeds/004_9a99625675b12858.txt"),
        ] {
            let pack = crate::parse::parse(seed);
            let text = PackText::new(&pack);
            let searched: Vec<&str> = text.entries.iter().map(|e| e.text.as_str()).collect();
            let shown: Vec<String> = pack
                .documents
                .iter()
                .flat_map(|d| shown::document_texts(&pack, d))
                .collect();
            assert_eq!(searched, shown);
        }
    }

    fn highlighted(hit: &Hit) -> String {
        hit.context
            .chars()
            .skip(hit.highlight[0])
            .take(hit.highlight[1] - hit.highlight[0])
            .collect()
    }

    #[test]
    fn finds_every_match_ignoring_case_with_its_place() {
        let pack = pack();
        let hits = find_in_pack(&pack, "family group conferencing");
        assert!(!hits.is_empty());
        for hit in &hits {
            assert_eq!(highlighted(hit).to_lowercase(), "family group conferencing");
            let doc = pack.document(hit.doc).expect("hit in a document");
            assert!(doc.lines.contains(hit.lines.first()), "{hit:?}");
            if let Some(b) = hit.block {
                assert!(doc.blocks[b].lines.contains(hit.lines.first()));
            }
        }
        // The heading "5 Family Group Conferencing (FGC)" of the note is among them.
        assert!(hits.iter().any(|h| h.place == Place::Heading
            && h.kind == DocKind::BriefingNote
            && h.agenda_item.as_deref() == Some("4")));
    }

    #[test]
    fn hits_in_minutes_name_their_minute_and_cards_are_searched() {
        let pack = pack();
        let hits = find_in_pack(&pack, "EXCLUDE THE PRESS");
        let minute = hits
            .iter()
            .find(|h| h.place == Place::Resolution)
            .expect("the resolution of minute 15");
        assert_eq!(minute.minute.as_deref(), Some("15"));
        // Attendance entries and a note's recommendations are found too.
        let hits = find_in_pack(&pack, "Vohra");
        assert!(hits.iter().any(|h| h.place == Place::Attendance));
        let hits = find_in_pack(&pack, "sustaining and growing");
        assert!(hits.iter().any(|h| h.place == Place::Recommendation));
        // Front-sheet items are hits on the agenda item.
        let hits = find_in_pack(&pack, "Holiday Activities and Food Programme");
        assert!(hits.iter().any(|h| h.agenda_index == Some(4)));
    }

    #[test]
    fn table_cells_are_searched() {
        let hits = find_in_pack(&pack(), "conversion rate");
        assert!(hits.iter().any(|h| h.place == Place::Table));
    }

    #[test]
    fn an_empty_query_finds_nothing_and_matches_do_not_overlap() {
        let pack = pack();
        assert!(find_in_pack(&pack, "  ").is_empty());
        let text = PackText::new(&pack);
        let aa = text.find("aa").len();
        assert!(aa <= text.find("a").len() / 2);
    }

    #[test]
    fn folding_keeps_offsets_into_the_original_text() {
        // 'İ' lower-cases to two characters: the map must bring the match back.
        let (folded, map) = fold("İstanbul Kelvin");
        assert!(!map.is_empty());
        let entry = Entry {
            doc: DocId(0),
            place: Place::Paragraph,
            lines: Lines::one(1),
            block: None,
            agenda_index: None,
            minute: None,
            text: "İstanbul Kelvin".into(),
            folded: folded.clone(),
            map,
        };
        let at = folded.find("kelvin").expect("folded");
        let range = original_range(&entry, at..at + "kelvin".len());
        assert_eq!(&entry.text[range], "Kelvin");
        // The Kelvin sign folds to a plain k of another byte length.
        let (folded, map) = fold("\u{212A}m");
        assert_eq!(folded, "km");
        assert_eq!(map, vec![0, 3]);
    }

    /// Prints what a search costs on the largest seed (`cargo test --lib find::tests::cost
    /// -- --nocapture`); nothing is asserted about time, only that the searches agree.
    #[test]
    fn cost_on_the_largest_seed() {
        let pack = crate::parse::parse(include_str!("../../../../seeds/004_9a99625675b12858.txt"));
        let started = std::time::Instant::now();
        let texts = PackText::new(&pack);
        let gather = started.elapsed();
        for query in ["e", "family", "safeguarding partnership"] {
            let started = std::time::Instant::now();
            let hits = texts.find(query);
            let took = started.elapsed();
            let started = std::time::Instant::now();
            let (first, total) = texts.find_first(query, 2_000);
            let took_first = started.elapsed();
            println!(
                "{} texts gathered in {:.2} ms; {query:?}: {} hits in {:.2} ms, the first {} \
                 of them in {:.2} ms",
                texts.len(),
                gather.as_secs_f64() * 1e3,
                hits.len(),
                took.as_secs_f64() * 1e3,
                first.len(),
                took_first.as_secs_f64() * 1e3
            );
            assert_eq!(total, hits.len());
            assert_eq!(first[..], hits[..first.len()]);
        }
    }

    #[test]
    fn context_is_one_line_cut_at_words() {
        let text = format!("{} needle {}", "word ".repeat(40), "tail ".repeat(40));
        let start = text.find("needle").expect("there");
        let (context, [a, b]) = context(&text, start..start + 6);
        assert!(context.starts_with('…') && context.ends_with('…'));
        let shown: String = context.chars().skip(a).take(b - a).collect();
        assert_eq!(shown, "needle");
        assert!(context.chars().count() < 130);
    }
}
