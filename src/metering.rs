//! Metering: turns one item (a feature, its duration or count, its options)
//! into billed units and an amount in the card's unit, with the explanation.
//!
//! The steps, each a rule of the rate card, never of a preset:
//! 1. options: defaults applied, unknown ids and values refused;
//! 2. the rate: the first [`RateRule`](crate::rate_card::RateRule) whose `when` matches;
//! 3. the input: seconds rounded **up** to whole seconds (PRICING.md), counts
//!    must be whole; bounds and the plan's longest video checked;
//! 4. increments (`ceil` or `floor_plus_one`) and the per-item minimum;
//! 5. the plan's allowance for the period, net of `periodUsage`;
//! 6. the amount: `billed × rate` (`/ 60` per minute; flat per video), times
//!    each boolean option's multiplier, rounded by the card's rounding mode.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::borrow::Cow;

use crate::engine::{MAX_QUANTITY, MAX_SECONDS};
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::money::{self, ceil_whole, floor_whole};
use crate::quote::{Item, OptionValue};
use crate::rate_card::{Allowance, Feature, IncrementRule, Input, OneOrMany, OptionType, Per, Plan, RateCard};

/// One metered item, before it becomes a quote line. Borrows the rate
/// card's strings (`'c`): nothing is copied until a quote line needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metered<'c> {
    /// Amount in the card's unit, rounded by the card's rounding.
    pub amount: Decimal,
    /// Input units billed (seconds or count) after increments and minimum.
    pub billed: Decimal,
    /// Of `billed`, how much the plan's allowance covered.
    pub included: Decimal,
    /// The input as metered (seconds rounded up to whole seconds, or the
    /// count), before increments and minimum.
    pub units: Decimal,
    /// The rate applied, in the card's unit per `per`.
    pub rate: Decimal,
    /// What the rate is per.
    pub per: Per,
    /// The product of the boolean options' multipliers (1 when none).
    pub multiplier: Decimal,
    /// How the amount was reached, for people.
    pub explanation: String,
    /// The article (publisher, title) and section of the rate used, and of
    /// the allowance when one applied.
    pub source: Cow<'c, str>,
    /// The feature's display name.
    pub name: &'c str,
}

fn sing_plural<'a>(n: Decimal, one: &'a str, many: &'a str) -> &'a str {
    if n == Decimal::ONE {
        one
    } else {
        many
    }
}

/// Meters `item` on `plan`; `at` is the item's path for error messages
/// (`items[0]`, `usage[3]`). With `explain` false the explanation is left
/// empty (cheaper: for curves and capacity searches). `used` is the
/// feature's usage so far this period, in its input unit, for allowances.
///
/// # Errors
/// `unknown_feature`, `not_available`, `invalid_option`, `invalid_quantity`,
/// `plan_limit`, `overflow`; each message starts with the field's path
/// (`items[0].seconds`).
pub fn meter<'c>(
    card: &'c RateCard,
    plan_id: &str,
    plan: &'c Plan,
    item: &Item,
    at: &str,
    used: Decimal,
    explain: bool,
) -> Result<Metered<'c>> {
    resolve(card, plan_id, plan, item, at)?.meter(item, at, used, explain)
}

