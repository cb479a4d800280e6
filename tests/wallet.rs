//! Dated wallet scenarios, one per rule of the articles (README, Pricing decisions), each also
//! checking conservation: granted = used + expired + remaining.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::ledger::{EventKind, Simulation};
use ratecard::{request, RateEngine};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn simulate(preset: &str, json: &str) -> Simulation {
    let sim = RateEngine::preset(preset)
        .expect("preset")
        .simulate(&request::from_json(json).expect("request"))
        .expect("simulate");
    let granted: Decimal = sim.grants.iter().filter_map(|g| g.amount).map(|a| a.0).sum();
    let used: Decimal = sim
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Usage)
        .map(|e| e.credits.0)
        .sum();
    assert_eq!(granted, used + sim.expired.0 + sim.balance.0, "conservation in {json}");
    // The simulation's own totals are those of its grants and events.
    assert_eq!((sim.credits_granted.0, sim.credits_used.0), (granted, used), "credits granted and used in {json}");
    let refused = sim.events.iter().filter(|e| e.kind == EventKind::Usage && e.note.contains(": not run,")).count();
    assert_eq!(sim.refused, refused, "refused usage in {json}");
    let remaining: Decimal = sim.grants.iter().map(|g| g.remaining.0).sum();
    assert_eq!(sim.balance, remaining);
    sim
}

fn kinds(sim: &Simulation, kind: EventKind) -> Vec<(String, Decimal)> {
    sim.events
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| (e.at.clone(), e.credits.0))
        .collect()
}

#[test]
fn monthly_rollover_is_burned_before_the_new_cycles_credits() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"creator","start":"2026-01-01","until":"2026-02-15",
            "usage":[{"at":"2026-01-10","feature":"avatar_iv","seconds":300},{"at":"2026-02-10","feature":"avatar_iv","seconds":1800}]}"#,
    );
    // Jan: 600 − 100 = 500 roll over; Feb 10 burns the 500 rolled over first, then 100 of February's.
    let feb: Vec<(Option<String>, Decimal)> = sim
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Usage && e.at == "2026-02-10")
        .map(|e| (e.grant.clone(), e.credits.0))
        .collect();
    assert_eq!(feb, vec![(Some("g1".into()), d("500")), (Some("g2".into()), d("100"))]);
    assert_eq!(kinds(&sim, EventKind::Rollover), vec![("2026-02-01".into(), d("500"))]);
    assert_eq!(sim.balance, d("500"));
    assert_eq!(sim.spent.to_string(), "58.00");
}

#[test]
fn rolled_over_credits_expire_after_one_more_cycle() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"creator","start":"2026-01-01","until":"2026-03-01"}"#,
    );
    assert_eq!(sim.grants[0].expires_at.map(|d| d.to_string()).as_deref(), Some("2026-03-01"));
    assert_eq!(kinds(&sim, EventKind::Expire), vec![("2026-03-01".into(), d("600"))]);
    assert_eq!(sim.balance, d("1200")); // February's and March's
    assert_eq!(sim.expired, d("600"));
    assert_eq!(sim.spent.to_string(), "87.00");
}

#[test]
fn annual_subscribers_accumulate_until_the_renewal_date() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"creator","billing":"year","start":"2026-01-01","until":"2026-12-31"}"#,
    );
    assert_eq!(sim.balance, d("7200"));
    assert_eq!(sim.expired, d("0"));
    assert!(sim.grants.iter().all(|g| g.expires_at.map(|d| d.to_string()).as_deref() == Some("2027-01-01")));
    assert_eq!(sim.spent.to_string(), "348.00"); // one annual charge: 12 × $29 (no annual price published)
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"creator","billing":"year","start":"2026-01-01","until":"2027-01-01"}"#,
    );
    assert_eq!(sim.expired, d("7200"));
    assert_eq!(sim.balance, d("600"));
}

