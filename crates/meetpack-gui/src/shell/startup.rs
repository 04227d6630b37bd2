//! The first second (issue 11): what is done before the first frame, what the first frame
//! shows, and what waits until it has been presented.
//!
//! Before the first frame: the window, the settings (zoom and theme are needed to draw),
//! the fonts' definitions (nothing is parsed yet) and a worker started on the pack. The
//! first frame while the first pack loads shows only that pack's name and a progress line
//! (`opening_ui`): few glyphs, one text size, so little is rasterised into egui's font
//! atlas before the window is first presented. Menus, toolbar, tree and reader follow as
//! soon as the pack arrives.

use std::sync::Arc;

use egui::{RichText, Ui};

use crate::loading::loader::{Loader, Stage};
use crate::{Command, MeetPackApp};

/// egui's fallback fonts for symbols and emoji, in egui's order. Ubuntu-Light (and Hack
/// for monospace) has every letter the interface and most packs use; these three are only
/// needed for a symbol it lacks (the toolbar's arrows, an emoji in a pack). egui parses every
/// font of a family's fallback chain the first time that family lays out text (a font
/// program, shaping tables and hinting state per font), so here they are offered by a
/// [`egui::FontProvider`] instead and parsed the first time a character needs one.
const ON_DEMAND_FONTS: [&str; 3] = ["egui-icons", "NotoEmoji-Regular", "emoji-icon-font"];

/// egui's default fonts, with [`ON_DEMAND_FONTS`] found on demand rather than parsed with
/// the first label. Which glyph each character gets is unchanged: the same fonts are asked
/// in the same order once the family's own fonts miss.
pub fn install_fonts(ctx: &egui::Context) {
    let mut definitions = egui::FontDefinitions::default();
    let on_demand: Vec<(String, egui::FontData)> = ON_DEMAND_FONTS
        .iter()
        .filter_map(|name| {
            let data = definitions.font_data.get(*name)?;
            Some((name.to_string(), egui::FontData::clone(data)))
        })
        .collect();
    for family in definitions.families.values_mut() {
        family.retain(|name| !ON_DEMAND_FONTS.contains(&name.as_str()));
    }
    ctx.set_fonts(definitions);
    ctx.add_font_provider(Arc::new(OnDemandFonts { fonts: on_demand }));
}

/// Offers the first of its fonts that has the character asked for.
struct OnDemandFonts {
    fonts: Vec<(String, egui::FontData)>,
}

impl egui::FontProvider for OnDemandFonts {
    fn font_for(&self, request: &egui::FallbackRequest<'_>) -> Option<egui::FontInsert> {
        let c = request.cluster.chars().next()?;
        let (name, data) = self.fonts.iter().find(|(_, data)| has_char(data, c))?;
        Some(egui::FontInsert::new(
            name,
            data.clone(),
            vec![egui::InsertFontFamily {
                family: request.family.clone(),
                priority: egui::FontPriority::Lowest,
            }],
        ))
    }
}

/// Whether the font maps `c` to a glyph (its character map only: nothing else is parsed).
fn has_char(data: &egui::FontData, c: char) -> bool {
    use skrifa::MetadataProvider as _;
    let bytes: &[u8] = data.font.as_ref().as_ref();
    skrifa::FontRef::from_index(bytes, data.index).is_ok_and(|font| font.charmap().map(c).is_some())
}

/// What happens around the first frame.
#[derive(Default)]
pub(crate) struct Startup {
    frames: u64,
    deferred: Vec<Deferred>,
}

/// Work that waits until the first frame has been presented, so that it neither delays
/// that frame nor competes with it for the two cores of a council laptop.
///
/// Hook: anything a panel wants started at start-up and that the first frame does not need
/// (the library's index update and its folder watcher, a notes or settings scan) goes here,
/// as a variant queued in `MeetPackApp::new` or `run` and started in `after_first_frame`,
/// never in `new()` itself.
pub(crate) enum Deferred {
    /// Listen for files a second `meetpack FILE` hands to this window.
    #[cfg(any(unix, windows))]
    Listen(meetpack_core::desktop::instance::Server),
    /// Update the library's index from its folders (a worker thread, and SQLite).
    StartLibrary,
}

