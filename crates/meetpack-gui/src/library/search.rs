//! Search across the library (Ctrl+K): the query and its filters, searched on a worker
//! thread a moment after the typing stops (the newest request wins), and the hits grouped
//! by meeting, each with its snippet's matched words drawn highlighted.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Ui};

use crate::Command;
use crate::library::LibraryCommand;
use meetpack_core::library::{Filter, Hit, KindFilter, Library, LibraryPaths, SortBy};

/// Typing pauses this long before a search runs: each key would otherwise start one.
const DEBOUNCE: Duration = Duration::from_millis(250);
/// The most hits asked for: a page of results, as the CLI's default is.
const LIMIT: usize = 50;

/// Everything a search depends on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub query: String,
    pub committee: Option<String>,
    pub since: String,
    pub until: String,
    /// Papers, minutes or decisions only; None for every passage.
    pub kind: Option<KindFilter>,
    pub newest_first: bool,
}

impl Request {
    fn filter(&self) -> Filter {
        let date = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Filter {
            committee: self.committee.clone(),
            since: date(&self.since),
            until: date(&self.until),
            kind: self.kind,
        }
    }

    fn sort(&self) -> SortBy {
        if self.newest_first {
            SortBy::Newest
        } else {
            SortBy::Relevance
        }
    }
}

/// The search thread's ends: numbered requests in, answers out.
type Worker = (Sender<(u64, Request)>, Receiver<Answer>);

/// A worker's answer to request `id`.
struct Answer {
    id: u64,
    result: Result<Vec<Hit>, String>,
    damaged: bool,
    ms: f64,
}

pub struct Search {
    /// What the widgets edit.
    pub request: Request,
    /// When the request last changed (the debounce runs from here).
    changed_at: Option<Instant>,
    /// The request last sent, and its id: answers to older ids are dropped.
    sent: Option<Request>,
    sent_id: u64,
    worker: Option<Worker>,
    pub hits: Vec<Hit>,
    /// The request `hits` answer.
    pub shown_for: Option<Request>,
    pub error: Option<String>,
    pub searching: bool,
    last_ms: f64,
    pub focus_requested: bool,
    /// The index was found damaged: the view asks for a rebuild.
    pub damaged: bool,
}

impl Default for Search {
    fn default() -> Self {
        Self {
            request: Request {
                newest_first: true,
                ..Request::default()
            },
            changed_at: None,
            sent: None,
            sent_id: 0,
            worker: None,
            hits: Vec::new(),
            shown_for: None,
            error: None,
            searching: false,
            last_ms: 0.0,
            focus_requested: false,
            damaged: false,
        }
    }
}

impl Search {
    pub fn has_query(&self) -> bool {
        !self.request.query.trim().is_empty()
    }

    /// The index changed: the same request is searched again.
    pub fn invalidate(&mut self) {
        self.sent = None;
        self.changed_at.get_or_insert_with(Instant::now);
    }

    /// Sends the request when it changed and the typing has paused; takes answers.
    pub fn poll(&mut self, paths: &LibraryPaths, ctx: &egui::Context) {
        self.take_answers();
        if !self.has_query() {
            self.hits.clear();
            self.shown_for = None;
            self.error = None;
            self.searching = false;
            return;
        }
        if self.sent.as_ref() == Some(&self.request) {
            return;
        }
        let waited = self.changed_at.map_or(DEBOUNCE, |t| t.elapsed());
        if waited < DEBOUNCE {
            ctx.request_repaint_after(DEBOUNCE - waited);
            return;
        }
        self.send(paths, ctx);
    }

    /// Marks the request changed (called by the widgets that edit it).
    fn touched(&mut self) {
        self.changed_at = Some(Instant::now());
    }

    fn send(&mut self, paths: &LibraryPaths, ctx: &egui::Context) {
        if self.worker.is_none() {
            self.worker = Some(spawn_worker(paths.clone(), ctx.clone()));
        }
        let Some((tx, _)) = &self.worker else {
            return;
        };
        self.sent_id += 1;
        if tx.send((self.sent_id, self.request.clone())).is_err() {
            // The worker is gone (it panicked): a new one takes the next request.
            self.worker = None;
            self.error = Some("The search stopped unexpectedly; type again to retry.".into());
            return;
        }
        self.sent = Some(self.request.clone());
        self.searching = true;
    }

    fn take_answers(&mut self) {
        let Some((_, rx)) = &self.worker else {
            return;
        };
        while let Ok(answer) = rx.try_recv() {
            if answer.id != self.sent_id {
                continue;
            }
            self.searching = false;
            self.last_ms = answer.ms;
            self.shown_for = self.sent.clone();
            self.damaged |= answer.damaged;
            match answer.result {
                Ok(hits) => {
                    self.hits = hits;
                    self.error = None;
                }
                Err(err) => {
                    self.hits.clear();
                    self.error = Some(err);
                }
            }
        }
    }

