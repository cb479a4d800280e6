//! Burn-down: usage takes credits from the grant that expires soonest (a
//! grant that never expires comes last), then the oldest, then the first
//! issued.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::request::Grant;

/// Burns `amount` from `grants` in burn-down order; returns `(grant index,
/// credits)` per grant touched and what could not be covered.
pub fn burn(grants: &mut [Grant], amount: Decimal) -> (Vec<(usize, Decimal)>, Decimal) {
    let mut order: Vec<usize> = (0..grants.len())
        .filter(|i| grants.get(*i).is_some_and(|g| g.remaining > Decimal::ZERO))
        .collect();
    order.sort_by_key(|i| {
        grants.get(*i).map(|g| {
            (
                g.expires_at.is_none(),
                g.expires_at,
                g.issued_at.unwrap_or(Date::MIN),
                *i,
            )
        })
    });
    let mut left = amount;
    let mut taken = Vec::new();
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(g) = grants.get_mut(i) {
            // take ≤ both, so neither subtraction can overflow.
            let take = g.remaining.0.min(left);
            g.remaining = g.remaining.0.checked_sub(take).unwrap_or(Decimal::ZERO).into();
            left = left.checked_sub(take).unwrap_or(Decimal::ZERO);
            taken.push((i, take));
        }
    }
    (taken, left)
}
