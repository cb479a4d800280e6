//! Properties that hold for every preset, checked with proptest on generated
//! requests (PROPTEST_CASES overrides the 256 cases per property).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ratecard::request::OptionValue;
use ratecard::rate_card::{Input, OptionType};
use ratecard::{presets, request, Item, PurchaseKind, QuoteRequest, RateEngine};
use rust_decimal::Decimal;

/// Every (preset, plan, feature) a quote can run, with options that make it valid.
fn runnable() -> Vec<(String, String, Item)> {
    let mut out = Vec::new();
    for id in presets::ids() {
        let engine = RateEngine::preset(id).unwrap();
        for (plan_id, _) in &engine.card().plans {
            for (fid, f) in &engine.card().features {
                let mut item = match f.input {
                    Input::Seconds => Item::seconds(fid, f.min.map(|m| m.0.try_into().unwrap()).unwrap_or(1)),
                    Input::Quantity => Item::quantity(fid, 1),
                };
                for (oid, o) in &f.options {
                    match o.kind {
                        OptionType::Enum if o.default.is_none() => {
                            let v = o.values.iter().find(|v| !o.unavailable.contains_key(*v)).unwrap();
                            item = item.with(oid, OptionValue::Text(v.clone()));
                        }
                        OptionType::Boolean if o.gate.is_some() => item = item.with(oid, OptionValue::Bool(true)),
                        _ => {}
                    }
                }
                let req = QuoteRequest {
                    plan: Some(plan_id.clone()),
                    items: vec![item.clone()],
                    ..Default::default()
                };
                if engine.quote(&req).is_ok() {
                    out.push((id.to_string(), plan_id.clone(), item));
                }
            }
        }
    }
    out
}

fn engine(id: &str) -> RateEngine {
    RateEngine::preset(id).unwrap()
}

/// The largest input a (plan, item) accepts: feature max, plan's longest video, engine limit.
fn max_input(e: &RateEngine, plan: &str, item: &Item) -> u32 {
    let f = &e.card().features[&item.feature];
    let p = &e.card().plans[plan];
    let mut hi: u32 = 100_000;
    if let Some(m) = f.max {
        hi = hi.min(m.0.try_into().unwrap());
    }
    if let (Input::Seconds, true, Some(m)) = (f.input, f.length_limited, p.max_seconds) {
        hi = hi.min(m.0.try_into().unwrap());
    }
    hi
}

fn with_amount(item: &Item, x: u32, input: Input) -> Item {
    let mut it = item.clone();
    match input {
        Input::Seconds => it.seconds = Some(Decimal::from(x)),
        Input::Quantity => it.quantity = Some(Decimal::from(x)),
    }
    it
}

fn quote(e: &RateEngine, plan: &str, items: Vec<Item>, balance: Option<Decimal>) -> ratecard::Quote {
    e.quote(&QuoteRequest {
        plan: Some(plan.into()),
        items,
        balance: balance.map(Into::into),
        ..Default::default()
    })
    .unwrap()
}

