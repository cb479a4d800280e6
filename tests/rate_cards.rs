//! Operators' own rate cards: validation with JSON paths, and quoting with them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::{request, QuoteRequest, RateEngine};
use serde_json::{json, Value};

fn preset_value(id: &str) -> Value {
    serde_json::from_str(ratecard::presets::json(id).expect("preset")).expect("json")
}

fn load(card: &Value) -> Result<RateEngine, ratecard::Error> {
    RateEngine::from_json(&card.to_string())
}

fn rejects(card: &Value, path_and_message: &str) {
    let e = load(card).expect_err("the card should be refused");
    assert_eq!(e.code(), "invalid_rate_card");
    assert!(e.message().starts_with(path_and_message), "{}", e.message());
}

#[test]
fn an_operator_adds_feature_rates_to_the_aistudios_card() {
    let mut card = preset_value("aistudios");
    card["id"] = json!("aistudios-acme");
    card["features"] = json!({
        "ai_image": { "name": "AI image", "input": "quantity", "unitName": "image", "rate": "4", "per": "each", "source": "Acme contract §2" },
        "ai_video": { "name": "AI video", "input": "seconds", "rate": "2", "per": "second", "increment": "5", "source": "Acme contract §3" }
    });
    let engine = load(&card).expect("valid");
    let req: QuoteRequest = request::from_json(
        r#"{"plan":"team","items":[{"feature":"ai_image","quantity":3},{"feature":"ai_video","seconds":12}],"balance":"40"}"#,
    )
    .expect("request");
    let q = engine.quote(&req).expect("quote");
    assert_eq!(q.total.to_string(), "42"); // 3 × 4 + 15 s × 2
    assert_eq!(q.shortfall.to_string(), "2");
    assert_eq!(q.purchase[0].product, "team_unit");
    assert_eq!(q.purchase[0].price.to_string(), "30.00");
    assert_eq!(q.lines[1].source, "Acme contract §3");
}

#[test]
fn validation_names_the_path_of_the_first_problem() {
    let mut c = preset_value("heygen-credits");
    c["features"]["avatar_iv"]["rate"] = json!(0.1);
    rejects(&c, "features.avatar_iv.rate: expected a decimal string, got 0.1");

    let mut c = preset_value("heygen-credits");
    c["features"]["avatar_iv"]["rate"] = json!("-1");
    rejects(&c, "features.avatar_iv.rate: must not be negative");

    let mut c = preset_value("heygen-credits");
    c["features"]["avatar_iv"]["colour"] = json!("red");
    rejects(&c, "features.avatar_iv.colour: unknown field `colour`");

    let mut c = preset_value("heygen-credits");
    c["features"]["video_translation"]["rates"]
        .as_array_mut()
        .expect("rates")
        .pop();
    rejects(&c, "features.video_translation.rates: no rate for mode=audio_only");

    let mut c = preset_value("heygen-api");
    c["plans"]["free"]["maxOptions"]["resolution"] = json!("8k");
    rejects(&c, "plans.free.maxOptions.resolution: \"8k\" is not one of");

    let mut c = preset_value("heygen-credits");
    c["plans"]["creator"]["upgrades"] = json!(["platinum"]);
    rejects(&c, "plans.creator.upgrades[0]: unknown plan \"platinum\"");

    let mut c = preset_value("heygen-credits");
    c["plans"]["creator"]["allowances"][0]["when"]["mode"] = json!("karaoke");
    rejects(&c, "plans.creator.allowances[0].when.mode: \"karaoke\" is not one of");

    let mut c = preset_value("heygen-payg");
    c["features"]["avatar_iii"]["options"]["existing_customer"]["gate"] = Value::Null;
    rejects(
        &c,
        "features.avatar_iii.options.existing_customer.multiplier: a boolean option needs",
    );

    let mut c = preset_value("heygen-credits");
    c["features"]["generate_look"]["per"] = json!("minute");
    rejects(&c, "features.generate_look.per: \"each\" goes with input \"quantity\"");

    rejects(&json!({"id": "x"}), "$: missing field");
    let e = RateEngine::from_json(&" ".repeat(ratecard::limits::MAX_RATE_CARD_BYTES + 1)).expect_err("too big");
    assert!(e.message().contains("limit"), "{}", e.message());
}

