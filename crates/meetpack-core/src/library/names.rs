//! People's names as minutes write them, reconciled: "Councillor CE Thomas (Chair)",
//! "Cllr C E Thomas" and "CE Thomas" are one person.

use std::collections::BTreeMap;

/// A written name reduced to what identifies a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Lower-case surname.
    pub surname: String,
    /// Upper-case initials of the given names, in order ("CE").
    pub initials: String,
    /// "CE Thomas": initials then surname as written (capitalised).
    pub display: String,
}

const TITLES: &[&str] = &[
    "councillor",
    "councillors",
    "cllr",
    "cllrs",
    "county",
    "borough",
    "district",
    "city",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "rev",
    "revd",
    "reverend",
    "sir",
    "dame",
    "lord",
    "lady",
    "alderman",
    "co-opted",
    "coopted",
    "member",
    "cynghorydd",
    "cynghorwyr",
    "the",
    "and",
];

/// Words that end a job title, never a surname ("Chief Legal Officer").
const ROLE_WORDS: &[&str] = &[
    "officer",
    "director",
    "manager",
    "lead",
    "executive",
    "member",
    "members",
    "chair",
    "clerk",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "service",
    "services",
    "team",
    "council",
    "board",
    "committee",
    "head",
    "governance",
    "people",
    "resources",
    // Posts a minute lists without a name ("Accountant", "the Mayor").
    "accountant",
    "solicitor",
    "secretary",
    "treasurer",
    "mayor",
    "planner",
    "administrator",
    "assistant",
    "auditor",
    "consultant",
    "engineer",
    "surveyor",
    "inspector",
    "warden",
    "representative",
    "representatives",
    "public",
    "press",
    "students",
    "residents",
    "centre",
    "center",
    "school",
    "college",
    // The headings that follow a list ("UNRESTRICTED ITEMS").
    "items",
    "item",
    "business",
    "apologies",
    "minutes",
    "agenda",
    "present",
    "attendance",
    "absent",
    "none",
];

/// The names in one attendance entry: "Children's Services S Bates, C Donovan, J Gregg"
/// holds three; "Julie Newman, Chief Legal Officer" one (the rest is her role).
pub fn split_entry(written: &str) -> Vec<(String, Name)> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in written.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && (c == ',' || c == ';') {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts {
        // "T Khan and S Nazir" is two people, "Law and Governance G Holmes" one.
        let pieces: Vec<(String, Option<Name>)> = part
            .split(" and ")
            .map(|p| (p.trim().to_string(), parse(p.trim())))
            .collect();
        if pieces.len() > 1
            && pieces
                .iter()
                .all(|(_, n)| n.as_ref().is_some_and(|n| !n.initials.is_empty()))
        {
            out.extend(pieces.into_iter().filter_map(|(p, n)| Some((p, n?))));
        } else if let Some(name) = parse(part.trim()) {
            out.push((part.trim().to_string(), name));
        }
    }
    out
}

/// Words that end a place's name ("London Road") and some surnames ("J Hall"): a name
/// ending so is a person's only with a title or initials before it.
const PLACE_WORDS: &[&str] = &[
    "road", "street", "lane", "avenue", "drive", "way", "hall", "house", "park", "church",
    "square", "court", "gardens", "crescent", "terrace", "green", "hill", "close",
];

/// Reads a person's name out of one name of an attendance entry, or `None` when it is no
/// name ("Julie Newman" → Newman J; "Councillor T Khan (Chair)" → Khan T; "Law and
/// Governance G Holmes" → Holmes G).
pub fn parse(written: &str) -> Option<Name> {
    // Role notes in parentheses and after a dash are not the name.
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in written.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .split([',', ';', '–', '—'])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("");
    let all: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|t| !t.is_empty())
        .collect();
    let tokens: Vec<&str> = all
        .iter()
        .copied()
        .filter(|t| !TITLES.contains(&t.to_lowercase().as_str()))
        .collect();
    let titled = tokens.len() < all.len();
    let (surname, before) = tokens.split_last()?;
    let surname_ok = surname.chars().next().is_some_and(char::is_uppercase)
        && surname.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && surname
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !ROLE_WORDS.contains(&surname.to_lowercase().as_str());
    if !surname_ok {
        return None;
    }
    // Initials just before the surname ("C E", "CE"); else one given name ("Julie").
    // Words before those are a directorate or a role ("Children's Services").
    let is_initials = |t: &str| {
        let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty() && letters.len() <= 3 && letters.iter().all(|c| c.is_uppercase())
    };
    let mut initials = String::new();
    let mut i = before.len();
    while i > 0 && is_initials(before[i - 1]) {
        i -= 1;
    }
    if i < before.len() {
        for t in &before[i..] {
            initials.extend(t.chars().filter(|c| c.is_alphabetic()));
        }
    } else if let Some(given) = before.last() {
        let ok = given.chars().next().is_some_and(char::is_uppercase)
            && given.chars().skip(1).all(char::is_lowercase)
            && before.len() == 1;
        if !ok {
            return None;
        }
        initials.extend(given.chars().next());
    }
    if initials.len() <= 1
        && !titled
        && before.iter().all(|t| !is_initials(t))
        && PLACE_WORDS.contains(&surname.to_lowercase().as_str())
    {
        return None;
    }
    let mut surname_display: String = surname.to_string();
    if surname_display.chars().all(|c| !c.is_lowercase()) && surname_display.len() > 3 {
        // "THOMAS" in a shouted list: shown as "Thomas".
        let mut cs = surname_display.chars();
        surname_display = cs
            .next()
            .into_iter()
            .chain(cs.flat_map(char::to_lowercase))
            .collect();
    }
    let display = if initials.is_empty() {
        surname_display.clone()
    } else {
        format!("{initials} {surname_display}")
    };
    Some(Name {
        surname: surname.to_lowercase(),
        initials,
        display,
    })
}

