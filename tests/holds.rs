//! Holds across a price change, and a server's verification of holds and
//! settlements against its own records (the case table has the rest).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::integrity::Verdict;
use ratecard::request::ServerRecords;
use ratecard::{request, Hold, QuoteRequest, RateEngine, SettleRequest};
use serde_json::Value;

/// heygen-credits now, and a version from 2027-01-01 with Avatar IV at 25 credits a minute.
fn book() -> RateEngine {
    let now: Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    let mut next = now.clone();
    next["version"] = "2027-01".into();
    next["effectiveFrom"] = "2027-01-01".into();
    next["features"]["avatar_iv"]["rate"] = "25".into();
    RateEngine::from_json(&Value::Array(vec![now, next]).to_string()).unwrap()
}

const HOLD: &str = r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":60,"maxSeconds":120}],"balance":"100","at":"2026-12-31","holdFor":3}"#;

fn held(engine: &RateEngine) -> Hold {
    engine.hold(&request::from_json(HOLD).unwrap()).unwrap()
}

fn settle_req(text: &str) -> SettleRequest {
    request::from_json(text).unwrap()
}

fn records(text: &str) -> ServerRecords {
    request::from_json(text).unwrap()
}

#[test]
fn a_hold_across_a_price_change_settles_at_the_held_price() {
    let engine = book();
    let hold = held(&engine);
    // 120 s at 20 credits a minute (version 2026-11-01, in force on 31 Dec).
    assert_eq!((hold.credits.to_string(), hold.version.as_str(), hold.expires_at.to_string()), ("40".into(), "2026-11-01", "2027-01-03".into()));
    // Settled on 2 Jan, under 2027-01's 25 a minute: 90 s is still 30 credits, not 37.5.
    let s = engine.settle(&hold, &settle_req(r#"{"at":"2027-01-02","items":[{"feature":"avatar_iv","seconds":90}]}"#)).unwrap();
    assert_eq!((s.total.to_string(), s.credits.to_string(), s.released.to_string()), ("30".into(), "30".into(), "10".into()));
    assert_eq!((s.version.as_str(), s.priced_on.to_string(), s.at.to_string()), ("2026-11-01", "2026-12-31".into(), "2027-01-02".into()));
    assert!(s.lines[0].explanation.contains("20 credits/min"), "{}", s.lines[0].explanation);
    // A new hold on 2 Jan prices at the new rate: 120 s is 50 credits.
    let later = engine.hold(&request::from_json(&HOLD.replace("2026-12-31", "2027-01-02")).unwrap()).unwrap();
    assert_eq!((later.credits.to_string(), later.version.as_str()), ("50".into(), "2027-01"));
}

#[test]
fn verify_hold_recomputes_with_the_server_records_and_day() {
    let engine = book();
    let hold = held(&engine);
    let req: QuoteRequest = request::from_json(HOLD).unwrap();
    let claim = serde_json::to_value(&hold).unwrap();
    let verdict = |claim: &Value, rec: &str| engine.verify_hold(&req, claim, &records(rec)).unwrap().verdict;
    assert_eq!(verdict(&claim, r#"{"balance":"100","at":"2026-12-31"}"#), Verdict::Match);
    // The records list this hold among the open ones: still a match (it does not hold against itself).
    let with_self = format!(r#"{{"balance":"100","at":"2026-12-31","holds":[{}]}}"#, claim);
    assert_eq!(verdict(&claim, &with_self), Verdict::Match);
    // A newer version in force on the server's day: superseded (it still settles at its own prices).
    assert_eq!(verdict(&claim, r#"{"balance":"100","at":"2027-01-02"}"#), Verdict::Superseded);
    // Past its expiry: expired.
    assert_eq!(verdict(&claim, r#"{"balance":"100","at":"2027-01-04"}"#), Verdict::Expired);
    // The page claims a balance the server does not have: altered, naming it.
    let v = engine.verify_hold(&req, &claim, &records(r#"{"balance":"30","at":"2026-12-31"}"#)).unwrap();
    assert_eq!((v.verdict, v.message.as_str()), (Verdict::Altered, "the request's balance is not the server's record"));
    // Forged: fewer credits held, or a later expiry (fingerprint recomputed or not): altered.
    for (field, value) in [("credits", "4"), ("expiresAt", "2027-02-01")] {
        let mut forged = claim.clone();
        forged[field] = value.into();
        let v = engine.verify_hold(&req, &forged, &records(r#"{"balance":"100","at":"2026-12-31"}"#)).unwrap();
        assert_eq!(v.verdict, Verdict::Altered, "{field}");
        assert!(v.message.contains(field), "{}", v.message);
    }
    // The request without its day (as a page sends it; JS's `hold` dates it): the hold's own day.
    let undated: QuoteRequest = request::from_json(&HOLD.replace(r#","at":"2026-12-31""#, "")).unwrap();
    assert!(undated.at.is_none());
    assert_eq!(engine.verify_hold(&undated, &claim, &records(r#"{"balance":"100","at":"2026-12-31"}"#)).unwrap().verdict, Verdict::Match);
    // Another card's hold: stale_card.
    let mut other = claim.clone();
    other["cardHash"] = "00".repeat(32).into();
    assert_eq!(verdict(&other, r#"{"balance":"100","at":"2026-12-31"}"#), Verdict::StaleCard);
}

#[test]
fn verify_settlement_recomputes_and_is_never_superseded() {
    let engine = book();
    let hold = held(&engine);
    let ran = settle_req(r#"{"at":"2027-01-02","items":[{"feature":"avatar_iv","seconds":90}],"balance":"100"}"#);
    let s = serde_json::to_value(engine.settle(&hold, &ran).unwrap()).unwrap();
    let rec = records(r#"{"balance":"100","at":"2027-01-02"}"#);
    // Made under the older version, checked after the change: a match.
    assert_eq!(engine.verify_settlement(&hold, &ran, &s, &rec).unwrap().verdict, Verdict::Match);
    // Charged less than the lengths give: altered, naming the fields.
    let mut forged = s.clone();
    forged["credits"] = "3".into();
    let v = engine.verify_settlement(&hold, &ran, &forged, &rec).unwrap();
    assert_eq!(v.verdict, Verdict::Altered);
    assert!(v.message.contains("credits"), "{}", v.message);
    // A settlement of an altered hold: altered, with the hold's reason.
    let mut bent = hold.clone();
    bent.credits = "400".parse().unwrap();
    let v = engine.verify_settlement(&bent, &ran, &s, &rec).unwrap();
    assert_eq!(v.verdict, Verdict::Altered);
    assert!(v.message.contains("fingerprint"), "{}", v.message);
    // Dated after the server's day: altered.
    let early = records(r#"{"balance":"100","at":"2027-01-01"}"#);
    assert_eq!(engine.verify_settlement(&hold, &ran, &s, &early).unwrap().verdict, Verdict::Altered);
}

/// A simulation's holds each have their own id, and a settlement names one of them; the first
/// of either fault is refused at its place.
#[test]
fn a_simulation_refuses_a_hold_id_given_twice_and_a_settlement_of_no_hold() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let sim = |holds: &str, settlements: &str| {
        let text = format!(r#"{{"plan":"business","start":"2026-01-01","until":"2026-01-31","holds":{holds},"settlements":{settlements}}}"#);
        let err = engine.simulate(&request::from_json(&text).unwrap()).unwrap_err();
        (err.code(), err.path_text(), err.detail().to_string())
    };
    let job = |id: &str| format!(r#"{{"at":"2026-01-02","id":"{id}","items":[{{"feature":"avatar_iv","seconds":60}}]}}"#);
    let twice = format!("[{},{},{},{}]", job("a"), job("b"), job("c"), job("b"));
    assert_eq!(sim(&twice, "[]"), ("invalid_request", "holds[3].id".into(), "another hold has id \"b\": each hold's id is its own".into()));
    let holds = format!("[{},{}]", job("a"), job("b"));
    let settle = r#"[{"at":"2026-01-03","hold":"b","items":[]},{"at":"2026-01-03","hold":"x","items":[]}]"#;
    assert_eq!(sim(&holds, settle), ("invalid_request", "settlements[1].hold".into(), "no hold has id \"x\"".into()));
}
