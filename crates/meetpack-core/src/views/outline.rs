//! A human-readable outline of a parsed pack: kinds, titles, line spans, links and table
//! shapes, indented like a tree. It is what `meetpack inspect --outline` prints and what
//! the golden tests snapshot, so a change in the parser reads as a diff of this text.

use std::io::{self, Write};

use crate::model::{Block, BlockKind, Document, Pack, Table};

/// The outline as a string (tests, snapshots).
pub fn outline(pack: &Pack) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and only whole `str`s are written.
    let _ = write_outline(&mut out, pack);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the outline as it goes, so `inspect` never holds the whole of it in memory.
pub fn write_outline(out: &mut impl Write, pack: &Pack) -> io::Result<()> {
    let m = &pack.meta;
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    writeln!(
        out,
        "pack: {} lines, {}",
        pack.source.lines, pack.source.encoding
    )?;
    writeln!(
        out,
        "meta: council={} committee={} date={} time={} venue={} published={}",
        or_dash(&m.council),
        or_dash(&m.committee),
        or_dash(&m.date),
        or_dash(&m.time),
        or_dash(&m.venue),
        or_dash(&m.published)
    )?;
    if !pack.agenda.is_empty() {
        writeln!(out, "agenda:")?;
    }
    for item in &pack.agenda {
        let pages = item
            .pages
            .map_or_else(|| "no pages".into(), |(a, b)| format!("pp {a}-{b}"));
        let docs: Vec<String> = item.documents.iter().map(|d| d.to_string()).collect();
        writeln!(
            out,
            "  {} {} ({}) {} -> [{}]",
            item.number,
            item.title,
            pages,
            item.lines,
            docs.join(", ")
        )?;
        for sub in &item.sub_items {
            writeln!(out, "    {} {}", sub.marker, sub.text.to_plain())?;
        }
        if let Some(p) = &item.presenter {
            writeln!(out, "    presenter: {p}")?;
        }
        if let Some(d) = &item.description {
            writeln!(
                out,
                "    description: {}",
                crate::text::truncate_at_word(d, 70).into_owned()
            )?;
        }
    }
    for doc in &pack.documents {
        document(out, doc)?;
    }
    if !pack.diagnostics.is_empty() {
        writeln!(out, "diagnostics:")?;
    }
    for d in &pack.diagnostics {
        writeln!(out, "  {} {}", d.lines, d.message)?;
    }
    Ok(())
}

fn document(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let item = doc
        .agenda_item
        .as_deref()
        .map_or(String::new(), |n| format!(" [item {n}]"));
    writeln!(
        out,
        "{} {} \"{}\" {}{}",
        doc.id,
        doc.kind.name(),
        doc.title,
        doc.lines,
        item
    )?;
    if let Some(note) = &doc.note {
        writeln!(out, "  to: {}", note.to.as_deref().unwrap_or("-"))?;
        writeln!(
            out,
            "  date: {} ({})",
            note.date.as_deref().unwrap_or("-"),
            note.date_iso.as_deref().unwrap_or("-")
        )?;
        for r in &note.recommendations {
            writeln!(
                out,
                "  recommends: {}",
                crate::text::truncate_at_word(r, 90).into_owned()
            )?;
        }
        for a in &note.authors {
            writeln!(
                out,
                "  author: {}{}",
                a.name,
                a.role
                    .as_deref()
                    .map_or(String::new(), |r| format!(" — {r}"))
            )?;
        }
        if !note.contacts.is_empty() {
            writeln!(out, "  contacts: {}", note.contacts.join(", "))?;
        }
        for a in &note.appendices {
            writeln!(out, "  lists: {a}")?;
        }
    }
    if let Some(m) = &doc.minutes {
        writeln!(out, "  date: {}", m.date.as_deref().unwrap_or("-"))?;
        for g in &m.attendance {
            writeln!(
                out,
                "  {} ({}): {}",
                g.label,
                g.entries.len(),
                g.entries.join("; ")
            )?;
        }
        for item in &m.items {
            writeln!(
                out,
                "  minute {} {} {}",
                item.number, item.title, item.lines
            )?;
            for r in &item.resolutions {
                let n = r
                    .number
                    .as_deref()
                    .map_or(String::new(), |n| format!("{n}. "));
                writeln!(
                    out,
                    "    RESOLVED {n}{} {}",
                    crate::text::truncate_at_word(&r.text, 80).into_owned(),
                    r.lines
                )?;
            }
        }
    }
    if let Some(wp) = &doc.work_programme {
        for w in &wp.items {
            writeln!(
                out,
                "  {} | {} {}",
                w.date,
                crate::text::truncate_at_word(&w.title, 70).into_owned(),
                w.lines
            )?;
        }
    }
    for block in &doc.blocks {
        block_line(out, doc, block)?;
    }
    Ok(())
}

fn block_line(out: &mut impl Write, doc: &Document, block: &Block) -> io::Result<()> {
    let short = |t: &crate::model::Text| {
        crate::text::truncate_at_word(&t.to_plain().replace('\n', " / "), 70).into_owned()
    };
    let line = match &block.kind {
        BlockKind::Heading {
            level,
            number,
            text,
        } => {
            format!(
                "h{level} {}{}",
                number.as_deref().map_or(String::new(), |n| format!("{n} ")),
                short(text)
            )
        }
        BlockKind::Numbered { number, text } => format!("§{number} {}", short(text)),
        BlockKind::ListItem {
            level,
            marker,
            text,
        } => format!("{}{marker} {}", "  ".repeat(*level as usize), short(text)),
        BlockKind::Paragraph { text } => format!("p {}", short(text)),
        BlockKind::Resolution { number, text } => {
            format!(
                "RESOLVED{} {}",
                number.as_deref().map_or(String::new(), |n| format!(" {n}")),
                short(text)
            )
        }
        BlockKind::Table { table } => doc
            .table(*table)
            .map_or_else(|| "table ?".into(), table_shape),
        BlockKind::Fields { fields } => {
            let f: Vec<String> = fields
                .iter()
                .map(|f| {
                    format!(
                        "{}={}",
                        f.label,
                        crate::text::truncate_at_word(&f.value.to_plain().replace('\n', " / "), 30)
                            .into_owned()
                    )
                })
                .collect();
            format!("fields {}", f.join("; "))
        }
        BlockKind::Contents { entries } => format!("contents {} entries", entries.len()),
        BlockKind::Footnote { text } => format!("footnote {}", short(text)),
        BlockKind::Separator { text } => format!("separator {text}"),
    };
    writeln!(out, "  {} {}", block.lines, line)?;
    Ok(())
}

fn table_shape(t: &Table) -> String {
    let sections = t
        .body
        .iter()
        .filter(|r| r.kind == crate::model::RowKind::Section)
        .count();
    let head = t
        .header
        .iter()
        .map(|h| h.join(" | "))
        .collect::<Vec<_>>()
        .join(" // ");
    format!(
        "table {:?} {}x{} header={} sections={} footnotes={} [{}]",
        t.kind,
        t.body.len(),
        t.columns,
        t.header.len(),
        sections,
        t.footnotes.len(),
        crate::text::truncate_at_word(&head, 60).into_owned()
    )
}
