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
    MINUTES_OF_BODY,
    r"(?i)^(?:(?:draft|unconfirmed|approved|confirmed)\s+)?minutes\s+of\s+(?:the\s+)?((?:[\w'’&,-]+\s+){0,7}(?:committee|sub-committee|board|cabinet|panel|forum|commission|assembly|executive))(?:\s+(?:held|on)\b.*)?$"
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
    for (n, t) in head.iter().enumerate() {
        let t = t.trim();
        let named = MINUTES_OF
            .captures(t)
            .or_else(|| MINUTES_OF_BODY_MEETING.captures(t))
            .or_else(|| MINUTES_OF_BODY.captures(t))
            .map(|c| c[1].trim().trim_end_matches([',', '.']).to_string())
            .map(|name| with_the_rest(name, &head[n + 1..]));
        if let Some(name) = named
            && !name.is_empty()
            && text::word_count(&name) <= 10
            && names_something(&name)
        {
            if !only_meeting_words(&name) {
                return Some(tidy(&name));
            }
            // "Minutes of the Annual Parish Meeting": the meeting of a parish's electors is
            // a body of its own; "Minutes of General Meeting" names none.
            let lower = name.to_lowercase();
            if lower.contains("annual") && (lower.contains("parish") || lower.contains("town")) {
                return Some(format!("{} Meeting", tidy(&name)));
            }
        }
    }
    // Else the first short line that names a body ("CORPORATE PARENTING PANEL – 10th
    // December 2024", "Souldern Parish Council"); a table row's cell that names one.
    let named: Vec<String> = head
        .iter()
        .take(15)
        // Columns: cells set apart by a tab or by a run of spaces.
        // A numbered line is an item, not a name; a report header's grid row ("5.1   Open
        // 12 July 2016   Planning Committee") names the meeting in its last cell.
        .filter(|t| {
            let cells = t.split("   ").filter(|c| !c.trim().is_empty()).count();
            !t.trim_start().starts_with(|c: char| c.is_ascii_digit()) || cells >= 3
        })
        .flat_map(|t| t.split('\t'))
        .flat_map(|t| {
            // A cell cut from a justified line ("Johnson Situ, Cabinet") is no name.
            let cells: Vec<&str> = t.split("   ").collect();
            let whole = cells.len() == 1;
            cells.into_iter().filter(move |c| whole || !c.contains(','))
        })
        .map(|t| t.trim())
        // "Council" alone names no body.
        .filter(|t| {
            !["council", "committee", "board", "panel"].contains(&t.to_lowercase().as_str())
        })
        .filter(|t| {
            BODY_WORD.is_match(t)
                && !t.starts_with(|c: char| c.is_ascii_digit() || "(•-–*".contains(c))
                && !t.ends_with('.')
                && !NOT_A_NAME.is_match(t)
                && !t.contains(':')
                && text::word_count(t) <= 12
                && !t.to_lowercase().starts_with("minutes")
        })
        .map(body_name)
        .filter(|t| !t.is_empty() && clean_name(t) && !OFFICER.is_match(t))
        .take(4)
        .collect();
    // A front sheet prints the council's name over the committee's ("ANYSHIRE COUNTY
    // COUNCIL" / "CABINET"): the committee is the body that meets.
    let Some(first) = named.first() else {
        // A summons names it in a sentence: "… to attend a meeting of the County Council".
        return head.iter().take(25).find_map(|t| {
            let c = MEETING_OF_BODY.captures(t)?;
            let name = c[1].trim();
            (names_something(name) && capitalised(name)).then(|| tidy(name))
        });
    };
    if council_name(first).is_some()
        && let Some(body) = named[1..]
            .iter()
            .find(|t| council_name(t).is_none() && capitalised(t) && !OFFICER.is_match(t))
    {
        return Some(body.clone());
    }
    Some(first.clone())
}

