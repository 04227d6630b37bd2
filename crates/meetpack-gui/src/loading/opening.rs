//! Opening packs: files dropped or handed over by a second `meetpack FILE`, the
//! loader's result, and the reading position restored and remembered.

use std::path::PathBuf;

use crate::loading::loader::{Opened, Scan};
use crate::navigation::nav::{Anchor, History, Location};
use crate::shell::failure::Failure;
use crate::{Command, Loaded, MeetPackApp, loading::loader, shell::state};
use meetpack_core::model::DocId;

impl MeetPackApp {
    /// One pack is shown at a time: of several files dropped at once the first opens, and
    /// the notice names the others so none is dropped without a word.
    pub(crate) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        let Some((first, others)) = dropped.split_first() else {
            return;
        };
        self.commands.push(Command::OpenPath(first.clone()));
        if !others.is_empty() {
            self.notice(dropped_notice(first, others));
        }
    }

    pub(crate) fn poll_loader(&mut self) {
        let Some(loader) = &mut self.loader else {
            return;
        };
        let result = loader.poll();
        if let Some(pack) = loader.early.take()
            && result.is_none()
        {
            let loaded = Loaded {
                pack,
                name: loader.name.clone(),
                path: loader.path.clone(),
                fingerprint: None,
            };
            self.show_early(loaded);
            return;
        }
        let Some(loader) = &mut self.loader else {
            return;
        };
        if let Some(result) = result {
            let (name, path, cancelled) = (
                loader.name.clone(),
                loader.path.clone(),
                loader.was_cancelled(),
            );
            self.loader = None;
            if result.is_err() {
                self.drop_first_look();
            }
            match result {
                Err(err) if cancelled => self.notice(format!("Stopped opening {name} ({err}).")),
                Err(err) => self.failure = Some(Failure::new(&name, path, &err)),
                Ok(Opened::Pack(loaded)) => self.finish_load(Ok(*loaded)),
                Ok(Opened::Scan(scan)) => self.open_scan(scan),
            }
        }
    }

    /// A long PDF's first pages while the rest is read: shown as a pack is, at its front
    /// sheet (or where the user left it, if that is in these pages). Nothing is remembered
    /// from it (recent files, titles) and notes wait for the whole pack, whose documents may
    /// still grow; the whole pack then replaces it at the place being read.
    fn show_early(&mut self, loaded: Loaded) {
        crate::shell::profile::mark("first pages shown (UI thread)");
        self.early_pages = loaded.pack.source.pages;
        self.failure = None;
        self.notes.close();
        self.scan = None;
        self.pack = Some(loaded.pack);
        self.name = loaded.name;
        self.path = loaded.path;
        self.reset_views();
        self.restore_position();
    }

    /// A new pack is shown: the reader, tree, find, tools and history start afresh.
    fn reset_views(&mut self) {
        self.reader.reset();
        self.tree.reset();
        self.find.close();
        self.tools.reset();
        self.history = History::default();
        self.agenda_cursor = None;
    }

    /// A first look at a pack whose load failed, was stopped or was replaced by another
    /// is not kept: a pack's first pages must not pass for the whole of it.
    pub(crate) fn drop_first_look(&mut self) {
        if self.early_pages.take().is_some() {
            self.pack = None;
            self.reader.reset();
            self.tree.reset();
            self.history = History::default();
        }
    }

    /// The first line of what the reader shows at its top, in the pack shown.
    fn reading_line(&self) -> Option<u32> {
        let pack = self.pack.as_ref()?;
        let doc = pack.document(self.reader.doc()?)?;
        Some(match self.reader.top_anchor() {
            Anchor::Block(b) => doc.blocks.get(b)?.lines.first(),
            Anchor::AgendaItem(i) => pack.agenda.get(i)?.lines.first(),
            Anchor::Top => doc.lines.first(),
        })
    }

    /// Shows a loaded pack; an error replaces the window's content with a page saying
    /// what could not be opened and why (the previous pack stays, one click away).
    pub(crate) fn finish_load(&mut self, result: Result<Loaded, String>) {
        crate::shell::profile::mark("pack shown (UI thread)");
        // After a first look at its first pages, the whole pack opens where the user is.
        let reading = self.early_pages.take().and_then(|_| self.reading_line());
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(err) => {
                self.failure = Some(Failure::new("", None, &err));
                return;
            }
        };
        self.failure = None;
        if let Some(path) = &loaded.path {
            self.settings.remember_recent(path);
            let title = crate::shell::title::pack_title(&loaded.pack, &loaded.name);
            self.settings
                .titles
                .insert(state::position_key(Some(path)), title);
        }
        self.notes.load(
            &loaded.pack,
            loaded.path.as_deref(),
            &loaded.name,
            loaded.fingerprint,
        );
        self.scan = None;
        self.pack = Some(loaded.pack);
        self.name = loaded.name;
        self.path = loaded.path;
        // A load that worked answers an earlier "could not open"; a notice (settings that
        // could not be read, files dropped but not opened) stays until dismissed.
        if self.message.as_ref().is_some_and(|m| m.is_error) {
            self.message = None;
        }
        self.reset_views();
        match reading.and_then(|line| self.location_of_line(line)) {
            Some(here) => {
                self.history = History::new(here);
                self.show_location(here);
            }
            None => self.restore_position(),
        }
        self.library_arrive();
    }

    /// Shows a scan as its pages. The pack shown before goes (as when another pack opens),
    /// with its notes, find and history: none of them has anything to act on in a scan.
    fn open_scan(&mut self, scan: Scan) {
        self.failure = None;
        if self.message.as_ref().is_some_and(|m| m.is_error) {
            self.message = None;
        }
        self.settings.remember_recent(&scan.path);
        self.settings.titles.insert(
            state::position_key(Some(&scan.path)),
            format!("{} (scan)", scan.name),
        );
        self.notes.close();
        self.pack = None;
        self.name = scan.name.clone();
        self.path = None;
        self.reset_views();
        self.scan = Some(crate::reader::scan::ScanView::new(scan));
        self.library_arrive();
    }

    /// Where a line of the pack shown is.
    fn location_of_line(&self, line: u32) -> Option<Location> {
        let pack = self.pack.as_ref()?;
        let doc = pack.documents.iter().find(|d| d.lines.contains(line))?;
        Some(crate::navigation::jump::location_of_line(
            pack, doc.id, line,
        ))
    }

    /// Opens the pack where the user left it, or at its front sheet.
    pub(crate) fn restore_position(&mut self) {
        let Some(pack) = &self.pack else {
            return;
        };
        let key = state::position_key(self.path.as_deref());
        let saved = self.settings.positions.get(&key).copied();
        let start = saved
            .filter(|p| (p.doc as usize) < pack.documents.len())
            .map(|p| Location {
                doc: DocId(p.doc),
                anchor: p.block.map_or(Anchor::Top, Anchor::Block),
            })
            .or_else(|| {
                pack.front_sheet()
                    .or(pack.documents.first())
                    .map(|d| Location::top(d.id))
            });
        let Some(start) = start else {
            return;
        };
        self.history = History::new(start);
        self.show_location(start);
    }

    pub(crate) fn open_dialog(&mut self, ctx: &egui::Context) {
        use crate::shell::chooser::{Ask, Purpose};
        let ask = Ask {
            title: "Open a meeting pack",
            file_name: None,
            filter: Some((
                "Meeting packs (*.pdf *.txt *.md)",
                &["pdf", "txt", "text", "md"],
            )),
            folder: self.path.as_deref().and_then(std::path::Path::parent),
        };
        if let Some((path, purpose)) = self.chooser.ask(ask, Purpose::OpenPack) {
            self.chosen(path, purpose, ctx);
        }
    }

    /// Keeps the reading position of this pack up to date for the next run.
    pub(crate) fn remember_position(&mut self) {
        let Some(doc) = self.reader.doc() else {
            return;
        };
        let block = match self.reader.top_anchor() {
            Anchor::Block(b) => Some(b),
            _ => None,
        };
        let key = state::position_key(self.path.as_deref());
        self.settings
            .positions
            .insert(key, state::SavedPosition { doc: doc.0, block });
    }

    /// Opens the files a second `meetpack FILE` sends to `server`'s socket (named pipe on
    /// Windows) in this window.
    #[cfg(any(unix, windows))]
    pub(crate) fn listen(
        &mut self,
        server: meetpack_core::desktop::instance::Server,
        ctx: &egui::Context,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let served = server.serve(move |path| {
            // The window may be closing: then the file has nowhere to go.
            if tx.send(path).is_ok() {
                ctx.request_repaint();
            }
        });
        if served.is_ok() {
            self.inbox = Some(rx);
            self.instance = Some(server);
        }
    }

    pub(crate) fn poll_inbox(&mut self, ctx: &egui::Context) {
        let Some(inbox) = &self.inbox else {
            return;
        };
        let mut received = false;
        while let Ok(path) = inbox.try_recv() {
            self.commands.push(Command::OpenPath(path));
            received = true;
        }
        if received {
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }
}

