//! heygen-credits through the native Rust API, with the numbers of the article
//! “How to Use Credits on HeyGen” (HeyGen Help Center), § How credits apply to each feature.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::{BuyPacksRequest, ErrorKind, Item, OptionValue, QuoteRequest, RateEngine};
use rust_decimal::Decimal;

fn engine() -> RateEngine {
    RateEngine::preset("heygen-credits").expect("preset loads")
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

fn quote(plan: &str, items: Vec<Item>, balance: Option<&str>) -> ratecard::Quote {
    engine()
        .quote(&QuoteRequest {
            plan: Some(plan.into()),
            items,
            balance: balance.map(|b| d(b).into()),
            ..Default::default()
        })
        .expect("quote")
}

fn err(plan: &str, items: Vec<Item>) -> ratecard::Error {
    engine()
        .quote(&QuoteRequest {
            plan: Some(plan.into()),
            items,
            ..Default::default()
        })
        .expect_err("should fail")
}

fn text(v: &str) -> OptionValue {
    OptionValue::Text(v.into())
}

#[test]
fn seed_worked_example_30s_expressive_scene_is_20_credits() {
    let q = quote(
        "business",
        vec![Item::seconds("avatar_iv", 30).with("expressive_motion", OptionValue::Bool(true))],
        Some("100"),
    );
    assert_eq!(q.total, d("20"));
    assert_eq!(
        q.lines[0].explanation,
        "30 s × 20 credits/min × 2 (Custom Expressive Motion) = 20 credits"
    );
    assert!(q.lines[0].source.contains("HeyGen Help Center, “How to Use Credits on HeyGen” § "));
}

#[test]
fn every_row_of_the_feature_table() {
    // (feature, seconds or quantity, options, credits) — one per table row.
    let per_minute = [
        ("avatar_iii", vec![], "3"),
        ("avatar_iv", vec![], "20"),
        ("avatar_iv", vec![("expressive_motion", OptionValue::Bool(true))], "40"),
        ("avatar_v", vec![], "20"),
        ("video_translation", vec![], "5"),
        ("video_translation", vec![("mode", text("lipsync"))], "5"),
        ("video_translation", vec![("mode", text("precision"))], "10"),
        ("video_agent", vec![], "20"),
        ("video_podcast", vec![], "3"),
        ("video_asset", vec![("model", text("seedance2"))], "240"),
        ("video_asset", vec![("model", text("veo3"))], "90"),
    ];
    for (feature, opts, credits) in per_minute {
        let mut item = Item::seconds(feature, 60);
        for (k, v) in opts.clone() {
            item = item.with(k, v);
        }
        let q = quote("business", vec![item], Some("0"));
        assert_eq!(q.total, d(credits), "{feature} {opts:?} for 1 minute");
        assert!(!q.lines[0].source.is_empty());
    }
    let counted = [
        ("generate_look", 1, "1"),
        ("ai_model_training", 1, "60"),
        ("image_asset", 1, "2"),
        ("b_roll", 1, "3"),
        ("generate_look", 4, "4"),
        ("image_asset", 15, "30"),
    ];
    for (feature, n, credits) in counted {
        let q = quote("creator", vec![Item::quantity(feature, n)], Some("0"));
        assert_eq!(q.total, d(credits), "{n} × {feature}");
    }
}

#[test]
fn one_credit_is_three_seconds_of_avatar_iv_and_lines_round_up_to_cents() {
    assert_eq!(quote("pro", vec![Item::seconds("avatar_iv", 3)], None).total, d("1"));
    // 10 s × 20/60 = 3.333… → rounded up to 3.34, never down.
    let q = quote("pro", vec![Item::seconds("avatar_iv", 10)], None);
    assert_eq!(q.total, d("3.34"));
    // The exact amount goes with the line as data, for a page to say how it was rounded.
    assert_eq!(q.lines[0].exact.as_deref(), Some("3.333333…"));
    assert_eq!(quote("pro", vec![Item::seconds("avatar_iv", 3)], None).lines[0].exact, None);
    assert!(
        q.lines[0].explanation.contains("rounded up to 2 places"),
        "{}",
        q.lines[0].explanation
    );
    // Fractional seconds round up to the next whole second: 9.2 s is 10 s.
    let q = engine()
        .quote(&QuoteRequest {
            plan: Some("pro".into()),
            items: vec![Item {
                feature: "avatar_iv".into(),
                seconds: Some(d("9.2")),
                ..Default::default()
            }],
            ..Default::default()
        })
        .expect("quote");
    assert_eq!(q.lines[0].billed, d("10"));
    assert_eq!(q.total, d("3.34"));
}

#[test]
fn veo3_is_flat_per_video_of_any_length() {
    for (model, seconds, credits) in [("veo3", 8, "90"), ("veo3", 600, "90"), ("seedance2", 8, "32")] {
        let item = Item::seconds("video_asset", seconds).with("model", text(model));
        assert_eq!(
            quote("business", vec![item], None).total,
            d(credits),
            "{model} {seconds} s"
        );
    }
}

#[test]
fn audio_only_translation_is_included_in_paid_plans() {
    for plan in ["creator", "pro", "business"] {
        let q = quote(
            plan,
            vec![Item::seconds("video_translation", 600).with("mode", text("audio_only"))],
            Some("0"),
        );
        assert_eq!(q.total, d("0"), "{plan}");
        assert_eq!(q.lines[0].included, d("600"));
        assert!(
            q.lines[0].explanation.contains("included in plan"),
            "{}",
            q.lines[0].explanation
        );
        assert_eq!(q.shortfall, d("0"));
    }
}

#[test]
fn the_issue_example_totals_64_and_is_short_51_5() {
    let q = quote(
        "business",
        vec![
            Item::seconds("avatar_iv", 90).with("expressive_motion", OptionValue::Bool(true)),
            Item::quantity("generate_look", 4),
        ],
        Some("12.5"),
    );
    assert_eq!(q.unit, "credits");
    assert_eq!(
        q.lines.iter().map(|l| l.amount).collect::<Vec<_>>(),
        vec![d("60"), d("4")]
    );
    assert_eq!(q.total.to_string(), "64");
    assert_eq!(q.balance_after.to_string(), "-51.5");
    assert_eq!(q.shortfall.to_string(), "51.5");
    assert_eq!(q.purchase.len(), 1);
    assert_eq!(q.purchase[0].quantity, 1);
    assert_eq!(q.purchase[0].credits.to_string(), "100");
    assert_eq!(q.purchase[0].price.to_string(), "5.00");
    assert_eq!(q.purchase[0].balance_after.to_string(), "48.5");
}

#[test]
fn done_criteria_business_90s_is_30_and_120s_on_10_buys_one_block() {
    assert_eq!(
        quote("business", vec![Item::seconds("avatar_iv", 90)], Some("1500"))
            .total
            .to_string(),
        "30"
    );
    let q = quote("business", vec![Item::seconds("avatar_iv", 120)], Some("10"));
    assert_eq!(q.total, d("40"));
    assert_eq!(q.shortfall.to_string(), "30");
    let p = &q.purchase[0];
    assert_eq!(
        (p.product.as_str(), p.quantity, p.price.to_string()),
        ("credit_block", 1, "5.00".to_string())
    );
}

#[test]
fn blocks_cover_the_shortfall_and_one_fewer_does_not() {
    // 30 min of Avatar IV = 600 credits; balance 0 → 6 blocks exactly; 601 → 7.
    let q = quote("business", vec![Item::seconds("avatar_iv", 1800)], Some("0"));
    assert_eq!(
        (q.purchase[0].quantity, q.purchase[0].price.to_string()),
        (6, "30.00".to_string())
    );
    let q = quote("business", vec![Item::seconds("avatar_iv", 1803)], Some("0"));
    assert_eq!(
        (q.purchase[0].quantity, q.purchase[0].price.to_string()),
        (7, "35.00".to_string())
    );
}

#[test]
fn creator_is_offered_the_upgrade_to_pro_and_pro_a_note() {
    let q = quote("creator", vec![Item::seconds("avatar_iv", 60)], Some("5"));
    assert_eq!(q.shortfall, d("15"));
    let up = &q.purchase[0];
    assert_eq!(up.kind, ratecard::PurchaseKind::Upgrade);
    assert_eq!(
        (up.product.as_str(), up.credits, up.price.to_string()),
        ("pro", d("400").into(), "20.00".to_string())
    );
    let q = quote("pro", vec![Item::seconds("avatar_iv", 60)], Some("5"));
    assert!(q.purchase.is_empty());
    assert!(
        q.warnings.iter().any(|w| w.contains("higher Pro tier")),
        "{:?}",
        q.warnings
    );
}

#[test]
fn balance_defaults_to_the_plans_monthly_credits_with_a_warning() {
    let q = quote("business", vec![Item::seconds("avatar_iv", 90)], None);
    assert_eq!(q.balance, d("1500"));
    assert_eq!(q.balance_after, d("1470"));
    assert!(q.warnings[0].contains("1500"), "{:?}", q.warnings);
}

#[test]
fn buy_packs_business_blocks() {
    let p = engine()
        .buy_packs(&serde_json::from_str::<BuyPacksRequest>(r#"{"plan":"business","quantity":3}"#).expect("request"))
        .expect("buy");
    assert_eq!(
        (
            p.product.as_str(),
            p.quantity,
            p.credits.to_string(),
            p.price.to_string()
        ),
        ("credit_block", 3, "300".into(), "15.00".into())
    );
    assert_eq!(serde_json::to_value(&p).expect("json")["period"], "once");
}

#[test]
fn every_error_code_with_the_field_and_valid_values() {
    let e = RateEngine::preset("heygen").expect_err("unknown");
    assert_eq!(e.kind(), ErrorKind::UnknownPreset);
    assert!(e.message().contains("\"heygen-credits\""));

    let e = err("platinum", vec![Item::seconds("avatar_iv", 1)]);
    assert_eq!(e.code(), "unknown_plan");
    assert!(e.message().contains("\"business\""), "{}", e.message());
    let e = engine()
        .quote(&QuoteRequest {
            items: vec![Item::seconds("avatar_iv", 1)],
            ..Default::default()
        })
        .expect_err("several plans");
    assert_eq!(e.code(), "unknown_plan");

    let e = err("business", vec![Item::seconds("avatar_vi", 1)]);
    assert_eq!(e.code(), "unknown_feature");
    assert!(e.message().starts_with("items[0].feature"), "{}", e.message());
    assert!(e.message().contains("\"avatar_iv\""));

    let e = err(
        "business",
        vec![Item::seconds("avatar_v", 30).with("expressive_motion", OptionValue::Bool(true))],
    );
    assert_eq!(e.code(), "invalid_option");
    assert!(
        e.message().starts_with("items[0].options.expressive_motion"),
        "{}",
        e.message()
    );
    let e = err(
        "business",
        vec![Item::seconds("video_translation", 30).with("mode", text("turbo"))],
    );
    assert_eq!(e.code(), "invalid_option");
    assert!(e.message().contains("\"precision\""), "{}", e.message());
    let e = err("business", vec![Item::seconds("video_asset", 30)]);
    assert_eq!(e.code(), "invalid_option", "model is required");
    let e = err(
        "business",
        vec![Item::seconds("avatar_iv", 30).with("expressive_motion", text("yes"))],
    );
    assert_eq!(e.code(), "invalid_option");

    for bad in ["0", "-5"] {
        let e = engine()
            .quote(&QuoteRequest {
                plan: Some("business".into()),
                items: vec![Item {
                    feature: "avatar_iv".into(),
                    seconds: Some(d(bad)),
                    ..Default::default()
                }],
                ..Default::default()
            })
            .expect_err("bad seconds");
        assert_eq!(e.code(), "invalid_quantity", "{bad}");
        assert!(e.message().starts_with("items[0].seconds"));
    }
    let e = err("business", vec![Item::quantity("avatar_iv", 3)]);
    assert_eq!(e.code(), "invalid_quantity");
    let e = err(
        "business",
        vec![Item {
            feature: "generate_look".into(),
            quantity: Some(d("1.5")),
            ..Default::default()
        }],
    );
    assert_eq!(e.code(), "invalid_quantity");
    let e = err("business", vec![Item::seconds("avatar_iv", 2_000_000)]);
    assert_eq!(e.code(), "invalid_quantity");

    let e = err("free", vec![Item::seconds("avatar_iv", 30)]);
    assert_eq!(e.code(), "not_available");
    assert!(e.message().contains("Free users do not use credits"), "{}", e.message());
    let e = engine()
        .buy_packs(&serde_json::from_str(r#"{"plan":"creator","quantity":1}"#).expect("req"))
        .expect_err("creator");
    assert_eq!(e.code(), "not_available");
    assert!(e.message().contains("upgrade to Pro"), "{}", e.message());
    for q in ["0", "1.5", "-1", "1000001"] {
        let e = engine()
            .buy_packs(&serde_json::from_str(&format!(r#"{{"plan":"business","quantity":"{q}"}}"#)).expect("req"))
            .expect_err("qty");
        assert_eq!(e.code(), "invalid_quantity", "{q}");
    }
    let e = engine()
        .quote(&QuoteRequest {
            plan: Some("business".into()),
            ..Default::default()
        })
        .expect_err("no items");
    assert_eq!(e.code(), "invalid_request");

    let e = RateEngine::from_json("{}").expect_err("empty card");
    assert_eq!(e.code(), "invalid_rate_card");
}

#[test]
fn the_engine_keeps_working_after_an_error() {
    let engine = engine();
    assert!(engine
        .quote(&QuoteRequest {
            plan: Some("nope".into()),
            items: vec![],
            ..Default::default()
        })
        .is_err());
    let q = engine
        .quote(&QuoteRequest {
            plan: Some("business".into()),
            items: vec![Item::seconds("avatar_iv", 90)],
            ..Default::default()
        })
        .expect("quote");
    assert_eq!(q.total, d("30"));
}

#[test]
fn custom_rate_cards_report_the_json_path_of_the_first_problem() {
    let text =
        ratecard::presets::json("heygen-credits")
            .expect("preset")
            .replacen("\"rate\": \"20\"", "\"rate\": 0.1", 1);
    let e = RateEngine::from_json(&text).expect_err("number rate");
    assert_eq!(e.code(), "invalid_rate_card");
    assert!(
        e.message()
            .starts_with("features.avatar_iv.rate: expected a decimal string, got 0.1"),
        "{}",
        e.message()
    );

    let mut card: serde_json::Value =
        serde_json::from_str(ratecard::presets::json("heygen-credits").expect("preset")).expect("json");
    card["plans"]["business"]["products"] = serde_json::json!(["gold"]);
    let text = card.to_string();
    let e = RateEngine::from_json(&text).expect_err("dangling product");
    assert!(
        e.message()
            .starts_with("plans.business.products[0]: unknown product \"gold\""),
        "{}",
        e.message()
    );

    let e = RateEngine::from_json("{\"id\": ").expect_err("truncated");
    assert_eq!(e.code(), "invalid_rate_card");
}

#[test]
fn requests_parse_from_json_as_the_js_api_sends_them() {
    let req: QuoteRequest = serde_json::from_str(
        r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90,"options":{"expressive_motion":true}},{"feature":"generate_look","quantity":4}],"balance":"12.5","periodUsage":{"image_asset":14}}"#,
    )
    .expect("request");
    assert_eq!(engine().quote(&req).expect("quote").total, d("64"));
    // A balance must be a decimal string, never a float.
    assert!(serde_json::from_str::<QuoteRequest>(r#"{"items":[],"balance":12.5}"#).is_err());
    // Unknown fields are refused, not ignored.
    assert!(serde_json::from_str::<QuoteRequest>(r#"{"items":[],"balanse":"1"}"#).is_err());
}
