//! The JavaScript binding: converts JS values to the core's types and back,
//! and turns [`crate::Error`] into a JS `Error` with a `code` property.
//! No pricing logic lives here.

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorKind, PathSegment};
use crate::ledger::Simulation;
use crate::planner::{Capacity, Comparison};
use crate::quote::Summary;
use crate::request::{CapacityRequest, CompareRequest, CurveRequest, SimulateRequest};
use crate::limits::{MAX_CARD_ID_CHARS, MAX_CARD_TEXT_CHARS, MAX_COMPARE_CARDS, MAX_QUOTE_BYTES, MAX_RATE_CARD_BYTES, MAX_REQUEST_BYTES};
use crate::hold::Settlement;
use crate::request::{Hold, SettleRequest};
use crate::{presets, request, BuyPacksRequest, Error, Purchase, Quote, QuoteRequest, RateCard};

/// The TypeScript type of an error's `code` (generated from [`ErrorKind`])
/// and of the error the engine throws.
#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = concat!(
    "\n",
    "/** An error the engine throws: a JS `Error` with a stable `code` and the\n",
    " * offending field's `path` (`[\"items\", 0, \"seconds\"]`, empty for the whole request). */\n",
    "export interface RateCardError extends Error {\n",
    "    code: ErrorCode;\n",
    "    path: (string | number)[];\n",
    "}\n"
);

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR_CODE: &str = crate::error::TS_ERROR_CODE;

/// The TypeScript type of `RateEngine.limits()`.
#[wasm_bindgen(typescript_custom_section)]
const TS_LIMITS: &str = r#"
/** The engine's limits (`RateEngine.limits()`), each a whole number: the longest item in seconds
 * (`maxSeconds`), the largest count (`maxQuantity`), the most items in one quote (`maxItems`), points
 * in one curve, usage and timeline events in one simulation, days in its window, a rate card's or
 * book's JSON in bytes, versions in a book, a request's and a quote's JSON in bytes, characters in a
 * card's text and ids, cards in one `compare`, and the days ahead a quote warns of a price change. */
export interface Limits {
    maxSeconds: number;
    maxQuantity: number;
    maxItems: number;
    maxCurvePoints: number;
    maxUsageEvents: number;
    maxTimelineEvents: number;
    maxWindowDays: number;
    maxRateCardBytes: number;
    maxBookVersions: number;
    maxRequestBytes: number;
    maxQuoteBytes: number;
    maxCardTextChars: number;
    maxCardIdChars: number;
    maxCompareCards: number;
    priceChangeNoticeDays: number;
}
"#;

/// The TypeScript types of a price book's versions and of a change between two.
#[wasm_bindgen(typescript_custom_section)]
const TS_BOOK: &str = r#"
/** One version of a price book: its `version`, the day it takes effect (absent: from the start), its card hash. */
export interface PriceVersion {
    version: string;
    effectiveFrom?: string;
    cardHash: string;
}

/** The next version of a price book, when it takes effect within 30 days: the version in force
 * (`from`), the next one's `version` and `effectiveFrom`, and what `changes`. */
export interface PriceUpcoming {
    from: string;
    version: string;
    effectiveFrom: string;
    changes: PriceChange[];
}

/** One difference between two versions, in the card's own names, with the parts a sentence needs:
 * `segments` the field's JSON path (`["features", "avatar_iv", "rate"]`; `path` the same, written
 * `features.avatar_iv.rate`), `subject` the feature, plan or product it belongs to and `name` its name,
 * `field` the last key (`rate`, `price`, `annualPrice`, `included`…; empty when a whole feature, plan or
 * product is added or removed), `before`/`after` its values (decimal strings for amounts), `unit` what
 * they count (the card's unit, e.g. credits, for a rate or an allowance; its currency for a price),
 * `per` a rate's unit of measure (`minute`), `period` how often a price is charged (`month`, `year`),
 * `source` the article the value cites. */
export interface PriceChange {
    kind: "added" | "removed" | "changed";
    path: string;
    segments: (string | number)[];
    subject?: { kind: "feature" | "plan" | "product"; id: string };
    name: string;
    field: string;
    before?: unknown;
    after?: unknown;
    unit?: string;
    per?: string;
    period?: string;
    source?: string;
}
"#;

