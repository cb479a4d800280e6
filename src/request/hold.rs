//! A hold and a settlement request, as typed data: the credits a job whose
//! length is known only after it runs keeps from checkout to charge, and the
//! lengths it actually ran. The `hold` module makes and settles them; a
//! priced request carries open holds (`QuoteRequest::holds`), which lower
//! what is available grant by grant.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::money::DecimalString;
use crate::request::{Grant, Item};

/// Credits taken from one grant: by a quote line (which grants it burns),
/// a hold (which grants it reserves) or a settlement (which it captures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Burn {
    /// Grant id (`"balance"` for a hold on a plain balance).
    pub grant: String,
    /// Credits taken, in the card's unit.
    pub credits: DecimalString,
}

/// The tag of a hold object: always `"hold"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub enum HoldTag {
    /// A hold.
    #[default]
    #[serde(rename = "hold")]
    Hold,
}

/// Credits reserved for one job from checkout to charge: the most the job
/// can cost (its range's high end, priced on `at` by the version then in
/// force), reserved from the grants in burn-down order, never from a grant
/// that expires before the hold does. It burns nothing until settled.
///
/// JSON / JS shape: `{ kind: "hold", rateCard, version, cardHash, plan, at,
/// expiresAt, unit, currency, credits, burns: [{ grant, credits }],
/// shortfall, price?, periodUsage?, fingerprint }`; credits are decimal
/// strings in the card's unit (credits, or USD for a wallet), days
/// `YYYY-MM-DD`. A server keeps it as it came and passes it back, unchanged,
/// to settle it or as one of a request's open `holds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Hold {
    /// Always `"hold"`.
    pub kind: HoldTag,
    /// The rate card's id.
    pub rate_card: String,
    /// The version priced (the one in force on `at`): a settlement prices with it.
    pub version: String,
    /// SHA-256 of that version's canonical JSON.
    pub card_hash: String,
    /// The plan held on.
    pub plan: String,
    /// The day the hold was made and priced, `YYYY-MM-DD`.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    #[schemars(with = "String")]
    pub at: Date,
    /// The last day it may be settled, `YYYY-MM-DD`; after it the hold has
    /// expired and released everything.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    #[schemars(with = "String")]
    pub expires_at: Date,
    /// The card's unit: `"credits"`, or the currency for a wallet.
    pub unit: String,
    /// Currency of every price, e.g. `"USD"`.
    pub currency: String,
    /// The most the job can cost, in `unit`: the range's high end.
    pub credits: DecimalString,
    /// What is reserved, grant by grant in burn-down order; sums to `credits − shortfall`.
    pub burns: Vec<Burn>,
    /// What no grant could reserve, in `unit` (0 when covered): buy first
    /// (the range's purchases), or start the job knowing it may be cut short.
    pub shortfall: DecimalString,
    /// On a card whose unit is its currency (a pay-as-you-go wallet): the most
    /// the job can cost, in that currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub price: Option<DecimalString>,
    /// The period's usage the hold was priced with (allowances), by feature,
    /// in seconds or count; a settlement prices with it too.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty", deserialize_with = "super::usage_map")]
    #[schemars(with = "IndexMap<String, crate::money::Measure>")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "Record<string, string>", optional))]
    pub period_usage: IndexMap<String, Decimal>,
    /// SHA-256 over every field above: the hold's id (a settlement names its
    /// hold by it). Unkeyed, like a quote's: `settle` refuses a hold whose
    /// fingerprint does not match its fields, `verifyHold` recomputes it.
    pub fingerprint: String,
}

impl Hold {
    /// The credits reserved: the sum of `burns`, in the card's unit.
    pub fn reserved(&self) -> Decimal {
        self.burns.iter().fold(Decimal::ZERO, |sum, b| sum.saturating_add(b.credits.0))
    }
}

/// The lengths a held job actually ran, to settle its hold.
///
/// JSON / JS shape: `{ items: [Item], at, balance?, grants?, holds?,
/// settledHolds?, allowOverage? }`: `items` as a quote's (none: the job
/// failed, and everything is released); `at` the day settled; the rest, the
/// server's records, used when the job is charged past what it held
/// (`overrun: "charge"`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettleRequest {
    /// What the job ran: each item's `seconds` (or `quantity`); empty for a failed job.
    #[serde(default)]
    pub items: Vec<Item>,
    /// The day settled, `YYYY-MM-DD`: from the hold's day to its `expiresAt`
    /// (required natively; the JS binding gives the server's local date).
    #[serde(default)]
    pub at: Option<String>,
    /// The balance now, in the card's unit (with the hold still open), for an overrun charged.
    #[serde(default, deserialize_with = "crate::money::present_decimal")]
    #[schemars(with = "DecimalString")]
    pub balance: Option<DecimalString>,
    /// The wallet's grants now, in place of `balance`.
    #[serde(default)]
    pub grants: Option<Vec<Grant>>,
    /// The other open holds (this hold, if listed, counts once).
    #[serde(default)]
    pub holds: Vec<Hold>,
    /// Fingerprints of the holds the server has already settled: settling
    /// one of them again is `already_settled`.
    #[serde(default)]
    pub settled_holds: Vec<String>,
    /// Bill what the balance does not cover as overage, where the plan has an overage price.
    #[serde(default)]
    pub allow_overage: bool,
}
