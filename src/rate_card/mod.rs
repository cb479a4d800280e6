//! The rate card: a pricing model as data (JSON), parsed and validated on load.
//!
//! # Shape
//! ```text
//! { id, version, name, currency: "USD", unit: "credits", unitSingular: "credit",
//!   rounding: { mode: "up" | "half_up" | "half_even" | "down", dp: 2 },
//!   source,
//!   plans:    { <planId>:    Plan },     // in display order
//!   products: { <productId>: Product },
//!   features: { <featureId>: Feature } }
//! ```
//! Every amount is a decimal **string** (`"0.05"`); a JSON number where an
//! amount is expected is an `invalid_rate_card` error, so a binary float never
//! stands in for a price. Every rate carries a `source` (the article's publisher, title and section).
//! Unknown fields are refused, so a typo cannot silently drop a rule.
//!
//! This module holds the types; `validate.rs` the checks the types cannot
//! express; `schema.rs` the JSON Schema generated from the types.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::MAX_RATE_CARD_BYTES;
use crate::money::{self, Currency, DecimalString, RoundingMode};

mod schema;
mod validate;

pub use schema::json_schema;
pub(crate) use validate::downgrade;

/// A whole rate card. See the module docs for the JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateCard {
    /// Stable id, e.g. `"heygen-credits"`.
    pub id: String,
    /// Version of the card's rates, e.g. `"2026-11-01"`.
    pub version: String,
    /// The day (`YYYY-MM-DD`) this version's prices take effect, in a price
    /// book of several versions (the `book` module); absent: in
    /// force from the start (the first version, or a card on its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// Display name.
    pub name: String,
    /// ISO 4217 code of every money price on the card, e.g. `"USD"`.
    pub currency: String,
    /// Name of the unit quotes are made in, plural: `"credits"`, or the
    /// currency code for a money wallet.
    pub unit: String,
    /// Singular of [`RateCard::unit`]: `"credit"`.
    pub unit_singular: String,
    /// How each quote line is rounded.
    pub rounding: Rounding,
    /// Where the card comes from (the article's publisher and title).
    pub source: String,
    /// Plans by id, in display order.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, Plan>"))]
    pub plans: IndexMap<String, Plan>,
    /// Purchasable products by id (packs, blocks, top-ups).
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, Product>"))]
    pub products: IndexMap<String, Product>,
    /// Features by id, in display order.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, Feature>"))]
    pub features: IndexMap<String, Feature>,
    /// How credit grants expire over time (used by `simulate`); absent:
    /// nothing expires except on cancellation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<WalletRules>,
    /// What an upgrade to another plan charges and grants; absent: the
    /// prorated price difference and the difference in credits at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade_rule: Option<UpgradeRule>,
    /// The longest a hold may last, in days (a hold's `holdFor`): 1 to 366;
    /// absent: [`DEFAULT_MAX_HOLD_DAYS`](crate::limits::DEFAULT_MAX_HOLD_DAYS).
    /// No article describes holds: this is the product's rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub max_hold_days: Option<u32>,
    /// What a settlement does with a job that ran past its hold: `"cap"`
    /// (absent: the checkout promised "at most", so the capture stops at the
    /// hold) or `"charge"` (the excess is taken from the available balance,
    /// then billed as overage where the plan allows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub overrun: Option<Overrun>,
}

/// What a settlement does with a job that ran past its hold (a card's `overrun`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Overrun {
    /// Capture at most the hold: the excess is not charged.
    #[default]
    Cap,
    /// Charge the excess: from the available balance, then as overage where
    /// the plan allows it.
    Charge,
}

/// What a mid-cycle upgrade does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum UpgradeCharge {
    /// The web plans: the price difference prorated by the days left in the
    /// billing period, and the difference in credits at once; the full new
    /// allowance from the next cycle.
    #[default]
    ProratedDifference,
    /// Standalone subscriptions (the API plans): the new plan starts that
    /// day, with its full allowance for its full price; the next renewal is
    /// one period later. Credits already granted keep their own expiry.
    NewSubscription,
}

impl UpgradeCharge {
    /// `"prorated_difference"` or `"new_subscription"`, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            UpgradeCharge::ProratedDifference => "prorated_difference",
            UpgradeCharge::NewSubscription => "new_subscription",
        }
    }
}

