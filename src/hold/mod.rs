//! Holds: a price for a job whose length is known only after it runs, kept
//! from checkout to charge. No article describes holds; these are the
//! product's rules, one part per file:
//! - `available.rs`: what open holds leave available, grant by grant;
//! - `make.rs`: a hold, reserved from the grants in burn-down order;
//! - `settle.rs`: a settlement, priced at the hold's version and day.
//!
//! **The rules.** A hold reserves the most the job can cost (the high end of
//! its range, `RateEngine::quote_range`), priced on the hold's day by the
//! version then in force; it burns nothing until settled. Available =
//! balance − open holds, grant by grant; a hold never rests on a grant that
//! expires before the hold does. A hold lasts one day unless `holdFor` says
//! otherwise (at most the card's `maxHoldDays`, default 7): it may be
//! settled from its day to its `expiresAt`, both included; after that it has
//! expired, released everything, and is refused (`hold_expired`). A
//! settlement prices the lengths the job actually ran at the hold's version
//! and day (the price quoted is the price charged), captures at most the
//! hold by default and releases the rest; a card with `overrun: "charge"`
//! takes the excess from the available balance, then overage where the plan
//! allows it. A failed job settles with no items and releases all. A hold is
//! named by its fingerprint; one the server has settled is refused
//! (`already_settled`).

mod available;
mod make;
mod settle;

pub use available::{available, Available};
pub use make::make;
pub use settle::{admit, settle, Settlement, SettlementTag};

use crate::book::{canonical, sha256_hex};
use crate::error::{Error, ErrorKind, Result};
use crate::request::Hold;

/// SHA-256 (hex) of `hold`'s canonical JSON with an empty fingerprint: what
/// its `fingerprint` must be.
///
/// # Errors
/// `invalid_request` when the hold cannot be written as JSON (never for one read from JSON).
pub fn fingerprint(hold: &Hold) -> Result<String> {
    let mut h = hold.clone();
    h.fingerprint = String::new();
    Ok(sha256_hex(&canonical(&h)?))
}

/// Refuses a hold whose fingerprint is not that of its fields.
///
/// # Errors
/// `invalid_hold` at `fingerprint`.
pub fn check(hold: &Hold) -> Result<()> {
    if fingerprint(hold)? != hold.fingerprint {
        return Err(Error::at(
            ErrorKind::InvalidHold,
            "fingerprint",
            "this hold's fields are not the ones it was made with (its fingerprint differs): settle the hold as `hold` returned it",
        ));
    }
    Ok(())
}
