//! # ratecard
//!
//! A credit-pricing rate engine for generative AI video: before a generation
//! runs, it says what it will cost in credits and in dollars, what the balance
//! will be after, and, when short, what to buy. Every number is an exact
//! [`rust_decimal::Decimal`] and every line explains itself and names the seed
//! article it comes from.
//!
//! The architecture, one module per idea:
//! [`rate_card`] (the pricing model as validated JSON data) →
//! [`metering`] (an item → billed units → an amount) →
//! [`quote`] (items → lines, total, balance after, shortfall) →
//! [`purchase`] (packs, top-ups, upgrades). [`presets`] embeds the built-in
//! cards; [`money`] names every rounding mode. The wasm binding lives beside
//! them (`src/wasm.rs`, wasm32 only) and only converts and delegates.
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
//! assert_eq!(quote.total.to_string(), "20"); // seed 001: 10 + 10 credits
//! # Ok::<(), ratecard::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod date;
pub mod engine;
pub mod error;
pub mod integrity;
mod json_path;
pub mod metering;
pub mod money;
pub mod planner;
pub mod presets;
pub mod purchase;
pub mod quote;
pub mod rate_card;
pub mod request;
pub mod wallet;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::RateEngine;
pub use error::{Error, ErrorKind, Result};
pub use purchase::{BuyPacksRequest, Purchase, PurchaseKind, PurchaseOption};
pub use quote::{Item, OptionValue, Quote, QuoteLine, QuoteRequest};
pub use rate_card::RateCard;

/// The README's Rust examples, run as doc tests.
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