static_regex!(
    MEETING_OF_BODY,
    r"\b(?i:meeting\s+of\s+(?:the\s+)?)((?:(?:[A-Z][\w'’&-]*|and|of|the|&)\s+){0,6}?(?i:council|committee|sub-committee|board|panel|cabinet|forum|commission|assembly))\b"
);

static_regex!(
    OFFICER,
    r"(?i)\b(?:director|officer|manager|head\s+of|clerk|chief\s+executive)\b"
);

/// A body's name from a line that names it: a date, or words that are not the body's,
/// after a dash dropped ("CORPORATE PARENTING PANEL – 10th December 2024", "Cabinet –
/// Public Question"), and the meeting after the name ("Town Council Meeting 21 February
/// 2017", "Parish Council AGM").
fn body_name(t: &str) -> String {
    let mut t = t;
    if let Some(at) = t.find(" – ").or_else(|| t.find(" - "))
        && BODY_WORD.is_match(&t[..at])
        && (super::dates::find_iso(&t[at..]).is_some() || !BODY_WORD.is_match(&t[at..]))
    {
        t = &t[..at];
    }
    if let Some(m) = MEETING_AFTER.find(t)
        && BODY_WORD.is_match(&t[..m.start()])
    {
        t = &t[..m.start()];
    }
    tidy(t)
}

static_regex!(
    MEETING_AFTER,
    r"(?i)\s+(?:(?:annual|ordinary|extraordinary|special|monthly|general)\s+)*(?:meeting\b.*|agm\b.*|egm\b.*)$"
);

/// "General", "Annual General", "Annual Parish": the kind of meeting, not a body.
fn only_meeting_words(name: &str) -> bool {
    !BODY_WORD.is_match(name)
        && name.split_whitespace().all(|w| {
            [
                "annual",
                "general",
                "ordinary",
                "extraordinary",
                "special",
                "monthly",
                "parish",
                "town",
                "full",
            ]
            .contains(&w.to_lowercase().as_str())
        })
}

/// One name for the body that met, within its council: the full council's meeting, however
/// a pack calls it ("Council", "Full Council", "County Council", "Parish Council"), is the
/// council's own name, as a parish's minutes print it ("Souldern Parish Council").
pub fn committee_within(committee: &str, council: &str) -> String {
    let c = committee.trim();
    let lower = c.to_lowercase();
    let council_lower = council.to_lowercase();
    let mut bare = lower.strip_prefix("the ").unwrap_or(&lower);
    // "Annual Parish Council", "Extraordinary Council": a meeting of the council.
    for w in ["annual ", "ordinary ", "extraordinary ", "special "] {
        bare = bare.strip_prefix(w).unwrap_or(bare);
    }
    let full = ["council", "full council"].contains(&bare)
        || (bare.ends_with(" council")
            && text::word_count(bare) <= 3
            && council_lower.ends_with(bare)
            && bare.split_whitespace().all(|w| {
                NOT_COUNCIL_NAMES.contains(&w) || w == "council" || council_lower.contains(w)
            }));
    if full {
        council.to_string()
    } else {
        c.to_string()
    }
}

static_regex!(
    COUNCIL,
    r"(?i)^(?:the\s+)?(?:(?:london|royal)\s+borough\s+of\s+[a-z][\w'’&. -]{1,40}|[a-z][\w'’&.-]*(?:\s+[a-z(&][\w'’&.()-]*){0,5}?\s+(?:city|county|borough|district|parish|town|community|metropolitan\s+borough|unitary)?\s*council|greater\s+london\s+authority|cyngor\s+(?:[a-z][\w'’-]*\s+){0,4}?(?:sir|dinas|bwrdeistref|cymuned|tref)\b[\w\s'’-]{0,40})$"
);

/// Words that name a meeting of a council, not a council: "Full Council", "County
/// Council" alone (Kent's full council), "Special Parish Council".
const NOT_COUNCIL_NAMES: [&str; 12] = [
    "full",
    "the",
    "special",
    "extraordinary",
    "annual",
    "ordinary",
    "meeting",
    "county",
    "parish",
    "town",
    "city",
    "district",
];

