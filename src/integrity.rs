//! Quote integrity: every quote carries the rate card's id, version and hash
//! and a fingerprint, so a server charges exactly what the page showed.
//!
//! The fingerprint is SHA-256 (hex) over three canonical JSON texts (keys
//! sorted, no spaces), joined by newlines: the rate card's hash, the request
//! as parsed, and the quote with an empty `fingerprint`. The rate card's hash
//! is SHA-256 over the card's canonical JSON. [`RateEngine::verify`]
//! recomputes the quote from the request and compares.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::RateEngine;
use crate::error::{Error, ErrorKind, Result};
use crate::quote::{Quote, QuoteRequest};

/// Canonical JSON: object keys sorted, no whitespace.
pub(crate) fn canonical<T: Serialize>(value: &T) -> Result<String> {
    // serde_json's Value keeps object keys in a BTreeMap: sorted.
    let v = serde_json::to_value(value)
        .map_err(|e| Error::new(ErrorKind::InvalidRequest, format!("canonical JSON: {e}")))?;
    serde_json::to_string(&v).map_err(|e| Error::new(ErrorKind::InvalidRequest, format!("canonical JSON: {e}")))
}

/// SHA-256 of the parts joined by newlines, as lowercase hex.
pub(crate) fn sha256_hex(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(b"\n");
        }
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The fingerprint of `quote` (whose own `fingerprint` is ignored) for `request`.
pub(crate) fn fingerprint(card_hash: &str, request: &QuoteRequest, quote: &Quote) -> Result<String> {
    let mut blank = quote.clone();
    blank.fingerprint = String::new();
    Ok(sha256_hex(&[card_hash, &canonical(request)?, &canonical(&blank)?]))
}

/// What [`RateEngine::verify`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The quote is exactly what this rate card gives for the request.
    Match,
    /// The quote was made with another rate card or version: quote again.
    StaleCard,
    /// The quote differs from what the request gives (a changed total,
    /// lines or fingerprint): do not charge it.
    Altered,
}

/// The result of [`RateEngine::verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// Match, stale card, or altered.
    pub verdict: Verdict,
    /// For people: what differs.
    pub message: String,
    /// The quote recomputed from the request (absent for a stale card).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Quote>,
}

impl RateEngine {
    /// Recomputes the quote for `request` and compares it with `quote` (as
    /// the page showed it), so a server charges exactly that amount or
    /// refuses.
    ///
    /// # Errors
    /// Any error of `quote` for the request.
    ///
    /// # Example
    /// ```
    /// use ratecard::{integrity::Verdict, request, RateEngine};
    /// let engine = RateEngine::preset("heygen-credits").unwrap();
    /// let req = request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}]}"#).unwrap();
    /// let mut quote = engine.quote(&req).unwrap();
    /// assert_eq!(engine.verify(&req, &quote).unwrap().verdict, Verdict::Match);
    /// quote.total = "3".parse().unwrap();
    /// assert_eq!(engine.verify(&req, &quote).unwrap().verdict, Verdict::Altered);
    /// ```
    pub fn verify(&self, request: &QuoteRequest, quote: &Quote) -> Result<Verification> {
        let card = self.card();
        if quote.rate_card != card.id || quote.card_hash != self.card_hash() {
            return Ok(Verification {
                verdict: Verdict::StaleCard,
                message: format!(
                    "the quote was made with rate card \"{}\" version {} ({}…); this engine has \"{}\" version {} ({}…)",
                    quote.rate_card,
                    quote.version,
                    quote.card_hash.get(..12).unwrap_or(&quote.card_hash),
                    card.id,
                    card.version,
                    self.card_hash().get(..12).unwrap_or_default()
                ),
                expected: None,
            });
        }
        let expected = self.quote(request)?;
        if expected == *quote {
            return Ok(Verification {
                verdict: Verdict::Match,
                message: "the quote matches the request".into(),
                expected: Some(expected),
            });
        }
        let mut differ = Vec::new();
        let (a, b) = (serde_json::to_value(&expected), serde_json::to_value(quote));
        if let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) = (a, b) {
            for (k, v) in &a {
                if b.get(k) != Some(v) {
                    differ.push(k.clone());
                }
            }
        }
        Ok(Verification {
            verdict: Verdict::Altered,
            message: format!("the quote differs from the request's in: {}", differ.join(", ")),
            expected: Some(expected),
        })
    }

    /// [`RateEngine::verify`] with the request and the quote as JSON text,
    /// as a server receives them from the page.
    ///
    /// # Errors
    /// `invalid_request` when either text does not parse; as `verify`.
    pub fn verify_json(&self, request: &str, quote: &str) -> Result<Verification> {
        let req: QuoteRequest = crate::request::from_json(request)?;
        let q: Quote = crate::request::from_json(quote)?;
        self.verify(&req, &q)
    }
}
