//! Exact amounts as types: [`DecimalString`] (money and credits, written as
//! decimal strings), [`Measure`] (a duration or a count from a request),
//! [`Currency`] (an ISO 4217 code and its minor-unit exponent), the named
//! rounding modes, and checked arithmetic that names what overflowed.
//!
//! Every rounding site in the engine calls one of the functions here, so the
//! strategy is named where it is used. `rust_decimal`'s `round_dp` is banker's
//! rounding (half-even); the engine never calls it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize};
use std::str::FromStr;

use crate::error::{tagged, Error, ErrorKind, Result};

/// How a line's amount is rounded, as named in a rate card's `rounding.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Toward positive infinity: a preview never shows less than will be
    /// charged (the presets round credits up to 2 places).
    Up,
    /// Half away from zero: `0.125 → 0.13` (the presets round money to cents this way).
    HalfUp,
    /// Half to even (banker's): `0.125 → 0.12`.
    HalfEven,
    /// Toward zero.
    Down,
}

impl RoundingMode {
    /// The mode's name for people: `"up"`, `"half-up"`, `"half-even"`, `"down"`.
    pub fn name(self) -> &'static str {
        match self {
            RoundingMode::Up => "up",
            RoundingMode::HalfUp => "half-up",
            RoundingMode::HalfEven => "half-even",
            RoundingMode::Down => "down",
        }
    }

    /// Rounds `value` to `dp` decimal places with this mode. Never panics.
    pub fn round(self, value: Decimal, dp: u32) -> Decimal {
        if value.scale() <= dp {
            return value; // nothing to round: skip the costly general rounding
        }
        let strategy = match self {
            RoundingMode::Up => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
        };
        value.round_dp_with_strategy(dp, strategy)
    }
}

/// Rounds up to a whole number (ceiling): fractional seconds become the next
/// whole second, a shortfall of 150 credits becomes 2 blocks of 100.
pub fn ceil_whole(value: Decimal) -> Decimal {
    if value.scale() == 0 {
        return value; // already whole: skip the costly general rounding
    }
    value.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
}

/// Rounds down to a whole number (floor).
pub fn floor_whole(value: Decimal) -> Decimal {
    if value.scale() == 0 {
        return value;
    }
    value.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
}

/// `numerator / denominator` rounded to `dp` places by `mode`, from the exact
/// quotient: integer arithmetic on the mantissas, with no 28-digit quotient
/// rounded twice. Falls back to [`Decimal`] division and [`RoundingMode::round`]
/// when the integers would not fit in 128 bits.
///
/// # Errors
/// `overflow` naming `what` for a zero denominator or a result beyond
/// [`Decimal`]'s range.
pub fn div_round(numerator: Decimal, denominator: Decimal, dp: u32, mode: RoundingMode, what: &str) -> Result<Decimal> {
    if let Some(v) = div_round_exact(numerator, denominator, dp, mode) {
        return Ok(v);
    }
    Ok(mode.round(div(numerator, denominator, what)?, dp))
}

fn div_round_exact(n: Decimal, d: Decimal, dp: u32, mode: RoundingMode) -> Option<Decimal> {
    // n / d × 10^dp = (mn × 10^(kd + dp)) / (md × 10^kn)
    let pow = |e: u32| 10i128.checked_pow(e);
    let a = n.mantissa().checked_mul(pow(d.scale().checked_add(dp)?)?)?;
    let b = d.mantissa().checked_mul(pow(n.scale())?)?;
    if b == 0 {
        return None;
    }
    // Amounts that fit in 64 bits (all of a quote's, in practice) divide
    // natively: 128-bit division is a software routine in wasm.
    let (q, r) = match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) => (i128::from(a.checked_div(b)?), i128::from(a.checked_rem(b)?)),
        _ => (a.checked_div(b)?, a.checked_rem(b)?),
    };
    let away = if (a < 0) == (b < 0) { 1 } else { -1 }; // the quotient's sign
    let (twice_r, abs_b) = (r.checked_abs()?.checked_mul(2)?, b.checked_abs()?);
    let bump = r != 0
        && match mode {
            RoundingMode::Down => false,
            RoundingMode::Up => away > 0,
            RoundingMode::HalfUp => twice_r >= abs_b,
            RoundingMode::HalfEven => twice_r > abs_b || (twice_r == abs_b && q % 2 != 0),
        };
    let q = if bump { q.checked_add(away)? } else { q };
    Decimal::try_from_i128_with_scale(q, dp).ok()
}

