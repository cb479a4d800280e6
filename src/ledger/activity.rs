//! The events of a day: a cancellation, an upgrade, a purchase (and the
//! add-on it may start), usage with auto-reload, overage and auto-renew.

use rust_decimal::Decimal;

use super::calendar::Calendar;
use super::expiry::{expires, plan_rule, product_rule};
use super::log::EventKind;
use super::simulate::{Addon, Sim};
use crate::date::Date;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::limits::MAX_RELOADS_PER_USAGE;
use crate::metering::meter;
use crate::money::{self, Measure, RoundingMode};
use crate::purchase;
use crate::rate_card::{downgrade, Period, ProductKind, UpgradeCharge};
use crate::request::{BuyPacksRequest, Item, PurchaseEvent, UnitChange, UpgradeEvent, UsageEvent};

/// What one purchase buys: `quantity` (and `seats`) of the plan's product,
/// billed `billing`, priced by the version in force on its day or, for an
/// add-on renewing with the subscription, by the plan's own version.
pub(super) struct Order {
    pub quantity: Measure,
    pub seats: Option<Measure>,
    pub billing: Option<Period>,
    pub renews_with_plan: bool,
}

impl Sim<'_> {
    /// Cancels on `day`: access continues to the end of the billing period.
    pub(super) fn cancel(&mut self, day: Date) -> Result<()> {
        let end = self.sub.calendar.billing_window()?.1;
        self.sub.ends_at = Some(end);
        let note = format!("cancelled: access until {end}, then unused credits are forfeited");
        self.event(day, EventKind::Cancel, Decimal::ZERO, None, note);
        Ok(())
    }

    /// The request's purchase `i`; a recurring product becomes an add-on.
    /// A pack follows the plan's billing (“How to Use Generative Credits
    /// (GenCredits) Packs”: on the annual plan, all 3,600 credits at once for
    /// one annual charge of $150): unless the purchase names its billing, a
    /// recurring product is bought billed as the plan is; a plan with only
    /// one-time products buys those.
    pub(super) fn purchase(&mut self, day: Date, i: usize, p: &PurchaseEvent) -> Result<()> {
        let within = [PathSegment::from("purchases"), i.into()];
        let plan = self.plan()?;
        let recurring = plan
            .products
            .iter()
            .filter_map(|id| self.card.products.get(id))
            .any(|x| x.is_recurring_addon());
        let billing = p.billing.or(recurring.then_some(self.sub.calendar.billing));
        let order = Order { quantity: p.quantity, seats: p.seats, billing, renews_with_plan: false };
        let (product, period) = self.buy(day, order, EventKind::Purchase, "bought", &within)?;
        if self.card.products.get(&product).is_some_and(|x| x.is_recurring_addon()) {
            self.sub.addons.push(Addon {
                quantity: p.quantity,
                seats: p.seats,
                billing: period,
                start_cycle: self.sub.calendar.cycle,
                months: if period == Period::Year { 12 } else { 1 },
            });
        }
        Ok(())
    }

    /// Buys `order` on `day`; errors are placed `within` the request. A
    /// purchase on its day (a pack, a block, a top-up, an auto-reload,
    /// renew-now) is priced by the version in force that day, as `buyPacks`
    /// says that day; an add-on renewing with the subscription by the plan's
    /// own version. Returns the product's id and the period it was billed for
    /// (a monthly add-on billed yearly: `year`).
    pub(super) fn buy(&mut self, day: Date, order: Order, kind: EventKind, why: &str, within: &[PathSegment]) -> Result<(String, Period)> {
        let req = BuyPacksRequest {
            plan: Some(self.sub.plan_id.clone()),
            quantity: order.quantity,
            seats: order.seats,
            billing: order.billing,
            at: None,
        };
        self.room_for_a_grant()?;
        let today = self.usage_card(day);
        let card = if !order.renews_with_plan && today.plans.contains_key(&self.sub.plan_id) { today } else { self.card };
        let plan = card.plan(Some(&self.sub.plan_id))?;
        let p = purchase::buy(card, plan, &req).map_err(|e| e.within(within))?;
        let product = card
            .products
            .get(&p.product)
            .ok_or_else(|| Error::at(ErrorKind::InvalidRateCard, "products", "missing"))?;
        let renewal = product.kind == ProductKind::Renewal;
        let mut restart = String::new();
        if renewal {
            // "Renew now" replaces the plan: the cycle ends today (its overage is billed), the
            // plan takes the prices in force today, and its cycle restarts.
            self.settle_overage(day)?;
            self.renewal_prices(day);
            self.sub.calendar = Calendar::starting(day, self.sub.calendar.billing)?;
            self.cycle.usage.clear();
            restart = format!("; the plan's cycle restarts today, next renewal {}", self.sub.calendar.next_cycle);
        }
        let rule = if renewal {
            plan_rule(self.card, self.sub.calendar.billing)
        } else if p.period == Period::Year && product.period == Period::Month {
            // A monthly add-on billed yearly resets at the annual renewal.
            plan_rule(self.card, Period::Year)
        } else {
            product_rule(self.card, product)
        };
        let until = expires(rule, day, &self.sub.calendar)?;
        self.charge(p.price.0)?;
        let source = format!("{} × {}", p.quantity, product.name);
        let id = self.wallet.issue(day, p.credits.0, source, until);
        if renewal {
            // The renewal's grant is the new cycle's plan grant: auto-renew measures its use
            // from today (the previous cycle's grant keeps its expiry and burns first).
            self.cycle.grant = self.wallet.issued().checked_sub(1);
            self.cycle.plan_used = Decimal::ZERO;
        }
        let until = until.map(|d| format!(", expiring {d}")).unwrap_or_default();
        let what = match product.kind {
            ProductKind::TopUp => "top-up".to_string(),
            ProductKind::Renewal => product.name.clone(),
            ProductKind::Pack => format!("{} × {}", p.quantity, product.name),
        };
        let yearly = if p.period == Period::Year && product.period == Period::Month {
            " billed yearly (12 months' credits at once)"
        } else {
            ""
        };
        let note = format!("{why}: {what}{yearly} for {}{until}{restart}", self.usd(p.price.0));
        self.event(day, kind, p.credits.0, Some(id), note);
        Ok((p.product, p.period))
    }

    /// Buys the auto-reload quantity if the plan offers it, saying why: the
    /// balance does not cover the next `needs` (before a usage), or it fell
    /// below the threshold (`needs` is `None`, after a usage). Whether it did.
    fn reload(&mut self, day: Date, needs: Option<Decimal>) -> Result<bool> {
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

    /// The request's usage `i`: metered; auto-reload first if the balance
    /// does not cover it; then burned. Past the balance, with auto-renew on
    /// and the cycle's share used, the plan renews at that moment and the
    /// rest burns from the refill; what is still uncovered is billed as
    /// overage (with Allow Overage), or the usage does not run. Then
    /// auto-reload below the threshold, and auto-renew.
    pub(super) fn usage(&mut self, day: Date, i: usize, u: &UsageEvent) -> Result<()> {
        let at = format!("usage[{i}]");
        if !self.sub.active {
            let note = format!("{at} {}: not run, the plan ended", u.feature);
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        if let Some(note) = self.no_longer_offered(day, &at, &u.feature) {
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        let item = Item {
            feature: u.feature.clone(),
            seconds: u.seconds,
            quantity: u.quantity,
            options: u.options.clone(),
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

    /// When the version in force on `day` no longer has `feature` but an
    /// earlier one of the book did: the note that says the usage was not run
    /// (“Avatar III is no longer offered from 2027-01-01”). A feature no
    /// version has is a bad request (an error), whatever the day.
    fn no_longer_offered(&self, day: Date, at: &str, feature: &str) -> Option<String> {
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
    fn burn_logged(&mut self, day: Date, cost: Decimal, note: &str) -> Result<Decimal> {
        let mut balance = self.wallet.balance();
        let (taken, left) = self.wallet.burn(cost);
        if taken.is_empty() {
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note.to_string());
        }
        for (g, credits) in taken {
            let id = self.wallet.grant(g).map(|h| h.id.clone());
            // Each part's own balance after: the wallet after that part.
            balance = money::sub(balance, credits, "usage")?;
            self.event_leaving(day, EventKind::Usage, credits, id, note.to_string(), balance);
            if self.cycle.grant == Some(g) {
                self.cycle.plan_used = money::add(self.cycle.plan_used, credits, "usage")?;
            }
        }
        Ok(left)
    }

    /// The credits an auto-renewal would add at this moment, for usage of
    /// `cost` that runs past the balance: the plan's credits when auto-renew
    /// is on and the cycle has a plan grant (burning the whole balance uses
    /// all of it, past any share); else 0.
    fn refill_at(&self, cost: Decimal) -> Result<Decimal> {
        let plan = self.plan()?;
        let on = self.req.auto_renew && plan.auto_renew_at.is_some() && plan.included > Decimal::ZERO;
        Ok(if on && cost > self.wallet.balance() && self.cycle.grant.is_some() {
            plan.included.0
        } else {
            Decimal::ZERO
        })
    }

    /// Usage past the balance, billed afterwards (“You'll be billed afterward
    /// for the extra usage”): added up exactly over the cycle, and charged
    /// once when it ends ([`Sim::settle_overage`]), so 100 one-second
    /// sessions cost their sum, not 100 roundings to $0.00.
    fn bill_overage(&mut self, day: Date, at: &str, feature: &str, left: Decimal, price: Decimal) -> Result<()> {
        self.log.overage = money::add(self.log.overage, left, "overage")?;
        self.cycle.overage = money::add(self.cycle.overage, left, "overage")?;
        let note = format!(
            "{at} {feature}: {} past the balance, billed afterwards at {} each (added up over the cycle, charged when it ends)",
            money::plain(left),
            self.usd(price),
        );
        self.event(day, EventKind::Overage, left, None, note);
        Ok(())
    }

    /// Charges the cycle's overage, if any, on `day` (the cycle ends: a new
    /// cycle, a renewal, an upgrade, the plan's end, the window's end): its
    /// credits past the balance × the plan's overage price, rounded half-up
    /// to the minor unit once.
    pub(super) fn settle_overage(&mut self, day: Date) -> Result<()> {
        let credits = self.cycle.overage;
        if credits <= Decimal::ZERO {
            return Ok(());
        }
        self.cycle.overage = Decimal::ZERO;
        let price = self.plan()?.overage_price.map_or(Decimal::ZERO, |p| p.0);
        let mode = RoundingMode::HalfUp;
        let cost = self.card.money().round(money::mul(credits, price, "overage")?, mode);
        self.charge(cost)?;
        let note = format!(
            "overage of the cycle: {} {} past the balance × {} = {} (rounded {} to {}, once for the cycle)",
            money::plain(credits),
            self.card.unit,
            self.usd(price),
            self.usd(cost),
            mode.name(),
            self.card.money().minor_unit()
        );
        self.event(day, EventKind::OverageBilled, credits, None, note);
        Ok(())
    }

    /// After usage: auto-reload below the threshold; with auto-renew on,
    /// renew past the plan's share of its credits.
    fn after_usage(&mut self, day: Date) -> Result<()> {
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

    /// The request's upgrade `i`. A downgrade is refused. On the web plans:
    /// the price difference prorated by the days left in the billing period
    /// (rounded once, half-up, to the minor unit) and the difference in
    /// credits now. On standalone subscriptions (the card's upgrade rule):
    /// the new plan starts today, its full price and its full allowance.
    pub(super) fn upgrade(&mut self, day: Date, i: usize, u: &UpgradeEvent) -> Result<()> {
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

    /// The request's unit change `i`: the recurring add-on's units from the
    /// next cycle on (the most recently bought lowered first); this cycle's
    /// credits stay.
    pub(super) fn unit_change(&mut self, day: Date, i: usize, c: &UnitChange) -> Result<()> {
        let at = |e: Error| e.context(i).context("unitChanges");
        let target = c.quantity.0;
        let current = self.sub.addons.iter().map(|a| a.quantity.0).sum::<Decimal>();
        if target < Decimal::ZERO || target.fract() != Decimal::ZERO {
            return Err(at(Error::at(ErrorKind::InvalidQuantity, "quantity", format!("a whole number ≥ 0, got {target}"))));
        }
        if target > current {
            return Err(at(Error::at(
                ErrorKind::InvalidRequest,
                "quantity",
                format!("{target} units is more than the {current} held: to add units, buy them (purchases)"),
            )));
        }
        let mut cut = money::sub(current, target, "unitChanges")?;
        for a in self.sub.addons.iter_mut().rev() {
            let less = cut.min(a.quantity.0);
            a.quantity = Measure(money::sub(a.quantity.0, less, "unitChanges")?);
            cut = money::sub(cut, less, "unitChanges")?;
        }
        self.sub.addons.retain(|a| a.quantity.0 > Decimal::ZERO);
        // Units renew with the subscription's billing period: on annual billing, at the annual
        // renewal (the credits of the paid year stay until then).
        let note = if self.sub.calendar.billing == Period::Year {
            let renewal = self.sub.calendar.billing_window()?.1;
            format!("units: {current} → {target} from the annual renewal on {renewal}; this year's credits stay")
        } else {
            format!("units: {current} → {target} from the cycle starting {}; this cycle's credits stay", self.sub.calendar.next_cycle)
        };
        self.event(day, EventKind::UnitChange, Decimal::ZERO, None, note);
        Ok(())
    }
}
