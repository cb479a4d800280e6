//! The ledger: credit grants over time, in the shape of OpenMeter's credit
//! engine, one part per file:
//! - `burn_down.rs`: which grants usage burns, and in what order;
//! - `expiry.rs`: when a grant expires, from the card's wallet rules;
//! - `calendar.rs`: the billing-cycle calendar (cycle starts, billing window);
//! - `log.rs`: the event log a simulation returns;
//! - `wallet.rs`: the grants held and their balance: issue, burn, expire, forfeit;
//! - `cycle.rs`, `activity.rs`: what happens at a cycle start, and each kind
//!   of event in a day (purchases and renewals, auto-reload, usage, overage,
//!   auto-renew, upgrades, unit changes);
//! - `simulate.rs`: the driver that walks the window day by day;
//! - `quote.rs`: a quote given the wallet's grants (which grants each line burns).
//!
//! [`simulate`] walks a window day by day. Each day, in order: grants that
//! expire that day expire; a cancelled plan ends at the end of its billing
//! period (everything left is forfeited); a new cycle starts (what is left
//! rolls over, the subscription is charged at a billing boundary, the plan's
//! credits are granted, recurring add-ons renew; a plan that is no
//! subscription, a prepaid wallet, has no cycles); then the day's
//! cancellation, upgrades, purchases, unit changes, holds, settlements and
//! usage run in that order, each kind in request order. Holds not settled by
//! their `expiresAt` are released first thing the next day, before grants
//! expire; a plan that ends releases its open holds before it forfeits.
//!
//! **Holds** (`events/hold.rs`): a hold sets aside the most its job can cost
//! from the grants that outlive it (moved out of the balance, not burned); a
//! settlement charges what the job ran at the hold's version, at most the
//! hold unless the card's `overrun` is `"charge"` (the excess then burns the
//! balance, then overage), and gives the rest back to the grants it came from.
//!
//! **One usage event**: auto-reload first if the balance does not cover it;
//! the usage burns the balance; past the balance, with auto-renew on (it is
//! opt-in) and the cycle's share used, the plan renews at that moment and the
//! rest burns from the refill; only what is still uncovered is billed as
//! overage (with Allow Overage), else the usage does not run. Then
//! auto-reload below its threshold, and auto-renew once the share is reached.
//!
//! **Burn-down order**: usage burns the grant that expires soonest first (a
//! grant that never expires comes last), then the oldest, then the first
//! issued. The same order is used by a quote given grants.
//!
//! Invariant: credits granted = credits used + expired + remaining + held; overage
//! (usage past the balance, billed afterwards) is counted apart.

mod events;
mod burn_down;
mod calendar;
mod cycle;
mod expiry;
mod log;
mod quote;
mod simulate;
mod wallet;

pub use crate::request::Grant;
pub use burn_down::{burn, reserve, Burned, Taken};
pub use log::{Cause, CauseKind, Event, EventKind};
pub use quote::with_grants;
pub use simulate::{simulate, Simulation};

/// The simulation of `json` on built-in preset `preset`, for the unit tests beside each event kind.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn simulated(preset: &str, json: &str) -> Simulation {
    let book = crate::book::PriceBook::single(crate::presets::shared(preset).unwrap());
    let request: crate::request::SimulateRequest = crate::request::from_json(json).unwrap();
    let plan = book.version(0).plan(request.plan.as_deref()).unwrap();
    simulate(&book, 0, plan, &request).unwrap()
}

/// `(day, credits, cause)` of each event of `kind`, for the unit tests.
#[cfg(test)]
pub(crate) fn of_kind(sim: &Simulation, kind: EventKind) -> Vec<(String, String, Cause)> {
    sim.events.iter().filter(|e| e.kind == kind).map(|e| (e.at.clone(), e.credits.to_string(), e.cause)).collect()
}