/// The TypeScript types of `verify` and `verifyDetail`.
#[wasm_bindgen(typescript_custom_section)]
const TS_VERIFY: &str = r#"
/** `verify`'s verdict: `match` (charge it), `superseded` (a newer price is in force: honour it or quote
 * again), `expired` (too old, or no longer true on the server's day: quote again), `stale_card` (another
 * rate card: quote again), `altered` (refuse it). */
export type Verdict = "match" | "superseded" | "expired" | "stale_card" | "altered";

/** How `verify` judges a quote's age: `maxAgeDays` (default 1) is how many days before the server's day
 * a quote may have been made. */
export interface VerifyOptions {
    maxAgeDays?: number;
}

/** `verifyDetail`'s result: the verdict, why (`message`, for logs), the quote's day (`quotedOn`, absent
 * for an undated quote), the server's day, the quote's `version`, the version in force on the server's
 * day, and the quote to charge on the server's day (`expected`; absent for a stale card). */
export interface Verification {
    verdict: Verdict;
    message: string;
    quotedOn?: string;
    serverDay?: string;
    version?: string;
    versionInForce?: string;
    expected?: Quote;
}

/** `verify`'s request for a settlement: the settle request, with the hold it settled. */
export type SettlementClaim = SettleRequest & { hold: Hold };

/** `verifyDetail`'s result for a hold or a settlement: the verdict (`expired` and `superseded` for holds
 * only: a settlement is priced at its hold's version), why, the server's day, the claim's version and the
 * one in force, and what the server's records give (`expected`). */
export interface HeldVerification {
    verdict: Verdict;
    message: string;
    serverDay?: string;
    version?: string;
    versionInForce?: string;
    expected?: Hold | Settlement;
}
"#;

/// What `verify` found: for a quote, or for a hold or a settlement.
enum Verified {
    Quote(crate::integrity::Verification),
    Held(crate::integrity::HeldVerification),
}

impl Verified {
    /// The verification with its reasons, as a JS object.
    fn to_js(&self) -> Result<JsValue, JsValue> {
        match self {
            Verified::Quote(v) => to_js(v),
            Verified::Held(v) => to_js(v),
        }
    }

    fn verdict(&self) -> crate::integrity::Verdict {
        match self {
            Verified::Quote(v) => v.verdict,
            Verified::Held(v) => v.verdict,
        }
    }
}

/// `verify`'s request for a settlement: the settle request, with the hold it settled.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SettlementClaim {
    hold: Hold,
    #[serde(default)]
    items: Vec<crate::request::Item>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default, deserialize_with = "crate::money::present_decimal")]
    balance: Option<crate::money::DecimalString>,
    #[serde(default)]
    grants: Option<Vec<crate::request::Grant>>,
    #[serde(default)]
    holds: Vec<Hold>,
    #[serde(default)]
    settled_holds: Vec<String>,
    #[serde(default)]
    allow_overage: bool,
}

impl SettlementClaim {
    fn settle(self) -> SettleRequest {
        SettleRequest { items: self.items, at: self.at, balance: self.balance, grants: self.grants, holds: self.holds, settled_holds: self.settled_holds, allow_overage: self.allow_overage }
    }
}

/// Today's local date, `YYYY-MM-DD`: the day a price book prices when a
/// request gives none (the binding reads the clock; the core never does).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month().saturating_add(1), now.get_date())
}

/// A JS `Error` with the message, a stable `code` and the field's `path`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message());
    let path = js_sys::Array::new();
    for seg in e.path() {
        path.push(&match seg {
            PathSegment::Key(k) => JsValue::from_str(k),
            PathSegment::Index(i) => JsValue::from_f64(*i as f64),
        });
    }
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("path"), &path);
    err.into()
}

/// A result serde could not write (it always can: a guard, not a path).
fn result_error(e: &dyn std::fmt::Display) -> JsValue {
    js_error(&Error::new(ErrorKind::InvalidRequest, format!("result: {e}")))
}

/// The core's result → a plain JS object: JSON text made by serde_json, then
/// `JSON.parse`. Measured against serde-wasm-bindgen's object-by-object
/// conversion (docs/performance.md): one string each way is faster, and one
/// serde path keeps the module small.
#[cfg(not(feature = "boundary-serde"))]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| result_error(&e))?;
    js_sys::JSON::parse(&text)
}

