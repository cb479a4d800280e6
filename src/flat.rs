//! The flat text the wasm bindings return to their JS glue instead of JSON
//! (the binding layer's encoding; no pricing here): every field is preceded
//! by U+001F, so `text.split("\u001f")` gives them in order, and each list is
//! preceded by its length. `JSON.parse` of a quote's JSON took about a
//! fifth of a full `quote` call in Node; splitting this text and building
//! the same objects takes less (docs/performance.md).
//!
//! A quote is `Q`, then `rateCard␟version␟cardHash␟fingerprint␟plan␟unit␟
//! currency␟total␟balance␟balanceAfter␟shortfall`, the lines (their count,
//! then per line `feature␟name␟amount␟billed␟included␟units␟rate␟per␟
//! multiplier␟explanation␟source`, its burns (their count, then
//! `grant␟credits` each) and `exact` (empty when absent)), the purchase options (their count, then
//! [`purchase`]'s eleven fields each) and the warnings (their count, then
//! each). Read back by `www/full/quote.js`.
//!
//! A quote request `{ plan, items, balance, billing }` comes the other way as
//! [`request`]'s text, written by `www/boundary/request.js` for both modules: `plan` (empty
//! when absent, U+0000 alone for an empty string), U+001C,
//! `balance`, U+001C, the items, and when given U+001C and `billing`
//! (`month`, `year`; any other text is refused as the JSON reader refuses
//! it), then when given U+001C and `at` (the day priced, as `plan` is written); items separated by U+001E; an item's fields
//! by U+001F: `feature`, `seconds`, `quantity` (empty when absent), then each
//! option as `key`, U+001D, and `b1` / `b0` (a boolean), `s…` (a string) or
//! `o…` (anything else, refused as `invalid_option`). Inside every text
//! (plan, balance, feature, measure, option key and value) a control
//! character U+0000–U+001F is written as U+001B and the character plus 0x40. A measure that was
//! not a number or a string comes as U+0000 and its type, refused as
//! `invalid_quantity`; a balance that was not a string likewise, refused as
//! `invalid_request`.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Result};
use crate::money::{write_decimal, DecimalString};
use crate::money::Measure;
use crate::purchase::{Purchase, PurchaseOption};
use crate::quote::Quote;
use crate::rate_card::Period;
use crate::request::{BuyPacksRequest, Item, OptionValue, QuoteRequest};

/// The field separator, U+001F (INFORMATION SEPARATOR ONE).
pub const FIELD: char = '\u{1f}';
/// Between a request's items, and a path's segments in an error: U+001E.
pub const RECORD: char = '\u{1e}';
/// Between an option's key and value: U+001D.
const PAIR: char = '\u{1d}';
/// Between a request's plan, balance and items: U+001C.
const GROUP: char = '\u{1c}';

/// The quote request a request text gives (module docs), as
/// `request::from_json` would read the same `{ plan, items, balance, billing, at }`.
///
/// # Errors
/// `invalid_quantity` for a measure that is not a finite number or a
/// decimal string; `invalid_request` for such a balance.
pub fn request(text: &str) -> Result<QuoteRequest> {
    let (plan, rest) = cut(text, GROUP);
    let (balance, rest) = cut(rest, GROUP);
    let (items, rest) = cut(rest, GROUP);
    let (billing, at) = cut(rest, GROUP);
    let billing = period(billing)?;
    let balance = match balance {
        "" => None,
        b if b.starts_with('\u{0}') => {
            let got = b.get(1..).unwrap_or_default();
            let e = Error::at(ErrorKind::InvalidRequest, "balance", format!("expected a decimal string, got {got}"));
            return Err(e);
        }
        b => {
            // The JSON reader's message and path for a balance that is no decimal.
            let b = unescape(b);
            let refuse = |_| Error::at(ErrorKind::InvalidRequest, "balance", format!("expected a decimal string, got \"{b}\""));
            Some(crate::money::parse_decimal(&b, "balance", ErrorKind::InvalidRequest).map(DecimalString).map_err(refuse)?)
        }
    };
    let items = if items.is_empty() {
        Vec::new()
    } else {
        parts(items, RECORD).enumerate().map(|(i, t)| item(t, i)).collect::<Result<Vec<_>>>()?
    };
    Ok(QuoteRequest {
        plan: text_of(plan),
        items,
        balance,
        billing,
        at: text_of(at),
        ..Default::default()
    })
}

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


