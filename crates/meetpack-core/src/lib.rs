//! MeetPack's core: everything but the window.
//!
//! Data flows one way: a file's bytes ([`input`]: PDF or text, to text) → the parser
//! ([`parse`]: pure text → [`model::Pack`]) → the derived views the command line and the
//! viewer share ([`views`]: find, decisions, table sort, outline), and the stores built on
//! a pack ([`export`], [`notes`], [`library`]). [`desktop`] installs the application's
//! entry and hands files to a running window. No egui here: the viewer is `meetpack-gui`.

pub mod csvutil;
pub mod desktop;
pub mod export;
pub mod fsutil;
pub mod input;
pub mod library;
pub mod model;
pub mod notes;
pub mod parse;
pub mod text;
pub mod views;