/// A typed JS value → the core's request: `JSON.stringify`, then the same
/// path-aware parser as the native crate (so both refuse the same inputs
/// with the same codes). JSON has no NaN or ±Infinity: `JSON.stringify`
/// writes them as `null`, refused with a message that says so; a BigInt, a cycle or a
/// top-level function is refused as `invalid_request`.
#[cfg(not(feature = "boundary-serde"))]
fn from_js<T: serde::de::DeserializeOwned + Tsify>(value: Ts<T>) -> Result<T, JsValue> {
    from_js_within(value, MAX_REQUEST_BYTES)
}

/// [`from_js`] for a request of at most `limit` bytes of JSON.
#[cfg(not(feature = "boundary-serde"))]
fn from_js_within<T: serde::de::DeserializeOwned + Tsify>(value: Ts<T>, limit: usize) -> Result<T, JsValue> {
    request::from_json(&json_text(&value.js_value(), "request", limit)?).map_err(|e| js_error(&e))
}

/// A JS value as JSON text (`JSON.stringify`), refused as `invalid_request`
/// (naming `what`: `request`, `quote`, `records`) when it cannot be written
/// (a BigInt, a cycle, a function) or is longer than `limit` bytes. The
/// length is checked on the JS string, before it is copied into wasm memory
/// (which never shrinks): a UTF-16 length over the limit means at least as
/// many UTF-8 bytes.
fn json_text(value: &JsValue, what: &str, limit: usize) -> Result<String, JsValue> {
    let refuse = |why: String| js_error(&Error::new(ErrorKind::InvalidRequest, format!("{what}: {why}")));
    let text = js_sys::JSON::stringify(value).map_err(|e| {
        refuse(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "cannot be written as JSON".into()),
        )
    })?;
    // JSON.stringify gives undefined (not a string) for undefined or a function.
    let length = text.dyn_ref::<js_sys::JsString>().map_or(0, |s| usize::try_from(s.length()).unwrap_or(usize::MAX));
    if length > limit {
        return Err(refuse(format!("at most {limit} bytes of JSON")));
    }
    JsValue::from(text)
        .as_string()
        .ok_or_else(|| refuse("expected an object".into()))
}

/// The server's records fail closed: every object in them must be a plain
/// object or array (a `Map`, a `Set`, a `Date` or a class instance is not
/// what `JSON.stringify` writes it as), and no key may hold `undefined`, a
/// function or a symbol (which `JSON.stringify` would drop, so the page's
/// claim would stand in for the record). `null` stays: the JSON reader
/// refuses it where a value is needed.
///
/// # Errors
/// `invalid_request` at the value's path (`records.periodUsage`).
fn plain(value: &JsValue, path: &mut Vec<PathSegment>, depth: u32) -> Result<(), Error> {
    let refuse = |path: &[PathSegment], why: &str| Error::new(ErrorKind::InvalidRequest, why.to_string()).within(path);
    if value.is_undefined() || value.is_function() || value.is_symbol() {
        return Err(refuse(path, "expected a value, got undefined or a function: a record the server keeps is given, or its key left out"));
    }
    if !value.is_object() {
        return Ok(());
    }
    if depth > 32 {
        return Err(refuse(path, "nested too deeply"));
    }
    let proto = js_sys::Object::get_prototype_of(value);
    let array = js_sys::Array::is_array(value);
    let plain_proto = if array {
        proto == js_sys::Object::get_prototype_of(&js_sys::Array::new())
    } else {
        proto.is_null() || proto == js_sys::Object::get_prototype_of(&js_sys::Object::new())
    };
    if !plain_proto {
        return Err(refuse(path, "expected a plain object or array (a Map, a Set, a Date or a class instance is refused): give the server's records as plain JSON"));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    for key in js_sys::Object::keys(object).iter() {
        let name = key.as_string().unwrap_or_default();
        let child = js_sys::Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        path.push(match (array, name.parse::<usize>()) {
            (true, Ok(i)) => PathSegment::Index(i),
            _ => PathSegment::from(name),
        });
        let checked = plain(&child, path, depth.saturating_add(1));
        path.pop();
        checked?;
    }
    if array && js_sys::Object::keys(object).length() != js_sys::Array::from(value).length() {
        return Err(refuse(path, "expected an array without holes"));
    }
    Ok(())
}

/// With `boundary-serde`: the result converted object by object.
#[cfg(feature = "boundary-serde")]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| result_error(&e))
}

/// With `boundary-serde`: the request read object by object.
#[cfg(feature = "boundary-serde")]
fn from_js<T: serde::de::DeserializeOwned + Tsify>(value: Ts<T>) -> Result<T, JsValue> {
    request::parse(serde_wasm_bindgen::Deserializer::from(value.js_value())).map_err(|e| js_error(&e))
}

