//! The window's frame: menus and toolbar, the file chooser, keys, title, settings and their restore, start-up and its profile, the about and failure pages.

pub(crate) mod about;
pub(crate) mod chooser;
pub(crate) mod failure;
pub(crate) mod keys;
pub mod layout;
pub mod profile;
pub(crate) mod renderer;
pub(crate) mod restore;
pub(crate) mod startup;
pub(crate) mod state;
pub(crate) mod title;
pub(crate) mod toolbar;
