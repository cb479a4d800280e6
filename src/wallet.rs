//! The wallet over time: credit grants, burn-down, expiry, rollover,
//! purchases, auto-reload, auto-renew, overage, upgrades and cancellation.
//!
//! [`RateEngine::simulate`] walks a window day by day. Each day, in order:
//! grants that expire that day expire; a cancelled plan ends at the end of
//! its billing period (everything left is forfeited); a new cycle starts
//! (what is left rolls over, the subscription is charged at a billing
//! boundary, the plan's credits are granted, recurring add-ons renew); then
//! the day's upgrades, purchases and usage run in that order, each kind in
//! request order.
//!
//! **Burn-down order**: usage burns the grant that expires soonest first (a
//! grant that never expires comes last), then the oldest, then the first
//! issued. The same order is used by `quote` when given grants.
//!
//! Invariant: credits granted = credits used + expired + remaining; overage
//! (usage past the balance, billed afterwards) is counted apart.

use crate::date::Date;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::RateEngine;
use crate::error::{Error, ErrorKind, Result};
use crate::metering::meter;
use crate::money::{self, decimal_string, Amount};
use crate::purchase::BuyPacksRequest;
use crate::quote::{opt_amount, Item, OptionValue};
use crate::rate_card::{Expiry, Period, Plan, ProductKind};

/// Most usage events in one simulation.
pub const MAX_USAGE_EVENTS: usize = 10_000;
/// Longest window simulated, in days (about ten years).
pub const MAX_WINDOW_DAYS: i32 = 3_660;
/// Most auto-reloads one usage event may trigger.
const MAX_RELOADS_PER_USAGE: u32 = 1_000;

/// A simulation request. Dates are ISO `YYYY-MM-DD`; the window runs from
/// `start` to `until`, both included; the subscription starts at `start`.
///
/// JS shape: `{ plan?, billing?: "month" | "year", start, until, usage?: [UsageEvent],
/// purchases?: [PurchaseEvent], autoReload?: { threshold, quantity }, allowOverage?,
/// cancelAt?, upgrades?: [{ at, plan }] }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulateRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// Billing period of the subscription: `month` (default) or `year`.
    #[serde(default)]
    pub billing: Option<Period>,
    /// First day, `YYYY-MM-DD`; the subscription starts here.
    pub start: String,
    /// Last day simulated, `YYYY-MM-DD`, included.
    pub until: String,
    /// Generations, each a feature with seconds or quantity on a day.
    #[serde(default)]
    pub usage: Vec<UsageEvent>,
    /// Purchases of the plan's products (packs, blocks, units, top-ups).
    #[serde(default)]
    pub purchases: Vec<PurchaseEvent>,
    /// Buy `quantity` of the plan's product whenever the balance falls below
    /// `threshold` (where the plan offers auto-reload).
    #[serde(default)]
    pub auto_reload: Option<AutoReload>,
    /// Let usage go past the balance, billed afterwards at the plan's
    /// overage price (where the card offers it).
    #[serde(default)]
    pub allow_overage: bool,
    /// Cancel on this day: access continues to the end of the billing
    /// period, then unused credits are forfeited.
    #[serde(default)]
    pub cancel_at: Option<String>,
    /// Mid-cycle upgrades to other plans.
    #[serde(default)]
    pub upgrades: Vec<UpgradeEvent>,
}

/// One generation on a day: `{ at, feature, seconds | quantity, options? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct UsageEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// Feature id.
    pub feature: String,
    /// Duration in seconds, for features metered by time.
    #[serde(default, deserialize_with = "opt_amount", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub seconds: Option<Decimal>,
    /// Count, for counted features.
    #[serde(default, deserialize_with = "opt_amount", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub quantity: Option<Decimal>,
    /// Option id → value.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
}

/// A purchase on a day: `{ at, quantity, billing?, seats? }` of the plan's product.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PurchaseEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// Units of the product.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub quantity: Amount,
    /// Which product by billing period, as in `buyPacks`.
    #[serde(default)]
    pub billing: Option<Period>,
    /// Seats, for products priced per seat.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub seats: Option<Amount>,
}

/// Auto-reload settings: `{ threshold: "100", quantity: 2 }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct AutoReload {
    /// Reload when the balance falls below this, in the card's unit.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub threshold: Decimal,
    /// Units of the plan's product bought at each reload.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | string"))]
    pub quantity: Amount,
}

