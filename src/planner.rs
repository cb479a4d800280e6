//! Planning: what a balance buys ([`capacity`]) and which rate card and
//! plan run a workload cheapest for a month ([`compare`]).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rate_card::PlanRef;
use crate::book::PriceBook;
use crate::error::{Error, ErrorKind, PathSegment, Result};
use crate::limits::{MAX_COMPARE_CARDS, MAX_QUANTITY, MAX_RATE_CARD_BYTES, MAX_SECONDS};
use crate::metering::resolve;
use crate::money::{self, DecimalString, RoundingMode};
use crate::presets;
use crate::purchase::PurchaseOption;
use crate::quote;
use crate::rate_card::{Input, Period, Plan, RateCard};
use crate::request::{CapacityRequest, CardOrBook, CompareRequest, Item, OptionValue, QuoteRequest};

/// The most the balance buys: `{ seconds }` for a timed feature, `{ quantity }`
/// for a counted one or one priced per video (videos of any length), with what
/// that costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    /// Whole seconds, for features metered by time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<DecimalString>,
    /// Whole units, for counted features; whole videos, for a feature priced
    /// per video.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<DecimalString>,
    /// The cost of that much, in the card's unit (≤ the balance).
    pub cost: DecimalString,
    /// Why it stops there: the balance, or a limit of the feature or plan.
    pub limited_by: String,
}

/// One rate card and plan's price for the workload, for one month.
///
/// JS shape: `{ preset, plan?, runnable, complete, missing?, closed?,
/// purchases, price?, currency, usd? (deprecated), credits?, unit,
/// allowOverage?, withOverage?, explanation }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The rate card's id (a preset id, or the id of a card you gave).
    pub preset: String,
    /// Plan id; absent when no plan of the card can run the workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Whether it can run the workload.
    pub runnable: bool,
    /// Whether `price` is the whole month's cost. `false` when something the
    /// articles do not publish is left out (the legacy GenCredit plans' and
    /// AI Studios' own plan prices): such entries rank after every complete one.
    pub complete: bool,
    /// What `price` leaves out, when it is not complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<String>,
    /// Why the plan is closed to new buyers (a legacy plan), if it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<String>,
    /// The cheapest purchases that cover the workload beyond the plan's credits.
    pub purchases: Vec<PurchaseOption>,
    /// The cost in `currency`: the plan's price plus the purchases (or the
    /// overage), rounded half-up to its minor unit; for a prepaid wallet
    /// (pay-as-you-go) the workload's exact cost, the top-up it needs being
    /// its purchase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<DecimalString>,
    /// ISO 4217 code of `price`: the card's currency.
    pub currency: String,
    /// Deprecated: the same as `price` (kept for one release; it names a
    /// currency the card may not use).
    ///
    /// @deprecated Use `price` and `currency`.
    #[deprecated(note = "use `price` and `currency`")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd: Option<DecimalString>,
    /// What the workload costs in the card's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits: Option<DecimalString>,
    /// The card's unit.
    pub unit: String,
    /// Whether `price` counts usage past the balance as overage (the request
    /// said `allowOverage: true` and that was the cheapest way).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub allow_overage: bool,
    /// With Allow Overage off: what the month would cost with it on, in
    /// `currency`, when that is cheaper than `price` (an opt-in the buyer
    /// may take: `compare({ …, allowOverage: true })`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_overage: Option<DecimalString>,
    /// How the price was reached and what to know about the plan (a
    /// watermark, no subscription, closed to new buyers), or why it cannot run.
    pub explanation: String,
    /// When no plan can run the workload: the first plan's refusal as data,
    /// for a page to say why in its own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Refusal>,
    /// The workload's options this card does not define, which its price
    /// leaves out (Custom Expressive Motion on the API plans): `{ item,
    /// option }`, the item's index and the option's id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(optional))]
    pub left_out: Vec<LeftOut>,
}

/// An option of a workload's item that a card does not define.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub struct LeftOut {
    /// The item's index in the workload.
    pub item: usize,
    /// The option's id, as the workload gave it.
    pub option: String,
}