/// The card's upgrade rule: `{ "charge": "new_subscription", "source": … }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpgradeRule {
    /// What an upgrade charges and grants.
    pub charge: UpgradeCharge,
    /// The article (publisher, title) and section of the rule.
    pub source: String,
}

/// When a credit grant expires, counted from when it is issued.
///
/// JSON: `{ "after": "cycles", "count": 2 }` (at the start of the billing
/// cycle `count` cycles after the one it was issued in: monthly rollover for
/// one more cycle is `2`), `{ "after": "days", "count": 30 }`,
/// `{ "after": "renewal" }` (at the next renewal of the subscription: the
/// annual renewal date for annual billing), or `{ "after": "never" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(tag = "after", rename_all = "snake_case")]
pub enum Expiry {
    /// At the start of the cycle `count` cycles after the issuing one.
    Cycles {
        /// Cycles, at least 1.
        count: u32,
    },
    /// `count` days after issue.
    Days {
        /// Days, at least 1.
        count: u32,
    },
    /// At the next renewal of the subscription's billing period.
    Renewal,
    /// Never (but cancellation forfeits everything at the end of the cycle).
    Never,
}

/// The card's wallet rules: how grants expire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WalletRules {
    /// Expiry of a plan's credits when billed monthly.
    pub monthly_billing: Expiry,
    /// Expiry of a plan's credits when billed yearly.
    pub annual_billing: Expiry,
    /// Expiry of purchased credits (packs, blocks, top-ups) unless the
    /// product says otherwise.
    pub purchases: Expiry,
    /// The article (publisher, title) and section of these rules.
    pub source: String,
}

/// Rounding of each quote line: `mode` at `dp` decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// The named rounding mode.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "RoundingMode"))]
    pub mode: RoundingMode,
    /// Decimal places, 0 to 6.
    pub dp: u32,
}

/// A billing period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Paid once, no renewal.
    Once,
    /// Renews monthly.
    Month,
    /// Renews yearly.
    Year,
}

impl Period {
    /// `"once"`, `"month"` or `"year"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Once => "once",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// A subscription plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Display name.
    pub name: String,
    /// Price per period in the card's currency; absent for a custom price
    /// (not purchasable self-serve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<DecimalString>,
    /// Billing period of `price` and `included`.
    pub period: Period,
    /// Credits (the card's unit) granted each period.
    pub included: DecimalString,
    /// Ids of the features the plan allows; absent means every feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
    /// Why features outside `features` are unavailable (shown in `not_available`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable_reason: Option<String>,
    /// Ids of the products this plan can buy (packs, blocks, top-ups).
    #[serde(default)]
    pub products: Vec<String>,
    /// Ids of the plans this plan upgrades to, offered when short.
    #[serde(default)]
    pub upgrades: Vec<String>,
    /// Shown as a warning when the quote is short and nothing can be bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_note: Option<String>,
    /// Usage included each period before credits are charged.
    #[serde(default)]
    pub allowances: Vec<Allowance>,
    /// Highest value the plan allows per enum option, by option id, in the
    /// order of the option's `values` (`{ "resolution": "720p" }`). Over it is
    /// `plan_limit`; an item that omits the option takes this value.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, string>"))]
    pub max_options: IndexMap<String, String>,
    /// With overage allowed, usage past the balance is billed afterwards at
    /// this price per unit of the card, in its currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overage_price: Option<DecimalString>,
    /// Price per year when billed yearly; absent: 12 × `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_price: Option<DecimalString>,
    /// The plan renews early (charging its price, refilling its credits and
    /// starting a new cycle) once this fraction of the cycle's credits is used
    /// (`"0.9"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew_at: Option<DecimalString>,
    /// The plan offers auto-reload: buying its first product when the balance
    /// falls below a threshold the buyer sets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_reload: bool,
    /// Longest video the plan allows, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_seconds: Option<DecimalString>,
    /// Warnings every quote on this plan carries (a watermark, say).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Whether the plan is a subscription (default `true`). `false` for a
    /// prepaid wallet (pay-as-you-go): no billing cycles, no rollover, nothing
    /// forfeited, nothing to cancel; the balance stays until it is spent.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub subscription: bool,
    /// Why the plan is billed monthly only, when it is (the API and
    /// LiveAvatar plans: their article prices them per month and has no
    /// annual plan). `billing: "year"` on it is refused with this reason.
    /// Absent: yearly billing costs `annualPrice`, else 12 × `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_only: Option<String>,
    /// Closed to new buyers (a legacy plan): said in `compare`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    /// The article (publisher, title) and section of the plan's price and credits.
    pub source: String,
}