/// What metering an item takes from the rate card once its feature and
/// options are known: the rate, the multipliers and the allowance. A curve
/// or a capacity search resolves once, then meters many sizes.
#[derive(Debug, Clone)]
pub(crate) struct Resolved<'c, 'p> {
    card: &'c RateCard,
    plan_id: &'p str,
    plan: &'c Plan,
    feature: &'c Feature,
    rate: Decimal,
    per: Per,
    /// The rate rule's source, else the feature's.
    source: &'c str,
    /// Each boolean option switched on: its multiplier and label.
    multipliers: Vec<(Decimal, &'c str)>,
    /// The product of `multipliers` (1 when none), for the quote line.
    multiplier: Decimal,
    /// The plan's allowance that fits the options, if any.
    allowance: Option<&'c Allowance>,
}

/// Steps 1 and 2 of [`meter`], and the choice of allowance of step 5: checks
/// the item's feature and options and picks the rate. Ignores the item's size.
///
/// # Errors
/// As [`meter`], but for the size's `invalid_quantity` and `plan_limit`.
pub(crate) fn resolve<'c, 'p>(
    card: &'c RateCard,
    plan_id: &'p str,
    plan: &'c Plan,
    item: &Item,
    at: &str,
) -> Result<Resolved<'c, 'p>> {
    let feature = card.features.get(&item.feature).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownFeature,
            format!(
                "{at}.feature: no feature \"{}\" on rate card \"{}\"; features: {}",
                item.feature,
                card.id,
                if card.features.is_empty() {
                    "none: this card prices no features (load a rate card that adds them)".to_string()
                } else {
                    one_of(card.features.keys().map(String::as_str))
                }
            ),
        )
    })?;
    if let Some(allowed) = &plan.features {
        if !allowed.contains(&item.feature) {
            let reason = plan.unavailable_reason.clone().unwrap_or_else(|| {
                let on: Vec<&str> = card
                    .plans
                    .iter()
                    .filter(|(_, p)| p.features.as_ref().is_none_or(|f| f.contains(&item.feature)))
                    .map(|(k, _)| k.as_str())
                    .collect();
                format!("plans with it: {}", one_of(on))
            });
            return Err(Error::new(
                ErrorKind::NotAvailable,
                format!(
                    "{at}.feature: \"{}\" is not available on plan \"{plan_id}\": {reason}",
                    item.feature
                ),
            ));
        }
    }

    // 1. Options.
    for (key, value) in &item.options {
        let Some(def) = feature.options.get(key) else {
            let valid = if feature.options.is_empty() {
                "none".to_string()
            } else {
                one_of(feature.options.keys().map(String::as_str))
            };
            return Err(Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "{at}.options.{key}: \"{}\" has no option \"{key}\"; its options: {valid}",
                    item.feature
                ),
            ));
        };
        match (def.kind, value) {
            (OptionType::Boolean, OptionValue::Bool(_)) => {}
            (OptionType::Enum, OptionValue::Text(v)) if def.values.contains(v) => {}
            (OptionType::Boolean, other) => {
                return Err(Error::new(
                    ErrorKind::InvalidOption,
                    format!("{at}.options.{key}: expected true or false, got {}", other.describe()),
                ));
            }
            (OptionType::Enum, other) => {
                return Err(Error::new(
                    ErrorKind::InvalidOption,
                    format!(
                        "{at}.options.{key}: expected one of {}, got {}",
                        one_of(def.values.iter().map(String::as_str)),
                        other.describe()
                    ),
                ));
            }
        }
    }
    let mut enums: Vec<(&str, &str)> = Vec::with_capacity(feature.options.len());
    let mut multipliers: Vec<(Decimal, &str)> = Vec::new();
    for (key, def) in &feature.options {
        match def.kind {
            OptionType::Enum => {
                let plan_max = plan.max_options.get(key).map(String::as_str);
                let chosen = match item.options.get(key) {
                    Some(OptionValue::Text(v)) => v.as_str(),
                    // Not given: the option's default, else the plan's highest value.
                    _ => def.default.as_deref().or(plan_max).ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidOption,
                            format!(
                                "{at}.options.{key}: required for \"{}\"; one of {}",
                                item.feature,
                                one_of(def.values.iter().map(String::as_str))
                            ),
                        )
                    })?,
                };
                if let Some(reason) = def.unavailable.get(chosen) {
                    return Err(Error::new(
                        ErrorKind::NotAvailable,
                        format!("{at}.options.{key}: \"{chosen}\" is not available: {reason}"),
                    ));
                }
                if let Some(max) = plan_max {
                    let rank = |v: &str| def.values.iter().position(|x| x == v);
                    if rank(chosen) > rank(max) {
                        return Err(Error::new(
                            ErrorKind::PlanLimit,
                            format!(
                                "{at}.options.{key}: plan \"{plan_id}\" allows {} up to {max} (its highest {}), got {chosen}",
                                def.label.to_lowercase(),
                                def.label.to_lowercase()
                            ),
                        ));
                    }
                }
                enums.push((key.as_str(), chosen));
            }
            OptionType::Boolean => {
                if let Some(reason) = &def.gate {
                    if item.options.get(key) != Some(&OptionValue::Bool(true)) {
                        return Err(Error::new(
                            ErrorKind::NotAvailable,
                            format!(
                                "{at}.options.{key}: \"{}\" is not available: {reason}; set {key}: true if it applies",
                                item.feature
                            ),
                        ));
                    }
                }
                if let (Some(OptionValue::Bool(true)), Some(m)) = (item.options.get(key), def.multiplier) {
                    multipliers.push((m, def.label.as_str()));
                }
            }
        }
    }

    // 2. The rate.
    let fits = |when: &IndexMap<String, OneOrMany>| {
        when.iter().all(|(k, w)| {
            enums
                .iter()
                .find(|(key, _)| *key == k.as_str())
                .is_some_and(|(_, v)| w.matches(v))
        })
    };
    let (rate, per, source) = if let (Some(rate), Some(per)) = (feature.rate, feature.per) {
        (rate, per, feature.source.as_str())
    } else {
        let rule = feature.rates.iter().find(|r| fits(&r.when)).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOption,
                format!("{at}.options: no rate of \"{}\" fits these options", item.feature),
            )
        })?;
        (rule.rate, rule.per, rule.source.as_deref().unwrap_or(&feature.source))
    };
    // Step 5's allowance depends on the options only.
    let allowance = plan
        .allowances
        .iter()
        .find(|a| a.feature == item.feature && fits(&a.when));
    let multiplier = multipliers
        .iter()
        .try_fold(Decimal::ONE, |product, (m, _)| money::mul(product, *m, at))?;
    Ok(Resolved {
        card,
        plan_id,
        plan,
        feature,
        rate,
        per,
        source,
        multipliers,
        multiplier,
        allowance,
    })
}