/// An upgrade on a day: `{ at, plan }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct UpgradeEvent {
    /// The day, `YYYY-MM-DD`.
    pub at: String,
    /// The new plan's id.
    pub plan: String,
}

/// The result of a simulation. Credits in the card's unit; `spentUsd` in
/// the card's currency to the cent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    /// Credits left at the end of the window.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance: Decimal,
    /// Credits that expired or were forfeited unused.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub expired: Decimal,
    /// Usage past the balance, billed afterwards (overage), in credits.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub overage: Decimal,
    /// Everything paid inside the window: subscription charges at cycle
    /// starts, packs, blocks, units, top-ups, auto-reloads, overage.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub spent_usd: Decimal,
    /// Every grant issued, in issue order.
    pub grants: Vec<Grant>,
    /// What happened, in order.
    pub events: Vec<Event>,
}

/// A credit grant: `amount` credits issued on `issuedAt`, `remaining` of
/// them left, expiring on `expiresAt` (absent: never, but cancellation
/// forfeits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    /// `g1`, `g2`, … in issue order.
    pub id: String,
    /// Where it came from: `plan creator, cycle of 2026-01-01`, `2 × 100-credit block`.
    pub source: String,
    /// Credits granted.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub amount: Decimal,
    /// Credits left.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub remaining: Decimal,
    /// Day issued.
    pub issued_at: String,
    /// Day it expires, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    /// Usage past the balance, billed afterwards.
    Overage,
    /// A mid-cycle upgrade: prorated charge and extra credits.
    Upgrade,
    /// A cancellation.
    Cancel,
}

/// One event: on `at`, `kind` moved `credits`, leaving `balance`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The day.
    pub at: String,
    /// What happened.
    pub kind: EventKind,
    /// Credits granted, burned, expired or carried (always ≥ 0).
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub credits: Decimal,
    /// The balance after the event.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance: Decimal,
    /// The grant concerned, if one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant: Option<String>,
    /// For people: what and why, with any USD charged.
    pub note: String,
}

/// A grant as the burn-down order sees it.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub id: String,
    pub remaining: Decimal,
    pub issued: Date,
    pub expires: Option<Date>,
    pub seq: usize,
    /// Granted by the plan itself (a cycle's or an upgrade's credits), not bought.
    pub from_plan: bool,
}

/// Burns `amount` from `grants` in burn-down order (soonest expiry, then
/// oldest, then first issued); returns `(grant index, credits)` per grant
/// touched and what could not be covered.
pub(crate) fn burn(grants: &mut [Held], amount: Decimal) -> (Vec<(usize, Decimal)>, Decimal) {
    let mut order: Vec<usize> = (0..grants.len())
        .filter(|i| grants.get(*i).is_some_and(|g| g.remaining > Decimal::ZERO))
        .collect();
    order.sort_by_key(|i| {
        grants
            .get(*i)
            .map(|g| (g.expires.is_none(), g.expires, g.issued, g.seq))
    });
    let mut left = amount;
    let mut taken = Vec::new();
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(g) = grants.get_mut(i) {
            // take ≤ both, so neither subtraction can overflow.
            let take = g.remaining.min(left);
            g.remaining = g.remaining.checked_sub(take).unwrap_or(Decimal::ZERO);
            left = left.checked_sub(take).unwrap_or(Decimal::ZERO);
            taken.push((i, take));
        }
    }
    (taken, left)
}

/// Parses an ISO date; the error names `field`.
pub(crate) fn parse_date(text: &str, field: &str) -> Result<Date> {
    text.parse::<Date>().map_err(|e| {
        Error::new(
            ErrorKind::InvalidRequest,
            format!("{field}: expected a date YYYY-MM-DD, got \"{text}\" ({e})"),
        )
    })
}

fn add_months(anchor: Date, months: i32) -> Result<Date> {
    anchor
        .checked_add_months(months)
        .ok_or_else(|| Error::new(ErrorKind::InvalidRequest, "dates: out of the supported range"))
}

fn add_days(day: Date, days: i32) -> Result<Date> {
    day.checked_add_days(days)
        .ok_or_else(|| Error::new(ErrorKind::InvalidRequest, "dates: out of the supported range"))
}

fn days_between(a: Date, b: Date) -> i32 {
    a.days_until(b)
}

