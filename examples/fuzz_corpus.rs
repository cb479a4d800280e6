//! Writes the quote fuzz target's seed corpus from the case table:
//! `cargo run --example fuzz_corpus -- tests/cases.json fuzz/corpus/quote`.
//! Each file is the selector byte (`ratecard::fuzzing`) then the request.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::hash::{Hash, Hasher};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (cases, out) = (&args[1], &args[2]);
    let table: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(cases).expect("cases")).expect("json");
    std::fs::create_dir_all(out).expect("dir");
    let mut written = 0;
    for case in table {
        let (Some(call), Some(preset)) = (case["call"].as_str(), case["preset"].as_str()) else { continue };
        let Some(selector) = ratecard::fuzzing::selector(call, preset) else { continue };
        let mut data = vec![selector];
        data.extend(serde_json::to_vec(&case["request"]).expect("request"));
        let mut h = std::collections::hash_map::DefaultHasher::new();
        data.hash(&mut h);
        std::fs::write(format!("{out}/{:016x}", h.finish()), &data).expect("write");
        written += 1;
    }
    println!("{written} seeds in {out}");
}
