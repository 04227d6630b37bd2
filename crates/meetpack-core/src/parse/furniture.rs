//! Page furniture: page numbers and running headers and footers. They are kept (every
//! line stays in the model and the viewer shows them, muted) but out of the reading flow,
//! so a paragraph cut by a page break reads as one.
//!
//! Pages are the runs of lines between form feeds (PDF extractions put one per page).
//! On a page's first or last lines, a page number ("11", "Page 11", "Page | 11", "- 11 -",
//! "Page 2 of 5") is furniture; so is a line that stands at the top or foot of several
//! pages once its digits are ignored (a running header "Minutes | 13 March 2018").
//! "Agenda Item N" stamps are not furniture: they start documents.

use std::collections::HashMap;

use super::lines::Line;
use super::text::static_regex;

static_regex!(
    PAGE_NUMBER,
    r"(?i)^(?:page\s*\|?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*\|?\s*page|[-–]\s*\d{1,4}\s*[-–]|\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|tudalen\s+\d{1,4})$"
);
static_regex!(STAMP, r"(?i)^agenda\s+item\s+\d");

/// How many lines at each edge of a page may hold furniture.
const EDGE: usize = 2;

/// Marks the furniture lines (`Line::furniture`).
pub fn mark(lines: &mut [Line<'_>]) {
    let pages = pages(lines);
    if pages.len() < 2 {
        // No page breaks: only a line that says "Page N" is plainly furniture.
        for line in lines.iter_mut() {
            let t = line.plain.trim();
            if t.to_ascii_lowercase().starts_with("page") && PAGE_NUMBER.is_match(t) {
                line.furniture = true;
            }
        }
        return;
    }
    // The non-blank lines at the top and foot of each page.
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .map(|&(start, end)| {
            let nonblank: Vec<usize> = (start..end).filter(|&i| !lines[i].is_blank()).collect();
            let mut edge: Vec<usize> = nonblank.iter().take(EDGE).copied().collect();
            for &i in nonblank.iter().rev().take(EDGE) {
                if !edge.contains(&i) {
                    edge.push(i);
                }
            }
            edge
        })
        .collect();
    // A running header or footer repeats, digits aside, on several pages.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for edge in &edges {
        let mut on_page: Vec<String> = edge.iter().map(|&i| shape(lines[i].plain.trim())).collect();
        on_page.sort();
        on_page.dedup();
        for s in on_page {
            *seen.entry(s).or_insert(0) += 1;
        }
    }
    let repeated = |s: &str| {
        let n = seen.get(s).copied().unwrap_or(0);
        n >= 3 && n * 5 >= pages.len() * 2
    };
    for edge in &edges {
        for &i in edge {
            let t = lines[i].plain.trim();
            if t.is_empty() || STAMP.is_match(t) {
                continue;
            }
            let shaped = shape(t);
            // A row of a table repeated at each page's top is the table's header, not a
            // running header: columns (tabs, wide gaps) keep it in its table.
            let columns = lines[i].raw.contains('\t') || lines[i].text.contains("   ");
            // …unless one of its columns is the page's number: a browser's footer ("file:///…
            // <gap> 6/62") or a document's ("Minutes <gap> Page 6"), never a table's header.
            let paged = columns && cells(lines[i].text).any(|c| PAGE_NUMBER.is_match(c));
            if PAGE_NUMBER.is_match(t)
                || (shaped.len() >= 4 && (!columns || paged) && repeated(&shaped))
            {
                lines[i].furniture = true;
            }
        }
    }
}

/// A line's columns: the runs of text between tabs or gaps of three or more spaces.
fn cells(t: &str) -> impl Iterator<Item = &str> {
    t.split('\t')
        .flat_map(|part| part.split("   "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Line index ranges of the pages.
fn pages(lines: &[Line<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.page_break && i > start {
            out.push((start, i));
            start = i;
        }
    }
    if start < lines.len() {
        out.push((start, lines.len()));
    }
    out
}

/// The line with runs of digits as `#` and spaces collapsed, so "Page 3" and "Page 4", or
/// a header with the page's number, compare equal.
fn shape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut prev_digit = false;
    let mut prev_space = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('#');
            }
            prev_digit = true;
            prev_space = false;
        } else if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
            prev_digit = false;
        } else {
            out.push(c);
            prev_digit = false;
            prev_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split;

    fn marked(text: &str) -> Vec<u32> {
        let mut lines = split(text);
        mark(&mut lines);
        lines.iter().filter(|l| l.furniture).map(|l| l.no).collect()
    }

    #[test]
    fn page_numbers_and_running_headers_at_page_edges() {
        let text = "Minutes | 13 March 2018\nBody one\nPage | 1\n\u{c}Minutes | 13 March 2018\nBody two\nPage | 2\n\u{c}Minutes | 13 March 2018\nBody three\n3";
        assert_eq!(marked(text), vec![1, 3, 4, 6, 7, 9]);
    }

    #[test]
    fn stamps_and_body_text_are_not_furniture() {
        let text = "Agenda Item 3\nReport\n\u{c}Agenda Item 3\nMore\n\u{c}Agenda Item 3\nEnd of the report has 11 words";
        assert_eq!(marked(text), Vec::<u32>::new());
    }

    #[test]
    fn a_footer_in_columns_with_the_page_number_is_furniture_a_repeated_table_header_is_not() {
        // A browser's print of a page: the date at the top, the address and "n/N" at the foot.
        let page = |n: u32, body: &str| {
            format!("12/7/26, 11:26 PM\nRef\tName\tWard\n{body}\nfile:///tmp/minutes.html\t{n}/3\n")
        };
        let text = [
            page(1, "The clerk read the report."),
            page(2, "Members asked about the budget."),
            page(3, "It was resolved to approve."),
        ]
        .join("\u{c}");
        assert_eq!(marked(&text), vec![1, 4, 5, 8, 9, 12]);
    }

    #[test]
    fn without_page_breaks_only_page_lines() {
        assert_eq!(marked("Title\n11\nPage 2 of 5\nText"), vec![3]);
    }
}
