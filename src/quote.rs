//! Quotes: what a set of generation items costs on a plan, the balance
//! after, the shortfall, and what to buy to cover it ([`price`]); the two
//! ends of a job whose length is known only after it runs ([`QuoteRange`]);
//! and one item's amount over a range of durations ([`curve`]).
//!
//! A quote given grants is finished by the ledger (which grants each line
//! burns, what expires unused); its fingerprint is added by `integrity`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rate_card::PlanRef;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::limits::{MAX_CURVE_POINTS, MAX_ITEMS};
use crate::metering::{meter, resolve, Metered};
use crate::money::{self, DecimalString, RoundingMode};
use crate::purchase::{self, PurchaseKind, PurchaseOption};
use crate::rate_card::{Per, Period, Plan, RateCard};
use crate::date::{parse_date, Date};
pub use crate::request::Burn;
use crate::request::{CurveRequest, Grant, Item, QuoteRequest};

/// A priced quote.
///
/// JS shape: `{ rateCard, plan, unit, currency, lines: [QuoteLine], total,
/// balance, balanceAfter, shortfall, purchase: [PurchaseOption], warnings }`;
/// amounts are decimal strings in the card's unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Quote {
    /// The rate card's id.
    pub rate_card: String,
    /// The rate card's version.
    pub version: String,
    /// SHA-256 of the rate card's canonical JSON (see `integrity`).
    pub card_hash: String,
    /// SHA-256 over the card hash, the request and this quote's amounts
    /// (see `integrity`); `RateEngine::verify` checks it.
    pub fingerprint: String,
    /// The plan quoted on.
    pub plan: String,
    /// The quote's unit: `"credits"`, or the currency for a wallet.
    pub unit: String,
    /// Currency of every price, e.g. `"USD"`.
    pub currency: String,
    /// One line per item, in request order.
    pub lines: Vec<QuoteLine>,
    /// Sum of the lines' rounded amounts, in `unit`.
    pub total: DecimalString,
    /// The balance the quote started from, in `unit`.
    pub balance: DecimalString,
    /// `balance − total`, in `unit`; negative when short.
    pub balance_after: DecimalString,
    /// `max(0, total − balance)`, in `unit`.
    pub shortfall: DecimalString,
    /// When short: purchases that add credits, cheapest first.
    pub purchase: Vec<PurchaseOption>,
    /// Things the buyer should know (an assumed balance, nothing to buy).
    pub warnings: Vec<String>,
}

/// One line of a quote: an item's amount and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteLine {
    /// Feature id.
    pub feature: String,
    /// Feature display name.
    pub name: String,
    /// Amount in the quote's unit, rounded by the card's rounding mode.
    pub amount: DecimalString,
    /// Input units billed (seconds or count) after increments and minimums.
    pub billed: DecimalString,
    /// Of `billed`, the part the plan's allowance covered (free).
    pub included: DecimalString,
    /// The input as metered, before increments and minimum: seconds
    /// (fractions rounded up to whole seconds) or the count.
    pub units: DecimalString,
    /// The rate applied, in the quote's unit per `per` (e.g. `"20"` credits
    /// per minute).
    pub rate: DecimalString,
    /// What `rate` is per: `"second"`, `"minute"`, `"each"` (one counted
    /// unit) or `"video"` (flat, any length).
    pub per: Per,
    /// The product of the options' multipliers, `"1"` when none applied
    /// (`"2"` for expressive motion).
    pub multiplier: DecimalString,
    /// How the amount was reached, in English: `"90 s × 20 credits/min = 30
    /// credits"`. The parts above let a page write it in its own words and
    /// number format.
    pub explanation: String,
    /// The article (publisher, title) and section the rate comes from.
    pub source: String,
    /// With `grants`: the grants this line burns, in burn-down order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub burns: Vec<Burn>,
    /// The amount before the card's rounding, when rounding changed it, in
    /// the quote's unit (`"30.333333…"` for 91 s at 20 credits a minute,
    /// shown as 30.34 rounded up to 2 places): at most six decimal places,
    /// "…" when more were cut. A page says "exactly 30.333333…, rounded up"
    /// with the card's `rounding`. Absent when the amount is exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub exact: Option<String>,
}