impl MeetPackApp {
    /// Queues work to start once the first frame has been presented.
    pub(crate) fn defer(&mut self, work: Deferred) {
        self.startup.deferred.push(work);
    }

    /// Called at the start of every frame: on the second one (the first has been
    /// presented by then), starts the work [`Deferred`] until now.
    pub(crate) fn after_first_frame(&mut self, ctx: &egui::Context) {
        self.startup.frames += 1;
        if self.startup.frames < 2 || self.startup.deferred.is_empty() {
            return;
        }
        for work in std::mem::take(&mut self.startup.deferred) {
            match work {
                #[cfg(any(unix, windows))]
                Deferred::Listen(server) => self.listen(server, ctx),
                Deferred::StartLibrary => self.start_library(ctx),
            }
        }
        crate::shell::profile::mark("deferred work started");
    }

    /// While the first pack of the window is loading (nothing else to show yet), the whole
    /// window is its name and a progress line. Returns false when there is something else
    /// to show (a pack, a failure, or no load in progress).
    pub(crate) fn opening_ui(&mut self, ui: &mut Ui) -> bool {
        let Some(loader) = &self.loader else {
            return false;
        };
        if self.pack.is_some() || self.failure.is_some() || self.message.is_some() {
            return false;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            opening_page_ui(ui, loader, &mut self.commands);
        });
        true
    }
}

/// "Opening NAME", the stage ("Reading page 3 of 120…"), a progress bar and Cancel, in the
/// middle of the window. All at the body size: one size of glyphs to rasterise.
fn opening_page_ui(ui: &mut Ui, loader: &Loader, out: &mut Vec<Command>) {
    let (fraction, stage) = stage_text(loader.stage);
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.35);
        ui.label(RichText::new(format!("Opening {}", loader.name)).strong());
        ui.add_space(6.0);
        ui.label(format!("{stage}…"));
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(320.0)
                .show_percentage()
                .animate(true),
        );
        ui.add_space(6.0);
        if ui.button("Cancel").clicked() {
            out.push(Command::CancelLoad);
        }
    });
}

/// How far a load is, and what it is doing ("Reading page 3 of 120").
pub fn stage_text(stage: Stage) -> (f32, String) {
    match stage {
        Stage::Reading(f) => (f, "Reading".to_string()),
        Stage::Extracting(done, total) => (
            done as f32 / total.max(1) as f32,
            format!("Reading page {} of {total}", done + 1),
        ),
        Stage::Parsing => (1.0, "Parsing".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `text` in a fresh context with our fonts; returns the fonts egui had to
    /// find beyond the families' own.
    fn fonts_found_for(text: &str) -> Vec<String> {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label(text);
        })
        .drop_without_applying_deltas();
        ctx.fonts(|f| {
            f.discovered_fonts()
                .iter()
                .map(|font| font.name.clone())
                .collect()
        })
    }

    #[test]
    fn plain_text_parses_no_fallback_font() {
        assert_eq!(
            fonts_found_for("Opening 004 pack.pdf — Reading page 3 of 120… 42% Cancel"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_symbol_finds_the_font_that_has_it_in_egui_order() {
        // ⏴ is in emoji-icon-font only; 😀 is in NotoEmoji (before emoji-icon-font).
        assert_eq!(fonts_found_for("⏴ Back"), ["emoji-icon-font"]);
        assert_eq!(fonts_found_for("😀"), ["NotoEmoji-Regular"]);
    }

    #[test]
    fn the_stage_says_what_is_being_done() {
        assert_eq!(
            stage_text(Stage::Reading(0.5)),
            (0.5, "Reading".to_string())
        );
        assert_eq!(
            stage_text(Stage::Extracting(2, 120)),
            (2.0 / 120.0, "Reading page 3 of 120".to_string())
        );
        assert_eq!(stage_text(Stage::Parsing), (1.0, "Parsing".to_string()));
    }
}
