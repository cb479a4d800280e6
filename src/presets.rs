//! The built-in rate cards, embedded in the crate at compile time (the rate
//! card layer: this module reads only `rate_card` and `error`).
//!
//! Each preset is a JSON file in `presets/` of the repository, made from one
//! public help-center article; every rate names the article (publisher,
//! title) and the section it comes from.

use std::sync::{Arc, OnceLock};

use crate::error::{one_of, Error, ErrorKind, Result};
use crate::rate_card::RateCard;

/// `(id, JSON text)` of every preset, in display order.
const PRESETS: &[(&str, &str)] = &[
    // HeyGen Help Center, “How to Use Credits on HeyGen”
    ("heygen-credits", include_str!("../presets/heygen-credits.json")),
    // HeyGen Help Center, “How to Use Generative Credits (GenCredits) Packs”
    ("heygen-gencredits", include_str!("../presets/heygen-gencredits.json")),
    // HeyGen Help Center, “HeyGen API / LiveAvatar Pricing & Subscriptions Explained”
    ("heygen-api", include_str!("../presets/heygen-api.json")),
    ("heygen-liveavatar", include_str!("../presets/heygen-liveavatar.json")),
    // HeyGen API documentation, “Pay-As-You-Go (self-serve) pricing”
    ("heygen-payg", include_str!("../presets/heygen-payg.json")),
    // AI Studios Help Center, “How to I add generative credits to my subscription?” (no per-feature rates)
    ("aistudios", include_str!("../presets/aistudios.json")),
];

/// How many presets there are.
pub(crate) const COUNT: usize = PRESETS.len();

/// The position of preset `id` in [`ids`].
pub(crate) fn index(id: &str) -> Option<usize> {
    PRESETS.iter().position(|(p, _)| *p == id)
}

/// The ids of the built-in rate cards, e.g. `["heygen-credits"]`.
pub fn ids() -> Vec<&'static str> {
    PRESETS.iter().map(|(id, _)| *id).collect()
}

/// The JSON text of preset `id`, or `None`.
pub fn json(id: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(p, _)| *p == id).map(|(_, text)| *text)
}

/// Parses and validates preset `id`.
///
/// # Errors
/// `unknown_preset` naming the valid ids; `invalid_rate_card` only if a
/// shipped preset is broken (a test guards every preset).
pub fn load(id: &str) -> Result<RateCard> {
    let text = json(id).ok_or_else(|| unknown(id))?;
    RateCard::from_json(text)
}

/// Preset `id`, parsed and validated once per process and shared.
///
/// # Errors
/// As [`load`].
pub fn shared(id: &str) -> Result<Arc<RateCard>> {
    static CACHE: [OnceLock<Result<Arc<RateCard>>>; COUNT] = [const { OnceLock::new() }; COUNT];
    let slot = index(id).and_then(|i| CACHE.get(i)).ok_or_else(|| unknown(id))?;
    slot.get_or_init(|| load(id).map(Arc::new)).clone()
}

/// The `unknown_preset` error for `id`, naming the valid ids.
pub(crate) fn unknown(id: &str) -> Error {
    Error::at(
        ErrorKind::UnknownPreset,
        "preset",
        format!("no preset \"{id}\"; presets: {}", one_of(ids())),
    )
}
