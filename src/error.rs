//! The one error type of the engine: a stable machine-readable [`ErrorKind`],
//! the path of the offending field as data, and a message for people.
//!
//! The kind is chosen where the error is raised (a duration that is not a
//! number is `invalid_quantity` because the duration's own reader says so,
//! not because its field happens to be called `seconds`). The path grows as
//! the error travels up: metering raises `seconds: must be greater than 0`,
//! the quote adds `items[2]`, so the caller sees `items[2].seconds: …` and
//! `path() == ["items", 2, "seconds"]`. jiff's `Error::context` is the model.

use crate::limits::{MAX_ERROR_DETAIL_CHARS, MAX_ERROR_KEY_CHARS};
use std::fmt;

/// Declares [`ErrorKind`], its codes, [`ErrorKind::ALL`] and the TypeScript
/// union of the codes, from one list.
macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $kind:ident => $code:literal, )*) => {
        /// What went wrong, as a stable code. [`ErrorKind::code`] gives the
        /// string that crosses into JS as `error.code`; these strings are a
        /// public contract.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $kind, )*
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$kind),*];

            /// The stable code, e.g. `"unknown_plan"`.
            pub const fn code(self) -> &'static str {
                match self {
                    $( ErrorKind::$kind => $code, )*
                }
            }

            /// The kind whose code is `code`.
            pub fn from_code(code: &str) -> Option<ErrorKind> {
                match code {
                    $( $code => Some(ErrorKind::$kind), )*
                    _ => None,
                }
            }
        }

        /// The TypeScript type of `error.code`, for the package's `.d.ts`.
        pub const TS_ERROR_CODE: &str = concat!(
            "/** The stable `code` of an error the engine throws. */\nexport type ErrorCode =",
            $( " | \"", $code, "\"", )*
            ";"
        );
    };
}

error_kinds! {
    /// `unknown_preset`: no built-in rate card has this id.
    UnknownPreset => "unknown_preset",
    /// `unknown_plan`: the rate card has no plan with this id, or the request
    /// names none on a card with several plans.
    UnknownPlan => "unknown_plan",
    /// `unknown_feature`: the rate card has no feature with this id.
    UnknownFeature => "unknown_feature",
    /// `invalid_option`: an option the feature does not define, a value outside
    /// its enum, a value of the wrong type, or a required option left out.
    InvalidOption => "invalid_option",
    /// `invalid_quantity`: a duration or quantity that is missing, zero,
    /// negative, not a number, fractional where whole units are required, or
    /// outside the feature's bounds.
    InvalidQuantity => "invalid_quantity",
    /// `plan_limit`: the request exceeds a limit of the plan (longest video,
    /// highest resolution).
    PlanLimit => "plan_limit",
    /// `not_available`: the plan does not offer this feature or product.
    NotAvailable => "not_available",
    /// `invalid_rate_card`: a rate card failed to parse or validate; the
    /// path is that of the first problem.
    InvalidRateCard => "invalid_rate_card",
    /// `invalid_request`: the request is malformed (wrong type, unknown field,
    /// an amount that is not a decimal string).
    InvalidRequest => "invalid_request",
    /// `overflow`: an amount too large for exact decimal arithmetic.
    Overflow => "overflow",
    /// `invalid_hold`: a hold this engine did not make as given: its
    /// fingerprint does not match its fields, or it names a version or card
    /// hash the engine does not hold.
    InvalidHold => "invalid_hold",
    /// `hold_expired`: a settlement on a day after the hold's `expiresAt`
    /// (an expired hold has released everything).
    HoldExpired => "hold_expired",
    /// `already_settled`: the hold is among the server's settled holds.
    AlreadySettled => "already_settled",
}

/// One step of a field's path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// An object key, e.g. `"items"`.
    Key(String),
    /// An array index, e.g. `0`.
    Index(usize),
}

/// A key as a JSON string, an index as a JSON number: `["items", 0, "seconds"]`.
impl serde::Serialize for PathSegment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            PathSegment::Key(k) => s.serialize_str(k),
            PathSegment::Index(i) => s.serialize_u64(u64::try_from(*i).unwrap_or(u64::MAX)),
        }
    }
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(cut(key, MAX_ERROR_KEY_CHARS))
    }
}

impl From<String> for PathSegment {
    fn from(key: String) -> Self {
        if key.len() <= MAX_ERROR_KEY_CHARS {
            return PathSegment::Key(key);
        }
        PathSegment::Key(cut(&key, MAX_ERROR_KEY_CHARS))
    }
}

impl From<&String> for PathSegment {
    fn from(key: &String) -> Self {
        PathSegment::Key(cut(key, MAX_ERROR_KEY_CHARS))
    }
}

/// `text`, or its first `max` characters and "…": an error never echoes a
/// long input whole (a 10 MB feature name stays 1,000 characters).
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        PathSegment::Index(index)
    }
}

