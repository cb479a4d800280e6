//! A purchase of the plan's product (pack, block, unit, top-up, renewal), and the add-on it may
//! start.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::ledger::calendar::Calendar;
use crate::ledger::expiry::{expires, plan_rule, product_rule};
use crate::ledger::log::EventKind;
use crate::ledger::simulate::{Addon, Sim};
use crate::money::Measure;
use crate::purchase;
use crate::rate_card::{Period, ProductKind};
use crate::request::{BuyPacksRequest, PurchaseEvent};

/// What one purchase buys: `quantity` (and `seats`) of the plan's product,
/// billed `billing`, priced by the version in force on its day or, for an
/// add-on renewing with the subscription, by the plan's own version.
pub(in crate::ledger) struct Order {
    pub quantity: Measure,
    pub seats: Option<Measure>,
    pub billing: Option<Period>,
    pub renews_with_plan: bool,
}

impl Sim<'_> {
    /// The request's purchase `i`; a recurring product becomes an add-on.
    /// A pack follows the plan's billing (“How to Use Generative Credits
    /// (GenCredits) Packs”: on the annual plan, all 3,600 credits at once for
    /// one annual charge of $150): unless the purchase names its billing, a
    /// recurring product is bought billed as the plan is; a plan with only
    /// one-time products buys those.
    pub(in crate::ledger) fn purchase(&mut self, day: Date, i: usize, p: &PurchaseEvent) -> Result<()> {
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
    pub(in crate::ledger) fn buy(&mut self, day: Date, order: Order, kind: EventKind, why: &str, within: &[PathSegment]) -> Result<(String, Period)> {
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// Two 100-credit blocks on Business: 200 credits, $10.00, caused by `purchases[0]`.
    #[test]
    fn a_purchase_grants_its_credits_and_charges_its_price() {
        let sim = simulated("heygen-credits", r#"{"plan":"business","start":"2026-01-01","until":"2026-01-20","purchases":[{"at":"2026-01-05","quantity":2}]}"#);
        assert_eq!(of_kind(&sim, EventKind::Purchase), vec![("2026-01-05".into(), "200".into(), Cause::entry(CauseKind::Purchases, 0))]);
        assert_eq!(sim.spent.to_string(), "159.00"); // $149.00 plan + 2 × $5.00
    }
}