/// A currency: its ISO 4217 code and the exponent of its minor unit (USD 2:
/// cents; JPY 0; KWD 3). Prices are rounded to the minor unit by a named mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency<'a> {
    /// ISO 4217 code, e.g. `"USD"`.
    pub code: &'a str,
    /// Decimal places of the minor unit, e.g. 2.
    pub exponent: u32,
}

impl<'a> Currency<'a> {
    /// The currency with ISO 4217 code `code`; its exponent from ISO 4217
    /// (2 unless listed there as 0 or 3).
    pub fn of(code: &'a str) -> Self {
        let exponent = match code {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
            | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        };
        Currency { code, exponent }
    }

    /// `value` rounded to the minor unit by `mode` and padded to it
    /// (`15` → `15.00` in USD).
    pub fn round(self, value: Decimal, mode: RoundingMode) -> Decimal {
        let mut v = mode.round(value, self.exponent);
        v.rescale(self.exponent);
        v
    }

    /// `value` exactly, written with at least the minor unit's places and no
    /// trailing zeros past them (`4.669000` → `4.669`, `5` → `5.00` in USD).
    /// No rounding: an exact wallet amount keeps every digit.
    pub fn pad(self, value: Decimal) -> Decimal {
        let mut v = value.normalize();
        if v.scale() < self.exponent {
            v.rescale(self.exponent);
        }
        v
    }

    /// `numerator / denominator` rounded once, from the exact quotient, to the
    /// minor unit by `mode` (a proration: `20 × 17 / 31` → `10.97` half-up).
    ///
    /// # Errors
    /// `overflow` naming `what` for a zero denominator or a result out of range.
    pub fn round_quotient(self, numerator: Decimal, denominator: Decimal, mode: RoundingMode, what: &str) -> Result<Decimal> {
        let mut v = div_round(numerator, denominator, self.exponent, mode, what)?;
        v.rescale(self.exponent);
        Ok(v)
    }

    /// The minor unit in words, for a note on rounding: `"the cent"` (an
    /// exponent of 2), `"a whole JPY"` (0), `"3 decimal places"`.
    pub fn minor_unit(self) -> String {
        match self.exponent {
            0 => format!("a whole {}", self.code),
            2 => "the cent".to_string(),
            e => format!("{e} decimal places"),
        }
    }

    /// `value` as a price for people: rounded half-up to the minor unit, then
    /// the code (`"5.00 USD"`).
    pub fn show(self, value: Decimal) -> String {
        format!("{} {}", self.round(value, RoundingMode::HalfUp), self.code)
    }
}

/// Appends `value` to `out` exactly as `value.to_string()` writes it
/// (`-12.50`, `0.05`, `100`), faster: the common case, a mantissa that fits in
/// 64 bits, is written without `core::fmt` or 128-bit division (the
/// first-load module writes every amount of a summary this way). The unit test
/// keeps `Display` as its oracle.
pub fn write_decimal(out: &mut String, value: Decimal) {
    let m = value.mantissa();
    let Ok(abs) = u64::try_from(m.unsigned_abs()) else {
        out.push_str(&value.to_string());
        return;
    };
    // Written right to left into one buffer (digits, the point, leading
    // zeros, the sign: at most 20 + 1 + 28 + 2 bytes), then pushed at once.
    let scale = usize::try_from(value.scale()).unwrap_or(0);
    let mut buf = [b'0'; 52];
    let mut at = buf.len();
    let mut n = abs;
    let mut written = 0usize;
    while n > 0 || written <= scale {
        if written == scale && scale > 0 {
            at = at.saturating_sub(1);
            if let Some(slot) = buf.get_mut(at) {
                *slot = b'.';
            }
        }
        // Below 2^32 a 32-bit division by ten, which wasm does by a multiply
        // (its 64-bit division is a real divide instruction).
        let (q, r) = match u32::try_from(n) {
            Ok(small) => (u64::from(small / 10), small % 10),
            Err(_) => (n / 10, u32::try_from(n % 10).unwrap_or(0)),
        };
        at = at.saturating_sub(1);
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'0'.saturating_add(u8::try_from(r).unwrap_or(0));
        }
        n = q;
        written = written.saturating_add(1);
        if at == 0 {
            break;
        }
    }
    if value.is_sign_negative() {
        at = at.saturating_sub(1);
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'-';
        }
    }
    // Only ASCII digits, '.' and '-' were written.
    out.push_str(std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// A credit amount for display: trailing zeros removed (`64.00` → `64`).
pub fn plain(value: Decimal) -> Decimal {
    value.normalize()
}

/// `a × b`, or an `overflow` error naming `what`.
pub fn mul(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| Error::overflow(what))
}

