//! What changed between two versions of a rate card: every field of its
//! features, rates, options, plans, prices, allowances and products, in the
//! card's own names, as parts a page writes its sentences from (and one
//! English sentence per change, for a quote's warning).

use serde::Serialize;
use serde_json::Value;

use crate::date::Date;
use crate::error::{write_path, Error, ErrorKind, PathSegment, Result};
use crate::rate_card::RateCard;

/// Whether a field was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// In the newer version only.
    Added,
    /// In the older version only.
    Removed,
    /// In both, with another value.
    Changed,
}

/// What a change belongs to: a feature, a plan or a product of the card
/// (absent for the card's own fields, such as `unit` or `name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// Under `features`.
    Feature,
    /// Under `plans`.
    Plan,
    /// Under `products`.
    Product,
}

/// The feature, plan or product a change belongs to.
///
/// JSON / JS shape: `{ kind: "feature" | "plan" | "product", id }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// Which part of the card.
    pub kind: SubjectKind,
    /// Its key in the card, e.g. `"avatar_iv"`.
    pub id: String,
}

/// One difference between two versions, with the parts a sentence needs:
/// what it belongs to (`subject`, `name`), which `field`, the values
/// `before` and `after`, and what they count (`unit`, `per`, `period`).
///
/// JSON / JS shape: `{ kind, path, segments, subject?, name, field,
/// before?, after?, unit?, per?, period?, source? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The field's JSON path in the card as people read it, e.g.
    /// `features.avatar_iv.rates[0].rate`.
    pub path: String,
    /// The same path as segments: keys and array indexes
    /// (`["features", "avatar_iv", "rates", 0, "rate"]`).
    pub segments: Vec<PathSegment>,
    /// The feature, plan or product it belongs to (absent for the card's own fields).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    /// The name of what it belongs to: the feature, plan or product's own
    /// name (`"Avatar IV"`, `"Business"`), else the card's.
    pub name: String,
    /// The last key of the path (`rate`, `price`, `annualPrice`,
    /// `included`, `increment`…); empty when a whole feature, plan or
    /// product is added or removed.
    pub field: String,
    /// The older value (absent when added): a decimal string, a text, or
    /// the JSON of a whole part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The newer value (absent when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    /// What the values count: the card's `unit` (credits) for a rate or an
    /// allowance, its `currency` (USD) for a price; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A rate's `per` (`minute`, `second`, `video`…), for a rate's change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// How often a price is charged (`month`, `year`), for a recurring price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The article the newer value cites (the nearest `source` on the path),
    /// or the older one's when removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Fields that say which version a card is, not what it charges.
const IDENTITY: [&str; 2] = ["version", "effectiveFrom"];

/// The changes from `from` to `to`, by path (an object's keys in
/// alphabetical order, a list's items in order; removed parts after the
/// part they were in).
///
/// # Errors
/// `invalid_request` when a card cannot be written as JSON (never for a
/// validated card).
pub fn diff(from: &RateCard, to: &RateCard) -> Result<Vec<Change>> {
    Ok(diff_values(from, to)?.0)
}

fn diff_values(from: &RateCard, to: &RateCard) -> Result<(Vec<Change>, Value)> {
    let json = |c: &RateCard| serde_json::to_value(c).map_err(|e| Error::new(ErrorKind::InvalidRequest, e.to_string()));
    let (a, b) = (json(from)?, json(to)?);
    let mut out = Vec::new();
    walk(
        &mut Walk {
            from: &a,
            to: &b,
            units: (&to.unit, &to.currency),
            out: &mut out,
        },
        &mut Vec::new(),
        Some(&a),
        Some(&b),
    );
    Ok((out, b))
}

/// [`diff`] with one English sentence per change (see `sentence`), for a
/// quote's price-change warning: computed once per pair of versions.
///
/// # Errors
/// As [`diff`].
pub(crate) fn notices(from: &RateCard, to: &RateCard) -> Result<Vec<(Change, String)>> {
    let (changes, _) = diff_values(from, to)?;
    Ok(changes
        .into_iter()
        .map(|c| {
            let s = sentence(&c);
            (c, s)
        })
        .collect())
}

struct Walk<'a> {
    from: &'a Value,
    to: &'a Value,
    /// The newer card's `unit` and `currency`.
    units: (&'a str, &'a str),
    out: &'a mut Vec<Change>,
}

fn walk(w: &mut Walk<'_>, path: &mut Vec<PathSegment>, a: Option<&Value>, b: Option<&Value>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (k, v) in y {
                if path.is_empty() && IDENTITY.contains(&k.as_str()) {
                    continue;
                }
                path.push(PathSegment::Key(k.clone()));
                walk(w, path, x.get(k), Some(v));
                path.pop();
            }
            for (k, v) in x.iter().filter(|(k, _)| !y.contains_key(*k)) {
                if path.is_empty() && IDENTITY.contains(&k.as_str()) {
                    continue;
                }
                path.push(PathSegment::Key(k.clone()));
                walk(w, path, Some(v), None);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                path.push(PathSegment::Index(i));
                walk(w, path, Some(u), Some(v));
                path.pop();
            }
        }
        (a, b) if a == b => {}
        (a, b) => {
            let kind = match (a, b) {
                (None, _) => ChangeKind::Added,
                (_, None) => ChangeKind::Removed,
                _ => ChangeKind::Changed,
            };
            let card = if b.is_some() { w.to } else { w.from };
            w.out.push(change(kind, card, w.units, path, a, b));
        }
    }
}