/// Why a workload cannot run on a card: the error `code` a quote gave and
/// its `path` as segments (`["items", 0, "options", "avatar_type"]`; `field`
/// the same joined by dots; empty when about no one field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
pub struct Refusal {
    /// The error code, as `RateEngine.errorCodes()` lists them.
    pub code: String,
    /// The field, its path's segments joined by dots (`items.0.options.mode`).
    pub field: String,
    /// The field's path as segments: keys and indexes
    /// (`["items", 0, "options", "mode"]`), as an error's `path`.
    #[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), tsify(type = "(string | number)[]"))]
    pub path: Vec<crate::error::PathSegment>,
}

/// The search range of [`capacity`]: the smallest and largest size the
/// feature and plan allow, and what stops it at the top.
fn range(plan: PlanRef<'_>, feature: &crate::rate_card::Feature) -> (Decimal, Decimal, String) {
    let seconds = feature.input == Input::Seconds;
    let mut hi = Decimal::from(if seconds { MAX_SECONDS } else { MAX_QUANTITY });
    let mut limit = "the engine's largest item".to_string();
    if let Some(max) = feature.max.filter(|m| m.0 < hi) {
        hi = money::floor_whole(max.0);
        limit = format!("the feature's maximum of {max}");
    }
    if let Some(max) = plan
        .max_seconds
        .filter(|m| seconds && feature.length_limited && m.0 < hi)
    {
        hi = money::floor_whole(max.0);
        limit = format!("plan {}'s longest video, {max} s", plan.id);
    }
    let lo = feature
        .min
        .map(|m| money::ceil_whole(m.0))
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    (lo, hi, limit)
}

/// The most of `feature` the balance buys: the largest whole number of
/// seconds (or units) whose cost is at most `balance`; one more costs more
/// than the balance, unless a feature or plan limit stops first. Relies on
/// metering's invariant: cost never decreases with size.
///
/// # Errors
/// As a quote for the plan, feature and options; `invalid_request` for a
/// negative balance.
pub fn capacity(card: &RateCard, plan: PlanRef<'_>, req: &CapacityRequest) -> Result<Capacity> {
    if req.balance < Decimal::ZERO {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "balance",
            format!("must not be negative, got {}", req.balance),
        ));
    }
    let feature = card.features.get(&req.feature).ok_or_else(|| {
        Error::at(
            ErrorKind::UnknownFeature,
            "feature",
            format!("no feature \"{}\" on rate card \"{}\"", req.feature, card.id),
        )
    })?;
    quote::known_usage(card, &req.period_usage)?;
    let seconds = feature.input == Input::Seconds;
    let (lo, hi, limit) = range(plan, feature);
    let used = req.period_usage.get(&req.feature).copied().unwrap_or(Decimal::ZERO);
    // Options and rate resolved once; the search only meters sizes.
    let mut item = Item {
        feature: req.feature.clone(),
        seconds: seconds.then_some(Decimal::ONE),
        quantity: (!seconds).then_some(Decimal::ONE),
        options: req.options.clone(),
        max_seconds: None,
    };
    let resolved = resolve(card, plan, &item)?;
    let mut cost = |x: Decimal| -> Result<Decimal> {
        if seconds {
            item.seconds = Some(x);
        } else {
            item.quantity = Some(x);
        }
        resolved.meter(&item, used, false).map(|m| m.amount)
    };
    let shape = |x: Decimal, c: Decimal, why: String| Capacity {
        seconds: seconds.then_some(x.into()),
        quantity: (!seconds).then_some(x.into()),
        cost: card.shape_amount(c).into(),
        limited_by: why,
    };
    let balance = req.balance.0;
    if seconds && resolved.per_video() {
        // A flat price per video of any length: the balance buys whole videos
        // (VEO3 at 90 credits: 100 credits buy 1 video), not seconds.
        let one = cost(lo)?;
        let videos = if one > Decimal::ZERO {
            money::floor_whole(money::div(balance, one, "capacity")?).min(Decimal::from(MAX_QUANTITY))
        } else {
            Decimal::from(MAX_QUANTITY)
        };
        let why = if videos >= Decimal::from(MAX_QUANTITY) { format!("at most {MAX_QUANTITY} videos") } else { "the balance".into() };
        return Ok(Capacity {
            seconds: None,
            quantity: Some(videos.into()),
            cost: card.shape_amount(money::mul(videos, one, "capacity")?).into(),
            limited_by: why,
        });
    }
    if cost(lo)? > balance {
        return Ok(shape(Decimal::ZERO, Decimal::ZERO, "the balance".into()));
    }
    let top = cost(hi)?;
    if top <= balance {
        return Ok(shape(hi, top, limit));
    }
    // cost(lo) ≤ balance < cost(hi): binary search, cost never decreases.
    let (mut ok, mut too_much) = (lo, hi);
    while money::sub(too_much, ok, "capacity")? > Decimal::ONE {
        let mid = money::floor_whole(money::div(money::add(ok, too_much, "capacity")?, Decimal::TWO, "capacity")?);
        if cost(mid)? <= balance {
            ok = mid;
        } else {
            too_much = mid;
        }
    }
    Ok(shape(ok, cost(ok)?, "the balance".into()))
}

