//! The rate card's JSON Schema, generated from the types in this module.

use super::RateCard;

/// The JSON Schema (draft 2020-12) of the rate-card format, generated from
/// these types, as pretty-printed JSON text. The repository ships it as
/// `schema/rate-card.schema.json`; a test keeps the two identical.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(RateCard);
    schema.insert("$id".into(), "https://ratecard.invalid/rate-card.schema.json".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
