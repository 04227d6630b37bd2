//! `meetpack library …`, `meetpack search` and `meetpack people`: the library from the
//! command line, over the same index the viewer uses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use meetpack_core::library::{
    Compare, DecisionRow, Filter, KindFilter, LastTime, Library, LibraryError, LibraryPaths,
    Listing, SortBy, UpdateOptions,
};

/// Which index: `--library PATH`, else `MEETPACK_LIBRARY`, else the user's default.
#[derive(Args, Clone)]
pub struct IndexArg {
    /// The library index to use (a SQLite file; its folder list is kept beside it as
    /// PATH.folders). Default: the user's cache folder.
    #[arg(long, env = "MEETPACK_LIBRARY", global = true, value_name = "PATH")]
    library: Option<PathBuf>,
}

#[derive(Args)]
pub struct LibraryArgs {
    #[command(subcommand)]
    command: LibraryCommand,
    #[command(flatten)]
    index: IndexArg,
}

#[derive(Subcommand)]
enum LibraryCommand {
    /// Add folders of packs to the library and index them.
    Add {
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
    },
    /// Index new and changed files, and forget removed ones.
    Update {
        #[arg(long)]
        json: bool,
    },
    /// List the meetings in the library (committee, date, files, documents).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Decisions across meetings, oldest first.
    Decisions {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// RFC 4180 CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Compare a document with a revised version, paragraph by paragraph.
    ///
    /// A document is PATH (its longest document) or PATH#dN (the document `dN` of
    /// `inspect`). Without a second document, the most similar one in the library.
    Compare {
        document: String,
        other: Option<String>,
        #[arg(long)]
        json: bool,
        /// Show unchanged paragraphs too.
        #[arg(long)]
        all: bool,
    },
    /// Earlier items, papers, minutes and work-programme entries on an agenda item's topic.
    LastTime {
        pack: PathBuf,
        /// The agenda item's number, as the front sheet writes it.
        #[arg(long)]
        item: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// Only meetings of committees whose name contains this.
    #[arg(long, value_name = "C")]
    committee: Option<String>,
    /// Only meetings on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only meetings on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            committee: self.committee.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            kind: None,
        }
    }
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words, "phrases" and prefix* terms; every term must match.
    query: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Only passages recording decisions (the same as `--kind decisions`).
    #[arg(long)]
    decisions: bool,
    /// Only papers (reports, notes, appendices, work programmes), minutes (and decision
    /// notices), or passages recording decisions.
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Option<Kind>,
    /// Order meetings by their best hit (relevance) or newest first.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// At most this many hits.
    #[arg(long, default_value_t = 30)]
    limit: usize,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Papers,
    Minutes,
    Decisions,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Sort {
    Relevance,
    Newest,
}

#[derive(Args)]
pub struct PeopleArgs {
    /// Only attendance at committees whose name contains this.
    #[arg(long, value_name = "C")]
    committee: Option<String>,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    index: IndexArg,
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    say!("meetpack: {e}");
    ExitCode::from(2)
}

/// [`fail`] for an error of the library at `index`. SQLite's own errors ("disk I/O error",
/// "database or disk is full", "unable to open database file") name no file, so the
/// index's path is added: the user is told which file could not be written or opened.
fn fail_in(index: &Path) -> impl Fn(LibraryError) -> ExitCode + '_ {
    move |e| match e {
        LibraryError::Db(e) => fail(format!("the library index {}: {e}", index.display())),
        LibraryError::Migration(e) => fail(format!(
            "the library index {}: its schema: {e}",
            index.display()
        )),
        e => fail(e),
    }
}

/// Opens the index; one that was missing or damaged is rebuilt from the folders first.
fn open(index: &IndexArg) -> Result<Library, ExitCode> {
    let paths = match &index.library {
        Some(p) => LibraryPaths::at(p),
        None => LibraryPaths::user_default()
            .ok_or_else(|| fail("no home folder to keep the library in; pass --library PATH"))?,
    };
    let at = paths.index.clone();
    let mut lib = Library::open(paths).map_err(fail_in(&at))?;
    if let Some(notice) = lib.notice() {
        say!("meetpack: {notice}");
    }
    if lib.needs_rebuild() {
        update(&mut lib).map_err(fail_in(&at))?;
    }
    Ok(lib)
}

