//! Quotes: what a set of generation items costs on a plan, the balance after,
//! the shortfall, and what to buy to cover it.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use crate::engine::{RateEngine, MAX_ITEMS};
use crate::error::{Error, ErrorKind, Result};
use crate::metering::{meter, resolve};
use crate::money::{self, decimal_string, Amount};
use crate::purchase::{purchase_options, PurchaseOption};
use crate::rate_card::Per;
use crate::wallet::{burn, parse_date, Held};

/// A quote request.
///
/// JSON / JS shape: `{ plan?, items: [Item], balance?: "12.5", periodUsage?: { <feature>: 14 } }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// The generation items, at least one, at most [`MAX_ITEMS`].
    pub items: Vec<Item>,
    /// Current balance in the card's unit (credits, or USD for a wallet), a
    /// decimal string. Absent: a fresh period's included credits of the plan.
    #[serde(default, with = "decimal_string::option")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance: Option<Decimal>,
    /// Usage so far this billing period, by feature id, in the feature's
    /// input unit (seconds or count); counts against the plan's allowances.
    #[serde(default, deserialize_with = "usage_map")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number | string>"))]
    pub period_usage: IndexMap<String, Decimal>,
    /// The wallet's grants, in place of `balance`: the quote then shows per
    /// line which grants it burns (soonest expiry first, then oldest) and
    /// warns about credits expiring within 7 days of `at` unused.
    #[serde(default)]
    pub grants: Option<Vec<GrantBalance>>,
    /// The day of the quote, `YYYY-MM-DD`, for expiry warnings.
    #[serde(default)]
    pub at: Option<String>,
}

/// A grant held in the wallet, as `simulate` returns them:
/// `{ id, remaining, expiresAt?, issuedAt?, amount?, source? }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrantBalance {
    /// Grant id.
    pub id: String,
    /// Credits left, a decimal string.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub remaining: Decimal,
    /// Day it expires, `YYYY-MM-DD`; absent: never.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// Day it was issued, `YYYY-MM-DD`.
    #[serde(default)]
    pub issued_at: Option<String>,
    /// Credits originally granted (informational).
    #[serde(default, with = "decimal_string::option")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub amount: Option<Decimal>,
    /// Where it came from (informational).
    #[serde(default)]
    pub source: Option<String>,
}

/// Credits a line takes from one grant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Burn {
    /// Grant id.
    pub grant: String,
    /// Credits taken, in the card's unit.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub credits: Decimal,
}

pub(crate) fn usage_map<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<IndexMap<String, Decimal>, D::Error> {
    let raw: IndexMap<String, Amount> = IndexMap::deserialize(d)?;
    Ok(raw.into_iter().map(|(k, v)| (k, v.0)).collect())
}

/// One generation item: a feature with a duration (`seconds`) or a count
/// (`quantity`), and the feature's options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Feature id, e.g. `"avatar_iv"`.
    pub feature: String,
    /// Duration in seconds, for features metered by time; fractional seconds
    /// are rounded up to the next whole second.
    #[serde(default, deserialize_with = "opt_amount", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub seconds: Option<Decimal>,
    /// Count, for counted features (looks, images, trainings); whole.
    #[serde(default, deserialize_with = "opt_amount", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub quantity: Option<Decimal>,
    /// Option id → value: `true`/`false` for a boolean, a string for an enum.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
}

/// An optional amount: absent is `None`; given, it must be a number or a
/// decimal string. An explicit `null` is refused (see [`Amount`]), because
/// that is what `JSON.stringify` makes of NaN and ±Infinity.
pub(crate) fn opt_amount<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
    Amount::deserialize(d).map(|a| Some(a.0))
}

impl Item {
    /// An item of `seconds` of `feature`.
    pub fn seconds(feature: &str, seconds: u32) -> Self {
        Item {
            feature: feature.into(),
            seconds: Some(Decimal::from(seconds)),
            ..Default::default()
        }
    }
    /// An item of `quantity` units of `feature`.
    pub fn quantity(feature: &str, quantity: u32) -> Self {
        Item {
            feature: feature.into(),
            quantity: Some(Decimal::from(quantity)),
            ..Default::default()
        }
    }
    /// The same item with option `key` set.
    pub fn with(mut self, key: &str, value: OptionValue) -> Self {
        self.options.insert(key.into(), value);
        self
    }
}