// A council's name inside a line ("Minutes of the meeting of West Dereham Parish Council
// held on …", "Greater London Authority, City Hall"): capitalised words before a council
// type, so "the Council" or "a town council" are not names.
static_regex!(
    COUNCIL_IN_LINE,
    r"\b(?:(?i:London|Royal)\s+(?i:Borough)\s+(?i:of)\s+[A-Z][\w'’-]+(?:\s+(?:(?i:and)\s+)?[A-Z][\w'’-]+)?|(?i:Greater\s+London\s+Authority)|[A-Z][\w'’-]+(?:\s+(?:(?i:and|upon|on|cum|in|under|by)\s+|&\s+)?[A-Z][\w'’-]+){0,4}\s+(?i:City\s+and\s+County|City|County|Borough|District|Parish|Town|Community|Metropolitan\s+Borough)\s+(?i:Council)|(?i:Cyngor\s+(?:Cymuned|Tref|Dinas|Sir|Bwrdeistref\s+Sirol))\s+[A-Z][\w'’-]+(?:\s+(?i:a|ac)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+){0,3})"
);

/// First words of lines that speak of a council without being its name.
const NOT_COUNCIL_START: [&str; 14] = [
    "minutes", "report", "agenda", "meeting", "notice", "summons", "to", "of", "for", "by", "at",
    "dear", "members", "reports",
];

/// A name's words start with capitals, but for the small words inside it ("Stratford
/// upon Avon", "Burton cum Walden", "London Borough of Southwark").
/// A heading cut over lines ("MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND" /
/// "COUNTY" / "COUNCIL"): a name ending on a joining word takes the short lines below.
fn with_the_rest(mut name: String, below: &[&str]) -> String {
    let open = |n: &str| {
        let last = n.split_whitespace().last().unwrap_or("").to_lowercase();
        ["and", "of", "for", "&", "the", "upon"].contains(&last.as_str())
    };
    let ends_with_body = |n: &str| BODY_WORD.is_match(n.split_whitespace().last().unwrap_or(""));
    for t in below
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .take(3)
    {
        let carried = open(&name) || (!ends_with_body(&name) && text::word_count(t) <= 2);
        if !carried || text::word_count(t) > 4 {
            break;
        }
        name.push(' ');
        name.push_str(t.trim_end_matches([',', '.']));
    }
    name
}

/// A line that could be a body's name: letters and a name's punctuation only, not OCR
/// noise ("COUNCIL Mere Hs —_").
fn clean_name(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || "&'’(),.-–".contains(c))
        && capitalised(t)
}

fn capitalised(t: &str) -> bool {
    // English joining words, and Welsh "a" (and).
    const SMALL: [&str; 13] = [
        "of", "and", "the", "upon", "on", "le", "cum", "in", "by", "under", "for", "with", "a",
    ];
    t.split_whitespace().all(|w| {
        let w = w.trim_start_matches(['(', '\'', '’']);
        SMALL.contains(&w.to_lowercase().as_str())
            || w.chars().all(|c| "-–—&".contains(c))
            || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '&')
    })
}

/// The council a pack names: the first short line in its first lines that is a council's
/// name ("Kent County Council", "SOULDERN PARISH COUNCIL", "London Borough of Southwark"),
/// else the name most often printed in its page furniture or text. Lines are read once;
/// only lines that hold a council word are matched.
pub fn council<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut in_a_line = None;
    for (n, line) in lines.into_iter().enumerate() {
        let whole = council_name(line);
        // In the first lines, the letterhead or the front sheet's title decides; a name
        // inside a title line there is taken when no line is a name on its own.
        if n < 40 {
            if whole.is_some() {
                return whole;
            }
            if n < 15 && in_a_line.is_none() {
                in_a_line = council_in_line(line);
            }
            continue;
        }
        let Some(name) = whole else {
            continue;
        };
        if in_a_line.is_some() {
            break;
        }
        match counts.iter_mut().find(|(c, _, _)| *c == name) {
            Some(entry) => entry.1 += 1,
            None => counts.push((name, 1, n)),
        }
    }
    // Further down, a name printed once may be anything the text mentions ("Mayoral Data
    // Council"); a running header or footer prints it on page after page.
    if in_a_line.is_some() {
        return in_a_line;
    }
    counts
        .into_iter()
        .filter(|(_, n, _)| *n >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(name, _, _)| name)
}