/// Prices `workload` for one month on every plan of every preset named
/// (default all) and of every card given, each with the cheapest purchase
/// that covers it beyond the plan's credits. Ranked: complete prices first,
/// cheapest first; then incomplete ones (a plan price the articles do not
/// publish), cheapest first; then the cards that cannot run the workload,
/// with the reason. Options a card does not define are ignored there and noted.
///
/// # Errors
/// `invalid_request` for an empty workload, more than
/// [`MAX_COMPARE_CARDS`] cards, or cards priced in different currencies;
/// `unknown_preset`; `invalid_rate_card` for a card given (at `cards[i]`) or
/// a book (at `books[i]…`); `invalid_request` at `at` for a day that is no
/// date, or none with a book of several versions.
pub fn compare(req: &CompareRequest) -> Result<Vec<Comparison>> {
    if req.workload.is_empty() {
        return Err(Error::at(ErrorKind::InvalidRequest, "workload", "give at least one item"));
    }
    let given = req.cards.len().saturating_add(req.books.len());
    if given > MAX_COMPARE_CARDS {
        let detail = format!("at most {MAX_COMPARE_CARDS} cards and books, got {given}");
        return Err(Error::at(ErrorKind::InvalidRequest, "cards", detail));
    }
    let ids: Vec<String> = match &req.presets {
        Some(list) => list.clone(),
        None if given == 0 => presets::ids().into_iter().map(String::from).collect(),
        None => Vec::new(),
    };
    let mut cards = Vec::with_capacity(ids.len().saturating_add(req.cards.len()));
    for (i, id) in ids.iter().enumerate() {
        // A preset named twice is refused: each is priced once (the list
        // can be no longer than the presets, so the work is bounded).
        if ids.get(..i).is_some_and(|before| before.contains(id)) {
            let e = Error::at(ErrorKind::InvalidRequest, i, format!("preset \"{id}\" is named twice"));
            return Err(e.context("presets"));
        }
        cards.push(presets::shared(id)?);
    }
    let day = req.at.as_deref().map(|at| crate::date::parse_date(at, "at")).transpose()?;
    let in_force = |versions: &[RateCard], at: &[PathSegment]| -> Result<std::sync::Arc<RateCard>> {
        // Each version within a rate card's limit, as `fromJson` holds one.
        let bytes = serde_json::to_string(versions).map_or(usize::MAX, |t| t.len());
        if bytes > MAX_RATE_CARD_BYTES {
            let e = Error::new(ErrorKind::InvalidRateCard, format!("the rate card is {bytes} bytes as JSON; the limit is {MAX_RATE_CARD_BYTES}"));
            return Err(e.within(at));
        }
        let book = PriceBook::new(versions.to_vec()).map_err(|e| e.within(at))?;
        let now = book.in_force(day)?;
        Ok(book.shared(now))
    };
    let place = |list: &str, i: usize| [PathSegment::from(list), PathSegment::from(i)];
    for (i, given) in req.cards.iter().enumerate() {
        let card = match given {
            CardOrBook::Card(card) => in_force(std::slice::from_ref(&**card), &place("cards", i))?,
            CardOrBook::Book(versions) => in_force(versions, &place("cards", i))?,
        };
        cards.push(card);
    }
    for (i, versions) in req.books.iter().enumerate() {
        cards.push(in_force(versions, &place("books", i))?);
    }
    one_currency(cards.iter().map(|c| c.currency.as_str()))?;
    let mut rows = Vec::new();
    let mut not = Vec::new();
    for card in &cards {
        let (priced, reason, refusal) = compare_plans(card, &req.workload, req.allow_overage)?;
        if priced.is_empty() {
            not.push(Comparison { refusal, ..cannot_run(card, reason) });
        }
        rows.extend(priced);
    }
    rows.sort_by(|a, b| b.complete.cmp(&a.complete).then(a.price.cmp(&b.price)));
    rows.extend(not);
    Ok(rows)
}