/// Checks what a quote request asks before anything is priced: at least
/// one item and at most [`MAX_ITEMS`]; no negative usage or balance (a
/// balance is what the buyer holds); a balance or grants, not both.
///
/// # Errors
/// `invalid_request` at the field.
pub fn check(request: &QuoteRequest) -> Result<()> {
    if request.items.is_empty() {
        return Err(Error::at(ErrorKind::InvalidRequest, "items", "give at least one item"));
    }
    if request.items.len() > MAX_ITEMS {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "items",
            format!("at most {MAX_ITEMS} items, got {}", request.items.len()),
        ));
    }
    if let Some((feature, amount)) = request.period_usage.iter().find(|(_, a)| **a < Decimal::ZERO) {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            feature,
            format!("must not be negative, got {amount}"),
        )
        .context("periodUsage"));
    }
    if let Some(b) = request.balance.filter(|b| b.0 < Decimal::ZERO) {
        return Err(Error::at(ErrorKind::InvalidRequest, "balance", format!("must not be negative, got {}", b.0)));
    }
    if request.grants.is_some() && request.balance.is_some() {
        return Err(Error::at(ErrorKind::InvalidRequest, "balance", "give either balance or grants, not both"));
    }
    for (i, item) in request.items.iter().enumerate() {
        check_range(item).map_err(|e| e.context(i).context("items"))?;
    }
    Ok(())
}

/// An item's `maxSeconds`: only beside `seconds`, and at least it.
fn check_range(item: &Item) -> Result<()> {
    let Some(max) = item.max_seconds else { return Ok(()) };
    match item.seconds {
        None => Err(Error::at(ErrorKind::InvalidQuantity, "maxSeconds", "give seconds (the least the job may run) with maxSeconds")),
        Some(least) if max < least => Err(Error::at(
            ErrorKind::InvalidQuantity,
            "maxSeconds",
            format!("must be at least seconds ({least}), got {max}"),
        )),
        Some(_) => Ok(()),
    }
}

/// The least and the most a job whose length is known only after it runs
/// can cost: two complete quotes, each metered with the card's own
/// increments and minimums (an API video of 61–89 s is billed 90 s at
/// both ends; a per-second wallet differs by the seconds between).
///
/// JS shape: `{ low: Quote, high: Quote }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub struct QuoteRange {
    /// The quote of each item's `seconds` (the least it may run).
    pub low: Quote,
    /// The quote of each item's `maxSeconds` (the most it may run; its
    /// `seconds` where it gives none): what to hold, and what to buy for.
    pub high: Quote,
}

/// `request` at one end of its range: with `high`, each item's `maxSeconds`
/// in place of its `seconds`; either way without `maxSeconds`.
pub fn range_end(request: &QuoteRequest, high: bool) -> QuoteRequest {
    let mut at_end = request.clone();
    for item in &mut at_end.items {
        if let Some(max) = item.max_seconds.take() {
            if high {
                item.seconds = Some(max);
            }
        }
    }
    at_end
}

/// An error of the high end's quote about an item's `seconds`, said of the
/// `maxSeconds` it came from (`items[0].maxSeconds: Free allows videos up
/// to 180 s`); any other error as it is.
pub fn at_max_seconds(e: Error, request: &QuoteRequest) -> Error {
    let index = match e.path() {
        [PathSegment::Key(items), PathSegment::Index(i), PathSegment::Key(field)] if items == "items" && field == "seconds" => *i,
        _ => return e,
    };
    if request.items.get(index).and_then(|item| item.max_seconds).is_none() {
        return e;
    }
    let path = [PathSegment::from("items"), PathSegment::Index(index), PathSegment::from("maxSeconds")];
    Error::new(e.kind(), e.detail()).within(&path)
}

/// Prices `request` on `plan` of `card`: one line per item, the total, the
/// balance after, the shortfall and, when short, the purchases that cover
/// it, cheapest first. Its `cardHash` and `fingerprint` are left empty
/// (the seal of the version that priced it stamps them) and each line's
/// `burns` too (the ledger fills them when the request gives grants).
///
/// Rounding: each line is rounded by the card's named mode (credits: up to
/// 2 places; a USD wallet: half-up to cents); the total is the sum of the
/// rounded lines; an overage estimate is rounded half-up to the minor unit.
///
/// # Errors
/// `unknown_feature`, `invalid_option`, `invalid_quantity`, `plan_limit`,
/// `not_available`, `invalid_request`, `overflow`, with the item's path
/// (`items[2].seconds`).
pub fn price(card: &RateCard, plan: PlanRef<'_>, request: &QuoteRequest) -> Result<Quote> {
    check(request)?;
    price_checked(card, plan, request)
}

