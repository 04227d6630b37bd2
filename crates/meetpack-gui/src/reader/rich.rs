//! Model text ([`Text`]) to egui layout jobs, and a label that opens a link only when the
//! link itself is clicked.
//!
//! Layout is cached by egui: a job with the same text, formats and wrap width hashes to
//! the same galley, so a block is laid out once per width and reused on later frames.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Response, Sense, Stroke, Ui};

use crate::reader::{Wash, select};

use meetpack_core::model::{Text, XRef};

/// A found match, as a byte range into the block's plain text (`Text::to_plain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    /// The match Find is stepping to right now, drawn stronger.
    pub current: bool,
}

/// How a run of text should look before its own emphasis is applied.
#[derive(Debug, Clone)]
pub struct Look {
    pub font: FontId,
    pub color: Color32,
    /// Everything strong (headings, resolutions); model bold is strong too.
    pub strong: bool,
    pub italic: bool,
}

impl Look {
    pub fn body(ui: &Ui) -> Self {
        Self {
            font: egui::TextStyle::Body.resolve(ui.style()),
            color: reading_color(ui.visuals()),
            strong: false,
            italic: false,
        }
    }

    pub fn heading(ui: &Ui, level: u8) -> Self {
        let base = egui::TextStyle::Body.resolve(ui.style()).size;
        // Level 1 is a numbered section, level 2 a sub-heading: two clear steps above body.
        let size = if level <= 1 { base * 1.45 } else { base * 1.2 };
        Self {
            font: FontId::proportional(size),
            color: ui.visuals().strong_text_color(),
            strong: true,
            italic: false,
        }
    }

    pub fn strong(mut self, ui: &Ui) -> Self {
        self.strong = true;
        self.color = ui.visuals().strong_text_color();
        self
    }

    pub fn italic(mut self) -> Self {
        self.italic = true;
        self
    }

    pub fn weak(mut self, ui: &Ui) -> Self {
        self.color = ui.visuals().weak_text_color();
        self
    }
}

/// Body text of papers: egui's default widget text is grey, too faint for pages of prose.
pub fn reading_color(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(215)
    } else {
        Color32::from_gray(25)
    }
}

/// A link inside a laid-out text, as a character range (galley cursors count characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpan {
    pub chars: Range<usize>,
    pub target: Link,
}

/// Where a link goes: out of the app (a web page, an e-mail) or to a place in the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    Url(String),
    /// A web or mail link whose words are not its address ("click here" → a site): the
    /// address is shown and confirmed before it opens.
    Disguised(String),
    Xref(XRef),
}

impl Link {
    /// What the tooltip says.
    fn hover(&self) -> &str {
        match self {
            Link::Url(url) | Link::Disguised(url) => url,
            Link::Xref(xref) => &xref.title,
        }
    }
}

/// A layout job and where its links are.
#[derive(Debug, Clone)]
pub struct Rich {
    pub job: LayoutJob,
    pub links: Vec<LinkSpan>,
}

/// Builds the layout job of a model text.
pub fn build(ui: &Ui, text: &Text, look: &Look, highlights: &[Highlight]) -> Rich {
    let mut out = Rich {
        job: LayoutJob::default(),
        links: Vec::new(),
    };
    let visuals = ui.visuals();
    let mut byte = 0usize;
    let mut chars = 0usize;
    for span in &text.spans {
        let mut format = TextFormat {
            font_id: look.font.clone(),
            color: look.color,
            italics: look.italic || span.italic,
            ..TextFormat::default()
        };
        if span.bold {
            format.color = visuals.strong_text_color();
        }
        if span.underline {
            format.underline = Stroke::new(1.0, format.color);
        }
        let target = match (&span.link, &span.xref) {
            (Some(url), _) if says_where_it_goes(&span.text, url) => Some(Link::Url(url.clone())),
            (Some(url), _) => Some(Link::Disguised(url.clone())),
            (None, Some(xref)) => Some(Link::Xref(xref.clone())),
            (None, None) => None,
        };
        if target.is_some() {
            format.color = visuals.hyperlink_color;
            format.underline = Stroke::new(1.0, visuals.hyperlink_color);
        }
        let span_chars = span.text.chars().count();
        if let Some(target) = target {
            out.links.push(LinkSpan {
                chars: chars..chars + span_chars,
                target,
            });
        }
        append_highlighted(&mut out.job, &span.text, byte, &format, highlights, visuals);
        byte += span.text.len();
        chars += span_chars;
    }
    out
}

