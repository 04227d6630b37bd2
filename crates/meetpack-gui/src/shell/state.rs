//! What the viewer remembers between runs: one serialisable struct, stored with eframe's
//! persistence under [`eframe::APP_KEY`]. Every field has a default so that an older or
//! newer settings file still loads (`#[serde(default)]`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many packs File ▸ Open Recent lists.
const RECENT_MAX: usize = 10;

/// The key under which a pack's reading position is remembered when it has no path.
pub const SAMPLE_KEY: &str = "<sample>";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system (the default: many councils switch to dark in the evening).
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    pub fn to_egui(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Where the reader was in one pack: the document and the block at the top of the view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedPosition {
    pub doc: u32,
    pub block: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub zoom: f32,
    pub theme: ThemeChoice,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Last position per pack, keyed by its path (or [`SAMPLE_KEY`]).
    pub positions: HashMap<String, SavedPosition>,
    pub tree_width: f32,
    /// F9 hides the contents tree to give the text the whole width.
    pub tree_visible: bool,
    /// What each recent pack is ("Planning Committee — Tuesday 5 March 2024"), keyed as
    /// `positions`, so Open Recent names meetings rather than file names.
    pub titles: HashMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            theme: ThemeChoice::System,
            recent: Vec::new(),
            positions: HashMap::new(),
            tree_width: 320.0,
            tree_visible: true,
            titles: HashMap::new(),
        }
    }
}

impl Settings {
    /// Puts a path at the top of the recent list, once.
    pub fn remember_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_MAX);
        // Titles of packs that fell off the list are not needed any more.
        let kept: Vec<String> = self.recent.iter().map(|p| position_key(Some(p))).collect();
        self.titles.retain(|k, _| kept.contains(k));
    }

    /// How Open Recent names a pack: its meeting, else its file name.
    pub fn recent_label(&self, path: &Path) -> String {
        self.titles
            .get(&position_key(Some(path)))
            .cloned()
            .unwrap_or_else(|| crate::loading::loader::display_name(path))
    }

    /// Clamped, because a hand-edited or corrupted file must not make the text unreadable.
    pub fn clamped_zoom(&self) -> f32 {
        if self.zoom.is_finite() {
            self.zoom.clamp(crate::ZOOM_MIN, crate::ZOOM_MAX)
        } else {
            1.0
        }
    }
}

/// The key a pack's position is stored under.
pub fn position_key(path: Option<&Path>) -> String {
    match path {
        Some(p) => p.to_string_lossy().into_owned(),
        None => SAMPLE_KEY.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_unique_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.remember_recent(Path::new(&format!("/p/{i}.txt")));
        }
        s.remember_recent(Path::new("/p/3.txt"));
        assert_eq!(s.recent.len(), RECENT_MAX);
        assert_eq!(s.recent[0], PathBuf::from("/p/3.txt"));
        assert_eq!(s.recent.iter().filter(|p| p.ends_with("3.txt")).count(), 1);
    }

    #[test]
    fn old_settings_without_new_fields_still_load() {
        let s: Settings = serde_json::from_str(r#"{"zoom": 1.5}"#).expect("loads");
        assert_eq!(s.zoom, 1.5);
        assert_eq!(s.theme, ThemeChoice::System);
        assert!(s.tree_visible, "the tree is shown unless hidden");
        assert_eq!(s.clamped_zoom(), 1.5);
    }
}
