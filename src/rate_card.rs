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

use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{one_of, Error, ErrorKind, Result};
use crate::money::decimal_string;

/// Largest rate card accepted by [`RateCard::from_json`], in bytes (1 MiB).
pub const MAX_RATE_CARD_BYTES: usize = 1 << 20;

/// A whole rate card. See the module docs for the JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateCard {
    /// Stable id, e.g. `"heygen-credits"`.
    pub id: String,
    /// Version of the card's rates, e.g. `"2026-11-01"`.
    pub version: String,
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
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Plan>"))]
    pub plans: IndexMap<String, Plan>,
    /// Purchasable products by id (packs, blocks, top-ups).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Product>"))]
    pub products: IndexMap<String, Product>,
    /// Features by id, in display order.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Feature>"))]
    pub features: IndexMap<String, Feature>,
    /// How credit grants expire over time (used by `simulate`); absent:
    /// nothing expires except on cancellation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<WalletRules>,
}

/// When a credit grant expires, counted from when it is issued.
///
/// JSON: `{ "after": "cycles", "count": 2 }` (at the start of the billing
/// cycle `count` cycles after the one it was issued in: monthly rollover for
/// one more cycle is `2`), `{ "after": "days", "count": 30 }`,
/// `{ "after": "renewal" }` (at the next renewal of the subscription: the
/// annual renewal date for annual billing), or `{ "after": "never" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// The named rounding mode.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RoundingMode"))]
    pub mode: crate::money::RoundingMode,
    /// Decimal places, 0 to 6.
    pub dp: u32,
}

/// A billing period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Display name.
    pub name: String,
    /// Price per period in the card's currency; absent for a custom price
    /// (not purchasable self-serve).
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub price: Option<Decimal>,
    /// Billing period of `price` and `included`.
    pub period: Period,
    /// Credits (the card's unit) granted each period.
    #[schemars(with = "DecimalString")]
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub included: Decimal,
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
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub max_options: IndexMap<String, String>,
    /// With overage allowed, usage past the balance is billed afterwards at
    /// this price per unit of the card, in its currency.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub overage_price: Option<Decimal>,
    /// Price per year when billed yearly; absent: 12 × `price`.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub annual_price: Option<Decimal>,
    /// The plan renews early (charging its price, refilling its credits and
    /// starting a new cycle) once this fraction of the cycle's credits is used
    /// (`"0.9"`).
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub auto_renew_at: Option<Decimal>,
    /// The plan offers auto-reload: buying its first product when the balance
    /// falls below a threshold the buyer sets.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_reload: bool,
    /// Longest video the plan allows, in seconds.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub max_seconds: Option<Decimal>,
    /// Warnings every quote on this plan carries (a watermark, say).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The article (publisher, title) and section of the plan's price and credits.
    pub source: String,
}

/// Usage of a feature included in a plan each period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Allowance {
    /// The feature id.
    pub feature: String,
    /// Only when the item's enum options have these values (all must match).
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string | string[]>"))]
    pub when: IndexMap<String, OneOrMany>,
    /// Included amount per period, in the feature's input unit (seconds or a
    /// count); absent means unlimited.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub amount: Option<Decimal>,
    /// Shown in the line, e.g. `"audio-only translation is unlimited on paid plans"`.
    pub label: String,
    /// The article (publisher, title) and section.
    pub source: String,
}

fn yes() -> bool {
    true
}

/// Schema stand-in for amounts: a decimal string such as `"0.05"`.
struct DecimalString;

impl JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?$",
            "description": "An exact decimal written as a string, e.g. \"0.05\"; never a JSON number."
        })
    }
}

fn default_unit_name() -> String {
    "pack".into()
}

/// What kind of purchase a product is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// A credit pack or block: `credits` for `price`.
    Pack,
    /// A wallet top-up.
    TopUp,
}

/// A purchasable product: `quantity ×` it grants `quantity × credits` for
/// `quantity × price`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[schemars(with = "DecimalString")]
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub credits: Decimal,
    /// Price of one unit in the card's currency.
    #[schemars(with = "DecimalString")]
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub price: Decimal,
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The item gives `seconds` of output.
    Seconds,
    /// The item gives a `quantity` (looks, images, trainings, calls).
    Quantity,
}

