//! The export as Markdown (CommonMark with GitHub's pipe tables): any text tool reads it.

use super::escape::escape_markdown;
use super::flow::{Flow, Node, Run, TableData};

pub fn render(flow: &Flow) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape_markdown(&flow.title)));
    if !flow.subtitle.is_empty() {
        out.push_str(&format!("*{}*\n\n", escape_markdown(&flow.subtitle)));
    }
    for node in &flow.nodes {
        match node {
            Node::Heading { level, text } => {
                let hashes = "#".repeat(usize::from(*level).clamp(1, 5) + 1);
                out.push_str(&format!("{hashes} {}\n\n", escape_markdown(text)));
            }
            Node::Meta(text) => out.push_str(&format!("*{}*\n\n", escape_markdown(text))),
            Node::Paragraph {
                marker,
                indent,
                runs,
            } => {
                let pad = "  ".repeat(usize::from(indent.saturating_sub(1)));
                match marker {
                    // Markers are printed as written ("3.4", "a)"), escaped so they stay
                    // text rather than restarting a Markdown list.
                    Some(m) => out.push_str(&format!(
                        "{pad}- {} {}\n\n",
                        escape_markdown(m),
                        inline(runs)
                    )),
                    None => out.push_str(&format!("{}\n\n", inline(runs))),
                }
            }
            Node::Small(runs) => out.push_str(&format!("<small>{}</small>\n\n", inline(runs))),
            Node::Decision { label, text } => {
                out.push_str(&format!(
                    "> **{}:** {}\n\n",
                    escape_markdown(label),
                    escape_markdown(text)
                ));
            }
            Node::Table(t) => table(&mut out, t),
            Node::Note(note) => {
                out.push_str(&format!(
                    "> \u{1f4dd} **{}:** {}\n",
                    escape_markdown(&note.label()),
                    escape_markdown(&note.text)
                ));
                if !note.quote.trim().is_empty() {
                    out.push_str(&format!(
                        ">\n> *On: \u{201c}{}\u{201d}*\n",
                        escape_markdown(note.quote.trim())
                    ));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn inline(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        let text = escape_markdown(&r.text);
        // Emphasis markers must hug the words: move surrounding spaces outside them.
        let (lead, core, trail) = split_spaces(&text);
        let mut core = core.to_string();
        if !core.is_empty() {
            if r.italic {
                core = format!("*{core}*");
            }
            if r.bold {
                core = format!("**{core}**");
            }
            if let Some(link) = &r.link {
                core = format!("[{core}](<{}>)", link.replace(['<', '>'], ""));
            }
        }
        s.push_str(lead);
        s.push_str(&core);
        s.push_str(trail);
    }
    s
}

fn split_spaces(s: &str) -> (&str, &str, &str) {
    let core_start = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    let core_end = core_start + trimmed.len();
    (&s[..core_start], &s[core_start..core_end], &s[core_end..])
}

fn table(out: &mut String, t: &TableData) {
    if t.columns == 0 {
        return;
    }
    if let Some(c) = &t.caption {
        out.push_str(&format!("**{}**\n\n", escape_markdown(c)));
    }
    // A pipe table needs exactly one header row: two-level headers are joined per column,
    // a headerless table gets numbered columns.
    let header: Vec<String> = if t.header.is_empty() {
        (1..=t.columns).map(|c| format!("Column {c}")).collect()
    } else {
        (0..t.columns)
            .map(|c| {
                let parts: Vec<&str> = t
                    .header
                    .iter()
                    .filter_map(|r| r.get(c).map(String::as_str))
                    .filter(|s| !s.is_empty())
                    .collect();
                parts.join(" / ")
            })
            .collect()
    };
    row(out, &header);
    let rule: Vec<String> = (0..t.columns)
        .map(|c| {
            if t.numeric.get(c).copied().unwrap_or(false) {
                "---:".to_string()
            } else {
                "---".to_string()
            }
        })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for r in &t.rows {
        if r.strong {
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        format!("**{}**", escape_markdown(c))
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        } else {
            row(out, &r.cells);
        }
    }
    out.push('\n');
    for f in &t.footnotes {
        out.push_str(&format!("<small>{}</small>\n\n", escape_markdown(f)));
    }
}

fn row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| escape_markdown(c)).collect();
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportNote;
    use crate::export::flow::TableRow;

    fn flow(nodes: Vec<Node>) -> Flow {
        Flow {
            title: "Board".into(),
            subtitle: String::new(),
            nodes,
        }
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        let md = render(&flow(vec![Node::Paragraph {
            marker: None,
            indent: 0,
            runs: vec![Run::plain("1. *not* a <b>list</b> # or [link]")],
        }]));
        assert!(
            md.contains(r"1\. \*not\* a \<b\>list\</b\> \# or \[link\]"),
            "{md}"
        );
    }

    #[test]
    fn tables_are_pipe_tables_with_escaped_cells() {
        let md = render(&flow(vec![Node::Table(TableData {
            caption: None,
            columns: 2,
            header: vec![vec!["Area".into(), "Staff".into()]],
            rows: vec![TableRow {
                cells: vec!["a|b".into(), "6".into()],
                strong: false,
            }],
            numeric: vec![false, true],
            footnotes: vec![],
        })]));
        assert!(
            md.contains("| Area | Staff |\n|---|---:|\n| a\\|b | 6 |"),
            "{md}"
        );
        let parsed: Vec<_> =
            pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES)
                .filter(|e| {
                    matches!(
                        e,
                        pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableCell)
                    )
                })
                .collect();
        assert_eq!(parsed.len(), 4, "two header and two body cells");
    }

    #[test]
    fn notes_are_quoted_and_labelled() {
        let md = render(&flow(vec![Node::Note(ExportNote {
            line: 3,
            kind: "note".into(),
            text: "Ask why".into(),
            quote: "the budget".into(),
        })]));
        assert!(md.contains("**Note:** Ask why"), "{md}");
        assert!(md.contains("the budget"), "{md}");
    }
}
