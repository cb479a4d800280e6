//! Calendar days for the wallet: ISO `YYYY-MM-DD` dates in the proleptic
//! Gregorian calendar, years 1 to 9999, with the three operations billing
//! needs — add days, add months (clamped to the month's last day, so Jan 31 +
//! 1 month = Feb 28/29) and days between. No time zones: a billing day is a
//! civil date.
//!
//! The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`
//! (<https://howardhinnant.github.io/date_algorithms.html>). The crate's tests
//! check every operation against `jiff` over random dates; this module exists
//! because `jiff` added about 155 KB to the wasm module for four functions.

use std::fmt;

/// A civil date, stored as days since 1970-01-01. Ordered by day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

/// Days from 1970-01-01 to 0001-01-01 and to 9999-12-31.
const MIN_DAYS: i32 = -719_162;
const MAX_DAYS: i32 = 2_932_896;

fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Every value below stays within years 1..=9999 (checked on construction),
// far from i32's limits.
#[allow(clippy::arithmetic_side_effects)]
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

#[allow(clippy::arithmetic_side_effects)]
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

impl Date {
    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date { days: MIN_DAYS };
    /// The latest date, 9999-12-31.
    pub const MAX: Date = Date { days: MAX_DAYS };

    /// The date `year-month-day`, or `None` when it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then(|| Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// `days` later (earlier when negative), or `None` past the range.
    pub fn checked_add_days(self, days: i32) -> Option<Date> {
        let d = self.days.checked_add(days)?;
        (MIN_DAYS..=MAX_DAYS).contains(&d).then_some(Date { days: d })
    }

    /// `months` later (earlier when negative), on the same day of the month
    /// or the month's last day when it is shorter; `None` past the range.
    pub fn checked_add_months(self, months: i32) -> Option<Date> {
        let (y, m, d) = self.ymd();
        let index = i64::from(y)
            .checked_mul(12)?
            .checked_add(i64::from(m).saturating_sub(1))?
            .checked_add(i64::from(months))?;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u32::try_from(index.rem_euclid(12)).ok()?.checked_add(1)?;
        if !(1..=9999).contains(&year) {
            return None;
        }
        Date::new(year, month, d.min(days_in_month(year, month)))
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i32 {
        later.days.saturating_sub(self.days)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    fn from_str(text: &str) -> Result<Date, String> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter().try_fold(0u32, |n, c| {
                c.is_ascii_digit()
                    .then(|| n.saturating_mul(10).saturating_add(u32::from(c.saturating_sub(b'0'))))
            })
        };
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return Err("the format is YYYY-MM-DD".into());
        }
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err("the format is YYYY-MM-DD".into());
        };
        let year = i32::try_from(y).map_err(|_| "year out of range".to_string())?;
        Date::new(year, m, d).ok_or_else(|| {
            if !(1..=12).contains(&m) {
                format!("there is no month {m}")
            } else if year == 0 {
                "years run from 0001 to 9999".into()
            } else {
                format!("{year:04}-{m:02} has {} days", days_in_month(year, m))
            }
        })
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Parses an ISO date for the field `field` of a request.
///
/// # Errors
/// `invalid_request` at `field`: `expected a date YYYY-MM-DD, got "…" (why)`.
pub fn parse_date(text: &str, field: &str) -> crate::error::Result<Date> {
    text.parse::<Date>().map_err(|e| {
        crate::error::Error::at(
            crate::error::ErrorKind::InvalidRequest,
            field,
            format!("expected a date YYYY-MM-DD, got \"{text}\" ({e})"),
        )
    })
}

/// Written as `"YYYY-MM-DD"`.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from `"YYYY-MM-DD"` only.
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse::<Date>()
            .map_err(|e| serde::de::Error::custom(format!("expected a date YYYY-MM-DD, got \"{text}\" ({e})")))
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_prints_and_refuses() {
        let d: Date = "2026-01-31".parse().unwrap_or(Date::MIN);
        assert_eq!(d.to_string(), "2026-01-31");
        assert_eq!(
            d.checked_add_months(1).map(|d| d.to_string()).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(
            "2028-01-31"
                .parse::<Date>()
                .ok()
                .and_then(|d| d.checked_add_months(1))
                .map(|d| d.to_string())
                .as_deref(),
            Some("2028-02-29")
        );
        assert_eq!("2026-02-30".parse::<Date>(), Err("2026-02 has 28 days".to_string()));
        for bad in [
            "",
            "2026-1-01",
            "2026/01/01",
            "99999-01-01",
            "2026-13-01",
            "0000-01-01",
            "2026-01-0x",
            "２０２６-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert_eq!(Date::MIN.to_string(), "0001-01-01");
        assert_eq!(Date::MAX.to_string(), "9999-12-31");
        assert_eq!(Date::MAX.checked_add_days(1), None);
        assert_eq!(Date::MIN.checked_add_months(-1), None);
    }
}
