//! Numbered items in any council's style, found by tracking numbering sequences.
//!
//! Councils number their minutes and agenda items in many ways: `84.` alone on a line
//! with the title below, `7 Title`, running numbers that continue from meeting to meeting
//! (`2569.`), references with a year or a month (`63/20`, `18.01.4`, `11.25.01`),
//! "Item 5", or an unnumbered heading followed by "(Item 3)". Inside an item there are
//! numbered paragraphs, lettered points and numbered resolutions, which are not items.
//!
//! Each line is read once for a leading number and its style. The candidates are then
//! linked into chains: a candidate continues a chain of the same style when its number
//! follows the chain's last number (allowing a small gap for items taken elsewhere). The
//! best chain — heading-like titles, few gaps, long — is the document's item sequence;
//! numbers that break it are paragraphs. The work is linear: each candidate looks back
//! only at the few numbers just below its own.

use std::collections::HashMap;

use super::lines::Line;
use super::text::{self, static_regex};

/// One item of the sequence found.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStart {
    /// Index (into the lines given) of the line where the item starts: its number, or
    /// its heading when the number follows as "(Item N)".
    pub at: usize,
    /// Index of the last line of the item's heading (the title line below a bare number,
    /// or the "(Item N)" line).
    pub heading_end: usize,
    /// As written, without a trailing full stop.
    pub number: String,
    pub title: String,
}

/// Which numbering family a candidate belongs to: only numbers of one family continue
/// each other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Family {
    /// `7`, `7.`, `7:` or `7<tab>`.
    Plain,
    /// `06`, `07.`: zero-padded to this many digits. A public forum's numbered statements
    /// ("06 … 60") are another sequence than the minutes around them ("5", "6"); "10"
    /// after "09" continues either (see [`best_chain`]).
    Padded(u8),
    /// `7)`.
    Paren,
    /// `63/20`: the part after the slash (the year) names the family.
    Slash(String),
    /// `18.01.4`, `11.25.01`: the middle part names the family (the first part may be a
    /// month that changes, or a typo, while the year stays).
    Dotted(String),
    /// `Item 5`, `Minute 5`, or "(Item 5)" under a heading.
    Item,
    /// The position of an `<li>` in an HTML `<ol>` whose items carry headings.
    Html,
}

#[derive(Debug, Clone)]
struct Candidate {
    at: usize,
    heading_end: usize,
    family: Family,
    value: u32,
    number: String,
    title: String,
    score: f32,
}

/// Finds the item sequence of a set of minutes or a front sheet.
pub fn find_items(lines: &[Line<'_>]) -> Vec<ItemStart> {
    let candidates = candidates(lines);
    best_chain(&candidates)
        .into_iter()
        .map(|c| ItemStart {
            at: c.at,
            heading_end: c.heading_end,
            number: c.number.clone(),
            title: c.title.clone(),
        })
        .collect()
}

fn next_nonblank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (i + 1..lines.len().min(i + 4)).find(|&j| !lines[j].is_blank())
}

