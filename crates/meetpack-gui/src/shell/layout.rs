//! Which side panels stand beside the reader this frame. The reader keeps a column of
//! about 45 characters a line: with less room the side panels yield, in a fixed order, to
//! tabs under the reader, and a yielded panel's tab shows it in a window over the text.
//! Whether a panel is open stays its own setting, never changed here, so a wider window
//! (or a smaller zoom) puts it back beside the reader.

use egui::{Rect, RichText, Ui};

use crate::Command;

/// A side panel of the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The original PDF page (F8).
    PageView,
    Notes,
    /// Find in pack (Ctrl+Shift+F).
    FindPack,
    /// The contents tree (F9).
    Tree,
}

/// Characters a line the reader keeps while side panels are open: fewer, and prose reads as
/// a word or two a line (at 900 px with the page and Notes open it was one).
pub const READER_MIN_CHARS: f32 = 45.0;
/// What the central panel has beside the reader's prose: its frame's margins (8 a side),
/// the reader's own inset (16, see `Reader::ui`), and the number gutter left of the text
/// with the space after it (52 + 8, `blocks::GUTTER`). Measured under Xvfb at 900 px: the
/// prose starts 76 points right of the panel's edge and wraps 15 short of the other.
const READER_MARGINS: f32 = 32.0 + 52.0 + 8.0;
/// No panel takes more than this share of the window, however far it is dragged.
const PANEL_MAX_FRACTION: f32 = 0.5;

impl Side {
    /// The order the panels yield in when the reader is short of room: the original page
    /// first (the reader shows its text already), then Notes and Find in pack, and the
    /// contents last (it is the way about the pack).
    pub const YIELD_ORDER: [Side; 4] = [Side::PageView, Side::Notes, Side::FindPack, Side::Tree];

    /// The panel's id in egui (its width is remembered under it).
    fn id(self) -> &'static str {
        match self {
            Side::PageView => "page_view",
            Side::Notes => "notes_panel",
            Side::FindPack => "find_pack",
            Side::Tree => "tree",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Side::PageView => "Original page",
            Side::Notes => "Notes",
            Side::FindPack => "Find in pack",
            Side::Tree => "Contents",
        }
    }

    /// The tab of a yielded panel: its title and a sign that it opens, named apart from
    /// the toolbar's button of the same title.
    pub fn tab(self) -> &'static str {
        match self {
            Side::PageView => "Original page ⏵",
            Side::Notes => "Notes ⏵",
            Side::FindPack => "Find in pack ⏵",
            Side::Tree => "Contents ⏵",
        }
    }

    /// Narrowest useful width, default width and widest, in points.
    fn widths(self) -> (f32, f32, f32) {
        match self {
            Side::PageView => (240.0, 460.0, 1200.0),
            Side::Notes => (220.0, 340.0, 700.0),
            Side::FindPack => (260.0, 420.0, 900.0),
            Side::Tree => (180.0, 320.0, 700.0),
        }
    }

    pub fn default_width(self) -> f32 {
        self.widths().1
    }
}

/// This frame's plan: the open panels beside the reader (each with the most it may take)
/// and those yielded to tabs.
#[derive(Debug, Default)]
pub struct Layout {
    docked: Vec<(Side, f32)>,
    yielded: Vec<Side>,
    /// The yielded panel shown in a window from its tab.
    peek: Option<Side>,
    /// A panel the user has just opened: shown over the text if it yields.
    opened: Option<Side>,
    /// The width of "0" in the reader's body font, as measured for the plan.
    char_width: f32,
    /// How wide each docked panel was drawn this frame.
    widths: Vec<(Side, f32)>,
    /// The panel whose edge the primary button went down on (a resize, until let go).
    resizing: Option<Side>,
}

