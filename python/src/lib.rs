//! `ratecard._ratecard`: the Python adapter of the replay kernel
//! (`ratecard::replay`). Events cross as Arrow record batches, never row by
//! row through Python: a [`Replayer`] reads each batch's columns, groups the
//! rows by customer, and replays each customer once with the same crate that
//! prices the checkout; its results come back as one record batch.
//!
//! Two ways to group: `grouped=False` keeps every customer's rows until
//! `finish` (rows may arrive in any order; memory grows with the rows), and
//! `grouped=True` replays each customer as soon as the next one starts (rows
//! must arrive grouped by customer, as Spark's `sortWithinPartitions` gives
//! them; memory holds one customer).

use std::collections::HashSet;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, BooleanArray, Date32Array, Decimal128Builder, Int64Array, Int64Builder, RecordBatch, StringArray, StringBuilder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use arrow::pyarrow::PyArrowType;
use indexmap::IndexMap;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use ratecard::date::Date;
use ratecard::rate_card::Period;
use ratecard::replay::{replay_customer, Row, RowKind, Summary};
use ratecard::request::OptionValue;
use ratecard::RateEngine;
use rust_decimal::Decimal;

mod reprice;

create_exception!(_ratecard, ReplayError, PyValueError, "A row (or column) the replay refuses: the message names the customer, the day and the column.");

/// The scale of every decimal column written (credits and money): six places, the most a card's rounding keeps.
const SCALE: u32 = 6;

/// A rate engine: a built-in preset, or a card or price book as JSON.
#[pyclass(frozen, skip_from_py_object, module = "ratecard._ratecard")]
#[derive(Clone)]
struct Engine {
    inner: RateEngine,
}

#[pymethods]
impl Engine {
    /// The engine of built-in preset `id`.
    #[staticmethod]
    fn preset(id: &str) -> PyResult<Engine> {
        RateEngine::preset(id).map(|inner| Engine { inner }).map_err(|e| ReplayError::new_err(e.message()))
    }

    /// The engine of a rate card, or a price book (a JSON array of its versions).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Engine> {
        RateEngine::from_json(text).map(|inner| Engine { inner }).map_err(|e| ReplayError::new_err(e.message()))
    }

    /// The newest version's card hash.
    #[getter]
    fn card_hash(&self) -> String {
        self.inner.card_hash().to_string()
    }

    /// The card (the newest version) as JSON text.
    fn card_json(&self) -> PyResult<String> {
        serde_json::to_string(self.inner.card()).map_err(|e| ReplayError::new_err(e.to_string()))
    }

    /// The whole book as JSON text (an array of versions).
    fn book_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.book().versions().iter().map(|c| c.as_ref()).collect::<Vec<_>>())
            .map_err(|e| ReplayError::new_err(e.to_string()))
    }
}

/// The built-in presets' ids.
#[pyfunction]
fn preset_ids() -> Vec<String> {
    ratecard::presets::ids().iter().map(|s| s.to_string()).collect()
}

/// The events of one customer, named.
struct Customer {
    id: String,
    rows: Vec<Row>,
}

/// Replays the events of a table, batch by batch (see the module's docs for the two groupings).
#[pyclass(module = "ratecard._ratecard")]
struct Replayer {
    engine: RateEngine,
    start: Date,
    until: Date,
    grouped: bool,
    /// Ungrouped: every customer's rows, in the order customers first appear.
    all: IndexMap<String, Vec<Row>>,
    /// Grouped: the customer whose rows are arriving.
    current: Option<Customer>,
    /// Grouped: customers already replayed (a customer seen again is refused).
    done: HashSet<String>,
    /// Rows read so far.
    rows: u64,
}

