//! Bytes to text: UTF-8 (bad sequences replaced), Windows-1252, UTF-16, and refusal of
//! binary or blank input, decided by what the bytes contain.

use thiserror::Error;

/// How much of a file is looked at to decide whether it is text at all.
pub const SNIFF_LEN: usize = 64 * 1024;

/// Why a file could not be read as a meeting pack.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("the file is empty or blank")]
    Empty,
    #[error("this looks like a binary file, not text ({0})")]
    Binary(&'static str),
}

/// Decoded text and what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Bad sequences (invalid UTF-8 or UTF-16) and NUL characters, each shown as U+FFFD.
    pub replaced: usize,
}

/// Is the start of a file text? `sample` is the file's first [`SNIFF_LEN`] bytes (or all
/// of it); the answer does not depend on what follows, so a caller can refuse a large
/// binary file before reading the rest. Binary means many control bytes (NUL included)
/// once UTF-16 is recognised; a format's signature only names what the file is.
pub fn sniff(sample: &[u8]) -> Result<(), DecodeError> {
    let sample = sample.get(..SNIFF_LEN).unwrap_or(sample);
    if utf16(sample).is_some() {
        return Ok(());
    }
    if is_mostly_control(sample) {
        return Err(DecodeError::Binary(binary_kind(sample)));
    }
    Ok(())
}

/// Decodes a file's bytes. UTF-8 with or without BOM, a few bad sequences replaced;
/// UTF-16 with a BOM or the NUL pattern of mostly-ASCII text; otherwise, when most of the
/// non-ASCII sequences are not UTF-8, Windows-1252, the usual encoding of older council
/// exports. Binary content (control bytes) and blank files are refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    sniff(bytes)?;
    // The whole file too, so a text start does not carry a binary body through.
    if bytes.len() > SNIFF_LEN && utf16(bytes).is_none() && is_mostly_control(bytes) {
        return Err(DecodeError::Binary(binary_kind(bytes)));
    }
    let mut decoded = if let Some((encoding, name, bom)) = utf16(bytes) {
        let (text, had_errors) =
            encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        // encoding_rs does not count its replacements: count the U+FFFD it produced
        // that the text did not spell out itself (close enough: UTF-16 text rarely has one).
        let replaced = if had_errors {
            text.matches('\u{FFFD}').count()
        } else {
            0
        };
        Decoded {
            text: text.into_owned(),
            encoding: name,
            replaced,
        }
    } else {
        decode_8bit(bytes)
    };
    // NUL is never text, wherever it is: shown as U+FFFD and counted like a bad sequence.
    if decoded.text.contains('\0') {
        let nuls = decoded.text.matches('\0').count();
        decoded.text = decoded.text.replace('\0', "\u{FFFD}");
        decoded.replaced += nuls;
    }
    let body = decoded.text.trim_start_matches('\u{feff}');
    if body.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// [`decode`] of bytes the caller gives up: plain UTF-8 (the usual case) becomes the text
/// without a copy, so a large pack is not held twice while it is parsed.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") || memchr::memchr(0, &bytes).is_some() {
        return decode(&bytes);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(not_utf8) => return decode(not_utf8.as_bytes()),
    };
    // The checks of `decode` for text that is UTF-8 without BOM or NUL (so not UTF-16).
    sniff(text.as_bytes())?;
    if is_mostly_control(text.as_bytes()) {
        return Err(DecodeError::Binary(binary_kind(text.as_bytes())));
    }
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: "utf-8",
        replaced: 0,
    })
}

/// UTF-8 or Windows-1252, by the share of bad UTF-8 sequences among the non-ASCII ones.
fn decode_8bit(bytes: &[u8]) -> Decoded {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut valid_non_ascii = 0usize;
    let mut invalid = 0usize;
    for chunk in body.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if invalid == 0 || bom || invalid <= valid_non_ascii {
        // UTF-8 with a few bad bytes (or a file cut inside a character) stays UTF-8.
        let text = String::from_utf8_lossy(body).into_owned();
        return Decoded {
            text,
            encoding: if bom { "utf-8 (BOM)" } else { "utf-8" },
            replaced: invalid,
        };
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
    Decoded {
        text: text.into_owned(),
        encoding: "windows-1252",
        replaced: 0,
    }
}

/// UTF-16 by its BOM, or by NULs in every other byte (mostly-ASCII text in UTF-16):
/// the encoding, its name, and the length of the BOM to skip.
fn utf16(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str, usize)> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some((encoding_rs::UTF_16LE, "utf-16le (BOM)", 2));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some((encoding_rs::UTF_16BE, "utf-16be (BOM)", 2));
    }
    let sample = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair.first() == Some(&0));
        odd_nul += usize::from(pair.get(1) == Some(&0));
    }
    // Text in UTF-16 has a NUL in (nearly) every unit on one side and (nearly) none on
    // the other; binary formats have NULs on both sides.
    let clear = |many: usize, few: usize| many * 10 >= pairs * 7 && few * 50 <= pairs;
    if clear(odd_nul, even_nul) {
        Some((encoding_rs::UTF_16LE, "utf-16le", 0))
    } else if clear(even_nul, odd_nul) {
        Some((encoding_rs::UTF_16BE, "utf-16be", 0))
    } else {
        None
    }
}