impl Layout {
    /// Plans the frame for the panels `open`, in a window `total` points across, where a
    /// character of body text is `char_width` points. A few additions per frame.
    pub fn plan(&mut self, open: &[Side], total: f32, char_width: f32) {
        self.char_width = char_width;
        self.widths.clear();
        let room = total - (READER_MIN_CHARS * char_width + READER_MARGINS);
        let min = |s: Side| s.widths().0;
        let mut docked: Vec<Side> = open.to_vec();
        self.yielded.clear();
        for side in Side::YIELD_ORDER {
            if docked.iter().map(|&s| min(s)).sum::<f32>() <= room {
                break;
            }
            if let Some(i) = docked.iter().position(|&s| s == side) {
                self.yielded.push(docked.remove(i));
            }
        }
        // What is left over the docked panels' narrowest widths is shared equally, so
        // together they never take the reader's column.
        let spare = (room - docked.iter().map(|&s| min(s)).sum::<f32>()).max(0.0)
            / docked.len().max(1) as f32;
        self.docked = docked
            .into_iter()
            .map(|s| {
                let (lo, _, hi) = s.widths();
                (
                    s,
                    (lo + spare).min(hi).min(total * PANEL_MAX_FRACTION).max(lo),
                )
            })
            .collect();
        if let Some(side) = self.opened.take()
            && self.yielded.contains(&side)
        {
            self.peek = Some(side);
        }
        if self.peek.is_some_and(|p| !self.yielded.contains(&p)) {
            self.peek = None;
        }
    }

    /// The most `side` may take beside the reader, when it is docked this frame.
    pub fn cap(&self, side: Side) -> Option<f32> {
        self.docked
            .iter()
            .find(|(s, _)| *s == side)
            .map(|(_, w)| *w)
    }

    pub fn docked(&self) -> impl Iterator<Item = Side> + '_ {
        self.docked.iter().map(|(s, _)| *s)
    }

    pub fn yielded(&self) -> &[Side] {
        &self.yielded
    }

    pub fn peek(&self) -> Option<Side> {
        self.peek
    }

    /// The tab of a yielded panel was clicked: show it over the text, or hide it again.
    pub fn toggle_peek(&mut self, side: Side) {
        self.peek = if self.peek == Some(side) {
            None
        } else {
            Some(side)
        };
    }

    /// The user opened `side` (a key, a button, a menu): if it has no room beside the
    /// reader on the next frame, it is shown over the text.
    pub fn opened(&mut self, side: Side) {
        self.opened = Some(side);
    }

    pub fn close_peek(&mut self) {
        self.peek = None;
    }

    pub fn char_width(&self) -> f32 {
        self.char_width
    }

    /// Notes that `side` was drawn at `rect` this frame. Returns its width when the user
    /// has just let go of its edge (the one facing the reader) after pressing on it: a
    /// width the user chose, not one the plan capped for want of room.
    pub fn drawn(&mut self, ui: &Ui, side: Side, rect: Rect) -> Option<f32> {
        self.widths.push((side, rect.width()));
        let edge = match side {
            Side::Tree => rect.right(),
            _ => rect.left(),
        };
        let grab = ui.style().interaction.resize_grab_radius_side + 1.0;
        let (pressed, released, pos) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_released(),
                i.pointer.interact_pos(),
            )
        });
        if pressed
            && pos.is_some_and(|p| (p.x - edge).abs() <= grab && rect.y_range().contains(p.y))
        {
            self.resizing = Some(side);
        }
        if released && self.resizing == Some(side) {
            self.resizing = None;
            return Some(rect.width());
        }
        None
    }

    /// How wide `side` was drawn this frame, when it is beside the reader.
    pub fn drawn_width(&self, side: Side) -> Option<f32> {
        self.widths
            .iter()
            .find(|(s, _)| *s == side)
            .map(|(_, w)| *w)
    }
}

/// The width of "0" in the reader's body font: a fair average for prose.
pub fn body_char_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.ctx().fonts_mut(|f| f.glyph_width(&font, '0'))
}

