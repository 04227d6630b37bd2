//! PDF pages as pictures, rendered in pure Rust (pdf_oxide's `rendering`), so charts,
//! images, signatures and layouts that the extracted text cannot carry can be seen.
//! No GUI here: the viewer turns the pixels into a texture.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_oxide::PdfDocument;
use pdf_oxide::rendering::{ImageFormat, RenderOptions, render_page};

/// One rendered page: premultiplied RGBA, row-major, top-left origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// An open PDF ready to render pages from (parsing the file once, not once a page).
pub struct Renderer {
    doc: PdfDocument,
    pages: usize,
}

impl Renderer {
    pub fn open(bytes: &[u8]) -> Result<Self, String> {
        let doc = guarded(|| PdfDocument::from_bytes(bytes.to_vec()))?
            .map_err(|e| format!("cannot open the PDF: {e}"))?;
        let pages = guarded(|| doc.page_count())?.map_err(|e| e.to_string())?;
        Ok(Renderer { doc, pages })
    }

    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// Renders page `index` (0-based) at `dpi` dots per inch.
    pub fn render(&self, index: usize, dpi: u32) -> Result<PageImage, String> {
        if index >= self.pages {
            return Err(format!("the PDF has {} pages", self.pages));
        }
        let mut options = RenderOptions::with_dpi(dpi.clamp(24, 300));
        options.format = ImageFormat::RawRgba8;
        let image = guarded(|| render_page(&self.doc, index, &options))?
            .map_err(|e| format!("page {} could not be drawn: {e}", index + 1))?;
        let expected = image.width as usize * image.height as usize * 4;
        if image.data.len() != expected {
            return Err(format!("page {} came back malformed", index + 1));
        }
        Ok(PageImage {
            width: image.width,
            height: image.height,
            rgba: image.data,
        })
    }
}

/// A third-party renderer may panic on a hostile file: that becomes an error.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| "the PDF renderer failed".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_corpus_page_with_ink_on_it() {
        let path = concat!(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
            "/tests/corpus/pdf/05_southwark-cabinet-2019-09-17_public-question.pdf"
        );
        let bytes = std::fs::read(path).expect("corpus PDF");
        let r = Renderer::open(&bytes).expect("opens");
        assert_eq!(r.page_count(), 1);
        let page = r.render(0, 50).expect("renders");
        assert!(
            page.width > 300 && page.height > 400,
            "{}x{}",
            page.width,
            page.height
        );
        // Some pixels are dark (text), most are white (paper).
        let dark = page.rgba.chunks(4).filter(|p| p[0] < 100).count();
        let total = page.rgba.len() / 4;
        assert!(dark > 100 && dark < total / 2, "{dark} of {total}");
        assert!(r.render(5, 50).is_err());
    }

    #[test]
    fn not_a_pdf_is_an_error_not_a_panic() {
        assert!(Renderer::open(b"%PDF-1.7 truncated").is_err());
    }
}
