//! A document's lines to blocks: headings, numbered paragraphs, list items, fields,
//! paragraphs, tables, footnotes and separators.
//!
//! The extractions put one paragraph on one line and mark page breaks only with blank
//! lines, so a paragraph cut by a page break is joined back when the text shows it
//! continues (it resumes in lower case, or the part before stops mid-sentence).

use super::lines::Line;
use super::tables::{self, Found};
use super::text::{self, static_regex};
use super::{Context, dates, inline};
use crate::model::{Block, BlockKind, DocKind, Field, Lines, Table, Text};

static_regex!(pub SEPARATOR, r"(?i)^this page (?:is )?(?:has been )?(?:intentionally )?(?:left )?blank\.?$");
static_regex!(BULLET, r"^(?:[-–•●▪◦■]|\*|o)\s+");
static_regex!(DOTTED, r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+");
static_regex!(WHOLE, r"^(\d{1,4})(\\?\.|\))?\s+");
static_regex!(NUMBER_ONLY, r"^(\d{1,4})\\?\.$");
static_regex!(
    BARE_REFERENCE,
    r"^((?:[A-Z]{1,4}\s?)?\d{1,4}(?:\.\d{1,2})?/\d{2,4}[A-Z]?)\.?$"
);
static_regex!(
    REFERENCE,
    r"^((?:[A-Z]{1,4}\s?)?\d{1,4}(?:\.\d{1,2})?/\d{2,4}[A-Z]?)\.?\s+"
);
static_regex!(
    MARKER,
    r"^(\(?[a-z]\)|\(?[ivx]{1,5}\)|\([a-z]\)|[a-z]\.|[ivx]{1,4}\.|\(\d{1,2}\))\s+"
);
// "Membership: …", "Apologies: …": a line that starts something of its own.
static_regex!(LABELLED, r"^[A-Z][A-Za-z'’ ()-]{0,30}:\s");
static_regex!(TIME_OF_DAY, r"(?i)^(?:am|pm|a\.m\.|p\.m\.|noon)\b");
/// Header labels of a note or letter, beside the sign-off labels.
const HEADER_LABELS: &[&str] = &[
    "to",
    "date",
    "subject",
    "from",
    "cc",
    "ref",
    "reference",
    // A decision's page (ModernGov's "Decision details"): facts about it, not decisions.
    "decision maker",
    "decision status",
    "is key decision?",
    "is subject to call in?",
    "date of decision",
    "decided at meeting",
    "publication date",
    "effective from",
];
static_regex!(COLON_FIELD, r"^[A-Za-z][A-Za-z .'/()?-]{0,30}$");

/// What one line is, before grouping.
#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    Blank,
    Separator,
    /// A page number or running header: shown as a separator, and the text around it
    /// reads on as if it were not there.
    Furniture,
    Footnote,
    /// A list item; `numbered` holds a dotted paragraph number found after the bullet.
    Item {
        level: u8,
        marker: String,
        rest: &'a str,
    },
    Numbered {
        number: String,
        rest: &'a str,
    },
    /// `13. Title`, `1 Purpose of the Note`: a numbered heading or a numbered list item.
    Whole {
        number: String,
        dotted: bool,
        rest: &'a str,
    },
    NumberOnly {
        number: String,
    },
    Field {
        label: String,
        value: &'a str,
    },
    Plain,
}

fn classify<'a>(line: &Line<'a>) -> Kind<'a> {
    let t = line.text;
    if t.is_empty() {
        return Kind::Blank;
    }
    if line.furniture {
        return Kind::Furniture;
    }
    if text::leads_with(t, b"t") && SEPARATOR.is_match(t) {
        return Kind::Separator;
    }
    // An HTML rule ("<hr>", "<hr/>") rules the page off.
    if t.len() <= 12 && t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("<hr")) {
        return Kind::Separator;
    }
    let level = line.indent.div_ceil(2).min(4) as u8;
    if let Some((_, rest)) = prefix(&BULLET, bullet_lead, t) {
        if let Some((d, rest)) = prefix(&DOTTED, |b| b.is_ascii_digit(), rest) {
            return Kind::Numbered {
                number: d[1].to_string(),
                rest,
            };
        }
        if let Some((m, rest)) = prefix(&MARKER, marker_lead, rest)
            .or_else(|| prefix(&ENUM, |b| b.is_ascii_digit(), rest))
        {
            return Kind::Item {
                level,
                marker: m[1].to_string(),
                rest,
            };
        }
        let marker = if t.starts_with(['●', '•']) {
            "•"
        } else {
            "–"
        };
        return Kind::Item {
            level,
            marker: marker.to_string(),
            rest,
        };
    }
    if let Some((d, rest)) = prefix(&DOTTED, |b| b.is_ascii_digit(), t)
        && !TIME_OF_DAY.is_match(rest)
    {
        return Kind::Numbered {
            number: d[1].to_string(),
            rest,
        };
    }
    if let Some(c) = t
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| NUMBER_ONLY.captures(t))
        .flatten()
    {
        return Kind::NumberOnly {
            number: c[1].to_string(),
        };
    }
    // "**1.**<TAB>**APOLOGIES**": the number in bold on its own, as a word processor's
    // numbered heading comes out of a PDF.
    let (t, bold_number) = match t.strip_prefix("**").and_then(|r| {
        let digits = r.bytes().take_while(u8::is_ascii_digit).count();
        let close = r[digits..].strip_prefix(['.', ')']).unwrap_or(&r[digits..]);
        (digits > 0 && close.starts_with("**")).then(|| (&r[..r.len() - close.len()], &close[2..]))
    }) {
        Some((number, after)) if after.starts_with([' ', '\t']) => {
            return whole_line(number, after, line);
        }
        _ => (t, false),
    };
    if let Some((c, rest)) = prefix(&WHOLE, |b| b.is_ascii_digit(), t) {
        let dotted = c.get(2).is_some();
        let plain = inline::plain(rest);
        let bare_ok = c[1].len() <= 2
            && text::starts_uppercase_or_digit(&plain)
            && text::word_count(&plain) <= 12
            && !plain.ends_with('.')
            && !dates::is_date_line(t)
            && !dates::starts_with_month(&plain.to_lowercase());
        // A tab inside is a table's row, unless the line is a numbered line laid out with
        // tabs (its number, its title, a line about it).
        let tabbed_ok = !rest.contains('\t') || (dotted && !tables::is_tab_row(line));
        if (dotted || bare_ok) && tabbed_ok && !bold_number {
            return Kind::Whole {
                number: c[1].to_string(),
                dotted,
                rest,
            };
        }
    }
    // "<TAB>a)<TAB>To approve payments": a lettered line set in by a tab is an item, not
    // a row with an empty first cell.
    let lettered = if t.starts_with('\t') && !tables::is_tab_row(line) {
        t.trim_start()
    } else {
        t
    };
    if let Some((m, rest)) = prefix(&MARKER, marker_lead, lettered) {
        return Kind::Item {
            level,
            marker: m[1].to_string(),
            rest,
        };
    }
    if !line.has_tabs() && !t.starts_with("**") && (t.starts_with(['*', '¹', '²', '³', '†'])) {
        return Kind::Footnote;
    }
    if let Some((label, value)) = t.split_once(':')
        && COLON_FIELD.is_match(label)
        && (tables::is_field_label(label)
            || HEADER_LABELS.contains(&label.trim().to_lowercase().as_str()))
    {
        return Kind::Field {
            label: label.trim().to_string(),
            value: value.trim_start(),
        };
    }
    if let Some((label, value)) = text::lost_colon_name(t) {
        return Kind::Field {
            label: label.into(),
            value,
        };
    }
    Kind::Plain
}

