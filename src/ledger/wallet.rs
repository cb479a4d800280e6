//! The grants held, and their balance: grants are issued, burned (see
//! `burn_down.rs`), and expired or forfeited whole.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::money;
use crate::request::Grant;

/// The grants issued so far, in issue order.
#[derive(Debug, Default)]
pub(super) struct Wallet {
    /// Every grant issued; `remaining` is the one live record of what is left.
    pub grants: Vec<Grant>,
    /// Per grant: granted by the plan itself (a cycle's or an upgrade's
    /// credits), not bought.
    from_plan: Vec<bool>,
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
        self.grants.iter().map(|g| g.remaining.0).sum()
    }

    /// Issues a grant of `amount` on `day`; returns its id (`g1`, `g2`, …).
    pub(super) fn issue(&mut self, day: Date, amount: Decimal, source: String, expires: Option<Date>, from_plan: bool) -> String {
        let id = format!("g{}", self.grants.len().saturating_add(1));
        self.grants.push(Grant {
            id: id.clone(),
            source: Some(source),
            amount: Some(money::plain(amount).into()),
            remaining: amount.into(),
            issued_at: Some(day),
            expires_at: expires,
        });
        self.from_plan.push(from_plan);
        id
    }

    /// Indexes of the grants with credits left that `keep` selects.
    fn with_credits(&self, keep: impl Fn(&Grant, bool) -> bool) -> Vec<usize> {
        (0..self.grants.len())
            .filter(|i| {
                self.grants.get(*i).is_some_and(|g| {
                    g.remaining > Decimal::ZERO && keep(g, self.from_plan.get(*i).copied().unwrap_or(false))
                })
            })
            .collect()
    }

    /// Grants with credits left.
    pub(super) fn live(&self) -> Vec<usize> {
        self.with_credits(|_, _| true)
    }

    /// Grants with credits left that expire on or before `day`.
    pub(super) fn due(&self, day: Date) -> Vec<usize> {
        self.with_credits(|g, _| g.expires_at.is_some_and(|e| e <= day))
    }

    /// The plan's own grants with credits left.
    pub(super) fn plan_grants(&self) -> Vec<usize> {
        self.with_credits(|_, from_plan| from_plan)
    }

    /// Empties grant `i`, counting what was left as expired.
    pub(super) fn forfeit(&mut self, i: usize) -> Option<Forfeited> {
        let g = self.grants.get_mut(i)?;
        let credits = g.remaining.0;
        g.remaining = Decimal::ZERO.into();
        self.expired = self.expired.checked_add(credits).unwrap_or(Decimal::MAX);
        Some(Forfeited {
            id: g.id.clone(),
            issued: g.issued_at.unwrap_or(Date::MIN),
            credits,
        })
    }

    /// The grants as a simulation returns them: what is left without
    /// trailing zeros.
    pub(super) fn into_grants(self) -> Vec<Grant> {
        let mut grants = self.grants;
        for g in &mut grants {
            g.remaining = money::plain(g.remaining.0).into();
        }
        grants
    }
}
