//! The flat text the wasm bindings return to their JS glue instead of JSON
//! (the binding layer's encoding; no pricing here): every field is preceded
//! by U+001F, so `text.split("\u001f")` gives them in order, and each list is
//! preceded by its length. `JSON.parse` of a quote's JSON took about a
//! fifth of a full `quote` call in Node; splitting this text and building
//! the same objects takes less (README, Performance).
//!
//! A quote is `Q`, then `rateCard␟version␟cardHash␟fingerprint␟plan␟unit␟
//! currency␟total␟balance␟balanceAfter␟shortfall`, the lines (their count,
//! then per line `feature␟name␟amount␟billed␟included␟units␟rate␟per␟
//! multiplier␟explanation␟source` and its burns: their count, then
//! `grant␟credits` each), the purchase options (their count, then
//! [`purchase`]'s eleven fields each) and the warnings (their count, then
//! each). Read back by `www/engine-reader.js`.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::money::write_decimal;
use crate::purchase::PurchaseOption;
use crate::quote::Quote;

/// The field separator, U+001F (INFORMATION SEPARATOR ONE).
pub const FIELD: char = '\u{1f}';

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
    let mut out = String::with_capacity(1024);
    out.push('Q');
    let text = |out: &mut String, s: &str| {
        out.push(FIELD);
        out.push_str(s);
    };
    let count = |out: &mut String, n: usize| {
        out.push(FIELD);
        // Writing to a String cannot fail.
        let _ = write!(out, "{n}");
    };
    let amount = |out: &mut String, d: Decimal| {
        out.push(FIELD);
        write_decimal(out, d);
    };
    for s in [&q.rate_card, &q.version, &q.card_hash, &q.fingerprint, &q.plan, &q.unit, &q.currency] {
        text(&mut out, s);
    }
    for d in [q.total, q.balance, q.balance_after, q.shortfall] {
        amount(&mut out, d.0);
    }
    count(&mut out, q.lines.len());
    for l in &q.lines {
        text(&mut out, &l.feature);
        text(&mut out, &l.name);
        for d in [l.amount, l.billed, l.included, l.units, l.rate] {
            amount(&mut out, d.0);
        }
        text(&mut out, l.per.as_str());
        amount(&mut out, l.multiplier.0);
        text(&mut out, &l.explanation);
        text(&mut out, &l.source);
        count(&mut out, l.burns.len());
        for b in &l.burns {
            text(&mut out, &b.grant);
            amount(&mut out, b.credits.0);
        }
    }
    count(&mut out, q.purchase.len());
    for p in &q.purchase {
        purchase(&mut out, p);
    }
    count(&mut out, q.warnings.len());
    for w in &q.warnings {
        text(&mut out, w);
    }
    // Every field added one separator; any other is inside a text.
    let fields = 12usize
        .saturating_add(q.lines.iter().map(|l| 12usize.saturating_add(l.burns.len().saturating_mul(2))).sum::<usize>())
        .saturating_add(1)
        .saturating_add(q.purchase.len().saturating_mul(11))
        .saturating_add(1)
        .saturating_add(q.warnings.len());
    (out.matches(FIELD).count() == fields).then_some(out)
}
