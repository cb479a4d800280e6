//! Quote integrity: a server recomputes what the page showed and charges only that.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::integrity::Verdict;
use ratecard::{request, QuoteRequest, RateEngine};

const REQ: &str = r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90,"options":{"expressive_motion":true}}],"balance":"12.5"}"#;

#[test]
fn every_quote_names_its_card_and_carries_a_stable_fingerprint() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let req: QuoteRequest = request::from_json(REQ).unwrap();
    let q = engine.quote(&req).unwrap();
    assert_eq!(
        (q.rate_card.as_str(), q.version.as_str()),
        ("heygen-credits", "2026-11-01")
    );
    assert_eq!(q.card_hash, engine.card_hash());
    assert_eq!(q.card_hash.len(), 64);
    assert_eq!(q.fingerprint.len(), 64);
    assert_eq!(engine.quote(&req).unwrap().fingerprint, q.fingerprint, "deterministic");
    // The same request written with a string duration is the same request.
    let same: QuoteRequest = request::from_json(&REQ.replace(r#""seconds":90"#, r#""seconds":"90""#)).unwrap();
    assert_eq!(engine.quote(&same).unwrap().fingerprint, q.fingerprint);
    // Options in another order are the same request.
    let payg = RateEngine::preset("heygen-payg").unwrap();
    let fp = |text: &str| payg.quote(&request::from_json(text).unwrap()).unwrap().fingerprint;
    assert_eq!(
        fp(
            r#"{"items":[{"feature":"avatar_iv","seconds":60,"options":{"avatar_type":"digital_twin","resolution":"4k"}}],"balance":"5"}"#
        ),
        fp(
            r#"{"items":[{"feature":"avatar_iv","seconds":60,"options":{"resolution":"4k","avatar_type":"digital_twin"}}],"balance":"5"}"#
        )
    );
    assert_ne!(
        fp(
            r#"{"items":[{"feature":"avatar_iv","seconds":60,"options":{"avatar_type":"digital_twin","resolution":"4k"}}],"balance":"5"}"#
        ),
        fp(
            r#"{"items":[{"feature":"avatar_iv","seconds":60,"options":{"avatar_type":"digital_twin","resolution":"1080p"}}],"balance":"5"}"#
        )
    );
    // Another balance is another quote.
    let other: QuoteRequest = request::from_json(&REQ.replace("12.5", "12.6")).unwrap();
    assert_ne!(engine.quote(&other).unwrap().fingerprint, q.fingerprint);
}

#[test]
fn verify_accepts_the_quote_as_shown_and_refuses_an_altered_or_stale_one() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let req: QuoteRequest = request::from_json(REQ).unwrap();
    let shown = serde_json::to_string(&engine.quote(&req).unwrap()).unwrap();

    let v = engine.verify_json(REQ, &shown).unwrap();
    assert_eq!(v.verdict, Verdict::Match, "{}", v.message);

    let cheaper = shown.replace(r#""total":"60""#, r#""total":"6""#);
    assert_ne!(cheaper, shown);
    let v = engine.verify_json(REQ, &cheaper).unwrap();
    assert_eq!(v.verdict, Verdict::Altered);
    assert!(v.message.contains("total"), "{}", v.message);
    assert_eq!(v.expected.unwrap().total.to_string(), "60");

    let other_request = REQ.replace("\"seconds\":90", "\"seconds\":9");
    assert_eq!(
        engine.verify_json(&other_request, &shown).unwrap().verdict,
        Verdict::Altered
    );

    let mut card: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    card["version"] = "2026-12-01".into();
    card["features"]["avatar_iv"]["rate"] = "25".into();
    let newer = RateEngine::from_json(&card.to_string()).unwrap();
    let v = newer.verify_json(REQ, &shown).unwrap();
    assert_eq!(v.verdict, Verdict::StaleCard);
    assert!(
        v.message.contains("version 2026-11-01") && v.message.contains("version 2026-12-01"),
        "{}",
        v.message
    );

    let e = engine.verify_json(REQ, "{}").unwrap_err();
    assert_eq!(e.code(), "invalid_request");
    assert_eq!(e.path_text(), "quote");
}

#[test]
fn verify_compares_the_quote_as_written_a_field_added_or_a_total_rewritten_is_altered() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let shown = serde_json::to_string(&engine.quote(&request::from_json::<QuoteRequest>(REQ).unwrap()).unwrap()).unwrap();
    // The same decimal written another way is not what the engine wrote.
    let padded = shown.replace(r#""total":"60""#, r#""total":"60.00""#);
    assert_ne!(padded, shown);
    let v = engine.verify_json(REQ, &padded).unwrap();
    assert_eq!((v.verdict, v.message.as_str()), (Verdict::Altered, "the quote differs from the request's in: total"));
    // A field the engine never writes.
    let added = shown.replacen('{', r#"{"discount":"10","#, 1);
    let v = engine.verify_json(REQ, &added).unwrap();
    assert_eq!((v.verdict, v.message.as_str()), (Verdict::Altered, "the quote differs from the request's in: discount"));
    // Keys in another order are the same quote.
    // (serde_json's map without `preserve_order` writes keys sorted.)
    let reordered = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&shown).unwrap()).unwrap();
    assert_ne!(reordered, shown);
    assert_eq!(engine.verify_json(REQ, &reordered).unwrap().verdict, Verdict::Match);
}