/// `a + b`, or an `overflow` error naming `what`.
pub fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| Error::overflow(what))
}

/// `a − b`, or an `overflow` error naming `what`.
pub fn sub(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_sub(b).ok_or_else(|| Error::overflow(what))
}

/// `a ÷ b`, or an `overflow` error naming `what` (also on `b = 0`).
pub fn div(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_div(b).ok_or_else(|| Error::overflow(what))
}

/// Parses a decimal string such as `"12.5"`; the error names `field`.
///
/// # Errors
/// `kind` with a message naming `field` when `text` is not a plain decimal.
pub fn parse_decimal(text: &str, field: &str, kind: ErrorKind) -> Result<Decimal> {
    let t = text.trim();
    let ok_chars = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
    ok_chars.then(|| Decimal::from_str(t).ok()).flatten().ok_or_else(|| {
        Error::new(
            kind,
            format!("{field}: expected a decimal string such as \"12.5\", got \"{text}\""),
        )
    })
}

/// An exact decimal that crosses JSON and JS as a **string** (`"0.05"`),
/// never a number: money, credits and rates. Reading refuses a JSON number,
/// so a binary float never stands in for a price. Its JSON Schema (a pattern)
/// and TypeScript type (`string`) are declared here once.
///
/// It dereferences to its [`Decimal`] and compares with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DecimalString(pub Decimal);

impl std::ops::Deref for DecimalString {
    type Target = Decimal;
    fn deref(&self) -> &Decimal {
        &self.0
    }
}

impl From<Decimal> for DecimalString {
    fn from(d: Decimal) -> Self {
        DecimalString(d)
    }
}

impl From<DecimalString> for Decimal {
    fn from(d: DecimalString) -> Self {
        d.0
    }
}

impl PartialEq<Decimal> for DecimalString {
    fn eq(&self, other: &Decimal) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<Decimal> for DecimalString {
    fn partial_cmp(&self, other: &Decimal) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(other)
    }
}

impl std::fmt::Display for DecimalString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for DecimalString {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        parse_decimal(s, "value", ErrorKind::InvalidRequest).map(DecimalString)
    }
}

impl Serialize for DecimalString {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        decimal_string::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for DecimalString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        decimal_string::deserialize(d).map(DecimalString)
    }
}

/// An optional [`DecimalString`] field: absent is `None`; given, it must be a
/// decimal string (an explicit `null` is refused, as it is what JS writes
/// for NaN and ±Infinity). For `#[serde(default, deserialize_with = …)]`.
///
/// # Errors
/// As [`DecimalString`]'s reader, and for `null`.
pub fn present_decimal<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<DecimalString>, D::Error> {
    decimal_string::deserialize(d).map(|v| Some(DecimalString(v)))
}

impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DecimalString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?$",
            "description": "An exact decimal written as a string, e.g. \"0.05\"; never a JSON number."
        })
    }
}

impl schemars::JsonSchema for Measure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Measure".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "oneOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?$" }
            ],
            "description": "A duration in seconds or a count: a finite number or a decimal string."
        })
    }
}

/// The TypeScript declaration of [`DecimalString`] and [`Measure`].
#[cfg(all(target_arch = "wasm32", not(feature = "lite")))]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_DECIMALS: &str = r#"
/** An exact decimal as a string, e.g. "12.5": money, credits, rates. */
export type DecimalString = string;
/** A duration in seconds or a count: a finite number or a decimal string. */
export type Measure = number | string;
"#;

