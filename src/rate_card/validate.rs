//! What a rate card's types cannot express, checked once on load, one
//! concern per function: the card as a whole, each product, each plan's
//! references, allowances and option caps, each feature's rate, bounds and
//! options, and that every combination of a feature's options finds a rate.
//! Each function reports a path relative to what it checks; the caller adds
//! where that is (`.context(id).context("features")`).

use rust_decimal::Decimal;

use super::{Feature, Input, OneOrMany, OptionDef, OptionType, Per, Plan, Product, RateCard};
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::{MAX_CARD_ID_CHARS, MAX_CARD_TEXT_CHARS, MAX_OPTION_COMBINATIONS, MAX_ROUNDING_DP};
use crate::money::DecimalString;

/// `invalid_rate_card` at `key`.
fn invalid(key: &str, detail: impl Into<String>) -> Error {
    Error::at(ErrorKind::InvalidRateCard, key, detail)
}

/// Whether an optional amount is present and `bad`.
fn is(value: Option<DecimalString>, bad: impl Fn(Decimal) -> bool) -> bool {
    value.is_some_and(|v| bad(v.0))
}

pub(super) fn card(card: &RateCard) -> Result<()> {
    if card.id.trim().is_empty() {
        return Err(invalid("id", "must not be empty"));
    }
    texts(card)?;
    if let Some(day) = &card.effective_from {
        day.parse::<crate::date::Date>().map_err(|why| invalid("effectiveFrom", format!("expected a date YYYY-MM-DD, got \"{day}\" ({why})")))?;
    }
    if card.rounding.dp > MAX_ROUNDING_DP {
        return Err(invalid("dp", format!("must be 0 to {MAX_ROUNDING_DP}, got {}", card.rounding.dp)).context("rounding"));
    }
    if card.plans.is_empty() {
        return Err(invalid("plans", "a rate card needs at least one plan"));
    }
    for (id, p) in &card.products {
        product(p).map_err(|e| e.context(id).context("products"))?;
    }
    for (id, f) in &card.features {
        feature(f).map_err(|e| e.context(id).context("features"))?;
    }
    for (id, p) in &card.plans {
        plan(card, id, p).map_err(|e| e.context(id).context("plans"))?;
    }
    Ok(())
}

/// Every text of the card within [`MAX_CARD_TEXT_CHARS`] and every id
/// within [`MAX_CARD_ID_CHARS`]: a quote copies names and sources into each
/// line, so long texts would make a quote of 1,000 lines enormous.
fn texts(card: &RateCard) -> Result<()> {
    let value = serde_json::to_value(card).map_err(|e| invalid("id", e.to_string()))?;
    walk(&value)
}

fn walk(value: &serde_json::Value) -> Result<()> {
    match value {
        serde_json::Value::String(s) if s.chars().count() > MAX_CARD_TEXT_CHARS => Err(Error::new(
            ErrorKind::InvalidRateCard,
            format!("at most {MAX_CARD_TEXT_CHARS} characters, got {}", s.chars().count()),
        )),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k.chars().count() > MAX_CARD_ID_CHARS {
                    let shown: String = k.chars().take(20).collect();
                    return Err(invalid(
                        &format!("{shown}…"),
                        format!("an id of at most {MAX_CARD_ID_CHARS} characters, got {}", k.chars().count()),
                    ));
                }
                walk(v).map_err(|e| e.context(k.as_str()))?;
            }
            Ok(())
        }
        serde_json::Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                walk(v).map_err(|e| e.context(i))?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn product(p: &Product) -> Result<()> {
    if p.credits <= Decimal::ZERO {
        return Err(invalid("credits", "must be greater than 0"));
    }
    if p.price < Decimal::ZERO {
        return Err(invalid("price", "must not be negative"));
    }
    Ok(())
}