/// What a rate is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// How a duration or count is cut into increments of `increment`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub rate: Option<Decimal>,
    /// What `rate` is per.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Per>,
    /// Rates chosen by enum option values; the first whose `when` matches wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<RateRule>,
    /// Increment size, in the input's unit (seconds or a count): 30 s, or
    /// looks generated 4 at a time. Absent: whole seconds / whole units.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub increment: Option<Decimal>,
    /// How increments are counted.
    #[serde(default)]
    pub increment_rule: IncrementRule,
    /// Least amount billed per item, in the input's unit (a 30 s minimum).
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub minimum: Option<Decimal>,
    /// Smallest accepted input (seconds or count); below is `invalid_quantity`.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub min: Option<Decimal>,
    /// Largest accepted input (seconds or count); above is `invalid_quantity`.
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub max: Option<Decimal>,
    /// Whether the plan's `maxSeconds` (longest video) applies; `false` for
    /// streaming sessions, which are not videos.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub length_limited: bool,
    /// Options by id, in display order.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, OptionDef>"))]
    pub options: IndexMap<String, OptionDef>,
    /// The article (publisher, title) and section of the rate.
    pub source: String,
}

/// One rate of a feature, chosen when every `when` entry matches the item's
/// enum option (after defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateRule {
    /// Option id → value, or list of values, that select this rate.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string | string[]>"))]
    pub when: IndexMap<String, OneOrMany>,
    /// The rate, in the card's unit per `per`.
    #[schemars(with = "DecimalString")]
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub rate: Decimal,
    /// What the rate is per.
    pub per: Per,
    /// The article (publisher, title) and section; defaults to the feature's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One value or a list of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single value.
    One(String),
    /// Any of these values.
    Many(Vec<String>),
}

impl OneOrMany {
    /// Whether `value` is (one of) the value(s).
    pub fn matches(&self, value: &str) -> bool {
        match self {
            OneOrMany::One(v) => v == value,
            OneOrMany::Many(vs) => vs.iter().any(|v| v == value),
        }
    }
    fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(v) => vec![v.as_str()],
            OneOrMany::Many(vs) => vs.iter().map(String::as_str).collect(),
        }
    }
}

/// The type of an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum OptionType {
    /// One of `values`; selects a rate through [`RateRule::when`].
    Enum,
    /// `true` multiplies the rate by `multiplier`.
    Boolean,
}

/// An option of a feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[schemars(with = "Option<DecimalString>")]
    #[serde(default, with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub multiplier: Option<Decimal>,
    /// Boolean: the option must be `true` to use the feature; otherwise
    /// `not_available` with this reason ("existing customers only").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
    /// Enum values that exist but cannot be used here, with the reason
    /// (`not_available`): `{ "proofread": "Enterprise plans only" }`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, string>"))]
    pub unavailable: IndexMap<String, String>,
    /// The article (publisher, title) and section of the multiplier or gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn invalid(path: impl AsRef<str>, msg: impl AsRef<str>) -> Error {
    Error::new(
        ErrorKind::InvalidRateCard,
        format!("{}: {}", path.as_ref(), msg.as_ref()),
    )
}

impl RateCard {
    /// An amount in the card's unit as it is shown: to the cent on a money
    /// wallet (`unit` is the currency), without trailing zeros in credits.
    pub fn shape_amount(&self, value: Decimal) -> Decimal {
        if self.unit == self.currency {
            crate::money::cents(value)
        } else {
            crate::money::plain(value)
        }
    }

    /// Parses and validates a rate card from JSON text.
    ///
    /// # Errors
    /// `invalid_rate_card`, with a message that starts with the JSON path of
    /// the first problem: `features.avatar_iv.rate: expected a decimal string,
    /// got 0.1`.
    ///
    /// # Example
    /// ```
    /// let card = ratecard::RateCard::from_json(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    /// assert_eq!(card.unit, "credits");
    /// ```
    pub fn from_json(text: &str) -> Result<RateCard> {
        if text.len() > MAX_RATE_CARD_BYTES {
            return Err(invalid(
                "$",
                format!(
                    "the rate card is {} bytes; the limit is {MAX_RATE_CARD_BYTES}",
                    text.len()
                ),
            ));
        }
        let card: RateCard = serde_json::from_str(text).map_err(|inner: serde_json::Error| {
            let path = crate::json_path::at(text, inner.line(), inner.column());
            let mut msg = inner.to_string();
            if let Some(at) = msg.rfind(" at line ") {
                msg.truncate(at);
            }
            let path = if path.is_empty() || path == "." {
                "$".to_string()
            } else {
                path
            };
            invalid(
                path,
                format!("{msg} (line {}, column {})", inner.line(), inner.column()),
            )
        })?;
        card.validate()?;
        Ok(card)
    }

