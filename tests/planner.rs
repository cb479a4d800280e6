//! capacity, compare and quote-with-grants through the native API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::request::CapacityRequest;
use ratecard::{request, Item, QuoteRequest, RateEngine};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn cost(engine: &RateEngine, plan: &str, feature: &str, x: Decimal, seconds: bool, options: &str) -> Option<Decimal> {
    let key = if seconds { "seconds" } else { "quantity" };
    let json = format!(
        r#"{{"plan":"{plan}","items":[{{"feature":"{feature}","{key}":"{x}","options":{options}}}],"balance":"0"}}"#
    );
    engine
        .quote(&request::from_json::<QuoteRequest>(&json).ok()?)
        .ok()
        .map(|q| q.total.0)
}

#[test]
fn capacity_is_affordable_and_one_more_is_not() {
    let cases = [
        ("heygen-credits", "business", "avatar_iv", "{}", "100", true),
        (
            "heygen-credits",
            "business",
            "avatar_iv",
            r#"{"expressive_motion":true}"#,
            "100",
            true,
        ),
        ("heygen-credits", "creator", "generate_look", "{}", "7.5", false),
        ("heygen-api", "pro", "video_avatar", "{}", "1", true),
        ("heygen-api", "scale", "video_translation", "{}", "6", true),
        ("heygen-api", "pro", "streaming", "{}", "0.35", true),
        ("heygen-gencredits", "creator", "generate_look", "{}", "9", false),
        (
            "heygen-payg",
            "payg",
            "avatar_iv",
            r#"{"avatar_type":"digital_twin","resolution":"4k"}"#,
            "10.00",
            true,
        ),
        ("heygen-liveavatar", "essential", "full_sdk", "{}", "1000", true),
    ];
    for (preset, plan, feature, options, balance, seconds) in cases {
        let engine = RateEngine::preset(preset).expect("preset");
        let req: CapacityRequest = request::from_json(&format!(
            r#"{{"plan":"{plan}","feature":"{feature}","options":{options},"balance":"{balance}"}}"#
        ))
        .expect("req");
        let c = engine.capacity(&req).expect("capacity");
        let x = if seconds { c.seconds } else { c.quantity }.expect("the right unit").0;
        let here = cost(&engine, plan, feature, x, seconds, options).expect("quotable");
        assert_eq!(here, c.cost.0, "{preset} {feature}");
        assert!(here <= d(balance), "{preset} {feature}: {x} costs {here} > {balance}");
        let more = cost(&engine, plan, feature, x + Decimal::ONE, seconds, options).expect("quotable");
        assert!(more > d(balance), "{preset} {feature}: {x}+1 costs {more} ≤ {balance}");
    }
}

