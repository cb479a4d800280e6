//! Replay: what a customer paid, or would have paid under another price
//! book, from their history of events (native only; the wasm modules do not
//! carry it). One customer's replay is a fold over their events in time
//! order, which [`RateEngine::simulate`] already is: [`replay_customer`]
//! turns one customer's rows into a simulation request and returns the
//! summary. Customers are independent, so an adapter (Python over Arrow, a
//! Spark `mapInArrow`) groups rows by customer and calls this once per
//! customer, holding one customer's rows at a time.
//!
//! **Rows.** Each row is one event: `subscribe` (the customer's first
//! starts the subscription, as `simulate`'s `start`, with its plan, billing,
//! auto-renew, Allow Overage and auto-reload), `usage`, `upgrade`,
//! `purchase`, `unit_change` or `cancel`, each keeping its meaning in
//! `simulate`. A customer's rows run by day, and on one day in `simulate`'s
//! order of kinds (cancel, upgrades, purchases, unit changes, usage); rows of
//! one kind on one day run in the order of their values (feature, options,
//! seconds, quantity, plan), so the result never depends on the order rows
//! arrive in. Rows outside the window are left out.
//!
//! **Refusals** name the column: a missing value a kind needs, a second
//! `subscribe`, an event before the customer's first `subscribe`, a
//! customer without one; and whatever `simulate` refuses (a feature the card
//! lacks, at `feature`). The adapter adds the customer and the day.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::date::Date;
use crate::engine::RateEngine;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::money::{DecimalString, Measure};
use crate::rate_card::Period;
use crate::request::{AutoReload, OptionValue, PurchaseEvent, SimulateRequest, UnitChange, UpgradeEvent, UsageEvent};

/// What a row is: one of the six kinds of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKind {
    /// The subscription starts (the customer's first); later ones are refused.
    Subscribe,
    /// The plan is cancelled (runs to the end of its period).
    Cancel,
    /// An upgrade to `plan`.
    Upgrade,
    /// `quantity` of the plan's product bought.
    Purchase,
    /// The add-on's units set to `quantity` from the next cycle.
    UnitChange,
    /// A generation: `feature` with `seconds` or `quantity` and `options`.
    Usage,
}

impl RowKind {
    /// The kind named `text` (`"unit_change"`).
    ///
    /// # Errors
    /// `invalid_request` at `kind` naming the six kinds.
    pub fn parse(text: &str) -> Result<RowKind> {
        Ok(match text {
            "subscribe" => RowKind::Subscribe,
            "cancel" => RowKind::Cancel,
            "upgrade" => RowKind::Upgrade,
            "purchase" => RowKind::Purchase,
            "unit_change" => RowKind::UnitChange,
            "usage" => RowKind::Usage,
            other => {
                return Err(Error::at(
                    ErrorKind::InvalidRequest,
                    "kind",
                    format!("unknown kind \"{other}\": subscribe, usage, upgrade, purchase, unit_change or cancel"),
                ))
            }
        })
    }
}

/// One event row of one customer. Durations in seconds, counts whole,
/// amounts in the card's unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The day.
    pub at: Option<Date>,
    /// What happened.
    pub kind: Option<RowKind>,
    /// `subscribe`, `upgrade`: the plan id.
    pub plan: Option<String>,
    /// `subscribe`: `month` (default) or `year`.
    pub billing: Option<Period>,
    /// `usage`: the feature id.
    pub feature: Option<String>,
    /// `usage`: option id → value.
    pub options: IndexMap<String, OptionValue>,
    /// The options as given (JSON text), for the order of a day's rows.
    pub options_text: Option<String>,
    /// `usage`: seconds, for features metered by time.
    pub seconds: Option<Decimal>,
    /// `purchase`, `unit_change`, `usage` (counted features): a whole number.
    pub quantity: Option<i64>,
    /// `subscribe`: renew early past the plan's share.
    pub auto_renew: Option<bool>,
    /// `subscribe`: bill usage past the balance as overage.
    pub allow_overage: Option<bool>,
    /// `subscribe`: reload below this balance, in the card's unit.
    pub auto_reload_threshold: Option<Decimal>,
    /// `subscribe`: units bought at each reload.
    pub auto_reload_quantity: Option<i64>,
}

