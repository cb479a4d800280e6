//! # ratecard
//!
//! A credit-pricing rate engine for generative AI video: before a generation
//! runs, it says what it will cost in credits and in dollars, what the balance
//! will be after, and, when short, what to buy. Every number is an exact
//! [`rust_decimal::Decimal`] and every line explains itself and names the
//! article it comes from.
//!
//! # Architecture
//!
//! One module per idea, each importing only modules to its left:
//!
//! ```text
//! error, limits, money, date, sort    leaf types: errors with paths, bounds, exact amounts, days, a small sort
//!   → rate_card (+ presets)           the pricing model as validated JSON data
//!   → request                         every request, as typed data, and its JSON reader
//!   → metering                        one item → billed units → an amount, step by step
//!   → purchase                        packs, top-ups, upgrades
//!   → quote                           items → lines, total, balance after, shortfall
//!   → flat                            a quote as flat text for the JS glue
//!   → book                            price books: a card's versions by effective date, their diff,
//!                                     each version's seal (card hash, fingerprint) and price-change notice
//!   → ledger                          grants over time: burn-down, expiry, the cycle, simulate
//!   → planner                         capacity of a balance; compare plans for a workload
//!   → hold                            holds: a job's high end reserved from checkout to charge, then settled
//!   → integrity                       verify: a quote against the server's records and day
//!   → lite                            the first-load module: presets read without serde, summary and quote
//!   → engine                          `RateEngine`: the whole API in one `impl`, delegating
//!   → replay                          (native only) one customer's history → a simulation's summary, for adapters
//!   → wasm                            the JS binding (wasm32 only): converts and delegates
//! ```
//!
//! `tests/architecture.rs` fails on an import that points right. Every
//! amount is an exact [`rust_decimal::Decimal`], every rounding names its
//! mode, and every line explains itself and names the article it comes from.
//!
//! # Example
//! ```
//! use ratecard::{RateEngine, QuoteRequest, Item, OptionValue};
//! let engine = RateEngine::preset("heygen-credits")?;
//! let quote = engine.quote(&QuoteRequest {
//!     plan: Some("business".into()),
//!     items: vec![Item::seconds("avatar_iv", 30).with("expressive_motion", OptionValue::Bool(true))],
//!     balance: Some("100".parse().unwrap()),
//!     ..Default::default()
//! })?;
//! assert_eq!(quote.total.to_string(), "20"); // “How to Use Credits on HeyGen”: 10 + 10 credits
//! # Ok::<(), ratecard::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod date;
pub mod error;
mod json_path;
pub mod limits;
mod sort;
pub mod money;

pub mod presets;
pub mod rate_card;
pub mod book;
#[doc(hidden)]
pub mod fuzzing;

pub mod request;

pub mod metering;

pub mod purchase;

pub mod quote;
pub mod flat;

pub mod lite;

pub mod ledger;

pub mod planner;

pub mod hold;

pub mod integrity;

pub mod engine;

#[cfg(not(target_arch = "wasm32"))]
pub mod replay;

#[cfg(all(target_arch = "wasm32", not(feature = "lite")))]
pub mod wasm;

pub use engine::RateEngine;
pub use integrity::VerifyOptions;
pub use error::{Error, ErrorKind, PathSegment, Result};
pub use purchase::{Purchase, PurchaseKind, PurchaseOption};
pub use quote::{Quote, QuoteLine};
pub use rate_card::RateCard;
pub use hold::Settlement;
pub use request::{BuyPacksRequest, Grant, Hold, Item, OptionValue, QuoteRequest, SettleRequest};

/// The README's Rust examples, run as doc tests.
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The docs pages' Rust examples, run as doc tests (each page's code blocks
/// are run by a test: these here, the JavaScript ones by `tests/js/`).
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[doc = include_str!("../docs/api.md")]
#[doc = include_str!("../docs/pricing.md")]
#[doc = include_str!("../docs/widget.md")]
#[doc = include_str!("../docs/architecture.md")]
#[doc = include_str!("../docs/development.md")]
#[doc = include_str!("../docs/reliability.md")]
#[doc = include_str!("../docs/performance.md")]
#[cfg(doctest)]
pub struct DocsDoctests;
