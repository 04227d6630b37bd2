//! Find in pack (Ctrl+Shift+F): a panel listing every match in every document, each with
//! its document, agenda item, minute and a line of context; a click opens the place.
//!
//! The pack's texts are gathered and case-folded once ([`PackText`]), then each change of
//! the query scans them again on this thread, building hits for the first [`SHOWN`] only.
//! Measured on the largest seed in a debug build (`cargo test --lib find::tests::cost --
//! --nocapture`, a loaded 2-core machine): gathering 65 ms once, a word 1–30 ms, a single
//! letter (18,361 matches) 60–80 ms. An optimised build is several times faster, so the
//! scan stays on the UI thread; the time of the last scan is in the status's tooltip.

use std::time::Instant;

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Ui};

use crate::Command;
use crate::navigation::nav::{Anchor, Location};
use meetpack_core::model::Pack;
use meetpack_core::views::find::{Hit, PackText};

/// The most hits listed: a one-letter query matches thousands of times, and a list that
/// long is not read; the count says how many there are.
const SHOWN: usize = 2_000;

#[derive(Default)]
pub struct FindPack {
    pub visible: bool,
    pub query: String,
    focus_requested: bool,
    /// The pack's searchable texts, built on first use after a load.
    texts: Option<PackText>,
    /// The query the hits are for.
    computed_for: Option<String>,
    pub hits: Vec<Hit>,
    /// Matches in all (`hits` holds the first [`SHOWN`]).
    pub total: usize,
    /// How long the last scan took, in milliseconds.
    last_ms: f64,
}

impl FindPack {
    pub fn open(&mut self) {
        self.visible = true;
        self.focus_requested = true;
    }

    pub fn close(&mut self) {
        self.visible = false;
    }

    /// A new pack: the texts and hits of the old one are stale.
    pub fn reset(&mut self) {
        self.texts = None;
        self.computed_for = None;
        self.hits.clear();
        self.total = 0;
    }

    /// Recomputes the hits when the query changed since the last frame.
    fn refresh(&mut self, pack: &Pack) {
        if self.computed_for.as_deref() == Some(self.query.as_str()) {
            return;
        }
        let texts = self.texts.get_or_insert_with(|| PackText::new(pack));
        let started = Instant::now();
        (self.hits, self.total) = texts.find_first(&self.query, SHOWN);
        self.last_ms = started.elapsed().as_secs_f64() * 1e3;
        self.computed_for = Some(self.query.clone());
    }

    /// The panel's contents (beside the reader, or over it when the panel yielded, see
    /// `shell::layout`).
    pub(crate) fn contents_ui(&mut self, ui: &mut Ui, pack: &Pack, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.strong("Find in pack");
            if ui.button("Close find in pack").clicked() {
                out.push(Command::Tool(crate::packtools::Tool::CloseFindPack));
            }
        });
        let label = ui.label("Find in pack:");
        let edit = egui::TextEdit::singleline(&mut self.query)
            .hint_text("text in every document")
            .desired_width(f32::INFINITY);
        let response = ui.add(edit).labelled_by(label.id);
        if self.focus_requested {
            response.request_focus();
            self.focus_requested = false;
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            out.push(Command::Tool(crate::packtools::Tool::CloseFindPack));
        }
        self.refresh(pack);
        let documents = {
            let mut docs: Vec<u32> = self.hits.iter().map(|h| h.doc.0).collect();
            docs.dedup();
            docs.len()
        };
        let status = match self.total {
            0 if self.query.trim().is_empty() => String::new(),
            0 => "No matches".to_string(),
            1 => "1 match".to_string(),
            n if n > self.hits.len() => format!(
                "{n} matches: the first {} are listed (type more to narrow)",
                self.hits.len()
            ),
            n => format!("{n} matches in {documents} documents"),
        };
        if !status.is_empty() {
            ui.label(RichText::new(status).weak())
                .on_hover_text(format!("searched in {:.1} ms", self.last_ms));
        }
        ui.separator();
        let row_height =
            2.0 * ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y * 2.0;
        egui::ScrollArea::vertical()
            .id_salt("find_pack_hits")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, self.hits.len(), |ui, rows| {
                for hit in &self.hits[rows] {
                    if hit_ui(ui, &pack.source, hit) {
                        out.push(Command::GoAndFind(location(hit), self.query.clone()));
                    }
                }
            });
    }
}

/// Where a hit is, for the reader.
fn location(hit: &Hit) -> Location {
    let anchor = match (hit.block, hit.agenda_index) {
        (Some(b), _) => Anchor::Block(b),
        (None, Some(i)) => Anchor::AgendaItem(i),
        (None, None) => Anchor::Top,
    };
    Location {
        doc: hit.doc,
        anchor,
    }
}

/// One hit: where (weak, small) above the context with the match marked. Returns whether
/// it was clicked.
fn hit_ui(ui: &mut Ui, source: &meetpack_core::model::Source, hit: &Hit) -> bool {
    let mut place = hit.title.clone();
    if let Some(item) = &hit.agenda_item {
        place = format!("Item {item} · {place}");
    }
    if let Some(minute) = &hit.minute {
        place.push_str(&format!(" · minute {minute}"));
    }
    let at = meetpack_core::views::place::place_name(source, hit.lines);
    place.push_str(&format!(" · {} · {at}", hit.place.label()));
    let clicked_place = ui
        .add(
            egui::Label::new(RichText::new(place).small().weak())
                .truncate()
                .sense(egui::Sense::click()),
        )
        .clicked();
    let button = egui::Button::new(context_job(ui, hit))
        .frame(false)
        .truncate();
    let response = ui.add(button).on_hover_text(&hit.context);
    clicked_place || response.clicked()
}

/// The context with the match drawn on a highlight.
fn context_job(ui: &Ui, hit: &Hit) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let plain = TextFormat {
        font_id: font.clone(),
        color,
        ..TextFormat::default()
    };
    let marked = TextFormat {
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.8),
        color: ui.visuals().strong_text_color(),
        ..plain.clone()
    };
    let [start, end] = hit.highlight;
    let chars: Vec<char> = hit.context.chars().collect();
    let part = |range: std::ops::Range<usize>| -> String {
        chars
            .get(range)
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    let mut job = LayoutJob::default();
    job.append(&part(0..start.min(chars.len())), 0.0, plain.clone());
    job.append(
        &part(start.min(chars.len())..end.min(chars.len())),
        0.0,
        marked,
    );
    job.append(&part(end.min(chars.len())..chars.len()), 0.0, plain);
    job
}
