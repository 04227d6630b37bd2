//! A model [`Table`] as a real grid: header rows, striped body, section rows set apart,
//! totals over-lined, resizable columns, horizontal scrolling for wide tables, numbers
//! right-aligned, lists and italics inside cells. Copy as TSV, save as CSV. A click on a
//! header sorts by its column (ascending, descending, then back to the document's order;
//! see [`meetpack_core::views::table_sort`]); copies and CSVs keep the document's order.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Layout, Ui};
use egui_extras::{Column, TableBuilder};

use crate::Command;
use crate::reader::find::Find;
use crate::reader::rich::{self, Look};
use meetpack_core::model::{Cell, CellPart, DocId, RowKind, Table};

/// Cell padding the table adds around its text, so row heights fit what is drawn.
const CELL_PAD: f32 = 6.0;
const MIN_COL: f32 = 56.0;
const MAX_COL: f32 = 340.0;
/// The narrowest a wide table's column is squeezed to before it scrolls sideways.
const SQUEEZED_COL: f32 = 110.0;

/// Shows one table with its caption, toolbar and footnotes.
pub fn table_ui(
    ui: &mut Ui,
    doc: DocId,
    table: &Table,
    item: usize,
    find: &Find,
    out: &mut Vec<Command>,
) {
    toolbar_ui(ui, doc, table, out);
    let widths = initial_widths(ui, table);
    let right_clicked = ui.scope(|ui| {
        // A screen reader announces a table, its column headers and its cells.
        let name = table_name(table);
        ui.ctx().accesskit_node_builder(ui.scope_id(), |node| {
            node.set_role(egui::accesskit::Role::Table);
            node.set_label(name);
        });
        // A table wider than the view scrolls sideways: with a solid bar, always shown,
        // that a mouse can grab (a floating bar only appears on hover and is easy to
        // miss, so the columns past the edge looked absent).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt(("table-scroll", table.id.0))
            .auto_shrink([false, true])
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::VisibleWhenNeeded)
            .show(ui, |ui| grid_ui(ui, doc, table, &widths, item, find))
            .inner
    });
    // A right-click on a row offers to note that row (the notes menu).
    if let Some(row) = right_clicked.inner
        && let Some(pos) = ui.input(|i| i.pointer.interact_pos())
    {
        out.push(Command::Notes(crate::NoteCommand::OpenRowMenu {
            doc,
            table: table.id,
            row,
            pos,
        }));
    }
    for note in &table.footnotes {
        let look = Look::body(ui).weak(ui).italic();
        let look = Look {
            font: egui::TextStyle::Small.resolve(ui.style()),
            ..look
        };
        let _ = rich::show(ui, rich::build(ui, note, &look, &[]));
    }
}

fn toolbar_ui(ui: &mut Ui, doc: DocId, table: &Table, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some(caption) = &table.caption {
            ui.strong(caption);
        }
        let id = table.id;
        if ui
            .small_button("Copy TSV")
            .on_hover_text(
                "Copy the table as tab-separated text, ready to paste into a spreadsheet \
                 (rows in the document's order, even when sorted here)",
            )
            .clicked()
        {
            out.push(Command::CopyTable { doc, table: id });
        }
        if ui
            .small_button("Save CSV…")
            .on_hover_text("Save the table as a CSV file (rows in the document's order)")
            .clicked()
        {
            out.push(Command::SaveTableCsv { doc, table: id });
        }
    });
}

/// The column a table is sorted by, and the row order that gives, kept in egui's memory
/// (view state, like a column's width) under the table's id.
#[derive(Debug, Clone, Default)]
struct Sorted {
    column: usize,
    descending: bool,
    order: std::sync::Arc<Vec<usize>>,
}

fn sort_id(doc: DocId, table: &Table) -> egui::Id {
    egui::Id::unique(("table-sort", doc.0, table.id.0))
}