/// One customer's replay: the figures of `simulate` over the window.
/// Amounts are exact: credits in the card's unit, `spent` in `currency`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The plan at the window's end.
    pub plan: String,
    /// ISO 4217 code of `spent`.
    pub currency: String,
    /// Everything paid in the window, rounded half-up to the minor unit once.
    pub spent: Decimal,
    /// Credits granted in the window.
    pub credits_granted: Decimal,
    /// Credits used (burned by usage).
    pub credits_used: Decimal,
    /// Credits expired or forfeited unused.
    pub expired: Decimal,
    /// Usage past the balance, billed afterwards, in credits.
    pub overage: Decimal,
    /// Credits left at the window's end.
    pub balance: Decimal,
    /// Usage rows that could not run.
    pub refused: u64,
    /// The book's version in force on the window's last day.
    pub version: String,
    /// That version's card hash.
    pub card_hash: String,
}

/// A refusal of row `row` (its index in the customer's rows as given), at `column`.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// The row's index among the customer's rows as given (None: the customer as a whole).
    pub row: Option<usize>,
    /// The error, its path the column's name.
    pub error: Error,
}

/// The rows in the order they run: by day, then `simulate`'s order of kinds,
/// then their values; each with its index as given.
fn ordered(rows: &[Row]) -> Vec<(usize, &Row)> {
    let mut v: Vec<(usize, &Row)> = rows.iter().enumerate().collect();
    v.sort_by(|(_, a), (_, b)| {
        (a.at, a.kind, &a.feature, &a.options_text, a.seconds, a.quantity, &a.plan).cmp(&(b.at, b.kind, &b.feature, &b.options_text, b.seconds, b.quantity, &b.plan))
    });
    v
}

fn missing(column: &str, kind: &str) -> Error {
    Error::at(ErrorKind::InvalidRequest, column, format!("a {kind} row needs `{column}`"))
}

fn count(column: &str, v: Option<i64>, kind: &str) -> Result<Measure> {
    let n = v.ok_or_else(|| missing(column, kind))?;
    Ok(Measure(Decimal::from(n)))
}

/// The simulation request of one customer's rows in `[start, until]`, and
/// for each of its usage events the row it came from.
///
/// # Errors
/// A [`RowError`] naming the row and column.
pub fn request(rows: &[Row], start: Date, until: Date) -> std::result::Result<(SimulateRequest, Vec<usize>), RowError> {
    let at_row = |row: usize| move |error: Error| RowError { row: Some(row), error };
    let mut req = SimulateRequest::default();
    let mut usage_rows = Vec::new();
    let mut started: Option<Date> = None;
    for (i, row) in ordered(rows) {
        let day = row.at.ok_or_else(|| at_row(i)(missing("at", "every")))?;
        let kind = row.kind.ok_or_else(|| at_row(i)(missing("kind", "every")))?;
        if day < start || day > until {
            continue;
        }
        let at = day.to_string();
        match (kind, started) {
            (RowKind::Subscribe, Some(first)) => {
                return Err(at_row(i)(Error::at(ErrorKind::InvalidRequest, "kind", format!("a second subscribe (the subscription started on {first}): use upgrade"))))
            }
            (RowKind::Subscribe, None) => {
                started = Some(day);
                subscribe(&mut req, row, &at).map_err(at_row(i))?;
            }
            (_, None) => return Err(at_row(i)(Error::at(ErrorKind::InvalidRequest, "at", "an event before the customer's first subscribe"))),
            (RowKind::Cancel, _) => req.cancel_at = Some(at),
            (RowKind::Upgrade, _) => {
                let plan = row.plan.clone().ok_or_else(|| at_row(i)(missing("plan", "upgrade")))?;
                req.upgrades.push(UpgradeEvent { at, plan });
            }
            (RowKind::Purchase, _) => {
                let quantity = count("quantity", row.quantity, "purchase").map_err(at_row(i))?;
                req.purchases.push(PurchaseEvent { at, quantity, billing: None, seats: None });
            }
            (RowKind::UnitChange, _) => {
                let quantity = count("quantity", row.quantity, "unit_change").map_err(at_row(i))?;
                req.unit_changes.push(UnitChange { at, quantity });
            }
            (RowKind::Usage, _) => {
                let feature = row.feature.clone().ok_or_else(|| at_row(i)(missing("feature", "usage")))?;
                if row.seconds.is_none() && row.quantity.is_none() {
                    return Err(at_row(i)(missing("seconds", "usage")));
                }
                let quantity = row.quantity.map(Decimal::from);
                req.usage.push(UsageEvent { at, feature, seconds: row.seconds, quantity, options: row.options.clone() });
                usage_rows.push(i);
            }
        }
    }
    if started.is_none() {
        let why = format!("no subscribe row from {start} to {until}: the customer's first subscribe starts its subscription");
        return Err(RowError { row: None, error: Error::at(ErrorKind::InvalidRequest, "kind", why) });
    }
    req.until = until.to_string();
    Ok((req, usage_rows))
}

