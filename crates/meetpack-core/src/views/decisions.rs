//! The decisions view of a pack: for each agenda item, what its papers ask the meeting to
//! decide (a note's recommendations, a report's recommendations section) beside what the
//! minutes record as decided (`minutes.items[].resolutions`, a document's `decisions`).
//! Egui-free: `meetpack decisions` prints it (text, JSON, CSV) and the viewer's panel
//! draws it.

use serde::Serialize;

use crate::model::{AgendaItem, BlockKind, DocId, DocKind, Document, Lines, Pack, PagePlace};

/// Which side of the view an entry is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// A recommendation of a paper: what the meeting is asked to do.
    Ask,
    /// A decision recorded in minutes or a decision notice.
    Decision,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Ask => "ask",
            Side::Decision => "decision",
        }
    }
}

/// One ask or decision, and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub side: Side,
    #[serde(rename = "document")]
    pub doc: DocId,
    pub document_title: String,
    pub kind: DocKind,
    /// The numbered minute a decision was taken under.
    pub minute: Option<String>,
    pub minute_title: Option<String>,
    /// The entry's own number ("1", "2.3"), when it has one.
    pub number: Option<String>,
    pub text: String,
    /// How a decision ended (`resolved`, `agreed`, `lost` …), when the text says.
    pub outcome: Option<String>,
    pub lines: Lines,
    /// Where it starts in a PDF pack (`null` for a text pack).
    pub page: Option<PagePlace>,
}

/// The asks and decisions of one agenda item (or of a document no agenda item names).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The agenda item's number, or `None` for a group of a document off the agenda.
    pub agenda_item: Option<String>,
    pub title: String,
    pub asks: Vec<Entry>,
    pub decisions: Vec<Entry>,
}

/// The whole view: groups in agenda order, then documents off the agenda in pack order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DecisionsView {
    pub groups: Vec<Group>,
}

impl DecisionsView {
    pub fn of(pack: &Pack) -> Self {
        let mut by_item: Vec<Group> = pack
            .agenda
            .iter()
            .map(|a| Group {
                agenda_item: Some(a.number.clone()),
                title: a.title.clone(),
                asks: Vec::new(),
                decisions: Vec::new(),
            })
            .collect();
        let mut others: Vec<Group> = Vec::new();
        for doc in &pack.documents {
            let item = item_of(pack, doc);
            let mut off_agenda = Group {
                agenda_item: None,
                title: doc.title.clone(),
                asks: Vec::new(),
                decisions: Vec::new(),
            };
            let asks = asks_of(doc);
            match item.and_then(|i| by_item.get_mut(i)) {
                Some(group) => group.asks.extend(asks),
                None => off_agenda.asks.extend(asks),
            }
            for (entry, minute_item) in decisions_of(doc) {
                // Minutes that are an item's paper (the last meeting's) stay under that
                // item; minutes of this meeting go to the item each minute is about.
                let target = item.or_else(|| minute_item.and_then(|m| matching_item(pack, m)));
                match target.and_then(|i| by_item.get_mut(i)) {
                    Some(group) => group.decisions.push(entry),
                    None => off_agenda.decisions.push(entry),
                }
            }
            if !off_agenda.asks.is_empty() || !off_agenda.decisions.is_empty() {
                others.push(off_agenda);
            }
        }
        by_item.retain(|g| !g.asks.is_empty() || !g.decisions.is_empty());
        by_item.extend(others);
        for group in &mut by_item {
            for entry in group.asks.iter_mut().chain(&mut group.decisions) {
                entry.page = pack.source.page_place(entry.lines.first());
            }
        }
        DecisionsView { groups: by_item }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Counts of asks and decisions.
    pub fn counts(&self) -> (usize, usize) {
        self.groups.iter().fold((0, 0), |(a, d), g| {
            (a + g.asks.len(), d + g.decisions.len())
        })
    }

    /// RFC 4180 CSV ([`crate::csvutil`]), one row per ask or decision, asks of a group
    /// before its decisions.
    pub fn to_csv(&self) -> String {
        crate::csvutil::to_string(|writer| {
            writer.write_record([
                "agenda_item",
                "agenda_title",
                "side",
                "document",
                "document_title",
                "minute",
                "minute_title",
                "number",
                "text",
                "outcome",
                "first_line",
                "last_line",
            ])?;
            for group in &self.groups {
                for e in group.asks.iter().chain(&group.decisions) {
                    writer.write_record([
                        group.agenda_item.as_deref().unwrap_or(""),
                        group.title.as_str(),
                        e.side.label(),
                        &e.doc.to_string(),
                        &e.document_title,
                        e.minute.as_deref().unwrap_or(""),
                        e.minute_title.as_deref().unwrap_or(""),
                        e.number.as_deref().unwrap_or(""),
                        &e.text,
                        e.outcome.as_deref().unwrap_or(""),
                        &e.lines.first().to_string(),
                        &e.lines.last().to_string(),
                    ])?;
                }
            }
            Ok(())
        })
    }
}

/// The agenda item (index) a document belongs to: its own number, else the item linking it.
fn item_of(pack: &Pack, doc: &Document) -> Option<usize> {
    if doc.kind == DocKind::Agenda {
        return None;
    }
    doc.agenda_item
        .as_deref()
        .and_then(|n| pack.agenda.iter().position(|a| a.number == n))
        .or_else(|| {
            pack.agenda
                .iter()
                .position(|a| a.documents.contains(&doc.id))
        })
}

/// The agenda item a minute of this meeting is about: same number and a shared title word,
/// or the same title.
fn matching_item(pack: &Pack, minute: (&str, &str)) -> Option<usize> {
    let (number, title) = minute;
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(str::to_lowercase)
            .collect()
    };
    let mine = words(title);
    let same_title = |a: &AgendaItem| words(&a.title) == mine && !mine.is_empty();
    let shares = |a: &AgendaItem| words(&a.title).iter().any(|w| mine.contains(w));
    pack.agenda
        .iter()
        .position(|a| a.number == number && (shares(a) || same_title(a)))
        .or_else(|| pack.agenda.iter().position(same_title))
}