/// Plain text in one look.
pub fn plain(text: &str, look: &Look) -> LayoutJob {
    let format = TextFormat {
        font_id: look.font.clone(),
        color: look.color,
        italics: look.italic,
        ..TextFormat::default()
    };
    LayoutJob::single_section(text.to_owned(), format)
}

/// Appends one span, cutting it where Find's matches start and end.
fn append_highlighted(
    job: &mut LayoutJob,
    text: &str,
    offset: usize,
    format: &TextFormat,
    highlights: &[Highlight],
    visuals: &egui::Visuals,
) {
    let end = offset + text.len();
    let mut at = offset;
    for hl in highlights
        .iter()
        .filter(|h| h.range.start < end && h.range.end > offset)
    {
        let start = hl.range.start.max(offset);
        let stop = hl.range.end.min(end);
        if start > at {
            push(job, text, at - offset..start - offset, format.clone());
        }
        let mut marked = format.clone();
        marked.background = if hl.current {
            Color32::from_rgb(255, 150, 30)
        } else {
            visuals.selection.bg_fill.gamma_multiply(0.8)
        };
        if hl.current {
            marked.color = Color32::BLACK;
        }
        push(job, text, start - offset..stop - offset, marked);
        at = stop;
    }
    if at < end {
        push(job, text, at - offset..text.len(), format.clone());
    }
}

/// Appends a sub-range of a span; a range that does not fall on character boundaries
/// (a match computed on differently-folded text) is skipped rather than panicking.
fn push(job: &mut LayoutJob, text: &str, range: Range<usize>, format: TextFormat) {
    if let Some(part) = text.get(range) {
        job.append(part, 0.0, format);
    }
}

/// Whether a link's words are its address (give or take the scheme, "www." and a
/// trailing slash), so opening it goes where the reader expects.
pub fn says_where_it_goes(words: &str, url: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim().to_lowercase();
        let s = ["mailto:", "https://", "http://"]
            .iter()
            .fold(s, |s, p| s.strip_prefix(p).map(str::to_string).unwrap_or(s));
        let s = s.strip_prefix("www.").map(str::to_string).unwrap_or(s);
        s.trim_end_matches('/').to_string()
    };
    let (w, u) = (bare(words), bare(url));
    !w.is_empty() && (w == u || u.starts_with(&w) && w.contains('.'))
}

/// A text as shown: its response, the link clicked (if any), and its galley and where it
/// was drawn (for the reader's selection).
pub struct Shown {
    pub response: Response,
    pub link: Option<Link>,
    pub galley: Arc<Galley>,
    pub pos: Pos2,
}

/// Shows a laid-out text wrapped to the available width. Returns the link the user
/// clicked, if any: links open only on click, never on hover.
pub fn show(ui: &mut Ui, rich: Rich) -> (Response, Option<Link>) {
    let shown = show_text(ui, rich, None);
    (shown.response, shown.link)
}

/// [`show`] for the reader's blocks, whose text the reader selects itself
/// ([`select`]): `marks` are characters to mark under the text (the selection,
/// highlighted words, words a note is on), each with how.
pub fn show_marked(ui: &mut Ui, rich: Rich, marks: &[(Range<usize>, Wash)]) -> Shown {
    show_text(ui, rich, Some(marks))
}

