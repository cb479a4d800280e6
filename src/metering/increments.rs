//! Step 4: increments and the per-item minimum. `ceil` bills started
//! increments (1–30 s is one 30 s increment); `floor_plus_one` counts as the
//! API article's table does (0:30 is already two). Then the minimum.

use rust_decimal::Decimal;

use super::explain::Explanation;
use crate::error::Result;
use crate::money::{self, ceil_whole, floor_whole};
use crate::rate_card::{Feature, IncrementRule};

/// The units billed for `raw` input units.
///
/// # Errors
/// `overflow`.
pub(super) fn apply(feature: &Feature, raw: Decimal, how: &mut Explanation) -> Result<Decimal> {
    let mut billed = raw;
    if let Some(inc) = feature.increment {
        let ratio = money::div(raw, inc.0, "increment")?;
        let n = match feature.increment_rule {
            IncrementRule::Ceil => ceil_whole(ratio),
            IncrementRule::FloorPlusOne => money::add(floor_whole(ratio), Decimal::ONE, "increment")?,
        };
        billed = money::mul(n, inc.0, "increment")?;
        if billed != raw {
            how.increments(n, inc.0, billed);
        }
    }
    if let Some(min) = feature.minimum.filter(|m| billed < m.0) {
        billed = min.0;
        how.minimum(min.0);
    }
    Ok(billed)
}