/// A click on column `c`'s header: ascending, then descending, then unsorted.
fn toggle_sort(ui: &Ui, doc: DocId, table: &Table, c: usize) {
    let id = sort_id(doc, table);
    let now: Option<Sorted> = ui.data(|d| d.get_temp(id));
    let next = match now {
        Some(s) if s.column == c && s.descending => None,
        Some(s) if s.column == c => Some(true),
        _ => Some(false),
    };
    let sorted = next.map(|descending| Sorted {
        column: c,
        descending,
        order: std::sync::Arc::new(meetpack_core::views::table_sort::sorted_rows(
            table, c, descending,
        )),
    });
    ui.data_mut(|d| match sorted {
        Some(sorted) => {
            d.insert_temp(id, sorted);
        }
        None => {
            d.remove::<Sorted>(id);
        }
    });
}

/// Draws the grid; returns the body row the user right-clicked, if any.
fn grid_ui(
    ui: &mut Ui,
    doc: DocId,
    table: &Table,
    widths: &[f32],
    item: usize,
    find: &Find,
) -> Option<usize> {
    let right_click = ui.input(|i| i.pointer.secondary_clicked());
    let mut clicked_row = None;
    let columns = table.columns.max(1);
    let sorted: Option<Sorted> = ui.data(|d| d.get_temp(sort_id(doc, table)));
    let header_height = header_height(ui, table, widths);
    let mut builder = TableBuilder::new(ui)
        .id_salt(("table", table.id.0))
        .striped(true)
        .resizable(true)
        .vscroll(false)
        .cell_layout(Layout::left_to_right(Align::Min));
    for c in 0..columns {
        let w = widths.get(c).copied().unwrap_or(MIN_COL);
        builder = builder.column(Column::initial(w).at_least(MIN_COL / 2.0).clip(true));
    }
    let header_rows = table.header.len();
    let body = |mut body: egui_extras::TableBody<'_>| {
        let widths = body.widths().to_vec();
        let order: Vec<usize> = match &sorted {
            Some(s) => s.order.iter().copied().collect(),
            None => (0..table.body.len()).collect(),
        };
        for r in order {
            let Some(row) = table.body.get(r) else {
                continue;
            };
            // Find's parts count rows in the document's order, sorted or not.
            let part_base = (header_rows + r) * columns;
            let jobs: Vec<LayoutJob> = (0..columns)
                .map(|c| cell_job(body.ui_mut(), row.cell(c).as_deref(), row.kind))
                .collect();
            let height = row_height(body.ui_mut(), &jobs, &widths);
            body.row(height, |mut tr| {
                tr.set_overline(row.kind == RowKind::Total);
                for (c, job) in jobs.into_iter().enumerate() {
                    let hit = find.part_matches(item, part_base + c);
                    let numeric = table.numeric.get(c).copied().unwrap_or(false);
                    tr.col(|ui| {
                        if right_click && ui.rect_contains_pointer(ui.max_rect()) {
                            clicked_row = Some(r);
                        }
                        cell_ui(ui, job, row.kind, numeric, hit);
                    });
                }
            });
        }
    };
    if header_rows == 0 {
        builder.body(body);
    } else {
        builder
            .header(header_height, |mut header| {
                for c in 0..columns {
                    let arrow = sorted
                        .as_ref()
                        .filter(|s| s.column == c)
                        .map(|s| s.descending);
                    header.col(|ui| {
                        if header_cell_ui(ui, table, c, find, item, arrow) {
                            toggle_sort(ui, doc, table, c);
                        }
                    });
                }
            })
            .body(body);
    }
    clicked_row
}

/// The tallest header cell decides: each level is laid out at its column's starting width.
fn header_height(ui: &Ui, table: &Table, widths: &[f32]) -> f32 {
    let look = Look::body(ui).strong(ui);
    let spacing = ui.spacing().item_spacing.y;
    let tallest = (0..table.columns.max(1))
        .map(|c| {
            let w = widths.get(c).copied().unwrap_or(MIN_COL);
            table
                .header
                .iter()
                .filter_map(|row| row.get(c).filter(|t| !t.is_empty()))
                .map(|text| {
                    let mut job = rich::plain(text, &look);
                    job.wrap.max_width = w.max(10.0);
                    ui.ctx().fonts_mut(|f| f.layout_job(job)).size().y + spacing
                })
                .sum::<f32>()
        })
        .fold(0.0, f32::max);
    tallest.max(ui.text_style_height(&egui::TextStyle::Body)) + CELL_PAD
}