fn plan(card: &RateCard, id: &str, plan: &Plan) -> Result<()> {
    if plan.included < Decimal::ZERO {
        return Err(invalid("included", "must not be negative"));
    }
    if is(plan.price, |p| p < Decimal::ZERO) {
        return Err(invalid("price", "must not be negative"));
    }
    plan_references(card, id, plan)?;
    for (i, a) in plan.allowances.iter().enumerate() {
        let Some(f) = card.features.get(&a.feature) else {
            return Err(invalid("feature", format!("unknown feature \"{}\"", a.feature)).context(i).context("allowances"));
        };
        if is(a.amount, |x| x < Decimal::ZERO) {
            return Err(invalid("amount", "must not be negative").context(i).context("allowances"));
        }
        when_values(f, &a.when).map_err(|e| e.context(i).context("allowances"))?;
    }
    for (opt, value) in &plan.max_options {
        max_option(card, opt, value).map_err(|e| e.context(opt).context("maxOptions"))?;
    }
    if is(plan.max_seconds, |x| x <= Decimal::ZERO) {
        return Err(invalid("maxSeconds", "must be greater than 0"));
    }
    Ok(())
}

/// Every id a plan names (features, products, upgrades) exists on the card.
fn plan_references(card: &RateCard, id: &str, plan: &Plan) -> Result<()> {
    let unknown = |list: &str, i: usize, what: &str, value: &str, valid: String| {
        Err(Error::at(ErrorKind::InvalidRateCard, i, format!("unknown {what} \"{value}\"; {list}: {valid}")).context(list))
    };
    for (i, f) in plan.features.iter().flatten().enumerate() {
        if !card.features.contains_key(f) {
            return unknown("features", i, "feature", f, one_of(card.features.keys().map(String::as_str)));
        }
    }
    for (i, p) in plan.products.iter().enumerate() {
        if !card.products.contains_key(p) {
            return unknown("products", i, "product", p, one_of(card.products.keys().map(String::as_str)));
        }
    }
    for (i, u) in plan.upgrades.iter().enumerate() {
        let Some(target) = card.plans.get(u).filter(|_| u != id) else {
            return unknown("upgrades", i, "plan", u, one_of(card.plans.keys().map(String::as_str)));
        };
        if let Some(why) = downgrade(plan, target) {
            return Err(invalid("upgrades", format!("\"{u}\" is a downgrade, not an upgrade: {why}")));
        }
    }
    Ok(())
}

/// Why moving from `from` to `to` is a downgrade (`to` costs less, or,
/// where a price is unpublished, includes fewer credits); `None` when it is not.
pub(crate) fn downgrade(from: &Plan, to: &Plan) -> Option<String> {
    match (from.price, to.price) {
        (Some(a), Some(b)) if b < a => Some(format!("it costs {} a {}, less than {}", b, to.period.as_str(), a)),
        (Some(_), Some(_)) => None,
        _ if to.included < from.included => Some(format!("it includes {} credits, fewer than {}", to.included, from.included)),
        _ => None,
    }
}

/// A plan's cap on an enum option names an option some feature has, and
/// one of its values. The error is about the cap itself (no key added).
fn max_option(card: &RateCard, opt: &str, value: &str) -> Result<()> {
    let mut found = false;
    for f in card.features.values() {
        if let Some(def) = f.options.get(opt).filter(|o| o.kind == OptionType::Enum) {
            found = true;
            if !def.values.iter().any(|v| v == value) {
                let valid = one_of(def.values.iter().map(String::as_str));
                return Err(Error::new(ErrorKind::InvalidRateCard, format!("\"{value}\" is not one of {valid}")));
            }
        }
    }
    if !found {
        return Err(Error::new(ErrorKind::InvalidRateCard, format!("no feature has an enum option \"{opt}\"")));
    }
    Ok(())
}

fn feature(f: &Feature) -> Result<()> {
    rate_shape(f)?;
    for (name, value) in [("increment", f.increment), ("minimum", f.minimum), ("max", f.max)] {
        if is(value, |x| x <= Decimal::ZERO) {
            return Err(invalid(name, "must be greater than 0"));
        }
    }
    if let (Some(lo), Some(hi)) = (f.min, f.max) {
        if lo.0 > hi.0 {
            return Err(invalid("min", format!("{lo} is above max {hi}")));
        }
    }
    for (oid, o) in &f.options {
        option(o).map_err(|e| e.context(oid).context("options"))?;
    }
    every_combination_has_a_rate(f)
}

