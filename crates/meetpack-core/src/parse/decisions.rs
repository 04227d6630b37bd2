//! Decisions in the wordings councils use, their outcome and recorded votes.
//!
//! Evidence, not one phrase: "RESOLVED that …" / "Resolved:", "It was AGREED/APPROVED
//! that …", "All agreed", "proposed by … seconded by … and agreed", "Decision: …",
//! "Motion carried/lost", "Amendment lost". A statement that only notes a report ("The
//! Committee noted the report") is not a decision.

use super::lines::Line;
use super::text::static_regex;
use crate::model::{Resolution, Votes};

static_regex!(
    LEADING,
    r"(?i)^(?:\(?\d{1,3}\)\s*|\(?[a-z]\)\s*|[-–•]\s*)?(?:and\s+|it\s+was\s+|was\s+|the\s+(?:committee|council|panel|board|cabinet|sub-committee)\s+)?(?:therefore\s+)?(?:unanimously\s+|duly\s+)?(?:resolved|agreed|approved|decided)\b"
);
static_regex!(
    SHOUTED,
    r"\b(?:RESOLVED|AGREED|APPROVED|DECIDED|DECISION)\b"
);
static_regex!(
    ALL_AGREED,
    r"(?i)\b(?:all|members|councillors)\s+(?:present\s+)?(?:unanimously\s+)?agreed\b|\bresolved\s+(?:that|not\s+to|to)\b|\bconsensus\s+was\s+reached\b|(?:^|[:;]\s*)(?:approved|agreed|accepted|carried)\b(?:\s+(?:and|as|for|by|unanimously)\b|\.|$)"
);
static_regex!(
    SECONDED,
    r"(?i)\b(?:seconded|proposed)\s+by\b.{0,200}?\b(?:resolved|agreed|approved|carried)\b"
);
static_regex!(
    LABEL,
    r"(?i)^(?:decision(?:\s+taken)?|resolution|resolved)\s*[:\-–]"
);
static_regex!(
    VOTED,
    r"(?i)\b(?:motion|amendment|recommendations?|proposal)\s+(?:was\s+)?(?:duly\s+|therefore\s+)?(?:carried|lost|defeated|fell|agreed|approved|rejected)\b"
);
static_regex!(
    PASSIVE,
    r"(?i)\bit\s+was\s+(?:(?:duly|unanimously|therefore|then|also|formally|further|subsequently)\s+)*(?:resolved|agreed|approved|decided)\b|\b(?:was|were)\s+(?:(?:duly|unanimously|therefore|then|also|formally)\s+)*(?:agreed|approved|ratified|confirmed|accepted|adopted|carried)\b"
);
static_regex!(
    SUBJECT,
    r"(?i)\b(?:committee|council|panel|board|cabinet|members|councillors|cllrs|sub-committee|meeting)\s+(?:(?:duly|unanimously|therefore|then|also|formally|further)\s+)*(?:resolved|resolves|agreed|approved|decided|ratified|certified)\b"
);
// Welsh: cytunwyd (it was agreed), penderfynwyd (resolved), cymeradwywyd (approved),
// cadarnhawyd (confirmed), "roedd pawb yn gytun" (all agreed).
static_regex!(
    WELSH,
    r"(?i)\b(?:cytunwyd|penderfynwyd|cymeradwywyd|cadarnhawyd)\b|\bpawb\s+yn\s+gytun\b"
);
static_regex!(
    PROPOSAL,
    r"(?i)^(?:it\s+was\s+)?(?:proposed\s+by|moved\s+by|on\s+the\s+proposal\s+of|seconded\s+by|cynigiwyd\s+gan)\b"
);
static_regex!(NOTED_ONLY, r"(?i)^(?:the\s+\w+(?:\s+\w+)?\s+)?noted\b");
// Smaller councils' words for a decision: a motion "passed unanimously", payments
// "authorised", the last minutes "moved/signed as a correct record", "No objections
// raised" to an application. Each needs its object or its verb's form, so "passed to
// the clerk" or "authorised officers" are not decisions.
static_regex!(
    PLAIN_WORDS,
    r"(?i)\b(?:was|were)\s+(?:(?:duly|unanimously|therefore|then|also)\s+)*passed(?:\s*[.;,]|\s*$|\s+(?:unanimously|with|nem\b|by\s+(?:a\s+)?(?:majority|\d)))|\bpassed\s+(?:unanimously|by\s+(?:a\s+)?(?:majority|\d+\s+votes?))\b|\b(?:payments?|accounts?|cheques?|invoices?|expenditure|grants?)\b(?:\s+[\w,]+){0,4}?\s+(?:(?:were|was|are|is)\s+)?(?:duly\s+|unanimously\s+)?authori[sz]ed\b|\bauthori[sz]ed\s+(?:for\s+)?payment\b|\b(?:were|was)\s+(?:moved|signed|adopted|accepted|approved)\s+as\s+(?:a\s+)?(?:true|correct|accurate|fair)\b|^no\s+objections?\s+(?:were\s+)?(?:raised|made|received)\b"
);

