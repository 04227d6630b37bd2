//! "Last time": for an agenda item, what came before on the same topic: earlier agenda
//! items and papers (title similarity plus the rare terms they share), the minutes that
//! recorded the earlier discussion with their decisions, and the work-programme entries
//! that scheduled it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::extract;
use super::{Library, LibraryError, Result, text};
use crate::model::Pack;

/// Weight of title similarity against shared rare terms.
const TITLE_WEIGHT: f64 = 0.6;
/// An earlier paper or item must score this much to be shown.
const MIN_SCORE: f64 = 0.3;
/// A minute or work-programme entry must be this alike by title.
const MIN_TITLE: f64 = 0.5;
/// English words too common to mark a topic however rare a small library makes them.
const COMMON: &[&str] = &[
    "about",
    "after",
    "also",
    "been",
    "before",
    "being",
    "both",
    "could",
    "each",
    "from",
    "have",
    "having",
    "into",
    "more",
    "most",
    "much",
    "must",
    "other",
    "over",
    "same",
    "should",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "very",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "within",
    "would",
    "your",
    "across",
    "including",
    "between",
];
/// How many of the paper's distinctive words are looked up.
const RARE_TERMS: usize = 12;

/// A minute item: id, date, committee, number, title, file, first and last line.
type MinuteRow = (
    i64,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    u32,
    u32,
);

