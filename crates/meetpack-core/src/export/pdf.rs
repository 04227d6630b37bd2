//! The export as a print-ready A4 PDF, laid out here and written by krilla: DejaVu Sans
//! (regular and bold, subset and embedded, with a ToUnicode map so the text can be copied
//! and searched), wrapped paragraphs, tables drawn as grids whose header row repeats on
//! each page, decisions and notes in boxes, and "Page N of M" in every footer.

use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId as PdfGlyph, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

use super::flow::{Flow, Node, Run, TableData};

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

// A4 in points, with 20 mm side margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 56.7;
const RIGHT: f32 = PAGE_W - 56.7;
const TOP: f32 = 56.7;
/// The body ends here; the footer sits below.
const BOTTOM: f32 = PAGE_H - 62.0;
const FOOTER_Y: f32 = PAGE_H - 32.0;

const BODY: f32 = 10.5;
const SMALL: f32 = 8.5;
const TABLE: f32 = 9.0;
const LEADING: f32 = 1.38;
/// Width of the gutter holding a paragraph's number or bullet, and one list level.
const MARKER_W: f32 = 30.0;
const INDENT: f32 = 16.0;
const CELL_PAD: f32 = 3.5;
const BOX_PAD: f32 = 6.0;

type Rgb = (u8, u8, u8);
const BLACK: Rgb = (17, 17, 17);
const GREY: Rgb = (90, 90, 90);
const RULE: Rgb = (120, 120, 120);
const HEADER_FILL: Rgb = (232, 232, 232);
const DECISION_FILL: Rgb = (236, 245, 236);
const DECISION_LINE: Rgb = (90, 145, 90);
const DECISION_TEXT: Rgb = (40, 100, 40);
const NOTE_FILL: Rgb = (255, 246, 214);
const NOTE_BAR: Rgb = (212, 160, 23);

/// One face: krilla's handle for embedding, skrifa's tables for measuring.
struct Face {
    pdf: Font,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
    upem: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, String> {
        let font = skrifa::FontRef::new(data).map_err(|e| format!("bundled font: {e}"))?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em
                .max(1),
        );
        let pdf = Font::new(data.into(), 0).ok_or("the bundled font cannot be embedded")?;
        Ok(Face {
            pdf,
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            upem,
        })
    }

    fn glyph(&self, c: char) -> (u32, f32) {
        let gid = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(gid).unwrap_or(0.0) / self.upem;
        (gid.to_u32(), advance)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// What is drawn on a page, collected first so the footer can say how many pages there are.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        rect: [f32; 4],
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
    },
}

/// How a box looks: decisions are outlined in green, notes indented with a yellow bar.
#[derive(Clone, Copy)]
struct BoxLook {
    left: f32,
    fill: Rgb,
    stroke: Option<Rgb>,
    /// The colour of the label line.
    color: Rgb,
}

/// A word with its weight and whether a space comes before it.
#[derive(Clone)]
struct Word {
    text: String,
    bold: bool,
    space: bool,
}

type Line = Vec<Word>;

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// Whether the page holds anything below its running title.
    body_started: bool,
    /// (level, text, page index, y) of headings, for the PDF's bookmarks.
    marks: Vec<(u8, String, usize, f32)>,
}

