//! What the CLI tests share (a folder module, so cargo does not run it as a test crate of
//! its own): a scratch data folder and `meetpack` run over it. Each test crate uses a part
//! of it, so the rest would be dead code there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A scratch folder holding packs, the notes folder (`data/notes`) and the library
/// (`library.sqlite3`), removed when dropped: `meetpack` run through it never touches the
/// user's own data.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("meetpack-notes-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Self(dir)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write pack");
        path
    }

    /// The notes folder `meetpack notes` uses here.
    pub fn notes_dir(&self) -> PathBuf {
        self.0.join("data/notes")
    }

    /// The library index `meetpack library` uses here.
    pub fn library(&self) -> PathBuf {
        self.0.join("library.sqlite3")
    }

    /// `meetpack` with `args`, its data and library in this folder, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_meetpack"));
        command
            .args(args)
            .env("MEETPACK_DATA_DIR", self.0.join("data"))
            .env("MEETPACK_LIBRARY", self.library());
        command
    }

    pub fn meetpack(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run meetpack")
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.meetpack(args);
        assert!(
            out.status.success(),
            "meetpack {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    pub fn list(&self, pack: &Path) -> Vec<Value> {
        let json = self.ok(&["notes", "list", path(pack), "--json"]);
        let value: Value = serde_json::from_str(&json).expect("JSON");
        value["notes"].as_array().expect("a notes list").clone()
    }

    pub fn add(&self, pack: &Path, line: u32, extra: &[&str]) -> String {
        let line = line.to_string();
        let mut args = vec!["notes", "add", path(pack), "--at", &line];
        args.extend_from_slice(extra);
        self.ok(&args)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

pub fn line_of(text: &str, needle: &str) -> u32 {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in text") as u32
        + 1
}
