//! The pack tools: find in pack, the decisions view, the places to check. The app holds
//! one [`Tools`] and applies [`Tool`] commands here.

pub(crate) mod decisions;
pub(crate) mod diagnostics;
pub(crate) mod export;
pub(crate) mod export_dialog;
pub(crate) mod find;

use crate::{MeetPackApp, Message};

#[derive(Default)]
pub struct Tools {
    pub find_pack: find::FindPack,
    pub decisions: decisions::DecisionsPanel,
    pub diagnostics: diagnostics::DiagnosticsPanel,
}

/// What the pack tools' widgets ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tool {
    /// Ctrl+Shift+F, View › Find in pack.
    OpenFindPack,
    CloseFindPack,
    ShowDecisions,
    CloseDecisions,
    SaveDecisionsCsv,
    /// The toolbar's badge of places to check, View › Places to check.
    ShowDiagnostics,
    CloseDiagnostics,
}

impl Tools {
    /// A new pack was loaded: what was computed for the old one goes.
    pub fn reset(&mut self) {
        self.find_pack.reset();
        self.decisions.reset();
    }
}

impl MeetPackApp {
    pub(crate) fn apply_tool(&mut self, tool: Tool) {
        match tool {
            Tool::OpenFindPack => self.tools.find_pack.open(),
            Tool::CloseFindPack => self.tools.find_pack.close(),
            Tool::ShowDecisions => self.tools.decisions.show(),
            Tool::CloseDecisions => self.tools.decisions.visible = false,
            Tool::SaveDecisionsCsv => self.save_decisions(),
            Tool::ShowDiagnostics => self.tools.diagnostics.visible = true,
            Tool::CloseDiagnostics => self.tools.diagnostics.visible = false,
        }
    }

    /// The Decisions window, over the reader.
    pub(crate) fn decisions_ui(&mut self, ctx: &egui::Context) {
        let Some(pack) = &self.pack else {
            return;
        };
        if self.tools.decisions.visible {
            self.tools.decisions.ui(ctx, pack, &mut self.commands);
        }
    }

    /// The places-to-check window, over the reader.
    pub(crate) fn diagnostics_ui(&mut self, ctx: &egui::Context) {
        let Some(pack) = &self.pack else {
            return;
        };
        if self.tools.diagnostics.visible {
            self.tools.diagnostics.ui(ctx, pack, &mut self.commands);
        }
    }

    /// Whether the places-to-check window is open.
    pub fn diagnostics_shown(&self) -> bool {
        self.tools.diagnostics.visible
    }

    /// Whether the Decisions window is open, and its counts of asks and decisions.
    pub fn decisions_shown(&mut self) -> Option<(usize, usize)> {
        let pack = self.pack.as_ref()?;
        self.tools
            .decisions
            .visible
            .then(|| self.tools.decisions.view(pack).counts())
    }

    /// How many matches Find in pack lists.
    pub fn find_pack_hits(&self) -> usize {
        self.tools.find_pack.hits.len()
    }

    fn save_decisions(&mut self) {
        let Some(pack) = &self.pack else {
            return;
        };
        let csv = self.tools.decisions.view(pack).to_csv();
        self.save_csv("Save decisions as CSV", "decisions.csv", &csv);
    }

    /// Asks where to save `csv` and writes it there atomically (now, or once the chooser
    /// drawn in the window gives the place), saying how it went.
    pub(crate) fn save_csv(&mut self, title: &str, file_name: &str, csv: &str) {
        use crate::shell::chooser::{Ask, Purpose};
        let ask = Ask {
            title,
            file_name: Some(file_name),
            filter: Some(("CSV", &["csv"])),
            folder: None,
        };
        let bytes = csv.as_bytes().to_vec();
        if let Some((path, Purpose::Save { bytes })) =
            self.chooser.ask(ask, Purpose::Save { bytes })
        {
            self.save_bytes(&path, &bytes);
        }
    }

    /// Writes `bytes` to `path` atomically and says how it went.
    pub(crate) fn save_bytes(&mut self, path: &std::path::Path, bytes: &[u8]) {
        self.message = Some(match export::write_atomic(path, bytes) {
            Ok(()) => Message {
                text: format!("Saved {}", path.display()),
                is_error: false,
            },
            Err(err) => Message {
                text: format!("Could not save {}: {err}", path.display()),
                is_error: true,
            },
        });
    }
}
