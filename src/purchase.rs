//! Purchases: buying N of a plan's product ([`buy`]), and the options a
//! short quote offers ([`options`]: packs, top-ups, upgrades), cheapest first.
//! Prices are rounded half-up to the currency's minor unit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::MAX_QUANTITY;
use crate::money::{self, ceil_whole, DecimalString, RoundingMode};
use crate::rate_card::{Period, Plan, ProductKind, RateCard};
use crate::request::BuyPacksRequest;

/// What kind of purchase an option is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseKind {
    /// N one-time (or recurring) credit packs or blocks.
    Pack,
    /// A wallet top-up.
    TopUp,
    /// Moving to a larger plan.
    Upgrade,
}

/// A way to cover a quote's shortfall.
///
/// JS shape: `{ kind, product, name, quantity, credits, price, currency,
/// period, balanceAfter }`; `credits` and `balanceAfter` in the card's unit,
/// `price` in `currency` to the cent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PurchaseOption {
    /// Pack, top-up or upgrade.
    pub kind: PurchaseKind,
    /// Product id, or the target plan id for an upgrade.
    pub product: String,
    /// Display name.
    pub name: String,
    /// How many units of the product (1 for an upgrade).
    pub quantity: u32,
    /// Credits added now, in the card's unit. For an upgrade mid-cycle: the
    /// new plan's allowance minus the current one (“How to Use Credits on HeyGen”, “What happens if
    /// I upgrade mid-cycle?”).
    pub credits: DecimalString,
    /// Price in `currency`, to the cent. For an upgrade: the difference in
    /// price per period (the most a mid-cycle proration charges).
    pub price: DecimalString,
    /// ISO 4217 code of `price`.
    pub currency: String,
    /// `"once"`, `"month"` or `"year"`.
    pub period: Period,
    /// The quote's balance after this purchase, in the card's unit.
    pub balance_after: DecimalString,
}

/// The result of [`buy`] (and of `RateEngine::buy_packs`).
///
/// JS shape: `{ product, name, quantity, credits, price, currency, period }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Purchase {
    /// Product id.
    pub product: String,
    /// Display name.
    pub name: String,
    /// Units bought.
    pub quantity: u32,
    /// Seats, for a product priced per seat (price and credits are per seat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Credits granted, in the card's unit.
    pub credits: DecimalString,
    /// Price in `currency`, to the cent.
    pub price: DecimalString,
    /// ISO 4217 code.
    pub currency: String,
    /// `"once"`, or the period it renews.
    pub period: Period,
}

fn whole_quantity(q: Decimal, field: &str) -> Result<u32> {
    if q <= Decimal::ZERO || q.fract() != Decimal::ZERO || q > Decimal::from(MAX_QUANTITY) {
        return Err(Error::at(
            ErrorKind::InvalidQuantity,
            field,
            format!("a whole number from 1 to {MAX_QUANTITY}, got {q}"),
        ));
    }
    rust_decimal::prelude::ToPrimitive::to_u32(&q).ok_or_else(|| Error::at(ErrorKind::InvalidQuantity, field, "out of range"))
}

