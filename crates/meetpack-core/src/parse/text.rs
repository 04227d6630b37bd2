//! Small shared tests on strings, used by several passes.

use regex::Regex;

/// Compiles one of the parser's constant patterns. They are fixed at build time and each
/// is exercised by the unit and golden tests, so a bad pattern fails the test suite; were
/// one ever not to compile, its rule would simply never match (a [`Pattern`] without a
/// regex), and the parse would go on without it rather than stop.
///
/// Word boundaries are made ASCII (`(?-u:\b)`): a Unicode `\b` keeps the regex crate off
/// its fast lazy DFA on non-ASCII text (every "–" and "’" in a pack), which made the
/// parser several times slower. Council text has its word boundaries at ASCII letters.
pub fn regex(pattern: &str) -> Pattern {
    let ascii_boundaries = pattern.replace(r"\b", r"(?-u:\b)");
    Pattern(Regex::new(&ascii_boundaries).ok())
}

/// A constant pattern of the parser: a compiled regex, or none (matches nothing). The
/// methods are the regex crate's, for the ones the passes use.
pub struct Pattern(Option<Regex>);

impl Pattern {
    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.as_ref().is_some_and(|r| r.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<regex::Match<'h>> {
        self.0.as_ref()?.find(haystack)
    }

    pub fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = regex::Match<'h>> + use<'r, 'h> {
        self.0.iter().flat_map(move |r| r.find_iter(haystack))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<regex::Captures<'h>> {
        self.0.as_ref()?.captures(haystack)
    }

    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<regex::Captures<'h>> {
        self.0.as_ref()?.captures_at(haystack, start)
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + use<'r, 'h> {
        self.0.iter().flat_map(move |r| r.captures_iter(haystack))
    }

    pub fn replace<'h, R: regex::Replacer>(
        &self,
        haystack: &'h str,
        rep: R,
    ) -> std::borrow::Cow<'h, str> {
        match &self.0 {
            Some(r) => r.replace(haystack, rep),
            None => std::borrow::Cow::Borrowed(haystack),
        }
    }

    pub fn replace_all<'h, R: regex::Replacer>(
        &self,
        haystack: &'h str,
        rep: R,
    ) -> std::borrow::Cow<'h, str> {
        match &self.0 {
            Some(r) => r.replace_all(haystack, rep),
            None => std::borrow::Cow::Borrowed(haystack),
        }
    }
}

/// Defines a lazily compiled constant regex.
macro_rules! static_regex {
    ($(#[$meta:meta])* $vis:vis $name:ident, $pattern:expr) => {
        $(#[$meta])*
        $vis static $name: std::sync::LazyLock<$crate::parse::text::Pattern> =
            std::sync::LazyLock::new(|| $crate::parse::text::regex($pattern));
    };
}
pub(crate) use static_regex;

/// Whether `t` starts with one of `letters` (ASCII, lower case), ASCII case ignored: the
/// cheap test before a regex anchored at the start whose first word begins so. (Only the
/// letters k and s have other characters that match them case-insensitively, the Kelvin
/// sign and the long s; a pattern starting with them must not be guarded this way.)
pub fn leads_with(t: &str, letters: &[u8]) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|b| letters.contains(&b.to_ascii_lowercase()))
}

/// The byte offset of `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
/// The offset is always a char boundary of `haystack`, unlike one found in a lower-cased
/// copy, whose letters may have other byte lengths.
pub fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    // The first byte in either case by memchr (vectorised), then the rest compared: most
    // lines hold no candidate at all, and this is asked of every line.
    let last = h.len() - n.len();
    memchr::memchr2_iter(
        n[0].to_ascii_lowercase(),
        n[0].to_ascii_uppercase(),
        &h[..=last],
    )
    .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A sign-off label whose colon or tab was lost in extraction, followed by a person's
/// name: "Name Jane Moffat", "Report Author Jo Smith", "Contact Officer A Brown".
pub fn lost_colon_name(t: &str) -> Option<(&'static str, &str)> {
    const LABELS: [&str; 7] = [
        "Name of Author",
        "Report Author",
        "Contact Officer",
        "Lead Officer",
        "Author",
        "Officer",
        "Name",
    ];
    LABELS.iter().find_map(|label| {
        let rest = t.get(..label.len())?;
        if !rest.eq_ignore_ascii_case(label) {
            return None;
        }
        let value = t.get(label.len()..)?.strip_prefix(' ')?.trim();
        looks_like_name(value).then_some((*label, value))
    })
}

pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The text ends a sentence or introduces what follows.
pub fn ends_sentence(s: &str) -> bool {
    ends_sentence_rev(s.chars().rev())
}

