//! The binary's pack tools: `find` (every match of a query in a pack) and `decisions`
//! (asks beside decisions, by agenda item). The work is in [`meetpack_core::views::find`] and
//! [`meetpack_core::views::decisions`]; this reads the file, prints and sets the exit code.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use meetpack_core::model::Pack;
use meetpack_core::views::decisions::DecisionsView;

/// How `decisions` prints.
#[derive(Clone, Copy)]
pub enum DecisionsFormat {
    Text,
    Json,
    Csv,
}

impl DecisionsFormat {
    pub fn pick(json: bool, csv: bool) -> Self {
        match (json, csv) {
            (true, _) => DecisionsFormat::Json,
            (_, true) => DecisionsFormat::Csv,
            _ => DecisionsFormat::Text,
        }
    }
}

/// Reads and parses a pack, or says why not (exit code 2).
fn open(file: &Path) -> Result<Pack, ExitCode> {
    let bytes = meetpack_core::input::file::read(file, |_, _| {}).map_err(|e| {
        say!("meetpack: cannot read {}: {e}", file.display());
        ExitCode::from(2)
    })?;
    let name = file.to_string_lossy();
    meetpack_core::input::load_named(&name, &bytes, &mut |_, _| true)
        .map(|loaded| loaded.pack)
        .map_err(|e| {
            say!("meetpack: {} cannot be opened: {e}", file.display());
            ExitCode::from(2)
        })
}

pub fn find(file: &Path, query: &str, json: bool) -> ExitCode {
    if query.trim().is_empty() {
        say!("meetpack: the query is empty: give the text to find");
        return ExitCode::from(2);
    }
    let pack = match open(file) {
        Ok(pack) => pack,
        Err(code) => return code,
    };
    let hits = meetpack_core::views::find::find_in_pack(&pack, query);
    finish(write(|out| {
        if json {
            let value = serde_json::json!({ "query": query, "count": hits.len(), "hits": hits });
            serde_json::to_writer_pretty(&mut *out, &value).map_err(std::io::Error::from)?;
            return writeln!(out);
        }
        for hit in &hits {
            let mut place = format!("{} {}", hit.doc, hit.lines);
            if let Some(page) = &hit.page {
                place.push_str(&format!(
                    " {}",
                    meetpack_core::views::place::page_name(page)
                ));
            }
            if let Some(item) = &hit.agenda_item {
                place.push_str(&format!(" item {item}"));
            }
            if let Some(minute) = &hit.minute {
                place.push_str(&format!(" minute {minute}"));
            }
            // The match in [brackets]: the context is one line, so the output greps well.
            let marked: String = hit
                .context
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let open = (i == hit.highlight[0]).then_some('[');
                    let close = (i + 1 == hit.highlight[1]).then_some(']');
                    open.into_iter().chain(std::iter::once(c)).chain(close)
                })
                .collect();
            writeln!(
                out,
                "{place}\t{} · {}\t{marked}",
                hit.title,
                hit.place.label()
            )?;
        }
        writeln!(out, "{} matches of {query:?}", hits.len())
    }))
}

pub fn decisions(file: &Path, format: DecisionsFormat) -> ExitCode {
    let pack = match open(file) {
        Ok(pack) => pack,
        Err(code) => return code,
    };
    let view = DecisionsView::of(&pack);
    finish(write(|out| match format {
        DecisionsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &view).map_err(std::io::Error::from)?;
            writeln!(out)
        }
        DecisionsFormat::Csv => out.write_all(view.to_csv().as_bytes()),
        DecisionsFormat::Text => {
            for group in &view.groups {
                match &group.agenda_item {
                    Some(n) => writeln!(out, "Item {n} {}", group.title)?,
                    None => writeln!(out, "{} (not on the agenda)", group.title)?,
                }
                for (label, entries) in [("asks", &group.asks), ("decisions", &group.decisions)] {
                    if entries.is_empty() {
                        continue;
                    }
                    writeln!(out, "  {label}:")?;
                    for e in entries {
                        let mut at = format!("{} {}", e.doc, e.lines);
                        if let Some(m) = &e.minute {
                            at.push_str(&format!(" minute {m}"));
                        }
                        let number = e
                            .number
                            .as_deref()
                            .map_or(String::new(), |n| format!("{n} "));
                        let outcome = e
                            .outcome
                            .as_deref()
                            .map_or(String::new(), |o| format!(" [{o}]"));
                        writeln!(out, "    {number}{}{outcome}  ({at})", e.text)?;
                    }
                }
            }
            let (asks, decisions) = view.counts();
            writeln!(out, "{asks} asks, {decisions} decisions")
        }
    }))
}

/// Writes to stdout through a buffer, returning write errors rather than panicking.
fn write(body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    body(&mut out)?;
    out.flush()
}

fn finish(written: std::io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing more to say, and nothing went wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("meetpack: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}
