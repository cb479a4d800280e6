//! A cancellation: the plan runs to the end of its billing period, then its credits are forfeited.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::Result;
use crate::ledger::log::EventKind;
use crate::ledger::simulate::Sim;

impl Sim<'_> {
    /// Cancels on `day`: access continues to the end of the billing period.
    pub(in crate::ledger) fn cancel(&mut self, day: Date) -> Result<()> {
        let end = self.sub.calendar.billing_window()?.1;
        self.sub.ends_at = Some(end);
        let note = format!("cancelled: access until {end}, then unused credits are forfeited");
        self.event(day, EventKind::Cancel, Decimal::ZERO, None, note);
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// Cancelled on Jan 10: the plan runs to the end of its period (Feb 1), then its credits are forfeited.
    #[test]
    fn a_cancellation_runs_to_the_period_end_then_forfeits() {
        let sim = simulated("heygen-credits", r#"{"plan":"creator","start":"2026-01-01","until":"2026-02-15","cancelAt":"2026-01-10"}"#);
        assert_eq!(of_kind(&sim, EventKind::Cancel), vec![("2026-01-10".into(), "0".into(), Cause { by: CauseKind::CancelAt, index: None })]);
        assert_eq!(of_kind(&sim, EventKind::Expire), vec![("2026-02-01".into(), "600".into(), Cause::CALENDAR)]);
        assert_eq!(of_kind(&sim, EventKind::Grant).len(), 1, "no renewal after the cancellation");
    }
}
