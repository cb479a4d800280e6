//! Quote integrity: every quote carries the rate card's id, version and hash
//! and a fingerprint (a version's seal, `book::Seal`, writes them), so a
//! server charges exactly what the page showed.
//!
//! The fingerprint is a checksum and a quote id, not a signature: it is
//! unkeyed, so anyone can compute it. A server that must trust a quote
//! recomputes it from the request (`RateEngine::verify` does: [`stale`]
//! first, then [`compare`] with the quote recomputed) and charges that.

use serde::{Deserialize, Serialize};

use crate::book::SealedBook;
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::hold::Settlement;
use crate::request::Hold;
use crate::quote::Quote;
use crate::rate_card::RateCard;
use crate::request::{QuoteRequest, ServerRecords};


/// What `RateEngine::verify` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The quote is exactly what this rate card gives for the request.
    Match,
    /// The quote was made with another rate card or version: quote again.
    StaleCard,
    /// The quote matches the version in force on its own day, at most
    /// `maxAgeDays` before the server's day, but a newer version is in force
    /// on the server's day: the operator decides whether to honour it.
    Superseded,
    /// The quote no longer holds on the server's day: it is older than
    /// `maxAgeDays`, or the server's records on that day (grants that
    /// expired since, say) give other amounts. Quote again; never charge it.
    Expired,
    /// The quote differs from what the request gives (a changed total,
    /// lines or fingerprint): do not charge it.
    Altered,
}

impl Verdict {
    /// `"match"`, `"stale_card"`, `"superseded"`, `"expired"` or `"altered"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Match => "match",
            Verdict::StaleCard => "stale_card",
            Verdict::Superseded => "superseded",
            Verdict::Expired => "expired",
            Verdict::Altered => "altered",
        }
    }
}

/// The result of `RateEngine::verify`: the verdict, why, the days and
/// versions it was decided on, and the quote recomputed.
///
/// JSON / JS shape: `{ verdict, message, quotedOn?, serverDay?, version?,
/// versionInForce?, expected? }`; days `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Match, stale card, superseded, expired or altered.
    pub verdict: Verdict,
    /// For people: what differs.
    pub message: String,
    /// The day the quote was priced (its request's `at`; absent for an
    /// undated quote of a card on its own, priced as of the server's day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quoted_on: Option<String>,
    /// The server's day: `records.at`, else the server's own date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_day: Option<String>,
    /// The `version` the quote names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The `version` in force on the server's day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_in_force: Option<String>,
    /// The quote as it should be charged: recomputed from the request with
    /// the server's records (on the server's day, unless it matches). Absent
    /// for a stale card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Quote>,
}

impl Verification {
    /// A verdict with its message and expected quote, the days and versions
    /// not yet filled in.
    pub(crate) fn new(verdict: Verdict, message: String, expected: Option<Quote>) -> Self {
        Verification { verdict, message, quoted_on: None, server_day: None, version: None, version_in_force: None, expected }
    }
}

/// How a server verifies a quote beyond its records (see
/// `RateEngine::verify_within`).
///
/// JSON / JS shape: `{ maxAgeDays? }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyOptions {
    /// How many days before the server's day a quote may have been made and
    /// still be charged (or be `superseded` across a price change); older
    /// is `expired`. Default 1: a checkout left open across midnight.
    #[serde(default = "one_day")]
    pub max_age_days: u32,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions { max_age_days: one_day() }
    }
}

fn one_day() -> u32 {
    1
}

/// When a quote that matches its request was made, against the server's day.
pub(crate) struct Dated<'a> {
    /// The quote's day (the server's for an undated quote).
    pub priced_on: Date,
    /// The server's day.
    pub server_day: Date,
    /// Whether the quote's version was the one in force on its own day.
    pub in_force_on_its_day: bool,
    /// The quote's `version` and `rateCard`.
    pub version: &'a str,
    pub rate_card: &'a str,
    /// The version in force on the server's day, when it is not the quote's.
    pub newer: Option<&'a str>,
}

