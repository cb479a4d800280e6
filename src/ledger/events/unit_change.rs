//! A change to a recurring add-on's units, from the next cycle.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::log::EventKind;
use crate::ledger::simulate::Sim;
use crate::money::{self, Measure};
use crate::rate_card::Period;
use crate::request::UnitChange;

impl Sim<'_> {
    /// The request's unit change `i`: the recurring add-on's units from the
    /// next cycle on (the most recently bought lowered first); this cycle's
    /// credits stay.
    pub(in crate::ledger) fn unit_change(&mut self, day: Date, i: usize, c: &UnitChange) -> Result<()> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::ledger::{of_kind, simulated, Cause, CauseKind, EventKind};

    /// AI Studios: 3 Team units lowered to 1 on Jan 15: this cycle's credits stay, February renews 1 unit.
    #[test]
    fn a_unit_change_takes_effect_at_the_next_cycle() {
        let sim = simulated("aistudios", r#"{"plan":"team","start":"2026-01-01","until":"2026-02-15","purchases":[{"at":"2026-01-01","quantity":3}],"unitChanges":[{"at":"2026-01-15","quantity":1}]}"#);
        assert_eq!(of_kind(&sim, EventKind::UnitChange), vec![("2026-01-15".into(), "0".into(), Cause::entry(CauseKind::UnitChanges, 0))]);
        let renewed: Vec<_> = of_kind(&sim, EventKind::Purchase).into_iter().filter(|p| p.0 == "2026-02-01").collect();
        assert_eq!(renewed, vec![("2026-02-01".into(), "200".into(), Cause::CALENDAR)]);
        assert_eq!((sim.spent.to_string(), sim.balance.to_string()), ("120.00".into(), "200".into()));
    }
}
