//! Inline markup to spans: `**bold**`, `*italic*`, `<i>`, `<u>`, `<b>`, Markdown links,
//! `<http…>` autolinks, bare URLs and e-mail addresses. Markup is never shown as text;
//! unknown HTML tags are dropped, their content kept.

use super::text::static_regex;
use crate::model::{Inline, Text};

static_regex!(
    TOKEN,
    r#"(?x)
      \[(?P<lt>[^\]\n]+)\]\((?P<lu>[^)\s]+)\)                         # [text](url)
    | <(?P<au>(?:https?|ftp)://[^>\s]+)>                              # <http://…>
    | (?P<url>\b(?:https?://|www\.)[^\s<>()"]*[^\s<>().,;:!?'"*])    # bare URL
    | (?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})
    | (?P<tag></?(?P<tn>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>)        # HTML tag
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
    if !src.bytes().any(|b| matches!(b, b'*' | b'<' | b'[' | b'@'))
        && !src.contains("www.")
        && !src.contains("http")
    {
        return Text::plain(src);
    }
    let tokens = tokenize(src);
    build(tokens)
}

fn tokenize(src: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut last = 0;
    for caps in TOKEN.captures_iter(src) {
        let Some(m) = caps.get(0) else { continue };
        if m.start() > last {
            tokens.push(Token::Text(&src[last..m.start()]));
        }
        last = m.end();
        if let (Some(text), Some(url)) = (caps.name("lt"), caps.name("lu")) {
            tokens.push(Token::Link(
                text.as_str().to_string(),
                url.as_str().to_string(),
            ));
        } else if let Some(url) = caps.name("au") {
            tokens.push(Token::Link(
                url.as_str().to_string(),
                url.as_str().to_string(),
            ));
        } else if let Some(url) = caps.name("url") {
            let target = if url.as_str().starts_with("www.") {
                format!("https://{}", url.as_str())
            } else {
                url.as_str().to_string()
            };
            tokens.push(Token::Link(url.as_str().to_string(), target));
        } else if let Some(email) = caps.name("email") {
            let email = email.as_str();
            tokens.push(Token::Link(email.to_string(), format!("mailto:{email}")));
        } else if let Some(name) = caps.name("tn") {
            let closing = m.as_str().starts_with("</");
            let style = match name.as_str().to_ascii_lowercase().as_str() {
                "b" | "strong" => Some(Style::Bold),
                "i" | "em" => Some(Style::Italic),
                "u" => Some(Style::Underline),
                "br" | "p" | "li" if closing || name.as_str().eq_ignore_ascii_case("br") => {
                    tokens.push(Token::Owned("\n".into()));
                    None
                }
                _ => None,
            };
            match (style, closing) {
                (Some(s), false) => tokens.push(Token::Open(s)),
                (Some(s), true) => tokens.push(Token::Close(s)),
                _ => {}
            }
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
pub fn plain(src: &str) -> String {
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
