//! Choosing a file: the desktop's own dialog (rfd) where the desktop has one, else
//! MeetPack's own chooser drawn in the window (egui_file).
//!
//! On Linux rfd asks the desktop's file-dialog portal, then zenity; with neither (a bare
//! window manager, a container, a minimal install) it returns nothing, exactly as when the
//! user cancels, so Open and Save silently did nothing. Whether either exists is looked up
//! once; without them, and when `MEETPACK_FILE_DIALOG=builtin` asks for it, the chooser is
//! drawn in the window instead. It is shown across frames, so what to do with the file
//! chosen travels with it ([`Purpose`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use egui_file::{FileDialog, State};

/// What a chosen file is for.
#[derive(Debug, Clone)]
pub(crate) enum Purpose {
    /// A meeting pack to open.
    OpenPack,
    /// A folder to add to the library.
    AddFolder,
    /// Where to save these bytes (a CSV).
    Save { bytes: Vec<u8> },
    /// Where to save the export the Export dialog holds waiting.
    Export,
}

/// A file to open, or where to save one, as the dialogs ask.
pub(crate) struct Ask<'a> {
    pub title: &'a str,
    /// A suggested file name (saving).
    pub file_name: Option<&'a str>,
    /// One filter: its name and extensions ("Meeting packs", ["pdf", "txt"]).
    pub filter: Option<(&'a str, &'a [&'a str])>,
    /// The folder to start in (the open pack's); else the home folder.
    pub folder: Option<&'a Path>,
}

/// The chooser drawn in the window, while it is open.
#[derive(Default)]
pub(crate) struct Chooser {
    open: Option<(FileDialog, Purpose)>,
    /// Always draw the chooser in the window (tests: the desktop's cannot be driven).
    builtin: bool,
}

/// Whether the desktop has a file dialog rfd can use.
pub(crate) fn native_dialog() -> bool {
    static NATIVE: OnceLock<bool> = OnceLock::new();
    *NATIVE.get_or_init(|| {
        if std::env::var("MEETPACK_FILE_DIALOG").is_ok_and(|v| v == "builtin") {
            return false;
        }
        if cfg!(any(
            target_os = "linux",
            target_os = "freebsd",
            target_os = "openbsd"
        )) {
            has_portal() || on_path("zenity")
        } else {
            // Windows and macOS always have their own.
            true
        }
    })
}

/// The portal service is on the session bus, or can be started on it: a session bus, and
/// the service's D-Bus activation file in a data folder (a sandbox always has one).
fn has_portal() -> bool {
    if std::env::var_os("FLATPAK_ID").is_some() || std::env::var_os("SNAP").is_some() {
        return true;
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    let dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_string());
    dirs.split(':').any(|dir| {
        Path::new(dir)
            .join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    })
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

impl Chooser {
    /// Asks for a file to open (`folder`: a folder) or a place to save, for `purpose`: with
    /// the desktop's dialog, whose answer is returned at once, or by opening the chooser
    /// in the window, whose answer comes from [`Chooser::show`] on a later frame.
    pub(crate) fn ask(&mut self, ask: Ask<'_>, purpose: Purpose) -> Option<(PathBuf, Purpose)> {
        let save = matches!(purpose, Purpose::Save { .. } | Purpose::Export);
        let folder = matches!(purpose, Purpose::AddFolder);
        if native_dialog() && !self.builtin {
            let mut dialog = rfd::FileDialog::new().set_title(ask.title);
            if let Some(name) = ask.file_name {
                dialog = dialog.set_file_name(name);
            }
            if let Some((name, extensions)) = ask.filter {
                dialog = dialog.add_filter(name, extensions);
            }
            let picked = match (save, folder) {
                (true, _) => dialog.save_file(),
                (_, true) => dialog.pick_folder(),
                _ => dialog.add_filter("All files", &["*"]).pick_file(),
            };
            return picked.map(|path| (path, purpose));
        }
        let mut dialog = match (save, folder) {
            (true, _) => FileDialog::save_file(),
            (_, true) => FileDialog::select_folder(),
            _ => FileDialog::open_file(),
        }
        .title(ask.title);
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if let Some(folder) = ask.folder.or(home.as_deref()) {
            dialog = dialog.initial_path(folder);
        }
        if let Some(name) = ask.file_name {
            dialog = dialog.default_filename(name);
        }
        if let Some((_, extensions)) = ask.filter.filter(|_| !save && !folder) {
            // Opening: the packs MeetPack reads, folders to go through.
            let extensions: Vec<String> = extensions.iter().map(|e| e.to_string()).collect();
            dialog = dialog.show_files_filter(Box::new(move |path: &Path| {
                path.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
            }));
        }
        dialog.open();
        self.open = Some((dialog, purpose));
        None
    }

    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Draws the chooser while it is open; gives the file and its purpose once chosen.
    /// Cancelled or closed, it goes away.
    pub(crate) fn show(&mut self, ctx: &egui::Context) -> Option<(PathBuf, Purpose)> {
        let (dialog, _) = self.open.as_mut()?;
        dialog.show(ctx);
        match dialog.state() {
            State::Open => None,
            State::Selected => {
                let chosen = dialog.path().map(Path::to_path_buf);
                let (_, purpose) = self.open.take()?;
                chosen.map(|path| (path, purpose))
            }
            State::Closed | State::Cancelled => {
                self.open = None;
                None
            }
        }
    }
}

impl crate::MeetPackApp {
    /// Does what a chosen file was asked for.
    pub(crate) fn chosen(&mut self, path: PathBuf, purpose: Purpose, ctx: &egui::Context) {
        match purpose {
            Purpose::OpenPack => self.open_path(path, ctx),
            Purpose::AddFolder => {
                self.apply_library(crate::library::LibraryCommand::AddFolder(path), ctx);
            }
            Purpose::Save { bytes } => self.save_bytes(&path, &bytes),
            Purpose::Export => {
                if let Some(request) = self.export.pending.take() {
                    self.export_to(&request, Some(&path));
                }
            }
        }
    }

    /// Whether MeetPack's own file chooser is open (for tests).
    pub fn is_chooser_open(&self) -> bool {
        self.chooser.is_open()
    }

    /// Draws MeetPack's own file chooser whatever the desktop has (for tests, and as
    /// `MEETPACK_FILE_DIALOG=builtin` does).
    pub fn use_builtin_file_chooser(&mut self) {
        self.chooser.builtin = true;
    }

    /// Shows the folder `dir` in the open chooser, as typing it in its path field would
    /// (for tests).
    pub fn chooser_go_to(&mut self, dir: &Path) {
        if let Some((dialog, _)) = &mut self.chooser.open {
            dialog.set_path(dir);
        }
    }
}
