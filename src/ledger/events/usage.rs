//! Usage: metered at the rates in force that day, burned down, with auto-reload and auto-renew
//! after it.

use rust_decimal::Decimal;

use super::purchase::Order;

use crate::date::Date;
use crate::error::Result;
use crate::ledger::burn_down::Taken;
use crate::ledger::log::EventKind;
use crate::ledger::simulate::Sim;
use crate::limits::MAX_RELOADS_PER_USAGE;
use crate::metering::meter;
use crate::money;
use crate::request::{Item, UsageEvent};

impl Sim<'_> {
    /// The request's usage `i`: metered; auto-reload first if the balance
    /// does not cover it; then burned. Past the balance, with auto-renew on
    /// and the cycle's share used, the plan renews at that moment and the
    /// rest burns from the refill; what is still uncovered is billed as
    /// overage (with Allow Overage), or the usage does not run. Then
    /// auto-reload below the threshold, and auto-renew.
    pub(in crate::ledger) fn usage(&mut self, day: Date, i: usize, u: &UsageEvent) -> Result<()> {
        let at = format!("usage[{i}]");
        if !self.sub.active {
            let note = format!("{at} {}: not run, the plan ended", u.feature);
            self.log.refused = self.log.refused.saturating_add(1);
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        if let Some(note) = self.no_longer_offered(day, &at, &u.feature) {
            self.log.refused = self.log.refused.saturating_add(1);
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        let item = Item {
            feature: u.feature.clone(),
            seconds: u.seconds,
            quantity: u.quantity,
            options: u.options.clone(),
            max_seconds: None,
        };
        let plan = self.plan()?;
        let used = self.cycle.usage.get(&u.feature).copied().unwrap_or(Decimal::ZERO);
        let m = meter(self.usage_card(day), plan, &item, used, true).map_err(|e| e.context(i).context("usage"))?;
        self.cycle.usage.insert(u.feature.clone(), money::add(used, m.billed, "usage")?);
        let cost = m.amount;
        let mut reloads = 0;
        while cost > self.wallet.balance() && reloads < MAX_RELOADS_PER_USAGE && self.reload(day, Some(cost))? {
            reloads = reloads.saturating_add(1);
        }
        let overage_price = plan.overage_price.filter(|_| self.req.allow_overage).map(|p| p.0);
        let refill = self.refill_at(cost)?;
        if cost > money::add(self.wallet.balance(), refill, "usage")? && overage_price.is_none() {
            let balance = money::plain(self.wallet.balance());
            let note = format!("{at} {}: not run, needs {cost} {} and the balance is {balance}", u.feature, self.card.unit);
            self.log.refused = self.log.refused.saturating_add(1);
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        let note = format!("{at} {}: {}", u.feature, m.explanation);
        let mut left = self.burn_logged(day, cost, &note)?;
        if left > Decimal::ZERO && refill > Decimal::ZERO {
            self.renew(day)?;
            left = self.burn_logged(day, left, &note)?;
        }
        if let (Some(price), true) = (overage_price, left > Decimal::ZERO) {
            self.bill_overage(day, &at, &u.feature, left, price)?;
        }
        self.after_usage(day)
    }

    /// Buys the auto-reload quantity if the plan offers it, saying why: the
    /// balance does not cover the next `needs` (before a usage), or it fell
    /// below the threshold (`needs` is `None`, after a usage). Whether it did.
    pub(in crate::ledger) fn reload(&mut self, day: Date, needs: Option<Decimal>) -> Result<bool> {
        let (Some(auto), true) = (self.req.auto_reload.as_ref(), self.plan()?.auto_reload) else {
            return Ok(false);
        };
        let balance = money::plain(self.wallet.balance());
        let why = match needs {
            Some(cost) => format!("balance {balance} does not cover the next {} {}", money::plain(cost), self.card.unit),
            None => format!("balance {balance} is below {}", money::plain(auto.threshold.0)),
        };
        let order = Order { quantity: auto.quantity, seats: None, billing: None, renews_with_plan: false };
        self.buy(day, order, EventKind::AutoReload, &why, &["autoReload".into()])?;
        Ok(true)
    }

    /// When the version in force on `day` no longer has `feature` but an
    /// earlier one of the book did: the note that says the usage was not run
    /// (“Avatar III is no longer offered from 2027-01-01”). A feature no
    /// version has is a bad request (an error), whatever the day.
    pub(in crate::ledger) fn no_longer_offered(&self, day: Date, at: &str, feature: &str) -> Option<String> {
        let now = self.book.in_force(Some(day)).ok()?;
        if self.book.version(now).features.contains_key(feature) {
            return None;
        }
        let earlier = (0..now).rev().find_map(|k| self.book.version(k).features.get(feature))?;
        let from = self.book.effective_from(now).map(|d| format!(" from {d}")).unwrap_or_default();
        Some(format!("{at} {feature}: not run, {} is no longer offered{from} (version {})", earlier.name, self.book.version(now).version))
    }

    /// Burns `cost` and logs one usage event per grant burned (one event of
    /// 0 when nothing was burned, so usage that costs nothing still shows);
    /// adds what was burned to the cycle's use. Returns what was not covered.
    pub(in crate::ledger) fn burn_logged(&mut self, day: Date, cost: Decimal, note: &str) -> Result<Decimal> {
        let mut balance = self.wallet.balance();
        let burned = self.wallet.burn(cost);
        if burned.taken.is_empty() {
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note.to_string());
        }
        for Taken { grant: g, credits } in burned.taken {
            let id = self.wallet.grant(g).map(|h| h.id.clone());
            // Each part's own balance after: the wallet after that part.
            balance = money::sub(balance, credits, "usage")?;
            self.event_leaving(day, EventKind::Usage, credits, id, note.to_string(), balance);
            if self.cycle.grant == Some(g) {
                self.cycle.plan_used = money::add(self.cycle.plan_used, credits, "usage")?;
            }
        }
        Ok(burned.short)
    }

    /// The credits an auto-renewal would add at this moment, for usage of
    /// `cost` that runs past the balance: the plan's credits when auto-renew
    /// is on and the cycle has a plan grant (burning the whole balance uses
    /// all of it, past any share); else 0.
    pub(in crate::ledger) fn refill_at(&self, cost: Decimal) -> Result<Decimal> {
        let plan = self.plan()?;
        let on = self.req.auto_renew && plan.auto_renew_at.is_some() && plan.included > Decimal::ZERO;
        Ok(if on && cost > self.wallet.balance() && self.cycle.grant.is_some() {
            plan.included.0
        } else {
            Decimal::ZERO
        })
    }

    /// After usage: auto-reload below the threshold; with auto-renew on,
    /// renew past the plan's share of its credits.
    pub(in crate::ledger) fn after_usage(&mut self, day: Date) -> Result<()> {
        if let Some(auto) = &self.req.auto_reload {
            if self.wallet.balance() < auto.threshold.0 {
                self.reload(day, None)?;
            }
        }
        let plan = self.plan()?;
        if let Some(share) = plan.auto_renew_at.filter(|_| self.req.auto_renew && plan.included > Decimal::ZERO) {
            // “once you use 90% or more of your monthly credits”: the plan's
            // own credits of the cycle, not packs, renewals bought by hand or
            // overage (nor what expired unused).
            if self.cycle.grant.is_some() && self.cycle.plan_used >= money::mul(plan.included.0, share.0, "autoRenew")? {
                self.renew(day)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// 120 s of Avatar IV on Business: 40 credits burned from the plan grant, caused by `usage[0]`.
    #[test]
    fn usage_burns_its_metered_credits() {
        let sim = simulated("heygen-credits", r#"{"plan":"business","start":"2026-01-01","until":"2026-01-20","usage":[{"at":"2026-01-03","feature":"avatar_iv","seconds":120}]}"#);
        assert_eq!(of_kind(&sim, EventKind::Usage), vec![("2026-01-03".into(), "40".into(), Cause::entry(CauseKind::Usage, 0))]);
        assert_eq!(sim.balance.to_string(), "1460");
    }
}
