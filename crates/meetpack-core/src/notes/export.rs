//! The notes of a pack as a document to print or send: Markdown or HTML, in reading
//! order, each with its paper (and agenda item), the passage quoted, and what was written.

use std::fmt::Write;

use super::{NoteKind, ResolvedNote};
use crate::export::{escape_html, escape_markdown};
use crate::model::Pack;

/// Where a note is, in words: "Item 4 · Family Valued Programme (briefing note), page 11"
/// ("line 212" in a text pack).
pub fn place_label(pack: &Pack, note: &ResolvedNote) -> String {
    let Some(place) = &note.place else {
        if let Some(other) = note.in_other_pack() {
            return format!(
                "In another pack of this meeting: {other} (line {} there)",
                note.note.anchor.line
            );
        }
        return format!(
            "Detached: the passage is no longer in this pack (it was at line {})",
            note.note.anchor.line
        );
    };
    let at = crate::views::place::place_name(&pack.source, place.lines);
    let Some(doc) = pack.document(place.doc) else {
        return at;
    };
    let item = doc
        .agenda_item
        .as_deref()
        .map(|n| format!("Item {n} · "))
        .unwrap_or_default();
    format!(
        "{item}{} ({}), {at}",
        doc.title,
        doc.kind.label().to_lowercase()
    )
}

fn heading(pack: &Pack) -> String {
    let mut title = String::from("Notes");
    if let Some(c) = &pack.meta.committee {
        let _ = write!(title, ": {c}");
    }
    if let Some(d) = &pack.meta.date {
        let _ = write!(title, ", {d}");
    }
    title
}

fn kind_word(kind: NoteKind) -> &'static str {
    kind.label()
}

/// Markdown: a heading per note, the passage as a block quote, the text below.
pub fn markdown(pack: &Pack, notes: &[ResolvedNote]) -> String {
    let mut out = format!("# {}\n\n", heading(pack));
    if notes.is_empty() {
        out.push_str("No notes.\n");
    }
    for note in notes {
        let _ = writeln!(
            out,
            "## {} — {}\n",
            kind_word(note.note.kind),
            escape_markdown(&place_label(pack, note))
        );
        for line in note.note.anchor.quote.lines() {
            let _ = writeln!(out, "> {}", escape_markdown(line));
        }
        out.push('\n');
        // The user's text is escaped too: "<against>" would otherwise be read as HTML.
        for line in note.note.text.trim().lines() {
            let _ = writeln!(out, "{}  ", escape_markdown(line));
        }
        if !note.note.text.trim().is_empty() {
            out.push('\n');
        }
        if !note.note.created.is_empty() {
            let _ = writeln!(out, "*{}*\n", note.note.created);
        }
    }
    out
}

/// A standalone HTML page; everything from the pack and the notes is escaped.
pub fn html(pack: &Pack, notes: &[ResolvedNote]) -> String {
    let title = escape_html(&heading(pack));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n<style>\n\
         body {{ font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }}\n\
         blockquote {{ border-left: 4px solid #c9a400; margin: 0.5em 0; padding: 0.2em 1em; background: #fffbe6; }}\n\
         .where {{ color: #555; font-size: 0.9em; }}\n\
         .detached blockquote {{ border-color: #999; background: #f2f2f2; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    if notes.is_empty() {
        out.push_str("<p>No notes.</p>\n");
    }
    for note in notes {
        let class = if note.detached() {
            "note detached"
        } else {
            "note"
        };
        let _ = writeln!(
            out,
            "<section class=\"{class}\">\n<h2>{}</h2>\n<p class=\"where\">{}</p>\n<blockquote>{}</blockquote>",
            escape_html(kind_word(note.note.kind)),
            escape_html(&place_label(pack, note)),
            escape_html(&note.note.anchor.quote).replace('\n', "<br>\n"),
        );
        if !note.note.text.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p>{}</p>",
                escape_html(note.note.text.trim()).replace('\n', "<br>\n")
            );
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::{Anchor, Note, resolve};

    fn pack_and_notes() -> (Pack, Vec<ResolvedNote>) {
        let text = "Minutes of the Cabinet held on 3 March 2024\n\n\
                    1. Budget <draft> & \"options\"\n\n\
                    The budget for libraries was discussed at length.\n";
        let pack = crate::parse::parse(text);
        let anchor = Anchor::at_line(&pack, 5).expect("passage");
        let mut gone = Note::new(NoteKind::Bookmark, "", anchor.clone());
        gone.anchor.quote = "A passage that is no longer here at all".into();
        gone.anchor.before.clear();
        gone.anchor.after.clear();
        let notes = vec![
            Note::new(
                NoteKind::Note,
                "Ask: <script>alert(1)</script> & why?",
                anchor,
            ),
            gone,
        ];
        let resolved = resolve(&pack, &notes);
        (pack, resolved)
    }

    #[test]
    fn html_escapes_the_notes_and_the_pack() {
        let (pack, notes) = pack_and_notes();
        let html = html(&pack, &notes);
        assert!(html.contains("Ask: &lt;script&gt;alert(1)&lt;/script&gt; &amp; why?"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("The budget for libraries was discussed at length."));
        assert!(html.contains("class=\"note detached\""));
        assert!(html.contains("A passage that is no longer here at all"));
    }

    #[test]
    fn markdown_lists_notes_in_order_with_their_place_and_quote() {
        let (pack, notes) = pack_and_notes();
        let md = markdown(&pack, &notes);
        let note = md.find("## Note").expect("the note");
        let bookmark = md
            .find("## Bookmark — Detached")
            .expect("the detached bookmark");
        assert!(note < bookmark);
        assert!(md.contains("> The budget for libraries was discussed at length."));
        assert!(md.contains("line 5"), "{md}");
    }
}