/// The value at each step of `path` in `card`, outermost first.
fn steps<'a>(card: &'a Value, path: &[PathSegment]) -> Vec<&'a Value> {
    let mut at = card;
    let mut out = vec![card];
    for p in path {
        let next = match p {
            PathSegment::Index(i) => at.get(*i),
            PathSegment::Key(k) => at.get(k.as_str()),
        };
        match next {
            Some(v) => {
                out.push(v);
                at = v;
            }
            None => break,
        }
    }
    out
}

/// The change at `path` of `card` (the newer card, or the older one for a
/// removal), with its parts.
fn change(kind: ChangeKind, card: &Value, units: (&str, &str), path: &[PathSegment], a: Option<&Value>, b: Option<&Value>) -> Change {
    let key = |i: usize| match path.get(i) {
        Some(PathSegment::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let subject = match (key(0), key(1)) {
        (Some("features"), Some(id)) => Some(Subject { kind: SubjectKind::Feature, id: id.to_string() }),
        (Some("plans"), Some(id)) => Some(Subject { kind: SubjectKind::Plan, id: id.to_string() }),
        (Some("products"), Some(id)) => Some(Subject { kind: SubjectKind::Product, id: id.to_string() }),
        _ => None,
    };
    let field = if path.len() > 2 || subject.is_none() { path.last().and_then(|p| match p { PathSegment::Key(k) => Some(k.clone()), PathSegment::Index(_) => None }) } else { None };
    let field = field.unwrap_or_default();
    // The object holding the field (a rate rule, a plan, a product).
    let holder = |k: &str| {
        steps(card, path)
            .iter()
            .rev()
            .nth(1)
            .and_then(|p| p.get(k))
            .and_then(Value::as_str)
            .map(String::from)
    };
    let is_rate = field == "rate" && subject.as_ref().is_some_and(|s| s.kind == SubjectKind::Feature);
    let is_price = matches!(field.as_str(), "price" | "annualPrice" | "overagePrice");
    let unit = if is_rate || field == "included" {
        Some(units.0.to_string())
    } else if is_price {
        Some(units.1.to_string())
    } else {
        None
    };
    let per = if is_rate { Some(holder("per").unwrap_or_else(|| "unit".into())) } else { None };
    let period = match field.as_str() {
        "annualPrice" => Some("year".to_string()),
        "price" => holder("period").filter(|p| p != "once"),
        _ => None,
    };
    let mut written = String::new();
    write_path(path, &mut written);
    Change {
        kind,
        path: written,
        segments: path.to_vec(),
        name: name_of(card, path),
        subject,
        field,
        before: a.cloned(),
        after: b.cloned(),
        unit,
        per,
        period,
        source: source_of(card, path),
    }
}

/// The feature, plan or product's name (`features.X.name`), else the card's.
fn name_of(card: &Value, path: &[PathSegment]) -> String {
    let owned = matches!(path.first(), Some(PathSegment::Key(k)) if matches!(k.as_str(), "features" | "plans" | "products"));
    let named = (owned && path.len() >= 2)
        .then(|| steps(card, path).get(2).and_then(|v| v.get("name")).and_then(Value::as_str))
        .flatten();
    named
        .or_else(|| card.get("name").and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

/// The deepest `source` text on the path.
fn source_of(card: &Value, path: &[PathSegment]) -> Option<String> {
    steps(card, path)
        .iter()
        .rev()
        .find_map(|v| v.get("source").and_then(Value::as_str))
        .map(String::from)
}

/// `1 Jan 2027`.
pub(crate) fn day_words(day: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = day.ymd();
    let month = MONTHS
        .get(usize::try_from(m).unwrap_or(1).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    format!("{d} {month} {y}")
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "none".into(),
        Some(other) => other.to_string(),
    }
}

/// One English sentence for `change`, from its parts (the English fallback
/// of a quote's price-change warning; a page writes its own, in the
/// buyer's words): `Avatar IV 20 → 25 credits a minute`, `Business 149.00
/// → 159.00 USD a month`, `Avatar IV increment 1 → 30`, `Avatar IV added`.
fn sentence(change: &Change) -> String {
    let (before, after) = (text(change.before.as_ref()), text(change.after.as_ref()));
    let unit = change.unit.as_deref().unwrap_or_default();
    match change.kind {
        ChangeKind::Added if change.field.is_empty() => format!("{} added", change.name),
        ChangeKind::Removed if change.field.is_empty() => format!("{} removed", change.name),
        _ => match (&change.per, &change.period) {
            (Some(per), _) => format!("{} {before} → {after} {unit} a {per}", change.name),
            (None, Some(period)) => format!("{} {before} → {after} {unit} a {period}", change.name),
            (None, None) if !unit.is_empty() && change.field != "included" => format!("{} {before} → {after} {unit}", change.name),
            _ => format!("{} {} {before} → {after}", change.name, change.field),
        },
    }
}
