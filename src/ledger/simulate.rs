//! The simulation driver: checks the request, schedules its events by day,
//! then walks the window day by day (see the module docs of `ledger` for
//! the order within a day).

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

use super::calendar::{add_days, Calendar};
use super::log::{Cause, CauseKind, Event, EventKind};
use super::wallet::Wallet;
use crate::date::{parse_date, Date};
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::{MAX_SIMULATION_GRANTS, MAX_TIMELINE_EVENTS, MAX_USAGE_EVENTS, MAX_WINDOW_DAYS};
use crate::money::{self, DecimalString, Measure, RoundingMode};
use crate::book::PriceBook;
use crate::rate_card::PlanRef;
use crate::rate_card::{monthly_only, Period, Plan, RateCard};
use crate::request::{Grant, SimulateRequest};

/// The result of a simulation. Credits in the card's unit; `spent` in the
/// card's `currency`, to its minor unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    /// Credits left at the end of the window, available (not held).
    pub balance: DecimalString,
    /// Credits set aside by holds still open at the end of the window (not in `balance`).
    pub held: DecimalString,
    /// Credits that expired or were forfeited unused.
    pub expired: DecimalString,
    /// Usage past the balance, billed afterwards (overage), in credits.
    pub overage: DecimalString,
    /// Everything paid inside the window, in `currency`, rounded half-up to
    /// its minor unit: subscription charges at cycle starts, renewals,
    /// upgrades, packs, blocks, units, top-ups, auto-reloads, overage.
    pub spent: DecimalString,
    /// ISO 4217 code of `spent`, the card's currency.
    pub currency: String,
    /// Deprecated: the same as `spent` (kept for one release; it names a
    /// currency the card may not use).
    ///
    /// @deprecated Use `spent` and `currency`.
    #[deprecated(note = "use `spent` and `currency`")]
    pub spent_usd: DecimalString,
    /// The plan at the end of the window (after upgrades).
    pub plan: String,
    /// The version of the price book in force on the window's last day.
    pub version: String,
    /// Credits granted in the window: every grant's amount (plan cycles,
    /// renewals, packs, reloads, upgrades).
    pub credits_granted: DecimalString,
    /// Credits used: granted − expired − balance − held (burned by usage and
    /// settled holds; overage is apart).
    pub credits_used: DecimalString,
    /// Usage events that could not run (the balance short without overage,
    /// the plan ended, the feature no longer offered).
    pub refused: usize,
    /// Every grant issued, in issue order.
    pub grants: Vec<Grant>,
    /// What happened, in order.
    pub events: Vec<Event>,
}

/// A recurring add-on bought in the window: renews at each cycle boundary
/// `months` after it was bought (the plan's product of that billing period).
pub(super) struct Addon {
    pub quantity: Measure,
    pub seats: Option<Measure>,
    pub billing: Period,
    pub start_cycle: i32,
    pub months: i32,
}

/// One scheduled event of the request: its kind and its index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Cancel,
    Upgrade(usize),
    Purchase(usize),
    UnitChange(usize),
    Hold(usize),
    Settle(usize),
    Usage(usize),
}

/// The state of a simulation in progress, by concern: the prices (the
/// versions and the request), the subscription, the current cycle, the
/// wallet of grants, and the log of what happened.
pub(super) struct Sim<'a> {
    /// The version whose plans are in force this period (it changes at a
    /// renewal on or after a newer version's `effectiveFrom`).
    pub card: &'a RateCard,
    /// Every version, for usage priced at the rates in force that day.
    pub book: &'a PriceBook,
    /// The index of `card` in `book`.
    pub version: usize,
    pub req: &'a SimulateRequest,
    pub sub: Subscription,
    pub cycle: Cycle,
    pub wallet: Wallet,
    pub log: Log,
    /// Open holds by id, in the order made.
    pub holds: IndexMap<String, OpenHold>,
    /// Ids of holds settled or expired.
    pub settled: HashSet<String>,
}

/// A hold in progress: the last day it may be settled, the most the job can
/// cost, what it set aside from each grant, and the version it was priced by.
pub(super) struct OpenHold {
    pub through: Date,
    pub credits: Decimal,
    pub taken: Vec<(usize, Decimal)>,
    pub version: usize,
}

/// The subscription: its plan, its billing calendar, whether it runs, the
/// day a cancellation ends it, its recurring add-ons.
pub(super) struct Subscription {
    pub plan_id: String,
    pub calendar: Calendar,
    pub active: bool,
    pub ends_at: Option<Date>,
    pub addons: Vec<Addon>,
}

