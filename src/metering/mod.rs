//! Metering: turns one item (a feature, its duration or count, its options)
//! into billed units and an amount in the card's unit, with the explanation.
//!
//! The steps, each a rule of the rate card, never of a preset, one file each
//! in this order:
//! 1. `options.rs`: defaults applied, unknown ids and values refused, the
//!    plan's caps and gates checked, the multipliers of boolean options;
//! 2. `rate.rs`: the first [`RateRule`](crate::rate_card::RateRule) whose
//!    `when` matches the enum options;
//! 3. `input.rs`: seconds rounded **up** to whole seconds, counts whole;
//!    the feature's bounds and the plan's longest video;
//! 4. `increments.rs`: increments (`ceil` or `floor_plus_one`) and the
//!    per-item minimum;
//! 5. `allowance.rs`: the plan's allowance for the period, net of usage so far;
//! 6. `amount.rs`: `billed × rate` (`/ 60` per minute; flat per video), times
//!    each multiplier, rounded once from the exact quotient by the card's
//!    named rounding mode;
//! 7. `explain.rs`: the English explanation, built only when asked for.
//!
//! Errors carry a path relative to the item (`seconds`, `options.mode`); the
//! caller adds where the item is (`items[2]`).
//!
//! # Adding a pricing rule
//! 1. Add the field to the rate card's types (`rate_card/mod.rs`, with its
//!    docstring: it becomes the JSON Schema) and its check to
//!    `rate_card/validate.rs`.
//! 2. Apply it in the one step above where it belongs (a new step gets its
//!    own file, called from `Resolved::meter` in order).
//! 3. If it changes what an item costs, give [`Metered`] (and so the quote
//!    line) the part a page needs to write the sentence itself, and extend
//!    `explain.rs`.
//! 4. Add rows to `tests/cases.json` with values from the article.
//!
//! **Invariant** that `RateEngine::capacity` (`planner::capacity`)
//! relies on: for a fixed feature, options and usage, the cost never
//! decreases as the duration or count grows (its binary search depends on
//! it). A rule that breaks this must change the search too.

use rust_decimal::Decimal;
use std::borrow::Cow;

use crate::rate_card::PlanRef;
use crate::error::Result;
use crate::rate_card::{Allowance, Feature, Per, RateCard};
use crate::request::Item;

mod allowance;
mod amount;
mod explain;
mod increments;
mod input;
mod options;
mod rate;

/// One metered item, before it becomes a quote line. Borrows the rate
/// card's strings (`'c`): nothing is copied until a quote line needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metered<'c> {
    /// Amount in the card's unit, rounded by the card's rounding.
    pub amount: Decimal,
    /// Input units billed (seconds or count) after increments and minimum.
    pub billed: Decimal,
    /// Of `billed`, how much the plan's allowance covered.
    pub included: Decimal,
    /// The input as metered (seconds rounded up to whole seconds, or the
    /// count), before increments and minimum.
    pub units: Decimal,
    /// The rate applied, in the card's unit per `per`.
    pub rate: Decimal,
    /// What the rate is per.
    pub per: Per,
    /// The product of the boolean options' multipliers (1 when none).
    pub multiplier: Decimal,
    /// How the amount was reached, for people (empty unless asked for).
    pub explanation: String,
    /// With the explanation: the amount before the card's rounding, when
    /// rounding changed it (`"30.333333…"`: at most six places, "…" when cut).
    pub exact: Option<String>,
    /// The article (publisher, title) and section of the rate used; with the
    /// explanation, also of each multiplier applied (its own section) and of
    /// the allowance when one applied.
    pub source: Cow<'c, str>,
    /// The feature's display name.
    pub name: &'c str,
}

