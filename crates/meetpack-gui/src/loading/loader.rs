//! Opening a pack off the UI thread: the file is read in chunks (so a large pack shows
//! real progress), a PDF's text is extracted page by page (progress by page, cancellable)
//! and parsed once, on a worker thread; the UI polls a channel each frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use meetpack_core::input::LoadError;
use meetpack_core::model::Pack;

/// A parsed pack and where it came from.
#[derive(Debug)]
pub struct Loaded {
    pub pack: Pack,
    /// File name shown to the user.
    pub name: String,
    /// `None` for the bundled sample.
    pub path: Option<PathBuf>,
    /// The fingerprint of the bytes it was read from, which finds its notes wherever the
    /// file is ([`meetpack_core::notes::store::fingerprint`]; `None` for a first look).
    pub fingerprint: Option<String>,
}

/// A PDF of page images only: no text to parse, so no pack, but its pages can be shown
/// as pictures (`reader::scan`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub name: String,
    pub path: PathBuf,
    pub pages: u32,
}

/// What a load opened: a pack (boxed: large beside a scan), or a scan to show as pictures.
#[derive(Debug)]
pub enum Opened {
    Pack(Box<Loaded>),
    Scan(Scan),
}

/// What the worker reports.
enum Message {
    Read {
        done: u64,
        total: u64,
    },
    /// PDF pages extracted so far.
    Extracting {
        done: usize,
        total: usize,
    },
    Parsing,
    /// A long PDF's first pages, parsed while the rest is read (see
    /// [`meetpack_core::input::load_named_with_early`]).
    Early(Box<Pack>),
    /// Boxed: a pack is large, progress messages are small.
    Finished(Box<Result<Opened, String>>),
}

/// What the UI shows while a pack loads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    /// Fraction of the file read.
    Reading(f32),
    /// PDF pages extracted so far, of how many.
    Extracting(usize, usize),
    Parsing,
}

/// A load in progress.
pub struct Loader {
    pub name: String,
    /// `None` for the bundled sample.
    pub path: Option<PathBuf>,
    pub stage: Stage,
    /// The first pages of a long PDF, once parsed, until the UI takes them.
    pub early: Option<Pack>,
    rx: Receiver<Message>,
    /// Set by the UI to stop the worker at the next page.
    cancel: Arc<AtomicBool>,
}

impl Loader {
    /// Starts loading a file. `wake` is called after each message so the UI repaints even
    /// when the user is not moving the mouse.
    pub fn open_path(path: PathBuf, wake: impl Fn() + Send + 'static) -> Self {
        let name = display_name(&path);
        let worker_path = path.clone();
        Self::spawn(name, Some(path), wake, move |name, tx, wake, cancel| {
            read_and_parse(&worker_path, name, tx, wake, cancel)
        })
    }

    /// Starts parsing bytes that are already in memory (the bundled sample) on the
    /// worker, as a file is: the window's first frame does not wait for the parse.
    pub fn open_bytes(name: &str, bytes: &'static [u8], wake: impl Fn() + Send + 'static) -> Self {
        Self::spawn(
            name.to_string(),
            None,
            wake,
            move |name, tx, wake, cancel| {
                let _ = tx.send(Message::Parsing);
                wake();
                let mut progress = |_: usize, _: usize| !cancel.load(Ordering::Relaxed);
                load_bytes_with(name, bytes, None, &mut progress, &mut |_| {})
                    .map(|loaded| Opened::Pack(Box::new(loaded)))
                    .map_err(|err| format!("{name}: {err}"))
            },
        )
    }

    fn spawn(
        name: String,
        path: Option<PathBuf>,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce(&str, &Sender<Message>, &dyn Fn(), &AtomicBool) -> Result<Opened, String>
        + Send
        + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let worker_name = name.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("meetpack-load".into())
            .spawn(move || {
                yield_to_the_window();
                let result = work(&worker_name, &tx, &wake, &worker_cancel);
                crate::shell::profile::mark("pack parsed (worker)");
                release_freed_memory();
                crate::shell::profile::mark("freed memory returned (worker)");
                // The UI may have gone away (window closed mid-load): nothing to tell then.
                let _ = tx.send(Message::Finished(Box::new(result)));
                wake();
            });
        let (stage, rx) = match spawned {
            Ok(_) => (Stage::Reading(0.0), rx),
            Err(err) => failed_loader(format!("could not start a worker thread: {err}")),
        };
        Self {
            name,
            path,
            stage,
            early: None,
            rx,
            cancel,
        }
    }

