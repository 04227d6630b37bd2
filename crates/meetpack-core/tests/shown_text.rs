//! Nothing is hidden: every non-blank line of every seed and corpus document is in what
//! the reader shows (`meetpack_core::views::shown::document_texts`: a card, a block, a
//! table or page furniture), the one definition that the viewer draws and that its Find,
//! find in pack and `meetpack find` search, so each line can be found.
//!
//! A line passes when its words appear in the drawn text of its own document, in order and
//! close together (tables draw a wrapped cell's lines together, so a row's line is spread
//! over its cells).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use meetpack_core::views::shown::document_texts;

/// Lower-case runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text of a line without the markup a reader renders rather than shows: HTML tags
/// and entities, and a Markdown link's target (shown when the link is pointed at).
fn without_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(['<', '&', ']']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let skip = match tail.as_bytes()[0] {
            b'<' => tail
                .find('>')
                .filter(|_| tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
                .map(|e| e + 1),
            b'&' => tail
                .find(';')
                .filter(|&e| {
                    e <= 8
                        && tail[1..e]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                })
                .map(|e| e + 1),
            _ => tail
                .strip_prefix("](")
                .and_then(|t| t.find(')'))
                .map(|e| e + 3),
        };
        match skip {
            Some(n) => {
                // Inline tags (`31<sup>st</sup>`, `<i>run</i>`) sit inside words.
                if !is_inline_tag(&tail[..n]) {
                    out.push(' ');
                }
                rest = &tail[n..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_inline_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "sup", "sub", "i", "b", "em", "strong", "span", "small", "u", "a",
    ]
    .contains(&name.as_str())
}

/// Splits as the parser does: `\r\n`, `\n` or `\r` end a line; line numbers are 1-based.
fn lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        out.push(&rest[..end]);
        let next = if rest[end..].starts_with("\r\n") {
            end + 2
        } else {
            (end + 1).min(rest.len())
        };
        rest = &rest[next..];
    }
    out
}

/// Whether `line` matches `drawn` at `at`: the same word, or (at a line's edges) the part of
/// a word the parser joined across a hyphenated line break.
fn same(line: &[String], k: usize, drawn: &str, hyphen_end: bool) -> bool {
    let w = &line[k];
    drawn == w
        || (k + 1 == line.len() && hyphen_end && drawn.starts_with(w.as_str()))
        || (k == 0 && drawn.ends_with(w.as_str()))
}

/// Where in `drawn` the words of `line` appear in order within a short window.
fn found_in_order(
    line: &[String],
    hyphen_end: bool,
    drawn: &[String],
    index: &HashMap<&str, Vec<usize>>,
) -> bool {
    let window = 6 * line.len() + 60;
    // Start at an occurrence of the line's rarest word, then look back and ahead.
    let Some((_, starts)) = line
        .iter()
        .enumerate()
        .filter_map(|(k, w)| index.get(w.as_str()).map(|v| (k, v)))
        .min_by_key(|(_, v)| v.len())
    else {
        // No word is drawn as written: only a hyphen-joined first/last word can match.
        return line.len() == 1 && drawn.iter().any(|d| same(line, 0, d, hyphen_end));
    };
    starts.iter().any(|&at| {
        let from = at.saturating_sub(window);
        let to = (at + window).min(drawn.len());
        // Greedy in-order match of the whole line inside the window.
        let mut k = 0;
        for d in &drawn[from..to] {
            if k < line.len() && same(line, k, d, hyphen_end) {
                k += 1;
            }
        }
        k == line.len()
    })
}

/// The non-blank lines of one file that no document draws, as "file:line: text".
fn missing_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let loaded = match meetpack_core::input::load_named(name, &bytes, &mut |_, _| true) {
        Ok(loaded) => loaded,
        // A scan has no text to show: the README's table says it is refused, with a message.
        Err(meetpack_core::input::LoadError::ImageOnly { .. }) => return Vec::new(),
        Err(err) => return vec![format!("{name}: does not open: {err}")],
    };
    let text_lines = lines(&loaded.text);
    let mut covered = vec![false; text_lines.len() + 1];
    let mut missing = Vec::new();
    for doc in &loaded.pack.documents {
        let drawn: Vec<String> = document_texts(&loaded.pack, doc)
            .iter()
            .flat_map(|t| words(t))
            .collect();
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, w) in drawn.iter().enumerate() {
            index.entry(w.as_str()).or_default().push(i);
        }
        for no in doc.lines.first()..=doc.lines.last() {
            let Some(line) = text_lines.get(no as usize - 1) else {
                continue;
            };
            covered[no as usize] = true;
            let line_words = words(&without_markup(line));
            if line_words.is_empty() {
                continue;
            }
            let hyphen_end = line.trim_end().ends_with('-');
            if !found_in_order(&line_words, hyphen_end, &drawn, &index) {
                missing.push(format!("{}:{no}: {}", name, line.trim()));
            }
        }
    }
    for (i, line) in text_lines.iter().enumerate() {
        if !covered[i + 1] && !words(&without_markup(line)).is_empty() {
            missing.push(format!(
                "{name}:{}: (in no document) {}",
                i + 1,
                line.trim()
            ));
        }
    }
    missing
}

fn files(dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("test data folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no test files in {dir}");
    out
}

fn check(paths: &[PathBuf]) {
    let mut report = Vec::new();
    for path in paths {
        report.extend(missing_lines(path));
    }
    assert!(
        report.is_empty(),
        "{} lines are not drawn by the reader:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn every_line_of_every_seed_is_drawn() {
    check(&files("seeds", |p| {
        p.extension().is_some_and(|e| e == "txt")
    }));
}

#[test]
fn every_line_of_the_other_councils_corpus_is_drawn() {
    check(&files("tests/corpus/other-councils", |p| {
        p.extension().is_some_and(|e| e == "txt")
    }));
}

#[test]
fn every_line_of_the_pdf_corpus_is_drawn() {
    check(&files("tests/corpus/pdf", |p| {
        p.extension().is_some_and(|e| e == "pdf")
    }));
}