/// `verify`'s policy for a quote that matches its request: `altered` when
/// its version was not in force on its own day, `expired` when it is more
/// than `max_age_days` old, `superseded` when a newer version is in force
/// on the server's day; `None` when it may be charged (the amounts on the
/// server's day are then compared, see [`other_amounts`]).
pub(crate) fn on_server_day(d: &Dated<'_>, options: VerifyOptions) -> Option<(Verdict, String)> {
    let (priced_on, server_day, version) = (d.priced_on, d.server_day, d.version);
    if !d.in_force_on_its_day {
        return Some((Verdict::Altered, format!("the quote names version {version}, which was not in force on its day {priced_on}")));
    }
    let age = priced_on.days_until(server_day);
    if age > i32::try_from(options.max_age_days).unwrap_or(i32::MAX) {
        let why = format!(
            "the quote was made on {priced_on}, {age} days before the server's day {server_day} (at most {}): quote again",
            options.max_age_days
        );
        return Some((Verdict::Expired, why));
    }
    d.newer.map(|now| {
        let why = format!(
            "the quote matches version {version} of rate card \"{}\", in force on its day {priced_on}, but version {now} is in force on {server_day}: honour the quote or quote again",
            d.rate_card
        );
        (Verdict::Superseded, why)
    })
}

/// The verdict when the server's records on `server_day` give other amounts
/// than the quote: `expired` for a dated quote (it no longer holds),
/// `altered` for an undated one (it never held that day).
pub(crate) fn other_amounts(dated: bool, server_day: Date) -> (Verdict, String) {
    let (verdict, when) = if dated { (Verdict::Expired, "no longer holds") } else { (Verdict::Altered, "does not hold") };
    let why = format!("the quote {when} on the server's day {server_day}: the server's records then give other amounts (grants expired since, say); quote again");
    (verdict, why)
}

/// The card a shown quote names: its `rateCard`, `version` and `cardHash`
/// fields, read from the quote as JSON (as a server receives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    /// The quote's `rateCard` (the card's id).
    pub rate_card: &'a str,
    /// The quote's `version`.
    pub version: &'a str,
    /// The quote's `cardHash`.
    pub card_hash: &'a str,
}

impl<'a> Shown<'a> {
    /// Reads the card fields of a quote given as a JSON value.
    ///
    /// # Errors
    /// `invalid_request` at `quote` when it is not an object with the three
    /// fields as strings.
    pub fn of(quote: &'a serde_json::Value) -> Result<Shown<'a>> {
        let field = |name: &str| {
            quote.get(name).and_then(serde_json::Value::as_str).ok_or_else(|| {
                Error::at(
                    ErrorKind::InvalidRequest,
                    "quote",
                    format!("expected a quote object with `{name}` a string"),
                )
            })
        };
        Ok(Shown { rate_card: field("rateCard")?, version: field("version")?, card_hash: field("cardHash")? })
    }
}

/// A stale-card verdict when the quote `shown` was not made with this
/// `card` (its id or its hash differ); `None` when it was.
pub fn stale(card: &RateCard, card_hash: &str, shown: Shown<'_>) -> Option<Verification> {
    if shown.rate_card == card.id && shown.card_hash == card_hash {
        return None;
    }
    Some(Verification::new(
        Verdict::StaleCard,
        format!(
            "the quote was made with rate card \"{}\" version {} ({}…); this engine has \"{}\" version {} ({}…)",
            shown.rate_card,
            shown.version,
            shown.card_hash.get(..12).unwrap_or(shown.card_hash),
            card.id,
            card.version,
            card_hash.get(..12).unwrap_or_default()
        ),
        None,
    ))
}

/// A stale-card verdict for a quote that names a version this price book
/// does not hold (its id and hash may be a known version's, its version not).
pub fn stale_version(shown: Shown<'_>) -> Verification {
    Verification::new(
        Verdict::StaleCard,
        format!(
            "the quote names version {} of rate card \"{}\", which this price book does not hold with that hash",
            shown.version, shown.rate_card
        ),
        None,
    )
}

/// Compares `quote` (as the page showed it, a JSON value) with `expected`
/// (recomputed from the request), field by field as JSON: a match, or
/// altered with the top-level fields that differ (a field added or left out
/// differs too; amounts must be the very decimal strings the engine wrote).
pub fn compare(expected: Quote, quote: &serde_json::Value) -> Verification {
    let mut differ = Vec::new();
    // Through JSON text, the quote's one serialization (a second one, into a
    // `Value`, would grow the wasm module for no gain).
    let written = serde_json::to_string(&expected).and_then(|text| serde_json::from_str(&text));
    match (written, quote) {
        (Ok(serde_json::Value::Object(a)), serde_json::Value::Object(b)) => {
            differ.extend(a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k.clone()));
            differ.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
        }
        _ => differ.push("the whole quote".into()),
    }
    if differ.is_empty() {
        return Verification::new(Verdict::Match, "the quote matches the request".into(), Some(expected));
    }
    Verification::new(
        Verdict::Altered,
        format!("the quote differs from the request's in: {}", differ.join(", ")),
        Some(expected),
    )
}

