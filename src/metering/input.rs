//! Step 3: the input. A timed feature takes `seconds` (fractions rounded
//! **up** to whole seconds), a counted one a whole `quantity`; both within
//! the engine's bounds and the feature's `min`/`max`, and a video within the
//! plan's longest video.

use rust_decimal::Decimal;

use super::explain::unit_text;
use crate::rate_card::PlanRef;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{MAX_QUANTITY, MAX_SECONDS};
use crate::money::ceil_whole;
use crate::rate_card::{Feature, Input};
use crate::request::Item;

/// The item's input as metered: whole seconds, or the count.
///
/// # Errors
/// `invalid_quantity` at `seconds` or `quantity`; `plan_limit` at `seconds`.
pub(super) fn read(feature: &Feature, plan: PlanRef<'_>, item: &Item) -> Result<Decimal> {
    let (field, given, other, other_field, what, max) = match feature.input {
        Input::Seconds => ("seconds", item.seconds, item.quantity, "quantity", "a duration in seconds", MAX_SECONDS),
        Input::Quantity => ("quantity", item.quantity, item.seconds, "seconds", "a whole count", MAX_QUANTITY),
    };
    let refuse = |key: &str, detail: String| Error::at(ErrorKind::InvalidQuantity, key, detail);
    if other.is_some() {
        let detail = match feature.input {
            Input::Seconds => format!("\"{}\" is metered in seconds; give \"seconds\"", item.feature),
            Input::Quantity => format!("\"{}\" is counted; give \"quantity\"", item.feature),
        };
        return Err(refuse(other_field, detail));
    }
    let x = given.ok_or_else(|| refuse(field, format!("required for \"{}\" ({what})", item.feature)))?;
    if x <= Decimal::ZERO {
        return Err(refuse(field, format!("must be greater than 0, got {x}")));
    }
    if x > Decimal::from(max) {
        return Err(refuse(field, format!("at most {max}, got {x}")));
    }
    let raw = match feature.input {
        Input::Seconds => ceil_whole(x),
        Input::Quantity if x.fract() != Decimal::ZERO => {
            return Err(refuse(field, format!("must be a whole number, got {x}")));
        }
        Input::Quantity => x,
    };
    bounds(feature, item, field, raw)?;
    if feature.input == Input::Seconds && feature.length_limited {
        if let Some(max) = plan.max_seconds.filter(|m| raw > m.0) {
            return Err(Error::at(
                ErrorKind::PlanLimit,
                "seconds",
                format!("plan \"{}\" allows videos up to {max} s (longest video), got {raw} s", plan.id),
            ));
        }
    }
    Ok(raw)
}

/// The feature's own `min` and `max`.
fn bounds(feature: &Feature, item: &Item, field: &str, raw: Decimal) -> Result<()> {
    let unit = |n: Decimal| unit_text(feature, n);
    if let Some(lo) = feature.min.filter(|lo| raw < lo.0) {
        let hi = feature.max.map(|m| unit(m.0)).unwrap_or_else(|| "any".into());
        return Err(Error::at(
            ErrorKind::InvalidQuantity,
            field,
            format!("\"{}\" takes {} to {hi}, got {}", item.feature, unit(lo.0), unit(raw)),
        ));
    }
    if let Some(hi) = feature.max.filter(|hi| raw > hi.0) {
        return Err(Error::at(
            ErrorKind::InvalidQuantity,
            field,
            format!("\"{}\" takes at most {}, got {}", item.feature, unit(hi.0), unit(raw)),
        ));
    }
    Ok(())
}