/// Groups names that are one person, returning for each name given its group's index.
///
/// Same surname and initials are one person. A name with fewer initials ("C Thomas",
/// "Thomas") joins the one fuller name those initials begin, when exactly one does; when
/// two do ("CE Thomas" and "CJ Thomas"), it stays apart rather than guess.
pub fn reconcile(names: &[Name]) -> Vec<usize> {
    let mut by_surname: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for n in names {
        let list = by_surname.entry(n.surname.as_str()).or_default();
        if !list.contains(&n.initials.as_str()) {
            list.push(n.initials.as_str());
        }
    }
    // Each (surname, initials) to the fullest initials it stands for.
    let mut canonical: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for (surname, list) in &by_surname {
        for &ini in list {
            let fuller: Vec<&str> = list
                .iter()
                .copied()
                .filter(|o| o.len() > ini.len() && o.starts_with(ini))
                .collect();
            // The maximal names among the fuller ones.
            let maximal: Vec<&str> = fuller
                .iter()
                .copied()
                .filter(|o| !fuller.iter().any(|p| p.len() > o.len() && p.starts_with(o)))
                .collect();
            let target = if maximal.len() == 1 { maximal[0] } else { ini };
            canonical.insert((surname, ini), target);
        }
    }
    let mut groups: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    names
        .iter()
        .map(|n| {
            let key = (
                n.surname.as_str(),
                canonical[&(n.surname.as_str(), n.initials.as_str())],
            );
            let next = groups.len();
            *groups.entry(key).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_roles_and_spacing_do_not_change_the_person() {
        let a = parse("Councillor CE Thomas (Chair)").unwrap();
        let b = parse("Cllr C E Thomas").unwrap();
        let c = parse("CE Thomas").unwrap();
        assert_eq!(a, b);
        assert_eq!(b, c);
        assert_eq!(a.display, "CE Thomas");
        let sub = parse("Councillor N Akhtar (substitute for Cllr R Lancaster)").unwrap();
        assert_eq!(sub.display, "N Akhtar");
        let officer = parse("Julie Newman, Chief Legal Officer").unwrap();
        assert_eq!(
            (officer.surname.as_str(), officer.initials.as_str()),
            ("newman", "J")
        );
        assert_eq!(parse("Mrs S Hanson").unwrap().display, "S Hanson");
        assert_eq!(
            parse("Law and Governance G Holmes").unwrap().display,
            "G Holmes"
        );
        let several: Vec<String> = split_entry("Children's Services S Bates, C Donovan, J Gregg")
            .into_iter()
            .map(|(_, n)| n.display)
            .collect();
        assert_eq!(several, ["S Bates", "C Donovan", "J Gregg"]);
        let one: Vec<String> = split_entry("Julie Newman, Chief Legal Officer")
            .into_iter()
            .map(|(_, n)| n.display)
            .collect();
        assert_eq!(one, ["J Newman"]);
    }

    #[test]
    fn what_is_not_a_name_is_refused() {
        assert!(parse("").is_none());
        assert!(parse("(Chair)").is_none());
        assert!(parse("representatives of the young people's forum and others").is_none());
        // Seen in People: a post, a street, a heading under the list, a group.
        for not_a_person in [
            "Accountant",
            "London Road",
            "UNRESTRICTED ITEMS",
            "Students from Coventry College",
            "the Mayor",
            "1 member of the public",
        ] {
            assert!(parse(not_a_person).is_none(), "{not_a_person}");
        }
        // Surnames that share a word's letters with those are still names.
        for person in [
            "Councillor J Hall",
            "Mrs A Street",
            "Cllr Wood",
            "Julie Newman",
            "Cllr Hall",
        ] {
            assert!(parse(person).is_some(), "{person}");
        }
    }

    #[test]
    fn fewer_initials_join_the_one_fuller_name() {
        let names: Vec<Name> = ["CE Thomas", "C Thomas", "Thomas", "K Sandhu", "C Thomas"]
            .iter()
            .map(|n| parse(n).unwrap())
            .collect();
        let g = reconcile(&names);
        assert_eq!(g[0], g[1]);
        assert_eq!(g[0], g[2]);
        assert_eq!(g[1], g[4]);
        assert_ne!(g[0], g[3]);
        // Two fuller names: the short one is not guessed.
        let names: Vec<Name> = ["CE Thomas", "CJ Thomas", "C Thomas"]
            .iter()
            .map(|n| parse(n).unwrap())
            .collect();
        let g = reconcile(&names);
        assert_ne!(g[0], g[1]);
        assert_ne!(g[2], g[0]);
        assert_ne!(g[2], g[1]);
    }
}
