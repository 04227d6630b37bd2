//! Extracts the text of PDFs as MeetPack does and times it, for `benches/pdf-extraction.sh`.
//!
//! `cargo run --release --example pdf_extract -- OUT_DIR FILE.pdf…` writes `OUT_DIR/NAME.txt`
//! for each file and prints one line per file: name, pages, milliseconds, outcome.

use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out_dir) = args.next() else {
        eprintln!("usage: pdf_extract OUT_DIR FILE.pdf...");
        std::process::exit(2);
    };
    let (mut total_pages, mut total_ms) = (0usize, 0f64);
    for file in args {
        let bytes = std::fs::read(&file).expect("readable file");
        let start = Instant::now();
        let result = meetpack::input::pdf::extract(&bytes, &mut |_, _| true);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let name = Path::new(&file).file_stem().unwrap().to_string_lossy();
        match result {
            Ok(x) => {
                std::fs::write(Path::new(&out_dir).join(format!("{name}.txt")), &x.text).unwrap();
                let printed = x.pages.iter().filter(|p| p.printed.is_some()).count();
                println!("{name}\t{}\t{ms:.1}\tok printed={printed}", x.pages.len());
                total_pages += x.pages.len();
                total_ms += ms;
            }
            Err(e) => println!("{name}\t0\t{ms:.1}\terror {e:?}"),
        }
    }
    println!("TOTAL\t{total_pages}\t{total_ms:.1}");
}
