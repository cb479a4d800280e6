//! A rate card from a [`Json`] tree, field by field, without serde: the
//! first-load module's reader of the built-in presets. It reads what the
//! rate-card types declare (see `crate::rate_card`), with the same defaults;
//! it does not validate (the presets are validated by the full reader in
//! every test run) and does not refuse unknown fields.
//!
//! Its functions are `#[inline(never)]`: V8 compiles a module's functions
//! lazily, on their first call, so the fewer bytes a preset's first read
//! runs through, the sooner a cold start prices (measured: 6 KB smaller
//! module, 2.7 KB gzip, the first `preset` about 0.5 ms sooner; the read
//! itself takes microseconds either way).

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::json::Json;
use crate::error::{Error, ErrorKind, Result};
use crate::money::{DecimalString, RoundingMode};
use crate::rate_card::{
    Allowance, Expiry, Feature, IncrementRule, Input, OneOrMany, OptionDef, OptionType, Per, Period, Plan, Product,
    ProductKind, RateCard, RateRule, Rounding, UpgradeCharge, UpgradeRule, WalletRules,
};

/// `invalid_rate_card` at `key`.
fn bad(key: &str, what: &str) -> Error {
    Error::at(ErrorKind::InvalidRateCard, key, what.to_string())
}

/// An object's fields.
#[derive(Clone, Copy)]
struct Obj<'a>(&'a [(String, Json)]);

impl<'a> Obj<'a> {
    #[inline(never)]
    fn of(v: &'a Json, key: &str) -> Result<Self> {
        match v {
            Json::Obj(f) => Ok(Obj(f)),
            _ => Err(bad(key, "expected an object")),
        }
    }
    #[inline(never)]
    fn get(self, key: &str) -> Option<&'a Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    #[inline(never)]
    fn opt_str(self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad(key, "expected a string")),
        }
    }
    #[inline(never)]
    fn str(self, key: &str) -> Result<String> {
        self.opt_str(key)?.ok_or_else(|| bad(key, "missing"))
    }
    #[inline(never)]
    fn opt_dec(self, key: &str) -> Result<Option<DecimalString>> {
        self.opt_str(key)?
            .map(|s| Decimal::from_str(&s).map(DecimalString).map_err(|_| bad(key, "expected a decimal string")))
            .transpose()
    }
    #[inline(never)]
    fn dec(self, key: &str) -> Result<DecimalString> {
        self.opt_dec(key)?.ok_or_else(|| bad(key, "missing"))
    }
    #[inline(never)]
    fn bool_or(self, key: &str, default: bool) -> Result<bool> {
        match self.get(key) {
            None => Ok(default),
            Some(Json::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(key, "expected a boolean")),
        }
    }
    #[inline(never)]
    fn u32(self, key: &str) -> Result<u32> {
        match self.get(key) {
            Some(Json::Num(n)) => n.parse().map_err(|_| bad(key, "expected a whole number")),
            _ => Err(bad(key, "expected a number")),
        }
    }
    #[inline(never)]
    fn strings(self, key: &str) -> Result<Vec<String>> {
        self.list(key, |v| match v {
            Json::Str(s) => Ok(s.clone()),
            _ => Err(bad(key, "expected strings")),
        })
    }
    fn list<T>(self, key: &str, f: impl Fn(&Json) -> Result<T>) -> Result<Vec<T>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Json::Arr(a)) => a.iter().map(f).collect(),
            Some(_) => Err(bad(key, "expected an array")),
        }
    }
    fn map<T>(self, key: &str, f: impl Fn(&Json) -> Result<T>) -> Result<IndexMap<String, T>> {
        match self.get(key) {
            None => Ok(IndexMap::new()),
            Some(Json::Obj(fields)) => fields.iter().map(|(k, v)| f(v).map(|t| (k.clone(), t))).collect(),
            Some(_) => Err(bad(key, "expected an object")),
        }
    }
    /// A string field read as one of an enum's snake_case names.
    fn pick<T: Copy>(self, key: &str, names: &[(&str, T)]) -> Result<Option<T>> {
        let Some(text) = self.opt_str(key)? else { return Ok(None) };
        names
            .iter()
            .find(|(n, _)| *n == text)
            .map(|(_, v)| Some(*v))
            .ok_or_else(|| bad(key, "unknown value"))
    }
    fn need<T: Copy>(self, key: &str, names: &[(&str, T)]) -> Result<T> {
        self.pick(key, names)?.ok_or_else(|| bad(key, "missing"))
    }
}

