//! A version's seal: the card hash (SHA-256, hex, over the card's canonical
//! JSON: the card as parsed, serialized compactly with fields in the
//! schema's order and maps in the card's order) and the fingerprint every
//! quote priced with it carries. Made once per version, when a book or a
//! preset is loaded ([`Seal::of`], or [`Seal::precomputed`] from a known
//! hash in the first-load module), and applied to a quote in one place
//! ([`Seal::stamp`]).
//!
//! The fingerprint is SHA-256 (hex) over compact bytes that bind the card
//! hash, every field of the request (amounts normalized, option and usage
//! keys sorted) and every amount of the result: each line's amount, billed
//! and included units and burns; the total, balance, balance after and
//! shortfall; each purchase option. Strings are length-prefixed and decimals
//! a scale byte and a varint mantissa, so two different inputs never feed
//! the same bytes. It is a checksum and a quote id, not a signature (see
//! `integrity` for how a server verifies a quote).

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};
use crate::purchase::PurchaseKind;
use crate::quote::Quote;
use crate::rate_card::RateCard;
use crate::request::{OptionValue, QuoteRequest};

/// A version's card hash and the fingerprint's hash state after it.
#[derive(Debug, Clone)]
pub struct Seal {
    card_hash: Arc<str>,
    seed: Sha256,
}

impl Seal {
    /// The seal of `card`: SHA-256 of its canonical JSON.
    ///
    /// # Errors
    /// `invalid_request` when the card cannot be written as JSON (never for
    /// a validated card).
    pub fn of(card: &RateCard) -> Result<Seal> {
        Ok(Seal::precomputed(&sha256_hex(&canonical(card)?)))
    }

    /// The seal of a card whose hash is known (the first-load module's
    /// presets, whose hashes are computed at build time).
    pub fn precomputed(card_hash: &str) -> Seal {
        Seal { card_hash: card_hash.into(), seed: fingerprint_seed(card_hash) }
    }

    /// The card hash: 64 lowercase hex digits, a quote's `cardHash`.
    pub fn card_hash(&self) -> &str {
        &self.card_hash
    }

    /// Writes `quote`'s `cardHash` and its fingerprint for `request` (the
    /// quote's own `fingerprint` is ignored while it is computed).
    pub fn stamp(&self, request: &QuoteRequest, quote: &mut Quote) {
        quote.card_hash = self.card_hash.to_string();
        quote.fingerprint = fingerprint(&self.seed, request, quote);
    }
}

/// Canonical JSON: compact, fields in declaration order, maps in their order.
pub(crate) fn canonical<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::new(ErrorKind::InvalidRequest, format!("canonical JSON: {e}")))
}

/// The digest as 64 lowercase hex digits (into a buffer at once: `hex::encode`
/// pushes one char at a time, which shows in a quote's time in wasm).
fn digest_hex(h: Sha256) -> String {
    let mut out = [0u8; 64];
    match hex::encode_to_slice(h.finalize(), &mut out) {
        Ok(()) => String::from_utf8_lossy(&out).into_owned(),
        Err(_) => String::new(), // 32 bytes always fit 64 digits
    }
}

/// SHA-256 of `text`, as lowercase hex.
pub(crate) fn sha256_hex(text: &str) -> String {
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    digest_hex(h)
}

/// Feeds the fingerprint's hash: strings length-prefixed, decimals
/// normalized and varint-encoded, so different inputs never feed the same
/// bytes.
struct Feed(Sha256);

impl Feed {
    fn tag(&mut self, tag: u8) {
        self.0.update([tag]);
    }
    #[inline(never)] // one copy, not one per call site: smaller wasm
    fn text(&mut self, v: &str) {
        self.0.update(u32::try_from(v.len()).unwrap_or(u32::MAX).to_le_bytes());
        self.0.update(v.as_bytes());
    }
    /// A decimal, normalized: its scale, then its mantissa zigzag- and
    /// LEB128-encoded (`80` is 2 bytes, not 16).
    #[inline(never)]
    fn decimal(&mut self, v: Decimal) {
        let v = v.normalize();
        let m = v.mantissa(); // at most 96 bits: the shift cannot overflow
        let mut z = (m.wrapping_shl(1) ^ (m >> 127)) as u128;
        let mut buf = [0u8; 20]; // scale + at most 19 LEB128 bytes of 128 bits
        let mut len = buf.len();
        for (i, slot) in buf.iter_mut().enumerate() {
            if i == 0 {
                *slot = u8::try_from(v.scale()).unwrap_or(u8::MAX);
                continue;
            }
            let low = (z & 0x7f) as u8;
            z >>= 7;
            if z == 0 {
                *slot = low;
                len = i.saturating_add(1);
                break;
            }
            *slot = low | 0x80;
        }
        self.0.update(buf.get(..len).unwrap_or(&buf));
    }
    fn opt_decimal(&mut self, v: Option<Decimal>) {
        match v {
            Some(v) => {
                self.tag(1);
                self.decimal(v);
            }
            None => self.tag(0),
        }
    }
    fn opt_text(&mut self, v: Option<&str>) {
        match v {
            Some(v) => {
                self.tag(1);
                self.text(v);
            }
            None => self.tag(0),
        }
    }
}