/// A paper's asks: a note's recommendations, else the items of a section headed
/// "Recommendation(s)".
fn asks_of(doc: &Document) -> Vec<Entry> {
    if matches!(doc.kind, DocKind::Minutes | DocKind::Agenda) {
        return Vec::new();
    }
    let entry = |number: Option<String>, text: String, lines: Lines| Entry {
        side: Side::Ask,
        doc: doc.id,
        document_title: doc.title.clone(),
        kind: doc.kind,
        minute: None,
        minute_title: None,
        number,
        text,
        outcome: None,
        lines,
        page: None,
    };
    let section = recommendations_section(doc);
    if let Some(note) = &doc.note
        && !note.recommendations.is_empty()
    {
        return note
            .recommendations
            .iter()
            .enumerate()
            .map(|(k, rec)| {
                let lines = block_lines_of(doc, rec, section.as_ref())
                    .unwrap_or(Lines::one(doc.lines.first()));
                entry(Some((k + 1).to_string()), rec.clone(), lines)
            })
            .collect();
    }
    let Some(section) = section else {
        return Vec::new();
    };
    let blocks = &doc.blocks[section.clone()];
    blocks
        .iter()
        .enumerate()
        .filter_map(|(k, b)| {
            let (number, text) = match &b.kind {
                BlockKind::Numbered { number, text } => (Some(number.clone()), text),
                BlockKind::ListItem { marker, text, .. } => {
                    let marker = marker.trim_end_matches([')', '.']);
                    let numbered = marker.chars().any(|c| c.is_alphanumeric());
                    (numbered.then(|| marker.to_string()), text)
                }
                BlockKind::Paragraph { text } | BlockKind::Resolution { text, .. } => (None, text),
                _ => return None,
            };
            let plain = text.to_plain();
            // "The Cabinet is recommended to:" introduces the asks below it.
            let lead_in = plain.trim_end().ends_with(':')
                && blocks
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.kind, BlockKind::ListItem { .. }));
            (!lead_in && !plain.trim().is_empty()).then(|| entry(number, plain, b.lines))
        })
        .collect()
}

/// The blocks under a heading that names the recommendations, up to the next heading of
/// the same or a higher level.
fn recommendations_section(doc: &Document) -> Option<std::ops::Range<usize>> {
    let (start, level) = doc
        .blocks
        .iter()
        .enumerate()
        .find_map(|(i, b)| match &b.kind {
            BlockKind::Heading { level, text, .. }
                if text.to_plain().to_lowercase().contains("recommendation") =>
            {
                Some((i, *level))
            }
            _ => None,
        })?;
    let end = doc.blocks[start + 1..]
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading { level: l, .. } if l <= level))
        .map_or(doc.blocks.len(), |k| start + 1 + k);
    Some(start + 1..end)
}

