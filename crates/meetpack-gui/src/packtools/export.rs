//! Writing files the user asked for (tables as CSV, exports): atomically, by the library's
//! writer, so the viewer and the command line write files the same way.

pub use meetpack_core::fsutil::write_atomic;