// Every wording below contains one of these stems: one literal search (a fast
// multi-substring scan) rules most paragraphs out before any of the patterns runs.
static_regex!(
    STEMS,
    r"(?i)resolv|resolu|agree|approv|decid|decision|carried|lost|defeat|fell|second|ratif|confirm|accept|adopt|consensus|certif|reject|cytun|penderfyn|cymerad|cadarn|gytun|passed|authori|as\s+a\s+(?:true|correct)|objection"
);

/// Does this paragraph record a decision of the meeting?
pub fn is_decision(plain: &str) -> bool {
    let t = plain.trim();
    if t.is_empty() || !STEMS.is_match(t) || NOTED_ONLY.is_match(t) {
        return false;
    }
    LEADING.is_match(t)
        || ALL_AGREED.is_match(t)
        || LABEL.is_match(t)
        || VOTED.is_match(t)
        || SECONDED.is_match(t)
        || PASSIVE.is_match(t)
        || SUBJECT.is_match(t)
        || WELSH.is_match(t)
        || PLAIN_WORDS.is_match(t)
        || shouted(t)
}

static_regex!(
    OUTCOME_ONLY,
    r"(?i)^(?:the\s+)?(?:motion|amendment|substantive\s+motion|recommendations?)\s+(?:was\s+)?(?:duly\s+)?(?:carried|lost|defeated|fell)\.?$"
);
static_regex!(
    MOTION,
    r"(?i)\bproposed\b.{0,80}\bseconded\b|\bmoved\b.{0,80}\bseconded\b"
);
static_regex!(
    COLUMN_OUTCOME,
    r"(?i)(?:^|\s{3,}|\t)(approved|rejected|refused|deferred|recommend\s+approval(?:\s+of\s+the)?)\.?\s*$"
);
static_regex!(
    RESPONSE,
    r"(?i)^(?:[ivx]{1,4}\)\s*)?(?:no\s+(?:objections?|observations?)(?:\s+(?:but|regarding|raised)\b.*)?|strongly\s+object\b.*|objections?\s+to\s+the\b.*|dim\s+sylwadau\b.*|dim\s+gwrthwynebiad|gwrthwynebiad\s+cryf\b.*)$"
);

// The words a one-line outcome must contain, found by one literal scan before the
// patterns run on every line of a set of minutes.
static_regex!(
    LINE_STEMS,
    r"(?i)approv|reject|refus|defer|object|observ|sylwad|gwrthwyn"
);

/// "Motion carried.", "Amendment lost.": a vote's outcome with nothing else.
pub fn is_vote_outcome_only(plain: &str) -> bool {
    // The outcome may close a block that also holds the last names of a recorded vote.
    let last = plain.trim().lines().next_back().unwrap_or("").trim();
    OUTCOME_ONLY.is_match(plain.trim()) || OUTCOME_ONLY.is_match(last)
}

/// "Mr Hood proposed, and Mr Lewis seconded the following amendment:".
pub fn puts_a_motion(plain: &str) -> bool {
    MOTION.is_match(plain)
}

/// A decision written on one line of its own: an outcome in a table's last column
/// ("… £200      Approved.") or a planning response ("No objection", "Dim sylwadau").
pub fn line_outcome(raw: &str) -> Option<Option<String>> {
    if raw.trim().len() > 400 || !LINE_STEMS.is_match(raw) {
        return None;
    }
    // Bold markup ("**No observations**") is not part of the words.
    let unmarked = raw.replace("**", "");
    let raw = unmarked.as_str();
    let t = raw.trim();
    if let Some(c) = COLUMN_OUTCOME.captures(raw) {
        return Some(outcome(&c[1]).or(Some("approved".into())));
    }
    if RESPONSE.is_match(t) && super::text::word_count(t) <= 40 {
        return Some(None);
    }
    None
}

