use serde::{Deserialize, Serialize};

use super::{Lines, Text};

/// A table's id, unique within the pack (assigned in input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TableId(pub u32);

/// A logical table: physical pieces split by page breaks, footnotes or repeated headers
/// are joined into one.
///
/// `header` and `rows` hold the plain text of each cell (the JSON contract); `body` holds
/// the same rows with their structure (section rows, line spans, lists inside cells).
/// Both are built by the same function, so they always agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub id: TableId,
    pub lines: Lines,
    pub kind: TableKind,
    /// The short line just above the table that names it, if any.
    pub caption: Option<String>,
    pub columns: usize,
    /// Header rows, plain text (two-level headers have two rows).
    pub header: Vec<Vec<String>>,
    /// Body rows, plain text, including section rows.
    pub rows: Vec<Vec<String>>,
    /// Body rows with structure, parallel to `rows`.
    pub body: Vec<Row>,
    /// Per column: most of its filled data cells are numbers (counts, money, percentages),
    /// so a grid aligns it right.
    #[serde(default)]
    pub numeric: Vec<bool>,
    pub footnotes: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Column headers in the first row(s).
    Columns,
    /// No header row: every row is data.
    Headerless,
    /// Headers down the first column (label, value, value …).
    Transposed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub lines: Lines,
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Data,
    /// A row naming a group of the rows below it ("Core Libraries").
    Section,
    /// A total or subtotal row.
    Total,
}

/// One cell: a sequence of parts (text, paragraphs, lists).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cell {
    pub parts: Vec<CellPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CellPart {
    Text { text: Text },
    Paragraph { text: Text },
    List { items: Vec<Text> },
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| match p {
            CellPart::Text { text } | CellPart::Paragraph { text } => text.is_empty(),
            CellPart::List { items } => items.iter().all(Text::is_empty),
        })
    }

    /// The cell as one line of plain text (list items joined with "; ").
    pub fn to_plain(&self) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|p| match p {
                CellPart::Text { text } | CellPart::Paragraph { text } => text.to_plain(),
                CellPart::List { items } => items
                    .iter()
                    .map(Text::to_plain)
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .filter(|s| !s.is_empty())
            .collect();
        parts.join(" ")
    }
}

impl Table {
    /// Tab-separated text of the whole table (header then body), for the clipboard.
    pub fn to_tsv(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        let mut out = String::new();
        for row in self.header.iter().chain(self.rows.iter()) {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    /// RFC 4180 CSV of the whole table (header then body), written by the `csv` crate.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in self.header.iter().chain(self.rows.iter()) {
            // Writing to memory cannot fail; a row that somehow does is skipped, not fatal.
            let _ = writer.write_record(row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_tsv_flattens() {
        let table = Table {
            id: TableId(0),
            lines: Lines(1, 2),
            kind: TableKind::Columns,
            caption: None,
            columns: 2,
            header: vec![vec!["Hub/area".into(), "Staff, wte".into()]],
            rows: vec![vec!["The \"Moat\"".into(), "6\tbad".into()]],
            body: Vec::new(),
            numeric: Vec::new(),
            footnotes: Vec::new(),
        };
        assert_eq!(
            table.to_csv(),
            "Hub/area,\"Staff, wte\"\r\n\"The \"\"Moat\"\"\",6\tbad\r\n"
        );
        assert_eq!(
            table.to_tsv(),
            "Hub/area\tStaff, wte\nThe \"Moat\"\t6 bad\n"
        );
    }
}
