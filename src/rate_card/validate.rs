//! What a rate card's types cannot express, checked once on load, one
//! concern per function: the card as a whole, each product, each plan's
//! references, allowances and option caps, each feature's rate, bounds and
//! options, and that every combination of a feature's options finds a rate.
//! Each function reports a path relative to what it checks; the caller adds
//! where that is (`.context(id).context("features")`).

use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

use super::{Feature, Input, OneOrMany, OptionDef, OptionType, Per, Plan, Product, RateCard};
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::{
    MAX_CARD_ID_CHARS, MAX_HOLD_DAYS, MAX_CARD_TEXT_CHARS, MAX_ENUM_VALUES, MAX_OPTION_COMBINATIONS, MAX_RATES_PER_FEATURE, MAX_ROUNDING_DP,
};
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
    (0..parts(card)).try_for_each(|k| part(card, k))
}

/// Features validated per part of a staged load (see [`part`]).
const FEATURES_PER_PART: usize = 4;

/// How many parts [`part`] validates a card in: the card as a whole and its
/// products, then its features a few at a time, then its plans.
pub(super) fn parts(card: &RateCard) -> usize {
    card.features.len().div_ceil(FEATURES_PER_PART).saturating_add(2)
}

/// Validates part `k` of `card` (0 to [`parts`] − 1); the parts in order
/// find the same first problem as validating the card at once, so a large
/// card can be loaded in steps, each short (the widget yields between them).
pub(super) fn part(card: &RateCard, k: usize) -> Result<()> {
    let last = parts(card).saturating_sub(1);
    if k == 0 {
        return head(card);
    }
    if k == last {
        let sets: HashMap<&str, ValueSets<'_>> = card.features.iter().map(|(id, f)| (id.as_str(), value_sets(f))).collect();
        let enums = enums(card);
        for (id, p) in &card.plans {
            plan(card, id, p, &sets, &enums).map_err(|e| e.context(id).context("plans"))?;
        }
        return Ok(());
    }
    let from = k.saturating_sub(1).saturating_mul(FEATURES_PER_PART);
    for i in from..from.saturating_add(FEATURES_PER_PART).min(card.features.len()) {
        if let Some((id, f)) = card.features.get_index(i) {
            feature(f).map_err(|e| e.context(id).context("features"))?;
        }
    }
    Ok(())
}

/// The card as a whole and its products.
fn head(card: &RateCard) -> Result<()> {
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
    if card.max_hold_days.is_some_and(|d| !(1..=MAX_HOLD_DAYS).contains(&d)) {
        return Err(invalid("maxHoldDays", format!("must be 1 to {MAX_HOLD_DAYS} days")));
    }
    if card.plans.is_empty() {
        return Err(invalid("plans", "a rate card needs at least one plan"));
    }
    for (id, p) in &card.products {
        product(p).map_err(|e| e.context(id).context("products"))?;
    }
    Ok(())
}

/// A feature's enum options' values, each with its index, by option id.
type ValueSets<'c> = HashMap<&'c str, HashMap<&'c str, usize>>;

fn value_sets(f: &Feature) -> ValueSets<'_> {
    f.options
        .iter()
        .filter(|(_, o)| o.kind == OptionType::Enum)
        .map(|(k, o)| (k.as_str(), o.values.iter().enumerate().map(|(i, v)| (v.as_str(), i)).collect()))
        .collect()
}

/// Every text of the card within [`MAX_CARD_TEXT_CHARS`] and every id
/// within [`MAX_CARD_ID_CHARS`]: a quote copies names and sources into each
/// line, so long texts would make a quote of 1,000 lines enormous.
fn texts(card: &RateCard) -> Result<()> {
    // A scan of the compact JSON first (one buffer, no tree): only a card
    // that may hold a long text is walked as a tree, for the path.
    let json = serde_json::to_string(card).map_err(|e| invalid("id", e.to_string()))?;
    if !may_exceed(&json) {
        return Ok(());
    }
    let value = serde_json::to_value(card).map_err(|e| invalid("id", e.to_string()))?;
    walk(&value)
}

