//! Reading a pack file from disk, for the command line and the viewer alike: only
//! regular files, never blocking on a pipe or device, at most [`MAX_FILE_SIZE`] bytes,
//! and binary content refused after its first 64 KiB rather than after reading it all.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use thiserror::Error;

use crate::input::decode::DecodeError;
use crate::input::decode::{SNIFF_LEN, sniff};

/// The largest file MeetPack opens: 512 MiB, far above any real pack (the largest seen
/// are a few MB), and low enough that parsing it fits in a desktop's memory.
pub const MAX_FILE_SIZE: u64 = 512 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("this is a folder, not a file")]
    Folder,
    #[error("this is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("the file is {} MiB; MeetPack opens files up to {} MiB", .0 / (1024 * 1024), MAX_FILE_SIZE / (1024 * 1024))]
    TooLarge(u64),
    #[error(transparent)]
    Content(#[from] DecodeError),
    /// Said in words for the common cases (not found, not allowed), as the system says
    /// it otherwise.
    #[error("{}", io_reason(.0))]
    Io(#[from] std::io::Error),
}

/// "the file was not found …" rather than "No such file or directory (os error 2)".
fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            "the file was not found (it may have been moved, renamed or deleted)".to_string()
        }
        std::io::ErrorKind::PermissionDenied => {
            "you do not have permission to read this file".to_string()
        }
        _ => err.to_string(),
    }
}

/// Reads a pack file's bytes. `progress(done, total)` is called after each chunk read.
pub fn read(path: &Path, mut progress: impl FnMut(u64, u64)) -> Result<Vec<u8>, FileError> {
    // The type from the path first, so opening a FIFO or a device never waits.
    check_type(&std::fs::metadata(path)?)?;
    let file = open_nonblocking(path)?;
    // And from the opened file: the path may have been replaced in between.
    let meta = file.metadata()?;
    check_type(&meta)?;
    let total = meta.len();
    if total > MAX_FILE_SIZE {
        return Err(FileError::TooLarge(total));
    }
    // One more byte than allowed, to notice a file that grew past the limit.
    let mut reader = file.take(MAX_FILE_SIZE + 1);
    let capacity = usize::try_from(total).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    let mut chunk = vec![0u8; 256 * 1024];
    let mut sniffed = false;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        if !sniffed && bytes.len() >= SNIFF_LEN {
            sniffed = true;
            sniff_unless_pdf(&bytes)?;
        }
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(FileError::TooLarge(bytes.len() as u64));
        }
        progress(bytes.len() as u64, total);
    }
    if !sniffed {
        sniff_unless_pdf(&bytes)?;
    }
    Ok(bytes)
}

/// A PDF is binary by nature and goes to the PDF reader, which says what is wrong with
/// it; anything else is refused early when it is not text.
fn sniff_unless_pdf(bytes: &[u8]) -> Result<(), FileError> {
    if crate::input::is_pdf(bytes) {
        return Ok(());
    }
    sniff(bytes)?;
    Ok(())
}

fn check_type(meta: &std::fs::Metadata) -> Result<(), FileError> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(FileError::Folder);
    }
    if kind.is_file() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(FileError::NotRegular("a pipe (FIFO)"));
        }
        if kind.is_socket() {
            return Err(FileError::NotRegular("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(FileError::NotRegular("a device"));
        }
    }
    Err(FileError::NotRegular("not a file"))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: had the path become a FIFO since it was checked, opening it returns
    // at once instead of waiting for a writer (reads of regular files are unaffected).
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("meetpack-file-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    // FIFOs (and libc) are Unix only.
    #[cfg(unix)]
    #[test]
    fn inspect_fifo_with_no_writer_does_not_hang() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("pack.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read(&fifo, |_, _| {}).unwrap_err();
        assert!(
            matches!(err, FileError::NotRegular("a pipe (FIFO)")),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_and_forbidden_files_are_said_in_words() {
        let dir = temp_dir("missing");
        let err = read(&dir.join("missing.pdf"), |_, _| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file was not found (it may have been moved, renamed or deleted)"
        );
        let denied = FileError::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(
            denied.to_string(),
            "you do not have permission to read this file"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn folders_and_devices_are_refused() {
        let dir = temp_dir("folder");
        assert!(matches!(read(&dir, |_, _| {}), Err(FileError::Folder)));
        // Device files are a Unix notion (check_type tells them apart only there).
        #[cfg(unix)]
        assert!(matches!(
            read(Path::new("/dev/zero"), |_, _| {}),
            Err(FileError::NotRegular("a device"))
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn large_binary_file_is_refused_after_its_first_chunk() {
        let dir = temp_dir("nul");
        let path = dir.join("zeros.txt");
        // Sparse: 100 MB of NULs that take no disk.
        let f = File::create(&path).unwrap();
        f.set_len(100 * 1024 * 1024).unwrap();
        let mut read_so_far = 0;
        let err = read(&path, |done, _| read_so_far = done).unwrap_err();
        assert!(
            matches!(err, FileError::Content(DecodeError::Binary(_))),
            "{err}"
        );
        assert!(
            read_so_far < 1024 * 1024,
            "read {read_so_far} bytes before refusing"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn file_over_the_size_limit_is_refused_unread() {
        let dir = temp_dir("big");
        let path = dir.join("big.txt");
        let f = File::create(&path).unwrap();
        f.set_len(MAX_FILE_SIZE + 1).unwrap();
        let mut calls = 0;
        let err = read(&path, |_, _| calls += 1).unwrap_err();
        assert!(matches!(err, FileError::TooLarge(_)), "{err}");
        assert_eq!(calls, 0);
        assert!(err.to_string().contains("512 MiB"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
