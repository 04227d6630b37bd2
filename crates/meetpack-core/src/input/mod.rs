//! A file's bytes to a parsed pack: PDF or text, sniffed from the bytes, not the name.
//! No I/O and no GUI: the callers read the file and show the errors.

pub mod decode;
pub mod file;
pub mod pdf;
#[cfg(feature = "render")]
pub mod render;

use thiserror::Error;

use crate::model::{Diagnostic, DiagnosticKind, Lines, Pack};
use decode::Decoded;

/// A parsed pack and the text its line numbers refer to (for a PDF, the extracted text).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub pack: Pack,
    pub text: String,
}

/// Why a file could not be opened. Each message is one line, shown as is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// Not readable as text (empty, binary).
    #[error(transparent)]
    Text(#[from] decode::DecodeError),
    #[error("this PDF is encrypted with a password; MeetPack cannot open it")]
    Encrypted,
    #[error("this PDF is damaged or truncated ({0})")]
    Damaged(String),
    #[error("the file is named .pdf but is not a PDF")]
    NotPdf,
    /// A scan: MeetPack has no text to parse, though the viewer can show its `pages` as
    /// pictures and the library lists it as a scan.
    #[error("this PDF holds only page images (a scan); MeetPack cannot read text from it")]
    ImageOnly { pages: u32 },
    #[error("opening was cancelled")]
    Cancelled,
}

/// How far into a file a PDF header may sit: readers accept junk before `%PDF`.
const SNIFF: usize = 1024;

/// Whether the bytes are a PDF (its header within the first KiB).
pub fn is_pdf(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(SNIFF)], b"%PDF").is_some()
}

/// Whether the bytes have a PDF's structure after its header (a version, then a binary
/// comment or an object), not only the four letters: a text whose first word is "%PDF"
/// is text. A file named `.pdf` needs only the header ([`is_pdf`]), so that a damaged one
/// is said to be damaged rather than read as text.
pub fn has_pdf_structure(bytes: &[u8]) -> bool {
    memchr::memmem::find(&bytes[..bytes.len().min(SNIFF)], b"%PDF")
        .is_some_and(|at| decode::looks_like_pdf(&bytes[at..]))
}

/// Parses a file's bytes: a PDF is extracted to text first; anything else is decoded as text.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with_progress(bytes, &mut |_, _| true)
}

/// As [`load`], for a file whose name is known: a `.pdf` that is not a PDF is said so.
pub fn load_named(
    name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Loaded, LoadError> {
    load_named_with_early(name, bytes, progress, &mut |_| {})
}

/// How many pages of a longer PDF are read before [`load_named_with_early`] offers a first
/// look at the pack: a front sheet and the start of the first paper, in a few milliseconds.
pub const EARLY_PAGES: usize = 4;

/// As [`load_named`]; a PDF of more than [`EARLY_PAGES`] pages is also parsed once its
/// first pages are read, and that partial pack given to `early` (its `source.pages` says
/// how many pages it holds) before the rest of the file is read. Text has no such step.
/// The pack returned is always the whole file's.
pub fn load_named_with_early(
    name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize) -> bool,
    early: &mut dyn FnMut(Pack),
) -> Result<Loaded, LoadError> {
    let named_pdf = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if named_pdf && !is_pdf(bytes) {
        return Err(LoadError::NotPdf);
    }
    load_with_early(bytes, named_pdf, progress, early)
}

/// As [`load`], reporting PDF pages done (`progress(done, total)`; `false` cancels).
pub fn load_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Loaded, LoadError> {
    load_with_early(bytes, false, progress, &mut |_| {})
}