impl<'c> Resolved<'c, '_> {
    /// Steps 3 to 6 of [`meter`]: `item`'s size on the resolved rate.
    ///
    /// # Errors
    /// `invalid_quantity`, `plan_limit`, `overflow`.
    pub(crate) fn meter(&self, item: &Item, at: &str, used: Decimal, explain: bool) -> Result<Metered<'c>> {
        let Resolved {
            card,
            plan_id,
            plan,
            feature,
            rate,
            per,
            source,
            ref multipliers,
            multiplier,
            allowance,
        } = *self;
        // 3. The input.
        let (raw, unit_one, unit_many) = match feature.input {
            Input::Seconds => {
                if item.quantity.is_some() {
                    return Err(Error::new(
                        ErrorKind::InvalidQuantity,
                        format!(
                            "{at}.quantity: \"{}\" is metered in seconds; give \"seconds\"",
                            item.feature
                        ),
                    ));
                }
                let s = item.seconds.ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidQuantity,
                        format!(
                            "{at}.seconds: required for \"{}\" (a duration in seconds)",
                            item.feature
                        ),
                    )
                })?;
                check_positive(s, at, "seconds", Decimal::from(MAX_SECONDS))?;
                (ceil_whole(s), "s", Cow::Borrowed("s"))
            }
            Input::Quantity => {
                if item.seconds.is_some() {
                    return Err(Error::new(
                        ErrorKind::InvalidQuantity,
                        format!("{at}.seconds: \"{}\" is counted; give \"quantity\"", item.feature),
                    ));
                }
                let q = item.quantity.ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidQuantity,
                        format!("{at}.quantity: required for \"{}\" (a whole count)", item.feature),
                    )
                })?;
                check_positive(q, at, "quantity", Decimal::from(MAX_QUANTITY))?;
                if q.fract() != Decimal::ZERO {
                    return Err(Error::new(
                        ErrorKind::InvalidQuantity,
                        format!("{at}.quantity: must be a whole number, got {q}"),
                    ));
                }
                let one = feature.unit_name.as_deref().unwrap_or("unit");
                (q, one, Cow::Owned(format!("{one}s")))
            }
        };
        let input_field = match feature.input {
            Input::Seconds => "seconds",
            Input::Quantity => "quantity",
        };
        let unit = |n: Decimal| {
            if feature.input == Input::Seconds {
                format!("{n} s")
            } else {
                format!("{n} {}", sing_plural(n, unit_one, &unit_many))
            }
        };
        if let Some(lo) = feature.min.filter(|lo| raw < *lo) {
            return Err(Error::new(
                ErrorKind::InvalidQuantity,
                format!(
                    "{at}.{input_field}: \"{}\" takes {} to {}, got {}",
                    item.feature,
                    unit(lo),
                    feature.max.map(&unit).unwrap_or_else(|| "any".into()),
                    unit(raw)
                ),
            ));
        }
        if let Some(hi) = feature.max.filter(|hi| raw > *hi) {
            return Err(Error::new(
                ErrorKind::InvalidQuantity,
                format!(
                    "{at}.{input_field}: \"{}\" takes at most {}, got {}",
                    item.feature,
                    unit(hi),
                    unit(raw)
                ),
            ));
        }
        if feature.input == Input::Seconds && feature.length_limited {
            if let Some(max) = plan.max_seconds.filter(|m| raw > *m) {
                return Err(Error::new(
                    ErrorKind::PlanLimit,
                    format!(
                        "{at}.seconds: plan \"{plan_id}\" allows videos up to {} s (longest video), got {raw} s",
                        max
                    ),
                ));
            }
        }

        // 4. Increments and minimum.
        let mut billed = raw;
        // Explanations are built only when asked for (curves and capacity skip them).
        let mut how = if explain { unit(raw) } else { String::new() };
        if let Some(inc) = feature.increment {
            let ratio = money::div(raw, inc, at)?;
            let n = match feature.increment_rule {
                IncrementRule::Ceil => ceil_whole(ratio),
                IncrementRule::FloorPlusOne => money::add(floor_whole(ratio), Decimal::ONE, at)?,
            };
            billed = money::mul(n, inc, at)?;
            if explain && billed != raw {
                how = format!("{how} → {n} × {} = {}", unit(inc), unit(billed));
            }
        }
        if let Some(min) = feature.minimum.filter(|m| billed < *m) {
            billed = min;
            if explain {
                how = format!("{how} → the {} minimum", unit(min));
            }
        }

        // 5. Allowance (chosen by `resolve`).
        let included = match allowance {
            None => Decimal::ZERO,
            Some(a) => match a.amount {
                None => billed,
                Some(amount) => billed.min(money::sub(amount, used, at)?.max(Decimal::ZERO)),
            },
        };
        let charged = money::sub(billed, included, at)?;
        let source = match allowance {
            Some(a) if included > Decimal::ZERO => Cow::Owned(format!("{source}; allowance: {}", a.source)),
            _ => Cow::Borrowed(source),
        };
        if let Some(a) = allowance.filter(|_| explain && included > Decimal::ZERO) {
            how = if included == billed {
                format!("{how}: all included in plan ({})", a.label)
            } else {
                format!("{how}, {} included in plan ({})", unit(included), a.label)
            };
        }

        // 6. The amount.
        let rate_text = || {
            let u = sing_plural(rate, &card.unit_singular, &card.unit);
            match per {
                Per::Second => format!("{rate} {u}/s"),
                Per::Minute => format!("{rate} {u}/min"),
                Per::Each => format!("{rate} {u}/{unit_one}"),
                Per::Video => format!("{rate} {u} per video (any length)"),
            }
        };
        // The amount is rounded from the exact quotient (numerator / 60 for a
        // per-minute rate); `exact` is shown in the explanation.
        let mut numerator = match per {
            Per::Second | Per::Each | Per::Minute => money::mul(charged, rate, at)?,
            Per::Video => {
                if charged > Decimal::ZERO {
                    rate
                } else {
                    Decimal::ZERO
                }
            }
        };
        let denominator = Decimal::from(if per == Per::Minute { 60 } else { 1 });
        let mut factors = String::new();
        for (m, label) in multipliers {
            numerator = money::mul(numerator, *m, at)?;
            if explain {
                factors.push_str(&format!(" × {m} ({label})"));
            }
        }
        let rounded = money::div_round(numerator, denominator, card.rounding.dp, card.rounding.mode, at)?;
        let amount = card.shape_amount(rounded);
        let exact = if explain {
            money::div(numerator, denominator, at)?
        } else {
            rounded
        };
        let explanation = if !explain {
            String::new()
        } else if charged == Decimal::ZERO {
            format!("{how} = 0 {}", card.unit)
        } else {
            let charged_text = if included > Decimal::ZERO {
                format!("; {} charged", unit(charged))
            } else {
                String::new()
            };
            let rounding = if exact != amount && exact.normalize() != amount.normalize() {
                format!(
                    " (exactly {}, rounded {} to {} places)",
                    shown_exact(exact),
                    card.rounding.mode.name(),
                    card.rounding.dp
                )
            } else {
                String::new()
            };
            format!(
                "{how}{charged_text} × {}{factors} = {amount} {}{rounding}",
                rate_text(),
                sing_plural(amount, &card.unit_singular, &card.unit)
            )
        };
        Ok(Metered {
            amount,
            billed,
            included,
            units: raw,
            rate,
            per,
            multiplier,
            explanation,
            source,
            name: &feature.name,
        })
    }
}

/// An exact amount for an explanation: at most 6 decimal places, with "…"
/// when more were cut (`33.333333…`).
fn shown_exact(exact: Decimal) -> String {
    let exact = exact.normalize();
    if exact.scale() <= 6 {
        exact.to_string()
    } else {
        format!("{}…", money::RoundingMode::Down.round(exact, 6))
    }
}

fn check_positive(x: Decimal, at: &str, field: &str, max: Decimal) -> Result<()> {
    if x <= Decimal::ZERO {
        return Err(Error::new(
            ErrorKind::InvalidQuantity,
            format!("{at}.{field}: must be greater than 0, got {x}"),
        ));
    }
    if x > max {
        return Err(Error::new(
            ErrorKind::InvalidQuantity,
            format!("{at}.{field}: at most {max}, got {x}"),
        ));
    }
    Ok(())
}
