//! The order of a table's body rows sorted by one column: numbers as numbers (the columns
//! `Table::numeric` marks), dates as dates when every filled cell of the column reads as
//! one, else text ignoring case. Egui-free, for the viewer's sortable headers.
//!
//! Section rows ("Core Libraries") head the rows below them, so rows are sorted within
//! each section and sections keep their places; total rows stay at the end of their
//! section. Empty cells sort last either way, as spreadsheets do.

use std::cmp::Ordering;

use crate::model::{RowKind, Table};

/// How a column's cells compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Number,
    Date,
    Text,
}

/// How a column is compared: numbers when the parser marked it numeric, dates when every
/// filled cell is a simple date, else text.
pub fn column_kind(table: &Table, column: usize) -> ColumnKind {
    if table.numeric.get(column).copied().unwrap_or(false) {
        return ColumnKind::Number;
    }
    let mut filled = table
        .body
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|row| row.text(column))
        .filter(|c| !c.trim().is_empty())
        .peekable();
    if filled.peek().is_none() {
        return ColumnKind::Text;
    }
    if filled.all(|c| date_key(c).is_some()) {
        ColumnKind::Date
    } else {
        ColumnKind::Text
    }
}

/// Indices into `table.body` in display order.
pub fn sorted_rows(table: &Table, column: usize, descending: bool) -> Vec<usize> {
    let kind = column_kind(table, column);
    let cell = |r: usize| {
        table
            .body
            .get(r)
            .and_then(|row| row.text(column))
            .unwrap_or_default()
    };
    let compare = |a: &usize, b: &usize| {
        let (x, y) = (cell(*a).trim(), cell(*b).trim());
        // Empty cells last whatever the direction.
        match (x.is_empty(), y.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Greater,
            (false, true) => return Ordering::Less,
            _ => {}
        }
        let order = match kind {
            ColumnKind::Number => compare_keys(number_key(x), number_key(y), x, y),
            ColumnKind::Date => compare_keys(date_key(x), date_key(y), x, y),
            ColumnKind::Text => compare_text(x, y),
        };
        if descending { order.reverse() } else { order }
    };
    let count = table.body.len();
    let kind_of = |r: usize| table.body.get(r).map_or(RowKind::Data, |row| row.kind);
    let mut out = Vec::with_capacity(count);
    let mut data = Vec::new();
    let mut totals = Vec::new();
    let flush = |out: &mut Vec<usize>, data: &mut Vec<usize>, totals: &mut Vec<usize>| {
        // A stable sort keeps rows that compare equal in the document's order.
        data.sort_by(compare);
        out.append(data);
        out.append(totals);
    };
    for r in 0..count {
        match kind_of(r) {
            RowKind::Section => {
                flush(&mut out, &mut data, &mut totals);
                out.push(r);
            }
            RowKind::Total => totals.push(r),
            RowKind::Data => data.push(r),
        }
    }
    flush(&mut out, &mut data, &mut totals);
    out
}

/// Cells that parse compare as values, before cells that do not (compared as text).
fn compare_keys<K: PartialOrd>(a: Option<K>, b: Option<K>, x: &str, y: &str) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => compare_text(x, y),
    }
}

fn compare_text(x: &str, y: &str) -> Ordering {
    x.to_lowercase().cmp(&y.to_lowercase())
}

/// A number as councils print them: `£4,204,141`, `-12.5%`, `(1,200)` (negative), `6 months`.
pub fn number_key(cell: &str) -> Option<f64> {
    let mut s = cell.trim();
    let negative_brackets = s.starts_with('(') && s.ends_with(')');
    if negative_brackets {
        s = &s[1..s.len() - 1];
    }
    let s = s.trim_start_matches(['£', '$', '€', '+']);
    let mut text = String::new();
    let mut seen_digit = false;
    for (i, c) in s.char_indices() {
        match c {
            '0'..='9' => {
                seen_digit = true;
                text.push(c);
            }
            '.' => text.push(c),
            ',' if seen_digit => {}
            '-' | '−' | '–' if i == 0 => text.push('-'),
            '£' | '$' | '€' if i <= 1 => {}
            _ if seen_digit => break,
            _ => return None,
        }
    }
    let value: f64 = text.parse().ok()?;
    Some(if negative_brackets { -value } else { value })
}

