//! A quote given the wallet's grants instead of a balance: each line says
//! which grants it burns (burn-down order), and credits expiring within
//! [`EXPIRY_WARNING_DAYS`] of the quote's day unused are named. A grant that
//! expired on or before the quote's day holds nothing.

use rust_decimal::Decimal;

use super::burn_down::{BurnOrder, Taken};
use crate::rate_card::PlanRef;
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::EXPIRY_WARNING_DAYS;
use crate::money;
use crate::quote::{self, Burn, Quote};
use crate::rate_card::RateCard;
use crate::request::{Grant, QuoteRequest};

/// Prices `request` with the balance of `grants` and fills each line's
/// burns and the expiry warnings.
///
/// # Errors
/// As [`quote::price`]; `invalid_request` for a bad `at` or a negative
/// `grants[i].remaining`.
pub fn with_grants(
    card: &RateCard,
    plan: PlanRef<'_>,
    request: &QuoteRequest,
    grants: &[Grant],
) -> Result<Quote> {
    quote::check(request)?;
    let at = quote::quote_day(request)?;
    if let Some(i) = grants.iter().position(|g| g.remaining < Decimal::ZERO) {
        return Err(Error::at(ErrorKind::InvalidRequest, "remaining", "must not be negative")
            .context(i)
            .context("grants"));
    }
    let mut quote = quote::price_checked(card, plan, request)?;
    // An expired grant holds nothing on the quote's day: it is not burned
    // and not warned about (its index stays, so burns still name grants).
    let mut held = grants.to_vec();
    for g in held.iter_mut().filter(|g| !quote::alive(g, at)) {
        g.remaining = Decimal::ZERO.into();
    }
    // One order for every line: each burn costs O(log n) per grant touched.
    let mut order = BurnOrder::of(&held);
    for line in &mut quote.lines {
        let burned = order.burn(&mut held, line.amount.0);
        line.burns = burned
            .taken
            .into_iter()
            .filter_map(|Taken { grant: g, credits }| {
                held.get(g).map(|h| Burn {
                    grant: h.id.clone(),
                    credits: money::plain(credits).into(),
                })
            })
            .collect();
    }
    if let Some(today) = at {
        let soon = today.checked_add_days(EXPIRY_WARNING_DAYS).unwrap_or(Date::MAX);
        let expiring = held
            .iter()
            .filter(|h| h.remaining > Decimal::ZERO && h.expires_at.is_some_and(|e| e <= soon))
            .map(|h| {
                let when = h.expires_at.map(|e| e.to_string()).unwrap_or_default();
                format!(
                    "{} {} of grant {} expire on {when}, unused by this quote",
                    money::plain(h.remaining.0),
                    card.unit,
                    h.id
                )
            });
        // After the plan's own warnings, as the quote lists them.
        let after_plan = plan.warnings.len().min(quote.warnings.len());
        quote.warnings.splice(after_plan..after_plan, expiring.collect::<Vec<_>>());
    }
    Ok(quote)
}
