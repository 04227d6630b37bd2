//! The export as one self-contained HTML file: no script, no external style or font, every
//! text escaped, tables as `<table>`, and print CSS for A4 (a browser's Print prints it).

use super::escape::escape_html;
use super::flow::{Flow, Node, Run, TableData};

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       max-width: 48em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.7em; margin: 0 0 .2em; }
h2 { font-size: 1.4em; margin: 1.6em 0 .3em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.15em; margin: 1.2em 0 .3em; }
h4, h5 { font-size: 1em; margin: 1em 0 .2em; }
.subtitle, .meta { color: #555; font-size: .9em; margin: 0 0 .8em; }
p { margin: .35em 0; }
p.item { padding-left: calc(2.2em + var(--indent, 0) * 1.4em); text-indent: -2.2em; }
p.item .marker { display: inline-block; min-width: 2.2em; text-indent: 0; color: #444; }
small, .small { font-size: .85em; color: #444; }
.decision { border: 1px solid #6a9a6a; background: #eef6ee; border-radius: 4px; padding: .4em .7em; margin: .6em 0; }
.decision .label { font-weight: bold; color: #2f6b2f; font-size: .85em; display: block; }
.note { border-left: 4px solid #d4a017; background: #fff8e1; padding: .4em .8em; margin: .5em 0 .8em 2em; }
.note .quote { color: #555; font-style: italic; font-size: .9em; display: block; }
table { border-collapse: collapse; margin: .6em 0; width: 100%; font-size: .9em; }
caption { text-align: left; font-weight: bold; padding: .2em 0; }
th, td { border: 1px solid #888; padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
td.num, th.num { text-align: right; }
tr.strong td { font-weight: bold; }
thead { display: table-header-group; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h1.paper { break-before: page; }
  h1.paper:first-of-type { break-before: auto; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, .note, .decision { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

pub fn render(flow: &Flow) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n",
        escape_html(&[flow.title.as_str(), flow.subtitle.as_str()].join(" \u{2014} "))
    ));
    out.push_str("<meta name=\"generator\" content=\"MeetPack\">\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n");
    out.push_str(&format!(
        "<p class=\"meta\">{}</p>\n",
        escape_html(&flow.title)
    ));
    if !flow.subtitle.is_empty() {
        out.push_str(&format!(
            "<p class=\"subtitle\">{}</p>\n",
            escape_html(&flow.subtitle)
        ));
    }
    out.push_str("</header>\n<main>\n");
    for node in &flow.nodes {
        match node {
            Node::Heading { level, text } => {
                let h = usize::from(*level).clamp(1, 5);
                let class = if h == 1 { " class=\"paper\"" } else { "" };
                out.push_str(&format!("<h{h}{class}>{}</h{h}>\n", escape_html(text)));
            }
            Node::Meta(text) => out.push_str(&format!("<p class=\"meta\">{}</p>\n", escape_html(text))),
            Node::Paragraph {
                marker,
                indent,
                runs,
            } => match marker {
                Some(m) => out.push_str(&format!(
                    "<p class=\"item\" style=\"--indent: {}\"><span class=\"marker\">{}</span>{}</p>\n",
                    indent.saturating_sub(1),
                    escape_html(m),
                    inline(runs)
                )),
                None => out.push_str(&format!("<p>{}</p>\n", inline(runs))),
            },
            Node::Small(runs) => {
                out.push_str(&format!("<p class=\"small\">{}</p>\n", inline(runs)))
            }
            Node::Decision { label, text } => out.push_str(&format!(
                "<div class=\"decision\"><span class=\"label\">{}</span>{}</div>\n",
                escape_html(label),
                escape_html(text)
            )),
            Node::Table(t) => table(&mut out, t),
            Node::Note(note) => {
                out.push_str(&format!(
                    "<aside class=\"note\"><strong>{}:</strong> {}",
                    escape_html(&note.label()),
                    escape_html(&note.text)
                ));
                if !note.quote.trim().is_empty() {
                    out.push_str(&format!(
                        "<span class=\"quote\">On: \u{201c}{}\u{201d}</span>",
                        escape_html(note.quote.trim())
                    ));
                }
                out.push_str("</aside>\n");
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn inline(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        let mut t = escape_html(&r.text);
        if r.italic {
            t = format!("<em>{t}</em>");
        }
        if r.bold {
            t = format!("<strong>{t}</strong>");
        }
        // Only web and mail links become links; anything else stays text.
        if let Some(link) = r.link.as_deref().filter(|l| crate::views::openable_link(l)) {
            t = format!("<a href=\"{}\">{t}</a>", escape_html(link));
        }
        s.push_str(&t);
    }
    s
}

fn table(out: &mut String, t: &TableData) {
    out.push_str("<table>\n");
    if let Some(c) = &t.caption {
        out.push_str(&format!("<caption>{}</caption>\n", escape_html(c)));
    }
    let class = |c: usize| {
        if t.numeric.get(c).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        }
    };
    if !t.header.is_empty() {
        out.push_str("<thead>\n");
        for row in &t.header {
            out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                out.push_str(&format!("<th{}>{}</th>", class(c), escape_html(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in &t.rows {
        out.push_str(if row.strong {
            "<tr class=\"strong\">"
        } else {
            "<tr>"
        });
        for (c, cell) in row.cells.iter().enumerate() {
            out.push_str(&format!("<td{}>{}</td>", class(c), escape_html(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    for f in &t.footnotes {
        out.push_str(&format!("<p class=\"small\">{}</p>\n", escape_html(f)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportNote;
    use crate::export::flow::TableRow;

    fn flow(nodes: Vec<Node>) -> Flow {
        Flow {
            title: "Board <2>".into(),
            subtitle: String::new(),
            nodes,
        }
    }

    #[test]
    fn text_is_escaped_and_links_are_only_web_or_mail() {
        let html = render(&flow(vec![Node::Paragraph {
            marker: None,
            indent: 0,
            runs: vec![
                Run::plain("<script>alert('x')</script> & co"),
                Run {
                    link: Some("javascript:alert(1)".into()),
                    ..Run::plain("bad")
                },
                Run {
                    link: Some("https://example.org/?a=1&b=\"2\"".into()),
                    ..Run::plain("good")
                },
            ],
        }]));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert!(!html.contains("javascript:"));
        assert!(html.contains("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">good</a>"));
        assert!(html.contains("<title>Board &lt;2&gt;"));
    }

    #[test]
    fn tables_are_tables_and_notes_are_set_apart() {
        let html = render(&flow(vec![
            Node::Table(TableData {
                caption: Some("Staff".into()),
                columns: 2,
                header: vec![vec!["Area".into(), "wte".into()]],
                rows: vec![TableRow {
                    cells: vec!["Moat".into(), "6".into()],
                    strong: false,
                }],
                numeric: vec![false, true],
                footnotes: vec![],
            }),
            Node::Note(ExportNote {
                line: 1,
                kind: "note".into(),
                text: "Check".into(),
                quote: String::new(),
            }),
        ]));
        assert!(html.contains("<thead>\n<tr><th>Area</th><th class=\"num\">wte</th></tr>"));
        assert!(html.contains("<td>Moat</td><td class=\"num\">6</td>"));
        assert!(html.contains("<aside class=\"note\"><strong>Note:</strong> Check</aside>"));
        assert!(html.contains("@page { size: A4"));
        assert!(
            !html.contains("<link") && !html.contains("src="),
            "self-contained"
        );
    }
}
