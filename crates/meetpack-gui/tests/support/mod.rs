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

/// eframe's storage, in memory: settings saved and restored without a file.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// The numbered paragraph `number` of the sample's briefing note "Family Valued
/// Programme": its document, block and plain text.
pub fn paragraph(
    h: &Harness<'_, MeetPackApp>,
    number: &str,
) -> (meetpack_core::model::DocId, usize, String) {
    use meetpack_core::model::BlockKind;
    let pack = h.state().pack().expect("a pack");
    let doc = pack
        .documents
        .iter()
        .find(|d| d.title == "Family Valued Programme")
        .expect("the briefing note");
    let (b, text) = doc
        .blocks
        .iter()
        .enumerate()
        .find_map(|(b, block)| match &block.kind {
            BlockKind::Numbered { number: n, text } if n == number => Some((b, text.to_plain())),
            _ => None,
        })
        .expect("the paragraph");
    (doc.id, b, text)
}
