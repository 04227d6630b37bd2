//! The index's schema, as an ordered list of migrations (`user_version` is the version).
//!
//! The index is a cache of what the packs say: a migration may drop and rebuild anything,
//! because the next `update` refills it from the files.

use rusqlite_migration::{M, Migrations};

/// Version 1: meetings, files, documents and their blocks with an FTS5 index over them,
/// agenda items, minutes, decisions, attendance and work-programme entries, and the
/// MinHash bands that find the same paper in several files.
const V1: &str = r#"
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    committee TEXT,
    -- The committee's name reduced for matching ("education childrens services scrutiny board 2").
    committee_key TEXT NOT NULL,
    date TEXT,
    -- Whether the name came from a front sheet (preferred over a note's To: line).
    named_by_agenda INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meetings_date ON meetings(date);

CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    hash TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    -- Why the file could not be read (refused, damaged); its other rows are absent.
    -- (Version 4 adds scan_pages: a scan's page count; it has no other rows either.)
    error TEXT
);
CREATE INDEX files_meeting ON files(meeting_id);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    doc_index INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    agenda_item TEXT,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    -- Documents with the same content (MinHash estimate >= SAME) share a group: the id of
    -- the first of them indexed. A label only: the document it names may be gone.
    same_group INTEGER,
    -- 64 little-endian u32 minima of the word 5-shingles, or NULL for a short document.
    signature BLOB
);
CREATE INDEX documents_file ON documents(file_id);
CREATE INDEX documents_group ON documents(same_group);

-- Locality-sensitive hashing: a document lands in 16 buckets, one per band of 4 minima;
-- two documents sharing a bucket are compared.
CREATE TABLE doc_bands (
    bucket INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX doc_bands_bucket ON doc_bands(bucket);
CREATE INDEX doc_bands_document ON doc_bands(document_id);

-- Paragraphs, list items, headings, decisions and table rows: what search finds.
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    decision INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX blocks_document ON blocks(document_id);

CREATE VIRTUAL TABLE blocks_fts USING fts5(
    text,
    content = 'blocks',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER blocks_ai AFTER INSERT ON blocks BEGIN
    INSERT INTO blocks_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER blocks_ad AFTER DELETE ON blocks BEGIN
    INSERT INTO blocks_fts(blocks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    -- The documents (doc_index) the item links to, space-separated.
    documents TEXT NOT NULL
);
CREATE INDEX agenda_items_file ON agenda_items(file_id);

CREATE TABLE minute_items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    -- The meeting minuted (not the pack's meeting: a pack prints the last meeting's minutes).
    date TEXT,
    committee TEXT,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
CREATE INDEX minute_items_document ON minute_items(document_id);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    minute_item_id INTEGER REFERENCES minute_items(id) ON DELETE CASCADE,
    date TEXT,
    committee TEXT,
    number TEXT,
    text TEXT NOT NULL,
    outcome TEXT,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
CREATE INDEX decisions_document ON decisions(document_id);
-- Deleting a minute item cascades to its decisions: without this, a scan of them all.
CREATE INDEX decisions_minute ON decisions(minute_item_id);
CREATE INDEX decisions_date ON decisions(date);

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date TEXT,
    committee TEXT,
    -- As the minutes wrote it ("Councillor CE Thomas (Chair)").
    written TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX attendance_document ON attendance(document_id);

CREATE TABLE work_items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    date_text TEXT NOT NULL,
    date TEXT,
    title TEXT NOT NULL,
    detail TEXT,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
CREATE INDEX work_items_document ON work_items(document_id);
"#;

/// Version 2: declarations of interest read from the minutes. Files indexed before it are
/// marked changed (their time and hash forgotten), so the next update reads them again
/// and fills the new table.
const V2: &str = r#"
CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    -- The meeting minuted.
    date TEXT,
    committee TEXT,
    -- The member as the minutes name them ("Cllr A Tucker").
    written TEXT NOT NULL,
    -- The sentences that record the declaration.
    text TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
CREATE INDEX declarations_document ON declarations(document_id);
UPDATE files SET mtime_ns = -1, hash = '' WHERE error IS NULL;
"#;

/// Version 3: the council a meeting belongs to (issue 18), so the same committee name and
/// date at two councils are two meetings. `council` is as the pack prints it;
/// `council_key` is the name reduced for matching like `committee_key` (lower-case words,
/// "&" as "and", no punctuation); both are NULL when no pack of the meeting names its
/// council. Files indexed before it are marked changed, so the next update reads them
/// again: each is taken out of its meeting and put back by council, which splits a
/// meeting that held two councils' packs.
const V3: &str = r#"
ALTER TABLE meetings ADD COLUMN council TEXT;
ALTER TABLE meetings ADD COLUMN council_key TEXT;
UPDATE files SET mtime_ns = -1, hash = '' WHERE error IS NULL;
"#;

/// Version 4: scans (issue 21). A PDF of page images only is a scan, listed as one with
/// its page count rather than as a file that failed. Files that failed before it are marked
/// changed, so the next update reads them again and a scan among them is listed as a scan.
const V4: &str = r#"
ALTER TABLE files ADD COLUMN scan_pages INTEGER;
UPDATE files SET mtime_ns = -1, hash = '' WHERE error IS NOT NULL;
"#;

/// Version 5: each passage's page in a PDF pack (its PDF page and the number printed on
/// it), so a search hit names the page. Files indexed before it are read again.
const V5: &str = r#"
ALTER TABLE blocks ADD COLUMN page INTEGER;
ALTER TABLE blocks ADD COLUMN printed_page TEXT;
UPDATE files SET mtime_ns = -1, hash = '' WHERE error IS NULL;
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3), M::up(V4), M::up(V5)])
}

