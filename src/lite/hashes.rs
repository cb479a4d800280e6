//! The built-in presets' card hashes (SHA-256 of their canonical JSON, as
//! `integrity` computes them), for the first-load module, which has no
//! serde_json. Generated: `cargo run --example preset_hashes > src/lite/hashes.rs`;
//! `tests/lite.rs` fails when it is stale.

/// `(preset id, card hash)` for every built-in preset.
pub const HASHES: &[(&str, &str)] = &[
    ("heygen-credits", "e22b33826a9d9ff956981ad8a4e864fa7e8489369217faa1773b8cf5c00c5486"),
    ("heygen-gencredits", "1fc261f4bcfe53c137d7c30f59687c505e332b0ba780817a941e2c676a65425b"),
    ("heygen-api", "c5325ce4cddbd2fe7f47e7bc3fd5efc8e2e534e557b7ace1fbdc2e5b33794f5f"),
    ("heygen-liveavatar", "7889663553505c387b9d7184e04ae77854938f0e6742c9e6ee5c678e8e805fbf"),
    ("heygen-payg", "be8a6b4f8048541b7907368dde2147e9d69a734e26f1ec64bb00a022470a327f"),
    ("aistudios", "7db07c618c4ce841f5d5e0b6a66004fa79006e3ba127f669c0a2228252a17df2"),
];
