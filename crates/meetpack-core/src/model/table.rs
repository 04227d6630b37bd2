use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use serde::Serializer;
use serde::ser::SerializeStruct;

use super::{Lines, Text};

/// A table's id, unique within the pack (assigned in input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TableId(pub u32);

/// A logical table: physical pieces split by page breaks, footnotes or repeated headers
/// are joined into one.
///
/// `header` holds the plain text of each header cell; `body` the body rows, each with its
/// cells' plain text (the JSON's `rows`, see [`Row::texts`]) and their structure (section
/// rows, line spans, lists inside cells, see [`Row::cells`]). The JSON carries both as
/// before (`rows` and `body`), written from the one copy.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Table {
    pub id: TableId,
    pub lines: Lines,
    pub kind: TableKind,
    /// The short line just above the table that names it, if any.
    pub caption: Option<String>,
    pub columns: usize,
    /// Header rows, plain text (two-level headers have two rows).
    pub header: Vec<Vec<String>>,
    /// Body rows, including section rows.
    pub body: Vec<Row>,
    /// Per column: most of its filled data cells are numbers (counts, money, percentages),
    /// so a grid aligns it right.
    #[serde(default)]
    pub numeric: Vec<bool>,
    pub footnotes: Vec<Text>,
}

impl Serialize for Table {
    /// The fields in their declared order, with `rows` (each body row's plain texts)
    /// between `header` and `body` as the JSON contract has always had it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct PlainRows<'a>(&'a [Row]);
        impl Serialize for PlainRows<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.iter().map(PlainRow))
            }
        }
        struct PlainRow<'a>(&'a Row);
        impl Serialize for PlainRow<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.texts())
            }
        }
        let mut s = serializer.serialize_struct("Table", 10)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("lines", &self.lines)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("caption", &self.caption)?;
        s.serialize_field("columns", &self.columns)?;
        s.serialize_field("header", &self.header)?;
        s.serialize_field("rows", &PlainRows(&self.body))?;
        s.serialize_field("body", &self.body)?;
        s.serialize_field("numeric", &self.numeric)?;
        s.serialize_field("footnotes", &self.footnotes)?;
        s.end()
    }
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

/// A body row: its lines, its kind and its cells.
///
/// Stored compactly (issue 9: a 5,000 × 200 table took 105× its size in memory when each
/// cell was a string and again a styled cell, ~200 bytes a cell): the plain texts of the
/// cells are one string with an end offset per cell, and a cell keeps its parsed parts
/// only when they hold more than its plain text (emphasis, a link, a list, paragraphs).
/// [`Row::cells`] gives every cell back exactly as the parser built it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub lines: Lines,
    pub kind: RowKind,
    texts: CellTexts,
    /// Cells with more than their plain text, by column, in column order.
    styled: Vec<(u32, Cell)>,
}

impl Row {
    pub fn new(lines: Lines, kind: RowKind, cells: Vec<Cell>) -> Row {
        let mut texts = CellTexts::with_capacity(cells.len(), 0);
        let mut styled = Vec::new();
        for (c, cell) in cells.into_iter().enumerate() {
            let plain = cell.to_plain();
            texts.push(&plain);
            if !cell.is_just(&plain) {
                styled.push((c as u32, cell));
            }
        }
        texts.shrink_to_fit();
        styled.shrink_to_fit();
        Row {
            lines,
            kind,
            texts,
            styled,
        }
    }

    /// The number of cells (a table's rows all have `columns` cells).
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Cell `column` as plain text ([`Cell::to_plain`]).
    pub fn text(&self, column: usize) -> Option<&str> {
        self.texts.get(column)
    }

    /// Every cell as plain text, in column order.
    pub fn texts(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        self.texts.iter()
    }

    /// Cell `column` with its structure.
    pub fn cell(&self, column: usize) -> Option<Cow<'_, Cell>> {
        let text = self.texts.get(column)?;
        Some(match self.styled_at(column) {
            Some(cell) => Cow::Borrowed(cell),
            None => Cow::Owned(Cell::plain(text)),
        })
    }

    /// Every cell with its structure, in column order.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = Cow<'_, Cell>> + '_ {
        let mut styled = self.styled.iter().peekable();
        self.texts.iter().enumerate().map(move |(c, text)| {
            match styled.next_if(|(at, _)| *at as usize == c) {
                Some((_, cell)) => Cow::Borrowed(cell),
                None => Cow::Owned(Cell::plain(text)),
            }
        })
    }

    fn styled_at(&self, column: usize) -> Option<&Cell> {
        let k = self
            .styled
            .binary_search_by_key(&column, |(at, _)| *at as usize)
            .ok()?;
        self.styled.get(k).map(|(_, cell)| cell)
    }
}

