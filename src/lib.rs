//! MeetPack: a reader for local-government meeting packs.
//!
//! The library is the document model ([`model`]) and a pure parser ([`parse`]) from the
//! text of a pack to a [`model::Pack`]. The desktop viewer lives behind the `gui` feature.

pub mod file;
pub mod model;
pub mod outline;
pub mod parse;

#[cfg(feature = "gui")]
pub mod app;
