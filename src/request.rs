//! Parsing requests from JSON text (natively, and in the wasm binding after
//! `JSON.stringify`) into typed requests, with errors that carry the field's
//! path and the right code.

use serde::de::DeserializeOwned;
use serde::Deserializer;

use crate::error::{Error, ErrorKind, Result};

/// Deserializes a request of type `T` from any serde source. Errors carry
/// no field path (see [`from_json`], which does).
///
/// # Errors
/// As [`from_json`], but the message does not start with the path.
pub fn parse<'de, T: DeserializeOwned, D: Deserializer<'de>>(de: D) -> Result<T> {
    T::deserialize(de).map_err(|e| classify("", &e.to_string()))
}

/// An error message with the field's path, and the code the path calls for.
fn classify(path: &str, message: &str) -> Error {
    let mut msg = message.to_string();
    if let Some(at) = msg.rfind(" at line ") {
        msg.truncate(at);
    }
    // serde-wasm-bindgen renders its errors through JS `String(err)`.
    if let Some(rest) = msg.strip_prefix("Error: ") {
        msg = rest.to_string();
    }
    let last = path.rsplit('.').next().unwrap_or("");
    let kind = if last == "seconds" || last == "quantity" || last.starts_with("quantity") || path == "quantity" {
        ErrorKind::InvalidQuantity
    } else if path.contains(".options.") {
        ErrorKind::InvalidOption
    } else {
        ErrorKind::InvalidRequest
    };
    let path = if path.is_empty() { "request" } else { path };
    Error::new(kind, format!("{path}: {msg}"))
}

/// Deserializes a request of type `T` from JSON text. The message starts
/// with the path of the offending field, read back from the text at the
/// position serde_json reports (see `json_path`).
///
/// # Errors
/// The path of the offending field leads the message (`items[0].seconds:
/// expected a finite number, got NaN`). The code is `invalid_quantity` for a
/// bad `seconds` or `quantity`, `invalid_option` for a bad option value, and
/// `invalid_request` for everything else (wrong type, unknown field, an amount
/// given as a number instead of a decimal string, text after the JSON value).
///
/// # Example
/// ```
/// let req: ratecard::QuoteRequest = ratecard::request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}]}"#).unwrap();
/// assert_eq!(req.items.len(), 1);
/// let err = ratecard::request::from_json::<ratecard::QuoteRequest>(r#"{"items":[],"balance":12.5}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_request");
/// assert!(err.message().starts_with("balance: expected a decimal string"));
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| classify(&crate::json_path::at(text, e.line(), e.column()), &e.to_string()))
}