fn load_with_early(
    bytes: &[u8],
    named_pdf: bool,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    early: &mut dyn FnMut(Pack),
) -> Result<Loaded, LoadError> {
    let pdf = if named_pdf {
        is_pdf(bytes)
    } else {
        has_pdf_structure(bytes)
    };
    if !pdf {
        let decoded = decode::decode(bytes)?;
        let pack = parse_decoded(&decoded, bytes.len());
        return Ok(Loaded {
            pack,
            text: decoded.text,
        });
    }
    let mut first = |extracted: &pdf::Extracted| {
        // A scan's first pages give nothing to show: wait for the whole verdict.
        if !image_only(extracted) {
            early(pack_of(extracted, bytes.len()));
        }
    };
    let extracted =
        pdf::extract_with_early(bytes, progress, EARLY_PAGES, &mut first).map_err(|e| match e {
            pdf::PdfError::Encrypted => LoadError::Encrypted,
            pdf::PdfError::Damaged(reason) => LoadError::Damaged(reason),
            pdf::PdfError::Cancelled => LoadError::Cancelled,
        })?;
    if image_only(&extracted) {
        return Err(LoadError::ImageOnly {
            pages: extracted.pages.len() as u32,
        });
    }
    Ok(Loaded {
        pack: pack_of(&extracted, bytes.len()),
        text: extracted.text,
    })
}

/// The pack of a PDF's extracted text, with its page map and page diagnostics.
fn pack_of(extracted: &pdf::Extracted, bytes: usize) -> Pack {
    let mut pack =
        crate::parse::parse_with_outline(&extracted.text, "pdf", &bookmarks_of(extracted));
    pack.source.encoding = "pdf".into();
    pack.source.bytes = bytes;
    pack.source.pages = Some(extracted.pages.len() as u32);
    pack.source.page_lines = extracted.pages.iter().map(|p| p.first_line).collect();
    pack.source.printed_pages = extracted.pages.iter().map(|p| p.printed).collect();
    assign_pages(&mut pack);
    let mut diagnostics = page_diagnostics(extracted, pack.source.lines);
    diagnostics.extend(check_agenda_pages(&pack));
    pack.diagnostics.extend(diagnostics);
    pack.diagnostics.sort_by_key(|d| d.lines);
    pack
}

/// The PDF's bookmarks, each at the line its page starts on (a bookmark to a page not
/// read yet, in a long PDF's first look, is left out).
fn bookmarks_of(extracted: &pdf::Extracted) -> Vec<crate::parse::bookmarks::Bookmark> {
    extracted
        .outline
        .iter()
        .filter_map(|e| {
            Some(crate::parse::bookmarks::Bookmark {
                level: e.level,
                title: e.title.clone(),
                line: extracted.pages.get(e.page)?.first_line,
            })
        })
        .collect()
}

/// Sets each document's PDF pages from the pack's page map.
pub fn assign_pages(pack: &mut Pack) {
    for doc in &mut pack.documents {
        let first = pack.source.page_of_line(doc.lines.first());
        let last = pack.source.page_of_line(doc.lines.last());
        doc.pages = first.zip(last).map(|(a, b)| [a, b]);
    }
}

/// A scan: no page has text worth reading. A few words stamped over page images (a
/// council's reference number on each scanned page) do not make it readable.
fn image_only(extracted: &pdf::Extracted) -> bool {
    let words = extracted.text.split_whitespace().count();
    let pages = extracted.pages.len().max(1);
    let empty = extracted.pages.iter().filter(|p| p.empty).count();
    words == 0 || (words < 5 * pages && empty * 2 >= pages)
}

/// Pages without text and pages that could not be read, as one diagnostic each.
/// The 1-based pages (form feeds start each page after the first) whose text is mostly
/// not words: what a PDF gives when its fonts map glyphs to the wrong characters
/// ("6',8 /398+74,8.+2++8/3"), so the page reads as noise and nothing in it is found.
fn garbled_pages(text: &str) -> Vec<u32> {
    text.split('\u{c}')
        .enumerate()
        .filter(|(_, page)| looks_garbled(page))
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// Words (mostly letters), numbers (digits with their punctuation) and noise (anything
/// else, such as `/398+74,8.+2`) among a page's tokens: garbled when noise outnumbers
/// words on a page with enough tokens to tell. Tables of figures are numbers, not noise.
fn looks_garbled(page: &str) -> bool {
    let (mut words, mut noise) = (0usize, 0usize);
    for token in page.split_whitespace() {
        let token = token.trim_matches(|c: char| "*.,;:()[]\"'’‘“”-–".contains(c));
        if token.is_empty() {
            continue;
        }
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        let chars = token.chars().count();
        if letters >= 2 && letters * 10 >= chars * 6 {
            words += 1;
        } else if letters == 0
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || ".,%£$€/:-".contains(c))
        {
            // a number, a date, a sum of money
        } else if letters < 2 && chars <= 2 {
            // "a", "&", "I", a bullet
        } else {
            noise += 1;
        }
    }
    words + noise >= 20 && noise > words
}

