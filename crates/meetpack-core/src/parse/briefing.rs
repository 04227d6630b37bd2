//! Briefing notes: the header (To, Date, Subject), the recommendations and the sign-off.

use super::lines::Line;
use super::tables::is_field_label;
use super::text::{self, static_regex};
use super::{dates, inline};
use crate::model::{Author, Block, BlockKind, NoteDetails};

static_regex!(HEADER, r"^(To|Date|Subject|From)\s*:\s*(.*)$");
static_regex!(RECOMMENDATIONS, r"(?i)^recommendations?\b");
static_regex!(
    LEAD_IN,
    r"(?i)\b(?:recommended|asked|invited|requested)\s+to\b.*:?\s*$"
);
static_regex!(APPENDIX, r"(?i)^(appendix\s+\S+|appendices)\b");
static_regex!(LABEL, r"^([A-Za-z][A-Za-z ]{1,24}?)\s*(?::|\t)\s*(.*)$");

pub fn parse(lines: &[Line<'_>], blocks: &[Block]) -> NoteDetails {
    let mut note = NoteDetails::default();
    read_header(lines, &mut note);
    note.recommendations = recommendations(blocks);
    let sign_off = sign_off_start(lines, blocks);
    note.appendices = lines[..sign_off]
        .iter()
        .map(|l| l.plain.to_string())
        .filter(|t| APPENDIX.is_match(t) && text::word_count(t) <= 16 && !t.ends_with('.'))
        .collect();
    read_sign_off(&lines[sign_off..], &mut note);
    note
}

fn read_header(lines: &[Line<'_>], note: &mut NoteDetails) {
    for line in lines.iter().filter(|l| !l.is_blank()).take(10) {
        let t = line.plain.as_ref();
        if let Some(c) = HEADER.captures(t) {
            let value = c[2].trim().to_string();
            match &c[1] {
                "To" => note.to = note.to.take().or(Some(value)),
                "Date" => note.date = note.date.take().or(Some(value)),
                "Subject" => note.subject = note.subject.take().or(Some(value)),
                _ => {}
            }
        } else if note.date.is_none() && note.to.is_some() && dates::is_date_line(t) {
            // "17 March 2022" standing alone between To and Subject.
            note.date = Some(t.trim_end_matches('.').to_string());
        }
    }
    note.date_iso = note.date.as_deref().and_then(dates::find_iso);
}

/// The asks under the "Recommendations" heading, without their lead-in.
fn recommendations(blocks: &[Block]) -> Vec<String> {
    let Some(start) = blocks.iter().position(|b| {
        matches!(&b.kind, BlockKind::Heading { text, .. } if RECOMMENDATIONS.is_match(&text.to_plain()))
    }) else {
        return Vec::new();
    };
    let section: Vec<&Block> = blocks[start + 1..]
        .iter()
        .take_while(|b| !matches!(b.kind, BlockKind::Heading { .. }))
        .collect();
    let items: Vec<String> = section
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::ListItem { text, .. } => Some(text.to_plain()),
            _ => None,
        })
        .collect();
    if !items.is_empty() {
        return items;
    }
    section
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Numbered { text, .. } | BlockKind::Paragraph { text } => {
                Some(text.to_plain())
            }
            _ => None,
        })
        .filter(|t| !LEAD_IN.is_match(t))
        .collect()
}

