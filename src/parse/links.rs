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

    for (d, stamp) in stamps.iter().enumerate() {
        if let Some(stamp) = stamp
            && let Some(k) = pack.agenda.iter().position(|i| &i.number == stamp)
        {
            owner[d] = Some(k);
        }
    }
    for (k, item) in pack.agenda.iter().enumerate() {
        if owner.contains(&Some(k)) || !is_minutes_item(&item.title) {
            continue;
        }
        if let Some(d) = docs.iter().position(|d| d.kind == DocKind::Minutes) {
            owner[d].get_or_insert(k);
        }
    }
    for (k, item) in pack.agenda.iter().enumerate() {
        if owner.contains(&Some(k)) {
            continue;
        }
        let best = docs
            .iter()
            .enumerate()
            .filter(|(d, doc)| owner[*d].is_none() && leads(doc))
            .map(|(d, doc)| (d, similarity(&item.title, doc)))
            .filter(|(_, (score, shared))| {
                *score >= 0.75 && *shared >= 2.min(text::title_words(&item.title).len())
            })
            .max_by(|a, b| {
                // Best score, then most words shared, then the earlier paper.
                a.1.0
                    .total_cmp(&b.1.0)
                    .then(a.1.1.cmp(&b.1.1))
                    .then(b.0.cmp(&a.0))
            });
        if let Some((d, _)) = best {
            owner[d] = Some(k);
        }
    }
    link_by_order(pack, &mut owner);
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

fn is_minutes_item(title: &str) -> bool {
    title.to_lowercase().starts_with("minutes")
}

/// How well an item title matches a document's title or subject.
fn similarity(title: &str, doc: &Document) -> (f32, usize) {
    let subject = doc
        .note
        .as_ref()
        .and_then(|n| n.subject.as_deref())
        .unwrap_or("");
    let a = text::title_overlap(title, &doc.title);
    let b = text::title_overlap(title, subject);
    if a.0 >= b.0 { a } else { b }
}

/// Items that promise pages but have no paper take the next unclaimed note or report
/// between the papers of the items before and after them.
fn link_by_order(pack: &Pack, owner: &mut [Option<usize>]) {
    for (k, item) in pack.agenda.iter().enumerate() {
        // The minutes item links only to minutes (above), never by order.
        if item.pages.is_none() || owner.contains(&Some(k)) || is_minutes_item(&item.title) {
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