/// An optional text (a plan, a day) as the glue wrote it: empty when absent, U+0000 alone for an
/// empty string (which the JSON reader reads as the text "").
fn text_of(text: &str) -> Option<String> {
    match text {
        "" => None,
        "\u{0}" => Some(String::new()),
        p => Some(unescape(p)),
    }
}

/// A duration or count as the glue wrote it.
fn measure(text: &str, field: &str) -> Result<Option<Decimal>> {
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = |why: String| Error::at(ErrorKind::InvalidQuantity, field, why);
    if let Some(kind) = text.strip_prefix('\u{0}') {
        return Err(refuse(format!("expected a finite number or a decimal string, got {kind}")));
    }
    // A string by the JSON reader's rule (`money::parse_decimal`: digits,
    // one point, a sign, spaces around; no exponent, no `_`); a JS number
    // comes written in plain digits, which the same rule reads.
    let text = unescape(text);
    crate::money::parse_decimal(&text, "value", ErrorKind::InvalidQuantity)
        .map(Some)
        .map_err(|_| refuse(format!("expected a number, got \"{text}\"")))
}

/// `text` with each control character U+0000–U+001F written as U+001B and
/// the character plus 0x40: the inverse of `unescape`, for texts sent back
/// to the glue inside separated fields (an error's path).
pub fn escape(text: &str) -> String {
    if !text.chars().any(|c| c < ' ') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().saturating_add(4));
    for c in text.chars() {
        if c < ' ' {
            out.push('\u{1b}');
            out.push(char::from_u32(u32::from(c).saturating_add(0x40)).unwrap_or('?'));
        } else {
            out.push(c);
        }
    }
    out
}

/// A text as the glue wrote it, its control characters restored: the glue
/// writes each of U+0000–U+001F inside a text as U+001B and the character
/// plus 0x40, so a text can never hold a separator (`avatar_iv␟60` stays one
/// feature id, refused as the JSON reader refuses it).
fn unescape(text: &str) -> String {
    if !text.contains('\u{1b}') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            let next = chars.next().map_or(0, u32::from).saturating_sub(0x40);
            out.push(char::from_u32(next).unwrap_or('\u{fffd}'));
        } else {
            out.push(c);
        }
    }
    out
}

fn item(text: &str, i: usize) -> Result<Item> {
    let mut fields = parts(text, FIELD);
    let feature = unescape(fields.next().unwrap_or_default());
    let at = |e: Error| e.context(i).context("items");
    let seconds = measure(fields.next().unwrap_or_default(), "seconds").map_err(at)?;
    let quantity = measure(fields.next().unwrap_or_default(), "quantity").map_err(at)?;
    let mut options = IndexMap::new();
    for pair in fields {
        let (key, value) = cut(pair, PAIR);
        let value = match (value.get(..1), value.get(1..)) {
            (Some("b"), Some(v)) => OptionValue::Bool(v == "1"),
            (Some("s"), Some(v)) => OptionValue::Text(unescape(v)),
            (_, v) => OptionValue::Other(v.unwrap_or_default().to_string()),
        };
        options.insert(unescape(key), value);
    }
    Ok(Item {
        feature,
        seconds,
        quantity,
        options,
        max_seconds: None,
    })
}


/// The `buyPacks` request a text gives: `plan␜quantity␜seats␜billing`,
/// each empty when absent, texts escaped as in [`request`]; a measure that
/// was not a number or a string comes as U+0000 and its type.
///
/// # Errors
/// `invalid_quantity` for a quantity or seats that is not a number;
/// `invalid_request` for a missing quantity or another word for billing.
pub fn buy_request(text: &str) -> Result<BuyPacksRequest> {
    let (plan, rest) = cut(text, GROUP);
    let (quantity, rest) = cut(rest, GROUP);
    let (seats, billing) = cut(rest, GROUP);
    let quantity = measure(quantity, "quantity")?
        .ok_or_else(|| Error::new(ErrorKind::InvalidRequest, "missing field `quantity`"))?;
    Ok(BuyPacksRequest {
        plan: text_of(plan),
        quantity: Measure(quantity),
        seats: measure(seats, "seats")?.map(Measure),
        billing: period(billing)?,
        at: None,
    })
}

/// A billing period as the JSON reader reads it: `month`, `year`, `once`.
fn period(text: &str) -> Result<Option<Period>> {
    Ok(match unescape(text).as_str() {
        "" => None,
        "month" => Some(Period::Month),
        "year" => Some(Period::Year),
        "once" => Some(Period::Once),
        other => {
            let detail = format!("unknown variant `{other}`, expected one of `once`, `month`, `year`");
            return Err(Error::at(ErrorKind::InvalidRequest, "billing", detail));
        }
    })
}