    /// The query box and filters. `committees` are the library's, for the filter's menu.
    pub fn bar_ui(&mut self, ui: &mut Ui, committees: &[String]) {
        let label = ui.label("Search the library:");
        let edit = egui::TextEdit::singleline(&mut self.request.query)
            .hint_text("words, \"a phrase\", prefix*")
            .desired_width(f32::INFINITY);
        let response = ui.add(edit).labelled_by(label.id);
        if self.focus_requested {
            response.request_focus();
            self.focus_requested = false;
        }
        if response.changed() {
            self.touched();
        }
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            let any = "Any committee".to_string();
            let current = self.request.committee.clone().unwrap_or(any.clone());
            egui::ComboBox::from_id_salt("library-committee")
                .selected_text(current)
                .width(260.0)
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut self.request.committee, None, any)
                        .changed();
                    for c in committees {
                        changed |= ui
                            .selectable_value(&mut self.request.committee, Some(c.clone()), c)
                            .changed();
                    }
                });
            for (name, value) in [
                ("Since:", &mut self.request.since),
                ("Until:", &mut self.request.until),
            ] {
                let label = ui.label(name);
                let edit = egui::TextEdit::singleline(value)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(100.0);
                changed |= ui.add(edit).labelled_by(label.id).changed();
            }
            let kinds = [
                (None, "All passages"),
                (Some(KindFilter::Papers), "Papers"),
                (Some(KindFilter::Minutes), "Minutes"),
                (Some(KindFilter::Decisions), "Decisions"),
            ];
            let shown = kinds
                .iter()
                .find(|(k, _)| *k == self.request.kind)
                .map_or("All passages", |(_, name)| name);
            egui::ComboBox::from_id_salt("library-search-kind")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (kind, name) in kinds {
                        changed |= ui
                            .selectable_value(&mut self.request.kind, kind, name)
                            .changed();
                    }
                });
            ui.separator();
            changed |= ui
                .selectable_value(&mut self.request.newest_first, true, "Newest first")
                .changed();
            changed |= ui
                .selectable_value(&mut self.request.newest_first, false, "Most relevant first")
                .changed();
        });
        if changed {
            self.touched();
        }
    }

    /// The hits, grouped by meeting.
    pub fn results_ui(&self, ui: &mut Ui, out: &mut Vec<Command>) {
        let status = if let Some(err) = &self.error {
            RichText::new(err).color(ui.visuals().error_fg_color)
        } else if self.shown_for.is_none() {
            RichText::new("Searching…").weak()
        } else {
            let meetings = self.meeting_count();
            let hits = match self.hits.len() {
                0 => "No passages match".to_string(),
                n if n >= LIMIT => format!("The first {n} passages"),
                n => crate::library::index::plural(n, "passage"),
            };
            let mut text = if self.hits.is_empty() {
                hits
            } else {
                format!(
                    "{hits} in {}",
                    crate::library::index::plural(meetings, "meeting")
                )
            };
            if self.searching {
                text.push_str(" (searching…)");
            }
            RichText::new(text).weak()
        };
        ui.label(status)
            .on_hover_text(format!("searched in {:.0} ms", self.last_ms));
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("library-hits")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut last: Option<(Option<&str>, Option<&str>)> = None;
                for hit in &self.hits {
                    let meeting = (hit.meeting_date.as_deref(), hit.committee.as_deref());
                    if last != Some(meeting) {
                        ui.add_space(8.0);
                        ui.heading(meeting_title(meeting.0, meeting.1));
                        last = Some(meeting);
                    }
                    hit_ui(ui, hit, &self.request.query, out);
                }
            });
    }

    fn meeting_count(&self) -> usize {
        let mut meetings: Vec<(Option<&str>, Option<&str>)> = self
            .hits
            .iter()
            .map(|h| (h.meeting_date.as_deref(), h.committee.as_deref()))
            .collect();
        meetings.dedup();
        meetings.len()
    }
}

/// "2023-12-21 · Education and Children's Services Scrutiny Board (2)".
pub fn meeting_title(date: Option<&str>, committee: Option<&str>) -> String {
    format!(
        "{} · {}",
        date.unwrap_or("no date"),
        committee.unwrap_or("committee not named")
    )
}

/// Which document of its pack a hit is in: `d3` → 3.
pub fn doc_index(document_id: &str) -> Option<u32> {
    document_id.strip_prefix('d')?.parse().ok()
}