/// Prices in different currencies cannot be ranked.
fn one_currency<'a>(codes: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut seen: Vec<&str> = Vec::new();
    for c in codes {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    if seen.len() > 1 {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "cards",
            format!("compare ranks prices in one currency; these cards use {}: compare them apart", seen.join(", ")),
        ));
    }
    Ok(())
}

/// The entry of a card no plan of which can run the workload.
#[allow(deprecated)]
fn cannot_run(card: &RateCard, reason: String) -> Comparison {
    Comparison {
        preset: card.id.clone(),
        plan: None,
        runnable: false,
        complete: false,
        missing: None,
        closed: None,
        purchases: Vec::new(),
        price: None,
        currency: card.currency.clone(),
        usd: None,
        credits: None,
        unit: card.unit.clone(),
        allow_overage: false,
        with_overage: None,
        explanation: reason,
        refusal: None,
        left_out: Vec::new(),
    }
}

/// The workload's items with the options this card does not define
/// removed, and a note for each.
fn fit_workload(card: &RateCard, workload: &[Item]) -> (Vec<Item>, Vec<String>, Vec<LeftOut>) {
    let mut notes = Vec::new();
    let mut left_out = Vec::new();
    let mut items = Vec::with_capacity(workload.len());
    for (i, item) in workload.iter().enumerate() {
        let mut it = item.clone();
        if let Some(f) = card.features.get(&item.feature) {
            it.options.retain(|k, v| {
                let keep = f.options.contains_key(k);
                if !keep {
                    notes.push(format!("option {k} of {} is not defined here and was ignored", item.feature));
                    // Left out of the price only when it asked for something (not `false`).
                    if *v != OptionValue::Bool(false) {
                        left_out.push(LeftOut { item: i, option: k.clone() });
                    }
                }
                keep
            });
        }
        items.push(it);
    }
    (items, notes, left_out)
}

/// Why plans cannot run a workload, grouped by reason in plan order.
#[derive(Default)]
struct Reasons(Vec<(String, Vec<String>)>, Option<Refusal>);

impl Reasons {
    /// A quote's refusal: its message, and the first one's code and field.
    fn refused(&mut self, plan: &str, e: &Error) {
        if self.1.is_none() {
            let field: Vec<String> = e.path().iter().map(|s| match s {
                crate::error::PathSegment::Key(k) => k.clone(),
                crate::error::PathSegment::Index(i) => i.to_string(),
            }).collect();
            self.1 = Some(Refusal { code: e.code().to_string(), field: field.join("."), path: e.path().to_vec() });
        }
        self.add(plan, e.message());
    }

    fn add(&mut self, plan: &str, why: String) {
        match self.0.iter_mut().find(|(r, _)| *r == why) {
            Some((_, plans)) => plans.push(plan.to_string()),
            None => self.0.push((why, vec![plan.to_string()])),
        }
    }

    fn text(&self) -> String {
        if self.0.is_empty() {
            return "no plan can run this workload".to_string();
        }
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(why, plans)| {
                let word = if plans.len() == 1 { "plan" } else { "plans" };
                format!("{word} {}: {why}", plans.join(", "))
            })
            .collect();
        parts.join("; ")
    }
}

