//! The fuzz targets' byte protocol, in one place for the target
//! (`fuzz/fuzz_targets/quote.rs`) and the corpus builder
//! (`examples/fuzz_corpus.rs`): the first byte picks the call and the
//! preset, the rest is the request's JSON text. Not part of the API.

use crate::presets;

/// The calls a fuzz input can make, in selector order.
pub const CALLS: [&str; 4] = ["quote", "buyPacks", "capacity", "simulate"];

/// The first byte for `call` on `preset`: `64 × call + preset`.
pub fn selector(call: &str, preset: &str) -> Option<u8> {
    let c = CALLS.iter().position(|x| *x == call)?;
    let p = presets::index(preset)?;
    u8::try_from(c.checked_mul(64)?.checked_add(p)?).ok()
}

/// The call and preset a first byte picks (any byte picks one).
pub fn decode(selector: u8) -> (&'static str, &'static str) {
    let ids = presets::ids();
    let call = CALLS.get(usize::from(selector >> 6)).copied().unwrap_or("simulate");
    let index = usize::from(selector & 63).checked_rem(ids.len()).unwrap_or(0);
    let preset = ids.get(index).copied().unwrap_or("heygen-credits");
    (call, preset)
}

#[cfg(test)]
mod tests {
    #[test]
    fn selectors_round_trip() {
        for call in super::CALLS {
            for preset in crate::presets::ids() {
                let s = super::selector(call, preset);
                assert_eq!(s.map(super::decode), Some((call, preset)));
            }
        }
    }
}