/// `marks`: `None` leaves selection to egui's labels; `Some` turns it off (the reader's
/// own would be painted twice) and marks those characters.
fn show_text(ui: &mut Ui, rich: Rich, marks: Option<&[(Range<usize>, Wash)]>) -> Shown {
    let Rich { mut job, links } = rich;
    job.wrap.max_width = ui.available_width().max(40.0);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
    let sense = if links.is_empty() {
        Sense::hover()
    } else {
        Sense::click()
    };
    // Reserved before the text, so the tints lie under it.
    let under = marks.map(|_| ui.painter().add(egui::Shape::Noop));
    let mut label = egui::Label::new(galley.clone()).sense(sense);
    if marks.is_some() {
        label = label.selectable(false);
    }
    let response = ui.add(label);
    // The label draws the galley at the top-left of its rect (left-aligned layouts).
    let origin = response.rect.min;
    if let (Some(under), Some(marks)) = (under, marks)
        && !marks.is_empty()
    {
        let tints = marks
            .iter()
            .flat_map(|(chars, wash)| {
                select::rects(&galley, chars.clone())
                    .into_iter()
                    .map(|r| wash_shape(r.translate(origin.to_vec2()), *wash))
            })
            .collect();
        ui.painter().set(under, egui::Shape::Vec(tints));
    }
    let mut shown = Shown {
        response,
        link: None,
        galley,
        pos: origin,
    };
    let Some(pos) = shown.response.hover_pos() else {
        return shown;
    };
    let cursor = shown.galley.cursor_from_pos(pos - origin);
    let Some(link) = links.iter().find(|l| l.chars.contains(&cursor.index.0)) else {
        return shown;
    };
    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    let clicked = shown.response.clicked();
    shown.response = shown.response.on_hover_text(link.target.hover());
    shown.link = clicked.then(|| link.target.clone());
    shown
}

/// The mark under one row of marked characters.
fn wash_shape(row: egui::Rect, wash: Wash) -> egui::Shape {
    match wash {
        Wash::Tint(fill) => egui::Shape::rect_filled(row, 2.0, fill),
        Wash::Underline(color) => {
            let line =
                egui::Rect::from_min_max(egui::pos2(row.left(), row.bottom() - 2.0), row.max);
            egui::Shape::rect_filled(line, 0.0, color)
        }
    }
}

/// Shows a one-look text wrapped to the available width.
pub fn show_plain(ui: &mut Ui, text: &str, look: &Look) -> Response {
    let mut job = plain(text, look);
    job.wrap.max_width = ui.available_width().max(40.0);
    ui.add(egui::Label::new(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_says_where_it_goes_or_is_confirmed() {
        for (words, url) in [
            ("www.healthforkids.co.uk", "https://www.healthforkids.co.uk"),
            (
                "https://www.coventry.gov.uk/meetings",
                "https://www.coventry.gov.uk/meetings/",
            ),
            (
                "tom.robinson@coventry.gov.uk",
                "mailto:tom.robinson@coventry.gov.uk",
            ),
            (
                "coventry.gov.uk",
                "https://www.coventry.gov.uk/publicAttendanceMeetings",
            ),
        ] {
            assert!(says_where_it_goes(words, url), "{words} → {url}");
        }
        for (words, url) in [
            ("click here", "https://example.org/"),
            ("www.coventry.gov.uk", "https://coventry-gov.example.net/"),
            ("the council's website", "https://www.coventry.gov.uk/"),
        ] {
            assert!(!says_where_it_goes(words, url), "{words} → {url}");
        }
    }
    use meetpack_core::model::Inline;

    fn text() -> Text {
        Text {
            spans: vec![
                Inline {
                    text: "See ".into(),
                    ..Inline::default()
                },
                Inline {
                    text: "Coventry HAF".into(),
                    link: Some("https://example.org/haf".into()),
                    ..Inline::default()
                },
                Inline {
                    text: " now".into(),
                    ..Inline::default()
                },
            ],
        }
    }

    #[test]
    fn links_are_located_by_character_and_highlights_cut_spans() {
        let ctx = egui::Context::default();
        let mut rich = None;
        let output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let hl = [Highlight {
                range: 2..6,
                current: true,
            }];
            rich = Some(build(ui, &text(), &Look::body(ui), &hl));
        });
        output.drop_without_applying_deltas();
        let rich = rich.expect("frame ran");
        assert_eq!(rich.job.text, "See Coventry HAF now");
        assert_eq!(rich.links[0].chars, 4..16);
        // "Se" | "e " | "Co" (highlight spans the boundary) | "ventry HAF" | " now"
        assert_eq!(rich.job.sections.len(), 5);
    }
}
