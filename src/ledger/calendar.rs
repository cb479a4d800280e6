//! The billing-cycle calendar: monthly cycles from an anchor day (Jan 31 +
//! 1 month = Feb 28/29), and the billing window (a month, or the year of an
//! annual plan) a day falls in.

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::rate_card::Period;

/// `day` plus `months`, clamped to the month's end.
pub(super) fn add_months(day: Date, months: i32) -> Result<Date> {
    day.checked_add_months(months)
        .ok_or_else(|| Error::new(ErrorKind::InvalidRequest, "dates: out of the supported range"))
}

/// `day` plus `days`.
pub(super) fn add_days(day: Date, days: i32) -> Result<Date> {
    day.checked_add_days(days)
        .ok_or_else(|| Error::new(ErrorKind::InvalidRequest, "dates: out of the supported range"))
}

/// Where the subscription is in its cycles.
#[derive(Debug, Clone, Copy)]
pub(super) struct Calendar {
    /// How the subscription is billed: monthly or yearly.
    pub billing: Period,
    /// The day cycles count from.
    pub anchor: Date,
    /// Cycles since the anchor (0 in the first month).
    pub cycle: i32,
    /// First day of the current cycle.
    pub cycle_start: Date,
    /// First day of the next cycle.
    pub next_cycle: Date,
}

impl Calendar {
    /// Cycles anchored at `day`, billed `billing`.
    pub(super) fn starting(day: Date, billing: Period) -> Result<Self> {
        Ok(Calendar {
            billing,
            anchor: day,
            cycle: 0,
            cycle_start: day,
            next_cycle: add_months(day, 1)?,
        })
    }

    /// Moves to the next cycle, which starts on `day`.
    pub(super) fn advance(&mut self, day: Date) -> Result<()> {
        self.cycle = self.cycle.saturating_add(1);
        self.cycle_start = day;
        self.next_cycle = add_months(self.anchor, self.cycle.saturating_add(1))?;
        Ok(())
    }

    /// Whether the current cycle starts a billing period (every month; for
    /// annual billing, every twelfth).
    pub(super) fn at_billing_boundary(&self) -> bool {
        self.billing != Period::Year || self.cycle % 12 == 0
    }

    /// The current billing period: `(first day, first day of the next)`.
    pub(super) fn billing_window(&self) -> Result<(Date, Date)> {
        match self.billing {
            Period::Year => {
                let year = self.cycle.checked_div(12).unwrap_or(0);
                Ok((
                    add_months(self.anchor, year.saturating_mul(12))?,
                    add_months(self.anchor, year.saturating_add(1).saturating_mul(12))?,
                ))
            }
            _ => Ok((self.cycle_start, self.next_cycle)),
        }
    }
}