pub fn render(flow: &Flow) -> Result<Vec<u8>, String> {
    let fonts = Fonts {
        regular: Face::load(REGULAR)?,
        bold: Face::load(BOLD)?,
    };
    let mut layout = Layout {
        fonts: &fonts,
        pages: vec![Vec::new()],
        y: TOP,
        body_started: false,
        marks: Vec::new(),
    };
    layout.title(flow);
    for node in &flow.nodes {
        layout.node(node);
    }
    write(flow, &fonts, layout.pages, &layout.marks)
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
        self.body_started = false;
    }

    /// Starts a new page unless `height` still fits (or the page is empty: then it must go here).
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.body_started {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.page().push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_string(),
        });
    }

    fn title(&mut self, flow: &Flow) {
        let width = RIGHT - LEFT;
        for (text, size, bold, color) in [
            (&flow.title, 12.0, true, GREY),
            (&flow.subtitle, 9.5, false, GREY),
        ] {
            for line in self.wrap(&[Run::plain(text.clone())], size, width, bold) {
                self.y += size * LEADING;
                self.draw_line(&line, LEFT, self.y - size * 0.3, size, color);
            }
        }
        self.y += 6.0;
        let y = self.y;
        self.page().push(Op::Line {
            from: (LEFT, y),
            to: (RIGHT, y),
            width: 0.6,
            color: RULE,
        });
        self.y += 10.0;
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Heading { level, text } => self.heading(*level, text),
            Node::Meta(text) => {
                self.paragraph(&[Run::plain(text.clone())], SMALL, LEFT, GREY, false);
                self.y += 3.0;
            }
            Node::Paragraph {
                marker,
                indent,
                runs,
            } => {
                let left = LEFT + f32::from(indent.saturating_sub(1).min(4)) * INDENT;
                let Some(marker) = marker else {
                    self.paragraph(runs, BODY, left, BLACK, false);
                    self.y += 4.0;
                    return;
                };
                let face = self.fonts.face(false);
                let gutter = MARKER_W.max(face.width(marker, BODY) + 6.0);
                let lines = self.wrap(runs, BODY, RIGHT - left - gutter, false);
                let lead = BODY * LEADING;
                for (i, line) in lines.iter().enumerate() {
                    self.ensure(lead);
                    self.y += lead;
                    self.body_started = true;
                    let base = self.y - BODY * 0.3;
                    if i == 0 {
                        self.text(left, base, BODY, false, GREY, marker);
                    }
                    self.draw_line(line, left + gutter, base, BODY, BLACK);
                }
                if lines.is_empty() {
                    self.y += lead;
                    self.text(left, self.y - BODY * 0.3, BODY, false, GREY, marker);
                }
                self.y += 4.0;
            }
            Node::Small(runs) => {
                self.paragraph(runs, SMALL, LEFT, GREY, false);
                self.y += 3.0;
            }
            Node::Decision { label, text } => {
                let runs = vec![Run::plain(text.clone())];
                let look = BoxLook {
                    left: LEFT,
                    fill: DECISION_FILL,
                    stroke: Some(DECISION_LINE),
                    color: DECISION_TEXT,
                };
                self.boxed(Some(label), &runs, None, look);
            }
            Node::Table(t) => self.table(t),
            Node::Note(note) => {
                let mut runs = vec![Run::bold(format!("{}: ", note.label()))];
                runs.push(Run::plain(note.text.clone()));
                let quote = note.quote.trim();
                let quote = (!quote.is_empty()).then(|| format!("On: \u{201c}{quote}\u{201d}"));
                let look = BoxLook {
                    left: LEFT + 2.0 * INDENT,
                    fill: NOTE_FILL,
                    stroke: None,
                    color: BLACK,
                };
                self.boxed(None, &runs, quote.as_deref(), look);
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = match level {
            1 => (17.0, 16.0),
            2 => (14.0, 12.0),
            3 => (12.0, 9.0),
            _ => (11.0, 7.0),
        };
        // A paper starts a page; other headings keep at least three lines after them.
        if level == 1 && self.body_started {
            self.new_page();
        }
        let lines = self.wrap(&[Run::bold(text)], size, RIGHT - LEFT, true);
        let height = before + lines.len() as f32 * size * 1.25 + 3.0 * BODY * LEADING;
        self.ensure(height);
        if self.body_started {
            self.y += before;
        }
        self.marks
            .push((level, text.to_string(), self.pages.len() - 1, self.y));
        for line in &lines {
            self.y += size * 1.25;
            self.draw_line(line, LEFT, self.y - size * 0.25, size, BLACK);
        }
        self.body_started = true;
        self.y += 4.0;
    }

    /// Wrapped lines of `runs`, drawn from `left` to the right margin.
    fn paragraph(&mut self, runs: &[Run], size: f32, left: f32, color: Rgb, bold: bool) {
        let lead = size * LEADING;
        for line in self.wrap(runs, size, RIGHT - left, bold) {
            self.ensure(lead);
            self.y += lead;
            self.body_started = true;
            self.draw_line(&line, left, self.y - size * 0.3, size, color);
        }
    }

    /// A paragraph in a box (a decision, a note), split across pages when it must be;
    /// `head` is a label line above it, in `color`.
    fn boxed(&mut self, head: Option<&str>, runs: &[Run], quote: Option<&str>, look: BoxLook) {
        let BoxLook {
            left,
            fill,
            stroke,
            color,
        } = look;
        let inner = RIGHT - left - 2.0 * BOX_PAD - 4.0;
        // A small bold label line above the text ("RESOLVED 2 · lines 133"), as the reader shows it.
        let mut lines: Vec<(Line, f32, Rgb)> = head
            .map(|h| self.wrap(&[Run::bold(h)], SMALL, inner, true))
            .unwrap_or_default()
            .into_iter()
            .map(|l| (l, SMALL, color))
            .collect();
        lines.extend(
            self.wrap(runs, BODY, inner, false)
                .into_iter()
                .map(|l| (l, BODY, BLACK)),
        );
        if let Some(q) = quote {
            for l in self.wrap(&[Run::plain(q)], SMALL, inner, false) {
                lines.push((l, SMALL, GREY));
            }
        }
        self.y += 3.0;
        let mut rest = &lines[..];
        while !rest.is_empty() {
            let first = rest[0].1 * LEADING + 2.0 * BOX_PAD;
            self.ensure(first.max(2.0 * BODY * LEADING + 2.0 * BOX_PAD));
            let room = BOTTOM - self.y - 2.0 * BOX_PAD;
            let mut used = 0.0;
            let mut count = 0;
            for (_, size, _) in rest {
                if used + size * LEADING > room && count > 0 {
                    break;
                }
                used += size * LEADING;
                count += 1;
            }
            let top = self.y;
            let height = used + 2.0 * BOX_PAD;
            self.page().push(Op::Rect {
                rect: [left, top, RIGHT - left, height],
                fill: Some(fill),
                stroke,
            });
            if stroke.is_none() {
                self.page().push(Op::Rect {
                    rect: [left, top, 3.0, height],
                    fill: Some(NOTE_BAR),
                    stroke: None,
                });
            }
            let mut y = top + BOX_PAD;
            for (line, size, c) in &rest[..count] {
                y += size * LEADING;
                self.draw_line(line, left + BOX_PAD + 4.0, y - size * 0.3, *size, *c);
            }
            self.y = top + height;
            self.body_started = true;
            rest = &rest[count..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.y += 6.0;
    }

    fn table(&mut self, t: &TableData) {
        if t.columns == 0 {
            return;
        }
        if let Some(c) = &t.caption {
            self.ensure(BODY * LEADING * 3.0);
            self.paragraph(&[Run::bold(c.clone())], BODY, LEFT, BLACK, true);
        }
        let widths = self.column_widths(t);
        let header: Vec<Vec<Vec<Line>>> = t
            .header
            .iter()
            .map(|row| self.wrap_row(row, &widths, true))
            .collect();
        let header_h: f32 = header.iter().map(|r| row_height(r)).sum();
        self.y += 4.0;
        // The header and the first row stay together.
        let first_h = t
            .rows
            .first()
            .map(|r| row_height(&self.wrap_row(&r.cells, &widths, r.strong)))
            .unwrap_or(0.0);
        self.ensure(header_h + first_h.min(BOTTOM - TOP - header_h));
        self.draw_header(&header, &widths, t);
        for row in &t.rows {
            let mut cells = self.wrap_row(&row.cells, &widths, row.strong);
            loop {
                let height = row_height(&cells);
                if self.y + height <= BOTTOM {
                    self.draw_row(&cells, &widths, t, None);
                    break;
                }
                // Too tall for what is left: if a few lines fit, split the row here,
                // else move it whole to the next page, under the header again.
                let room = BOTTOM - self.y - 2.0 * CELL_PAD;
                let fit = (room / (TABLE * LEADING)).floor().max(0.0) as usize;
                let fresh_page = self.y <= TOP + header_h + 1.0;
                if fresh_page && fit == 0 {
                    // Not even one line fits under the header (a header taller than a
                    // page): print the row as it is rather than loop on empty pages.
                    self.draw_row(&cells, &widths, t, None);
                    break;
                }
                if fit >= 2 || (fresh_page && fit >= 1) {
                    let (now, later) = split_row(cells, fit);
                    self.draw_row(&now, &widths, t, None);
                    cells = later;
                }
                self.new_page();
                self.body_started = true;
                self.draw_header(&header, &widths, t);
            }
        }
        self.y += 4.0;
        for f in &t.footnotes {
            self.paragraph(&[Run::plain(f.clone())], SMALL, LEFT, GREY, false);
        }
        self.y += 4.0;
    }

    fn draw_header(&mut self, header: &[Vec<Vec<Line>>], widths: &[f32], t: &TableData) {
        for row in header {
            self.draw_row(row, widths, t, Some(HEADER_FILL));
        }
    }

    fn draw_row(&mut self, cells: &[Vec<Line>], widths: &[f32], t: &TableData, fill: Option<Rgb>) {
        let height = row_height(cells);
        let top = self.y;
        let mut x = LEFT;
        for (c, lines) in cells.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0.0);
            self.page().push(Op::Rect {
                rect: [x, top, w, height],
                fill,
                stroke: Some(RULE),
            });
            let right_align = t.numeric.get(c).copied().unwrap_or(false);
            let mut y = top + CELL_PAD;
            for line in lines {
                y += TABLE * LEADING;
                let lx = if right_align {
                    x + w - CELL_PAD - self.line_width(line, TABLE)
                } else {
                    x + CELL_PAD
                };
                self.draw_line(line, lx, y - TABLE * 0.3, TABLE, BLACK);
            }
            x += w;
        }
        self.y = top + height;
        self.body_started = true;
    }

    fn wrap_row(&self, cells: &[String], widths: &[f32], bold: bool) -> Vec<Vec<Line>> {
        widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let text = cells.get(c).map(String::as_str).unwrap_or("");
                self.wrap(&[Run::plain(text)], TABLE, w - 2.0 * CELL_PAD, bold)
            })
            .collect()
    }

    /// Columns share the width by how much text they hold, each at least as wide as its
    /// longest word (when the page allows).
    fn column_widths(&self, t: &TableData) -> Vec<f32> {
        let total = RIGHT - LEFT;
        let face = self.fonts.face(false);
        let bold = self.fonts.face(true);
        let mut natural = vec![0.0f32; t.columns];
        let mut minimum = vec![0.0f32; t.columns];
        let rows = t
            .header
            .iter()
            .map(|r| (r, true))
            .chain(t.rows.iter().map(|r| (&r.cells, r.strong)));
        for (row, strong) in rows {
            let f = if strong { bold } else { face };
            for (c, cell) in row.iter().enumerate().take(t.columns) {
                let w = f.width(cell, TABLE);
                natural[c] = natural[c].max(w.min(total));
                let longest = cell
                    .split_whitespace()
                    .map(|word| f.width(word, TABLE))
                    .fold(0.0, f32::max);
                minimum[c] = minimum[c].max(longest);
            }
        }
        let pad = 2.0 * CELL_PAD + 1.0;
        let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
        let mut minimum: Vec<f32> = minimum.iter().map(|w| (w + pad).max(24.0)).collect();
        let min_sum: f32 = minimum.iter().sum();
        if min_sum >= total {
            // Even the longest words do not fit: share by those, and words will break.
            return minimum.iter().map(|w| w * total / min_sum).collect();
        }
        let nat_sum: f32 = natural.iter().sum();
        if nat_sum <= total {
            let extra = (total - nat_sum) / t.columns as f32;
            return natural.iter().map(|w| w + extra).collect();
        }
        let spare = total - min_sum;
        let want: Vec<f32> = natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| (n - m).max(0.0))
            .collect();
        let want_sum: f32 = want.iter().sum::<f32>().max(1.0);
        for (m, w) in minimum.iter_mut().zip(&want) {
            *m += spare * w / want_sum;
        }
        minimum
    }

    fn line_width(&self, line: &Line, size: f32) -> f32 {
        let space = self.fonts.regular.width(" ", size);
        line.iter()
            .enumerate()
            .map(|(i, w)| {
                let gap = if i > 0 && w.space { space } else { 0.0 };
                gap + self.fonts.face(w.bold).width(&w.text, size)
            })
            .sum()
    }

    /// Greedy line breaking at spaces; a word wider than the line is broken between letters.
    fn wrap(&self, runs: &[Run], size: f32, width: f32, bold: bool) -> Vec<Line> {
        let words = words(runs, bold);
        let space = self.fonts.regular.width(" ", size);
        let mut lines: Vec<Line> = Vec::new();
        let mut line: Line = Vec::new();
        let mut used = 0.0;
        for word in words {
            let face = self.fonts.face(word.bold);
            let w = face.width(&word.text, size);
            let gap = if line.is_empty() || !word.space {
                0.0
            } else {
                space
            };
            if used + gap + w <= width || (line.is_empty() && w <= width) {
                used += gap + w;
                line.push(word);
                continue;
            }
            if w <= width {
                lines.push(std::mem::take(&mut line));
                used = w;
                line.push(word);
                continue;
            }
            // Longer than a whole line: fill lines letter by letter.
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            let mut piece_w = 0.0;
            for c in word.text.chars() {
                let cw = face.glyph(c).1 * size;
                if piece_w + cw > width && !piece.is_empty() {
                    lines.push(vec![Word {
                        text: std::mem::take(&mut piece),
                        bold: word.bold,
                        space: false,
                    }]);
                    piece_w = 0.0;
                }
                piece.push(c);
                piece_w += cw;
            }
            used = piece_w;
            line.push(Word {
                text: piece,
                bold: word.bold,
                space: false,
            });
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Draws one line: consecutive words of one weight go out as one run of glyphs.
    fn draw_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32, color: Rgb) {
        let mut x = x;
        let mut i = 0;
        while i < line.len() {
            let bold = line[i].bold;
            let mut text = String::new();
            while i < line.len() && line[i].bold == bold {
                if i > 0 && line[i].space {
                    text.push(' ');
                }
                text.push_str(&line[i].text);
                i += 1;
            }
            let w = self.fonts.face(bold).width(&text, size);
            self.text(x, baseline, size, bold, color, &text);
            x += w;
        }
    }
}

