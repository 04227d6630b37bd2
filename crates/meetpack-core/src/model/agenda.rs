use serde::{Deserialize, Serialize};

use super::{DocId, Lines, Text};

/// A numbered item on the agenda front sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// As written, e.g. `4`.
    pub number: String,
    /// Plain text, markup removed.
    pub title: String,
    pub lines: Lines,
    /// First and last page of its papers, `[11, 16]`.
    pub pages: Option<(u32, u32)>,
    pub sub_items: Vec<SubItem>,
    /// "Briefing Note of the …" / "Report of the …".
    pub presenter: Option<String>,
    /// Explanatory text that is not a presenter (e.g. under "Any Other Business").
    pub description: Option<String>,
    /// "Public Business" / "Private Business", when the sheet says.
    pub section: Option<String>,
    /// The papers this item links to, in pack order.
    pub documents: Vec<DocId>,
}

/// A lettered sub-item: `a) To agree the minutes …`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubItem {
    pub marker: String,
    pub text: Text,
    pub lines: Lines,
}
