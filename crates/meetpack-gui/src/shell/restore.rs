//! Restoring the settings at start without losing them silently (issue 12).
//!
//! eframe reads its settings file once, at start, and treats a file it cannot parse as
//! empty; its next save (on exit, or within 30 seconds) overwrites it. So a damaged file
//! would cost the user their recent packs and reading positions without a word. Here the
//! app notices, keeps a copy of the file before eframe overwrites it, and says so.
//!
//! eframe also writes that file in place (`File::create`, then the text): a crash or a
//! full disk mid-write leaves it torn. So every save also writes the settings to
//! `settings.json` beside it with the core's atomic writer, and a start whose eframe
//! settings are lost or missing takes that copy.

use std::path::{Path, PathBuf};

use crate::shell::state::Settings;

/// The settings to start with, and a notice for the user when the saved ones were lost.
pub struct Restored {
    pub settings: Option<Settings>,
    pub notice: Option<String>,
}

/// The atomic copy of the settings, beside eframe's settings file `file`.
pub fn safe_copy_of(file: &Path) -> PathBuf {
    file.with_file_name("settings.json")
}

/// Writes the settings' atomic copy beside eframe's settings file `file`.
pub fn save_safe_copy(file: &Path, settings: &Settings) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
    meetpack_core::fsutil::write_atomic(&safe_copy_of(file), &json)
}

/// Reads the settings from eframe's `storage`. `file` is eframe's settings file: when it
/// exists but yields no settings, a copy of it is kept beside it, and the settings come
/// from their atomic copy when that can be read.
pub fn restore(storage: Option<&dyn eframe::Storage>, file: Option<&Path>) -> Restored {
    let stored = storage.and_then(|s| s.get_string(eframe::APP_KEY));
    let settings = storage.and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY));
    let safe = file
        .filter(|_| settings.is_none())
        .and_then(|f| std::fs::read(safe_copy_of(f)).ok())
        .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok());
    let lost = match (&stored, &settings) {
        (_, Some(_)) => false,
        // Our entry is there but does not decode.
        (Some(_), None) => true,
        // No entry: a first run, unless a file is there that eframe could not parse.
        (None, None) => file.is_some_and(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 0)),
    };
    let notice = match (lost, file) {
        // Torn or unreadable, but the atomic copy holds the last settings saved.
        (true, Some(file)) if safe.is_some() => Some(match keep_copy(file) {
            Ok(copy) => format!(
                "The saved settings could not be read; the last safe copy was used. The \
                 unreadable file is kept as {}.",
                copy.display()
            ),
            Err(_) => {
                "The saved settings could not be read; the last safe copy was used.".to_string()
            }
        }),
        (true, Some(file)) => Some(match keep_copy(file) {
            Ok(copy) => format!(
                "The saved settings could not be read, so recent packs, reading positions and \
                 the theme start afresh. The unreadable file is kept as {}.",
                copy.display()
            ),
            Err(err) => format!(
                "The saved settings in {} could not be read, so recent packs, reading \
                 positions and the theme start afresh (no copy could be kept: {err}).",
                file.display()
            ),
        }),
        (true, None) => Some(
            "The saved settings could not be read, so recent packs, reading positions and the \
             theme start afresh."
                .to_string(),
        ),
        (false, _) => None,
    };
    Restored {
        settings: settings.or(safe),
        notice,
    }
}

/// Copies `file` to `NAME.unreadable-N` beside it, N the first number not taken, so an
/// earlier copy is never overwritten.
fn keep_copy(file: &Path) -> std::io::Result<PathBuf> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "settings".to_string());
    for n in 1..1000 {
        let copy = file.with_file_name(format!("{name}.unreadable-{n}"));
        if copy.exists() {
            continue;
        }
        meetpack_core::fsutil::write_atomic(&copy, &std::fs::read(file)?)?;
        return Ok(copy);
    }
    Err(std::io::Error::other("a thousand copies are already kept"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("meetpack-restore-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("app.ron")
    }

    #[test]
    fn saved_settings_come_back_without_a_notice() {
        let mut storage = Memory::default();
        let saved = Settings {
            zoom: 1.5,
            ..Settings::default()
        };
        eframe::set_value(&mut storage, eframe::APP_KEY, &saved);
        let restored = restore(Some(&storage), None);
        assert_eq!(restored.settings, Some(saved));
        assert_eq!(restored.notice, None);
    }

    #[test]
    fn a_first_run_is_not_a_loss() {
        let file = scratch("first");
        let restored = restore(Some(&Memory::default()), Some(&file));
        assert_eq!(restored.settings, None);
        assert_eq!(restored.notice, None);
    }

    #[test]
    fn a_file_eframe_could_not_parse_is_reported_and_kept() {
        let file = scratch("damaged");
        let damaged = b"(\n \"app\": \"(zoom: 1.5, rec\x00\x00";
        std::fs::write(&file, damaged).unwrap();
        // eframe parsed nothing: the storage is empty although the file is not.
        for _ in 0..2 {
            let restored = restore(Some(&Memory::default()), Some(&file));
            assert_eq!(restored.settings, None);
            let notice = restored.notice.expect("a notice");
            assert!(notice.contains("could not be read"), "{notice}");
        }
        // Two starts, two copies, neither overwritten.
        for n in [1, 2] {
            let copy = file.with_file_name(format!("app.ron.unreadable-{n}"));
            assert_eq!(std::fs::read(&copy).unwrap(), damaged);
        }
        std::fs::remove_dir_all(file.parent().unwrap()).ok();
    }

    #[test]
    fn a_torn_settings_file_gives_way_to_the_atomic_copy() {
        let file = scratch("torn");
        let saved = Settings {
            zoom: 1.25,
            ..Settings::default()
        };
        save_safe_copy(&file, &saved).unwrap();
        // eframe's own file cut short mid-write: eframe parses nothing from it.
        std::fs::write(&file, b"(\n \"app\": \"(zoom: 1.2").unwrap();
        let restored = restore(Some(&Memory::default()), Some(&file));
        assert_eq!(restored.settings, Some(saved.clone()));
        let notice = restored.notice.expect("a notice");
        assert!(notice.contains("last safe copy"), "{notice}");
        // Lost altogether (deleted), the copy still brings them back.
        std::fs::remove_file(&file).unwrap();
        let restored = restore(Some(&Memory::default()), Some(&file));
        assert_eq!(restored.settings, Some(saved));
        std::fs::remove_dir_all(file.parent().unwrap()).ok();
    }

    #[test]
    fn an_entry_that_does_not_decode_is_reported() {
        let file = scratch("entry");
        std::fs::write(&file, "{\"app\": \"(zoom: \\\"big\\\")\"}").unwrap();
        let mut storage = Memory::default();
        eframe::Storage::set_string(&mut storage, eframe::APP_KEY, "(zoom: \"big\")".to_string());
        let restored = restore(Some(&storage), Some(&file));
        assert_eq!(restored.settings, None);
        let notice = restored.notice.expect("a notice");
        assert!(notice.contains("app.ron.unreadable-1"), "{notice}");
        std::fs::remove_dir_all(file.parent().unwrap()).ok();
    }
}