/// A subscribe row's settings on the request.
fn subscribe(req: &mut SimulateRequest, row: &Row, at: &str) -> Result<()> {
    req.start = at.to_string();
    req.plan = row.plan.clone();
    req.billing = row.billing;
    req.auto_renew = row.auto_renew.unwrap_or(false);
    req.allow_overage = row.allow_overage.unwrap_or(false);
    if let Some(threshold) = row.auto_reload_threshold {
        let quantity = count("auto_reload_quantity", row.auto_reload_quantity, "subscribe with auto_reload_threshold")?;
        req.auto_reload = Some(AutoReload { threshold: DecimalString(threshold), quantity });
    }
    Ok(())
}

/// One customer's replay over `[start, until]`: the rows as a simulation
/// request ([`request`]), simulated by `engine` (a card or a price book).
///
/// # Errors
/// A [`RowError`]: the row and column [`request`] names, or `simulate`'s
/// error, moved to the usage row it came from (`feature`, `seconds`, …).
pub fn replay_customer(engine: &RateEngine, rows: &[Row], start: Date, until: Date) -> std::result::Result<Summary, RowError> {
    let (req, usage_rows) = request(rows, start, until)?;
    let sim = engine.simulate(&req).map_err(|e| locate(e, &usage_rows))?;
    let version_hash = engine.versions().into_iter().find(|v| v.version == sim.version).map(|v| v.card_hash).unwrap_or_default();
    Ok(Summary {
        plan: sim.plan.clone(),
        currency: sim.currency.clone(),
        spent: sim.spent.0,
        credits_granted: sim.credits_granted.0,
        credits_used: sim.credits_used.0,
        expired: sim.expired.0,
        overage: sim.overage.0,
        balance: sim.balance.0,
        refused: u64::try_from(sim.refused).unwrap_or(u64::MAX),
        version: sim.version,
        card_hash: version_hash,
    })
}

/// `simulate`'s error at `usage[k].feature` → the row of usage `k`, at `feature`.
fn locate(e: Error, usage_rows: &[usize]) -> RowError {
    let path = e.path().to_vec();
    match (path.first(), path.get(1)) {
        (Some(PathSegment::Key(list)), Some(PathSegment::Index(k))) if list == "usage" => {
            let column = path.get(2).and_then(|s| if let PathSegment::Key(c) = s { Some(c.clone()) } else { None }).unwrap_or_else(|| "feature".into());
            let detail = e.detail().to_string();
            RowError { row: usage_rows.get(*k).copied(), error: Error::at(e.kind(), &column, detail) }
        }
        _ => RowError { row: None, error: e },
    }
}