/// "Proposed by …", "Seconded by …": the lines that put a motion, which the decision
/// that follows them records.
pub fn is_proposal(plain: &str) -> bool {
    PROPOSAL.is_match(plain.trim())
}

/// A decision in the form only minutes use ("RESOLVED that …", "It was resolved",
/// "Decision: …"), as evidence that a text is minutes; a report's "was agreed" is not.
pub fn is_formal(plain: &str) -> bool {
    let t = plain.trim();
    if !STEMS.is_match(t) {
        return false;
    }
    (LEADING.is_match(t) && t.to_lowercase().contains("resolved"))
        || shouted(t)
        || LABEL.is_match(t)
}

/// A line that opens a recorded decision with its label: "RESOLVED:", "RESOLVED that …",
/// "Resolved – …", "(2) RESOLVED that …", "Decision: …". Minutes often print it straight
/// under the paragraph of discussion, with no blank line between.
pub fn opens_resolution(plain: &str) -> bool {
    let t = plain.trim();
    // The label is in the first words: a cheap test before the patterns.
    let head = t
        .char_indices()
        .nth(16)
        .map_or(t, |(at, _)| &t[..at])
        .to_ascii_lowercase();
    if !(head.contains("resol") || head.contains("decision")) {
        return false;
    }
    LABEL.is_match(t) || (LEADING.is_match(t) && t.to_lowercase().contains("resolved"))
}

/// "RESOLVED" in capitals anywhere is how minutes mark a decision, but not in a heading
/// that only names one ("DECISIONS TAKEN").
fn shouted(t: &str) -> bool {
    SHOUTED.find(t).is_some_and(|m| {
        let after = &t[m.end()..];
        let rest_lower = after.chars().filter(|c| c.is_lowercase()).count();
        // A line in capitals throughout is a heading, not a decision.
        rest_lower > 0 || after.trim().is_empty() && m.start() > 0
    })
}

/// How a decision ended, from its own words.
pub fn outcome(plain: &str) -> Option<String> {
    let lower = plain.to_lowercase();
    let has = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let word = if has("lost") || has("defeated") || has("fell") {
        "lost"
    } else if has("carried") {
        "carried"
    } else if has("rejected") || has("refused") {
        "rejected"
    } else if has("deferred") {
        "deferred"
    } else if has("resolved") || has("resolution") {
        "resolved"
    } else if has("approved") {
        "approved"
    } else if has("agreed") || has("decided") || has("decision") || has("cytunwyd") {
        "agreed"
    } else {
        return None;
    };
    Some(word.to_string())
}

static_regex!(
    VOTE_LABEL,
    r"(?i)^(for|against|abstain(?:ed|ing|ions?)?)\s*(?:\((\d{1,4})\)|[:\-–]\s*(\d{1,4})\b|(\d{1,4})\b)?\s*:?\s*(.*)$"
);