#[cfg(test)]
mod tests {
    /// The one file indexed has its time and hash forgotten: the next update reads it.
    fn assert_marked_changed(conn: &rusqlite::Connection) {
        let (mtime, hash): (i64, String) = conn
            .query_row("SELECT mtime_ns, hash FROM files", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((mtime, hash.as_str()), (-1, ""));
    }

    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }

    /// An index made before declarations were read has its files read again.
    #[test]
    fn version_2_marks_indexed_files_changed() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let m = super::migrations();
        m.to_version(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO files (path, mtime_ns, size, hash) VALUES ('/p.txt', 5, 7, 'abc')",
            [],
        )
        .unwrap();
        m.to_latest(&mut conn).unwrap();
        assert_marked_changed(&conn);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM declarations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    /// An index made before councils were recorded gains the columns, keeps its meetings
    /// (council unknown) and has its files read again.
    #[test]
    fn version_3_adds_the_council_and_marks_indexed_files_changed() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let m = super::migrations();
        m.to_version(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO meetings (committee, committee_key, date) VALUES ('Cabinet', 'cabinet', '2024-01-02')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO files (path, mtime_ns, size, hash, meeting_id) VALUES ('/p.txt', 5, 7, 'abc', 1)",
            [],
        )
        .unwrap();
        m.to_latest(&mut conn).unwrap();
        assert_marked_changed(&conn);
        let (council, key): (Option<String>, Option<String>) = conn
            .query_row("SELECT council, council_key FROM meetings", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((council, key), (None, None));
    }

    /// An index made before scans were listed reads the files that failed again (a scan
    /// among them was listed as an error) and leaves the files that were read alone.
    #[test]
    fn version_4_reads_failed_files_again() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let m = super::migrations();
        m.to_version(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO files (path, mtime_ns, size, hash) VALUES ('/read.txt', 5, 7, 'abc');
             INSERT INTO files (path, mtime_ns, size, hash, error)
                 VALUES ('/scan.pdf', 5, 7, 'def', 'this PDF holds only page images');",
        )
        .unwrap();
        m.to_version(&mut conn, 4).unwrap();
        let rows: Vec<(String, i64, Option<i64>)> = conn
            .prepare("SELECT path, mtime_ns, scan_pages FROM files ORDER BY path")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("/read.txt".into(), 5, None),
                ("/scan.pdf".into(), -1, None)
            ]
        );
    }

    /// An index made before pages were recorded gains the columns and has its files read
    /// again, so its PDF packs' hits name their pages.
    #[test]
    fn version_5_adds_pages_and_marks_indexed_files_changed() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let m = super::migrations();
        m.to_version(&mut conn, 4).unwrap();
        conn.execute(
            "INSERT INTO files (path, mtime_ns, size, hash) VALUES ('/p.pdf', 5, 7, 'abc')",
            [],
        )
        .unwrap();
        m.to_latest(&mut conn).unwrap();
        assert_marked_changed(&conn);
        let n: i64 = conn
            .query_row(
                "SELECT count(page) + count(printed_page) FROM blocks",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0);
    }
}