/// Usage of a feature included in a plan each period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Allowance {
    /// The feature id.
    pub feature: String,
    /// Only when the item's enum options have these values (all must match).
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, string | string[]>"))]
    pub when: IndexMap<String, OneOrMany>,
    /// Included amount per period, in the feature's input unit (seconds or a
    /// count); absent means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<DecimalString>,
    /// Shown in the line, e.g. `"audio-only translation is unlimited on paid plans"`.
    pub label: String,
    /// The article (publisher, title) and section.
    pub source: String,
}

/// `not_available` at `billing`: `plan` is billed monthly only, and why
/// (“API Pro is billed monthly only: …”).
pub fn monthly_only(plan: &Plan, why: &str) -> Error {
    Error::at(
        ErrorKind::NotAvailable,
        "billing",
        format!("{} is billed monthly only, not yearly: {why}", plan.name),
    )
}

fn yes() -> bool {
    true
}

fn default_unit_name() -> String {
    "pack".into()
}

impl Product {
    /// A recurring add-on (packs or units that renew with the subscription):
    /// not one-time, and not a renewal of the plan itself.
    pub fn is_recurring_addon(&self) -> bool {
        self.period != Period::Once && self.kind != ProductKind::Renewal
    }
}

/// What kind of purchase a product is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// A credit pack or block: `credits` for `price`.
    Pack,
    /// A wallet top-up.
    TopUp,
    /// "Renew now": a repurchase of the plan that replaces it. The old cycle
    /// ends that day, the plan's price is charged, its credits granted, and
    /// the next renewal is one period later. One at a time (quantity 1).
    Renewal,
}

/// A purchasable product: `quantity ×` it grants `quantity × credits` for
/// `quantity × price`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    /// Display name, e.g. `"100-credit block"`.
    pub name: String,
    /// What one unit is called when counted: `"block"` (“buy 2 blocks”).
    #[serde(default = "default_unit_name")]
    pub unit_name: String,
    /// Pack or top-up.
    pub kind: ProductKind,
    /// Credits (the card's unit) one unit grants.
    pub credits: DecimalString,
    /// Price of one unit in the card's currency.
    pub price: DecimalString,
    /// `once` for one-time packs, else the renewal period.
    pub period: Period,
    /// When the product's credits expire; absent: the card's
    /// `wallet.purchases`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Expiry>,
    /// Priced per seat (per user): price and credits are multiplied by the
    /// number of seats.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_seat: bool,
    /// The article (publisher, title) and section.
    pub source: String,
}

/// What a feature's item gives: a duration or a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The item gives `seconds` of output.
    Seconds,
    /// The item gives a `quantity` (looks, images, trainings, calls).
    Quantity,
}

/// What a rate is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Per second of (billed) output.
    Second,
    /// Per minute of output, prorated per billed second: `seconds × rate / 60`.
    Minute,
    /// Per unit of a counted feature (a look, an image, a call).
    Each,
    /// Flat per video, whatever its length.
    Video,
}

impl Per {
    /// `"second"`, `"minute"`, `"each"` or `"video"`, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Second => "second",
            Per::Minute => "minute",
            Per::Each => "each",
            Per::Video => "video",
        }
    }
}

/// How a duration or count is cut into increments of `increment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IncrementRule {
    /// `ceil(x / increment)` increments: 1–30 s is one 30 s increment.
    #[default]
    Ceil,
    /// Started increments as the API article's table counts them:
    /// `floor(x / increment) + 1`, so 0:30 is already two 30 s increments.
    FloorPlusOne,
}

/// A feature: something a generation uses, and how it is metered and priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Feature {
    /// Display name.
    pub name: String,
    /// Whether items give `seconds` or `quantity`.
    pub input: Input,
    /// For counted features, the name of one unit (`"look"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_name: Option<String>,
    /// The rate, in the card's unit per `per`, when one rate fits all options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<DecimalString>,
    /// What `rate` is per.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Per>,
    /// Rates chosen by enum option values; the first whose `when` matches wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<RateRule>,
    /// Increment size, in the input's unit (seconds or a count): 30 s, or
    /// looks generated 4 at a time. Absent: whole seconds / whole units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<DecimalString>,
    /// How increments are counted.
    #[serde(default)]
    pub increment_rule: IncrementRule,
    /// Least amount billed per item, in the input's unit (a 30 s minimum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<DecimalString>,
    /// Smallest accepted input (seconds or count); below is `invalid_quantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<DecimalString>,
    /// Largest accepted input (seconds or count); above is `invalid_quantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<DecimalString>,
    /// Whether the plan's `maxSeconds` (longest video) applies; `false` for
    /// streaming sessions, which are not videos.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub length_limited: bool,
    /// Options by id, in display order.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, OptionDef>"))]
    pub options: IndexMap<String, OptionDef>,
    /// The article (publisher, title) and section of the rate.
    pub source: String,
}

