//! A PDF's bookmarks through the whole PDF path: a pack's outline starts the paper that no
//! stamp or heading rule finds and links it to its item; a looping outline neither hangs
//! nor loses the pack. The PDFs are made here with lopdf (a pack with an outline, as a
//! publishing system binds one), so each test says exactly what the file holds.

use lopdf::{Document, Object, ObjectId, Stream, dictionary};
use meetpack_core::input::load;
use meetpack_core::model::DocKind;

/// The pages of a small pack: a front sheet, the paper of item 2 (its title and prose,
/// no "Agenda Item" stamp, no "Report" heading), and the paper's appendix.
const PAGES: [&[&str]; 3] = [
    &[
        "Agenda",
        "Highways Committee",
        "Tuesday 4 March 2025 at 10.00 am",
        "1. Apologies for absence",
        "2. Winter gritting routes (Pages 2 - 3)",
        "3. Any other business",
    ],
    &[
        "Winter gritting routes",
        "This paper sets out the routes the council grits in a normal winter.",
        "The routes cover the main roads, bus routes and the roads to schools.",
        "Members are asked to agree the routes for the coming winter.",
    ],
    &[
        "Appendix A - Route map key",
        "Priority one roads are treated first on every run.",
        "Priority two roads are treated once priority one is done.",
    ],
];

/// Writes the pages as a PDF (Helvetica, one line of text each 20 points) and gives the
/// page objects' ids, so an outline can point at them.
fn pack_pdf(outline: impl FnOnce(&mut Document, &[ObjectId]) -> Option<ObjectId>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut kids = Vec::new();
    for lines in PAGES {
        let mut content = String::from("BT /F1 11 Tf 72 760 Td 14 TL\n");
        for line in lines {
            content.push_str(&format!("({line}) Tj T* T*\n"));
        }
        content.push_str("ET\n");
        let stream = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        kids.push(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => stream,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        }));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids.iter().map(|&k| Object::Reference(k)).collect::<Vec<_>>(),
            "Count" => kids.len() as i64,
        }),
    );
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    if let Some(outlines) = outline(&mut doc, &kids) {
        catalog.set("Outlines", outlines);
    }
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the test PDF is written");
    bytes
}

/// Bookmarks as `(title, page, children as (title, page))`.
type Entries<'a> = &'a [(&'a str, usize, &'a [(&'a str, usize)])];

/// An outline of `(title, page, children)` entries, linked with /First, /Next and /Parent.
fn add_outline(doc: &mut Document, pages: &[ObjectId], entries: Entries<'_>) -> ObjectId {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    for (k, (title, page, children)) in entries.iter().enumerate() {
        let mut item = dictionary! {
            "Title" => Object::string_literal(*title),
            "Parent" => root,
            "Dest" => vec![Object::Reference(pages[*page]), "Fit".into()],
        };
        if let Some(&next) = ids.get(k + 1) {
            item.set("Next", next);
        }
        let child_ids: Vec<ObjectId> = children.iter().map(|_| doc.new_object_id()).collect();
        for (c, (title, page)) in children.iter().enumerate() {
            let mut child = dictionary! {
                "Title" => Object::string_literal(*title),
                "Parent" => ids[k],
                "Dest" => vec![Object::Reference(pages[*page]), "Fit".into()],
            };
            if let Some(&next) = child_ids.get(c + 1) {
                child.set("Next", next);
            }
            doc.objects.insert(child_ids[c], Object::Dictionary(child));
        }
        if let (Some(&first), Some(&last)) = (child_ids.first(), child_ids.last()) {
            item.set("First", first);
            item.set("Last", last);
        }
        doc.objects.insert(ids[k], Object::Dictionary(item));
    }
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => ids[0],
            "Last" => ids[ids.len() - 1],
        }),
    );
    root
}

fn kinds(pack: &meetpack_core::model::Pack) -> Vec<DocKind> {
    pack.documents.iter().map(|d| d.kind).collect()
}

