//! MeetPack as a desktop application: the freedesktop entry, the icons, installing them
//! into the user's data folder, and handing a file to the window already open (a Unix
//! socket, or a named pipe on Windows).
//! Nothing here draws: the viewer uses [`ICON_PNGS`] for its window icon.
//!
//! The icons and the entry are compiled into the binary, so `cargo install --path .`
//! followed by `meetpack install-desktop` needs nothing from the source tree.

mod entry;
mod install;
#[cfg(unix)]
pub mod instance;
// The same API over a named pipe: the viewer has one code path for both.
#[cfg(windows)]
#[path = "instance_windows.rs"]
pub mod instance;

pub use entry::{desktop_entry, exec_command};
pub use install::{InstallReport, data_home, install, uninstall};

/// The application id: the desktop entry's file name (without `.desktop`), the icon
/// name, the Wayland app id / X11 class the viewer sets, and eframe's storage folder.
pub const APP_ID: &str = "meetpack";

/// The scalable icon (`assets/meetpack.svg`).
pub const ICON_SVG: &str = include_str!("../../../../assets/meetpack.svg");

/// The icon rendered at the usual hicolor sizes (`assets/render-icons.sh`), smallest first.
pub const ICON_PNGS: &[(u32, &[u8])] = &[
    (
        16,
        include_bytes!("../../../../assets/icons/meetpack-16.png"),
    ),
    (
        22,
        include_bytes!("../../../../assets/icons/meetpack-22.png"),
    ),
    (
        24,
        include_bytes!("../../../../assets/icons/meetpack-24.png"),
    ),
    (
        32,
        include_bytes!("../../../../assets/icons/meetpack-32.png"),
    ),
    (
        48,
        include_bytes!("../../../../assets/icons/meetpack-48.png"),
    ),
    (
        64,
        include_bytes!("../../../../assets/icons/meetpack-64.png"),
    ),
    (
        128,
        include_bytes!("../../../../assets/icons/meetpack-128.png"),
    ),
    (
        256,
        include_bytes!("../../../../assets/icons/meetpack-256.png"),
    ),
    (
        512,
        include_bytes!("../../../../assets/icons/meetpack-512.png"),
    ),
];

/// The MIME types "Open with MeetPack" is offered for.
pub const MIME_TYPES: &[&str] = &["application/pdf", "text/plain", "text/markdown"];
