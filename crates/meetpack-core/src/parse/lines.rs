//! Text to lines: line endings, form feeds, tabs and blank lines normalised once, so every
//! later pass sees the same numbered lines.

/// One input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub no: u32,
    /// The line without its ending, trailing whitespace or form feeds.
    pub raw: &'a str,
    /// `raw` without leading spaces.
    pub text: &'a str,
    /// Leading spaces (a tab counts as four).
    pub indent: usize,
    /// A form feed stood on or before this line: a new page starts here.
    pub page_break: bool,
    /// `text` with inline markup removed, computed once for every pass that compares words
    /// (borrowed from the input when the line has no markup, as most have none).
    pub plain: std::borrow::Cow<'a, str>,
    /// A page number or running header/footer (see [`super::furniture`]): kept and shown,
    /// but out of the reading flow.
    pub furniture: bool,
}

impl Line<'_> {
    /// Whitespace-only lines are blank.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The line holds inline markup (or may: see `inline::plain_of`), so its pieces need
    /// parsing; a line without any is its own plain text.
    pub fn has_markup(&self) -> bool {
        matches!(self.plain, std::borrow::Cow::Owned(_))
    }

    /// The line holds tab-separated cells (a tab after some text, or a leading tab and more).
    pub fn has_tabs(&self) -> bool {
        self.raw.contains('\t')
    }
}

/// YAML front matter at the top (`---`, `key: value` lines, `---`), as Markdown exports
/// of council web pages carry: the indices of its first and last line.
pub fn front_matter(lines: &[Line<'_>]) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| !l.is_blank())?;
    if lines[start].text != "---" {
        return printed_front_matter(lines, start);
    }
    let end = (start + 1..lines.len().min(start + 60)).find(|&i| lines[i].text == "---")?;
    let yaml_like = lines[start + 1..end].iter().all(|l| {
        l.is_blank()
            || l.text.starts_with("- ")
            || l.text
                .split_once(':')
                .is_some_and(|(k, _)| !k.contains(' '))
    });
    (yaml_like && end > start + 1).then_some((start, end))
}

/// The same front matter printed as text (a PDF of the page's Markdown source, whose
/// `---` rules print as nothing, perhaps in bold as a heading): lines of a site
/// generator's keys (`layout:`, `title: "…"`, `date:`, `categories:`) from the first
/// line, a quoted value wrapped onto the next line, list values (`"parish-councils"`).
/// Two keys or more, a title or a date among them.
fn printed_front_matter(lines: &[Line<'_>], start: usize) -> Option<(usize, usize)> {
    const KEYS: [&str; 10] = [
        "layout",
        "title",
        "date",
        "author",
        "categories",
        "tags",
        "draft",
        "slug",
        "description",
        "permalink",
    ];
    fn key_of(t: &str) -> Option<&str> {
        t.split_once(':')
            .map(|(k, _)| k.trim())
            .filter(|k| KEYS.contains(k))
    }
    let quotes = |t: &str| t.bytes().filter(|&b| b == b'"').count();
    let quoted = |t: &str| t.len() >= 2 && t.starts_with('"') && t.ends_with('"');
    key_of(lines[start].plain.trim())?;
    let (mut end, mut keys, mut named, mut open_quote) = (start, 0, false, false);
    for (i, line) in lines.iter().enumerate().skip(start).take(40) {
        let t = line.plain.trim();
        let t = t.strip_prefix("- ").unwrap_or(t);
        if line.is_blank() {
            continue;
        }
        if open_quote {
            // The rest of a quoted value wrapped onto this line.
            open_quote = quotes(t) % 2 == 0;
        } else if let Some(key) = key_of(t) {
            keys += 1;
            named |= key == "title" || key == "date";
            open_quote = quotes(t) % 2 == 1;
        } else if !quoted(t) {
            break;
        }
        end = i;
    }
    (keys >= 2 && named).then_some((start, end))
}

/// Splits text into numbered lines. `\r\n`, `\r` and `\n` all end a line; form feeds mark a
/// page break and are removed.
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut no = 0u32;
    let mut rest = text;
    while !rest.is_empty() {
        let end = memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = end;
        if rest[end..].starts_with("\r\n") {
            next += 2;
        } else if end < rest.len() {
            next += 1;
        }
        no += 1;
        lines.push(make_line(no, line));
        rest = &rest[next..];
    }
    lines
}

fn make_line(no: u32, line: &str) -> Line<'_> {
    let page_break = line.contains('\u{c}');
    let line = line.trim_matches('\u{c}');
    // Keep inner tabs (they are cell separators) but drop trailing whitespace, and treat
    // NBSP-only lines as blank: PDF extractions leave them between pages.
    let raw = line.trim_end_matches(|c: char| c.is_whitespace() && c != '\t');
    let raw = if raw.trim_matches(|c: char| c.is_whitespace()).is_empty() {
        ""
    } else {
        raw
    };
    let text = raw.trim_start_matches([' ', '\u{a0}']);
    let indent = raw[..raw.len() - text.len()].chars().count();
    let (text, indent) = if text.starts_with('\t') && !text.trim_start().contains('\t') {
        // A lone leading tab is indentation, not an empty first cell.
        (text.trim_start(), indent + 4)
    } else {
        (text, indent)
    };
    Line {
        no,
        raw,
        text,
        indent,
        page_break,
        plain: super::inline::plain_of(text),
        furniture: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A web page's front matter printed without its `---` rules is still front matter;
    /// a letter that opens with "title:" is not.
    #[test]
    fn front_matter_printed_as_text_is_front_matter() {
        let printed = "title: \"WRETTON PARISH COUNCIL MAY MEETING\"\ndate: \"2019-08-26\"\ncategories:\n\n\"parish-councils\"\n\"wretton\"\n\nMINUTES OF WRETTON PARISH COUNCIL\n";
        assert_eq!(front_matter(&split(printed)), Some((0, 5)));
        // Another site's keys, bold as a printed heading, the title wrapped.
        let wrapped = "**layout: post**\n**title: \"Annual General Meeting 6th October**\n**2025\"**\n**author: greg**\n**date: 2025-10-06**\n**GOVAN COMMUNITY COUNCIL**\n";
        assert_eq!(front_matter(&split(wrapped)), Some((0, 4)));
        let prose = "title: \"Budget\"\nThe budget is set out below.\ndate: \"2019-08-26\"\n";
        assert_eq!(front_matter(&split(prose)), None);
    }

    #[test]
    fn crlf_cr_and_lf_each_end_one_line() {
        let lines = split("a\r\nb\rc\nd");
        let texts: Vec<_> = lines.iter().map(|l| (l.no, l.text)).collect();
        assert_eq!(texts, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
    }

    #[test]
    fn form_feed_marks_a_page_and_is_removed() {
        let lines = split("end of page\n\u{c}2\nnext");
        assert!(!lines[0].page_break);
        assert!(lines[1].page_break);
        assert_eq!(lines[1].text, "2");
    }

    #[test]
    fn whitespace_only_lines_are_blank() {
        let lines = split("a\n \u{a0} \n\t\nb");
        assert!(lines[1].is_blank());
        assert!(lines[2].is_blank());
        assert!(!lines[3].is_blank());
    }

    #[test]
    fn leading_tab_row_keeps_its_empty_first_cell() {
        // Seed 000 L259: a header row whose first cell is empty.
        let lines = split("\tFGC Referrals\tInitial FGCs");
        assert!(lines[0].has_tabs());
        assert!(lines[0].text.starts_with('\t'));
    }
}
