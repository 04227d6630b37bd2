//! Inline markup to spans: `**bold**`, `*italic*`, `<i>`, `<u>`, `<b>`, Markdown links,
//! `<http…>` autolinks, bare URLs and e-mail addresses. Markup is never shown as text;
//! unknown HTML tags are dropped, their content kept.

use super::text::static_regex;
use crate::model::{Inline, Text};

// The tokens that start with a letter, a digit or `*`. Links and tags (`[…](…)`, `<http…>`,
// `<b>`) are matched by hand in `Markup`: as regex alternatives, an unterminated `[` or `<`
// kept the search scanning to the end of the line for every later token (quadratic).
static_regex!(
    TOKEN,
    r#"(?x)
      (?P<url>\b(?:https?://|www\.)[^\s<>()"]*[^\s<>().,;:!?'"*])    # bare URL
    | (?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})
    | (?P<strong>\*\*)
    | (?P<em>\*)
    "#
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Bold,
    Italic,
    Underline,
}

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Owned(String),
    Link(String, String),
    Toggle(Style),
    Open(Style),
    Close(Style),
}

/// Parses one line (or a joined paragraph) of inline markup.
pub fn parse(src: &str) -> Text {
    // Fast path: most lines have no markup at all.
    if !may_have_markup(src) {
        return Text::plain(src);
    }
    let tokens = tokenize(src);
    build(tokens)
}

/// Whether `src` holds anything a token starts with; text without is its own plain text.
fn may_have_markup(src: &str) -> bool {
    let b = src.as_bytes();
    // The finders are built once: building one per call cost more than the search.
    static WWW: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"www."));
    static HTTP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"http"));
    memchr::memchr3(b'*', b'<', b'[', b).is_some()
        || memchr::memchr(b'@', b).is_some()
        || WWW.find(b).is_some()
        || HTTP.find(b).is_some()
}

fn tokenize(src: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut markup = Markup::new(src);
    let mut last = 0;
    // The next regex match at or after `last`, kept while hand-matched tokens before it
    // are taken, so the regex never searches the same stretch twice.
    let mut next_match: Option<Option<regex::Captures<'_>>> = None;
    loop {
        let stale = match &next_match {
            Some(Some(c)) => c.get(0).is_none_or(|m| m.start() < last),
            Some(None) => false,
            None => true,
        };
        if stale {
            let caps = TOKEN.captures_at(src, last);
            super::cost::examined(
                caps.as_ref()
                    .and_then(|c| c.get(0))
                    .map_or(src.len().saturating_sub(last), |m| m.end() - last),
            );
            next_match = Some(caps);
        }
        let found = next_match.as_ref().and_then(Option::as_ref);
        let regex_start = found
            .and_then(|c| c.get(0))
            .map_or(src.len(), |m| m.start());
        // A `[` or `<` token before the regex's match comes first (they cannot start at
        // the same place: the regex's tokens never start with `[` or `<`).
        if let Some((start, end, token)) = markup.next(last, regex_start) {
            if start > last {
                tokens.push(Token::Text(&src[last..start]));
            }
            tokens.extend(token);
            last = end;
            continue;
        }
        let Some(caps) = found else { break };
        let Some(m) = caps.get(0) else { break };
        if m.start() > last {
            tokens.push(Token::Text(&src[last..m.start()]));
        }
        last = m.end();
        if let Some(url) = caps.name("url") {
            let target = if url.as_str().starts_with("www.") {
                format!("https://{}", url.as_str())
            } else {
                url.as_str().to_string()
            };
            tokens.push(Token::Link(url.as_str().to_string(), target));
        } else if let Some(email) = caps.name("email") {
            let email = email.as_str();
            tokens.push(Token::Link(email.to_string(), format!("mailto:{email}")));
        } else if caps.name("strong").is_some() {
            tokens.push(Token::Toggle(Style::Bold));
        } else if caps.name("em").is_some() {
            tokens.push(Token::Toggle(Style::Italic));
        }
    }
    if last < src.len() {
        tokens.push(Token::Text(&src[last..]));
    }
    pair_toggles(&mut tokens);
    tokens
}

