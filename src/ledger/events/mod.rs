//! The events of a simulation's day, one file per kind: a cancellation, a
//! purchase (and the add-on it may start), usage (with auto-reload and
//! auto-renew), overage, an upgrade, a unit change, a hold and its settlement. Each is a method of the
//! simulation state (`Sim`) that logs its events with their cause.

mod cancel;
mod hold;
mod overage;
mod purchase;
mod unit_change;
mod upgrade;
mod usage;

pub(super) use purchase::Order;