/// The current billing cycle: usage by feature (for allowances), credits
/// past the balance (billed once when it ends), its plan grant and what was
/// burned from it (auto-renew measures its use).
#[derive(Default)]
pub(super) struct Cycle {
    pub usage: IndexMap<String, Decimal>,
    pub overage: Decimal,
    pub grant: Option<usize>,
    pub plan_used: Decimal,
}

/// What happened: the events, the money paid, the overage billed, and what
/// the events logged now come from.
pub(super) struct Log {
    pub events: Vec<Event>,
    pub spent: Decimal,
    pub overage: Decimal,
    /// The action running, else the calendar.
    pub cause: Cause,
    /// Usage events that could not run.
    pub refused: usize,
}

impl<'a> Sim<'a> {
    /// The current plan.
    pub(super) fn plan(&self) -> Result<PlanRef<'a>> {
        self.card.plan(Some(&self.sub.plan_id))
    }

    /// Logs an event; its balance is the wallet's after it.
    pub(super) fn event(&mut self, day: Date, kind: EventKind, credits: Decimal, grant: Option<String>, note: String) {
        let balance = self.wallet.balance();
        self.event_leaving(day, kind, credits, grant, note, balance);
    }

    /// Logs an event that left `balance` (a part of a usage split across
    /// grants: the wallet's balance after that part, not after the whole).
    pub(super) fn event_leaving(
        &mut self,
        day: Date,
        kind: EventKind,
        credits: Decimal,
        grant: Option<String>,
        note: String,
        balance: Decimal,
    ) {
        // Money on a wallet card with at least the cents ("4.50"); credits without trailing zeros.
        let balance = self.card.shape_amount(balance).into();
        self.log.events.push(Event {
            at: day.to_string(),
            kind,
            credits: self.card.shape_amount(credits).into(),
            balance,
            grant,
            cause: self.log.cause,
            note,
        });
    }

    /// The card whose rates price usage on `day`: the version in force then.
    pub(super) fn usage_card(&self, day: Date) -> &'a RateCard {
        self.book.version(self.book.in_force(Some(day)).unwrap_or(self.version))
    }

    /// At a renewal on `day`: a newer version in force takes over the plan's
    /// price and allowances (a subscriber keeps the price paid for the period
    /// until then). A version without this plan leaves it as it was.
    pub(super) fn renewal_prices(&mut self, day: Date) {
        let Ok(now) = self.book.in_force(Some(day)) else { return };
        let card = self.book.version(now);
        if now > self.version && card.plans.contains_key(&self.sub.plan_id) {
            self.card = card;
            self.version = now;
            let note = format!("renewal at the prices of version {} of rate card \"{}\"", card.version, card.id);
            self.event(day, EventKind::PriceChange, Decimal::ZERO, None, note);
        }
    }

    /// A price for a note: `"5.00 USD"`.
    pub(super) fn usd(&self, amount: Decimal) -> String {
        self.card.money().show(amount)
    }

    /// Refuses to issue more than [`MAX_SIMULATION_GRANTS`] grants.
    ///
    /// # Errors
    /// `invalid_request` once the simulation has issued that many.
    pub(super) fn room_for_a_grant(&self) -> Result<()> {
        if self.wallet.issued() >= MAX_SIMULATION_GRANTS {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!(
                    "the simulation would issue more than {MAX_SIMULATION_GRANTS} credit grants (purchases, renewals, auto-reloads): shorten the window, or reload more at a time"
                ),
            ));
        }
        Ok(())
    }

    /// Adds `amount` to what was spent.
    pub(super) fn charge(&mut self, amount: Decimal) -> Result<()> {
        self.log.spent = money::add(self.log.spent, amount, "spentUsd")?;
        Ok(())
    }

    /// Forfeits grant `i` on `day`, saying why.
    pub(super) fn forfeit(&mut self, day: Date, i: usize, why: &str) {
        if let Some(f) = self.wallet.forfeit(i) {
            let note = format!("{why}: {} unused (issued {})", money::plain(f.credits), f.issued);
            self.event(day, EventKind::Expire, f.credits, Some(f.id), note);
        }
    }

    /// What happens on `day` before its events: expiry, the end of a
    /// cancelled plan, a new cycle.
    fn open_day(&mut self, day: Date) -> Result<()> {
        self.expire_holds(day, false)?;
        for i in self.wallet.due(day) {
            self.forfeit(day, i, "expired");
        }
        if self.sub.ends_at == Some(day) {
            self.settle_overage(day)?;
            self.expire_holds(day, true)?;
            for i in self.wallet.live() {
                self.forfeit(day, i, "forfeited: the plan was cancelled");
            }
            self.sub.active = false;
            self.sub.addons.clear();
        }
        let takes_effect = (1..self.book.versions().len()).find(|&k| self.book.effective_from(k) == Some(day));
        if let Some(k) = takes_effect {
            let note = self.price_change_note(k)?;
            self.event(day, EventKind::PriceChange, Decimal::ZERO, None, note);
        }
        let plan = self.plan()?;
        if self.sub.active && plan.subscription && day == self.sub.calendar.next_cycle {
            self.new_cycle(day)?;
        }
        Ok(())
    }

    /// What version `k`, taking effect today, changes today and when the
    /// rest changes: usage and one-time purchases now; a subscription's price
    /// and allowance at the renewal of its own billing period (an annual
    /// plan's at its annual renewal). A wallet with no subscription has no
    /// renewal to speak of.
    fn price_change_note(&self, k: usize) -> Result<String> {
        let card = self.book.version(k);
        let head = format!("version {} of rate card \"{}\" takes effect", card.version, card.id);
        if !self.plan()?.subscription {
            return Ok(format!("{head}: usage and top-ups are priced at its rates from today"));
        }
        if !self.sub.active || self.sub.ends_at.is_some() {
            return Ok(format!("{head}: usage is priced at its rates from today"));
        }
        let (_, renewal) = self.sub.calendar.billing_window()?;
        let period = if self.sub.calendar.billing == Period::Year { "annual" } else { "monthly" };
        Ok(format!(
            "{head}: usage and one-time purchases are priced at its rates from today; your plan's price and allowance change at the {period} renewal on {renewal}"
        ))
    }

    fn run(&mut self, day: Date, action: Action) -> Result<()> {
        self.log.cause = match action {
            Action::Cancel => Cause { by: CauseKind::CancelAt, index: None },
            Action::Upgrade(i) => Cause::entry(CauseKind::Upgrades, i),
            Action::Purchase(i) => Cause::entry(CauseKind::Purchases, i),
            Action::UnitChange(i) => Cause::entry(CauseKind::UnitChanges, i),
            Action::Usage(i) => Cause::entry(CauseKind::Usage, i),
            Action::Hold(i) => Cause::entry(CauseKind::Holds, i),
            Action::Settle(i) => Cause::entry(CauseKind::Settlements, i),
        };
        let done = self.act(day, action);
        self.log.cause = Cause::CALENDAR;
        done
    }

    fn act(&mut self, day: Date, action: Action) -> Result<()> {
        let req = self.req;
        if !self.sub.active && !matches!(action, Action::Cancel | Action::Usage(_) | Action::Hold(_) | Action::Settle(_)) {
            return self.not_carried_out(day, action);
        }
        match action {
            Action::Cancel => self.cancel(day),
            Action::Upgrade(i) => req.upgrades.get(i).map_or(Ok(()), |u| self.upgrade(day, i, u)),
            Action::Purchase(i) => req.purchases.get(i).map_or(Ok(()), |p| self.purchase(day, i, p)),
            Action::UnitChange(i) => req.unit_changes.get(i).map_or(Ok(()), |c| self.unit_change(day, i, c)),
            Action::Usage(i) => req.usage.get(i).map_or(Ok(()), |u| self.usage(day, i, u)),
            Action::Hold(i) => req.holds.get(i).map_or(Ok(()), |h| self.hold(day, i, h)),
            Action::Settle(i) => req.settlements.get(i).map_or(Ok(()), |s| self.settle(day, i, s)),
        }
    }
}