/// The tokens that open with `[` or `<`: `[text](url)`, `<http://…>` and HTML tags, found
/// left to right. Each needs a closing character (`]`, `)`, `>`); where to find the next
/// one is remembered, so a line of a thousand unclosed `[` is still read once.
struct Markup<'a> {
    src: &'a str,
    /// Where to look for the next `[` or `<`.
    from: usize,
    bracket: NextStop,
    paren: NextStop,
    angle: NextStop,
    tag_end: NextStop,
}

impl<'a> Markup<'a> {
    fn new(src: &'a str) -> Self {
        Self {
            src,
            from: 0,
            bracket: NextStop::default(),
            paren: NextStop::default(),
            angle: NextStop::default(),
            tag_end: NextStop::default(),
        }
    }

    /// The first `[`/`<` token starting in `at..before`: its span and token (if any: an
    /// unknown tag is dropped).
    fn next(&mut self, at: usize, before: usize) -> Option<(usize, usize, Option<Token<'a>>)> {
        let bytes = self.src.as_bytes();
        self.from = self.from.max(at);
        while self.from < before {
            let window = bytes.get(self.from..before)?;
            let Some(offset) = memchr::memchr2(b'[', b'<', window) else {
                super::cost::examined(window.len());
                self.from = before;
                return None;
            };
            super::cost::examined(offset + 1);
            let start = self.from + offset;
            self.from = start + 1;
            let found = if bytes.get(start) == Some(&b'[') {
                self.link(start)
            } else {
                self.autolink(start).or_else(|| self.tag(start))
            };
            if let Some((end, token)) = found {
                self.from = end;
                return Some((start, end, token));
            }
        }
        None
    }

    /// `[text](url)`: text without `]` or a line break, url without `)` or white space.
    fn link(&mut self, start: usize) -> Option<(usize, Option<Token<'a>>)> {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let close = self.bracket.find(src, start + 1, |c| c == ']' || c == '\n');
        if close <= start + 1
            || bytes.get(close) != Some(&b']')
            || bytes.get(close + 1) != Some(&b'(')
        {
            return None;
        }
        let url_end = self
            .paren
            .find(src, close + 2, |c| c == ')' || c.is_whitespace());
        if url_end <= close + 2 || bytes.get(url_end) != Some(&b')') {
            return None;
        }
        let text = src.get(start + 1..close)?;
        let url = src.get(close + 2..url_end)?;
        Some((
            url_end + 1,
            Some(Token::Link(text.to_string(), url.to_string())),
        ))
    }

    /// `<http://…>`, `<https://…>`, `<ftp://…>`.
    fn autolink(&mut self, start: usize) -> Option<(usize, Option<Token<'a>>)> {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let rest = src.get(start + 1..)?;
        let scheme = ["http://", "https://", "ftp://"]
            .into_iter()
            .find(|s| rest.starts_with(s))?;
        let body = start + 1 + scheme.len();
        let end = self
            .angle
            .find(src, body, |c| c == '>' || c.is_whitespace());
        if end <= body || bytes.get(end) != Some(&b'>') {
            return None;
        }
        let url = src.get(start + 1..end)?;
        Some((end + 1, Some(Token::Link(url.to_string(), url.to_string()))))
    }

    /// `<name …>`, `</name>`, `<name/>`: a style, a line break, or dropped.
    fn tag(&mut self, start: usize) -> Option<(usize, Option<Token<'a>>)> {
        let (src, bytes) = (self.src, self.src.as_bytes());
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let name_len = bytes
            .get(name_start..)?
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        super::cost::examined(name_len);
        let name_end = name_start + name_len;
        let after = src.get(name_end..)?;
        let end = if after.starts_with('>') {
            name_end + 1
        } else if after.starts_with("/>") {
            name_end + 2
        } else {
            // Attributes: white space, then anything up to the first `<` or `>`.
            let space = after.chars().next().filter(|c| c.is_whitespace())?;
            let stop = self
                .tag_end
                .find(src, name_end + space.len_utf8(), |c| c == '<' || c == '>');
            if bytes.get(stop) != Some(&b'>') {
                return None;
            }
            stop + 1
        };
        let name = src.get(name_start..name_end)?;
        let token = match name.to_ascii_lowercase().as_str() {
            "b" | "strong" => Some(style_token(Style::Bold, closing)),
            "i" | "em" => Some(style_token(Style::Italic, closing)),
            "u" => Some(style_token(Style::Underline, closing)),
            "br" => Some(Token::Owned("\n".into())),
            "p" | "li" if closing => Some(Token::Owned("\n".into())),
            _ => None,
        };
        Some((end, token))
    }
}

