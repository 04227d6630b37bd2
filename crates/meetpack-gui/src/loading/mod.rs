//! Opening a file: the worker thread that reads and parses it, and what happens when it arrives.

pub(crate) mod loader;
pub(crate) mod opening;
