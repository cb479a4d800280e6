//! An upgrade: a prorated charge and the extra credits (web plans), or a new subscription starting
//! that day (standalone API plans).

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::calendar::Calendar;
use crate::ledger::expiry::{expires, plan_rule};
use crate::ledger::log::EventKind;
use crate::ledger::simulate::Sim;
use crate::money::{self, RoundingMode};
use crate::rate_card::{downgrade, UpgradeCharge};
use crate::request::UpgradeEvent;

impl Sim<'_> {
    /// The request's upgrade `i`. A downgrade is refused. On the web plans:
    /// the price difference prorated by the days left in the billing period
    /// (rounded once, half-up, to the minor unit) and the difference in
    /// credits now. On standalone subscriptions (the card's upgrade rule):
    /// the new plan starts today, its full price and its full allowance.
    pub(in crate::ledger) fn upgrade(&mut self, day: Date, i: usize, u: &UpgradeEvent) -> Result<()> {
        let at = |e: Error| e.context(i).context("upgrades");
        let old = self.plan()?;
        let new = self.card.plan(Some(&u.plan)).map_err(at)?;
        let new_id = new.id;
        // The buyer cancelled: an upgrade does not undo it (“How to Use Credits on HeyGen” says
        // nothing of an upgrade reviving a cancelled plan), so nothing is charged.
        if let Some(end) = self.sub.ends_at {
            let note = format!("upgrades[{i}]: not upgraded: the plan was cancelled (access until {end}), nothing charged");
            self.event(day, EventKind::Upgrade, Decimal::ZERO, None, note);
            return Ok(());
        }
        if new_id == self.sub.plan_id {
            let note = format!("upgrades[{i}]: not upgraded: already on {}, nothing charged", new.name);
            self.event(day, EventKind::Upgrade, Decimal::ZERO, None, note);
            return Ok(());
        }
        if let Some(why) = downgrade(&old, &new) {
            return Err(at(Error::at(
                ErrorKind::InvalidRequest,
                "plan",
                format!(
                    "\"{}\" → \"{new_id}\" is a downgrade, not an upgrade: {why}; a downgrade takes effect at the next cycle (cancel, then start the new plan)",
                    self.sub.plan_id
                ),
            )));
        }
        // The cycle's overage is billed at the old plan's price before the plan changes.
        self.settle_overage(day)?;
        let (new_name, old_name) = (new.name.clone(), old.name.clone());
        // Free → a paid plan starts a subscription that day at the full price
        // with the full allowance, its cycle anchored to that day: proration
        // is between paid plans (“If you upgrade mid-cycle, you'll be charged
        // the prorated difference”).
        let from_free = self.plan_price(&old) == Some(Decimal::ZERO);
        if self.card.upgrade_charge() == UpgradeCharge::NewSubscription || from_free {
            self.sub.plan_id = new_id.to_string();
            self.sub.calendar = Calendar::starting(day, self.sub.calendar.billing)?;
            let why = if from_free {
                format!("{old_name} → {new_name}: a paid subscription starts today, at its full price")
            } else {
                format!("{old_name} → {new_name}: a new subscription starts today")
            };
            return self.start_cycle(day, EventKind::Upgrade, &why);
        }
        let (start, end) = self.sub.calendar.billing_window()?;
        let (left, total) = (day.days_until(end), start.days_until(end).max(1));
        let (charge, how) = match (self.plan_price(&new), self.plan_price(&old)) {
            (Some(n), Some(o)) => {
                let (mode, what) = (RoundingMode::HalfUp, "upgrade");
                let part = money::mul(money::sub(n, o, what)?, Decimal::from(left), what)?;
                let c = self.card.money().round_quotient(part, Decimal::from(total), mode, what)?;
                let rounded = format!("rounded {} to {}", mode.name(), self.card.money().minor_unit());
                (c, format!("prorated {} for {left} of {total} days ({rounded})", self.usd(c)))
            }
            _ => (Decimal::ZERO, "the price difference is not published".to_string()),
        };
        self.charge(charge)?;
        let extra = money::sub(new.included.0, old.included.0, "upgrade")?;
        self.sub.plan_id = new_id.to_string();
        let grant = if extra > Decimal::ZERO {
            let until = expires(plan_rule(self.card, self.sub.calendar.billing), day, &self.sub.calendar)?;
            let source = format!("plan {}, upgrade on {day}", self.sub.plan_id);
            Some(self.wallet.issue(day, extra, source, until))
        } else {
            None
        };
        let extra = extra.max(Decimal::ZERO);
        let note = format!("{old_name} → {new_name}: {} extra {} now; {how}", money::plain(extra), self.card.unit);
        self.event(day, EventKind::Upgrade, extra, grant, note);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// Creator to Business on Jan 20: an upgrade event caused by `upgrades[0]`, with the extra credits.
    #[test]
    fn an_upgrade_is_charged_and_adds_credits() {
        let sim = simulated("heygen-credits", r#"{"plan":"creator","start":"2026-01-01","until":"2026-02-01","upgrades":[{"at":"2026-01-20","plan":"business"}]}"#);
        let ups = of_kind(&sim, EventKind::Upgrade);
        assert_eq!(ups.len(), 1);
        assert_eq!((ups[0].0.as_str(), ups[0].2), ("2026-01-20", Cause::entry(CauseKind::Upgrades, 0)));
        assert!(ups[0].1.parse::<rust_decimal::Decimal>().unwrap() > rust_decimal::Decimal::ZERO);
    }
}