impl Sim<'_> {
    /// A purchase, unit change or upgrade dated after the plan ended: logged
    /// with the reason and nothing charged (“How to Use Generative Credits
    /// (GenCredits) Packs”: an add-on needs an active subscription; AI
    /// Studios: “Add-ons require an active AI Studios subscription”).
    fn not_carried_out(&mut self, day: Date, action: Action) -> Result<()> {
        let ended = self.sub.ends_at.map(|d| format!(" on {d}")).unwrap_or_default();
        let (kind, what) = match action {
            Action::Upgrade(i) => (EventKind::Upgrade, format!("upgrades[{i}]: not upgraded")),
            Action::UnitChange(i) => (EventKind::UnitChange, format!("unitChanges[{i}]: units not changed")),
            Action::Purchase(i) => (EventKind::Purchase, format!("purchases[{i}]: not bought")),
            Action::Cancel | Action::Usage(_) | Action::Hold(_) | Action::Settle(_) => return Ok(()),
        };
        let note = format!("{what}: the plan ended{ended}, nothing charged");
        self.event(day, kind, Decimal::ZERO, None, note);
        Ok(())
    }
}

/// The plan's billing period: `month` (default) or `year`.
fn billing(req: &SimulateRequest) -> Result<Period> {
    match req.billing {
        None | Some(Period::Month) => Ok(Period::Month),
        Some(Period::Year) => Ok(Period::Year),
        Some(Period::Once) => Err(Error::at(ErrorKind::InvalidRequest, "billing", "\"month\" or \"year\"")),
    }
}