fn row_height(cells: &[Vec<Line>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    lines as f32 * TABLE * LEADING + 2.0 * CELL_PAD
}

/// The first `fit` lines of each cell, and the rest.
fn split_row(cells: Vec<Vec<Line>>, fit: usize) -> (Vec<Vec<Line>>, Vec<Vec<Line>>) {
    let mut now = Vec::with_capacity(cells.len());
    let mut later = Vec::with_capacity(cells.len());
    for mut cell in cells {
        let rest = cell.split_off(fit.min(cell.len()));
        now.push(cell);
        later.push(rest);
    }
    (now, later)
}

/// The words of some runs. Control characters (tabs, line breaks) are spaces.
fn words(runs: &[Run], bold: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut space = false;
    for run in runs {
        let mut current = String::new();
        for c in run.text.chars() {
            if c.is_whitespace() || c.is_control() {
                if !current.is_empty() {
                    out.push(Word {
                        text: std::mem::take(&mut current),
                        bold: bold || run.bold,
                        space,
                    });
                }
                space = true;
            } else {
                if current.is_empty() && out.is_empty() {
                    space = false;
                }
                current.push(c);
            }
        }
        if !current.is_empty() {
            out.push(Word {
                text: current,
                bold: bold || run.bold,
                space,
            });
            space = false;
        }
    }
    out
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        ..Fill::default()
    }
}

