//! The first-load module's parts, natively: its JSON reader against serde
//! (the oracle), and the quote summary against the full quote, field for
//! field, over thousands of requests on every preset and plan.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::lite::{self, json};
use ratecard::rate_card::{Input, OptionType, Period};
use ratecard::request::OptionValue;
use ratecard::{presets, Item, QuoteRequest, RateCard};
use rust_decimal::Decimal;

#[test]
fn the_small_reader_reads_every_preset_as_serde_does() {
    for id in presets::ids() {
        let text = presets::json(id).unwrap();
        let by_serde = RateCard::from_json(text).unwrap();
        let by_lite = lite::preset(id).unwrap();
        // Compared as JSON text: decimals by their digits, not only by value.
        assert_eq!(
            serde_json::to_string(&by_lite).unwrap(),
            serde_json::to_string(&by_serde).unwrap(),
            "{id}"
        );
    }
}

#[test]
fn the_small_reader_refuses_what_is_not_json() {
    for bad in ["", "{", "[1,]", "{\"a\" 1}", "\"\\x\"", "tru", "{} x", "\"\u{1}\"", "\"\\ud800\""] {
        let e = json::parse(bad).expect_err(bad);
        assert_eq!(e.code(), "invalid_rate_card", "{bad}");
    }
    let deep = "[".repeat(json::MAX_DEPTH + 2);
    assert!(json::parse(&deep).is_err());
    assert_eq!(
        json::parse(r#"{"a":["\u00e9\ud83d\ude00",true,null,-1.5e3]}"#).unwrap(),
        json::Json::Obj(vec![(
            "a".into(),
            json::Json::Arr(vec![
                json::Json::Str("é😀".into()),
                json::Json::Bool(true),
                json::Json::Null,
                json::Json::Num("-1.5e3".into()),
            ])
        )])
    );
    assert_eq!(lite::preset("nope").unwrap_err().code(), "unknown_preset");
    assert_eq!(lite::read("{\"id\":1}").unwrap_err().code(), "invalid_rate_card");
}

/// A small deterministic PRNG (xorshift), so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random item of a random feature of `card`, with random option values
/// (some invalid on purpose: the summary must fail exactly where the quote does).
fn item(card: &RateCard, rng: &mut Rng) -> Item {
    let features: Vec<_> = card.features.iter().collect();
    let (fid, f) = features[rng.below(features.len())];
    let size = [1u32, 2, 15, 29, 30, 31, 59, 60, 61, 90, 103, 120, 600, 1799, 1800, 3601][rng.below(16)];
    let mut item = match f.input {
        Input::Seconds => Item::seconds(fid, size),
        Input::Quantity => Item::quantity(fid, 1 + size % 20),
    };
    for (oid, o) in &f.options {
        match o.kind {
            OptionType::Enum if rng.below(5) > 0 => {
                let v = o.values[rng.below(o.values.len())].clone();
                item = item.with(oid, OptionValue::Text(v));
            }
            OptionType::Boolean if rng.below(2) == 0 => item = item.with(oid, OptionValue::Bool(rng.below(5) > 0)),
            _ => {}
        }
    }
    item
}

#[test]
fn the_summary_equals_the_full_quote_field_for_field() {
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let (mut compared, mut errors) = (0, 0);
    for id in presets::ids() {
        let engine = ratecard::RateEngine::preset(id).unwrap();
        let card = lite::preset(id).unwrap();
        if card.features.is_empty() {
            continue;
        }
        for plan in card.plans.keys() {
            for _ in 0..400 {
                let n = 1 + rng.below(3);
                let balance = match rng.below(4) {
                    0 => None,
                    1 => Some(Decimal::ZERO),
                    2 => Some(Decimal::new(rng.below(200_000) as i64, 2)),
                    _ => Some(Decimal::from(rng.below(3000) as i64)),
                };
                let req = QuoteRequest {
                    plan: Some(plan.clone()),
                    items: (0..n).map(|_| item(&card, &mut rng)).collect(),
                    balance: balance.map(Into::into),
                    ..Default::default()
                };
                let billing = [None, Some(Period::Month), Some(Period::Year)][rng.below(3)];
                let req = QuoteRequest { billing, ..req };
                // The complete quote from the first-load module: the full one, byte for byte.
                let whole = lite::Preset::of(id).unwrap().quote(&req);
                match (&whole, engine.quote(&req)) {
                    (Ok(a), Ok(b)) => assert_eq!(serde_json::to_string(a).unwrap(), serde_json::to_string(&b).unwrap(), "{id} {req:?}"),
                    (Err(a), Err(b)) => assert_eq!((a.code(), a.message()), (b.code(), b.message()), "{id} {req:?}"),
                    (a, b) => panic!("{id} {req:?}: lite {:?} but full {:?}", a.as_ref().map(|q| q.total), b.map(|q| q.total)),
                }
                match (engine.quote(&req), lite::summary(&card, &req), engine.quote_summary(&req)) {
                    (Ok(q), Ok(s), Ok(full)) => {
                        assert_eq!(s, full);
                        assert_eq!(
                            (&s.unit, s.total, s.balance, s.balance_after, s.shortfall, &s.purchase),
                            (&q.unit, q.total, q.balance, q.balance_after, q.shortfall, &q.purchase),
                            "{id} {req:?}"
                        );
                        compared += 1;
                    }
                    (Err(a), Err(b), Err(c)) => {
                        assert_eq!((a.code(), a.message()), (b.code(), b.message()), "{id} {req:?}");
                        assert_eq!(b.message(), c.message());
                        errors += 1;
                    }
                    (q, s, _) => panic!("{id} {req:?}: quote {:?} but summary {:?}", q.map(|q| q.total), s.map(|s| s.total)),
                }
            }
        }
    }
    assert!(compared > 3000 && errors > 100, "{compared} compared, {errors} errors");
}

#[test]
fn the_precomputed_card_hashes_are_the_full_modules() {
    for id in presets::ids() {
        let full = ratecard::RateEngine::preset(id).unwrap();
        assert_eq!(
            lite::preset_hash(id),
            Some(full.card_hash()),
            "src/lite/hashes.rs is stale: run `cargo run --example preset_hashes > src/lite/hashes.rs`"
        );
    }
}