/// [`price`] for a request [`check`] has already passed.
pub(crate) fn price_checked(
    card: &RateCard,
    plan: PlanRef<'_>,
    request: &QuoteRequest,
) -> Result<Quote> {
    let billing = billing(&plan, request)?;
    known_usage(card, &request.period_usage)?;
    let mut lines = Vec::with_capacity(request.items.len());
    let total = meter_items(card, plan, request, true, |item, m| lines.push(line(item, m)))?;
    let mut warnings = plan.warnings.clone();
    let (balance, balance_after, shortfall, assumed) = settle(card, &plan, request, total)?;
    warnings.extend(assumed);
    let purchase = shortfall_notes(card, &plan, shortfall, balance_after, billing, &mut warnings)?;
    Ok(Quote {
        rate_card: card.id.clone(),
        version: card.version.clone(),
        card_hash: String::new(),
        fingerprint: String::new(),
        plan: plan.id.to_string(),
        unit: card.unit.clone(),
        currency: card.currency.clone(),
        lines,
        total: card.shape_amount(total).into(),
        balance: balance.into(),
        balance_after: balance_after.into(),
        shortfall: shortfall.into(),
        purchase,
        warnings,
    })
}

/// The figures a checkout shows first: the total, the balance after, the
/// shortfall and what to buy; every field equal to the full [`Quote`]'s.
///
/// JS shape: `{ unit, total, balance, balanceAfter, shortfall, purchase:
/// [PurchaseOption] }`; amounts are decimal strings in `unit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The quote's unit: `"credits"`, or the currency for a wallet.
    pub unit: String,
    /// Sum of the lines' rounded amounts, in `unit`.
    pub total: DecimalString,
    /// The balance the quote started from, in `unit`.
    pub balance: DecimalString,
    /// `balance − total`, in `unit`; negative when short.
    pub balance_after: DecimalString,
    /// `max(0, total − balance)`, in `unit`.
    pub shortfall: DecimalString,
    /// When short: purchases that add credits, ranked as in [`Quote::purchase`].
    pub purchase: Vec<PurchaseOption>,
}

/// [`price`]'s total, balance, shortfall and purchase options, without the
/// lines, explanations, warnings or fingerprint: what a checkout shows
/// first, at a fraction of the cost. A request with `grants` counts their
/// remaining credits as the balance.
///
/// # Errors
/// As [`price`].
pub fn summary(card: &RateCard, plan: PlanRef<'_>, request: &QuoteRequest) -> Result<Summary> {
    check(request)?;
    let billing = billing(&plan, request)?;
    known_usage(card, &request.period_usage)?;
    let total = meter_items(card, plan, request, false, |_, _| {})?;
    let (balance, balance_after, shortfall, _) = settle(card, &plan, request, total)?;
    let purchase = if shortfall > Decimal::ZERO {
        purchase::options(card, &plan, shortfall, balance_after, billing)?
    } else {
        Vec::new()
    };
    Ok(Summary {
        unit: card.unit.clone(),
        total: card.shape_amount(total).into(),
        balance: balance.into(),
        balance_after: balance_after.into(),
        shortfall: shortfall.into(),
        purchase,
    })
}

/// Meters the request's items in order, each one's usage counting against
/// the allowances of the items after it; hands each metered item to `each`
/// and returns the sum of their rounded amounts.
fn meter_items<'c>(
    card: &'c RateCard,
    plan: PlanRef<'c>,
    request: &QuoteRequest,
    explain: bool,
    mut each: impl FnMut(&Item, Metered<'c>),
) -> Result<Decimal> {
    let mut used = request.period_usage.clone();
    let mut total = Decimal::ZERO;
    for (i, item) in request.items.iter().enumerate() {
        let so_far = used.get(&item.feature).copied().unwrap_or(Decimal::ZERO);
        let m = meter(card, plan, item, so_far, explain).map_err(|e| e.context(i).context("items"))?;
        // Usage so far matters only to the items after this one.
        if i.saturating_add(1) < request.items.len() {
            used.insert(item.feature.clone(), money::add(so_far, m.billed, "periodUsage")?);
        }
        total = money::add(total, m.amount, "total")?;
        each(item, m);
    }
    Ok(total)
}