fn prev_nonblank(lines: &[Line<'_>], i: usize) -> Option<usize> {
    (i.saturating_sub(3)..i)
        .rev()
        .find(|&j| !lines[j].is_blank())
}

fn candidates(lines: &[Line<'_>]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let min_indent = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.indent)
        .min()
        .unwrap_or(0);
    let first_nonblank = lines.iter().position(|l| !l.is_blank()).unwrap_or(0);
    let mut html = HtmlList::default();
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if line.text.contains('<')
            && let Some((n, title)) = html.read(lines, i)
        {
            out.push(Candidate {
                at: i,
                heading_end: i,
                family: Family::Html,
                value: n,
                number: n.to_string(),
                title,
                score: 2.5,
            });
            continue;
        }
        let t = line.plain.trim();
        let bold = line.text.starts_with("**") || line.text.contains(". **");
        if let Some(n) = item_reference(t) {
            // "(Item 3)" under its heading: the heading line above is the title.
            let Some(h) = prev_nonblank(lines, i) else {
                continue;
            };
            // Printed minutes give both ("287. Declarations … / (Item 2)"): the minute's
            // own number, on the heading or the line just above it, wins.
            if let Some(last) = out.last_mut()
                && (last.at == h || (last.at + 1 == h && !lines[h].is_blank()))
                && last.family != Family::Item
            {
                last.score += 1.0;
                continue;
            }
            let title = lines[h].plain.trim();
            if title.is_empty() || !heading_like(title) || item_reference(title).is_some() {
                continue;
            }
            if out.last().is_some_and(|c| c.at == h) {
                out.pop();
            }
            out.push(Candidate {
                at: h,
                heading_end: i,
                family: Family::Item,
                value: leading_value(&n),
                number: n,
                title: crate::text::truncate_at_word(title, 120).into_owned(),
                score: 3.0,
            });
            continue;
        }
        let Some(lead) = leading_number(t) else {
            continue;
        };
        let (title, heading_end, alone) = if lead.rest.is_empty() {
            // A bare number at the top or foot of a page is its page number; one with a
            // full stop ("13.") is an item whose title is below, wherever the page broke
            // (a PDF printed from a web page puts items at page edges), unless the page
            // furniture pass found it among the page numbers.
            let page_top =
                i == first_nonblank || (i.saturating_sub(2)..=i).any(|k| lines[k].page_break);
            let page_foot = (i + 1..lines.len().min(i + 3)).any(|k| lines[k].page_break)
                || next_nonblank(lines, i).is_none();
            let stopped = t.ends_with('.') && !line.furniture && i != first_nonblank;
            if (page_top || page_foot) && !stopped {
                continue;
            }
            // The title below may be long when it is set in capitals, as parish minutes
            // repeat their agenda's wording ("TO RECEIVE APOLOGIES AND ACCEPT …").
            let title_below = |t: &str| {
                heading_like(t) || (is_upper(t) && text::word_count(t) <= 40 && !t.ends_with(','))
            };
            match next_nonblank(lines, i) {
                Some(j) if title_below(lines[j].plain.trim()) => {
                    (lines[j].plain.trim().to_string(), j, true)
                }
                _ => continue,
            }
        } else {
            (lead.rest.to_string(), i, false)
        };
        if title.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let mut score = 1.0;
        let run_in = run_in_title(&title);
        let shown_title = run_in.unwrap_or(&title).trim();
        if heading_like(&title) {
            score += 1.0;
            if is_upper(&title) {
                score += 0.5;
            }
        } else if run_in.is_some() {
            score += 0.8;
        } else if flattened_minutes(&lead.number, &title) {
            // It opens a run of minutes: as strong as a heading.
            score += 1.0;
        } else if text::word_count(&title) > 25 {
            score -= 1.0;
        }
        if bold || alone {
            score += 0.5;
        }
        if lead.prefixed {
            score += 1.0;
        }
        // "(Pages 1 - 18)": a front sheet's item, even alone on a supplement's letter.
        if PAGE_RANGE.is_match(&title) {
            score += 1.0;
        }
        if line.indent > min_indent + 8 {
            score -= 0.7;
        }
        out.push(Candidate {
            at: i,
            heading_end,
            family: lead.family,
            value: lead.value,
            number: lead.number,
            title: crate::text::truncate_at_word(shown_title.trim_end_matches(['.', ':']), 120)
                .into_owned(),
            score,
        });
    }
    out
}

static_regex!(
    PAGE_RANGE,
    r"(?i)\(\s*pages?\s+\d{1,4}\s*[-–]\s*\d{1,4}\s*\)"
);

/// Counts the items of an HTML ordered list whose items open with a heading
/// (`<li><h4>MATTERS ARISING</h4>`), as minutes published as web pages are written.
#[derive(Default)]
struct HtmlList {
    /// The item count of each open `<ol>` (`None` for a `<ul>`), innermost last.
    open: Vec<Option<u32>>,
}

impl HtmlList {
    fn read(&mut self, lines: &[Line<'_>], i: usize) -> Option<(u32, String)> {
        let lower = lines[i].text.to_ascii_lowercase();
        let mut found = None;
        let mut rest = lower.as_str();
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if rest.starts_with("ol") {
                self.open.push(Some(0));
            } else if rest.starts_with("ul") {
                self.open.push(None);
            } else if rest.starts_with("/ol") || rest.starts_with("/ul") {
                self.open.pop();
            } else if rest.starts_with("li")
                && self.open.len() == 1
                && let Some(Some(n)) = self.open.last_mut()
            {
                *n += 1;
                found = Some(*n);
            }
        }
        let n = found?;
        let heading = |t: &str| -> Option<String> {
            let start = t.to_ascii_lowercase().find("<h")?;
            let after = &t[start..];
            let open_end = after.find('>')?;
            let inner = &after[open_end + 1..];
            let close = inner
                .to_ascii_lowercase()
                .find("</h")
                .unwrap_or(inner.len());
            let title = inner[..close].trim();
            (!title.is_empty()).then(|| crate::text::truncate_at_word(title, 120).into_owned())
        };
        let title = heading(lines[i].text)
            .or_else(|| next_nonblank(lines, i).and_then(|j| heading(lines[j].text)))?;
        Some((n, title))
    }
}

/// A title is heading-like when short, not a sentence, and starting with a capital.
fn heading_like(t: &str) -> bool {
    let words = text::word_count(t);
    words > 0
        && words <= 16
        && !t.ends_with([',', ';'])
        && !(t.ends_with('.') && words > 8)
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(')
}

fn is_upper(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && t.chars().filter(|c| c.is_lowercase()).count() == 0
}

/// Minutes pasted into one paragraph ("70/17 Apologies for absence … 71/17 Declaration of
/// Interest … 72/17 …"): the line holds another reference of the same year. Such a line is
/// a minute however long it runs, as it is when the same text is printed and wrapped.
fn flattened_minutes(number: &str, title: &str) -> bool {
    let Some((_, year)) = number.split_once('/') else {
        return false;
    };
    if year.is_empty() || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let marker = format!("/{year} ");
    title.match_indices(&marker).any(|(at, _)| {
        let before = &title[..at];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        (1..=3).contains(&digits)
            && before[..before.len() - digits].ends_with(' ')
            && title[at + marker.len()..].starts_with(|c: char| c.is_uppercase())
    })
}

/// "Financial Report: the clerk reported …": a short title before a colon.
fn run_in_title(t: &str) -> Option<&str> {
    let colon = t.find(':')?;
    let head = &t[..colon];
    let words = text::word_count(head);
    ((1..=8).contains(&words) && head.starts_with(|c: char| c.is_uppercase())).then_some(head)
}

/// "(Item 3)", "Item 3", "(Minute 12)" standing alone on a line.
pub(crate) fn item_reference(t: &str) -> Option<String> {
    let inner = t.strip_prefix('(')?.strip_suffix(')')?.trim();
    let lower = inner.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("item")
        .or_else(|| lower.strip_prefix("minute"))?
        .trim_start();
    let n: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let ok = !n.is_empty()
        && n.len() <= 5
        && n.starts_with(|c: char| c.is_ascii_digit())
        && rest.len() == n.len();
    ok.then_some(n)
}

fn leading_value(n: &str) -> u32 {
    n.chars()
        .take_while(|c| c.is_ascii_digit())
        .take(6)
        .fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0))
}