#[test]
fn cancelling_keeps_access_to_the_cycle_end_then_forfeits() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"business","start":"2026-01-01","until":"2026-03-01","cancelAt":"2026-01-15",
            "usage":[{"at":"2026-01-20","feature":"avatar_iv","seconds":60},{"at":"2026-02-05","feature":"avatar_iv","seconds":60}]}"#,
    );
    assert_eq!(kinds(&sim, EventKind::Cancel), vec![("2026-01-15".into(), d("0"))]);
    assert_eq!(kinds(&sim, EventKind::Usage)[0], ("2026-01-20".into(), d("20")));
    assert_eq!(kinds(&sim, EventKind::Expire), vec![("2026-02-01".into(), d("1480"))]);
    let last = sim.events.last().expect("events");
    assert!(last.note.contains("not run, the plan ended"), "{}", last.note);
    assert_eq!(sim.balance, d("0"));
    assert_eq!(sim.spent.to_string(), "149.00");
}

#[test]
fn an_upgrade_mid_cycle_is_prorated_by_days_left_and_grants_the_difference_at_once() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"creator","start":"2026-01-01","until":"2026-02-01","upgrades":[{"at":"2026-01-20","plan":"business"}]}"#,
    );
    let up = sim
        .events
        .iter()
        .find(|e| e.kind == EventKind::Upgrade)
        .expect("upgrade");
    assert_eq!(up.credits, d("900"));
    assert!(up.note.contains("prorated 46.45 USD for 12 of 31 days"), "{}", up.note); // (149 − 29) × 12 / 31
                                                                                      // Feb 1: the full Business allowance.
    assert_eq!(sim.grants.last().and_then(|g| g.amount), Some(d("1500").into()));
    assert_eq!(sim.spent.to_string(), "224.45"); // 29 + 46.45 + 149
}

#[test]
fn business_auto_reload_buys_blocks_below_the_threshold() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"business","start":"2026-01-01","until":"2026-01-31","autoReload":{"threshold":"100","quantity":2},
            "usage":[{"at":"2026-01-05","feature":"avatar_iv","seconds":4400}]}"#,
    );
    assert_eq!(
        kinds(&sim, EventKind::AutoReload),
        vec![("2026-01-05".into(), d("200"))]
    );
    assert_eq!(sim.balance, d("233.33")); // 1500 − 1466.67 + 200
    assert_eq!(sim.spent.to_string(), "159.00");
    let e = RateEngine::preset("heygen-credits")
        .expect("preset")
        .simulate(&request::from_json(r#"{"plan":"creator","start":"2026-01-01","until":"2026-01-31","autoReload":{"threshold":"100","quantity":2}}"#).expect("req"))
        .expect_err("creator has no auto-reload");
    assert_eq!(e.code(), "not_available");
}

#[test]
fn auto_reload_also_covers_a_job_bigger_than_the_balance() {
    let sim = simulate(
        "heygen-credits",
        r#"{"plan":"business","start":"2026-01-01","until":"2026-01-31","autoReload":{"threshold":"100","quantity":1},
            "usage":[{"at":"2026-01-05","feature":"avatar_iv","seconds":4800}]}"#,
    );
    // 1600 credits on a 1500 balance: one block before the job, one after (balance 0 < 100).
    assert_eq!(kinds(&sim, EventKind::AutoReload).len(), 2);
    assert_eq!(sim.balance, d("100"));
}

#[test]
fn api_credits_expire_30_days_after_issue() {
    let sim = simulate(
        "heygen-api",
        r#"{"plan":"pro","start":"2026-01-01","until":"2026-02-05"}"#,
    );
    assert_eq!(sim.grants[0].expires_at.map(|d| d.to_string()).as_deref(), Some("2026-01-31"));
    assert_eq!(kinds(&sim, EventKind::Expire), vec![("2026-01-31".into(), d("100"))]);
    assert_eq!(sim.balance, d("100"));
}

#[test]
fn api_scale_auto_renews_at_90_percent_used_when_auto_renew_is_on() {
    let json = |auto: bool| {
        format!(
            r#"{{"plan":"scale","start":"2026-01-01","until":"2026-01-31","autoRenew":{auto},"usage":[
            {{"at":"2026-01-05","feature":"avatar_iv","seconds":1790}},
            {{"at":"2026-01-06","feature":"avatar_iv","seconds":1790}},
            {{"at":"2026-01-07","feature":"avatar_iv","seconds":1790}},
            {{"at":"2026-01-08","feature":"avatar_iv","seconds":600}}]}}"#
        )
    };
    let sim = simulate("heygen-api", &json(true));
    // 3 × 179 + 60 = 597 of 660 credits: 90.5 % → renew on Jan 8.
    let renew: Vec<_> = kinds(&sim, EventKind::AutoRenew);
    assert_eq!(renew, vec![("2026-01-08".into(), d("660"))]);
    assert_eq!(sim.expired, d("63")); // the old cycle's rest is replaced
    assert_eq!(sim.balance, d("660"));
    assert_eq!(sim.spent.to_string(), "660.00");
    assert_eq!(sim.grants[1].expires_at.map(|d| d.to_string()).as_deref(), Some("2026-02-07"));
    // Off (the default): nothing renews early, nothing is charged twice.
    let sim = simulate("heygen-api", &json(false));
    assert!(kinds(&sim, EventKind::AutoRenew).is_empty());
    assert_eq!(sim.spent.to_string(), "330.00");
    assert_eq!(sim.expired, d("63")); // on Jan 31, 30 days after issue
    assert_eq!(sim.balance, d("0"));
}

