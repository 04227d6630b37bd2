//! Agenda items to the papers they introduce.
//!
//! In order of trust: an "Agenda Item N" stamp on the paper; the "Minutes" item to the
//! minutes; a paper whose title or subject matches the item's title; and, for an item
//! that promises pages but is still unlinked, the next unclaimed note or report in pack
//! order between its neighbours' papers. A note's followers (the report or appendices
//! after it) go with it.

use super::Context;
use super::text;
use crate::model::{DiagnosticKind, DocId, DocKind, Document, Pack};

/// Links `pack.agenda` to `pack.documents`; `stamps[k]` is document k's stamp, if any.
pub fn link(pack: &mut Pack, stamps: &[Option<String>], cx: &mut Context) {
    if pack.agenda.is_empty() {
        return;
    }
    let docs = &pack.documents;
    let n_items = pack.agenda.len();
    // owner[d] = index of the agenda item that document d leads for.
    let mut owner: Vec<Option<usize>> = vec![None; docs.len()];
    let leads =
        |d: &Document| !matches!(d.kind, DocKind::Agenda | DocKind::Appendix | DocKind::Other);

    // claimed[k]: item k already has a paper (a flag, not a search of `owner` per item).
    let mut claimed = vec![false; n_items];
    for (d, stamp) in stamps.iter().enumerate() {
        if let Some(stamp) = stamp
            && let Some(k) = pack.agenda.iter().position(|i| &i.number == stamp)
        {
            owner[d] = Some(k);
            claimed[k] = true;
        }
    }
    for (k, item) in pack.agenda.iter().enumerate() {
        if claimed[k] || !is_minutes_item(&item.title) {
            continue;
        }
        if let Some(d) = docs.iter().position(|d| d.kind == DocKind::Minutes)
            && owner[d].is_none()
        {
            owner[d] = Some(k);
            claimed[k] = true;
        }
    }
    // Title words once per document and item, and for each word the documents that have
    // it, so an item is compared only with the papers sharing a word with its title.
    let doc_words: Vec<(Vec<String>, Vec<String>)> = docs.iter().map(doc_title_words).collect();
    let mut by_word: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (d, (title, subject)) in doc_words.iter().enumerate() {
        if !leads(&docs[d]) {
            continue;
        }
        for w in title.iter().chain(subject) {
            let posting = by_word.entry(w.as_str()).or_default();
            if posting.last() != Some(&d) {
                posting.push(d);
            }
        }
    }
    let mut seen = vec![usize::MAX; docs.len()];
    for (k, item) in pack.agenda.iter().enumerate() {
        if claimed[k] {
            continue;
        }
        let words = text::title_words(&item.title);
        let postings = |w: &String| by_word.get(w.as_str()).map_or(&[][..], Vec::as_slice);
        // A title of two or more words matches only a paper sharing two of them, so any
        // such paper has one of its words other than the most common: that word's papers
        // (often every paper: "report", "review") need not be visited through it.
        let most_common = (words.len() >= 2)
            .then(|| {
                let by_count = words.iter().enumerate();
                by_count
                    .max_by_key(|(_, w)| postings(w).len())
                    .map(|(i, _)| i)
            })
            .flatten();
        let mut best: Option<(usize, (f32, usize))> = None;
        for (i, w) in words.iter().enumerate() {
            if Some(i) == most_common {
                continue;
            }
            for &d in postings(w) {
                if seen[d] == k || owner[d].is_some() {
                    continue;
                }
                seen[d] = k;
                let (title, subject) = &doc_words[d];
                super::cost::examined(words.len() + title.len() + subject.len());
                let score = similarity(&words, title, subject);
                if score.0 < 0.75 || score.1 < 2.min(words.len()) {
                    continue;
                }
                // Best score, then most words shared, then the earlier paper.
                let better = best.is_none_or(|(bd, bs)| {
                    score
                        .0
                        .total_cmp(&bs.0)
                        .then(score.1.cmp(&bs.1))
                        .then(bd.cmp(&d))
                        .is_gt()
                });
                if better {
                    best = Some((d, score));
                }
            }
        }
        if let Some((d, _)) = best {
            owner[d] = Some(k);
            claimed[k] = true;
        }
    }
    link_by_order(pack, &mut owner, &claimed);
    let owner = with_followers(&pack.documents, owner);

    for (d, o) in owner.iter().enumerate() {
        if let Some(k) = *o {
            pack.agenda[k].documents.push(DocId(d as u32));
            pack.documents[d].agenda_item = Some(pack.agenda[k].number.clone());
        }
    }
    for item in pack.agenda.iter().take(n_items) {
        match (item.pages, item.documents.is_empty()) {
            (Some((a, b)), true) => cx.doubt(
                DiagnosticKind::Link,
                item.lines,
                format!(
                    "agenda item {} promises pages {a}–{b} but no paper for it was found",
                    item.number
                ),
            ),
            (None, false) => cx.doubt(
                DiagnosticKind::Agenda,
                item.lines,
                format!("agenda item {} has no page range", item.number),
            ),
            _ => {}
        }
    }
}

