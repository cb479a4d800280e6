//! Step 7: the explanation, in English: `"90 s × 20 credits/min = 30
//! credits"`, `"1 video × 90 credits = 90 credits"` (a flat rate per video). Built step by step as metering goes, and only when asked for:
//! with `explain` false every call here does nothing (curves and capacity
//! searches meter thousands of sizes). The quote line carries the same parts
//! as data, so a page can write the sentence in its own words.

use rust_decimal::Decimal;

use super::amount::Amount;
use super::options::Multipliers;
use super::rate::Rate;
use crate::error::Result;
use crate::limits::EXPLANATION_DP;
use crate::money::{self, RoundingMode};
use crate::rate_card::{Feature, Input, Per, RateCard};

/// `n` in the feature's input unit: `"90 s"`, `"1 look"`, `"4 looks"`.
pub(super) fn unit_text(feature: &Feature, n: Decimal) -> String {
    if feature.input == Input::Seconds {
        return format!("{n} s");
    }
    let one = feature.unit_name.as_deref().unwrap_or("unit");
    if n == Decimal::ONE {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn sing_plural<'a>(n: Decimal, one: &'a str, many: &'a str) -> &'a str {
    if n == Decimal::ONE {
        one
    } else {
        many
    }
}

/// The explanation being built (`None` when not asked for).
pub(super) struct Explanation<'c> {
    text: Option<String>,
    card: &'c RateCard,
    feature: &'c Feature,
}

impl<'c> Explanation<'c> {
    pub(super) fn new(explain: bool, card: &'c RateCard, feature: &'c Feature) -> Self {
        Explanation {
            text: explain.then(String::new),
            card,
            feature,
        }
    }

    fn unit(&self, n: Decimal) -> String {
        unit_text(self.feature, n)
    }

    fn push(&mut self, part: impl FnOnce(&Self) -> String) {
        if self.text.is_some() {
            let s = part(self);
            if let Some(text) = &mut self.text {
                text.push_str(&s);
            }
        }
    }

    /// The input as metered; for a flat rate per video, one video (its
    /// length does not count).
    pub(super) fn start(&mut self, units: Decimal, per: Per) {
        if per == Per::Video {
            self.push(|_| "1 video".to_string());
        } else {
            self.push(|e| e.unit(units));
        }
    }

    /// Increments changed the billed units.
    pub(super) fn increments(&mut self, n: Decimal, inc: Decimal, billed: Decimal) {
        self.push(|e| format!(" → {n} × {} = {}", e.unit(inc), e.unit(billed)));
    }

    /// The minimum applied.
    pub(super) fn minimum(&mut self, min: Decimal) {
        self.push(|e| format!(" → the {} minimum", e.unit(min)));
    }

    /// The allowance covered `included` of `billed`.
    pub(super) fn allowance(&mut self, included: Decimal, billed: Decimal, label: &str) {
        self.push(|e| {
            if included == billed {
                format!(": all included in plan ({label})")
            } else {
                format!(", {} included in plan ({label})", e.unit(included))
            }
        });
    }

    fn rate_text(&self, rate: &Rate) -> String {
        let card = self.card;
        let u = sing_plural(rate.rate, &card.unit_singular, &card.unit);
        let r = rate.rate;
        match rate.per {
            Per::Second => format!("{r} {u}/s"),
            Per::Minute => format!("{r} {u}/min"),
            Per::Each => format!("{r} {u}/{}", self.feature.unit_name.as_deref().unwrap_or("unit")),
            Per::Video => format!("{r} {u}"),
        }
    }

    /// The rate, the multipliers, the amount and how it was rounded: the
    /// finished text, and the exact amount when rounding changed it
    /// (`"30.333333…"`, at most [`EXPLANATION_DP`] places); empty and none
    /// when not asked for.
    ///
    /// # Errors
    /// `overflow`.
    pub(super) fn finish(
        mut self,
        rate: &Rate,
        multipliers: &Multipliers,
        included: Decimal,
        charged: Decimal,
        amount: &Amount,
    ) -> Result<(String, Option<String>)> {
        let Some(mut how) = self.text.take() else {
            return Ok((String::new(), None));
        };
        let card = self.card;
        let shown = amount.rounded;
        if charged == Decimal::ZERO {
            how.push_str(&format!(" = 0 {}", card.unit));
            return Ok((how, None));
        }
        if included > Decimal::ZERO {
            how.push_str(&format!("; {} charged", self.unit(charged)));
        }
        how.push_str(&format!(" × {}", self.rate_text(rate)));
        for (m, label, _) in &multipliers.list {
            how.push_str(&format!(" × {m} ({label})"));
        }
        let unit = sing_plural(shown, &card.unit_singular, &card.unit);
        how.push_str(&format!(" = {shown} {unit}"));
        let exact = money::div(amount.numerator, amount.denominator, "amount")?;
        if exact != shown && exact.normalize() != shown.normalize() {
            let exact = shown_exact(exact);
            how.push_str(&format!(" (exactly {exact}, rounded {} to {} places)", card.rounding.mode.name(), card.rounding.dp));
            return Ok((how, Some(exact)));
        }
        Ok((how, None))
    }
}

/// An exact amount for an explanation: at most [`EXPLANATION_DP`] decimal
/// places, with "…" when more were cut (`33.333333…`).
fn shown_exact(exact: Decimal) -> String {
    let exact = exact.normalize();
    if exact.scale() <= EXPLANATION_DP {
        exact.to_string()
    } else {
        format!("{}…", RoundingMode::Down.round(exact, EXPLANATION_DP))
    }
}
