//! Tab-separated runs of lines to logical tables.
//!
//! A PDF extraction splits one table into pieces: at a page break (often repeating the
//! caption and header row), around a footnote, or at a blank line. Pieces are joined when
//! nothing but blank lines, footnotes or a repeat of the caption/header stands between
//! them and their shapes agree; a piece that starts with a different header row is a new
//! table even if it shares the caption. Two-column runs of labels and values (author
//! blocks) and of titles and page numbers (contents) are recognised and not made tables.

use super::Context;
use super::inline;
use super::lines::Line;
use super::text::{self, static_regex};
use crate::model::{
    Cell, CellPart, CellTexts, ContentsEntry, DiagnosticKind, Field, Lines, Row, RowKind, Table,
    TableKind, Text,
};

/// What a run of tabbed lines turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Table(Table),
    Fields(Vec<Field>),
    Contents(Vec<ContentsEntry>),
}

/// A run of lines (indices into the document's lines, end exclusive) and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    pub found: Found,
}

/// One physical row: its line number and raw cells (trimmed), stored as one string: a
/// wide table holds every row at once while it is joined and classified.
#[derive(Debug, Clone)]
struct RawRow {
    no: u32,
    last_no: u32,
    cells: CellTexts,
}

static_regex!(
    NUMERIC,
    r"^[-+(]?[£$€]?-?[\d,]*\.?\d+(?:%|k|m|bn)?\)?(?:\s*\(\d+(?:\.\d+)?%?\))?$"
);
static_regex!(ITEM_NUMBER, r"^\d{1,4}\.$");
static_regex!(SUB_LETTER, r"^\(?[a-h]\)$");
static_regex!(FOOTNOTE, r"^(?:[*¹²³⁴⁵⁶⁷⁸⁹†‡]|\[\d+\]|NB\b|Note:)");

/// Labels of author/signature blocks laid out as two tab-separated columns.
const FIELD_LABELS: &[&str] = &[
    "name",
    "name of author",
    "author",
    "authors",
    "job title",
    "title",
    "organisation",
    "organization",
    "contact details",
    "contact",
    "email",
    "e-mail",
    "tel",
    "telephone",
    "directorate",
    "report author",
];

pub fn is_field_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    FIELD_LABELS.contains(&label.as_str())
}

/// A row of cells: two or more filled cells, or one cell placed by several tabs. A single
/// leading tab is only indentation.
pub fn is_tab_row(line: &Line<'_>) -> bool {
    // A running footer laid out in columns ("file:///… <TAB> 6/62") is page furniture;
    // tabs in an HTML paragraph or list item ("<p>… <TAB><TAB> <em>Clerk</em>") are only
    // white space (a cell may hold a list: "<ul> • … <TAB> <ul> • …" stays a row).
    if line.furniture || !line.has_tabs() || html_text_block(line.text.trim_start()) {
        return false;
    }
    let cells: Vec<&str> = line
        .raw
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    // "3638.<TAB>Police Report", "**1.**<TAB>**APOLOGIES**<TAB>To note apologies", "a)<TAB>To
    // approve payments": a numbered (or lettered) line laid out with tabs, its number in
    // bold or not, with its title and perhaps a line of text: words, not a row of figures.
    fn bare(c: &str) -> &str {
        c.trim_matches('*').trim()
    }
    // A third cell only beside a title in bold or capitals ("**MINUTES**<TAB>To approve
    // …"); a lettered line has two cells. Rows of a table of recommendations ("a)<TAB>text
    // <TAB>response") stay rows.
    let title_like = |c: &str| {
        c.starts_with("**")
            || (bare(c).chars().any(char::is_alphabetic)
                && !bare(c).chars().any(char::is_lowercase))
    };
    let numbered = ITEM_NUMBER.is_match(bare(cells[0]));
    let words = |c: &&str| {
        let c = bare(c);
        c.starts_with(|ch: char| ch.is_alphabetic()) && !is_numeric(c) && !c.contains('£')
    };
    let shape = match cells.len() {
        2 if numbered => true,
        2 => SUB_LETTER.is_match(bare(cells[0])) && words(&cells[1]),
        3 => numbered && title_like(cells[1]) && cells[1..].iter().all(words),
        _ => false,
    };
    let numbered_line = shape && line.raw.trim_start().starts_with(cells[0]);
    let filled = cells.len();
    // One filled cell counts only when tabs follow it ("Core Libraries<TAB><TAB>…");
    // tabs before it alone are indentation.
    let placed =
        filled == 1 && line.raw.matches('\t').count() >= 2 && line.raw.trim_start().contains('\t');
    !numbered_line && (filled >= 2 || placed)
}