/// What a quote of `total` leaves: `(balance, balance after, shortfall)`,
/// each shaped as the card shows amounts, and the note when the balance was
/// not given. The balance is the request's, the grants' remaining credits,
/// or else a fresh period's included credits (an empty wallet for a plan
/// that is no subscription).
fn settle(card: &RateCard, plan: &Plan, request: &QuoteRequest, total: Decimal) -> Result<(Decimal, Decimal, Decimal, Option<String>)> {
    let (balance, assumed) = match (request.balance, &request.grants) {
        (Some(b), _) => (b.0, None),
        (None, Some(grants)) => {
            let at = quote_day(request)?;
            let live = grants.iter().filter(|g| alive(g, at));
            let sum = live.into_iter().try_fold(Decimal::ZERO, |acc, g| money::add(acc, g.remaining.0, "grants"))?;
            (sum, None)
        }
        (None, None) if !plan.subscription => {
            (plan.included.0, Some(format!("no balance given: assumed an empty wallet (0 {})", card.unit)))
        }
        (None, None) => {
            let note = format!(
                "no balance given: assumed a fresh {}'s {} {} of plan {}",
                plan.period.as_str(),
                money::plain(plan.included.0),
                card.unit,
                plan.name
            );
            (plan.included.0, Some(note))
        }
    };
    let shape = |d: Decimal| card.shape_amount(d);
    let balance_after = shape(money::sub(balance, total, "balanceAfter")?);
    let shortfall = shape(money::sub(Decimal::ZERO, balance_after, "shortfall")?.max(Decimal::ZERO));
    Ok((shape(balance), balance_after, shortfall, assumed))
}

/// Refuses usage of a feature the card does not have: each key of
/// `periodUsage` must name one of its features (so a request cannot carry
/// more keys than the card has features).
///
/// # Errors
/// `unknown_feature` at `periodUsage.<key>`, naming the card's features.
pub fn known_usage(card: &RateCard, usage: &indexmap::IndexMap<String, Decimal>) -> Result<()> {
    match usage.keys().find(|k| !card.features.contains_key(k.as_str())) {
        Some(k) => Err(Error::at(
            ErrorKind::UnknownFeature,
            k.as_str(),
            format!(
                "no feature \"{k}\" on rate card \"{}\"; features: {}",
                card.id,
                crate::error::one_of(card.features.keys().map(String::as_str))
            ),
        )
        .context("periodUsage")),
        None => Ok(()),
    }
}

/// How the plan is billed, for the purchase options: the request's
/// `billing`, `month` by default.
///
/// # Errors
/// `invalid_request` at `billing` for `"once"`; `not_available` for `"year"`
/// on a plan billed monthly only.
fn billing(plan: &Plan, request: &QuoteRequest) -> Result<Period> {
    match (request.billing, plan.monthly_only.as_ref()) {
        (None | Some(Period::Month), _) => Ok(Period::Month),
        (Some(Period::Year), Some(why)) => Err(crate::rate_card::monthly_only(plan, why)),
        (Some(Period::Year), None) => Ok(Period::Year),
        (Some(Period::Once), _) => Err(Error::at(ErrorKind::InvalidRequest, "billing", "\"month\" or \"year\", got \"once\"")),
    }
}

/// The request's `at` (`YYYY-MM-DD`), the day the quote is for, if given.
///
/// # Errors
/// `invalid_request` at `at` for a date that is not `YYYY-MM-DD`.
pub(crate) fn quote_day(request: &QuoteRequest) -> Result<Option<Date>> {
    request.at.as_deref().map(|a| parse_date(a, "at")).transpose()
}

/// Whether `grant` still holds credits on `at`: a grant whose `expiresAt` is
/// on or before the quote's day has expired and is never counted, burned or
/// warned about (“How to Use Credits on HeyGen”: unused credits roll over for
/// one additional billing cycle, then they are gone). Without `at`, every
/// grant counts.
pub(crate) fn alive(grant: &Grant, at: Option<Date>) -> bool {
    match (grant.expires_at, at) {
        (Some(expires), Some(day)) => expires > day,
        _ => true,
    }
}