/// The lines of the block that states a recommendation, looked for in its section first.
fn block_lines_of(
    doc: &Document,
    text: &str,
    section: Option<&std::ops::Range<usize>>,
) -> Option<Lines> {
    let wanted = text.trim();
    let head: String = wanted.chars().take(40).collect();
    let range = section.cloned().unwrap_or(0..doc.blocks.len());
    let found = |blocks: &[crate::model::Block]| {
        blocks.iter().find_map(|b| {
            let plain = block_plain(&b.kind)?;
            (plain.contains(&head)).then_some(b.lines)
        })
    };
    found(doc.blocks.get(range)?).or_else(|| found(&doc.blocks))
}

/// The plain text of a block of running text.
fn block_plain(kind: &BlockKind) -> Option<String> {
    match kind {
        BlockKind::Numbered { text, .. }
        | BlockKind::ListItem { text, .. }
        | BlockKind::Paragraph { text }
        | BlockKind::Resolution { text, .. } => Some(text.to_plain()),
        _ => None,
    }
}

/// A document's decisions, each with the (number, title) of the minute it is under.
fn decisions_of(doc: &Document) -> Vec<(Entry, Option<(&str, &str)>)> {
    let mut out = Vec::new();
    let entry = |r: &crate::model::Resolution, minute: Option<(&str, &str)>| Entry {
        side: Side::Decision,
        doc: doc.id,
        document_title: doc.title.clone(),
        kind: doc.kind,
        minute: minute.map(|m| m.0.to_string()),
        minute_title: minute.map(|m| m.1.to_string()),
        number: r.number.clone(),
        text: r.text.clone(),
        outcome: r.outcome.clone(),
        lines: r.lines,
        page: None,
    };
    if let Some(m) = &doc.minutes {
        for item in &m.items {
            let minute = Some((item.number.as_str(), item.title.as_str()));
            for r in &item.resolutions {
                out.push((entry(r, minute), minute));
            }
        }
    }
    for r in &doc.decisions {
        out.push((entry(r, None), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(name: &str) -> Pack {
        let path = format!(
            "{}/seeds/{name}",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
        );
        crate::parse::parse(&std::fs::read_to_string(path).expect("seed"))
    }

    #[test]
    fn asks_and_decisions_are_grouped_by_agenda_item() {
        let pack = seed("000_4a9d1e279dbb7497.txt");
        let view = DecisionsView::of(&pack);
        // The minutes are item 3's paper: their decisions are under item 3.
        let minutes = view
            .groups
            .iter()
            .find(|g| g.agenda_item.as_deref() == Some("3"))
            .expect("item 3 has the minutes' decisions");
        let all: usize = pack
            .documents
            .iter()
            .filter_map(|d| d.minutes.as_ref())
            .flat_map(|m| m.items.iter())
            .map(|i| i.resolutions.len())
            .sum();
        assert_eq!(minutes.decisions.len(), all);
        assert!(
            minutes
                .decisions
                .iter()
                .any(|d| d.minute.as_deref() == Some("15"))
        );
        // Item 4's note asks three things, each found at its list item.
        let item4 = view
            .groups
            .iter()
            .find(|g| g.agenda_item.as_deref() == Some("4"))
            .expect("item 4");
        assert_eq!(item4.asks.len(), 3);
        let doc = pack.document(item4.asks[0].doc).expect("doc");
        for ask in &item4.asks {
            assert!(doc.lines.contains(ask.lines.first()));
            assert_ne!(ask.lines.first(), doc.lines.first(), "found in the text");
        }
    }

    #[test]
    fn every_decision_of_every_seed_is_in_the_view_once() {
        let dir = concat!(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."), "/seeds");
        for entry in std::fs::read_dir(dir).expect("seeds") {
            let path = entry.expect("entry").path();
            let pack = crate::parse::parse(&std::fs::read_to_string(&path).expect("read"));
            let minuted: usize = pack
                .documents
                .iter()
                .map(|d| {
                    d.decisions.len()
                        + d.minutes
                            .as_ref()
                            .map_or(0, |m| m.items.iter().map(|i| i.resolutions.len()).sum())
                })
                .sum();
            let view = DecisionsView::of(&pack);
            assert_eq!(view.counts().1, minuted, "{}", path.display());
        }
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_entry() {
        let view = DecisionsView::of(&seed("000_4a9d1e279dbb7497.txt"));
        let csv = view.to_csv();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows = reader.records().filter_map(Result::ok).count();
        let (asks, decisions) = view.counts();
        assert_eq!(rows, asks + decisions);
        assert!(csv.starts_with("agenda_item,agenda_title,side,"));
    }
}
