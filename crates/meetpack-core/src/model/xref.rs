use serde::{Deserialize, Serialize};

use super::DocId;

/// Where a cross-reference in the text goes: a place in the same pack.
///
/// Every target is a document and a 1-based line of the text read, so a reader can open
/// it like any other place; `page` is set when the phrase named a PDF page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XRef {
    pub kind: XRefKind,
    pub doc: DocId,
    /// The first line of the target (a minute, an appendix, a paragraph, a page).
    pub line: u32,
    /// The physical PDF page (1-based) a "(Pages 11 - 16)" phrase names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// What the target is, as a reader would name it ("Minute 15: Exclusion of Press and
    /// Public"), for a tooltip or a listing.
    pub title: String,
}

/// The kind of phrase a cross-reference was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum XRefKind {
    /// "Minute 15 above", "Minute No. 23/45".
    Minute,
    /// "see Appendix 2", "the report at Appendix A", "Annex B".
    Appendix,
    /// "(Pages 11 - 16)", "page 5".
    Pages,
    /// "paragraph 3.4", "section 2.2" of the same document.
    Paragraph,
    /// "Agenda Item 5", "item 6": the item's paper (or the item on the front sheet).
    AgendaItem,
}

impl XRefKind {
    pub fn label(self) -> &'static str {
        match self {
            XRefKind::Minute => "minute",
            XRefKind::Appendix => "appendix",
            XRefKind::Pages => "pages",
            XRefKind::Paragraph => "paragraph",
            XRefKind::AgendaItem => "agenda item",
        }
    }
}