struct Lead<'t> {
    family: Family,
    value: u32,
    number: String,
    rest: &'t str,
    prefixed: bool,
}

/// Reads a leading item number and its style; `rest` is the text after it.
fn leading_number(t: &str) -> Option<Lead<'_>> {
    let (t, prefixed) = match strip_word_prefix(t) {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    // "PC45/24", "FC 12/25": a council's letters before a reference with a year.
    if let Some(rest) = strip_reference_letters(t) {
        let letters = t[..t.len() - rest.len()].trim_end_matches([' ', '.']);
        let mut lead = leading_number(rest)?;
        lead.number = format!("{letters}{}", lead.number);
        return Some(lead);
    }
    let b = t.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d1 = digits(0);
    if d1 == 0 || d1 > 4 {
        return None;
    }
    let first = &t[..d1];
    let value = leading_value(first);
    let mut end = d1;
    let family;
    let number;
    if b.get(end) == Some(&b'/') && (2..=4).contains(&digits(end + 1)) {
        let d2 = digits(end + 1);
        let second = &t[end + 1..end + 1 + d2];
        number = format!("{first}/{second}");
        end += 1 + d2;
        if b.get(end) == Some(&b'.') {
            end += 1;
        }
        // "24/045": the year first, then a running number (zero-padded, or longer than
        // the year); "63/20" is a number, then the year.
        if d1 == 2 && (second.starts_with('0') || d2 > d1) {
            return finish(
                t,
                end,
                Family::Slash(format!("{first}/")),
                leading_value(second),
                number,
                prefixed,
            );
        }
        family = Family::Slash(second.to_string());
    } else if b.get(end) == Some(&b'.')
        && (1..=2).contains(&digits(end + 1))
        && b.get(end + 1 + digits(end + 1)) == Some(&b'.')
        && (1..=3).contains(&digits(end + 2 + digits(end + 1)))
    {
        // Three parts: `18.01.4`.
        let d2 = digits(end + 1);
        let middle = &t[end + 1..end + 1 + d2];
        let third_at = end + 2 + d2;
        let d3 = digits(third_at);
        let third = &t[third_at..third_at + d3];
        family = Family::Dotted(middle.to_string());
        number = t[..third_at + d3].to_string();
        end = third_at + d3;
        if b.get(end) == Some(&b'.') {
            end += 1;
        }
        return finish(t, end, family, leading_value(third), number, prefixed);
    } else if b.get(end) == Some(&b'.')
        && (1..=2).contains(&digits(end + 1))
        && b.get(end + 1 + digits(end + 1)) == Some(&b'/')
        && (2..=4).contains(&digits(end + 2 + digits(end + 1)))
    {
        // "1.3/23E": the running number, then the meeting's month and year (and a letter
        // for an extraordinary meeting), which name the family.
        let year_at = end + 2 + digits(end + 1);
        let mut stop = year_at + digits(year_at);
        if b.get(stop).is_some_and(u8::is_ascii_uppercase)
            && !b.get(stop + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            stop += 1;
        }
        let suffix = t[end..stop].to_string();
        number = t[..stop].to_string();
        return finish(t, stop, Family::Slash(suffix), value, number, prefixed);
    } else if b.get(end) == Some(&b'.') && digits(end + 1) > 0 {
        // `1.1`: a numbered paragraph, never an item.
        return None;
    } else {
        // "06": zero-padded, a numbering style of its own.
        let plain = if d1 >= 2 && first.starts_with('0') {
            Family::Padded(d1 as u8)
        } else {
            Family::Plain
        };
        match b.get(end) {
            Some(b'.') | Some(b':') => {
                family = plain;
                end += 1;
            }
            Some(b')') => {
                family = Family::Paren;
                end += 1;
            }
            Some(b'\\') if b.get(end + 1) == Some(&b'.') => {
                // Markdown's escaped "1\." list number.
                family = plain;
                end += 2;
            }
            Some(b' ') | Some(b'\t') | None => {
                // A year opening a sentence ("2015 A response …") is not an item number,
                // unless a tab sets it apart as a column.
                let tabbed = b.get(end) == Some(&b'\t');
                if d1 == 4 && (1900..=2099).contains(&value) && !tabbed {
                    return None;
                }
                family = plain;
            }
            _ => return None,
        }
        number = first.to_string();
    }
    finish(t, end, family, value, number, prefixed)
}