/// Writes a path as people read it: `items[0].options.mode`.
pub(crate) fn write_path(path: &[PathSegment], out: &mut String) {
    for seg in path {
        match seg {
            PathSegment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSegment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// An engine error: an [`ErrorKind`], the path of the offending field, and a
/// message for people that, where there is a closed set, names the valid
/// values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    /// Outermost first: `["items", 0, "seconds"]`.
    path: Vec<PathSegment>,
    detail: String,
}

impl std::error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message())
    }
}

impl Error {
    /// An error of `kind` about the request (or rate card) as a whole; add
    /// the field with [`Error::context`].
    pub fn new(kind: ErrorKind, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        let detail = if detail.len() > MAX_ERROR_DETAIL_CHARS { cut(&detail, MAX_ERROR_DETAIL_CHARS) } else { detail };
        Error {
            kind,
            path: Vec::new(),
            detail,
        }
    }

    /// An error of `kind` about the field at `key` (the innermost step).
    pub fn at(kind: ErrorKind, key: impl Into<PathSegment>, detail: impl Into<String>) -> Self {
        Error::new(kind, detail).context(key)
    }

    /// The same error one level further out: `segment` goes in front of the
    /// path (`seconds` → `items[0].seconds` after `.context(0).context("items")`).
    #[must_use]
    pub fn context(mut self, segment: impl Into<PathSegment>) -> Self {
        self.path.insert(0, segment.into());
        self
    }

    /// The same error under `path` (outermost first).
    #[must_use]
    pub fn within(mut self, path: &[PathSegment]) -> Self {
        self.path.splice(0..0, path.iter().cloned());
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code, e.g. `"invalid_quantity"` (see [`ErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The offending field's path, outermost first; empty when the error is
    /// about the whole request or rate card.
    pub fn path(&self) -> &[PathSegment] {
        &self.path
    }

    /// The path as people read it: `items[0].seconds` (empty at the top).
    pub fn path_text(&self) -> String {
        let mut out = String::new();
        write_path(&self.path, &mut out);
        out
    }

    /// What is wrong with the field, without its path.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The message for people: the path, then what is wrong
    /// (`items[0].seconds: must be greater than 0, got 0`).
    pub fn message(&self) -> String {
        if self.path.is_empty() {
            return self.detail.clone();
        }
        let mut out = self.path_text();
        out.push_str(": ");
        out.push_str(&self.detail);
        out
    }

    pub(crate) fn overflow(what: &str) -> Self {
        Error::new(
            ErrorKind::Overflow,
            format!("{what}: the amount is too large to compute exactly"),
        )
    }
}

/// Shorthand for `Result<T, ratecard::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// Lists valid values for an error message: `"a", "b", "c"`, or `none` for
/// an empty list (a message never ends in an empty list).
pub(crate) fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let list: Vec<String> = values.into_iter().map(|v| format!("\"{v}\"")).collect();
    if list.is_empty() {
        return "none".into();
    }
    list.join(", ")
}

/// Serde errors carry only text. A reader that knows the kind of what it
/// reads (a duration, an option value) tags its message with the code; the
/// request parser reads the tag back ([`untag`]).
pub(crate) fn tagged(kind: ErrorKind, message: impl fmt::Display) -> String {
    format!("\u{1}{}\u{1}{message}", kind.code())
}

/// Splits a serde message into the kind its reader tagged it with (if any)
/// and the message.
pub(crate) fn untag(message: &str) -> (Option<ErrorKind>, String) {
    if let Some(start) = message.find('\u{1}') {
        let rest = message.get(start.saturating_add(1)..).unwrap_or_default();
        if let Some((code, tail)) = rest.split_once('\u{1}') {
            let head = message.get(..start).unwrap_or_default();
            return (ErrorKind::from_code(code), format!("{head}{tail}"));
        }
    }
    (None, message.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn context_builds_the_path_outward() {
        let e = Error::at(ErrorKind::InvalidQuantity, "seconds", "must be greater than 0, got 0")
            .context(0usize)
            .context("items");
        assert_eq!(e.path_text(), "items[0].seconds");
        assert_eq!(e.message(), "items[0].seconds: must be greater than 0, got 0");
        assert_eq!(e.to_string(), "invalid_quantity: items[0].seconds: must be greater than 0, got 0");
        assert_eq!(e.path(), &[PathSegment::from("items"), 0usize.into(), "seconds".into()]);
    }

    #[test]
    fn codes_round_trip_and_tags_read_back() {
        for k in ErrorKind::ALL {
            assert_eq!(ErrorKind::from_code(k.code()), Some(*k));
            assert!(TS_ERROR_CODE.contains(&format!("\"{}\"", k.code())));
        }
        let (kind, msg) = untag(&tagged(ErrorKind::InvalidOption, "expected a boolean"));
        assert_eq!(kind, Some(ErrorKind::InvalidOption));
        assert_eq!(msg, "expected a boolean");
        assert_eq!(untag("plain").0, None);
        assert_eq!(one_of([]), "none");
    }
}
