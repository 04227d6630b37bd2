//! `meetpack export PACK [--items 4,5 | --document ID | --decisions] --format pdf|html|md -o OUT`.
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
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
            FormatArg::Md => Format::Markdown,
        }
    }
}

pub struct Args {
    pub file: PathBuf,
    pub items: Option<String>,
    pub document: Option<String>,
    pub decisions: bool,
    pub format: FormatArg,
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
            eprintln!("meetpack: {e}");
            ExitCode::from(2)
        }
    }
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
    let format = Format::from(args.format);
    let stdout = args.output == Path::new("-");
    if stdout && !format.is_text() {
        return Err(Failure::Message(
            "a PDF is not written to standard output: give a file with -o".into(),
        ));
    }
    let bytes = meetpack_core::input::file::read(&args.file, |_, _| {})
        .map_err(|e| Failure::Message(format!("cannot read {}: {e}", args.file.display())))?;
    // The file's name, as the viewer shows it: the notes store keys a pack without
    // committee and date by it (with its path), as `meetpack notes` does.
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    let pack = meetpack_core::input::load_named(&name, &bytes, &mut |_, _| true)
        .map_err(|e| Failure::Message(format!("{} cannot be opened: {e}", args.file.display())))?
        .pack;
    let selection = match (&args.items, &args.document, args.decisions) {
        (Some(items), _, _) => Selection::items(&pack, items),
        (_, Some(id), _) => Selection::document(&pack, id),
        (_, _, true) => Ok(Selection::Decisions),
        _ => Ok(Selection::Pack),
    }
    .map_err(|e| Failure::Message(e.to_string()))?;
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