#[test]
fn an_amount_too_large_to_compute_is_an_overflow_error_not_a_panic() {
    let mut c = preset_value("heygen-credits");
    c["features"]["avatar_iv"]["rate"] = json!("79228162514264337593543950335");
    let engine = load(&c).expect("valid card");
    let req: QuoteRequest =
        request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":1000}]}"#).expect("req");
    let e = engine.quote(&req).expect_err("overflow");
    assert_eq!(e.code(), "overflow");
    // …and the engine still quotes.
    let ok: QuoteRequest =
        request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_v","seconds":60}]}"#).expect("req");
    assert_eq!(engine.quote(&ok).expect("quote").total.to_string(), "20");
}

#[test]
fn every_preset_round_trips_through_its_own_json() {
    for id in ratecard::presets::ids() {
        let engine = RateEngine::preset(id).expect("preset");
        let text = serde_json::to_string(engine.card()).expect("serialize");
        let again = RateEngine::from_json(&text).expect("reload");
        assert_eq!(again.card(), engine.card(), "{id}");
    }
}

/// Every `source` in every preset names what a buyer can look up: the
/// publisher's help center and the article's title in quotes, never a local
/// file (no "seed", no ".txt").
#[test]
fn every_preset_source_names_an_article_not_a_file() {
    fn sources<'a>(v: &'a serde_json::Value, path: String, out: &mut Vec<(String, &'a str)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("source", serde_json::Value::String(s)) => out.push((format!("{path}.source"), s)),
                        _ => sources(x, format!("{path}.{k}"), out),
                    }
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    sources(x, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut checked = 0;
    for id in ratecard::presets::ids() {
        let json: serde_json::Value = serde_json::from_str(ratecard::presets::json(id).expect("preset")).expect("json");
        let mut found = Vec::new();
        sources(&json, id.to_string(), &mut found);
        for (path, s) in found {
            assert!(!s.contains("seed") && !s.contains(".txt"), "{path}: {s}");
            // The help-center articles, and the pay-as-you-go page of HeyGen's
            // API documentation (which has no title line: cited by its heading).
            let article = s.contains("Help Center, “") || s.contains("HeyGen API documentation, “Pay-As-You-Go (self-serve) pricing”");
            assert!(article, "{path} names no article: {s}");
            if id == "heygen-payg" {
                assert!(!s.contains("self-serve (Pay-As-You-Go) plan"), "{path} cites a title the page does not have: {s}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} sources");
}

/// A cheaper plan listed under `upgrades` is a downgrade, refused on load.
#[test]
fn a_downgrade_listed_as_an_upgrade_is_refused() {
    let mut c = preset_value("heygen-credits");
    c["plans"]["business"]["upgrades"] = json!(["creator"]);
    rejects(
        &c,
        "plans.business.upgrades: \"creator\" is a downgrade, not an upgrade: it costs 29.00 a month, less than 149.00",
    );
}

/// A card's texts and ids are bounded, so a quote of 1,000 lines that copies
/// names and sources stays small (an 856 KB card with long names once grew
/// wasm memory to 3.3 GB and trapped).
#[test]
fn long_names_and_ids_are_refused_on_load() {
    use ratecard::limits::{MAX_CARD_ID_CHARS, MAX_CARD_TEXT_CHARS};
    let mut card: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    card["features"]["avatar_iv"]["name"] = serde_json::Value::String("x".repeat(MAX_CARD_TEXT_CHARS + 1));
    let e = ratecard::RateEngine::from_json(&card.to_string()).unwrap_err();
    assert_eq!(e.code(), "invalid_rate_card");
    assert_eq!(e.path_text(), "features.avatar_iv.name");
    let mut card: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    let f = card["features"]["avatar_iii"].clone();
    card["features"][&"f".repeat(MAX_CARD_ID_CHARS + 1)] = f;
    let e = ratecard::RateEngine::from_json(&card.to_string()).unwrap_err();
    assert_eq!(e.code(), "invalid_rate_card");
    assert!(e.message().contains(&format!("an id of at most {MAX_CARD_ID_CHARS} characters")), "{}", e.message());
    assert!(e.message().len() < 300, "the message does not echo the id whole");
}

#[test]
fn lists_a_rate_is_matched_against_are_bounded_and_a_value_is_listed_once() {
    // The red team's card: 10,000 combinations (100 × 100 values) checked against a `when` list
    // repeating one value 85,000 times (1.8 s to load in Node before; refused at once now).
    let mut c = preset_value("heygen-payg");
    let values = |p: &str| (0..100).map(|i| format!("{p}{i}")).collect::<Vec<_>>();
    c["features"]["long"] = json!({ "name": "long", "input": "seconds", "source": "test",
        "options": { "x": { "type": "enum", "label": "x", "values": values("a") }, "y": { "type": "enum", "label": "y", "values": values("b") } },
        "rates": [{ "when": { "x": vec!["a0"; 85_000] }, "rate": "1", "per": "second" }, { "rate": "2", "per": "second" }] });
    rejects(&c, "features.long.rates[0].when.x: \"a0\" is listed twice");

    let mut c = preset_value("heygen-payg");
    c["features"]["avatar_iv"]["options"]["resolution"]["values"] = json!(["720p", "1080p", "4k", "720p"]);
    rejects(&c, "features.avatar_iv.options.resolution.values: \"720p\" is listed twice");

    let mut c = preset_value("heygen-payg");
    let values: Vec<String> = (0..1_001).map(|i| format!("v{i}")).collect();
    c["features"]["avatar_iv"]["options"]["resolution"]["values"] = json!(values);
    rejects(&c, "features.avatar_iv.options.resolution.values: at most 1000 values, got 1001");

    let mut c = preset_value("heygen-payg");
    let rate = c["features"]["avatar_iv"]["rates"][0].clone();
    c["features"]["avatar_iv"]["rates"] = json!(vec![rate; 1_001]);
    rejects(&c, "features.avatar_iv.rates: at most 1000 rates, got 1001");

    // Coverage is still checked for every combination, and the first one without a rate named.
    let mut c = preset_value("heygen-payg");
    c["features"]["avatar_iv"]["rates"].as_array_mut().expect("rates").remove(3);
    rejects(&c, "features.avatar_iv.rates: no rate for avatar_type=digital_twin, resolution=4k");
    // A plan's cap is checked against the values as a set.
    let mut c = preset_value("heygen-api");
    c["plans"]["pro"]["maxOptions"]["resolution"] = json!("8k");
    rejects(&c, "plans.pro.maxOptions.resolution: \"8k\" is not one of");
}

#[test]
fn citations_name_the_section_where_the_words_are() {
    let sources = |id: &str| -> Vec<String> {
        let mut out = Vec::new();
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => m.iter().for_each(|(k, v)| {
                    if k == "source" {
                        out.push(v.as_str().unwrap_or_default().to_string());
                    }
                    walk(v, out)
                }),
                Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        walk(&preset_value(id), &mut out);
        out
    };
    // The API plans' lengths and resolutions are under "Can I Create Videos with Just an API Plan?".
    let api = sources("heygen-api");
    for limits in ["(3 minutes, 720p)", "(30 minutes, 1080p)", "(30 minutes, 4K)", "(custom length, 4K)"] {
        assert!(api.iter().any(|s| s.contains(&format!("§ Can I Create Videos with Just an API Plan? {limits}"))), "{limits}");
        assert!(!api.iter().any(|s| s.contains(&format!("§ The API Subscription Plans {limits}"))), "{limits}");
    }
    // The pay-as-you-go page's opening line is its introduction, not "How Billing Works".
    let payg = sources("heygen-payg");
    assert!(payg.iter().any(|s| s.contains("introduction (purchase USD balance when you need it — no monthly subscription)")));
    assert!(!payg.iter().any(|s| s.contains("How Billing Works (purchase") || s.contains("no monthly subscription)") && s.contains("How Billing Works (usage is deducted from your prepaid USD wallet; no")));
    // A source quotes the article's words; a reading is written as one.
    assert!(!sources("heygen-gencredits").iter().any(|s| s.contains("always charged")));
    assert!(sources("heygen-liveavatar").iter().any(|s| s.contains("Full LiveAvatar SDKs cost 2 LiveAvatar Credits per minute")));
}

/// `RateEngine::from_json` in steps, as the widget loads a large card.
fn in_steps(text: &str) -> Result<RateEngine, ratecard::Error> {
    let mut loading = ratecard::book::Loading::start(text)?;
    let mut steps = 0;
    while !loading.step()? {
        steps += 1;
        assert!(steps < 10_000);
    }
    RateEngine::from_book(loading.finish()?)
}

#[test]
fn a_card_read_in_steps_finds_the_same_first_problem_as_at_once() {
    let mut cards: Vec<Value> = Vec::new();
    let base = preset_value("heygen-payg");
    cards.push(base.clone());
    for (path, value) in [
        ("/id", json!("")),
        ("/features/avatar_iv/rates/0/rate", json!("-1")),
        ("/features/avatar_iv/options/resolution/values", json!(["720p", "720p"])),
        ("/features/text_to_speech/rate", json!("-2")),
        ("/rounding/dp", json!(9)),
    ] {
        let mut c = base.clone();
        *c.pointer_mut(path).unwrap() = value;
        cards.push(c);
    }
    let mut c = base.clone();
    c["plans"]["payg"]["included"] = json!("-1");
    cards.push(c);
    let mut c = base.clone();
    c["effectiveFrom"] = json!("2026-02-30");
    cards.push(c);
    // Two faults: the first in the card's order wins, in steps as at once.
    let mut two = base.clone();
    *two.pointer_mut("/features/text_to_speech/rate").unwrap() = json!("-2");
    *two.pointer_mut("/features/avatar_iv/rates/0/rate").unwrap() = json!("-1");
    cards.push(two);
    let mut texts: Vec<String> = cards.iter().map(Value::to_string).collect();
    // Books: a bad second version, and two versions out of order.
    let mut next = base.clone();
    next["version"] = json!("2027-01");
    next["effectiveFrom"] = json!("2027-01-01");
    let mut bad = next.clone();
    bad["features"]["text_to_speech"]["rate"] = json!("-2");
    texts.push(json!([base, next]).to_string());
    texts.push(json!([base, bad]).to_string());
    texts.push(json!([next, base]).to_string());
    texts.push("[".into());
    texts.push("{\"id\":".into());
    // Pretty-printed, and with parse errors inside a feature, in the plans, or both.
    texts.push(serde_json::to_string_pretty(&preset_value("heygen-credits")).unwrap());
    let credits = preset_value("heygen-credits").to_string();
    texts.push(credits.replace(r#""rate":"20""#, r#""rate":20"#));
    texts.push(credits.replace(r#""price":"149.00""#, r#""price":149"#));
    texts.push(credits.replace(r#""rate":"20""#, r#""rate":20"#).replace(r#""price":"149.00""#, r#""price":149"#));
    texts.push(credits.replace(r#""name":"Avatar IV""#, r#""name":"Avatar IV","colour":"red""#));
    for text in &texts {
        let at_once = RateEngine::from_json(text).map(|e| e.card_hash().to_string()).map_err(|e| (e.code(), e.message()));
        let steps = in_steps(text).map(|e| e.card_hash().to_string()).map_err(|e| (e.code(), e.message()));
        assert_eq!(at_once, steps, "{}", &text[..text.len().min(200)]);
    }
    assert!(in_steps(&texts[0]).is_ok());
}

/// `RateEngine.limits()` (both modules) is `limits::json()`: every limit for callers, by name, exact.
#[test]
fn limits_for_callers_are_one_json_object() {
    let v: serde_json::Value = serde_json::from_str(&ratecard::limits::json()).unwrap();
    assert_eq!(v["maxItems"], 1000);
    assert_eq!(v["maxSeconds"], 1_000_000);
    assert_eq!(v["maxRequestBytes"], 1_048_576);
    assert_eq!(v.as_object().unwrap().len(), ratecard::limits::FOR_CALLERS.len());
}
