//! Step 2: the rate. A feature has one `rate` with `per`, or a list of
//! `rates`; the first whose `when` matches the chosen enum values applies.

use indexmap::IndexMap;
use rust_decimal::Decimal;

use crate::error::{Error, ErrorKind, Result};
use crate::rate_card::{Feature, OneOrMany, Per};

/// The rate that applies, and the source it names.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rate<'c> {
    /// In the card's unit per `per`.
    pub rate: Decimal,
    /// What the rate is per.
    pub per: Per,
    /// The rate rule's source, else the feature's.
    pub source: &'c str,
}

/// Whether every entry of `when` matches the chosen enum values.
pub(super) fn fits(when: &IndexMap<String, OneOrMany>, enums: &[(&str, &str)]) -> bool {
    when.iter().all(|(k, w)| {
        enums
            .iter()
            .find(|(key, _)| *key == k.as_str())
            .is_some_and(|(_, v)| w.matches(v))
    })
}

/// The feature's rate for these enum values.
///
/// # Errors
/// `invalid_option` at `options` when no rate fits (validation makes this
/// unreachable for a loaded card).
pub(super) fn select<'c>(feature: &'c Feature, enums: &[(&str, &str)], feature_id: &str) -> Result<Rate<'c>> {
    if let (Some(rate), Some(per)) = (feature.rate, feature.per) {
        return Ok(Rate {
            rate: rate.0,
            per,
            source: &feature.source,
        });
    }
    let rule = feature.rates.iter().find(|r| fits(&r.when, enums)).ok_or_else(|| {
        Error::at(
            ErrorKind::InvalidOption,
            "options",
            format!("no rate of \"{feature_id}\" fits these options"),
        )
    })?;
    Ok(Rate {
        rate: rule.rate.0,
        per: rule.per,
        source: rule.source.as_deref().unwrap_or(&feature.source),
    })
}
