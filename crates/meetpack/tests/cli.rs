//! The `meetpack inspect` contract: JSON field names and exit codes.

use std::process::Command;

fn meetpack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_meetpack"))
}

fn seed(name: &str) -> String {
    format!(
        "{}/seeds/{name}",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    )
}

#[test]
fn json_has_the_documented_fields() {
    let out = meetpack()
        .args(["inspect", &seed("004_9a99625675b12858.txt"), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["meta"]["committee"],
        "Education and Children's Services Scrutiny Board (2)"
    );
    assert_eq!(v["meta"]["date"], "2022-03-17");
    assert_eq!(v["meta"]["time"], "10.30 am");
    assert_eq!(v["meta"]["venue"], "Diamond Rooms 1 and 2 - Council House");
    let item4 = &v["agenda"][3];
    assert_eq!(item4["number"], "4");
    assert_eq!(item4["pages"], serde_json::json!([11, 58]));
    let docs = v["documents"].as_array().unwrap();
    let first_paper = item4["documents"][0].as_u64().unwrap() as usize;
    assert_eq!(docs[first_paper]["kind"], "briefing_note");
    assert_eq!(docs[first_paper]["agenda_item"], "4");
    assert!(
        docs[first_paper]["note"]["recommendations"]
            .as_array()
            .unwrap()
            .len()
            == 2
    );
    let lines = docs[first_paper]["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    let minutes = docs.iter().find(|d| d["kind"] == "minutes").unwrap();
    assert_eq!(minutes["minutes"]["date"], "2021-12-09");
    assert!(minutes["minutes"]["items"][0]["number"].is_string());
    assert!(minutes["minutes"]["apologies"].as_array().unwrap().len() >= 2);
    let table = docs
        .iter()
        .flat_map(|d| d["tables"].as_array().unwrap())
        .next()
        .unwrap();
    assert!(table["header"].is_array() && table["rows"][0][0].is_string());
    assert!(v["diagnostics"][0]["message"].is_string());
    assert!(v["diagnostics"][0]["lines"].is_array());
}

#[test]
fn outline_is_the_default_printer() {
    let out = meetpack()
        .args(["inspect", &seed("000_4a9d1e279dbb7497.txt")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 Family Valued Programme (pp 11-16)"));
}

#[test]
fn binary_and_missing_files_exit_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("meetpack-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("pack.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\x00\x01binary").unwrap();
    for path in [pdf.clone(), dir.join("missing.txt")] {
        let out = meetpack()
            .args(["inspect", path.to_str().unwrap(), "--json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
        if path.ends_with("missing.txt") {
            assert!(
                err.contains("missing.txt") && err.contains("was not found"),
                "a missing file is said in words: {err}"
            );
            assert!(!err.contains("os error"), "{err}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 9 (b): `inspect … --json | head -c 10` panicked on the broken pipe.
#[test]
fn broken_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = meetpack()
        .args(["inspect", &seed("004_9a99625675b12858.txt"), "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reading end is dropped here, as `head -c 10` closes it.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// Issue 9 (b): `inspect … > /dev/full` panicked; it now says why and exits 2.
#[test]
fn full_disk_is_a_one_line_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // not a Linux machine: nothing to check
    };
    let out = meetpack()
        .args(["inspect", &seed("004_9a99625675b12858.txt"), "--json"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

fn corpus_pdf(prefix: &str) -> String {
    let dir = format!(
        "{}/tests/corpus/pdf",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
    );
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix) && n.ends_with(".pdf"))
        .unwrap();
    format!("{dir}/{name}")
}

/// A PDF inspects like text, with its pages in the JSON; a scan and a text file named
/// .pdf exit 2 with one line that says why.
#[test]
fn pdfs_inspect_with_pages_and_bad_pdfs_exit_2() {
    let out = meetpack()
        .args(["inspect", &corpus_pdf("24_"), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["pages"], 20);
    assert_eq!(v["source"]["encoding"], "pdf");
    assert_eq!(v["source"]["printed_pages"][2], 1);
    assert_eq!(v["source"]["page_lines"][0], 1);
    let last = v["documents"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["pages"][1], 20);

    let dir = std::env::temp_dir().join(format!("meetpack-cli-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fake = dir.join("minutes.pdf");
    std::fs::write(&fake, "Minutes of the meeting\n").unwrap();
    for (path, says) in [
        (corpus_pdf("15_"), "only page images"),
        (fake.display().to_string(), "not a PDF"),
    ] {
        let out = meetpack().args(["inspect", &path]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(says), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 9: `inspect` on a FIFO with no writer blocked forever; folders and devices
/// must be refused the same way: exit 2, one line, without reading.
#[test]
fn inspect_fifo_folder_and_device_exit_2_without_blocking() {
    let dir = std::env::temp_dir().join(format!("meetpack-cli-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pack.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    for path in [
        fifo.as_path(),
        dir.as_path(),
        std::path::Path::new("/dev/zero"),
    ] {
        let out = meetpack()
            .args(["inspect", path.to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains("not a regular file") || err.contains("folder"),
            "{err}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
