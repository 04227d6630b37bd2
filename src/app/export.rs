//! Writing files the user asked for (tables as CSV).

use std::io::Write;
use std::path::Path;

/// Writes a file atomically: the text goes to a temporary file in the same folder, which
/// is then renamed over the target, so a crash or a full disk never leaves a half-written
/// CSV where the user expects a whole one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "table.csv".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_then_rename(&tmp, path, contents);
    if result.is_err() {
        // Best effort: the temporary file is ours and useless now.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename(tmp: &Path, path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(tmp)?;
    file.write_all(contents)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("meetpack-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let target = dir.join("t.csv");
        std::fs::write(&target, "old").expect("seed file");
        write_atomic(&target, b"a,b\r\n").expect("write");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "a,b\r\n");
        let leftovers = std::fs::read_dir(&dir).expect("list").count();
        assert_eq!(leftovers, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let target = Path::new("/nonexistent-meetpack-dir/t.csv");
        assert!(write_atomic(target, b"x").is_err());
    }
}