#[derive(Debug, Clone, Serialize)]
pub struct LastTime {
    pub item: String,
    pub title: String,
    pub meeting_date: Option<String>,
    pub committee: Option<String>,
    /// The council the pack names, when it names one: earlier meetings are looked for
    /// within it.
    pub council: Option<String>,
    /// The distinctive words of the item's papers that were looked for.
    pub terms: Vec<String>,
    pub earlier: Vec<LastTimePaper>,
    pub minutes: Vec<LastTimeMinute>,
    pub work_programme: Vec<LastTimeWork>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LastTimePaper {
    pub meeting_date: Option<String>,
    pub committee: Option<String>,
    pub file: String,
    pub agenda_item: Option<String>,
    pub title: String,
    /// The paper's id in its pack, when the earlier item had one.
    pub document_id: Option<String>,
    pub kind: Option<String>,
    pub score: f64,
    pub title_similarity: f64,
    pub shared_terms: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LastTimeMinute {
    /// The meeting minuted.
    pub date: Option<String>,
    pub committee: Option<String>,
    pub number: String,
    pub title: String,
    pub file: String,
    pub lines: [u32; 2],
    pub decisions: Vec<String>,
    pub title_similarity: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LastTimeWork {
    /// The date or heading the entry sits under, as written.
    pub scheduled: String,
    pub scheduled_date: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub file: String,
    pub lines: [u32; 2],
    /// The meeting whose pack printed this work programme.
    pub pack_date: Option<String>,
    pub title_similarity: f64,
}

impl Library {
    /// How alike (MinHash estimate of shared five-word shingles) document `doc` of `pack`
    /// is to document `doc_index` of `file` in the index; None when either is too short
    /// to tell or the index does not hold it. The viewer offers Compare when it is high.
    pub fn similarity_to(
        &self,
        pack: &Pack,
        doc: u32,
        file: &str,
        doc_index: u32,
    ) -> Result<Option<f64>> {
        use rusqlite::OptionalExtension;
        let Some(ours) = pack
            .documents
            .get(doc as usize)
            .and_then(extract::signature_of)
        else {
            return Ok(None);
        };
        let theirs: Option<Option<Vec<u8>>> = self
            .conn()
            .query_row(
                "SELECT d.signature FROM documents d JOIN files f ON f.id = d.file_id
                 WHERE f.path = ?1 AND d.doc_index = ?2",
                rusqlite::params![file, doc_index],
                |r| r.get(0),
            )
            .optional()?;
        Ok(theirs
            .flatten()
            .map(|b| super::minhash::similarity(&ours, &super::minhash::from_blob(&b))))
    }

    /// What came before agenda item `item` of `pack` (parsed already; its meeting date
    /// bounds "earlier"). When the pack names its council, only that council's meetings
    /// are looked back on: meetings with the same council key, or with no council recorded
    /// (a note published alone); another council's committee of the same name is not
    /// "last time". A pack that names no council looks at every meeting.
    pub fn last_time(&self, pack: &Pack, item: &str) -> Result<LastTime> {
        let Some(agenda) = pack.agenda_item(item) else {
            let known: Vec<&str> = pack.agenda.iter().map(|a| a.number.as_str()).collect();
            return Err(LibraryError::Request(if known.is_empty() {
                "this pack has no agenda items".to_string()
            } else {
                format!("no agenda item {item}; the items are {}", known.join(", "))
            }));
        };
        let papers: Vec<u32> = agenda.documents.iter().map(|d| d.0).collect();
        self.look_back(pack, agenda.number.clone(), agenda.title.clone(), &papers)
    }

    /// "Last time" for a paper that is on no agenda item of its pack (a note published
    /// alone): its title (a note's subject) and its text stand for the item's.
    pub fn last_time_of_paper(&self, pack: &Pack, doc: u32) -> Result<LastTime> {
        let Some(d) = pack.documents.get(doc as usize) else {
            return Err(LibraryError::Request(format!(
                "no document d{doc} in this pack"
            )));
        };
        let title = d
            .note
            .as_ref()
            .and_then(|n| n.subject.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| d.title.clone());
        let item = d.agenda_item.clone().unwrap_or_default();
        self.look_back(pack, item, title, &[doc])
    }

    /// What came before a topic named `title` whose papers are `papers` (document indices
    /// of `pack`), within the pack's council (see [`Library::last_time`]).
    fn look_back(
        &self,
        pack: &Pack,
        item: String,
        title: String,
        papers: &[u32],
    ) -> Result<LastTime> {
        let record = extract::extract(pack);
        let date = record.date.clone();
        let before = date.clone().unwrap_or_else(|| "9999-12-31".into());
        let council = record.council.as_deref().and_then(text::council_key);
        let within = Within {
            before: &before,
            council: council.as_deref(),
        };
        // The item's papers, as the index would see them.
        let paper_text: String = record
            .documents
            .iter()
            .filter(|d| papers.contains(&d.index))
            .flat_map(|d| d.blocks.iter().map(|b| b.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        let terms = self.rare_terms(&format!("{title}\n{paper_text}"))?;
        let earlier = self.earlier_papers(&title, &terms, &within)?;
        let mut titles: Vec<String> = vec![title.clone()];
        // The minutes of an earlier item on the same topic by title (one found by shared
        // words alone is too loose a link to follow to its minutes).
        titles.extend(
            earlier
                .iter()
                .filter(|e| e.title_similarity >= MIN_TITLE)
                .map(|e| e.title.clone()),
        );
        let minutes = self.earlier_minutes(&titles, &within)?;
        let work_programme = self.work_entries(&title, &within)?;
        Ok(LastTime {
            item,
            title,
            meeting_date: date,
            committee: record.committee,
            council: record.council,
            terms: terms.iter().map(|(t, _)| t.clone()).collect(),
            earlier,
            minutes,
            work_programme,
        })
    }

    /// The paper's distinctive words: frequent in it, rare in the library (tf × idf, the
    /// document frequency counted over the index's paragraphs).
    fn rare_terms(&self, text_: &str) -> Result<Vec<(String, f64)>> {
        let mut tf: HashMap<String, usize> = HashMap::new();
        for w in text::words(text_) {
            if w.chars().count() >= 4
                && w.chars().all(char::is_alphabetic)
                && !COMMON.contains(&w.as_str())
            {
                *tf.entry(w).or_default() += 1;
            }
        }
        let mut by_tf: Vec<(String, usize)> = tf.into_iter().collect();
        by_tf.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_tf.truncate(60);
        let conn = self.conn();
        let total: f64 =
            conn.query_row("SELECT count(*) FROM blocks", [], |r| r.get::<_, i64>(0))? as f64;
        let mut stmt =
            conn.prepare_cached("SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?1")?;
        let mut scored = Vec::new();
        for (w, n) in by_tf {
            let df: i64 = stmt.query_row([format!("\"{w}\"")], |r| r.get(0))?;
            let idf = ((total + 1.0) / (df as f64 + 1.0)).ln();
            // A word in most paragraphs ("council") says nothing; one only here has no
            // earlier use to find.
            if df >= 2 && idf > 2.0 {
                scored.push((w, n as f64 * idf, idf));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(scored
            .into_iter()
            .take(RARE_TERMS)
            .map(|(w, _, idf)| (w, idf))
            .collect())
    }

    /// Earlier agenda items and papers on the topic: every earlier agenda item scored by
    /// title similarity and the rare terms its best paper shares, then the papers sharing
    /// terms that no earlier front sheet lists; the best ten, newest meeting first. Only
    /// meetings `within` the pack's council count.
    fn earlier_papers(
        &self,
        title: &str,
        terms: &[(String, f64)],
        within: &Within<'_>,
    ) -> Result<Vec<LastTimePaper>> {
        let shared = self.documents_sharing(terms, within)?;
        let share = Share::new(terms);
        let mut covered: HashSet<i64> = HashSet::new();
        let mut out = self.earlier_items(title, &shared, &share, within, &mut covered)?;
        out.extend(self.unlisted_papers(title, &shared, &share, &covered)?);
        Ok(best_papers(out))
    }

    /// Documents of earlier meetings sharing each rare term: document id to the indices
    /// (into `terms`) of the terms it holds; meetings of another council left out.
    fn documents_sharing(
        &self,
        terms: &[(String, f64)],
        within: &Within<'_>,
    ) -> Result<HashMap<i64, Vec<usize>>> {
        let mut shared: HashMap<i64, Vec<usize>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT b.document_id FROM blocks_fts
             JOIN blocks b ON b.id = blocks_fts.rowid
             JOIN documents d ON d.id = b.document_id
             JOIN files f ON f.id = d.file_id
             JOIN meetings m ON m.id = f.meeting_id
             WHERE blocks_fts MATCH ?1 AND m.date < ?2
               AND (?3 IS NULL OR m.council_key IS NULL OR m.council_key = ?3)
               AND d.kind NOT IN ('agenda', 'minutes', 'work_programme')",
        )?;
        for (i, (t, _)) in terms.iter().enumerate() {
            let params = rusqlite::params![format!("\"{t}\""), within.before, within.council];
            for id in stmt.query_map(params, |r| r.get::<_, i64>(0))? {
                shared.entry(id?).or_default().push(i);
            }
        }
        Ok(shared)
    }

    /// Every earlier agenda item that scores enough, with its best paper by shared terms
    /// (whose id goes into `covered`).
    fn earlier_items(
        &self,
        title: &str,
        shared: &HashMap<i64, Vec<usize>>,
        share: &Share<'_>,
        within: &Within<'_>,
        covered: &mut HashSet<i64>,
    ) -> Result<Vec<LastTimePaper>> {
        let conn = self.conn();
        let items = self.agenda_items_before(within)?;
        let doc_ids_by_file = self.document_ids(shared)?;
        let mut out = Vec::new();
        for it in &items {
            let tsim = text::title_similarity(title, &it.title);
            // The item's best paper by shared terms.
            let best_doc = it
                .docs
                .iter()
                .filter_map(|i| doc_ids_by_file.get(&(it.file_id, *i)).copied())
                .max_by(|a, b| {
                    share
                        .of(shared.get(a))
                        .0
                        .total_cmp(&share.of(shared.get(b)).0)
                });
            let (rare, terms_hit) = share.of(best_doc.and_then(|d| shared.get(&d)));
            let Some(score) = score(tsim, rare) else {
                continue;
            };
            let mut doc_id = None;
            let mut kind = None;
            if let Some(d) = best_doc {
                covered.insert(d);
                let (idx, k): (u32, String) = conn.query_row(
                    "SELECT doc_index, kind FROM documents WHERE id = ?1",
                    [d],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                doc_id = Some(format!("d{idx}"));
                kind = Some(k);
            }
            out.push(LastTimePaper {
                meeting_date: it.date.clone(),
                committee: it.committee.clone(),
                file: it.path.clone(),
                agenda_item: Some(it.number.clone()),
                title: it.title.clone(),
                document_id: doc_id,
                kind,
                score,
                title_similarity: tsim,
                shared_terms: terms_hit,
            });
        }
        Ok(out)
    }

    /// Every agenda item of a meeting before `within.before` and within its council, with
    /// its papers.
    fn agenda_items_before(&self, within: &Within<'_>) -> Result<Vec<EarlierItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.number, a.title, a.documents, f.id, f.path, m.date, m.committee
             FROM agenda_items a JOIN files f ON f.id = a.file_id JOIN meetings m ON m.id = f.meeting_id
             WHERE m.date < ?1
               AND (?2 IS NULL OR m.council_key IS NULL OR m.council_key = ?2)",
        )?;
        let items = stmt
            .query_map(rusqlite::params![within.before, within.council], |r| {
                let docs: String = r.get(2)?;
                Ok(EarlierItem {
                    number: r.get(0)?,
                    title: r.get(1)?,
                    docs: docs.split(' ').filter_map(|d| d.parse().ok()).collect(),
                    file_id: r.get(3)?,
                    path: r.get(4)?,
                    date: r.get(5)?,
                    committee: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    }

    /// The ids of the documents in `shared`, by file id and index in the file (how an
    /// agenda item names its papers).
    fn document_ids(&self, shared: &HashMap<i64, Vec<usize>>) -> Result<HashMap<(i64, u32), i64>> {
        let mut doc_ids_by_file: HashMap<(i64, u32), i64> = HashMap::new();
        let mut s = self.conn().prepare_cached("SELECT id, file_id, doc_index FROM documents WHERE id IN (SELECT value FROM json_each(?1))")?;
        let ids: Vec<i64> = shared.keys().copied().collect();
        let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        for row in s.query_map([json], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })? {
            let (id, f, i) = row?;
            doc_ids_by_file.insert((f, i), id);
        }
        Ok(doc_ids_by_file)
    }

    /// Papers not on any earlier front sheet (a note published alone): the documents
    /// sharing terms that no agenda item's best paper `covered`, scored alone.
    fn unlisted_papers(
        &self,
        title: &str,
        shared: &HashMap<i64, Vec<usize>>,
        share: &Share<'_>,
        covered: &HashSet<i64>,
    ) -> Result<Vec<LastTimePaper>> {
        let mut doc_stmt = self.conn().prepare_cached(
            "SELECT d.id, d.file_id, d.doc_index, d.title, d.kind, coalesce(d.same_group, d.id), f.path, m.date, m.committee, d.agenda_item
             FROM documents d JOIN files f ON f.id = d.file_id JOIN meetings m ON m.id = f.meeting_id
             WHERE d.id = ?1",
        )?;
        let mut out = Vec::new();
        for (&d, _) in shared.iter().filter(|(d, _)| !covered.contains(d)) {
            let row = doc_stmt.query_row([d], |r| {
                Ok((
                    r.get::<_, u32>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            })?;
            let (idx, dtitle, kind, path, date, committee, agenda_item) = row;
            let tsim = text::title_similarity(title, &dtitle);
            let (rare, terms_hit) = share.of(shared.get(&d));
            let Some(score) = score(tsim, rare) else {
                continue;
            };
            out.push(LastTimePaper {
                meeting_date: date,
                committee,
                file: path,
                agenda_item,
                title: dtitle,
                document_id: Some(format!("d{idx}")),
                kind: Some(kind),
                score,
                title_similarity: tsim,
                shared_terms: terms_hit,
            });
        }
        Ok(out)
    }

    /// Minutes of earlier meetings alike by title to any of `titles`, from the packs of
    /// meetings within the pack's council (a pack prints its council's own minutes).
    fn earlier_minutes(
        &self,
        titles: &[String],
        within: &Within<'_>,
    ) -> Result<Vec<LastTimeMinute>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT mi.id, mi.date, mi.committee, mi.number, mi.title, f.path, mi.first_line, mi.last_line
             FROM minute_items mi JOIN documents d ON d.id = mi.document_id JOIN files f ON f.id = d.file_id
             LEFT JOIN meetings m ON m.id = f.meeting_id
             WHERE mi.date < ?1
               AND (?2 IS NULL OR m.council_key IS NULL OR m.council_key = ?2)",
        )?;
        let rows: Vec<MinuteRow> = stmt
            .query_map(rusqlite::params![within.before, within.council], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut dec = conn.prepare_cached(
            "SELECT text FROM decisions WHERE minute_item_id = ?1 ORDER BY first_line",
        )?;
        let mut best: BTreeMap<(Option<String>, String), LastTimeMinute> = BTreeMap::new();
        for (id, date, committee, number, mtitle, path, first, last) in rows {
            let tsim = titles
                .iter()
                .map(|t| text::title_similarity(t, &mtitle))
                .fold(0.0, f64::max);
            if tsim < MIN_TITLE {
                continue;
            }
            // The same minutes printed in two files are one.
            let key = (date.clone(), number.clone());
            if best.get(&key).is_some_and(|m| m.title_similarity >= tsim) {
                continue;
            }
            let decisions = dec
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            best.insert(
                key,
                LastTimeMinute {
                    date,
                    committee,
                    number,
                    title: mtitle,
                    file: path,
                    lines: [first, last],
                    decisions,
                    title_similarity: tsim,
                },
            );
        }
        let mut out: Vec<LastTimeMinute> = best.into_values().collect();
        out.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then(b.title_similarity.total_cmp(&a.title_similarity))
        });
        out.truncate(10);
        Ok(out)
    }

    /// Entries of work programmes printed up to this meeting, within its council, that
    /// name the topic.
    fn work_entries(&self, title: &str, within: &Within<'_>) -> Result<Vec<LastTimeWork>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT w.date_text, w.date, w.title, w.detail, f.path, w.first_line, w.last_line, m.date
             FROM work_items w JOIN documents d ON d.id = w.document_id JOIN files f ON f.id = d.file_id
             LEFT JOIN meetings m ON m.id = f.meeting_id
             WHERE m.date <= ?1
               AND (?2 IS NULL OR m.council_key IS NULL OR m.council_key = ?2)",
        )?;
        let mut out: Vec<LastTimeWork> = Vec::new();
        let mut seen = HashSet::new();
        for row in stmt.query_map(rusqlite::params![within.before, within.council], |r| {
            Ok(LastTimeWork {
                scheduled: r.get(0)?,
                scheduled_date: r.get(1)?,
                title: r.get(2)?,
                detail: r.get(3)?,
                file: r.get(4)?,
                lines: [r.get(5)?, r.get(6)?],
                pack_date: r.get(7)?,
                title_similarity: 0.0,
            })
        })? {
            let mut w = row?;
            w.title_similarity = text::title_similarity(title, &w.title);
            if w.title_similarity >= MIN_TITLE
                && seen.insert((w.scheduled.clone(), w.title.clone(), w.pack_date.clone()))
            {
                out.push(w);
            }
        }
        out.sort_by(|a, b| {
            b.pack_date
                .cmp(&a.pack_date)
                .then(a.scheduled_date.cmp(&b.scheduled_date))
        });
        out.truncate(20);
        Ok(out)
    }
}

/// Which meetings "Last time" looks back on: those dated before `before` (a work
/// programme: up to it), and, when the pack names its council (`council`, a council key),
/// only meetings of that council or with no council recorded.
struct Within<'a> {
    before: &'a str,
    council: Option<&'a str>,
}

/// An earlier agenda item, with its papers (indices in its file).
struct EarlierItem {
    number: String,
    title: String,
    docs: Vec<u32>,
    file_id: i64,
    path: String,
    date: Option<String>,
    committee: Option<String>,
}

/// How much of the rare terms' weight a document's shared terms carry.
struct Share<'t> {
    terms: &'t [(String, f64)],
    idf_total: f64,
}

impl<'t> Share<'t> {
    fn new(terms: &'t [(String, f64)]) -> Self {
        let idf_total: f64 = terms.iter().map(|t| t.1).sum::<f64>().max(1e-9);
        Share { terms, idf_total }
    }

    /// The share (0 to 1) of the terms' idf that the terms `ids` hold, and those terms.
    fn of(&self, ids: Option<&Vec<usize>>) -> (f64, Vec<String>) {
        let Some(ids) = ids else {
            return (0.0, Vec::new());
        };
        let s: f64 = ids.iter().map(|&i| self.terms[i].1).sum();
        (
            s / self.idf_total,
            ids.iter().map(|&i| self.terms[i].0.clone()).collect(),
        )
    }
}

/// An earlier paper's score from its title similarity and rare-term share; None when it
/// is too weak to show (too low, or no title word in common and under half the terms).
fn score(tsim: f64, rare: f64) -> Option<f64> {
    let score = TITLE_WEIGHT * tsim + (1.0 - TITLE_WEIGHT) * rare;
    if score < MIN_SCORE || (tsim == 0.0 && rare < 0.5) {
        None
    } else {
        Some(score)
    }
}

/// One entry per earlier meeting and title (the same paper in a pack and alone), the
/// best ten by score, shown newest meeting first.
fn best_papers(mut out: Vec<LastTimePaper>) -> Vec<LastTimePaper> {
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.meeting_date.cmp(&a.meeting_date))
    });
    let mut seen = HashSet::new();
    out.retain(|p| seen.insert((p.meeting_date.clone(), text::topic_words(&p.title))));
    out.truncate(10);
    out.sort_by(|a, b| {
        b.meeting_date
            .cmp(&a.meeting_date)
            .then(b.score.total_cmp(&a.score))
    });
    out
}
