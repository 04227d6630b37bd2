//! One window per user session on Windows: a second `meetpack FILE` (what Explorer runs for
//! "Open with") hands FILE to the window already open, over a named pipe, and exits. The
//! same API as the Unix socket (`instance.rs`), so the viewer has one code path.
//!
//! The pipe is `\\.\pipe\meetpack-<user>-<session>`: named pipes are machine-wide, so the
//! name carries the user and the logon session (a second session of the same user, e.g. over
//! Remote Desktop, keeps its own window). The protocol is the Unix one, framed so that it
//! needs no half-close (named pipes have none): `MEETPACK1\0`, the absolute path in UTF-8,
//! `\0`; the window answers `ok\n`. Anything that goes wrong (no pipe, a pipe held by another
//! user, no answer within [`TIMEOUT`], a path that is not valid Unicode) makes the second
//! `meetpack` open its own window instead, so the pipe can only ever save a window.
//!
//! The file names a councillor opens are private. A named pipe's default security lets other
//! users connect only to read, so they can never send a name; and each side asks Windows
//! which process is at the other end and checks that it runs as the same user (its token's
//! SID), so a pipe created first by another user under our name never receives one.

use std::ffi::c_void;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use interprocess::os::windows::named_pipe::{
    DuplexPipeStream, PipeListener, PipeListenerOptions, pipe_mode,
};
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::Security::{
    EqualSid, GetTokenInformation, TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::System::RemoteDesktop::ProcessIdToSessionId;
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, GetCurrentProcessId, OpenProcess, OpenProcessToken,
    PROCESS_QUERY_LIMITED_INFORMATION,
};

const MAGIC: &[u8] = b"MEETPACK1\0";
/// How long either side waits for the other: a window that is alive answers at once.
const TIMEOUT: Duration = Duration::from_secs(2);
/// Longer messages are not ours (Windows paths are at most 32,767 UTF-16 units).
const MAX_MESSAGE: u64 = 64 * 1024;

type Stream = DuplexPipeStream<pipe_mode::Bytes>;

/// The pipe's path, `\\.\pipe\meetpack-<user>-<session>`. None when the user or the session
/// cannot be told (then every `meetpack` opens its own window).
pub fn socket_path() -> Option<PathBuf> {
    let user: String = std::env::var("USERNAME")
        .ok()?
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let mut session = 0u32;
    // SAFETY: `session` is valid for a write of a u32.
    if user.is_empty() || unsafe { ProcessIdToSessionId(GetCurrentProcessId(), &mut session) } == 0
    {
        return None;
    }
    Some(PathBuf::from(format!(
        r"\\.\pipe\{}-{user}-{session}",
        super::APP_ID
    )))
}

/// Asks the window listening at `socket` to open `file`. `Ok(true)` when it said it
/// will; `Ok(false)` when no window of this user is listening, or it did not answer in time.
pub fn forward(socket: &Path, file: &Path) -> io::Result<bool> {
    let file = std::path::absolute(file)?;
    let Some(file) = file.to_str().map(str::to_owned) else {
        return Ok(false);
    };
    let socket = socket.to_path_buf();
    // Connecting and reading have no timeout of their own on a synchronous pipe: a window
    // that hangs must not hang this process too, so the exchange runs on a thread and is
    // abandoned (the process then opens its own window) after TIMEOUT.
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("meetpack-forward".into())
        .spawn(move || {
            let _ = tx.send(exchange(&socket, &file));
        })?;
    match rx.recv_timeout(TIMEOUT) {
        Ok(result) => result,
        Err(_) => Ok(false),
    }
}

fn exchange(socket: &Path, file: &str) -> io::Result<bool> {
    let stream = match Stream::connect_by_path(socket) {
        Ok(s) => s,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(err),
    };
    // A pipe served by another user's process never learns the file's name.
    if !stream.server_process_id().is_ok_and(same_user) {
        return Ok(false);
    }
    let mut message = MAGIC.to_vec();
    message.extend_from_slice(file.as_bytes());
    message.push(0);
    (&stream).write_all(&message)?;
    let mut answer = [0u8; 3];
    (&stream).read_exact(&mut answer)?;
    Ok(&answer == b"ok\n")
}

/// The listening end, owned by the window (and shared with the thread that serves it). The
/// pipe goes with the process: Windows removes a pipe with its last handle.
pub struct Server {
    listener: Arc<PipeListener<pipe_mode::Bytes, pipe_mode::Bytes>>,
}