/// With `boundary-serde`: no JSON text to measure (the bench's comparison only).
#[cfg(feature = "boundary-serde")]
fn from_js_within<T: serde::de::DeserializeOwned + Tsify>(value: Ts<T>, _limit: usize) -> Result<T, JsValue> {
    from_js(value)
}

/// The core's result → a typed plain JS object (maps as objects).
fn into_ts<T: Serialize + Tsify>(value: crate::Result<T>) -> Result<Ts<T>, JsValue> {
    let value = value.map_err(|e| js_error(&e))?;
    to_js(&value).map(Ts::new_unchecked)
}

/// A quote as `crate::flat` text, or `J` and its JSON when a text holds the
/// separator.
fn flat_result(quote: crate::Result<Quote>) -> Result<String, JsValue> {
    let quote = quote.map_err(|e| js_error(&e))?;
    match crate::flat::quote(&quote) {
        Some(text) => Ok(text),
        None => serde_json::to_string(&quote)
            .map(|json| format!("J{json}"))
            .map_err(|e| result_error(&e)),
    }
}

/// A string argument, refused (as `kind`) when it is not a string or is
/// longer than `limit` bytes, before it is copied into wasm memory.
fn string_arg(value: &JsValue, field: &str, limit: usize, kind: ErrorKind) -> Result<String, JsValue> {
    if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        let length = usize::try_from(s.length()).unwrap_or(usize::MAX);
        if length > limit {
            return Err(js_error(&Error::new(kind, format!("{field}: at most {limit} bytes, got {length} characters"))));
        }
    }
    value.as_string().ok_or_else(|| {
        js_error(&Error::new(
            ErrorKind::InvalidRequest,
            format!("{field}: expected a string"),
        ))
    })
}

/// A rate card or price book being read in steps (`RateEngine.startLoad(text)`),
/// so that a page never blocks for long on a large card: `step()` until it
/// returns `true` (each validates a part: the card as a whole, a few
/// features, the plans), yielding to the page between steps, then `finish()`
/// for the engine. The steps throw what `fromJson` throws, with the same path.
#[wasm_bindgen(js_name = CardLoad)]
pub struct JsCardLoad {
    loading: Option<crate::book::Loading>,
}

#[wasm_bindgen(js_class = CardLoad)]
impl JsCardLoad {
    /// Validates the next part; `true` once the whole card is validated.
    /// Throws `invalid_rate_card` with the JSON path of a problem.
    pub fn step(&mut self) -> Result<bool, JsValue> {
        match self.loading.as_mut() {
            Some(l) => l.step().map_err(|e| js_error(&e)),
            None => Ok(true),
        }
    }

    /// The engine, once `step()` has returned `true` (throws before).
    pub fn finish(&mut self) -> Result<JsRateEngine, JsValue> {
        let loading = self
            .loading
            .take()
            .ok_or_else(|| js_error(&Error::new(ErrorKind::InvalidRequest, "this rate card was already finished")))?;
        loading
            .finish()
            .and_then(crate::RateEngine::from_book)
            .map(|inner| JsRateEngine { inner })
            .map_err(|e| js_error(&e))
    }
}

/// A rate engine over one rate card. `RateEngine.preset(id)` or
/// `RateEngine.fromJson(text)` makes one; `quote` and `buyPacks` use it.
/// Errors are thrown as `Error` objects with a stable `code`.
#[wasm_bindgen(js_name = RateEngine)]
pub struct JsRateEngine {
    inner: crate::RateEngine,
}

#[wasm_bindgen(js_class = RateEngine)]
impl JsRateEngine {
    /// The ids of the built-in rate cards, e.g. `["heygen-credits"]`.
    #[wasm_bindgen(js_name = presetIds)]
    pub fn preset_ids() -> Vec<String> {
        presets::ids().into_iter().map(String::from).collect()
    }

    /// Every limit a caller may check before it calls the engine, by name:
    /// `{ maxSeconds: 1000000, maxItems: 1000, maxRequestBytes: 1048576, … }`
    /// (seconds, counts, bytes, characters or days; see `Limits`). The same
    /// object in `ratecard/lite`.
    #[wasm_bindgen(unchecked_return_type = "Limits")]
    pub fn limits() -> JsValue {
        let out = js_sys::Object::new();
        for (name, value) in crate::limits::FOR_CALLERS {
            // Every limit is far below 2^53, so exact as a JS number.
            #[allow(clippy::cast_precision_loss)]
            let _ = js_sys::Reflect::set(&out, &JsValue::from_str(name), &JsValue::from_f64(value as f64));
        }
        out.into()
    }