/// "\tDevolution Priority Programme" under "Subject:\tEnglish Devolution White Paper and
/// the": a value wrapped onto the next line, in the value's column only.
fn continues_a_labelled_value(line: &Line<'_>, rows: &[RawRow]) -> bool {
    let Some(last) = rows.last() else {
        return false;
    };
    let labelled = last
        .cells
        .get(0)
        .is_some_and(|c| c.trim_end().ends_with(':'))
        && last.cells.iter().filter(|c| !c.is_empty()).count() == 2;
    let rest = line.raw.strip_prefix('\t').unwrap_or("");
    labelled && !rest.trim().is_empty() && !rest.contains('\t') && line.no == last.last_no + 1
}

fn is_footnote(line: &Line<'_>) -> bool {
    !line.has_tabs() && !line.text.starts_with("**") && FOOTNOTE.is_match(line.text)
}

fn cells_of(line: &Line<'_>) -> CellTexts {
    line.raw.split('\t').map(str::trim).collect()
}

fn is_numeric(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && (NUMERIC.is_match(c) || c.eq_ignore_ascii_case("n/a") || c == "-")
}

/// Finds every tabbed region in a document's lines.
pub fn find(lines: &[Line<'_>], cx: &mut Context) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_tab_row(&lines[i]) {
            i += 1;
            continue;
        }
        let caption = caption_above(lines, i);
        let (end, rows, footnotes) = collect(lines, i, caption.as_deref(), cx);
        let found = classify(rows, footnotes, caption, cx);
        regions.push(Region {
            start: i,
            end,
            found,
        });
        i = end;
    }
    regions
}

/// A line that opens an HTML paragraph, list item or heading.
fn html_text_block(t: &str) -> bool {
    let lower = t.get(..4).unwrap_or(t).to_ascii_lowercase();
    text::opens_html_block(t)
        && (lower.starts_with("<p")
            || lower.starts_with("<li")
            || (lower.starts_with("<h") && lower[2..].starts_with(|c: char| c.is_ascii_digit())))
}

