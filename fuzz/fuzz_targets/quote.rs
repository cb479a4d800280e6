//! Any bytes as a quote, buyPacks, capacity or simulate request on every
//! preset: Ok or a coded error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use ratecard::{request, RateEngine};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (call, id) = ratecard::fuzzing::decode(selector);
    let Ok(engine) = RateEngine::preset(id) else { return };
    let result = match call {
        "quote" => request::from_json(text).and_then(|r| engine.quote(&r)).map(|_| ()),
        "buyPacks" => request::from_json(text).and_then(|r| engine.buy_packs(&r)).map(|_| ()),
        "capacity" => request::from_json(text).and_then(|r| engine.capacity(&r)).map(|_| ()),
        _ => request::from_json(text).and_then(|r| engine.simulate(&r)).map(|_| ()),
    };
    if let Err(e) = result {
        assert!(!e.code().is_empty());
    }
});
