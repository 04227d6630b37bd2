//! Any bytes: `load` (text, or a PDF recognised by its content) never panics; when it
//! accepts them, every non-blank line of the text it parsed is in exactly one document and
//! at least one of its blocks, block spans stay inside their document, and the pack
//! serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `input::load` takes any bytes: text or, by its content, a PDF. It keeps
    // the text it parsed, which is what line numbers count (a PDF's extracted text; the
    // first fuzz run stopped on a corpus PDF when this target still expected `decode`,
    // the text path alone, to accept whatever `load` accepts).
    let Ok(loaded) = meetpack_core::input::load(data) else {
        return;
    };
    let pack = &loaded.pack;
    let text = loaded.text.strip_prefix('\u{feff}').unwrap_or(&loaded.text);
    let lines = meetpack_core::parse::lines::split(text);
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let mut owners = pack.documents.iter().filter(|d| d.lines.contains(line.no));
        let Some(doc) = owners.next() else {
            panic!("line {} is in no document", line.no);
        };
        assert!(owners.next().is_none(), "line {} is in two documents", line.no);
        assert!(
            doc.blocks.iter().any(|b| b.lines.contains(line.no)),
            "line {} is in none of its document's blocks",
            line.no
        );
    }
    for (k, doc) in pack.documents.iter().enumerate() {
        assert_eq!(doc.id.index(), k);
        assert!(doc.lines.first() <= doc.lines.last());
        for b in &doc.blocks {
            assert!(doc.lines.contains(b.lines.first()) && doc.lines.contains(b.lines.last()));
        }
    }
    assert!(serde_json::to_vec(pack).is_ok(), "the pack serialises");
});
