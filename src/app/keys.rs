//! Keyboard and mouse shortcuts that work anywhere in the window.

use egui::{Key, Modifiers, PointerButton};

use super::{Command, MeetPackApp, ScrollStep};

impl MeetPackApp {
    /// Keyboard and mouse shortcuts that work anywhere. Taken before the tree sees arrows,
    /// so Alt+Left is Back rather than "collapse".
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        // Space and Home/End belong to a widget focused with Tab (Space presses buttons).
        let focused = ctx.memory(|m| m.focused().is_some());
        let out = &mut self.commands;
        ctx.input_mut(|i| {
            let cmd = Modifiers::COMMAND;
            if i.consume_key(cmd, Key::O) {
                out.push(Command::OpenFileDialog);
            }
            if i.consume_key(cmd, Key::F) {
                out.push(Command::OpenFind);
            }
            if i.consume_key(cmd, Key::G) {
                out.push(Command::OpenGoToPage);
            }
            if i.consume_key(Modifiers::NONE, Key::F8) {
                out.push(Command::TogglePageView);
            }
            if i.consume_key(cmd, Key::Q) {
                out.push(Command::Quit);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowLeft)
                || i.pointer.button_pressed(PointerButton::Extra1)
            {
                out.push(Command::Back);
            }
            if i.consume_key(Modifiers::ALT, Key::ArrowRight)
                || i.pointer.button_pressed(PointerButton::Extra2)
            {
                out.push(Command::Forward);
            }
            if i.consume_key(cmd, Key::ArrowDown) {
                out.push(Command::StepAgendaItem { forward: true });
            }
            if i.consume_key(cmd, Key::ArrowUp) {
                out.push(Command::StepAgendaItem { forward: false });
            }
            if i.consume_key(Modifiers::SHIFT, Key::F3) {
                out.push(Command::FindStep { forward: false });
            } else if i.consume_key(Modifiers::NONE, Key::F3) {
                out.push(Command::FindStep { forward: true });
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::CloseFind);
            }
            super::notes_panel::shortcuts(i, out);
            if !typing && !focused {
                page_keys(i, out);
            }
        });
    }
}

/// Page Up/Down (and Space), Home/End scroll the reader.
fn page_keys(i: &mut egui::InputState, out: &mut Vec<Command>) {
    let keys = [
        (Key::PageDown, ScrollStep::PageDown),
        (Key::Space, ScrollStep::PageDown),
        (Key::PageUp, ScrollStep::PageUp),
        (Key::Home, ScrollStep::Top),
        (Key::End, ScrollStep::End),
    ];
    for (key, step) in keys {
        if i.consume_key(Modifiers::NONE, key) {
            out.push(Command::Scroll(step));
        }
    }
}
