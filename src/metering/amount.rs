//! Step 6: the amount. `charged × rate` per second or per unit; `/ 60` per
//! minute (prorated per billed second); the flat rate per video whatever its
//! length; times each multiplier; rounded **once**, from the exact quotient,
//! to the card's decimal places by the card's named rounding mode.

use rust_decimal::Decimal;

use super::options::Multipliers;
use super::rate::Rate;
use crate::error::Result;
use crate::money;
use crate::rate_card::{Per, RateCard};

/// An item's amount, and the exact quotient it was rounded from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Amount {
    /// Rounded by the card's mode, shaped as the card shows amounts.
    pub rounded: Decimal,
    /// Before rounding: `numerator / denominator`.
    pub numerator: Decimal,
    /// 60 per minute, else 1.
    pub denominator: Decimal,
}

/// The amount for `charged` units.
///
/// # Errors
/// `overflow`.
pub(super) fn compute(card: &RateCard, rate: &Rate, multipliers: &Multipliers, charged: Decimal) -> Result<Amount> {
    let mut numerator = match rate.per {
        Per::Second | Per::Each | Per::Minute => money::mul(charged, rate.rate, "amount")?,
        Per::Video if charged > Decimal::ZERO => rate.rate,
        Per::Video => Decimal::ZERO,
    };
    for (m, _, _) in &multipliers.list {
        numerator = money::mul(numerator, *m, "amount")?;
    }
    let denominator = Decimal::from(if rate.per == Per::Minute { 60 } else { 1 });
    let rounded = money::div_round(numerator, denominator, card.rounding.dp, card.rounding.mode, "amount")?;
    Ok(Amount {
        rounded: card.shape_amount(rounded),
        numerator,
        denominator,
    })
}
