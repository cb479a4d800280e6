//! Step 5: the plan's allowance. The first allowance of the plan for the
//! feature whose `when` matches the options covers billed units, net of the
//! period's usage so far; absent `amount` means unlimited.

use rust_decimal::Decimal;

use super::explain::Explanation;
use super::rate::fits;
use crate::error::Result;
use crate::money;
use crate::rate_card::{Allowance, Plan};

/// The allowance that fits the feature and options, if any.
pub(super) fn choose<'c>(plan: &'c Plan, feature_id: &str, enums: &[(&str, &str)]) -> Option<&'c Allowance> {
    plan.allowances
        .iter()
        .find(|a| a.feature == feature_id && fits(&a.when, enums))
}

/// Of `billed`, the units the allowance covers, given `used` so far.
///
/// # Errors
/// `overflow`.
pub(super) fn included(allowance: Option<&Allowance>, billed: Decimal, used: Decimal, how: &mut Explanation) -> Result<Decimal> {
    let Some(a) = allowance else {
        return Ok(Decimal::ZERO);
    };
    let included = match a.amount {
        None => billed,
        Some(amount) => billed.min(money::sub(amount.0, used, "periodUsage")?.max(Decimal::ZERO)),
    };
    if included > Decimal::ZERO {
        how.allowance(included, billed, &a.label);
    }
    Ok(included)
}
