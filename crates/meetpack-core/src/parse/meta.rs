//! What meeting a document is for: the committee's name and the meeting date, from the
//! shapes councils use at the top of minutes, front sheets and reports.

use super::text::{self, static_regex};

static_regex!(
    MINUTES_OF,
    r"(?i)^minutes\s+of\s+(?:the\s+|an?\s+)?(?:(?:annual|ordinary|extraordinary|special|virtual|remote|public|parish|monthly)\s+)*(?:meeting|proceedings)\s+(?:at\s+(?:the\s+)?meeting\s+)?of\s+(?:the\s+)?(.+?)(?:\s+(?:held|at|on|in)\b.*|,.*|\.)?$"
);
static_regex!(
    MINUTES_OF_BODY_MEETING,
    r"(?i)^minutes\s+of\s+(?:the\s+)?(.+?)\s+(?:(?:annual|ordinary|extraordinary|special|monthly)\s+)?meeting\b"
);
static_regex!(
    BODY_WORD,
    r"(?i)\b(?:council|committee|sub-committee|board|panel|cabinet|forum|commission|assembly|executive|cyngor|pwyllgor)\b"
);
static_regex!(
    NOT_A_NAME,
    r"(?i)@|https?:|\b(?:dear|tel|telephone|e-?mail|phone|page|clerk|summons|summoned|agenda item|to:|from:)\b"
);

/// The committee (or council) a document's first lines name, as a person would say it.
pub fn committee<'a>(head: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let head: Vec<&str> = head.into_iter().take(25).collect();
    // "Minutes of a meeting of the Cabinet held on …" names it outright.
    for t in &head {
        let t = t.trim();
        let named = MINUTES_OF
            .captures(t)
            .or_else(|| MINUTES_OF_BODY_MEETING.captures(t))
            .map(|c| c[1].trim().trim_end_matches([',', '.']).to_string());
        if let Some(name) = named
            && !name.is_empty()
            && text::word_count(&name) <= 10
            && names_something(&name)
        {
            return Some(tidy(&name));
        }
    }
    // Else the first short line that names a body ("CORPORATE PARENTING PANEL – 10th
    // December 2024", "Souldern Parish Council").
    head.iter()
        .take(15)
        .map(|t| t.trim())
        .filter(|t| {
            BODY_WORD.is_match(t)
                && !t.starts_with(|c: char| c.is_ascii_digit() || "(•-–*".contains(c))
                && !t.ends_with('.')
                && !NOT_A_NAME.is_match(t)
                && !t.contains(':')
                && text::word_count(t) <= 12
                && !t.to_lowercase().starts_with("minutes")
        })
        .map(|t| {
            // Drop a date after a dash.
            let cut = t
                .find(" – ")
                .or_else(|| t.find(" - "))
                .filter(|&at| super::dates::find_iso(&t[at..]).is_some())
                .unwrap_or(t.len());
            tidy(&t[..cut])
        })
        .find(|t| !t.is_empty())
}

/// "the", "above Council", "meeting": words that refer to a body without naming it.
fn names_something(name: &str) -> bool {
    let lower = name.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    ![
        "the", "a", "an", "this", "that", "above", "said", "meeting", "said",
    ]
    .contains(&first)
        && lower.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// Capitals throughout become title case ("SOULDERN PARISH COUNCIL" → "Souldern Parish
/// Council"); anything else stays as written.
fn tidy(name: &str) -> String {
    let name = name
        .trim()
        .trim_end_matches([',', '.', ':', '–', '-'])
        .trim();
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            if ["and", "of", "the", "for", "a"].contains(&lower.as_str()) {
                return lower;
            }
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committee_from_the_shapes_councils_use() {
        let cases: [(&[&str], Option<&str>); 7] = [
            (
                &["MINUTES of a meeting of the County Council held in the Council Chamber,"],
                Some("County Council"),
            ),
            (
                &["MINUTES OF THE MEETING OF SOULDERN PARISH COUNCIL"],
                Some("Souldern Parish Council"),
            ),
            (
                &["MINUTES OF WRETTON PARISH COUNCIL MEETING HELD AT ALL SAINTS CHURCH"],
                Some("Wretton Parish Council"),
            ),
            (
                &[
                    "CORPORATE PARENTING PANEL – 10th December 2024",
                    "MINUTES of the meeting held in the Darent Room",
                ],
                Some("Corporate Parenting Panel"),
            ),
            (
                &[
                    "TINTERN COMMUNITY COUNCIL",
                    "Minutes of a meeting of the above Council held on Monday 24th September 2018",
                ],
                Some("Tintern Community Council"),
            ),
            (&["Clerk : Joan Todd   Telephone : 017683 52469"], None),
            (&["Minutes of the meeting held on 29 October 2024"], None),
        ];
        for (lines, want) in cases {
            assert_eq!(
                committee(lines.iter().copied()).as_deref(),
                want,
                "{lines:?}"
            );
        }
    }
}
