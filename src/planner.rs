//! Planning: what a balance buys ([`RateEngine::capacity`]) and which
//! preset and plan run a workload cheapest for a month ([`RateEngine::compare`]).

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::engine::{RateEngine, MAX_QUANTITY, MAX_SECONDS};
use crate::error::{Error, ErrorKind, Result};
use crate::metering::resolve;
use crate::money::{self, decimal_string};
use crate::presets;
use crate::purchase::PurchaseOption;
use crate::quote::{usage_map, Item, OptionValue, QuoteRequest};
use crate::rate_card::Input;

/// What does a balance buy? `{ plan?, feature, options?, balance, periodUsage? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityRequest {
    /// Plan id; may be omitted when the card has one plan.
    #[serde(default)]
    pub plan: Option<String>,
    /// Feature id.
    pub feature: String,
    /// Option id → value, as in a quote item.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, boolean | string>"))]
    pub options: IndexMap<String, OptionValue>,
    /// The balance to spend, in the card's unit, a decimal string.
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub balance: Decimal,
    /// Usage so far this period (for allowances), as in `quote`.
    #[serde(default, deserialize_with = "usage_map")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, number | string>"))]
    pub period_usage: IndexMap<String, Decimal>,
}

/// The most the balance buys: `{ seconds }` for a timed feature or
/// `{ quantity }` for a counted one, with what that costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    /// Whole seconds, for features metered by time.
    #[serde(with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub seconds: Option<Decimal>,
    /// Whole units, for counted features.
    #[serde(with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub quantity: Option<Decimal>,
    /// The cost of that much, in the card's unit (≤ the balance).
    #[serde(with = "decimal_string")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub cost: Decimal,
    /// Why it stops there: the balance, or a limit of the feature or plan.
    pub limited_by: String,
}

/// A workload to compare across presets: `{ workload: [Item], presets? }`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// The month's generations, as quote items.
    pub workload: Vec<Item>,
    /// Preset ids to compare; default all.
    #[serde(default)]
    pub presets: Option<Vec<String>>,
}

/// One preset and plan's price for the workload, for one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Preset id.
    pub preset: String,
    /// Plan id; absent when no plan of the preset can run the workload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Whether it can run the workload.
    pub runnable: bool,
    /// The cheapest purchases that cover the workload beyond the plan's credits.
    pub purchases: Vec<PurchaseOption>,
    /// The month's cost in USD: the plan's price plus the purchases.
    #[serde(with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub usd: Option<Decimal>,
    /// What the workload costs in the card's unit.
    #[serde(with = "decimal_string::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string"))]
    pub credits: Option<Decimal>,
    /// The card's unit.
    pub unit: String,
    /// How the price was reached, or why it cannot run.
    pub explanation: String,
}