/// A council's full name printed inside a line.
fn council_in_line(line: &str) -> Option<String> {
    let lower_line = line.to_lowercase();
    if !["council", "authority", "borough", "cyngor"]
        .iter()
        .any(|w| lower_line.contains(w))
    {
        return None;
    }
    let m = COUNCIL_IN_LINE.find(line)?;
    // The pattern takes any capitalised words before the council type: "MINUTES OF THE
    // WEST DEREHAM PARISH COUNCIL". Words that open a title are not the name.
    let mut start = m.start();
    for word in m.as_str().split_whitespace() {
        let w = word.to_lowercase();
        if !(NOT_COUNCIL_START.contains(&w.as_str())
            || [
                "minutes",
                "draft",
                "the",
                "a",
                "an",
                "ordinary",
                "annual",
                "extraordinary",
                "special",
                "meeting",
            ]
            .contains(&w.as_str()))
        {
            break;
        }
        start = line[start..]
            .find(word)
            .map_or(start, |at| start + at + word.len());
        start += line[start..].len() - line[start..].trim_start().len();
    }
    let name = line[start..m.end()].trim();
    // Where a line names the meeting's own council: a title ("Minutes of the meeting of
    // X Parish Council held on …", "Agenda for …"), or the name first, then punctuation
    // ("Greater London Authority, City Hall"). A sentence that mentions another council
    // ("… in the London Borough of Barking", "Birmingham City Council has agreed") is not.
    let before = line[..start]
        .trim()
        .trim_start_matches(['*', '#'])
        .to_lowercase();
    let after = line[m.end()..].trim_start();
    let titled = [
        "minutes",
        "draft minutes",
        "agenda",
        "notice",
        "meeting",
        "ordinary",
        "annual",
        "extraordinary",
        "special",
    ]
    .iter()
    .any(|w| before.starts_with(w));
    let name_first = before.is_empty()
        && (after.is_empty() || after.starts_with([',', '–', '-', ':', '|', '(', '*']));
    // "The Parish Council": a council type with no name before it.
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let unnamed = [
        "city",
        "county",
        "borough",
        "district",
        "parish",
        "town",
        "community",
        "metropolitan",
    ]
    .contains(&first.as_str());
    ((titled || name_first) && text::word_count(name) >= 2 && !unnamed).then(|| tidy(name))
}

/// The committee's name when it is the council's own (full council minutes).
pub fn council_named(committee: &str) -> Option<String> {
    council_name(committee)
}

