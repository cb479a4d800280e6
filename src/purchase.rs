//! Purchases: buying N of a plan's product ([`buy`]), and the options a
//! short quote offers ([`options`]: packs, top-ups, upgrades), cheapest first.
//! Prices are rounded half-up to the currency's minor unit.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rate_card::PlanRef;
use crate::error::{one_of, Error, ErrorKind, Result};
use crate::limits::MAX_QUANTITY;
use crate::money::{self, ceil_whole, DecimalString, RoundingMode};
use crate::rate_card::{Period, Plan, Product, ProductKind, RateCard, UpgradeCharge};
use crate::request::BuyPacksRequest;

/// What kind of purchase an option is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PurchaseKind {
    /// N one-time (or recurring) credit packs or blocks.
    Pack,
    /// A wallet top-up.
    TopUp,
    /// Moving to a larger plan.
    Upgrade,
    /// Renewing the plan now (it replaces the current cycle; one at a time).
    Renewal,
}

impl PurchaseKind {
    /// `"pack"`, `"top_up"`, `"upgrade"` or `"renewal"`, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseKind::Pack => "pack",
            PurchaseKind::TopUp => "top_up",
            PurchaseKind::Upgrade => "upgrade",
            PurchaseKind::Renewal => "renewal",
        }
    }
}

/// A way to cover a quote's shortfall.
///
/// JS shape: `{ kind, product, name, quantity, credits, price, currency,
/// period, balanceAfter }`; `credits` and `balanceAfter` in the card's unit,
/// `price` in `currency` to the cent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
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
    /// Credits added now, in the card's unit. For an upgrade mid-cycle on
    /// the web plans: the new plan's allowance minus the current one (“How
    /// to Use Credits on HeyGen” § What happens if I upgrade mid-cycle?); on
    /// standalone subscriptions (the API plans): the new plan's whole allowance.
    pub credits: DecimalString,
    /// Price in `currency`, to the cent. For an upgrade on the web plans: the
    /// difference in price per period (the most a mid-cycle proration
    /// charges); on standalone subscriptions: the new plan's price.
    pub price: DecimalString,
    /// ISO 4217 code of `price`.
    pub currency: String,
    /// `"once"`, `"month"` or `"year"`.
    pub period: Period,
    /// The quote's balance after this purchase, in the card's unit.
    pub balance_after: DecimalString,
    /// For an upgrade, what `price` is: `"prorated_difference"` (the web
    /// plans: the most a mid-cycle proration charges) or `"new_subscription"`
    /// (the API plans: the new plan's full price, starting today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<UpgradeCharge>,
    /// Whether it covers the shortfall (`balanceAfter` ≥ 0). Options that do
    /// not rank after every option that does; a renewal is never suggested
    /// more than once, so it may not.
    pub covers: bool,
}

/// The result of [`buy`] (and of `RateEngine::buy_packs`).
///
/// JS shape: `{ product, name, quantity, credits, price, currency, period }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(target_arch = "wasm32", not(feature = "lite")), derive(tsify::Tsify))]
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

