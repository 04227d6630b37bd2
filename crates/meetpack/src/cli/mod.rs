//! One module per subcommand; `main.rs` holds the clap definition and dispatches here.

pub mod desktop;
pub mod export;
pub mod inspect;
pub mod library;
pub mod notes;
