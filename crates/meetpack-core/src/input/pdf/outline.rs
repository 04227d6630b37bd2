//! A PDF's bookmarks (the outline in its catalog), each with the page it points at.
//!
//! Walked here rather than with pdf_oxide's `get_outline`, which follows `/Next` and
//! `/First` without noticing a loop: a broken or hostile outline would hang it or overflow
//! the stack. Here every outline object is visited once, and the depth and the number of
//! bookmarks are capped; a bookmark whose page cannot be found is left out.

use std::collections::{HashMap, HashSet};

use pdf_oxide::PdfDocument;
use pdf_oxide::object::{Object, ObjectRef};

/// One bookmark: its depth (0 at the top), its title and the 0-based page it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub level: u8,
    pub title: String,
    pub page: usize,
}

/// Deeper than this, an outline is a report's sub-sub-headings: not read further.
const MAX_DEPTH: u8 = 8;
/// More bookmarks than this are not a pack's index; the cap bounds a hostile outline.
const MAX_ENTRIES: usize = 4_000;
/// A page tree deeper than this is broken (a real one is a few levels deep).
const MAX_TREE_DEPTH: usize = 64;

/// The document's bookmarks in outline order (depth first), or none.
pub(super) fn read(doc: &PdfDocument) -> Vec<Entry> {
    let Some(first) = first_bookmark(doc) else {
        return Vec::new();
    };
    let pages = page_indices(doc);
    let mut walk = Walk {
        doc,
        pages: &pages,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    walk.siblings(first, 0);
    walk.out
}

fn first_bookmark(doc: &PdfDocument) -> Option<ObjectRef> {
    let catalog = doc.catalog().ok()?;
    let outlines = deref(doc, catalog.as_dict()?.get("Outlines")?)?;
    match outlines.as_dict()?.get("First")? {
        Object::Reference(r) => Some(*r),
        _ => None,
    }
}

/// Each page object's 0-based index, from one walk of the page tree.
fn page_indices(doc: &PdfDocument) -> HashMap<ObjectRef, usize> {
    let mut out = HashMap::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| match c.as_dict()?.get("Pages")? {
            Object::Reference(r) => Some(*r),
            _ => None,
        })
    else {
        return out;
    };
    // Depth first, children in order, each node once (a /Kids loop ends here).
    let mut stack = vec![(root, 0usize)];
    let mut seen = HashSet::new();
    while let Some((node, depth)) = stack.pop() {
        if !seen.insert(node) || depth > MAX_TREE_DEPTH {
            continue;
        }
        let Ok(obj) = doc.load_object(node) else {
            continue;
        };
        let Some(dict) = obj.as_dict() else { continue };
        match dict.get("Kids").and_then(Object::as_array) {
            Some(kids) => {
                for kid in kids.iter().rev() {
                    if let Object::Reference(r) = kid {
                        stack.push((*r, depth + 1));
                    }
                }
            }
            None => {
                let next = out.len();
                out.insert(node, next);
            }
        }
    }
    out
}

struct Walk<'d> {
    doc: &'d PdfDocument,
    pages: &'d HashMap<ObjectRef, usize>,
    seen: HashSet<ObjectRef>,
    out: Vec<Entry>,
}

impl Walk<'_> {
    /// A bookmark, its children, then its next siblings: a loop over siblings, a call per
    /// level, so the stack grows with the depth only.
    fn siblings(&mut self, first: ObjectRef, level: u8) {
        let mut next = Some(first);
        while let Some(at) = next {
            if self.out.len() >= MAX_ENTRIES || !self.seen.insert(at) {
                return;
            }
            let Ok(obj) = self.doc.load_object(at) else {
                return;
            };
            let Some(dict) = obj.as_dict() else { return };
            let page = self.page_of(dict);
            if let Some(page) = page {
                self.out.push(Entry {
                    level,
                    title: title_of(self.doc, dict),
                    page,
                });
            }
            if let Some(Object::Reference(child)) = dict.get("First")
                && level < MAX_DEPTH
            {
                self.siblings(*child, level + 1);
            }
            next = match dict.get("Next") {
                Some(Object::Reference(r)) => Some(*r),
                _ => None,
            };
        }
    }

    /// The page a bookmark points at: its `/Dest`, or its GoTo action's `/D`.
    fn page_of(&self, dict: &HashMap<String, Object>) -> Option<usize> {
        if let Some(dest) = dict.get("Dest") {
            return self.page_of_dest(dest, 0);
        }
        let action = deref(self.doc, dict.get("A")?)?;
        self.page_of_dest(action.as_dict()?.get("D")?, 0)
    }

    fn page_of_dest(&self, dest: &Object, depth: u8) -> Option<usize> {
        match dest {
            Object::Array(parts) => match parts.first()? {
                Object::Reference(page) => self.pages.get(page).copied(),
                // A remote or already numbered destination: a page number.
                Object::Integer(n) => usize::try_from(*n).ok(),
                _ => None,
            },
            Object::Name(name) => self.doc.resolve_named_destination(name).ok()?,
            Object::String(name) => self
                .doc
                .resolve_named_destination(&String::from_utf8_lossy(name))
                .ok()?,
            Object::Reference(r) if depth < 4 => {
                let obj = self.doc.load_object(*r).ok()?;
                let inner = obj.as_dict().and_then(|d| d.get("D")).unwrap_or(&obj);
                self.page_of_dest(inner, depth + 1)
            }
            Object::Dictionary(d) if depth < 4 => self.page_of_dest(d.get("D")?, depth + 1),
            _ => None,
        }
    }
}

fn title_of(doc: &PdfDocument, dict: &HashMap<String, Object>) -> String {
    let bytes = match dict.get("Title").and_then(|t| deref(doc, t)) {
        Some(Object::String(s)) => s,
        _ => return String::new(),
    };
    pdf_oxide::optional_content::decode_pdf_text_string(&bytes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An object, loaded once if it is a reference.
fn deref(doc: &PdfDocument, obj: &Object) -> Option<Object> {
    match obj {
        Object::Reference(r) => doc.load_object(*r).ok(),
        other => Some(other.clone()),
    }
}