/// The plan's product bought `billing` (absent: its first product), and how
/// many months one unit covers: 12 for a monthly add-on billed yearly when
/// the plan has no yearly product (AI Studios: “reset monthly or annually
/// depending on your billing cycle”: 12 × its price once, 12 × its credits at
/// once), else 1.
///
/// # Errors
/// `not_available` at `billing` for a plan billed monthly only asked for
/// `year`, or no product billed that way; at `plan` when it sells none.
fn choose<'c>(card: &'c RateCard, plan: PlanRef<'c>, billing: Option<Period>) -> Result<(&'c String, u32)> {
    let id = plan.id;
    let plan = plan.plan;
    if let (Some(Period::Year), Some(why)) = (billing, plan.monthly_only.as_ref()) {
        return Err(crate::rate_card::monthly_only(plan, why));
    }
    let billed = |period: Period| -> Option<&String> {
        plan.products
            .iter()
            .find(|p| card.products.get(*p).is_some_and(|prod| period == prod.period))
    };
    let addon = |p: &&String| card.products.get(*p).is_some_and(Product::is_recurring_addon);
    let chosen = match billing {
        None => plan.products.iter().find(|p| card.products.contains_key(*p)).map(|p| (p, 1)),
        Some(Period::Year) => billed(Period::Year)
            .map(|p| (p, 1))
            .or_else(|| billed(Period::Month).filter(addon).map(|p| (p, 12))),
        Some(b) => billed(b).map(|p| (p, 1)),
    };
    if let Some(found) = chosen {
        return Ok(found);
    }
    if plan.products.is_empty() {
        let what = plan.purchase_note.clone().unwrap_or_else(|| "it sells no packs".into());
        return Err(Error::at(
            ErrorKind::NotAvailable,
            "plan",
            format!("\"{}\" cannot buy packs: {what}", id),
        ));
    }
    let periods: Vec<&str> = plan
        .products
        .iter()
        .filter_map(|p| card.products.get(p))
        .map(|p| p.period.as_str())
        .collect();
    Err(Error::at(
        ErrorKind::NotAvailable,
        "billing",
        format!("plan \"{}\" sells no product billed that way; billing: {}", id, one_of(periods)),
    ))
}

/// Buys `quantity` of the plan's product: the credits granted and the
/// price (e.g. heygen-credits business: 3 × 100-credit block = 300
/// credits for $15.00, “How to Use Credits on HeyGen” § Business credit one-time-pack).
///
/// # Errors
/// `unknown_plan`; `not_available` when the plan sells no product (the
/// message says what to do instead, e.g. upgrade); `invalid_quantity`
/// unless `quantity` is a whole number from 1 to [`MAX_QUANTITY`].
pub fn buy(card: &RateCard, plan: PlanRef<'_>, request: &BuyPacksRequest) -> Result<Purchase> {
    let quantity = whole_quantity(request.quantity.0, "quantity")?;
    let (product_id, months) = choose(card, plan, request.billing)?;
    let product = card
        .products
        .get(product_id)
        .ok_or_else(|| Error::at(ErrorKind::InvalidRateCard, "products", format!("\"{product_id}\" is missing")))?;
    if product.kind == ProductKind::Renewal && quantity != 1 {
        return Err(Error::at(
            ErrorKind::InvalidQuantity,
            "quantity",
            format!("\"{product_id}\" renews the plan now, which replaces it: one at a time, got {quantity}"),
        ));
    }
    let seats = match (product.per_seat, request.seats) {
        (true, Some(seats)) => Some(whole_quantity(seats.0, "seats")?),
        (true, None) => Some(1),
        (false, None) => None,
        (false, Some(_)) => {
            return Err(Error::at(
                ErrorKind::InvalidRequest,
                "seats",
                format!("\"{product_id}\" of plan \"{}\" is not priced per seat", plan.id),
            ))
        }
    };
    let q = money::mul(
        Decimal::from(quantity),
        Decimal::from(seats.unwrap_or(1)),
        "quantity × seats",
    )?;
    let q = money::mul(q, Decimal::from(months), "quantity × months")?;
    Ok(Purchase {
        product: product_id.clone(),
        name: product.name.clone(),
        quantity,
        seats,
        credits: money::plain(money::mul(q, product.credits.0, "credits")?).into(),
        price: card.money().round(money::mul(q, product.price.0, "price")?, RoundingMode::HalfUp).into(),
        currency: card.currency.clone(),
        period: if months == 12 { Period::Year } else { product.period },
    })
}

/// How many months of `product` one unit is when the plan is billed
/// `billing`, or `None` when it is not offered so: a recurring pack billed
/// that way is 1; billed yearly with no yearly pack on the plan, a monthly
/// add-on is 12; a one-time pack, a top-up or a renewal is 1 whatever the billing.
fn billed_months(card: &RateCard, plan: &Plan, product: &Product, billing: Period) -> Option<u32> {
    if !product.is_recurring_addon() || product.period == billing {
        return Some(1);
    }
    let yearly_pack = plan
        .products
        .iter()
        .any(|id| card.products.get(id).is_some_and(|p| p.period == Period::Year && p.is_recurring_addon()));
    (billing == Period::Year && product.period == Period::Month && !yearly_pack).then_some(12)
}

