//! Expiry: the day a grant issued on a day expires, by the card's wallet
//! rules (a plan's credits by billing period, purchases by product).

use super::calendar::{add_days, add_months, Calendar};
use crate::date::Date;
use crate::error::Result;
use crate::limits::{MAX_EXPIRY_CYCLES, MAX_EXPIRY_DAYS};
use crate::rate_card::{Expiry, Period, Product, RateCard};

/// The day a grant issued on `day` under `rule` expires (`None`: never).
///
/// # Errors
/// `invalid_request` when the day is beyond the supported dates.
pub(super) fn expires(rule: Expiry, day: Date, calendar: &Calendar) -> Result<Option<Date>> {
    Ok(match rule {
        Expiry::Cycles { count } => {
            let cycles = i32::try_from(count.min(MAX_EXPIRY_CYCLES)).unwrap_or(0);
            Some(add_months(calendar.anchor, calendar.cycle.saturating_add(cycles))?)
        }
        Expiry::Days { count } => Some(add_days(day, i32::try_from(count.min(MAX_EXPIRY_DAYS)).unwrap_or(0))?),
        Expiry::Renewal => Some(calendar.billing_window()?.1),
        Expiry::Never => None,
    })
}

/// The rule for a plan's own credits, by billing period.
pub(super) fn plan_rule(card: &RateCard, billing: Period) -> Expiry {
    match (card.wallet.as_ref(), billing) {
        (Some(w), Period::Year) => w.annual_billing,
        (Some(w), _) => w.monthly_billing,
        (None, _) => Expiry::Never,
    }
}

/// The rule for a product's credits: its own, else the card's for purchases.
pub(super) fn product_rule(card: &RateCard, product: &Product) -> Expiry {
    product
        .expiry
        .or(card.wallet.as_ref().map(|w| w.purchases))
        .unwrap_or(Expiry::Never)
}