fn finish(
    t: &str,
    end: usize,
    family: Family,
    value: u32,
    number: String,
    prefixed: bool,
) -> Option<Lead<'_>> {
    let rest = t.get(end..)?;
    // The number must stand apart from what follows, by a space, or by its full stop or
    // bracket before a word in capitals ("1.MINUTES", "3)Apologies": a space lost in
    // typing or conversion; "1.5m" and "No.5" are not items).
    let closed = t[..end].ends_with(['.', ')']) && rest.starts_with(|c: char| c.is_uppercase());
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) && !closed {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t', '-', '–']).trim();
    // Money, percentages, times and quantities are not item numbers.
    let unit = [
        "%", "am", "pm", "a.m", "p.m", "x ", "hours", "days", "years", "per ",
    ];
    let lower = rest.to_ascii_lowercase();
    if unit.iter().any(|u| lower.starts_with(u)) {
        return None;
    }
    // "23 October 2025 at 10.00 am": a date, not item 23.
    if super::dates::starts_with_month(&lower) {
        return None;
    }
    Some(Lead {
        family: if prefixed { Family::Item } else { family },
        value,
        number,
        rest,
        prefixed,
    })
}

/// "PC45/24 …", "FC 12/25 …": one to four capitals before a reference with a slash.
fn strip_reference_letters(t: &str) -> Option<&str> {
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=4).contains(&letters) {
        return None;
    }
    let rest = t[letters..]
        .strip_prefix([' ', '.'])
        .unwrap_or(&t[letters..]);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest.as_bytes().get(digits) == Some(&b'/')).then_some(rest)
}