fn write(
    flow: &Flow,
    fonts: &Fonts,
    pages: Vec<Vec<Op>>,
    marks: &[(u8, String, usize, f32)],
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let total = pages.len();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
    for (index, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Rect {
                    rect,
                    fill: f,
                    stroke,
                } => {
                    let [x, y, w, h] = *rect;
                    let Some(r) = Rect::from_xywh(x, y, w.max(0.1), h.max(0.1)) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(r);
                    let Some(path) = pb.finish() else {
                        continue;
                    };
                    surface.set_fill(f.map(fill));
                    surface.set_stroke(stroke.map(|c| Stroke {
                        paint: rgb::Color::new(c.0, c.1, c.2).into(),
                        width: 0.6,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
                Op::Line {
                    from,
                    to,
                    width,
                    color,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    let Some(path) = pb.finish() else {
                        continue;
                    };
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.0, color.1, color.2).into(),
                        width: *width,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                }
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    color,
                    text,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    draw_text(&mut surface, fonts.face(*bold), *x, *y, *size, text);
                }
            }
        }
        // The footer: the meeting on the left, the page number on the right.
        surface.set_fill(Some(fill(GREY)));
        let face = fonts.face(false);
        let number = format!("Page {} of {total}", index + 1);
        let nw = face.width(&number, SMALL);
        draw_text(&mut surface, face, RIGHT - nw, FOOTER_Y, SMALL, &number);
        let mut left = flow.title.clone();
        while face.width(&left, SMALL) > (RIGHT - LEFT) * 0.6 && left.pop().is_some() {}
        draw_text(&mut surface, face, LEFT, FOOTER_Y, SMALL, &left);
        surface.finish();
        page.finish();
    }
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for (level, text, page, y) in marks {
        let node = OutlineNode::new(
            text.clone(),
            XyzDestination::new(*page, Point::from_xy(LEFT, (*y - 4.0).max(0.0))),
        );
        match (level, current.as_mut()) {
            (1, _) | (_, None) => {
                if let Some(done) = current.take() {
                    outline.push_child(done);
                }
                current = Some(node);
            }
            (2, Some(parent)) => parent.push_child(node),
            _ => {}
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    document.set_outline(outline);
    let title = [flow.title.as_str(), flow.subtitle.as_str()].join(" \u{2014} ");
    document.set_metadata(
        Metadata::new()
            .title(title)
            .creator("MeetPack".to_string())
            .language("en-GB".to_string()),
    );
    document.finish().map_err(|e| format!("{e:?}"))
}

fn draw_text(
    surface: &mut krilla::surface::Surface<'_>,
    face: &Face,
    x: f32,
    y: f32,
    size: f32,
    text: &str,
) {
    let glyphs: Vec<KrillaGlyph> = text
        .char_indices()
        .map(|(i, c)| {
            let (gid, advance) = face.glyph(c);
            KrillaGlyph::new(
                PdfGlyph::new(gid),
                advance,
                0.0,
                0.0,
                0.0,
                i..i + c.len_utf8(),
                None,
            )
        })
        .collect();
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        face.pdf.clone(),
        text,
        size,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportNote;
    use crate::export::flow::TableRow;

    fn flow(nodes: Vec<Node>) -> Flow {
        Flow {
            title: "Scrutiny Board".into(),
            subtitle: "Thursday 21 December 2023".into(),
            nodes,
        }
    }

    /// The text pdf_oxide reads, without its `**` bold markers.
    fn text_of(pdf: &[u8]) -> String {
        crate::input::load(pdf)
            .expect("reads back")
            .text
            .replace("**", "")
    }

    #[test]
    fn text_reads_back_with_unicode_and_page_numbers() {
        let pdf = render(&flow(vec![
            Node::Heading {
                level: 1,
                text: "Budget – café £5·50 “quoted”".into(),
            },
            Node::Paragraph {
                marker: Some("3.4".into()),
                indent: 0,
                runs: vec![Run::plain("Alongside the additional posts")],
            },
        ]))
        .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = text_of(&pdf);
        assert!(text.contains("café £5·50"), "{text}");
        assert!(text.contains("Alongside the additional posts"), "{text}");
        assert!(text.contains("Page 1 of 1"), "{text}");
    }

    #[test]
    fn long_text_wraps_and_breaks_pages_and_tables_repeat_their_header() {
        let para = Node::Paragraph {
            marker: None,
            indent: 0,
            runs: vec![Run::plain("word ".repeat(400))],
        };
        let rows = (0..120)
            .map(|i| TableRow {
                cells: vec![format!("Hub {i}"), format!("{i}")],
                strong: false,
            })
            .collect();
        let table = Node::Table(TableData {
            caption: None,
            columns: 2,
            header: vec![vec!["Area heading".into(), "Staff".into()]],
            rows,
            numeric: vec![false, true],
            footnotes: vec![],
        });
        let note = Node::Note(ExportNote {
            line: 1,
            kind: "note".into(),
            text: "Ask about the waiting list".into(),
            quote: String::new(),
        });
        let pdf = render(&flow(vec![para, table, note])).expect("renders");
        let text = text_of(&pdf);
        let pages = text.matches('\u{c}').count() + 1;
        assert!(pages >= 3, "{pages} pages");
        assert!(text.contains(&format!("Page {pages} of {pages}")));
        assert!(
            text.matches("Area heading").count() >= 2,
            "the header row is repeated on the next page"
        );
        assert!(text.contains("Hub 119"));
        assert!(text.contains("Note: Ask about the waiting list"), "{text}");
    }

    #[test]
    fn a_word_wider_than_the_page_is_broken_not_lost() {
        let fonts = Fonts {
            regular: Face::load(REGULAR).expect("font"),
            bold: Face::load(BOLD).expect("font"),
        };
        let layout = Layout {
            fonts: &fonts,
            pages: vec![Vec::new()],
            y: TOP,
            body_started: false,
            marks: Vec::new(),
        };
        let long = "x".repeat(500);
        let lines = layout.wrap(&[Run::plain(format!("a {long} b"))], BODY, 200.0, false);
        assert!(lines.len() > 3);
        let joined: String = lines
            .iter()
            .flat_map(|l| l.iter().map(|w| w.text.as_str()))
            .collect();
        assert_eq!(joined, format!("a{long}b"));
        for line in &lines {
            assert!(layout.line_width(line, BODY) <= 200.0 + 0.01);
        }
    }
}