/// Serialised as `{"lines", "kind", "cells": [cell, …]}`, every cell with its parts.
impl Serialize for Row {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Cells<'a>(&'a Row);
        impl Serialize for Cells<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.cells())
            }
        }
        let mut s = serializer.serialize_struct("Row", 3)?;
        s.serialize_field("lines", &self.lines)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("cells", &Cells(self))?;
        s.end()
    }
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Data {
            lines: Lines,
            kind: RowKind,
            cells: Vec<Cell>,
        }
        let row = Data::deserialize(deserializer)?;
        Ok(Row::new(row.lines, row.kind, row.cells))
    }
}

/// The plain texts of a row of cells, stored as one string and an end offset per cell
/// (a cell costs four bytes beside its text, where a `String` costs 24 and an allocation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellTexts {
    text: String,
    ends: Vec<u32>,
}

impl CellTexts {
    pub fn with_capacity(cells: usize, bytes: usize) -> Self {
        CellTexts {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        }
    }

    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        // Offsets fit: a pack is refused over 512 MiB (`file::MAX_FILE_SIZE`), and a row is
        // part of one line of it.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, cell: usize) -> Option<&str> {
        let end = *self.ends.get(cell)? as usize;
        let start = match cell {
            0 => 0,
            _ => self.ends[cell - 1] as usize,
        };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator + '_ {
        (0..self.ends.len()).map(|c| self.get(c).unwrap_or_default())
    }

    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<'a> FromIterator<&'a str> for CellTexts {
    fn from_iter<I: IntoIterator<Item = &'a str>>(cells: I) -> Self {
        let mut texts = CellTexts::default();
        for cell in cells {
            texts.push(cell);
        }
        texts
    }
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
    /// A cell of plain text: no parts when the text is empty, else one unstyled span.
    pub fn plain(text: &str) -> Cell {
        if text.is_empty() {
            return Cell::default();
        }
        Cell {
            parts: vec![CellPart::Text {
                text: Text::plain(text),
            }],
        }
    }

    /// The cell is exactly [`Cell::plain`] of `plain`, so it need not be kept beside it.
    fn is_just(&self, plain: &str) -> bool {
        match self.parts.as_slice() {
            [] => plain.is_empty(),
            [CellPart::Text { text }] => match text.spans.as_slice() {
                [span] => {
                    !plain.is_empty()
                        && span.text == plain
                        && !(span.bold || span.italic || span.underline)
                        && span.link.is_none()
                        && span.xref.is_none()
                }
                _ => false,
            },
            _ => false,
        }
    }

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
    /// What the contents and a screen reader call the table: its caption, else its first
    /// header cell.
    pub fn name(&self) -> Option<String> {
        self.caption.clone().or_else(|| {
            self.header
                .iter()
                .flat_map(|r| r.iter())
                .find(|s| !s.trim().is_empty())
                .cloned()
        })
    }

    /// Tab-separated text of the whole table (header then body), for the clipboard.
    pub fn to_tsv(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        let mut out = String::new();
        let header = self
            .header
            .iter()
            .map(|r| r.iter().map(String::as_str).collect());
        let body = self.body.iter().map(|r| r.texts().collect::<Vec<_>>());
        for row in header.chain(body) {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect::<Vec<_>>();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    /// RFC 4180 CSV of the whole table (header then body): [`crate::csvutil`].
    pub fn to_csv(&self) -> String {
        crate::csvutil::to_string(|writer| {
            for row in &self.header {
                writer.write_record(row)?;
            }
            for row in &self.body {
                writer.write_record(row.texts())?;
            }
            Ok(())
        })
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
            body: vec![Row::new(
                Lines::one(2),
                RowKind::Data,
                vec![Cell::plain("The \"Moat\""), Cell::plain("6\tbad")],
            )],
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

    /// Issue 9: a row keeps plain cells as text only, and gives back, and serialises, every
    /// cell exactly as it was built (the shape `body` had when each cell was stored).
    #[test]
    fn a_row_gives_back_its_cells_as_built() {
        let bold = Cell {
            parts: vec![CellPart::Text {
                text: Text {
                    spans: vec![super::super::Inline {
                        text: "Total".into(),
                        bold: true,
                        ..Default::default()
                    }],
                },
            }],
        };
        let list = Cell {
            parts: vec![
                CellPart::Text {
                    text: Text::plain("Libraries:"),
                },
                CellPart::List {
                    items: vec![Text::plain("a"), Text::plain("b")],
                },
            ],
        };
        let split = Cell {
            parts: vec![CellPart::Text {
                text: Text {
                    spans: vec![
                        Text::plain("two ").spans[0].clone(),
                        Text::plain("spans").spans[0].clone(),
                    ],
                },
            }],
        };
        let empty_span = Cell {
            parts: vec![CellPart::Text {
                text: Text {
                    spans: vec![Default::default()],
                },
            }],
        };
        let cells = vec![
            Cell::plain("£1,200"),
            bold,
            Cell::default(),
            list,
            split,
            empty_span,
            Cell::plain("é – ü"),
        ];
        let row = Row::new(Lines(3, 4), RowKind::Total, cells.clone());
        assert_eq!(
            row.styled.len(),
            4,
            "only the cells with more than text are kept"
        );
        let back: Vec<Cell> = row.cells().map(Cow::into_owned).collect();
        assert_eq!(back, cells);
        for (c, cell) in cells.iter().enumerate() {
            assert_eq!(row.cell(c).as_deref(), Some(cell));
            assert_eq!(row.text(c), Some(cell.to_plain().as_str()));
        }
        assert_eq!(row.cell(cells.len()), None);
        assert_eq!(
            row.texts().collect::<Vec<_>>(),
            [
                "£1,200",
                "Total",
                "",
                "Libraries: a; b",
                "two spans",
                "",
                "é – ü"
            ]
        );

        #[derive(Serialize)]
        struct Stored<'a> {
            lines: Lines,
            kind: RowKind,
            cells: &'a [Cell],
        }
        let json = serde_json::to_string(&row).unwrap();
        let stored = Stored {
            lines: Lines(3, 4),
            kind: RowKind::Total,
            cells: &cells,
        };
        assert_eq!(json, serde_json::to_string(&stored).unwrap());
        let read: Row = serde_json::from_str(&json).unwrap();
        assert_eq!(read, row);
    }

    /// Issue 9: a table serialises as it did when it held `rows` and `body` separately:
    /// the same fields in the same order, `rows` the plain texts of `body`.
    #[test]
    fn a_table_serialises_rows_and_body_as_before() {
        let cells = vec![Cell::plain("Libraries"), Cell::default(), Cell::plain("£3")];
        let table = Table {
            id: TableId(4),
            lines: Lines(10, 12),
            kind: TableKind::Columns,
            caption: Some("Staff".into()),
            columns: 3,
            header: vec![vec!["Hub".into(), "".into(), "Cost".into()]],
            body: vec![Row::new(Lines(11, 12), RowKind::Section, cells.clone())],
            numeric: vec![false, false, true],
            footnotes: vec![Text::plain("* note")],
        };
        #[derive(Serialize)]
        struct StoredRow<'a> {
            lines: Lines,
            kind: RowKind,
            cells: &'a [Cell],
        }
        #[derive(Serialize)]
        struct Stored<'a> {
            id: TableId,
            lines: Lines,
            kind: TableKind,
            caption: &'a Option<String>,
            columns: usize,
            header: &'a [Vec<String>],
            rows: Vec<Vec<String>>,
            body: Vec<StoredRow<'a>>,
            numeric: &'a [bool],
            footnotes: &'a [Text],
        }
        let stored = Stored {
            id: table.id,
            lines: table.lines,
            kind: table.kind,
            caption: &table.caption,
            columns: table.columns,
            header: &table.header,
            rows: vec![cells.iter().map(Cell::to_plain).collect()],
            body: vec![StoredRow {
                lines: Lines(11, 12),
                kind: RowKind::Section,
                cells: &cells,
            }],
            numeric: &table.numeric,
            footnotes: &table.footnotes,
        };
        let json = serde_json::to_string(&table).unwrap();
        assert_eq!(json, serde_json::to_string(&stored).unwrap());
        let read: Table = serde_json::from_str(&json).unwrap();
        assert_eq!(read, table);
    }
}
