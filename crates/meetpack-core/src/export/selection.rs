//! What to export: a small value the CLI parses and the viewer's dialog builds.

use thiserror::Error;

use crate::model::{DocId, Pack};

/// A part of the pack to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every document, in pack order.
    Pack,
    /// One document.
    Document(DocId),
    /// Agenda items by number as written (`4`, `5`): each item's entry on the front sheet
    /// and the papers linked to it.
    Items(Vec<String>),
    /// Every decision: each minute's resolutions, and decisions recorded outside minutes.
    Decisions,
}

/// A selection that does not fit the pack. Each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SelectionError {
    #[error("the pack has no document {0} (it has {1}: d0 to d{max})", max = .1.saturating_sub(1))]
    NoDocument(String, usize),
    #[error("the pack has no agenda item {0} (its items are: {1})")]
    NoItem(String, String),
    #[error("the pack has no agenda: there are no items to export")]
    NoAgenda,
    #[error("no agenda items were given")]
    NoItems,
}

impl Selection {
    /// `--document d3` or `--document 3`: the id as the outline (`d3`) or the JSON (`3`) shows it.
    pub fn document(pack: &Pack, id: &str) -> Result<Self, SelectionError> {
        let trimmed = id.trim();
        let digits = trimmed
            .strip_prefix('d')
            .or_else(|| trimmed.strip_prefix('D'))
            .unwrap_or(trimmed);
        match digits.parse::<u32>() {
            Ok(n) if (n as usize) < pack.documents.len() => Ok(Selection::Document(DocId(n))),
            _ => Err(SelectionError::NoDocument(
                trimmed.to_string(),
                pack.documents.len(),
            )),
        }
    }

    /// `--items 4,5`: agenda item numbers, comma-separated, each checked against the pack.
    pub fn items(pack: &Pack, list: &str) -> Result<Self, SelectionError> {
        let mut numbers: Vec<String> = Vec::new();
        for n in list.split(',').map(|s| s.trim().trim_end_matches('.')) {
            // "4,4" exports item 4 once.
            if !n.is_empty() && !numbers.iter().any(|m| m == n) {
                numbers.push(n.to_string());
            }
        }
        if numbers.is_empty() {
            return Err(SelectionError::NoItems);
        }
        if pack.agenda.is_empty() {
            return Err(SelectionError::NoAgenda);
        }
        for n in &numbers {
            if pack.agenda_item(n).is_none() {
                let known: Vec<&str> = pack.agenda.iter().map(|a| a.number.as_str()).collect();
                return Err(SelectionError::NoItem(n.clone(), known.join(", ")));
            }
        }
        Ok(Selection::Items(numbers))
    }

    /// A short description: "agenda items 4, 5", "the decisions" …
    pub fn describe(&self, pack: &Pack) -> String {
        match self {
            Selection::Pack => "the whole pack".to_string(),
            Selection::Document(id) => match pack.document(*id) {
                Some(doc) => format!("\u{201c}{}\u{201d}", doc.title),
                None => format!("document {id}"),
            },
            Selection::Items(items) if items.len() == 1 => format!("agenda item {}", items[0]),
            Selection::Items(items) => format!("agenda items {}", items.join(", ")),
            Selection::Decisions => "the decisions".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Pack {
        crate::parse::parse(include_str!("../../../../seeds/000_4a9d1e279dbb7497.txt"))
    }

    #[test]
    fn documents_are_found_by_either_spelling_of_their_id() {
        let pack = sample();
        assert_eq!(
            Selection::document(&pack, "d1"),
            Ok(Selection::Document(DocId(1)))
        );
        assert_eq!(
            Selection::document(&pack, "1"),
            Ok(Selection::Document(DocId(1)))
        );
        let err = Selection::document(&pack, "d999").expect_err("out of range");
        assert!(err.to_string().contains("no document d999"), "{err}");
        assert!(Selection::document(&pack, "x").is_err());
    }

    #[test]
    fn items_are_checked_against_the_agenda() {
        let pack = sample();
        let first = pack.agenda[0].number.clone();
        assert_eq!(
            Selection::items(&pack, &format!(" {first} ,")),
            Ok(Selection::Items(vec![first.clone()]))
        );
        let err = Selection::items(&pack, "999").expect_err("no such item");
        assert!(
            err.to_string().contains(&first),
            "lists the known items: {err}"
        );
        assert_eq!(Selection::items(&pack, " , "), Err(SelectionError::NoItems));
        assert_eq!(
            Selection::items(&pack, &format!("{first},{first}.")),
            Ok(Selection::Items(vec![first.clone()]))
        );
        assert_eq!(
            Selection::items(&Pack::default(), "1"),
            Err(SelectionError::NoAgenda)
        );
    }
}
