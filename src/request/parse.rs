//! Reading requests from JSON text (natively, and in the wasm binding after
//! `JSON.stringify`), with the offending field's path as data and the code
//! chosen by the reader that refused the value (see
//! [`crate::error`]: a duration's reader says `invalid_quantity`, an option
//! value's reader `invalid_option`; anything else is `invalid_request`).

use serde::de::DeserializeOwned;
use serde::Deserializer;

use crate::error::{untag, Error, ErrorKind, PathSegment, Result};

/// The error for serde's `message` about the value at `path`.
fn refused(path: &[PathSegment], message: &str) -> Error {
    let mut msg = message.to_string();
    if let Some(at) = msg.rfind(" at line ") {
        msg.truncate(at);
    }
    // serde-wasm-bindgen renders its errors through JS `String(err)`.
    if let Some(rest) = msg.strip_prefix("Error: ") {
        msg = rest.to_string();
    }
    let (kind, msg) = untag(&msg);
    let kind = kind.unwrap_or(ErrorKind::InvalidRequest);
    if path.is_empty() {
        Error::new(kind, format!("request: {msg}"))
    } else {
        Error::new(kind, msg).within(path)
    }
}

/// Deserializes a request of type `T` from any serde source. Errors carry
/// no field path (see [`from_json`], which does).
///
/// # Errors
/// As [`from_json`], but without the path.
pub fn parse<'de, T: DeserializeOwned, D: Deserializer<'de>>(de: D) -> Result<T> {
    T::deserialize(de).map_err(|e| refused(&[], &e.to_string()))
}

/// Deserializes a request of type `T` from JSON text. The error's
/// [`Error::path`] is the offending field's, read back from the text at the
/// position serde_json reports, and leads the message.
///
/// # Errors
/// `invalid_quantity` for a duration or count that is not a finite number or
/// a decimal string, `invalid_option` for an option value that is not a
/// boolean or a string, and `invalid_request` for everything else (wrong
/// type, unknown field, an amount given as a number instead of a decimal
/// string, a bad date, text after the JSON value).
///
/// # Example
/// ```
/// let req: ratecard::QuoteRequest = ratecard::request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":90}]}"#).unwrap();
/// assert_eq!(req.items.len(), 1);
/// let err = ratecard::request::from_json::<ratecard::QuoteRequest>(r#"{"items":[],"balance":12.5}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_request");
/// assert!(err.message().starts_with("balance: expected a decimal string"));
/// assert_eq!(err.path_text(), "balance");
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| refused(&crate::json_path::at(text, e.line(), e.column()), &e.to_string()))
}