impl RateEngine {
    /// The most of `feature` the balance buys: the largest whole number of
    /// seconds (or units) whose cost is at most `balance`; one more costs
    /// more than the balance, unless a feature or plan limit stops first.
    ///
    /// # Errors
    /// As `quote` for the plan, feature and options; `invalid_request` for a
    /// negative balance.
    pub fn capacity(&self, req: &CapacityRequest) -> Result<Capacity> {
        let card = self.card();
        let (plan_id, plan) = self.plan(req.plan.as_deref())?;
        if req.balance < Decimal::ZERO {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                format!("balance: must not be negative, got {}", req.balance),
            ));
        }
        let feature = card.features.get(&req.feature).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownFeature,
                format!("feature: no feature \"{}\" on rate card \"{}\"", req.feature, card.id),
            )
        })?;
        let seconds = feature.input == Input::Seconds;
        let mut hi = Decimal::from(if seconds { MAX_SECONDS } else { MAX_QUANTITY });
        let mut limit = "the engine's largest item".to_string();
        if let Some(max) = feature.max.filter(|m| *m < hi) {
            hi = money::floor_whole(max);
            limit = format!("the feature's maximum of {max}");
        }
        if let Some(max) = plan
            .max_seconds
            .filter(|m| seconds && feature.length_limited && *m < hi)
        {
            hi = money::floor_whole(max);
            limit = format!("plan {plan_id}'s longest video, {max} s");
        }
        let lo = feature
            .min
            .map(money::ceil_whole)
            .unwrap_or(Decimal::ONE)
            .max(Decimal::ONE);
        let used = req.period_usage.get(&req.feature).copied().unwrap_or(Decimal::ZERO);
        // Options and rate resolved once; the search only meters sizes.
        let mut item = Item {
            feature: req.feature.clone(),
            seconds: seconds.then_some(Decimal::ONE),
            quantity: (!seconds).then_some(Decimal::ONE),
            options: req.options.clone(),
        };
        let resolved = resolve(card, plan_id, plan, &item, "request")?;
        let mut cost = |x: Decimal| -> Result<Decimal> {
            if seconds {
                item.seconds = Some(x);
            } else {
                item.quantity = Some(x);
            }
            resolved.meter(&item, "request", used, false).map(|m| m.amount)
        };
        let shape = |x: Decimal, c: Decimal, why: String| Capacity {
            seconds: seconds.then_some(x),
            quantity: (!seconds).then_some(x),
            cost: c,
            limited_by: why,
        };
        let first = cost(lo)?;
        if first > req.balance {
            return Ok(shape(Decimal::ZERO, Decimal::ZERO, "the balance".into()));
        }
        let top = cost(hi)?;
        if top <= req.balance {
            return Ok(shape(hi, top, limit));
        }
        // cost(lo) ≤ balance < cost(hi): binary search, cost never decreases.
        let (mut ok, mut too_much) = (lo, hi);
        while money::sub(too_much, ok, "capacity")? > Decimal::ONE {
            let mid = money::floor_whole(money::div(
                money::add(ok, too_much, "capacity")?,
                Decimal::TWO,
                "capacity",
            )?);
            if cost(mid)? <= req.balance {
                ok = mid;
            } else {
                too_much = mid;
            }
        }
        Ok(shape(ok, cost(ok)?, "the balance".into()))
    }

    /// Prices `workload` for one month on every plan of every preset (or
    /// those named), each with the cheapest purchases that cover it beyond
    /// the plan's credits; cheapest first. Options a preset does not define
    /// are ignored there and noted; a preset that cannot run the workload is
    /// listed last with the reason.
    ///
    /// # Errors
    /// `invalid_request` for an empty workload; `unknown_preset`.
    pub fn compare(req: &CompareRequest) -> Result<Vec<Comparison>> {
        if req.workload.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "workload: give at least one item",
            ));
        }
        let ids: Vec<String> = match &req.presets {
            Some(list) => list.clone(),
            None => presets::ids().into_iter().map(String::from).collect(),
        };
        let mut runnable = Vec::new();
        let mut not = Vec::new();
        for id in ids {
            let engine = RateEngine::cached(&id)?;
            let (rows, reason) = engine.compare_plans(&req.workload)?;
            if rows.is_empty() {
                not.push(Comparison {
                    preset: id,
                    plan: None,
                    runnable: false,
                    purchases: Vec::new(),
                    usd: None,
                    credits: None,
                    unit: engine.card().unit.clone(),
                    explanation: reason,
                });
            }
            runnable.extend(rows);
        }
        runnable.sort_by_key(|r| r.usd);
        runnable.extend(not);
        Ok(runnable)
    }

    fn compare_plans(&self, workload: &[Item]) -> Result<(Vec<Comparison>, String)> {
        let card = self.card();
        let mut notes = Vec::new();
        let mut items = Vec::with_capacity(workload.len());
        for item in workload {
            let mut it = item.clone();
            if let Some(f) = card.features.get(&item.feature) {
                it.options.retain(|k, _| {
                    let keep = f.options.contains_key(k);
                    if !keep {
                        notes.push(format!(
                            "option {k} of {} is not defined here and was ignored",
                            item.feature
                        ));
                    }
                    keep
                });
            }
            items.push(it);
        }
        let mut rows = Vec::new();
        // (reason, plans with it), in plan order.
        let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
        let mut because = |plan: &str, why: String| match reasons.iter_mut().find(|(r, _)| *r == why) {
            Some((_, plans)) => plans.push(plan.to_string()),
            None => reasons.push((why, vec![plan.to_string()])),
        };
        for (plan_id, plan) in &card.plans {
            let q = match self.quote(&QuoteRequest {
                plan: Some(plan_id.clone()),
                items: items.clone(),
                balance: Some(plan.included),
                ..Default::default()
            }) {
                Ok(q) => q,
                Err(e) => {
                    because(plan_id, e.message().to_string());
                    continue;
                }
            };
            let purchase = if q.shortfall > Decimal::ZERO {
                match q
                    .purchase
                    .iter()
                    .filter(|p| p.balance_after >= Decimal::ZERO)
                    .min_by(|a, b| a.price.cmp(&b.price))
                {
                    Some(p) => vec![p.clone()],
                    None => {
                        because(
                            plan_id,
                            format!(
                                "short by {} {} and nothing it can buy covers that",
                                q.shortfall, card.unit
                            ),
                        );
                        continue;
                    }
                }
            } else {
                Vec::new()
            };
            if plan.price.is_none() && plan.products.is_empty() {
                because(plan_id, "its price is not published".to_string());
                continue;
            }
            let plan_price = plan.price.unwrap_or(Decimal::ZERO);
            let extra: Decimal = purchase.iter().map(|p| p.price).sum();
            let usd = money::cents(money::add(plan_price, extra, "usd")?);
            let mut explanation = match plan.price {
                Some(p) => format!(
                    "{}: {} a {} with {} {}",
                    plan.name,
                    money::cents(p),
                    plan.period.as_str(),
                    money::plain(plan.included),
                    card.unit
                ),
                None => format!("{}: the plan's own price is not published (not included)", plan.name),
            };
            explanation.push_str(&format!("; the workload costs {} {}", q.total, card.unit));
            for p in &purchase {
                explanation.push_str(&format!(
                    "; + {} × {}: {} {} for {}",
                    p.quantity, p.name, p.credits, card.unit, p.price
                ));
            }
            explanation.push_str(&format!("; {usd} {} for one month", card.currency));
            for n in &notes {
                explanation.push_str(&format!("; {n}"));
            }
            rows.push(Comparison {
                preset: card.id.clone(),
                plan: Some(plan_id.clone()),
                runnable: true,
                purchases: purchase,
                usd: Some(usd),
                credits: Some(q.total),
                unit: card.unit.clone(),
                explanation,
            });
        }
        let reason = if reasons.is_empty() {
            "no plan can run this workload".to_string()
        } else {
            let parts: Vec<String> = reasons
                .iter()
                .map(|(why, plans)| {
                    format!(
                        "{} {}: {why}",
                        if plans.len() == 1 { "plan" } else { "plans" },
                        plans.join(", ")
                    )
                })
                .collect();
            parts.join("; ")
        };
        Ok((rows, reason))
    }
}