    /// Every error `code` the engine throws, e.g. `"invalid_quantity"`.
    #[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
    pub fn error_codes() -> Vec<String> {
        ErrorKind::ALL.iter().map(|k| k.code().to_string()).collect()
    }

    /// The engine for built-in preset `id`. Throws `unknown_preset`.
    pub fn preset(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsRateEngine, JsValue> {
        let id = string_arg(&id, "preset", MAX_CARD_ID_CHARS, ErrorKind::InvalidRequest)?;
        crate::RateEngine::preset(&id)
            .map(|inner| JsRateEngine { inner })
            .map_err(|e| js_error(&e))
    }

    /// The engine for a rate card, or a price book (a JSON array of the
    /// card's versions, each with `effectiveFrom`), given as JSON text.
    /// Throws `invalid_rate_card` with the JSON path of the first problem
    /// (into the array for a book: `[1].effectiveFrom`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsRateEngine, JsValue> {
        let text = string_arg(&text, "rate card", MAX_RATE_CARD_BYTES, ErrorKind::InvalidRateCard)?;
        crate::RateEngine::from_json(&text)
            .map(|inner| JsRateEngine { inner })
            .map_err(|e| js_error(&e))
    }

    /// `fromJson` in steps, for a page (see `CardLoad`): parses `text` now
    /// (throws `invalid_rate_card` for text that does not parse or is too
    /// large); the validation runs in `step()`s.
    #[wasm_bindgen(js_name = startLoad)]
    pub fn start_load(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsCardLoad, JsValue> {
        let text = string_arg(&text, "rate card", MAX_RATE_CARD_BYTES, ErrorKind::InvalidRateCard)?;
        crate::book::Loading::start(&text).map(|l| JsCardLoad { loading: Some(l) }).map_err(|e| js_error(&e))
    }

    /// The rate card's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.card().id.clone()
    }

    /// The whole rate card as a plain object (plans, products, features and
    /// their options), for building a page from it: of a price book, the
    /// version in force on `at` (`YYYY-MM-DD`, default today's local date).
    #[wasm_bindgen(js_name = rateCard)]
    pub fn rate_card(&self, at: Option<String>) -> Result<Ts<RateCard>, JsValue> {
        let card = self.inner.card_at(self.day(at).as_deref()).map_err(|e| js_error(&e))?;
        to_js(card).map(Ts::new_unchecked)
    }

