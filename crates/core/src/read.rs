//! Reading an input file: only regular files, never more than a limit, never blocking.
//!
//! Inputs nobody vetted can be anything a path names. Before a byte is read:
//!
//! * the path is resolved through its symbolic links; a link that points nowhere, a link
//!   loop (`a → b → a`) and a folder link that leads back to its own ancestor are each named
//!   as what they are;
//! * only a regular file is read: a FIFO, a socket or a device (`/dev/zero`) gets an
//!   `input.not_regular` error instead of a read that never ends or blocks forever;
//! * a file larger than the limit (`--max-bytes`) is refused by its size, and the read itself
//!   stops one byte past the limit, for files whose size the system does not know.
//!
//! The file is opened with `O_NONBLOCK`, and its type checked again on the open handle, so
//! that a FIFO put in a regular file's place between the two checks cannot block `open`.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::Failure;

/// The limit on one input when none is given: generous for any article or PDF, small enough
/// that a stray disk image cannot exhaust the machine.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the regular file at `path` if it holds at most `max_bytes` bytes.
pub(crate) fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    let metadata = std::fs::metadata(path).map_err(|e| not_found_why(path, e))?;
    check_kind(path, &metadata)?;
    check_size(metadata.len(), max_bytes)?;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| unreadable(format!("cannot open the file: {e}")))?;
    let metadata = file.metadata().map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    check_kind(path, &metadata)?;
    check_size(metadata.len(), max_bytes)?;
    read_bounded(file, metadata.len(), max_bytes)
}

/// Reads at most `max_bytes` bytes; one more means the file is too large.
fn read_bounded(file: File, expected: u64, max_bytes: u64) -> Result<Vec<u8>, Failure> {
    // The size is known for a regular file: one allocation, no doubling.
    let capacity = usize::try_from(expected.min(max_bytes).saturating_add(1)).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

fn check_size(len: u64, max_bytes: u64) -> Result<(), Failure> {
    if len > max_bytes {
        return Err(Failure {
            code: "input.too_large",
            message: format!(
                "the file is larger than the limit of {max_bytes} bytes and was not read (--max-bytes sets the limit)"
            ),
        });
    }
    Ok(())
}

/// Only regular files are read; a folder met here is a link loop or was named as a document.
fn check_kind(path: &Path, metadata: &Metadata) -> Result<(), Failure> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(match loop_ancestor(path) {
            Some(ancestor) => symlink_loop(format!(
                "a symbolic link loop: the folder leads back to its own ancestor {}",
                ancestor.display()
            )),
            None => unreadable("a folder, not a document".to_string()),
        });
    }
    let what = if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    };
    Err(Failure {
        code: "input.not_regular",
        message: format!("{what}, not a regular file: only regular files are read"),
    })
}

/// The ancestor folder that the folder `path` resolves to, when it is one (a link loop).
fn loop_ancestor(path: &Path) -> Option<std::path::PathBuf> {
    let target = std::fs::canonicalize(path).ok()?;
    let parent =
        std::fs::canonicalize(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))).ok()?;
    parent.starts_with(&target).then_some(target)
}

/// Why `metadata` failed: a link loop, a link to nothing, or the system's reason.
fn not_found_why(path: &Path, e: io::Error) -> Failure {
    if e.raw_os_error() == Some(libc::ELOOP) {
        return symlink_loop("a symbolic link loop: its links never reach a file".to_string());
    }
    if e.kind() == io::ErrorKind::NotFound
        && let Ok(target) = std::fs::read_link(path)
    {
        return unreadable(format!("a symbolic link to {}, which does not exist", target.display()));
    }
    unreadable(format!("cannot read the file: {e}"))
}

fn unreadable(message: String) -> Failure {
    Failure { code: "input.unreadable", message }
}

fn symlink_loop(message: String) -> Failure {
    Failure { code: "input.symlink_loop", message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("trialex-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn code_of(path: &Path, max: u64) -> &'static str {
        match read_input(path, max) {
            Ok(_) => "ok",
            Err(f) => f.code,
        }
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = temp_dir("regular");
        std::fs::write(dir.join("a.txt"), "hello").unwrap();
        assert_eq!(read_input(&dir.join("a.txt"), 5).ok(), Some(b"hello".to_vec()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = temp_dir("large");
        std::fs::write(dir.join("a.txt"), "hello!").unwrap();
        assert_eq!(code_of(&dir.join("a.txt"), 5), "input.too_large");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn devices_and_fifos_are_not_read() {
        assert_eq!(code_of(Path::new("/dev/zero"), 10), "input.not_regular");
        let dir = temp_dir("fifo");
        let fifo = dir.join("f.txt");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let failure = read_input(&fifo, 10).err().unwrap();
        assert_eq!(failure.code, "input.not_regular");
        assert!(failure.message.contains("FIFO"), "{}", failure.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn links_are_named_for_what_they_are() {
        let dir = temp_dir("links");
        std::os::unix::fs::symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
        let failure = read_input(&dir.join("dangling.txt"), 10).err().unwrap();
        assert!(failure.message.contains("does not exist"), "{}", failure.message);
        std::os::unix::fs::symlink(dir.join("b.txt"), dir.join("a.txt")).unwrap();
        std::os::unix::fs::symlink(dir.join("a.txt"), dir.join("b.txt")).unwrap();
        assert_eq!(code_of(&dir.join("a.txt"), 10), "input.symlink_loop");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("sub/up")).unwrap();
        let failure = read_input(&dir.join("sub/up"), 10).err().unwrap();
        assert_eq!(failure.code, "input.symlink_loop");
        assert!(failure.message.contains("ancestor"), "{}", failure.message);
        assert_eq!(code_of(&dir.join("sub"), 10), "input.unreadable");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