fn style_token<'a>(style: Style, closing: bool) -> Token<'a> {
    if closing {
        Token::Close(style)
    } else {
        Token::Open(style)
    }
}

/// The next place at or after a position where a character stops a token, remembered:
/// asked again from a later position before that place, the answer is the same, so the
/// text between is not read again. Questions come in increasing positions.
#[derive(Debug, Default)]
struct NextStop {
    /// `(from, at)`: no stop in `from..at`, and one at `at` (or `at` is the text's end).
    known: Option<(usize, usize)>,
}

impl NextStop {
    /// The byte offset of the first character at or after `from` for which `stop` holds,
    /// or the text's length.
    fn find(&mut self, src: &str, from: usize, stop: impl Fn(char) -> bool) -> usize {
        if let Some((known_from, at)) = self.known
            && (known_from..=at).contains(&from)
        {
            return at;
        }
        let rest = src.get(from..).unwrap_or("");
        let at = rest
            .char_indices()
            .find(|&(_, c)| stop(c))
            .map_or(src.len(), |(i, _)| from + i);
        super::cost::examined(at.saturating_sub(from) + 1);
        self.known = Some((from, at));
        at
    }
}

/// Decides which `*`/`**` are markup. A `**` without a partner that ends the text closes a
/// bold that the extraction opened without marking (seed minutes end resolutions with
/// `text**`); other lone `**` are dropped. A lone `*` is literal text (`*NB: …`).
fn pair_toggles(tokens: &mut [Token<'_>]) {
    for style in [Style::Bold, Style::Italic] {
        let positions: Vec<usize> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t, Token::Toggle(s) if *s == style))
            .map(|(i, _)| i)
            .collect();
        let paired = positions.len() / 2 * 2;
        if positions.len() % 2 == 1 {
            let lone = positions[positions.len() - 1];
            let at_end = tokens[lone + 1..]
                .iter()
                .all(|t| matches!(t, Token::Text(s) if s.trim().is_empty()));
            tokens[lone] = match (style, at_end) {
                (Style::Bold, true) => Token::Close(Style::Bold),
                (Style::Bold, false) => Token::Text(""),
                _ => Token::Text("*"),
            };
        }
        for (n, &i) in positions[..paired].iter().enumerate() {
            tokens[i] = if n % 2 == 0 {
                Token::Open(style)
            } else {
                Token::Close(style)
            };
        }
    }
}

fn build(tokens: Vec<Token<'_>>) -> Text {
    // A close with no open before it means everything before it had that style.
    let mut unopened = Vec::new();
    {
        let mut depth = [0i32; 3];
        for t in &tokens {
            match t {
                Token::Open(s) => depth[*s as usize] += 1,
                Token::Close(s) if depth[*s as usize] == 0 => unopened.push(*s),
                Token::Close(s) => depth[*s as usize] -= 1,
                _ => {}
            }
        }
    }
    let mut on = [false; 3];
    for s in &unopened {
        on[*s as usize] = true;
    }
    let mut text = Text::default();
    let push = |text: &mut Text, s: String, on: [bool; 3], link: Option<String>| {
        if s.is_empty() {
            return;
        }
        let span = Inline {
            text: s,
            bold: on[Style::Bold as usize],
            italic: on[Style::Italic as usize],
            underline: on[Style::Underline as usize],
            link,
            xref: None,
        };
        match text.spans.last_mut() {
            Some(last)
                if span.link.is_none()
                    && last.link.is_none()
                    && (last.bold, last.italic, last.underline)
                        == (span.bold, span.italic, span.underline) =>
            {
                last.text.push_str(&span.text)
            }
            _ => text.spans.push(span),
        }
    };
    for t in tokens {
        match t {
            Token::Text(s) => push(&mut text, s.to_string(), on, None),
            Token::Owned(s) => push(&mut text, s, on, None),
            Token::Link(label, url) => push(&mut text, label, on, Some(url)),
            Token::Open(s) => on[s as usize] = true,
            Token::Close(s) => on[s as usize] = false,
            Token::Toggle(_) => {}
        }
    }
    tidy(&mut text);
    text
}

