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
