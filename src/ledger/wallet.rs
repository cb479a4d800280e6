//! The grants held, and their balance: grants are issued, burned (in the
//! order `burn_down.rs` keeps), and expired or forfeited whole. The balance
//! is kept as grants change, not summed again.

use rust_decimal::Decimal;

use super::burn_down::{BurnOrder, Burned};
use crate::date::Date;
use crate::money;
use crate::request::Grant;

/// The grants issued so far, in issue order.
#[derive(Debug, Default)]
pub(super) struct Wallet {
    /// Every grant issued; `remaining` is the one live record of what is left.
    grants: Vec<Grant>,
    /// The grants with credits left, in burn-down order.
    order: BurnOrder,
    /// Credits left over every grant.
    balance: Decimal,
    /// Credits expired or forfeited unused.
    pub expired: Decimal,
}

/// What a forfeit took: the grant's id, its issue day, the credits.
pub(super) struct Forfeited {
    pub id: String,
    pub issued: Date,
    pub credits: Decimal,
}

impl Wallet {
    /// Credits left over every grant.
    pub(super) fn balance(&self) -> Decimal {
        self.balance
    }

    /// Credits granted: every grant's amount.
    pub(super) fn granted(&self) -> Decimal {
        self.grants.iter().filter_map(|g| g.amount).fold(Decimal::ZERO, |s, a| s.saturating_add(a.0))
    }

    /// How many grants were issued.
    pub(super) fn issued(&self) -> usize {
        self.grants.len()
    }

    /// Grant `i`.
    pub(super) fn grant(&self, i: usize) -> Option<&Grant> {
        self.grants.get(i)
    }

    /// Issues a grant of `amount` on `day`; returns its id (`g1`, `g2`, …).
    pub(super) fn issue(&mut self, day: Date, amount: Decimal, source: String, expires: Option<Date>) -> String {
        let id = format!("g{}", self.grants.len().saturating_add(1));
        self.grants.push(Grant {
            id: id.clone(),
            source: Some(source),
            amount: Some(money::plain(amount).into()),
            remaining: amount.into(),
            issued_at: Some(day),
            expires_at: expires,
        });
        self.order.insert(&self.grants, self.grants.len().saturating_sub(1));
        self.balance = self.balance.checked_add(amount).unwrap_or(Decimal::MAX);
        id
    }

    /// Burns `amount` in burn-down order: the credits taken from each grant
    /// touched, and what no grant covered.
    pub(super) fn burn(&mut self, amount: Decimal) -> Burned {
        let burned = self.order.burn(&mut self.grants, amount);
        let taken = amount.checked_sub(burned.short).unwrap_or(Decimal::ZERO);
        self.balance = self.balance.checked_sub(taken).unwrap_or(Decimal::ZERO);
        burned
    }

    /// Sets aside up to `amount` for a hold that lasts through `through`:
    /// taken in burn-down order from the grants that outlive it (`expiresAt`
    /// after `through`, or never), never from one that expires first. What
    /// was taken from each grant, in that order.
    pub(super) fn reserve(&mut self, amount: Decimal, through: Date) -> Vec<(usize, Decimal)> {
        let reserved = self.order.reserve(&mut self.grants, amount, through);
        let taken = amount.checked_sub(reserved.short).unwrap_or(Decimal::ZERO);
        self.balance = self.balance.checked_sub(taken).unwrap_or(Decimal::ZERO);
        reserved.taken.into_iter().map(|t| (t.grant, t.credits)).collect()
    }

    /// Returns `credits` a hold set aside to grant `i` (released).
    pub(super) fn give_back(&mut self, i: usize, credits: Decimal) {
        if let Some(g) = self.grants.get_mut(i) {
            g.remaining = g.remaining.0.checked_add(credits).unwrap_or(Decimal::MAX).into();
            self.balance = self.balance.checked_add(credits).unwrap_or(Decimal::MAX);
            self.order.insert(&self.grants, i);
        }
    }

