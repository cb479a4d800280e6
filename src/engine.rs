//! [`RateEngine`]: one validated rate card, or a price book of its versions,
//! ready to answer. This file is the whole public API of the engine in one
//! place: each method picks the version in force on the request's day,
//! resolves the request's plan and delegates to the module that owns the
//! behaviour (`quote`, `purchase`, `ledger`, `planner`, `integrity`).

use rust_decimal::Decimal;
use std::sync::{Arc, OnceLock};

use crate::book::{self, Change, PriceBook, SealedBook, Upcoming, VersionInfo};
use crate::date::{parse_date, Date};
use crate::error::{Error, ErrorKind, Result};
use crate::hold::{self, Settlement};
use crate::integrity::{self, HeldVerification, Verdict, Verification, VerifyOptions};
use crate::ledger::{self, Simulation};
use crate::planner::{self, Capacity, Comparison};
use crate::presets;
use crate::purchase::{self, Purchase};
use crate::quote::{self, Quote, Summary};
use crate::rate_card::RateCard;
use crate::request::{self, BuyPacksRequest, CapacityRequest, CompareRequest, CurveRequest, Hold, Item, QuoteRequest, SettleRequest, SimulateRequest};

/// A rate engine over one validated [`RateCard`], or a [`PriceBook`] of its
/// versions (each request is priced with the version in force on its `at`).
/// Cheap to query, immutable.
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
    /// The versions (one for a card on its own), each sealed once; a
    /// preset's engine is built once per process and shared.
    book: SealedBook,
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
        slot.get_or_init(|| presets::shared(id).and_then(|card| Self::with(PriceBook::single(card)))).clone()
    }

    /// The engine for an operator's own rate card, or a price book of its
    /// versions (a JSON array, see [`crate::book`]), given as JSON text.
    ///
    /// # Errors
    /// `invalid_rate_card` with the JSON path of the first problem (into the
    /// array for a book: `[1].effectiveFrom`).
    pub fn from_json(text: &str) -> Result<Self> {
        Self::with(PriceBook::from_json(text)?)
    }

    /// The engine for a price book built in Rust.
    ///
    /// # Errors
    /// `invalid_request` when a version cannot be written as canonical JSON
    /// (never for a validated book).
    pub fn from_book(book: PriceBook) -> Result<Self> {
        Self::with(book)
    }

    /// The engine for a rate card built in Rust; validates it first.
    ///
    /// # Errors
    /// `invalid_rate_card` with the path of the first problem.
    pub fn new(card: RateCard) -> Result<Self> {
        card.validate()?;
        Self::with(PriceBook::single(Arc::new(card)))
    }

    fn with(book: PriceBook) -> Result<Self> {
        Ok(RateEngine { book: SealedBook::new(book)? })
    }

    /// The newest version's rate card (the only one of a card on its own);
    /// [`RateEngine::card_at`] gives the one in force on a day.
    pub fn card(&self) -> &RateCard {
        self.card_of(self.newest())
    }

    /// SHA-256 (hex) of the newest version's canonical JSON: what a quote's
    /// `cardHash` must equal for [`RateEngine::verify`] to accept it.
    pub fn card_hash(&self) -> &str {
        self.book.seal(self.book.newest()).card_hash()
    }

    /// The price book: every version, oldest first.
    pub fn book(&self) -> &PriceBook {
        self.book.book()
    }

    /// Every version: `version`, `effectiveFrom` and `cardHash`, oldest first.
    pub fn versions(&self) -> Vec<VersionInfo> {
        self.book.versions()
    }

    /// The rate card in force on `at` (`YYYY-MM-DD`).
    ///
    /// # Errors
    /// `invalid_request` at `at` for a day that is no date, none for a book
    /// of several versions, or a day before the first takes effect.
    pub fn card_at(&self, at: Option<&str>) -> Result<&RateCard> {
        Ok(self.card_of(self.version_at(at)?))
    }

    /// What changed from version `from` to version `to` (each a `version`
    /// of this book), in the card's own names (see [`book::diff`]).
    ///
    /// # Errors
    /// `invalid_request` at `from` or `to` naming the book's versions.
    pub fn diff(&self, from: &str, to: &str) -> Result<Vec<Change>> {
        book::diff(self.book.named(from, "from")?, self.book.named(to, "to")?)
    }

    /// The next version, when it takes effect within
    /// [`PRICE_CHANGE_NOTICE_DAYS`](crate::limits::PRICE_CHANGE_NOTICE_DAYS)
    /// days after `at` (`YYYY-MM-DD`): what a checkout tells a buyer before
    /// prices change. `None` for a card on its own, or no change that soon.
    ///
    /// # Errors
    /// As [`RateEngine::card_at`].
    pub fn upcoming(&self, at: &str) -> Result<Option<Upcoming>> {
        self.book.upcoming(parse_date(at, "at")?)
    }

    fn newest(&self) -> usize {
        self.book.newest()
    }

    fn card_of(&self, index: usize) -> &RateCard {
        self.book.book().version(index)
    }

    /// The version in force on the request's `at`.
    fn version_at(&self, at: Option<&str>) -> Result<usize> {
        self.book.book().in_force(day_of(at)?)
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
        let day = quote::quote_day(request)?;
        self.quote_in(self.book.book().in_force(day)?, day, request)
    }

    /// The least and the most a job can cost when its length is known only
    /// after it runs: each item's `seconds` (the least) and `maxSeconds` (the
    /// most; its `seconds` where it gives none), two complete quotes of the
    /// version in force on the request's day, each sealed as [`RateEngine::quote`]
    /// seals one. The high quote's shortfall and purchases cover the most it
    /// can cost.
    ///
    /// # Errors
    /// As [`RateEngine::quote`]; `invalid_quantity` at `items[i].maxSeconds`
    /// for a `maxSeconds` without `seconds` or below it; an error of the high
    /// end about an item's length (`plan_limit`, a feature's maximum) names
    /// its `maxSeconds`.
    ///
    /// # Example
    /// ```
    /// # use ratecard::{RateEngine, request};
    /// let engine = RateEngine::preset("heygen-api")?;
    /// // A video of 61 to 100 seconds on API Pro: billed in 30-second steps.
    /// let r = request::from_json(r#"{"plan":"pro","items":[{"feature":"video_avatar","seconds":61,"maxSeconds":100}]}"#)?;
    /// let range = engine.quote_range(&r)?;
    /// assert_eq!((range.low.lines[0].billed.to_string(), range.high.lines[0].billed.to_string()), ("90".into(), "120".into()));
    /// # Ok::<(), ratecard::Error>(())
    /// ```
    pub fn quote_range(&self, request: &QuoteRequest) -> Result<quote::QuoteRange> {
        quote::check(request)?;
        let low = self.quote(&quote::range_end(request, false))?;
        let high = self.quote(&quote::range_end(request, true)).map_err(|e| quote::at_max_seconds(e, request))?;
        Ok(quote::QuoteRange { low, high })
    }

    /// [`RateEngine::quote`] with version `index` on `day` (the request's
    /// `at`, read once by the caller): priced by the core, then stamped by
    /// the book (its price-change warning, card hash and fingerprint).
    /// Open holds (`request.holds`) are taken off the balance or grants first.
    fn quote_in(&self, index: usize, day: Option<Date>, request: &QuoteRequest) -> Result<Quote> {
        let card = self.card_of(index);
        let plan = card.plan(request.plan.as_deref())?;
        let open = hold::available(request, day)?;
        let priced = open.as_ref().map_or(request, |o| &o.request);
        let mut quote = match &priced.grants {
            Some(grants) => ledger::with_grants(card, plan, priced, grants)?,
            None => quote::price(card, plan, priced)?,
        };
        if let Some(o) = open.filter(|o| o.open > 0) {
            let n = if o.open == 1 { "1 open hold".to_string() } else { format!("{} open holds", o.open) };
            quote.warnings.push(format!("{} {} held by {n}: the balance is what is left", card.shape_amount(o.held), card.unit));
        }
        self.book.stamp(index, day, request, plan, &mut quote);
        Ok(quote)
    }

    /// Holds the most a job can cost until it has run: the high end of its
    /// range ([`RateEngine::quote_range`]) on the request's day, by the version
    /// in force then, reserved from the balance or grants (less the request's
    /// other open `holds`) in burn-down order, never from a grant that expires
    /// before the hold does. It lasts `holdFor` days (default 1, at most the
    /// card's `maxHoldDays`, default 7): it may be settled through its
    /// `expiresAt`. Give the server's own records (balance or grants, open
    /// holds, the period's usage, today), never the page's.
    ///
    /// # Errors
    /// As [`RateEngine::quote_range`]; `invalid_request` at `at` when the
    /// request names no day, at `holdFor` outside 1 to the card's
    /// `maxHoldDays`, at `holds[i]…` for holds the records do not agree with.
    ///
    /// # Example
    /// ```
    /// # use ratecard::{RateEngine, request};
    /// let engine = RateEngine::preset("heygen-api")?;
    /// // 61 to 100 seconds on API Pro (30-second steps): at most 120 s, 2 credits, held from the balance.
    /// let r = request::from_json(r#"{"plan":"pro","balance":"100","at":"2026-12-03",
    ///     "items":[{"feature":"video_avatar","seconds":61,"maxSeconds":100}]}"#)?;
    /// let hold = engine.hold(&r)?;
    /// assert_eq!((hold.credits.to_string(), hold.expires_at.to_string()), ("2".into(), "2026-12-04".into()));
    /// # Ok::<(), ratecard::Error>(())
    /// ```
    pub fn hold(&self, request: &QuoteRequest) -> Result<Hold> {
        let day = quote::quote_day(request)?
            .ok_or_else(|| Error::at(ErrorKind::InvalidRequest, "at", "a hold needs its day (YYYY-MM-DD): the server's today"))?;
        let index = self.book.book().in_force(Some(day))?;
        let card = self.card_of(index);
        let days = card.hold_days(request.hold_for)?;
        let expires = day
            .checked_add_days(i32::try_from(days).unwrap_or(i32::MAX))
            .ok_or_else(|| Error::at(ErrorKind::InvalidRequest, "holdFor", "the hold would end past the calendar"))?;
        // Only the high end is held: priced alone (`quote_range` would price both).
        quote::check(request)?;
        let high = self.quote(&quote::range_end(request, true)).map_err(|e| quote::at_max_seconds(e, request))?;
        let open = hold::available(request, Some(day))?;
        hold::make(card, &high, open.as_ref().map_or(request, |o| &o.request), day, expires)
    }

    /// Settles `hold` with what the job actually ran (`request.items`; none
    /// for a failed job) on `request.at`: priced at the hold's version and
    /// day (the price quoted is the price charged, even after a price
    /// change), captured from the hold's reserve, at most the hold unless the
    /// card's `overrun` is `"charge"`, the rest released (see [`hold`]).
    ///
    /// # Errors
    /// `invalid_hold` for a hold whose fingerprint does not match its fields,
    /// or whose version this engine does not hold; `hold_expired` after its
    /// `expiresAt`; `already_settled` when `settledHolds` names it;
    /// `invalid_request` at `at` before the hold's day; the quote's errors for
    /// an item (at `items[i]…`).
    pub fn settle(&self, held: &Hold, request: &SettleRequest) -> Result<Settlement> {
        hold::check(held).map_err(|e| e.context("hold"))?;
        let index = self.book.find(&held.rate_card, &held.version, &held.card_hash).ok_or_else(|| {
            Error::at(ErrorKind::InvalidHold, "version", format!("no version \"{}\" of rate card \"{}\" with this card hash here", held.version, held.rate_card))
                .context("hold")
        })?;
        let day = hold::admit(held, request)?;
        let card = self.card_of(index);
        let plan = card.plan(Some(&held.plan)).map_err(|e| e.context("hold"))?;
        let priced = if request.items.is_empty() {
            None
        } else {
            let job = QuoteRequest {
                plan: Some(held.plan.clone()),
                items: request.items.iter().map(|i| Item { max_seconds: None, ..i.clone() }).collect(),
                balance: Some(held.credits),
                period_usage: held.period_usage.clone(),
                ..Default::default()
            };
            Some(self.quote_in(index, Some(held.at), &job)?)
        };
        hold::settle(card, plan, held, request, day, priced)
    }

    /// The item's amount, in the card's unit, at each duration of the curve
    /// (see [`quote::curve`]). One call for a whole chart.
    ///
    /// # Errors
    /// As [`quote::curve`].
    pub fn quote_curve(&self, request: &CurveRequest) -> Result<Vec<Decimal>> {
        let card = self.card_at(request.at.as_deref())?;
        let plan = card.plan(request.plan.as_deref())?;
        quote::curve(card, plan, request)
    }

    /// Buys `quantity` of the plan's product (see [`purchase::buy`]).
    ///
    /// # Errors
    /// As [`purchase::buy`].
    pub fn buy_packs(&self, request: &BuyPacksRequest) -> Result<Purchase> {
        let card = self.card_at(request.at.as_deref())?;
        let plan = card.plan(request.plan.as_deref())?;
        purchase::buy(card, plan, request)
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
        let first = self.version_at(Some(request.start.as_str())).map_err(|e| match e.path().first() {
            Some(crate::error::PathSegment::Key(k)) if k == "at" => Error::at(e.kind(), "start", e.detail().to_string()),
            _ => e,
        })?;
        let plan = self.card_of(first).plan(request.plan.as_deref())?;
        ledger::simulate(self.book.book(), first, plan, request)
    }

    /// The most of a feature the balance buys (see [`planner::capacity`]).
    ///
    /// # Errors
    /// As [`planner::capacity`].
    pub fn capacity(&self, request: &CapacityRequest) -> Result<Capacity> {
        let card = self.card_at(request.at.as_deref())?;
        let plan = card.plan(request.plan.as_deref())?;
        planner::capacity(card, plan, request)
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
        let day = quote::quote_day(request)?;
        let card = self.card_of(self.book.book().in_force(day)?);
        let plan = card.plan(request.plan.as_deref())?;
        let open = hold::available(request, day)?;
        quote::summary(card, plan, open.as_ref().map_or(request, |o| &o.request))
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

    /// [`RateEngine::verify_json_with`] with the request and records typed,
    /// and the default [`VerifyOptions`] (a quote at most 1 day old).
    ///
    /// # Errors
    /// As [`RateEngine::verify_json_with`].
    pub fn verify_with(&self, request: &QuoteRequest, quote: &serde_json::Value, records: &request::ServerRecords) -> Result<Verification> {
        self.verify_within(request, quote, records, VerifyOptions::default())
    }

    /// Verifies `quote` (as the page showed it) for `request` against the
    /// server's own `records`, **on the server's day**: `records.at`, else
    /// (natively) today's date in UTC from the system clock, never the day
    /// the request names. The verdict, in this order:
    /// - `stale_card`: the quote names a version this engine does not hold;
    /// - `altered`: a claim of the request differs from the records, the
    ///   quote is dated after the server's day, it is not what its request
    ///   gives with the version in force on its own day, or (undated) the
    ///   records give other amounts on the server's day;
    /// - `expired`: the quote is more than `options.max_age_days` days older
    ///   than the server's day, or the records on the server's day (grants
    ///   that expired since, say) give other amounts;
    /// - `superseded`: a newer version is in force on the server's day;
    /// - `match`: charge it.
    ///
    /// The result says the quote's day, the server's day, the quote's
    /// version and the version in force; `expected` is the quote to charge
    /// on the server's day (for `match`, the quote itself, recomputed).
    ///
    /// # Errors
    /// `invalid_request` at `records.at` for a day that is no date or that
    /// no version covers (on wasm32 without `records.at`: the binding gives
    /// the server's local date); any error of [`RateEngine::quote`] for the
    /// request with the records applied.
    pub fn verify_within(
        &self,
        request: &QuoteRequest,
        quote: &serde_json::Value,
        records: &request::ServerRecords,
        options: VerifyOptions,
    ) -> Result<Verification> {
        let server_day = || records_day(records);
        let price = |index: usize, day: Option<Date>, request: &QuoteRequest| self.quote_in(index, day, request);
        integrity::verify(&self.book, price, &integrity::Claim { request, quote, records }, server_day, options)
    }

    /// Verifies `hold` (as a page or a job runner gave it back) against the
    /// hold the server's own `records` give for `request` (plan, balance or
    /// grants, open holds, the period's usage replace the request's), on the
    /// server's day (`records.at`, else today in UTC natively). The verdict,
    /// in this order: `stale_card` (a version this engine does not hold),
    /// `altered` (a claim differs from the records, the hold is dated after
    /// the server's day, or it is not the hold the request gives), `expired`
    /// (its `expiresAt` is before the server's day), `superseded` (a newer
    /// version is in force: the hold still settles at its own prices), `match`.
    ///
    /// # Errors
    /// `invalid_request` at `hold` for an object that is no hold, at
    /// `records.at` as [`RateEngine::verify_within`]; the request's own errors.
    pub fn verify_hold(&self, request: &QuoteRequest, hold: &serde_json::Value, records: &request::ServerRecords) -> Result<HeldVerification> {
        // Read field by field, not as a typed `Hold`: a second deserializer of it would grow the wasm module.
        let claim = HeldClaim::of(hold, "hold")?;
        let Some(index) = self.book.find(&claim.rate_card, &claim.version, &claim.card_hash) else {
            let why = format!("the hold names version \"{}\" of \"{}\", which this engine does not hold", claim.version, claim.rate_card);
            return Ok(HeldVerification::new(Verdict::StaleCard, why, None));
        };
        let day = records_day(records)?;
        // The records may list this hold among the open ones: it does not hold against itself.
        let mut records = records.clone();
        if let Some(holds) = records.holds.as_mut() {
            holds.retain(|h| h.fingerprint != claim.fingerprint);
        }
        let (mut r, differs) = records.apply(request);
        // An undated request (JS's `hold` dates it with the server's day) is the hold's own day.
        r.at = r.at.or_else(|| Some(claim.at.to_string()));
        let expected = self.hold(&r)?;
        let in_force = self.book.book().in_force(Some(day)).unwrap_or(index);
        let fields = integrity::differing(&expected, hold);
        let (verdict, message) = if let Some(field) = differs {
            (Verdict::Altered, format!("the request's {field} is not the server's record"))
        } else if claim.at > day {
            (Verdict::Altered, format!("the hold is dated {}, after the server's day {day}", claim.at))
        } else if !fields.is_empty() {
            (Verdict::Altered, format!("the hold differs from the request's in: {}", fields.join(", ")))
        } else if claim.expires_at < day {
            (Verdict::Expired, format!("the hold expired after {}: it released everything", claim.expires_at))
        } else if in_force > index {
            (Verdict::Superseded, format!("version {} is in force now; the hold settles at {}'s prices", self.card_of(in_force).version, claim.version))
        } else {
            (Verdict::Match, "the hold is the one the records give".to_string())
        };
        let mut v = HeldVerification::new(verdict, message, Some(integrity::Held::Hold(expected)));
        v.server_day = Some(day.to_string());
        v.version = Some(claim.version);
        v.version_in_force = Some(self.card_of(in_force).version.clone());
        Ok(v)
    }

    /// Verifies `settlement` of `hold` for `request` (the lengths the job
    /// ran): recomputed with the server's `records` (balance or grants and
    /// open holds replace the request's, for an overrun charged) on the
    /// server's day. `stale_card` for a hold of a version this engine does not
    /// hold; `altered` when a claim differs from the records, the settlement
    /// is dated after the server's day, the hold cannot be settled (altered,
    /// expired, already settled), or the settlement is not what the hold and
    /// lengths give; else `match`. Never `superseded`: a hold settles at its
    /// own version's prices, whatever is in force since.
    ///
    /// # Errors
    /// `invalid_request` at `settlement` for an object that is no
    /// settlement; at `records.at`; the items' own errors.
    pub fn verify_settlement(&self, hold: &Hold, request: &SettleRequest, settlement: &serde_json::Value, records: &request::ServerRecords) -> Result<HeldVerification> {
        // Compared as JSON, as a quote is: no typed read of a whole `Settlement` (its lines).
        let claim = HeldClaim::of(settlement, "settlement")?;
        if self.book.find(&hold.rate_card, &hold.version, &hold.card_hash).is_none() {
            let why = format!("the hold names version \"{}\" of \"{}\", which this engine does not hold", hold.version, hold.rate_card);
            return Ok(HeldVerification::new(Verdict::StaleCard, why, None));
        }
        let day = records_day(records)?;
        let mut r = request.clone();
        let mut differs = None;
        // A settle request that gives no balance, grants or holds claims none:
        // one that gives other ones than the records is altered.
        if records.balance.is_some() || records.grants.is_some() {
            let claimed = r.balance.is_some() || r.grants.is_some();
            if claimed && (r.balance != records.balance || r.grants != records.grants) {
                differs = Some(if records.grants.is_some() { "grants" } else { "balance" });
            }
            r.balance = records.balance;
            r.grants = records.grants.clone();
        }
        if let Some(holds) = &records.holds {
            differs = differs.or((!r.holds.is_empty() && &r.holds != holds).then_some("holds"));
            r.holds = holds.clone();
        }
        let (verdict, message, expected) = match self.settle(hold, &r) {
            Err(e) if matches!(e.kind(), ErrorKind::InvalidHold | ErrorKind::HoldExpired | ErrorKind::AlreadySettled) => {
                (Verdict::Altered, format!("the hold cannot be settled: {}", e.message()), None)
            }
            Err(e) => return Err(e),
            Ok(expected) => {
                let fields = integrity::differing(&expected, settlement);
                let (verdict, message) = if let Some(field) = differs {
                    (Verdict::Altered, format!("the request's {field} is not the server's record"))
                } else if claim.at > day {
                    (Verdict::Altered, format!("the settlement is dated {}, after the server's day {day}", claim.at))
                } else if !fields.is_empty() {
                    (Verdict::Altered, format!("the settlement differs from what the hold and lengths give in: {}", fields.join(", ")))
                } else {
                    (Verdict::Match, "the settlement is the one the hold and lengths give".to_string())
                };
                (verdict, message, Some(integrity::Held::Settlement(expected)))
            }
        };
        let mut v = HeldVerification::new(verdict, message, expected);
        v.server_day = Some(day.to_string());
        v.version = Some(hold.version.clone());
        Ok(v)
    }

    /// Stale card first (no quote is recomputed), then the comparison.
    fn verify_value(&self, request: &QuoteRequest, quote: &serde_json::Value) -> Result<Verification> {
        self.verify_with(request, quote, &request::ServerRecords::default())
    }
}