/// More than one byte in twenty is a control byte (NUL included) that text does not use.
fn is_mostly_control(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 20 > bytes.len()
}

/// What a binary file probably is, by its signature, for the message.
fn binary_kind(bytes: &[u8]) -> &'static str {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a ZIP or Office document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "a program"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map_or("it is mostly control bytes or NULs", |(_, kind)| kind)
}

/// Is this a PDF file (a `%PDF-n.n` header, then a binary comment or an `n n obj`), whatever its
/// bytes look like? The hook where PDF input leaves the text path: a text whose first
/// word happens to be "%PDF" is not one.
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"%PDF-") else {
        return false;
    };
    if !matches!(rest, [major, b'.', minor, ..] if major.is_ascii_digit() && minor.is_ascii_digit())
    {
        return false;
    }
    // The binary comment PDF writers put on the second line ("%âãÏÓ").
    let second_line = rest
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|l| !l.is_empty())
        .nth(1);
    if second_line.is_some_and(|l| l.starts_with(b"%") && l.iter().any(|&b| b >= 0x80)) {
        return true;
    }
    let sample = bytes.get(..SNIFF_LEN).unwrap_or(bytes);
    memchr::memmem::find_iter(sample, b" obj").any(|at| {
        // "1 0 obj": a generation number right before.
        at > 0 && sample.get(at - 1).is_some_and(u8::is_ascii_digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFTo: Board").unwrap();
        assert_eq!(d.text, "To: Board");
        assert_eq!(d.encoding, "utf-8 (BOM)");
    }

    #[test]
    fn windows_1252_pound_and_dash_decode() {
        // "£4,204 – total" in Windows-1252.
        let d = decode(b"\xA34,204 \x96 total").unwrap();
        assert_eq!(d.text, "£4,204 – total");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\n"), Err(DecodeError::Empty));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        assert_eq!(decode(png), Err(DecodeError::Binary("a PNG image")));
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_stay_utf8_with_replacements() {
        let d = decode(
            "£12 – total \u{e9}t\u{e9}\n"
                .as_bytes()
                .iter()
                .chain(b"\xFFend")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.text, "£12 – total été\n\u{FFFD}end");
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn utf8_cut_inside_a_character_stays_utf8() {
        let full = "Budget £4,204 and £1,000 – total €";
        let cut = &full.as_bytes()[..full.len() - 1];
        let d = decode(cut).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.starts_with("Budget £4,204"));
        assert_eq!(d.replaced, 1);
    }

    #[test]
    fn utf16_with_and_without_bom_decodes() {
        let text = "Agenda Item 4\nBudget £4,204\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [
            ([&b"\xFF\xFE"[..], &le].concat(), "utf-16le (BOM)"),
            ([&b"\xFE\xFF"[..], &be].concat(), "utf-16be (BOM)"),
            (le.clone(), "utf-16le"),
            (be.clone(), "utf-16be"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, name));
        }
    }

    #[test]
    fn decode_owned_agrees_with_decode() {
        let cases: [&[u8]; 8] = [
            b"Agenda\n",
            b"\xEF\xBB\xBFTo: Board",
            b"\xA34,204 \x96 total",
            b"abc\0def",
            b"\xA0\xA0\n",
            "\u{a0}\u{a0}\n".as_bytes(),
            b"\x01\x02\x03abc",
            b"",
        ];
        for bytes in cases {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn text_starting_with_pdf_word_is_text() {
        let d = decode(b"%PDF files are not accepted by the portal.\nAgenda\n").unwrap();
        assert!(d.text.starts_with("%PDF files"));
        assert!(!looks_like_pdf(b"%PDF files are not accepted"));
        assert!(looks_like_pdf(
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n"
        ));
    }

    #[test]
    fn nuls_are_treated_the_same_wherever_they_are() {
        // A stray NUL early or late: replaced and counted either way.
        let mut early = b"A\0".to_vec();
        early.extend(std::iter::repeat_n(b'x', 100_000));
        let mut late = std::iter::repeat_n(b'x', 100_000).collect::<Vec<_>>();
        late.extend(b"\0A");
        for bytes in [early, late] {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.replaced, 1);
            assert!(d.text.contains('\u{FFFD}') && !d.text.contains('\0'));
        }
        // Mostly NUL: binary, early or late.
        let mut late_binary = std::iter::repeat_n(b'x', 70_000).collect::<Vec<_>>();
        late_binary.extend(std::iter::repeat_n(0u8, 70_000));
        assert!(matches!(decode(&late_binary), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn all_blank_files_are_refused_whatever_the_blanks() {
        for blank in [
            "\u{a0}\u{a0}\n",
            "\t \r\n",
            "\u{2003}\u{3000}",
            "\u{feff} \n",
        ] {
            assert_eq!(
                decode(blank.as_bytes()),
                Err(DecodeError::Empty),
                "{blank:?}"
            );
        }
        // Non-breaking spaces in Windows-1252 (0xA0).
        assert_eq!(decode(b"\xA0\xA0\n"), Err(DecodeError::Empty));
    }
}