/// Recorded votes ("For (57)" followed by names, "Against: 3") are given to the decision
/// whose vote they record: the first carried/lost decision after them in the minute.
pub fn attach_votes(resolutions: &mut [Resolution], lines: &[&Line<'_>]) {
    let mut pending: Option<(u32, Votes)> = None;
    let mut current: Option<usize> = None; // 0 for, 1 against, 2 abstain
    for line in lines {
        let t = line.plain.trim();
        if t.is_empty() {
            continue;
        }
        let label = VOTE_LABEL.captures(t).filter(|_| t.len() < 400);
        let count = label.as_ref().and_then(|c| {
            c.get(2)
                .or(c.get(3))
                .or(c.get(4))
                .and_then(|m| m.as_str().parse::<u32>().ok())
        });
        if let Some(c) = label
            && (count.is_some() || t.ends_with(':'))
        {
            let (_, votes) = pending.get_or_insert((line.no, Votes::default()));
            let which = match c[1].to_ascii_lowercase().as_str() {
                "for" => 0,
                "against" => 1,
                _ => 2,
            };
            match which {
                0 => votes.for_count = count,
                1 => votes.against_count = count,
                _ => votes.abstain_count = count,
            }
            current = Some(which);
            let names = c.get(5).map_or("", |m| m.as_str());
            add_names(votes, which, names);
            continue;
        }
        if let Some((since, votes)) = pending.as_mut() {
            // The decision the vote decides starts or ends between the vote and here.
            let since = *since;
            let between = |n: u32| n >= since && n <= line.no;
            let taken = resolutions.iter().position(|r| {
                (between(r.lines.first()) || between(r.lines.last()))
                    && r.votes.is_none()
                    && matches!(r.outcome.as_deref(), Some("carried" | "lost"))
            });
            if let Some(k) = taken {
                resolutions[k].votes = Some(std::mem::take(votes));
                pending = None;
                current = None;
                continue;
            }
            if let Some(which) = current
                && line.text.len() < 300
                && !is_decision(t)
            {
                add_names(votes, which, t);
            }
        }
    }
}

fn add_names(votes: &mut Votes, which: usize, names: &str) {
    let list = match which {
        0 => &mut votes.for_names,
        1 => &mut votes.against_names,
        _ => &mut votes.abstain_names,
    };
    for name in names.split([',', '\t']).map(str::trim) {
        let name = name.trim_end_matches('.').trim();
        if !name.is_empty() && name.len() <= 60 && list.len() < 500 {
            list.push(name.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings_of_decisions() {
        for yes in [
            "RESOLVED that the minutes be signed.",
            "Resolved: to accept the quote.",
            "It was AGREED that the clerk write.",
            "It was unanimously agreed to pay the invoices.",
            "All agreed.",
            "Proposed by Cllr A, seconded by Cllr B and unanimously agreed.",
            "Decision: approved as recommended.",
            "Motion carried.",
            "The amendment was lost.",
            "(4) RESOLVED that pursuant to section 25 …",
            "3. RESOLVED that the update be noted.",
            "The Committee resolved to approve the grant.",
            "The minutes of the meeting held on 4 March were confirmed as a true record.",
            "After a short discussion, it was agreed to defer this matter.",
            "The following payments were ratified:",
            "Councillors agreed to set aside £250 per village.",
            "Cytunwyd y dylid anfon llythyr.",
            "The motion was passed unanimously.",
            "Payments listed were authorised.",
            "The minutes of the last meeting were moved as a correct record.",
            "The accounts for payment were duly authorised and signed.",
            "No objections raised.",
        ] {
            assert!(is_decision(yes), "{yes}");
        }
        for no in [
            "The Committee noted the report.",
            "Noted.",
            "DECISIONS TAKEN",
            "The clerk will write to the school.",
            "The issue has since been resolved by the contractor.",
            "The Clerk agreed to follow up on the loose tiles.",
            "The letter was passed to the Clerk.",
            "The Clerk is authorised to sign on behalf of the council.",
            "Residents raised objections to the application at the meeting.",
        ] {
            assert!(!is_decision(no), "{no}");
        }
    }

    #[test]
    fn lines_that_open_a_resolution() {
        for yes in [
            "RESOLVED:",
            "RESOLVED: that Cllr A be a signatory.",
            "Resolved – to agree.",
            "(2) RESOLVED that the fee be paid.",
            "Decision: approved.",
        ] {
            assert!(opens_resolution(yes), "{yes}");
        }
        for no in [
            "The matter was RESOLVED by the contractor.",
            "Resolving the issue took weeks.",
            "The Council noted the report.",
        ] {
            assert!(!opens_resolution(no), "{no}");
        }
    }

    #[test]
    fn outcomes() {
        assert_eq!(outcome("Amendment lost.").as_deref(), Some("lost"));
        assert_eq!(outcome("Motion carried.").as_deref(), Some("carried"));
        assert_eq!(
            outcome("RESOLVED that it be approved").as_deref(),
            Some("resolved")
        );
        assert_eq!(outcome("Closed at 9pm"), None);
    }

    #[test]
    fn recorded_votes_go_to_the_motion_they_decide() {
        let text = "For (3)\nMr A, Mr B,\nMr C\nAgainst (1)\nMrs D\nAbstain (0)\nMotion carried.";
        let lines = crate::parse::lines::split(text);
        let refs: Vec<&Line<'_>> = lines.iter().collect();
        let mut res = vec![Resolution {
            number: None,
            lead_in: None,
            text: "Motion carried.".into(),
            lines: crate::model::Lines(7, 7),
            outcome: outcome("Motion carried."),
            votes: None,
        }];
        attach_votes(&mut res, &refs);
        let v = res[0].votes.as_ref().expect("votes");
        assert_eq!(
            (v.for_count, v.against_count, v.abstain_count),
            (Some(3), Some(1), Some(0))
        );
        assert_eq!(v.for_names, vec!["Mr A", "Mr B", "Mr C"]);
        assert_eq!(v.against_names, vec!["Mrs D"]);
    }
}