/// What `verify_hold` and `verify_settlement` read of a claim (a hold or a
/// settlement as JSON) before recomputing it: its names and days.
struct HeldClaim {
    rate_card: String,
    version: String,
    card_hash: String,
    fingerprint: String,
    at: Date,
    expires_at: Date,
}

impl HeldClaim {
    /// The claim's fields; `invalid_request` at `what` for one that is not there or not of its kind.
    fn of(value: &serde_json::Value, what: &str) -> Result<HeldClaim> {
        let text = |key: &str| value.get(key).and_then(serde_json::Value::as_str).map(str::to_string);
        let need = |key: &str| text(key).ok_or_else(|| Error::at(ErrorKind::InvalidRequest, key, format!("expected the {what}'s `{key}` (a string)")).context(what));
        let day = |key: &str| need(key).and_then(|d| parse_date(&d, key).map_err(|e| e.context(what)));
        let at = day("at")?;
        Ok(HeldClaim {
            rate_card: need("rateCard")?,
            version: need("version")?,
            card_hash: need("cardHash")?,
            fingerprint: need("fingerprint")?,
            at,
            expires_at: if what == "hold" { day("expiresAt")? } else { at },
        })
    }
}

/// The server's day: its records' `at`, else its clock (the core reads none).
fn records_day(records: &request::ServerRecords) -> Result<Date> {
    match records.at.as_deref() {
        Some(at) => parse_date(at, "at").map_err(|e| e.context("records")),
        None => server_today()
            .ok_or_else(|| Error::at(ErrorKind::InvalidRequest, "at", "the server's day is needed (YYYY-MM-DD)").context("records")),
    }
}

/// The server's own day when `records` give none: natively, today's date in
/// UTC from the system clock (the JS binding passes the server's local date
/// instead, so on wasm32 there is none here).
#[cfg(not(target_arch = "wasm32"))]
fn server_today() -> Option<Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Date::new(1970, 1, 1)?.checked_add_days(i32::try_from(secs / 86_400).ok()?)
}

#[cfg(target_arch = "wasm32")]
fn server_today() -> Option<Date> {
    None
}

/// A request's `at` read as a day.
///
/// # Errors
/// `invalid_request` at `at` for a text that is no `YYYY-MM-DD` date.
fn day_of(at: Option<&str>) -> Result<Option<Date>> {
    at.map(|a| parse_date(a, "at")).transpose()
}
