//! One window per user session: a second `meetpack FILE` hands FILE to the window already
//! open, over a Unix socket in `$XDG_RUNTIME_DIR`, and exits.
//!
//! The protocol is one message per connection: `MEETPACK1\0`, the absolute path's bytes,
//! `\0`; the window answers `ok\n`. Anything that goes wrong (no runtime folder, a stale
//! socket, no answer within [`TIMEOUT`]) makes the second `meetpack` open its own
//! window instead, so the socket can only ever save a window, never lose a file.
//!
//! The file names a councillor opens are private: the socket is made only in a runtime
//! folder that is the user's own (owned by them, closed to group and others), and each
//! side checks that the process at the other end runs as the same user (the kernel's
//! peer credentials), so another local user can neither receive nor send a file name.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const MAGIC: &[u8] = b"MEETPACK1\0";
/// How long either side waits for the other: a window that is alive answers at once.
const TIMEOUT: Duration = Duration::from_secs(2);
/// Longer messages are not ours (Linux paths are at most 4096 bytes).
const MAX_MESSAGE: u64 = 64 * 1024;

/// Where the socket lives: the per-user runtime folder, which only its owner can enter.
/// Without one there is no safe shared place, and every `meetpack` opens its own window.
pub fn socket_path() -> Option<PathBuf> {
    std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && is_private_folder(p))
        .map(|p| p.join(format!("{}.sock", super::APP_ID)))
}

/// A folder owned by this user that no one else may enter or list (mode `0700` or
/// tighter), as the XDG base directory specification requires of the runtime folder.
/// A variable pointing anywhere else (a shared `/tmp`, another user's folder) is not
/// trusted with the names of the files a councillor opens.
pub fn is_private_folder(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_dir() && m.uid() == effective_uid() && m.mode() & 0o077 == 0)
}

fn effective_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The user id of the process at the other end of a connected socket, from the kernel.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    use std::os::fd::AsRawFd;
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: the descriptor is an open socket owned by `stream`; `cred` and `len` are
    // valid for writes of the size passed, which is the size of `ucred`.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&raw mut cred).cast(),
            &raw mut len,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// The user id of the process at the other end of a connected socket, from the kernel.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    use std::os::fd::AsRawFd;
    let (mut uid, mut gid) = (0, 0);
    // SAFETY: the descriptor is an open socket owned by `stream`; both out-pointers are
    // valid for writes.
    let rc = unsafe { libc::getpeereid(stream.as_raw_fd(), &raw mut uid, &raw mut gid) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(uid)
}

/// Whether the other end runs as this user.
fn same_user(stream: &UnixStream) -> bool {
    peer_uid(stream).is_ok_and(|uid| uid == effective_uid())
}

/// Asks the window listening at `socket` to open `file`. `Ok(true)` when it said it
/// will; `Ok(false)` when no window is listening.
pub fn forward(socket: &Path, file: &Path) -> io::Result<bool> {
    let mut stream = match UnixStream::connect(socket) {
        Ok(s) => s,
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Ok(false);
        }
        Err(err) => return Err(err),
    };
    // A socket answered by another user's process never learns the file's name.
    if !same_user(&stream) {
        return Ok(false);
    }
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let file = std::path::absolute(file)?;
    let mut message = MAGIC.to_vec();
    message.extend_from_slice(file.as_os_str().as_bytes());
    message.push(0);
    stream.write_all(&message)?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut answer = Vec::new();
    stream.take(16).read_to_end(&mut answer)?;
    Ok(answer == b"ok\n")
}

/// The listening end, owned by the window. Removes its socket file when dropped.
pub struct Server {
    listener: UnixListener,
    path: PathBuf,
}

impl Server {
    /// Listens at `socket`. A socket file nobody answers on (left by a crash) is
    /// replaced; one a live window answers on is an `AddrInUse` error: that window
    /// stays the one files are sent to.
    pub fn bind(socket: &Path) -> io::Result<Self> {
        let listener = match UnixListener::bind(socket) {
            Ok(l) => l,
            Err(err) if err.kind() == io::ErrorKind::AddrInUse => {
                if UnixStream::connect(socket).is_ok() {
                    return Err(err);
                }
                std::fs::remove_file(socket)?;
                UnixListener::bind(socket)?
            }
            Err(err) => return Err(err),
        };
        Ok(Self {
            listener,
            path: socket.to_path_buf(),
        })
    }

