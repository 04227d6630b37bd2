//! The binary's desktop commands: `install-desktop`, `uninstall-desktop`, `completions`
//! and `man`. The work is in [`meetpack_core::desktop`]; this prints and sets the exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use meetpack_core::desktop;

use crate::Cli;

/// A freedesktop entry means nothing to Windows or macOS: say what they need instead of
/// writing files nothing reads.
fn freedesktop_platform() -> bool {
    if cfg!(windows) {
        say!(
            "meetpack: install-desktop writes a freedesktop entry for Linux and BSD desktops; \
             on Windows the installer (MeetPack-Setup-<version>.exe, docs/install.md) adds the \
             Start-menu entry and \"Open with\""
        );
        return false;
    }
    if cfg!(target_os = "macos") {
        say!(
            "meetpack: install-desktop writes a freedesktop entry for Linux and BSD desktops; \
             see the README for macOS"
        );
        return false;
    }
    true
}

pub fn install() -> ExitCode {
    if !freedesktop_platform() {
        return ExitCode::from(2);
    }
    let Some(data_home) = desktop::data_home() else {
        say!("meetpack: neither XDG_DATA_HOME nor HOME is set: nowhere to install");
        return ExitCode::from(2);
    };
    // The running binary, so the entry starts this copy (`~/.cargo/bin/meetpack` after
    // `cargo install`) whatever PATH the desktop session has.
    let binary = match std::env::current_exe() {
        Ok(b) => b,
        Err(err) => {
            say!("meetpack: cannot tell where this binary is: {err}");
            return ExitCode::from(2);
        }
    };
    match desktop::install(&data_home, &binary) {
        Ok(report) => {
            println!(
                "Installed the MeetPack desktop entry and icons ({} files):",
                report.files.len()
            );
            print_report(&report);
            println!("It starts {}.", binary.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            say!(
                "meetpack: could not install into {}: {err}",
                data_home.display()
            );
            ExitCode::from(2)
        }
    }
}

pub fn uninstall() -> ExitCode {
    if !freedesktop_platform() {
        return ExitCode::from(2);
    }
    let Some(data_home) = desktop::data_home() else {
        say!("meetpack: neither XDG_DATA_HOME nor HOME is set: nothing to remove");
        return ExitCode::from(2);
    };
    match desktop::uninstall(&data_home) {
        Ok(report) => {
            println!(
                "Removed the MeetPack desktop entry and icons ({} files):",
                report.files.len()
            );
            print_report(&report);
            ExitCode::SUCCESS
        }
        Err(err) => {
            say!(
                "meetpack: could not remove from {}: {err}",
                data_home.display()
            );
            ExitCode::from(2)
        }
    }
}

fn print_report(report: &desktop::InstallReport) {
    for file in &report.files {
        println!("  {}", file.display());
    }
    for note in &report.notes {
        println!("({note})");
    }
}

pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "meetpack", &mut out);
    finish(out.flush())
}

/// The same roff as the committed `assets/meetpack.1` (a test compares them).
pub fn man() -> ExitCode {
    let mut roff = Vec::new();
    let rendered = clap_mangen::Man::new(Cli::command()).render(&mut roff);
    finish(rendered.and_then(|()| {
        let mut out = std::io::stdout().lock();
        out.write_all(&roff)?;
        out.flush()
    }))
}

fn finish(written: std::io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("meetpack: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}
