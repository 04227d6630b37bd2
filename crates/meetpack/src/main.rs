//! The `meetpack` command: opens the viewer, or inspects a pack from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `eprintln!` that never panics. `eprintln!` panics when stderr cannot be written, as when
/// it is a file on a full disk (a cron job's log): the command would end with a panic's
/// exit code (101) instead of its own, which says what went wrong even when no message can.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod cli;

#[derive(Parser)]
#[command(
    name = "meetpack",
    version,
    about = "A fast reader for council meeting packs",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A meeting pack (PDF or plain text) to open; without one, a bundled sample pack opens.
    file: Option<PathBuf>,
    /// The graphics back end of the viewer.
    #[arg(long, value_enum, default_value_t = RendererArg::Glow)]
    renderer: RendererArg,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a pack and print its structure.
    Inspect {
        file: PathBuf,
        /// Print the whole model as JSON.
        #[arg(long, conflicts_with_all = ["outline", "text"])]
        json: bool,
        /// Print the text that was parsed (for a PDF, the extracted text its line numbers
        /// count: one form feed per page).
        #[arg(long, conflicts_with = "outline")]
        text: bool,
        /// Print an indented outline (the default).
        #[arg(long)]
        outline: bool,
    },
    /// Export part of a pack (or all of it) as PDF, HTML or Markdown, to print or share.
    ///
    /// Without --items, --document or --decisions the whole pack is exported.
    Export {
        file: PathBuf,
        /// Agenda items by number, with the papers linked to them: --items 4,5
        #[arg(long, value_name = "N,N", conflicts_with_all = ["document", "decisions"])]
        items: Option<String>,
        /// One document by id, as `inspect` shows it (d3, or 3)
        #[arg(long, value_name = "ID", conflicts_with = "decisions")]
        document: Option<String>,
        /// Every decision (minuted resolutions and decision notices), grouped by minute
        #[arg(long)]
        decisions: bool,
        /// The file format
        #[arg(long, value_enum, default_value_t = cli::export::FormatArg::Pdf)]
        format: cli::export::FormatArg,
        /// With --format original: the pages as printed on them (11-16, or 3,5,7-9)
        #[arg(long, value_name = "PAGES", conflicts_with_all = ["items", "document", "decisions"])]
        pages: Option<String>,
        /// The file to write; `-` writes Markdown or HTML to standard output
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Include your notes on this meeting, each after its passage
        #[arg(long)]
        notes: bool,
        /// The notes folder (default: $MEETPACK_DATA_DIR/notes, else the user's data folder)
        #[arg(long, value_name = "DIR", requires = "notes")]
        notes_dir: Option<PathBuf>,
    },
    /// Find every match of QUERY in every document of a pack (case ignored).
    ///
    /// Prints one line a match: document, lines, agenda item, minute, and the match in
    /// [brackets] within a line of context.
    Find {
        file: PathBuf,
        query: String,
        /// Print the hits as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show what each agenda item's papers ask beside what the minutes decided.
    Decisions {
        file: PathBuf,
        /// Print the view as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print one CSV row per ask or decision.
        #[arg(long)]
        csv: bool,
    },
    /// Add MeetPack to the application menu and to "Open with".
    ///
    /// Writes a desktop entry that starts this binary, and the icons, under
    /// $XDG_DATA_HOME (else ~/.local/share).
    InstallDesktop,
    /// Remove what install-desktop added.
    UninstallDesktop,
    /// Print a completion script for SHELL.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `meetpack man | man -l -` shows it).
    Man,
    /// Notes, highlights and bookmarks on a pack, kept per meeting in the user's data folder.
    Notes {
        #[command(subcommand)]
        action: cli::notes::NotesCommand,
    },
    /// The library: every pack in your folders, indexed to search across meetings.
    Library(cli::library::LibraryArgs),
    /// Search every meeting in the library.
    Search(cli::library::SearchArgs),
    /// People named in the minutes in the library: meetings, roles, attendance.
    People(cli::library::PeopleArgs),
}

const EXAMPLES: &str = "\
Examples:
  meetpack                          open the bundled sample pack
  meetpack pack.txt                 open a pack (in the window already open, if any)
  meetpack inspect pack.txt --json  print the parsed pack as JSON
  meetpack notes add pack.pdf --at 212 --text \"Ask about the budget\"
  meetpack notes list pack.pdf      list the notes of a pack, each at its line now
  meetpack export pack.pdf --items 4,5 -o items.pdf  items 4 and 5 with their papers, as a PDF
  meetpack export pack.pdf --decisions --format md -o -  every decision, as Markdown
  meetpack find pack.pdf 'fees'     every match in the pack, with its place
  meetpack decisions pack.pdf --csv asks and decisions by agenda item, as CSV
  meetpack library add ~/Packs      index every pack in a folder
  meetpack search ofsted --since 2022-01-01  search every meeting since 2022
  meetpack install-desktop          add MeetPack to the menu and to \"Open with\"
  meetpack man | man -l -           read this manual page
  meetpack completions bash > ~/.local/share/bash-completion/completions/meetpack";

