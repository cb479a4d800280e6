//! The request vocabulary: every request the engine answers, as typed data,
//! and the one [`Grant`] type (a credit grant, as a quote takes it and as a
//! simulation returns it). `parse.rs` reads them from JSON text, with the
//! offending field's path and the code its reader chose.
//!
//! Durations and counts are [`Measure`]s (a number or a decimal string);
//! money and credits are [`DecimalString`]s (strings only).

use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::date::Date;
use crate::error::{tagged, ErrorKind};
use crate::money::{DecimalString, Measure};
use crate::rate_card::{Period, RateCard};

mod hold;
mod parse;

pub use hold::{Burn, Hold, HoldTag, SettleRequest};
pub use parse::{from_json, parse};

/// A quote request.
///
/// JSON / JS shape: `{ plan?, items: [Item], balance?: "12.5", periodUsage?: { <feature>: 14 } }`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// The generation items, at least one, at most [`MAX_ITEMS`](crate::limits::MAX_ITEMS).
    pub items: Vec<Item>,
    /// Current balance in the card's unit (credits, or USD for a wallet), a
    /// decimal string. Absent: a fresh period's included credits of the plan;
    /// `null` (what JS writes for NaN) is refused.
    #[serde(default, deserialize_with = "crate::money::present_decimal")]
    #[schemars(with = "DecimalString")]
    pub balance: Option<DecimalString>,
    /// Usage so far this billing period, by feature id, in the feature's
    /// input unit (seconds or count); counts against the plan's allowances.
    #[serde(default, deserialize_with = "usage_map")]
    #[schemars(with = "IndexMap<String, Measure>")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, number | string>"))]
    pub period_usage: IndexMap<String, Decimal>,
    /// The wallet's grants, in place of `balance`: the quote then shows per
    /// line which grants it burns (soonest expiry first, then oldest) and
    /// warns about credits expiring within 7 days of `at` unused.
    #[serde(default)]
    pub grants: Option<Vec<Grant>>,
    /// How the plan is billed: `"month"` (the default) or `"year"`. The
    /// purchase options follow it (“If you're on the annual plan, you will get
    /// all 3600 GenCredits at once”): a recurring pack billed that way (the
    /// annual GenCredit pack on a yearly plan, the monthly one on a monthly
    /// plan), or a monthly add-on billed yearly at 12 × (AI Studios). A plan
    /// billed monthly only (API, LiveAvatar) refuses `"year"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<Period>,
    /// The day of the quote, `YYYY-MM-DD`. With `grants`: a grant whose
    /// `expiresAt` is on or before it has expired and is dropped (not counted,
    /// burned or warned about); credits expiring within 7 days after it are
    /// named in a warning.
    #[serde(default)]
    pub at: Option<String>,
    /// Open holds on this wallet (as `RateEngine::hold` made them): the
    /// balance, shortfall and purchases are computed on what is available,
    /// `balance − held`, grant by grant. A hold whose `expiresAt` is before
    /// `at` has released everything and is skipped. At most
    /// [`MAX_HOLDS`](crate::limits::MAX_HOLDS); they need `balance` or `grants`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub holds: Vec<Hold>,
    /// For `RateEngine::hold`: how many days the hold lasts (default 1, at
    /// most the card's `maxHoldDays`, default 7). Other requests ignore it,
    /// so one request serves the page's range and the server's hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub hold_for: Option<u32>,
}

/// Usage so far by feature: feature id → a [`Measure`].
pub(crate) fn usage_map<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<IndexMap<String, Decimal>, D::Error> {
    let raw: IndexMap<String, Measure> = IndexMap::deserialize(d)?;
    Ok(raw.into_iter().map(|(k, v)| (k, v.0)).collect())
}

/// An optional [`Measure`]: absent is `None`; given, it must be a number or
/// a decimal string. An explicit `null` is refused, because that is what
/// `JSON.stringify` makes of NaN and ±Infinity.
pub(crate) fn opt_measure<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
    Measure::deserialize(d).map(|a| Some(a.0))
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

impl JsonSchema for OptionValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OptionValue".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["boolean", "string"], "description": "A boolean option's value, or an enum option's value." })
    }
}

