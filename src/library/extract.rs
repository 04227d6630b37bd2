//! A parsed pack to the rows the index keeps: pure, no I/O, so it runs on the parsing
//! threads and the writer only inserts.

use crate::model::{BlockKind, Document, Lines, Pack, Resolution};

/// Everything the index keeps of one file.
#[derive(Debug, Clone, Default)]
pub struct FileRecord {
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
        committee,
        date: date.clone(),
        has_agenda: pack.front_sheet().is_some(),
        documents: pack
            .documents
            .iter()
            .map(|d| document(d, date.as_deref()))
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
    let mut decision_spans: Vec<Lines> = doc.decisions.iter().map(|r| r.lines).collect();
    let minutes_date = doc.minutes.as_ref().and_then(|m| m.date.clone());
    let minuted_date = minutes_date.or_else(|| {
        (!doc.decisions.is_empty() || doc.minutes.is_some())
            .then(|| pack_date.map(str::to_string))?
    });
    let mut minutes = Vec::new();
    let mut attendance = Vec::new();
    if let Some(m) = &doc.minutes {
        for item in &m.items {
            decision_spans.extend(item.resolutions.iter().map(|r| r.lines));
            minutes.push(MinuteRecord {
                number: item.number.clone(),
                title: item.title.clone(),
                lines: item.lines,
                decisions: item.resolutions.iter().map(decision).collect(),
            });
        }
        let substitutes: Vec<&String> = m.substitutes.iter().collect();
        let groups: [(&[String], &'static str); 6] = [
            (&m.present, "member"),
            (&m.co_opted, "co-opted"),
            (&m.other_members, "other member"),
            (&m.employees, "officer"),
            (&m.invited, "invited"),
            (&m.apologies, "apologies"),
        ];
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
    }
    let mut body = String::new();
    let mut blocks = Vec::new();
    for b in &doc.blocks {
        let decision = decision_spans
            .iter()
            .any(|s| s.first() <= b.lines.last() && b.lines.first() <= s.last());
        let mut push = |kind: &'static str, lines: Lines, text: String| {
            let text = text.trim().to_string();
            if text.is_empty() {
                return;
            }
            body.push_str(&text);
            body.push('\n');
            blocks.push(BlockRecord {
                kind,
                lines,
                text,
                decision,
            });
        };
        match &b.kind {
            BlockKind::Heading { .. } => {
                push("heading", b.lines, b.heading_label().unwrap_or_default())
            }
            BlockKind::Numbered { number, text } => push(
                "paragraph",
                b.lines,
                format!("{number} {}", text.to_plain()),
            ),
            BlockKind::ListItem { marker, text, .. } => push(
                "list_item",
                b.lines,
                format!("{marker} {}", text.to_plain()),
            ),
            BlockKind::Paragraph { text } => push("paragraph", b.lines, text.to_plain()),
            BlockKind::Resolution { number, text } => {
                let text = text.to_plain();
                push(
                    "resolution",
                    b.lines,
                    match number {
                        Some(n) => format!("{n} {text}"),
                        None => text,
                    },
                )
            }
            BlockKind::Footnote { text } => push("footnote", b.lines, text.to_plain()),
            BlockKind::Fields { fields } => push(
                "fields",
                b.lines,
                fields
                    .iter()
                    .map(|f| format!("{}: {}", f.label, f.value.to_plain()))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            BlockKind::Contents { entries } => push(
                "contents",
                b.lines,
                entries
                    .iter()
                    .map(|e| e.title.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            // A table is found row by row, so a hit points at its row's lines.
            BlockKind::Table { table } => {
                if let Some(t) = doc.table(*table) {
                    for h in &t.header {
                        push("table_row", t.lines, h.join(" | "));
                    }
                    for (i, row) in t.rows.iter().enumerate() {
                        let lines = t.body.get(i).map_or(t.lines, |r| r.lines);
                        push("table_row", lines, row.join(" | "));
                    }
                }
            }
            BlockKind::Separator { .. } => {}
        }
    }
    // The letterhead is out of the body; the title still names the paper.
    if blocks.is_empty() && !doc.title.trim().is_empty() {
        blocks.push(BlockRecord {
            kind: "heading",
            lines: doc.lines,
            text: doc.title.clone(),
            decision: false,
        });
    }
    let work_items = doc
        .work_programme
        .iter()
        .flat_map(|w| &w.items)
        .map(|w| WorkRecord {
            date_text: w.date.clone(),
            date: w.date_iso.clone(),
            title: w.title.clone(),
            detail: w.detail.clone(),
            lines: w.lines,
        })
        .collect();
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
        work_items,
        minuted_date,
    }
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