/// One rate of a feature, chosen when every `when` entry matches the item's
/// enum option (after defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateRule {
    /// Option id → value, or list of values, that select this rate.
    #[serde(default)]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, string | string[]>"))]
    pub when: IndexMap<String, OneOrMany>,
    /// The rate, in the card's unit per `per`.
    pub rate: DecimalString,
    /// What the rate is per.
    pub per: Per,
    /// The article (publisher, title) and section; defaults to the feature's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One value or a list of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single value.
    One(String),
    /// Any of these values.
    Many(Vec<String>),
}

/// The type of an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum OptionType {
    /// One of `values`; selects a rate through [`RateRule::when`].
    Enum,
    /// `true` multiplies the rate by `multiplier`.
    Boolean,
}

/// An option of a feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OptionDef {
    /// Enum or boolean.
    #[serde(rename = "type")]
    pub kind: OptionType,
    /// Display label.
    pub label: String,
    /// Enum values, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Enum value taken when the item gives none; absent makes the option
    /// required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Boolean: the factor applied to the rate when `true` (`"2"` doubles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<DecimalString>,
    /// Boolean: the option must be `true` to use the feature; otherwise
    /// `not_available` with this reason ("existing customers only").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    /// Enum values that exist but cannot be used here, with the reason
    /// (`not_available`): `{ "proofread": "Enterprise plans only" }`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, string>"))]
    pub unavailable: IndexMap<String, String>,
    /// The article (publisher, title) and section of the multiplier or gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl OneOrMany {
    /// Whether `value` is (one of) the value(s).
    pub fn matches(&self, value: &str) -> bool {
        match self {
            OneOrMany::One(v) => v == value,
            OneOrMany::Many(vs) => vs.iter().any(|v| v == value),
        }
    }

    fn values(&self) -> impl Iterator<Item = &str> {
        let (one, many): (Option<&String>, &[String]) = match self {
            OneOrMany::One(v) => (Some(v), &[]),
            OneOrMany::Many(vs) => (None, vs),
        };
        one.into_iter().chain(many).map(String::as_str)
    }
}

/// serde_json's error reading rate-card JSON `text` as `invalid_rate_card` at
/// the JSON path it stopped at (`features.avatar_iv.rate`, `[1].id` in a
/// price book), with the line and column.
pub(crate) fn parse_error(text: &str, inner: &serde_json::Error) -> Error {
    let path = crate::json_path::at(text, inner.line(), inner.column());
    let mut msg = inner.to_string();
    if let Some(at) = msg.rfind(" at line ") {
        msg.truncate(at);
    }
    let detail = format!("{msg} (line {}, column {})", inner.line(), inner.column());
    if path.is_empty() {
        Error::new(ErrorKind::InvalidRateCard, format!("$: {detail}"))
    } else {
        Error::new(ErrorKind::InvalidRateCard, detail).within(&path)
    }
}

impl RateCard {
    /// Parses and validates a rate card from JSON text.
    ///
    /// # Errors
    /// `invalid_rate_card`, with the JSON path of the first problem in
    /// [`Error::path`] and at the start of the message:
    /// `features.avatar_iv.rate: expected a decimal string, got 0.1`.
    ///
    /// # Example
    /// ```
    /// let card = ratecard::RateCard::from_json(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    /// assert_eq!(card.unit, "credits");
    /// ```
    pub fn from_json(text: &str) -> Result<RateCard> {
        let card = Self::parse_unchecked(text)?;
        card.validate()?;
        Ok(card)
    }

    /// The card in `text` (at most [`MAX_RATE_CARD_BYTES`]), parsed but not
    /// validated: for a price book, which validates each version once.
    pub(crate) fn parse_unchecked(text: &str) -> Result<RateCard> {
        if text.len() > MAX_RATE_CARD_BYTES {
            return Err(Error::new(
                ErrorKind::InvalidRateCard,
                format!("$: the rate card is {} bytes; the limit is {MAX_RATE_CARD_BYTES}", text.len()),
            ));
        }
        serde_json::from_str(text).map_err(|e| parse_error(text, &e))
    }

