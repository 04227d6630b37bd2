//! `meetpack install-desktop` / `uninstall-desktop`: the entry and the icons in the user's
//! data folder (`$XDG_DATA_HOME`, else `~/.local/share`), where desktops look for
//! applications a user installed without root.

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{APP_ID, ICON_PNGS, ICON_SVG, desktop_entry};

/// What an install or uninstall did, for the command to print.
#[derive(Debug, Default)]
pub struct InstallReport {
    /// Files written (install) or removed (uninstall).
    pub files: Vec<PathBuf>,
    /// Helper tools run, or why one was not.
    pub notes: Vec<String>,
}

/// The freedesktop data folder: `$XDG_DATA_HOME` when it is an absolute path (the
/// specification says to ignore a relative one), else `~/.local/share`.
pub fn data_home() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::home_dir().map(|h| h.join(".local").join("share")))
}

/// Every file install writes under `data_home`, with its contents.
fn files(data_home: &Path, entry: String) -> Vec<(PathBuf, Vec<u8>)> {
    let hicolor = data_home.join("icons").join("hicolor");
    let mut files = vec![
        (
            data_home
                .join("applications")
                .join(format!("{APP_ID}.desktop")),
            entry.into_bytes(),
        ),
        (
            hicolor
                .join("scalable")
                .join("apps")
                .join(format!("{APP_ID}.svg")),
            ICON_SVG.as_bytes().to_vec(),
        ),
    ];
    for (size, png) in ICON_PNGS {
        let path = hicolor
            .join(format!("{size}x{size}"))
            .join("apps")
            .join(format!("{APP_ID}.png"));
        files.push((path, png.to_vec()));
    }
    files
}

/// Writes the entry (launching `binary`) and the icons under `data_home`, then refreshes
/// the desktop's caches when their tools are installed.
pub fn install(data_home: &Path, binary: &Path) -> io::Result<InstallReport> {
    let entry = desktop_entry(binary).ok_or_else(|| {
        io::Error::other(format!(
            "{} cannot be written in a desktop entry (not UTF-8, or a line break)",
            binary.display()
        ))
    })?;
    let mut report = InstallReport::default();
    for (path, contents) in files(data_home, entry) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Read by the desktop and its file managers: 0644, not private.
        crate::fsutil::write_atomic_with_mode(&path, &contents, 0o644)?;
        report.files.push(path);
    }
    refresh_caches(data_home, &mut report);
    Ok(report)
}

/// Removes what [`install`] wrote (files already gone are not an error), then refreshes
/// the caches. Folders are left: other applications' icons share them.
pub fn uninstall(data_home: &Path) -> io::Result<InstallReport> {
    let mut report = InstallReport::default();
    for (path, _) in files(data_home, String::new()) {
        match std::fs::remove_file(&path) {
            Ok(()) => report.files.push(path),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
    }
    refresh_caches(data_home, &mut report);
    Ok(report)
}

/// `update-desktop-database` rebuilds the MIME cache that "Open with" reads; without it
/// some file managers list the entry only after the next login. An icon cache is
/// updated only where one already exists: GTK reads a folder's icons directly when it
/// has none, and creating one would hide icons that later installs add without it.
fn refresh_caches(data_home: &Path, report: &mut InstallReport) {
    let applications = data_home.join("applications");
    run_if_present(
        "update-desktop-database",
        &[applications.as_os_str()],
        report,
    );
    let hicolor = data_home.join("icons").join("hicolor");
    if hicolor.join("icon-theme.cache").exists() {
        run_if_present(
            "gtk-update-icon-cache",
            &["--quiet".as_ref(), "--force".as_ref(), hicolor.as_os_str()],
            report,
        );
    }
}

fn run_if_present(tool: &str, args: &[&std::ffi::OsStr], report: &mut InstallReport) {
    match Command::new(tool).args(args).output() {
        Ok(out) if out.status.success() => report.notes.push(format!("ran {tool}")),
        Ok(out) => report.notes.push(format!(
            "{tool} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => report
            .notes
            .push(format!("{tool} is not installed: skipped")),
        Err(err) => report.notes.push(format!("could not run {tool}: {err}")),
    }
}
