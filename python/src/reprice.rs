//! Reprice: two replays of the same events (the old price book and the new)
//! joined by customer: what each pays under each, the change, and a summary
//! (totals, customers up, down and the same, the change's p50, p95 and max).

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray, Decimal128Array, Decimal128Builder, RecordBatch, StringBuilder};
use arrow::datatypes::{DataType, Decimal128Type, Field, Schema};
use arrow::pyarrow::PyArrowType;
use pyo3::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{scaled, ReplayError, SCALE};

fn err(e: impl std::fmt::Display) -> PyErr {
    ReplayError::new_err(e.to_string())
}

/// The `(customer, spent)` pairs of a replay's output.
fn spent(batch: &RecordBatch, which: &str) -> PyResult<Vec<(String, Decimal)>> {
    let customer = batch.column_by_name("customer").ok_or_else(|| err(format!("{which}: no customer column")))?.as_string::<i32>();
    let spent: &Decimal128Array = batch.column_by_name("spent").ok_or_else(|| err(format!("{which}: no spent column")))?.as_primitive::<Decimal128Type>();
    Ok((0..batch.num_rows()).map(|i| (customer.value(i).to_string(), Decimal::from_i128_with_scale(spent.value(i), SCALE))).collect())
}

/// The value at rank ⌈p × n⌉ of `sorted` (nearest rank; the first for p = 0).
fn nearest_rank(sorted: &[Decimal], p: Decimal) -> Decimal {
    let n = Decimal::from(sorted.len());
    let rank = p.checked_mul(n).unwrap_or(n).ceil().to_string().parse::<usize>().unwrap_or(1).max(1);
    sorted.get(rank.saturating_sub(1)).or(sorted.last()).copied().unwrap_or(Decimal::ZERO)
}

/// `old` and `new` (two replay outputs of the same events) joined by customer:
/// `(diff batch, summary as JSON text)`. `change_pct` is the change over the old
/// figure × 100, rounded half away from zero to 2 places; null when the old is 0.
/// Percentiles are by nearest rank over the customers' changes.
#[pyfunction]
pub fn reprice_batches(old: PyArrowType<RecordBatch>, new: PyArrowType<RecordBatch>) -> PyResult<(PyArrowType<RecordBatch>, String)> {
    let old = spent(&old.0, "old")?;
    let new: HashMap<String, Decimal> = spent(&new.0, "new")?.into_iter().collect();
    let mut names = StringBuilder::new();
    let money = || Decimal128Builder::new().with_precision_and_scale(38, SCALE as i8).map_err(err);
    let (mut b_old, mut b_new, mut b_change, mut b_pct) = (money()?, money()?, money()?, money()?);
    let (mut total_old, mut total_new) = (Decimal::ZERO, Decimal::ZERO);
    let (mut up, mut down, mut same) = (0u64, 0u64, 0u64);
    let mut changes = Vec::with_capacity(old.len());
    for (customer, o) in &old {
        let n = *new.get(customer).ok_or_else(|| err(format!("customer {customer} is in the old replay, not the new")))?;
        let change = n.checked_sub(*o).ok_or_else(|| err("overflow"))?;
        names.append_value(customer);
        b_old.append_value(scaled(*o)?);
        b_new.append_value(scaled(n)?);
        b_change.append_value(scaled(change)?);
        if o.is_zero() {
            b_pct.append_null();
        } else {
            let pct = change.checked_div(*o).and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED)).ok_or_else(|| err("overflow"))?;
            let pct = pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            b_pct.append_value(scaled(pct)?);
        }
        total_old = total_old.checked_add(*o).ok_or_else(|| err("overflow"))?;
        total_new = total_new.checked_add(n).ok_or_else(|| err("overflow"))?;
        match change.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => up += 1,
            std::cmp::Ordering::Less => down += 1,
            std::cmp::Ordering::Equal => same += 1,
        }
        changes.push(change);
    }
    changes.sort();
    let money_t = DataType::Decimal128(38, SCALE as i8);
    let schema = Schema::new(vec![
        Field::new("customer", DataType::Utf8, false),
        Field::new("spent_old", money_t.clone(), false),
        Field::new("spent_new", money_t.clone(), false),
        Field::new("change", money_t.clone(), false),
        Field::new("change_pct", money_t, true),
    ]);
    let columns: Vec<ArrayRef> = vec![Arc::new(names.finish()), Arc::new(b_old.finish()), Arc::new(b_new.finish()), Arc::new(b_change.finish()), Arc::new(b_pct.finish())];
    let batch = RecordBatch::try_new(Arc::new(schema), columns).map_err(err)?;
    let summary = serde_json::json!({
        "customers": old.len(),
        "total_old": total_old.normalize().to_string(),
        "total_new": total_new.normalize().to_string(),
        "total_change": total_new.checked_sub(total_old).ok_or_else(|| err("overflow"))?.normalize().to_string(),
        "up": up, "down": down, "same": same,
        "p50_change": nearest_rank(&changes, Decimal::new(5, 1)).normalize().to_string(),
        "p95_change": nearest_rank(&changes, Decimal::new(95, 2)).normalize().to_string(),
        "max_change": changes.last().copied().unwrap_or(Decimal::ZERO).normalize().to_string(),
        "percentiles": "nearest rank",
    });
    Ok((PyArrowType(batch), summary.to_string()))
}

