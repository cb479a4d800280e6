//! Overage: usage past the balance on a plan that allows it, added up over the cycle and billed
//! once when it ends.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::Result;
use crate::ledger::log::EventKind;
use crate::ledger::simulate::Sim;
use crate::money::{self, RoundingMode};

impl Sim<'_> {
    /// Usage past the balance, billed afterwards (“You'll be billed afterward
    /// for the extra usage”): added up exactly over the cycle, and charged
    /// once when it ends ([`Sim::settle_overage`]), so 100 one-second
    /// sessions cost their sum, not 100 roundings to $0.00.
    pub(in crate::ledger) fn bill_overage(&mut self, day: Date, at: &str, feature: &str, left: Decimal, price: Decimal) -> Result<()> {
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
    pub(in crate::ledger) fn settle_overage(&mut self, day: Date) -> Result<()> {
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// LiveAvatar with overage allowed: 30 credits past the balance, billed once when the window
    /// ends at $0.10 each ($3.00), caused by the calendar; the overage itself by `usage[0]`.
    #[test]
    fn overage_is_added_up_and_billed_once() {
        let sim = simulated("heygen-liveavatar", r#"{"start":"2026-01-01","until":"2026-01-20","allowOverage":true,"usage":[{"at":"2026-01-03","feature":"full_sdk","seconds":30900}]}"#);
        assert_eq!(of_kind(&sim, EventKind::Overage), vec![("2026-01-03".into(), "30".into(), Cause::entry(CauseKind::Usage, 0))]);
        assert_eq!(of_kind(&sim, EventKind::OverageBilled), vec![("2026-01-20".into(), "30".into(), Cause::CALENDAR)]);
        assert_eq!(sim.spent.to_string(), "103.00");
    }
}