/// The index of the line where the authors and contacts begin (or the end).
fn sign_off_start(lines: &[Line<'_>], blocks: &[Block]) -> usize {
    // Only after the recommendations: the header's fields are not a sign-off.
    let after = blocks
        .iter()
        .find(|b| matches!(&b.kind, BlockKind::Heading { text, .. } if RECOMMENDATIONS.is_match(&text.to_plain())))
        .map_or(0, |b| b.lines.last());
    for (i, line) in lines.iter().enumerate() {
        if line.no <= after || line.is_blank() {
            continue;
        }
        let t = inline::plain(line.text);
        let label = LABEL.captures(&t).map(|c| c[1].to_string());
        let labelled = label
            .as_deref()
            .is_some_and(|l| is_field_label(l) && !l.eq_ignore_ascii_case("title"));
        let named = text::lost_colon_name(&t).is_some();
        let name_block = text::looks_like_name(&t)
            && lines[i + 1..]
                .iter()
                .take(4)
                .take_while(|l| !l.is_blank())
                .any(|l| text::has_email(l.text));
        if labelled || named || name_block {
            return i;
        }
    }
    lines.len()
}

/// Authors and contacts, in the shapes notes use: "Authors: Name, Role" lines,
/// "Name of Author: … / Job Title: … / Contact details: …" fields (with colons or tabs),
/// and bare "Name / Role / e-mail" blocks.
fn read_sign_off(lines: &[Line<'_>], note: &mut NoteDetails) {
    let mut current_label = String::new();
    let mut author: Option<Author> = None;
    let mut prev_blank = true;
    for line in lines {
        if line.is_blank() {
            prev_blank = true;
            if current_label == "bare" {
                current_label.clear();
            }
            continue;
        }
        let t = inline::plain(line.text);
        let t = t.trim();
        let (label, value) = match LABEL.captures(t) {
            Some(c) if is_field_label(&c[1]) => (c[1].to_lowercase(), c[2].trim().to_string()),
            _ => match text::lost_colon_name(t) {
                Some((label, rest)) => (label.to_lowercase(), rest.to_string()),
                None => (String::new(), t.to_string()),
            },
        };
        for contact in contacts_in(&value) {
            if !note.contacts.contains(&contact) {
                note.contacts.push(contact.clone());
            }
            if let Some(a) = author
                .as_mut()
                .filter(|_| !current_label.starts_with("author"))
            {
                a.contacts.push(contact);
            }
        }
        let is_contact = text::has_email(&value) || text::has_phone(&value);
        match label.as_str() {
            "name" | "name of author" | "report author" => {
                flush(&mut author, note);
                author = Some(Author {
                    name: value,
                    ..Author::default()
                });
                current_label = label;
            }
            "authors" | "author" => {
                flush(&mut author, note);
                current_label = label;
                if !value.is_empty() {
                    note.authors.push(name_and_role(&value));
                }
            }
            "job title" | "organisation" | "organization" | "directorate" => {
                if let Some(a) = author.as_mut() {
                    add_role(a, &value);
                }
                current_label = label;
            }
            "" if current_label.starts_with("author")
                && !is_contact
                && value.split(',').next().is_some_and(text::looks_like_name) =>
            {
                note.authors.push(name_and_role(&value));
            }
            "" if text::looks_like_name(&value) && prev_blank => {
                flush(&mut author, note);
                author = Some(Author {
                    name: value,
                    ..Author::default()
                });
                current_label = "bare".into();
            }
            "" if current_label == "bare" && !is_contact => {
                if let Some(a) = author.as_mut() {
                    add_role(a, &value);
                }
            }
            _ => {
                if !label.is_empty() {
                    current_label = label;
                }
            }
        }
        prev_blank = false;
    }
    flush(&mut author, note);
}

fn flush(author: &mut Option<Author>, note: &mut NoteDetails) {
    if let Some(a) = author.take()
        && !a.name.is_empty()
    {
        note.authors.push(a);
    }
}

fn add_role(author: &mut Author, value: &str) {
    if value.is_empty() {
        return;
    }
    match author.role.as_mut() {
        Some(role) => {
            role.push_str(", ");
            role.push_str(value);
        }
        None => author.role = Some(value.to_string()),
    }
}

/// "Hannah Bedford, Family Valued Programme Manager, Children's Services".
fn name_and_role(value: &str) -> Author {
    match value.split_once(", ") {
        Some((name, role)) => Author {
            name: name.trim().to_string(),
            role: Some(role.trim().to_string()),
            contacts: Vec::new(),
        },
        None => Author {
            name: value.trim().to_string(),
            ..Author::default()
        },
    }
}

/// E-mail addresses and telephone numbers in a value.
fn contacts_in(value: &str) -> Vec<String> {
    static_regex!(
        PHONE_NUMBER,
        r"(?i)(?:tel(?:ephone)?\s*:?\s*)?(\(?0\d{2,4}\)?[\d ]{6,12}\d)"
    );
    let mut out: Vec<String> = text::emails(value).map(str::to_string).collect();
    out.extend(
        PHONE_NUMBER
            .captures_iter(value)
            .map(|c| c[1].trim().to_string()),
    );
    out
}
