//! A settlement: the lengths a held job actually ran, priced at the hold's
//! version and day, captured from what the hold reserved (at most the hold,
//! unless the card charges an overrun), the rest released.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::available::available;
use crate::date::{parse_date, Date};
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::burn;
use crate::money::{self, DecimalString};
use crate::quote::{Quote, QuoteLine};
use crate::rate_card::{Overrun, PlanRef, RateCard};
use crate::request::{Burn, Hold, QuoteRequest, SettleRequest};

/// The tag of a settlement object: always `"settlement"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub enum SettlementTag {
    /// A settlement.
    #[default]
    #[serde(rename = "settlement")]
    Settlement,
}

/// A hold settled: what the job cost, what was charged and from which
/// grants, what the hold released.
///
/// JSON / JS shape: `{ kind: "settlement", hold, rateCard, version, cardHash,
/// plan, pricedOn, at, unit, currency, lines: [QuoteLine], total, credits,
/// burns: [{ grant, credits }], released, overrun, overage, uncharged,
/// price?, fingerprint }`; credits are decimal strings in the card's unit
/// (credits, or USD for a wallet). `total = credits + overage + uncharged`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settlement {
    /// Always `"settlement"`.
    pub kind: SettlementTag,
    /// The hold settled: its fingerprint.
    pub hold: String,
    /// The rate card's id.
    pub rate_card: String,
    /// The hold's version: the job is priced with it, even after a price change.
    pub version: String,
    /// SHA-256 of that version's canonical JSON.
    pub card_hash: String,
    /// The plan held on.
    pub plan: String,
    /// The hold's day: the job is priced as of it.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    pub priced_on: Date,
    /// The day settled.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "string"))]
    pub at: Date,
    /// The card's unit: `"credits"`, or the currency for a wallet.
    pub unit: String,
    /// Currency of every price, e.g. `"USD"`.
    pub currency: String,
    /// One line per item run, explained as a quote's (none for a failed job).
    pub lines: Vec<QuoteLine>,
    /// What the job cost at the hold's prices, in `unit`.
    pub total: DecimalString,
    /// What is charged to the wallet, in `unit`: captured from the hold, and
    /// (with `overrun: "charge"`) the excess from the available balance.
    pub credits: DecimalString,
    /// Where `credits` came from, grant by grant.
    pub burns: Vec<Burn>,
    /// Of the hold's reserve, what returns to the wallet, in `unit`.
    pub released: DecimalString,
    /// How much the job ran past the hold, in `unit` (0 when it did not).
    pub overrun: DecimalString,
    /// Of the excess charged, what the balance did not cover, billed as overage
    /// at the plan's overage price (with `allowOverage`), in `unit`.
    pub overage: DecimalString,
    /// What the job cost that nobody is charged, in `unit`: an overrun past a
    /// capped hold, or an excess neither balance nor overage covered.
    pub uncharged: DecimalString,
    /// On a card whose unit is its currency (a wallet): `credits`, in that currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub price: Option<DecimalString>,
    /// SHA-256 over every field above.
    pub fingerprint: String,
}

/// The day `request` settles `hold` on, once it may: from the hold's day to
/// its `expiresAt`, and not among the settled holds.
///
/// # Errors
/// `invalid_request` at `at` for no date or a day before the hold's;
/// `hold_expired` at `at` after `expiresAt`; `already_settled` at
/// `settledHolds` when the hold's fingerprint is there.
pub fn admit(hold: &Hold, request: &SettleRequest) -> Result<Date> {
    let at = request.at.as_deref().ok_or_else(|| Error::at(ErrorKind::InvalidRequest, "at", "a settlement needs its day (YYYY-MM-DD): the server's today"))?;
    let day = parse_date(at, "at")?;
    if day < hold.at {
        return Err(Error::at(ErrorKind::InvalidRequest, "at", format!("{day} is before the hold was made ({})", hold.at)));
    }
    if day > hold.expires_at {
        return Err(Error::at(
            ErrorKind::HoldExpired,
            "at",
            format!("the hold expired after {}: it released everything and cannot be settled on {day}", hold.expires_at),
        ));
    }
    if let Some(i) = request.settled_holds.iter().position(|f| *f == hold.fingerprint) {
        return Err(Error::new(ErrorKind::AlreadySettled, "this hold is already settled: a hold is charged once").context(i).context("settledHolds"));
    }
    Ok(day)
}

