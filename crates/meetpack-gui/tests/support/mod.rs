//! What the viewer's kittests share (a folder module, so cargo does not run it as a test
//! crate of its own).
#![allow(dead_code)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use meetpack_gui::MeetPackApp;

/// Steps frames until the background loader says it is done (a real thread does the
/// work), then lets the window settle. The deadline only turns a hang into a failure.
pub fn wait_for_load(h: &mut Harness<'_, MeetPackApp>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().is_loading() {
        assert!(Instant::now() < deadline, "loading did not finish");
        std::thread::sleep(Duration::from_millis(10));
        h.step();
    }
    h.run();
}
