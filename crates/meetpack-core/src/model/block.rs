use serde::{Deserialize, Serialize};

use super::{Lines, TableId};

/// A block's id, unique within the pack (assigned in input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub u32);

/// A unit of a rendered document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: BlockId,
    pub lines: Lines,
    #[serde(flatten)]
    pub kind: BlockKind,
}

impl Block {
    /// A heading as a tree or contents shows it: "3 Background and Information".
    pub fn heading_label(&self) -> Option<String> {
        let BlockKind::Heading { number, text, .. } = &self.kind else {
            return None;
        };
        Some(match number {
            Some(n) => format!("{n} {}", text.to_plain()),
            None => text.to_plain(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A section heading. Level 1 is a numbered section (`3 Background`) or a top heading,
    /// level 2 a sub-heading.
    Heading {
        level: u8,
        number: Option<String>,
        text: Text,
    },
    /// A numbered paragraph, e.g. `3.4 Alongside the additional posts …`.
    Numbered {
        number: String,
        text: Text,
    },
    /// A list item; `level` 0 is the outermost. `marker` is `•`, `1)`, `a)`, `i.` …
    ListItem {
        level: u8,
        marker: String,
        text: Text,
    },
    Paragraph {
        text: Text,
    },
    /// A paragraph that starts "RESOLVED" in minutes, or one decision of a resolution.
    Resolution {
        number: Option<String>,
        text: Text,
    },
    /// A table; its data is in the document's `tables`.
    Table {
        table: TableId,
    },
    /// Label/value pairs laid out with tabs or colons (author and signature blocks).
    Fields {
        fields: Vec<Field>,
    },
    /// A table of contents: titles with page numbers.
    Contents {
        entries: Vec<ContentsEntry>,
    },
    /// A note under a table or a footnote (`*NB: …`, `¹ Wte = …`).
    Footnote {
        text: Text,
    },
    /// "This page is intentionally left blank" and similar page furniture.
    Separator {
        text: String,
    },
}

impl BlockKind {
    /// The main text of a block that carries one (headings, numbered and list items,
    /// paragraphs, resolutions, footnotes); None for fields, tables and the rest.
    pub fn main_text(&self) -> Option<&Text> {
        match self {
            BlockKind::Heading { text, .. }
            | BlockKind::Numbered { text, .. }
            | BlockKind::ListItem { text, .. }
            | BlockKind::Paragraph { text }
            | BlockKind::Resolution { text, .. }
            | BlockKind::Footnote { text } => Some(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContentsEntry {
    pub title: String,
    pub page: Option<u32>,
}

/// Inline text: a run of spans, each with its emphasis and optional link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text {
    pub spans: Vec<Inline>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub underline: bool,
    /// `https://…` or `mailto:…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// A cross-reference to a place in the pack ("Minute 15 above", "see Appendix 2"),
    /// resolved by the parser; never set together with `link`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xref: Option<super::XRef>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Text {
    /// Unstyled text.
    pub fn plain(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.is_empty() {
            return Text::default();
        }
        Text {
            spans: vec![Inline {
                text,
                ..Inline::default()
            }],
        }
    }

    /// The text with markup removed.
    pub fn to_plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.is_empty())
    }

    /// Appends another text, with a space between when neither side has one.
    pub fn append(&mut self, other: Text) {
        let needs_space = match (self.spans.last(), other.spans.first()) {
            (Some(a), Some(b)) => {
                !a.text.ends_with(' ')
                    && !b.text.starts_with(' ')
                    && !hyphen_break(&a.text, &b.text)
            }
            _ => false,
        };
        if needs_space && let Some(last) = self.spans.last_mut() {
            last.text.push(' ');
        }
        self.spans.extend(other.spans);
    }
}

/// A line that ends in a hyphen after a letter, continued by a lower-case word, was
/// broken at the hyphen: the two halves join without a space. The hyphen is kept, since
/// council papers hyphenate compounds ("long-term") far more often than they split words,
/// and a character is never dropped; an e-mail address is never joined.
fn hyphen_break(before: &str, after: &str) -> bool {
    let mut tail = before.chars().rev();
    let (Some('-'), Some(letter)) = (tail.next(), tail.next()) else {
        return false;
    };
    let word = before.rsplit(' ').next().unwrap_or("");
    letter.is_alphabetic()
        && !word.contains('@')
        && after.starts_with(|c: char| c.is_lowercase())
        && !after.split(' ').next().unwrap_or("").contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_broken_at_a_hyphen_joins_without_a_space() {
        let mut t = Text::plain("the long-");
        t.append(Text::plain("term plan"));
        assert_eq!(t.to_plain(), "the long-term plan");
        let mut t = Text::plain("Budget -");
        t.append(Text::plain("next year"));
        assert_eq!(t.to_plain(), "Budget - next year");
        let mut t = Text::plain("write to jo.baldwin-");
        t.append(Text::plain("cantello@kent.gov.uk"));
        assert_eq!(t.to_plain(), "write to jo.baldwin- cantello@kent.gov.uk");
    }
}
