//! The first-load module's JS binding (`lite` feature, wasm32): plain
//! strings across the boundary, no serde. The glue (`js/lite.js`) takes the
//! public call's object, `{ plan, items, balance }`, and writes it as text
//! fields separated by control characters; the result comes back the same
//! way. Errors come back as `code␟path␟message` (the path's segments
//! separated by ␞), which the glue throws as a coded `Error`.
//!
//! Request text: `plan`, U+001C, `balance`, U+001C, the items; items separated by U+001E; an item's fields by U+001F:
//! `feature`, `seconds`, `quantity` (empty when absent), then each option as
//! `key`, U+001D, and `b1` / `b0` (a boolean), `s…` (a string) or `o…`
//! (anything else, refused as `invalid_option`). A measure that was not a
//! number or a string comes as U+0000 and its type, refused as
//! `invalid_quantity`.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind, PathSegment};
use crate::money::{write_decimal, DecimalString};
use crate::presets;
use crate::quote::Summary;
use crate::rate_card::RateCard;
use crate::request::{Item, OptionValue, QuoteRequest};

use crate::flat::FIELD;
const RECORD: char = '\u{1e}';
const PAIR: char = '\u{1d}';
const GROUP: char = '\u{1c}';

/// `text` split at each `sep` (one of the ASCII separators above), as
/// `str::split` does; a byte loop, which on these short texts is faster
/// than the standard character search (measured: 6 % of a summary call).
fn parts(text: &str, sep: char) -> impl Iterator<Item = &str> {
    let sep = u8::try_from(u32::from(sep)).unwrap_or(0);
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = t.get(i.saturating_add(1)..);
                t.get(..i)
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// `text` cut at the first `sep`: `(before, after)`, or `(text, "")`.
fn cut(text: &str, sep: char) -> (&str, &str) {
    let mut p = parts(text, sep);
    let head = p.next().unwrap_or_default();
    (head, text.get(head.len().saturating_add(1)..).unwrap_or_default())
}

/// `code␟path␟message`, thrown by the glue as a coded `Error`.
fn js_error(e: &Error) -> JsValue {
    let path: Vec<String> = e
        .path()
        .iter()
        .map(|s| match s {
            PathSegment::Key(k) => k.clone(),
            PathSegment::Index(i) => format!("#{i}"),
        })
        .collect();
    JsValue::from_str(&format!("{}{FIELD}{}{FIELD}{}", e.code(), path.join(&RECORD.to_string()), e.message()))
}

/// A duration or count as the glue wrote it.
fn measure(text: &str, field: &str) -> Result<Option<Decimal>, Error> {
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = |why: String| Error::at(ErrorKind::InvalidQuantity, field, why);
    if let Some(kind) = text.strip_prefix('\u{0}') {
        return Err(refuse(format!("expected a finite number or a decimal string, got {kind}")));
    }
    Decimal::from_str(text)
        .map(Some)
        .map_err(|_| refuse(format!("expected a number, got \"{text}\"")))
}

fn item(text: &str, i: usize) -> Result<Item, Error> {
    let mut fields = parts(text, FIELD);
    let feature = fields.next().unwrap_or_default().to_string();
    let at = |e: Error| e.context(i).context("items");
    let seconds = measure(fields.next().unwrap_or_default(), "seconds").map_err(at)?;
    let quantity = measure(fields.next().unwrap_or_default(), "quantity").map_err(at)?;
    let mut options = IndexMap::new();
    for pair in fields {
        let (key, value) = cut(pair, PAIR);
        let value = match (value.get(..1), value.get(1..)) {
            (Some("b"), Some(v)) => OptionValue::Bool(v == "1"),
            (Some("s"), Some(v)) => OptionValue::Text(v.to_string()),
            (_, v) => OptionValue::Other(v.unwrap_or_default().to_string()),
        };
        options.insert(key.to_string(), value);
    }
    Ok(Item {
        feature,
        seconds,
        quantity,
        options,
    })
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

/// One preset, read by the small reader; quotes summaries.
#[wasm_bindgen]
pub struct LiteEngine {
    card: RateCard,
}

#[wasm_bindgen]
impl LiteEngine {
    /// Preset `id`. Throws `code␟path␟message` (`unknown_preset`).
    pub fn preset(id: &str) -> Result<LiteEngine, JsValue> {
        crate::lite::preset(id).map(|card| LiteEngine { card }).map_err(|e| js_error(&e))
    }

    /// The card's id.
    pub fn id(&self) -> String {
        self.card.id.clone()
    }

    /// The preset's JSON text as shipped (see [`preset_json`]).
    #[wasm_bindgen(js_name = cardJson)]
    pub fn card_json(&self) -> String {
        presets::json(&self.card.id).unwrap_or_default().to_string()
    }

    /// The summary of `{ plan, items, balance }` written as one text (see
    /// the module docs): `plan␜balance␜items`; an empty `plan` or `balance`
    /// is absent; a `balance` starting with U+0000 was not a string, refused
    /// as `invalid_request`.
    pub fn summary(&self, request: &str) -> Result<String, JsValue> {
        let (plan, rest) = cut(request, GROUP);
        let (balance, items) = cut(rest, GROUP);
        let balance = match balance {
            "" => None,
            b if b.starts_with('\u{0}') => {
                let got = b.get(1..).unwrap_or_default();
                let e = Error::at(ErrorKind::InvalidRequest, "balance", format!("expected a decimal string, got {got}"));
                return Err(js_error(&e));
            }
            b => Some(
                crate::money::parse_decimal(b, "balance", ErrorKind::InvalidRequest)
                    .map(DecimalString)
                    .map_err(|e| js_error(&e))?,
            ),
        };
        let items = if items.is_empty() {
            Vec::new()
        } else {
            parts(items, RECORD).enumerate().map(|(i, t)| item(t, i)).collect::<Result<Vec<_>, _>>().map_err(|e| js_error(&e))?
        };
        let request = QuoteRequest {
            plan: (!plan.is_empty()).then(|| plan.to_string()),
            items,
            balance,
            ..Default::default()
        };
        crate::lite::summary(&self.card, &request).map(|s| write(&s)).map_err(|e| js_error(&e))
    }
}
