//! [`RateEngine`]: one validated rate card, ready to answer. This file is
//! the whole public API of the engine in one place: each method resolves
//! the request's plan and delegates to the module that owns the behaviour
//! (`quote`, `purchase`, `ledger`, `planner`, `integrity`).

use rust_decimal::Decimal;
use sha2::Sha256;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, ErrorKind, Result};
use crate::integrity::{self, Verification};
use crate::ledger::{self, Simulation};
use crate::planner::{self, Capacity, Comparison};
use crate::presets;
use crate::purchase::{self, Purchase};
use crate::quote::{self, Quote, Summary};
use crate::rate_card::RateCard;
use crate::request::{self, BuyPacksRequest, CapacityRequest, CompareRequest, CurveRequest, QuoteRequest, SimulateRequest};

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
    /// Shared: a preset's card is parsed once per process.
    card: Arc<RateCard>,
    /// SHA-256 (hex) of the card's canonical JSON, computed once.
    card_hash: Arc<str>,
    /// The fingerprint's hash state after the card hash (see `integrity`).
    fingerprint_seed: Sha256,
}

impl RateEngine {
    /// The engine for built-in preset `id` (see [`presets::ids`]); built
    /// once per process and cloned cheaply.
    ///
    /// # Errors
    /// `unknown_preset` naming the valid ids.
    pub fn preset(id: &str) -> Result<Self> {
        static CACHE: [OnceLock<Result<RateEngine>>; presets::COUNT] = [const { OnceLock::new() }; presets::COUNT];
        let slot = presets::index(id)
            .and_then(|i| CACHE.get(i))
            .ok_or_else(|| presets::unknown(id))?;
        slot.get_or_init(|| presets::shared(id).and_then(Self::with)).clone()
    }