/// A minute's reference with its year at the start of a line, and the title after it:
/// "127/20 CLOSED SESSION", "PL21/073 APOLOGIES", "2.3/23E To note apologies".
fn reference<'a>(line: &Line<'a>) -> Option<(String, &'a str)> {
    let t = line.text;
    if !has_early_slash(t) {
        return None;
    }
    let (c, rest) = prefix(&REFERENCE, |b| b.is_ascii_alphanumeric(), t)?;
    let titled =
        rest.starts_with(|c: char| c.is_uppercase() || c == '(') || rest.starts_with("to ");
    // "2020/21 Education Performance": a financial year, not a minute.
    let year_first = c[1].len() >= 7 && matches!(c[1].get(..2), Some("19" | "20"));
    (titled && !year_first && !line.furniture).then(|| (c[1].to_string(), rest))
}

/// A minute's reference alone on its line ("125/20", "PL21/073.").
fn bare_reference(line: &Line<'_>) -> Option<String> {
    let t = line.text.trim_end();
    if !has_early_slash(t) {
        return None;
    }
    let c = BARE_REFERENCE.captures(t)?;
    (!line.furniture).then(|| c[1].to_string())
}

/// A reference's slash stands within its first 16 bytes ("PL21/073", "1.3/23E"): most
/// lines have none, and are not searched by the patterns (asked of every line, twice).
fn has_early_slash(t: &str) -> bool {
    t.as_bytes().iter().take(16).any(|&b| b == b'/')
}

/// A title set in capitals: three letters or more, none lower case, at most 60 words (a
/// parish's minutes repeat its agenda's wording, a closed session's grounds and all).
fn in_capitals(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !t.chars().any(char::is_lowercase)
        && text::word_count(t) <= 60
}

/// What names a reference's family: its letters and the part after the slash
/// ("PL21/073" → "PL21/", "127/20" → "/20", "2.3/23E" → ".3/23E").
fn family_of(number: &str) -> String {
    let letters = number.bytes().take_while(u8::is_ascii_uppercase).count();
    let body = &number[letters..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    // Year first ("21/073"): the year and the slash; else what follows the running number.
    let year_first = body[digits..].starts_with('/')
        && body[digits + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count()
            > digits;
    if year_first {
        format!("{}{}", &number[..letters], &body[..=digits])
    } else {
        format!("{}{}", &number[..letters], &body[digits..])
    }
}

/// The reference families that head two or more lines: one "63/67 Newington Causeway"
/// (an address) or a lone "12/20" is not a minute's number.
fn reference_families(lines: &[Line<'_>]) -> std::collections::HashSet<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for l in lines {
        if !l
            .text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            continue;
        }
        if let Some(number) = reference(l).map(|(n, _)| n).or_else(|| bare_reference(l)) {
            *seen.entry(family_of(&number)).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(f, _)| f)
        .collect()
}

/// A numbered line whose number stood in bold on its own (`**1.**`): `number` is "1." or
/// "1)", `after` the rest of the line after the bold.
fn whole_line<'a>(number: &'a str, after: &'a str, line: &Line<'a>) -> Kind<'a> {
    let digits = number.trim_end_matches(['.', ')']);
    let rest = after.trim_start_matches([' ', '\t']);
    if rest.is_empty() || (after.contains('\t') && tables::is_tab_row(line)) {
        return Kind::Plain;
    }
    Kind::Whole {
        number: digits.to_string(),
        dotted: number.len() > digits.len(),
        rest,
    }
}

/// Matches a line's prefix (a bullet, a number) and returns its captures and the rest of
/// the line, which must not be empty. Patterns match only the prefix, so a long line is
/// never scanned by the capturing engine.
fn prefix<'t>(
    re: &super::text::Pattern,
    lead: fn(u8) -> bool,
    t: &'t str,
) -> Option<(regex::Captures<'t>, &'t str)> {
    // Every pattern given here is anchored at the start and can only begin with a few
    // bytes (`lead`): a line whose first byte is none of them is not searched at all (a
    // capture search allocates and runs two engines; most lines start with a capital).
    if !lead(*t.as_bytes().first()?) {
        return None;
    }
    let caps = re.captures(t)?;
    let rest = &t[caps.get(0)?.end()..];
    (!rest.is_empty()).then_some((caps, rest))
}