/// Serde for a [`Decimal`] that must be written as a JSON string (`"0.05"`),
/// never a number: money and credits are deserialized from strings only, so a
/// binary float never stands in for a price.
mod decimal_string {
    use super::*;
    use serde::de::{self, Visitor};
    use std::fmt;

    /// Serializes as a decimal string with the value's own scale (the engine
    /// scales amounts before they leave it: cents for money, trailing zeros
    /// dropped for credits).
    pub fn serialize<S: serde::Serializer>(value: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(value) // written straight into the output, no String
    }

    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a decimal string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Decimal, E> {
            parse_decimal(v, "value", ErrorKind::InvalidRequest)
                .map_err(|_| E::custom(format!("expected a decimal string, got \"{v}\"")))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Decimal, E> {
            Err(E::custom(format!("expected a decimal string, got {v}")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Decimal, E> {
            Err(E::custom(format!("expected a decimal string, got {v}")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Decimal, E> {
            Err(E::custom(format!("expected a decimal string, got {v}")))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Decimal, E> {
            Err(E::custom(format!("expected a decimal string, got {v}")))
        }
        // `null` given for an amount (JS writes NaN and ±Infinity as null) is refused, not read
        // as "none": a lost balance is not a balance of nothing.
        fn visit_unit<E: de::Error>(self) -> std::result::Result<Decimal, E> {
            Err(E::custom("expected a decimal string, got null"))
        }
    }

    /// Deserializes from a JSON string only.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
        d.deserialize_any(V)
    }
}

/// A duration or a count from a request (seconds, a quantity, seats): a JSON
/// number (`90`) or a decimal string (`"90"`). A number is read through its
/// shortest decimal form, so `0.1` is exactly `0.1`; NaN and infinities are
/// refused. Durations and counts are not prices: this is the one place a
/// float is accepted. Anything else is `invalid_quantity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measure(pub Decimal);

impl Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        use std::fmt;
        struct V;
        fn refuse<E: de::Error>(message: impl fmt::Display) -> E {
            E::custom(tagged(ErrorKind::InvalidQuantity, message))
        }
        const EXPECTED: &str = "expected a number or a decimal string";
        impl<'de> Visitor<'de> for V {
            type Value = Measure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a decimal string")
            }
            // JSON.stringify writes NaN and ±Infinity as null: say so.
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Measure, E> {
                Err(refuse(
                    "expected a finite number or a decimal string, got null (NaN and ±Infinity cross from JS as null)",
                ))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Measure, E> {
                parse_decimal(v, "value", ErrorKind::InvalidQuantity)
                    .map(Measure)
                    .map_err(|_| refuse(format!("expected a number, got \"{v}\"")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Measure, E> {
                if !v.is_finite() {
                    return Err(refuse(format!("expected a finite number, got {v}")));
                }
                // Shortest round-trip form, then exact decimal parse.
                Decimal::from_str(&format!("{v}"))
                    .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
                    .map(Measure)
                    .map_err(|_| refuse(format!("the number {v} is out of range")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Measure, E> {
                Ok(Measure(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Measure, E> {
                Ok(Measure(Decimal::from(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Measure, E> {
                Err(refuse(format!("invalid type: boolean `{v}`, {EXPECTED}")))
            }
            // Refused without reading inside: nothing deep can recurse.
            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> std::result::Result<Measure, A::Error> {
                Err(refuse(format!("invalid type: sequence, {EXPECTED}")))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> std::result::Result<Measure, A::Error> {
                Err(refuse(format!("invalid type: map, {EXPECTED}")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn write_decimal_writes_as_display_does() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut values: Vec<Decimal> = ["0", "-0", "0.00", "0.05", "-0.5", "1", "10", "100.00", "12.5", "-12.50", "0.0001", "123456789.123456789", "18446744073709551615", "18446744073709551616.5", "-79228162514264337593543950335"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let scale = u32::try_from(seed % 29).unwrap();
            let m = (i64::try_from(seed >> 20).unwrap() - (1i64 << 42)) >> (seed % 40);
            values.push(Decimal::new(m, scale));
        }
        for v in values {
            let mut out = String::new();
            write_decimal(&mut out, v);
            assert_eq!(out, v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn div_round_table() {
        let d = |t: &str| Decimal::from_str(t).unwrap_or_default();
        let cases = [
            // numerator, denominator, dp, mode, expected
            ("20", "60", 2, RoundingMode::Up, "0.34"),
            ("20", "60", 2, RoundingMode::Down, "0.33"),
            ("40", "60", 2, RoundingMode::HalfUp, "0.67"),
            ("0.125", "1", 2, RoundingMode::HalfUp, "0.13"),
            ("0.125", "1", 2, RoundingMode::HalfEven, "0.12"),
            ("0.135", "1", 2, RoundingMode::HalfEven, "0.14"),
            ("-0.125", "1", 2, RoundingMode::HalfUp, "-0.13"),
            ("-20", "60", 2, RoundingMode::Up, "-0.33"),
            ("90", "60", 0, RoundingMode::Up, "2"),
            ("3.6", "0.6", 2, RoundingMode::Up, "6"),
            // Beyond 128-bit integers: Decimal division (28 digits) then rounding.
            (
                "79228162514264337593543950335",
                "60",
                2,
                RoundingMode::Up,
                "1320469375237738959892399172.2",
            ),
        ];
        for (n, den, dp, mode, want) in cases {
            let got = div_round(d(n), d(den), dp, mode, "t").map(|v| v.normalize().to_string());
            assert_eq!(
                got.as_deref().ok(),
                Some(d(want).normalize().to_string().as_str()),
                "{n} / {den} {mode:?} {dp}"
            );
        }
        assert!(div_round(d("1"), Decimal::ZERO, 2, RoundingMode::Up, "t").is_err());
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn rounding_modes_table() {
        // value, dp, up, half_up, half_even, down
        let table = [
            ("0.125", 2, "0.13", "0.13", "0.12", "0.12"),
            ("0.135", 2, "0.14", "0.14", "0.14", "0.13"),
            ("46.865", 2, "46.87", "46.87", "46.86", "46.86"),
            ("1.001", 2, "1.01", "1.00", "1.00", "1.00"),
            ("33.3333", 2, "33.34", "33.33", "33.33", "33.33"),
            ("2", 2, "2", "2", "2", "2"),
        ];
        for (v, dp, up, hu, he, dn) in table {
            assert_eq!(RoundingMode::Up.round(d(v), dp), d(up), "up {v}");
            assert_eq!(RoundingMode::HalfUp.round(d(v), dp), d(hu), "half_up {v}");
            assert_eq!(RoundingMode::HalfEven.round(d(v), dp), d(he), "half_even {v}");
            assert_eq!(RoundingMode::Down.round(d(v), dp), d(dn), "down {v}");
        }
    }

    #[test]
    fn currency_rounds_to_its_minor_unit_by_a_named_mode() {
        let usd = Currency::of("USD");
        assert_eq!(usd.round(d("15"), RoundingMode::HalfUp).to_string(), "15.00");
        assert_eq!(usd.round(d("0.125"), RoundingMode::HalfUp).to_string(), "0.13");
        assert_eq!(usd.round(d("0.125"), RoundingMode::HalfEven).to_string(), "0.12");
        assert_eq!(Currency::of("JPY").round(d("99.5"), RoundingMode::HalfUp).to_string(), "100");
        assert_eq!(usd.show(d("5")), "5.00 USD");
    }

    #[test]
    fn whole_rounding() {
        assert_eq!(ceil_whole(d("90.2")), d("91"));
        assert_eq!(ceil_whole(d("1.5")), d("2"));
        assert_eq!(floor_whole(d("103") / d("30")), d("3"));
    }

    #[test]
    fn decimal_text_only() {
        assert!(parse_decimal("12.5", "balance", ErrorKind::InvalidRequest).is_ok());
        for bad in ["", "abc", "1e5", "NaN", "1,5", " "] {
            let e = parse_decimal(bad, "balance", ErrorKind::InvalidRequest).unwrap_err();
            assert_eq!(e.code(), "invalid_request");
            assert!(e.message().starts_with("balance:"), "{}", e.message());
        }
    }
}