    /// The engine for an operator's own rate card, given as JSON text.
    ///
    /// # Errors
    /// `invalid_rate_card` with the JSON path of the first problem.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::with(Arc::new(RateCard::from_json(text)?))
    }

    /// The engine for a rate card built in Rust; validates it first.
    ///
    /// # Errors
    /// `invalid_rate_card` with the path of the first problem.
    pub fn new(card: RateCard) -> Result<Self> {
        card.validate()?;
        Self::with(Arc::new(card))
    }

    fn with(card: Arc<RateCard>) -> Result<Self> {
        let card_hash = integrity::sha256_hex(&integrity::canonical(&*card)?);
        Ok(RateEngine {
            card,
            fingerprint_seed: integrity::fingerprint_seed(&card_hash),
            card_hash: card_hash.into(),
        })
    }

    /// The rate card.
    pub fn card(&self) -> &RateCard {
        &self.card
    }

    /// SHA-256 (hex) of the rate card's canonical JSON: what a quote's
    /// `cardHash` must equal for [`RateEngine::verify`] to accept it.
    pub fn card_hash(&self) -> &str {
        &self.card_hash
    }

    /// Prices `request`: one line per item, the total, the balance after, the
    /// shortfall and, when short, the purchases that cover it, cheapest
    /// first (see [`quote::price`]). Given `grants` instead of a balance,
    /// each line says which grants it burns (see [`ledger::with_grants`]).
    /// The quote's fingerprint binds the request and every amount.
    ///
    /// # Errors
    /// `unknown_plan`, `unknown_feature`, `invalid_option`,
    /// `invalid_quantity`, `plan_limit`, `not_available`, `invalid_request`,
    /// `overflow`, each with the field's path.
    ///
    /// # Example
    /// ```
    /// use ratecard::{RateEngine, QuoteRequest, Item};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let q = engine.quote(&QuoteRequest {
    ///     plan: Some("business".into()),
    ///     items: vec![Item::seconds("avatar_iv", 120)],
    ///     balance: Some("10".parse().unwrap()),
    ///     ..Default::default()
    /// }).unwrap();
    /// assert_eq!(q.shortfall.to_string(), "30");
    /// assert_eq!(q.purchase[0].quantity, 1);           // one 100-credit block
    /// assert_eq!(q.purchase[0].price.to_string(), "5.00");
    /// ```
    pub fn quote(&self, request: &QuoteRequest) -> Result<Quote> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        let mut quote = match &request.grants {
            Some(grants) => ledger::with_grants(&self.card, &self.card_hash, plan_id, plan, request, grants)?,
            None => quote::price(&self.card, &self.card_hash, plan_id, plan, request)?,
        };
        quote.fingerprint = integrity::fingerprint(&self.fingerprint_seed, request, &quote);
        Ok(quote)
    }

    /// The item's amount, in the card's unit, at each duration of the curve
    /// (see [`quote::curve`]). One call for a whole chart.
    ///
    /// # Errors
    /// As [`quote::curve`].
    pub fn quote_curve(&self, request: &CurveRequest) -> Result<Vec<Decimal>> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        quote::curve(&self.card, plan_id, plan, request)
    }

    /// Buys `quantity` of the plan's product (see [`purchase::buy`]).
    ///
    /// # Errors
    /// As [`purchase::buy`].
    pub fn buy_packs(&self, request: &BuyPacksRequest) -> Result<Purchase> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        purchase::buy(&self.card, plan_id, plan, request)
    }

    /// Simulates the wallet over a window (see [`ledger`] for the order of
    /// each day and the burn-down order).
    ///
    /// # Errors
    /// As [`ledger::simulate`].
    ///
    /// # Example
    /// ```
    /// use ratecard::{RateEngine, request};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let sim = engine.simulate(&request::from_json(r#"{
    ///     "plan": "creator", "start": "2026-01-01", "until": "2026-02-15",
    ///     "usage": [{ "at": "2026-01-10", "feature": "avatar_iv", "seconds": 300 }] }"#).unwrap()).unwrap();
    /// assert_eq!(sim.balance.to_string(), "1100"); // 600 − 100, rolled over, + 600
    /// assert_eq!(sim.spent.to_string(), "58.00");
    /// ```
    pub fn simulate(&self, request: &SimulateRequest) -> Result<Simulation> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        ledger::simulate(&self.card, plan_id, plan, request)
    }

    /// The most of a feature the balance buys (see [`planner::capacity`]).
    ///
    /// # Errors
    /// As [`planner::capacity`].
    pub fn capacity(&self, request: &CapacityRequest) -> Result<Capacity> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        planner::capacity(&self.card, plan_id, plan, request)
    }

    /// Prices a workload for one month on every plan of every preset (or
    /// those named), cheapest first (see [`planner::compare`]).
    ///
    /// # Errors
    /// As [`planner::compare`].
    pub fn compare(request: &CompareRequest) -> Result<Vec<Comparison>> {
        planner::compare(request)
    }

    /// The figures a checkout shows first: total, balance, balance after,
    /// shortfall and purchase options, each equal to [`RateEngine::quote`]'s,
    /// without lines, explanations, warnings or fingerprint (cheaper).
    ///
    /// # Errors
    /// As [`RateEngine::quote`].
    ///
    /// # Example
    /// ```
    /// use ratecard::{request, RateEngine};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let req = request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}],"balance":"10"}"#).unwrap();
    /// let s = engine.quote_summary(&req).unwrap();
    /// assert_eq!((s.total.to_string(), s.shortfall.to_string()), ("30".into(), "20".into()));
    /// assert_eq!(s.purchase[0].price.to_string(), "5.00");
    /// ```
    pub fn quote_summary(&self, request: &QuoteRequest) -> Result<Summary> {
        let (plan_id, plan) = self.card.plan(request.plan.as_deref())?;
        quote::summary(&self.card, plan_id, plan, request)
    }

    /// Recomputes the quote for `request` and compares it with `quote` (as
    /// the page showed it), so a server charges exactly that amount or
    /// refuses. The fingerprint alone proves nothing (it is an unkeyed
    /// checksum); this recomputation does.
    ///
    /// # Errors
    /// Any error of [`RateEngine::quote`] for the request.
    ///
    /// # Example
    /// ```
    /// use ratecard::{integrity::Verdict, request, RateEngine};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let req = request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}]}"#).unwrap();
    /// let mut quote = engine.quote(&req).unwrap();
    /// assert_eq!(engine.verify(&req, &quote).unwrap().verdict, Verdict::Match);
    /// quote.total = "3".parse().unwrap();
    /// assert_eq!(engine.verify(&req, &quote).unwrap().verdict, Verdict::Altered);
    /// ```
    pub fn verify(&self, request: &QuoteRequest, quote: &Quote) -> Result<Verification> {
        let quote = serde_json::to_value(quote)
            .map_err(|e| Error::at(ErrorKind::InvalidRequest, "quote", e.to_string()))?;
        self.verify_value(request, &quote)
    }

    /// [`RateEngine::verify`] with the request and the quote as JSON text,
    /// as a server receives them from the page. The quote is compared as
    /// JSON, field by field: it must be exactly what `quote` wrote.
    ///
    /// # Errors
    /// `invalid_request` when either text does not parse, or the quote has
    /// no `rateCard`, `version` or `cardHash` string; as `verify`.
    pub fn verify_json(&self, request: &str, quote: &str) -> Result<Verification> {
        let request = request::from_json(request)?;
        let quote: serde_json::Value = serde_json::from_str(quote)
            .map_err(|e| Error::at(ErrorKind::InvalidRequest, "quote", e.to_string()))?;
        self.verify_value(&request, &quote)
    }

    /// [`RateEngine::verify_json`] against the server's own records: the
    /// quote is recomputed from `request` with what `records` gives (plan,
    /// balance or grants, this period's usage, the day) in place of the
    /// page's claims. A claim that differs from the records is `altered`,
    /// naming the field, whatever the amounts: a buyer who leaves this month's
    /// usage out gets no cheaper charge.
    ///
    /// # Errors
    /// `invalid_request` when a text does not parse (`records` at
    /// `records`); as `verify`.
    ///
    /// # Example
    /// ```
    /// use ratecard::{integrity::Verdict, RateEngine};
    /// let engine = RateEngine::preset("heygen-gencredits").unwrap();
    /// // The page left out this month's 120 minutes of translation: 0 credits.
    /// let req = r#"{"plan":"creator","items":[{"feature":"video_translation","seconds":3600}],"balance":"300"}"#;
    /// let quote = serde_json::to_string(&engine.quote(&ratecard::request::from_json(req).unwrap()).unwrap()).unwrap();
    /// let records = r#"{"plan":"creator","balance":"300","periodUsage":{"video_translation":7200}}"#;
    /// let v = engine.verify_json_with(req, &quote, records).unwrap();
    /// assert_eq!(v.verdict, Verdict::Altered);
    /// assert_eq!(v.expected.unwrap().total.to_string(), "300");
    /// ```
    pub fn verify_json_with(&self, request: &str, quote: &str, records: &str) -> Result<Verification> {
        let request = request::from_json(request)?;
        let records: request::ServerRecords = request::from_json(records).map_err(|e| e.context("records"))?;
        let quote: serde_json::Value = serde_json::from_str(quote)
            .map_err(|e| Error::at(ErrorKind::InvalidRequest, "quote", e.to_string()))?;
        self.verify_with(&request, &quote, &records)
    }

    /// [`RateEngine::verify_json_with`] with the request and records typed.
    ///
    /// # Errors
    /// As [`RateEngine::verify_json_with`].
    pub fn verify_with(&self, request: &QuoteRequest, quote: &serde_json::Value, records: &request::ServerRecords) -> Result<Verification> {
        if let Some(stale) = integrity::stale(&self.card, &self.card_hash, integrity::Shown::of(quote)?) {
            return Ok(stale);
        }
        let (request, differs) = records.apply(request);
        let expected = self.quote(&request)?;
        match differs {
            Some(field) => Ok(Verification {
                verdict: integrity::Verdict::Altered,
                message: format!("the request's {field} is not the server's record: the quote was made for other facts"),
                expected: Some(expected),
            }),
            None => Ok(integrity::compare(expected, quote)),
        }
    }

    /// Stale card first (no quote is recomputed), then the comparison.
    fn verify_value(&self, request: &QuoteRequest, quote: &serde_json::Value) -> Result<Verification> {
        self.verify_with(request, quote, &request::ServerRecords::default())
    }
}