/// `not_available` at `field`: plan `plan_id` does not offer `what`; the
/// message names the plans that do, or says that none does.
fn not_offered(card: &RateCard, plan_id: &str, field: &str, what: &str, offers: impl Fn(&Plan) -> bool) -> Error {
    let on: Vec<&str> = card.plans.iter().filter(|(_, p)| offers(p)).map(|(k, _)| k.as_str()).collect();
    let others = if on.is_empty() {
        format!("no plan of rate card \"{}\" does", card.id)
    } else {
        format!("plans that do: {}", one_of(on))
    };
    Error::at(ErrorKind::NotAvailable, field, format!("plan \"{plan_id}\" does not offer {what}; {others}"))
}

/// What the request asks of the plan, checked before the walk.
fn check(card: &RateCard, plan: PlanRef<'_>, req: &SimulateRequest) -> Result<()> {
    if req.usage.len() > MAX_USAGE_EVENTS {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "usage",
            format!("at most {MAX_USAGE_EVENTS} events, got {}", req.usage.len()),
        ));
    }
    let events = [req.usage.len(), req.purchases.len(), req.upgrades.len(), req.unit_changes.len(), req.holds.len(), req.settlements.len()]
        .iter()
        .fold(0usize, |a, n| a.saturating_add(*n));
    if events > MAX_TIMELINE_EVENTS {
        return Err(Error::new(
            ErrorKind::InvalidRequest,
            format!("usage, purchases, upgrades, unitChanges, holds, settlements: at most {MAX_TIMELINE_EVENTS} events together, got {events}"),
        ));
    }
    if let (Period::Year, Some(why)) = (billing(req)?, plan.monthly_only.as_ref()) {
        return Err(monthly_only(&plan, why));
    }
    if req.auto_reload.is_some() && !plan.auto_reload {
        return Err(not_offered(card, plan.id, "autoReload", "auto-reload", |p| p.auto_reload));
    }
    if req.allow_overage && plan.overage_price.is_none() {
        return Err(not_offered(card, plan.id, "allowOverage", "Allow Overage", |p| p.overage_price.is_some()));
    }
    if req.auto_renew && plan.auto_renew_at.is_none() {
        return Err(not_offered(card, plan.id, "autoRenew", "auto-renew", |p| p.auto_renew_at.is_some()));
    }
    if req.cancel_at.is_some() && !plan.subscription {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "cancelAt",
            format!("plan \"{}\" has no subscription, so there is nothing to cancel: the prepaid balance stays until it is spent", plan.id),
        ));
    }
    let recurring = |p: &Plan| p.products.iter().filter_map(|id| card.products.get(id)).any(|x| x.is_recurring_addon());
    if !req.unit_changes.is_empty() && !recurring(&plan) {
        return Err(not_offered(card, plan.id, "unitChanges", "recurring add-on units", recurring));
    }
    Ok(())
}

/// Every event of the request by day, in the order a day runs them.
fn schedule(req: &SimulateRequest, start: Date, until: Date) -> Result<BTreeMap<Date, Vec<Action>>> {
    let mut days: BTreeMap<Date, Vec<Action>> = BTreeMap::new();
    let mut add = |text: &str, list: &str, index: Option<usize>, action: Action| -> Result<()> {
        // `cancelAt`, or `usage[2].at`.
        let place = |e: Error| match index {
            Some(i) => e.context(i).context(list),
            None => e,
        };
        let field = if index.is_some() { "at" } else { list };
        let day = parse_date(text, field).map_err(place)?;
        if day < start || day > until {
            return Err(place(Error::at(
                ErrorKind::InvalidRequest,
                field,
                format!("{day} is outside the window {start} to {until}"),
            )));
        }
        days.entry(day).or_default().push(action);
        Ok(())
    };
    if let Some(c) = &req.cancel_at {
        add(c, "cancelAt", None, Action::Cancel)?;
    }
    for (i, u) in req.upgrades.iter().enumerate() {
        add(&u.at, "upgrades", Some(i), Action::Upgrade(i))?;
    }
    for (i, p) in req.purchases.iter().enumerate() {
        add(&p.at, "purchases", Some(i), Action::Purchase(i))?;
    }
    for (i, c) in req.unit_changes.iter().enumerate() {
        add(&c.at, "unitChanges", Some(i), Action::UnitChange(i))?;
    }
    for (i, u) in req.usage.iter().enumerate() {
        add(&u.at, "usage", Some(i), Action::Usage(i))?;
    }
    // Each hold's id once: a set, not a scan of the holds before it (10,000 holds are allowed).
    let mut ids = HashSet::with_capacity(req.holds.len());
    for (i, h) in req.holds.iter().enumerate() {
        if !ids.insert(h.id.as_str()) {
            return Err(Error::at(ErrorKind::InvalidRequest, "id", format!("another hold has id \"{}\": each hold's id is its own", h.id)).context(i).context("holds"));
        }
        add(&h.at, "holds", Some(i), Action::Hold(i))?;
    }
    for (i, s) in req.settlements.iter().enumerate() {
        if !ids.contains(s.hold.as_str()) {
            return Err(Error::at(ErrorKind::InvalidRequest, "hold", format!("no hold has id \"{}\"", s.hold)).context(i).context("settlements"));
        }
        add(&s.at, "settlements", Some(i), Action::Settle(i))?;
    }
    for actions in days.values_mut() {
        // The standard sort: one day may hold thousands of events.
        actions.sort();
    }
    Ok(days)
}