/// "Minutes of the meeting held on …", "To approve the minutes of the last meeting",
/// "Approval of minutes": the item that takes the previous minutes (not "Matters arising
/// from the minutes").
fn is_minutes_item(title: &str) -> bool {
    text::static_regex!(
        MINUTES_ITEM,
        r"(?i)^(?:minutes\b|(?:to\s+)?(?:approve|confirm|receive|agree|adopt|sign|accept)\b.{0,40}\bminutes\b|(?:approval|confirmation|adoption|signing)\s+of\s+(?:the\s+)?(?:previous\s+|last\s+)?minutes\b)"
    );
    MINUTES_ITEM.is_match(title)
}

/// A document's title words and its note's subject words.
fn doc_title_words(doc: &Document) -> (Vec<String>, Vec<String>) {
    let subject = doc
        .note
        .as_ref()
        .and_then(|n| n.subject.as_deref())
        .unwrap_or("");
    (text::title_words(&doc.title), text::title_words(subject))
}

/// How well an item's title words match a document's title or subject words.
fn similarity(item: &[String], title: &[String], subject: &[String]) -> (f32, usize) {
    let a = text::words_overlap(item, title);
    let b = text::words_overlap(item, subject);
    if a.0 >= b.0 { a } else { b }
}

/// Items that promise pages but have no paper take the next unclaimed note or report
/// between the papers of the items before and after them.
fn link_by_order(pack: &Pack, owner: &mut [Option<usize>], claimed: &[bool]) {
    for (k, item) in pack.agenda.iter().enumerate() {
        // The minutes item links only to minutes (above), never by order.
        if item.pages.is_none()
            || claimed.get(k).copied().unwrap_or(false)
            || is_minutes_item(&item.title)
        {
            continue;
        }
        let after = owner
            .iter()
            .rposition(|o| o.is_some_and(|o| o < k))
            .map_or(0, |d| d + 1);
        let before = owner
            .iter()
            .position(|o| o.is_some_and(|o| o > k))
            .unwrap_or(owner.len());
        let candidate = (after..before).find(|&d| {
            owner[d].is_none()
                && matches!(
                    pack.documents[d].kind,
                    DocKind::BriefingNote | DocKind::Report | DocKind::WorkProgramme
                )
        });
        if let Some(d) = candidate {
            owner[d] = Some(k);
        }
    }
}

/// Reports, appendices and unclassified text after a linked note or report belong to
/// the same item, up to the next paper that leads for an item.
fn with_followers(docs: &[Document], mut owner: Vec<Option<usize>>) -> Vec<Option<usize>> {
    let mut current: Option<usize> = None;
    for (d, doc) in docs.iter().enumerate() {
        match (owner[d], doc.kind) {
            (Some(k), _) => current = Some(k),
            (None, DocKind::Report | DocKind::Appendix | DocKind::Other) => owner[d] = current,
            _ => current = None,
        }
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::is_minutes_item;

    #[test]
    fn the_item_that_takes_the_last_minutes() {
        for t in [
            "Minutes of the meeting held on 5 December 2024 (Pages 1 - 8)",
            "To approve the minutes of the last meeting held on 16th January 2018",
            "To receive the minutes of the last meeting – 26th September 2019",
            "Approval of minutes of previous meeting",
            "Confirmation of the Minutes",
        ] {
            assert!(is_minutes_item(t), "{t}");
        }
        for t in [
            "To discuss matters arising from the minutes of the last meeting",
            "Matters arising",
            "Village Green Corner Erosion",
        ] {
            assert!(!is_minutes_item(t), "{t}");
        }
    }
}
