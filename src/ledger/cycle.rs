//! What happens at a cycle start: the subscription is charged at a billing
//! boundary and the plan's credits granted; at a new cycle, what is left
//! rolls over and recurring add-ons renew; an auto-renewal starts a new
//! cycle early.

use rust_decimal::Decimal;

use super::events::Order;
use super::calendar::Calendar;
use super::expiry::{expires, plan_rule};
use super::log::EventKind;
use super::simulate::Sim;
use crate::date::Date;
use crate::error::Result;
use crate::money::{self, Measure};
use crate::rate_card::{Period, Plan};

impl Sim<'_> {
    /// The plan's price for the billing period (12 × monthly when no annual
    /// price is published).
    pub(super) fn plan_price(&self, plan: &Plan) -> Option<Decimal> {
        match self.sub.calendar.billing {
            Period::Year => plan
                .annual_price
                .map(|p| p.0)
                .or_else(|| plan.price.and_then(|p| p.0.checked_mul(Decimal::from(12)))),
            _ => plan.price.map(|p| p.0),
        }
    }

    /// Charges the subscription (at a billing boundary) and grants the plan's credits.
    pub(super) fn start_cycle(&mut self, day: Date, kind: EventKind, why: &str) -> Result<()> {
        let plan = self.plan()?;
        let charge = if self.sub.calendar.at_billing_boundary() {
            match self.plan_price(&plan) {
                Some(p) => {
                    self.charge(p)?;
                    format!("; charged {}", self.usd(p))
                }
                None => "; the plan's own price is not published".to_string(),
            }
        } else {
            String::new()
        };
        if plan.included > Decimal::ZERO || kind == EventKind::AutoRenew {
            self.room_for_a_grant()?;
            let until = expires(plan_rule(self.card, self.sub.calendar.billing), day, &self.sub.calendar)?;
            let source = format!("plan {}, cycle of {day}", self.sub.plan_id);
            let id = self.wallet.issue(day, plan.included.0, source, until);
            self.cycle.grant = self.wallet.issued().checked_sub(1);
            self.cycle.plan_used = Decimal::ZERO;
            let until = until.map(|d| format!(", expiring {d}")).unwrap_or_default();
            let credits = money::plain(plan.included.0);
            let note = format!("{why}: {credits} {} from plan {}{until}{charge}", self.card.unit, plan.name);
            self.event(day, kind, plan.included.0, Some(id), note);
        } else if !charge.is_empty() && plan.price.is_some() {
            self.event(day, kind, Decimal::ZERO, None, format!("{why}: plan {}{charge}", plan.name));
        }
        self.cycle.usage.clear();
        Ok(())
    }

    /// A new cycle on `day`: rollover, the cycle's grant, add-on renewals.
    pub(super) fn new_cycle(&mut self, day: Date) -> Result<()> {
        self.settle_overage(day)?;
        self.sub.calendar.advance(day)?;
        let carried = self.wallet.balance();
        // Within an annual plan's paid year a new month carries nothing over a billing period:
        // no rollover to speak of (AI Studios: add-on credits "do not roll over to the next
        // billing period").
        if carried > Decimal::ZERO && self.sub.calendar.at_billing_boundary() {
            let note = format!(
                "{} {} carried into the cycle starting {day}",
                money::plain(carried),
                self.card.unit
            );
            self.event(day, EventKind::Rollover, carried, None, note);
        }
        // A plan's price and allowance change at a renewal of its own billing period (an
        // annual plan keeps both until its annual renewal), not at every monthly cycle.
        if self.sub.calendar.at_billing_boundary() {
            self.renewal_prices(day);
        }
        self.start_cycle(day, EventKind::Grant, "new cycle")?;
        let cycle = self.sub.calendar.cycle;
        let due: Vec<(Measure, Option<Measure>, Period)> = self
            .sub
            .addons
            .iter()
            .filter(|a| cycle.saturating_sub(a.start_cycle).checked_rem(a.months) == Some(0))
            .map(|a| (a.quantity, a.seats, a.billing))
            .collect();
        for (quantity, seats, billing) in due {
            let order = Order { quantity, seats, billing: Some(billing), renews_with_plan: true };
            self.buy(day, order, EventKind::Purchase, "renews with the subscription", &["purchases".into()])?;
        }
        Ok(())
    }

    /// Auto-renews the plan on `day` (auto-renew on, its share of the
    /// cycle's credits used): what is left of the current cycle's plan grant
    /// is replaced (“refill your credits to 100%”), its price charged, its
    /// credits granted; the cycle restarts. Other grants (an earlier cycle's,
    /// packs) keep their own expiry: nothing bought is replaced while unused.
    pub(super) fn renew(&mut self, day: Date) -> Result<()> {
        let share = self.plan()?.auto_renew_at.map(|s| s.0).unwrap_or(Decimal::ONE);
        self.settle_overage(day)?;
        if let Some(g) = self.cycle.grant {
            self.forfeit(day, g, "replaced by the auto-renewal");
        }
        self.sub.calendar = Calendar::starting(day, self.sub.calendar.billing)?;
        self.renewal_prices(day);
        let why = format!(
            "auto-renewed once {}% of the cycle's credits were used",
            money::plain(money::mul(share, Decimal::from(100), "autoRenewAt")?)
        );
        self.start_cycle(day, EventKind::AutoRenew, &why)
    }
}