/// The short line just above a table that names it.
fn caption_above(lines: &[Line<'_>], start: usize) -> Option<String> {
    let mut j = start;
    let mut blanks = 0;
    while j > 0 {
        j -= 1;
        let line = &lines[j];
        if line.is_blank() {
            blanks += 1;
            if blanks > 2 {
                return None;
            }
            continue;
        }
        let plain = line.plain.to_string();
        let short = text::word_count(&plain) <= 20 && !plain.ends_with('.');
        let listish = line.text.starts_with("- ") || line.has_tabs();
        return (short && !listish).then_some(plain);
    }
    None
}

/// Collects the rows of one logical table starting at `start`, joining pieces.
/// Returns the end index (exclusive), the rows and the footnotes.
fn collect(
    lines: &[Line<'_>],
    start: usize,
    caption: Option<&str>,
    cx: &mut Context,
) -> (usize, Vec<RawRow>, Vec<Text>) {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut footnotes = Vec::new();
    let mut i = start;
    let mut end = start;
    loop {
        // One piece: consecutive tab rows.
        // At the top of a piece joined to rows above: a repeated header is dropped and a
        // row carried over the break is merged, before the piece's own rows begin.
        let mut joined_piece = !rows.is_empty();
        while i < lines.len()
            && (is_tab_row(&lines[i]) || continues_a_labelled_value(&lines[i], &rows))
        {
            let cells = cells_of(&lines[i]);
            if joined_piece {
                if same_cells(&cells, &rows[0].cells) {
                    // A header repeated after a page break.
                    i += 1;
                    continue;
                }
                if let Some(last) = rows.last_mut()
                    && is_row_continuation(&cells, last)
                {
                    merge_row(last, &cells, lines[i].no);
                    cx.doubt(
                        DiagnosticKind::Table,
                        Lines(lines[i].no, lines[i].no),
                        "table row continued after a page break, merged into the row above".into(),
                    );
                    i += 1;
                    joined_piece = false;
                    continue;
                }
            }
            joined_piece = false;
            rows.push(RawRow {
                no: lines[i].no,
                last_no: lines[i].no,
                cells,
            });
            i += 1;
        }
        end = end.max(i);
        // What lies between this piece and a possible next one.
        let mut j = i;
        let mut pending_notes = Vec::new();
        let mut saw_repeat_caption = false;
        while j < lines.len() {
            let line = &lines[j];
            if line.is_blank() {
                j += 1;
            } else if is_footnote(line) {
                pending_notes.push(inline::parse(line.text));
                j += 1;
            } else if caption.is_some_and(|c| line.plain == c) && !saw_repeat_caption {
                saw_repeat_caption = true;
                j += 1;
            } else {
                break;
            }
        }
        let continues = j < lines.len()
            && j > i
            && is_tab_row(&lines[j])
            && piece_fits(&rows, &cells_of(&lines[j]));
        if continues {
            footnotes.append(&mut pending_notes);
            let why = if saw_repeat_caption {
                "table continued after a page break (caption and header repeated), joined"
            } else if !footnotes.is_empty() {
                "table split by a footnote, joined"
            } else {
                "table split by a blank line, joined"
            };
            cx.doubt(
                DiagnosticKind::Table,
                Lines(lines[i - 1].no, lines[j].no),
                why.into(),
            );
            i = j;
            continue;
        }
        // Footnotes directly under the table belong to it.
        let mut k = i;
        while k < lines.len() {
            if lines[k].is_blank() {
                k += 1;
            } else if is_footnote(&lines[k]) {
                footnotes.push(inline::parse(lines[k].text));
                k += 1;
                end = k;
            } else {
                break;
            }
        }
        return (end, rows, footnotes);
    }
}

/// The same cells, ignoring case and empty cells at the end.
fn same_cells(a: &CellTexts, b: &CellTexts) -> bool {
    let filled = |v: &CellTexts| v.iter().rposition(|c| !c.is_empty()).map_or(0, |p| p + 1);
    let (n, m) = (filled(a), filled(b));
    n == m
        && a.iter()
            .zip(b.iter())
            .take(n)
            .all(|(x, y)| x == y || x.to_lowercase() == y.to_lowercase())
}

/// Can a piece starting with `first` continue the table so far?
fn piece_fits(rows: &[RawRow], first: &CellTexts) -> bool {
    let Some(head) = rows.first() else {
        return false;
    };
    if same_cells(first, &head.cells) {
        return true;
    }
    let width = |c: &CellTexts| c.iter().rposition(|s| !s.is_empty()).map_or(0, |p| p + 1);
    let table_width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    // A different header row starts a different table, even under the same caption.
    let first_is_header = looks_like_header(first)
        && rows.len() > 1
        && !looks_like_header(&rows[rows.len() - 1].cells);
    !first_is_header
        && width(first) <= table_width
        && (first.len() == table_width || width(first) + 1 >= table_width.min(first.len()))
}

fn looks_like_header(cells: &CellTexts) -> bool {
    let mut filled = 0;
    for c in cells.iter().filter(|c| !c.is_empty()) {
        if is_numeric(c) || c.len() > 120 || c.ends_with('.') || starts_with_count(c) {
            return false;
        }
        filled += 1;
    }
    filled >= 2
}

/// "132 (13 Sessions)", "1 Day Signs Of Safety": a count, not a column label. Years
/// ("2019/20") and quarters ("Q1") are labels.
fn starts_with_count(cell: &str) -> bool {
    let lead: String = cell.chars().take_while(char::is_ascii_digit).collect();
    !lead.is_empty() && lead.len() != 4
}

/// A row carried over a page break: fewer cells filled, text continuing in lower case.
fn is_row_continuation(cells: &CellTexts, prev: &RawRow) -> bool {
    let Some((first, text)) = cells.iter().enumerate().find(|(_, c)| !c.is_empty()) else {
        return false;
    };
    first > 0
        && text::starts_lowercase(text)
        && prev
            .cells
            .get(first)
            .is_some_and(|c| !c.is_empty() && !text::ends_sentence(c))
}

/// Merges a row carried over a page break into the row above (rare: rebuilt as strings).
fn merge_row(row: &mut RawRow, cells: &CellTexts, no: u32) {
    let mut merged: Vec<String> = row.cells.iter().map(str::to_string).collect();
    for (k, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        match merged.get_mut(k) {
            Some(existing) if !existing.is_empty() => {
                existing.push(' ');
                existing.push_str(cell);
            }
            Some(existing) => existing.push_str(cell),
            None => {
                merged.resize(k, String::new());
                merged.push(cell.to_string());
            }
        }
    }
    row.cells = merged.iter().map(String::as_str).collect();
    row.last_no = no;
}

fn classify(
    rows: Vec<RawRow>,
    footnotes: Vec<Text>,
    caption: Option<String>,
    cx: &mut Context,
) -> Found {
    fn filled(r: &RawRow) -> Vec<&str> {
        r.cells.iter().filter(|c| !c.is_empty()).collect()
    }
    fn first(r: &RawRow) -> &str {
        r.cells.get(0).unwrap_or_default()
    }
    let all_pairs = rows
        .iter()
        .all(|r| r.cells.iter().filter(|c| !c.is_empty()).nth(2).is_none() && !first(r).is_empty());
    if all_pairs && rows.iter().all(|r| is_field_label(first(r))) {
        return Found::Fields(
            rows.iter()
                .map(|r| Field {
                    label: first(r).trim_end_matches(':').to_string(),
                    value: inline::parse(&filled(r)[1..].join(" ")),
                })
                .collect(),
        );
    }
    if let Some(fields) = label_value_grid(&rows) {
        return Found::Fields(fields);
    }
    if let Some(entries) = contents(&rows) {
        return Found::Contents(entries);
    }
    Found::Table(table(rows, footnotes, caption, cx))
}

/// A report's header grid laid out in two columns ("From:<TAB>Roger Gough", "To:<TAB>…",
/// "Subject:<TAB>English Devolution White Paper", "Decision no:<TAB>24/00123"), a value
/// that wraps going on in the right column alone: label/value fields, not a table of one
/// row per line, and a wrapped value kept whole.
fn label_value_grid(rows: &[RawRow]) -> Option<Vec<Field>> {
    let labelled = |label: &str| {
        let label = label.trim();
        label.ends_with(':') && text::word_count(label) <= 5 && label.len() > 1
    };
    let mut fields: Vec<(String, String)> = Vec::new();
    for r in rows {
        let filled: Vec<&str> = r.cells.iter().filter(|c| !c.is_empty()).collect();
        let first = r.cells.get(0).unwrap_or_default();
        match filled.as_slice() {
            [label, value] if labelled(label) && first == *label => {
                fields.push((
                    label.trim_end_matches(':').trim().to_string(),
                    value.to_string(),
                ));
            }
            // The value's next line, in the right column only.
            [more] if first.is_empty() && !fields.is_empty() => {
                let (_, value) = fields.last_mut()?;
                value.push(' ');
                value.push_str(more);
            }
            _ => return None,
        }
    }
    (fields.len() >= 2).then(|| {
        fields
            .into_iter()
            .map(|(label, value)| Field {
                label,
                value: inline::parse(&value),
            })
            .collect()
    })
}

/// Titles with non-decreasing page numbers: a table of contents.
fn contents(rows: &[RawRow]) -> Option<Vec<ContentsEntry>> {
    if rows.len() < 3 {
        return None;
    }
    let mut entries = Vec::new();
    let mut last_page = 0;
    for r in rows {
        let filled: Vec<&str> = r.cells.iter().filter(|c| !c.is_empty()).collect();
        let [title, page] = filled.as_slice() else {
            return None;
        };
        let page: u32 = page.parse().ok()?;
        if page < last_page || page > 2000 {
            return None;
        }
        last_page = page;
        let title = inline::plain(title.trim_start_matches(['●', '•', '-', '■', ' ']));
        entries.push(ContentsEntry {
            title,
            page: Some(page),
        });
    }
    Some(entries)
}

fn table(
    mut rows: Vec<RawRow>,
    footnotes: Vec<Text>,
    caption: Option<String>,
    cx: &mut Context,
) -> Table {
    let columns = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for r in &mut rows {
        while r.cells.len() < columns {
            r.cells.push("");
        }
    }
    let header_rows = header_count(&rows);
    let kind = if header_rows > 0 {
        TableKind::Columns
    } else if is_transposed(&rows) {
        TableKind::Transposed
    } else {
        TableKind::Headerless
    };
    let lines = Lines(
        rows.first().map_or(0, |r| r.no),
        rows.iter().map(|r| r.last_no).max().unwrap_or(0),
    );
    let header: Vec<Vec<String>> = rows[..header_rows]
        .iter()
        .map(|r| r.cells.iter().map(inline::plain).collect())
        .collect();
    let ragged = rows.iter().any(|r| {
        r.cells
            .iter()
            .rposition(|c| !c.is_empty())
            .is_some_and(|p| p + 1 > columns)
    });
    // Each raw row is dropped as its row is built, so the two are never all held at once.
    let body: Vec<Row> = rows
        .into_iter()
        .skip(header_rows)
        .map(|r| {
            Row::new(
                Lines(r.no, r.last_no),
                row_kind(&r.cells, columns),
                r.cells.iter().map(parse_cell).collect(),
            )
        })
        .collect();
    if ragged {
        cx.doubt(
            DiagnosticKind::Table,
            lines,
            "table rows have different numbers of cells".into(),
        );
    }
    let numeric = numeric_columns(&body, columns);
    Table {
        id: cx.table_id(),
        lines,
        kind,
        caption,
        columns,
        header,
        body,
        numeric,
        footnotes,
    }
}

/// Columns where at least half the filled data cells are numbers ("-" and "n/a" count as
/// numbers' stand-ins, not as text).
fn numeric_columns(body: &[Row], columns: usize) -> Vec<bool> {
    (0..columns)
        .map(|c| {
            let (mut filled, mut numbers) = (0, 0);
            for t in body
                .iter()
                .filter(|r| r.kind != RowKind::Section)
                .filter_map(|r| r.text(c))
                .filter(|t| !t.is_empty())
            {
                filled += 1;
                numbers += usize::from(is_numeric(t));
            }
            filled > 0 && numbers * 2 >= filled && numbers > 0
        })
        .collect()
}

/// How many leading rows are headers: rows with an empty first cell above rows whose
/// first cell names them (one or two levels), or a first row of labels over data.
fn header_count(rows: &[RawRow]) -> usize {
    if rows.len() < 2 {
        return 0;
    }
    let first_empty = |r: &RawRow| r.cells.get(0).is_none_or(str::is_empty);
    let numeric_count = |r: &RawRow| r.cells.iter().filter(|c| is_numeric(c)).count();
    if first_empty(&rows[0]) && rows.iter().any(|r| !first_empty(r)) {
        let n = rows
            .iter()
            .take_while(|r| {
                first_empty(r) && numeric_count(r) == 0 && r.cells.iter().all(|c| c.len() <= 60)
            })
            .count();
        if n == 0 {
            return 0;
        }
        return n.min(2).min(rows.len() - 1).max(1);
    }
    let head = &rows[0];
    if !looks_like_header(&head.cells) || numeric_count(head) > 0 || is_transposed(rows) {
        return 0;
    }
    // "2017/18 | 21,698 issues" over "2018/19 | …": the first row is data like the rest.
    fn first_cell(r: &RawRow) -> &str {
        r.cells.get(0).unwrap_or_default()
    }
    let first_shape = shape(first_cell(head));
    if first_shape.contains('9')
        && rows[1..]
            .iter()
            .any(|r| shape(first_cell(r)) == first_shape)
    {
        return 0;
    }
    let body = &rows[1..];
    let body_numeric = body.iter().filter(|r| numeric_count(r) > 0).count();
    let avg = |rs: &[RawRow]| {
        let (mut count, mut bytes) = (0usize, 0usize);
        for c in rs
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| !c.is_empty())
        {
            count += 1;
            bytes += c.len();
        }
        bytes as f32 / count.max(1) as f32
    };
    let two_level =
        body_numeric * 2 >= body.len() || avg(body) > 1.5 * avg(std::slice::from_ref(head));
    if two_level && !is_transposed(rows) {
        1
    } else {
        0
    }
}

/// A cell's form with every digit as 9: "2017/18" and "2018/19" share one.
fn shape(cell: &str) -> String {
    cell.chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

/// Labels down the first column, long values beside them: one record a column
/// ("Course | Level 1 | FGM" over "General comments | <p>…</p> | <p>…</p>").
fn is_transposed(rows: &[RawRow]) -> bool {
    let label = |c: &str| {
        !c.is_empty() && text::word_count(c) <= 4 && !c.chars().any(|ch| ch.is_ascii_digit())
    };
    rows.len() >= 2
        && rows.len() <= 8
        && rows.iter().all(|r| r.cells.get(0).is_some_and(label))
        && rows[1..]
            .iter()
            .all(|r| r.cells.iter().skip(1).any(|c| c.len() >= 60))
}

fn row_kind(cells: &CellTexts, columns: usize) -> RowKind {
    let first = cells.get(0).map(inline::plain).unwrap_or_default();
    let rest_empty = cells.iter().skip(1).all(|c| c.is_empty());
    if columns >= 3 && !first.is_empty() && rest_empty {
        return RowKind::Section;
    }
    let lower = first.to_lowercase();
    if ["total", "sub-total", "subtotal", "grand total", "net "]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return RowKind::Total;
    }
    RowKind::Data
}

static_regex!(UL_OPEN, r"(?i)<ul[^>]*>");
static_regex!(P_BLOCK, r"(?is)<p[^>]*>(.*?)(?:</p>|$)");

/// One cell's markup to structured parts: `<ul …> • a • b` lists and `<p>` paragraphs.
pub fn parse_cell(raw: &str) -> Cell {
    let mut parts = Vec::new();
    // Lists and paragraphs are tags: a cell without `<` (nearly all) is one text.
    if !raw.contains('<') {
        push_text(&mut parts, raw);
    } else if let Some(m) = UL_OPEN.find(raw) {
        push_text(&mut parts, &raw[..m.start()]);
        let rest = &raw[m.end()..];
        let (list, after) = match rest.to_ascii_lowercase().find("</ul>") {
            Some(end) => (&rest[..end], &rest[end + 5..]),
            None => (rest, ""),
        };
        let items: Vec<Text> = list
            .split(['•', '●'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(inline::parse)
            .collect();
        if !items.is_empty() {
            parts.push(CellPart::List { items });
        }
        push_text(&mut parts, after);
    } else if raw.to_ascii_lowercase().contains("<p") {
        let mut last = 0;
        for caps in P_BLOCK.captures_iter(raw) {
            let (Some(m), Some(inner)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            push_text(&mut parts, &raw[last..m.start()]);
            let text = inline::parse(inner.as_str());
            if !text.is_empty() {
                parts.push(CellPart::Paragraph { text });
            }
            last = m.end();
        }
        push_text(&mut parts, &raw[last..]);
    } else {
        push_text(&mut parts, raw);
    }
    Cell { parts }
}

fn push_text(parts: &mut Vec<CellPart>, raw: &str) {
    let text = inline::parse(raw.trim());
    if !text.is_empty() {
        parts.push(CellPart::Text { text });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_header_grid_is_fields_and_a_wrapped_value_stays_whole() {
        // A report's header as a PDF lays it out: label, tab, value; the subject wraps.
        let text = "From:\tRoger Gough, Leader of the Council\n\nTo:\tCounty Council\n\nSubject:\tEnglish Devolution White Paper and the\n\tDevolution Priority Programme\n";
        let pack = crate::parse::parse(text);
        let fields: Vec<(String, String)> = pack.documents[0]
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                crate::model::BlockKind::Fields { fields } => Some(fields.clone()),
                _ => None,
            })
            .flatten()
            .map(|f| (f.label, f.value.to_plain()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (
                    "From".to_string(),
                    "Roger Gough, Leader of the Council".to_string()
                ),
                ("To".to_string(), "County Council".to_string()),
                (
                    "Subject".to_string(),
                    "English Devolution White Paper and the Devolution Priority Programme"
                        .to_string()
                ),
            ]
        );
    }
}