/// Either one `rate` with `per`, or a list of `rates`; each `per` fits the
/// feature's input; no rate is negative.
fn rate_shape(f: &Feature) -> Result<()> {
    match (f.rate, f.per, f.rates.is_empty()) {
        (Some(_), Some(_), true) | (None, None, false) => {}
        (Some(_), None, _) => {
            return Err(invalid("per", "a rate needs \"per\": \"second\", \"minute\", \"each\" or \"video\""))
        }
        _ => return Err(invalid("rate", "give either \"rate\" with \"per\", or \"rates\"")),
    }
    if is(f.rate, |r| r < Decimal::ZERO) {
        return Err(invalid("rate", "must not be negative"));
    }
    let per_ok = |per: Per| match f.input {
        Input::Seconds => per != Per::Each,
        Input::Quantity => per == Per::Each,
    };
    const PER_FITS: &str = "\"each\" goes with input \"quantity\"; \"second\", \"minute\" and \"video\" with input \"seconds\"";
    if f.per.is_some_and(|per| !per_ok(per)) {
        return Err(invalid("per", PER_FITS));
    }
    for (i, r) in f.rates.iter().enumerate() {
        let check = || {
            if r.rate < Decimal::ZERO {
                return Err(invalid("rate", "must not be negative"));
            }
            if !per_ok(r.per) {
                return Err(invalid("per", PER_FITS));
            }
            when_values(f, &r.when)
        };
        check().map_err(|e| e.context(i).context("rates"))?;
    }
    Ok(())
}

/// A `when` names enum options of the feature and values they have.
fn when_values(f: &Feature, when: &indexmap::IndexMap<String, OneOrMany>) -> Result<()> {
    for (opt, v) in when {
        let err = |detail: String| Err(invalid(opt, detail).context("when"));
        let Some(def) = f.options.get(opt).filter(|o| o.kind == OptionType::Enum) else {
            return err(format!("the feature has no enum option \"{opt}\""));
        };
        if let Some(value) = v.values().into_iter().find(|value| !def.values.iter().any(|x| x == value)) {
            return err(format!("\"{value}\" is not one of {}", one_of(def.values.iter().map(String::as_str))));
        }
    }
    Ok(())
}

fn option(o: &OptionDef) -> Result<()> {
    match o.kind {
        OptionType::Enum => {
            if o.values.is_empty() {
                return Err(invalid("values", "an enum needs at least one value"));
            }
            if let Some(d) = o.default.as_ref().filter(|d| !o.values.contains(d)) {
                let valid = one_of(o.values.iter().map(String::as_str));
                return Err(invalid("default", format!("\"{d}\" is not one of {valid}")));
            }
            if let Some(v) = o.unavailable.keys().find(|v| !o.values.contains(v)) {
                return Err(invalid(v, "not one of the option's values").context("unavailable"));
            }
            if o.multiplier.is_some() || o.gate.is_some() {
                return Err(invalid("multiplier", "only a boolean option has a multiplier or a gate"));
            }
        }
        OptionType::Boolean => match (o.multiplier, &o.gate) {
            (Some(m), _) if m >= Decimal::ZERO => {}
            (None, Some(_)) => {}
            _ => {
                return Err(invalid(
                    "multiplier",
                    "a boolean option needs a multiplier (a decimal string of at least 0) or a gate",
                ))
            }
        },
    }
    Ok(())
}

/// Every combination of the feature's (available) enum values finds a rate.
fn every_combination_has_a_rate(f: &Feature) -> Result<()> {
    if f.rates.is_empty() {
        return Ok(());
    }
    let mut combos: Vec<Vec<(&str, &str)>> = vec![vec![]];
    for (oid, o) in f.options.iter().filter(|(_, o)| o.kind == OptionType::Enum) {
        let available: Vec<&String> = o.values.iter().filter(|v| !o.unavailable.contains_key(*v)).collect();
        combos = combos
            .iter()
            .flat_map(|c| {
                available.iter().map(move |v| {
                    let mut next = c.clone();
                    next.push((oid.as_str(), v.as_str()));
                    next
                })
            })
            .collect();
        if combos.len() > MAX_OPTION_COMBINATIONS {
            return Err(invalid(
                "options",
                format!("too many combinations of enum values (more than {MAX_OPTION_COMBINATIONS})"),
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
            return Err(invalid("rates", format!("no rate for {}", desc.join(", "))));
        }
    }
    Ok(())
}
