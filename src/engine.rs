//! [`RateEngine`]: one validated rate card, ready to quote.

use sha2::Sha256;
use std::sync::Arc;

use crate::error::{one_of, Error, ErrorKind, Result};
use crate::presets;
use crate::rate_card::{Plan, RateCard};

/// Largest duration an item may give, in seconds (1,000,000 s ≈ 11.6 days).
pub const MAX_SECONDS: u32 = 1_000_000;
/// Largest count an item, or a purchase, may give.
pub const MAX_QUANTITY: u32 = 1_000_000;
/// Most items in one quote.
pub const MAX_ITEMS: usize = 1_000;

/// A rate engine over one validated [`RateCard`]. Cheap to query, immutable.
///
/// # Example
/// ```
/// use ratecard::{RateEngine, QuoteRequest, Item};
/// let engine = RateEngine::preset("heygen-credits").unwrap();
/// let quote = engine.quote(&QuoteRequest {
///     plan: Some("business".into()),
///     items: vec![Item::seconds("avatar_iv", 90)],
///     ..Default::default()
/// }).unwrap();
/// assert_eq!(quote.total.to_string(), "30"); // 90 s × 20 credits/min
/// ```
#[derive(Debug, Clone)]
pub struct RateEngine {
    /// Shared: a preset's engine is parsed once per process and cloned cheaply.
    card: Arc<RateCard>,
    /// SHA-256 (hex) of the card's canonical JSON, computed once.
    card_hash: Arc<str>,
    /// The fingerprint's hash state after the card hash (see [`crate::integrity`]).
    fingerprint_seed: Sha256,
}

impl RateEngine {
    /// The engine for built-in preset `id` (see [`presets::ids`]).
    ///
    /// # Errors
    /// `unknown_preset` naming the valid ids.
    pub fn preset(id: &str) -> Result<Self> {
        Self::cached(id).cloned()
    }

    /// The engine of preset `id`, parsed, validated and hashed once per
    /// process and shared.
    pub(crate) fn cached(id: &str) -> Result<&'static RateEngine> {
        use std::sync::OnceLock;
        static CACHE: [OnceLock<Result<RateEngine>>; presets::COUNT] = [const { OnceLock::new() }; presets::COUNT];
        let slot = presets::index(id)
            .and_then(|i| CACHE.get(i))
            .ok_or_else(|| presets::unknown(id))?;
        slot.get_or_init(|| presets::load(id).and_then(Self::with))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The engine for an operator's own rate card, given as JSON text.
    ///
    /// # Errors
    /// `invalid_rate_card` with the JSON path of the first problem.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::with(RateCard::from_json(text)?)
    }

    /// The engine for a rate card built in Rust; validates it first.
    ///
    /// # Errors
    /// `invalid_rate_card` with the path of the first problem.
    pub fn new(card: RateCard) -> Result<Self> {
        card.validate()?;
        Self::with(card)
    }

    fn with(card: RateCard) -> Result<Self> {
        let card_hash = crate::integrity::sha256_hex(&crate::integrity::canonical(&card)?);
        Ok(RateEngine {
            card: Arc::new(card),
            fingerprint_seed: crate::integrity::fingerprint_seed(&card_hash),
            card_hash: card_hash.into(),
        })
    }

    /// SHA-256 (hex) of the rate card's canonical JSON: what a quote's
    /// `cardHash` must equal for [`RateEngine::verify`] to accept it.
    pub fn card_hash(&self) -> &str {
        &self.card_hash
    }

    pub(crate) fn fingerprint_seed(&self) -> &Sha256 {
        &self.fingerprint_seed
    }

    /// The rate card.
    pub fn card(&self) -> &RateCard {
        &self.card
    }

    /// Resolves the request's plan: the named one, or the only one.
    pub(crate) fn plan(&self, id: Option<&str>) -> Result<(&str, &Plan)> {
        let names = || one_of(self.card.plans.keys().map(String::as_str));
        match id {
            Some(id) => self
                .card
                .plans
                .get_key_value(id)
                .map(|(k, p)| (k.as_str(), p))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::UnknownPlan,
                        format!(
                            "plan: no plan \"{id}\" on rate card \"{}\"; plans: {}",
                            self.card.id,
                            names()
                        ),
                    )
                }),
            None if self.card.plans.len() == 1 => self
                .card
                .plans
                .first()
                .map(|(k, p)| (k.as_str(), p))
                .ok_or_else(|| Error::new(ErrorKind::UnknownPlan, "plan: the rate card has no plan")),
            None => Err(Error::new(
                ErrorKind::UnknownPlan,
                format!(
                    "plan: required, rate card \"{}\" has several plans: {}",
                    self.card.id,
                    names()
                ),
            )),
        }
    }
}
