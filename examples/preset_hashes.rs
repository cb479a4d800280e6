//! Writes `src/lite/hashes.rs`, the built-in presets' card hashes, for the
//! first-load module (which has no serde_json to compute them):
//! `cargo run --example preset_hashes > src/lite/hashes.rs`.
//! `tests/lite.rs` fails when the file is stale.
#![allow(clippy::expect_used)]
fn main() {
    println!("//! The built-in presets' card hashes (SHA-256 of their canonical JSON, as");
    println!("//! `integrity` computes them), for the first-load module, which has no");
    println!("//! serde_json. Generated: `cargo run --example preset_hashes > src/lite/hashes.rs`;");
    println!("//! `tests/lite.rs` fails when it is stale.");
    println!();
    println!("/// `(preset id, card hash)` for every built-in preset.");
    println!("pub const HASHES: &[(&str, &str)] = &[");
    for id in ratecard::presets::ids() {
        let engine = ratecard::RateEngine::preset(id).expect("preset");
        println!("    (\"{id}\", \"{}\"),", engine.card_hash());
    }
    println!("];");
}
