//! Work programmes: the dated items, from the programme's table when it has one, or from
//! its date/title summary.

use super::dates;
use crate::model::{BlockKind, Document, Lines, RowKind, WorkItem, WorkProgramme};

pub fn parse(doc: &Document) -> WorkProgramme {
    let mut items = from_tables(doc);
    if items.is_empty() {
        items = from_summary(doc);
    }
    WorkProgramme { items }
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_lowercase();
        names.iter().any(|n| h.contains(n))
    })
}

fn from_tables(doc: &Document) -> Vec<WorkItem> {
    let mut items = Vec::new();
    for table in &doc.tables {
        let Some(header) = table.header.last() else {
            continue;
        };
        let (Some(date_col), Some(title_col)) = (
            column(header, &["date", "meeting"]),
            column(header, &["title", "item", "topic"]),
        ) else {
            continue;
        };
        let detail_col = column(header, &["detail", "purpose", "description"]);
        let lead_col = column(header, &["lead", "officer", "cabinet member"]);
        let mut date = String::new();
        for row in &table.body {
            let cell = |c: Option<usize>| {
                c.and_then(|c| row.text(c))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            if let Some(d) = cell(Some(date_col)) {
                date = d;
            }
            if row.kind == RowKind::Section {
                continue;
            }
            let Some(title) = cell(Some(title_col)) else {
                continue;
            };
            items.push(WorkItem {
                date_iso: dates::find_iso(&date),
                date: date.clone(),
                title,
                detail: cell(detail_col),
                lead: cell(lead_col),
                lines: row.lines,
            });
        }
    }
    items
}

/// "6th July 2023" on one line, the titles of that meeting on the next.
fn from_summary(doc: &Document) -> Vec<WorkItem> {
    let mut items = Vec::new();
    for block in &doc.blocks {
        let BlockKind::Paragraph { text } = &block.kind else {
            continue;
        };
        let plain = text.to_plain();
        let rows: Vec<&str> = plain.lines().collect();
        let mut k = 0;
        while k + 1 < rows.len() {
            let (date, title) = (rows[k].trim(), rows[k + 1].trim());
            if dates::is_date_line(date) && !dates::is_date_line(title) {
                items.push(WorkItem {
                    date: date.to_string(),
                    date_iso: dates::find_iso(date),
                    title: title.to_string(),
                    detail: None,
                    lead: None,
                    lines: Lines(block.lines.first(), block.lines.last()),
                });
                k += 2;
            } else {
                k += 1;
            }
        }
    }
    items
}
