//! The flat text a quote crosses to JS as (`ratecard::flat`): read back in
//! Rust as `www/full/quote.js` reads it, it is the JSON serde writes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
use serde_json::{json, Map, Value};

use ratecard::purchase::PurchaseKind;
use ratecard::rate_card::{Per, Period, UpgradeCharge};
use ratecard::{flat, request, RateEngine};

/// The reader of `www/full/quote.js`, in Rust: flat text → the JSON
/// value serde writes.
fn read(text: &str) -> Value {
    let f: Vec<&str> = text.split(flat::FIELD).collect();
    assert_eq!(f[0], "Q");
    let mut i = 1;
    let mut next = || {
        i += 1;
        f[i - 1].to_string()
    };
    let mut q = Map::new();
    for k in ["rateCard", "version", "cardHash", "fingerprint", "plan", "unit", "currency"] {
        q.insert(k.into(), next().into());
    }
    let totals: Vec<String> = (0..4).map(|_| next()).collect();
    let mut lines = Vec::new();
    for _ in 0..next().parse::<usize>().unwrap() {
        let mut l = Map::new();
        for k in ["feature", "name", "amount", "billed", "included", "units", "rate", "per", "multiplier", "explanation", "source"] {
            l.insert(k.into(), next().into());
        }
        let burns: Vec<Value> = (0..next().parse::<usize>().unwrap()).map(|_| json!({ "grant": next(), "credits": next() })).collect();
        if !burns.is_empty() {
            l.insert("burns".into(), burns.into());
        }
        let exact = next();
        if !exact.is_empty() {
            l.insert("exact".into(), exact.into());
        }
        lines.push(Value::Object(l));
    }
    q.insert("lines".into(), lines.into());
    for (k, v) in ["total", "balance", "balanceAfter", "shortfall"].into_iter().zip(totals) {
        q.insert(k.into(), v.into());
    }
    let mut purchase = Vec::new();
    for _ in 0..next().parse::<usize>().unwrap() {
        let mut o = Map::new();
        for k in ["kind", "product", "name", "quantity", "credits", "price", "currency", "period", "balanceAfter"] {
            let v = next();
            o.insert(k.into(), if k == "quantity" { json!(v.parse::<u64>().unwrap()) } else { v.into() });
        }
        let covers = next() == "1";
        let upgrade = next();
        if !upgrade.is_empty() {
            o.insert("upgrade".into(), upgrade.into());
        }
        o.insert("covers".into(), covers.into());
        purchase.push(Value::Object(o));
    }
    q.insert("purchase".into(), purchase.into());
    let warnings: Vec<Value> = (0..next().parse::<usize>().unwrap()).map(|_| next().into()).collect();
    q.insert("warnings".into(), warnings.into());
    Value::Object(q)
}

#[test]
fn names_are_the_json_names() {
    let kinds = [PurchaseKind::Pack, PurchaseKind::TopUp, PurchaseKind::Upgrade, PurchaseKind::Renewal];
    for k in kinds {
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
    }
    for p in [Per::Second, Per::Minute, Per::Each, Per::Video] {
        assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
    }
    for u in [UpgradeCharge::ProratedDifference, UpgradeCharge::NewSubscription] {
        assert_eq!(serde_json::to_value(u).unwrap(), u.as_str());
    }
    for p in [Period::Once, Period::Month, Period::Year] {
        assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
    }
}

