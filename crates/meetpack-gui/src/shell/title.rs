//! The window title: what meeting this is, not which file.

use crate::MeetPackApp;
use meetpack_core::model::Pack;

impl MeetPackApp {
    pub(crate) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match (&self.pack, &self.scan) {
            (Some(pack), _) => window_title(pack, &self.name),
            (None, Some(scan)) => format!("{} (scan) — MeetPack", scan.scan.name),
            (None, None) => "MeetPack".to_string(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn window_title(&self) -> &str {
        &self.title
    }
}

/// "Committee — Thursday 21 December 2023 — MeetPack", falling back to the file name.
fn window_title(pack: &Pack, name: &str) -> String {
    format!("{} — MeetPack", pack_title(pack, name))
}

/// What meeting a pack is for, as people say it: "Planning Committee — Tuesday 5 March
/// 2024"; the file name when the pack does not say its committee.
pub fn pack_title(pack: &Pack, name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &pack.meta.committee {
        Some(c) => parts.push(c.clone()),
        None if !name.is_empty() => parts.push(name.to_string()),
        None => parts.push("Untitled pack".to_string()),
    }
    if let Some(d) = &pack.meta.date {
        parts.push(meetpack_core::parse::dates::long_date(d));
    }
    parts.join(" — ")
}
