//! The freedesktop `.desktop` entry. It declares version 1.4 of the specification, the
//! newest that Debian 12's `desktop-file-validate` accepts; it uses nothing newer.

use std::path::Path;

use super::{APP_ID, MIME_TYPES};

/// The entry's text for the binary at `binary`: an absolute path (what `install-desktop`
/// writes) or a bare `meetpack` looked up on `PATH` (what the .deb installs). `None` when
/// the path cannot be written in an entry (see [`exec_command`]).
pub fn desktop_entry(binary: &Path) -> Option<String> {
    let exec = exec_command(binary)?;
    // `TryExec` is a plain string, not a command: only its backslashes are escaped. The
    // entry is hidden when the binary is gone (`cargo uninstall` without
    // `uninstall-desktop`).
    let try_exec = binary.to_str()?.replace('\\', "\\\\");
    let mime: String = MIME_TYPES.iter().map(|m| format!("{m};")).collect();
    Some(format!(
        "[Desktop Entry]
Type=Application
Version=1.4
Name=MeetPack
GenericName=Meeting Pack Reader
Comment=Read council meeting packs: agenda, minutes, reports and their papers
Exec={exec} %f
TryExec={try_exec}
Icon={APP_ID}
Terminal=false
Categories=Office;Viewer;
MimeType={mime}
Keywords=council;committee;agenda;minutes;meeting;report;
StartupWMClass={APP_ID}
"
    ))
}

/// The `Exec` command for a binary at `path`, quoted as the specification asks: a path
/// with a reserved character is put in double quotes, with `"`, `` ` ``, `$` and `\`
/// escaped inside them, `%` is doubled, and every backslash is then doubled again
/// because the value is also a desktop-entry string. `None` for a path that is not
/// UTF-8 or holds a line break, which an entry cannot carry.
pub fn exec_command(path: &Path) -> Option<String> {
    let s = path.to_str()?;
    if s.is_empty() || s.contains(['\n', '\r']) {
        return None;
    }
    const RESERVED: &[char] = &[
        ' ', '\t', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')', '`',
    ];
    let word = if s.contains(RESERVED) {
        let mut quoted = String::from("\"");
        for c in s.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    } else {
        s.to_string()
    };
    Some(word.replace('%', "%%").replace('\\', "\\\\"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_left_alone() {
        assert_eq!(
            exec_command(Path::new("/home/ann/.cargo/bin/meetpack")).as_deref(),
            Some("/home/ann/.cargo/bin/meetpack")
        );
    }

    #[test]
    fn reserved_characters_are_quoted_and_escaped_twice() {
        assert_eq!(
            exec_command(Path::new("/opt/Meet Pack/meetpack")).as_deref(),
            Some("\"/opt/Meet Pack/meetpack\"")
        );
        // `$` is escaped at the quoting level (one backslash), and that backslash is
        // doubled at the string level.
        assert_eq!(
            exec_command(Path::new("/opt/a$b/meetpack")).as_deref(),
            Some("\"/opt/a\\\\$b/meetpack\"")
        );
        assert_eq!(
            exec_command(Path::new("/opt/100%/meetpack")).as_deref(),
            Some("/opt/100%%/meetpack")
        );
        assert_eq!(exec_command(Path::new("/opt/a\nb")), None);
    }

    #[test]
    fn try_exec_is_the_plain_path() {
        let entry = desktop_entry(Path::new("/opt/Meet Pack/meetpack")).unwrap();
        assert!(
            entry.contains("\nTryExec=/opt/Meet Pack/meetpack\n"),
            "{entry}"
        );
        let entry = desktop_entry(Path::new("/opt/a$b/meetpack")).unwrap();
        assert!(entry.contains("\nTryExec=/opt/a$b/meetpack\n"), "{entry}");
        assert!(
            entry.contains("\nExec=\"/opt/a\\\\$b/meetpack\" %f\n"),
            "{entry}"
        );
    }

    #[test]
    fn entry_offers_the_three_mime_types() {
        let entry = desktop_entry(Path::new("meetpack")).unwrap();
        assert!(entry.contains("\nMimeType=application/pdf;text/plain;text/markdown;\n"));
        assert!(entry.contains("\nExec=meetpack %f\n"));
        assert!(entry.contains("\nIcon=meetpack\n"));
    }
}
