//! MeetPack: a reader for local-government meeting packs.
//!
//! The library is the document model ([`model`]), a pure parser ([`parse`]) from the
//! text of a pack to a [`model::Pack`], and [`input`], which opens a file's bytes (a PDF
//! is extracted to text first). The desktop viewer lives behind the `gui` feature.

pub mod decisions_view;
pub mod desktop;
pub mod export;
pub mod file;
pub mod find;
pub mod input;
pub mod library;
pub mod model;
pub mod notes;
pub mod outline;
pub mod parse;
pub mod table_sort;

#[cfg(feature = "gui")]
pub mod app;
