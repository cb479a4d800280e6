//! Exact amounts: parsing decimal strings, and the named rounding modes.
//!
//! Every rounding site in the engine calls one of the functions here, so the
//! strategy is named where it is used. `rust_decimal`'s `round_dp` is banker's
//! rounding (half-even); the engine never calls it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize};
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Result};

/// How a line's amount is rounded, as named in a rate card's `rounding.mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Toward positive infinity: a preview never shows less than will be
    /// charged (PRICING.md: credits are rounded up to 2 places).
    Up,
    /// Half away from zero: `0.125 → 0.13` (PRICING.md: money to cents).
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
    value.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
}

/// Rounds down to a whole number (floor).
pub fn floor_whole(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
}

/// Money in cents for display: half-up to 2 places, padded (`15` → `15.00`).
pub fn cents(value: Decimal) -> Decimal {
    let mut v = RoundingMode::HalfUp.round(value, 2);
    v.rescale(2);
    v
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

/// Serde for a [`Decimal`] that must be written as a JSON string (`"0.05"`),
/// never a number: money and credits are deserialized from strings only, so a
/// binary float never stands in for a price.
pub mod decimal_string {
    use super::*;
    use serde::de::{self, Visitor};
    use std::fmt;

    /// Serializes as a decimal string with the value's own scale (the engine
    /// scales amounts before they leave it: cents for money, trailing zeros
    /// dropped for credits).
    pub fn serialize<S: serde::Serializer>(value: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
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
    }

    /// Deserializes from a JSON string only.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Decimal, D::Error> {
        d.deserialize_any(V)
    }

    /// The same for an optional field.
    pub mod option {
        use super::*;
        /// Serializes `Some` as a string, `None` as null.
        pub fn serialize<S: serde::Serializer>(value: &Option<Decimal>, s: S) -> std::result::Result<S::Ok, S::Error> {
            match value {
                Some(v) => s.serialize_str(&v.to_string()),
                None => s.serialize_none(),
            }
        }
        /// Deserializes a string or null/undefined.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Decimal>, D::Error> {
            Option::<Wrapped>::deserialize(d).map(|o| o.map(|w| w.0))
        }
        struct Wrapped(Decimal);
        impl<'de> Deserialize<'de> for Wrapped {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                super::deserialize(d).map(Wrapped)
            }
        }
    }
}

/// A duration or quantity from a request: a JSON number (`90`) or a decimal
/// string (`"90"`). A number is read through its shortest decimal form, so
/// `0.1` is exactly `0.1`; NaN and infinities are refused. Durations and
/// counts are not prices: this is the one place a float is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{self, Visitor};
        use std::fmt;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a decimal string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Amount, E> {
                parse_decimal(v, "value", ErrorKind::InvalidQuantity)
                    .map(Amount)
                    .map_err(|_| E::custom(format!("expected a number, got \"{v}\"")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Amount, E> {
                if !v.is_finite() {
                    return Err(E::custom(format!("expected a finite number, got {v}")));
                }
                // Shortest round-trip form, then exact decimal parse.
                Decimal::from_str(&format!("{v}"))
                    .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
                    .map(Amount)
                    .map_err(|_| E::custom(format!("the number {v} is out of range")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

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
    fn cents_pads_and_rounds_half_up() {
        assert_eq!(cents(d("15")).to_string(), "15.00");
        assert_eq!(cents(d("0.125")).to_string(), "0.13");
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