    /// Grants with credits left.
    pub(super) fn live(&self) -> Vec<usize> {
        self.order.indexes().collect()
    }

    /// Grants with credits left that expire on or before `day`.
    pub(super) fn due(&self, day: Date) -> Vec<usize> {
        self.order.due(day)
    }

    /// Empties grant `i`, counting what was left as expired.
    pub(super) fn forfeit(&mut self, i: usize) -> Option<Forfeited> {
        self.order.remove(&self.grants, i);
        let g = self.grants.get_mut(i)?;
        let credits = g.remaining.0;
        g.remaining = Decimal::ZERO.into();
        self.expired = self.expired.checked_add(credits).unwrap_or(Decimal::MAX);
        self.balance = self.balance.checked_sub(credits).unwrap_or(Decimal::ZERO);
        Some(Forfeited {
            id: g.id.clone(),
            issued: g.issued_at.unwrap_or(Date::MIN),
            credits,
        })
    }

    /// The grants as a simulation returns them, each amount written by
    /// `shape` (the card's: at least the cents on a money wallet, else
    /// without trailing zeros).
    pub(super) fn into_grants(self, shape: impl Fn(Decimal) -> Decimal) -> Vec<Grant> {
        let mut grants = self.grants;
        for g in &mut grants {
            g.remaining = shape(g.remaining.0).into();
            g.amount = g.amount.map(|a| shape(a.0).into());
        }
        grants
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// Burn-down: the grant expiring first burns first; a burn past every grant says what is
    /// left; the balance is kept, not summed again; a forfeit counts as expired.
    #[test]
    fn burns_the_earliest_expiry_first_and_keeps_the_balance() {
        let mut w = Wallet::default();
        let late = w.issue(day("2026-01-01"), Decimal::from(100), "plan".into(), Some(day("2026-03-01")));
        let soon = w.issue(day("2026-01-02"), Decimal::from(30), "pack".into(), Some(day("2026-02-01")));
        assert_eq!((late.as_str(), soon.as_str()), ("g1", "g2"));
        let burned = w.burn(Decimal::from(50));
        let taken: Vec<_> = burned.taken.iter().map(|t| (t.grant, t.credits)).collect();
        assert_eq!(taken, vec![(1, Decimal::from(30)), (0, Decimal::from(20))]);
        assert_eq!((burned.short, w.balance()), (Decimal::ZERO, Decimal::from(80)));
        assert_eq!(w.due(day("2026-03-01")), vec![0]);
        let gone = w.forfeit(0).unwrap();
        assert_eq!((gone.id.as_str(), gone.credits, w.balance(), w.expired), ("g1", Decimal::from(80), Decimal::ZERO, Decimal::from(80)));
        assert_eq!(w.burn(Decimal::from(5)).short, Decimal::from(5));
    }

    /// A hold through Feb 10 skips the grant expiring Feb 1 (first in burn-down order) and the
    /// one expiring on Feb 10 itself, takes the lasting ones in order, and gives back in place.
    #[test]
    fn a_reserve_takes_only_grants_that_outlive_the_hold() {
        let mut w = Wallet::default();
        w.issue(day("2026-01-01"), Decimal::from(30), "pack".into(), Some(day("2026-02-01")));
        w.issue(day("2026-01-01"), Decimal::from(10), "pack".into(), Some(day("2026-02-10")));
        w.issue(day("2026-01-01"), Decimal::from(100), "plan".into(), Some(day("2026-03-01")));
        w.issue(day("2026-01-01"), Decimal::from(5), "top-up".into(), None);
        let taken = w.reserve(Decimal::from(120), day("2026-02-10"));
        assert_eq!(taken, vec![(2, Decimal::from(100)), (3, Decimal::from(5))]);
        assert_eq!(w.balance(), Decimal::from(40));
        w.give_back(2, Decimal::from(100));
        assert_eq!((w.balance(), w.live()), (Decimal::from(140), vec![0, 1, 2]));
    }
}
