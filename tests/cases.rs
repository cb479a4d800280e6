//! Runs every case of `tests/cases.json` (the seeds' worked examples, every
//! rate, option, limit and error code of every preset) through the native
//! Rust API. `tests/js/package.test.mjs` runs the same table through the
//! packed npm package.
//!
//! Matching: every key of `expect` must be present in the result with an equal
//! value; arrays match element by element and must have the same length; a
//! string starting with `~` matches any string that contains the rest; an
//! array starting with `"~some"` matches when each of its other elements
//! matches some element of the actual array (events of a simulation).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::request::{CapacityRequest, CompareRequest, SimulateRequest};
use ratecard::{request, BuyPacksRequest, QuoteRequest, RateEngine};
use serde_json::Value;

fn matches(expected: &Value, actual: &Value, path: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::String(e), Value::String(a)) if e.starts_with('~') => {
            if !a.contains(&e[1..]) {
                problems.push(format!("{path}: {a:?} does not contain {:?}", &e[1..]));
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                match a.get(k) {
                    Some(av) => matches(v, av, &format!("{path}.{k}"), problems),
                    None => problems.push(format!("{path}.{k}: missing")),
                }
            }
        }
        // ["~some", x, y]: each of x, y matches some element (any order, any length).
        (Value::Array(e), Value::Array(a)) if e.first().and_then(Value::as_str) == Some("~some") => {
            for (i, ev) in e.iter().enumerate().skip(1) {
                let found = a.iter().any(|av| {
                    let mut p = Vec::new();
                    matches(ev, av, path, &mut p);
                    p.is_empty()
                });
                if !found {
                    problems.push(format!("{path}: no element matches {ev} (some[{i}])"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                problems.push(format!(
                    "{path}: expected {} elements, got {}: {actual}",
                    e.len(),
                    a.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{path}[{i}]"), problems);
            }
        }
        (e, a) if e == a => {}
        (e, a) => problems.push(format!("{path}: expected {e}, got {a}")),
    }
}

/// A case's engine: its preset, with `patch`'s fields set on the card when given.
fn engine_of(case: &Value) -> ratecard::Result<RateEngine> {
    let preset = case["preset"].as_str().expect("preset");
    match case.get("patch").and_then(Value::as_object) {
        None => RateEngine::preset(preset),
        Some(patch) => {
            let mut card: Value = serde_json::from_str(ratecard::presets::json(preset).expect("a preset")).expect("preset JSON");
            for (k, v) in patch {
                card[k] = v.clone();
            }
            RateEngine::from_json(&card.to_string())
        }
    }
}

/// `value` with each `{ "make": request, "alter"?: fields }` replaced by the
/// hold `engine.hold(request)` gives (then `alter`'s fields set on it), and
/// each `"$hold"` by `hold`'s fingerprint.
fn resolve(engine: &RateEngine, value: &Value, hold: Option<&str>) -> ratecard::Result<Value> {
    Ok(match value {
        Value::Object(o) if o.contains_key("make") => {
            let req: QuoteRequest = request::from_json(&resolve(engine, &o["make"], hold)?.to_string())?;
            let mut made = serde_json::to_value(engine.hold(&req)?).expect("serialize");
            for (k, v) in o.get("alter").and_then(Value::as_object).into_iter().flatten() {
                made[k] = v.clone();
            }
            made
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| Ok((k.clone(), resolve(engine, v, hold)?))).collect::<ratecard::Result<_>>()?),
        Value::Array(a) => Value::Array(a.iter().map(|v| resolve(engine, v, hold)).collect::<ratecard::Result<_>>()?),
        Value::String(s) if s == "$hold" => Value::String(hold.unwrap_or_default().to_string()),
        other => other.clone(),
    })
}

/// `settle`'s case: `{ hold: { make }, settle }`, the hold made first.
fn settle(engine: &RateEngine, request: &Value) -> ratecard::Result<Value> {
    let hold: ratecard::Hold = serde_json::from_value(resolve(engine, &request["hold"], None)?).expect("a hold");
    let settle: ratecard::SettleRequest = request::from_json(&resolve(engine, &request["settle"], Some(&hold.fingerprint))?.to_string())?;
    Ok(serde_json::to_value(engine.settle(&hold, &settle)?).expect("serialize"))
}

fn run(case: &Value) -> Value {
    let result = engine_of(case).and_then(|engine| {
        let request_text = resolve(&engine, &case["request"], None)?.to_string();
        call(&engine, case, &request_text)
    });
    match result {
        Ok(v) => v,
        Err(e) => serde_json::json!({ "error": e.code(), "message": e.message() }),
    }
}

fn call(engine: &RateEngine, case: &Value, request_text: &str) -> ratecard::Result<Value> {
    let request_text = request_text.to_string();
    match case["call"].as_str() {
        Some("hold") => {
            let req: QuoteRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.hold(&req)?).expect("serialize"))
        }
        Some("settle") => settle(engine, &case["request"]),
        Some("quote") => {
            let req: QuoteRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.quote(&req)?).expect("serialize"))
        }
        Some("quoteRange") => {
            let req: QuoteRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.quote_range(&req)?).expect("serialize"))
        }
        Some("buyPacks") => {
            let req: BuyPacksRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.buy_packs(&req)?).expect("serialize"))
        }
        Some("simulate") => {
            let req: SimulateRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.simulate(&req)?).expect("serialize"))
        }
        Some("capacity") => {
            let req: CapacityRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(engine.capacity(&req)?).expect("serialize"))
        }
        Some("compare") => {
            let req: CompareRequest = request::from_json(&request_text)?;
            Ok(serde_json::to_value(RateEngine::compare(&req)?).expect("serialize"))
        }
        other => panic!("unknown call {other:?}"),
    }
}

#[test]
fn every_case_of_the_shared_table() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("cases.json")).expect("cases.json");
    assert!(cases.len() > 100);
    let mut failures = Vec::new();
    for case in &cases {
        let actual = run(case);
        let mut problems = Vec::new();
        matches(&case["expect"], &actual, "", &mut problems);
        if case["expect"].get("error").is_none() && actual.get("error").is_some() {
            problems.push(format!("unexpected error {actual}"));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} [{}]\n    {}",
                case["name"],
                case["preset"],
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_preset_is_covered_by_the_table() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("cases.json")).expect("cases.json");
    for id in ratecard::presets::ids() {
        let n = cases.iter().filter(|c| c["preset"] == id).count();
        assert!(n >= 5, "preset {id} has only {n} cases");
    }
}

#[test]
fn the_shipped_request_schema_is_generated_from_the_types() {
    let shipped = include_str!("../schema/requests.schema.json");
    assert_eq!(shipped.trim_end(), ratecard::request::json_schemas(), "regenerate: cargo run --example request_schema > schema/requests.schema.json");
}

#[test]
fn the_shipped_json_schema_is_generated_from_the_types() {
    let shipped = include_str!("../schema/rate-card.schema.json");
    assert_eq!(
        shipped.trim_end(),
        ratecard::rate_card::json_schema(),
        "schema/rate-card.schema.json is stale: run `cargo run --example schema > schema/rate-card.schema.json`"
    );
}
