//! The `meetpack` command: opens the viewer, or inspects a pack from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "meetpack",
    version,
    about = "A fast reader for council meeting packs"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A meeting pack (plain text) to open; without one, a bundled sample pack opens.
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
        #[arg(long, conflicts_with = "outline")]
        json: bool,
        /// Print an indented outline (the default).
        #[arg(long)]
        outline: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RendererArg {
    /// OpenGL: the fastest under software rendering (virtual desktops without a GPU).
    Glow,
    /// wgpu (Vulkan/Metal/DX12/GL).
    Wgpu,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Inspect { file, json, .. }) => inspect(&file, json),
        None => view(cli.file, cli.renderer),
    }
}

fn inspect(file: &std::path::Path, json: bool) -> ExitCode {
    let bytes = match meetpack::file::read(file, |_, _| {}) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("meetpack: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let pack = match meetpack::parse::load_owned(bytes) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("meetpack: {} cannot be opened: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    match write_output(&pack, json) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): nothing more to say, and nothing went wrong.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meetpack: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Writes the model to stdout through a buffer, returning write errors instead of
/// panicking as `println!` does on a closed pipe or a full disk.
fn write_output(pack: &meetpack::model::Pack, json: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, pack).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        meetpack::outline::write_outline(&mut out, pack)?;
    }
    out.flush()
}

#[cfg(feature = "gui")]
fn view(file: Option<PathBuf>, renderer: RendererArg) -> ExitCode {
    let renderer = match renderer {
        RendererArg::Glow => meetpack::app::Renderer::Glow,
        RendererArg::Wgpu => meetpack::app::Renderer::Wgpu,
    };
    match meetpack::app::run(file, renderer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meetpack: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "gui"))]
fn view(_file: Option<PathBuf>, _renderer: RendererArg) -> ExitCode {
    eprintln!(
        "meetpack: this build has no viewer (built without the `gui` feature); use `meetpack inspect FILE`"
    );
    ExitCode::from(2)
}