static_regex!(ENUM, r"^(\d{1,2}[.)])\s+");

/// `inline::parse` of `part`, a piece of `line`'s text: a line without markup gives its
/// piece as one plain span without scanning it again (what `inline::parse` would give).
fn parse_part(line: &Line<'_>, part: &str) -> crate::model::Text {
    if line.has_markup() {
        inline::parse(part)
    } else {
        crate::model::Text::plain(part)
    }
}

/// The first bytes a bullet (`BULLET`) can start with: "-", "*", "o", or the lead byte
/// of "–", "•", "●", "▪", "◦", "■".
fn bullet_lead(b: u8) -> bool {
    matches!(b, b'-' | b'*' | b'o' | 0xE2)
}

/// The first bytes of a letter or roman marker (`MARKER`): "(" or a lower-case letter.
fn marker_lead(b: u8) -> bool {
    b == b'(' || b.is_ascii_lowercase()
}

/// Builds the blocks and tables of one document.
pub fn build(lines: &[Line<'_>], doc_kind: DocKind, cx: &mut Context) -> (Vec<Block>, Vec<Table>) {
    let regions = tables::find(lines, cx);
    let references = reference_families(lines);
    let kinds: Vec<Kind<'_>> = lines
        .iter()
        .map(|l| match reference(l) {
            Some((number, rest)) if references.contains(&family_of(&number)) => Kind::Whole {
                number,
                dotted: true,
                rest,
            },
            // "125/20" alone, its title on the next line.
            _ => match bare_reference(l) {
                Some(number) if references.contains(&family_of(&number)) => {
                    Kind::NumberOnly { number }
                }
                _ => classify(l),
            },
        })
        .collect();
    let mut b = Builder {
        lines,
        kinds: &kinds,
        doc_kind,
        blocks: Vec::new(),
        tables: Vec::new(),
        cx,
        open: Open::None,
        full: full_width(lines),
    };
    let mut regions = regions.into_iter().peekable();
    let mut i = 0;
    if let Some((start, end)) = super::lines::front_matter(lines) {
        b.front_matter(start, end);
        i = end + 1;
    }
    let list_numbers = html_list_numbers(lines);
    while i < lines.len() {
        if let Some(region) = regions.next_if(|r| r.start == i) {
            i = region.end.max(i + 1);
            b.region(region);
            continue;
        }
        if let Some((level, rest)) = html_heading(lines[i].text) {
            b.html_heading(i, level, rest, list_numbers[i]);
            i += 1;
            continue;
        }
        i = b.line(i);
    }
    normalise_list_levels(&mut b.blocks);
    (b.blocks, b.tables)
}

/// What the next line may continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    /// The last block is a paragraph, item or numbered paragraph, and no blank line followed.
    Text,
    /// The last block is text, but blank lines followed it.
    TextAfterBlank,
    Field,
    FieldAfterBlank,
}

struct Builder<'l, 'a, 'c> {
    lines: &'l [Line<'a>],
    kinds: &'l [Kind<'a>],
    doc_kind: DocKind,
    blocks: Vec<Block>,
    tables: Vec<Table>,
    cx: &'c mut Context,
    open: Open,
    /// How wide a line must be to be full, so that the text may run on past a blank line
    /// or a page break: most of the document's usual width (see [`full_width`]); `None`
    /// where the text is not wrapped (each paragraph one long line).
    full: Option<usize>,
}

