//! The program `benches/instructions.sh` runs under callgrind: it parses each file named
//! on the command line with MeetPack and with pulldown-cmark (the reference), each inside
//! its own never-inlined function, so callgrind can count the instructions of one parse
//! and nothing else (`--toggle-collect` on those functions). Reading the files, starting
//! the process and printing are outside them.
//!
//! `cargo bench --bench instructions -- FILE…` runs it without callgrind (no figures then).

use std::hint::black_box;

/// One MeetPack parse of `text`, the pack dropped inside (as a reader that moves on would).
#[inline(never)]
fn measured_meetpack_parse(text: &str) -> usize {
    let pack = meetpack_core::parse::parse(black_box(text));
    pack.documents.len()
}

/// pulldown-cmark over the same text, every event consumed (as `benches/parse.rs` does).
#[inline(never)]
fn measured_pulldown_parse(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(black_box(text), pulldown_cmark::Options::all()).count()
}

/// The same parse, not counted (callgrind's toggle names only the `measured_` functions).
#[inline(never)]
fn warm_up(which: &str, text: &str) -> usize {
    match which {
        "pulldown" => pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::all()).count(),
        _ => meetpack_core::parse::parse(text).documents.len(),
    }
}

fn main() {
    // Cargo passes `--bench` to bench targets; anything starting with `-` is not a file.
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let which = std::env::var("MEETPACK_INSTRUCTIONS_PARSER").unwrap_or_default();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            eprintln!("{file}: not readable as UTF-8 text, skipped");
            continue;
        };
        // The first parse of a process also compiles the parser's regexes (about 130
        // million instructions, whatever the file's size); the steady state is what
        // `benches/parse.rs` times, so an unmeasured parse goes first unless
        // MEETPACK_INSTRUCTIONS_COLD is set.
        if std::env::var_os("MEETPACK_INSTRUCTIONS_COLD").is_none() {
            warm_up(&which, &text);
        }
        let n = match which.as_str() {
            "pulldown" => measured_pulldown_parse(&text),
            _ => measured_meetpack_parse(&text),
        };
        println!("{file}\t{}\t{n}", text.len());
    }
}