/// Whether two quotes charge the same: every amount, line by line (amount,
/// billed, included, burns), the total, balance, balance after, shortfall
/// and purchase options. Fingerprints, warnings and the day's notices may
/// differ.
pub fn same_amounts(a: &Quote, b: &Quote) -> bool {
    let lines = |q: &Quote| -> Vec<_> { q.lines.iter().map(|l| (l.amount, l.billed, l.included, l.burns.clone())).collect() };
    (a.total, a.balance, a.balance_after, a.shortfall) == (b.total, b.balance, b.balance_after, b.shortfall)
        && lines(a) == lines(b)
        && a.purchase == b.purchase
}

/// What a server is asked to charge: the page's request and quote (as JSON,
/// exactly as the engine wrote it) and the server's own records.
pub(crate) struct Claim<'a> {
    pub request: &'a QuoteRequest,
    pub quote: &'a serde_json::Value,
    pub records: &'a ServerRecords,
}

/// The verify policy, on the server's day (`server_day`: the records' `at`,
/// else the server's clock; asked after the quote is read, as before; see
/// `RateEngine::verify_within` for the verdicts and their order):
/// `price(version, day, request)` is the engine's own quote with version
/// `version` of `book` on `day`, sealed.
///
/// # Errors
/// `invalid_request` at `records.at` for a day no version covers; any error
/// of pricing the request with the records applied.
pub(crate) fn verify(
    book: &SealedBook,
    price: impl Fn(usize, Option<Date>, &QuoteRequest) -> Result<Quote>,
    claim: &Claim<'_>,
    server_day: impl FnOnce() -> Result<Date>,
    options: VerifyOptions,
) -> Result<Verification> {
    let Claim { request, quote, records } = *claim;
    let shown = Shown::of(quote)?;
    let server_day = server_day()?;
    let now = book.book().in_force(Some(server_day)).map_err(|e| e.context("records"))?;
    let quoted = crate::quote::quote_day(request)?;
    let version_in_force = book.book().version(now).version.as_str();
    let days = |mut v: Verification| {
        v.quoted_on = quoted.map(|d| d.to_string());
        v.server_day = Some(server_day.to_string());
        v.version = Some(shown.version.to_string());
        v.version_in_force = Some(version_in_force.to_string());
        v
    };
    let Some(made) = book.find(shown.rate_card, shown.version, shown.card_hash) else {
        let newest = book.newest();
        let (card, hash) = (book.book().version(newest), book.seal(newest).card_hash());
        return Ok(days(stale(card, hash, shown).unwrap_or_else(|| stale_version(shown))));
    };
    let (request, differs) = records.apply(request);
    // The quote as it is to be charged on the server's day.
    let today = || {
        let mut r = request.clone();
        r.at = Some(server_day.to_string());
        price(now, Some(server_day), &r)
    };
    let refuse = |verdict, message: String| -> Result<Verification> { Ok(days(Verification::new(verdict, message, Some(today()?)))) };
    if let Some(field) = differs {
        return refuse(Verdict::Altered, format!("the request's {field} is not the server's record: the quote was made for other facts"));
    }
    if let Some(day) = quoted.filter(|d| *d > server_day) {
        return refuse(Verdict::Altered, format!("the quote is dated {day}, after the server's day {server_day}"));
    }
    let checked = compare(price(made, quoted, &request)?, quote);
    if checked.verdict != Verdict::Match {
        return Ok(days(checked));
    }
    let priced_on = quoted.unwrap_or(server_day);
    let dated = Dated {
        priced_on,
        server_day,
        in_force_on_its_day: book.book().in_force(Some(priced_on)).ok() == Some(made),
        version: shown.version,
        rate_card: shown.rate_card,
        newer: (made != now).then_some(version_in_force),
    };
    if let Some((verdict, message)) = on_server_day(&dated, options) {
        return refuse(verdict, message);
    }
    if quoted == Some(server_day) {
        return Ok(days(checked)); // recomputed on the server's day already
    }
    // Same version, within age: the records on the server's day must give the same amounts.
    let expected = today()?;
    if checked.expected.as_ref().is_some_and(|q| same_amounts(q, &expected)) {
        return Ok(days(checked));
    }
    let (verdict, message) = other_amounts(quoted.is_some(), server_day);
    Ok(days(Verification::new(verdict, message, Some(expected))))
}