    /// Answers connections on a thread of its own, calling `open` with each path
    /// received. Malformed messages are answered with nothing and dropped. The caller
    /// keeps `self` for as long as the window is open, so the socket file is removed
    /// when the window closes.
    pub fn serve(&self, open: impl Fn(PathBuf) + Send + 'static) -> io::Result<()> {
        let listener = self.listener.try_clone()?;
        std::thread::Builder::new()
            .name("meetpack-instance".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else {
                        continue;
                    };
                    // Only this user's own processes may ask the window to open a file.
                    if !same_user(&stream) {
                        continue;
                    }
                    if let Some(path) = receive(&mut stream) {
                        // The sender may have given up; the file opens all the same.
                        let _ = stream.write_all(b"ok\n");
                        open(path);
                    }
                }
            })
            .map(|_| ())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// One message: the magic, a path, a NUL. `None` for anything else.
fn receive(stream: &mut UnixStream) -> Option<PathBuf> {
    stream.set_read_timeout(Some(TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(TIMEOUT)).ok()?;
    let mut message = Vec::new();
    stream.take(MAX_MESSAGE).read_to_end(&mut message).ok()?;
    let rest = message.strip_prefix(MAGIC)?;
    let path = rest.strip_suffix(b"\0")?;
    if path.is_empty() || path.contains(&0) || path.first() != Some(&b'/') {
        return None;
    }
    Some(PathBuf::from(OsString::from_vec(path.to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("meetpack-instance-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("meetpack.sock")
    }

    #[test]
    fn a_second_start_hands_its_file_to_the_first() {
        let socket = scratch("hand");
        let (tx, rx) = mpsc::channel();
        let server = Server::bind(&socket).unwrap();
        server.serve(move |p| tx.send(p).unwrap()).unwrap();
        assert!(forward(&socket, Path::new("/tmp/pack one.pdf")).unwrap());
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            PathBuf::from("/tmp/pack one.pdf")
        );
        // A live window keeps the socket: a third start cannot take it over.
        assert_eq!(
            Server::bind(&socket).err().map(|e| e.kind()),
            Some(io::ErrorKind::AddrInUse)
        );
        drop(server);
        assert!(!socket.exists(), "the socket file goes with its server");
        std::fs::remove_dir_all(socket.parent().unwrap()).ok();
    }

    #[test]
    fn no_window_means_no_forwarding_and_a_stale_socket_is_replaced() {
        let socket = scratch("stale");
        assert!(!forward(&socket, Path::new("/tmp/a.txt")).unwrap());
        // A socket file left by a window that crashed.
        drop(UnixListener::bind(&socket).unwrap());
        assert!(socket.exists());
        assert!(!forward(&socket, Path::new("/tmp/a.txt")).unwrap());
        let server = Server::bind(&socket).unwrap();
        drop(server);
        assert!(!socket.exists(), "the socket file goes with its server");
        std::fs::remove_dir_all(socket.parent().unwrap()).ok();
    }

    #[test]
    fn the_socket_is_made_only_in_a_folder_that_is_the_users_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("private").parent().unwrap().to_path_buf();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(is_private_folder(&dir));
        for open in [0o755, 0o750, 0o701, 0o1777] {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(open)).unwrap();
            assert!(!is_private_folder(&dir), "mode {open:o}");
        }
        // A symlink to a private folder is not the folder.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let link = dir.with_extension("link");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        assert!(!is_private_folder(&link));
        assert!(!is_private_folder(Path::new(
            "/nonexistent-meetpack-runtime"
        )));
        std::fs::remove_file(&link).ok();
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_peer_is_known_to_be_this_user() {
        let (a, b) = UnixStream::pair().unwrap();
        assert_eq!(peer_uid(&a).unwrap(), effective_uid());
        assert!(same_user(&b));
    }

    #[test]
    fn garbage_is_ignored_and_the_server_keeps_serving() {
        let socket = scratch("garbage");
        let (tx, rx) = mpsc::channel();
        let server = Server::bind(&socket).unwrap();
        server.serve(move |p| tx.send(p).unwrap()).unwrap();
        for junk in [
            &b"hello"[..],
            b"MEETPACK1\0relative\0",
            b"MEETPACK1\0/a\0b\0",
        ] {
            let mut s = UnixStream::connect(&socket).unwrap();
            s.write_all(junk).unwrap();
            s.shutdown(std::net::Shutdown::Write).unwrap();
            let mut answer = Vec::new();
            s.read_to_end(&mut answer).unwrap();
            assert!(answer.is_empty(), "{junk:?} was answered");
        }
        assert!(forward(&socket, Path::new("/x/y.txt")).unwrap());
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(10)).unwrap(),
            PathBuf::from("/x/y.txt")
        );
        drop(server);
        std::fs::remove_dir_all(socket.parent().unwrap()).ok();
    }
}
