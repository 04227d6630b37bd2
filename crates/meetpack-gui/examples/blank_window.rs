//! A blank eframe window: the reference `benches/startup.sh` compares MeetPack's start
//! with. Same eframe build (this crate's features), the same window options (size, title,
//! renderer choice) and the same profiling output (`MEETPACK_PROFILE_FRAMES=N`), and
//! nothing else: no fonts of our own, no settings, no pack.
//!
//! `cargo run --release --example blank_window -- [glow|wgpu] [--label]`
//!
//! `--label` draws one line of text in a central panel: the least any program that shows
//! something pays beyond an empty window (a font parsed, glyphs rasterised into egui's
//! atlas, the GL driver's first shader compiled), which `benches/startup.sh` measures too.

use meetpack_gui::shell::profile::{self, Profile};

fn main() -> eframe::Result {
    profile::start();
    let wgpu = std::env::args().any(|a| a == "wgpu");
    let label = std::env::args().any(|a| a == "--label");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Blank")
            .with_inner_size([1280.0, 800.0]),
        renderer: if wgpu {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        },
        ..eframe::NativeOptions::default()
    };
    profile::mark("window options");
    eframe::run_native(
        "Blank",
        options,
        Box::new(|_cc| {
            profile::mark("window and GL context");
            Ok(Box::new(Blank {
                profile: Profile::from_env(),
                label,
            }))
        }),
    )
}

struct Blank {
    profile: Option<Profile>,
    label: bool,
}

impl eframe::App for Blank {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let cpu = frame.info().cpu_usage;
        if self.label {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.label("Opening a pack");
            });
        }
        if let Some(profile) = &mut self.profile {
            ui.ctx().request_repaint();
            if profile.frame(cpu) {
                eprintln!("{}", profile.report_with_atlas(ui.ctx()));
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                self.profile = None;
            }
        }
    }
}