/// Runs `f`; if it finds the index damaged, rebuilds the index and runs it once more.
fn with_library<T>(
    index: &IndexArg,
    f: impl Fn(&Library) -> Result<T, LibraryError>,
) -> Result<T, ExitCode> {
    let lib = open(index)?;
    let at = lib.paths().index.clone();
    match f(&lib) {
        Err(e) if e.is_damaged() => {
            say!("meetpack: the library index is damaged ({e}); it is rebuilt from the packs");
            let mut lib = lib.reset().map_err(fail_in(&at))?;
            update(&mut lib).map_err(fail_in(&at))?;
            f(&lib).map_err(fail_in(&at))
        }
        r => r.map_err(fail_in(&at)),
    }
}

fn update(lib: &mut Library) -> Result<meetpack_core::library::UpdateReport, LibraryError> {
    // A hidden fault for the crash test (tests/library_cli.rs): abort mid-transaction.
    let fault = std::env::var("MEETPACK_TEST_ABORT_AFTER")
        .ok()
        .and_then(|n| n.parse().ok())
        .map(meetpack_core::library::Fault::AbortAt);
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let report = lib.update(
        UpdateOptions {
            fault,
            // Each PDF is read in a worker process this executable runs, so a PDF that
            // spins or allocates without end is stopped (library::isolate).
            worker: std::env::current_exe().ok(),
            ..UpdateOptions::default()
        },
        &mut |done, total| {
            if interactive && total > 0 {
                // Progress only: a line that cannot be written is no failure.
                let _ = write!(std::io::stderr(), "\rindexing {done}/{total} files");
                if done == total {
                    say!();
                }
            }
        },
    )?;
    for (file, error) in &report.failed {
        say!("meetpack: {file}: {error}");
    }
    for folder in &report.missing_folders {
        say!("meetpack: the folder {folder} is not there; its files are kept in the index");
    }
    Ok(report)
}

fn print(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write the output: {e}")),
    }
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

pub fn library(args: LibraryArgs) -> ExitCode {
    match run_library(args) {
        Ok(code) | Err(code) => code,
    }
}

/// One function per subcommand: each opens the index, asks it, and prints the answer.
fn run_library(args: LibraryArgs) -> Result<ExitCode, ExitCode> {
    let index = &args.index;
    match args.command {
        LibraryCommand::Add { dirs } => run_add(index, &dirs),
        LibraryCommand::Update { json: as_json } => run_update(index, as_json),
        LibraryCommand::List { json: as_json } => {
            let listing = with_library(index, |lib| lib.list())?;
            Ok(print(|out| {
                if as_json {
                    return json(out, &listing);
                }
                write_listing(out, &listing)
            }))
        }
        LibraryCommand::Decisions {
            filter,
            json: as_json,
            csv,
        } => {
            let rows = with_library(index, |lib| lib.decisions(&filter.filter()))?;
            Ok(print(|out| {
                if as_json {
                    return json(out, &serde_json::json!({ "decisions": rows }));
                }
                if csv {
                    return meetpack_core::library::decisions_csv::write(&rows, out);
                }
                write_decisions(out, &rows)
            }))
        }
        LibraryCommand::Compare {
            document,
            other,
            json: as_json,
            all,
        } => {
            let cmp = with_library(index, |lib| lib.compare(&document, other.as_deref()))?;
            Ok(print(|out| {
                if as_json {
                    return json(out, &cmp);
                }
                write_comparison(out, &cmp, all)
            }))
        }
        LibraryCommand::LastTime {
            pack,
            item,
            json: as_json,
        } => run_last_time(index, &pack, &item, as_json),
    }
}