/// One item's line, from its metering.
fn line(item: &Item, m: Metered<'_>) -> QuoteLine {
    QuoteLine {
        feature: item.feature.clone(),
        name: m.name.to_string(),
        amount: m.amount.into(),
        billed: m.billed.into(),
        included: m.included.into(),
        units: m.units.into(),
        rate: m.rate.into(),
        per: m.per,
        multiplier: money::plain(m.multiplier).into(),
        explanation: m.explanation,
        source: m.source.into_owned(),
        burns: Vec::new(),
        exact: m.exact,
    }
}

/// When short: the purchase options, and the warnings about overage or
/// nothing to buy.
fn shortfall_notes(
    card: &RateCard,
    plan: &Plan,
    shortfall: Decimal,
    balance_after: Decimal,
    billing: Period,
    warnings: &mut Vec<String>,
) -> Result<Vec<PurchaseOption>> {
    if shortfall <= Decimal::ZERO {
        return Ok(Vec::new());
    }
    let options = purchase::options(card, plan, shortfall, balance_after, billing)?;
    if let Some(price) = plan.overage_price {
        let usd = card.money();
        let cost = usd.round(money::mul(shortfall, price.0, "overage")?, RoundingMode::HalfUp);
        warnings.push(format!(
            "with Allow Overage on, the {shortfall} {} past the balance are billed afterwards at {} {} each: {cost} {}",
            card.unit,
            usd.round(price.0, RoundingMode::HalfUp),
            card.currency,
            card.currency
        ));
    }
    for renewal in options.iter().filter(|o| o.kind == PurchaseKind::Renewal && !o.covers) {
        warnings.push(format!(
            "{} adds {} {}, less than the {shortfall} short: the plan renews one at a time",
            renewal.name, renewal.credits, card.unit
        ));
    }
    if !options.is_empty() && options.iter().all(|o| !o.covers) {
        warnings.push(format!("no single purchase covers the whole shortfall of {shortfall} {}", card.unit));
    }
    if options.is_empty() && !plan.products.is_empty() {
        warnings.push(format!(
            "the shortfall of {shortfall} {} is more than plan {} can buy at once ({} units of a product at most)",
            card.unit,
            plan.name,
            crate::limits::MAX_QUANTITY
        ));
    } else if options.is_empty() {
        warnings.push(
            plan.purchase_note
                .clone()
                .unwrap_or_else(|| format!("plan {} offers no way to buy more {}", plan.name, card.unit)),
        );
    }
    Ok(options)
}

/// The item's amount, in the card's unit, at each duration of the curve:
/// the same amount a one-item quote shows (before any allowance, which a
/// curve ignores). One call for a whole chart.
///
/// # Errors
/// `invalid_request` for an empty or reversed range, a zero step or more
/// than [`MAX_CURVE_POINTS`] points; otherwise as [`price`] for the item at
/// the first duration that fails (`plan_limit` past the longest video), at
/// `item`.
pub fn curve(card: &RateCard, plan: PlanRef<'_>, req: &CurveRequest) -> Result<Vec<Decimal>> {
    let step = req.step_seconds.unwrap_or(1);
    if step == 0 || req.from_seconds == 0 || req.to_seconds < req.from_seconds {
        return Err(Error::new(
            ErrorKind::InvalidRequest,
            "fromSeconds, toSeconds, stepSeconds: need 1 ≤ fromSeconds ≤ toSeconds and stepSeconds ≥ 1",
        ));
    }
    let span = req.to_seconds.saturating_sub(req.from_seconds);
    let points = usize::try_from(span.checked_div(step).unwrap_or(0))
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    if points > MAX_CURVE_POINTS {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "stepSeconds",
            format!("at most {MAX_CURVE_POINTS} points, got {points}"),
        ));
    }
    let mut item = Item {
        seconds: None,
        quantity: None,
        ..req.item.clone()
    };
    let in_item = |e: Error| e.context("item");
    // The feature, options and rate are resolved once; each point only
    // meters its duration.
    let resolved = resolve(card, plan, &item).map_err(in_item)?;
    let mut out = Vec::with_capacity(points);
    let mut s = req.from_seconds;
    while s <= req.to_seconds {
        item.seconds = Some(Decimal::from(s));
        out.push(resolved.meter(&item, Decimal::ZERO, false).map_err(in_item)?.amount);
        match s.checked_add(step) {
            Some(next) => s = next,
            None => break,
        }
    }
    Ok(out)
}
