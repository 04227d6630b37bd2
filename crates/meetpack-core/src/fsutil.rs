//! Writing files: every file MeetPack writes (notes, the library's folder list, exports,
//! tables saved as CSV, a kept copy of unreadable settings, the desktop entry and icons)
//! goes through [`write_atomic`] or [`write_atomic_with_mode`].
//!
//! The bytes go to a temporary file with a random name, created with `O_EXCL` in the
//! target's own folder (a rename is atomic only within one file system), are flushed to
//! disk, and the file is renamed over the target; then the folder is flushed so the rename
//! itself survives a power cut. A crash, a kill or a full disk at any moment leaves either
//! the old file or the new one, whole. The temporary name is never predictable, so a
//! symlink planted beside the target is never followed; a symlink *at* the target is
//! replaced by the new file, never written through.
//!
//! Modes (Unix): a new file is private, 0600 (notes, settings copies and the library's
//! files are the user's own; exports may be too). A file that already exists keeps its
//! permission bits. [`write_atomic_with_mode`] sets them explicitly instead: the desktop
//! entry and icons are 0644, as other applications' are.

use std::io::Write;
use std::path::Path;

/// Temporary files start with this; a writer killed mid-write can leave one behind
/// (never read as anything: the notes store lists them as leftovers).
pub const TEMP_PREFIX: &str = ".meetpack-";
/// Temporary files end with this.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` atomically. A new file is 0600 on Unix; an existing regular
/// file keeps its mode. The folder must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write(path, None, |f| f.write_all(bytes))
}

/// [`write_atomic`] with the file's permission bits set to `mode` (Unix; ignored
/// elsewhere), whether the file is new or not: 0o644 for files other programs read
/// (the desktop entry, icons).
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    write(path, Some(mode), |f| f.write_all(bytes))
}

/// [`write_atomic`], asking `check` once the bytes are on disk, just before the rename: an
/// error from it leaves the target as it was (and is returned). The notes store checks there
/// that no program which takes no lock has replaced the file since it was read, the
/// smallest window this side of the rename.
pub fn write_atomic_checked(
    path: &Path,
    bytes: &[u8],
    check: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_then(path, None, |f| f.write_all(bytes), check)
}

/// `fill` writes the contents; an error from it (or anywhere) leaves the target as it was.
fn write(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_then(path, mode, fill, || Ok(()))
}

/// [`write`], with `check` asked before the rename.
fn write_then(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    check: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // O_EXCL with a random name, 0600: dropped (and so removed) on any error below.
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    if let Some(mode) = mode.or_else(|| existing_mode(path)) {
        set_mode(tmp.as_file(), mode)?;
    }
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    check()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// The permission bits of the regular file at `path` (not of a symlink's target).
#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path).ok()?;
    meta.is_file().then(|| meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_path: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_file: &std::fs::File, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows cannot open a folder as a file; its rename is flushed with the file system.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("meetpack-fsutil-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = temp_dir("replace");
        let target = dir.join("t.csv");
        std::fs::write(&target, "old").expect("seed file");
        write_atomic(&target, b"a,b\r\n").expect("write");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "a,b\r\n");
        assert_eq!(std::fs::read_dir(&dir).expect("list").count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let target = Path::new("/nonexistent-meetpack-dir/t.csv");
        assert!(write_atomic(target, b"x").is_err());
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_private() {
        let dir = temp_dir("mode");
        let target = dir.join("notes.jsonl");
        write_atomic(&target, b"x").unwrap();
        assert_eq!(mode(&target), 0o600);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_mode_and_an_explicit_mode_is_set() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("keep-mode");
        let target = dir.join("out.html");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(mode(&target), 0o640);
        let entry = dir.join("app.desktop");
        write_atomic_with_mode(&entry, b"[Desktop Entry]\n", 0o644).unwrap();
        assert_eq!(mode(&entry), 0o644);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_target_is_replaced_not_followed() {
        let dir = temp_dir("symlink");
        let victim = dir.join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.join("notes.jsonl");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(mode(&target), 0o600, "the victim's mode is not borrowed");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_intact() {
        let dir = temp_dir("fail");
        let target = dir.join("notes.jsonl");
        std::fs::write(&target, "old").unwrap();
        // Half the bytes written, then the disk is full.
        let result = write(&target, None, |f| {
            f.write_all(b"ne")?;
            Err(std::io::Error::other("no space left"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );

        // The rename fails (the target is a non-empty folder): nothing changes either.
        let taken = dir.join("taken");
        std::fs::create_dir_all(taken.join("inside")).unwrap();
        assert!(write_atomic(&taken, b"new").is_err());
        assert!(taken.join("inside").is_dir());
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            2,
            "no temporary file left"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