/// "Item 5 …", "Minute 5 …", "Agenda item 5 …": the word before the number.
fn strip_word_prefix(t: &str) -> Option<&str> {
    for word in ["agenda item ", "item ", "minute ", "min. ", "min "] {
        if t.len() > word.len()
            && t.is_char_boundary(word.len())
            && t[..word.len()].eq_ignore_ascii_case(word)
        {
            let rest = &t[word.len()..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Some(rest);
            }
        }
    }
    None
}

/// The best chain of candidates: each link continues its family's numbering.
fn best_chain(cands: &[Candidate]) -> Vec<&Candidate> {
    if cands.is_empty() {
        return Vec::new();
    }
    // best[(family, value)] = (chain score, candidate index) of the best chain ending in
    // that number so far.
    let mut best: HashMap<(Family, u32), (f32, usize)> = HashMap::new();
    let mut score = vec![0f32; cands.len()];
    let mut prev: Vec<Option<usize>> = vec![None; cands.len()];
    let mut len = vec![1usize; cands.len()];
    for (k, c) in cands.iter().enumerate() {
        // Starting a new sequence costs more than continuing one, except at 1.
        let mut s = c.score - if c.value <= 1 { 0.5 } else { 1.5 };
        // A repeated number (a typo in the source: two minutes numbered 16) continues the
        // sequence only when the line is plainly a heading.
        let first_gap = if c.score >= 2.0 { 0 } else { 1 };
        // "10" continues a zero-padded "09" as well as a plain "9": once past the padding,
        // a padded sequence is written as a plain one.
        let padded_too = (c.family == Family::Plain && c.number.len() >= 2)
            .then_some(Family::Padded(c.number.len() as u8));
        for gap in first_gap..=4u32 {
            let Some(v) = c.value.checked_sub(gap) else {
                break;
            };
            let before = std::iter::once(&c.family)
                .chain(padded_too.as_ref())
                .filter_map(|f| best.get(&(f.clone(), v)));
            for &(ps, pk) in before {
                let cost = if gap == 0 {
                    1.0
                } else {
                    0.5 * (gap - 1) as f32
                };
                let cont = ps + c.score - cost;
                if cont > s {
                    s = cont;
                    prev[k] = Some(pk);
                    len[k] = len[pk] + 1;
                }
            }
        }
        score[k] = s;
        let slot = best.entry((c.family.clone(), c.value)).or_insert((s, k));
        if s >= slot.0 {
            *slot = (s, k);
        }
    }
    let chains = family_chains(cands, &score, &prev);
    let Some(best) = top_level(&chains) else {
        return Vec::new();
    };
    // A lone numbered line is an item only when it is plainly a heading.
    if best.members.len() == 1 && cands[best.members[0]].score < 2.5 {
        return Vec::new();
    }
    best.members.iter().map(|&k| &cands[k]).collect()
}

/// A chain of candidates that continue each other's numbering: its members (candidate
/// indices, in order), its chain score and its members' mean heading evidence.
struct Chain {
    members: Vec<usize>,
    /// The members' numbers.
    values: Vec<u32>,
    mean: f32,
}

