//! The rate card's JSON Schema, generated from the types in this module.

use super::RateCard;
use crate::limits::MAX_BOOK_VERSIONS;

/// The JSON Schema (draft 2020-12) of the rate-card format, generated from
/// these types, as pretty-printed JSON text: a rate card, or a price book
/// (an array of 1 to [`MAX_BOOK_VERSIONS`] versions of one card; the rules
/// across versions, one id and `effectiveFrom` increasing, are checked on
/// load). The repository ships it as `schema/rate-card.schema.json`; a test
/// keeps the two identical.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RateCard);
    let mut card = serde_json::to_value(&schema).unwrap_or_default();
    let defs = card.as_object_mut().and_then(|o| o.remove("$defs")).unwrap_or_default();
    let dialect = card.as_object_mut().and_then(|o| o.remove("$schema")).unwrap_or_default();
    let mut defs = match defs {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    defs.insert("RateCard".into(), card);
    let root = serde_json::json!({
        "$id": "https://ratecard.invalid/rate-card.schema.json",
        "$schema": dialect,
        "title": "RateCard or PriceBook",
        "description": "A rate card, or a price book: the versions of one rate card, oldest first, each after the first with `effectiveFrom`.",
        "oneOf": [
            { "$ref": "#/$defs/RateCard" },
            { "type": "array", "minItems": 1, "maxItems": MAX_BOOK_VERSIONS, "items": { "$ref": "#/$defs/RateCard" } }
        ],
        "$defs": defs,
    });
    serde_json::to_string_pretty(&root).unwrap_or_default()
}
