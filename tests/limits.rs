//! The limits bound the work and the output, not only the bytes: an error
//! never echoes a huge input whole, and each bound is a clear error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::limits::{MAX_ERROR_DETAIL_CHARS, MAX_ERROR_KEY_CHARS};
use ratecard::{request, QuoteRequest, RateEngine};

#[test]
fn an_error_quotes_at_most_a_stated_length_of_the_input() {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let long = "f".repeat(200_000);
    let json = format!(r#"{{"plan":"business","items":[{{"feature":"{long}","seconds":9}}]}}"#);
    let e = engine.quote(&request::from_json::<QuoteRequest>(&json).unwrap()).unwrap_err();
    assert_eq!(e.code(), "unknown_feature");
    assert!(e.message().chars().count() <= MAX_ERROR_DETAIL_CHARS + 40, "{} characters", e.message().len());
    assert!(e.message().contains("…"));
    // An option key names the path: cut too.
    let json = format!(r#"{{"plan":"business","items":[{{"feature":"avatar_iv","seconds":9,"options":{{"{long}":true}}}}]}}"#);
    let e = engine.quote(&request::from_json::<QuoteRequest>(&json).unwrap()).unwrap_err();
    assert_eq!(e.code(), "invalid_option");
    let key = match e.path().last() { Some(ratecard::PathSegment::Key(k)) => k.clone(), _ => String::new() };
    assert!(key.chars().count() <= MAX_ERROR_KEY_CHARS + 1, "{} characters", key.len());
    assert!(e.message().chars().count() <= MAX_ERROR_DETAIL_CHARS + MAX_ERROR_KEY_CHARS + 40);
}