/// The purchases that add credits to a quote short by `shortfall`
/// (`balance_after` negative): for each product of the plan, the fewest
/// units that cover it (`ceil(shortfall / credits)`; a renewal is one); for
/// each upgrade, what the card's upgrade rule grants now. A recurring pack
/// follows the plan's `billing`: only those billed that way are offered,
/// and billed yearly with no yearly product a monthly add-on is offered at
/// 12 × its price and credits (see [`buy`]); one-time packs, top-ups and
/// renewals are offered whatever the billing.
///
/// Ranking: options that cover the shortfall first; then by price, the
/// cheapest first; at equal price, more credits first.
pub fn options(
    card: &RateCard,
    plan: &Plan,
    shortfall: Decimal,
    balance_after: Decimal,
    billing: Period,
) -> Result<Vec<PurchaseOption>> {

    let usd = card.money();
    let mut options = Vec::new();
    let charge = card.upgrade_charge();
    let option = |kind, product: &str, name: String, n: Decimal, credits: Decimal, price: Decimal, period| -> Result<PurchaseOption> {
        let after = money::add(balance_after, credits, "balanceAfter")?;
        Ok(PurchaseOption {
            kind,
            product: product.to_string(),
            name,
            quantity: whole_quantity(n, "purchase")?,
            credits: money::plain(credits).into(),
            price: usd.round(price, RoundingMode::HalfUp).into(),
            currency: card.currency.clone(),
            period,
            balance_after: card.shape_amount(after).into(),
            upgrade: (kind == PurchaseKind::Upgrade).then_some(charge),
            covers: after >= Decimal::ZERO,
        })
    };
    for id in &plan.products {
        let Some(p) = card.products.get(id) else { continue };
        let Some(months) = billed_months(card, plan, p, billing) else { continue };
        let (one_credits, one_price) = (
            money::mul(p.credits.0, Decimal::from(months), "credits")?,
            money::mul(p.price.0, Decimal::from(months), "price")?,
        );
        let period = if months == 12 { Period::Year } else { p.period };
        let kind = match p.kind {
            ProductKind::Renewal => PurchaseKind::Renewal,
            ProductKind::Pack => PurchaseKind::Pack,
            ProductKind::TopUp => PurchaseKind::TopUp,
        };
        let n = if p.kind == ProductKind::Renewal {
            Decimal::ONE
        } else {
            ceil_whole(money::div(shortfall, one_credits, "shortfall")?).max(Decimal::ONE)
        };
        if n > Decimal::from(MAX_QUANTITY) {
            // More than can be bought at once: not an option (the quote says
            // that nothing it can buy covers the shortfall).
            continue;
        }
        let credits = money::mul(n, one_credits, "credits")?;
        let price = money::mul(n, one_price, "price")?;
        options.push(option(kind, id, p.name.clone(), n, credits, price, period)?);
    }
    let restart = charge == UpgradeCharge::NewSubscription;
    for id in &plan.upgrades {
        let Some(target) = card.plans.get(id) else { continue };
        let (Some(to), Some(from)) = (target.price, plan.price) else {
            continue;
        };
        let (credits, price) = if restart {
            (target.included.0, to.0)
        } else {
            (money::sub(target.included.0, plan.included.0, "credits")?, money::sub(to.0, from.0, "price")?.max(Decimal::ZERO))
        };
        if credits <= Decimal::ZERO {
            continue;
        }
        let name = format!("Upgrade to {}", target.name);
        options.push(option(PurchaseKind::Upgrade, id, name, Decimal::ONE, credits, price, target.period)?);
    }
    crate::sort::insertion_sort(&mut options, |a, b| {
        b.covers
            .cmp(&a.covers)
            .then(a.price.cmp(&b.price))
            .then(b.credits.cmp(&a.credits))
    });
    Ok(options)
}
