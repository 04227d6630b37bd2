//! `meetpack notes`: list, add, edit, delete and export the notes of a pack from the command line, over
//! the same files the viewer keeps ([`meetpack_core::notes`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use meetpack_core::model::Pack;
use meetpack_core::notes::{self, Anchor, Meeting, Note, NoteKind, ResolvedNote, identity, store};

#[derive(Subcommand)]
pub enum NotesCommand {
    /// List the notes of a pack, in reading order, each at its passage's line in the pack
    /// as it is now (notes made in another pack of the meeting, whose passage this one
    /// lacks, are listed as elsewhere; notes whose passage is gone, as detached).
    List {
        pack: PathBuf,
        /// Print JSON: {"notes": [{"id", "text", "line", "quote", "kind", "detached",
        /// "other_pack"}]}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Add a note (or a highlight, or a bookmark) to the passage at a line of a pack.
    Add {
        pack: PathBuf,
        /// A line of the passage (1-based, as `inspect` numbers them); a blank line means
        /// the passage after it.
        #[arg(long, value_name = "LINE")]
        at: u32,
        /// What to note (may be left out for a highlight or a bookmark).
        #[arg(long, value_name = "TEXT", default_value = "")]
        text: String,
        /// Mark the passage as a highlight.
        #[arg(long, conflicts_with = "bookmark")]
        highlight: bool,
        /// Mark the passage as a bookmark.
        #[arg(long)]
        bookmark: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Change the text of a note (its id is in `notes list`).
    Edit {
        pack: PathBuf,
        /// The note's id, as `notes list` prints it.
        #[arg(long)]
        id: String,
        /// The new text (may be empty for a highlight or a bookmark).
        #[arg(long, value_name = "TEXT")]
        text: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Delete a note, a highlight or a bookmark (its id is in `notes list`).
    Delete {
        pack: PathBuf,
        /// The note's id, as `notes list` prints it.
        #[arg(long)]
        id: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print the notes of a pack in reading order, with their paper, passage and text.
    Export {
        pack: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(clap::Args)]
pub struct StoreArgs {
    /// The folder of notes files (default: $MEETPACK_DATA_DIR/notes, else the user's data
    /// folder, e.g. ~/.local/share/meetpack/notes).
    #[arg(long, value_name = "DIR")]
    notes_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
}

pub fn run(command: NotesCommand) -> ExitCode {
    let result = match command {
        NotesCommand::List { pack, json, store } => list(&pack, json, &store),
        NotesCommand::Add {
            pack,
            at,
            text,
            highlight,
            bookmark,
            store,
        } => {
            let kind = match (highlight, bookmark) {
                (true, _) => NoteKind::Highlight,
                (_, true) => NoteKind::Bookmark,
                _ => NoteKind::Note,
            };
            add(&pack, at, kind, text, &store)
        }
        NotesCommand::Edit {
            pack,
            id,
            text,
            store,
        } => edit(&pack, &id, &text, &store),
        NotesCommand::Delete { pack, id, store } => delete(&pack, &id, &store),
        NotesCommand::Export {
            pack,
            format,
            store,
        } => export(&pack, format, &store),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(failure) => {
            say!("meetpack: {failure}");
            ExitCode::from(2)
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Message(String),
    #[error(transparent)]
    Store(#[from] notes::StoreError),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
}

/// A pack read as `inspect` reads it, so line numbers agree with `inspect --text`.
struct Opened {
    pack: Pack,
    meeting: Meeting,
    /// The notes folder.
    dir: PathBuf,
    /// The pack's notes file ([`identity::locate`]).
    file: PathBuf,
}

impl Opened {
    /// After a change is saved: every key the pack has now leads to its file. The note is
    /// saved whatever happens here, so a failure is a warning, not an error.
    fn record(&self) {
        if let Err(err) = identity::record(&self.dir, &self.file, &self.meeting) {
            say!(
                "meetpack: warning: the note is saved in {}, but the notes index could not \
                 be updated ({err}); the pack still finds its notes by its path and meeting",
                self.file.display()
            );
        }
    }
}

fn open(path: &Path, store: &StoreArgs) -> Result<Opened, Failure> {
    let bytes = meetpack_core::input::file::read(path, |_, _| {})
        .map_err(|e| Failure::Message(format!("cannot read {}: {e}", path.display())))?;
    // The file's name, as the viewer shows it (and as a PDF is sniffed by).
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let pack = meetpack_core::input::load_named(&name, &bytes, &mut |_, _| true)
        .map_err(|e| Failure::Message(format!("{} cannot be opened: {e}", path.display())))?
        .pack;
    let dir = match &store.notes_dir {
        Some(dir) => dir.clone(),
        None => store::default_dir()?,
    };
    // Found by its bytes, its path or its meeting: see `identity`.
    let meeting = Meeting::of(&pack, Some(path), &name).with_content(&bytes);
    let file = identity::locate(&dir, &meeting).file;
    Ok(Opened {
        pack,
        meeting,
        dir,
        file,
    })
}

fn resolved(opened: &Opened) -> Result<Vec<ResolvedNote>, Failure> {
    let file = store::load(&opened.file)?;
    Ok(notes::resolve_in(
        &opened.pack,
        &file.notes,
        &opened.meeting,
    ))
}

fn list(path: &Path, json: bool, store: &StoreArgs) -> Result<(), Failure> {
    let opened = open(path, store)?;
    let notes = resolved(&opened)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        let rows: Vec<serde_json::Value> = notes
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.note.id,
                    "text": r.note.text,
                    "line": r.line(),
                    "page": r.line().and_then(|l| opened.pack.source.page_place(l)),
                    "quote": r.note.anchor.quote,
                    "kind": r.note.kind.as_str(),
                    "detached": r.detached(),
                    "other_pack": r.in_other_pack(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "notes": rows }))
            .map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else if notes.is_empty() {
        writeln!(
            out,
            "No notes for this meeting ({}).",
            opened.file.display()
        )?;
    } else {
        for r in &notes {
            let at = match (r.line(), r.in_other_pack()) {
                // A PDF pack's note by its page as well; the line is what `--at` takes.
                (Some(line), _) => match opened.pack.source.page_of_line(line) {
                    Some(_) => format!(
                        "{} · L{line}",
                        meetpack_core::views::place::place_name(
                            &opened.pack.source,
                            meetpack_core::model::Lines(line, line)
                        )
                    ),
                    None => format!("L{line}"),
                },
                (None, Some(_)) => "elsewhere".to_string(),
                (None, None) => "detached".to_string(),
            };
            let mut text = if r.note.text.is_empty() {
                String::new()
            } else {
                format!("  {}", r.note.text.replace('\n', " "))
            };
            if let Some(other) = r.in_other_pack() {
                text.push_str(&format!("  [in another pack of this meeting: {other}]"));
            }
            writeln!(
                out,
                "{at:>9}  {:<9} {}  \"{}\"{text}",
                r.note.kind.as_str(),
                r.note.id,
                short(&r.note.anchor.quote, 60)
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn add(
    path: &Path,
    line: u32,
    kind: NoteKind,
    text: String,
    store_args: &StoreArgs,
) -> Result<(), Failure> {
    if kind == NoteKind::Note && text.trim().is_empty() {
        return Err(Failure::Message(
            "a note needs --text (or use --highlight or --bookmark)".into(),
        ));
    }
    let opened = open(path, store_args)?;
    let anchor = Anchor::at_line(&opened.pack, line).ok_or_else(|| {
        Failure::Message(format!(
            "line {line} is after the last passage of {} ({} lines)",
            path.display(),
            opened.pack.source.lines
        ))
    })?;
    let note = Note::new(kind, text, anchor);
    let id = note.id.clone();
    let quote = short(&note.anchor.quote, 60);
    let at = note.anchor.line;
    store::add(&opened.file, &opened.meeting, note)?;
    opened.record();
    // Printed only once the file is on disk: a caller (or the crash test) may rely on a
    // printed id being saved.
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "added {} {id} at line {at}: \"{quote}\" ({})",
        kind.as_str(),
        opened.file.display()
    )?;
    out.flush()?;
    Ok(())
}

fn edit(path: &Path, id: &str, text: &str, store_args: &StoreArgs) -> Result<(), Failure> {
    let opened = open(path, store_args)?;
    let text = text.trim();
    if text.is_empty() {
        // A note is its text: only a highlight's or a bookmark's may be emptied.
        let file = store::load(&opened.file)?;
        if file
            .notes
            .iter()
            .any(|n| n.id == id && n.kind == NoteKind::Note)
        {
            return Err(Failure::Message(
                "a note needs --text (delete it with `notes delete`)".into(),
            ));
        }
    }
    let note = store::edit(&opened.file, &opened.meeting, id, text)?
        .ok_or_else(|| no_such_note(id, &opened))?;
    opened.record();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "edited {} {id} ({})",
        note.kind.as_str(),
        opened.file.display()
    )?;
    out.flush()?;
    Ok(())
}

fn delete(path: &Path, id: &str, store_args: &StoreArgs) -> Result<(), Failure> {
    let opened = open(path, store_args)?;
    let note = store::delete(&opened.file, &opened.meeting, id)?
        .ok_or_else(|| no_such_note(id, &opened))?;
    opened.record();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "deleted {} {id} ({})",
        note.kind.as_str(),
        opened.file.display()
    )?;
    out.flush()?;
    Ok(())
}

fn no_such_note(id: &str, opened: &Opened) -> Failure {
    Failure::Message(format!(
        "no note {id} for this meeting ({}); `meetpack notes list` shows the ids",
        opened.file.display()
    ))
}

fn export(path: &Path, format: Format, store: &StoreArgs) -> Result<(), Failure> {
    let opened = open(path, store)?;
    let notes = resolved(&opened)?;
    let text = match format {
        Format::Md => notes::export::markdown(&opened.pack, &notes),
        Format::Html => notes::export::html(&opened.pack, &notes),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn short(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    meetpack_core::text::truncate(&flat, max).into_owned()
}