/// How many of the best chains are weighed against each other: enough for the items, the
/// paragraphs inside them and a numbered list or two, and a bound that keeps the
/// comparison linear in the document.
const CHAINS_WEIGHED: usize = 12;

/// The best chains ending where no other chain continues, best first.
fn family_chains(cands: &[Candidate], score: &[f32], prev: &[Option<usize>]) -> Vec<Chain> {
    let mut continued = vec![false; cands.len()];
    for p in prev.iter().flatten() {
        continued[*p] = true;
    }
    let mut ends: Vec<usize> = (0..cands.len()).filter(|&k| !continued[k]).collect();
    // Best first; ties by position, so the answer is the same on every run. Only the
    // best few are sorted, so the work stays linear in the candidates.
    let order = |a: &usize, b: &usize| score[*b].total_cmp(&score[*a]).then(a.cmp(b));
    if ends.len() > CHAINS_WEIGHED {
        ends.select_nth_unstable_by(CHAINS_WEIGHED, order);
        ends.truncate(CHAINS_WEIGHED);
    }
    ends.sort_by(order);
    ends.into_iter()
        .map(|end| {
            let mut members = vec![end];
            let mut k = end;
            while let Some(p) = prev[k] {
                members.push(p);
                k = p;
            }
            members.reverse();
            let mean = members.iter().map(|&m| cands[m].score).sum::<f32>() / members.len() as f32;
            let values = members.iter().map(|&m| cands[m].value).collect();
            Chain {
                members,
                values,
                mean,
            }
        })
        .collect()
}

/// The document's items: the best chain that is not nested inside another. One sequence
/// does not win by length alone: numbered paragraphs, a public forum's numbered
/// statements or a resolution's numbered parts, all between two items of a sequence with
/// stronger headings (or after the last of three or more), are that item's contents.
fn top_level(chains: &[Chain]) -> Option<&Chain> {
    chains.iter().find(|x| {
        !chains
            .iter()
            .any(|y| !std::ptr::eq(*x, y) && y.mean >= x.mean && nested(x, y))
    })
}