/// Each header level as its own label, so a two-level header reads as two lines and a
/// screen reader can name each cell. The lowest level carries the sort arrow (`arrow` is
/// whether the sort is descending); returns whether a label was clicked, to sort.
fn header_cell_ui(
    ui: &mut Ui,
    table: &Table,
    c: usize,
    find: &Find,
    item: usize,
    arrow: Option<bool>,
) -> bool {
    let columns = table.columns.max(1);
    let mut clicked = false;
    ui.vertical(|ui| {
        for (level, row) in table.header.iter().enumerate() {
            let Some(text) = row.get(c).filter(|t| !t.is_empty()) else {
                continue;
            };
            // A spanning upper header is repeated in each column it covers: show it once.
            let repeats_left =
                c > 0 && row.get(c - 1) == Some(text) && level + 1 < table.header.len();
            if repeats_left {
                continue;
            }
            let look = Look::body(ui).strong(ui);
            let hl = find.highlights(item, level * columns + c);
            let rich = rich::build(
                ui,
                &meetpack_core::model::Text::plain(text.clone()),
                &look,
                &hl,
            );
            let mut job = rich.job;
            if level + 1 == table.header.len()
                && let Some(descending) = arrow
            {
                let format = job
                    .sections
                    .last()
                    .map(|s| s.format.clone())
                    .unwrap_or_default();
                job.append(if descending { " ⏷" } else { " ⏶" }, 0.0, format);
            }
            job.wrap.max_width = ui.available_width();
            let response = ui
                .add(egui::Label::new(job).wrap().sense(egui::Sense::click()))
                .on_hover_text(
                    "Sort by this column (click again to reverse, a third time to undo)",
                );
            set_role(ui, response.id, egui::accesskit::Role::ColumnHeader);
            clicked |= response.clicked();
        }
    });
    clicked
}

fn cell_ui(ui: &mut Ui, job: LayoutJob, kind: RowKind, numeric: bool, hit: Option<bool>) {
    let rect = ui.max_rect();
    if kind == RowKind::Section {
        let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
        ui.painter().rect_filled(rect, 0.0, fill);
    }
    if let Some(current) = hit {
        let fill = if current {
            egui::Color32::from_rgb(255, 150, 30).gamma_multiply(0.6)
        } else {
            ui.visuals().selection.bg_fill.gamma_multiply(0.6)
        };
        ui.painter().rect_filled(rect, 2.0, fill);
    }
    // The parser decided which columns hold numbers; they align right.
    let id = if numeric && kind != RowKind::Section {
        ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
            ui.add(egui::Label::new(job).wrap()).id
        })
        .inner
    } else {
        ui.add(egui::Label::new(job).wrap()).id
    };
    set_role(ui, id, egui::accesskit::Role::Cell);
}

/// Gives a label its role for screen readers (a label is otherwise only text). A label
/// carries its text as its value; a cell or header is named by it.
fn set_role(ui: &Ui, id: egui::Id, role: egui::accesskit::Role) {
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(role);
        if node.label().is_none()
            && let Some(text) = node.value().map(str::to_string)
        {
            node.set_label(text);
        }
    });
}

/// What a screen reader calls a table: "Table: " and its name in the contents (its
/// caption, else its first header, which is also a header cell's name), else its size.
fn table_name(table: &Table) -> String {
    match table.name().filter(|n| !n.trim().is_empty()) {
        Some(name) => format!("Table: {name}"),
        None => format!("Table of {} rows", table.body.len()),
    }
}

/// The text of a cell as one layout job: paragraphs on their own lines, list items as
/// bullets, model italics kept.
fn cell_job(ui: &Ui, cell: Option<&Cell>, kind: RowKind) -> LayoutJob {
    let mut look = Look::body(ui);
    if kind != RowKind::Data {
        look = look.strong(ui);
    }
    let mut job = LayoutJob::default();
    let Some(cell) = cell else {
        return job;
    };
    for part in &cell.parts {
        match part {
            CellPart::Text { text } | CellPart::Paragraph { text } => {
                newline_if_needed(&mut job, &look);
                append(&mut job, ui, text, &look);
            }
            CellPart::List { items } => {
                for text in items {
                    newline_if_needed(&mut job, &look);
                    job.append("• ", 0.0, format(&look));
                    append(&mut job, ui, text, &look);
                }
            }
        }
    }
    job
}