impl Builder<'_, '_, '_> {
    fn push(&mut self, first: usize, last: usize, kind: BlockKind) {
        let id = self.cx.block_id();
        self.blocks.push(Block {
            id,
            lines: Lines(self.lines[first].no, self.lines[last].no),
            kind,
        });
    }

    fn region(&mut self, region: tables::Region) {
        let (first, last) = (region.start, region.end.saturating_sub(1).max(region.start));
        let kind = match region.found {
            Found::Table(table) => {
                let id = table.id;
                self.tables.push(table);
                BlockKind::Table { table: id }
            }
            Found::Fields(fields) => BlockKind::Fields { fields },
            Found::Contents(entries) => BlockKind::Contents { entries },
        };
        self.push(first, last, kind);
        self.open = Open::None;
    }

    fn front_matter(&mut self, start: usize, end: usize) {
        // `key: value` lines; a YAML list under a key (`categories:` then `- "x"` lines)
        // becomes that key's value, "x, y", so no line of it is lost.
        let mut fields: Vec<Field> = Vec::new();
        for line in &self.lines[start + 1..end] {
            let text = line.text.trim();
            if text.is_empty() {
                continue;
            }
            let item = text.strip_prefix("- ").or_else(|| text.strip_prefix('-'));
            match (item, fields.last_mut(), text.split_once(':')) {
                (Some(item), Some(field), _) => {
                    let mut value = field.value.to_plain();
                    if !value.is_empty() {
                        value.push_str(", ");
                    }
                    value.push_str(item.trim().trim_matches('"'));
                    field.value = Text::plain(value);
                }
                (_, _, Some((k, v))) => fields.push(Field {
                    label: k.trim().to_string(),
                    value: Text::plain(v.trim().trim_matches('"')),
                }),
                (_, _, None) => fields.push(Field {
                    label: String::new(),
                    value: Text::plain(text.trim_matches('"')),
                }),
            }
        }
        self.push(start, end, BlockKind::Fields { fields });
    }

    /// `<h4>TITLE</h4>` in an HTML export; inside an `<ol>` it is numbered by its `<li>`.
    fn html_heading(&mut self, i: usize, level: u8, rest: &str, number: Option<u32>) {
        let text = inline::parse(rest);
        let (level, number) = match number {
            Some(n) => (1, Some(n.to_string())),
            None => (level.clamp(1, 3), None),
        };
        self.push(
            i,
            i,
            BlockKind::Heading {
                level,
                number,
                text,
            },
        );
        self.open = Open::None;
    }

    /// Handles line `i`; returns the index of the next line to handle.
    fn line(&mut self, i: usize) -> usize {
        let line = &self.lines[i];
        match self.kinds[i].clone() {
            Kind::Blank => {
                self.open = match self.open {
                    Open::Text | Open::TextAfterBlank => Open::TextAfterBlank,
                    Open::Field | Open::FieldAfterBlank => Open::FieldAfterBlank,
                    Open::None => Open::None,
                };
                return i + 1;
            }
            Kind::Separator => {
                self.push(
                    i,
                    i,
                    BlockKind::Separator {
                        text: line.text.to_string(),
                    },
                );
                self.open = Open::None;
            }
            Kind::Furniture => {
                self.push(
                    i,
                    i,
                    BlockKind::Separator {
                        text: line.text.to_string(),
                    },
                );
                // A page break sits here: what follows may continue the text above.
                if self.open == Open::Text {
                    self.open = Open::TextAfterBlank;
                }
            }
            Kind::Footnote => {
                self.push(
                    i,
                    i,
                    BlockKind::Footnote {
                        text: parse_part(line, line.text),
                    },
                );
                self.open = Open::None;
            }
            Kind::Item {
                level,
                marker,
                rest,
            } => {
                let text = parse_part(&self.lines[i], rest);
                self.push(
                    i,
                    i,
                    BlockKind::ListItem {
                        level,
                        marker,
                        text,
                    },
                );
                self.open = Open::Text;
            }
            Kind::Numbered { number, rest } => {
                self.push(
                    i,
                    i,
                    BlockKind::Numbered {
                        number,
                        text: parse_part(&self.lines[i], rest),
                    },
                );
                self.open = Open::Text;
            }
            Kind::NumberOnly { number } => return self.number_only(i, number),
            Kind::Whole {
                number,
                dotted,
                rest,
            } => self.whole(i, number, dotted, rest),
            Kind::Field { label, value } => self.field(i, label, value),
            Kind::Plain => {
                if let Some(next) = self.item_heading(i) {
                    return next;
                }
                self.plain(i);
            }
        }
        i + 1
    }

    /// A numbered line: a heading when it stands alone above body text, else a list item.
    fn whole(&mut self, i: usize, number: String, dotted: bool, rest: &str) {
        // A numbered sentence standing alone ("27. RESOLVED that the updates be noted.")
        // is a paragraph, not a heading.
        let plain_rest = inline::plain(rest);
        // A run-in title ("3642. To approve the minutes: Approved.") still heads its body.
        let run_in = plain_rest.find(':').is_some_and(|colon| colon <= 80);
        // A title capitalises its words ("27. Post 16 Transitions and Young People who are
        // not participating in Education, Employment and Training (NEET).").
        let words: Vec<&str> = plain_rest.split_whitespace().collect();
        let capitalised = words
            .iter()
            .filter(|w| text::starts_uppercase_or_digit(w) || w.starts_with('('))
            .count();
        let sentence = !run_in
            && capitalised * 5 < words.len() * 2
            && (words.len() > 16 || (plain_rest.trim_end().ends_with('.') && words.len() >= 4));
        let stands_alone = self.next_nonblank(i).is_none_or(|j| j > i + 1) && !sentence;
        // pdftotext puts a minute's title directly above its text; a paragraph's first
        // line is carried on below it in lower case ("1. The Chair reminded the Panel of
        // the / campaign asking …").
        // So is a paragraph of long lines ("4. Hayley Bodiam, Service Manager Quality
        // Assurance and Professional / Standards, added that the service had used …").
        let below = |k: usize| {
            self.lines
                .get(k)
                .filter(|l| !l.is_blank())
                .map(|l| l.plain.trim())
        };
        // A title in capitals is a title however long ("126/20 TO RECEIVE DECLARATIONS OF
        // INTEREST IN ACCORDANCE WITH THE LOCALISM ACT 2011" over "There were none.").
        let carried_on = !in_capitals(&plain_rest)
            && below(i + 1).is_some_and(|next| {
                next.starts_with(|c: char| c.is_lowercase())
                    || (text::word_count(&plain_rest) >= 8
                        && (next.ends_with('.')
                            || (next.chars().count() >= 50 && below(i + 2).is_some())))
            });
        let titled = self.doc_kind == DocKind::Minutes
            && (heading_like(rest) || in_capitals(&plain_rest))
            && !carried_on;
        if self.doc_kind != DocKind::Agenda && (stands_alone || titled) {
            self.heading_with_run_in(i, Some(number), rest);
            self.open = Open::None;
            return;
        }
        if self.continues(i) && !dotted {
            self.extend(i, self.lines[i].text);
            return;
        }
        let marker = if dotted { format!("{number}.") } else { number };
        self.push(
            i,
            i,
            BlockKind::ListItem {
                level: 0,
                marker,
                text: parse_part(&self.lines[i], rest),
            },
        );
        self.open = Open::Text;
    }

    /// `Title: body …` on one line (minutes written with run-in titles) becomes a heading
    /// and a paragraph over the same line.
    fn heading_with_run_in(&mut self, i: usize, number: Option<String>, rest: &str) {
        let plain = inline::plain(rest);
        if let Some(colon) = plain.find(':')
            && colon <= 80
            && text::word_count(&plain[colon + 1..]) >= 3
        {
            let title = plain[..colon].trim().to_string();
            let body = plain[colon + 1..].trim().to_string();
            self.push(
                i,
                i,
                BlockKind::Heading {
                    level: 1,
                    number,
                    text: Text::plain(title),
                },
            );
            self.push(
                i,
                i,
                BlockKind::Paragraph {
                    text: inline::parse(&body),
                },
            );
            return;
        }
        let text = parse_part(&self.lines[i], rest);
        self.push(
            i,
            i,
            BlockKind::Heading {
                level: 1,
                number,
                text,
            },
        );
    }

    /// `1.` alone with its title on the next line (Limerick-style minutes).
    fn number_only(&mut self, i: usize, number: String) -> usize {
        if let Some(j) = self.next_nonblank(i)
            && self.kinds[j] == Kind::Plain
            && (line_heading_like(&self.lines[j]) || in_capitals(self.lines[j].plain.trim()))
        {
            let text = parse_part(&self.lines[j], self.lines[j].text);
            self.push(
                i,
                j,
                BlockKind::Heading {
                    level: 1,
                    number: Some(number),
                    text,
                },
            );
            self.open = Open::None;
            return j + 1;
        }
        self.push(
            i,
            i,
            BlockKind::Paragraph {
                text: Text::plain(self.lines[i].text),
            },
        );
        self.open = Open::Text;
        i + 1
    }

    fn field(&mut self, i: usize, label: String, value: &str) {
        let field = Field {
            label,
            value: inline::parse(value),
        };
        if matches!(self.open, Open::Field | Open::FieldAfterBlank)
            && let Some(Block {
                kind: BlockKind::Fields { fields },
                lines,
                ..
            }) = self.blocks.last_mut()
        {
            fields.push(field);
            lines.1 = self.lines[i].no;
        } else {
            self.push(
                i,
                i,
                BlockKind::Fields {
                    fields: vec![field],
                },
            );
        }
        self.open = Open::Field;
    }

    /// Printed minutes head each minute with its title and "(Item 3)" under it: the two
    /// lines are the minute's heading, and the text below starts a paragraph of its own
    /// (so a decision is read from its own line, not from the heading's). Also the
    /// "(Item 3)" under a numbered heading ("286. Apologies"). Gives the next line to read.
    fn item_heading(&mut self, i: usize) -> Option<usize> {
        let is_reference =
            |l: &Line<'_>| super::numbering::item_reference(l.plain.trim()).is_some();
        let line = &self.lines[i];
        if is_reference(line) {
            let above = (0..i).rev().find(|&k| !self.lines[k].is_blank())?;
            let reference = parse_part(line, line.text.trim());
            let above_no = self.lines[above].no;
            let last = self.blocks.last_mut()?;
            if last.lines.1 != above_no {
                return None;
            }
            let BlockKind::Heading { text, .. } = &mut last.kind else {
                return None;
            };
            // Shown under the heading's title, as printed.
            push_line(text, reference, true);
            last.lines.1 = line.no;
            self.open = Open::None;
            return Some(i + 1);
        }
        let j = self.next_nonblank(i).filter(|&j| j <= i + 2)?;
        if !is_reference(&self.lines[j])
            || !line_heading_like(line)
            || self.open == Open::Text && self.continues(i)
        {
            return None;
        }
        let mut text = parse_part(line, line.text.trim());
        push_line(
            &mut text,
            parse_part(&self.lines[j], self.lines[j].text.trim()),
            true,
        );
        self.push(
            i,
            j,
            BlockKind::Heading {
                level: 1,
                number: None,
                text,
            },
        );
        self.open = Open::None;
        Some(j + 1)
    }

    fn plain(&mut self, i: usize) {
        let line = &self.lines[i];
        let field_open = match self.open {
            Open::Field => true,
            // "Authors:" with its names under it, after a blank line.
            Open::FieldAfterBlank => matches!(
                self.blocks.last().map(|b| &b.kind),
                Some(BlockKind::Fields { fields }) if fields.last().is_some_and(|f| f.value.is_empty())
            ),
            _ => false,
        };
        // A value that is whole ("No", "Yes", a date) takes no more lines, nor does any
        // value take a sentence: "Is subject to call in?: No" over "Cabinet agreed …".
        // Asked only where a field is open, not of every plain line.
        let sentence = || {
            let t = line.plain.trim();
            text::word_count(t) >= 4 && t.ends_with(['.', ':'])
        };
        let whole = |value: &Text| {
            let v = value.to_plain();
            let v = v.trim().trim_end_matches('.');
            matches!(
                v.to_ascii_lowercase().as_str(),
                "yes" | "no" | "n/a" | "none"
            ) || (!v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_digit() || b"/.- ".contains(&b)))
        };
        if field_open
            && !sentence()
            && let Some(Block {
                kind: BlockKind::Fields { fields },
                lines,
                ..
            }) = self.blocks.last_mut()
            && let Some(last) = fields.last_mut()
            && !whole(&last.value)
        {
            self.open = Open::Field;
            // A value carried onto the next line ("Authors: A\nB").
            push_line(&mut last.value, parse_part(line, line.text), true);
            lines.1 = line.no;
            return;
        }
        if self.continues(i) {
            self.extend(i, line.text);
            return;
        }
        let bold_only = is_bold_only(line.text);
        let next_attached = self.next_nonblank(i) == Some(i + 1)
            && matches!(
                self.kinds.get(i + 1),
                Some(Kind::Plain | Kind::Field { .. })
            );
        let starts_section = self.open != Open::Text
            && !next_attached
            && line_heading_like(line)
            && (bold_only || self.next_is_body(i));
        if starts_section {
            let text = parse_part(line, line.text.trim_start_matches(['■', '●', ' ']));
            self.push(
                i,
                i,
                BlockKind::Heading {
                    level: 2,
                    number: None,
                    text,
                },
            );
            self.open = Open::None;
            return;
        }
        self.push(
            i,
            i,
            BlockKind::Paragraph {
                text: parse_part(line, line.text),
            },
        );
        self.open = Open::Text;
    }

    /// Does line `i` continue the text block above it?
    fn continues(&self, i: usize) -> bool {
        let Some(prev) = self.last_text_block().and_then(|k| self.blocks.get(k)) else {
            return false;
        };
        let prev_text = match &prev.kind {
            BlockKind::Paragraph { text }
            | BlockKind::ListItem { text, .. }
            | BlockKind::Numbered { text, .. }
            | BlockKind::Resolution { text, .. } => text,
            _ => return false,
        };
        let cur = self.lines[i].text;
        let prev_is_paragraph = matches!(prev.kind, BlockKind::Paragraph { .. });
        match self.open {
            // Consecutive lines: one paragraph, or a list item wrapped onto the next line.
            Open::Text => {
                let sentence_ended = text::ends_sentence_rev(rev_chars(prev_text));
                // Where each paragraph is one line (a web page's text), a finished sentence
                // ends its paragraph: the next line is the next paragraph.
                let line_per_paragraph =
                    self.full.is_none() && sentence_ended && !text::starts_lowercase(cur);
                // "RESOLVED: that …" under a finished paragraph is the decision, not more of
                // the discussion; an HTML list item or paragraph starts its own block.
                let starts_anew = line_per_paragraph
                    || text::opens_html_block(cur)
                    || (sentence_ended
                        && super::decisions::opens_resolution(self.lines[i].plain.as_ref()));
                matches!(self.kinds[i], Kind::Plain)
                    && !starts_anew
                    && (prev_is_paragraph || text::starts_lowercase(cur) || !sentence_ended)
            }
            // Across blank lines: a paragraph cut by a page break.
            Open::TextAfterBlank => {
                let cur_plain = self.lines[i].plain.as_ref();
                matches!(self.kinds[i], Kind::Plain | Kind::Whole { .. })
                    && (text::starts_lowercase(cur_plain)
                        || (matches!(self.kinds[i], Kind::Plain)
                            // The line printed last was full (the page cut it), read
                            // from the input: a text block's last line may be several
                            // printed lines joined.
                            && self.ran_full(prev, prev_text)
                            && !cur_plain.trim_end().ends_with(':')
                            && !LABELLED.is_match(cur_plain)
                            && !starts_with_capitals(cur_plain)
                            && !text::ends_sentence_rev(rev_chars(prev_text))
                            && !line_heading_like(&self.lines[i])))
            }
            _ => false,
        }
    }

    /// Did the text block above end on a full line, as a paragraph cut by a page break
    /// does? In wrapped text, its last printed line reaches the document's measure; in
    /// text whose paragraphs are each one line, its last line is long.
    fn ran_full(&self, prev: &Block, prev_text: &Text) -> bool {
        match self.full {
            Some(full) => self.printed_width(prev.lines.last()) >= full,
            None => last_line_rev(prev_text).take(100).count() >= 100,
        }
    }

    /// How many characters input line `no` holds (at most [`WIDE`]: only "full" is asked).
    fn printed_width(&self, no: u32) -> usize {
        // The builder may hold one document's lines: numbers count from its first.
        let first = self.lines.first().map_or(1, |l| l.no);
        no.checked_sub(first)
            .and_then(|k| self.lines.get(k as usize))
            .map_or(0, |l| l.plain.chars().take(WIDE).count())
    }

    /// Appends line `i` to the last block.
    fn extend(&mut self, i: usize, src: &str) {
        let line_no = self.lines[i].no;
        let after_blank = self.open == Open::TextAfterBlank;
        let Some(k) = self.last_text_block() else {
            return;
        };
        let Some(block) = self.blocks.get_mut(k) else {
            return;
        };
        let newline = match &block.kind {
            BlockKind::Paragraph { text } => !after_blank && !wrapped(text, src),
            _ => false,
        };
        if let BlockKind::Paragraph { text }
        | BlockKind::ListItem { text, .. }
        | BlockKind::Numbered { text, .. }
        | BlockKind::Resolution { text, .. } = &mut block.kind
        {
            push_line(text, parse_part(&self.lines[i], src), newline);
        }
        block.lines.1 = line_no;
        self.open = Open::Text;
    }

    /// The last block, looking past page furniture (separator blocks of furniture lines).
    fn last_text_block(&self) -> Option<usize> {
        let first_no = self.lines.first()?.no;
        let mut k = self.blocks.len().checked_sub(1)?;
        loop {
            let b = &self.blocks[k];
            let furniture = matches!(b.kind, BlockKind::Separator { .. })
                && b.lines
                    .first()
                    .checked_sub(first_no)
                    .and_then(|at| self.lines.get(at as usize))
                    .is_some_and(|l| l.furniture);
            if !furniture {
                return Some(k);
            }
            k = k.checked_sub(1)?;
        }
    }

    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| !self.lines[j].is_blank())
    }

    /// Is the next non-blank line body text that a heading would introduce?
    fn next_is_body(&self, i: usize) -> bool {
        let Some(j) = self.next_nonblank(i) else {
            return false;
        };
        match &self.kinds[j] {
            Kind::Item { .. } | Kind::Numbered { .. } | Kind::Whole { .. } => true,
            Kind::Plain => tables::is_tab_row(&self.lines[j]) || is_body_text(self.lines[j].text),
            _ => false,
        }
    }
}

