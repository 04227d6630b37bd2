//! Any bytes through the PDF path (`input::load_named` with a `.pdf` name): the PDF
//! crate may fail or even panic on hostile input (MeetPack catches that and refuses the
//! file with a message), but nothing may escape `load_named` as a panic, and an accepted
//! file keeps the line invariants of the text path and serialises.
#![no_main]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use libfuzzer_sys::fuzz_target;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's hook aborts on any panic, including the ones MeetPack catches
    // inside the PDF crate on purpose; a panic that escapes `load_named` is ours and
    // still aborts below.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        meetpack_core::input::load_named("fuzz.pdf", data, &mut |_, _| true)
    }));
    let Ok(result) = loaded else {
        std::process::abort();
    };
    let Ok(loaded) = result else {
        return;
    };
    let pack = &loaded.pack;
    let lines = meetpack_core::parse::lines::split(&loaded.text);
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let owners = pack
            .documents
            .iter()
            .filter(|d| d.lines.contains(line.no))
            .count();
        if owners != 1 {
            std::process::abort();
        }
    }
    if serde_json::to_vec(pack).is_err() {
        std::process::abort();
    }
});