impl JsonSchema for CardOrBook {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CardOrBook".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let card = g.subschema_for::<RateCard>();
        schemars::json_schema!({ "oneOf": [card, { "type": "array", "items": card }], "description": "A rate card, or a price book (an array of its versions)." })
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
            // (Tagged: a wrong value of an option is `invalid_option`.)
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<OptionValue, A::Error> {
                Err(de::Error::custom(tagged(
                    ErrorKind::InvalidOption,
                    "invalid type: sequence, expected a boolean or a string",
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> std::result::Result<OptionValue, A::Error> {
                Err(de::Error::custom(tagged(
                    ErrorKind::InvalidOption,
                    "invalid type: map, expected a boolean or a string",
                )))
            }
        }
        d.deserialize_any(V)
    }
}

/// One generation item: a feature with a duration (`seconds`) or a count
/// (`quantity`), and the feature's options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Feature id, e.g. `"avatar_iv"`.
    pub feature: String,
    /// Duration in seconds, for features metered by time; fractional seconds
    /// are rounded up to the next whole second.
    #[serde(default, deserialize_with = "opt_measure", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Measure")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "number | string"))]
    pub seconds: Option<Decimal>,
    /// Count, for counted features (looks, images, trainings); whole.
    #[serde(default, deserialize_with = "opt_measure", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Measure")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "number | string"))]
    pub quantity: Option<Decimal>,
    /// With `seconds` (then the least the job may run): the most it may run, in seconds, for a
    /// job whose length is known only after it runs. `RateEngine::quote_range` prices both ends;
    /// `quote` prices `seconds`. At least `seconds` (else `invalid_quantity` at
    /// `items[i].maxSeconds`).
    #[serde(default, rename = "maxSeconds", deserialize_with = "opt_measure", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Measure")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "number | string", optional))]
    pub max_seconds: Option<Decimal>,
    /// Option id → value: `true`/`false` for a boolean, a string for an enum.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
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

/// A price curve request: one item priced at each duration from
/// `fromSeconds` to `toSeconds` (included) every `stepSeconds`.
///
/// JS shape: `{ plan?, item: { feature, options? }, fromSeconds, toSeconds, stepSeconds?, at? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
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
    /// The day priced, `YYYY-MM-DD`: a price book prices it with the version
    /// in force then (required for a book of several versions).
    #[serde(default)]
    pub at: Option<String>,
}

/// A request to buy N of a plan's product.
///
/// JS shape: `{ plan?, quantity: 3, seats?, billing?: "once" | "month" | "year", at? }`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BuyPacksRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// How many units (blocks, packs); a whole number from 1 to [`MAX_QUANTITY`](crate::limits::MAX_QUANTITY).
    pub quantity: Measure,
    /// Seats, for a product priced per seat (aistudios basic: per user);
    /// default 1. Refused for other products.
    #[serde(default)]
    pub seats: Option<Measure>,
    /// Which of the plan's products by billing period; default the first.
    #[serde(default)]
    pub billing: Option<Period>,
    /// The day priced, `YYYY-MM-DD`: a price book prices it with the version
    /// in force then (required for a book of several versions).
    #[serde(default)]
    pub at: Option<String>,
}