fn append(job: &mut LayoutJob, ui: &Ui, text: &meetpack_core::model::Text, look: &Look) {
    let rich = rich::build(ui, text, look, &[]);
    job.text.push_str(&rich.job.text);
    let offset = job.text.len() - rich.job.text.len();
    for mut section in rich.job.sections {
        section.byte_range = section.byte_range.start + offset..section.byte_range.end + offset;
        job.sections.push(section);
    }
}

fn newline_if_needed(job: &mut LayoutJob, look: &Look) {
    if !job.text.is_empty() {
        job.append("\n", 0.0, format(look));
    }
}

fn format(look: &Look) -> TextFormat {
    TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        italics: look.italic,
        ..TextFormat::default()
    }
}

/// Height of the tallest cell of a row, laid out at its column's width.
fn row_height(ui: &Ui, jobs: &[LayoutJob], widths: &[f32]) -> f32 {
    let min = ui.text_style_height(&egui::TextStyle::Body) + CELL_PAD;
    jobs.iter()
        .zip(widths)
        .map(|(job, w)| {
            let mut job = job.clone();
            job.wrap.max_width = (*w).max(10.0);
            ui.ctx().fonts_mut(|f| f.layout_job(job)).size().y + CELL_PAD
        })
        .fold(min, f32::max)
}

/// Starting widths from the longest text in each column, fitted to the view where that
/// keeps columns readable (the user can resize from there).
fn initial_widths(ui: &Ui, table: &Table) -> Vec<f32> {
    let columns = table.columns.max(1);
    let char_w = ui.text_style_height(&egui::TextStyle::Body) * 0.5;
    let mut widths = vec![MIN_COL; columns];
    // The narrowest a column can wrap to: its longest word (or number) on one line.
    let mut floors = vec![MIN_COL; columns];
    let header = table
        .header
        .iter()
        .map(|r| r.iter().map(String::as_str).collect());
    for row in header.chain(table.body.iter().map(|r| r.texts().collect::<Vec<_>>())) {
        for (c, text) in row.iter().enumerate().take(columns) {
            let longest_line = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let w = (longest_line as f32 * char_w + 2.0 * CELL_PAD).clamp(MIN_COL, MAX_COL);
            widths[c] = widths[c].max(w);
            let longest_word = text
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let floor = (longest_word as f32 * char_w + 2.0 * CELL_PAD).clamp(MIN_COL, MAX_COL);
            floors[c] = floors[c].max(floor);
        }
    }
    let total: f32 = widths.iter().sum();
    let available = ui.available_width() - columns as f32 * ui.spacing().item_spacing.x;
    if total > 0.0 {
        // Stretch a narrow table to the view; squeeze a wide one (text wraps) so every
        // column is in sight when its words still fit, else down to a readable minimum,
        // past which the table scrolls sideways.
        let scale = available / total;
        let word_floors: f32 = floors.iter().sum();
        let fits_by_words = word_floors <= available;
        for (w, word_floor) in widths.iter_mut().zip(&floors) {
            let floor = match (scale < 1.0, fits_by_words) {
                (false, _) => 0.0,
                (true, true) => *word_floor,
                (true, false) => SQUEEZED_COL.max(*word_floor),
            };
            *w = (*w * scale).max(floor.min(*w));
        }
        if scale < 1.0 && fits_by_words {
            // The floors may push the sum past the view: take it back from the columns
            // above their floor, in proportion.
            let sum: f32 = widths.iter().sum();
            let slack: f32 = widths
                .iter()
                .zip(&floors)
                .map(|(w, f)| (w - f).max(0.0))
                .sum();
            let over = sum - available;
            if over > 0.0 && slack > 0.0 {
                let k = (over / slack).min(1.0);
                for (w, f) in widths.iter_mut().zip(&floors) {
                    *w -= (*w - f).max(0.0) * k;
                }
            }
        }
    }
    widths
}