/// `library add`: adds the folders, indexes them, and says how it went on stderr.
fn run_add(index: &IndexArg, dirs: &[PathBuf]) -> Result<ExitCode, ExitCode> {
    let mut lib = open(index)?;
    let at = lib.paths().index.clone();
    let added = lib.add_folders(dirs).map_err(fail_in(&at))?;
    let report = update(&mut lib).map_err(fail_in(&at))?;
    say!(
        "meetpack: {} folder(s) added; {} file(s) indexed, {} unchanged, {} could not be read",
        added.len(),
        report.added + report.changed,
        report.unchanged,
        report.failed.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `library update`: the update's counts, as a line or as JSON.
fn run_update(index: &IndexArg, as_json: bool) -> Result<ExitCode, ExitCode> {
    let mut lib = open(index)?;
    let at = lib.paths().index.clone();
    let report = update(&mut lib).map_err(fail_in(&at))?;
    Ok(print(|out| {
        if as_json {
            json(out, &report)
        } else {
            writeln!(
                out,
                "{} files: {} added, {} changed, {} removed, {} unchanged, {} could not be read",
                report.files,
                report.added,
                report.changed,
                report.removed,
                report.unchanged,
                report.failed.len()
            )
        }
    }))
}

/// `library list` as text: each meeting (newest first; on one date, by council, then
/// committee) with its council when a pack names it, its files and their documents, then
/// the files with no meeting date, the scans (page images, no text) and those that could
/// not be indexed.
fn write_listing(out: &mut dyn Write, listing: &Listing) -> std::io::Result<()> {
    for m in &listing.meetings {
        let council = m
            .council
            .as_deref()
            .map(|c| format!("{c} — "))
            .unwrap_or_default();
        writeln!(
            out,
            "{}  {council}{}",
            m.date.as_deref().unwrap_or("????-??-??"),
            m.committee.as_deref().unwrap_or("(committee not named)")
        )?;
        for f in &m.files {
            writeln!(out, "    {}", f.file)?;
            for d in &f.documents {
                let also = if d.also_in.is_empty() {
                    String::new()
                } else {
                    format!("  (also in {})", d.also_in.join(", "))
                };
                writeln!(out, "        {} {}: {}{also}", d.id, d.kind, d.title)?;
            }
        }
    }
    for f in &listing.unfiled {
        writeln!(out, "(no meeting date)  {}", f.file)?;
    }
    for s in &listing.scans {
        writeln!(out, "(scan: no text, {} pages)  {}", s.pages, s.file)?;
    }
    for e in &listing.errors {
        writeln!(out, "(not indexed)  {}: {}", e.file, e.error)?;
    }
    Ok(())
}

/// `library decisions` as text: each decision under its meeting and minute.
fn write_decisions(out: &mut dyn Write, rows: &[DecisionRow]) -> std::io::Result<()> {
    for r in rows {
        writeln!(
            out,
            "{}  {}  minute {} {}",
            r.date.as_deref().unwrap_or("????-??-??"),
            r.committee.as_deref().unwrap_or(""),
            r.minute.as_deref().unwrap_or("-"),
            r.minute_title.as_deref().unwrap_or("")
        )?;
        writeln!(out, "    {}", r.text)?;
    }
    Ok(())
}

/// `library compare` as text: a diff-like listing, paragraph by paragraph (unchanged
/// ones only with `all`).
fn write_comparison(out: &mut dyn Write, cmp: &Compare, all: bool) -> std::io::Result<()> {
    writeln!(
        out,
        "--- {}#{} {} ({})",
        cmp.a.file,
        cmp.a.document_id,
        cmp.a.document,
        cmp.a.meeting_date.as_deref().unwrap_or("no date")
    )?;
    writeln!(
        out,
        "+++ {}#{} {} ({})",
        cmp.b.file,
        cmp.b.document_id,
        cmp.b.document,
        cmp.b.meeting_date.as_deref().unwrap_or("no date")
    )?;
    writeln!(out, "similarity {:.2}", cmp.similarity)?;
    for p in &cmp.paragraphs {
        match p.change {
            "same" if all => writeln!(out, "  {}", p.old.as_deref().unwrap_or(""))?,
            "same" => {}
            "removed" => writeln!(out, "- {}", p.old.as_deref().unwrap_or(""))?,
            "added" => writeln!(out, "+ {}", p.new.as_deref().unwrap_or(""))?,
            _ => {
                writeln!(out, "~ {}", p.old.as_deref().unwrap_or(""))?;
                writeln!(out, "~> {}", p.new.as_deref().unwrap_or(""))?;
            }
        }
    }
    Ok(())
}

/// `library last-time`: parses the pack (its meeting date bounds "earlier"), then asks
/// the index about the item.
fn run_last_time(
    index: &IndexArg,
    pack: &Path,
    item: &str,
    as_json: bool,
) -> Result<ExitCode, ExitCode> {
    let bytes = meetpack_core::input::file::read(pack, |_, _| {})
        .map_err(|e| fail(format!("cannot read {}: {e}", pack.display())))?;
    let loaded =
        meetpack_core::input::load_named(&pack.to_string_lossy(), &bytes, &mut |_, _| true)
            .map_err(|e| fail(format!("{} cannot be opened: {e}", pack.display())))?;
    let lt = with_library(index, |lib| lib.last_time(&loaded.pack, item))?;
    Ok(print(|out| {
        if as_json {
            return json(out, &lt);
        }
        write_last_time(out, &lt)
    }))
}

/// `library last-time` as text: the earlier items and papers, minutes (with their
/// decisions) and work-programme entries.
fn write_last_time(out: &mut dyn Write, lt: &LastTime) -> std::io::Result<()> {
    writeln!(
        out,
        "Item {} {} ({})",
        lt.item,
        lt.title,
        lt.meeting_date.as_deref().unwrap_or("no date")
    )?;
    writeln!(out, "Earlier items and papers:")?;
    for p in &lt.earlier {
        writeln!(
            out,
            "  {}  {} item {}: {}  [{}]",
            p.meeting_date.as_deref().unwrap_or("?"),
            p.committee.as_deref().unwrap_or(""),
            p.agenda_item.as_deref().unwrap_or("-"),
            p.title,
            p.file
        )?;
    }
    writeln!(out, "Minutes:")?;
    for m in &lt.minutes {
        writeln!(
            out,
            "  {}  minute {} {}  [{} L{}-{}]",
            m.date.as_deref().unwrap_or("?"),
            m.number,
            m.title,
            m.file,
            m.lines[0],
            m.lines[1]
        )?;
        for d in &m.decisions {
            writeln!(out, "      - {d}")?;
        }
    }
    writeln!(out, "Work programme:")?;
    for w in &lt.work_programme {
        writeln!(
            out,
            "  {}: {}  (work programme of {})",
            w.scheduled,
            w.title,
            w.pack_date.as_deref().unwrap_or("?")
        )?;
    }
    Ok(())
}

pub fn search(args: SearchArgs) -> ExitCode {
    let sort = match args.sort {
        Sort::Relevance => SortBy::Relevance,
        Sort::Newest => SortBy::Newest,
    };
    let filter = Filter {
        kind: args.kind.map(|k| match k {
            Kind::Papers => KindFilter::Papers,
            Kind::Minutes => KindFilter::Minutes,
            Kind::Decisions => KindFilter::Decisions,
        }),
        ..args.filter.filter()
    };
    let hits = match with_library(&args.index, |lib| {
        lib.search(&args.query, &filter, args.decisions, sort, args.limit)
    }) {
        Ok(h) => h,
        Err(code) => return code,
    };
    print(|out| {
        if args.json {
            return json(out, &serde_json::json!({ "hits": hits }));
        }
        let mut last: Option<(Option<&str>, Option<&str>)> = None;
        for h in &hits {
            let meeting = (h.meeting_date.as_deref(), h.committee.as_deref());
            if last != Some(meeting) {
                writeln!(
                    out,
                    "{}  {}",
                    meeting.0.unwrap_or("????-??-??"),
                    meeting.1.unwrap_or("(committee not named)")
                )?;
                last = Some(meeting);
            }
            // `FILE:LINE` opens in an editor; a PDF pack's page is where to look on paper.
            let page = h.page.as_ref().map_or_else(String::new, |p| {
                format!(", {}", meetpack_core::views::place::page_name(p))
            });
            writeln!(
                out,
                "  {}:{}  {} ({}{page})",
                h.file, h.lines[0], h.document, h.kind
            )?;
            writeln!(out, "    {}", h.snippet.replace('\n', " "))?;
            if !h.also_in.is_empty() {
                writeln!(out, "    also in {}", h.also_in.join(", "))?;
            }
        }
        if hits.is_empty() {
            writeln!(out, "no matches")?;
        }
        Ok(())
    })
}

pub fn people(args: PeopleArgs) -> ExitCode {
    let filter = Filter {
        committee: args.committee.clone(),
        ..Filter::default()
    };
    let people = match with_library(&args.index, |lib| lib.people(&filter)) {
        Ok(p) => p,
        Err(code) => return code,
    };
    print(|out| {
        if args.json {
            return json(out, &serde_json::json!({ "people": people }));
        }
        for p in &people {
            let aliases = if p.aliases.is_empty() {
                String::new()
            } else {
                format!("  (also written {})", p.aliases.join("; "))
            };
            writeln!(out, "{}{aliases}", p.name)?;
            for r in &p.attendance {
                writeln!(
                    out,
                    "    {}: attended {} of {} ({:.0}%)",
                    r.committee.as_deref().unwrap_or("?"),
                    r.attended,
                    r.attended + r.apologies,
                    r.rate * 100.0
                )?;
            }
            for m in &p.meetings {
                writeln!(
                    out,
                    "    {}  {}  {}",
                    m.date.as_deref().unwrap_or("????-??-??"),
                    m.committee.as_deref().unwrap_or(""),
                    m.role
                )?;
            }
            for d in &p.declarations {
                writeln!(
                    out,
                    "    {}  declared: {}",
                    d.date.as_deref().unwrap_or("????-??-??"),
                    d.text
                )?;
            }
        }
        Ok(())
    })
}