/// A simple date as a sortable number: `21/12/2023`, `2023-12-21`, `21 December 2023`,
/// `6th July 2023`, `December 2023`, `Dec-23`; a financial year `2020/21` counts as its
/// first year.
pub fn date_key(cell: &str) -> Option<u32> {
    let s = cell.trim();
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let year = |n: u32| -> Option<u32> {
        match n {
            1900..=2200 => Some(n),
            0..=99 => Some(2000 + n),
            _ => None,
        }
    };
    let key = |y: u32, m: u32, d: u32| {
        ((1..=12).contains(&m) && d <= 31).then_some(y * 10_000 + m * 100 + d)
    };
    match words.as_slice() {
        [a, b, c] => match (number(a), month(b), number(b), number(c)) {
            // 21 December 2023, 6th July 2023
            (Some(d), Some(m), _, Some(y)) => key(year(y)?, m, d),
            // 2023-12-21
            (Some(y), None, Some(m), Some(d)) if y >= 1900 => key(y, m, d),
            // 21/12/2023
            (Some(d), None, Some(m), Some(y)) => key(year(y)?, m, d),
            _ => None,
        },
        [a, b] => match (month(a), number(a), number(b)) {
            // December 2023, Dec-23
            (Some(m), _, Some(y)) => key(year(y)?, m, 0),
            // 2020/21: a financial year
            (None, Some(y), Some(next)) if (1900..=2200).contains(&y) && next < 100 => key(y, 4, 0),
            _ => None,
        },
        _ => None,
    }
}

fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|k| k as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Lines, Row, TableId, TableKind};

    fn table(rows: &[(&[&str], RowKind)], numeric: Vec<bool>) -> Table {
        Table {
            id: TableId(0),
            lines: Lines(1, 9),
            kind: TableKind::Columns,
            caption: None,
            columns: rows.first().map_or(0, |r| r.0.len()),
            header: vec![vec!["Name".into(), "Value".into()]],
            body: rows
                .iter()
                .map(|(r, kind)| {
                    Row::new(
                        Lines::one(1),
                        *kind,
                        r.iter().map(|c| Cell::plain(c)).collect(),
                    )
                })
                .collect(),
            numeric,
            footnotes: Vec::new(),
        }
    }

    #[test]
    fn numbers_sort_as_numbers_and_empty_cells_last() {
        use RowKind::Data;
        let t = table(
            &[
                (&["a", "£1,200"], Data),
                (&["b", "95"], Data),
                (&["c", ""], Data),
                (&["d", "(5)"], Data),
                (&["e", "12.5%"], Data),
            ],
            vec![false, true],
        );
        assert_eq!(sorted_rows(&t, 1, false), vec![3, 4, 1, 0, 2]);
        assert_eq!(sorted_rows(&t, 1, true), vec![0, 1, 4, 3, 2]);
        // Text ignores case.
        assert_eq!(sorted_rows(&t, 0, true), vec![4, 3, 2, 1, 0]);
    }

    #[test]
    fn sections_keep_their_place_and_totals_stay_last() {
        use RowKind::{Data, Section, Total};
        let t = table(
            &[
                (&["North", ""], Section),
                (&["x", "3"], Data),
                (&["y", "1"], Data),
                (&["Total", "4"], Total),
                (&["South", ""], Section),
                (&["z", "9"], Data),
                (&["w", "2"], Data),
            ],
            vec![false, true],
        );
        assert_eq!(sorted_rows(&t, 1, false), vec![0, 2, 1, 3, 4, 6, 5]);
    }

    #[test]
    fn date_columns_sort_as_dates() {
        use RowKind::Data;
        let t = table(
            &[
                (&["a", "6th July 2023"], Data),
                (&["b", "21 December 2022"], Data),
                (&["c", "March 2023"], Data),
                (&["d", "01/02/2024"], Data),
            ],
            vec![false, false],
        );
        assert_eq!(column_kind(&t, 1), ColumnKind::Date);
        assert_eq!(sorted_rows(&t, 1, false), vec![1, 2, 0, 3]);
        assert_eq!(column_kind(&t, 0), ColumnKind::Text);
        assert_eq!(date_key("2020/21"), date_key("April 2020"));
        assert_eq!(date_key("Family Valued"), None);
    }
}
