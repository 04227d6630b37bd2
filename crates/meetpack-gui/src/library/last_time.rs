//! The "Last time" card: on an agenda item of the front sheet and on its paper, what came
//! before on the same topic in the user's library: earlier papers (a click opens that pack
//! there), the minute that recorded the earlier discussion with its decisions, and the
//! work-programme entries that scheduled it.
//!
//! The answer is asked for once per agenda item of a pack, on the library's worker (see
//! `library_panels`), and kept; the card only draws what has arrived. Without a library,
//! or while nothing has arrived, nothing is drawn. The card is extra: it is drawn inside
//! the item's card or the paper's title card and stands for no line of the pack.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::Command;
use crate::library::AnswerCommand;
use crate::reader::Cx;
use meetpack_core::library::{DocRef, LastTime, LastTimePaper};
use meetpack_core::model::{AgendaItem, DocKind, Pack};

/// An earlier paper at least this alike (MinHash estimate) is offered for Compare: a
/// revision or a re-issue of the same paper rather than another paper on the topic.
pub const NEAR_IDENTICAL: f64 = 0.6;

/// Which pack: its file (None for the bundled sample) and a fingerprint of its content,
/// so a file re-opened after it changed is asked about again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PackKey {
    path: Option<PathBuf>,
    documents: usize,
    lines: u32,
    date: Option<String>,
}

impl PackKey {
    pub fn of(pack: &Pack, path: Option<&Path>) -> Self {
        PackKey {
            path: path.map(Path::to_path_buf),
            documents: pack.documents.len(),
            lines: pack.documents.last().map_or(0, |d| d.lines.last()),
            date: pack.meta.date.clone(),
        }
    }
}

/// What a card looks back from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// An agenda item, by number.
    Item(String),
    /// A paper on no agenda item of its pack (a note published alone), by index.
    Paper(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub pack: PackKey,
    pub target: Target,
}

/// What the worker found for one item.
pub struct Found {
    pub answer: LastTime,
    /// How alike each of `answer.earlier` is to the open paper (None: cannot tell).
    pub similar: Vec<Option<f64>>,
    /// Meetings in the library (0 or 1: nothing to look back on yet).
    pub meetings: usize,
}

enum State {
    Asked,
    Ready(Box<Found>),
    /// The library could not answer (or there is none): the card is absent.
    Failed,
}

#[derive(Default)]
pub struct LastTimeCards {
    cards: HashMap<Key, State>,
    /// The key of the open pack on the last frame drawn (the card's lookups use it).
    open: Option<PackKey>,
}

impl LastTimeCards {
    pub fn is_known(&self, key: &Key) -> bool {
        self.cards.contains_key(key)
    }

    pub fn asked(&mut self, key: Key) {
        self.cards.insert(key, State::Asked);
    }

    pub fn arrived(&mut self, key: Key, found: Result<Found, String>) {
        let state = match found {
            Ok(f) => State::Ready(Box::new(f)),
            Err(_) => State::Failed,
        };
        self.cards.insert(key, state);
    }

    pub fn answer(&self, key: &Key) -> Option<&LastTime> {
        match self.cards.get(key)? {
            State::Ready(f) => Some(&f.answer),
            _ => None,
        }
    }

    /// Called before the reader draws: the open pack's key, for the cards to look up.
    pub fn set_open(&mut self, pack: Option<&Pack>, path: Option<&Path>) {
        let key = pack.map(|p| PackKey::of(p, path));
        if key != self.open {
            self.open = key;
        }
    }
}

/// Whether an item is one to look back on: it has a paper, and that paper is not the
/// minutes of the last meeting or the agenda (procedural items recur at every meeting).
fn worth_a_card(pack: &Pack, item: &AgendaItem) -> bool {
    item.documents.iter().any(|id| {
        pack.document(*id)
            .is_some_and(|d| !matches!(d.kind, DocKind::Minutes | DocKind::Agenda))
    })
}

/// The card for agenda item `index`; `on_paper` when drawn on the item's paper (open, and
/// saying so when there is nothing) rather than on the front sheet (collapsed, and absent
/// when there is nothing).
pub fn card_ui(cards: &LastTimeCards, ui: &mut Ui, cx: &mut Cx<'_>, index: usize, on_paper: bool) {
    let (Some(open), Some(item)) = (&cards.open, cx.pack.agenda.get(index)) else {
        return;
    };
    if !worth_a_card(cx.pack, item) {
        return;
    }
    let key = Key {
        pack: open.clone(),
        target: Target::Item(item.number.clone()),
    };
    let want = AnswerCommand::WantLastTime(index);
    show_ui(cards, ui, cx, &key, want, on_paper, ("last-time", index));
}

/// The card of a paper that is on no agenda item (drawn on its title card).
pub fn paper_card_ui(cards: &LastTimeCards, ui: &mut Ui, cx: &mut Cx<'_>) {
    let Some(open) = &cards.open else {
        return;
    };
    if !matches!(cx.doc.kind, DocKind::BriefingNote | DocKind::Report) {
        return;
    }
    let doc = cx.doc.id.0;
    let key = Key {
        pack: open.clone(),
        target: Target::Paper(doc),
    };
    let want = AnswerCommand::WantPaperLastTime(doc);
    show_ui(
        cards,
        ui,
        cx,
        &key,
        want,
        true,
        ("last-time-paper", doc as usize),
    );
}