#[derive(Clone, Copy, ValueEnum)]
enum RendererArg {
    /// OpenGL: the fastest under software rendering (virtual desktops without a GPU).
    Glow,
    /// wgpu (Vulkan/Metal/DX12/GL).
    Wgpu,
}

fn main() -> ExitCode {
    // The library's worker: one untrusted PDF read in a process of its own, so that the
    // indexer can stop it (meetpack_core::library::isolate). Not a user command.
    let mut args = std::env::args_os().skip(1);
    if args
        .next()
        .is_some_and(|a| a == meetpack_core::library::isolate::SUBCOMMAND)
        && let Some(file) = args.next()
    {
        let code = meetpack_core::library::isolate::serve(std::path::Path::new(&file));
        return ExitCode::from(code as u8);
    }
    // Start-up is timed from here (printed with MEETPACK_PROFILE_FRAMES=N).
    #[cfg(feature = "gui")]
    meetpack_gui::shell::profile::start();
    let cli = Cli::parse();
    #[cfg(feature = "gui")]
    meetpack_gui::shell::profile::mark("arguments parsed");
    match cli.command {
        Some(Command::Inspect {
            file, json, text, ..
        }) => inspect(&file, Printer::pick(json, text)),
        Some(Command::Export {
            file,
            items,
            document,
            decisions,
            format,
            pages,
            output,
            notes,
            notes_dir,
        }) => cli::export::run(cli::export::Args {
            file,
            items,
            document,
            decisions,
            format,
            pages,
            output,
            notes,
            notes_dir,
        }),
        Some(Command::Find { file, query, json }) => cli::inspect::find(&file, &query, json),
        Some(Command::Decisions { file, json, csv }) => {
            cli::inspect::decisions(&file, cli::inspect::DecisionsFormat::pick(json, csv))
        }
        Some(Command::InstallDesktop) => cli::desktop::install(),
        Some(Command::UninstallDesktop) => cli::desktop::uninstall(),
        Some(Command::Completions { shell }) => cli::desktop::completions(shell),
        Some(Command::Man) => cli::desktop::man(),
        Some(Command::Notes { action }) => cli::notes::run(action),
        Some(Command::Library(args)) => cli::library::library(args),
        Some(Command::Search(args)) => cli::library::search(args),
        Some(Command::People(args)) => cli::library::people(args),
        None => {
            // The viewer's library indexes PDFs through this executable's worker too.
            #[cfg(feature = "gui")]
            if let Ok(exe) = std::env::current_exe() {
                meetpack_gui::use_library_worker(exe);
            }
            view(cli.file, cli.renderer)
        }
    }
}

/// What `inspect` prints.
#[derive(Clone, Copy)]
enum Printer {
    Outline,
    Json,
    Text,
}

impl Printer {
    fn pick(json: bool, text: bool) -> Self {
        match (json, text) {
            (true, _) => Printer::Json,
            (_, true) => Printer::Text,
            _ => Printer::Outline,
        }
    }
}

fn inspect(file: &std::path::Path, printer: Printer) -> ExitCode {
    // Refuses folders, FIFOs and devices without blocking, and files over the size limit.
    let bytes = match meetpack_core::input::file::read(file, |_, _| {}) {
        Ok(b) => b,
        Err(e) => {
            say!("meetpack: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let name = file.to_string_lossy();
    // A text file is parsed in place (no second copy of it); a PDF, a file named .pdf or
    // a request for the text read goes through the input layer, which keeps that text.
    let named_pdf = name.to_ascii_lowercase().ends_with(".pdf");
    let loaded =
        if matches!(printer, Printer::Text) || named_pdf || meetpack_core::input::is_pdf(&bytes) {
            meetpack_core::input::load_named(&name, &bytes, &mut |_, _| true)
                .map(|l| (l.pack, Some(l.text)))
        } else {
            meetpack_core::input::load_owned(bytes).map(|pack| (pack, None))
        };
    let (pack, text) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            say!("meetpack: {} cannot be opened: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match write_output(&pack, text.as_deref(), printer) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing more to say, and nothing went wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say!("meetpack: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Writes the model to stdout through a buffer, returning write errors instead of
/// panicking as `println!` does on a closed pipe or a full disk. The outline is streamed.
fn write_output(
    pack: &meetpack_core::model::Pack,
    text: Option<&str>,
    printer: Printer,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match printer {
        Printer::Json => {
            serde_json::to_writer_pretty(&mut out, pack).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        Printer::Outline => meetpack_core::views::outline::write_outline(&mut out, pack)?,
        Printer::Text => out.write_all(text.unwrap_or("").as_bytes())?,
    }
    out.flush()
}

#[cfg(feature = "gui")]
fn view(file: Option<PathBuf>, renderer: RendererArg) -> ExitCode {
    let renderer = match renderer {
        RendererArg::Glow => meetpack_gui::Renderer::Glow,
        RendererArg::Wgpu => meetpack_gui::Renderer::Wgpu,
    };
    match meetpack_gui::run(file, renderer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("meetpack: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn view(_file: Option<PathBuf>, _renderer: RendererArg) -> ExitCode {
    say!(
        "meetpack: this build has no viewer (built without the `gui` feature); use `meetpack inspect FILE`"
    );
    ExitCode::from(2)
}
