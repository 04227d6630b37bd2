//! The shape of the house (issue 20), checked on every crate's sources so it stays:
//! no folder holds more than 20 files, no function runs past 150 lines, and no two files
//! import each other in a circle. A folder's `mod.rs` may use its own children (it
//! declares and joins them); children use their parent, never a sibling that uses them
//! back. Test modules (`#[cfg(test)]` to the end of a file) are left out: a test may
//! reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

const MAX_FILES: usize = 20;
const MAX_FN_LINES: usize = 150;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("crates/")
        .to_path_buf()
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each crate's name and its `src/` folder.
fn crate_sources() -> Vec<(String, PathBuf)> {
    let mut crates = Vec::new();
    for entry in std::fs::read_dir(crates_dir()).expect("crates/").flatten() {
        let src = entry.path().join("src");
        if src.is_dir() {
            crates.push((entry.file_name().to_string_lossy().into_owned(), src));
        }
    }
    crates.sort();
    assert!(crates.len() >= 3, "the workspace's crates: {crates:?}");
    crates
}

/// A file's module path inside its crate: `src/reader/mod.rs` is `["reader"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The text before the file's test module.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

#[test]
fn no_folder_holds_more_than_20_files() {
    let mut folders = Vec::new();
    for (_, src) in crate_sources() {
        let root = src.parent().expect("crate folder").to_path_buf();
        for sub in ["src", "tests", "benches"] {
            let mut stack = vec![root.join(sub)];
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                let mut files = 0;
                for entry in entries.flatten() {
                    if entry.path().is_dir() {
                        // Snapshots are data, one per seed; they are not sources.
                        if entry.file_name() != "snapshots" {
                            stack.push(entry.path());
                        }
                    } else {
                        files += 1;
                    }
                }
                if files > MAX_FILES {
                    folders.push(format!("{} ({files} files)", dir.display()));
                }
            }
        }
    }
    assert!(
        folders.is_empty(),
        "folders with more than {MAX_FILES} files: {folders:#?}"
    );
}

#[test]
fn no_function_runs_past_150_lines() {
    let start =
        Regex::new(r"^(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?(unsafe\s+)?fn\s+(\w+)").unwrap();
    let mut long = Vec::new();
    for (_, src) in crate_sources() {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable");
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let Some(caps) = start.captures(line) else {
                    continue;
                };
                if line.trim_end().ends_with(';') {
                    continue; // a declaration without a body
                }
                // rustfmt closes a body on its own line at the opening line's indentation.
                let close = format!("{}}}", &caps[1]);
                let end = lines[i + 1..]
                    .iter()
                    .position(|l| *l == close)
                    .map_or(lines.len(), |k| i + 1 + k);
                let length = end - i + 1;
                if length > MAX_FN_LINES {
                    long.push(format!(
                        "{}:{} {} ({length} lines)",
                        file.display(),
                        i + 1,
                        &caps[6]
                    ));
                }
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines: {long:#?}"
    );
}

/// The files each file refers to (by `crate::`, `super::`, `self::` paths, grouped
/// `use` lists, and a `mod.rs`'s bare paths to its children), by module path.
fn references(
    crate_files: &BTreeMap<Vec<String>, String>,
) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let qualified = Regex::new(r"(?:^|[^\w:])(crate|super|self)((?:::\w+)+)").unwrap();
    let grouped = Regex::new(r"use (crate|super)::\{([^;]*)\};").unwrap();
    let item = Regex::new(r"\w+(?:::\w+)*").unwrap();
    let bare = Regex::new(r"(?:^|[^\w:])(\w+)::").unwrap();
    let mut edges = BTreeMap::new();
    for (module, text) in crate_files {
        let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
        let mut paths: Vec<Vec<String>> = Vec::new();
        let split = |base: &[String], tail: &str| -> Vec<String> {
            let mut p = base.to_vec();
            p.extend(
                tail.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            p
        };
        for caps in qualified.captures_iter(text) {
            let base = match &caps[1] {
                "crate" => Vec::new(),
                "super" => parent.clone(),
                _ => module.clone(),
            };
            paths.push(split(&base, &caps[2]));
        }
        for caps in grouped.captures_iter(text) {
            let base = if &caps[1] == "crate" {
                Vec::new()
            } else {
                parent.clone()
            };
            for m in item.find_iter(&caps[2]) {
                paths.push(split(&base, m.as_str()));
            }
        }
        for caps in bare.captures_iter(text) {
            paths.push(split(module, &caps[1]));
        }
        let mut targets = BTreeSet::new();
        for path in paths {
            // The longest prefix of the path that is a file of the crate.
            let Some(target) = (1..=path.len())
                .rev()
                .map(|k| path[..k].to_vec())
                .find(|p| crate_files.contains_key(p))
            else {
                continue;
            };
            let own_child = target.len() > module.len() && target.starts_with(module);
            if &target != module && !own_child {
                targets.insert(target);
            }
        }
        edges.insert(module.clone(), targets);
    }
    edges
}

/// The circles among files: strongly connected components with more than one file.
fn circles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let nodes: Vec<&Vec<String>> = edges.keys().collect();
    let reach = |from: &Vec<String>| -> BTreeSet<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for next in edges.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    // A few hundred files: reachability from each is quick enough for a test.
    let reached: BTreeMap<&Vec<String>, BTreeSet<Vec<String>>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out = Vec::new();
    let mut placed = BTreeSet::new();
    for n in &nodes {
        if placed.contains(*n) || !reached[n].contains(*n) {
            continue;
        }
        let component: Vec<String> = nodes
            .iter()
            .filter(|m| reached[n].contains(**m) && reached[**m].contains(*n))
            .map(|m| {
                placed.insert((*m).clone());
                format!("/{}", m.join("/"))
            })
            .collect();
        out.push(component);
    }
    out
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let mut found = Vec::new();
    for (name, src) in crate_sources() {
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let crate_files: BTreeMap<Vec<String>, String> = files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).expect("readable");
                // Comments name modules without importing them.
                let code: String = without_tests(&text)
                    .lines()
                    .map(|l| l.split("//").next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join("\n");
                (module_path(&src, f), code)
            })
            .collect();
        for circle in circles(&references(&crate_files)) {
            found.push(format!("{name}: {circle:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "files that import each other in a circle: {found:#?}"
    );
}

#[test]
fn the_circle_finder_finds_a_circle() {
    // Two siblings that use each other, and a parent that uses its child (allowed).
    let files: BTreeMap<Vec<String>, String> = [
        (vec![], "mod a; mod b; use crate::a::x;".to_string()),
        (vec!["a".to_string()], "use crate::b::y;".to_string()),
        (vec!["b".to_string()], "use super::a::x;".to_string()),
    ]
    .into_iter()
    .collect();
    let circles = circles(&references(&files));
    assert_eq!(circles, vec![vec!["/a".to_string(), "/b".to_string()]]);
}
