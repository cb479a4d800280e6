//! The first-load module (`ratecard/lite`): the built-in presets read by a
//! small JSON reader written for size (`json.rs`, `card.rs`; serde_json is
//! its test oracle), and the quote summary a checkout shows first
//! ([`summary`]: total, balance after, shortfall, what to buy), equal field
//! for field to the full quote's. On wasm32 with the `lite` cargo feature,
//! `wasm.rs` is the whole JS binding: `presetIds`, `preset` and
//! `quoteSummary`, with plain strings across the boundary and no serde.

mod card;
pub mod json;
#[cfg(all(target_arch = "wasm32", feature = "lite"))]
mod wasm;

use crate::error::Result;
use crate::presets;
use crate::quote::{self, Summary};
use crate::rate_card::RateCard;
use crate::request::QuoteRequest;

/// A rate card from JSON text, read without serde and not validated (for
/// the built-in presets, which the full reader validates in every test run).
///
/// # Errors
/// `invalid_rate_card` for text that is not JSON of the rate-card shape.
pub fn read(text: &str) -> Result<RateCard> {
    card::card(&json::parse(text)?)
}

/// Built-in preset `id`, read by [`read`].
///
/// # Errors
/// `unknown_preset` naming the valid ids.
pub fn preset(id: &str) -> Result<RateCard> {
    read(presets::json(id).ok_or_else(|| presets::unknown(id))?)
}

/// The quote summary of `request` on `card`: see [`quote::summary`].
///
/// # Errors
/// As the full quote: `unknown_plan`, `unknown_feature`, `invalid_option`,
/// `invalid_quantity`, `plan_limit`, `not_available`, `invalid_request`, `overflow`.
pub fn summary(card: &RateCard, request: &QuoteRequest) -> Result<Summary> {
    let (plan_id, plan) = card.plan(request.plan.as_deref())?;
    quote::summary(card, plan_id, plan, request)
}