#[pymethods]
impl Replayer {
    #[new]
    #[pyo3(signature = (engine, start, until, grouped=false))]
    fn new(engine: &Engine, start: &str, until: &str, grouped: bool) -> PyResult<Replayer> {
        let day = |s: &str, what: &str| s.parse::<Date>().map_err(|e| ReplayError::new_err(format!("{what}: {e}")));
        let (start, until) = (day(start, "start")?, day(until, "until")?);
        if until < start {
            return Err(ReplayError::new_err(format!("until ({until}) is before start ({start})")));
        }
        Ok(Replayer { engine: engine.inner.clone(), start, until, grouped, all: IndexMap::new(), current: None, done: HashSet::new(), rows: 0 })
    }

    /// Reads one batch; grouped, returns the customers it completed (else an empty batch).
    fn push(&mut self, py: Python<'_>, batch: PyArrowType<RecordBatch>) -> PyResult<PyArrowType<RecordBatch>> {
        let batch = batch.0;
        let columns = Columns::of(&batch)?;
        let rows = batch.num_rows();
        self.rows = self.rows.saturating_add(u64::try_from(rows).unwrap_or(u64::MAX));
        py.detach(|| {
            let mut out = Output::default();
            for i in 0..rows {
                let customer = columns.customer(i)?;
                let row = columns.row(i, &customer)?;
                if !self.grouped {
                    self.all.entry(customer).or_default().push(row);
                    continue;
                }
                if self.current.as_ref().is_some_and(|c| c.id != customer) {
                    if let Some(done) = self.current.take() {
                        self.replay(done, &mut out)?;
                    }
                }
                if self.done.contains(&customer) {
                    return Err(ReplayError::new_err(format!("customer {customer}: rows are not grouped by customer (seen again after other customers); replay with grouped=False")));
                }
                self.current.get_or_insert_with(|| Customer { id: customer, rows: Vec::new() }).rows.push(row);
            }
            out.batch().map(PyArrowType)
        })
    }

