//! `meetpack export PACK [--items 4,5 | --document ID | --decisions] --format pdf|html|md -o OUT`,
//! or `--format original [--pages 11-16]` for the original PDF's own pages.
//! The work is in [`meetpack_core::export`]; this reads the pack, picks the selection, and
//! writes the file atomically (or to standard output with `-o -`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use meetpack_core::export::{self, Format, Selection};

/// `--format`: the names a user types.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// A4, print-ready
    Pdf,
    /// One self-contained file; prints on A4 from a browser
    Html,
    /// Markdown (pipe tables)
    Md,
    /// The original PDF's own pages, copied as they are (a PDF pack only)
    Original,
}

impl FormatArg {
    /// The re-typeset format, or `None` for the original's pages.
    fn typeset(self) -> Option<Format> {
        match self {
            FormatArg::Pdf => Some(Format::Pdf),
            FormatArg::Html => Some(Format::Html),
            FormatArg::Md => Some(Format::Markdown),
            FormatArg::Original => None,
        }
    }
}

pub struct Args {
    pub file: PathBuf,
    pub items: Option<String>,
    pub document: Option<String>,
    pub decisions: bool,
    pub format: FormatArg,
    /// With `--format original`: pages as printed on them (`11-16`, `3,5`).
    pub pages: Option<String>,
    pub output: PathBuf,
    /// Include the user's notes on this meeting, each after its passage.
    pub notes: bool,
    /// The notes folder (else `$MEETPACK_DATA_DIR/notes` or the user's data folder).
    pub notes_dir: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    match export_pack(&args) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing more to say.
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("meetpack: {e}");
            ExitCode::from(2)
        }
    }
}

/// The file's bytes, its name (as the viewer shows it: the notes store keys a pack without
/// committee and date by it, with its path, as `meetpack notes` does) and its reading.
fn read_pack(args: &Args) -> Result<(Vec<u8>, String, meetpack_core::model::Pack), Failure> {
    let bytes = meetpack_core::input::file::read(&args.file, |_, _| {})
        .map_err(|e| Failure::Message(format!("cannot read {}: {e}", args.file.display())))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    let pack = meetpack_core::input::load_named(&name, &bytes, &mut |_, _| true)
        .map_err(|e| Failure::Message(format!("{} cannot be opened: {e}", args.file.display())))?
        .pack;
    Ok((bytes, name, pack))
}

fn selection(args: &Args, pack: &meetpack_core::model::Pack) -> Result<Selection, Failure> {
    match (&args.items, &args.document, args.decisions) {
        (Some(items), _, _) => Selection::items(pack, items),
        (_, Some(id), _) => Selection::document(pack, id),
        (_, _, true) => Ok(Selection::Decisions),
        _ => Ok(Selection::Pack),
    }
    .map_err(|e| Failure::Message(e.to_string()))
}

/// `--format original`: the PDF's own pages for the selection (or `--pages`), copied.
fn export_original(args: &Args, stdout: bool) -> Result<(), Failure> {
    if stdout {
        return Err(Failure::Message(
            "a PDF is not written to standard output: give a file with -o".into(),
        ));
    }
    if args.notes {
        return Err(Failure::Message(
            "the original's pages are copied as they are: --notes needs --format pdf, html or md"
                .into(),
        ));
    }
    let (bytes, _, pack) = read_pack(args)?;
    let message = |e: export::original::OriginalError| Failure::Message(e.to_string());
    let pages = match &args.pages {
        Some(spec) => export::original::pages_from_spec(&pack.source, spec).map_err(message)?,
        None => export::original::pages_of(&pack, &selection(args, &pack)?).map_err(message)?,
    };
    let out = export::original::copy_pages(&bytes, &pages).map_err(message)?;
    meetpack_core::fsutil::write_atomic(&args.output, &out)
        .map_err(|e| Failure::Message(format!("cannot write {}: {e}", args.output.display())))
}

enum Failure {
    Message(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Message(m) => f.write_str(m),
            Failure::Io(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

fn export_pack(args: &Args) -> Result<(), Failure> {
    let stdout = args.output == Path::new("-");
    let Some(format) = args.format.typeset() else {
        return export_original(args, stdout);
    };
    if args.pages.is_some() {
        return Err(Failure::Message(
            "--pages chooses the original's pages: use it with --format original".into(),
        ));
    }
    if stdout && !format.is_text() {
        return Err(Failure::Message(
            "a PDF is not written to standard output: give a file with -o".into(),
        ));
    }
    let (bytes, name, pack) = read_pack(args)?;
    let selection = selection(args, &pack)?;
    let notes = if args.notes {
        let dir = match &args.notes_dir {
            Some(dir) => dir.clone(),
            None => meetpack_core::notes::store::default_dir()
                .map_err(|e| Failure::Message(e.to_string()))?,
        };
        let meeting =
            meetpack_core::notes::Meeting::of(&pack, Some(&args.file), &name).with_content(&bytes);
        let resolved = meetpack_core::notes::notes_of_pack(&pack, &meeting, &dir)
            .map_err(|e| Failure::Message(e.to_string()))?;
        Some(export::ExportNote::from_resolved(&resolved))
    } else {
        None
    };
    let out = export::export(&pack, &selection, notes.as_deref(), format)
        .map_err(|e| Failure::Message(e.to_string()))?;
    if stdout {
        let mut lock = std::io::stdout().lock();
        lock.write_all(&out).map_err(Failure::Io)?;
        return lock.flush().map_err(Failure::Io);
    }
    meetpack_core::fsutil::write_atomic(&args.output, &out)
        .map_err(|e| Failure::Message(format!("cannot write {}: {e}", args.output.display())))
}