#[test]
fn liveavatar_overage_is_billed_afterwards_at_ten_cents() {
    let sim = simulate(
        "heygen-liveavatar",
        r#"{"start":"2026-01-01","until":"2026-01-20","allowOverage":true,"usage":[{"at":"2026-01-03","feature":"full_sdk","seconds":30900}]}"#,
    );
    assert_eq!(sim.overage, d("30"));
    assert_eq!(kinds(&sim, EventKind::Overage), vec![("2026-01-03".into(), d("30"))]);
    // $100 plan + $3.00 overage (auto-renew is off unless asked for).
    assert_eq!(sim.spent.to_string(), "103.00");
    let without = simulate(
        "heygen-liveavatar",
        r#"{"start":"2026-01-01","until":"2026-01-20","usage":[{"at":"2026-01-03","feature":"full_sdk","seconds":30900}]}"#,
    );
    assert_eq!(without.overage, d("0"));
    assert!(without.events.iter().any(|e| e.note.contains("not run, needs 1030")));
}

#[test]
fn liveavatar_renew_now_credits_expire_30_days_after_purchase() {
    let sim = simulate(
        "heygen-liveavatar",
        r#"{"start":"2026-01-01","until":"2026-02-20","purchases":[{"at":"2026-01-10","quantity":1}]}"#,
    );
    let pack = sim
        .grants
        .iter()
        .find(|g| g.source.as_deref().unwrap_or_default().contains("Renew LiveAvatar Essential now"))
        .expect("renewal");
    assert_eq!(pack.expires_at.map(|d| d.to_string()).as_deref(), Some("2026-02-09"));
    assert!(kinds(&sim, EventKind::Expire).contains(&("2026-02-09".into(), d("1000"))));
}

#[test]
fn gencredits_monthly_pack_renews_with_the_subscription_and_annual_grants_3600_at_once() {
    let sim = simulate(
        "heygen-gencredits",
        r#"{"plan":"creator","start":"2026-01-01","until":"2026-03-15","purchases":[{"at":"2026-01-05","quantity":1,"billing":"month"}]}"#,
    );
    assert_eq!(
        kinds(&sim, EventKind::Purchase),
        vec![
            ("2026-01-05".into(), d("300")),
            ("2026-02-01".into(), d("300")),
            ("2026-03-01".into(), d("300"))
        ]
    );
    assert_eq!(sim.spent.to_string(), "45.00");
    assert_eq!(sim.balance, d("900"));
    let sim = simulate(
        "heygen-gencredits",
        r#"{"plan":"team","start":"2026-01-01","until":"2026-12-31","purchases":[{"at":"2026-01-01","quantity":1,"billing":"year"}]}"#,
    );
    assert_eq!(kinds(&sim, EventKind::Purchase), vec![("2026-01-01".into(), d("3600"))]);
    assert_eq!(sim.spent.to_string(), "150.00");
    let sim = simulate(
        "heygen-gencredits",
        r#"{"plan":"creator","start":"2026-01-01","until":"2026-03-15","cancelAt":"2026-01-20","purchases":[{"at":"2026-01-05","quantity":1,"billing":"month"}]}"#,
    );
    assert_eq!(sim.expired, d("300")); // nothing carries over when not renewed
    assert_eq!(sim.spent.to_string(), "15.00");
}