    /// Checks every cross-reference and range the types cannot express (see
    /// `validate.rs`: the card, its products, plans and features, each apart).
    ///
    /// # Errors
    /// `invalid_rate_card` naming the path of the first problem.
    pub fn validate(&self) -> Result<()> {
        validate::card(self)
    }

    /// How many parts [`RateCard::validate_part`] checks this card in.
    pub(crate) fn validation_parts(&self) -> usize {
        validate::parts(self)
    }

    /// Validates part `k` of this card: the parts in order are
    /// [`RateCard::validate`], in short steps (a large card loaded by a page).
    pub(crate) fn validate_part(&self, k: usize) -> Result<()> {
        validate::part(self, k)
    }

    /// What an upgrade charges and grants: the card's `upgradeRule`, else
    /// the prorated difference.
    pub fn upgrade_charge(&self) -> UpgradeCharge {
        self.upgrade_rule.as_ref().map(|r| r.charge).unwrap_or_default()
    }

    /// How many days a hold lasts: `hold_for` (default 1), from 1 to the
    /// card's `maxHoldDays` (default [`DEFAULT_MAX_HOLD_DAYS`](crate::limits::DEFAULT_MAX_HOLD_DAYS)).
    ///
    /// # Errors
    /// `invalid_request` at `holdFor` outside that range.
    pub fn hold_days(&self, hold_for: Option<u32>) -> Result<u32> {
        let most = self.max_hold_days.unwrap_or(crate::limits::DEFAULT_MAX_HOLD_DAYS);
        match hold_for.unwrap_or(1) {
            days @ 1.. if days <= most => Ok(days),
            days => Err(Error::at(
                ErrorKind::InvalidRequest,
                "holdFor",
                format!("a hold lasts 1 to {most} days on rate card \"{}\", got {days}", self.id),
            )),
        }
    }

    /// The card's currency (code and minor unit).
    pub fn money(&self) -> Currency<'_> {
        Currency::of(&self.currency)
    }

    /// An amount in the card's unit as it is shown, never rounded here (the
    /// card's `rounding` already was): on a money wallet (`unit` is the
    /// currency) its exact digits, padded to at least the minor unit
    /// (`4.669` stays `4.669`, `5` is `5.00`: pay-as-you-go debits `rate ×
    /// billed seconds` exactly); in credits without trailing zeros.
    pub fn shape_amount(&self, value: Decimal) -> Decimal {
        if self.unit == self.currency {
            self.money().pad(value)
        } else {
            money::plain(value)
        }
    }

    /// The request's plan: the named one, or the only one, as a
    /// [`PlanRef`] (its id and the plan).
    ///
    /// # Errors
    /// `unknown_plan` at `plan`, naming the card's plans.
    pub fn plan(&self, id: Option<&str>) -> Result<PlanRef<'_>> {
        let names = || one_of(self.plans.keys().map(String::as_str));
        match id {
            Some(id) => self.plans.get_key_value(id).map(|(id, plan)| PlanRef { id, plan }).ok_or_else(|| {
                Error::at(
                    ErrorKind::UnknownPlan,
                    "plan",
                    format!("no plan \"{id}\" on rate card \"{}\"; plans: {}", self.id, names()),
                )
            }),
            None if self.plans.len() == 1 => self
                .plans
                .first()
                .map(|(id, plan)| PlanRef { id, plan })
                .ok_or_else(|| Error::at(ErrorKind::UnknownPlan, "plan", "the rate card has no plan")),
            None => Err(Error::at(
                ErrorKind::UnknownPlan,
                "plan",
                format!("required, rate card \"{}\" has several plans: {}", self.id, names()),
            )),
        }
    }
}

/// A plan of a rate card with its id: what a request's `plan` names once
/// resolved ([`RateCard::plan`]). Dereferences to the [`Plan`].
#[derive(Debug, Clone, Copy)]
pub struct PlanRef<'c> {
    /// The plan's key in the card's `plans`, e.g. `"business"`.
    pub id: &'c str,
    /// The plan.
    pub plan: &'c Plan,
}

impl std::ops::Deref for PlanRef<'_> {
    type Target = Plan;
    fn deref(&self) -> &Plan {
        self.plan
    }
}