    /// Replays what is left (every customer, ungrouped) and returns it.
    fn finish(&mut self, py: Python<'_>) -> PyResult<PyArrowType<RecordBatch>> {
        py.detach(|| {
            let mut out = Output::default();
            if let Some(last) = self.current.take() {
                self.replay(last, &mut out)?;
            }
            // Customers are independent: replayed on every core, each thread a contiguous share, the
            // results joined in the customers' order.
            let all: Vec<Customer> = std::mem::take(&mut self.all).into_iter().map(|(id, rows)| Customer { id, rows }).collect();
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16);
            let share = all.len().div_ceil(threads).max(1);
            let (engine, start, until) = (&self.engine, self.start, self.until);
            let parts: Vec<PyResult<Output>> = std::thread::scope(|scope| {
                let handles: Vec<_> = all
                    .chunks(share)
                    .map(|chunk| {
                        scope.spawn(move || {
                            let mut part = Output::default();
                            for c in chunk {
                                part.push(&c.id, &summarize(engine, c, start, until)?)?;
                            }
                            Ok(part)
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(ReplayError::new_err("a replay thread failed")))).collect()
            });
            for part in parts {
                out.append(part?);
            }
            out.batch().map(PyArrowType)
        })
    }

    /// Rows read so far.
    #[getter]
    fn rows(&self) -> u64 {
        self.rows
    }
}

/// One customer's summary, a refusal naming the customer, the day and the column.
fn summarize(engine: &RateEngine, customer: &Customer, start: Date, until: Date) -> PyResult<Summary> {
    replay_customer(engine, &customer.rows, start, until).map_err(|e| {
        let row = e.row.and_then(|r| customer.rows.get(r));
        let day = row.and_then(|r| r.at).map(|d| format!(", {d}")).unwrap_or_default();
        let column = e.error.path().first().map(|p| format!(", column {}", path_text(p))).unwrap_or_default();
        ReplayError::new_err(format!("customer {}{day}{column}: {} ({})", customer.id, e.error.detail(), e.error.code()))
    })
}

impl Replayer {
    fn replay(&mut self, customer: Customer, out: &mut Output) -> PyResult<()> {
        let summary = summarize(&self.engine, &customer, self.start, self.until)?;
        if self.grouped {
            self.done.insert(customer.id.clone());
        }
        out.push(&customer.id, &summary)
    }
}

fn path_text(p: &ratecard::PathSegment) -> String {
    match p {
        ratecard::PathSegment::Key(k) => k.clone(),
        ratecard::PathSegment::Index(i) => i.to_string(),
    }
}

/// The columns of one batch, each read by its one rule (strings of any Arrow string type,
/// days as date32, amounts as decimal or string, never float).
struct Columns {
    customer: StringArray,
    at: Option<Date32Array>,
    kind: Option<StringArray>,
    plan: Option<StringArray>,
    billing: Option<StringArray>,
    feature: Option<StringArray>,
    options: Option<StringArray>,
    seconds: Option<StringArray>,
    quantity: Option<Int64Array>,
    auto_renew: Option<BooleanArray>,
    allow_overage: Option<BooleanArray>,
    threshold: Option<StringArray>,
    reload_quantity: Option<Int64Array>,
}

/// The day of a date32 value (days since 1970-01-01).
fn day_of(days: i32) -> Option<Date> {
    Date::new(1970, 1, 1).and_then(|epoch| epoch.checked_add_days(days))
}

/// A refusal of the whole column `name` (its type), naming the first row's customer and day.
fn column_error(batch: &RecordBatch, name: &str, why: &str) -> PyErr {
    let first = batch.column_by_name("customer").and_then(|c| cast(c, &DataType::Utf8).ok()).and_then(|c| {
        let s = c.as_string::<i32>();
        (!s.is_empty() && s.is_valid(0)).then(|| s.value(0).to_string())
    });
    let who = first.map(|c| format!("customer {c}, ")).unwrap_or_default();
    let day = batch
        .column_by_name("at")
        .and_then(|c| cast(c, &DataType::Date32).ok())
        .and_then(|c| {
            let d = c.as_primitive::<arrow::datatypes::Date32Type>();
            (!d.is_empty() && d.is_valid(0)).then(|| d.value(0))
        })
        .and_then(day_of)
        .map(|d| format!("{d}, ")).unwrap_or_default();
    PyErr::new::<ReplayError, _>(format!("{who}{day}column {name}: {why} (the first row's customer and day: the whole column is refused)"))
}

impl Columns {
    fn of(batch: &RecordBatch) -> PyResult<Columns> {
        let text = |name: &str| -> PyResult<Option<StringArray>> {
            let Some(c) = batch.column_by_name(name) else { return Ok(None) };
            if matches!(c.data_type(), DataType::Float16 | DataType::Float32 | DataType::Float64) {
                return Err(column_error(batch, name, &format!("is {}: amounts and durations cross as decimal or string, never float (a float cannot hold a price exactly)", c.data_type())));
            }
            let s = cast(c, &DataType::Utf8).map_err(|e| column_error(batch, name, &format!("cannot be read as text: {e}")))?;
            Ok(Some(s.as_string::<i32>().clone()))
        };
        let int = |name: &str| -> PyResult<Option<Int64Array>> {
            let Some(c) = batch.column_by_name(name) else { return Ok(None) };
            if !c.data_type().is_integer() {
                return Err(column_error(batch, name, &format!("is {}: expected a whole number (int64)", c.data_type())));
            }
            let s = cast(c, &DataType::Int64).map_err(|e| column_error(batch, name, &e.to_string()))?;
            Ok(Some(s.as_primitive::<arrow::datatypes::Int64Type>().clone()))
        };
        let boolean = |name: &str| -> PyResult<Option<BooleanArray>> {
            let Some(c) = batch.column_by_name(name) else { return Ok(None) };
            if c.data_type() != &DataType::Boolean {
                return Err(column_error(batch, name, &format!("is {}: expected bool", c.data_type())));
            }
            Ok(Some(c.as_boolean().clone()))
        };
        let customer = text("customer")?.ok_or_else(|| column_error(batch, "customer", "missing: every row names its customer"))?;
        let at = match batch.column_by_name("at") {
            None => None,
            Some(c) if matches!(c.data_type(), DataType::Date32 | DataType::Date64) => {
                Some(cast(c, &DataType::Date32).map_err(|e| column_error(batch, "at", &e.to_string()))?.as_primitive::<arrow::datatypes::Date32Type>().clone())
            }
            Some(c) => return Err(column_error(batch, "at", &format!("is {}: expected date32 (a day)", c.data_type()))),
        };
        Ok(Columns {
            customer,
            at,
            kind: text("kind")?,
            plan: text("plan")?,
            billing: text("billing")?,
            feature: text("feature")?,
            options: text("options")?,
            seconds: text("seconds")?,
            quantity: int("quantity")?,
            auto_renew: boolean("auto_renew")?,
            allow_overage: boolean("allow_overage")?,
            threshold: text("auto_reload_threshold")?,
            reload_quantity: int("auto_reload_quantity")?,
        })
    }