fn hit_ui(ui: &mut Ui, hit: &Hit, query: &str, out: &mut Vec<Command>) {
    let Some(doc) = doc_index(&hit.document_id) else {
        return;
    };
    let open = LibraryCommand::OpenHit {
        file: PathBuf::from(&hit.file),
        doc,
        lines: hit.lines,
        query: query.to_string(),
        marked: snippet_parts(&hit.snippet)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(w, _)| w.to_string())
            .collect(),
    };
    ui.add_space(4.0);
    // A PDF pack's passage by its page, as a councillor finds it on paper.
    let lines = match (&hit.page, hit.lines) {
        (Some(page), _) => meetpack_core::views::place::page_name(page),
        (None, [a, b]) if a == b => format!("line {a}"),
        (None, [a, b]) => format!("lines {a}–{b}"),
    };
    let place = format!(
        "{} · {} · {lines} · {}",
        hit.document,
        hit.kind.replace('_', " "),
        crate::loading::loader::display_name(Path::new(&hit.file))
    );
    let title = ui
        .add(egui::Button::new(RichText::new(place).strong()).frame(false))
        .on_hover_text(format!("Open {} at this passage", hit.file));
    let snippet = ui
        .add(
            egui::Button::new(snippet_job(ui, &hit.snippet))
                .frame(false)
                .wrap(),
        )
        .on_hover_text("Open the pack at this passage");
    if title.clicked() || snippet.clicked() {
        out.push(Command::Library(open));
    }
    if !hit.also_in.is_empty() {
        let names: Vec<String> = hit
            .also_in
            .iter()
            .map(|f| crate::loading::loader::display_name(Path::new(f)))
            .collect();
        ui.label(RichText::new(format!("also in {}", names.join(", "))).weak())
            .on_hover_text(hit.also_in.join("\n"));
    }
}

/// The snippet with the words between `**` marks drawn strong on the selection colour.
pub fn snippet_job(ui: &Ui, snippet: &str) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat {
        font_id: font,
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let marked = TextFormat {
        background: ui.visuals().selection.bg_fill.gamma_multiply(0.8),
        color: ui.visuals().strong_text_color(),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    for (text, is_match) in snippet_parts(snippet) {
        let format = if is_match {
            marked.clone()
        } else {
            plain.clone()
        };
        job.append(text, 0.0, format);
    }
    job
}

/// `a **b** c` → [("a ", false), ("b", true), (" c", false)]; an unclosed mark is text.
pub fn snippet_parts(snippet: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("**") else {
            break;
        };
        if start > 0 {
            parts.push((&rest[..start], false));
        }
        parts.push((&after[..end], true));
        rest = &after[end + 2..];
    }
    if !rest.is_empty() {
        parts.push((rest, false));
    }
    parts
}

/// The thread that searches: it opens the library for each request (an index rebuilt
/// meanwhile is a new file) and skips requests already replaced by newer ones.
fn spawn_worker(paths: LibraryPaths, ctx: egui::Context) -> Worker {
    let (req_tx, req_rx) = mpsc::channel::<(u64, Request)>();
    let (ans_tx, ans_rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("meetpack-library-search".into())
        .spawn(move || {
            while let Ok(mut next) = req_rx.recv() {
                while let Ok(newer) = req_rx.try_recv() {
                    next = newer;
                }
                let (id, request) = next;
                let started = Instant::now();
                let result = if !paths.index.exists() {
                    // Nothing indexed yet, and searching creates no index.
                    Ok(Vec::new())
                } else {
                    Library::open_reader(paths.clone()).and_then(|lib| {
                        lib.search(
                            &request.query,
                            &request.filter(),
                            false,
                            request.sort(),
                            LIMIT,
                        )
                    })
                };
                let damaged = result.as_ref().is_err_and(|e| e.is_damaged());
                let answer = Answer {
                    id,
                    result: result.map_err(|e| crate::library::index::capitalised(&e.to_string())),
                    damaged,
                    ms: started.elapsed().as_secs_f64() * 1e3,
                };
                if ans_tx.send(answer).is_err() {
                    return;
                }
                ctx.request_repaint();
            }
        });
    // A thread that could not start dropped its receiver: the first send fails, and the
    // search says so.
    drop(spawned);
    (req_tx, ans_rx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_become_parts() {
        assert_eq!(
            snippet_parts("an **Ofsted** focused **visit** in"),
            vec![
                ("an ", false),
                ("Ofsted", true),
                (" focused ", false),
                ("visit", true),
                (" in", false)
            ]
        );
        assert_eq!(snippet_parts("a ** b"), vec![("a ** b", false)]);
        assert_eq!(snippet_parts(""), Vec::<(&str, bool)>::new());
    }

    #[test]
    fn document_ids_parse() {
        assert_eq!(doc_index("d3"), Some(3));
        assert_eq!(doc_index("x"), None);
    }
}