/// Whether compact JSON may hold a key longer than [`MAX_CARD_ID_CHARS`] or
/// a string longer than [`MAX_CARD_TEXT_CHARS`]: each string's characters
/// are counted as written (an escape counts one or more, never fewer than
/// the text holds), a key being a string followed by `:`.
fn may_exceed(json: &str) -> bool {
    let (mut chars, mut in_text, mut escaped, mut ended) = (0usize, false, false, None::<usize>);
    for &c in json.as_bytes() {
        if in_text {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
                continue;
            } else if c == b'"' {
                in_text = false;
                ended = Some(chars);
                continue;
            }
            if c & 0xC0 != 0x80 {
                chars = chars.saturating_add(1);
            }
            continue;
        }
        if let Some(n) = ended.take() {
            if n > if c == b':' { MAX_CARD_ID_CHARS } else { MAX_CARD_TEXT_CHARS } {
                return true;
            }
        }
        if c == b'"' {
            (in_text, chars) = (true, 0);
        }
    }
    ended.is_some_and(|n| n > MAX_CARD_TEXT_CHARS)
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

fn plan(card: &RateCard, id: &str, plan: &Plan, sets: &HashMap<&str, ValueSets<'_>>, enums: &Enums<'_>) -> Result<()> {
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
        let none = ValueSets::new();
        let f_sets = sets.get(a.feature.as_str()).unwrap_or(&none);
        when_values(f, f_sets, &a.when).map_err(|e| e.context(i).context("allowances"))?;
    }
    for (opt, value) in &plan.max_options {
        max_option(enums, opt, value).map_err(|e| e.context(opt).context("maxOptions"))?;
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
fn max_option(enums: &Enums<'_>, opt: &str, value: &str) -> Result<()> {
    let Some(defs) = enums.get(opt) else {
        return Err(Error::new(ErrorKind::InvalidRateCard, format!("no feature has an enum option \"{opt}\"")));
    };
    if let Some((def, _)) = defs.iter().find(|(_, set)| !set.contains(value)) {
        let valid = one_of(def.values.iter().map(String::as_str));
        return Err(Error::new(ErrorKind::InvalidRateCard, format!("\"{value}\" is not one of {valid}")));
    }
    Ok(())
}

/// Every feature's enum option by option id: its definition and its values
/// as a set (built once per card: a plan's caps are checked against it
/// without scanning lists).
type Enums<'c> = HashMap<&'c str, Vec<(&'c OptionDef, HashSet<&'c str>)>>;

fn enums(card: &RateCard) -> Enums<'_> {
    let mut all: Enums<'_> = HashMap::new();
    for f in card.features.values() {
        for (oid, o) in f.options.iter().filter(|(_, o)| o.kind == OptionType::Enum) {
            all.entry(oid.as_str()).or_default().push((o, o.values.iter().map(String::as_str).collect()));
        }
    }
    all
}

fn feature(f: &Feature) -> Result<()> {
    for (oid, o) in &f.options {
        option(o).map_err(|e| e.context(oid).context("options"))?;
    }
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
    if f.rates.len() > MAX_RATES_PER_FEATURE {
        return Err(invalid("rates", format!("at most {MAX_RATES_PER_FEATURE} rates, got {}", f.rates.len())));
    }
    // Each enum option's values as a set, once: a `when` list is checked in O(its length).
    let sets = value_sets(f);
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
            when_values(f, &sets, &r.when)
        };
        check().map_err(|e| e.context(i).context("rates"))?;
    }
    Ok(())
}