/// A hold or a settlement, as `RateEngine::verify_hold` and
/// `RateEngine::verify_settlement` expect it (serialized as the object itself).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Held {
    /// A hold, as `RateEngine::hold` makes it.
    Hold(Hold),
    /// A settlement, as `RateEngine::settle` makes it.
    Settlement(Settlement),
}

/// The result of verifying a hold or a settlement: the verdict, why, the
/// server's day, the claim's version and the one in force, and the hold or
/// settlement the server's records give (absent for a stale card, or when
/// the records refuse it).
///
/// JSON / JS shape: `{ verdict, message, serverDay?, version?, versionInForce?, expected? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldVerification {
    /// Match, stale card, superseded (holds only), expired (holds only) or altered.
    pub verdict: Verdict,
    /// For people: what differs.
    pub message: String,
    /// The server's day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_day: Option<String>,
    /// The `version` the claim names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The `version` in force on the server's day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_in_force: Option<String>,
    /// What the server's records give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Held>,
}

impl HeldVerification {
    /// A verdict with its message; days and versions not yet filled in.
    pub fn new(verdict: Verdict, message: impl Into<String>, expected: Option<Held>) -> Self {
        HeldVerification { verdict, message: message.into(), server_day: None, version: None, version_in_force: None, expected }
    }
}

/// The fields where `claim` (as the page or a job runner gave it) differs
/// from `expected` (as the records give it), compared as JSON.
pub fn differing<T: Serialize>(expected: &T, claim: &serde_json::Value) -> Vec<String> {
    // Through JSON text, the one serialization each type has already (into a `Value` would be a second).
    let written = serde_json::to_string(expected).and_then(|text| serde_json::from_str::<serde_json::Value>(&text));
    match (written, claim) {
        (Ok(serde_json::Value::Object(a)), serde_json::Value::Object(b)) => a
            .iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .chain(b.keys().filter(|k| !a.contains_key(*k)).cloned())
            .collect(),
        _ => vec!["the whole object".into()],
    }
}
