//! Where the reader is and how it moves: locations and history, the contents tree, jumps, pages.

pub(crate) mod jump;
pub(crate) mod nav;
pub(crate) mod pages;
pub(crate) mod tree;