fn page_diagnostics(extracted: &pdf::Extracted, lines: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let list = |pick: fn(&pdf::Page) -> bool| -> Vec<String> {
        extracted
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| pick(p))
            .map(|(i, _)| (i + 1).to_string())
            .collect()
    };
    let whole = Lines(1, lines.max(1));
    let failed = list(|p| p.failed);
    if !failed.is_empty() {
        out.push(Diagnostic {
            kind: DiagnosticKind::Input,
            message: format!(
                "{} PDF page(s) could not be read and are left empty: {}",
                failed.len(),
                failed.join(", ")
            ),
            lines: whole,
            related: None,
        });
    }
    let garbled = garbled_pages(&extracted.text);
    if !garbled.is_empty() {
        let pages: Vec<String> = garbled.iter().map(u32::to_string).collect();
        out.push(Diagnostic {
            kind: DiagnosticKind::Input,
            message: format!(
                "{} PDF page(s) have a text layer MeetPack cannot read (letters drawn with \
                 fonts that do not say which characters they are): {}; read the original \
                 pages (F8)",
                pages.len(),
                pages.join(", ")
            ),
            lines: whole,
            related: None,
        });
    }
    let empty = list(|p| p.empty && !p.failed);
    if !empty.is_empty() {
        out.push(Diagnostic {
            kind: DiagnosticKind::Input,
            message: format!(
                "{} PDF page(s) have no text (page images or blank pages): {}",
                empty.len(),
                empty.join(", ")
            ),
            lines: whole,
            related: None,
        });
    }
    out
}

/// The front sheet's "(Pages x - y)" against the page numbers printed on the pages of the
/// papers linked to that item. A page number printed on any page of the papers fixes the
/// printed number of their first and last page (pages are consecutive).
pub fn check_agenda_pages(pack: &Pack) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for item in &pack.agenda {
        let Some((start, end)) = item.pages else {
            continue;
        };
        let spans: Vec<[u32; 2]> = item
            .documents
            .iter()
            .filter_map(|&id| pack.document(id)?.pages)
            .collect();
        let (Some(first), Some(last)) = (
            spans.iter().map(|s| s[0]).min(),
            spans.iter().map(|s| s[1]).max(),
        ) else {
            continue;
        };
        let numbered = (first..=last).find_map(|page| {
            let printed = (*pack
                .source
                .printed_pages
                .get((page as usize).checked_sub(1)?)?)?;
            Some((page, printed))
        });
        let Some((page, printed)) = numbered else {
            continue;
        };
        // The printed numbers of the papers' first and last page, if numbering is consecutive.
        let printed_first = i64::from(printed) - i64::from(page - first);
        let printed_last = printed_first + i64::from(last - first);
        // A paper may end on the page before a trailing "intentionally blank" page the
        // front sheet counts, so the end may fall short by one.
        let end_ok = printed_last == i64::from(end) || printed_last + 1 == i64::from(end);
        if printed_first != i64::from(start) || !end_ok {
            out.push(Diagnostic {
                kind: DiagnosticKind::Link,
                message: format!(
                    "agenda item {} gives pages {start} - {end}, but its papers are printed pages {printed_first} - {printed_last}",
                    item.number
                ),
                lines: item.lines,
                related: item
                    .documents
                    .first()
                    .and_then(|&id| pack.document(id))
                    .map(|d| d.lines),
            });
        }
    }
    out
}

/// The pack of bytes the caller gives up (the command line): a text file's UTF-8 is
/// parsed in place, not copied, which keeps peak memory a size of the file lower. A PDF
/// goes through [`load`].
pub fn load_owned(bytes: Vec<u8>) -> Result<Pack, LoadError> {
    if has_pdf_structure(&bytes) {
        return load(&bytes).map(|loaded| loaded.pack);
    }
    let len = bytes.len();
    Ok(parse_decoded(&decode::decode_owned(bytes)?, len))
}

