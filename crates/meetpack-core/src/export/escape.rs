//! Escaping text for the documents MeetPack writes: one HTML escape and one Markdown
//! escape, used by the pack export ([`super::html`], [`super::markdown`]) and the notes
//! export ([`crate::notes::export`]) alike.

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Backslash-escapes what Markdown would read as markup in one line of text: emphasis,
/// code, links, headings, block quotes, table cell separators, the HTML it would pass
/// through, and a list marker ("+ ", "- ", "1. ") at the start. A line break becomes a
/// space.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // A line starting "+ " or "- " would start a list.
            '+' | '-' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // A line starting "1. " would start a numbered list.
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped() {
        assert_eq!(
            escape_html("<a href=\"x\">Tom's & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn markdown_markup_and_list_starts_are_escaped() {
        assert_eq!(escape_markdown("# *a* | [b]"), "\\# \\*a\\* \\| \\[b\\]");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("12. item"), "12\\. item");
        assert_eq!(escape_markdown("a - b. c"), "a - b. c");
        assert_eq!(escape_markdown("two\nlines"), "two lines");
    }
}