/// Running text a heading could introduce: a long line, or a full sentence.
fn is_body_text(src: &str) -> bool {
    let words = text::word_count(src);
    words >= 12 || (words >= 6 && src.trim_end().ends_with('.'))
}

/// A text block's characters from its end backwards. The continuation rules look only at
/// the end of the block above, so it is read from there rather than flattened for every
/// line added to it (which made a long paragraph quadratic).
fn rev_chars(text: &Text) -> impl Iterator<Item = char> + '_ {
    text.spans
        .iter()
        .rev()
        .flat_map(|s| s.text.chars().rev())
        .inspect(|_| super::cost::examined(1))
}

/// Widths are counted up to this many characters: a longer line is simply full.
const WIDE: usize = 200;

/// The width a full line reaches in these lines: four fifths of the width that nine in ten
/// of the non-blank lines stay within, and at least 50 characters. Printed text wraps at
/// its own measure (a page of 85 characters a line, another of 110). `None` when that
/// width is 150 or more: the text is not wrapped, each paragraph one long line.
fn full_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut counts = [0usize; WIDE + 1];
    let mut n = 0;
    for l in lines.iter().filter(|l| !l.is_blank()) {
        counts[l.plain.chars().take(WIDE).count()] += 1;
        n += 1;
    }
    let mut seen = 0;
    let p90 = (0..=WIDE)
        .find(|&w| {
            seen += counts[w];
            seen * 10 >= n * 9
        })
        .unwrap_or(WIDE);
    (p90 < 150).then(|| (p90 * 4 / 5).max(50))
}

