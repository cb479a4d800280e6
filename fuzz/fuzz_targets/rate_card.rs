//! Any bytes as a rate card: parsing and validation return Ok or an error
//! with a stable code, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = ratecard::RateEngine::from_json(text) {
            assert!(!e.code().is_empty());
        }
    }
});