proptest! {
    #[test]
    fn cost_never_decreases_as_the_input_grows(pick in any::<prop::sample::Index>(), a in 1u32..100_000, b in 1u32..100_000) {
        let all = runnable();
        let (id, plan, item) = &all[pick.index(all.len())];
        let e = engine(id);
        let f = &e.card().features[&item.feature];
        let lo = f.min.map(|m| m.0.try_into().unwrap()).unwrap_or(1u32);
        let hi = max_input(&e, plan, item);
        prop_assume!(hi >= lo);
        let (x, y) = (lo + a % (hi - lo + 1), lo + b % (hi - lo + 1));
        let (small, large) = (x.min(y), x.max(y));
        let c1 = quote(&e, plan, vec![with_amount(item, small, f.input)], None).total.0;
        let c2 = quote(&e, plan, vec![with_amount(item, large, f.input)], None).total.0;
        prop_assert!(c1 <= c2, "{id}/{plan}/{}: {small} costs {c1} > {large} costs {c2}", item.feature);
    }

    #[test]
    fn lines_sum_to_the_total_and_balance_after_is_balance_minus_total(
        picks in prop::collection::vec((any::<prop::sample::Index>(), 1u32..3_000), 1..6),
        preset in any::<prop::sample::Index>(),
        cents in 0u64..10_000_000,
    ) {
        let all = runnable();
        let ids: Vec<&str> = presets::ids().into_iter().filter(|id| all.iter().any(|(p, _, _)| p == id)).collect();
        let id = ids[preset.index(ids.len())];
        let mine: Vec<&(String, String, Item)> = all.iter().filter(|(p, _, _)| p == id).collect();
        let plan = mine[0].1.clone();
        let e = engine(id);
        let items: Vec<Item> = picks.iter().filter_map(|(i, x)| {
            let (_, pl, item) = mine[i.index(mine.len())];
            let f = &e.card().features[&item.feature];
            let lo = f.min.map(|m| m.0.try_into().unwrap()).unwrap_or(1u32);
            let hi = max_input(&e, pl, item);
            (pl == &plan && hi >= lo).then(|| with_amount(item, lo + x % (hi - lo + 1), f.input))
        }).collect();
        prop_assume!(!items.is_empty());
        let balance = Decimal::new(cents as i64, 2);
        let q = quote(&e, &plan, items, Some(balance));
        let sum: Decimal = q.lines.iter().map(|l| l.amount.0).sum();
        prop_assert_eq!(sum, q.total.0);
        prop_assert_eq!(q.balance_after.0, balance - q.total.0);
        prop_assert_eq!(q.shortfall.0, (q.total.0 - balance).max(Decimal::ZERO));
        // The suggested packs cover the shortfall, and one fewer would not.
        for p in q.purchase.iter().filter(|p| p.kind != PurchaseKind::Upgrade) {
            let unit = p.credits.0 / Decimal::from(p.quantity);
            prop_assert!(p.credits >= q.shortfall, "{id}: {} × {} < {}", p.quantity, unit, q.shortfall);
            prop_assert!(unit * Decimal::from(p.quantity - 1) < q.shortfall.0, "{id}: {} − 1 packs already cover {}", p.quantity, q.shortfall);
            prop_assert_eq!(p.balance_after.0, q.balance_after.0 + p.credits.0);
        }
    }

    #[test]
    fn capacity_is_affordable_and_one_more_is_not(pick in any::<prop::sample::Index>(), cents in 0u64..500_000) {
        let all = runnable();
        let (id, plan, item) = &all[pick.index(all.len())];
        let e = engine(id);
        let balance = Decimal::new(cents as i64, 2);
        let options = serde_json::to_string(&item.options.iter().map(|(k, v)| (k.clone(), match v {
            OptionValue::Bool(b) => serde_json::Value::Bool(*b),
            OptionValue::Text(t) => serde_json::Value::String(t.clone()),
            OptionValue::Other(o) => serde_json::Value::String(o.clone()),
        })).collect::<serde_json::Map<_, _>>()).unwrap();
        let c = e.capacity(&request::from_json(&format!(r#"{{"plan":"{plan}","feature":"{}","options":{options},"balance":"{balance}"}}"#, item.feature)).unwrap()).unwrap();
        let f = &e.card().features[&item.feature];
        let x: u32 = c.seconds.or(c.quantity).unwrap().0.try_into().unwrap();
        if f.input == Input::Seconds && c.quantity.is_some() {
            // Priced per video: x videos of any length, and one more is over the balance.
            let lo = f.min.map(|m| m.0.try_into().unwrap()).unwrap_or(1u32);
            let one = quote(&e, plan, vec![with_amount(item, lo, f.input)], None).total.0;
            prop_assert_eq!(one * Decimal::from(x), c.cost.0);
            prop_assert!(c.cost.0 <= balance);
            prop_assert!(one * Decimal::from(x + 1) > balance);
            return Ok(());
        }
        if x > 0 {
            let here = quote(&e, plan, vec![with_amount(item, x, f.input)], None).total.0;
            prop_assert!(here <= balance);
            prop_assert_eq!(here, c.cost.0);
        }
        if x < max_input(&e, plan, item) && c.limited_by == "the balance" {
            let lo = f.min.map(|m| m.0.try_into().unwrap()).unwrap_or(1u32);
            let more = quote(&e, plan, vec![with_amount(item, (x + 1).max(lo), f.input)], None).total.0;
            prop_assert!(more > balance, "{id}/{plan}/{}: {} more still costs {more} ≤ {balance}", item.feature, x + 1);
        }
    }

    #[test]
    fn a_simulation_conserves_credits(
        preset in prop::sample::select(vec!["heygen-credits", "heygen-api", "heygen-liveavatar", "heygen-gencredits"]),
        days in prop::collection::vec((0u32..90, 1u32..1_800), 0..40),
        overage in any::<bool>(),
        cancel in prop::option::of(0u32..90),
    ) {
        let e = engine(preset);
        let (plan, feature) = match preset {
            "heygen-credits" => ("business", "avatar_iv"),
            "heygen-api" => ("scale", "avatar_iv"),
            "heygen-liveavatar" => ("essential", "full_sdk"),
            _ => ("creator", "avatar_iv"),
        };
        let date = |d: u32| {
            let base = jiff::civil::date(2026, 1, 1);
            base.checked_add(jiff::Span::new().days(i64::from(d))).unwrap().to_string()
        };
        let usage: Vec<String> = days.iter().map(|(d, s)| format!(r#"{{"at":"{}","feature":"{feature}","seconds":{s}}}"#, date(*d))).collect();
        let purchases = if preset == "heygen-gencredits" { format!(r#"[{{"at":"{}","quantity":2}}]"#, date(3)) } else { "[]".into() };
        let json = format!(
            r#"{{"plan":"{plan}","start":"2026-01-01","until":"{}","usage":[{}],"purchases":{purchases},"allowOverage":{}{}}}"#,
            date(95), usage.join(","), overage && preset == "heygen-liveavatar",
            cancel.map(|c| format!(r#","cancelAt":"{}""#, date(c))).unwrap_or_default()
        );
        let sim = e.simulate(&request::from_json(&json).unwrap()).unwrap();
        let granted: Decimal = sim.grants.iter().filter_map(|g| g.amount).map(|a| a.0).sum();
        let used: Decimal = sim.events.iter().filter(|ev| ev.kind == ratecard::ledger::EventKind::Usage).map(|ev| ev.credits.0).sum();
        prop_assert_eq!(granted, used + sim.expired.0 + sim.balance.0, "{}", json);
        prop_assert!(sim.balance >= Decimal::ZERO && sim.overage >= Decimal::ZERO);
        prop_assert!(sim.grants.iter().all(|g| g.remaining.0 >= Decimal::ZERO && Some(g.remaining) <= g.amount));
    }
}

// src/date.rs against jiff: parsing, printing, adding days and months
// (clamped to the month's end) and days between, over random dates.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn civil_dates_agree_with_jiff(y in 1i16..=9999, m in 1i8..=12, d in 1i8..=31, add in -4000i32..4000, months in -240i32..240, other in -40000i32..40000) {
        let Ok(j) = jiff::civil::Date::new(y, m, d) else { return Ok(()); };
        let text = j.to_string();
        let ours: ratecard::date::Date = text.parse().unwrap();
        prop_assert_eq!(ours.to_string(), text.clone());
        let jd = j.checked_add(jiff::Span::new().days(add)).ok().filter(|x| x.year() >= 1);
        prop_assert_eq!(ours.checked_add_days(add).map(|x| x.to_string()), jd.map(|x| x.to_string()));
        let jm = j.checked_add(jiff::Span::new().months(months)).ok().filter(|x| x.year() >= 1);
        prop_assert_eq!(ours.checked_add_months(months).map(|x| x.to_string()), jm.map(|x| x.to_string()));
        if let Ok(b) = j.checked_add(jiff::Span::new().days(other)) {
            if b.year() >= 1 {
                let theirs = b.since(j).unwrap().get_days();
                let ob: ratecard::date::Date = b.to_string().parse().unwrap();
                prop_assert_eq!(ours.days_until(ob), theirs);
                prop_assert_eq!(ours < ob, j < b);
            }
        }
    }
}

// The exact integer rounding of money::div_round agrees with Decimal division
// followed by the named rounding, over ordinary amounts.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]
    #[test]
    fn div_round_agrees_with_decimal_division(n in -10_000_000i64..10_000_000, ns in 0u32..6, den in prop::sample::select(vec![1i64, 3, 7, 60, 100, 3600]), dp in 0u32..4, mode in 0usize..4) {
        use ratecard::money::{div_round, RoundingMode};
        let mode = [RoundingMode::Up, RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down][mode];
        let num = Decimal::new(n, ns);
        let den = Decimal::from(den);
        let ours = div_round(num, den, dp, mode, "t").unwrap();
        let theirs = mode.round(num.checked_div(den).unwrap(), dp);
        prop_assert_eq!(ours.normalize(), theirs.normalize(), "{} / {} at {} {:?}", num, den, dp, mode);
    }
}

// A hold's reserve is burn-down over the grants that outlive the hold: the
// same as burning with every grant that expires on or before the hold's last
// day emptied first (what the hold module did before the two shared one path).
proptest! {
    #[test]
    fn a_reserve_burns_only_the_grants_that_outlive_the_hold(
        grants in prop::collection::vec((0u32..100, prop::option::of(0i32..60), 0i32..30), 0..10),
        through in 0i32..60,
        amount in 0u32..600,
    ) {
        let start: ratecard::date::Date = "2026-01-01".parse().unwrap();
        let on = |d: i32| start.checked_add_days(d).unwrap();
        let grants: Vec<request::Grant> = grants
            .iter()
            .enumerate()
            .map(|(i, &(left, expires, issued))| request::Grant {
                id: format!("g{i}"),
                source: None,
                amount: None,
                remaining: Decimal::from(left).into(),
                issued_at: Some(on(issued)),
                expires_at: expires.map(on),
            })
            .collect();
        let through = on(through);
        let mut ours = grants.clone();
        let reserved = ratecard::ledger::reserve(&mut ours, Decimal::from(amount), through);
        let mut oracle = grants.clone();
        for g in oracle.iter_mut().filter(|g| g.expires_at.is_some_and(|e| e <= through)) {
            g.remaining = Decimal::ZERO.into();
        }
        let burned = ratecard::ledger::burn(&mut oracle, Decimal::from(amount));
        prop_assert_eq!(&reserved, &burned);
        prop_assert!(reserved.taken.iter().all(|t| grants[t.grant].expires_at.is_none_or(|e| e > through)));
        let taken: Decimal = reserved.taken.iter().map(|t| t.credits).sum();
        prop_assert_eq!(taken + reserved.short, Decimal::from(amount));
    }
}