/// A simulation request. Dates are ISO `YYYY-MM-DD`; the window runs from
/// `start` to `until`, both included; the subscription starts at `start`.
///
/// JS shape: `{ plan?, billing?: "month" | "year", start, until, usage?: [UsageEvent],
/// purchases?: [PurchaseEvent], autoReload?: { threshold, quantity }, allowOverage?,
/// autoRenew?, cancelAt?, upgrades?: [{ at, plan }], unitChanges?: [{ at, quantity }],
/// holds?: [{ at, id, items, holdFor? }], settlements?: [{ at, hold, items }] }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulateRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// Billing period of the subscription: `month` (default) or `year`.
    #[serde(default)]
    pub billing: Option<Period>,
    /// First day, `YYYY-MM-DD`; the subscription starts here.
    pub start: String,
    /// Last day simulated, `YYYY-MM-DD`, included.
    pub until: String,
    /// Generations, each a feature with seconds or quantity on a day.
    #[serde(default)]
    pub usage: Vec<UsageEvent>,
    /// Purchases of the plan's products (packs, blocks, units, top-ups).
    #[serde(default)]
    pub purchases: Vec<PurchaseEvent>,
    /// Buy `quantity` of the plan's product whenever the balance falls below
    /// `threshold` (where the plan offers auto-reload).
    #[serde(default)]
    pub auto_reload: Option<AutoReload>,
    /// Let usage go past the balance, billed afterwards at the plan's
    /// overage price (where the card offers it).
    #[serde(default)]
    pub allow_overage: bool,
    /// Renew the plan early once its share of the cycle's credits is used
    /// (API Scale and LiveAvatar Essential: 90 %), where the plan offers it.
    /// Off by default: the articles call it an option.
    #[serde(default)]
    pub auto_renew: bool,
    /// Changes to the number of recurring add-on units (AI Studios), each
    /// effective from the next cycle; the current cycle's credits stay.
    #[serde(default)]
    pub unit_changes: Vec<UnitChange>,
    /// Cancel on this day: access continues to the end of the billing
    /// period, then unused credits are forfeited.
    #[serde(default)]
    pub cancel_at: Option<String>,
    /// Mid-cycle upgrades to other plans.
    #[serde(default)]
    pub upgrades: Vec<UpgradeEvent>,
    /// Holds made for jobs of unknown length: each reserves the most its
    /// items can cost (see `RateEngine::hold`) until it is settled or expires.
    #[serde(default)]
    pub holds: Vec<HoldEvent>,
    /// Settlements of those holds, by the hold's `id`.
    #[serde(default)]
    pub settlements: Vec<SettlementEvent>,
}

/// A hold made on a day: `{ at, id, items, holdFor? }`: `items` as a quote's,
/// each with `seconds` (the least) and `maxSeconds` (the most); `holdFor`
/// days (default 1, at most the card's `maxHoldDays`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoldEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// The hold's id, unique among the request's holds: settlements name it.
    pub id: String,
    /// The job's items.
    pub items: Vec<Item>,
    /// Days the hold lasts.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub hold_for: Option<u32>,
}

/// A hold settled on a day: `{ at, hold, items }`, the lengths the job
/// actually ran (none: it failed, and everything is released).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct SettlementEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// The id of the hold settled.
    pub hold: String,
    /// What the job ran.
    #[serde(default)]
    pub items: Vec<Item>,
}

/// One generation on a day: `{ at, feature, seconds | quantity, options? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct UsageEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// Feature id.
    pub feature: String,
    /// Duration in seconds, for features metered by time.
    #[serde(default, deserialize_with = "opt_measure", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Measure")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "number | string"))]
    pub seconds: Option<Decimal>,
    /// Count, for counted features.
    #[serde(default, deserialize_with = "opt_measure", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Measure")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "number | string"))]
    pub quantity: Option<Decimal>,
    /// Option id → value.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
}

/// A purchase on a day: `{ at, quantity, billing?, seats? }` of the plan's product.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PurchaseEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// Units of the product.
    pub quantity: Measure,
    /// Which product by billing period, as in `buyPacks`.
    #[serde(default)]
    pub billing: Option<Period>,
    /// Seats, for products priced per seat.
    #[serde(default)]
    pub seats: Option<Measure>,
}

/// Auto-reload settings: `{ threshold: "100", quantity: 2 }`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct AutoReload {
    /// Reload when the balance falls below this, in the card's unit.
    pub threshold: DecimalString,
    /// Units of the plan's product bought at each reload.
    pub quantity: Measure,
}

/// An upgrade on a day: `{ at, plan }`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct UpgradeEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// The new plan's id.
    pub plan: String,
}

/// A change to the add-on's units on a day: `{ at, quantity }`, the new
/// number of units (0 removes the add-on), effective from the next cycle.
/// Lowering only: to add units, buy them (`purchases`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct UnitChange {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// Units from the next cycle on, a whole number ≥ 0.
    pub quantity: Measure,
}

/// What does a balance buy? `{ plan?, feature, options?, balance, periodUsage?, at? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// Feature id.
    pub feature: String,
    /// Option id → value, as in a quote item.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
    /// The balance to spend, in the card's unit, a decimal string.
    pub balance: DecimalString,
    /// Usage so far this period (for allowances), as in `quote`.
    #[serde(default, deserialize_with = "usage_map")]
    #[schemars(with = "IndexMap<String, Measure>")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, number | string>"))]
    pub period_usage: IndexMap<String, Decimal>,
    /// The day priced, `YYYY-MM-DD`: a price book prices it with the version
    /// in force then (required for a book of several versions).
    #[serde(default)]
    pub at: Option<String>,
}

