//! Step 1: the item's feature and options. The feature must exist and be on
//! the plan; every given option must be defined with a value of its type;
//! each enum option takes the given value, else its default, else the
//! plan's cap; the plan's caps and the options' gates are checked; each
//! boolean option switched on contributes its multiplier.

use rust_decimal::Decimal;

use crate::rate_card::PlanRef;
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::money;
use crate::rate_card::{Feature, OptionDef, OptionType, RateCard};
use crate::request::{Item, OptionValue};

/// Each enum option's value (given, default or the plan's cap), by id.
pub(super) type Enums<'i> = Vec<(&'i str, &'i str)>;

/// The boolean options switched on.
#[derive(Debug, Clone)]
pub(super) struct Multipliers<'c> {
    /// Each one's multiplier, label and source (its article section).
    pub list: Vec<(Decimal, &'c str, Option<&'c str>)>,
    /// Their product (1 when none).
    pub product: Decimal,
}

/// The item's feature, if the card has it and the plan offers it.
pub(super) fn feature<'c>(card: &'c RateCard, plan: PlanRef<'_>, item: &Item) -> Result<&'c Feature> {
    let feature = card.features.get(&item.feature).ok_or_else(|| {
        let valid = if card.features.is_empty() {
            "none: this card prices no features (load a rate card that adds them)".to_string()
        } else {
            one_of(card.features.keys().map(String::as_str))
        };
        Error::at(
            ErrorKind::UnknownFeature,
            "feature",
            format!("no feature \"{}\" on rate card \"{}\"; features: {valid}", item.feature, card.id),
        )
    })?;
    if plan.features.as_ref().is_some_and(|allowed| !allowed.contains(&item.feature)) {
        let reason = plan.unavailable_reason.clone().unwrap_or_else(|| {
            let on = card
                .plans
                .iter()
                .filter(|(_, p)| p.features.as_ref().is_none_or(|f| f.contains(&item.feature)))
                .map(|(k, _)| k.as_str());
            format!("plans with it: {}", one_of(on))
        });
        return Err(Error::at(
            ErrorKind::NotAvailable,
            "feature",
            format!("\"{}\" is not available on plan \"{}\": {reason}", item.feature, plan.id),
        ));
    }
    Ok(feature)
}

/// Checks the given options and chooses every option's value.
pub(super) fn choose<'c: 'i, 'i>(
    plan: PlanRef<'c>,
    feature: &'c Feature,
    item: &'i Item,
) -> Result<(Enums<'i>, Multipliers<'c>)> {
    for (key, value) in &item.options {
        given(feature, &item.feature, key, value).map_err(|e| e.context(key).context("options"))?;
    }
    let mut enums = Vec::with_capacity(feature.options.len());
    let mut on = Multipliers {
        list: Vec::new(),
        product: Decimal::ONE,
    };
    for (key, def) in &feature.options {
        let at = |e: Error| e.context(key).context("options");
        match def.kind {
            OptionType::Enum => {
                let value = enum_value(plan, key, def, item).map_err(at)?;
                enums.push((key.as_str(), value));
            }
            OptionType::Boolean => {
                let set = item.options.get(key) == Some(&OptionValue::Bool(true));
                if let Some(reason) = def.gate.as_ref().filter(|_| !set) {
                    return Err(at(Error::new(
                        ErrorKind::NotAvailable,
                        format!("\"{}\" is not available: {reason}; set {key}: true if it applies", item.feature),
                    )));
                }
                if let Some(m) = def.multiplier.filter(|_| set) {
                    on.list.push((m.0, def.label.as_str(), def.source.as_deref()));
                    on.product = money::mul(on.product, m.0, "multiplier")?;
                }
            }
        }
    }
    Ok((enums, on))
}

/// A given option is defined, with a value of its type.
fn given(feature: &Feature, feature_id: &str, key: &str, value: &OptionValue) -> Result<()> {
    let Some(def) = feature.options.get(key) else {
        let valid = one_of(feature.options.keys().map(String::as_str));
        return Err(Error::new(
            ErrorKind::InvalidOption,
            format!("\"{feature_id}\" has no option \"{key}\"; its options: {valid}"),
        ));
    };
    match (def.kind, value) {
        (OptionType::Boolean, OptionValue::Bool(_)) => Ok(()),
        (OptionType::Enum, OptionValue::Text(v)) if def.values.contains(v) => Ok(()),
        (OptionType::Boolean, other) => Err(Error::new(
            ErrorKind::InvalidOption,
            format!("expected true or false, got {}", other.describe()),
        )),
        (OptionType::Enum, other) => Err(Error::new(
            ErrorKind::InvalidOption,
            format!(
                "expected one of {}, got {}",
                one_of(def.values.iter().map(String::as_str)),
                other.describe()
            ),
        )),
    }
}

/// An enum option's value: given, else its default, else the plan's cap;
/// available, and within the plan's cap.
fn enum_value<'c: 'i, 'i>(plan: PlanRef<'c>, key: &str, def: &'c OptionDef, item: &'i Item) -> Result<&'i str> {
    let plan_max = plan.plan.max_options.get(key).map(String::as_str);
    let chosen = match item.options.get(key) {
        Some(OptionValue::Text(v)) => v.as_str(),
        _ => def.default.as_deref().or(plan_max).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOption,
                format!(
                    "required for \"{}\"; one of {}",
                    item.feature,
                    one_of(def.values.iter().map(String::as_str))
                ),
            )
        })?,
    };
    if let Some(reason) = def.unavailable.get(chosen) {
        return Err(Error::new(
            ErrorKind::NotAvailable,
            format!("\"{chosen}\" is not available: {reason}"),
        ));
    }
    if let Some(max) = plan_max {
        let rank = |v: &str| def.values.iter().position(|x| x == v);
        if rank(chosen) > rank(max) {
            // ASCII only: Unicode case tables would weigh more than the message gains.
            let label = def.label.to_ascii_lowercase();
            return Err(Error::new(
                ErrorKind::PlanLimit,
                format!("plan \"{}\" allows {label} up to {max} (its highest {label}), got {chosen}", plan.id),
            ));
        }
    }
    Ok(chosen)
}