    /// The price book's versions, oldest first (one for a rate card on its own).
    #[wasm_bindgen(unchecked_return_type = "PriceVersion[]")]
    pub fn versions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.versions())
    }

    /// What changed from version `from` to version `to`, in the card's own
    /// names. Throws `invalid_request` for a version the book does not hold.
    #[wasm_bindgen(unchecked_return_type = "PriceChange[]")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] to: JsValue,
    ) -> Result<JsValue, JsValue> {
        let from = string_arg(&from, "from", MAX_CARD_TEXT_CHARS, ErrorKind::InvalidRequest)?;
        let to = string_arg(&to, "to", MAX_CARD_TEXT_CHARS, ErrorKind::InvalidRequest)?;
        to_js(&self.inner.diff(&from, &to).map_err(|e| js_error(&e))?)
    }

    /// The next version of a price book when it takes effect within 30 days
    /// after `at` (default today's local date): `{ from, version,
    /// effectiveFrom, changes }`, or `null`.
    #[wasm_bindgen(unchecked_return_type = "PriceUpcoming | null")]
    pub fn upcoming(&self, at: Option<String>) -> Result<JsValue, JsValue> {
        let at = at.unwrap_or_else(today);
        to_js(&self.inner.upcoming(&at).map_err(|e| js_error(&e))?)
    }

    /// `at`, else, for a price book of several versions, today's local date.
    fn day(&self, at: Option<String>) -> Option<String> {
        at.or_else(|| (self.inner.book().versions().len() > 1).then(today))
    }

    /// Prices `{ plan?, items, balance?, periodUsage? }`; see the Rust
    /// `RateEngine::quote` for the result's shape. Amounts are decimal strings.
    /// (The npm package's glue replaces this method with one that gives the
    /// same object through `quoteFlat`/`quoteFlatText`, faster.)
    pub fn quote(&self, request: Ts<QuoteRequest>) -> Result<Ts<Quote>, JsValue> {
        into_ts(self.inner.quote(&self.dated(from_js(request)?)))
    }

    /// The least and the most a job can cost: `{ plan?, items: [{ feature,
    /// seconds, maxSeconds?, options? }], balance? | grants?, at? }` →
    /// `{ low, high }`, two complete quotes (each item's `seconds`, then its
    /// `maxSeconds`). See `RateEngine::quote_range` in the crate.
    #[wasm_bindgen(js_name = quoteRange)]
    pub fn quote_range(&self, request: Ts<QuoteRequest>) -> Result<Ts<crate::quote::QuoteRange>, JsValue> {
        into_ts(self.inner.quote_range(&self.dated(from_js(request)?)))
    }

    /// Holds the most a job can cost until it has run, on a server: `{ plan?,
    /// items: [{ feature, seconds, maxSeconds?, options? }], balance? |
    /// grants?, holds?, periodUsage?, at?, holdFor? }` → `{ kind: "hold",
    /// credits, burns: [{ grant, credits }], expiresAt, shortfall, version,
    /// cardHash, fingerprint, … }`: the range's high end reserved from the
    /// balance or grants (less other open `holds`) in burn-down order, never
    /// from a grant that expires before the hold does; `holdFor` days
    /// (default 1, at most the card's `maxHoldDays`). `at` absent: the
    /// server's local date. Pass the server's own records, never the page's.
    /// See `RateEngine::hold` in the crate.
    pub fn hold(&self, request: Ts<QuoteRequest>) -> Result<Ts<Hold>, JsValue> {
        let mut request: QuoteRequest = from_js(request)?;
        request.at = request.at.take().or_else(|| Some(today()));
        into_ts(self.inner.hold(&request))
    }

    /// Settles `hold` (as `hold` returned it) with what the job ran: `{ items,
    /// at?, balance? | grants?, holds?, settledHolds?, allowOverage? }` →
    /// `{ kind: "settlement", total, credits, burns, released, overrun,
    /// overage, uncharged, lines, … }`, priced at the hold's version and day.
    /// No items: the job failed, everything is released. `at` absent: the
    /// server's local date. Throws `invalid_hold`, `hold_expired` or
    /// `already_settled` (see `RateEngine::settle` in the crate).
    pub fn settle(&self, hold: Ts<Hold>, request: Ts<SettleRequest>) -> Result<Ts<Settlement>, JsValue> {
        let hold: Hold = request::from_json(&json_text(&hold.js_value(), "hold", MAX_REQUEST_BYTES)?).map_err(|e| js_error(&e.context("hold")))?;
        let mut request: SettleRequest = from_js(request)?;
        request.at = request.at.take().or_else(|| Some(today()));
        into_ts(self.inner.settle(&hold, &request))
    }

    /// A quote request with `at` defaulted (see `day`).
    fn dated(&self, mut request: QuoteRequest) -> QuoteRequest {
        request.at = self.day(request.at.take());
        request
    }

    /// `quote` as flat text (`crate::flat`), for the package's JS, which
    /// reads it into the same object (`www/full/quote.js`, which wraps the
    /// generated class in the package's entry files, makes `quote` do so): a quote
    /// whose texts hold U+001F comes as `J` and its JSON instead.
    #[wasm_bindgen(js_name = quoteFlat, skip_typescript)]
    pub fn quote_flat(&self, request: Ts<QuoteRequest>) -> Result<String, JsValue> {
        flat_result(self.inner.quote(&self.dated(from_js(request)?)))
    }

    /// `quoteFlat` for a plain `{ plan, items, balance }` request given as
    /// `crate::flat`'s request text (the package's JS writes it when every
    /// value is of the plain kinds it knows; JSON otherwise).
    #[wasm_bindgen(js_name = quoteFlatText, skip_typescript)]
    pub fn quote_flat_text(&self, request: &str) -> Result<String, JsValue> {
        let request = crate::flat::request(request).map_err(|e| js_error(&e))?;
        flat_result(self.inner.quote(&self.dated(request)))
    }

    /// The figures a checkout shows first, each equal to `quote`'s: `{ plan?,
    /// items, balance?, periodUsage? }` → `{ unit, total, balance,
    /// balanceAfter, shortfall, purchase }` (no lines, explanations or
    /// fingerprint; `ratecard/lite` gives the same from a smaller module).
    #[wasm_bindgen(js_name = quoteSummary)]
    pub fn quote_summary(&self, request: Ts<QuoteRequest>) -> Result<Ts<Summary>, JsValue> {
        into_ts(self.inner.quote_summary(&self.dated(from_js(request)?)))
    }

    /// Simulates the wallet over a window: `{ plan?, billing?, start, until,
    /// usage?, purchases?, autoReload?, allowOverage?, autoRenew?, cancelAt?,
    /// upgrades?, unitChanges? }`
    /// → `{ balance, expired, overage, spent, currency, spentUsd (deprecated), grants, events }`.
    pub fn simulate(&self, request: Ts<SimulateRequest>) -> Result<Ts<Simulation>, JsValue> {
        into_ts(self.inner.simulate(&from_js(request)?))
    }

    /// The most the balance buys: `{ plan?, feature, options?, balance }` →
    /// `{ seconds | quantity, cost, limitedBy }`.
    pub fn capacity(&self, request: Ts<CapacityRequest>) -> Result<Ts<Capacity>, JsValue> {
        let mut request: CapacityRequest = from_js(request)?;
        request.at = self.day(request.at.take());
        into_ts(self.inner.capacity(&request))
    }

    /// Prices `{ workload, presets?, cards? }` for one month on every plan of
    /// the presets named (default all) and of the rate cards given; complete
    /// prices first, cheapest first: `[{ preset, plan, runnable, complete,
    /// missing?, closed?, purchases, price, currency, usd (deprecated),
    /// credits, unit, explanation }]`.
    #[wasm_bindgen(unchecked_return_type = "Comparison[]")]
    pub fn compare(request: Ts<CompareRequest>) -> Result<JsValue, JsValue> {
        // The request may carry its cards: each up to a rate card's size.
        let limit = MAX_RATE_CARD_BYTES.saturating_mul(MAX_COMPARE_CARDS.saturating_add(1));
        let rows: Vec<Comparison> = crate::RateEngine::compare(&from_js_within(request, limit)?).map_err(|e| js_error(&e))?;
        to_js(&rows)
    }

    /// The item's amount at each duration, one batch call for a chart:
    /// `{ plan?, item, fromSeconds, toSeconds, stepSeconds? }` → decimal strings.
    #[wasm_bindgen(js_name = quoteCurve)]
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn quote_curve(&self, request: Ts<CurveRequest>) -> Result<JsValue, JsValue> {
        let mut request: CurveRequest = from_js(request)?;
        request.at = self.day(request.at.take());
        let totals = self.inner.quote_curve(&request).map_err(|e| js_error(&e))?;
        // One string crosses, the amounts separated by commas, split by JS
        // into the array (cheaper than JSON text, or one string per point).
        let mut text = String::with_capacity(totals.len().saturating_mul(8));
        for (i, t) in totals.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            crate::money::write_decimal(&mut text, *t);
        }
        Ok(js_sys::JsString::from(text).split(",").into())
    }

    /// Checks a quote the page showed against the request it was made for,
    /// on a server, before charging: the quote is recomputed with this
    /// engine's rate card **and the server's own records, on the server's
    /// day**, and compared field by field. The verdict:
    /// `"match"`: charge it; `"stale_card"`: it was made with another rate
    /// card or version, quote again; `"altered"`: it is not what the request
    /// gives, or claims facts the records deny, or is dated after the
    /// server's day: refuse it; `"expired"`: older than `maxAgeDays`, or the
    /// records on the server's day give other amounts (grants expired since):
    /// quote again; `"superseded"` (price books): it matches the version in
    /// force on its own day, at most `maxAgeDays` old, and a newer one is in
    /// force now: honour it or quote again. The quote's `fingerprint` is a
    /// checksum and quote id, not a signature; the recomputation makes the check.
    ///
    /// `records` is what the server itself knows of the buyer (`{ plan,
    /// balance | grants, periodUsage, at }`): each field given replaces the
    /// request's, and a request that claims otherwise is `"altered"`. `at` is
    /// the server's day; absent, today's local date on this machine (never
    /// the request's). Records fail closed: a key given as `undefined`, a
    /// `Map`, a class instance or any other non-plain value is refused
    /// (`invalid_request`, with its path), never read as "no record".
    /// `options`: `{ maxAgeDays? }` (default 1). `verifyDetail` gives the
    /// same verdict with its reasons.
    ///
    /// Throws (a `RateCardError`) when the request, the quote or the records
    /// are not of their shape, or the request is refused as `quote` refuses it.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuoteRequest | SettlementClaim")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quote | Hold | Settlement")] quote: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ServerRecords")] records: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> Result<String, JsValue> {
        Ok(self.verified(request, quote, records, options)?.verdict().as_str().to_string())
    }

    /// [`verify`](Self::verify) with its reasons: `{ verdict, message,
    /// quotedOn?, serverDay, version, versionInForce, expected? }` (days
    /// `YYYY-MM-DD`; `expected`: the quote to charge on the server's day).
    #[wasm_bindgen(js_name = verifyDetail, unchecked_return_type = "Verification")]
    pub fn verify_detail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuoteRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ServerRecords")] records: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.verified(request, quote, records, options)?.to_js()
    }

    /// [`verify`](Self::verify) of a hold or a settlement with its reasons:
    /// `{ verdict, message, serverDay, version, versionInForce, expected? }`
    /// (`expected`: the hold or settlement the server's records give).
    /// `request`: the quote request the hold was made for, or for a
    /// settlement `{ hold, items, at, … }` (the settle request with its hold).
    #[wasm_bindgen(js_name = verifyHeldDetail, unchecked_return_type = "HeldVerification")]
    pub fn verify_held_detail(
        &self,
        #[wasm_bindgen(unchecked_param_type = "QuoteRequest | SettlementClaim")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Hold | Settlement")] claim: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ServerRecords")] records: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.verified(request, claim, records, None)?.to_js()
    }

    fn verified(&self, request: JsValue, quote: JsValue, records: Option<JsValue>, options: Option<JsValue>) -> Result<Verified, JsValue> {
        let fail = |e: Error| js_error(&e);
        // Records fail closed, before anything is copied into wasm memory.
        let records = match records.filter(|r| !r.is_undefined() && !r.is_null()) {
            Some(r) => {
                plain(&r, &mut vec![PathSegment::from("records")], 0).map_err(fail)?;
                json_text(&r, "records", MAX_REQUEST_BYTES)?
            }
            None => "{}".to_string(),
        };
        let options = match options.filter(|o| !o.is_undefined()) {
            Some(o) => json_text(&o, "options", MAX_REQUEST_BYTES)?,
            None => "{}".to_string(),
        };
        // The quote is compared as JSON (no typed read of a whole `Quote`,
        // which would cost the module ~19 KiB gzip).
        let request = json_text(&request, "request", MAX_REQUEST_BYTES)?;
        let quote = json_text(&quote, "quote", MAX_QUOTE_BYTES)?;
        let mut records: request::ServerRecords = request::from_json(&records).map_err(|e| fail(e.context("records")))?;
        let options: crate::integrity::VerifyOptions = request::from_json(&options).map_err(|e| fail(e.context("options")))?;
        // The server's day: its own local date unless the records name it.
        records.at = records.at.take().or_else(|| Some(today()));
        let quote: serde_json::Value = serde_json::from_str(&quote)
            .map_err(|e| fail(Error::at(ErrorKind::InvalidRequest, "quote", e.to_string())))?;
        // A hold or a settlement says so (`kind`); anything else is a quote.
        match quote.get("kind").and_then(serde_json::Value::as_str) {
            Some("hold") => {
                let request: QuoteRequest = request::from_json(&request).map_err(fail)?;
                self.inner.verify_hold(&request, &quote, &records).map(Verified::Held).map_err(fail)
            }
            Some("settlement") => {
                let claim: SettlementClaim = request::from_json(&request).map_err(fail)?;
                let hold = claim.hold.clone();
                self.inner.verify_settlement(&hold, &claim.settle(), &quote, &records).map(Verified::Held).map_err(fail)
            }
            _ => {
                let request: QuoteRequest = request::from_json(&request).map_err(fail)?;
                self.inner.verify_within(&request, &quote, &records, options).map(Verified::Quote).map_err(fail)
            }
        }
    }

    /// Buys `{ plan?, quantity, seats?, billing? }` of the plan's product:
    /// `{ product, name, quantity, credits, price, currency, period }`.
    #[wasm_bindgen(js_name = buyPacks)]
    pub fn buy_packs(&self, request: Ts<BuyPacksRequest>) -> Result<Ts<Purchase>, JsValue> {
        let mut request: BuyPacksRequest = from_js(request)?;
        request.at = self.day(request.at.take());
        into_ts(self.inner.buy_packs(&request))
    }
}
