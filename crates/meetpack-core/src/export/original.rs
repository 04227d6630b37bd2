//! The original PDF's own pages copied into a new PDF: what a councillor prints when the
//! paper itself is wanted, not MeetPack's reading of it ("pages 11–16", one paper's pages,
//! the papers of agenda items 4 and 5). Nothing is re-typeset: each page is the council's,
//! copied with `lopdf`.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::Selection;
use crate::model::{Pack, Source};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OriginalError {
    #[error("the pack is not a PDF: it has no original pages (export it as pdf, html or md)")]
    NotPdf,
    #[error("the decisions have no pages of their own: choose --items, --document or --pages")]
    Decisions,
    #[error("no page {0}: {1}")]
    NoPage(String, String),
    #[error("the pages '{0}' are not understood: give pages as 11-16 or 3,5,7-9")]
    BadPages(String),
    #[error("the original PDF's pages could not be copied: {0}")]
    Pdf(String),
}

/// The PDF pages (1-based, in order) that hold the selection: every page a chosen
/// document's lines reach.
pub fn pages_of(pack: &Pack, selection: &Selection) -> Result<Vec<u32>, OriginalError> {
    let source = &pack.source;
    let count = source.pages.ok_or(OriginalError::NotPdf)?;
    let mut pages = BTreeSet::new();
    let mut add = |first: u32, last: u32| {
        if let (Some(a), Some(z)) = (source.page_of_line(first), source.page_of_line(last)) {
            pages.extend(a..=z);
        }
    };
    match selection {
        Selection::Pack => return Ok((1..=count).collect()),
        Selection::Decisions => return Err(OriginalError::Decisions),
        Selection::Document(id) => {
            if let Some(doc) = pack.document(*id) {
                add(doc.lines.first(), doc.lines.last());
            }
        }
        Selection::Items(numbers) => {
            for item in numbers.iter().filter_map(|n| pack.agenda_item(n)) {
                for doc in item.documents.iter().filter_map(|d| pack.document(*d)) {
                    add(doc.lines.first(), doc.lines.last());
                }
            }
        }
    }
    Ok(pages.into_iter().collect())
}

/// `--pages 11-16` or `3,5,7-9`: the pages as printed on them ("Page 11") where the PDF
/// prints numbers, else the PDF's own page numbers, to PDF pages.
pub fn pages_from_spec(source: &Source, spec: &str) -> Result<Vec<u32>, OriginalError> {
    let count = source.pages.ok_or(OriginalError::NotPdf)?;
    let bad = || OriginalError::BadPages(spec.to_string());
    let printed = source.printed_pages.iter().any(Option::is_some);
    let to_pdf = |n: u32| -> Result<u32, OriginalError> {
        let page = if printed {
            source.page_printed(n)
        } else {
            (1..=count).contains(&n).then_some(n)
        };
        page.ok_or_else(|| {
            let range = if printed {
                let numbers: Vec<u32> = source.printed_pages.iter().flatten().copied().collect();
                let (lo, hi) = (numbers.iter().min(), numbers.iter().max());
                format!(
                    "the printed page numbers run from {} to {}",
                    lo.unwrap_or(&0),
                    hi.unwrap_or(&0)
                )
            } else {
                format!("the PDF has {count} pages")
            };
            OriginalError::NoPage(n.to_string(), range)
        })
    };
    let mut pages = BTreeSet::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, z) = match part.split_once(['-', '–']) {
            Some((a, z)) => (a.trim(), z.trim()),
            None => (part, part),
        };
        let a: u32 = a.parse().map_err(|_| bad())?;
        let z: u32 = z.parse().map_err(|_| bad())?;
        if z < a || z - a > 10_000 {
            return Err(bad());
        }
        let (first, last) = (to_pdf(a)?, to_pdf(z)?);
        pages.extend(first.min(last)..=first.max(last));
    }
    if pages.is_empty() {
        return Err(bad());
    }
    Ok(pages.into_iter().collect())
}

/// A new PDF holding `pages` (1-based) of the original, in order. Never panics: a PDF
/// the copier cannot read is an error.
pub fn copy_pages(pdf: &[u8], pages: &[u32]) -> Result<Vec<u8>, OriginalError> {
    catch_unwind(AssertUnwindSafe(|| copy(pdf, pages)))
        .unwrap_or_else(|_| Err(OriginalError::Pdf("the PDF copier failed".into())))
}

fn copy(pdf: &[u8], pages: &[u32]) -> Result<Vec<u8>, OriginalError> {
    let err = |e: lopdf::Error| OriginalError::Pdf(e.to_string());
    let mut doc = lopdf::Document::load_mem(pdf).map_err(err)?;
    let keep: BTreeSet<u32> = pages.iter().copied().collect();
    let all: Vec<u32> = doc.get_pages().keys().copied().collect();
    if keep.iter().any(|p| !all.contains(p)) || keep.is_empty() {
        return Err(OriginalError::Pdf(format!(
            "it has {} pages; pages {:?} were asked for",
            all.len(),
            pages
        )));
    }
    let drop: Vec<u32> = all.into_iter().filter(|p| !keep.contains(p)).collect();
    doc.delete_pages(&drop);
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| OriginalError::Pdf(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(pages: u32, printed: Vec<Option<u32>>) -> Source {
        Source {
            pages: Some(pages),
            page_lines: (0..pages).map(|p| 1 + p * 10).collect(),
            printed_pages: printed,
            ..Source::default()
        }
    }

    #[test]
    fn pages_are_read_as_printed_where_the_pdf_prints_them() {
        // A front sheet with no number, then pages printed 1 to 4.
        let printed = source(5, vec![None, Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(pages_from_spec(&printed, "2-3"), Ok(vec![3, 4]));
        assert_eq!(pages_from_spec(&printed, "1, 4"), Ok(vec![2, 5]));
        let err = pages_from_spec(&printed, "9").expect_err("no page 9");
        assert!(err.to_string().contains("run from 1 to 4"), "{err}");
        let plain = source(3, vec![None, None, None]);
        assert_eq!(pages_from_spec(&plain, "2-3"), Ok(vec![2, 3]));
        assert!(pages_from_spec(&plain, "x").is_err());
        assert!(pages_from_spec(&plain, "3-1").is_err());
        assert_eq!(
            pages_from_spec(&Source::default(), "1"),
            Err(OriginalError::NotPdf)
        );
    }

    #[test]
    fn chosen_pages_are_copied_and_bad_input_is_an_error() {
        let pdf = include_bytes!("../../../../tests/corpus/seeds-pdf/001_11204c895c2fdebf.pdf");
        let total = lopdf::Document::load_mem(pdf).unwrap().get_pages().len() as u32;
        assert!(total >= 3, "the fixture has {total} pages");
        let out = copy_pages(pdf, &[2, 3]).unwrap();
        let copied = lopdf::Document::load_mem(&out).unwrap();
        assert_eq!(copied.get_pages().len(), 2);
        // The copy reads as the original's pages 2 and 3 do.
        let text = crate::input::load(&out).unwrap().text;
        let whole = crate::input::load(pdf).unwrap().text;
        let pages: Vec<&str> = whole.split('\u{c}').collect();
        let first_line = pages[1].lines().find(|l| !l.trim().is_empty()).unwrap();
        assert!(text.contains(first_line.trim()), "{first_line}");
        assert!(matches!(
            copy_pages(pdf, &[total + 1]),
            Err(OriginalError::Pdf(_))
        ));
        assert!(matches!(
            copy_pages(b"not a pdf", &[1]),
            Err(OriginalError::Pdf(_))
        ));
    }
}