/// "Showing a.pdf, the first file dropped. MeetPack shows one pack at a time: 2 other
/// dropped files were not opened (b.pdf, c.txt)."
fn dropped_notice(first: &std::path::Path, others: &[PathBuf]) -> String {
    const NAMED: usize = 3;
    let mut names: Vec<String> = others
        .iter()
        .take(NAMED)
        .map(|p| loader::display_name(p))
        .collect();
    if others.len() > NAMED {
        names.push(format!("and {} more", others.len() - NAMED));
    }
    let count = match others.len() {
        1 => "1 other dropped file was".to_string(),
        n => format!("{n} other dropped files were"),
    };
    format!(
        "Showing {}, the first file dropped. MeetPack shows one pack at a time: {count} not \
         opened ({}).",
        loader::display_name(first),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first pages of a pack, as the loader gives them, then the whole.
    fn first_look_then_whole() -> (Loaded, Loaded) {
        let text = include_str!("../../../../seeds/004_9a99625675b12858.txt");
        let cut = text.len() / 5;
        let cut = (0..=cut)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let mut first = meetpack_core::parse::parse(&text[..cut]);
        first.source.pages = Some(4);
        let whole = meetpack_core::parse::parse(text);
        let loaded = |pack| Loaded {
            pack,
            name: "pack.pdf".into(),
            path: None,
            fingerprint: None,
        };
        (loaded(first), loaded(whole))
    }

    #[test]
    fn notes_wait_for_the_whole_pack_and_it_opens_where_the_first_look_was() {
        let (first, whole) = first_look_then_whole();
        let mut app = MeetPackApp::with_sample();
        app.show_early(first);
        assert_eq!(app.early_pages, Some(4));
        app.apply_notes(crate::NoteCommand::AddHere(
            meetpack_core::notes::NoteKind::Bookmark,
        ));
        let said = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(said.contains("once the whole pack is read"), "{said:?}");
        // The reader moves on in the first look; the whole pack opens at the same line.
        let pack = app.pack.as_ref().expect("the first look is shown");
        // Not the front sheet, where the whole pack would open anyway.
        assert!(
            pack.documents.len() >= 2,
            "{} documents",
            pack.documents.len()
        );
        let doc = pack.documents.last().expect("a document");
        let line = doc.lines.first();
        app.go(Location::top(doc.id));
        app.finish_load(Ok(whole));
        assert_eq!(app.early_pages, None);
        let here = app.current_location().expect("a place");
        let shown = app
            .pack
            .as_ref()
            .and_then(|p| p.document(here.doc))
            .expect("a doc");
        assert!(
            shown.lines.contains(line),
            "{:?} holds line {line}",
            shown.lines
        );
    }

    #[test]
    fn a_first_look_at_a_pack_that_then_fails_is_not_kept() {
        let (first, _) = first_look_then_whole();
        let mut app = MeetPackApp::with_sample();
        app.show_early(first);
        app.loader = Some(loader::Loader::failed("pack.pdf", "it is damaged".into()));
        app.poll_loader();
        assert!(app.pack.is_none());
        assert!(app.failure.is_some());
        assert_eq!(app.early_pages, None);
    }
}
