//! Keyboard and mouse shortcuts: one list ([`SHORTCUTS`]) that both the key handling and
//! Help ▸ Keyboard shortcuts read, so the help cannot go stale.
//!
//! To add a shortcut, add a [`Shortcut`] to the list with its keys, its description and
//! the [`Command`] it pushes; it is handled and listed from then on. Keys another widget
//! handles itself (the tree's arrows, Enter in the find field) are listed with
//! [`Handler::Widget`] and no command.

use egui::{Key, KeyboardShortcut, Modifiers, PointerButton};

use crate::{Command, MeetPackApp, NoteCommand, ScrollStep, ZoomStep};
use meetpack_core::notes::NoteKind;

/// When a window-wide key is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always, even while typing in a field (Ctrl shortcuts, function keys).
    Always,
    /// Not while typing in a field (Escape belongs to the field then).
    NotTyping,
    /// Only while reading: nothing is focused (Space presses a focused button, Home/End
    /// move in a focused field).
    Reading,
}

/// Who acts on a shortcut.
#[derive(Debug, Clone, PartialEq)]
pub enum Handler {
    /// The window: the keys push this command.
    Command(Command, When),
    /// A widget handles the keys itself (listed here so the help shows them).
    Widget,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shortcut {
    /// Any of these presses the shortcut (Ctrl is Cmd on a Mac).
    pub keys: Vec<KeyboardShortcut>,
    /// Mouse buttons that do the same.
    pub buttons: Vec<PointerButton>,
    /// What the help shows in the keys column, when `keys` cannot say it (arrows).
    pub label: Option<&'static str>,
    pub what: &'static str,
    pub handler: Handler,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;

/// Every shortcut, in the order Help lists them. Where two shortcuts share a key, the
/// one with more modifiers must come first (egui matches Ctrl+Shift+F as Ctrl+F too).
pub fn shortcuts() -> Vec<Shortcut> {
    let mut all = opening_and_finding();
    all.extend(moving());
    all.extend(view_notes_and_quit());
    all
}

/// A shortcut run through a command.
fn c(command: Command, when: When) -> Handler {
    Handler::Command(command, when)
}

/// A shortcut without buttons or a label of its own.
fn s(keys: Vec<KeyboardShortcut>, what: &'static str, handler: Handler) -> Shortcut {
    Shortcut {
        keys,
        buttons: Vec::new(),
        label: None,
        what,
        handler,
    }
}

/// Opening, finding in the pack or the document, the library.
fn opening_and_finding() -> Vec<Shortcut> {
    use When::{Always, NotTyping};
    vec![
        s(
            vec![key(CMD, Key::O)],
            "Open a pack",
            c(Command::OpenFileDialog, Always),
        ),
        s(
            vec![key(CMD | Modifiers::SHIFT, Key::F)],
            "Find in the whole pack",
            c(Command::Tool(crate::packtools::Tool::OpenFindPack), Always),
        ),
        s(
            vec![key(CMD, Key::F)],
            "Find in this document",
            c(Command::OpenFind, Always),
        ),
        s(
            vec![
                key(Modifiers::SHIFT, Key::F3),
                key(Modifiers::SHIFT, Key::Enter),
            ],
            "Previous match (Shift+Enter in the find field)",
            c(Command::FindStep { forward: false }, Always),
        ),
        s(
            vec![key(NONE, Key::F3), key(NONE, Key::Enter)],
            "Next match (Enter in the find field)",
            c(Command::FindStep { forward: true }, Always),
        ),
        s(
            vec![key(NONE, Key::Escape)],
            "Close the find bar",
            c(Command::CloseFind, NotTyping),
        ),
        s(
            vec![key(CMD, Key::K)],
            "Search the library (every meeting)",
            c(Command::Library(crate::LibraryCommand::Search), Always),
        ),
        s(
            vec![key(CMD, Key::L)],
            "Show the library, or go back to the pack",
            c(Command::Library(crate::LibraryCommand::Toggle), Always),
        ),
    ]
}

/// Moving: pages, history, agenda items, scrolling, the contents tree.
fn moving() -> Vec<Shortcut> {
    use Handler::Widget;
    use When::{Always, Reading};
    vec![
        s(
            vec![key(CMD, Key::G)],
            "Go to a page (PDF)",
            c(Command::OpenGoToPage, Always),
        ),
        Shortcut {
            buttons: vec![PointerButton::Extra1],
            ..s(
                vec![key(Modifiers::ALT, Key::ArrowLeft)],
                "Back",
                c(Command::Back, Always),
            )
        },
        Shortcut {
            buttons: vec![PointerButton::Extra2],
            ..s(
                vec![key(Modifiers::ALT, Key::ArrowRight)],
                "Forward",
                c(Command::Forward, Always),
            )
        },
        s(
            vec![key(CMD, Key::ArrowDown)],
            "Next agenda item",
            c(Command::StepAgendaItem { forward: true }, Always),
        ),
        s(
            vec![key(CMD, Key::ArrowUp)],
            "Previous agenda item",
            c(Command::StepAgendaItem { forward: false }, Always),
        ),
        s(
            vec![key(NONE, Key::PageDown), key(NONE, Key::Space)],
            "Scroll down a screen",
            c(Command::Scroll(ScrollStep::PageDown), Reading),
        ),
        s(
            vec![key(NONE, Key::PageUp)],
            "Scroll up a screen",
            c(Command::Scroll(ScrollStep::PageUp), Reading),
        ),
        s(
            vec![key(NONE, Key::Home)],
            "Top of the document",
            c(Command::Scroll(ScrollStep::Top), Reading),
        ),
        s(
            vec![key(NONE, Key::End)],
            "End of the document",
            c(Command::Scroll(ScrollStep::End), Reading),
        ),
        Shortcut {
            label: Some("Arrows, Enter"),
            ..s(
                Vec::new(),
                "Move in the contents tree (arrow keys), open or close a row, show it",
                Widget,
            )
        },
    ]
}

/// The view, notes, print and quit.
fn view_notes_and_quit() -> Vec<Shortcut> {
    use When::Always;
    vec![
        s(
            vec![key(CMD, Key::Plus), key(CMD, Key::Equals)],
            "Zoom in",
            c(Command::Zoom(ZoomStep::In), Always),
        ),
        s(
            vec![key(CMD, Key::Minus)],
            "Zoom out",
            c(Command::Zoom(ZoomStep::Out), Always),
        ),
        s(
            vec![key(CMD, Key::Num0)],
            "Actual size (100 %)",
            c(Command::Zoom(ZoomStep::Reset), Always),
        ),
        s(
            vec![key(NONE, Key::F8)],
            "Show or hide the original PDF page",
            c(Command::TogglePageView, Always),
        ),
        s(
            vec![key(NONE, Key::F9)],
            "Show or hide the contents panel",
            c(Command::ToggleTree, Always),
        ),
        s(
            vec![key(NONE, Key::F1)],
            "Keyboard shortcuts (this list)",
            c(Command::ShowShortcuts, Always),
        ),
        s(
            vec![key(CMD, Key::C)],
            "Copy the text selected in the reader",
            c(Command::CopySelection, When::NotTyping),
        ),
        s(
            vec![key(CMD.plus(Modifiers::SHIFT), Key::N)],
            "Add a note to the selected words, else to the passage last clicked",
            c(Command::Notes(NoteCommand::AddHere(NoteKind::Note)), Always),
        ),
        s(
            vec![key(CMD.plus(Modifiers::SHIFT), Key::H)],
            "Highlight the selected words, else the passage last clicked",
            c(
                Command::Notes(NoteCommand::AddHere(NoteKind::Highlight)),
                Always,
            ),
        ),
        s(
            vec![key(CMD, Key::D)],
            "Bookmark the selected words, else the passage last clicked",
            c(
                Command::Notes(NoteCommand::AddHere(NoteKind::Bookmark)),
                Always,
            ),
        ),
        s(
            vec![key(CMD, Key::P)],
            "Print (a PDF of what you choose, opened in your PDF viewer)",
            c(Command::OpenExport { print: true }, Always),
        ),
        s(vec![key(CMD, Key::Q)], "Quit", c(Command::Quit, Always)),
    ]
}

/// How the help shows a shortcut's keys: "Ctrl+F", "PageDown or Space".
pub fn keys_label(shortcut: &Shortcut) -> String {
    if let Some(label) = shortcut.label {
        return label.to_string();
    }
    let names = egui::ModifierNames::NAMES;
    let mut parts: Vec<String> = shortcut
        .keys
        .iter()
        .map(|k| k.format(&names, cfg!(target_os = "macos")))
        .collect();
    parts.extend(shortcut.buttons.iter().map(|b| match b {
        PointerButton::Extra1 => "mouse back button".to_string(),
        PointerButton::Extra2 => "mouse forward button".to_string(),
        other => format!("{other:?} mouse button"),
    }));
    parts.join(" or ")
}

/// Help ▸ Keyboard shortcuts: one table, read from [`shortcuts`].
pub fn shortcuts_ui(ctx: &egui::Context, out: &mut Vec<Command>) {
    let response = egui::Modal::new(egui::Id::unique("meetpack-shortcuts")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Keyboard shortcuts");
        ui.add_space(6.0);
        egui::Grid::new("shortcuts-table")
            .num_columns(2)
            .striped(true)
            .spacing([18.0, 4.0])
            .show(ui, |ui| {
                for shortcut in shortcuts() {
                    ui.label(egui::RichText::new(keys_label(&shortcut)).strong());
                    ui.label(shortcut.what);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.vertical_centered(|ui| ui.button("Close").clicked())
            .inner
    });
    if response.inner || response.should_close() {
        out.push(Command::CloseShortcuts);
    }
}

impl MeetPackApp {
    /// Takes the window-wide shortcuts. Runs before the tree sees arrows, so Alt+Left is
    /// Back rather than "collapse".
    pub(crate) fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let focused = ctx.memory(|m| m.focused().is_some());
        // Over a modal (About, the shortcut list, a dialog) or an open menu, Escape closes
        // it, which reads the key after this: taking it here for the find bar left it
        // open. Keys for the reading view behind it wait too.
        let modal = self.about_visible
            || self.shortcuts_visible
            || ctx.memory(|m| m.top_modal_layer().is_some())
            || egui::Popup::is_any_open(ctx);
        let out = &mut self.commands;
        ctx.input_mut(|i| {
            for shortcut in shortcuts() {
                let Handler::Command(command, when) = shortcut.handler else {
                    continue;
                };
                let allowed = match when {
                    When::Always => true,
                    When::NotTyping => !typing && !modal,
                    When::Reading => !typing && !focused && !modal,
                };
                // Enter belongs to the find field (which steps through matches itself)
                // and to focused buttons: as a window key it would press twice.
                let pressed = shortcut
                    .keys
                    .iter()
                    .filter(|k| k.logical_key != Key::Enter)
                    .any(|k| allowed && i.consume_shortcut(k));
                let clicked = shortcut
                    .buttons
                    .iter()
                    .any(|b| i.pointer.button_pressed(*b));
                if pressed || clicked {
                    out.push(command);
                }
            }
            // A desktop's Ctrl+C (and Copy key) arrives as a copy event, not as the key.
            let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
            if copy && !typing && !modal {
                out.push(Command::CopySelection);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_shortcuts_share_a_key() {
        let mut seen = Vec::new();
        for s in shortcuts() {
            for k in s.keys {
                assert!(!seen.contains(&k), "{k:?} is used twice");
                seen.push(k);
            }
        }
    }

    /// egui matches Shift+F3 as F3 too: the shortcut with more modifiers must be tried
    /// first, or it can never be pressed.
    #[test]
    fn a_shortcut_with_more_modifiers_comes_first() {
        let all: Vec<KeyboardShortcut> = shortcuts().iter().flat_map(|s| s.keys.clone()).collect();
        for (i, k) in all.iter().enumerate() {
            for later in &all[i + 1..] {
                let wider = later.modifiers.contains(k.modifiers) && later.modifiers != k.modifiers;
                assert!(
                    !(later.logical_key == k.logical_key && wider),
                    "{later:?} must come before {k:?}"
                );
            }
        }
    }

    #[test]
    fn every_shortcut_says_its_keys_and_what_it_does() {
        for s in shortcuts() {
            assert!(!keys_label(&s).is_empty(), "{}", s.what);
            assert!(!s.what.is_empty());
        }
        let all: Vec<String> = shortcuts().iter().map(keys_label).collect();
        assert!(all.iter().any(|k| k == "Ctrl+F"), "{all:?}");
    }
}