/// The SHA-256 state after the fingerprint's first part, the card hash:
/// computed once per engine, cloned per quote.
pub(crate) fn fingerprint_seed(card_hash: &str) -> Sha256 {
    let mut f = Feed(Sha256::new());
    f.text("ratecard-fingerprint/2");
    f.text(card_hash);
    f.0
}

/// The fingerprint of `quote` (whose own `fingerprint` is ignored) for
/// `request`, continuing `seed` (see [`fingerprint_seed`]). Each part starts
/// with a tag byte: `p` plan, `i` item, `b` balance, `u` usage, `g` grant,
/// `a` day, `y` billing (only when given), `l` line, `r` result, `o`
/// purchase option.
pub(crate) fn fingerprint(seed: &Sha256, request: &QuoteRequest, quote: &Quote) -> String {
    let mut f = Feed(seed.clone());
    f.tag(b'p');
    f.text(&quote.plan);
    for item in &request.items {
        f.tag(b'i');
        f.text(&item.feature);
        f.opt_decimal(item.seconds);
        f.opt_decimal(item.quantity);
        let mut options: Vec<_> = item.options.iter().collect();
        crate::sort::insertion_sort(&mut options, |a, b| a.0.cmp(b.0));
        for (k, v) in options {
            f.text(k);
            match v {
                OptionValue::Bool(b) => f.tag(if *b { b'T' } else { b'F' }),
                OptionValue::Text(x) | OptionValue::Other(x) => {
                    f.tag(b'S');
                    f.text(x);
                }
            }
        }
    }
    f.tag(b'b');
    f.opt_decimal(request.balance.map(|b| b.0));
    let mut usage: Vec<_> = request.period_usage.iter().collect();
    // The standard sort: a request may give many usage keys (an insertion
    // sort was quadratic in them).
    usage.sort_by(|a, b| a.0.cmp(b.0));
    for (k, v) in usage {
        f.tag(b'u');
        f.text(k);
        f.decimal(*v);
    }
    for g in request.grants.iter().flatten() {
        f.tag(b'g');
        f.text(&g.id);
        f.decimal(g.remaining.0);
        f.opt_text(g.expires_at.map(|d| d.to_string()).as_deref());
        f.opt_text(g.issued_at.map(|d| d.to_string()).as_deref());
    }
    f.tag(b'a');
    f.opt_text(request.at.as_deref());
    // Only when given, so the fingerprints of requests without it stay as they were.
    if let Some(billing) = request.billing {
        f.tag(b'y');
        f.text(billing.as_str());
    }
    for line in &quote.lines {
        f.tag(b'l');
        for v in [line.amount, line.billed, line.included] {
            f.decimal(v.0);
        }
        for b in &line.burns {
            f.text(&b.grant);
            f.decimal(b.credits.0);
        }
    }
    f.tag(b'r');
    for v in [quote.total, quote.balance, quote.balance_after, quote.shortfall] {
        f.decimal(v.0);
    }
    for p in &quote.purchase {
        f.tag(b'o');
        f.tag(match p.kind {
            PurchaseKind::Pack => b'P',
            PurchaseKind::TopUp => b'T',
            PurchaseKind::Upgrade => b'U',
            PurchaseKind::Renewal => b'R',
        });
        f.tag(if p.covers { b'c' } else { b'n' });
        f.text(&p.product);
        f.0.update(p.quantity.to_le_bytes());
        for v in [p.credits, p.price, p.balance_after] {
            f.decimal(v.0);
        }
        f.text(&p.currency);
        f.text(p.period.as_str());
    }
    digest_hex(f.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::request::Item;

    /// A seal made from the card and one made from its known hash stamp the same quote alike,
    /// and the fingerprint binds the request: another length, another fingerprint.
    #[test]
    fn stamps_the_card_hash_and_a_fingerprint_of_the_request() {
        let card = crate::presets::shared("heygen-credits").unwrap();
        let seal = Seal::of(&card).unwrap();
        assert_eq!(seal.card_hash().len(), 64);
        let again = Seal::precomputed(seal.card_hash());
        let plan = card.plan(Some("business")).unwrap();
        let request = |s: u32| QuoteRequest { plan: Some("business".into()), items: vec![Item::seconds("avatar_iv", s)], ..Default::default() };
        let stamped = |seal: &Seal, s: u32| {
            let r = request(s);
            let mut q = crate::quote::price(&card, plan, &r).unwrap();
            assert!(q.card_hash.is_empty() && q.fingerprint.is_empty());
            seal.stamp(&r, &mut q);
            q
        };
        let (a, b) = (stamped(&seal, 90), stamped(&again, 90));
        assert_eq!((a.card_hash.as_str(), a.fingerprint.as_str()), (b.card_hash.as_str(), b.fingerprint.as_str()));
        assert_eq!(a.card_hash, seal.card_hash());
        assert_ne!(stamped(&seal, 91).fingerprint, a.fingerprint);
    }
}