/// An option's value as given by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionValue {
    /// A boolean option's value.
    Bool(bool),
    /// An enum option's value.
    Text(String),
    /// A number or null: always refused as `invalid_option`. (Arrays and
    /// objects are refused while parsing, also as `invalid_option`.)
    Other(String),
}

impl OptionValue {
    pub(crate) fn describe(&self) -> String {
        match self {
            OptionValue::Bool(b) => b.to_string(),
            OptionValue::Text(t) => format!("\"{t}\""),
            OptionValue::Other(o) => o.clone(),
        }
    }
}

impl Serialize for OptionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            OptionValue::Bool(b) => s.serialize_bool(*b),
            OptionValue::Text(t) | OptionValue::Other(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for OptionValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{self, MapAccess, SeqAccess, Visitor};
        use std::fmt;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OptionValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean or a string")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Bool(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Other(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Other(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Other(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Other("null".into()))
            }
            fn visit_none<E: de::Error>(self) -> std::result::Result<OptionValue, E> {
                Ok(OptionValue::Other("null".into()))
            }
            // Arrays and objects are refused at once, without reading them:
            // a deeply nested value cannot recurse the stack.
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<OptionValue, A::Error> {
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> std::result::Result<OptionValue, A::Error> {
                Err(de::Error::invalid_type(de::Unexpected::Map, &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// A priced quote.
///
/// JS shape: `{ rateCard, plan, unit, currency, lines: [QuoteLine], total,
/// balance, balanceAfter, shortfall, purchase: [PurchaseOption], warnings }`;
/// amounts are decimal strings in the card's unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Quote {
    /// The rate card's id.
    pub rate_card: String,
    /// The rate card's version.
    pub version: String,
    /// SHA-256 of the rate card's canonical JSON (see [`crate::integrity`]).
    pub card_hash: String,
    /// SHA-256 over the card hash, the request and this quote's amounts
    /// (see [`crate::integrity`]); [`RateEngine::verify`] checks it.
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
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub total: Decimal,
    /// The balance the quote started from, in `unit`.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance: Decimal,
    /// `balance − total`, in `unit`; negative when short.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance_after: Decimal,
    /// `max(0, total − balance)`, in `unit`.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub shortfall: Decimal,
    /// When short: purchases that add credits, cheapest first.
    pub purchase: Vec<PurchaseOption>,
    /// Things the buyer should know (an assumed balance, nothing to buy).
    pub warnings: Vec<String>,
}

/// One line of a quote: an item's amount and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteLine {
    /// Feature id.
    pub feature: String,
    /// Feature display name.
    pub name: String,
    /// Amount in the quote's unit, rounded by the card's rounding mode.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub amount: Decimal,
    /// Input units billed (seconds or count) after increments and minimums.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub billed: Decimal,
    /// Of `billed`, the part the plan's allowance covered (free).
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub included: Decimal,
    /// The input as metered, before increments and minimum: seconds
    /// (fractions rounded up to whole seconds) or the count.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub units: Decimal,
    /// The rate applied, in the quote's unit per `per` (e.g. `"20"` credits
    /// per minute).
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub rate: Decimal,
    /// What `rate` is per: `"second"`, `"minute"`, `"each"` (one counted
    /// unit) or `"video"` (flat, any length).
    pub per: Per,
    /// The product of the options' multipliers, `"1"` when none applied
    /// (`"2"` for expressive motion).
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub multiplier: Decimal,
    /// How the amount was reached, in English: `"90 s × 20 credits/min = 30
    /// credits"`. The parts above let a page write it in its own words and
    /// number format.
    pub explanation: String,
    /// The article (publisher, title) and section the rate comes from.
    pub source: String,
    /// With `grants`: the grants this line burns, in burn-down order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub burns: Vec<Burn>,
}

impl RateEngine {
    /// Prices `request`: one line per item, the total, the balance after, the
    /// shortfall and, when short, the purchases that cover it, cheapest first.
    ///
    /// Rounding (PRICING.md): each line is rounded by the card's mode (credits:
    /// up to 2 places; a USD wallet: half-up to cents); the total is the sum of
    /// the rounded lines.
    ///
    /// # Errors
    /// `unknown_plan`, `unknown_feature`, `invalid_option`, `invalid_quantity`,
    /// `plan_limit`, `not_available`, `invalid_request`, `overflow`.
    ///
    /// # Example
    /// ```
    /// use ratecard::{RateEngine, QuoteRequest, Item, OptionValue};
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
        let card = self.card();
        let (plan_id, plan) = self.plan(request.plan.as_deref())?;
        if request.items.is_empty() {
            return Err(Error::new(ErrorKind::InvalidRequest, "items: give at least one item"));
        }
        if request.items.len() > MAX_ITEMS {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!("items: at most {MAX_ITEMS} items, got {}", request.items.len()),
            ));
        }
        let mut used = request.period_usage.clone();
        for (feature, amount) in &used {
            if *amount < Decimal::ZERO {
                return Err(Error::new(
                    ErrorKind::InvalidRequest,
                    format!("periodUsage.{feature}: must not be negative, got {amount}"),
                ));
            }
        }
        if request.grants.is_some() && request.balance.is_some() {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "balance: give either balance or grants, not both",
            ));
        }
        let at = request.at.as_deref().map(|a| parse_date(a, "at")).transpose()?;
        let mut held = Vec::new();
        for (i, g) in request.grants.iter().flatten().enumerate() {
            if g.remaining < Decimal::ZERO {
                return Err(Error::new(
                    ErrorKind::InvalidRequest,
                    format!("grants[{i}].remaining: must not be negative"),
                ));
            }
            let expires = g
                .expires_at
                .as_deref()
                .map(|d| parse_date(d, &format!("grants[{i}].expiresAt")))
                .transpose()?;
            let issued = match g.issued_at.as_deref() {
                Some(d) => parse_date(d, &format!("grants[{i}].issuedAt"))?,
                None => crate::date::Date::MIN,
            };
            held.push(Held {
                id: g.id.clone(),
                remaining: g.remaining,
                issued,
                expires,
                seq: i,
                from_plan: false,
            });
        }
        let mut lines = Vec::with_capacity(request.items.len());
        let mut total = Decimal::ZERO;
        for (i, item) in request.items.iter().enumerate() {
            let so_far = used.get(&item.feature).copied().unwrap_or(Decimal::ZERO);
            let m = meter(card, plan_id, plan, item, &format!("items[{i}]"), so_far, true)?;
            used.insert(item.feature.clone(), money::add(so_far, m.billed, "periodUsage")?);
            total = money::add(total, m.amount, "total")?;
            lines.push(QuoteLine {
                feature: item.feature.clone(),
                name: m.name.to_string(),
                amount: m.amount,
                billed: m.billed,
                included: m.included,
                units: m.units,
                rate: m.rate,
                per: m.per,
                multiplier: money::plain(m.multiplier),
                explanation: m.explanation,
                source: m.source.into_owned(),
                burns: if request.grants.is_some() {
                    let (taken, _) = burn(&mut held, m.amount);
                    taken
                        .into_iter()
                        .filter_map(|(g, credits)| {
                            held.get(g).map(|h| Burn {
                                grant: h.id.clone(),
                                credits: money::plain(credits),
                            })
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            });
        }
        let mut warnings = plan.warnings.clone();
        if let Some(today) = at {
            let soon = today.checked_add_days(7).unwrap_or(crate::date::Date::MAX);
            for h in held
                .iter()
                .filter(|h| h.remaining > Decimal::ZERO && h.expires.is_some_and(|e| e <= soon))
            {
                let when = h.expires.map(|e| e.to_string()).unwrap_or_default();
                warnings.push(format!(
                    "{} {} of grant {} expire on {when}, unused by this quote",
                    money::plain(h.remaining),
                    card.unit,
                    h.id
                ));
            }
        }
        let balance = match (request.balance, &request.grants) {
            (Some(b), _) => b,
            (None, Some(grants)) => grants
                .iter()
                .try_fold(Decimal::ZERO, |acc, g| money::add(acc, g.remaining, "grants"))?,
            (None, None) => {
                warnings.push(format!(
                    "no balance given: assumed a fresh {}'s {} {} of plan {}",
                    plan.period.as_str(),
                    money::plain(plan.included),
                    card.unit,
                    plan.name
                ));
                plan.included
            }
        };
        let shape = |d: Decimal| card.shape_amount(d);
        let balance_after = shape(money::sub(balance, total, "balanceAfter")?);
        let shortfall = shape(money::sub(Decimal::ZERO, balance_after, "shortfall")?.max(Decimal::ZERO));
        let purchase = if shortfall > Decimal::ZERO {
            purchase_options(card, plan, shortfall, balance_after)?
        } else {
            Vec::new()
        };
        if let Some(price) = plan.overage_price.filter(|_| shortfall > Decimal::ZERO) {
            let cost = money::cents(money::mul(shortfall, price, "overage")?);
            warnings.push(format!(
                "with Allow Overage on, the {shortfall} {} past the balance are billed afterwards at {} {} each: {cost} {}",
                card.unit, money::cents(price), card.currency, card.currency
            ));
        }
        if shortfall > Decimal::ZERO && purchase.is_empty() {
            warnings.push(
                plan.purchase_note
                    .clone()
                    .unwrap_or_else(|| format!("plan {} offers no way to buy more {}", plan.name, card.unit)),
            );
        }
        let mut quote = Quote {
            rate_card: card.id.clone(),
            version: card.version.clone(),
            card_hash: self.card_hash().to_string(),
            fingerprint: String::new(),
            plan: plan_id.to_string(),
            unit: card.unit.clone(),
            currency: card.currency.clone(),
            lines,
            total: shape(total),
            balance: shape(balance),
            balance_after,
            shortfall,
            purchase,
            warnings,
        };
        quote.fingerprint = crate::integrity::fingerprint(self.fingerprint_seed(), request, &quote);
        Ok(quote)
    }
}

/// Most points one [`RateEngine::quote_curve`] call computes.
pub const MAX_CURVE_POINTS: usize = 100_000;

/// A price curve request: one item priced at each duration from
/// `fromSeconds` to `toSeconds` (included) every `stepSeconds`.
///
/// JS shape: `{ plan?, item: { feature, options? }, fromSeconds, toSeconds, stepSeconds? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurveRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// The item; its `seconds` is ignored.
    pub item: Item,
    /// First duration, whole seconds ≥ 1.
    pub from_seconds: u32,
    /// Last duration, whole seconds.
    pub to_seconds: u32,
    /// Step, whole seconds ≥ 1; default 1.
    #[serde(default)]
    pub step_seconds: Option<u32>,
}

