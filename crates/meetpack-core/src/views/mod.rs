//! Views derived from a parsed pack that the command line and the viewer both show:
//! find in pack, asks beside decisions, a table's sort order, the outline printer.

pub mod decisions;
pub mod find;
pub mod outline;
pub mod place;
pub mod shown;
pub mod table_sort;

/// Whether a link in a pack may be opened or exported as a link: web and e-mail only.
/// Pack text is untrusted: a `file://` link or a custom protocol handler's scheme could
/// open a local file or start a program, so those stay text (the viewer says why).
pub fn openable_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::openable_link;

    #[test]
    fn only_web_and_mail_links_open() {
        for ok in [
            "https://example.org/a",
            "HTTP://x.gov.uk",
            "mailto:clerk@council.gov.uk",
        ] {
            assert!(openable_link(ok), "{ok}");
        }
        for refused in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ms-word:ofe|u|x",
            "x-app://run",
            "",
            "www.example.org",
        ] {
            assert!(!openable_link(refused), "{refused}");
        }
    }
}
