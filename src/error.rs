//! The one error type of the engine, with a stable machine-readable code.

/// What went wrong, as a stable code. [`ErrorKind::code`] gives the string that
/// crosses into JS as `error.code`; these strings are a public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `unknown_preset`: no built-in rate card has this id.
    UnknownPreset,
    /// `unknown_plan`: the rate card has no plan with this id, or the request
    /// names none on a card with several plans.
    UnknownPlan,
    /// `unknown_feature`: the rate card has no feature with this id.
    UnknownFeature,
    /// `invalid_option`: an option the feature does not define, a value outside
    /// its enum, a value of the wrong type, or a required option left out.
    InvalidOption,
    /// `invalid_quantity`: a duration or quantity that is missing, zero,
    /// negative, not a number, fractional where whole units are required, or
    /// outside the feature's bounds.
    InvalidQuantity,
    /// `plan_limit`: the request exceeds a limit of the plan (longest video,
    /// highest resolution).
    PlanLimit,
    /// `not_available`: the plan does not offer this feature or product.
    NotAvailable,
    /// `invalid_rate_card`: a rate card failed to parse or validate; the
    /// message starts with the JSON path of the first problem.
    InvalidRateCard,
    /// `invalid_request`: the request is malformed (wrong type, unknown field,
    /// an amount that is not a decimal string).
    InvalidRequest,
    /// `overflow`: an amount too large for exact decimal arithmetic.
    Overflow,
}

impl ErrorKind {
    /// The stable code, e.g. `"unknown_plan"`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::UnknownPreset => "unknown_preset",
            ErrorKind::UnknownPlan => "unknown_plan",
            ErrorKind::UnknownFeature => "unknown_feature",
            ErrorKind::InvalidOption => "invalid_option",
            ErrorKind::InvalidQuantity => "invalid_quantity",
            ErrorKind::PlanLimit => "plan_limit",
            ErrorKind::NotAvailable => "not_available",
            ErrorKind::InvalidRateCard => "invalid_rate_card",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Overflow => "overflow",
        }
    }
}

/// An engine error: a [`ErrorKind`] and a message for people that names the
/// offending field and, where there is a closed set, the valid values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", kind.code())]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Builds an error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code, e.g. `"invalid_quantity"` (see [`ErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The message for people.
    pub fn message(&self) -> &str {
        &self.message
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

/// Lists valid values for an error message: `"a", "b", "c"`.
pub(crate) fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let list: Vec<String> = values.into_iter().map(|v| format!("\"{v}\"")).collect();
    list.join(", ")
}
