//! Bytes to text: BOM, UTF-8 or Windows-1252, and refusal of binary input.

use thiserror::Error;

/// Why a file could not be read as a meeting pack.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("the file is empty")]
    Empty,
    #[error("this looks like a binary file, not text ({0})")]
    Binary(&'static str),
}

/// Decoded text and what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a file's bytes. UTF-8 (with or without BOM) is taken as is; anything else that
/// is still plainly text is read as Windows-1252, the usual encoding of older council
/// exports. NUL bytes or a high share of control bytes mean binary, refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(LoadError::Binary(kind));
    }
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: if bom { "utf-8 (BOM)" } else { "utf-8" },
        });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: "windows-1252",
    })
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "a ZIP or Office document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x7FELF", "a program"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    // UTF-16 text has NULs too, but is not what council systems export as .txt.
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if memchr::memchr(0, sample).is_some() {
        return Some("it contains NUL bytes");
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if control * 20 > sample.len() {
        return Some("it is mostly control bytes");
    }
    None
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
        assert_eq!(decode(b""), Err(LoadError::Empty));
        assert_eq!(decode(b" \n\n"), Err(LoadError::Empty));
        assert!(matches!(decode(b"abc\0def"), Err(LoadError::Binary(_))));
    }
}