/// A line that is a council's name and nothing else, tidied.
fn council_name(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_matches(|c: char| c == '*' || c == '#' || c == '|' || c.is_whitespace())
        .trim_end_matches(['.', ',', ':']);
    if t.len() > 80 || t.is_empty() {
        return None;
    }
    // Asked of every line: the key words are looked for before anything is allocated.
    if !["council", "borough", "authority"]
        .iter()
        .any(|w| text::find_ascii_ci(t, w).is_some())
        && !text::leads_with(t, b"c")
    {
        return None;
    }
    let lower = t.to_lowercase();
    if !(lower.contains("council")
        || lower.contains("borough")
        || lower.contains("authority")
        || lower.starts_with("cyngor"))
    {
        return None;
    }
    if !COUNCIL.is_match(t) || NOT_A_NAME.is_match(t) {
        return None;
    }
    // "Full Council", "County Council": the meeting, not the council's name.
    let first = lower.split_whitespace().next().unwrap_or("");
    if lower.ends_with("council") && text::word_count(t) <= 3 && NOT_COUNCIL_NAMES.contains(&first)
    {
        return None;
    }
    if text::word_count(t) < 2 || !capitalised(t) || NOT_COUNCIL_START.contains(&first) {
        return None;
    }
    // "… Vacancy on Council", "London Borough of Southwark Pension Fund": a subject, or a
    // body of the council, not its name.
    let words: Vec<&str> = lower.split_whitespace().collect();
    let before_last = words
        .len()
        .checked_sub(2)
        .and_then(|i| words.get(i))
        .copied();
    if (lower.ends_with("council")
        && before_last
            .is_some_and(|w| ["on", "of", "to", "the", "for", "in", "by", "at"].contains(&w)))
        || words.last().is_some_and(|w| {
            [
                "fund",
                "committee",
                "panel",
                "board",
                "cabinet",
                "forum",
                "executive",
                "assembly",
            ]
            .contains(w)
        })
    {
        return None;
    }
    Some(tidy(t))
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
pub(crate) fn tidy(name: &str) -> String {
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
            // "BURTON-CUM-WALDEN" → "Burton-cum-Walden".
            lower
                .split('-')
                .enumerate()
                .map(|(i, part)| {
                    if i > 0
                        && ["cum", "upon", "on", "le", "in", "under", "by", "the"].contains(&part)
                    {
                        return part.to_string();
                    }
                    let mut c = part.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().chain(c).collect(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committee_is_named_whole_and_never_by_noise_an_officer_or_a_cut_cell() {
        // Cut from other-councils/02 (Limerick): the heading cut over three lines.
        let head = [
            "MINUTES OF PROCEEDINGS AT MEETING OF LIMERICK CITY AND",
            "",
            "COUNTY",
            "",
            "COUNCIL",
        ];
        assert_eq!(
            committee(head).as_deref(),
            Some("Limerick City and County Council")
        );
        // Cut from other-councils/01: OCR noise under the crest, then the summons.
        let head = [
            "COUNCIL Mere Hs —_",
            "You are requested to attend Meeting of Limerick City and County Council to be held in the",
        ];
        assert_eq!(
            committee(head).as_deref(),
            Some("Limerick City and County Council")
        );
        // Cut from corpus 01 and 02 (Southwark): a report header's grid row names the
        // meeting in its last cell; "From: Deputy Chief Executive" is an officer.
        let head = [
            "Item No.   Classification:   Date:            Meeting Name:",
            "     5.1        Open               12 July 2016          Planning Committee",
        ];
        assert_eq!(committee(head).as_deref(), Some("Planning Committee"));
        let head = [" From:                                 Deputy Chief Executive"];
        assert_eq!(committee(head), None);
        // Cut from corpus 05: a justified line's cells are not names.
        let head = [
            "     Response by Councillor         Johnson Situ, Cabinet         Member     for   Growth,",
        ];
        assert_eq!(committee(head), None);
    }

    #[test]
    fn council_names_as_packs_print_them() {
        for (line, name) in [
            ("Kent County Council", "Kent County Council"),
            ("**SOULDERN PARISH COUNCIL**", "Souldern Parish Council"),
            ("London Borough of Southwark", "London Borough of Southwark"),
            (
                "Royal Sutton Coldfield Town Council",
                "Royal Sutton Coldfield Town Council",
            ),
            ("Coventry City Council", "Coventry City Council"),
            ("Greater London Authority", "Greater London Authority"),
            (
                "Manordeilo and Salem Community Council",
                "Manordeilo and Salem Community Council",
            ),
            ("Southwark Council", "Southwark Council"),
            (
                "BURTON-CUM-WALDEN PARISH COUNCIL",
                "Burton-cum-Walden Parish Council",
            ),
        ] {
            assert_eq!(council_name(line).as_deref(), Some(name), "{line}");
        }
        for not in [
            "County Council",
            "Full Council",
            "Council",
            "Special Parish Council",
            "The meeting of the Council",
            "Minutes of the Parish Council",
            "Report to the Council",
            "email: clerk@council.gov.uk",
            "Parish Council meeting held on 4 March 2020",
            "Filling of Casual Vacancy on Council",
            "London Borough of Southwark Pension Fund",
        ] {
            assert_eq!(council_name(not), None, "{not}");
        }
        for (line, name) in [
            (
                "Minutes of the meeting of West Dereham Parish Council held on 1 June 2017",
                "West Dereham Parish Council",
            ),
            (
                "Greater London Authority, City Hall, London SE1",
                "Greater London Authority",
            ),
            (
                "Draft minutes of Manordeilo and Salem Community Council meeting",
                "Manordeilo and Salem Community Council",
            ),
            (
                "Ordinary Meeting of Limerick City and County Council on 23 May 2016",
                "Limerick City and County Council",
            ),
        ] {
            assert_eq!(council_in_line(line).as_deref(), Some(name), "{line}");
        }
        for not in [
            "The Council agreed to write to a town council nearby.",
            "the parish council",
            "Minutes of the meeting of The Parish Council",
            "in the London Borough of Barking and Dagenham",
            "Birmingham City Council has agreed to fund the play area.",
        ] {
            assert_eq!(council_in_line(not), None, "{not}");
        }
        let lines = ["AGENDA", "County Council", "Thursday, 9th January, 2025"];
        assert_eq!(council(lines), None, "Kent's full council names no council");
        let mut text: Vec<String> = (0..50)
            .map(|i| format!("Paragraph {i} of the report."))
            .collect();
        text.push("Mayoral Data Council".into());
        for page in 0..3 {
            text.push(format!("Paragraph on page {page}."));
            text.push("Kent County Council".into());
        }
        let refs: Vec<&str> = text.iter().map(String::as_str).collect();
        assert_eq!(
            council(refs).as_deref(),
            Some("Kent County Council"),
            "a footer names it; a name printed once far down does not"
        );
    }

    #[test]
    fn the_full_councils_meeting_has_the_councils_name() {
        for (committee, council, want) in [
            (
                "County Council",
                "Kent County Council",
                "Kent County Council",
            ),
            ("Full Council", "Anyshire Council", "Anyshire Council"),
            (
                "Parish Council",
                "Burton-cum-Walden Parish Council",
                "Burton-cum-Walden Parish Council",
            ),
            (
                "Annual Parish Council",
                "Souldern Parish Council",
                "Souldern Parish Council",
            ),
            ("Cabinet", "Kent County Council", "Cabinet"),
            ("Town Council", "Kent County Council", "Town Council"),
            (
                "Annual Parish Meeting",
                "Souldern Parish Council",
                "Annual Parish Meeting",
            ),
        ] {
            assert_eq!(
                committee_within(committee, council),
                want,
                "{committee} at {council}"
            );
        }
    }

    #[test]
    fn committee_from_the_shapes_councils_use() {
        let cases: [(&[&str], Option<&str>); 15] = [
            // The council's name over the committee's, as a front sheet prints them.
            (
                &[
                    "ANYSHIRE COUNTY COUNCIL",
                    "CABINET",
                    "Thursday, 5 December 2024",
                ],
                Some("Cabinet"),
            ),
            // … but not a line that speaks to the council's members.
            (
                &[
                    "TINTERN COMMUNITY COUNCIL",
                    "To members of the Public and all Members of the Council",
                ],
                Some("Tintern Community Council"),
            ),
            (
                &["Royal Sutton Coldfield Town Council Meeting 21 February 2017"],
                Some("Royal Sutton Coldfield Town Council"),
            ),
            (&["Cabinet – Public Question"], Some("Cabinet")),
            (
                &["Open\tFebruary 2015\tCabinet Member for Regeneration"],
                Some("Cabinet Member for Regeneration"),
            ),
            (
                &["Minutes of the Annual Parish Meeting held on 25 April 2023"],
                Some("Annual Parish Meeting"),
            ),
            (&["Minutes of General Meeting, Monday 3 July 2023"], None),
            (
                &[
                    "Dear Member,",
                    "You are summoned to attend a meeting of the County Council to be held in",
                ],
                Some("County Council"),
            ),
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
