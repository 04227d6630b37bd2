//! Checks shared by the integration tests (a folder module, so cargo does not run it as a
//! test crate of its own).

use meetpack_core::model::Pack;

/// Every non-blank line of `text` belongs to exactly one document and is inside one of its
/// blocks; ids are indices and blocks stay inside their document.
pub fn check_coverage(text: &str, pack: &Pack, what: &str) {
    let lines = meetpack_core::parse::lines::split(text.strip_prefix('\u{feff}').unwrap_or(text));
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let owners: Vec<_> = pack
            .documents
            .iter()
            .filter(|d| d.lines.contains(line.no))
            .collect();
        assert_eq!(
            owners.len(),
            1,
            "{what}: line {} belongs to {} documents",
            line.no,
            owners.len()
        );
        let doc = owners[0];
        assert!(
            doc.blocks.iter().any(|b| b.lines.contains(line.no)),
            "{what}: line {} ({:?}) is in {} but in none of its blocks",
            line.no,
            line.text,
            doc.id
        );
    }
    for (k, doc) in pack.documents.iter().enumerate() {
        assert_eq!(doc.id.index(), k, "{what}: ids are indices");
        assert!(doc.lines.first() <= doc.lines.last());
        for b in &doc.blocks {
            assert!(
                doc.lines.contains(b.lines.first()) && doc.lines.contains(b.lines.last()),
                "{what}: block {:?} outside {}",
                b.lines,
                doc.id
            );
        }
    }
}