/// [`ends_sentence`] of a text given backwards, one character at a time, so a caller can
/// ask it of a long paragraph without flattening it: the last meaningful character,
/// after trailing white space and then closing markup and quotes.
pub fn ends_sentence_rev(mut rev: impl Iterator<Item = char>) -> bool {
    let mut last = rev.find(|c| !c.is_whitespace());
    while let Some(c) = last
        && matches!(c, '*' | '"' | '\'' | '”' | '’' | ')' | '_')
    {
        last = rev.next();
    }
    match last {
        Some('.' | '!' | '?' | ':' | ';') => true,
        // A dash standing apart ("as follows –") ends a lead-in; one glued to the word
        // before it ("2023-", "well-") is a word or a range cut by the line's wrap.
        Some('-' | '–') => !rev.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// A line of HTML that opens a block of its own (`<li>`, `<p>`, a heading, a cell), as a
/// council's page saved as text gives each list item or paragraph, wrapped or not.
pub fn opens_html_block(cur: &str) -> bool {
    let Some(tag) = cur.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "li" | "p"
            | "div"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
    )
}

pub fn starts_lowercase(s: &str) -> bool {
    s.trim_start_matches(['*', '"', '\'', '‘', '“', '('])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

pub fn starts_uppercase_or_digit(s: &str) -> bool {
    s.trim_start_matches(['*', '"', '\'', '‘', '“', '(', '■', '●', '•'])
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

static_regex!(EMAIL, r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}");
static_regex!(
    PHONE,
    r"(?i)(?:\btel(?:ephone)?\b:?|\(0\d{2,4}\)|\b0\d{2,4}[ \d]{6,})"
);

pub fn emails(s: &str) -> impl Iterator<Item = &str> {
    EMAIL.find_iter(s).map(|m| m.as_str())
}

pub fn has_email(s: &str) -> bool {
    s.contains('@') && EMAIL.is_match(s)
}

pub fn has_phone(s: &str) -> bool {
    PHONE.is_match(s)
}

/// A person's name standing alone: "Derek Benson", "Jane Fowles", "Lara Knight/Michelle Rose".
pub fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    // The length first: most lines asked about are long paragraphs.
    s.len() <= 48
        && (2..=5).contains(&s.split_whitespace().count())
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ',' | '@' | '\t'))
        && s.split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Lower-cased content words of a title, for similarity: possessives, punctuation and
/// small words removed ("Children's" and "Children" compare equal).
pub fn title_words(s: &str) -> Vec<String> {
    const SMALL: &[&str] = &[
        "the", "and", "of", "for", "to", "in", "on", "a", "an", "with", "by", "at", "from", "s",
    ];
    let mut words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’'])
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        // Years and numbers differ in form ("2020-21", "2020/2021"); plurals too.
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
            _ => w,
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// How much of the shorter title the longer one contains, 0.0–1.0.
pub fn title_overlap(a: &str, b: &str) -> (f32, usize) {
    words_overlap(&title_words(a), &title_words(b))
}

/// [`title_overlap`] of two sorted, deduplicated lists of [`title_words`]: one merge.
pub fn words_overlap(a: &[String], b: &[String]) -> (f32, usize) {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0, 0);
    }
    (shared as f32 / smaller as f32, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_apart_ends_a_lead_in_a_hyphen_cut_by_the_wrap_does_not() {
        assert!(ends_sentence("The following were agreed –"));
        assert!(ends_sentence("as follows -"));
        assert!(!ends_sentence(
            "the Residential Children's Homes Strategy 2023-"
        ));
        assert!(!ends_sentence("apologies from Mr Paul Barrington-"));
        assert!(!ends_sentence("the funding system from 2026–"));
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing_instead_of_panicking() {
        let broken = regex(r"(unclosed");
        assert!(!broken.is_match("(unclosed"));
        assert!(broken.captures("x").is_none());
        assert_eq!(broken.find_iter("abc").count(), 0);
        assert_eq!(broken.replace_all("abc", "z"), "abc");
        let good = regex(r"\bab");
        assert!(good.is_match("x ab") && !good.is_match("xab"));
    }

    #[test]
    fn possessives_and_case_do_not_change_a_title() {
        let (score, shared) = title_overlap(
            "Coventry Safeguarding Children Partnership Annual Report 2020-2021",
            "Coventry Safeguarding Children's Partnership Annual report",
        );
        assert_eq!(score, 1.0);
        assert_eq!(shared, 6);
        let (score, _) = title_overlap(
            "Family Health and Lifestyle Services Annual Report 2020-2021",
            "Family Health and Lifestyles service Annual Report 2020-21",
        );
        assert_eq!(score, 1.0);
    }

    #[test]
    fn names_are_told_from_headings_and_sentences() {
        assert!(looks_like_name("Derek Benson"));
        assert!(looks_like_name("Lara Knight/Michelle Rose"));
        assert!(!looks_like_name("Contents"));
        assert!(!looks_like_name("Job Title: Early Help Manager"));
        assert!(!looks_like_name("The Board noted the report."));
    }

    #[test]
    fn sentence_ends_ignore_trailing_markup() {
        assert!(ends_sentence("Notes the current progress.**"));
        assert!(!ends_sentence("and that the Cabinet**"));
        assert!(ends_sentence("are recommended to:"));
    }

    #[test]
    fn contact_details_are_found() {
        assert!(has_email("Contact details: Adrian.Coles@coventry.gov.uk"));
        assert!(has_phone("Tel: (02476) 978470"));
        assert!(has_phone("Telephone: 024 76637693"));
        assert!(!has_phone("In 2018-19 4 Frontline programme students"));
    }
}
