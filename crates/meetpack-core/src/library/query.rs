//! Answers over the index: the listing, search, decisions, people, compare.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, params_from_iter};
use serde::Serialize;

use super::{Library, LibraryError, Result, minhash, names, text};
use crate::model::PagePlace;

/// Filters shared by search, decisions and people.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of a committee's name ("scrutiny board 2").
    pub committee: Option<String>,
    /// ISO dates, inclusive.
    pub since: Option<String>,
    pub until: Option<String>,
    /// Search only: which passages (papers, minutes, decisions); decisions and people
    /// ignore it.
    pub kind: Option<KindFilter>,
}

/// A search ranks at most this many matches (the last in index order): ranking every
/// passage that holds a common word costs more than a second at 1,000 packs.
pub const RANK_CAP: usize = 10_000;

/// The kinds of passage a search can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    /// Reports, briefing notes, appendices, work programmes and other papers: not the
    /// agenda, minutes or decision notices.
    Papers,
    /// Minutes and decision notices.
    Minutes,
    /// Passages that record a decision, in any document.
    Decisions,
}

impl KindFilter {
    /// The SQL condition on a document kind column `d` and a block decision column `b`.
    fn sql(self) -> &'static str {
        match self {
            KindFilter::Papers => " AND d.kind NOT IN ('agenda', 'minutes', 'decision_notice')",
            KindFilter::Minutes => " AND d.kind IN ('minutes', 'decision_notice')",
            KindFilter::Decisions => " AND b.decision = 1",
        }
    }
}

impl Filter {
    fn check(&self) -> Result<()> {
        for d in [&self.since, &self.until].into_iter().flatten() {
            if !crate::parse::dates::is_iso_date(d) {
                return Err(LibraryError::Request(format!(
                    "'{d}' is not a date: write it as YYYY-MM-DD"
                )));
            }
        }
        Ok(())
    }

    /// SQL conditions on a committee key column and a date column, with their values.
    fn sql(&self, key_col: &str, date_col: &str, args: &mut Vec<String>) -> String {
        let mut sql = String::new();
        if let Some(c) = &self.committee {
            args.push(text::committee_key(c));
            sql.push_str(&format!(
                " AND {key_col} LIKE '%' || ?{} || '%'",
                args.len()
            ));
        }
        if let Some(s) = &self.since {
            args.push(s.clone());
            sql.push_str(&format!(" AND {date_col} >= ?{}", args.len()));
        }
        if let Some(u) = &self.until {
            args.push(u.clone());
            sql.push_str(&format!(" AND {date_col} <= ?{}", args.len()));
        }
        sql
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Meetings ordered by their best hit.
    #[default]
    Relevance,
    /// Meetings newest first.
    Newest,
}

/// One row of the search query, as SQLite gives it.
struct HitRow {
    rank: f64,
    snippet: String,
    lines: [u32; 2],
    text: String,
    title: String,
    doc_index: u32,
    kind: String,
    group: i64,
    file_id: i64,
    path: String,
    committee: Option<String>,
    date: Option<String>,
    council: Option<String>,
    page: Option<PagePlace>,
}

impl HitRow {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<HitRow> {
        let page = r
            .get::<_, Option<u32>>(15)?
            .map(|pdf| -> rusqlite::Result<PagePlace> {
                Ok(PagePlace {
                    pdf,
                    printed: r.get(16)?,
                })
            })
            .transpose()?;
        Ok(HitRow {
            rank: r.get(1)?,
            snippet: r.get(2)?,
            lines: [r.get(3)?, r.get(4)?],
            text: r.get(5)?,
            title: r.get(6)?,
            doc_index: r.get(7)?,
            kind: r.get(8)?,
            group: r.get(9)?,
            file_id: r.get(10)?,
            path: r.get(11)?,
            committee: r.get(12)?,
            date: r.get(13)?,
            council: r.get(14)?,
            page,
        })
    }
}

/// One search hit (the JSON contract's fields first).
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub file: String,
    pub committee: Option<String>,
    pub meeting_date: Option<String>,
    pub document: String,
    /// The document's id in its pack (`d3`), for opening it.
    pub document_id: String,
    pub kind: String,
    pub lines: [u32; 2],
    /// The passage with the matched words between `**` and `**`.
    pub snippet: String,
    /// Other files holding the same paper.
    pub also_in: Vec<String>,
    /// bm25 (lower is better, as SQLite gives it).
    pub rank: f64,
    /// The meeting's council, when a pack of it names one (added after the contract's
    /// fields).
    pub council: Option<String>,
    /// Where the passage is in a PDF pack (`null` for a text pack).
    pub page: Option<PagePlace>,
}

