#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects, clippy::panic)]
//! The shape of the crate, checked: imports follow the order drawn in
//! `src/lib.rs` (no module imports one to its right), every module opens
//! with a comment saying what it owns, and no function runs past 80 lines.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, left to right, as `src/lib.rs` draws them. A module may
/// import its own layer's earlier members and any layer to its left.
const ORDER: &[&[&str]] = &[
    &["limits", "error", "json_path", "money", "date", "sort"],
    &["rate_card", "presets", "fuzzing"],
    &["request"],
    &["metering"],
    &["purchase"],
    &["quote"],
    &["flat"],
    &["book"],
    &["ledger"],
    &["planner"],
    &["hold"],
    &["integrity"],
    &["lite"],
    &["engine"],
    &["replay"],
    &["wasm"],
];

/// The position of a module: (layer, place within the layer).
fn rank(module: &str) -> Option<(usize, usize)> {
    ORDER
        .iter()
        .enumerate()
        .find_map(|(layer, names)| names.iter().position(|n| *n == module).map(|i| (layer, i)))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/ledger/wallet.rs` → `ledger`; `src/lib.rs` → `lib`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).expect("under src");
    let first = rel.components().next().expect("a file").as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The crate modules a file names: `crate::x`, `use crate::{x, y}`.
fn imports(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            for part in body.split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.push(name);
            }
        } else {
            found.push(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
        }
    }
    found
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    files.sort();
    files.into_iter().map(|p| {
        let text = fs::read_to_string(&p).expect("read");
        (p, text)
    }).collect()
}

#[test]
fn imports_follow_the_drawn_order() {
    // Re-exports at the crate root (`crate::RateEngine`) resolve to their module.
    let root: BTreeMap<&str, &str> = [
        ("RateEngine", "engine"),
        ("Error", "error"),
        ("ErrorKind", "error"),
        ("PathSegment", "error"),
        ("Result", "error"),
        ("Purchase", "purchase"),
        ("PurchaseKind", "purchase"),
        ("PurchaseOption", "purchase"),
        ("Quote", "quote"),
        ("QuoteLine", "quote"),
        ("RateCard", "rate_card"),
        ("BuyPacksRequest", "request"),
        ("Grant", "request"),
        ("Item", "request"),
        ("OptionValue", "request"),
        ("QuoteRequest", "request"),
    ]
    .into_iter()
    .collect();
    let mut back_edges = Vec::new();
    for (path, text) in sources() {
        let from = module_of(&path);
        if from == "lib" {
            continue;
        }
        let here = rank(&from).unwrap_or_else(|| panic!("{}: module `{from}` is not in the drawn order", path.display()));
        for name in imports(&text) {
            let to = root.get(name.as_str()).copied().unwrap_or(name.as_str());
            if to == from || to.is_empty() {
                continue;
            }
            let there = rank(to).unwrap_or_else(|| panic!("{}: imports `crate::{name}`, not in the drawn order", path.display()));
            if there > here {
                back_edges.push(format!("{} ({from}) imports {to}", path.display()));
            }
        }
    }
    back_edges.sort();
    back_edges.dedup();
    assert!(back_edges.is_empty(), "imports pointing right:\n{}", back_edges.join("\n"));
}

#[test]
fn the_check_sees_a_back_edge() {
    // The detector itself: metering naming the quote module points right.
    assert!(imports("use crate::quote::Quote;").contains(&"quote".to_string()));
    assert!(imports("use crate::{error::Error, ledger};").contains(&"ledger".to_string()));
    assert!(rank("quote") > rank("metering"));
}

#[test]
fn every_module_says_what_it_owns() {
    for (path, text) in sources() {
        assert!(text.trim_start().starts_with("//!"), "{}: no opening //! comment", path.display());
    }
}

/// Functions longer than `max` lines: `(file, first line, length)`.
fn long_functions(text: &str, max: usize) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn ", "const fn ", "pub const fn "]
            .iter()
            .any(|p| t.starts_with(p));
        if !is_fn || t.ends_with(';') {
            i += 1;
            continue;
        }
        // Count from the signature to the line that closes its body.
        let mut depth: i32 = 0;
        let mut opened = false;
        let mut j = i;
        while j < lines.len() {
            for c in lines[j].chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                break;
            }
            j += 1;
        }
        let len = j - i + 1;
        if len > max {
            long.push((i + 1, len));
        }
        i += 1;
    }
    long
}

#[test]
fn no_function_runs_past_80_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        // Tests inside a file are not the library's functions.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (line, len) in long_functions(code, 80) {
            long.push(format!("{}:{line}: {len} lines", path.display()));
        }
    }
    assert!(long.is_empty(), "functions over 80 lines:\n{}", long.join("\n"));
    assert_eq!(long_functions("fn a() {\n}\n", 1), vec![(1, 2)], "the counter counts");
}
