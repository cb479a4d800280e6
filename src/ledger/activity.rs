//! The events of a day: a cancellation, an upgrade, a purchase (and the
//! add-on it may start), usage with auto-reload, overage and auto-renew.

use rust_decimal::Decimal;

use super::burn_down::burn;
use super::expiry::{expires, plan_rule, product_rule};
use super::log::EventKind;
use super::simulate::{Addon, Sim};
use crate::date::Date;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::limits::MAX_RELOADS_PER_USAGE;
use crate::metering::meter;
use crate::money::{self, Measure, RoundingMode};
use crate::purchase;
use crate::rate_card::{Period, ProductKind};
use crate::request::{BuyPacksRequest, Item, PurchaseEvent, UpgradeEvent, UsageEvent};

impl Sim<'_> {
    /// Cancels on `day`: access continues to the end of the billing period.
    pub(super) fn cancel(&mut self, day: Date) -> Result<()> {
        let end = self.calendar.billing_window()?.1;
        self.ends_at = Some(end);
        let note = format!("cancelled: access until {end}, then unused credits are forfeited");
        self.event(day, EventKind::Cancel, Decimal::ZERO, None, note);
        Ok(())
    }

    /// The request's purchase `i`; a recurring product becomes an add-on.
    pub(super) fn purchase(&mut self, day: Date, i: usize, p: &PurchaseEvent) -> Result<()> {
        let within = [PathSegment::from("purchases"), i.into()];
        let product = self.buy(day, p.quantity, p.seats, p.billing, EventKind::Purchase, "bought", &within)?;
        if let Some(prod) = self.card.products.get(&product).filter(|x| x.period != Period::Once) {
            self.addons.push(Addon {
                quantity: p.quantity,
                seats: p.seats,
                billing: prod.period,
                start_cycle: self.calendar.cycle,
                months: if prod.period == Period::Year { 12 } else { 1 },
            });
        }
        Ok(())
    }

    /// Buys `quantity` of the plan's product on `day`; errors are placed
    /// `within` the request. Returns the product's id.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn buy(
        &mut self,
        day: Date,
        quantity: Measure,
        seats: Option<Measure>,
        billing: Option<Period>,
        kind: EventKind,
        why: &str,
        within: &[PathSegment],
    ) -> Result<String> {
        let req = BuyPacksRequest {
            plan: Some(self.plan_id.clone()),
            quantity,
            seats,
            billing,
        };
        let plan = self.plan()?;
        let p = purchase::buy(self.card, &self.plan_id, plan, &req).map_err(|e| e.within(within))?;
        let product = self
            .card
            .products
            .get(&p.product)
            .ok_or_else(|| Error::at(ErrorKind::InvalidRateCard, "products", "missing"))?;
        let until = expires(product_rule(self.card, product), day, &self.calendar)?;
        self.charge(p.price.0)?;
        let source = format!("{} × {}", p.quantity, product.name);
        let id = self.wallet.issue(day, p.credits.0, source, until, false);
        let until = until.map(|d| format!(", expiring {d}")).unwrap_or_default();
        let what = if product.kind == ProductKind::TopUp {
            "top-up".to_string()
        } else {
            format!("{} × {}", p.quantity, product.name)
        };
        let note = format!("{why}: {what} for {}{until}", self.usd(p.price.0));
        self.event(day, kind, p.credits.0, Some(id), note);
        Ok(p.product)
    }

    /// Buys the auto-reload quantity if the plan offers it; whether it did.
    fn reload(&mut self, day: Date) -> Result<bool> {
        let (Some(auto), true) = (self.req.auto_reload.as_ref(), self.plan()?.auto_reload) else {
            return Ok(false);
        };
        let why = format!("balance below {}", money::plain(auto.threshold.0));
        self.buy(day, auto.quantity, None, None, EventKind::AutoReload, &why, &["autoReload".into()])?;
        Ok(true)
    }

    /// The request's usage `i`: metered, covered by reloads if needed, then
    /// burned; overage past the balance if allowed; then auto-reload and
    /// auto-renew.
    pub(super) fn usage(&mut self, day: Date, i: usize, u: &UsageEvent) -> Result<()> {
        let at = format!("usage[{i}]");
        if !self.active {
            let note = format!("{at} {}: not run, the plan ended", u.feature);
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
        let used = self.cycle_usage.get(&u.feature).copied().unwrap_or(Decimal::ZERO);
        let m = meter(self.card, &self.plan_id, plan, &item, used, true).map_err(|e| e.context(i).context("usage"))?;
        self.cycle_usage.insert(u.feature.clone(), money::add(used, m.billed, "usage")?);
        let cost = m.amount;
        let mut reloads = 0;
        while cost > self.wallet.balance() && reloads < MAX_RELOADS_PER_USAGE && self.reload(day)? {
            reloads = reloads.saturating_add(1);
        }
        let overage_price = plan.overage_price.filter(|_| self.req.allow_overage).map(|p| p.0);
        if cost > self.wallet.balance() && overage_price.is_none() {
            let balance = money::plain(self.wallet.balance());
            let note = format!("{at} {}: not run, needs {cost} {} and the balance is {balance}", u.feature, self.card.unit);
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        let (taken, left) = burn(&mut self.wallet.grants, cost);
        for (g, credits) in taken {
            let id = self.wallet.grants.get(g).map(|h| h.id.clone());
            self.event(day, EventKind::Usage, credits, id, format!("{at} {}: {}", u.feature, m.explanation));
        }
        if let (Some(price), true) = (overage_price, left > Decimal::ZERO) {
            self.bill_overage(day, &at, &u.feature, left, price)?;
        }
        self.cycle_used = money::add(self.cycle_used, cost, "usage")?;
        self.after_usage(day)
    }

    /// Usage past the balance, billed afterwards at `price` per credit
    /// (rounded half-up to the minor unit).
    fn bill_overage(&mut self, day: Date, at: &str, feature: &str, left: Decimal, price: Decimal) -> Result<()> {
        let cost = self.card.money().round(money::mul(left, price, "overage")?, RoundingMode::HalfUp);
        self.overage = money::add(self.overage, left, "overage")?;
        self.charge(cost)?;
        let note = format!(
            "{at} {feature}: {} past the balance, billed afterwards at {} each: {}",
            money::plain(left),
            self.usd(price),
            self.usd(cost)
        );
        self.event(day, EventKind::Overage, left, None, note);
        Ok(())
    }

    /// After usage: auto-reload below the threshold; auto-renew past the
    /// plan's share of its credits.
    fn after_usage(&mut self, day: Date) -> Result<()> {
        if let Some(auto) = &self.req.auto_reload {
            if self.wallet.balance() < auto.threshold.0 {
                self.reload(day)?;
            }
        }
        let plan = self.plan()?;
        if let Some(share) = plan.auto_renew_at.filter(|_| plan.included > Decimal::ZERO) {
            if self.cycle_used >= money::mul(plan.included.0, share.0, "autoRenew")? {
                self.renew(day, share.0)?;
            }
        }
        Ok(())
    }

    /// The request's upgrade `i`: a prorated charge for the rest of the
    /// billing period, and the difference in credits now.
    pub(super) fn upgrade(&mut self, day: Date, i: usize, u: &UpgradeEvent) -> Result<()> {
        let at = |e: Error| e.context(i).context("upgrades");
        let old = self.plan()?;
        let (new_id, new) = self.card.plan(Some(&u.plan)).map_err(at)?;
        let (start, end) = self.calendar.billing_window()?;
        let (left, total) = (day.days_until(end), start.days_until(end).max(1));
        let (charge, how) = match (self.plan_price(new), self.plan_price(old)) {
            (Some(n), Some(o)) if n > o => {
                let what = "upgrade";
                let c = self.card.money().round(
                    money::div(money::mul(money::sub(n, o, what)?, Decimal::from(left), what)?, Decimal::from(total), what)?,
                    RoundingMode::HalfUp,
                );
                (c, format!("prorated {} for {left} of {total} days", self.usd(c)))
            }
            (Some(_), Some(_)) => (Decimal::ZERO, "no charge (the new plan does not cost more)".to_string()),
            _ => (Decimal::ZERO, "the price difference is not published".to_string()),
        };
        self.charge(charge)?;
        let extra = money::sub(new.included.0, old.included.0, "upgrade")?;
        let (new_name, old_name) = (new.name.clone(), old.name.clone());
        self.plan_id = new_id.to_string();
        let grant = if extra > Decimal::ZERO {
            let until = expires(plan_rule(self.card, self.calendar.billing), day, &self.calendar)?;
            let source = format!("plan {}, upgrade on {day}", self.plan_id);
            Some(self.wallet.issue(day, extra, source, until, true))
        } else {
            None
        };
        let extra = extra.max(Decimal::ZERO);
        let note = format!("{old_name} → {new_name}: {} extra {} now; {how}", money::plain(extra), self.card.unit);
        self.event(day, EventKind::Upgrade, extra, grant, note);
        Ok(())
    }
}
