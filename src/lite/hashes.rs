//! The built-in presets' card hashes (SHA-256 of their canonical JSON, as
//! `integrity` computes them), for the first-load module, which has no
//! serde_json. Generated: `cargo run --example preset_hashes > src/lite/hashes.rs`;
//! `tests/lite.rs` fails when it is stale.

/// `(preset id, card hash)` for every built-in preset.
pub const HASHES: &[(&str, &str)] = &[
    ("heygen-credits", "e22b33826a9d9ff956981ad8a4e864fa7e8489369217faa1773b8cf5c00c5486"),
    ("heygen-gencredits", "3bf8f662713a2c4e583c7643a436e027269dd4dbc3d4c5cafc821b8162ab0f90"),
    ("heygen-api", "d0e20e1035f7c5eae577acaa7b92960444aafe439d409284726719e14e026b31"),
    ("heygen-liveavatar", "ac29e65ce31ac28aa4fdef0cd2dc790a1548d33e45a34998b2a88263d4b50bda"),
    ("heygen-payg", "d6b87b53dc45215c23cbaa5aa5d0c34306b7e2e9eb924ac9bc10ad7f1e113c42"),
    ("aistudios", "7db07c618c4ce841f5d5e0b6a66004fa79006e3ba127f669c0a2228252a17df2"),
];
