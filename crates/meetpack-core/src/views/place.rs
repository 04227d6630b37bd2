//! Where a span of the pack is, in the words a councillor uses: the page printed on the
//! paper ("page 11"), else the PDF's own page ("PDF page 3"), and lines only for a text pack
//! that has no pages.

use crate::model::{Lines, Source};

/// "page 11", "pages 11–13", "PDF page 3" (a page with no printed number), "line 66" or
/// "lines 219–372" (a text pack).
pub fn place_name(source: &Source, lines: Lines) -> String {
    let (Some(a), Some(z)) = (
        source.page_of_line(lines.first()),
        source.page_of_line(lines.last()),
    ) else {
        return if lines.first() == lines.last() {
            format!("line {}", lines.first())
        } else {
            format!("lines {}–{}", lines.first(), lines.last())
        };
    };
    let printed = |page: u32| {
        source
            .printed_pages
            .get(page as usize - 1)
            .copied()
            .flatten()
    };
    match (printed(a), printed(z)) {
        (Some(p), Some(q)) if p == q => format!("page {p}"),
        (Some(p), Some(q)) if q > p => format!("pages {p}–{q}"),
        _ if a == z => format!("PDF page {a}"),
        _ => format!("PDF pages {a}–{z}"),
    }
}

/// A PDF pack's page as a councillor names it: "page 11" (printed on it), else "PDF
/// page 3".
pub fn page_name(page: &crate::model::PagePlace) -> String {
    match &page.printed {
        Some(printed) => format!("page {printed}"),
        None => format!("PDF page {}", page.pdf),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_pages_first_then_the_pdfs_then_lines() {
        let text = Source::default();
        assert_eq!(place_name(&text, Lines(66, 66)), "line 66");
        assert_eq!(place_name(&text, Lines(219, 372)), "lines 219–372");
        // Three PDF pages from lines 1, 10 and 20; the second and third print 11 and 12.
        let pdf = Source {
            page_lines: vec![1, 10, 20],
            printed_pages: vec![None, Some(11), Some(12)],
            ..Source::default()
        };
        assert_eq!(place_name(&pdf, Lines(12, 14)), "page 11");
        assert_eq!(place_name(&pdf, Lines(12, 25)), "pages 11–12");
        assert_eq!(place_name(&pdf, Lines(2, 3)), "PDF page 1");
        assert_eq!(place_name(&pdf, Lines(2, 12)), "PDF pages 1–2");
        // One line's page, as search and find hits carry it.
        let page = pdf.page_place(12).expect("a PDF page");
        assert_eq!((page.pdf, page.printed.as_deref()), (2, Some("11")));
        assert_eq!(page_name(&page), "page 11");
        assert_eq!(page_name(&pdf.page_place(3).unwrap()), "PDF page 1");
        assert_eq!(text.page_place(3), None);
    }
}
