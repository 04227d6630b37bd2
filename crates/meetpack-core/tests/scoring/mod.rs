//! Scoring MeetPack's outline of a document against an expected outline written by hand
//! (`tests/corpus/expected/`, `tests/corpus/blind/expected/`): document starts, agenda
//! items, numbered minutes, decisions and the meeting date, each as recall and precision.
//! Shared by `corpus_outlines.rs` (the committed corpus, with floors) and
//! `corpus_blind.rs` (the blind corpus, a measurement).

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

use meetpack_core::model::Pack;
use serde_json::Value;

#[derive(Default, Debug, Clone, Copy)]
pub struct Count {
    pub expected: usize,
    pub found: usize,
    pub matched_expected: usize,
    pub matched_found: usize,
}

impl Count {
    pub fn add(&mut self, o: Count) {
        self.expected += o.expected;
        self.found += o.found;
        self.matched_expected += o.matched_expected;
        self.matched_found += o.matched_found;
    }
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched_expected as f64 / self.expected as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched_found as f64 / self.found as f64
        }
    }
}

impl Count {
    /// Matches each way: an expected entry is found when some found entry is the same,
    /// and a found entry is right when some expected entry is the same.
    pub fn of<E, F>(expected: &[E], found: &[F], same: impl Fn(&E, &F) -> bool) -> Count {
        Count {
            expected: expected.len(),
            found: found.len(),
            matched_expected: expected
                .iter()
                .filter(|e| found.iter().any(|f| same(e, f)))
                .count(),
            matched_found: found
                .iter()
                .filter(|f| expected.iter().any(|e| same(e, f)))
                .count(),
        }
    }

    /// Counts only: as many right as the smaller of the two.
    pub fn counted(expected: usize, found: usize) -> Count {
        Count {
            expected,
            found,
            matched_expected: expected.min(found),
            matched_found: expected.min(found),
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>3}/{:<3} r{:>4.0}% p{:>4.0}%",
            self.matched_expected,
            self.expected,
            self.recall() * 100.0,
            self.precision() * 100.0
        )
    }
}

/// Numbers compare without leading zeros in each part ("18.01.05" = "18.01.5").
pub fn norm_number(n: &str) -> String {
    n.trim_end_matches('.')
        .split(['.', '/'])
        .map(|p| p.trim_start_matches('0'))
        .collect::<Vec<_>>()
        .join(".")
        .to_lowercase()
}

pub fn first_nonblank(lines: &[&str], from: u32, to: u32) -> u32 {
    (from..=to)
        .find(|&n| {
            lines
                .get(n as usize - 1)
                .is_some_and(|l| !l.trim_matches(|c: char| c.is_whitespace()).is_empty())
        })
        .unwrap_or(from)
}

pub fn documents(exp: &Value, pack: &Pack, lines: &[&str]) -> Count {
    let expected: Vec<u64> = exp["documents"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["line"].as_u64()).collect())
        .unwrap_or_default();
    let found: Vec<u64> = pack
        .documents
        .iter()
        .map(|d| first_nonblank(lines, d.lines.first(), d.lines.last()) as u64)
        .collect();
    Count::of(&expected, &found, |e, f| e.abs_diff(*f) <= 2)
}

pub fn agenda(exp: &Value, pack: &Pack) -> Count {
    let expected: Vec<String> = exp["agenda"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["number"].as_str().map(norm_number))
                .collect()
        })
        .unwrap_or_default();
    let found: Vec<String> = pack.agenda.iter().map(|i| norm_number(&i.number)).collect();
    Count::of(&expected, &found, |e, f| e == f)
}

/// Minutes match on number and on where they stand (within a few lines).
pub fn minutes(exp: &Value, pack: &Pack) -> Count {
    let expected: Vec<(String, u64)> = exp["minutes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| Some((norm_number(m["number"].as_str()?), m["line"].as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    let found: Vec<(String, u64)> = pack
        .documents
        .iter()
        .filter_map(|d| d.minutes.as_ref())
        .flat_map(|m| &m.items)
        .map(|i| (norm_number(&i.number), i.lines.first() as u64))
        .collect();
    Count::of(&expected, &found, |e, f| {
        e.0 == f.0 && e.1.abs_diff(f.1) <= 3
    })
}

/// A decision is found when a resolution's lines reach the line where it starts (the
/// parts of one "RESOLVED that the Board:" count once, as their lead-in).
pub fn decisions(exp: &Value, pack: &Pack) -> Count {
    let expected: Vec<u64> = exp["minutes"]
        .as_array()
        .map(|a| {
            a.iter()
                .flat_map(|m| m["decisions"].as_array().cloned().unwrap_or_default())
                .filter_map(|d| d.as_u64())
                .collect()
        })
        .unwrap_or_default();
    let mut found: Vec<(u64, u64)> = Vec::new();
    let mut last_lead: Option<String> = None;
    for doc in &pack.documents {
        let minuted = doc
            .minutes
            .iter()
            .flat_map(|m| &m.items)
            .flat_map(|i| &i.resolutions);
        for r in minuted.chain(&doc.decisions) {
            let span = (
                r.lines.first().saturating_sub(3) as u64,
                r.lines.last() as u64,
            );
            if r.lead_in.is_some() && r.lead_in == last_lead {
                if let Some(last) = found.last_mut() {
                    last.1 = span.1;
                }
                continue;
            }
            last_lead = r.lead_in.clone();
            found.push(span);
        }
    }
    Count::of(&expected, &found, |e, f| f.0 <= *e && *e <= f.1)
}

pub fn dates(exp: &Value, pack: &Pack) -> Count {
    let Some(want) = exp["date"].as_str() else {
        return Count::default();
    };
    let got = pack.meta.date.as_deref().or_else(|| {
        pack.documents
            .iter()
            .find_map(|d| d.minutes.as_ref()?.date.as_deref())
    });
    let ok = got == Some(want);
    Count {
        expected: 1,
        found: usize::from(got.is_some()),
        matched_expected: usize::from(ok),
        matched_found: usize::from(ok),
    }
}

/// A PDF's items as numbers (minutes, then agenda items), expected and found: MeetPack's
/// own extraction has other line numbers than poppler's, so PDFs match by number.
pub fn item_numbers(exp: &Value, pack: &Pack) -> (Vec<String>, Vec<String>) {
    let want: Vec<String> = ["minutes", "agenda"]
        .iter()
        .flat_map(|k| exp[*k].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["number"].as_str().map(norm_number))
        .collect();
    let got: Vec<String> = pack
        .documents
        .iter()
        .filter_map(|d| d.minutes.as_ref())
        .flat_map(|m| &m.items)
        .map(|i| norm_number(&i.number))
        .chain(pack.agenda.iter().map(|i| norm_number(&i.number)))
        .collect();
    (want, got)
}

/// How many decisions the outline expects and how many minuted resolutions MeetPack found.
pub fn decision_counts(exp: &Value, pack: &Pack) -> (usize, usize) {
    let want: usize = exp["minutes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|m| m["decisions"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0);
    let got: usize = pack
        .documents
        .iter()
        .filter_map(|d| d.minutes.as_ref())
        .flat_map(|m| &m.items)
        .map(|i| i.resolutions.len())
        .sum();
    (want, got)
}