/// The last line of a text block (after its last line break), backwards.
fn last_line_rev(text: &Text) -> impl Iterator<Item = char> + '_ {
    rev_chars(text).take_while(|&c| c != '\n')
}

static_regex!(
    HTML_HEADING,
    r"(?i)^(?:<li[^>]*>\s*)?<h([1-6])[^>]*>(.*?)</h[1-6]>\s*$"
);

fn html_heading(src: &str) -> Option<(u8, &str)> {
    // Asked of every line; only one starting with a tag can match.
    if !src.starts_with('<') {
        return None;
    }
    let c = HTML_HEADING.captures(src)?;
    let level = c[1].parse().ok()?;
    Some((level, c.get(2)?.as_str()))
}

/// For each line, the number of the `<li>` of an `<ol>` it is in (HTML exports number
/// their minutes with an ordered list, not in the text).
fn html_list_numbers(lines: &[Line<'_>]) -> Vec<Option<u32>> {
    static_regex!(LIST_TAG, r"(?i)<(/?)(ol|ul|li)\b");
    let mut out = Vec::with_capacity(lines.len());
    // Open lists, innermost last; the count is of the outermost <ol>'s items only.
    let mut stack: Vec<bool> = Vec::new();
    let mut count: Option<u32> = None;
    for line in lines {
        // Only a line with a tag is searched.
        let tags =
            memchr::memchr(b'<', line.text.as_bytes()).map(|_| LIST_TAG.captures_iter(line.text));
        for c in tags.into_iter().flatten() {
            let closing = !c[1].is_empty();
            match (c[2].to_ascii_lowercase().as_str(), closing) {
                ("ol", false) => {
                    if stack.is_empty() {
                        count = Some(0);
                    }
                    stack.push(true);
                }
                ("ul", false) => stack.push(false),
                ("ol" | "ul", true) => {
                    stack.pop();
                }
                ("li", false) if stack.len() == 1 && stack[0] => {
                    count = count.map(|n| n + 1);
                }
                _ => {}
            }
        }
        out.push(count.filter(|&n| n > 0 && !stack.is_empty()));
        if stack.is_empty() {
            count = None;
        }
    }
    out
}

/// "RESOLVED that …", "NOTE: …": a word in capitals opens something new.
fn starts_with_capitals(s: &str) -> bool {
    let word = s.split_whitespace().next().unwrap_or("");
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Is `next` the rest of a wrapped line (rather than a line of its own)?
fn wrapped(prev: &Text, next: &str) -> bool {
    text::starts_lowercase(next)
        || (last_line_rev(prev).take(60).count() >= 60
            && !text::ends_sentence_rev(last_line_rev(prev)))
}

fn push_line(text: &mut Text, more: Text, newline: bool) {
    if newline && let Some(last) = text.spans.last_mut() {
        last.text.push('\n');
        text.spans.extend(more.spans);
        return;
    }
    text.append(more);
}

fn is_bold_only(src: &str) -> bool {
    let t = src.trim();
    t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**")
}

/// A short title-like line: few words, no sentence end, not a date, e-mail or field.
pub fn heading_like(src: &str) -> bool {
    plain_heading_like(&inline::plain(src), src.contains('\t'))
}

/// [`heading_like`] of a whole line, from its precomputed plain text.
fn line_heading_like(line: &Line<'_>) -> bool {
    plain_heading_like(&line.plain, line.has_tabs())
}

fn plain_heading_like(plain: &str, has_tabs: bool) -> bool {
    let plain = plain.trim_start_matches(['■', '●', ' ']);
    if plain.len() > 100 || has_tabs {
        return false;
    }
    let words = text::word_count(plain);
    (1..=12).contains(&words)
        && !plain.ends_with(['.', ',', ';', ':'])
        && text::starts_uppercase_or_digit(plain)
        && !dates::is_date_line(plain)
        && !text::has_email(plain)
        && !plain.starts_with(['(', '"', '“', '\''])
        && plain.matches(',').count() <= 1
        // "RESOLVED that the Scrutiny Board" leads into decisions; it is not a section.
        && !plain.to_lowercase().starts_with("resolved")
}

/// Numbered and lettered list items of one run share a level: extractions often indent
/// all but the first item of a numbered list (`- 1) …` then ` - 2) …`). Bullet runs keep
/// their levels, since a bullet's indent is how a sub-list is written.
fn normalise_list_levels(blocks: &mut [Block]) {
    let mut i = 0;
    while i < blocks.len() {
        let BlockKind::ListItem { marker, .. } = &blocks[i].kind else {
            i += 1;
            continue;
        };
        let style = marker_style(marker);
        let mut j = i + 1;
        while j < blocks.len() {
            match &blocks[j].kind {
                BlockKind::ListItem { marker, .. }
                    if marker_style(marker) == style && style != "bullet" =>
                {
                    j += 1
                }
                _ => break,
            }
        }
        if j - i >= 2 {
            let level = blocks[i..j]
                .iter()
                .filter_map(|b| match b.kind {
                    BlockKind::ListItem { level, .. } => Some(level),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            for b in &mut blocks[i..j] {
                if let BlockKind::ListItem { level: l, .. } = &mut b.kind {
                    *l = level;
                }
            }
        }
        i = j.max(i + 1);
    }
}

fn marker_style(marker: &str) -> &'static str {
    let core = marker.trim_matches(['(', ')', '.']);
    if core.chars().all(|c| c.is_ascii_digit()) && !core.is_empty() {
        if marker.ends_with(')') {
            "num)"
        } else {
            "num."
        }
    } else if core.len() == 1 && core.chars().all(|c| c.is_ascii_lowercase()) && core != "i" {
        "alpha"
    } else if !core.is_empty() && core.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        "roman"
    } else {
        "bullet"
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{BlockKind, DocKind};

    fn paragraphs(text: &str) -> Vec<(u32, u32)> {
        crate::parse::parse(text).documents[0]
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph { .. }))
            .map(|b| (b.lines.first(), b.lines.last()))
            .collect()
    }

    #[test]
    fn a_reference_alone_over_a_title_in_capitals_heads_its_minute() {
        // Parish minutes repeating the agenda's wording in capitals, the first reference
        // alone on its line: each title is a heading, and the decision under it its own.
        let text = "Minutes of the Full Council Meeting\n7:05pm Full Council Meeting\n125/20\n\
                    TO RECEIVE APOLOGIES AND ACCEPT VALID REASONS FOR ABSENCE, THESE HAVING BEEN SUBMITTED TO THE CLERK\n\
                    Apologies had been received from Cllr Bell and these were accepted.\n\
                    126/20 TO RECEIVE DECLARATIONS OF INTEREST IN ACCORDANCE WITH THE LOCALISM ACT 2011\n\
                    There were none.\n";
        let pack = crate::parse::parse(text);
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["125/20", "126/20"]);
        assert_eq!(m.items[0].resolutions.len(), 1);
        assert_eq!(m.items[0].resolutions[0].lines.first(), 5);
        let headings: Vec<u32> = pack.documents[0]
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
            .map(|b| b.lines.first())
            .collect();
        assert!(
            headings.contains(&3) && headings.contains(&6),
            "{headings:?}"
        );
    }

    #[test]
    fn a_web_pages_lines_are_its_paragraphs() {
        // A web page's text: each paragraph one line, no blank line between them; a
        // sentence's end closes its paragraph. HTML list items start their own block, and
        // tabs in an HTML paragraph are white space, not a table's columns.
        let text = "Minutes of the Extra-Ordinary Full Council Meeting held on Monday 24th August 2020 at 7:00pm in the Village Hall, with members attending remotely as the regulations then allowed.\n\
                    There were no members of the public in attendance at the meeting, which was held with a quorum of members present.\n\
                    127/20 CLOSED SESSION\n\
                    It was proposed by Cllr Hillman and resolved to go into closed session for the one item of business.\n\
                    128/20 TO AGREE TO HOLD A MEETING\n\
                    <li>It was unanimously agreed that the AGM would be held remotely.</li>\n\
                    <li>It was proposed by Cllr Harries and unanimously agreed that the officers remain in post.</li>\n\
                    <p>The Clerk presented the Annual Return.\t\t\t<em>Clerk</em></p>\n";
        let pack = crate::parse::parse(text);
        let blocks: Vec<(u32, &str)> = pack.documents[0]
            .blocks
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    BlockKind::Paragraph { .. } => "p",
                    BlockKind::Resolution { .. } => "decision",
                    BlockKind::Heading { .. } => "heading",
                    _ => "other",
                };
                (b.lines.first(), kind)
            })
            .collect();
        assert_eq!(
            blocks,
            [
                (1, "p"),
                (2, "p"),
                (3, "heading"),
                (4, "decision"),
                (5, "heading"),
                (6, "decision"),
                (7, "decision"),
                (8, "p")
            ]
        );
    }

    #[test]
    fn text_runs_on_past_a_blank_line_only_from_a_line_as_full_as_the_documents_measure() {
        // Double-spaced text, as an OCR page gives it, wrapped at about 75 characters: a
        // sentence cut at a full line goes on below the blank, even where the next line
        // starts with a capital; one that stops on a short line does not take the next
        // paragraph (a long run of joined lines used to count as one full line).
        let text = "Minutes of the meeting\n\n\
                    The approval of the Council is hereby given to the disposal of land to Melvyn\n\n\
                    Shire and Nicola Shire, Rathmale, Mungret, for the sum of 500 euro subject to\n\n\
                    the right of way of the owners\n\n\
                    Members raised questions about the timetable for the works in the park\n";
        let found = paragraphs(text);
        assert_eq!(found, [(3, 7), (9, 9)]);
    }

    #[test]
    fn an_agenda_laid_out_with_tabs_and_bold_numbers_is_its_items_not_tables() {
        // A parish agenda as a word processor's PDF gives it: the number in bold, a tab,
        // the title in bold, lettered lines set in by a tab.
        let text = "AGENDA\n\n**1.**\t**APOLOGIES**\n\n**2.**\t**DECLARATIONS OF INTEREST**\n\n\
                    **3.**\t**MINUTES**\tTo approve the minutes of the last meeting\n\n\
                    **4.**\t**FINANCE**\n\ta)\tTo approve payments\n\tb)\tTo note the bank balance\n";
        let pack = crate::parse::parse(text);
        let doc = &pack.documents[0];
        assert_eq!(doc.kind, DocKind::Agenda);
        assert!(
            !doc.blocks
                .iter()
                .any(|b| matches!(b.kind, BlockKind::Table { .. })),
            "{:?}",
            doc.blocks
        );
        let markers: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::ListItem { marker, .. } => Some(marker.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(markers, ["1.", "2.", "3.", "4.", "a)", "b)"]);
        let items: Vec<&str> = pack.agenda.iter().map(|a| a.number.as_str()).collect();
        assert_eq!(items, ["1", "2", "3", "4"]);
        assert_eq!(pack.agenda[3].sub_items.len(), 2);
    }
}