/// Collapses the spaces left where tags were removed and trims the ends.
fn tidy(text: &mut Text) {
    for span in &mut text.spans {
        if span.text.contains("  ") || span.text.contains(" \n") || span.text.contains("\n ") {
            let mut out = String::with_capacity(span.text.len());
            for (i, line) in span.text.split('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                let mut prev_space = false;
                for c in line.chars() {
                    if c == ' ' && prev_space {
                        continue;
                    }
                    prev_space = c == ' ';
                    out.push(c);
                }
            }
            span.text = out;
        }
    }
    if let Some(first) = text.spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = text.spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    text.spans.retain(|s| !s.text.is_empty());
}

/// The plain text of a line of markup.
/// As [`plain`], borrowing `src` when it has no markup.
pub fn plain_of(src: &str) -> std::borrow::Cow<'_, str> {
    if !may_have_markup(src) {
        return std::borrow::Cow::Borrowed(src);
    }
    std::borrow::Cow::Owned(parse(src).to_plain())
}

pub fn plain(src: &str) -> String {
    // Without markup, `parse` gives `src` as one span: no need to build it.
    if !may_have_markup(src) {
        return src.to_string();
    }
    parse(src).to_plain()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(src: &str) -> Vec<(String, bool, bool, bool, Option<String>)> {
        parse(src)
            .spans
            .into_iter()
            .map(|s| (s.text, s.bold, s.italic, s.underline, s.link))
            .collect()
    }

    #[test]
    fn bold_title_of_an_agenda_item() {
        let t = parse("4. **Family Valued Programme** (Pages 11 - 16)");
        assert_eq!(t.to_plain(), "4. Family Valued Programme (Pages 11 - 16)");
        assert!(t.spans[1].bold);
        assert!(!t.spans[2].bold);
    }

    #[test]
    fn trailing_bold_marker_makes_the_whole_item_bold() {
        // Seed 000 L133: "- 1. Notes the current progress.**"
        let s = spans("Notes the current progress.**");
        assert_eq!(
            s,
            vec![(
                "Notes the current progress.".into(),
                true,
                false,
                false,
                None
            )]
        );
    }

    #[test]
    fn lone_star_is_literal() {
        assert_eq!(
            plain("*NB: April 2023 data covers 6 months."),
            "*NB: April 2023 data covers 6 months."
        );
    }

    #[test]
    fn italic_html_and_markdown() {
        let s = spans("<i>Council Run</i>");
        assert_eq!(s, vec![("Council Run".into(), false, true, false, None)]);
        let s = spans("named their cohort '*HP Sunrise*'.");
        assert!(s[1].2);
        assert!(parse("<u>Note</u> this").spans[0].underline);
    }

    #[test]
    fn links_urls_and_emails() {
        let t = parse("found here: <https://www.coventry.gov.uk/publicAttendanceMeetings>");
        assert_eq!(
            t.spans[1].link.as_deref(),
            Some("https://www.coventry.gov.uk/publicAttendanceMeetings")
        );
        let t = parse("Email: tom.robinson@coventry.gov.uk");
        assert_eq!(
            t.spans[1].link.as_deref(),
            Some("mailto:tom.robinson@coventry.gov.uk")
        );
        assert_eq!(t.spans[1].text, "tom.robinson@coventry.gov.uk");
        let t = parse("[Original file](https://example.org/a.pdf)");
        assert_eq!(t.to_plain(), "Original file");
        let t = parse("www.healthforkids.co.uk");
        assert_eq!(
            t.spans[0].link.as_deref(),
            Some("https://www.healthforkids.co.uk")
        );
    }

    #[test]
    fn unknown_tags_are_dropped_and_text_kept() {
        assert_eq!(plain("*<small>Scanned page</small>*"), "Scanned page");
        assert_eq!(
            plain("<p>'Helpful guide.'</p><p>Second.</p>"),
            "'Helpful guide.'\nSecond."
        );
        assert_eq!(plain("children aged <5 years"), "children aged <5 years");
    }
}
