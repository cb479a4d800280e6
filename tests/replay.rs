//! One customer's replay: rows in, the summary of `simulate` out (the adapters' kernel).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::replay::{replay_customer, Row, RowKind};
use ratecard::RateEngine;

fn day(s: &str) -> Option<ratecard::date::Date> {
    Some(s.parse().unwrap())
}

fn subscribe(at: &str, plan: &str) -> Row {
    Row { at: day(at), kind: Some(RowKind::Subscribe), plan: Some(plan.into()), ..Default::default() }
}

fn usage(at: &str, feature: &str, seconds: u32) -> Row {
    Row { at: day(at), kind: Some(RowKind::Usage), feature: Some(feature.into()), seconds: Some(seconds.into()), ..Default::default() }
}

#[test]
fn creator_for_a_quarter_spends_three_months_of_its_price() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let rows = [usage("2026-01-10", "avatar_iv", 300), subscribe("2026-01-01", "creator"), usage("2026-02-10", "avatar_iv", 6000)];
    let s = replay_customer(&engine, &rows, "2026-01-01".parse().unwrap(), "2026-03-31".parse().unwrap()).unwrap();
    // “Creator $29/month”: three monthly charges. 300 s of Avatar IV is 100 credits; 6,000 s (2,000
    // credits) is more than the 1,100 left on Feb 10: refused, nothing charged.
    assert_eq!((s.plan.as_str(), s.spent.to_string(), s.currency.as_str()), ("creator", "87.00".into(), "USD"));
    assert_eq!((s.credits_granted.to_string(), s.credits_used.to_string(), s.refused), ("1800".into(), "100".into(), 1));
    assert_eq!((s.expired.to_string(), s.balance.to_string()), ("500".into(), "1200".into()));
    assert_eq!(s.version, "2026-11-01");
    assert_eq!(s.card_hash, engine.card_hash());
}

#[test]
fn refusals_name_the_row_and_the_column() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let (start, until) = ("2026-01-01".parse().unwrap(), "2026-03-31".parse().unwrap());
    let err = |rows: &[Row]| {
        let e = replay_customer(&engine, rows, start, until).unwrap_err();
        (e.row, e.error.code(), e.error.path().iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join("."))
    };
    let no_feature = Row { feature: None, ..usage("2026-01-02", "x", 1) };
    assert_eq!(err(&[subscribe("2026-01-01", "creator"), no_feature]), (Some(1), "invalid_request", "Key(\"feature\")".into()));
    assert_eq!(err(&[subscribe("2026-01-01", "creator"), usage("2026-01-02", "nope", 1)]).0, Some(1));
    assert_eq!(err(&[subscribe("2026-01-01", "creator"), usage("2026-01-02", "nope", 1)]).1, "unknown_feature");
    assert_eq!(err(&[usage("2026-01-02", "avatar_iv", 1)]).0, Some(0), "usage before any subscribe");
    assert_eq!(err(&[subscribe("2026-01-01", "creator"), subscribe("2026-01-05", "business")]).0, Some(1));
    assert_eq!(err(&[]).0, None, "no subscribe at all");
    let unknown_plan = err(&[subscribe("2026-01-01", "nope")]);
    assert_eq!(unknown_plan.1, "unknown_plan");
}
