//! The wasm binding as JS sees it, run by `wasm-pack test --node` and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, by `wasm-pack test --headless --chrome`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, JSON};
use ratecard::wasm::JsRateEngine;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn engine(preset: &str) -> JsRateEngine {
    JsRateEngine::preset(JsValue::from_str(preset)).expect("preset")
}

fn engine_quote(preset: &str, request_json: &str) -> JsValue {
    engine(preset)
        .quote(Ts::new_unchecked(js(request_json)))
        .expect("quote")
        .js_value()
}

fn engine_buy(preset: &str, request_json: &str) -> JsValue {
    engine(preset)
        .buy_packs(Ts::new_unchecked(js(request_json)))
        .expect("buyPacks")
        .js_value()
}

fn engine_error(preset: &str, request_json: &str) -> JsValue {
    match JsRateEngine::preset(JsValue::from_str(preset)) {
        Err(e) => e,
        Ok(engine) => engine
            .quote(Ts::new_unchecked(js(request_json)))
            .expect_err("should throw"),
    }
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn s(v: &JsValue, key: &str) -> String {
    get(v, key)
        .as_string()
        .unwrap_or_else(|| format!("<{key} not a string: {:?}>", JSON::stringify(v).ok()))
}

#[wasm_bindgen_test]
fn quote_from_a_js_object_matches_the_seed() {
    let q = engine_quote(
        "heygen-credits",
        r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90,"options":{"expressive_motion":true}},{"feature":"generate_look","quantity":4}],"balance":"12.5","periodUsage":{"image_asset":14}}"#,
    );
    assert_eq!(s(&q, "unit"), "credits");
    assert_eq!(s(&q, "total"), "64");
    assert_eq!(s(&q, "balanceAfter"), "-51.5");
    assert_eq!(s(&q, "shortfall"), "51.5");
    let lines: js_sys::Array = get(&q, "lines").dyn_into().expect("lines is an array");
    assert_eq!(lines.length(), 2);
    assert_eq!(
        s(&lines.get(0), "explanation"),
        "90 s × 20 credits/min × 2 (Custom Expressive Motion) = 60 credits"
    );
    assert!(s(&lines.get(0), "source").contains("HeyGen Help Center, “How to Use Credits on HeyGen” § "));
    let purchase: js_sys::Array = get(&q, "purchase").dyn_into().expect("purchase is an array");
    let first = purchase.get(0);
    assert_eq!(s(&first, "kind"), "pack");
    assert_eq!(s(&first, "price"), "5.00");
    assert_eq!(get(&first, "quantity").as_f64(), Some(1.0));
    // A plain object, not a Map.
    assert!(q.is_instance_of::<Object>() && !q.is_instance_of::<js_sys::Map>());
}

#[wasm_bindgen_test]
fn seed_example_30s_expressive_is_20_credits() {
    let q = engine_quote(
        "heygen-credits",
        r#"{"plan":"pro","items":[{"feature":"avatar_iv","seconds":30,"options":{"expressive_motion":true}}]}"#,
    );
    assert_eq!(s(&q, "total"), "20");
}

#[wasm_bindgen_test]
fn buy_packs_three_blocks() {
    let p = engine_buy("heygen-credits", r#"{"plan":"business","quantity":3}"#);
    assert_eq!(s(&p, "credits"), "300");
    assert_eq!(s(&p, "price"), "15.00");
    assert_eq!(s(&p, "period"), "once");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_a_code_and_the_engine_survives() {
    for (request, code) in [
        (
            r#"{"plan":"gold","items":[{"feature":"avatar_iv","seconds":1}]}"#,
            "unknown_plan",
        ),
        (
            r#"{"plan":"business","items":[{"feature":"avatar_vi","seconds":1}]}"#,
            "unknown_feature",
        ),
        (
            r#"{"plan":"business","items":[{"feature":"avatar_v","seconds":1,"options":{"expressive_motion":true}}]}"#,
            "invalid_option",
        ),
        (
            r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":-1}]}"#,
            "invalid_quantity",
        ),
        (
            r#"{"plan":"free","items":[{"feature":"avatar_iv","seconds":1}]}"#,
            "not_available",
        ),
        (r#"{"plan":"business","items":[],"balance":12.5}"#, "invalid_request"),
    ] {
        let e = engine_error("heygen-credits", request);
        assert!(e.is_instance_of::<js_sys::Error>(), "{request}");
        assert_eq!(s(&e, "code"), code, "{request}");
    }
    assert_eq!(s(&engine_error("nope", "{}"), "code"), "unknown_preset");
    let e = JsRateEngine::preset(JsValue::from_f64(5.0))
        .err()
        .expect("a number is not an id");
    assert_eq!(s(&e, "code"), "invalid_request");
    // The same engine instance keeps working after it threw.
    let engine = engine("heygen-credits");
    assert!(engine.quote(Ts::new_unchecked(JsValue::NULL)).is_err());
    assert!(engine
        .quote(Ts::new_unchecked(js(
            r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":"NaN"}]}"#
        )))
        .is_err());
    let q = engine_quote(
        "heygen-credits",
        r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}]}"#,
    );
    assert_eq!(s(&q, "total"), "30");
}