/// Buys `quantity` of the plan's product: the credits granted and the
/// price (e.g. heygen-credits business: 3 × 100-credit block = 300
/// credits for $15.00, “How to Use Credits on HeyGen” § Business credit one-time-pack).
///
/// # Errors
/// `unknown_plan`; `not_available` when the plan sells no product (the
/// message says what to do instead, e.g. upgrade); `invalid_quantity`
/// unless `quantity` is a whole number from 1 to [`MAX_QUANTITY`].
pub fn buy(card: &RateCard, plan_id: &str, plan: &Plan, request: &BuyPacksRequest) -> Result<Purchase> {
    let quantity = whole_quantity(request.quantity.0, "quantity")?;
    let candidates: Vec<&String> = plan
        .products
        .iter()
        .filter(|p| {
            card.products
                .get(*p)
                .is_some_and(|prod| request.billing.is_none_or(|b| prod.period == b))
        })
        .collect();
    let Some(product_id) = candidates.first() else {
        if plan.products.is_empty() {
            let what = plan.purchase_note.clone().unwrap_or_else(|| "it sells no packs".into());
            return Err(Error::at(
                ErrorKind::NotAvailable,
                "plan",
                format!("\"{plan_id}\" cannot buy packs: {what}"),
            ));
        }
        let periods: Vec<&str> = plan
            .products
            .iter()
            .filter_map(|p| card.products.get(p))
            .map(|p| p.period.as_str())
            .collect();
        return Err(Error::at(
            ErrorKind::NotAvailable,
            "billing",
            format!("plan \"{plan_id}\" sells no product billed that way; billing: {}", one_of(periods)),
        ));
    };
    let product = card
        .products
        .get(*product_id)
        .ok_or_else(|| Error::at(ErrorKind::InvalidRateCard, "products", format!("\"{product_id}\" is missing")))?;
    let seats = match (product.per_seat, request.seats) {
        (true, Some(seats)) => Some(whole_quantity(seats.0, "seats")?),
        (true, None) => Some(1),
        (false, None) => None,
        (false, Some(_)) => {
            return Err(Error::at(
                ErrorKind::InvalidRequest,
                "seats",
                format!("\"{product_id}\" of plan \"{plan_id}\" is not priced per seat"),
            ))
        }
    };
    let q = money::mul(
        Decimal::from(quantity),
        Decimal::from(seats.unwrap_or(1)),
        "quantity × seats",
    )?;
    Ok(Purchase {
        product: (*product_id).clone(),
        name: product.name.clone(),
        quantity,
        seats,
        credits: money::plain(money::mul(q, product.credits.0, "credits")?).into(),
        price: card.money().round(money::mul(q, product.price.0, "price")?, RoundingMode::HalfUp).into(),
        currency: card.currency.clone(),
        period: product.period,
    })
}

/// The purchases that add credits to a quote short by `shortfall`
/// (`balance_after` negative), cheapest first: for each product of the plan,
/// the fewest units that cover it (`ceil(shortfall / credits)`); for each
/// upgrade, the credits the new plan adds now.
pub fn options(
    card: &RateCard,
    plan: &Plan,
    shortfall: Decimal,
    balance_after: Decimal,
) -> Result<Vec<PurchaseOption>> {
    let usd = card.money();
    let mut options = Vec::new();
    for id in &plan.products {
        let Some(p) = card.products.get(id) else { continue };
        let n = ceil_whole(money::div(shortfall, p.credits.0, "shortfall")?).max(Decimal::ONE);
        let quantity = whole_quantity(n, "purchase quantity")?;
        let credits = money::mul(n, p.credits.0, "credits")?;
        options.push(PurchaseOption {
            kind: match p.kind {
                ProductKind::Pack => PurchaseKind::Pack,
                ProductKind::TopUp => PurchaseKind::TopUp,
            },
            product: id.clone(),
            name: p.name.clone(),
            quantity,
            credits: money::plain(credits).into(),
            price: usd.round(money::mul(n, p.price.0, "price")?, RoundingMode::HalfUp).into(),
            currency: card.currency.clone(),
            period: p.period,
            balance_after: money::plain(money::add(balance_after, credits, "balanceAfter")?).into(),
        });
    }
    for id in &plan.upgrades {
        let Some(target) = card.plans.get(id) else { continue };
        let (Some(to), Some(from)) = (target.price, plan.price) else {
            continue;
        };
        let credits = money::sub(target.included.0, plan.included.0, "credits")?;
        if credits <= Decimal::ZERO {
            continue;
        }
        options.push(PurchaseOption {
            kind: PurchaseKind::Upgrade,
            product: id.clone(),
            name: format!("Upgrade to {}", target.name),
            quantity: 1,
            credits: money::plain(credits).into(),
            price: usd.round(money::sub(to.0, from.0, "price")?.max(Decimal::ZERO), RoundingMode::HalfUp).into(),
            currency: card.currency.clone(),
            period: target.period,
            balance_after: money::plain(money::add(balance_after, credits, "balanceAfter")?).into(),
        });
    }
    options.sort_by_key(|o| o.price.0);
    Ok(options)
}