impl Server {
    /// Listens at `socket`. A pipe that a live window already holds is an `AddrInUse`
    /// error: that window stays the one files are sent to. (A crashed window leaves nothing
    /// behind: Windows removes a pipe with its last handle.)
    pub fn bind(socket: &Path) -> io::Result<Self> {
        // Windows refuses the first instance (FILE_FLAG_FIRST_PIPE_INSTANCE, "access denied")
        // when the name is taken, but Wine 8 does not: there a second window would serve the
        // same name and a file could go to either. So ask first whether a window answers.
        if server_answers(socket) {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                "a MeetPack window already serves this pipe",
            ));
        }
        // Only this machine's processes (no remote clients over SMB).
        let listener = PipeListenerOptions::new()
            .path(socket)
            .accept_remote(false)
            .create_duplex::<pipe_mode::Bytes>()
            .map_err(|err| {
                if err.kind() == io::ErrorKind::PermissionDenied {
                    io::Error::new(io::ErrorKind::AddrInUse, err)
                } else {
                    err
                }
            })?;
        Ok(Self {
            listener: Arc::new(listener),
        })
    }

    /// Answers connections on a thread of its own, calling `open` with each path received.
    /// Each connection is read on a thread of its own too, so a client that connects and
    /// says nothing holds up no one. Malformed messages are answered with nothing.
    pub fn serve(&self, open: impl Fn(PathBuf) + Send + Sync + 'static) -> io::Result<()> {
        let open = Arc::new(open);
        let listener = self.listener.clone();
        std::thread::Builder::new()
            .name("meetpack-instance".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else {
                        continue;
                    };
                    let open = open.clone();
                    let _ = std::thread::Builder::new()
                        .name("meetpack-instance-client".into())
                        .spawn(move || {
                            // Only this user's own processes may ask the window to open a file.
                            if !stream.client_process_id().is_ok_and(same_user) {
                                return;
                            }
                            if let Some(path) = receive(&stream) {
                                // The sender may have given up; the file opens all the same.
                                let _ = (&stream).write_all(b"ok\n");
                                let _ = stream.flush();
                                open(path);
                            }
                        });
                }
            })
            .map(|_| ())
    }
}

/// Whether a server answers at `socket` within [`TIMEOUT`]. The probe connects and says
/// nothing; the server drops such a connection.
fn server_answers(socket: &Path) -> bool {
    let socket = socket.to_path_buf();
    let (tx, rx) = mpsc::channel();
    let probe = std::thread::Builder::new()
        .name("meetpack-probe".into())
        .spawn(move || {
            let _ = tx.send(Stream::connect_by_path(socket.as_path()).is_ok());
        });
    probe.is_ok() && rx.recv_timeout(TIMEOUT).unwrap_or(false)
}

/// One message: the magic, a path, a NUL. `None` for anything else.
fn receive(stream: &Stream) -> Option<PathBuf> {
    let mut reader = BufReader::new(stream.take(MAX_MESSAGE));
    let mut magic = [0u8; MAGIC.len()];
    reader.read_exact(&mut magic).ok()?;
    if magic != MAGIC {
        return None;
    }
    let mut path = Vec::new();
    reader.read_until(0, &mut path).ok()?;
    let path = path.strip_suffix(b"\0")?;
    let path = PathBuf::from(String::from_utf8(path.to_vec()).ok()?);
    path.is_absolute().then_some(path)
}

/// Whether process `pid` runs as the same user as this one (the SIDs of their tokens).
fn same_user(pid: u32) -> bool {
    // SAFETY: OpenProcess has no preconditions; the handle is closed below.
    let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) };
    if process.is_null() {
        return false;
    }
    let theirs = token_user(process);
    // SAFETY: `process` is a handle this function opened; GetCurrentProcess returns a
    // pseudo-handle that needs no closing.
    unsafe { CloseHandle(process) };
    let ours = token_user(unsafe { GetCurrentProcess() });
    match (theirs, ours) {
        // SAFETY: both buffers hold a TOKEN_USER written by GetTokenInformation, whose SID
        // pointer points into the same buffer, alive for this call.
        (Some(a), Some(b)) => unsafe {
            let a = (*a.as_ptr().cast::<TOKEN_USER>()).User.Sid;
            let b = (*b.as_ptr().cast::<TOKEN_USER>()).User.Sid;
            EqualSid(a, b) != 0
        },
        _ => false,
    }
}

/// The TOKEN_USER of `process`'s token, in a buffer aligned for it.
fn token_user(process: HANDLE) -> Option<Vec<u64>> {
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: `process` is a valid process handle; `token` is valid for a write.
    if unsafe { OpenProcessToken(process, TOKEN_QUERY, &mut token) } == 0 {
        return None;
    }
    let mut buffer = vec![0u64; 64]; // 512 bytes: a TOKEN_USER and the longest SID (68 bytes)
    let mut len = 0u32;
    // SAFETY: `token` was just opened for query; the buffer is valid for the size passed.
    let ok = unsafe {
        GetTokenInformation(
            token,
            TokenUser,
            buffer.as_mut_ptr().cast::<c_void>(),
            (buffer.len() * 8) as u32,
            &mut len,
        )
    };
    // SAFETY: `token` is a handle this function opened.
    unsafe { CloseHandle(token) };
    (ok != 0).then_some(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_start_hands_its_file_to_the_first() {
        let socket = PathBuf::from(format!(r"\\.\pipe\meetpack-test-{}", std::process::id()));
        let (tx, rx) = mpsc::channel();
        let server = Server::bind(&socket).unwrap();
        assert_eq!(
            Server::bind(&socket).err().map(|e| e.kind()),
            Some(io::ErrorKind::AddrInUse)
        );
        server.serve(move |p| tx.send(p).unwrap()).unwrap();
        assert!(forward(&socket, Path::new(r"C:\packs\pack one.pdf")).unwrap());
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            PathBuf::from(r"C:\packs\pack one.pdf")
        );
    }

    #[test]
    fn no_window_means_no_forwarding() {
        let socket = PathBuf::from(format!(r"\\.\pipe\meetpack-none-{}", std::process::id()));
        assert!(!forward(&socket, Path::new(r"C:\a.txt")).unwrap());
    }

    #[test]
    fn this_process_is_its_own_user() {
        assert!(same_user(std::process::id()));
    }
}