/// A purchase (the result of `buyPacks`) as text: `product␟name␟quantity␟
/// seats␟credits␟price␟currency␟period` (`seats` empty when absent).
pub fn bought(p: &Purchase) -> String {
    let mut out = String::with_capacity(96);
    out.push_str(&p.product);
    out.push(FIELD);
    out.push_str(&p.name);
    out.push(FIELD);
    write_decimal(&mut out, Decimal::from(p.quantity));
    out.push(FIELD);
    if let Some(s) = p.seats {
        write_decimal(&mut out, Decimal::from(s));
    }
    for d in [p.credits, p.price] {
        out.push(FIELD);
        write_decimal(&mut out, d.0);
    }
    for text in [&p.currency, p.period.as_str()] {
        out.push(FIELD);
        out.push_str(text);
    }
    out
}

/// Appends one purchase option's eleven fields, each preceded by
/// [`FIELD`]: `kind␟product␟name␟quantity␟credits␟price␟currency␟period␟
/// balanceAfter␟covers␟upgrade` (`covers` is `1` or `0`; `upgrade` is empty
/// when absent).
pub fn purchase(out: &mut String, p: &PurchaseOption) {
    for text in [p.kind.as_str(), &p.product, &p.name] {
        out.push(FIELD);
        out.push_str(text);
    }
    out.push(FIELD);
    // A u32 always fits a decimal exactly.
    write_decimal(out, Decimal::from(p.quantity));
    for d in [p.credits, p.price] {
        out.push(FIELD);
        write_decimal(out, d.0);
    }
    for text in [&p.currency, p.period.as_str()] {
        out.push(FIELD);
        out.push_str(text);
    }
    out.push(FIELD);
    write_decimal(out, p.balance_after.0);
    out.push(FIELD);
    out.push(if p.covers { '1' } else { '0' });
    out.push(FIELD);
    out.push_str(p.upgrade.map(|u| u.as_str()).unwrap_or_default());
}

/// The quote as flat text (module docs), or `None` when one of its texts
/// holds [`FIELD`] itself (a rate card's name, say), for which the caller
/// sends JSON instead.
pub fn quote(q: &Quote) -> Option<String> {
    let mut w = Writer { out: String::with_capacity(1024), clean: true };
    w.out.push('Q');
    for s in [&q.rate_card, &q.version, &q.card_hash, &q.fingerprint, &q.plan, &q.unit, &q.currency] {
        w.text(s);
    }
    for d in [q.total, q.balance, q.balance_after, q.shortfall] {
        w.amount(d.0);
    }
    w.count(q.lines.len());
    for l in &q.lines {
        w.text(&l.feature);
        w.text(&l.name);
        for d in [l.amount, l.billed, l.included, l.units, l.rate] {
            w.amount(d.0);
        }
        w.text(l.per.as_str());
        w.amount(l.multiplier.0);
        w.text(&l.explanation);
        w.text(&l.source);
        w.count(l.burns.len());
        for b in &l.burns {
            w.text(&b.grant);
            w.amount(b.credits.0);
        }
        w.text(l.exact.as_deref().unwrap_or_default());
    }
    w.count(q.purchase.len());
    for p in &q.purchase {
        // Purchase options' texts: product ids and names, the currency.
        w.clean &= [&p.product, &p.name, &p.currency].iter().all(|t| !t.as_bytes().contains(&SEPARATOR));
        purchase(&mut w.out, p);
    }
    w.count(q.warnings.len());
    for t in &q.warnings {
        w.text(t);
    }
    w.clean.then_some(w.out)
}

/// The separator as a byte (ASCII).
const SEPARATOR: u8 = 0x1f;

/// The text being written, and whether every text so far was free of the separator.
struct Writer {
    out: String,
    clean: bool,
}

impl Writer {
    fn text(&mut self, s: &str) {
        self.clean &= !s.as_bytes().contains(&SEPARATOR);
        self.out.push(FIELD);
        self.out.push_str(s);
    }
    fn amount(&mut self, d: Decimal) {
        self.out.push(FIELD);
        write_decimal(&mut self.out, d);
    }
    fn count(&mut self, n: usize) {
        self.out.push(FIELD);
        // A count of lines, options or warnings: far below 2^64.
        write_decimal(&mut self.out, Decimal::from(u64::try_from(n).unwrap_or(u64::MAX)));
    }
}