fn show_ui(
    cards: &LastTimeCards,
    ui: &mut Ui,
    cx: &mut Cx<'_>,
    key: &Key,
    want: AnswerCommand,
    on_paper: bool,
    id: (&str, usize),
) {
    let found = match cards.cards.get(key) {
        None => {
            cx.out.push(Command::Answers(want));
            return;
        }
        Some(State::Asked) => {
            if on_paper {
                ui.label(RichText::new("Last time: looking in your library…").weak());
            }
            return;
        }
        // Quietly absent: no library, or one that cannot answer, is not the paper's news.
        Some(State::Failed) => return,
        Some(State::Ready(found)) => found,
    };
    let lt = &found.answer;
    let empty = lt.earlier.is_empty() && lt.minutes.is_empty() && lt.work_programme.is_empty();
    if empty {
        if on_paper {
            let text = if found.meetings == 0 {
                "Last time: not in your library yet"
            } else {
                "Last time: nothing earlier on this topic in your library"
            };
            ui.label(RichText::new(text).weak());
        }
        return;
    }
    let doc_on_paper = on_paper.then_some(cx.doc.id.0);
    let fill = ui.visuals().extreme_bg_color;
    egui::Frame::new()
        .fill(fill)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(4.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::CollapsingHeader::new(RichText::new(summary(lt)).strong())
                .id_salt(id)
                .default_open(on_paper)
                .show(ui, |ui| body_ui(ui, found, doc_on_paper, cx.out));
        });
}

/// "Last time: 2 earlier papers · 1 minute · 3 work-programme entries".
fn summary(lt: &LastTime) -> String {
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let parts: Vec<String> = [
        count(lt.earlier.len(), "earlier paper", "earlier papers"),
        count(lt.minutes.len(), "minute", "minutes"),
        count(
            lt.work_programme.len(),
            "work-programme entry",
            "work-programme entries",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!("Last time: {}", parts.join(" · "))
}

fn date_of(d: Option<&str>) -> String {
    d.map(meetpack_core::parse::dates::long_date)
        .unwrap_or_else(|| "undated".into())
}

/// "9 January 2020 · Item 6: Children's Services Improvement".
pub fn paper_label(p: &LastTimePaper) -> String {
    let item = p
        .agenda_item
        .as_deref()
        .map(|n| format!("Item {n}: "))
        .unwrap_or_default();
    format!("{} · {item}{}", date_of(p.meeting_date.as_deref()), p.title)
}

fn body_ui(ui: &mut Ui, found: &Found, doc: Option<u32>, out: &mut Vec<Command>) {
    let lt = &found.answer;
    let weak = |ui: &mut Ui, t: &str| {
        ui.label(RichText::new(t).small().weak());
    };
    if !lt.earlier.is_empty() {
        weak(ui, "Earlier papers and items");
        for (i, p) in lt.earlier.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let index = p
                    .document_id
                    .as_deref()
                    .and_then(|d| d.strip_prefix('d'))
                    .and_then(|d| d.parse::<u32>().ok());
                let hover = format!(
                    "{} · {}",
                    p.committee.as_deref().unwrap_or("committee not named"),
                    p.file
                );
                if ui.link(paper_label(p)).on_hover_text(hover).clicked() {
                    out.push(Command::Answers(AnswerCommand::OpenAt {
                        file: PathBuf::from(&p.file),
                        doc: index,
                        line: None,
                    }));
                }
                if let Some(c) = &p.committee {
                    ui.label(RichText::new(c).small().weak());
                }
                let similar = found.similar.get(i).copied().flatten();
                if let (Some(s), Some(doc), Some(index)) = (similar, doc, index)
                    && s >= NEAR_IDENTICAL
                {
                    let label = format!("Compare ({:.0}% alike)", s * 100.0);
                    if ui
                        .small_button(label)
                        .on_hover_text("What was added, removed and changed since this paper")
                        .clicked()
                    {
                        out.push(Command::Answers(AnswerCommand::CompareWithOpen {
                            doc,
                            other: DocRef {
                                file: p.file.clone(),
                                doc_index: index,
                            },
                        }));
                    }
                }
            });
        }
    }
    if !lt.minutes.is_empty() {
        ui.add_space(4.0);
        weak(ui, "Minutes of the earlier discussion");
        for m in &lt.minutes {
            let label = format!(
                "{} · Minute {}: {}",
                date_of(m.date.as_deref()),
                m.number,
                m.title
            );
            if ui.link(label).on_hover_text(m.file.as_str()).clicked() {
                out.push(Command::Answers(AnswerCommand::OpenAt {
                    file: PathBuf::from(&m.file),
                    doc: None,
                    line: Some(m.lines[0]),
                }));
            }
            for d in &m.decisions {
                ui.horizontal_top(|ui| {
                    ui.add_space(12.0);
                    ui.label(
                        RichText::new("✔").color(crate::reader::blocks::resolution_accent(ui)),
                    );
                    ui.add(egui::Label::new(d.as_str()).wrap());
                });
            }
        }
    }
    if !lt.work_programme.is_empty() {
        ui.add_space(4.0);
        weak(ui, "Work programme entries that scheduled it");
        for w in &lt.work_programme {
            let printed = w
                .pack_date
                .as_deref()
                .map(|d| {
                    format!(
                        " (work programme of {})",
                        meetpack_core::parse::dates::long_date(d)
                    )
                })
                .unwrap_or_default();
            let label = format!("{}: {}{printed}", w.scheduled, w.title);
            if ui.link(label).on_hover_text(w.file.as_str()).clicked() {
                out.push(Command::Answers(AnswerCommand::OpenAt {
                    file: PathBuf::from(&w.file),
                    doc: None,
                    line: Some(w.lines[0]),
                }));
            }
        }
    }
}