/// A workload to compare across rate cards: `{ workload: [Item], presets?, cards?, books?, at?, allowOverage? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// The month's generations, as quote items.
    pub workload: Vec<Item>,
    /// Preset ids to compare; default every preset when no `cards` are
    /// given, none when they are.
    #[serde(default)]
    pub presets: Option<Vec<String>>,
    /// Rate cards of your own (the rate card JSON shape), or price books
    /// (each an array of one card's versions, as `RateEngine::from_json`
    /// takes one, compared at the version in force on `at`), validated as on
    /// load, compared with the presets named; at most
    /// [`MAX_COMPARE_CARDS`](crate::limits::MAX_COMPARE_CARDS) with `books`.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "(RateCard | RateCard[])[]"))]
    pub cards: Vec<CardOrBook>,
    /// Price books of your own, as in `cards` (kept: `cards` takes books too);
    /// they count towards the cards' limit.
    #[serde(default)]
    pub books: Vec<Vec<RateCard>>,
    /// The day compared, `YYYY-MM-DD`: each book's version in force then
    /// (required with a book of several versions).
    #[serde(default)]
    pub at: Option<String>,
    /// Price with Allow Overage on where a plan has it (API Scale,
    /// LiveAvatar Essential): usage past the plan's credits billed afterwards
    /// at the plan's overage price, when that is cheaper than buying more.
    /// Off (the default): such a row says what overage would cost, when cheaper.
    #[serde(default, rename = "allowOverage")]
    pub allow_overage: bool,
}

/// A rate card, or a price book of its versions (a JSON array), wherever
/// `compare` takes a card.
#[derive(Debug, Clone, PartialEq)]
pub enum CardOrBook {
    /// One rate card.
    Card(Box<RateCard>),
    /// A price book: the card's versions, oldest first.
    Book(Vec<RateCard>),
}

impl From<RateCard> for CardOrBook {
    fn from(card: RateCard) -> Self {
        CardOrBook::Card(Box::new(card))
    }
}

impl<'de> Deserialize<'de> for CardOrBook {
    /// An object is a card, an array a book; either read by its own reader,
    /// so an error keeps its JSON path (`cards[1][0].features…`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = CardOrBook;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a rate card (an object) or a price book (an array of rate cards)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<CardOrBook, A::Error> {
                RateCard::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(CardOrBook::from)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> std::result::Result<CardOrBook, A::Error> {
                Vec::<RateCard>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(CardOrBook::Book)
            }
        }
        d.deserialize_any(Either)
    }
}

/// What a server knows of the buyer, passed to `verify` so that a quote is
/// recomputed from the server's own records and not from the page's claims:
/// each field given replaces the request's (`balance` or `grants`: the one
/// given replaces both). A server should pass every field it keeps: the
/// plan the buyer is on, the balance or the wallet's grants, this period's
/// usage and today's date; it must never take those from the page.
///
/// JSON / JS shape: `{ plan?, balance?, grants?, periodUsage?, at?, holds? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerRecords {
    /// The plan the buyer is on.
    #[serde(default)]
    pub plan: Option<String>,
    /// The buyer's balance in the card's unit (a decimal string; `null` is
    /// refused: records fail closed).
    #[serde(default, deserialize_with = "crate::money::present_decimal")]
    #[schemars(with = "DecimalString")]
    pub balance: Option<DecimalString>,
    /// The wallet's grants, in place of `balance`.
    #[serde(default)]
    pub grants: Option<Vec<Grant>>,
    /// This billing period's usage so far, by feature id (seconds or count).
    #[serde(default, deserialize_with = "opt_usage_map")]
    #[schemars(with = "Option<IndexMap<String, Measure>>")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, number | string>"))]
    pub period_usage: Option<IndexMap<String, Decimal>>,
    /// The server's day, `YYYY-MM-DD`: the quote is checked on it, never on
    /// the day the request names (absent: the server's local date in JS,
    /// today in UTC natively). A quote dated after it is altered; one older
    /// than `maxAgeDays`, or whose amounts the records no longer give on it,
    /// is expired; a newer version in force on it makes a recent quote
    /// superseded (see `RateEngine::verify_within`).
    #[serde(default)]
    pub at: Option<String>,
    /// The open holds on the buyer's wallet (replace the request's `holds`).
    #[serde(default)]
    pub holds: Option<Vec<Hold>>,
}