/// Each plan of `card` that can run the workload, priced; and why the
/// others cannot.
fn compare_plans(card: &RateCard, workload: &[Item], allow_overage: bool) -> Result<(Vec<Comparison>, String, Option<Refusal>)> {
    let (items, notes, left_out) = fit_workload(card, workload);
    let mut rows = Vec::new();
    let mut reasons = Reasons::default();
    for (plan_id, plan) in &card.plans {
        let plan = PlanRef { id: plan_id, plan };
        let request = QuoteRequest {
            plan: Some(plan_id.clone()),
            items: items.clone(),
            balance: Some(plan.included),
            ..Default::default()
        };
        // The summary: a comparison needs the total and what to buy, not the lines.
        let q = match quote::summary(card, plan, &request) {
            Ok(q) => q,
            Err(e) => {
                reasons.refused(plan_id, &e);
                continue;
            }
        };
        match month(card, plan, &q, &notes, allow_overage)? {
            Ok(row) => rows.push(row),
            Err(why) => reasons.add(plan_id, why),
        }
    }
    for row in &mut rows {
        row.left_out.clone_from(&left_out);
    }
    Ok((rows, reasons.text(), reasons.1))
}

/// How a plan's month covers the workload past its credits.
struct Cover {
    /// The cheapest purchase that covers it (none with overage, or when
    /// nothing is short).
    purchase: Vec<PurchaseOption>,
    /// What that adds to the plan's price, in the card's currency.
    extra: Decimal,
    /// Overage used (Allow Overage on and cheaper): its explanation.
    overage: Option<String>,
    /// Allow Overage off, and the month would cost less with it on: that price.
    with_overage: Option<Decimal>,
}

/// Usage past the balance billed afterwards at the plan's overage price,
/// rounded half-up to the minor unit; `None` when the plan has no Allow
/// Overage or nothing is short.
fn overage_cost(card: &RateCard, plan: &Plan, shortfall: Decimal) -> Result<Option<Decimal>> {
    match plan.overage_price {
        Some(price) if shortfall > Decimal::ZERO => {
            Ok(Some(card.money().round(money::mul(shortfall, price.0, "overage")?, RoundingMode::HalfUp)))
        }
        _ => Ok(None),
    }
}

/// How the plan covers a shortfall: the cheapest covering purchase, or
/// overage when `allow_overage` and it is no dearer; `Err(why)` when nothing does.
fn cover(
    card: &RateCard,
    plan: &Plan,
    q: &quote::Summary,
    allow_overage: bool,
) -> Result<std::result::Result<Cover, String>> {
    let none = Cover { purchase: Vec::new(), extra: Decimal::ZERO, overage: None, with_overage: None };
    if q.shortfall <= Decimal::ZERO {
        return Ok(Ok(none));
    }
    let cheapest = q.purchase.iter().filter(|p| p.covers).min_by_key(|p| p.price.0);
    let overage = overage_cost(card, plan, q.shortfall.0)?;
    let plan_price = plan.price.map(|p| p.0).unwrap_or(Decimal::ZERO);
    match (overage, cheapest) {
        (Some(o), c) if allow_overage && c.is_none_or(|p| o <= p.price.0) => {
            let price = plan.overage_price.map(|p| p.0).unwrap_or(Decimal::ZERO);
            let how = format!(
                "+ {} {} past the balance, billed afterwards at {} each with Allow Overage on: {}",
                q.shortfall,
                card.unit,
                card.money().show(price),
                card.money().show(o)
            );
            Ok(Ok(Cover { extra: o, overage: Some(how), ..none }))
        }
        (o, Some(p)) => {
            let cheaper = o.filter(|o| *o < p.price.0);
            let with_overage = cheaper.map(|o| money::add(plan_price, o, "price")).transpose()?;
            Ok(Ok(Cover { purchase: vec![p.clone()], extra: p.price.0, with_overage, ..none }))
        }
        (Some(o), None) => {
            let with = card.money().show(money::add(plan_price, o, "price")?);
            Ok(Err(format!(
                "short by {} {} and nothing it can buy covers that; with Allow Overage on (allowOverage: true) it costs {with}",
                q.shortfall, card.unit
            )))
        }
        (None, None) => Ok(Err(format!("short by {} {} and nothing it can buy covers that", q.shortfall, card.unit))),
    }
}