    fn customer(&self, i: usize) -> PyResult<String> {
        if self.customer.is_null(i) {
            return Err(ReplayError::new_err(format!("row {i} of a batch: column customer is null: every row names its customer")));
        }
        Ok(self.customer.value(i).to_string())
    }

    /// Row `i`, its values read; `customer` names it in a refusal.
    fn row(&self, i: usize, customer: &str) -> PyResult<Row> {
        let s = |c: &Option<StringArray>| c.as_ref().filter(|a| a.is_valid(i)).map(|a| a.value(i).to_string());
        let n = |c: &Option<Int64Array>| c.as_ref().filter(|a| a.is_valid(i)).map(|a| a.value(i));
        let b = |c: &Option<BooleanArray>| c.as_ref().filter(|a| a.is_valid(i)).map(|a| a.value(i));
        let at = self.at.as_ref().filter(|a| a.is_valid(i)).and_then(|a| day_of(a.value(i)));
        let refuse = |column: &str, why: String| {
            let day = at.map(|d| format!(", {d}")).unwrap_or_default();
            ReplayError::new_err(format!("customer {customer}{day}, column {column}: {why}"))
        };
        let decimal = |column: &str, v: Option<String>| -> PyResult<Option<Decimal>> {
            v.map(|t| t.trim().parse::<Decimal>().map_err(|_| refuse(column, format!("\"{t}\" is not a decimal number")))).transpose()
        };
        let kind = s(&self.kind).map(|k| RowKind::parse(&k).map_err(|e| refuse("kind", e.detail().to_string()))).transpose()?;
        let billing = match s(&self.billing).as_deref() {
            None => None,
            Some("month") => Some(Period::Month),
            Some("year") => Some(Period::Year),
            Some(other) => return Err(refuse("billing", format!("\"{other}\": month or year"))),
        };
        let options_text = s(&self.options);
        let options = match &options_text {
            None => IndexMap::new(),
            Some(t) => options(t).map_err(|why| refuse("options", why))?,
        };
        Ok(Row {
            at,
            kind,
            plan: s(&self.plan),
            billing,
            feature: s(&self.feature),
            options,
            options_text,
            seconds: decimal("seconds", s(&self.seconds))?,
            quantity: n(&self.quantity),
            auto_renew: b(&self.auto_renew),
            allow_overage: b(&self.allow_overage),
            auto_reload_threshold: decimal("auto_reload_threshold", s(&self.threshold))?,
            auto_reload_quantity: n(&self.reload_quantity),
        })
    }
}

/// A usage row's options: a JSON object of booleans and strings.
fn options(text: &str) -> Result<IndexMap<String, OptionValue>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let Some(o) = v.as_object() else { return Err("expected a JSON object of option → value".into()) };
    o.iter()
        .map(|(k, v)| match v {
            serde_json::Value::Bool(b) => Ok((k.clone(), OptionValue::Bool(*b))),
            serde_json::Value::String(s) => Ok((k.clone(), OptionValue::Text(s.clone()))),
            other => Err(format!("option {k}: {other} is neither a boolean nor a string")),
        })
        .collect()
}