    /// A load that has already failed, for a test of what the UI does with one.
    #[cfg(test)]
    pub fn failed(name: &str, message: String) -> Self {
        let (stage, rx) = failed_loader(message);
        Self {
            name: name.to_string(),
            path: None,
            stage,
            early: None,
            rx,
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether the user asked to stop this load.
    pub fn was_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Asks the worker to stop; it reports "cancelled" at its next page.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes the worker's messages; returns the result once it has finished.
    pub fn poll(&mut self) -> Option<Result<Opened, String>> {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Read { done, total }) => {
                    let fraction = if total == 0 {
                        1.0
                    } else {
                        done as f32 / total as f32
                    };
                    self.stage = Stage::Reading(fraction.clamp(0.0, 1.0));
                }
                Ok(Message::Extracting { done, total }) => {
                    self.stage = Stage::Extracting(done, total);
                }
                Ok(Message::Parsing) => self.stage = Stage::Parsing,
                Ok(Message::Early(pack)) => self.early = Some(*pack),
                Ok(Message::Finished(result)) => return Some(*result),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    return Some(Err("the loader stopped unexpectedly".into()));
                }
            }
        }
    }
}

/// Lowers this worker thread's priority (nice 10, this thread only). A pack is loaded
/// while the window paints: at start-up its first frame (the file's name and a progress
/// line) and the GL driver's first shader compile compete for the same cores as the
/// parse, and a software renderer uses every core it can get. The window goes first; the
/// parse still has any core the window leaves idle, so on an idle machine it is not
/// slowed.
fn yield_to_the_window() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on our own thread id (Linux: the nice value is per thread); no
    // memory is passed. A failure leaves the priority as it was, which is harmless.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 10);
    }
}

/// Gives the memory the parse freed back to the system. The file's bytes, a PDF's pages
/// and the parser's working data are freed once the pack is built, but glibc keeps freed
/// memory of a thread's arena resident for reuse, so the window would carry the peak of
/// the parse for as long as it stays open. Only the pack itself (what the user reads) is
/// kept.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own heaps under their locks; it takes no
    // pointers from us.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A channel that already holds a failure, for when no thread could be started.
fn failed_loader(message: String) -> (Stage, Receiver<Message>) {
    let (tx, rx) = mpsc::channel();
    let _ = tx.send(Message::Finished(Box::new(Err(message))));
    (Stage::Parsing, rx)
}

/// Parses bytes that are already in memory (the bundled sample, tests).
pub fn load_bytes(name: &str, bytes: &[u8], path: Option<PathBuf>) -> Result<Loaded, String> {
    load_bytes_with(name, bytes, path, &mut |_, _| true, &mut |_| {})
        .map_err(|err| format!("{name}: {err}"))
}

/// As [`load_bytes`], reporting PDF pages (`progress(done, total)`; `false` cancels).
fn load_bytes_with(
    name: &str,
    bytes: &[u8],
    path: Option<PathBuf>,
    progress: &mut dyn FnMut(usize, usize) -> bool,
    early: &mut dyn FnMut(Pack),
) -> Result<Loaded, LoadError> {
    let pack = meetpack_core::input::load_named_with_early(name, bytes, progress, early)?.pack;
    // Hashed once here, on the worker: SHA-256 runs at hundreds of MB/s, well under the
    // parse of the same bytes.
    let fingerprint = Some(meetpack_core::notes::store::fingerprint(bytes));
    Ok(Loaded {
        pack,
        name: name.to_string(),
        path,
        fingerprint,
    })
}

fn read_and_parse(
    path: &Path,
    name: &str,
    tx: &Sender<Message>,
    wake: &dyn Fn(),
    cancel: &AtomicBool,
) -> Result<Opened, String> {
    let bytes = read_with_progress(path, tx, wake).map_err(|err| format!("{name}: {err}"))?;
    let mut progress = |done: usize, total: usize| {
        let message = if done < total {
            Message::Extracting { done, total }
        } else {
            Message::Parsing
        };
        let _ = tx.send(message);
        wake();
        !cancel.load(Ordering::Relaxed)
    };
    if !meetpack_core::input::is_pdf(&bytes) {
        progress(1, 1);
    }
    // A long PDF's front is shown while its other pages are read.
    let mut early = |pack: Pack| {
        let _ = tx.send(Message::Early(Box::new(pack)));
        wake();
    };
    let loaded = load_bytes_with(
        name,
        &bytes,
        Some(path.to_path_buf()),
        &mut progress,
        &mut early,
    );
    match loaded {
        Ok(loaded) => Ok(Opened::Pack(Box::new(loaded))),
        // No text, but pages the page renderer can draw from the file.
        Err(LoadError::ImageOnly { pages }) => Ok(Opened::Scan(Scan {
            name: name.to_string(),
            path: path.to_path_buf(),
            pages,
        })),
        Err(err) => Err(format!("{name}: {err}")),
    }
}

/// Reads through [`meetpack_core::input::file::read`], the same checks as `meetpack inspect` (no FIFOs or
/// devices, a size limit, binary refused after its first 64 KiB), reporting progress.
fn read_with_progress(
    path: &Path,
    tx: &Sender<Message>,
    wake: &dyn Fn(),
) -> Result<Vec<u8>, meetpack_core::input::file::FileError> {
    // `read` reports once per 256 KiB chunk: a smooth bar, few messages.
    meetpack_core::input::file::read(path, |done, total| {
        let _ = tx.send(Message::Read { done, total });
        wake();
    })
}

pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