impl RateEngine {
    /// The item's amount, in the card's unit, at each duration of the curve:
    /// the same amount a one-item quote shows (before any allowance, which a
    /// curve ignores). One call for a whole chart.
    ///
    /// # Errors
    /// `invalid_request` for an empty or reversed range, a zero step or more
    /// than [`MAX_CURVE_POINTS`] points; otherwise as `quote` for the item at
    /// the first duration that fails (`plan_limit` past the longest video).
    pub fn quote_curve(&self, req: &CurveRequest) -> Result<Vec<Decimal>> {
        let card = self.card();
        let (plan_id, plan) = self.plan(req.plan.as_deref())?;
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
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!("stepSeconds: at most {MAX_CURVE_POINTS} points, got {points}"),
            ));
        }
        let mut item = Item {
            seconds: None,
            quantity: None,
            ..req.item.clone()
        };
        // The feature, options and rate are resolved once; each point only
        // meters its duration.
        let resolved = resolve(card, plan_id, plan, &item, "item")?;
        let mut out = Vec::with_capacity(points);
        let mut s = req.from_seconds;
        while s <= req.to_seconds {
            item.seconds = Some(Decimal::from(s));
            out.push(resolved.meter(&item, "item", Decimal::ZERO, false)?.amount);
            match s.checked_add(step) {
                Some(next) => s = next,
                None => break,
            }
        }
        Ok(out)
    }
}