/// The replay's output schema: one row per customer.
fn schema() -> SchemaRef {
    let money = || DataType::Decimal128(38, SCALE as i8);
    let f = |name: &str, t: DataType, nullable: bool| Field::new(name, t, nullable);
    Arc::new(Schema::new(vec![
        f("customer", DataType::Utf8, false),
        f("plan", DataType::Utf8, false),
        f("currency", DataType::Utf8, false),
        f("spent", money(), false),
        f("credits_granted", money(), false),
        f("credits_used", money(), false),
        f("expired", money(), false),
        f("overage", money(), false),
        f("balance", money(), false),
        f("refused", DataType::Int64, false),
        f("version", DataType::Utf8, false),
        f("card_hash", DataType::Utf8, false),
    ]))
}

/// The rows of an output batch as they are built.
#[derive(Default)]
struct Output {
    text: [Vec<String>; 5],
    money: [Vec<i128>; 6],
    refused: Vec<i64>,
}

/// `d` at [`SCALE`] places, as a decimal128's integer.
fn scaled(d: Decimal) -> PyResult<i128> {
    if d.scale() > SCALE {
        return Err(ReplayError::new_err(format!("{d} has more than {SCALE} decimal places")));
    }
    let mut x = d;
    x.rescale(SCALE);
    Ok(x.mantissa())
}

impl Output {
    fn push(&mut self, customer: &str, s: &Summary) -> PyResult<()> {
        for (v, t) in self.text.iter_mut().zip([customer, &s.plan, &s.currency, &s.version, &s.card_hash]) {
            v.push(t.to_string());
        }
        for (v, d) in self.money.iter_mut().zip([s.spent, s.credits_granted, s.credits_used, s.expired, s.overage, s.balance]) {
            v.push(scaled(d)?);
        }
        self.refused.push(i64::try_from(s.refused).unwrap_or(i64::MAX));
        Ok(())
    }

    /// Appends `other`'s rows after these.
    fn append(&mut self, other: Output) {
        for (a, b) in self.text.iter_mut().zip(other.text) {
            a.extend(b);
        }
        for (a, b) in self.money.iter_mut().zip(other.money) {
            a.extend(b);
        }
        self.refused.extend(other.refused);
    }

    fn batch(self) -> PyResult<RecordBatch> {
        let strings = |v: &[String]| -> ArrayRef {
            let mut b = StringBuilder::new();
            v.iter().for_each(|s| b.append_value(s));
            Arc::new(b.finish())
        };
        let money = |v: &[i128]| -> PyResult<ArrayRef> {
            let mut b = Decimal128Builder::new().with_precision_and_scale(38, SCALE as i8).map_err(|e| ReplayError::new_err(e.to_string()))?;
            v.iter().for_each(|x| b.append_value(*x));
            Ok(Arc::new(b.finish()))
        };
        let [customer, plan, currency, version, card_hash] = &self.text;
        let [spent, granted, used, expired, overage, balance] = &self.money;
        let mut refused = Int64Builder::new();
        self.refused.iter().for_each(|x| refused.append_value(*x));
        let columns: Vec<ArrayRef> = vec![
            strings(customer),
            strings(plan),
            strings(currency),
            money(spent)?,
            money(granted)?,
            money(used)?,
            money(expired)?,
            money(overage)?,
            money(balance)?,
            Arc::new(refused.finish()),
            strings(version),
            strings(card_hash),
        ];
        RecordBatch::try_new(schema(), columns).map_err(|e| ReplayError::new_err(e.to_string()))
    }
}

/// The output schema, for an empty table.
#[pyfunction]
fn output_schema() -> PyArrowType<Schema> {
    PyArrowType(schema().as_ref().clone())
}

#[pymodule]
fn _ratecard(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Replayer>()?;
    m.add_function(wrap_pyfunction!(preset_ids, m)?)?;
    m.add_function(wrap_pyfunction!(output_schema, m)?)?;
    m.add_function(wrap_pyfunction!(reprice::reprice_batches, m)?)?;
    m.add("ReplayError", m.py().get_type::<ReplayError>())?;
    Ok(())
}