const PERIODS: &[(&str, Period)] = &[("once", Period::Once), ("month", Period::Month), ("year", Period::Year)];
const PERS: &[(&str, Per)] = &[("second", Per::Second), ("minute", Per::Minute), ("each", Per::Each), ("video", Per::Video)];

#[inline(never)]
fn string_map(v: &Json) -> Result<String> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(bad("value", "expected a string")),
    }
}

#[inline(never)]
fn one_or_many(v: &Json) -> Result<OneOrMany> {
    match v {
        Json::Str(s) => Ok(OneOrMany::One(s.clone())),
        Json::Arr(a) => a.iter().map(string_map).collect::<Result<Vec<_>>>().map(OneOrMany::Many),
        _ => Err(bad("when", "expected a string or strings")),
    }
}

#[inline(never)]
fn expiry(v: &Json) -> Result<Expiry> {
    let o = Obj::of(v, "expiry")?;
    match o.str("after")?.as_str() {
        "cycles" => Ok(Expiry::Cycles { count: o.u32("count")? }),
        "days" => Ok(Expiry::Days { count: o.u32("count")? }),
        "renewal" => Ok(Expiry::Renewal),
        "never" => Ok(Expiry::Never),
        _ => Err(bad("after", "unknown value")),
    }
}

#[inline(never)]
fn allowance(v: &Json) -> Result<Allowance> {
    let o = Obj::of(v, "allowances")?;
    Ok(Allowance {
        feature: o.str("feature")?,
        when: o.map("when", one_or_many)?,
        amount: o.opt_dec("amount")?,
        label: o.str("label")?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn plan(v: &Json) -> Result<Plan> {
    let o = Obj::of(v, "plans")?;
    Ok(Plan {
        name: o.str("name")?,
        price: o.opt_dec("price")?,
        period: o.need("period", PERIODS)?,
        included: o.dec("included")?,
        features: o.get("features").map(|_| o.strings("features")).transpose()?,
        unavailable_reason: o.opt_str("unavailableReason")?,
        products: o.strings("products")?,
        upgrades: o.strings("upgrades")?,
        purchase_note: o.opt_str("purchaseNote")?,
        allowances: o.list("allowances", allowance)?,
        max_options: o.map("maxOptions", string_map)?,
        overage_price: o.opt_dec("overagePrice")?,
        annual_price: o.opt_dec("annualPrice")?,
        auto_renew_at: o.opt_dec("autoRenewAt")?,
        auto_reload: o.bool_or("autoReload", false)?,
        max_seconds: o.opt_dec("maxSeconds")?,
        warnings: o.strings("warnings")?,
        subscription: o.bool_or("subscription", true)?,
        monthly_only: o.opt_str("monthlyOnly")?,
        closed: o.opt_str("closed")?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn product(v: &Json) -> Result<Product> {
    let o = Obj::of(v, "products")?;
    let kinds = [("pack", ProductKind::Pack), ("top_up", ProductKind::TopUp), ("renewal", ProductKind::Renewal)];
    Ok(Product {
        name: o.str("name")?,
        unit_name: o.opt_str("unitName")?.unwrap_or_else(|| "pack".into()),
        kind: o.need("kind", &kinds)?,
        credits: o.dec("credits")?,
        price: o.dec("price")?,
        period: o.need("period", PERIODS)?,
        expiry: o.get("expiry").map(expiry).transpose()?,
        per_seat: o.bool_or("perSeat", false)?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn rate_rule(v: &Json) -> Result<RateRule> {
    let o = Obj::of(v, "rates")?;
    Ok(RateRule {
        when: o.map("when", one_or_many)?,
        rate: o.dec("rate")?,
        per: o.need("per", PERS)?,
        source: o.opt_str("source")?,
    })
}

#[inline(never)]
fn option(v: &Json) -> Result<OptionDef> {
    let o = Obj::of(v, "options")?;
    Ok(OptionDef {
        kind: o.need("type", &[("enum", OptionType::Enum), ("boolean", OptionType::Boolean)])?,
        label: o.str("label")?,
        values: o.strings("values")?,
        default: o.opt_str("default")?,
        multiplier: o.opt_dec("multiplier")?,
        gate: o.opt_str("gate")?,
        unavailable: o.map("unavailable", string_map)?,
        source: o.opt_str("source")?,
    })
}

#[inline(never)]
fn feature(v: &Json) -> Result<Feature> {
    let o = Obj::of(v, "features")?;
    let rules = [("ceil", IncrementRule::Ceil), ("floor_plus_one", IncrementRule::FloorPlusOne)];
    Ok(Feature {
        name: o.str("name")?,
        input: o.need("input", &[("seconds", Input::Seconds), ("quantity", Input::Quantity)])?,
        unit_name: o.opt_str("unitName")?,
        rate: o.opt_dec("rate")?,
        per: o.pick("per", PERS)?,
        rates: o.list("rates", rate_rule)?,
        increment: o.opt_dec("increment")?,
        increment_rule: o.pick("incrementRule", &rules)?.unwrap_or_default(),
        minimum: o.opt_dec("minimum")?,
        min: o.opt_dec("min")?,
        max: o.opt_dec("max")?,
        length_limited: o.bool_or("lengthLimited", true)?,
        options: o.map("options", option)?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn wallet(v: &Json) -> Result<WalletRules> {
    let o = Obj::of(v, "wallet")?;
    let get = |k: &str| o.get(k).ok_or_else(|| bad(k, "missing")).and_then(expiry);
    Ok(WalletRules {
        monthly_billing: get("monthlyBilling")?,
        annual_billing: get("annualBilling")?,
        purchases: get("purchases")?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn upgrade_rule(v: &Json) -> Result<UpgradeRule> {
    let o = Obj::of(v, "upgradeRule")?;
    let charges = [
        ("prorated_difference", UpgradeCharge::ProratedDifference),
        ("new_subscription", UpgradeCharge::NewSubscription),
    ];
    Ok(UpgradeRule {
        charge: o.need("charge", &charges)?,
        source: o.str("source")?,
    })
}

#[inline(never)]
fn rounding(v: &Json) -> Result<Rounding> {
    let o = Obj::of(v, "rounding")?;
    let modes = [
        ("up", RoundingMode::Up),
        ("half_up", RoundingMode::HalfUp),
        ("half_even", RoundingMode::HalfEven),
        ("down", RoundingMode::Down),
    ];
    Ok(Rounding {
        mode: o.need("mode", &modes)?,
        dp: o.u32("dp")?,
    })
}

/// The rate card a [`Json`] tree describes (the rate-card JSON shape).
///
/// # Errors
/// `invalid_rate_card` naming the field that is missing or of the wrong type.
pub fn card(v: &Json) -> Result<RateCard> {
    let o = Obj::of(v, "$")?;
    Ok(RateCard {
        id: o.str("id")?,
        version: o.str("version")?,
        effective_from: o.opt_str("effectiveFrom")?,
        name: o.str("name")?,
        currency: o.str("currency")?,
        unit: o.str("unit")?,
        unit_singular: o.str("unitSingular")?,
        rounding: rounding(o.get("rounding").ok_or_else(|| bad("rounding", "missing"))?)?,
        source: o.str("source")?,
        plans: o.map("plans", plan)?,
        products: o.map("products", product)?,
        features: o.map("features", feature)?,
        wallet: o.get("wallet").map(wallet).transpose()?,
        upgrade_rule: o.get("upgradeRule").map(upgrade_rule).transpose()?,
        // Holds are the full module's: the first-load module leaves them unread.
        max_hold_days: None,
        overrun: None,
    })
}
