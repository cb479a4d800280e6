//! Holds in a simulation: a hold sets aside the most a job can cost from the
//! grants that outlive it; a settlement charges what the job ran (at the
//! hold's prices, at most the hold unless the card charges an overrun) and
//! releases the rest; a hold not settled by its `expiresAt` releases all.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::ledger::log::EventKind;
use crate::ledger::simulate::{OpenHold, Sim};
use crate::metering::meter;
use crate::money;
use crate::rate_card::Overrun;
use crate::request::{HoldEvent, Item, SettlementEvent};

impl Sim<'_> {
    /// The request's hold `i`: its items' most (each `maxSeconds`, else
    /// `seconds`) priced at the rates in force on `day`, set aside from the
    /// grants that outlive the hold.
    pub(in crate::ledger) fn hold(&mut self, day: Date, i: usize, h: &HoldEvent) -> Result<()> {
        let at = format!("holds[{i}] \"{}\"", h.id);
        if !self.sub.active {
            self.event(day, EventKind::Hold, Decimal::ZERO, None, format!("{at}: not made, the plan ended"));
            return Ok(());
        }
        let card = self.usage_card(day);
        let place = |e: Error| e.context(i).context("holds");
        let days = card.hold_days(h.hold_for).map_err(place)?;
        let through = crate::ledger::calendar::add_days(day, i32::try_from(days).unwrap_or(i32::MAX))?;
        let most: Vec<Item> = h.items.iter().map(|item| Item { seconds: item.max_seconds.or(item.seconds), max_seconds: None, ..item.clone() }).collect();
        let credits = self.price(card, &most, false).map_err(place)?;
        let taken = self.wallet.reserve(credits, through);
        let held = taken.iter().fold(Decimal::ZERO, |s, (_, c)| s.saturating_add(*c));
        let short = money::sub(credits, held, "hold")?;
        let note = if short > Decimal::ZERO {
            format!("{at}: {} {} held until {through} of the most the job can cost, {}; {} short (no lasting credits)", money::plain(held), card.unit, money::plain(credits), money::plain(short))
        } else {
            format!("{at}: {} {} held until {through}, the most the job can cost", money::plain(credits), card.unit)
        };
        let mut balance = money::add(self.wallet.balance(), held, "hold")?;
        for (g, c) in &taken {
            balance = money::sub(balance, *c, "hold")?;
            let id = self.wallet.grant(*g).map(|x| x.id.clone());
            self.event_leaving(day, EventKind::Hold, *c, id, note.clone(), balance);
        }
        if taken.is_empty() {
            self.event(day, EventKind::Hold, Decimal::ZERO, None, note);
        }
        let version = self.book.in_force(Some(day)).unwrap_or(self.version);
        self.holds.insert(h.id.clone(), OpenHold { through, credits, taken, version });
        Ok(())
    }

    /// The request's settlement `i`: what the job ran, priced at its hold's
    /// version; charged from what the hold set aside (at most the hold, unless
    /// the card's `overrun` is `"charge"`: the excess then burns the balance,
    /// then overage where allowed); the rest released.
    pub(in crate::ledger) fn settle(&mut self, day: Date, i: usize, s: &SettlementEvent) -> Result<()> {
        let at = format!("settlements[{i}] \"{}\"", s.hold);
        let Some(open) = self.holds.shift_remove(&s.hold) else {
            let why = if self.settled.contains(&s.hold) { "already settled or expired" } else { "no open hold has this id" };
            self.event(day, EventKind::Settle, Decimal::ZERO, None, format!("{at}: not settled, {why}"));
            return Ok(());
        };
        self.settled.insert(s.hold.clone());
        let card = self.book.version(open.version);
        let total = self.price(card, &s.items, true).map_err(|e| e.context(i).context("settlements"))?;
        let chargeable = if card.overrun.unwrap_or_default() == Overrun::Charge { total } else { total.min(open.credits) };
        let mut left = chargeable;
        let mut released = Decimal::ZERO;
        for (g, c) in &open.taken {
            let take = (*c).min(left);
            left = money::sub(left, take, "settle")?;
            let back = money::sub(*c, take, "settle")?;
            if back > Decimal::ZERO {
                self.wallet.give_back(*g, back);
                released = money::add(released, back, "settle")?;
            }
            if take > Decimal::ZERO {
                let id = self.wallet.grant(*g).map(|x| x.id.clone());
                self.event(day, EventKind::Settle, take, id, format!("{at}: charged for what the job ran, at the hold's prices"));
            }
        }
        if released > Decimal::ZERO {
            self.event(day, EventKind::Release, released, None, format!("{at}: released, set aside and not used"));
        }
        let excess = left;
        let mut uncharged = money::sub(total, chargeable, "settle")?;
        if excess > Decimal::ZERO {
            let note = format!("{at}: past what the hold set aside");
            let short = self.burn_logged(day, excess, &note)?;
            let price = self.plan()?.overage_price.filter(|_| self.req.allow_overage).map(|p| p.0);
            match price {
                Some(p) if short > Decimal::ZERO => self.bill_overage(day, &at, "settlement", short, p)?,
                _ => uncharged = money::add(uncharged, short, "settle")?,
            }
        }
        if uncharged > Decimal::ZERO {
            self.event(day, EventKind::Settle, Decimal::ZERO, None, format!("{at}: {} {} of what the job cost not charged (past the hold)", money::plain(uncharged), card.unit));
        }
        Ok(())
    }

    /// What `items` cost at `card`'s rates on the current plan, given the
    /// cycle's usage so far (allowances); `ran`: the job ran, so its billed
    /// units count towards the cycle's usage.
    fn price(&mut self, card: &crate::rate_card::RateCard, items: &[Item], ran: bool) -> Result<Decimal> {
        let plan_id = self.sub.plan_id.clone();
        let plan = card.plan(Some(&plan_id))?;
        let mut total = Decimal::ZERO;
        for (k, item) in items.iter().enumerate() {
            let used = self.cycle.usage.get(&item.feature).copied().unwrap_or(Decimal::ZERO);
            let m = meter(card, plan, item, used, false).map_err(|e| e.context(k).context("items"))?;
            if ran {
                self.cycle.usage.insert(item.feature.clone(), money::add(used, m.billed, "usage")?);
            }
            total = money::add(total, m.amount, "hold")?;
        }
        Ok(total)
    }

    /// Releases every open hold whose `expiresAt` is before `day` (or every
    /// one, `all`, when the plan ends), giving its credits back.
    pub(in crate::ledger) fn expire_holds(&mut self, day: Date, all: bool) -> Result<()> {
        let due = |h: &OpenHold| all || h.through < day;
        if !self.holds.values().any(due) {
            return Ok(());
        }
        // The due holds leave in one pass, in the order made (removing each from an ordered map
        // would shift the rest every time: 10,000 holds expiring together took 0.25 s).
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.holds).into_iter().partition(|(_, h)| due(h));
        self.holds = kept.into_iter().collect();
        for (id, open) in gone {
            self.settled.insert(id.clone());
            let mut back = Decimal::ZERO;
            for (g, c) in &open.taken {
                self.wallet.give_back(*g, *c);
                back = money::add(back, *c, "release")?;
            }
            let note = if all {
                format!("hold \"{id}\": released, the plan ended")
            } else {
                format!("hold \"{id}\": expired after {}, not settled: everything released", open.through)
            };
            self.event(day, EventKind::HoldExpired, back, None, note);
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// Business: job1 (60–120 s of Avatar IV) holds 40 and settles at 90 s: 30 charged, 10
    /// released; job2 holds 20 on Jan 5 for a day and is never settled: released on Jan 7; job3
    /// is still open when the window ends (held, not in the balance).
    #[test]
    fn holds_set_aside_settle_release_and_expire() {
        let sim = simulated(
            "heygen-credits",
            r#"{"plan":"business","start":"2026-01-01","until":"2026-01-20",
            "holds":[{"at":"2026-01-03","id":"job1","items":[{"feature":"avatar_iv","seconds":60,"maxSeconds":120}]},
                     {"at":"2026-01-05","id":"job2","items":[{"feature":"avatar_iv","seconds":60}]},
                     {"at":"2026-01-19","id":"job3","items":[{"feature":"avatar_iv","seconds":30,"maxSeconds":45}],"holdFor":3}],
            "settlements":[{"at":"2026-01-03","hold":"job1","items":[{"feature":"avatar_iv","seconds":90}]},
                           {"at":"2026-01-08","hold":"job2","items":[{"feature":"avatar_iv","seconds":60}]}]}"#,
        );
        assert_eq!(
            of_kind(&sim, EventKind::Hold),
            vec![
                ("2026-01-03".into(), "40".into(), Cause::entry(CauseKind::Holds, 0)),
                ("2026-01-05".into(), "20".into(), Cause::entry(CauseKind::Holds, 1)),
                ("2026-01-19".into(), "15".into(), Cause::entry(CauseKind::Holds, 2)),
            ]
        );
        // job1 settles before job2 holds; job2's settlement on Jan 8 finds it expired.
        assert_eq!(
            of_kind(&sim, EventKind::Settle),
            vec![
                ("2026-01-03".into(), "30".into(), Cause::entry(CauseKind::Settlements, 0)),
                ("2026-01-08".into(), "0".into(), Cause::entry(CauseKind::Settlements, 1)),
            ]
        );
        assert_eq!(of_kind(&sim, EventKind::Release), vec![("2026-01-03".into(), "10".into(), Cause::entry(CauseKind::Settlements, 0))]);
        assert_eq!(of_kind(&sim, EventKind::HoldExpired), vec![("2026-01-07".into(), "20".into(), Cause::CALENDAR)]);
        assert_eq!((sim.balance.to_string(), sim.held.to_string()), ("1455".into(), "15".into()));
    }

    /// Holds that expire together are released in the order they were made (ids in any order).
    #[test]
    fn holds_expiring_together_release_in_the_order_made() {
        let ids = ["zeta", "alpha", "mu", "beta", "omega", "kappa"];
        let holds: Vec<String> = ids.iter().map(|id| format!(r#"{{"at":"2026-01-05","id":"{id}","items":[{{"feature":"avatar_iv","seconds":3}}]}}"#)).collect();
        let sim = simulated("heygen-credits", &format!(r#"{{"plan":"business","start":"2026-01-01","until":"2026-01-20","holds":[{}]}}"#, holds.join(",")));
        let released: Vec<&str> = sim.events.iter().filter(|e| e.kind == EventKind::HoldExpired).filter_map(|e| e.note.split('"').nth(1)).collect();
        assert_eq!(released, ids);
    }
}
