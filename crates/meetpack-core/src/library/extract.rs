//! A parsed pack to the rows the index keeps: pure, no I/O, so it runs on the parsing
//! threads and the writer only inserts.

use crate::model::{Block, BlockKind, Document, Lines, MinuteItem, Minutes, Pack, Resolution};

/// Everything the index keeps of one file.
#[derive(Debug, Clone, Default)]
pub struct FileRecord {
    /// The council as the pack prints it (its letterhead), when it names one.
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<String>,
    /// The pack has a front sheet: its committee name is the one to show.
    pub has_agenda: bool,
    pub documents: Vec<DocRecord>,
    pub agenda: Vec<AgendaRecord>,
}

#[derive(Debug, Clone)]
pub struct DocRecord {
    pub index: u32,
    pub kind: &'static str,
    pub title: String,
    pub agenda_item: Option<String>,
    pub lines: Lines,
    pub blocks: Vec<BlockRecord>,
    pub signature: Option<Vec<u32>>,
    pub minutes: Vec<MinuteRecord>,
    /// Decisions outside numbered minutes (a decision notice).
    pub decisions: Vec<DecisionRecord>,
    pub attendance: Vec<AttendanceRecord>,
    /// Declarations of interest the minutes record, one per person named.
    pub declarations: Vec<DeclarationRecord>,
    pub work_items: Vec<WorkRecord>,
    /// The meeting this document's minutes or decisions record.
    pub minuted_date: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BlockRecord {
    pub kind: &'static str,
    pub lines: Lines,
    pub text: String,
    /// Inside a decision's lines (for `search --decisions`).
    pub decision: bool,
    /// Where it starts in a PDF pack.
    pub page: Option<crate::model::PagePlace>,
}

#[derive(Debug, Clone)]
pub struct AgendaRecord {
    pub number: String,
    pub title: String,
    pub lines: Lines,
    pub documents: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct MinuteRecord {
    pub number: String,
    pub title: String,
    pub lines: Lines,
    pub decisions: Vec<DecisionRecord>,
}

#[derive(Debug, Clone)]
pub struct DecisionRecord {
    pub number: Option<String>,
    pub text: String,
    pub outcome: Option<String>,
    pub lines: Lines,
}

#[derive(Debug, Clone)]
pub struct AttendanceRecord {
    pub written: String,
    pub role: &'static str,
}

/// One person's declaration of interest: the name as written ("Cllr A Tucker") and the
/// sentences that record it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationRecord {
    pub written: String,
    pub text: String,
    pub lines: Lines,
}

#[derive(Debug, Clone)]
pub struct WorkRecord {
    pub date_text: String,
    pub date: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub lines: Lines,
}

pub fn extract(pack: &Pack) -> FileRecord {
    let committee = pack.meta.committee.clone().or_else(|| note_addressee(pack));
    let date = pack.meta.date.clone().or_else(|| note_date(pack));
    FileRecord {
        council: pack
            .meta
            .council
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        committee,
        date: date.clone(),
        has_agenda: pack.front_sheet().is_some(),
        documents: pack
            .documents
            .iter()
            .map(|d| {
                let mut record = document(d, date.as_deref());
                // A PDF pack's search hits name their page.
                for b in &mut record.blocks {
                    b.page = pack.source.page_place(b.lines.first());
                }
                record
            })
            .collect(),
        agenda: pack
            .agenda
            .iter()
            .map(|a| AgendaRecord {
                number: a.number.clone(),
                title: a.title.clone(),
                lines: a.lines,
                documents: a.documents.iter().map(|d| d.0).collect(),
            })
            .collect(),
    }
}

/// A document's MinHash signature as the index computes it (None for a short one).
pub fn signature_of(doc: &Document) -> Option<Vec<u32>> {
    document(doc, None).signature
}

/// A single briefing note has no front sheet: the committee it is addressed to.
fn note_addressee(pack: &Pack) -> Option<String> {
    let to = pack
        .documents
        .iter()
        .find_map(|d| d.note.as_ref()?.to.clone())?;
    let to = to.trim();
    (!to.is_empty()).then(|| to.to_string())
}

fn note_date(pack: &Pack) -> Option<String> {
    pack.documents
        .iter()
        .find_map(|d| d.note.as_ref()?.date_iso.clone())
}

fn document(doc: &Document, pack_date: Option<&str>) -> DocRecord {
    let minutes_date = doc.minutes.as_ref().and_then(|m| m.date.clone());
    let minuted_date = minutes_date.or_else(|| {
        (!doc.decisions.is_empty() || doc.minutes.is_some())
            .then(|| pack_date.map(str::to_string))?
    });
    // Lines inside a decision: a notice's decisions, then the minutes' resolutions.
    let mut decision_spans: Vec<Lines> = doc.decisions.iter().map(|r| r.lines).collect();
    let mut minutes = Vec::new();
    let mut attendance = Vec::new();
    let mut declarations = Vec::new();
    if let Some(m) = &doc.minutes {
        for item in &m.items {
            declarations.extend(item_declarations(doc, item));
            decision_spans.extend(item.resolutions.iter().map(|r| r.lines));
            minutes.push(MinuteRecord {
                number: item.number.clone(),
                title: item.title.clone(),
                lines: item.lines,
                decisions: item.resolutions.iter().map(decision).collect(),
            });
        }
        attendance = attendance_records(m);
    }
    let (mut blocks, body) = block_records(doc, &decision_spans);
    // The letterhead is out of the body; the title still names the paper.
    if blocks.is_empty() && !doc.title.trim().is_empty() {
        blocks.push(BlockRecord {
            kind: "heading",
            lines: doc.lines,
            text: doc.title.clone(),
            decision: false,
            page: None,
        });
    }
    DocRecord {
        index: doc.id.0,
        kind: doc.kind.name(),
        title: doc.title.clone(),
        agenda_item: doc.agenda_item.clone(),
        lines: doc.lines,
        signature: super::minhash::signature(&body),
        blocks,
        minutes,
        decisions: doc.decisions.iter().map(decision).collect(),
        attendance,
        declarations,
        work_items: work_records(doc),
        minuted_date,
    }
}

/// The declarations of interest recorded in one minute, read from its blocks' words.
fn item_declarations(doc: &Document, item: &MinuteItem) -> Vec<DeclarationRecord> {
    let body: Vec<(String, Lines)> = doc
        .blocks
        .iter()
        .filter(|b| item.lines.contains(b.lines.first()))
        .map(|b| (block_plain(doc, &b.kind), b.lines))
        .collect();
    declarations_in(&item.title, item.lines, &body)
}

/// Everyone the minutes list, group by group, with their role; a member listed as a
/// substitute, or noted as chair, gets that role instead.
fn attendance_records(m: &Minutes) -> Vec<AttendanceRecord> {
    let substitutes: Vec<&String> = m.substitutes.iter().collect();
    let groups: [(&[String], &'static str); 6] = [
        (&m.present, "member"),
        (&m.co_opted, "co-opted"),
        (&m.other_members, "other member"),
        (&m.employees, "officer"),
        (&m.invited, "invited"),
        (&m.apologies, "apologies"),
    ];
    let mut attendance = Vec::new();
    for (entries, role) in groups {
        for e in entries {
            let role = if role == "member" && substitutes.contains(&e) {
                "substitute"
            } else if role == "member" && chair_note(e) {
                "chair"
            } else {
                role
            };
            attendance.push(AttendanceRecord {
                written: e.clone(),
                role,
            });
        }
    }
    attendance
}

/// The document's searchable texts, block by block (a table row by row), each marked
/// when it lies inside a decision; and the body they make, one text a line, that the
/// MinHash signature is taken of. Blank texts are left out of both.
fn block_records(doc: &Document, decision_spans: &[Lines]) -> (Vec<BlockRecord>, String) {
    let mut body = String::new();
    let mut blocks = Vec::new();
    for b in &doc.blocks {
        let decision = decision_spans
            .iter()
            .any(|s| s.first() <= b.lines.last() && b.lines.first() <= s.last());
        for (kind, lines, text) in block_texts(doc, b) {
            let text = text.trim().to_string();
            if text.is_empty() {
                continue;
            }
            body.push_str(&text);
            body.push('\n');
            blocks.push(BlockRecord {
                kind,
                lines,
                text,
                decision,
                page: None,
            });
        }
    }
    (blocks, body)
}

/// The texts the index keeps of one block, with their kind and lines (untrimmed).
fn block_texts(doc: &Document, b: &Block) -> Vec<(&'static str, Lines, String)> {
    let one = |kind: &'static str, text: String| vec![(kind, b.lines, text)];
    match &b.kind {
        BlockKind::Heading { .. } => one("heading", b.heading_label().unwrap_or_default()),
        BlockKind::Numbered { number, text } => {
            one("paragraph", format!("{number} {}", text.to_plain()))
        }
        BlockKind::ListItem { marker, text, .. } => {
            one("list_item", format!("{marker} {}", text.to_plain()))
        }
        BlockKind::Paragraph { text } => one("paragraph", text.to_plain()),
        BlockKind::Resolution { number, text } => {
            let text = text.to_plain();
            one(
                "resolution",
                match number {
                    Some(n) => format!("{n} {text}"),
                    None => text,
                },
            )
        }
        BlockKind::Footnote { text } => one("footnote", text.to_plain()),
        BlockKind::Fields { fields } => one(
            "fields",
            fields
                .iter()
                .map(|f| format!("{}: {}", f.label, f.value.to_plain()))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        BlockKind::Contents { entries } => one(
            "contents",
            entries
                .iter()
                .map(|e| e.title.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        // A table is found row by row, so a hit points at its row's lines.
        BlockKind::Table { table } => {
            let Some(t) = doc.table(*table) else {
                return Vec::new();
            };
            let header = t
                .header
                .iter()
                .map(|h| ("table_row", t.lines, h.join(" | ")));
            let body = t.body.iter().map(|row| {
                let text = row.texts().collect::<Vec<_>>().join(" | ");
                ("table_row", row.lines, text)
            });
            header.chain(body).collect()
        }
        BlockKind::Separator { .. } => Vec::new(),
    }
}

/// The work programme's entries.
fn work_records(doc: &Document) -> Vec<WorkRecord> {
    doc.work_programme
        .iter()
        .flat_map(|w| &w.items)
        .map(|w| WorkRecord {
            date_text: w.date.clone(),
            date: w.date_iso.clone(),
            title: w.title.clone(),
            detail: w.detail.clone(),
            lines: w.lines,
        })
        .collect()
}

/// A block's words as one string (for reading sentences out of a minute).
fn block_plain(doc: &Document, kind: &BlockKind) -> String {
    if let Some(text) = kind.main_text() {
        return text.to_plain();
    }
    match kind {
        BlockKind::Fields { fields } => fields
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value.to_plain()))
            .collect::<Vec<_>>()
            .join("; "),
        BlockKind::Table { table } => doc
            .table(*table)
            .map(|t| {
                t.body
                    .iter()
                    .map(|r| r.texts().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join(". ")
            })
            .unwrap_or_default(),
        // Contents lists and separators say nothing of a minute; the text-bearing kinds
        // were answered above.
        _ => String::new(),
    }
}

/// Whether a minute's title is the standing "Declarations of interest" item, in any of
/// the wordings councils use ("Declarations of Interests", "Disclosures of Pecuniary
/// Interest", "To receive declarations of interest from members", "Datganiadau o
/// fuddiant").
fn is_declarations_title(title: &str) -> bool {
    let t = title.to_lowercase();
    (t.contains("interest") && (t.contains("declar") || t.contains("disclos")))
        || t.contains("datgan")
}

/// The declarations of interest a minute records. In the standing declarations item,
/// every sentence that names a member is a declaration by each member it names (the
/// sentences after it that name nobody explain it and are kept with it); elsewhere only a
/// sentence saying someone "declared" an "interest" is. A sentence that records none
/// ("There were no declarations of interest", "None") names nobody and adds nothing.
pub fn declarations_in(
    title: &str,
    item_lines: Lines,
    body: &[(String, Lines)],
) -> Vec<DeclarationRecord> {
    let standing = is_declarations_title(title);
    // The title too: flattened minutes carry the whole item in it.
    let mut sentences: Vec<(String, Lines)> = split_sentences(title)
        .into_iter()
        .map(|s| (s, item_lines))
        .collect();
    for (text, lines) in body {
        if text.trim() == title.trim() {
            continue;
        }
        sentences.extend(split_sentences(text).into_iter().map(|s| (s, *lines)));
    }
    let mut out: Vec<DeclarationRecord> = Vec::new();
    // The declarations of the last sentence that named someone, to extend with the
    // sentences that explain it.
    let mut open: Option<std::ops::Range<usize>> = None;
    for (sentence, lines) in sentences {
        let lower = sentence.to_lowercase();
        let declared = lower.contains("declared") && lower.contains("interest");
        if !(standing || declared) {
            open = None;
            continue;
        }
        let names = named_members(&sentence);
        if names.is_empty() {
            if let Some(range) = &open
                && standing
                && !records_none(&lower)
            {
                for d in &mut out[range.clone()] {
                    d.text.push(' ');
                    d.text.push_str(&sentence);
                    d.lines = d.lines.join(lines);
                }
            }
            continue;
        }
        let start = out.len();
        for written in names {
            out.push(DeclarationRecord {
                written,
                text: sentence.clone(),
                lines,
            });
        }
        open = Some(start..out.len());
    }
    out
}

/// "There were no declarations of interest", "No declarations of Interest made", "None".
fn records_none(lower: &str) -> bool {
    let l = lower.trim().trim_end_matches('.');
    l == "none" || l.ends_with(": none") || l.starts_with("no ") || l.contains(" no ")
}

/// Sentences, split after `.`, `!` or `?` and a space before a capital, but not after a
/// title or an initial ("Cllr. J. Davies declared").
fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends = matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_some_and(|n| n.is_whitespace())
            && chars[i + 1..]
                .iter()
                .find(|n| !n.is_whitespace())
                .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit());
        if ends {
            let word: String = current
                .trim_end_matches(['.', '!', '?'])
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("")
                .to_lowercase();
            // An initial ("J.") or a title; a number ("4.") ends a sentence.
            let abbreviation = (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
                || [
                    "cllr", "cllrs", "mr", "mrs", "ms", "dr", "no", "st", "prof", "rev",
                ]
                .contains(&word.as_str());
            if !abbreviation {
                let s = current.trim().to_string();
                if !s.is_empty() {
                    out.push(s);
                }
                current.clear();
            }
        }
    }
    let s = current.trim().to_string();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Words that introduce a member's name in minutes; a plural one introduces several
/// ("Cllrs. G. Evans and P. Harries").
const MEMBER_TITLES: &[(&str, bool)] = &[
    ("councillor", false),
    ("councillors", true),
    ("cllr", false),
    ("cllrs", true),
    ("cynghorydd", false),
    ("cynghorwyr", true),
    ("alderman", false),
    ("mr", false),
    ("mrs", false),
    ("ms", false),
    ("miss", false),
    ("dr", false),
];

/// The members a sentence names: a title followed by initials and capitalised words
/// ("Councillor Abbott", "Cllr A Tucker", "Co-Opted Member D Jackson"), each returned as
/// written with its title.
fn named_members(sentence: &str) -> Vec<String> {
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let bare = |t: &str| -> String {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let is_name_token = |t: &str| {
        let w = t
            .trim_end_matches([',', ';', ':', ')'])
            .trim_start_matches('(');
        let w = w.trim_end_matches('.');
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let word = bare(tokens[i]);
        let (title_len, plural) = if (word == "co-opted" || word == "coopted")
            && tokens
                .get(i + 1)
                .is_some_and(|t| bare(t).starts_with("member"))
        {
            (2, bare(tokens[i + 1]) == "members")
        } else if let Some((_, plural)) = MEMBER_TITLES.iter().find(|(t, _)| *t == word) {
            (1, *plural)
        } else {
            i += 1;
            continue;
        };
        let title = tokens[i..i + title_len].join(" ");
        let title = title.trim_end_matches('.');
        let singular = title.trim_end_matches('s');
        i += title_len;
        loop {
            let mut name: Vec<&str> = Vec::new();
            while i < tokens.len() && name.len() < 4 && is_name_token(tokens[i]) {
                let ends = tokens[i].ends_with([',', ';', ':', ')']);
                name.push(tokens[i].trim_end_matches([',', ';', ':', ')']));
                i += 1;
                if ends {
                    break;
                }
            }
            let written = name.join(" ");
            let written = written.trim_end_matches('.');
            if !written.is_empty() && crate::library::names::parse(written).is_some() {
                let t = if plural { singular } else { title };
                out.push(format!("{t} {written}"));
            }
            if !plural || name.is_empty() || i >= tokens.len() {
                break;
            }
            // "Cllrs. G. Evans and P. Harries", "Cllrs Hayward & Hillard", Welsh
            // "Cynghorwyr G. Evans a P. Harries", "Councillors A, B and C".
            let joiner = ["and", "&", "a", "ac"].contains(&tokens[i].to_lowercase().as_str());
            if joiner && tokens.get(i + 1).is_some_and(|t| is_name_token(t)) {
                i += 1;
                continue;
            }
            if is_name_token(tokens[i]) {
                continue;
            }
            break;
        }
    }
    out.dedup();
    out
}

fn decision(r: &Resolution) -> DecisionRecord {
    let text = match &r.lead_in {
        Some(lead) if !r.text.starts_with(lead.as_str()) => format!("{lead} {}", r.text),
        _ => r.text.clone(),
    };
    DecisionRecord {
        number: r.number.clone(),
        text,
        outcome: r.outcome.clone(),
        lines: r.lines,
    }
}

/// "(Chair)" or "(Chairman)" beside a name; not "(Vice-Chair)" or "(Chair of the … Board)".
fn chair_note(entry: &str) -> bool {
    let l = entry.to_lowercase();
    [
        "(chair)",
        "(chairman)",
        "(chairperson)",
        "(chair of the meeting)",
        "(in the chair)",
    ]
    .iter()
    .any(|n| l.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(title: &str, body: &[&str]) -> Vec<(String, String)> {
        let body: Vec<(String, Lines)> = body
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), Lines::one(i as u32 + 2)))
            .collect();
        declarations_in(title, Lines(1, body.len() as u32 + 1), &body)
            .into_iter()
            .map(|d| (d.written, d.text))
            .collect()
    }

    /// Lines cut from real minutes: the seeds (Coventry) and the corpus's other councils.
    #[test]
    fn declarations_of_interest_in_councils_wordings() {
        // seeds/000: two members noted, and the sentence explaining it kept with them.
        let d = declared(
            "Declarations of Interests",
            &[
                "The Board noted that Cllr A Tucker and Co-Opted Member D Jackson were members of the Fostering Panel. As this was not a disclosable pecuniary interest, they remained in the meeting.",
            ],
        );
        let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cllr A Tucker", "Co-Opted Member D Jackson"]);
        assert!(d[0].1.ends_with("they remained in the meeting."), "{d:?}");
        // seeds/002 and 004, other-councils/04 and 10: none recorded.
        for none in [
            "There were no disclosable pecuniary interests.",
            "There were no disclosable interests.",
        ] {
            assert!(declared("Declarations of Interests", &[none]).is_empty());
        }
        assert!(declared("No declarations of Interest made", &[]).is_empty());
        assert!(
            declared(
                "Declarations of interest for items on the agenda:  None.",
                &[]
            )
            .is_empty()
        );
        // seeds/004: an interest that led to apologies.
        let d = declared(
            "Declarations of Interests",
            &[
                "There were no disclosable interests.",
                "The Board noted that Councillor Abbott had submitted her apologies in light of her interest in matters to be considered at meeting.",
            ],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "Councillor Abbott");
        // other-councils/05 (Manordeilo and Salem): two members after a plural title.
        let d = declared(
            "DECLARATIONS OF INTEREST",
            &[
                "Cllrs. G. Evans and P. Harries declared an interest in Agenda Item 5xv) Gwyl Y Goeden donation.",
            ],
        );
        let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cllr G. Evans", "Cllr P. Harries"]);
        // other-councils/07: the same in Welsh ("a" is "and").
        let d = declared(
            "DATGANIADAU O FUDDIANT",
            &[
                "Fe wnaeth y Cynghorwyr G. Evans a P. Harries ddatgan diddordeb yn Eitem Agenda 5xv) rhodd Gwyl y Goeden.",
            ],
        );
        let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cynghorwyr G. Evans", "Cynghorwyr P. Harries"]);
        // corpus/pdf/20 (Tintern minutes): "&" between names.
        let d = declared(
            "Declarations of interest: No. 2573 – LWVBPT – Cllrs Hayward & Hillard.",
            &[],
        );
        let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cllr Hayward", "Cllr Hillard"]);
        // other-councils/08: "Cllr." with initials and full stops.
        let d = declared(
            "DECLARATIONS OF INTEREST",
            &[
                "Cllr. J. Davies declared an interest in Planning Applications E/40554 (family business) and E/40590 (family connection).",
            ],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "Cllr J. Davies");
        // other-councils/03 (Stoke Ferry, flattened): the item's title holds the text.
        let d = declared(
            "To receive Declarations of Interest from Members on any item to be discussed - Cllr Janet Taylor declared an interest on the payments for approval item and it was agreed that she would not vote (minute 84/20). Cllr Trudy Mann declared an interest on the item regarding the Bluebell and declared that she wished to abstain from voting (minute 69/20).",
            &[],
        );
        let names: Vec<&str> = d.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cllr Janet Taylor", "Cllr Trudy Mann"]);
        // Outside the standing item only "declared … interest" counts.
        let d = declared(
            "Planning applications",
            &[
                "Councillor R Patel declared a disclosable pecuniary interest in item 7 and left the room.",
                "Councillor S Brown asked about parking.",
            ],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "Councillor R Patel");
    }
}
