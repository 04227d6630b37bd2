//! Help ▸ About MeetPack: version, licence, where settings live, and the crates that do
//! the heavy lifting. Also the window icon, from the same PNG the desktop entry uses.

use egui::{RichText, Ui};

use crate::Command;
use meetpack_core::desktop;

/// The crates a user may want to credit or check the licences of, with what each does.
/// Kept by hand: a crate is listed here when MeetPack would be a different program
/// without it.
const CRATES: &[(&str, &str)] = &[
    ("egui / eframe", "the window, widgets and text layout"),
    ("pdf_oxide", "text and layout from PDF packs"),
    ("regex", "recognising headings, minutes and dates"),
    (
        "serde / serde_json",
        "settings, and the JSON that inspect prints",
    ),
    ("encoding_rs", "Windows-1252 and other legacy text"),
    ("clap", "the command line, its completions and man page"),
    ("rfd", "the Open and Save dialogs"),
];

/// The icon eframe gives the window (and the task bar).
pub fn window_icon() -> Option<egui::IconData> {
    // 256 px: large enough for any task bar, small enough to decode at once.
    let (_, png) = desktop::ICON_PNGS.iter().find(|(size, _)| *size == 256)?;
    eframe::icon_data::from_png_bytes(png).ok()
}

/// Where eframe keeps the settings file, for the About box.
fn settings_file() -> Option<std::path::PathBuf> {
    eframe::storage_dir(desktop::APP_ID).map(|dir| dir.join("app.ron"))
}

/// The About box, as a modal over the window. Pushes `Command::CloseAbout` when the user
/// closes it (button, Escape or a click outside).
pub fn about_ui(ctx: &egui::Context, out: &mut Vec<Command>) {
    let response = egui::Modal::new(egui::Id::unique("meetpack-about")).show(ctx, |ui| {
        ui.set_width(460.0);
        header_ui(ui);
        ui.add_space(8.0);
        egui::Grid::new("about-facts")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Version").strong());
                ui.label(env!("CARGO_PKG_VERSION"));
                ui.end_row();
                ui.label(RichText::new("Licence").strong());
                ui.label(env!("CARGO_PKG_LICENSE").replace(" OR ", " or "));
                ui.end_row();
                ui.label(RichText::new("Settings").strong());
                ui.label(settings_file().map_or_else(
                    || "not saved on this platform".to_string(),
                    |p| p.display().to_string(),
                ));
                ui.end_row();
            });
        ui.add_space(8.0);
        ui.label(RichText::new("Built on").strong());
        egui::Grid::new("about-crates")
            .num_columns(2)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for (name, role) in CRATES {
                    ui.monospace(*name);
                    ui.label(*role);
                    ui.end_row();
                }
            });
        ui.label(RichText::new("…and the other crates listed in Cargo.lock.").weak());
        ui.add_space(8.0);
        ui.vertical_centered(|ui| ui.button("Close").clicked())
            .inner
    });
    if response.inner || response.should_close() {
        out.push(Command::CloseAbout);
    }
}

fn header_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        if let Some(texture) = icon_texture(ui.ctx()) {
            ui.add(egui::Image::new(&texture).fit_to_exact_size(egui::vec2(64.0, 64.0)));
        }
        ui.vertical(|ui| {
            ui.heading("MeetPack");
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
        });
    });
}

/// The 64 px icon as a texture, loaded once and kept by egui.
fn icon_texture(ctx: &egui::Context) -> Option<egui::TextureHandle> {
    let id = egui::Id::unique("meetpack-about-icon");
    if let Some(texture) = ctx.data(|d| d.get_temp::<egui::TextureHandle>(id)) {
        return Some(texture);
    }
    let (_, png) = desktop::ICON_PNGS.iter().find(|(size, _)| *size == 64)?;
    let icon = eframe::icon_data::from_png_bytes(png).ok()?;
    let size = [
        usize::try_from(icon.width).ok()?,
        usize::try_from(icon.height).ok()?,
    ];
    let image = egui::ColorImage::from_rgba_unmultiplied(size, &icon.rgba);
    let texture = ctx.load_texture("meetpack-icon", image, egui::TextureOptions::LINEAR);
    ctx.data_mut(|d| d.insert_temp(id, texture.clone()));
    Some(texture)
}

#[cfg(test)]
mod tests {
    #[test]
    fn window_icon_decodes_from_the_bundled_png() {
        let icon = super::window_icon().expect("the 256 px icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The tile is opaque in its middle, transparent in its rounded corner.
        let alpha = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4 + 3];
        assert_eq!(alpha(128, 128), 255);
        assert_eq!(alpha(0, 0), 0);
    }
}