/// Parses decoded text (of a file of `bytes` bytes) and notes how it was decoded.
pub fn parse_decoded(decoded: &Decoded, bytes: usize) -> Pack {
    let mut pack = crate::parse::parse_with(&decoded.text, decoded.encoding);
    pack.source.bytes = bytes;
    let whole = Lines(1, pack.source.lines.max(1));
    let mut notes = Vec::new();
    if decoded.encoding == "windows-1252" {
        notes.push("the file is not UTF-8; it was read as Windows-1252".to_string());
    }
    if decoded.replaced > 0 {
        notes.push(format!(
            "{} invalid byte sequence(s) or NUL(s) replaced by U+FFFD",
            decoded.replaced
        ));
    }
    for (k, message) in notes.into_iter().enumerate() {
        pack.diagnostics.insert(
            k,
            crate::model::Diagnostic {
                kind: crate::model::DiagnosticKind::Encoding,
                message,
                lines: whole,
                related: None,
            },
        );
    }
    pack
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_whose_first_word_is_pdf_is_text() {
        let text = b"%PDF is how our clerk sends papers.\nMinutes of the meeting\n1. Apologies\n";
        for loaded in [
            load(text),
            load_named("minutes.txt", text, &mut |_, _| true),
        ] {
            let loaded = loaded.expect("read as text");
            assert_eq!(loaded.pack.source.encoding, "utf-8");
            assert!(loaded.text.starts_with("%PDF is how"));
        }
        assert_eq!(
            load_owned(text.to_vec()).expect("text").source.encoding,
            "utf-8"
        );
        // Named .pdf, the same bytes are a PDF that is not one.
        assert_eq!(
            load_named("minutes.pdf", b"hello", &mut |_, _| true).err(),
            Some(LoadError::NotPdf)
        );
    }

    #[test]
    fn a_page_of_glyph_noise_is_garbled_and_a_table_of_figures_is_not() {
        let noise = "6',8 /398+74,8.+2++8/3-.+1*43$ 8.$ '6). '852/38.+%/11'-+'11$ 6+7+38116')0+88 \
                     .'/62'3$ 116'9*;+11 %/)+.'/62'3$ 1167 4;+117 67'='3*7)43'-.$ 388+3*'3)+ \
                     +564+%6..4.#%-9'.. 5414-/+7,46(7+3)+ ..445.#4-' +564+%6..4 #46'4+564+%6..445";
        let noise = format!("{noise} {noise}");
        let noise = noise.as_str();
        assert!(looks_garbled(noise));
        let minutes = "Minutes of the meeting of the Parish Council held on 18 March 2014. \
                       Present: Cllr A Smith (Chair), Cllr B Jones. Apologies were received \
                       from Cllr C Brown. RESOLVED that the minutes be signed.";
        assert!(!looks_garbled(minutes));
        let figures = "2016/17 2017/18 2018/19 2019/20 £000 £000 £000 £000 1,234 2,345 3,456 \
                       4,567 5,678 6,789 7,890 8,901 9,012 10,123 11,234 12,345 Total 13,456";
        assert!(!looks_garbled(figures));
        assert_eq!(
            garbled_pages(&format!("{minutes}\u{c}{noise}\u{c}{figures}")),
            vec![2]
        );
    }

    #[test]
    fn a_pdf_is_a_pdf_by_its_structure_whatever_its_name() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/corpus/pdf/05_southwark-cabinet-2019-09-17_public-question.pdf"
        );
        let bytes = std::fs::read(path).expect("corpus PDF");
        assert!(has_pdf_structure(&bytes));
        for loaded in [
            load(&bytes),
            load_named("download", &bytes, &mut |_, _| true),
        ] {
            assert_eq!(loaded.expect("a PDF").pack.source.encoding, "pdf");
        }
        // A truncated PDF named .pdf is a damaged PDF, not text.
        let cut = &bytes[..200];
        assert!(matches!(
            load_named("pack.pdf", cut, &mut |_, _| true),
            Err(LoadError::Damaged(_) | LoadError::ImageOnly { .. })
        ));
    }
}