/// Whether every member of `x` stands in one gap of `y` (between two of its members, or
/// after the last of a sequence of three or more) and numbers something else: numbers
/// that fill the gap in `y`'s own numbering (a sequence broken by a scan's lost lines)
/// continue it rather than sit inside it.
fn nested(x: &Chain, y: &Chain) -> bool {
    if y.members.len() < 2 {
        return false;
    }
    let gap = |k: usize| y.members.partition_point(|&m| m < k);
    let (Some(&first), Some(&last)) = (x.members.first(), x.members.last()) else {
        return false;
    };
    let g = gap(first);
    if g == 0 || gap(last) != g || y.members.contains(&first) {
        return false;
    }
    let (x_low, x_high) = (x.values[0], x.values[x.values.len() - 1]);
    let fills_gap = x_low > y.values[g - 1] && y.values.get(g).is_none_or(|&next| x_high < next);
    !fills_gap && (g < y.members.len() || y.members.len() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<(String, String)> {
        let lines = crate::parse::lines::split(text);
        find_items(&lines)
            .into_iter()
            .map(|i| (i.number, i.title))
            .collect()
    }

    #[test]
    fn paragraphs_inside_a_minute_are_not_minutes() {
        let text = "86. Apologies\nNone.\n87. Planning\n1. The clerk said.\n2. A member asked.\n88. Finance\nRESOLVED that it be noted.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["86", "87", "88"]);
    }

    #[test]
    fn a_longer_sequence_inside_one_minute_does_not_win() {
        // Printed minutes: running numbers with an item reference; one minute lists 12
        // numbered questions from the public, a longer sequence than the minutes'.
        let mut text = String::from(
            "**287. Apologies and Substitutes**\n(Item 2)\nApologies were received.\n\
             **288. Minutes of the meeting held on 9 January 2025**\n(Item 3)\nRESOLVED that they be signed.\n\
             **289. Questions from the public**\n(Item 4)\n",
        );
        for q in 1..=12 {
            text.push_str(&format!(
                "{q:02} Question from a resident about the bus service.\n"
            ));
        }
        text.push_str("**290. Budget 2025-26**\n(Item 5)\nRESOLVED that the budget be agreed.\n");
        let got: Vec<String> = numbers(&text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["287", "288", "289", "290"]);
        // Numbered paragraphs that restart in each minute are the minutes' contents too.
        let mut text = String::new();
        for (m, title) in [(12, "Apologies"), (13, "Planning"), (14, "Finance")] {
            text.push_str(&format!("{m}. {title}\n"));
            for p in 1..=6 {
                text.push_str(&format!(
                    "{p}. Members discussed point {p} of the report and asked the clerk to write to the owner.\n"
                ));
            }
        }
        let got: Vec<String> = numbers(&text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["12", "13", "14"]);
    }

    #[test]
    fn zero_padded_statements_do_not_continue_the_minutes() {
        // A public forum's statements, numbered "06" to "14" in a minute numbered 5: the
        // minutes go on at 6, not at the last statement.
        let mut text = String::new();
        for (m, title) in [
            (1, "Welcome, Introductions and Safety Information"),
            (2, "Apologies for Absence"),
            (3, "Declarations of Interest"),
            (4, "Minutes of Previous Meeting"),
            (5, "Public Forum"),
        ] {
            text.push_str(&format!("{m} {title}\nThe Committee noted the item.\n"));
        }
        text.push_str("Statements:\n");
        for q in 6..=14 {
            text.push_str(&format!("{q:02} Jane Smith Bus services in the city\n"));
        }
        for (m, title) in [
            (6, "Chair's Business"),
            (7, "Budget Monitoring Report"),
            (8, "Housing Delivery Plan"),
            (9, "Work Programme"),
        ] {
            text.push_str(&format!(
                "{m} {title}\nRESOLVED that the report be noted.\n"
            ));
        }
        let got: Vec<String> = numbers(&text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        // Minutes numbered "01" … "09", "10", "11": one sequence.
        let text: String = (1..=11)
            .map(|m| format!("{m:02}. Item number {m}\nNoted.\n"))
            .collect();
        assert_eq!(numbers(&text).len(), 11);
    }

    #[test]
    fn number_alone_takes_the_title_below() {
        let text = "Minutes of the Council\n84.\nMinutes of the last meeting\nThey were agreed.\n85.\nPlanning\nNone.";
        assert_eq!(
            numbers(text),
            vec![
                ("84".into(), "Minutes of the last meeting".into()),
                ("85".into(), "Planning".into())
            ]
        );
    }

    #[test]
    fn a_reference_alone_takes_a_long_title_in_capitals_below() {
        let text = "7:05pm Full Council Meeting\n125/20\nTO RECEIVE APOLOGIES AND ACCEPT VALID REASONS FOR ABSENCE, THESE HAVING BEEN SUBMITTED TO THE CLERK PRIOR TO THE MEETING\nApologies were accepted.\n126/20 TO RECEIVE DECLARATIONS OF INTEREST\nThere were none.\n127/20 CLOSED SESSION\nAgreed.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["125/20", "126/20", "127/20"]);
    }

    /// Minutes pasted into one paragraph: the line opening with "70/17" holds 71/17 and
    /// 72/17 too, and runs far longer than a heading; it still opens the minutes.
    #[test]
    fn a_paragraph_of_run_together_minutes_opens_with_a_minute() {
        let run = "70/17 Apologies for absence Apologies had been received from Tom Foy who was unavoidably detained at work and sent his regards to the meeting. 71/17 Declaration of Interest on agenda items No declarations were made by any councillor present. 72/17 Use of social media The chair asked whether anyone was recording the meeting.";
        let text = format!(
            "DRAFT MINUTES OF THE PARISH COUNCIL\n\n{run}\n\n74/17 Matters Arising from the Minutes\n\nNone.\n\n75/17 Chairman's Report\n\nNone.\n"
        );
        let got: Vec<String> = numbers(&text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["70/17", "74/17", "75/17"]);
        // A long numbered paragraph that mentions another year's minute is not such a run.
        assert!(!flattened_minutes("3", "The council noted 12/17 Budget"));
        assert!(!flattened_minutes(
            "70/17",
            "The clerk reported on minute 64/16 Cemetery fees and more."
        ));
    }

    /// A PDF printed from a web page breaks pages anywhere: "13." ends one page with its
    /// title on the next, "20." opens a page. With its full stop it is still an item.
    #[test]
    fn a_numbered_item_at_a_page_edge_is_an_item_not_a_page_number() {
        let text = "MINUTES\n\n12.\n\nQuestion submitted by Cllr A\n\nAnswer.\n\n13.\n\u{c}Question submitted by Cllr B\n\nAnswer.\n\u{c}14.\n\nNotice of Motion by Cllr C\n\nAgreed.\n";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["12", "13", "14"]);
    }

    #[test]
    fn a_bare_number_at_a_page_top_is_a_page_number() {
        let text = "1\nMANORDEILO COMMUNITY COUNCIL\n1. WELCOME\nx\n2. MINUTES\nx\n\u{c}2\nPLANNING NOTES\n3. PLANNING";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["1", "2", "3"]);
        let lines = crate::parse::lines::split(text);
        assert_eq!(find_items(&lines)[0].at, 2, "the page number is not item 1");
    }

    #[test]
    fn references_with_a_year_continue_through_a_typo_in_the_month() {
        let text =
            "11.25.01 Apologies\nx\n11.25.02 Minutes\nx\n11.25.03 Finance\nx\n10.25.04 Close";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["11.25.01", "11.25.02", "11.25.03", "10.25.04"]);
        let text = "63/20 Apologies\nx\n64/20 Minutes\n1. A point.\n65/20 Finance";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["63/20", "64/20", "65/20"]);
        // The year first, and a council's letters before the reference.
        let text = "24/045 Apologies\nNone.\n24/046 Declarations\nNone.\n24/047 Minutes\nSigned.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["24/045", "24/046", "24/047"]);
        let text =
            "PC45/24 Apologies\nNone.\nPC46/24 Declarations\nNone.\nPC47/24 Minutes\nSigned.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["PC45/24", "PC46/24", "PC47/24"]);
        // The running number, then the month and year, and a letter for an extraordinary
        // meeting; "1.5 A paragraph" stays a paragraph.
        let text = "1.3/23E To open the meeting\nOpened.\n1.5 A paragraph.\n\
                    2.3/23E To note apologies\nNone.\n3.3/23E To declare interests\nNone.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["1.3/23E", "2.3/23E", "3.3/23E"]);
    }

    #[test]
    fn unnumbered_headings_with_an_item_reference() {
        let text = "Apologies and Substitutes\n(Item 1)\nApologies were received.\n\nMinutes of the meeting held on 29 October 2024\n(Item 3)\n1. RESOLVED that they be signed.\n2. Another point.";
        assert_eq!(
            numbers(text),
            vec![
                ("1".into(), "Apologies and Substitutes".into()),
                (
                    "3".into(),
                    "Minutes of the meeting held on 29 October 2024".into()
                )
            ]
        );
    }

    #[test]
    fn a_number_glued_to_its_title_is_an_item() {
        let text = "1.APOLOGIES\nNone.\n2.MINUTES\nSigned.\n3. Finance\nThe balance is 1.5m.";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["1", "2", "3"]);
    }

    #[test]
    fn a_year_opening_a_sentence_is_not_a_number() {
        let text = "1. Apologies\nx\n2. Matters arising\n2015 A response is awaited.\n3. Finance";
        let got: Vec<String> = numbers(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, vec!["1", "2", "3"]);
    }

    #[test]
    fn run_in_titles_are_cut_at_the_colon() {
        let text = "2568. Apologies: none were received from anyone today.\n2569. Financial Report: the clerk reported the balance.";
        assert_eq!(
            numbers(text),
            vec![
                ("2568".into(), "Apologies".into()),
                ("2569".into(), "Financial Report".into())
            ]
        );
    }
}