#[test]
fn aistudios_units_reset_each_cycle() {
    let sim = simulate(
        "aistudios",
        r#"{"plan":"basic","start":"2026-01-01","until":"2026-02-15","purchases":[{"at":"2026-01-01","quantity":2,"seats":3}]}"#,
    );
    assert_eq!(
        kinds(&sim, EventKind::Purchase),
        vec![("2026-01-01".into(), d("360")), ("2026-02-01".into(), d("360"))]
    );
    assert_eq!(kinds(&sim, EventKind::Expire), vec![("2026-02-01".into(), d("360"))]);
    assert_eq!(sim.spent.to_string(), "120.00");
}

#[test]
fn payg_top_ups_fund_usage_in_dollars() {
    let sim = simulate(
        "heygen-payg",
        r#"{"start":"2026-01-01","until":"2026-01-31","purchases":[{"at":"2026-01-02","quantity":10}],
            "usage":[{"at":"2026-01-03","feature":"avatar_iv","seconds":60,"options":{"avatar_type":"photo_avatar"}}]}"#,
    );
    assert_eq!(sim.balance, d("7"));
    assert_eq!(sim.spent.to_string(), "10.00");
}

#[test]
fn bad_requests_name_the_field() {
    let engine = RateEngine::preset("heygen-credits").expect("preset");
    for (json, code, start) in [
        (
            r#"{"plan":"creator","start":"2026-02-30","until":"2026-03-01"}"#,
            "invalid_request",
            "start: expected a date",
        ),
        (
            r#"{"plan":"creator","start":"2026-03-01","until":"2026-01-01"}"#,
            "invalid_request",
            "until:",
        ),
        (
            r#"{"plan":"creator","start":"2026-01-01","until":"2026-01-31","usage":[{"at":"2026-02-05","feature":"avatar_iv","seconds":1}]}"#,
            "invalid_request",
            "usage[0].at: 2026-02-05 is outside",
        ),
        (
            r#"{"plan":"creator","start":"2026-01-01","until":"2026-01-31","usage":[{"at":"2026-01-05","feature":"avatar_iv","seconds":-1}]}"#,
            "invalid_quantity",
            "usage[0].seconds",
        ),
        (
            r#"{"plan":"creator","start":"2026-01-01","until":"2026-01-31","purchases":[{"at":"2026-01-05","quantity":1}]}"#,
            "not_available",
            "purchases[0].",
        ),
        (
            r#"{"plan":"creator","start":"2026-01-01","until":"2026-01-31","upgrades":[{"at":"2026-01-05","plan":"gold"}]}"#,
            "unknown_plan",
            "upgrades[0].",
        ),
        (
            r#"{"plan":"creator","start":"2016-01-01","until":"2036-01-31"}"#,
            "invalid_request",
            "until:",
        ),
    ] {
        let e = engine
            .simulate(&request::from_json(json).expect("request"))
            .expect_err(json);
        assert_eq!(e.code(), code, "{json}: {}", e.message());
        assert!(e.message().starts_with(start), "{json}: {}", e.message());
    }
}

/// Auto-renew's “once you use 90% or more of your monthly credits” counts the
/// cycle's plan credits only: a pack burned first (it expires sooner) does not
/// bring the renewal forward. A card of the operator's own: API Scale with a
/// one-time 1,000-credit pack that expires after 5 days.
#[test]
fn auto_renew_counts_the_cycles_plan_credits_not_packs() {
    let mut card: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-api").expect("preset")).expect("json");
    card["products"]["short_pack"] = serde_json::json!({
        "name": "1,000-credit pack (5 days)", "unitName": "pack", "kind": "pack", "credits": "1000",
        "price": "100.00", "period": "once", "expiry": { "after": "days", "count": 5 }, "source": "operator's own"
    });
    card["plans"]["scale"]["products"] = serde_json::json!(["short_pack"]);
    let engine = RateEngine::from_json(&card.to_string()).expect("card");
    // 700 credits of Avatar IV (6 a minute): 4 videos of 1,750 s.
    let usage = r#"{"at":"2026-01-03","feature":"avatar_iv","seconds":1750}"#;
    let json = format!(
        r#"{{"plan":"scale","autoRenew":true,"start":"2026-01-01","until":"2026-01-04","purchases":[{{"at":"2026-01-02","quantity":1}}],"usage":[{usage},{usage},{usage},{usage}]}}"#
    );
    let sim = engine.simulate(&request::from_json(&json).expect("request")).expect("simulate");
    // 700 burned from the pack, none of the plan's 660: no auto-renewal.
    assert!(sim.events.iter().all(|e| e.kind != EventKind::AutoRenew), "{:#?}", sim.events);
    assert_eq!(sim.spent.to_string(), "430.00");
    assert_eq!(sim.balance, d("960"));
    // Past 90 % of the plan's own 660 (594), it renews.
    let json = format!(
        r#"{{"plan":"scale","autoRenew":true,"start":"2026-01-01","until":"2026-01-04","usage":[{usage},{usage},{usage},{usage}]}}"#
    );
    let sim = engine.simulate(&request::from_json(&json).expect("request")).expect("simulate");
    assert!(sim.events.iter().any(|e| e.kind == EventKind::AutoRenew));
}