#[test]
fn capacity_values_from_the_seeds() {
    let engine = RateEngine::preset("heygen-api").expect("preset");
    // 1 credit of video avatar: 0:00–0:59 (two 30 s increments).
    let c = engine
        .capacity(&request::from_json(r#"{"plan":"pro","feature":"video_avatar","balance":"1"}"#).expect("req"))
        .expect("cap");
    assert_eq!(c.seconds, Some(d("59").into()));
    // 100 credits would buy 100 minutes, but Pro videos stop at 30 minutes.
    let c = engine
        .capacity(&request::from_json(r#"{"plan":"pro","feature":"video_avatar","balance":"100"}"#).expect("req"))
        .expect("cap");
    assert_eq!(c.seconds, Some(d("1800").into()));
    assert!(c.limited_by.contains("longest video"), "{}", c.limited_by);
    let engine = RateEngine::preset("heygen-credits").expect("preset");
    let c = engine
        .capacity(&request::from_json(r#"{"plan":"business","feature":"avatar_iv","balance":"20"}"#).expect("req"))
        .expect("cap");
    assert_eq!(c.seconds, Some(d("60").into())); // 1 credit = 3 s
    let c = engine
        .capacity(&request::from_json(r#"{"plan":"business","feature":"avatar_iv","balance":"0"}"#).expect("req"))
        .expect("cap");
    assert_eq!(c.seconds, Some(d("0").into()));
    let engine = RateEngine::preset("heygen-payg").expect("preset");
    let c = engine
        .capacity(&request::from_json(r#"{"feature":"cinematic_avatar","balance":"7"}"#).expect("req"))
        .expect("cap");
    // Flat $7 per video of 4–15 s: counted in videos, not seconds.
    assert_eq!((c.seconds, c.quantity, c.cost.to_string()), (None, Some(d("1").into()), "7.00".to_string()));
    let c = engine
        .capacity(&request::from_json(r#"{"feature":"cinematic_avatar","balance":"6.99"}"#).expect("req"))
        .expect("cap");
    assert_eq!((c.seconds, c.quantity), (None, Some(d("0").into())));
    // VEO3, 90 credits a video of any length: 100 credits buy 1 video (not "1,000,000 s").
    let engine = RateEngine::preset("heygen-credits").expect("preset");
    let c = engine
        .capacity(&request::from_json(r#"{"plan":"business","feature":"video_asset","options":{"model":"veo3"},"balance":"100"}"#).expect("req"))
        .expect("cap");
    assert_eq!((c.seconds, c.quantity, c.cost.to_string()), (None, Some(d("1").into()), "90".to_string()));
}

#[test]
fn compare_orders_plans_cheapest_first_and_explains_who_cannot_run() {
    let req = request::from_json(
        r#"{"workload":[{"feature":"avatar_iv","seconds":3600,"options":{"expressive_motion":true}}]}"#,
    )
    .expect("req");
    let rows = RateEngine::compare(&req).expect("compare");
    // Complete prices cheapest first, then the incomplete ones cheapest first.
    for complete in [true, false] {
        let price: Vec<Decimal> = rows
            .iter()
            .filter(|r| r.runnable && r.complete == complete)
            .filter_map(|r| r.price)
            .map(|u| u.0)
            .collect();
        assert!(price.windows(2).all(|w| w[0] <= w[1]), "{price:?}");
    }
    assert!(
        rows.iter().skip_while(|r| r.complete).all(|r| !r.complete),
        "complete first"
    );
    assert!(
        rows.iter().skip_while(|r| r.runnable).all(|r| !r.runnable),
        "runnable first"
    );
    // heygen-credits Business: 2,400 credits for an hour with expressive motion; 1,500 included + 9 blocks.
    let business = rows
        .iter()
        .find(|r| r.preset == "heygen-credits" && r.plan.as_deref() == Some("business"))
        .expect("business");
    assert_eq!(business.credits, Some(d("2400").into()));
    assert_eq!(business.price.map(|u| u.to_string()), Some("194.00".into()));
    assert_eq!(business.purchases[0].quantity, 9);
    // heygen-gencredits ignores expressive_motion and says so.
    let gen = rows
        .iter()
        .find(|r| r.preset == "heygen-gencredits" && r.runnable)
        .expect("gencredits");
    assert!(gen.explanation.contains("expressive_motion"), "{}", gen.explanation);
    // The API's Pro can't make a 60-minute video; payg needs an avatar type; aistudios has no features.
    let aistudios = rows.iter().find(|r| r.preset == "aistudios").expect("aistudios");
    assert!(
        !aistudios.runnable && aistudios.explanation.contains("no feature"),
        "{}",
        aistudios.explanation
    );
    let payg = rows.iter().find(|r| r.preset == "heygen-payg").expect("payg");
    assert!(
        !payg.runnable && payg.explanation.contains("avatar_type"),
        "{}",
        payg.explanation
    );
    let api = rows.iter().find(|r| r.preset == "heygen-api").expect("api");
    assert!(
        !api.runnable && api.explanation.contains("allows videos up to 180 s"),
        "{}",
        api.explanation
    );
}

#[test]
fn a_quote_on_grants_shows_what_it_burns_and_what_expires_unused() {
    let engine = RateEngine::preset("heygen-credits").expect("preset");
    let req: QuoteRequest = request::from_json(
        r#"{"plan":"business","at":"2026-02-25","items":[{"feature":"avatar_iv","seconds":90},{"feature":"generate_look","quantity":40}],
            "grants":[{"id":"g2","remaining":"1500","issuedAt":"2026-02-01","expiresAt":"2026-04-01"},
                      {"id":"g1","remaining":"50","issuedAt":"2026-01-01","expiresAt":"2026-03-01"}]}"#,
    )
    .expect("req");
    let q = engine.quote(&req).expect("quote");
    assert_eq!(q.balance, d("1550"));
    assert_eq!(q.total, d("70"));
    let burns: Vec<Vec<(String, Decimal)>> = q
        .lines
        .iter()
        .map(|l| l.burns.iter().map(|b| (b.grant.clone(), b.credits.0)).collect())
        .collect();
    assert_eq!(
        burns,
        vec![
            vec![("g1".into(), d("30"))],
            vec![("g1".into(), d("20")), ("g2".into(), d("20"))]
        ]
    );
    assert!(q.warnings.is_empty(), "g1 is used up: {:?}", q.warnings);
    let small = QuoteRequest {
        items: vec![Item::seconds("avatar_iv", 30)],
        ..req.clone()
    };
    let q = engine.quote(&small).expect("quote");
    assert_eq!(
        q.warnings,
        vec!["40 credits of grant g1 expire on 2026-03-01, unused by this quote".to_string()]
    );
    let both = QuoteRequest {
        balance: Some(d("1").into()),
        ..req
    };
    assert_eq!(engine.quote(&both).expect_err("both").code(), "invalid_request");
}

#[test]
fn the_curve_matches_one_item_quotes_and_steps_at_increments() {
    let engine = RateEngine::preset("heygen-api").expect("preset");
    let req = request::from_json(r#"{"plan":"pro","item":{"feature":"video_avatar"},"fromSeconds":1,"toSeconds":120}"#)
        .expect("req");
    let curve = engine.quote_curve(&req).expect("curve");
    assert_eq!(curve.len(), 120);
    for (i, total) in curve.iter().enumerate() {
        assert_eq!(
            Some(*total),
            cost(&engine, "pro", "video_avatar", Decimal::from(i as u32 + 1), true, "{}"),
            "{} s",
            i + 1
        );
    }
    assert_eq!(
        (curve[28], curve[29], curve[58], curve[59]),
        (d("0.5"), d("1"), d("1"), d("1.5"))
    ); // 29 s, 30 s, 59 s, 60 s
    let streaming = request::from_json(
        r#"{"plan":"pro","item":{"feature":"streaming"},"fromSeconds":10,"toSeconds":40,"stepSeconds":10}"#,
    )
    .expect("req");
    assert_eq!(
        engine.quote_curve(&streaming).expect("curve"),
        vec![d("0.1"), d("0.1"), d("0.1"), d("0.14")]
    ); // 30 s minimum
    let too_long = request::from_json(
        r#"{"plan":"pro","item":{"feature":"video_avatar"},"fromSeconds":1,"toSeconds":1801,"stepSeconds":100}"#,
    )
    .expect("req");
    // 1, 101, …, 1801: the last point is past Pro's 30-minute limit.
    assert_eq!(
        engine.quote_curve(&too_long).expect_err("past the limit").code(),
        "plan_limit"
    );
    let to_limit = request::from_json(
        r#"{"plan":"pro","item":{"feature":"video_avatar"},"fromSeconds":1,"toSeconds":1800,"stepSeconds":1}"#,
    )
    .expect("req");
    assert_eq!(engine.quote_curve(&to_limit).expect("curve").last(), Some(&d("30.5"))); // 61 increments
    let bad = request::from_json(r#"{"plan":"pro","item":{"feature":"video_avatar"},"fromSeconds":5,"toSeconds":1}"#)
        .expect("req");
    assert_eq!(
        engine.quote_curve(&bad).expect_err("reversed").code(),
        "invalid_request"
    );
}

/// `compare`'s own cards are held to a rate card's size limit, one by one.
#[test]
fn compare_refuses_a_card_past_the_size_limit() {
    let mut card: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    let f = card["features"]["avatar_iii"].clone();
    for i in 0..2_000 {
        let mut g = f.clone();
        g["source"] = serde_json::Value::String("s".repeat(1_000));
        card["features"][format!("f{i}")] = g;
    }
    let req = format!(r#"{{"workload":[{{"feature":"avatar_iv","seconds":9}}],"presets":[],"cards":[{card}]}}"#);
    let e = RateEngine::compare(&ratecard::request::from_json(&req).unwrap()).unwrap_err();
    assert_eq!(e.code(), "invalid_rate_card");
    assert_eq!(e.path_text(), "cards[0]");
}
