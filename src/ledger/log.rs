//! The event log a simulation returns: one [`Event`] per thing that moved
//! credits or money, in order, each with the balance after it.

use serde::Serialize;

use crate::money::DecimalString;

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A plan's credits were granted at a cycle start.
    Grant,
    /// Usage burned credits from a grant (one event per grant burned).
    Usage,
    /// Credits expired or were forfeited.
    Expire,
    /// Unused credits carried into a new cycle.
    Rollover,
    /// A purchase (pack, block, unit, top-up) or an add-on renewal.
    Purchase,
    /// An automatic reload when the balance fell below the threshold.
    AutoReload,
    /// The plan renewed early after 90 % (or the card's share) was used.
    AutoRenew,
    /// Usage past the balance, billed afterwards (added up over the cycle).
    Overage,
    /// A cycle's overage charged, when the cycle ends (or the window does):
    /// its credits past the balance × the overage price, rounded once.
    OverageBilled,
    /// An upgrade: a prorated charge and the extra credits (web plans), or a
    /// new subscription starting that day (standalone API plans).
    Upgrade,
    /// A cancellation.
    Cancel,
    /// A change to the add-on's units, from the next cycle.
    UnitChange,
    /// A newer version of a price book took effect (usage rates that day;
    /// plan prices and allowances at the renewal on or after it).
    PriceChange,
    /// Credits set aside for a job of unknown length (one event per grant held from).
    Hold,
    /// A hold settled: the credits charged for what the job ran.
    Settle,
    /// Credits a hold set aside and the job did not use, back in the balance
    /// (at a settlement, or when the plan ends).
    Release,
    /// A hold not settled by its `expiresAt`: everything released.
    HoldExpired,
}

/// One event: on `at`, `kind` moved `credits`, leaving `balance`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The day.
    pub at: String,
    /// What happened.
    pub kind: EventKind,
    /// Credits granted, burned, expired or carried (always ≥ 0).
    pub credits: DecimalString,
    /// The balance after the event.
    pub balance: DecimalString,
    /// The grant concerned, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// What caused it, as data: an entry of the request, or the calendar.
    pub cause: Cause,
    /// For people: what and why, with any USD charged (English).
    pub note: String,
}

/// Which part of a simulation's request an event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CauseKind {
    /// `usage[index]` (and what it set off: an auto-reload, an auto-renewal, overage).
    Usage,
    /// `purchases[index]`.
    Purchases,
    /// `upgrades[index]`.
    Upgrades,
    /// `unitChanges[index]`.
    UnitChanges,
    /// `cancelAt`.
    CancelAt,
    /// `holds[index]`.
    Holds,
    /// `settlements[index]`.
    Settlements,
    /// The calendar: the subscription's start, a cycle start or renewal,
    /// an expiry, a price book's version taking effect, a cycle's end.
    Calendar,
}

/// What caused an event: an entry of the request by its list and index
/// (`{ by: "usage", index: 3 }`), or the calendar (`{ by: "calendar" }`).
/// With the event's `kind`, the whole why: an `auto_reload` caused by
/// `usage[3]`, an `expire` caused by the calendar.
///
/// JSON / JS shape: `{ by, index? }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub struct Cause {
    /// The request's list (or the calendar).
    pub by: CauseKind,
    /// The entry's index in its list; absent for `cancelAt` and the calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub index: Option<usize>,
}

impl Cause {
    /// The calendar.
    pub const CALENDAR: Cause = Cause { by: CauseKind::Calendar, index: None };

    /// Entry `index` of the request's list `by`.
    pub fn entry(by: CauseKind, index: usize) -> Cause {
        Cause { by, index: Some(index) }
    }
}