#[test]
fn a_packs_bookmarks_start_the_paper_no_rule_finds_and_link_it_to_its_item() {
    let plain = load(&pack_pdf(|_, _| None)).expect("the pack opens");
    let marked = load(&pack_pdf(|doc, pages| {
        Some(add_outline(
            doc,
            pages,
            &[
                ("Agenda", 0, &[]),
                (
                    "2 Winter gritting routes",
                    1,
                    &[("Appendix A - Route map key", 2)],
                ),
            ],
        ))
    }))
    .expect("the pack opens");
    // The same text either way: the outline changes only where papers start.
    assert_eq!(plain.text, marked.text);
    let paper = marked
        .pack
        .documents
        .iter()
        .find(|d| d.title.contains("Winter gritting"))
        .expect("the paper is a document of its own");
    assert_eq!(paper.kind, DocKind::Report);
    assert_eq!(paper.pages, Some([2, 2]));
    let item = marked
        .pack
        .agenda
        .iter()
        .find(|i| i.number == "2")
        .expect("item 2");
    assert!(
        item.documents.contains(&paper.id),
        "item 2 links to its paper: {:?}",
        item.documents
    );
    assert_eq!(
        kinds(&marked.pack),
        vec![DocKind::Agenda, DocKind::Report, DocKind::Appendix]
    );
    // Without the outline the rules alone do not find the paper: the bookmarks did.
    assert!(
        !plain.pack.documents.iter().any(|d| d.pages == Some([2, 2])),
        "{:?}",
        kinds(&plain.pack)
    );
}

#[test]
fn an_outline_that_loops_back_on_itself_neither_hangs_nor_loses_the_pack() {
    let looped = load(&pack_pdf(|doc, pages| {
        let root = add_outline(
            doc,
            pages,
            &[("Agenda", 0, &[]), ("2 Winter gritting routes", 1, &[])],
        );
        // The last bookmark's /Next and /First point back at the first.
        let first = doc
            .get_object(root)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"First")
            .unwrap()
            .as_reference()
            .unwrap();
        let last = doc
            .get_object(root)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"Last")
            .unwrap()
            .as_reference()
            .unwrap();
        let item = doc.get_object_mut(last).unwrap().as_dict_mut().unwrap();
        item.set("Next", first);
        item.set("First", first);
        Some(root)
    }))
    .expect("the pack opens");
    let lines = looped.text.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines >= 13, "every line is read: {}", looped.text);
    assert!(
        looped
            .pack
            .documents
            .iter()
            .any(|d| d.title.contains("Winter gritting"))
    );
}

#[test]
fn a_moderngov_supplements_outline_is_read_with_its_pages() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/pdf"
    ));
    let file = std::fs::read_dir(dir)
        .expect("tests/corpus/pdf exists")
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("24_") && name.ends_with(".pdf")
        })
        .expect("Kent's supplement pack");
    let bytes = std::fs::read(file).unwrap();
    let extracted = meetpack_core::input::pdf::extract(&bytes, &mut |_, _| true).unwrap();
    let outline: Vec<(u8, &str, usize)> = extracted
        .outline
        .iter()
        .map(|e| (e.level, e.title.as_str(), e.page))
        .collect();
    // As poppler lists it (`pdftohtml -xml`), pages counted from 0 here.
    assert_eq!(
        outline,
        vec![
            (0, "Agenda", 0),
            (0, "3 English Devolution White Paper", 2),
            (1, "1. Background", 2),
            (1, "9. Background Documents", 9),
            (1, "Appendix A - 16.12.24 Ministerial Letter", 10),
            (1, "Appendix B - Devolution Framework 2024", 14),
        ]
    );
    // Appendix A's page opens with the minister's letterhead, not its bookmark's words:
    // the bookmark starts nothing, but names the appendix the rules found there.
    let pack = load(&bytes).unwrap().pack;
    let titles: Vec<(DocKind, &str)> = pack
        .documents
        .iter()
        .map(|d| (d.kind, d.title.as_str()))
        .collect();
    assert_eq!(
        titles[2..],
        [
            (
                DocKind::Appendix,
                "Appendix A - 16.12.24 Ministerial Letter"
            ),
            (DocKind::Appendix, "Appendix B - Devolution Framework 2024"),
        ]
    );
}