/// A recurring add-on bought in the window: renews at each cycle boundary
/// `months` after it was bought (the plan's product of that billing period).
struct Addon {
    quantity: Amount,
    seats: Option<Amount>,
    billing: Period,
    start_cycle: i32,
    months: i32,
}

enum Action {
    Cancel,
    Upgrade(usize),
    Purchase(usize),
    Usage(usize),
}

struct Sim<'a> {
    engine: &'a RateEngine,
    req: &'a SimulateRequest,
    plan_id: String,
    billing: Period,
    anchor: Date,
    cycle: i32,
    cycle_start: Date,
    next_cycle: Date,
    active: bool,
    ends_at: Option<Date>,
    grants: Vec<Grant>,
    held: Vec<Held>,
    events: Vec<Event>,
    spent: Decimal,
    overage: Decimal,
    expired: Decimal,
    cycle_usage: IndexMap<String, Decimal>,
    cycle_used: Decimal,
    addons: Vec<Addon>,
}

impl<'a> Sim<'a> {
    fn plan(&self) -> Result<&'a Plan> {
        self.engine.plan(Some(&self.plan_id)).map(|(_, p)| p)
    }

    fn balance(&self) -> Decimal {
        self.held.iter().map(|g| g.remaining).sum()
    }

    fn event(&mut self, day: Date, kind: EventKind, credits: Decimal, grant: Option<String>, note: String) {
        let balance = money::plain(self.balance());
        self.events.push(Event {
            at: day.to_string(),
            kind,
            credits: money::plain(credits),
            balance,
            grant,
            note,
        });
    }

    fn usd(&self, amount: Decimal) -> String {
        format!("{} {}", money::cents(amount), self.engine.card().currency)
    }

    fn billing_window(&self) -> Result<(Date, Date)> {
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

    fn plan_price(&self, plan: &Plan) -> Option<Decimal> {
        match self.billing {
            Period::Year => plan
                .annual_price
                .or_else(|| plan.price.and_then(|p| p.checked_mul(Decimal::from(12)))),
            _ => plan.price,
        }
    }

    fn expiry(&self, rule: Expiry, day: Date) -> Result<Option<Date>> {
        Ok(match rule {
            Expiry::Cycles { count } => Some(add_months(
                self.anchor,
                self.cycle.saturating_add(count.min(1200) as i32),
            )?),
            Expiry::Days { count } => Some(add_days(day, count.min(100_000) as i32)?),
            Expiry::Renewal => Some(self.billing_window()?.1),
            Expiry::Never => None,
        })
    }

    fn plan_rule(&self) -> Expiry {
        match (self.engine.card().wallet.as_ref(), self.billing) {
            (Some(w), Period::Year) => w.annual_billing,
            (Some(w), _) => w.monthly_billing,
            (None, _) => Expiry::Never,
        }
    }

    /// Issues a grant. `held` is the one live record of what is left; the
    /// output `grants` take their `remaining` from it at the end.
    fn issue(&mut self, day: Date, amount: Decimal, source: String, expires: Option<Date>, from_plan: bool) -> String {
        let seq = self.grants.len();
        let id = format!("g{}", seq.saturating_add(1));
        self.grants.push(Grant {
            id: id.clone(),
            source,
            amount: money::plain(amount),
            remaining: amount,
            issued_at: day.to_string(),
            expires_at: expires.map(|d| d.to_string()),
        });
        self.held.push(Held {
            id: id.clone(),
            remaining: amount,
            issued: day,
            expires,
            seq,
            from_plan,
        });
        id
    }

    /// Charges the subscription (at a billing boundary) and grants the plan's credits.
    fn start_cycle(&mut self, day: Date, kind: EventKind, why: &str) -> Result<()> {
        let plan = self.plan()?;
        let charge = if self.billing != Period::Year || self.cycle % 12 == 0 {
            match self.plan_price(plan) {
                Some(p) => {
                    self.spent = money::add(self.spent, p, "spentUsd")?;
                    format!("; charged {}", self.usd(p))
                }
                None => "; the plan's own price is not published".to_string(),
            }
        } else {
            String::new()
        };
        if plan.included > Decimal::ZERO || kind == EventKind::AutoRenew {
            let expires = self.expiry(self.plan_rule(), day)?;
            let id = self.issue(
                day,
                plan.included,
                format!("plan {}, cycle of {day}", self.plan_id),
                expires,
                true,
            );
            let until = expires.map(|d| format!(", expiring {d}")).unwrap_or_default();
            self.event(
                day,
                kind,
                plan.included,
                Some(id),
                format!(
                    "{why}: {} {} from plan {}{until}{charge}",
                    money::plain(plan.included),
                    self.engine.card().unit,
                    plan.name
                ),
            );
        } else if !charge.is_empty() && plan.price.is_some() {
            self.event(
                day,
                kind,
                Decimal::ZERO,
                None,
                format!("{why}: plan {}{charge}", plan.name),
            );
        }
        self.cycle_usage.clear();
        self.cycle_used = Decimal::ZERO;
        Ok(())
    }

    fn expire_due(&mut self, day: Date) {
        let due: Vec<usize> = (0..self.held.len())
            .filter(|i| {
                self.held
                    .get(*i)
                    .is_some_and(|g| g.remaining > Decimal::ZERO && g.expires.is_some_and(|e| e <= day))
            })
            .collect();
        for i in due {
            self.forfeit(day, i, "expired");
        }
    }

    fn forfeit(&mut self, day: Date, i: usize, why: &str) {
        let Some(g) = self.held.get_mut(i) else { return };
        let left = g.remaining;
        g.remaining = Decimal::ZERO;
        let (id, issued) = (g.id.clone(), g.issued);
        self.expired = self.expired.checked_add(left).unwrap_or(Decimal::MAX);
        self.event(
            day,
            EventKind::Expire,
            left,
            Some(id),
            format!("{why}: {} unused (issued {issued})", money::plain(left)),
        );
    }

    fn new_cycle(&mut self, day: Date) -> Result<()> {
        self.cycle = self.cycle.saturating_add(1);
        self.cycle_start = day;
        self.next_cycle = add_months(self.anchor, self.cycle.saturating_add(1))?;
        let carried = self.balance();
        if carried > Decimal::ZERO {
            self.event(
                day,
                EventKind::Rollover,
                carried,
                None,
                format!(
                    "{} {} carried into the cycle starting {day}",
                    money::plain(carried),
                    self.engine.card().unit
                ),
            );
        }
        self.start_cycle(day, EventKind::Grant, "new cycle")?;
        let due: Vec<usize> = (0..self.addons.len())
            .filter(|i| {
                self.addons
                    .get(*i)
                    .is_some_and(|a| self.cycle.saturating_sub(a.start_cycle).checked_rem(a.months) == Some(0))
            })
            .collect();
        for i in due {
            if let Some(a) = self.addons.get(i) {
                let (quantity, seats, billing) = (a.quantity, a.seats, a.billing);
                self.buy(
                    day,
                    quantity,
                    seats,
                    Some(billing),
                    EventKind::Purchase,
                    "renews with the subscription",
                    "purchases",
                )?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn buy(
        &mut self,
        day: Date,
        quantity: Amount,
        seats: Option<Amount>,
        billing: Option<Period>,
        kind: EventKind,
        why: &str,
        at: &str,
    ) -> Result<String> {
        let req = BuyPacksRequest {
            plan: Some(self.plan_id.clone()),
            quantity,
            seats,
            billing,
        };
        let p = self
            .engine
            .buy_packs(&req)
            .map_err(|e| Error::new(e.kind(), format!("{at}.{}", e.message())))?;
        let card = self.engine.card();
        let product = card
            .products
            .get(&p.product)
            .ok_or_else(|| Error::new(ErrorKind::InvalidRateCard, "products: missing"))?;
        let rule = product
            .expiry
            .or(card.wallet.as_ref().map(|w| w.purchases))
            .unwrap_or(Expiry::Never);
        let expires = self.expiry(rule, day)?;
        self.spent = money::add(self.spent, p.price, "spentUsd")?;
        let id = self.issue(
            day,
            p.credits,
            format!("{} × {}", p.quantity, product.name),
            expires,
            false,
        );
        let until = expires.map(|d| format!(", expiring {d}")).unwrap_or_default();
        let what = if product.kind == ProductKind::TopUp {
            "top-up".to_string()
        } else {
            format!("{} × {}", p.quantity, product.name)
        };
        self.event(
            day,
            kind,
            p.credits,
            Some(id),
            format!("{why}: {what} for {}{until}", self.usd(p.price)),
        );
        Ok(p.product)
    }

    fn reload(&mut self, day: Date) -> Result<bool> {
        let (Some(auto), true) = (self.req.auto_reload.as_ref(), self.plan()?.auto_reload) else {
            return Ok(false);
        };
        let quantity = auto.quantity;
        self.buy(
            day,
            quantity,
            None,
            None,
            EventKind::AutoReload,
            &format!("balance below {}", money::plain(auto.threshold)),
            "autoReload",
        )?;
        Ok(true)
    }

    fn usage(&mut self, day: Date, i: usize, u: &UsageEvent) -> Result<()> {
        let at = format!("usage[{i}]");
        if !self.active {
            self.event(
                day,
                EventKind::Usage,
                Decimal::ZERO,
                None,
                format!("{at} {}: not run, the plan ended", u.feature),
            );
            return Ok(());
        }
        let item = Item {
            feature: u.feature.clone(),
            seconds: u.seconds,
            quantity: u.quantity,
            options: u.options.clone(),
        };
        let card = self.engine.card();
        let plan = self.plan()?;
        let used = self.cycle_usage.get(&u.feature).copied().unwrap_or(Decimal::ZERO);
        let m = meter(card, &self.plan_id, plan, &item, &at, used, true)?;
        self.cycle_usage
            .insert(u.feature.clone(), money::add(used, m.billed, &at)?);
        let cost = m.amount;
        let mut reloads = 0;
        while cost > self.balance() && reloads < MAX_RELOADS_PER_USAGE && self.reload(day)? {
            reloads = reloads.saturating_add(1);
        }
        let overage_price = plan.overage_price.filter(|_| self.req.allow_overage);
        if cost > self.balance() && overage_price.is_none() {
            let note = format!(
                "{at} {}: not run, needs {} {} and the balance is {}",
                u.feature,
                cost,
                card.unit,
                money::plain(self.balance())
            );
            self.event(day, EventKind::Usage, Decimal::ZERO, None, note);
            return Ok(());
        }
        let (taken, left) = burn(&mut self.held, cost);
        for (g, credits) in taken {
            let id = self.held.get(g).map(|h| h.id.clone());
            self.event(
                day,
                EventKind::Usage,
                credits,
                id,
                format!("{at} {}: {}", u.feature, m.explanation),
            );
        }
        if let (Some(price), true) = (overage_price, left > Decimal::ZERO) {
            let usd = money::cents(money::mul(left, price, "overage")?);
            self.overage = money::add(self.overage, left, "overage")?;
            self.spent = money::add(self.spent, usd, "spentUsd")?;
            self.event(
                day,
                EventKind::Overage,
                left,
                None,
                format!(
                    "{at} {}: {} past the balance, billed afterwards at {} each: {}",
                    u.feature,
                    money::plain(left),
                    self.usd(price),
                    self.usd(usd)
                ),
            );
        }
        self.cycle_used = money::add(self.cycle_used, cost, &at)?;
        if let Some(auto) = &self.req.auto_reload {
            if self.balance() < auto.threshold {
                self.reload(day)?;
            }
        }
        if let Some(share) = plan.auto_renew_at.filter(|_| plan.included > Decimal::ZERO) {
            if self.cycle_used >= money::mul(plan.included, share, "autoRenew")? {
                self.renew(day, share)?;
            }
        }
        Ok(())
    }

    fn renew(&mut self, day: Date, share: Decimal) -> Result<()> {
        let plan_grants: Vec<usize> = (0..self.held.len())
            .filter(|i| {
                self.held
                    .get(*i)
                    .is_some_and(|g| g.from_plan && g.remaining > Decimal::ZERO)
            })
            .collect();
        for g in plan_grants {
            self.forfeit(day, g, "replaced by the auto-renewal");
        }
        self.anchor = day;
        self.cycle = 0;
        self.cycle_start = day;
        self.next_cycle = add_months(day, 1)?;
        let why = format!(
            "auto-renewed once {}% of the cycle's credits were used",
            money::plain(money::mul(share, Decimal::from(100), "autoRenewAt")?)
        );
        self.start_cycle(day, EventKind::AutoRenew, &why)
    }

    fn upgrade(&mut self, day: Date, i: usize, u: &UpgradeEvent) -> Result<()> {
        let at = format!("upgrades[{i}]");
        let old = self.plan()?;
        let (new_id, new) = self
            .engine
            .plan(Some(&u.plan))
            .map_err(|e| Error::new(e.kind(), format!("{at}.{}", e.message())))?;
        let (start, end) = self.billing_window()?;
        let (left, total) = (days_between(day, end), days_between(start, end).max(1));
        let (charge, how) = match (self.plan_price(new), self.plan_price(old)) {
            (Some(n), Some(o)) if n > o => {
                let c = money::cents(money::div(
                    money::mul(money::sub(n, o, &at)?, Decimal::from(left), &at)?,
                    Decimal::from(total),
                    &at,
                )?);
                (c, format!("prorated {} for {left} of {total} days", self.usd(c)))
            }
            (Some(_), Some(_)) => (Decimal::ZERO, "no charge (the new plan does not cost more)".to_string()),
            _ => (Decimal::ZERO, "the price difference is not published".to_string()),
        };
        self.spent = money::add(self.spent, charge, "spentUsd")?;
        let extra = money::sub(new.included, old.included, &at)?;
        let (new_id, new_name, old_name) = (new_id.to_string(), new.name.clone(), old.name.clone());
        self.plan_id = new_id;
        let grant = if extra > Decimal::ZERO {
            let expires = self.expiry(self.plan_rule(), day)?;
            Some(self.issue(
                day,
                extra,
                format!("plan {}, upgrade on {day}", self.plan_id),
                expires,
                true,
            ))
        } else {
            None
        };
        let note = format!(
            "{old_name} → {new_name}: {} extra {} now; {how}",
            money::plain(extra.max(Decimal::ZERO)),
            self.engine.card().unit
        );
        self.event(day, EventKind::Upgrade, extra.max(Decimal::ZERO), grant, note);
        Ok(())
    }
}

impl RateEngine {
    /// Simulates the wallet over a window: see the module docs for the
    /// order of each day and the burn-down order.
    ///
    /// # Errors
    /// `invalid_request` for a bad date, an event outside the window, a
    /// window over [`MAX_WINDOW_DAYS`] or more than [`MAX_USAGE_EVENTS`]
    /// usage events; `not_available` for auto-reload or overage on a plan
    /// without them; and any error of `quote` or `buyPacks` for an event,
    /// with the event's path (`usage[2].seconds: …`).
    ///
    /// # Example
    /// ```
    /// use ratecard::{RateEngine, request};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let sim = engine.simulate(&request::from_json(r#"{
    ///     "plan": "creator", "start": "2026-01-01", "until": "2026-02-15",
    ///     "usage": [{ "at": "2026-01-10", "feature": "avatar_iv", "seconds": 300 }] }"#).unwrap()).unwrap();
    /// assert_eq!(sim.balance.to_string(), "1100"); // 600 − 100, rolled over, + 600
    /// assert_eq!(sim.spent_usd.to_string(), "58.00");
    /// ```
    pub fn simulate(&self, req: &SimulateRequest) -> Result<Simulation> {
        let (plan_id, plan) = self.plan(req.plan.as_deref())?;
        let start = parse_date(&req.start, "start")?;
        let until = parse_date(&req.until, "until")?;
        let window = days_between(start, until);
        if until < start || window > MAX_WINDOW_DAYS {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!("until: must be from start to {MAX_WINDOW_DAYS} days after it, got {start} to {until}"),
            ));
        }
        if req.usage.len() > MAX_USAGE_EVENTS {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!("usage: at most {MAX_USAGE_EVENTS} events, got {}", req.usage.len()),
            ));
        }
        let billing = match req.billing {
            None | Some(Period::Month) => Period::Month,
            Some(Period::Year) => Period::Year,
            Some(Period::Once) => return Err(Error::new(ErrorKind::InvalidRequest, "billing: \"month\" or \"year\"")),
        };
        if req.auto_reload.is_some() && !plan.auto_reload {
            let on: Vec<&str> = self
                .card()
                .plans
                .iter()
                .filter(|(_, p)| p.auto_reload)
                .map(|(k, _)| k.as_str())
                .collect();
            return Err(Error::new(
                ErrorKind::NotAvailable,
                format!(
                    "autoReload: plan \"{plan_id}\" does not offer auto-reload; plans that do: {}",
                    crate::error::one_of(on)
                ),
            ));
        }
        if req.allow_overage && plan.overage_price.is_none() {
            return Err(Error::new(
                ErrorKind::NotAvailable,
                format!("allowOverage: plan \"{plan_id}\" does not offer overage"),
            ));
        }
        let mut actions: std::collections::BTreeMap<Date, Vec<(u8, usize, Action)>> = Default::default();
        let mut add = |day: Date, field: String, order: u8, i: usize, action: Action| -> Result<()> {
            if day < start || day > until {
                return Err(Error::new(
                    ErrorKind::InvalidRequest,
                    format!("{field}: {day} is outside the window {start} to {until}"),
                ));
            }
            actions.entry(day).or_default().push((order, i, action));
            Ok(())
        };
        if let Some(c) = &req.cancel_at {
            add(parse_date(c, "cancelAt")?, "cancelAt".into(), 0, 0, Action::Cancel)?;
        }
        for (i, u) in req.upgrades.iter().enumerate() {
            add(
                parse_date(&u.at, &format!("upgrades[{i}].at"))?,
                format!("upgrades[{i}].at"),
                1,
                i,
                Action::Upgrade(i),
            )?;
        }
        for (i, p) in req.purchases.iter().enumerate() {
            add(
                parse_date(&p.at, &format!("purchases[{i}].at"))?,
                format!("purchases[{i}].at"),
                2,
                i,
                Action::Purchase(i),
            )?;
        }
        for (i, u) in req.usage.iter().enumerate() {
            add(
                parse_date(&u.at, &format!("usage[{i}].at"))?,
                format!("usage[{i}].at"),
                3,
                i,
                Action::Usage(i),
            )?;
        }
        let mut sim = Sim {
            engine: self,
            req,
            plan_id: plan_id.to_string(),
            billing,
            anchor: start,
            cycle: 0,
            cycle_start: start,
            next_cycle: add_months(start, 1)?,
            active: true,
            ends_at: None,
            grants: Vec::new(),
            held: Vec::new(),
            events: Vec::new(),
            spent: Decimal::ZERO,
            overage: Decimal::ZERO,
            expired: Decimal::ZERO,
            cycle_usage: IndexMap::new(),
            cycle_used: Decimal::ZERO,
            addons: Vec::new(),
        };
        sim.start_cycle(start, EventKind::Grant, "subscription starts")?;
        let mut day = start;
        while day <= until {
            if day > start {
                sim.expire_due(day);
                if sim.ends_at == Some(day) {
                    for i in 0..sim.held.len() {
                        if sim.held.get(i).is_some_and(|g| g.remaining > Decimal::ZERO) {
                            sim.forfeit(day, i, "forfeited: the plan was cancelled");
                        }
                    }
                    sim.active = false;
                    sim.addons.clear();
                }
                if sim.active && day == sim.next_cycle {
                    sim.new_cycle(day)?;
                }
            }
            if let Some(mut list) = actions.remove(&day) {
                list.sort_by_key(|(order, i, _)| (*order, *i));
                for (_, _, action) in list {
                    match action {
                        Action::Cancel => {
                            let end = sim.billing_window()?.1;
                            sim.ends_at = Some(end);
                            sim.event(
                                day,
                                EventKind::Cancel,
                                Decimal::ZERO,
                                None,
                                format!("cancelled: access until {end}, then unused credits are forfeited"),
                            );
                        }
                        Action::Upgrade(i) => {
                            if let Some(u) = req.upgrades.get(i) {
                                sim.upgrade(day, i, u)?;
                            }
                        }
                        Action::Purchase(i) => {
                            if let Some(p) = req.purchases.get(i) {
                                let product = sim.buy(
                                    day,
                                    p.quantity,
                                    p.seats,
                                    p.billing,
                                    EventKind::Purchase,
                                    "bought",
                                    &format!("purchases[{i}]"),
                                )?;
                                let card = self.card();
                                if let Some(prod) = card.products.get(&product).filter(|x| x.period != Period::Once) {
                                    let months = if prod.period == Period::Year { 12 } else { 1 };
                                    sim.addons.push(Addon {
                                        quantity: p.quantity,
                                        seats: p.seats,
                                        billing: prod.period,
                                        start_cycle: sim.cycle,
                                        months,
                                    });
                                }
                            }
                        }
                        Action::Usage(i) => {
                            if let Some(u) = req.usage.get(i) {
                                sim.usage(day, i, u)?;
                            }
                        }
                    }
                }
            }
            day = add_days(day, 1)?;
        }
        let balance = money::plain(sim.balance());
        for (g, h) in sim.grants.iter_mut().zip(&sim.held) {
            g.remaining = money::plain(h.remaining);
        }
        Ok(Simulation {
            balance,
            expired: money::plain(sim.expired),
            overage: money::plain(sim.overage),
            spent_usd: money::cents(sim.spent),
            grants: sim.grants,
            events: sim.events,
        })
    }
}
