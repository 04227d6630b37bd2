//! Views derived from a parsed pack that the command line and the viewer both show:
//! find in pack, asks beside decisions, a table's sort order, the outline printer.

pub mod decisions;
pub mod find;
pub mod outline;
pub mod table_sort;
