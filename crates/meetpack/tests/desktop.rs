//! MeetPack as an installed desktop program (issue 10): `--version`, `--help`,
//! completions, the man page, and `install-desktop` / `uninstall-desktop` into a scratch
//! `XDG_DATA_HOME`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn meetpack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_meetpack"))
}

fn run(args: &[&str]) -> Output {
    let out = meetpack().args(args).output().expect("run meetpack");
    assert!(
        out.status.success(),
        "meetpack {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).expect("UTF-8 output")
}

fn repo_file(path: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(path)
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meetpack-desktop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// `desktop-file-validate`'s complaints about `entry`, or `None` when the tool is not
/// installed (it is in CI: `.ci/run` installs desktop-file-utils).
fn validate(entry: &Path) -> Option<String> {
    let out = Command::new("desktop-file-validate")
        .arg(entry)
        .output()
        .ok()?;
    let mut said = String::from_utf8_lossy(&out.stdout).into_owned();
    said.push_str(&String::from_utf8_lossy(&out.stderr));
    if !out.status.success() && said.is_empty() {
        said = format!("failed with {}", out.status);
    }
    Some(said)
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let png = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let ihdr = png.get(8..16)?;
    let width = u32::from_be_bytes(ihdr.get(..4)?.try_into().ok()?);
    let height = u32::from_be_bytes(ihdr.get(4..)?.try_into().ok()?);
    Some((width, height))
}

#[test]
fn version_names_the_package_version() {
    assert_eq!(
        stdout(&["--version"]).trim(),
        format!("meetpack {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn help_ends_with_examples_of_real_commands() {
    let help = stdout(&["--help"]);
    let (_, examples) = help
        .split_once("\nExamples:\n")
        .expect("an Examples section");
    let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 5, "{examples}");
    // Each example's subcommand (if any) is one --help lists.
    for line in lines {
        // The command, before the two spaces that start its description.
        let command = line.trim().split("  ").next().unwrap_or_default();
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words.first(), Some(&"meetpack"), "{line}");
        if let Some(sub) = words.get(1).filter(|w| !w.contains('.'))
            && !sub.starts_with('-')
        {
            assert!(
                help.contains(&format!("\n  {sub} ")),
                "{sub} is not a command"
            );
        }
    }
}

#[test]
fn completions_cover_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        for sub in [
            "inspect",
            "install-desktop",
            "uninstall-desktop",
            "completions",
            "man",
        ] {
            assert!(script.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    // The bash script is valid bash, where bash is installed.
    let dir = scratch("completions");
    let file = dir.join("meetpack.bash");
    std::fs::write(&file, stdout(&["completions", "bash"])).expect("write");
    if let Ok(check) = Command::new("bash").arg("-n").arg(&file).output() {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_shell_is_refused() {
    let out = meetpack()
        .args(["completions", "tcsh"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The .deb ships `assets/meetpack.1`; it must be what the command line says today.
#[test]
fn committed_man_page_is_current() {
    let man = stdout(&["man"]);
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq"),
        "roff expected: {man:.80}"
    );
    assert!(man.contains("install\\-desktop"), "{man}");
    let committed =
        std::fs::read_to_string(repo_file("assets/meetpack.1")).expect("assets/meetpack.1");
    assert!(
        committed == man,
        "assets/meetpack.1 is out of date: run `cargo run -- man > assets/meetpack.1`"
    );
}

/// The .deb ships `assets/meetpack.desktop`, which starts `meetpack` from PATH.
#[test]
fn committed_desktop_entry_is_current_and_valid() {
    let expected = meetpack_core::desktop::desktop_entry(Path::new("meetpack")).expect("an entry");
    let path = repo_file("assets/meetpack.desktop");
    let committed = std::fs::read_to_string(&path).expect("assets/meetpack.desktop");
    assert_eq!(committed, expected);
    if let Some(complaints) = validate(&path) {
        assert_eq!(complaints, "", "desktop-file-validate");
    }
}

#[test]
fn install_desktop_writes_entry_and_icons_and_uninstall_removes_them() {
    let home = scratch("install");
    let out = meetpack()
        .arg("install-desktop")
        .env("XDG_DATA_HOME", &home)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let entry_path = home.join("applications/meetpack.desktop");
    let entry = std::fs::read_to_string(&entry_path).expect("the desktop entry");
    // The entry starts the binary that installed it, with the file as its argument.
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_meetpack")).expect("binary");
    let exec = meetpack_core::desktop::exec_command(&binary).expect("a plain path");
    assert!(entry.contains(&format!("\nExec={exec} %f\n")), "{entry}");
    assert!(entry.contains("\nMimeType=application/pdf;text/plain;text/markdown;\n"));
    assert!(entry.contains("\nIcon=meetpack\n"));
    if let Some(complaints) = validate(&entry_path) {
        assert_eq!(complaints, "", "desktop-file-validate");
    }

    let hicolor = home.join("icons/hicolor");
    let svg = std::fs::read_to_string(hicolor.join("scalable/apps/meetpack.svg")).expect("svg");
    assert!(svg.contains("<svg"));
    let mut sizes = Vec::new();
    for (size, _) in meetpack_core::desktop::ICON_PNGS {
        let path = hicolor.join(format!("{size}x{size}/apps/meetpack.png"));
        let png = std::fs::read(&path).expect("png icon");
        assert_eq!(png_size(&png), Some((*size, *size)), "{}", path.display());
        sizes.push(*size);
    }
    for usual in [16, 24, 32, 48, 64, 128, 256, 512] {
        assert!(sizes.contains(&usual), "no {usual}px icon");
    }

    // Installing twice is harmless; uninstall removes every file it wrote.
    run_with_home(&["install-desktop"], &home);
    let out = run_with_home(&["uninstall-desktop"], &home);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("({} files)", 2 + sizes.len())),
        "{said}"
    );
    assert!(!entry_path.exists());
    let left: Vec<PathBuf> = walk(&home)
        .into_iter()
        .filter(|p| p.file_stem().is_some_and(|s| s == "meetpack"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    // A second uninstall finds nothing to remove and still succeeds.
    let out = run_with_home(&["uninstall-desktop"], &home);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(0 files)"));
    std::fs::remove_dir_all(&home).ok();
}

fn run_with_home(args: &[&str], home: &Path) -> Output {
    let out = meetpack()
        .args(args)
        .env("XDG_DATA_HOME", home)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The icons and the entry are compiled in (the sample pack and fonts are too, by
/// `include_str!` and egui): a copy of the binary run from an empty folder installs them.
#[test]
fn the_binary_needs_nothing_from_the_source_tree() {
    let dir = scratch("standalone");
    let copy = dir.join("meetpack");
    std::fs::copy(env!("CARGO_BIN_EXE_meetpack"), &copy).expect("copy the binary");
    let home = dir.join("data");
    let mut command = Command::new(&copy);
    command
        .arg("install-desktop")
        .current_dir(&dir)
        .env("XDG_DATA_HOME", &home)
        .env_remove("CARGO_MANIFEST_DIR");
    // Linux refuses to run a file another process still holds open for writing: a test
    // thread forking at the moment of the copy inherits the copy's descriptor until its
    // exec ("Text file busy", seen once in three release runs). The descriptor goes with
    // that exec, so the run is tried again; any other error fails at once.
    let mut tries = 0;
    let out = loop {
        match command.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.expect("run the copy"),
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        home.join("icons/hicolor/512x512/apps/meetpack.png")
            .exists()
    );
    std::fs::remove_dir_all(&dir).ok();
}
