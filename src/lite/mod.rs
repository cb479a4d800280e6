//! The first-load module (`ratecard/lite`): the built-in presets read by a
//! small JSON reader written for size (`json.rs`, `card.rs`; serde_json is
//! its test oracle), the quote summary a checkout shows first ([`summary`]:
//! total, balance after, shortfall, what to buy), and the complete quote of a
//! plain request ([`quote`]: lines, explanations, sources, warnings, purchase
//! options and fingerprint), each equal field for field to the full module's.
//! The presets' card hashes come precomputed (`hashes.rs`), as the module has
//! no serde_json to write canonical JSON. On wasm32 with the `lite` cargo
//! feature, `wasm.rs` is the whole JS binding, with plain strings across the
//! boundary and no serde.

mod card;
mod hashes;
pub mod json;
#[cfg(all(target_arch = "wasm32", feature = "lite"))]
mod wasm;

use crate::book::Seal;
use crate::error::Result;
use crate::presets;
use crate::quote::{self, Quote, Summary};
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

/// The card hash of built-in preset `id` (precomputed; `tests/lite.rs`
/// checks it against the full module's).
pub fn preset_hash(id: &str) -> Option<&'static str> {
    hashes::HASHES.iter().find(|(k, _)| *k == id).map(|(_, h)| *h)
}

/// A preset ready to quote: its card and its seal (card hash and
/// fingerprint seed, from the precomputed hash).
pub struct Preset {
    /// The rate card, read by [`read`].
    pub card: RateCard,
    /// Its seal.
    pub seal: Seal,
}

impl Preset {
    /// Built-in preset `id`.
    ///
    /// # Errors
    /// `unknown_preset` naming the valid ids.
    pub fn of(id: &str) -> Result<Preset> {
        let card = preset(id)?;
        let hash = preset_hash(id).ok_or_else(|| presets::unknown(id))?;
        Ok(Preset { card, seal: Seal::precomputed(hash) })
    }

    /// The complete quote of `request` (no grants: those are the full
    /// module's), equal to the full module's `quote` field for field,
    /// fingerprint included.
    ///
    /// # Errors
    /// As the full quote.
    pub fn quote(&self, request: &QuoteRequest) -> Result<Quote> {
        day(request)?;
        let plan = self.card.plan(request.plan.as_deref())?;
        let mut q = quote::price(&self.card, plan, request)?;
        self.seal.stamp(request, &mut q);
        Ok(q)
    }
}

/// The request's `at` read as the full module reads it first (a preset is
/// one version, so the day picks nothing, but a day that is no date is
/// refused at `at`, as there).
fn day(request: &QuoteRequest) -> Result<()> {
    quote::quote_day(request).map(|_| ())
}

/// The quote summary of `request` on `card`: see [`quote::summary`].
///
/// # Errors
/// As the full quote: `unknown_plan`, `unknown_feature`, `invalid_option`,
/// `invalid_quantity`, `plan_limit`, `not_available`, `invalid_request`, `overflow`.
pub fn summary(card: &RateCard, request: &QuoteRequest) -> Result<Summary> {
    day(request)?;
    let plan = card.plan(request.plan.as_deref())?;
    quote::summary(card, plan, request)
}