/// Meters `item` on `plan`. With `explain` false the explanation is left
/// empty (cheaper: for curves and capacity searches). `used` is the
/// feature's usage so far this period, in its input unit, for allowances.
///
/// # Errors
/// `unknown_feature`, `not_available`, `invalid_option`, `invalid_quantity`,
/// `plan_limit`, `overflow`; each with the field's path inside the item
/// (`seconds`, `options.resolution`).
pub fn meter<'c>(
    card: &'c RateCard,
    plan: PlanRef<'c>,
    item: &Item,
    used: Decimal,
    explain: bool,
) -> Result<Metered<'c>> {
    resolve(card, plan, item)?.meter(item, used, explain)
}

/// What metering an item takes from the rate card once its feature and
/// options are known: the rate, the multipliers and the allowance. A curve
/// or a capacity search resolves once, then meters many sizes.
#[derive(Debug, Clone)]
pub(crate) struct Resolved<'c> {
    card: &'c RateCard,
    plan: PlanRef<'c>,
    feature: &'c Feature,
    rate: rate::Rate<'c>,
    multipliers: options::Multipliers<'c>,
    /// The plan's allowance that fits the options, if any.
    allowance: Option<&'c Allowance>,
}

/// Steps 1 and 2 of [`meter`], and the choice of allowance of step 5: checks
/// the item's feature and options and picks the rate. Ignores the item's size.
///
/// # Errors
/// As [`meter`], but for the size's `invalid_quantity` and `plan_limit`.
pub(crate) fn resolve<'c>(card: &'c RateCard, plan: PlanRef<'c>, item: &Item) -> Result<Resolved<'c>> {
    let feature = options::feature(card, plan, item)?;
    let (enums, multipliers) = options::choose(plan, feature, item)?;
    let rate = rate::select(feature, &enums, &item.feature)?;
    let allowance = allowance::choose(plan.plan, &item.feature, &enums);
    Ok(Resolved {
        card,
        plan,
        feature,
        rate,
        multipliers,
        allowance,
    })
}

impl<'c> Resolved<'c> {
    /// Whether the rate is per video (a flat price for a video of any
    /// length): its capacity is counted in videos, not seconds.
    pub(crate) fn per_video(&self) -> bool {
        self.rate.per == crate::rate_card::Per::Video
    }

    /// Steps 3 to 7 of [`meter`]: `item`'s size on the resolved rate.
    ///
    /// # Errors
    /// `invalid_quantity`, `plan_limit`, `overflow`.
    pub(crate) fn meter(&self, item: &Item, used: Decimal, explain: bool) -> Result<Metered<'c>> {
        let card = self.card;
        let units = input::read(self.feature, self.plan, item)?;
        let mut how = explain::Explanation::new(explain, card, self.feature);
        how.start(units, self.rate.per);
        let billed = increments::apply(self.feature, units, &mut how)?;
        let included = allowance::included(self.allowance, billed, used, &mut how)?;
        let charged = billed.checked_sub(included).unwrap_or(Decimal::ZERO);
        let amount = amount::compute(card, &self.rate, &self.multipliers, charged)?;
        let (explanation, exact) = how.finish(&self.rate, &self.multipliers, included, charged, &amount)?;
        // The multipliers' and the allowance's sections are cited with the
        // explanation (a summary, a curve or a capacity search needs neither).
        let mut source = Cow::Borrowed(self.rate.source);
        for (m, label, cited) in self.multipliers.list.iter().filter(|_| explain) {
            if let Some(cited) = cited {
                source = Cow::Owned(format!("{source}; ×{m} ({label}): {cited}"));
            }
        }
        if let Some(a) = self.allowance.filter(|_| explain && included > Decimal::ZERO) {
            source = Cow::Owned(format!("{source}; allowance: {}", a.source));
        }
        Ok(Metered {
            amount: amount.rounded,
            billed,
            included,
            units,
            rate: self.rate.rate,
            per: self.rate.per,
            multiplier: self.multipliers.product,
            explanation,
            exact,
            source,
            name: &self.feature.name,
        })
    }
}