#[test]
fn a_flat_quote_reads_back_as_its_json() {
    let cases = [
        ("heygen-credits", r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":120,"options":{"expressive_motion":true}},{"feature":"generate_look","quantity":4}],"balance":"10"}"#),
        ("heygen-credits", r#"{"plan":"creator","items":[{"feature":"avatar_iv","seconds":90}]}"#),
        ("heygen-api", r#"{"plan":"free","items":[{"feature":"avatar_iv","seconds":170}],"balance":"0"}"#),
        ("heygen-payg", r#"{"items":[{"feature":"avatar_iv","seconds":61,"options":{"avatar_type":"photo_avatar"}}],"balance":"1.5"}"#),
        ("heygen-credits", r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":30}],"grants":[{"id":"g1","remaining":"20","expiresAt":"2026-12-01"},{"id":"g2","remaining":"50"}]}"#),
    ];
    for (preset, req) in cases {
        let engine = RateEngine::preset(preset).unwrap();
        let q = engine.quote(&request::from_json(req).unwrap()).unwrap();
        let flat = flat::quote(&q).expect("no separator in these texts");
        assert_eq!(read(&flat), serde_json::to_value(&q).unwrap(), "{preset} {req}");
    }
}

#[test]
fn a_separator_inside_a_text_gives_none() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let mut q = engine.quote(&request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":9}]}"#).unwrap()).unwrap();
    assert!(flat::quote(&q).is_some());
    q.warnings.push("a\u{1f}b".into());
    assert!(flat::quote(&q).is_none());
}

#[test]
fn a_request_text_reads_as_its_json() {
    // (request text as www/full/quote.js writes it, the same request as JSON)
    let cases = [
        ("business\u{1c}10\u{1c}avatar_iv\u{1f}120\u{1f}\u{1f}expressive_motion\u{1d}b1", r#"{"plan":"business","balance":"10","items":[{"feature":"avatar_iv","seconds":120,"options":{"expressive_motion":true}}]}"#),
        ("\u{1c}\u{1c}generate_look\u{1f}\u{1f}4\u{1e}video_translation\u{1f}300.5\u{1f}\u{1f}mode\u{1d}sprecision", r#"{"items":[{"feature":"generate_look","quantity":4},{"feature":"video_translation","seconds":300.5,"options":{"mode":"precision"}}]}"#),
        ("creator\u{1c}0.25\u{1c}avatar_iv\u{1f}9\u{1f}\u{1f}expressive_motion\u{1d}b0\u{1f}resolution\u{1d}s4k", r#"{"plan":"creator","balance":"0.25","items":[{"feature":"avatar_iv","seconds":9,"options":{"expressive_motion":false,"resolution":"4k"}}]}"#),
        // `billing` comes last, after its own U+001C, only when given.
        ("creator\u{1c}0\u{1c}avatar_iv\u{1f}9\u{1f}\u{1c}year", r#"{"plan":"creator","balance":"0","items":[{"feature":"avatar_iv","seconds":9}],"billing":"year"}"#),
        ("creator\u{1c}\u{1c}avatar_iv\u{1f}9\u{1f}\u{1c}month", r#"{"plan":"creator","items":[{"feature":"avatar_iv","seconds":9}],"billing":"month"}"#),
    ];
    for (text, json) in cases {
        let from_json: ratecard::QuoteRequest = request::from_json(json).unwrap();
        assert_eq!(flat::request(text).unwrap(), from_json, "{json}");
    }
    let e = flat::request("business\u{1c}\u{0}number\u{1c}avatar_iv\u{1f}1\u{1f}").unwrap_err();
    assert_eq!((e.code(), e.path_text()), ("invalid_request", "balance".to_string()));
    // Another word for billing: the JSON reader's code, path and message.
    let text = flat::request("business\u{1c}\u{1c}avatar_iv\u{1f}1\u{1f}\u{1c}weekly").unwrap_err();
    let json = request::from_json::<ratecard::QuoteRequest>(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":1}],"billing":"weekly"}"#).unwrap_err();
    assert_eq!((text.code(), text.path_text(), text.message()), (json.code(), json.path_text(), json.message()));
    let e = flat::request("business\u{1c}\u{1c}avatar_iv\u{1f}\u{0}boolean\u{1f}").unwrap_err();
    assert_eq!((e.code(), e.path_text()), ("invalid_quantity", "items[0].seconds".to_string()));
}