/// One plan's month for the quoted workload: the plan's price plus the
/// cheapest purchase that covers the shortfall (or overage, when
/// `allow_overage` and cheaper); or why it cannot run it. A prepaid wallet
/// (no subscription, amounts in the currency) is priced by the workload's
/// exact cost; the whole-dollar top-up it needs is its purchase.
fn month(
    card: &RateCard,
    plan: PlanRef<'_>,
    q: &quote::Summary,
    notes: &[String],
    allow_overage: bool,
) -> Result<std::result::Result<Comparison, String>> {
    if plan.price.is_none() && plan.products.is_empty() {
        // API Enterprise: priced by contract (its purchase note says so).
        let why = plan.purchase_note.clone().unwrap_or_else(|| "its price is not published".to_string());
        return Ok(Err(why));
    }
    let c = match cover(card, &plan, q, allow_overage)? {
        Ok(c) => c,
        Err(why) => return Ok(Err(why)),
    };
    let currency = card.money();
    let plan_price = plan.price.map(|p| p.0).unwrap_or(Decimal::ZERO);
    let wallet = !plan.subscription && card.unit == card.currency;
    let price: DecimalString = if wallet {
        card.shape_amount(q.total.0).into()
    } else {
        currency.round(money::add(plan_price, c.extra, "price")?, RoundingMode::HalfUp).into()
    };
    let missing = (plan.price.is_none() && plan.subscription)
        .then(|| format!("the {} plan's own price, which the article does not publish", plan.name));
    let explanation = explain_month(card, &plan, q, &c, price, missing.as_deref(), notes);
    #[allow(deprecated)]
    Ok(Ok(Comparison {
        preset: card.id.clone(),
        plan: Some(plan.id.to_string()),
        runnable: true,
        complete: missing.is_none(),
        missing,
        closed: plan.closed.clone(),
        purchases: c.purchase,
        price: Some(price),
        currency: card.currency.clone(),
        usd: Some(price),
        credits: Some(q.total),
        unit: card.unit.clone(),
        allow_overage: c.overage.is_some(),
        with_overage: c.with_overage.map(|w| currency.round(w, RoundingMode::HalfUp).into()),
        explanation,
        refusal: None,
        left_out: Vec::new(),
    }))
}

/// A comparison entry's explanation: the plan, the workload's cost, the
/// purchase or overage, the total and what it leaves out, and what to know
/// (a plan's own warnings only while the row stays on that plan: an upgrade
/// leaves API Free's watermark behind).
fn explain_month(
    card: &RateCard,
    plan: &Plan,
    q: &quote::Summary,
    c: &Cover,
    price: DecimalString,
    missing: Option<&str>,
    notes: &[String],
) -> String {
    let currency = card.money();
    let mut parts = vec![match (plan.price, plan.subscription) {
        (_, false) => format!("{}: no subscription, a prepaid balance spent as you go", plan.name),
        (Some(p), true) => format!(
            "{}: {} a {} with {} {}",
            plan.name,
            currency.round(p.0, RoundingMode::HalfUp),
            plan.period.as_str(),
            money::plain(plan.included.0),
            card.unit
        ),
        (None, true) => format!("{}: the plan's own price is not published (not included)", plan.name),
    }];
    parts.push(format!("the workload costs {} {}", q.total, card.unit));
    let wallet = !plan.subscription && card.unit == card.currency;
    for p in &c.purchase {
        let what = format!("{} × {}: {} {} for {}", p.quantity, p.name, p.credits, card.unit, p.price);
        if wallet {
            parts.push(format!("funded by {what} (the price is the workload's exact cost)"));
        } else {
            parts.push(format!("+ {what}"));
        }
    }
    parts.extend(c.overage.iter().cloned());
    let yearly = c.purchase.iter().any(|p| p.period == Period::Year) || plan.period == Period::Year;
    let span = if yearly { "to run it (includes a charge for a year)" } else { "for the month" };
    match missing {
        Some(m) => parts.push(format!("{price} {} {span}, not counting {m}", card.currency)),
        None => parts.push(format!("{price} {} {span}", card.currency)),
    }
    if let Some(w) = c.with_overage {
        let w = currency.round(w, RoundingMode::HalfUp);
        parts.push(format!("{w} {} with Allow Overage on (compare with allowOverage: true)", card.currency));
    }
    if let Some(closed) = &plan.closed {
        parts.push(closed.clone());
    }
    let upgraded = c.purchase.iter().any(|p| p.kind == crate::purchase::PurchaseKind::Upgrade);
    if !upgraded {
        parts.extend(plan.warnings.iter().cloned());
    }
    parts.extend(notes.iter().cloned());
    parts.join("; ")
}
