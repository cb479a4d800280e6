//! Burn-down: usage takes credits from the grant that expires soonest (a
//! grant that never expires comes last), then the oldest, then the first
//! issued. [`BurnOrder`] keeps the grants with credits left in that order as
//! grants are issued, burned and forfeited, so each burn costs O(log n) per
//! grant it touches, not a sort of every grant.

use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::ops::Bound;

use crate::date::Date;
use crate::request::Grant;

/// A grant's place in burn-down order: never-expiring last, then by expiry,
/// issue day and index.
type Key = (bool, Option<Date>, Date, usize);

fn key(grants: &[Grant], i: usize) -> Option<Key> {
    let g = grants.get(i)?;
    Some((g.expires_at.is_none(), g.expires_at, g.issued_at.unwrap_or(Date::MIN), i))
}

/// The grants with credits left, in burn-down order.
#[derive(Debug, Default)]
pub(crate) struct BurnOrder(BTreeSet<Key>);

impl BurnOrder {
    /// The order of `grants` (those with credits left).
    pub(crate) fn of(grants: &[Grant]) -> Self {
        let mut order = BurnOrder::default();
        for i in 0..grants.len() {
            order.insert(grants, i);
        }
        order
    }

    /// Adds grant `i` if it has credits left.
    pub(crate) fn insert(&mut self, grants: &[Grant], i: usize) {
        if grants.get(i).is_some_and(|g| g.remaining > Decimal::ZERO) {
            if let Some(k) = key(grants, i) {
                self.0.insert(k);
            }
        }
    }

    /// Drops grant `i` (forfeited, or emptied).
    pub(crate) fn remove(&mut self, grants: &[Grant], i: usize) {
        if let Some(k) = key(grants, i) {
            self.0.remove(&k);
        }
    }

    /// Indexes of the grants with credits left, in burn-down order.
    pub(crate) fn indexes(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|k| k.3)
    }

    /// Indexes of the grants with credits left that expire on or before
    /// `day` (a prefix of the order).
    pub(crate) fn due(&self, day: Date) -> Vec<usize> {
        self.0
            .iter()
            .take_while(|k| !k.0 && k.1.is_some_and(|e| e <= day))
            .map(|k| k.3)
            .collect()
    }

    /// Burns `amount` from `grants` in burn-down order: the credits taken
    /// from each grant touched, and what no grant covered.
    pub(crate) fn burn(&mut self, grants: &mut [Grant], amount: Decimal) -> Burned {
        self.take(grants, amount, None)
    }

    /// Sets aside `amount` for a hold that lasts through `through`: burned in
    /// burn-down order from the grants that outlive it (`expiresAt` after
    /// `through`, or never), never from one that expires first, even when
    /// burn-down would take that one first. What no lasting grant covered is
    /// `short`.
    pub(crate) fn reserve(&mut self, grants: &mut [Grant], amount: Decimal, through: Date) -> Burned {
        self.take(grants, amount, Some(through))
    }

    /// The first grant in burn-down order that outlives `through` (any, without it): the
    /// grants expiring on or before `through` are the order's prefix, so this is one lookup.
    fn first_lasting(&self, through: Option<Date>) -> Option<Key> {
        match through {
            None => self.0.first().copied(),
            Some(day) => self.0.range((Bound::Excluded((false, Some(day), Date::MAX, usize::MAX)), Bound::Unbounded)).next().copied(),
        }
    }

    /// Burns `amount` from the grants in burn-down order, skipping those
    /// that expire on or before `through` (the order's prefix `due` gives).
    fn take(&mut self, grants: &mut [Grant], amount: Decimal, through: Option<Date>) -> Burned {
        let mut left = amount;
        let mut taken = Vec::new();
        while left > Decimal::ZERO {
            let Some(k) = self.first_lasting(through) else { break };
            let Some(g) = grants.get_mut(k.3) else {
                self.0.remove(&k);
                continue;
            };
            // take ≤ both, so neither subtraction can overflow.
            let take = g.remaining.0.min(left);
            g.remaining = g.remaining.0.checked_sub(take).unwrap_or(Decimal::ZERO).into();
            left = left.checked_sub(take).unwrap_or(Decimal::ZERO);
            if g.remaining <= Decimal::ZERO {
                self.0.remove(&k);
            }
            taken.push(Taken { grant: k.3, credits: take });
        }
        Burned { taken, short: left }
    }
}

/// What one burn took, in credits (the card's unit): from each grant
/// touched, in burn-down order, and what no grant covered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Burned {
    /// The credits taken from each grant touched, in burn-down order.
    pub taken: Vec<Taken>,
    /// Credits no grant covered (0 when the grants covered all of it).
    pub short: Decimal,
}

/// Credits taken from one grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// The grant's index in the slice burned.
    pub grant: usize,
    /// Credits taken from it (more than 0).
    pub credits: Decimal,
}

/// Burns `amount` from `grants` in burn-down order: the credits taken from
/// each grant touched, and what no grant covered. (One burn; for many, the
/// ledger keeps a `BurnOrder`.)
pub fn burn(grants: &mut [Grant], amount: Decimal) -> Burned {
    BurnOrder::of(grants).burn(grants, amount)
}

/// Sets aside `amount` from `grants` for a hold that lasts through
/// `through`: burned in burn-down order from the grants that outlive it
/// (`expiresAt` after `through`, or never), never from one that expires
/// first. The credits taken from each grant, and what no lasting grant
/// covered (`short`).
pub fn reserve(grants: &mut [Grant], amount: Decimal, through: Date) -> Burned {
    BurnOrder::of(grants).reserve(grants, amount, through)
}
