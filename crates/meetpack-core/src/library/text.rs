//! Words, titles and committee names reduced for comparison.

/// Function words and the generic words of agenda titles, which say nothing of the topic.
const STOP: &[&str] = &[
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "that",
    "the",
    "their",
    "this",
    "to",
    "was",
    "were",
    "will",
    "with",
    "update",
    "updates",
    "report",
    "reports",
    "briefing",
    "note",
    "notes",
    "progress",
    "annual",
    "item",
    "items",
    "paper",
    "papers",
    "verbal",
    "presentation",
];

/// Lower-case words of letters and digits; a possessive `'s` is dropped ("children's" →
/// "children"), so "Children's Services" and "Childrens Services" compare equal.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = raw.trim_matches(|c| c == '\'' || c == '’').to_lowercase();
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(&w)
            .replace(['\'', '’'], "");
        if !w.is_empty() {
            out.push(w);
        }
    }
    out
}

/// The words of a title that name its topic: no function words, a plural `s` dropped.
pub fn topic_words(title: &str) -> Vec<String> {
    let mut out: Vec<String> = words(title)
        .into_iter()
        .filter(|w| !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| singular(&w))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn singular(w: &str) -> String {
    match w.strip_suffix('s') {
        Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
        _ => w.to_string(),
    }
}

/// How alike two titles are by their topic words (Jaccard, 0..1).
pub fn title_similarity(a: &str, b: &str) -> f64 {
    jaccard(&topic_words(a), &topic_words(b))
}

/// Jaccard similarity of two sorted, de-duplicated lists.
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// A committee's name reduced for matching: lower case, `&` as "and", no punctuation or
/// leading "the". "Education and Children's Services Scrutiny Board (2)" →
/// "education and children services scrutiny board 2".
pub fn committee_key(name: &str) -> String {
    let name = name.replace('&', " and ");
    let mut w = words(&name);
    if w.first().is_some_and(|f| f == "the") {
        w.remove(0);
    }
    w.join(" ")
}

/// A council's name reduced for matching, as [`committee_key`] reduces a committee's:
/// "The Burton-cum-Walden Parish Council" → "burton cum walden parish council"; None for
/// a name with no words.
pub fn council_key(name: &str) -> Option<String> {
    Some(committee_key(name)).filter(|k| !k.is_empty())
}

/// Whether two committee keys name the same body: the same numbers ("Board (1)" is not
/// "Board (2)") and most words shared, or one name's words all inside the other's (a
/// note's "To:" line often shortens the name).
pub fn same_committee(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let split = |k: &str| {
        let mut nums: Vec<String> = Vec::new();
        let mut ws: Vec<String> = Vec::new();
        for w in k.split(' ').filter(|w| !w.is_empty()) {
            if w.chars().all(|c| c.is_ascii_digit()) {
                nums.push(w.to_string());
            } else {
                ws.push(w.to_string());
            }
        }
        nums.sort();
        ws.sort();
        ws.dedup();
        (nums, ws)
    };
    let (na, wa) = split(a);
    let (nb, wb) = split(b);
    if na != nb || wa.is_empty() || wb.is_empty() {
        return false;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let inside = shared == wa.len().min(wb.len()) && shared >= 3;
    inside || jaccard(&wa, &wb) >= 0.75
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_and_plurals_compare_equal() {
        assert_eq!(
            topic_words("Children's Services Improvement"),
            topic_words("Childrens Service improvements")
        );
        assert!(title_similarity("Work Programme", "Work Programme 2023-24") > 0.99);
        assert_eq!(title_similarity("Libraries Update", "Family Hubs"), 0.0);
    }

    #[test]
    fn committee_names_match_across_shortened_forms_but_not_numbers() {
        let full = committee_key("Education and Children's Services Scrutiny Board (2)");
        let short = committee_key("Education & Children's Scrutiny Board (2)");
        assert_eq!(full, "education and children services scrutiny board 2");
        assert!(same_committee(&full, &short));
        let other = committee_key("Education and Children's Services Scrutiny Board (1)");
        assert!(!same_committee(&full, &other));
        assert!(!same_committee(
            &committee_key("Planning Committee"),
            &committee_key("Licensing Committee")
        ));
    }

    #[test]
    fn council_keys_match_spellings_of_one_name() {
        assert_eq!(
            council_key("BURTON-CUM-WALDEN Parish Council").as_deref(),
            Some("burton cum walden parish council")
        );
        assert_eq!(
            council_key("The Brighton & Hove City Council"),
            council_key("Brighton and Hove City Council")
        );
        assert_ne!(
            council_key("Kent County Council"),
            council_key("Coventry City Council")
        );
        assert_eq!(council_key(" - "), None);
    }
}