/// A `when` names enum options of the feature and values they have, each
/// value once (a list is at most as long as the option's values).
fn when_values(f: &Feature, sets: &ValueSets<'_>, when: &indexmap::IndexMap<String, OneOrMany>) -> Result<()> {
    for (opt, v) in when {
        let err = |detail: String| Err(invalid(opt, detail).context("when"));
        let (Some(def), Some(set)) = (f.options.get(opt), sets.get(opt.as_str())) else {
            return err(format!("the feature has no enum option \"{opt}\""));
        };
        let mut seen = vec![0u64; set.len().div_ceil(64)];
        for value in v.values() {
            let Some(&i) = set.get(value) else {
                return err(format!("\"{value}\" is not one of {}", one_of(def.values.iter().map(String::as_str))));
            };
            let (word, bit) = (seen.get_mut(i / 64), 1u64 << (i % 64));
            match word {
                Some(w) if *w & bit != 0 => return err(format!("\"{value}\" is listed twice")),
                Some(w) => *w |= bit,
                None => {}
            }
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
            if o.values.len() > MAX_ENUM_VALUES {
                return Err(invalid("values", format!("at most {MAX_ENUM_VALUES} values, got {}", o.values.len())));
            }
            let mut set = HashSet::with_capacity(o.values.len());
            if let Some(v) = o.values.iter().find(|v| !set.insert(v.as_str())) {
                return Err(invalid("values", format!("\"{v}\" is listed twice")));
            }
            if let Some(d) = o.default.as_ref().filter(|d| !set.contains(d.as_str())) {
                let valid = one_of(o.values.iter().map(String::as_str));
                return Err(invalid("default", format!("\"{d}\" is not one of {valid}")));
            }
            if let Some(v) = o.unavailable.keys().find(|v| !set.contains(v.as_str())) {
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

/// One enum option as the coverage check walks it: its id and, per
/// available value, the rates (a bitset) whose `when` allows that value.
type Axis<'c> = (&'c str, Vec<(&'c str, Vec<u64>)>);

/// Every combination of the feature's (available) enum values finds a rate.
///
/// Without enumerating rates per combination: for each enum option and each
/// of its available values, the set of rates (a bitset, 64 to a word) whose
/// `when` allows that value; a combination finds a rate when the sets of
/// its values intersect. Work: combinations × options × rates / 64.
fn every_combination_has_a_rate(f: &Feature) -> Result<()> {
    if f.rates.is_empty() || f.rates.iter().any(|r| r.when.is_empty()) {
        return Ok(());
    }
    let words = f.rates.len().div_ceil(64);
    // Per enum option: its id and, per available value, the rates that allow it.
    let mut axes: Vec<Axis<'_>> = Vec::new();
    let mut combos: usize = 1;
    for (oid, o) in f.options.iter().filter(|(_, o)| o.kind == OptionType::Enum) {
        let available: Vec<&str> = o.values.iter().map(String::as_str).filter(|v| !o.unavailable.contains_key(*v)).collect();
        combos = combos.saturating_mul(available.len());
        if combos > MAX_OPTION_COMBINATIONS {
            return Err(invalid(
                "options",
                format!("too many combinations of enum values (more than {MAX_OPTION_COMBINATIONS})"),
            ));
        }
        let index: HashMap<&str, usize> = available.iter().enumerate().map(|(i, v)| (*v, i)).collect();
        let mut sets = vec![vec![0u64; words]; available.len()];
        for (r, rule) in f.rates.iter().enumerate() {
            let (word, bit) = (r / 64, 1u64 << (r % 64));
            let mut allow = |i: usize| {
                if let Some(w) = sets.get_mut(i).and_then(|s| s.get_mut(word)) {
                    *w |= bit;
                }
            };
            match rule.when.get(oid) {
                None => (0..available.len()).for_each(&mut allow),
                Some(w) => w.values().filter_map(|v| index.get(v).copied()).for_each(&mut allow),
            }
        }
        axes.push((oid.as_str(), available.into_iter().zip(sets).collect()));
    }
    if combos == 0 {
        return Ok(());
    }
    covered(&axes, f.rates.len(), |oid, r| f.rates.get(r).is_some_and(|rule| rule.when.contains_key(oid)))
}

/// Walks the combinations of `axes` depth first, in the card's order (the
/// last option fastest), keeping the rates that allow the values chosen so
/// far; a subtree is covered at once when one of them names none of the
/// options left, and a combination with no rate left is the error.
fn covered(axes: &[Axis<'_>], rates: usize, names: impl Fn(&str, usize) -> bool) -> Result<()> {
    let words = rates.div_ceil(64);
    let n = axes.len();
    let mut real = vec![u64::MAX; words];
    if let Some(last) = real.last_mut().filter(|_| rates % 64 != 0) {
        *last = (1u64 << (rates % 64)).saturating_sub(1);
    }
    // free[d]: the rates whose `when` names none of the options d.. (they cover any values there).
    let mut free = vec![real.clone(); n.saturating_add(1)];
    for d in (0..n).rev() {
        let mut next = free.get(d.saturating_add(1)).cloned().unwrap_or_default();
        if let Some((oid, _)) = axes.get(d) {
            for r in (0..rates).filter(|r| names(oid, *r)) {
                if let Some(w) = next.get_mut(r / 64) {
                    *w &= !(1u64 << (r % 64));
                }
            }
        }
        if let Some(slot) = free.get_mut(d) {
            *slot = next;
        }
    }
    let meets = |a: &[u64], b: &[u64]| a.iter().zip(b).any(|(x, y)| x & y != 0);
    // partial[d]: the rates that allow the values chosen on axes 0..d.
    let mut partial = vec![real; n.saturating_add(1)];
    let mut at = vec![0usize; n];
    let mut d = 0usize;
    loop {
        let here = partial.get(d).map(Vec::as_slice).unwrap_or_default();
        let free_here = free.get(d).map(Vec::as_slice).unwrap_or_default();
        if !meets(here, free_here) {
            if here.iter().all(|w| *w == 0) {
                // The first combination of this subtree finds no rate.
                let desc: Vec<String> = axes
                    .iter()
                    .zip(&at)
                    .enumerate()
                    .filter_map(|(k, ((oid, values), &i))| values.get(if k < d { i } else { 0 }).map(|(v, _)| format!("{oid}={v}")))
                    .collect();
                return Err(invalid("rates", format!("no rate for {}", desc.join(", "))));
            }
            if d < n {
                // Descend: the first value of axis d.
                if let Some(slot) = at.get_mut(d) {
                    *slot = 0;
                }
                narrow(axes, &mut partial, &at, d);
                d = d.saturating_add(1);
                continue;
            }
        }
        // Covered: the next value of the deepest axis that has one.
        loop {
            if d == 0 {
                return Ok(());
            }
            d = d.saturating_sub(1);
            let len = axes.get(d).map_or(0, |(_, v)| v.len());
            let Some(slot) = at.get_mut(d) else { return Ok(()) };
            *slot = slot.saturating_add(1);
            if *slot < len {
                narrow(axes, &mut partial, &at, d);
                d = d.saturating_add(1);
                break;
            }
        }
    }
}

/// `partial[d + 1]` = `partial[d]` ∩ the rates that allow axis `d`'s value `at[d]`.
fn narrow(axes: &[Axis<'_>], partial: &mut [Vec<u64>], at: &[usize], d: usize) {
    let set = axes.get(d).and_then(|(_, values)| values.get(at.get(d).copied().unwrap_or(0))).map(|(_, s)| s.as_slice());
    let (head, tail) = partial.split_at_mut(d.saturating_add(1));
    if let (Some(from), Some(to), Some(set)) = (head.last(), tail.first_mut(), set) {
        to.iter_mut().zip(from.iter().zip(set)).for_each(|(t, (a, b))| *t = a & b);
    }
}
