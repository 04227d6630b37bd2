//! Shortening text for display: titles in the tree, breadcrumbs, quotes in note lists,
//! run-in headings the parser makes into titles. Characters are counted (not bytes), so a
//! UTF-8 character is never split.

use std::borrow::Cow;

/// The first `max_chars` characters of `s`, trailing white space trimmed, followed by
/// "…"; `s` itself, borrowed, when it has no more than `max_chars` characters.
pub fn truncate(s: &str, max_chars: usize) -> Cow<'_, str> {
    match head(s, max_chars) {
        None => Cow::Borrowed(s),
        Some(cut) => Cow::Owned(format!("{}…", cut.trim_end())),
    }
}

/// [`truncate`] cut back to the last space when that is in the second half of the
/// kept text, with trailing commas, semicolons and spaces trimmed: for titles, which
/// read better cut between words.
pub fn truncate_at_word(s: &str, max_chars: usize) -> Cow<'_, str> {
    let Some(cut) = head(s, max_chars) else {
        return Cow::Borrowed(s);
    };
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut,
    };
    Cow::Owned(format!("{}…", cut.trim_end_matches([',', ';', ' '])))
}

/// The first `max_chars` characters of `s` when it has more, else `None`.
fn head(s: &str, max_chars: usize) -> Option<&str> {
    let mut ends = s.char_indices().map(|(i, _)| i);
    let end = ends.nth(max_chars)?;
    Some(&s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_borrowed_unchanged() {
        assert!(matches!(truncate("Budget", 6), Cow::Borrowed("Budget")));
        assert!(matches!(truncate("", 0), Cow::Borrowed("")));
        assert!(matches!(truncate_at_word("Budget", 10), Cow::Borrowed(_)));
    }

    #[test]
    fn counts_characters_and_never_splits_one() {
        assert_eq!(truncate("Café au lait", 4), "Café…");
        assert_eq!(truncate("ééééé", 3), "ééé…");
        assert_eq!(truncate("日本語のテキスト", 3), "日本語…");
        assert_eq!(truncate("a 👍🏽 b", 3), "a 👍…");
        assert_eq!(truncate("abc", 0), "…");
    }

    #[test]
    fn trailing_space_is_trimmed_before_the_ellipsis() {
        assert_eq!(truncate("Item four of the agenda", 5), "Item…");
    }

    #[test]
    fn at_word_cuts_between_words_in_the_second_half() {
        assert_eq!(
            truncate_at_word("Libraries, leisure and culture budget", 22),
            "Libraries, leisure…"
        );
        // No space in the second half: cut where the count ends.
        assert_eq!(truncate_at_word("Supercalifragilistic", 10), "Supercalif…");
        assert_eq!(
            truncate_at_word("Ärger über Öffnungszeiten", 12),
            "Ärger über…"
        );
    }
}