/// A document of the index, named by file and id (`PATH#d3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    pub file: String,
    pub doc_index: u32,
}

impl DocRef {
    /// `PATH#dN`, or `PATH` alone for its first document of substance.
    pub fn parse(s: &str) -> (String, Option<u32>) {
        if let Some((path, id)) = s.rsplit_once("#d")
            && let Ok(n) = id.parse::<u32>()
        {
            return (path.to_string(), Some(n));
        }
        (s.to_string(), None)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    pub folders: Vec<String>,
    pub meetings: Vec<ListMeeting>,
    /// Files with no meeting date.
    pub unfiled: Vec<ListFile>,
    pub errors: Vec<ListError>,
    /// PDFs of page images only: no text was indexed, but they open as pictures.
    pub scans: Vec<ListScan>,
}

impl Listing {
    /// Every indexed file, dated meetings' first, then the unfiled.
    pub fn files(&self) -> impl Iterator<Item = &ListFile> {
        self.meetings
            .iter()
            .flat_map(|m| &m.files)
            .chain(&self.unfiled)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ListError {
    pub file: String,
    pub error: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListScan {
    pub file: String,
    pub pages: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListMeeting {
    /// The council, when a pack of the meeting names one.
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<String>,
    pub files: Vec<ListFile>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListFile {
    pub file: String,
    pub documents: Vec<ListDocument>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListDocument {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub agenda_item: Option<String>,
    /// Other files holding the same paper.
    pub also_in: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    /// The meeting that took it.
    pub date: Option<String>,
    pub committee: Option<String>,
    pub minute: Option<String>,
    pub minute_title: Option<String>,
    pub number: Option<String>,
    pub text: String,
    pub outcome: Option<String>,
    pub file: String,
    pub lines: [u32; 2],
    /// Other files recording the same decision (the pack and the printed minutes).
    pub also_in: Vec<String>,
    /// The council whose meeting it was, when its packs name one.
    pub council: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub meetings: Vec<PersonMeeting>,
    /// Per committee: meetings attended of those expected (attended as a member, chair or
    /// substitute, or sent apologies).
    pub attendance: Vec<PersonRate>,
    /// Declarations of interest the minutes record, oldest first.
    pub declarations: Vec<PersonDeclaration>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PersonDeclaration {
    /// The meeting minuted.
    pub date: Option<String>,
    pub committee: Option<String>,
    /// The sentences of the minutes that record it.
    pub text: String,
    pub file: String,
    pub lines: [u32; 2],
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct PersonMeeting {
    pub date: Option<String>,
    pub committee: Option<String>,
    pub role: String,
    /// The council whose meeting it was, when its packs name one.
    pub council: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonRate {
    pub committee: Option<String>,
    pub attended: usize,
    pub apologies: usize,
    pub rate: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Compare {
    pub a: CompareDoc,
    pub b: CompareDoc,
    /// MinHash estimate of the two documents' shingle overlap.
    pub similarity: f64,
    pub paragraphs: Vec<CompareParagraph>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareDoc {
    pub file: String,
    pub document: String,
    pub document_id: String,
    pub meeting_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareParagraph {
    /// `same`, `added`, `removed` or `changed`.
    pub change: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
    pub old_lines: Option<[u32; 2]>,
    pub new_lines: Option<[u32; 2]>,
}

/// The user's words as an FTS5 query: words, "phrases" and prefix* terms, each quoted so
/// that FTS5's operators and punctuation in the input are taken as text.
pub fn fts_query(input: &str) -> Result<String> {
    let mut terms = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            let words = text::words(phrase);
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            rest = tail.trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, tail) = rest.split_at(end);
        rest = tail.trim_start();
        let prefix = token.ends_with('*');
        let words = text::words(token);
        if words.is_empty() {
            continue;
        }
        let quoted = format!("\"{}\"", words.join(" "));
        terms.push(if prefix { format!("{quoted}*") } else { quoted });
    }
    if terms.is_empty() {
        return Err(LibraryError::Request(
            "the query has no words to search for".into(),
        ));
    }
    Ok(terms.join(" "))
}

impl Library {
    pub fn list(&self) -> Result<Listing> {
        let conn = self.conn();
        let folders = self
            .folders()?
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let also = self.also_in_map()?;
        let mut docs: HashMap<i64, Vec<ListDocument>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, file_id, doc_index, kind, title, agenda_item FROM documents ORDER BY file_id, doc_index",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for row in rows {
            let (id, file, index, kind, title, agenda_item) = row?;
            docs.entry(file).or_default().push(ListDocument {
                id: format!("d{index}"),
                kind,
                title,
                agenda_item,
                also_in: also.get(&id).cloned().unwrap_or_default(),
            });
        }
        let mut meetings: Vec<ListMeeting> = Vec::new();
        let mut by_id: HashMap<i64, usize> = HashMap::new();
        let mut unfiled = Vec::new();
        let mut errors = Vec::new();
        let mut scans = Vec::new();
        let mut stmt = conn.prepare(
            "SELECT f.id, f.path, f.error, m.id, m.committee, m.date, m.council, f.scan_pages
             FROM files f
             LEFT JOIN meetings m ON m.id = f.meeting_id
             ORDER BY m.date DESC, m.council_key, m.committee, f.path",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<u32>>(7)?,
            ))
        })?;
        for row in rows {
            let (file_id, path, error, meeting, committee, date, council, scan) = row?;
            if let Some(error) = error {
                errors.push(ListError { file: path, error });
                continue;
            }
            if let Some(pages) = scan {
                scans.push(ListScan { file: path, pages });
                continue;
            }
            let file = ListFile {
                file: path,
                documents: docs.remove(&file_id).unwrap_or_default(),
            };
            match meeting {
                Some(m) => {
                    let i = *by_id.entry(m).or_insert_with(|| {
                        meetings.push(ListMeeting {
                            council,
                            committee,
                            date,
                            files: Vec::new(),
                        });
                        meetings.len() - 1
                    });
                    meetings[i].files.push(file);
                }
                None => unfiled.push(file),
            }
        }
        Ok(Listing {
            folders,
            meetings,
            unfiled,
            errors,
            scans,
        })
    }

    /// For each document in a same-paper group of several files, the other files.
    fn also_in_map(&self) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self.conn().prepare(
            "SELECT d.id, d.same_group, f.path FROM documents d JOIN files f ON f.id = d.file_id
             WHERE d.same_group IN (SELECT same_group FROM documents GROUP BY same_group HAVING count(DISTINCT file_id) > 1)",
        )?;
        let rows: Vec<(i64, i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut groups: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        for (id, g, path) in rows {
            groups.entry(g).or_default().push((id, path));
        }
        let mut out = HashMap::new();
        for members in groups.values() {
            for (id, path) in members {
                let mut others: Vec<String> = members
                    .iter()
                    .filter(|(_, p)| p != path)
                    .map(|(_, p)| p.clone())
                    .collect();
                others.sort();
                others.dedup();
                out.insert(*id, others);
            }
        }
        Ok(out)
    }

    /// Full-text search: words, "phrases" and prefix*; ranked by bm25; the same paragraph
    /// of the same paper in several files is one hit with `also_in`.
    pub fn search(
        &self,
        query: &str,
        filter: &Filter,
        decisions_only: bool,
        sort: SortBy,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        filter.check()?;
        let fts = fts_query(query)?;
        let mut args = vec![fts];
        // One query: FTS5 yields the matches in rank order (it consumes `ORDER BY rank`),
        // the joins read each kept row's document, file and meeting, and `snippet()` runs
        // only for the rows the LIMIT lets out, on the cursor's own positions. The first
        // version fetched ids, then ran a `MATCH … AND rowid = ?` query per hit for its
        // snippet, which reloads the terms' posting lists each time: 1.1 s at p50 over
        // 1,000 packs.
        let mut conditions = filter.sql("m.committee_key", "m.date", &mut args);
        if decisions_only {
            conditions.push_str(KindFilter::Decisions.sql());
        }
        if let Some(kind) = filter.kind {
            conditions.push_str(kind.sql());
        }
        let from = "FROM blocks_fts
             JOIN blocks b ON b.id = blocks_fts.rowid
             JOIN documents d ON d.id = b.document_id
             JOIN files f ON f.id = d.file_id
             LEFT JOIN meetings m ON m.id = f.meeting_id
             WHERE blocks_fts MATCH ?1";
        let conn = self.conn();
        // bm25 costs a few microseconds a match (each reads the passage's length), so a
        // word in 200,000 passages took over a second to rank. Without filters only the
        // last RANK_CAP matches in index order are ranked: the floor is found by walking
        // the matches' row ids backwards, which FTS5 does without scoring. With filters
        // every match is ranked: a floor would have to pass each match through the joins
        // (0.7 s for 'children' at 1,000 packs) and a floor taken without them could
        // leave out every passage the filter wants.
        if conditions.is_empty() {
            let floor: Option<i64> = conn
                .prepare_cached(&format!(
                    "SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ?1
                     ORDER BY rowid DESC LIMIT 1 OFFSET {}",
                    RANK_CAP - 1
                ))?
                .query_row([&args[0]], |r| r.get(0))
                .optional()?;
            if let Some(floor) = floor {
                conditions.push_str(&format!(" AND blocks_fts.rowid >= {floor}"));
            }
        }
        // Enough rows that duplicates folded away still leave `limit` hits.
        let fetch = limit.saturating_mul(4).max(50);
        let sql = format!(
            "SELECT blocks_fts.rowid, blocks_fts.rank,
                    snippet(blocks_fts, 0, '**', '**', '…', 16),
                    b.first_line, b.last_line, b.text, d.title, d.doc_index, d.kind,
                    coalesce(d.same_group, d.id), f.id, f.path, m.committee, m.date, m.council,
                    b.page, b.printed_page
             {from}{conditions} ORDER BY blocks_fts.rank LIMIT {fetch}"
        );
        let conn = self.conn();
        let rows: Vec<HitRow> = conn
            .prepare(&sql)?
            .query_map(params_from_iter(args.iter()), HitRow::read)?
            .collect::<rusqlite::Result<_>>()?;
        // The group's other files, by the group index and the primary key: written as
        // `coalesce(d.same_group, d.id) = ?1` it scanned every document, 46 ms a hit at
        // 1,000 packs.
        let mut group_files = conn.prepare_cached(
            "SELECT DISTINCT f.path FROM documents d JOIN files f ON f.id = d.file_id
             WHERE (d.same_group = ?1 OR d.id = ?1) AND f.id != ?2 ORDER BY f.path",
        )?;
        let mut seen: HashMap<(i64, u64), usize> = HashMap::new();
        let mut hits: Vec<Hit> = Vec::new();
        for row in rows {
            let fold = (
                row.group,
                minhash::fnv1a(text::words(&row.text).join(" ").as_bytes()),
            );
            if let Some(&i) = seen.get(&fold) {
                let hit: &mut Hit = &mut hits[i];
                if hit.file != row.path && !hit.also_in.contains(&row.path) {
                    hit.also_in.push(row.path);
                }
                continue;
            }
            if hits.len() >= limit {
                continue;
            }
            let also_in: Vec<String> = group_files
                .query_map(rusqlite::params![row.group, row.file_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            seen.insert(fold, hits.len());
            hits.push(Hit {
                file: row.path,
                committee: row.committee,
                meeting_date: row.date,
                document: row.title,
                document_id: format!("d{}", row.doc_index),
                kind: row.kind,
                lines: row.lines,
                snippet: row.snippet,
                also_in,
                rank: row.rank,
                council: row.council,
                page: row.page,
            });
        }
        Ok(group_by_meeting(hits, sort))
    }

    /// Decisions across meetings, oldest first; one row per decision however many files
    /// print it.
    pub fn decisions(&self, filter: &Filter) -> Result<Vec<DecisionRow>> {
        filter.check()?;
        let mut args = Vec::new();
        let mut sql = String::from(
            "SELECT x.date, x.committee, mi.number, mi.title, x.number, x.text, x.outcome,
                    f.path, x.first_line, x.last_line, m.council
             FROM decisions x
             JOIN documents d ON d.id = x.document_id
             JOIN files f ON f.id = d.file_id
             LEFT JOIN meetings m ON m.id = f.meeting_id
             LEFT JOIN minute_items mi ON mi.id = x.minute_item_id
             WHERE 1 = 1",
        );
        let key_expr = "lower(coalesce(x.committee, ''))";
        let cond = filter.sql("__KEY__", "x.date", &mut args);
        sql.push_str(&cond.replace("__KEY__", key_expr));
        sql.push_str(" ORDER BY x.date, x.committee, f.path, x.first_line");
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql)?;
        let rows: Vec<DecisionRow> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok(DecisionRow {
                    date: r.get(0)?,
                    committee: r.get(1)?,
                    minute: r.get(2)?,
                    minute_title: r.get(3)?,
                    number: r.get(4)?,
                    text: r.get(5)?,
                    outcome: r.get(6)?,
                    file: r.get(7)?,
                    lines: [r.get(8)?, r.get(9)?],
                    also_in: Vec::new(),
                    council: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // The committee filter was on the lower-cased name; match on the key as search does.
        let rows = rows.into_iter().filter(|r| match &filter.committee {
            Some(c) => r
                .committee
                .as_deref()
                .is_some_and(|k| text::committee_key(k).contains(&text::committee_key(c))),
            None => true,
        });
        let mut out: Vec<DecisionRow> = Vec::new();
        // Two councils' committees of one name may decide alike on one day: two decisions.
        let mut seen: HashMap<(String, Option<String>, String, String), usize> = HashMap::new();
        for row in rows {
            let key = (
                row.council
                    .as_deref()
                    .and_then(text::council_key)
                    .unwrap_or_default(),
                row.date.clone(),
                row.committee
                    .as_deref()
                    .map(text::committee_key)
                    .unwrap_or_default(),
                text::words(&row.text).join(" "),
            );
            if let Some(&i) = seen.get(&key) {
                if out[i].file != row.file && !out[i].also_in.contains(&row.file) {
                    out[i].also_in.push(row.file);
                }
                continue;
            }
            seen.insert(key, out.len());
            out.push(row);
        }
        Ok(out)
    }

    /// Everyone named in the attendance of any minutes, names reconciled.
    pub fn people(&self, filter: &Filter) -> Result<Vec<Person>> {
        filter.check()?;
        let mut stmt = self.conn().prepare(
            "SELECT a.written, a.role, a.date, a.committee, m.council FROM attendance a
             JOIN documents d ON d.id = a.document_id JOIN files f ON f.id = d.file_id
             LEFT JOIN meetings m ON m.id = f.meeting_id ORDER BY a.date, a.id",
        )?;
        type Row = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let want_committee = filter.committee.as_deref().map(text::committee_key);
        let rows: Vec<_> = rows
            .into_iter()
            .filter(|(_, _, date, committee, _)| {
                let c_ok = want_committee.as_ref().is_none_or(|w| {
                    committee
                        .as_deref()
                        .is_some_and(|c| text::committee_key(c).contains(w.as_str()))
                });
                let since_ok = filter
                    .since
                    .as_ref()
                    .is_none_or(|s| date.as_ref().is_some_and(|d| d >= s));
                let until_ok = filter
                    .until
                    .as_ref()
                    .is_none_or(|u| date.as_ref().is_some_and(|d| d <= u));
                c_ok && since_ok && until_ok
            })
            .flat_map(|(w, role, date, committee, council)| {
                names::split_entry(&w).into_iter().map(move |(part, name)| {
                    let meeting = PersonMeeting {
                        date: date.clone(),
                        committee: committee.clone(),
                        role: role.clone(),
                        council: council.clone(),
                    };
                    (name, part, meeting)
                })
            })
            .collect();
        // Declarations are reconciled with the attendance names, so "Councillor Abbott"
        // declaring joins "Councillor J Abbott" attending.
        let declared = self.declarations_for_people(filter)?;
        // One name at two councils is two people: names are reconciled within a council.
        let within = |name: &names::Name, council: &Option<String>| names::Name {
            surname: format!(
                "{}\u{1f}{}",
                council
                    .as_deref()
                    .and_then(text::council_key)
                    .unwrap_or_default(),
                name.surname
            ),
            ..name.clone()
        };
        let mut parsed: Vec<names::Name> =
            rows.iter().map(|r| within(&r.0, &r.2.council)).collect();
        parsed.extend(declared.iter().map(|d| within(&d.0, &d.2)));
        let mut groups = names::reconcile(&parsed);
        let declared_groups = groups.split_off(rows.len());
        let mut people: BTreeMap<usize, PersonAcc> = BTreeMap::new();
        let mut declarations: BTreeMap<usize, Vec<PersonDeclaration>> = BTreeMap::new();
        for ((name, declaration, _), g) in declared.into_iter().zip(declared_groups) {
            let p = people.entry(g).or_default();
            // Not counted as a use: of names as full, the one most used in attendance is shown.
            p.0.entry(name.display.clone()).or_default();
            declarations.entry(g).or_default().push(declaration);
        }
        for ((name, written, meeting), g) in rows.into_iter().zip(groups) {
            let p = people.entry(g).or_default();
            *p.0.entry(name.display.clone()).or_default() += 1;
            let alias = strip_notes(&written);
            if !p.1.contains(&alias) {
                p.1.push(alias);
            }
            p.2.push(meeting);
        }
        let mut out: Vec<Person> = people
            .into_iter()
            .map(|(g, (displays, mut aliases, mut meetings))| {
                // The fullest form, then the most used.
                let name = displays
                    .iter()
                    .max_by_key(|(d, n)| (d.len(), **n))
                    .map(|(d, _)| d.clone())
                    .unwrap_or_default();
                aliases.retain(|a| a != &name);
                aliases.sort();
                meetings.sort();
                // The same minutes in two files are one meeting.
                meetings.dedup();
                let attendance = rates(&meetings);
                let mut declarations = declarations.remove(&g).unwrap_or_default();
                declarations.sort();
                // The same minutes printed in two files are one declaration.
                declarations.dedup_by(|a, b| (&a.date, &a.text) == (&b.date, &b.text));
                Person {
                    name,
                    aliases,
                    meetings,
                    attendance,
                    declarations,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            surname(&a.name)
                .cmp(&surname(&b.name))
                .then(a.name.cmp(&b.name))
        });
        Ok(out)
    }

    /// Declarations of interest under the filter, each with the name it was made by.
    fn declarations_for_people(
        &self,
        filter: &Filter,
    ) -> Result<Vec<(names::Name, PersonDeclaration, Option<String>)>> {
        let mut stmt = self.conn().prepare(
            "SELECT x.written, x.date, x.committee, x.text, f.path, x.first_line, x.last_line,
                    m.council
             FROM declarations x JOIN documents d ON d.id = x.document_id
             JOIN files f ON f.id = d.file_id LEFT JOIN meetings m ON m.id = f.meeting_id
             ORDER BY x.date, x.id",
        )?;
        let want = filter.committee.as_deref().map(text::committee_key);
        let mut out = Vec::new();
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                PersonDeclaration {
                    date: r.get(1)?,
                    committee: r.get(2)?,
                    text: r.get(3)?,
                    file: r.get(4)?,
                    lines: [r.get(5)?, r.get(6)?],
                },
                r.get::<_, Option<String>>(7)?,
            ))
        })? {
            let (written, d, council) = row?;
            let keep = want.as_ref().is_none_or(|w| {
                d.committee
                    .as_deref()
                    .is_some_and(|c| text::committee_key(c).contains(w.as_str()))
            }) && filter
                .since
                .as_ref()
                .is_none_or(|s| d.date.as_ref().is_some_and(|x| x >= s))
                && filter
                    .until
                    .as_ref()
                    .is_none_or(|u| d.date.as_ref().is_some_and(|x| x <= u));
            if keep && let Some(name) = names::parse(&written) {
                out.push((name, d, council));
            }
        }
        Ok(out)
    }

    /// Paragraph-by-paragraph differences between two documents of the index; without
    /// `b`, `a` is compared with the most similar other document.
    pub fn compare(&self, a: &str, b: Option<&str>) -> Result<Compare> {
        let a_id = self.resolve_doc(a)?;
        let b_id = match b {
            Some(b) => self.resolve_doc(b)?,
            None => self.most_similar(a_id)?.ok_or_else(|| {
                LibraryError::Request(format!(
                    "no other document in the library is like {a}; name the second one"
                ))
            })?,
        };
        let (da, pa, sa) = self.doc_paragraphs(a_id)?;
        let (db, pb, sb) = self.doc_paragraphs(b_id)?;
        let similarity = match (sa, sb) {
            (Some(x), Some(y)) => minhash::similarity(&x, &y),
            _ => 0.0,
        };
        Ok(Compare {
            a: da,
            b: db,
            similarity,
            paragraphs: diff_paragraphs(&pa, &pb),
        })
    }

    /// A `PATH#dN` or `PATH` to a document's row id. A path alone names the file's
    /// longest document (a single note's file is that note).
    fn resolve_doc(&self, s: &str) -> Result<i64> {
        let (path, index) = DocRef::parse(s);
        let abs = std::fs::canonicalize(&path)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        let conn = self.conn();
        let file: Option<i64> = conn
            .query_row("SELECT id FROM files WHERE path = ?1", [&abs], |r| r.get(0))
            .optional()?;
        let Some(file) = file else {
            return Err(LibraryError::Request(format!(
                "{path} is not in the library (add its folder with `meetpack library add`)"
            )));
        };
        let id = match index {
            Some(i) => conn
                .query_row(
                    "SELECT id FROM documents WHERE file_id = ?1 AND doc_index = ?2",
                    rusqlite::params![file, i],
                    |r| r.get(0),
                )
                .optional()?,
            None => conn
                .query_row(
                    "SELECT id FROM documents WHERE file_id = ?1 ORDER BY last_line - first_line DESC LIMIT 1",
                    [file],
                    |r| r.get(0),
                )
                .optional()?,
        };
        id.ok_or_else(|| LibraryError::Request(format!("{s}: no such document in that file")))
    }

    fn most_similar(&self, id: i64) -> Result<Option<i64>> {
        let conn = self.conn();
        let (sig, file): (Option<Vec<u8>>, i64) = conn.query_row(
            "SELECT signature, file_id FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let Some(sig) = sig.map(|b| minhash::from_blob(&b)) else {
            return Ok(None);
        };
        let mut stmt = conn.prepare(
            "SELECT DISTINCT d.id, d.signature FROM doc_bands x JOIN doc_bands y ON y.bucket = x.bucket
             JOIN documents d ON d.id = y.document_id
             WHERE x.document_id = ?1 AND d.file_id != ?2",
        )?;
        let mut best: Option<(f64, i64)> = None;
        for row in stmt.query_map(rusqlite::params![id, file], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
        })? {
            let (other, blob) = row?;
            let s = minhash::similarity(&sig, &minhash::from_blob(&blob));
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, other));
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    #[allow(clippy::type_complexity)]
    fn doc_paragraphs(
        &self,
        id: i64,
    ) -> Result<(CompareDoc, Vec<(String, [u32; 2])>, Option<Vec<u32>>)> {
        let conn = self.conn();
        let (title, index, path, date, sig): (
            String,
            u32,
            String,
            Option<String>,
            Option<Vec<u8>>,
        ) = conn.query_row(
            "SELECT d.title, d.doc_index, f.path, m.date, d.signature FROM documents d
                 JOIN files f ON f.id = d.file_id LEFT JOIN meetings m ON m.id = f.meeting_id
                 WHERE d.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut stmt = conn.prepare(
            "SELECT text, first_line, last_line FROM blocks WHERE document_id = ?1 ORDER BY id",
        )?;
        let paras = stmt
            .query_map([id], |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?])))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((
            CompareDoc {
                file: path,
                document: title,
                document_id: format!("d{index}"),
                meeting_date: date,
            },
            paras,
            sig.map(|b| minhash::from_blob(&b)),
        ))
    }
}

/// Hits of one meeting together: meetings by their best hit, or newest first.
fn group_by_meeting(hits: Vec<Hit>, sort: SortBy) -> Vec<Hit> {
    type Meeting = (Option<String>, Option<String>, Option<String>);
    let mut order: Vec<Meeting> = Vec::new();
    let mut groups: HashMap<Meeting, Vec<Hit>> = HashMap::new();
    for h in hits {
        // Two councils' committees of one name and date are two meetings.
        let key = (
            h.meeting_date.clone(),
            h.committee.clone(),
            h.council.clone(),
        );
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(h);
    }
    if sort == SortBy::Newest {
        // Stable: meetings of one date keep their relevance order; undated ones last.
        order.sort_by(|a, b| match (&a.0, &b.0) {
            (Some(x), Some(y)) => y.cmp(x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    order
        .into_iter()
        .flat_map(|k| groups.remove(&k).unwrap_or_default())
        .collect()
}

/// "Councillor N Akhtar (substitute for Cllr R Lancaster)" → "Councillor N Akhtar".
fn strip_notes(written: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in written.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn surname(display: &str) -> String {
    display.rsplit(' ').next().unwrap_or(display).to_lowercase()
}

/// A person being gathered: display forms with their counts, aliases, meetings.
type PersonAcc = (BTreeMap<String, usize>, Vec<String>, Vec<PersonMeeting>);

const ATTENDED: &[&str] = &["member", "chair", "substitute", "co-opted"];

fn rates(meetings: &[PersonMeeting]) -> Vec<PersonRate> {
    // Per committee, per meeting date: attended (true) or sent apologies (false).
    let mut per: BTreeMap<Option<String>, BTreeMap<Option<String>, bool>> = BTreeMap::new();
    for m in meetings {
        let entry = per.entry(m.committee.clone()).or_default();
        if ATTENDED.contains(&m.role.as_str()) {
            entry.insert(m.date.clone(), true);
        } else if m.role == "apologies" {
            entry.entry(m.date.clone()).or_insert(false);
        }
    }
    per.into_iter()
        .filter(|(_, dates)| !dates.is_empty())
        .map(|(committee, dates)| {
            let attended = dates.values().filter(|&&a| a).count();
            let apologies = dates.len() - attended;
            PersonRate {
                committee,
                attended,
                apologies,
                rate: attended as f64 / dates.len() as f64,
            }
        })
        .collect()
}

/// Aligns two documents' paragraphs (Patience diff over their words), then pairs a run of
/// removed paragraphs with the added run beside it as "changed" where they are alike.
pub fn diff_paragraphs(
    a: &[(String, [u32; 2])],
    b: &[(String, [u32; 2])],
) -> Vec<CompareParagraph> {
    use similar::{Algorithm, DiffOp, capture_diff_slices};
    let norm = |v: &[(String, [u32; 2])]| -> Vec<String> {
        v.iter().map(|(t, _)| text::words(t).join(" ")).collect()
    };
    let (na, nb) = (norm(a), norm(b));
    let ops = capture_diff_slices(Algorithm::Patience, &na, &nb);
    let mut out = Vec::new();
    let para = |change, old: Option<&(String, [u32; 2])>, new: Option<&(String, [u32; 2])>| {
        CompareParagraph {
            change,
            old: old.map(|p| p.0.clone()),
            new: new.map(|p| p.0.clone()),
            old_lines: old.map(|p| p.1),
            new_lines: new.map(|p| p.1),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    out.push(para(
                        "same",
                        Some(&a[old_index + i]),
                        Some(&b[new_index + i]),
                    ));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for p in &a[old_index..old_index + old_len] {
                    out.push(para("removed", Some(p), None));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for p in &b[new_index..new_index + new_len] {
                    out.push(para("added", None, Some(p)));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (mut i, mut j) = (0, 0);
                while i < old_len || j < new_len {
                    match (
                        a.get(old_index + i).filter(|_| i < old_len),
                        b.get(new_index + j).filter(|_| j < new_len),
                    ) {
                        (Some(x), Some(y)) => {
                            let ratio = similar::TextDiff::from_words(
                                &na[old_index + i],
                                &nb[new_index + j],
                            )
                            .ratio();
                            if ratio >= 0.5 {
                                out.push(para("changed", Some(x), Some(y)));
                                i += 1;
                                j += 1;
                            } else if old_len - i >= new_len - j {
                                out.push(para("removed", Some(x), None));
                                i += 1;
                            } else {
                                out.push(para("added", None, Some(y)));
                                j += 1;
                            }
                        }
                        (Some(x), None) => {
                            out.push(para("removed", Some(x), None));
                            i += 1;
                        }
                        (None, Some(y)) => {
                            out.push(para("added", None, Some(y)));
                            j += 1;
                        }
                        (None, None) => break,
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_words_phrases_and_prefixes() {
        assert_eq!(
            fts_query(r#"school "home to school" transp* AND"#).unwrap(),
            r#""school" "home to school" "transp"* "and""#
        );
        assert_eq!(fts_query("children's").unwrap(), "\"children\"");
        assert!(fts_query(" \"\" * ").is_err());
    }

    #[test]
    fn paragraphs_pair_up_as_changed_when_alike() {
        let p = |t: &str, l: u32| (t.to_string(), [l, l]);
        let a = vec![
            p("Purpose of the note", 1),
            p("The budget is ten million pounds this year", 2),
            p("An old paragraph that goes", 3),
            p("Recommendations follow", 4),
        ];
        let b = vec![
            p("Purpose of the note", 1),
            p("The budget is twelve million pounds this year", 2),
            p("Recommendations follow", 3),
            p("A new closing paragraph", 4),
        ];
        let changes: Vec<&str> = diff_paragraphs(&a, &b).iter().map(|c| c.change).collect();
        assert_eq!(changes, ["same", "changed", "removed", "same", "added"]);
    }

    #[test]
    fn dates_must_be_iso() {
        let f = Filter {
            since: Some("1 March 2022".into()),
            ..Filter::default()
        };
        assert!(f.check().is_err());
        let impossible = Filter {
            until: Some("2023-02-31".into()),
            ..Filter::default()
        };
        assert!(impossible.check().is_err());
        let leap_day = Filter {
            since: Some("2024-02-29".into()),
            ..Filter::default()
        };
        assert!(leap_day.check().is_ok());
    }
}