/// Settles `hold` on `day` with `priced`, the job's quote at the hold's
/// version and day (`None` for a failed job): captures from the hold's
/// reserve in its order, at most the hold unless the card's `overrun` is
/// `"charge"`; an excess (charged past the hold, or past a reserve short of
/// the hold) comes from the available balance in burn-down order, then as
/// overage where the plan has a price for it and the request allows it.
///
/// # Errors
/// As [`available`] for the request's records; `overflow`.
pub fn settle(card: &RateCard, plan: PlanRef<'_>, hold: &Hold, request: &SettleRequest, day: Date, priced: Option<Quote>) -> Result<Settlement> {
    let (lines, total) = priced.map_or((Vec::new(), Decimal::ZERO), |q| (q.lines, q.total.0));
    let charge = card.overrun.unwrap_or_default() == Overrun::Charge;
    let chargeable = if charge { total } else { total.min(hold.credits.0) };
    let reserved = hold.reserved();
    let from_hold = chargeable.min(reserved);
    let mut burns = capture(hold, from_hold);
    let excess = money::sub(chargeable, from_hold, "excess")?;
    let (from_wallet, left) = take_excess(hold, request, day, excess, &mut burns)?;
    let overage = if request.allow_overage && plan.overage_price.is_some() { left } else { Decimal::ZERO };
    let uncharged = money::add(money::sub(total, chargeable, "uncharged")?, money::sub(left, overage, "uncharged")?, "uncharged")?;
    let credits = money::add(from_hold, from_wallet, "credits")?;
    let shape = |d: Decimal| DecimalString::from(card.shape_amount(d));
    let mut s = Settlement {
        kind: SettlementTag::Settlement,
        hold: hold.fingerprint.clone(),
        rate_card: hold.rate_card.clone(),
        version: hold.version.clone(),
        card_hash: hold.card_hash.clone(),
        plan: hold.plan.clone(),
        priced_on: hold.at,
        at: day,
        unit: hold.unit.clone(),
        currency: hold.currency.clone(),
        lines,
        total: shape(total),
        credits: shape(credits),
        burns: burns.into_iter().map(|b| Burn { credits: shape(b.credits.0), ..b }).collect(),
        released: shape(money::sub(reserved, from_hold, "released")?),
        overrun: shape(money::sub(total, hold.credits.0, "overrun")?.max(Decimal::ZERO)),
        overage: shape(overage),
        uncharged: shape(uncharged),
        price: (card.unit == card.currency).then(|| shape(credits)),
        fingerprint: String::new(),
    };
    s.fingerprint = crate::book::sha256_hex(&crate::book::canonical(&s)?);
    Ok(s)
}

/// `amount` captured from the hold's reserve, in its order.
fn capture(hold: &Hold, amount: Decimal) -> Vec<Burn> {
    let mut left = amount;
    let mut out = Vec::new();
    for b in &hold.burns {
        let take = b.credits.0.min(left);
        if take > Decimal::ZERO {
            out.push(Burn { grant: b.grant.clone(), credits: money::plain(take).into() });
            left = left.saturating_sub(take);
        }
    }
    out
}

/// Takes `excess` from the records' available balance (other open holds and
/// this one's reserve taken off, grants alive on `day`), in burn-down
/// order, adding to `burns`: (what was taken, what is left over).
fn take_excess(hold: &Hold, request: &SettleRequest, day: Date, excess: Decimal, burns: &mut Vec<Burn>) -> Result<(Decimal, Decimal)> {
    if excess <= Decimal::ZERO || (request.balance.is_none() && request.grants.is_none()) {
        return Ok((Decimal::ZERO, excess));
    }
    let mut holds: Vec<Hold> = request.holds.iter().filter(|h| h.fingerprint != hold.fingerprint).cloned().collect();
    holds.push(hold.clone());
    let records = QuoteRequest { balance: request.balance, grants: request.grants.clone(), holds, ..Default::default() };
    let Some(open) = available(&records, Some(day))? else { return Ok((Decimal::ZERO, excess)) };
    let mut taken = Decimal::ZERO;
    match open.request.grants {
        Some(mut grants) => {
            for g in grants.iter_mut().filter(|g| !crate::quote::alive(g, Some(day))) {
                g.remaining = Decimal::ZERO.into();
            }
            let burned = burn(&mut grants, excess);
            for t in burned.taken {
                let id = grants.get(t.grant).map(|g| g.id.clone()).unwrap_or_default();
                add_burn(burns, &id, t.credits);
                taken = money::add(taken, t.credits, "credits")?;
            }
        }
        None => {
            taken = open.request.balance.map_or(Decimal::ZERO, |b| b.0).max(Decimal::ZERO).min(excess);
            if taken > Decimal::ZERO {
                add_burn(burns, "balance", taken);
            }
        }
    }
    Ok((taken, money::sub(excess, taken, "excess")?))
}

/// Adds `credits` from grant `id` to `burns`, to its entry when it has one.
fn add_burn(burns: &mut Vec<Burn>, id: &str, credits: Decimal) {
    match burns.iter_mut().find(|b| b.grant == id) {
        Some(b) => b.credits = money::plain(b.credits.0.saturating_add(credits)).into(),
        None => burns.push(Burn { grant: id.into(), credits: money::plain(credits).into() }),
    }
}
