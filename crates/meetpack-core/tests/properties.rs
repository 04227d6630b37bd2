//! Property tests (proptest): packs made of the line shapes the parser looks at, and raw
//! bytes, never make it panic, never lose a line, and always serialise. A few thousand
//! cases on every `cargo test`; the coverage-guided fuzzer in `fuzz/` goes further.

use meetpack_core::model::Pack;
use proptest::prelude::*;

/// Every non-blank line in exactly one document and at least one of its blocks, block
/// spans inside their document, ids in order, and the pack serialises.
fn check(text: &str, pack: &Pack) -> Result<(), TestCaseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for line in meetpack_core::parse::lines::split(text)
        .iter()
        .filter(|l| !l.is_blank())
    {
        let owners: Vec<_> = pack
            .documents
            .iter()
            .filter(|d| d.lines.contains(line.no))
            .collect();
        prop_assert_eq!(
            owners.len(),
            1,
            "line {} in {} documents",
            line.no,
            owners.len()
        );
        prop_assert!(
            owners[0].blocks.iter().any(|b| b.lines.contains(line.no)),
            "line {} ({:?}) in no block",
            line.no,
            line.text
        );
    }
    for (k, doc) in pack.documents.iter().enumerate() {
        prop_assert_eq!(doc.id.index(), k);
        for b in &doc.blocks {
            prop_assert!(doc.lines.contains(b.lines.first()) && doc.lines.contains(b.lines.last()));
        }
    }
    prop_assert!(serde_json::to_string(pack).is_ok());
    Ok(())
}

/// One line of a pack: the shapes each rule keys on, with random words between.
fn line() -> impl Strategy<Value = String> {
    let shape = prop::sample::select(vec![
        "",
        "Agenda Item 4",
        "Minutes",
        "Present:",
        "Apologies:",
        "RESOLVED that",
        "To: Board",
        "Subject: Budget",
        "Date: 1 May 2024",
        "1.",
        "2.3",
        "12 ",
        "a) ",
        "(iv) ",
        "- ",
        "• ",
        "**",
        "*",
        "[x](",
        "<http://",
        "<b>",
        "</i>",
        "Appendix 1",
        "Public Business",
        "(Pages 3 - 10)",
        "\t",
        "Item\tCost\tTotal",
        "£4,204",
        "This page is intentionally left blank",
        "Councillor A İİ Kelvin K Å",
        "\u{c}",
        "   ",
        "Work Programme",
        "Briefing Note",
    ]);
    let word = "[a-zA-Z0-9£.,:;()*\\[\\]<>@/ \t-]{0,12}";
    (shape, word, prop::sample::select(vec!["", "\n", "\r\n"]))
        .prop_map(|(shape, word, end)| format!("{shape}{word}{end}"))
}

fn pack_text() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

/// Mostly printable ASCII and line breaks, with any byte mixed in (high bytes for the
/// encodings, control bytes and NULs for the binary test).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![6 => 0x20u8..0x7f, 1 => Just(b'\n'), 2 => any::<u8>()];
    prop::collection::vec(byte, 0..600)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn generated_packs_never_lose_a_line(text in pack_text()) {
        check(&text, &meetpack_core::parse::parse(&text))?;
    }

    #[test]
    fn any_bytes_load_or_are_refused_cleanly(bytes in bytes()) {
        if let Ok(pack) = meetpack_core::input::load(&bytes).map(|loaded| loaded.pack) {
            let decoded = meetpack_core::input::decode::decode(&bytes);
            prop_assert!(decoded.is_ok(), "load accepted what decode refuses");
            if let Ok(decoded) = decoded {
                check(&decoded.text, &pack)?;
            }
        }
    }
}