/// Draws `side` as a resizable panel at the window's edge, `default` wide at first and
/// never wider than `cap`. Returns where it was drawn.
pub fn dock<R>(
    ui: &mut Ui,
    side: Side,
    default: f32,
    cap: f32,
    contents: impl FnOnce(&mut Ui) -> R,
) -> Rect {
    let lo = side.widths().0.min(cap);
    let panel = match side {
        Side::Tree => egui::Panel::left(side.id()),
        _ => egui::Panel::right(side.id()),
    };
    panel
        .resizable(true)
        .default_size(default.clamp(lo, cap))
        .size_range(lo..=cap)
        .show(ui, contents)
        .response
        .rect
}

/// The row of tabs under the reader, one for each yielded panel.
pub fn tabs_ui(ui: &mut Ui, layout: &Layout, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Panels:").weak())
            .on_hover_text("Open panels that leave the text too narrow beside it");
        for &side in layout.yielded() {
            let tab = egui::Button::selectable(layout.peek == Some(side), side.tab());
            if ui
                .add(tab)
                .on_hover_text("Show it over the text; a wider window puts it beside the text")
                .clicked()
            {
                out.push(Command::PeekPanel(side));
            }
        }
    });
}

/// A yielded panel shown from its tab, in a window over the reader. Returns false once the
/// window is closed.
pub fn peek_window(ctx: &egui::Context, side: Side, contents: impl FnOnce(&mut Ui)) -> bool {
    let screen = ctx.content_rect();
    let (pivot, corner) = match side {
        Side::Tree => (
            egui::Align2::LEFT_TOP,
            screen.left_top() + egui::vec2(8.0, 80.0),
        ),
        _ => (
            egui::Align2::RIGHT_TOP,
            screen.right_top() + egui::vec2(-8.0, 80.0),
        ),
    };
    let mut open = true;
    egui::Window::new(side.title())
        .id(egui::Id::unique(("meetpack-peek", side.id())))
        .open(&mut open)
        .collapsible(false)
        .pivot(pivot)
        .default_pos(corner)
        .default_width(side.default_width().min(screen.width() - 16.0))
        .default_height((screen.height() - 140.0).max(120.0))
        .constrain(true)
        .show(ctx, contents);
    open
}

#[cfg(test)]
mod tests {
    use super::{Layout, Side};

    const ALL: [Side; 4] = [Side::Tree, Side::PageView, Side::FindPack, Side::Notes];

    #[test]
    fn panels_yield_in_order_and_leave_the_reader_its_column() {
        let mut layout = Layout::default();
        // 7 points a character: the reader keeps 45 × 7 + 92 = 407 points.
        for (total, yielded) in [
            (1920.0, &[][..]),
            (1310.0, &[][..]),
            (1280.0, &[Side::PageView][..]),
            (1000.0, &[Side::PageView, Side::Notes][..]),
            (800.0, &[Side::PageView, Side::Notes, Side::FindPack][..]),
            (400.0, &Side::YIELD_ORDER[..]),
        ] {
            layout.plan(&ALL, total, 7.0);
            assert_eq!(layout.yielded(), yielded, "at {total}");
            let taken: f32 = layout.docked().filter_map(|s| layout.cap(s)).sum();
            if yielded.len() < 4 {
                assert!(total - taken >= 407.0 - 0.01, "{taken} of {total}");
            }
        }
    }

    #[test]
    fn a_peek_ends_when_its_panel_is_beside_the_reader_again() {
        let mut layout = Layout::default();
        layout.plan(&ALL, 800.0, 7.0);
        layout.toggle_peek(Side::Notes);
        assert_eq!(layout.peek(), Some(Side::Notes));
        layout.plan(&ALL, 1920.0, 7.0);
        assert_eq!(layout.peek(), None);
    }

    #[test]
    fn a_panel_just_opened_without_room_shows_over_the_text() {
        let mut layout = Layout::default();
        layout.opened(Side::FindPack);
        layout.plan(&ALL, 800.0, 7.0);
        assert_eq!(layout.peek(), Some(Side::FindPack));
        // Opened where it fits: beside the reader, nothing over the text.
        let mut layout = Layout::default();
        layout.opened(Side::Tree);
        layout.plan(&ALL, 800.0, 7.0);
        assert_eq!(layout.peek(), None);
    }
}