/// The limits bound a simulation's work, not only its bytes: more dated
/// events than the cap are refused before anything runs, and auto-reload
/// cannot issue grants without end (64 usages of 1,000,000 s once took 43 s).
#[test]
fn a_simulation_refuses_timelines_past_its_caps() {
    use ratecard::limits::{MAX_SIMULATION_GRANTS, MAX_TIMELINE_EVENTS};
    let engine = RateEngine::preset("heygen-credits").expect("preset");
    let purchase = r#"{"at":"2026-01-02","quantity":1}"#;
    let purchases = vec![purchase; MAX_TIMELINE_EVENTS + 1].join(",");
    let json = format!(r#"{{"plan":"business","start":"2026-01-01","until":"2026-01-31","purchases":[{purchases}]}}"#);
    let e = engine.simulate(&request::from_json(&json).expect("request")).unwrap_err();
    assert_eq!(e.code(), "invalid_request");
    assert!(e.message().contains(&format!("at most {MAX_TIMELINE_EVENTS} events together")), "{}", e.message());

    let usage = r#"{"at":"2026-01-03","feature":"avatar_iv","seconds":1000000}"#;
    let usages = vec![usage; 64].join(",");
    let json = format!(
        r#"{{"plan":"business","start":"2026-01-01","until":"2026-01-31","autoReload":{{"threshold":"100","quantity":1}},"usage":[{usages}]}}"#
    );
    let e = engine.simulate(&request::from_json(&json).expect("request")).unwrap_err();
    assert_eq!(e.code(), "invalid_request");
    assert!(e.message().contains(&format!("more than {MAX_SIMULATION_GRANTS} credit grants")), "{}", e.message());

    // A day of many events still runs (the day's events are sorted in O(n log n)).
    let purchases = vec![purchase; 5_000].join(",");
    let json = format!(r#"{{"plan":"business","start":"2026-01-01","until":"2026-01-05","purchases":[{purchases}]}}"#);
    let sim = simulate_with(&engine, &json);
    assert_eq!(sim.spent.to_string(), "25149.00"); // $149 + 5,000 blocks × $5
}

fn simulate_with(engine: &RateEngine, json: &str) -> Simulation {
    engine.simulate(&request::from_json(json).expect("request")).expect("simulate")
}

/// Every event says what caused it, as data: the request's entry or the calendar.
#[test]
fn every_event_has_a_typed_cause() {
    use ratecard::ledger::{Cause, CauseKind, EventKind};
    let engine = ratecard::RateEngine::preset("heygen-credits").unwrap();
    let sim = engine
        .simulate(&ratecard::request::from_json(r#"{
            "plan": "business", "start": "2026-01-01", "until": "2026-02-15",
            "usage": [{ "at": "2026-01-10", "feature": "avatar_iv", "seconds": 300 }],
            "purchases": [{ "at": "2026-01-12", "quantity": 1 }] }"#).unwrap())
        .unwrap();
    let of = |kind: EventKind| sim.events.iter().filter(|e| e.kind == kind).map(|e| e.cause).collect::<Vec<_>>();
    assert_eq!(of(EventKind::Usage), vec![Cause::entry(CauseKind::Usage, 0)]);
    assert_eq!(of(EventKind::Purchase), vec![Cause::entry(CauseKind::Purchases, 0)]);
    assert!(of(EventKind::Grant).iter().all(|c| *c == Cause::CALENDAR));
    let json = serde_json::to_value(&sim.events[1]).unwrap();
    assert_eq!(json["cause"], serde_json::json!({ "by": "usage", "index": 0 }));
}