/// Simulates the wallet of `plan` over the request's window.
///
/// # Errors
/// `invalid_request` for a bad date, an event outside the window, a window
/// over [`MAX_WINDOW_DAYS`] or more than [`MAX_USAGE_EVENTS`] usage events;
/// `not_available` for auto-reload, overage, auto-renew or unit changes on
/// a plan without them; `invalid_request` for `cancelAt` on a plan that is
/// no subscription, a unit change that raises the units, or an upgrade that
/// is a downgrade; and
/// any error of a quote or a purchase for an event, with the event's path
/// (`usage[2].seconds: …`).
pub fn simulate(book: &PriceBook, first: usize, plan: PlanRef<'_>, req: &SimulateRequest) -> Result<Simulation> {
    let card = book.version(first);
    let start = parse_date(&req.start, "start")?;
    let until = parse_date(&req.until, "until")?;
    if until < start || start.days_until(until) > MAX_WINDOW_DAYS {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "until",
            format!("must be from start to {MAX_WINDOW_DAYS} days after it, got {start} to {until}"),
        ));
    }
    check(card, plan, req)?;
    let mut days = schedule(req, start, until)?;
    let mut sim = Sim {
        card,
        book,
        version: first,
        req,
        sub: Subscription {
            plan_id: plan.id.to_string(),
            calendar: Calendar::starting(start, billing(req)?)?,
            active: true,
            ends_at: None,
            addons: Vec::new(),
        },
        cycle: Cycle::default(),
        wallet: Wallet::default(),
        log: Log { events: Vec::new(), spent: Decimal::ZERO, overage: Decimal::ZERO, cause: Cause::CALENDAR, refused: 0 },
        holds: IndexMap::new(),
        settled: HashSet::new(),
    };
    sim.start_cycle(start, EventKind::Grant, "subscription starts")?;
    let mut day = start;
    while day <= until {
        if day > start {
            sim.open_day(day)?;
        }
        for action in days.remove(&day).unwrap_or_default() {
            sim.run(day, action)?;
        }
        day = add_days(day, 1)?;
    }
    // The cycle in progress when the window ends: its overage so far.
    sim.settle_overage(until)?;
    let spent = card.money().round(sim.log.spent, RoundingMode::HalfUp).into();
    let held = sim.holds.values().flat_map(|h| h.taken.iter().map(|(_, c)| *c)).fold(Decimal::ZERO, Decimal::saturating_add);
    let granted = sim.wallet.granted();
    let kept = money::add(money::add(sim.wallet.expired, sim.wallet.balance(), "credits")?, held, "credits")?;
    let used = money::sub(granted, kept, "credits")?;
    let version = book.version(book.in_force(Some(until)).unwrap_or(sim.version)).version.clone();
    #[allow(deprecated)]
    Ok(Simulation {
        balance: card.shape_amount(sim.wallet.balance()).into(),
        held: card.shape_amount(held).into(),
        plan: sim.sub.plan_id.clone(),
        version,
        credits_granted: card.shape_amount(granted).into(),
        credits_used: card.shape_amount(used).into(),
        refused: sim.log.refused,
        expired: card.shape_amount(sim.wallet.expired).into(),
        overage: money::plain(sim.log.overage).into(),
        spent,
        currency: card.currency.clone(),
        spent_usd: spent,
        grants: sim.wallet.into_grants(|v| card.shape_amount(v)),
        events: sim.log.events,
    })
}