    /// Checks every cross-reference and range the types cannot express.
    ///
    /// # Errors
    /// `invalid_rate_card` naming the path of the first problem.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(invalid("id", "must not be empty"));
        }
        if self.rounding.dp > 6 {
            return Err(invalid(
                "rounding.dp",
                format!("must be 0 to 6, got {}", self.rounding.dp),
            ));
        }
        if self.plans.is_empty() {
            return Err(invalid("plans", "a rate card needs at least one plan"));
        }
        for (id, p) in &self.products {
            let at = format!("products.{id}");
            if p.credits <= Decimal::ZERO {
                return Err(invalid(format!("{at}.credits"), "must be greater than 0"));
            }
            if p.price < Decimal::ZERO {
                return Err(invalid(format!("{at}.price"), "must not be negative"));
            }
        }
        for (id, f) in &self.features {
            self.validate_feature(id, f)?;
        }
        for (id, plan) in &self.plans {
            self.validate_plan(id, plan)?;
        }
        Ok(())
    }

    fn validate_plan(&self, id: &str, plan: &Plan) -> Result<()> {
        let at = format!("plans.{id}");
        if plan.included < Decimal::ZERO {
            return Err(invalid(format!("{at}.included"), "must not be negative"));
        }
        if plan.price.is_some_and(|p| p < Decimal::ZERO) {
            return Err(invalid(format!("{at}.price"), "must not be negative"));
        }
        if let Some(features) = &plan.features {
            for (i, f) in features.iter().enumerate() {
                if !self.features.contains_key(f) {
                    return Err(invalid(
                        format!("{at}.features[{i}]"),
                        format!(
                            "unknown feature \"{f}\"; features: {}",
                            one_of(self.features.keys().map(String::as_str))
                        ),
                    ));
                }
            }
        }
        for (i, p) in plan.products.iter().enumerate() {
            if !self.products.contains_key(p) {
                return Err(invalid(
                    format!("{at}.products[{i}]"),
                    format!(
                        "unknown product \"{p}\"; products: {}",
                        one_of(self.products.keys().map(String::as_str))
                    ),
                ));
            }
        }
        for (i, u) in plan.upgrades.iter().enumerate() {
            if !self.plans.contains_key(u) || u == id {
                return Err(invalid(
                    format!("{at}.upgrades[{i}]"),
                    format!(
                        "unknown plan \"{u}\"; plans: {}",
                        one_of(self.plans.keys().map(String::as_str))
                    ),
                ));
            }
        }
        for (i, a) in plan.allowances.iter().enumerate() {
            let at = format!("{at}.allowances[{i}]");
            let Some(f) = self.features.get(&a.feature) else {
                return Err(invalid(
                    format!("{at}.feature"),
                    format!("unknown feature \"{}\"", a.feature),
                ));
            };
            if a.amount.is_some_and(|x| x < Decimal::ZERO) {
                return Err(invalid(format!("{at}.amount"), "must not be negative"));
            }
            for (opt, v) in &a.when {
                check_enum_value(f, opt, v, &format!("{at}.when.{opt}"))?;
            }
        }
        for (opt, value) in &plan.max_options {
            let at = format!("{at}.maxOptions.{opt}");
            let mut found = false;
            for f in self.features.values() {
                if let Some(def) = f.options.get(opt).filter(|o| o.kind == OptionType::Enum) {
                    found = true;
                    if !def.values.contains(value) {
                        let valid = one_of(def.values.iter().map(String::as_str));
                        return Err(invalid(at, format!("\"{value}\" is not one of {valid}")));
                    }
                }
            }
            if !found {
                return Err(invalid(at, format!("no feature has an enum option \"{opt}\"")));
            }
        }
        if plan.max_seconds.is_some_and(|x| x <= Decimal::ZERO) {
            return Err(invalid(format!("{at}.maxSeconds"), "must be greater than 0"));
        }
        Ok(())
    }

    fn validate_feature(&self, id: &str, f: &Feature) -> Result<()> {
        let at = format!("features.{id}");
        match (f.rate, f.per, f.rates.is_empty()) {
            (Some(_), Some(_), true) | (None, None, false) => {}
            (Some(_), None, _) => {
                return Err(invalid(
                    format!("{at}.per"),
                    "a rate needs \"per\": \"second\", \"minute\", \"each\" or \"video\"",
                ))
            }
            _ => {
                return Err(invalid(
                    format!("{at}.rate"),
                    "give either \"rate\" with \"per\", or \"rates\"",
                ))
            }
        }
        if f.rate.is_some_and(|r| r < Decimal::ZERO) {
            return Err(invalid(format!("{at}.rate"), "must not be negative"));
        }
        let per_ok = |per: Per| match f.input {
            Input::Seconds => per != Per::Each,
            Input::Quantity => per == Per::Each,
        };
        if let Some(per) = f.per {
            if !per_ok(per) {
                return Err(invalid(format!("{at}.per"), "\"each\" goes with input \"quantity\"; \"second\", \"minute\" and \"video\" with input \"seconds\""));
            }
        }
        for (i, r) in f.rates.iter().enumerate() {
            let at = format!("{at}.rates[{i}]");
            if r.rate < Decimal::ZERO {
                return Err(invalid(format!("{at}.rate"), "must not be negative"));
            }
            if !per_ok(r.per) {
                return Err(invalid(format!("{at}.per"), "\"each\" goes with input \"quantity\"; \"second\", \"minute\" and \"video\" with input \"seconds\""));
            }
            for (opt, v) in &r.when {
                check_enum_value(f, opt, v, &format!("{at}.when.{opt}"))?;
            }
        }
        for (name, value) in [("increment", f.increment), ("minimum", f.minimum), ("max", f.max)] {
            if value.is_some_and(|x| x <= Decimal::ZERO) {
                return Err(invalid(format!("{at}.{name}"), "must be greater than 0"));
            }
        }
        if let (Some(lo), Some(hi)) = (f.min, f.max) {
            if lo > hi {
                return Err(invalid(format!("{at}.min"), format!("{lo} is above max {hi}")));
            }
        }
        for (oid, o) in &f.options {
            let at = format!("{at}.options.{oid}");
            match o.kind {
                OptionType::Enum => {
                    if o.values.is_empty() {
                        return Err(invalid(format!("{at}.values"), "an enum needs at least one value"));
                    }
                    if let Some(d) = &o.default {
                        if !o.values.contains(d) {
                            return Err(invalid(
                                format!("{at}.default"),
                                format!("\"{d}\" is not one of {}", one_of(o.values.iter().map(String::as_str))),
                            ));
                        }
                    }
                    for v in o.unavailable.keys() {
                        if !o.values.contains(v) {
                            return Err(invalid(
                                format!("{at}.unavailable.{v}"),
                                "not one of the option's values",
                            ));
                        }
                    }
                    if o.multiplier.is_some() || o.gate.is_some() {
                        return Err(invalid(
                            format!("{at}.multiplier"),
                            "only a boolean option has a multiplier or a gate",
                        ));
                    }
                }
                OptionType::Boolean => match (o.multiplier, &o.gate) {
                    (Some(m), _) if m >= Decimal::ZERO => {}
                    (None, Some(_)) => {}
                    _ => {
                        return Err(invalid(
                            format!("{at}.multiplier"),
                            "a boolean option needs a multiplier (a decimal string of at least 0) or a gate",
                        ))
                    }
                },
            }
        }
        // Every combination of enum values must find a rate.
        let enums: Vec<(&String, &OptionDef)> = f.options.iter().filter(|(_, o)| o.kind == OptionType::Enum).collect();
        if !f.rates.is_empty() {
            let mut combos: Vec<Vec<(&str, &str)>> = vec![vec![]];
            for (oid, o) in &enums {
                let mut next = Vec::new();
                for c in &combos {
                    for v in o.values.iter().filter(|v| !o.unavailable.contains_key(*v)) {
                        let mut c2 = c.clone();
                        c2.push((oid.as_str(), v.as_str()));
                        next.push(c2);
                    }
                }
                combos = next;
                if combos.len() > 10_000 {
                    return Err(invalid(
                        format!("{at}.options"),
                        "too many combinations of enum values (more than 10,000)",
                    ));
                }
            }
            for c in combos {
                let hit = f.rates.iter().any(|r| {
                    r.when
                        .iter()
                        .all(|(k, w)| c.iter().any(|(ck, cv)| ck == k && w.matches(cv)))
                });
                if !hit {
                    let desc: Vec<String> = c.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    return Err(invalid(
                        format!("{at}.rates"),
                        format!("no rate for {}", desc.join(", ")),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn check_enum_value(f: &Feature, opt: &str, v: &OneOrMany, at: &str) -> Result<()> {
    let Some(def) = f.options.get(opt).filter(|o| o.kind == OptionType::Enum) else {
        return Err(invalid(at, format!("the feature has no enum option \"{opt}\"")));
    };
    for value in v.values() {
        if !def.values.iter().any(|x| x == value) {
            return Err(invalid(
                at,
                format!(
                    "\"{value}\" is not one of {}",
                    one_of(def.values.iter().map(String::as_str))
                ),
            ));
        }
    }
    Ok(())
}

/// The JSON Schema (draft 2020-12) of the rate-card format, generated from
/// these types, as pretty-printed JSON text. The repository ships it as
/// `schema/rate-card.schema.json`; a test keeps the two identical.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(RateCard);
    schema.insert("$id".into(), "https://ratecard.invalid/rate-card.schema.json".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
