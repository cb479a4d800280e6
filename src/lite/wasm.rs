//! The first-load module's JS binding (`lite` feature, wasm32): plain
//! strings across the boundary, no serde. The glue (`www/lite/glue.js`) takes the
//! public call's object, `{ plan, items, balance }`, and writes it as text
//! fields separated by control characters; the result comes back the same
//! way. Errors come back as `code␟path␟message` (the path's segments
//! separated by ␞), which the glue throws as a coded `Error`.
//!
//! The request text and the result's purchase options are `crate::flat`'s.

use wasm_bindgen::prelude::*;

use crate::error::{Error, PathSegment};
use crate::money::write_decimal;
use crate::presets;
use crate::quote::Summary;

use crate::flat::{FIELD, RECORD};

/// `code␟path␟message`, thrown by the glue as a coded `Error`.
fn js_error(e: &Error) -> JsValue {
    let path: Vec<String> = e
        .path()
        .iter()
        .map(|s| match s {
            // `k` and the key (its control characters escaped), or `#` and the index.
            PathSegment::Key(k) => format!("k{}", crate::flat::escape(k)),
            PathSegment::Index(i) => format!("#{i}"),
        })
        .collect();
    JsValue::from_str(&format!("{}{FIELD}{}{FIELD}{}", e.code(), path.join(&RECORD.to_string()), e.message()))
}

/// The summary as text, every field separated by U+001F:
/// `unit␟total␟balance␟balanceAfter␟shortfall`, then 11 fields per purchase
/// option: `␟kind␟product␟name␟quantity␟credits␟price␟currency␟period␟
/// balanceAfter␟covers␟upgrade`.
fn write(s: &Summary) -> String {
    let mut out = String::with_capacity(160);
    out.push_str(&s.unit);
    for d in [s.total, s.balance, s.balance_after, s.shortfall] {
        out.push(FIELD);
        write_decimal(&mut out, d.0);
    }
    for p in &s.purchase {
        crate::flat::purchase(&mut out, p);
    }
    out
}

/// The engine's limits as a JSON object (`crate::limits::json`), which the
/// glue parses once.
#[wasm_bindgen]
pub fn limits() -> String {
    crate::limits::json()
}

/// The built-in presets' ids, separated by U+001F.
#[wasm_bindgen(js_name = presetIds)]
pub fn preset_ids() -> String {
    presets::ids().join(&FIELD.to_string())
}

/// Built-in preset `id`'s JSON text as shipped (the rate-card JSON shape),
/// for a page to build its form from without reading the card here
/// (`JSON.parse` in the glue: no serde). Throws `unknown_preset`.
#[wasm_bindgen(js_name = presetJson)]
pub fn preset_json(id: &str) -> Result<String, JsValue> {
    presets::json(id).map(str::to_string).ok_or_else(|| js_error(&presets::unknown(id)))
}

/// One preset, read by the small reader; quotes summaries and whole quotes.
#[wasm_bindgen]
pub struct LiteEngine {
    preset: crate::lite::Preset,
}

#[wasm_bindgen]
impl LiteEngine {
    /// Preset `id`. Throws `code␟path␟message` (`unknown_preset`).
    pub fn preset(id: &str) -> Result<LiteEngine, JsValue> {
        crate::lite::Preset::of(id).map(|preset| LiteEngine { preset }).map_err(|e| js_error(&e))
    }

    /// The card's id.
    pub fn id(&self) -> String {
        self.preset.card.id.clone()
    }

    /// The preset's JSON text as shipped (see [`preset_json`]).
    #[wasm_bindgen(js_name = cardJson)]
    pub fn card_json(&self) -> String {
        presets::json(&self.preset.card.id).unwrap_or_default().to_string()
    }

    /// The summary of `{ plan, items, balance }` written as one text (see
    /// the module docs): `plan␜balance␜items`; an empty `plan` or `balance`
    /// is absent; a `balance` starting with U+0000 was not a string, refused
    /// as `invalid_request`.
    pub fn summary(&self, request: &str) -> Result<String, JsValue> {
        let request = crate::flat::request(request).map_err(|e| js_error(&e))?;
        crate::lite::summary(&self.preset.card, &request).map(|s| write(&s)).map_err(|e| js_error(&e))
    }

    /// `buyPacks` of `plan␜quantity␜seats␜billing` (`crate::flat::buy_request`),
    /// as `crate::flat::bought`'s text: the full module's `buyPacks`, field for field.
    #[wasm_bindgen(js_name = buyPacks)]
    pub fn buy_packs(&self, request: &str) -> Result<String, JsValue> {
        let request = crate::flat::buy_request(request).map_err(|e| js_error(&e))?;
        let card = &self.preset.card;
        let bought = card
            .plan(request.plan.as_deref())
            .and_then(|plan| crate::purchase::buy(card, plan, &request))
            .map_err(|e| js_error(&e))?;
        Ok(crate::flat::bought(&bought))
    }

    /// The complete quote of the same request text, as `crate::flat`'s quote
    /// text (the full module's `quoteFlatText` gives the same text).
    pub fn quote(&self, request: &str) -> Result<String, JsValue> {
        let request = crate::flat::request(request).map_err(|e| js_error(&e))?;
        let q = self.preset.quote(&request).map_err(|e| js_error(&e))?;
        // A preset's texts and the request's refused texts cannot hold the
        // separator; should one, say so rather than write a broken text.
        crate::flat::quote(&q).ok_or_else(|| {
            js_error(&Error::new(crate::error::ErrorKind::InvalidRequest, "a text of this quote holds a separator"))
        })
    }
}