fn opt_usage_map<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<IndexMap<String, Decimal>>, D::Error> {
    usage_map(d).map(Some)
}

impl ServerRecords {
    /// `request` with what these records give in place of the buyer's
    /// claims, and the first claim that differs from them (`"periodUsage"`).
    pub fn apply(&self, request: &QuoteRequest) -> (QuoteRequest, Option<&'static str>) {
        let mut r = request.clone();
        let mut differs = None;
        let mut note = |same: bool, field: &'static str| {
            if !same && differs.is_none() {
                differs = Some(field);
            }
        };
        if let Some(plan) = &self.plan {
            note(r.plan.as_ref() == Some(plan), "plan");
            r.plan = Some(plan.clone());
        }
        if self.balance.is_some() || self.grants.is_some() {
            note(r.balance == self.balance && r.grants == self.grants, if self.grants.is_some() { "grants" } else { "balance" });
            r.balance = self.balance;
            r.grants = self.grants.clone();
        }
        if let Some(usage) = &self.period_usage {
            note(&r.period_usage == usage, "periodUsage");
            r.period_usage = usage.clone();
        }
        if let Some(holds) = &self.holds {
            note(&r.holds == holds, "holds");
            r.holds = holds.clone();
        }
        (r, differs)
    }
}

/// A credit grant: `amount` credits issued on `issuedAt`, `remaining` of
/// them left, expiring on `expiresAt` (absent: never, but cancellation
/// forfeits). A quote takes the wallet's grants in this shape (only `id` and
/// `remaining` required); a simulation returns every grant it issued in it.
///
/// JSON / JS shape: `{ id, source?, amount?, remaining, issuedAt?, expiresAt? }`;
/// credits are decimal strings in the card's unit, days `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grant {
    /// Grant id: `g1`, `g2`, … in issue order for a simulation's grants.
    pub id: String,
    /// Where it came from: `plan creator, cycle of 2026-01-01`, `2 × 100-credit block`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Credits granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<DecimalString>,
    /// Credits left.
    pub remaining: DecimalString,
    /// Day issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    #[schemars(with = "Option<String>")]
    pub issued_at: Option<Date>,
    /// Day it expires; absent: never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    #[schemars(with = "Option<String>")]
    pub expires_at: Option<Date>,
}


/// The JSON Schema (draft 2020-12) of every request the engine answers,
/// generated from these types, as pretty-printed JSON text: `$defs` holds
/// `QuoteRequest`, `CurveRequest`, `BuyPacksRequest`, `SimulateRequest`,
/// `CapacityRequest`, `CompareRequest`, `ServerRecords`, `SettleRequest` and
/// `Hold`, and what they use (a rate card's own types by reference to the
/// rate-card schema's). The repository ships it as
/// `schema/requests.schema.json` (the MCP server's tools take their input
/// schemas from it); a test keeps the two identical.
pub fn json_schemas() -> String {
    let mut g = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let roots = [
        g.subschema_for::<QuoteRequest>(),
        g.subschema_for::<CurveRequest>(),
        g.subschema_for::<BuyPacksRequest>(),
        g.subschema_for::<SimulateRequest>(),
        g.subschema_for::<CapacityRequest>(),
        g.subschema_for::<CompareRequest>(),
        g.subschema_for::<ServerRecords>(),
        g.subschema_for::<SettleRequest>(),
        g.subschema_for::<Hold>(),
    ];
    let defs = g.take_definitions(true);
    let root = serde_json::json!({
        "$id": "https://ratecard.invalid/requests.schema.json",
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "The engine's requests",
        "description": "Every request the engine answers, by name under $defs (QuoteRequest, SimulateRequest, …), generated from the crate's types.",
        "anyOf": roots,
        "$defs": defs,
    });
    serde_json::to_string_pretty(&root).unwrap_or_default()
}
