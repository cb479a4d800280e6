//! A hold: the high end of a job's range, reserved from the grants in
//! burn-down order, never from a grant that expires before the hold does.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::Result;
use crate::ledger::reserve;
use crate::money;
use crate::quote::Quote;
use crate::rate_card::RateCard;
use crate::request::{Burn, Hold, HoldTag, QuoteRequest};

/// The hold of `high` (the range's high end, priced and stamped on `day`)
/// on `available` (the request with other open holds taken off), lasting
/// through `expires`: its credits reserved in burn-down order from the
/// grants alive on `day` that outlive the hold (`expiresAt` after
/// `expires`), or from the balance (the quote's, which is the plan's fresh
/// credits when the request gave none). Sealed with its fingerprint.
///
/// # Errors
/// `overflow` for amounts past exact arithmetic.
pub fn make(card: &RateCard, high: &Quote, available: &QuoteRequest, day: Date, expires: Date) -> Result<Hold> {
    let credits = high.total.0;
    let burns = match &available.grants {
        Some(grants) => {
            // A grant expiring on or before the hold's last day cannot back it (nor, a fortiori, one gone by `day`).
            let mut grants = grants.clone();
            let reserved = reserve(&mut grants, credits, expires);
            reserved
                .taken
                .iter()
                .filter_map(|t| grants.get(t.grant).map(|g| Burn { grant: g.id.clone(), credits: card.shape_amount(t.credits).into() }))
                .collect()
        }
        None => {
            let take = high.balance.0.max(Decimal::ZERO).min(credits);
            if take > Decimal::ZERO { vec![Burn { grant: "balance".into(), credits: card.shape_amount(take).into() }] } else { Vec::new() }
        }
    };
    let mut hold = Hold {
        kind: HoldTag::Hold,
        rate_card: high.rate_card.clone(),
        version: high.version.clone(),
        card_hash: high.card_hash.clone(),
        plan: high.plan.clone(),
        at: day,
        expires_at: expires,
        unit: high.unit.clone(),
        currency: high.currency.clone(),
        credits: high.total,
        burns,
        shortfall: Decimal::ZERO.into(),
        price: (card.unit == card.currency).then_some(high.total),
        period_usage: available.period_usage.clone(),
        fingerprint: String::new(),
    };
    hold.shortfall = card.shape_amount(money::sub(credits, hold.reserved(), "shortfall")?).into();
    hold.fingerprint = super::fingerprint(&hold)?;
    Ok(hold)
}
