//! What changed between two versions of a rate card: every field of its
//! features, rates, options, plans, prices, allowances and products, in the
//! card's own names, as parts a page writes its sentences from (and one
//! English sentence per change, for a quote's warning).

use serde::Serialize;
use serde_json::Value;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
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

/// One difference between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The field's JSON path in the card, e.g. `features.avatar_iv.rate`.
    pub path: String,
    /// The name of what it belongs to: the feature, plan or product's own
    /// name (`"Avatar IV"`, `"Business"`), else the card's.
    pub name: String,
    /// The older value (absent when added): a decimal string, a text, or
    /// the JSON of a whole part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// The newer value (absent when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
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
    let (changes, card) = diff_values(from, to)?;
    Ok(changes
        .into_iter()
        .map(|c| {
            let s = sentence(&c, &card, to);
            (c, s)
        })
        .collect())
}

struct Walk<'a> {
    from: &'a Value,
    to: &'a Value,
    out: &'a mut Vec<Change>,
}

fn walk(w: &mut Walk<'_>, path: &mut Vec<String>, a: Option<&Value>, b: Option<&Value>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (k, v) in y {
                if path.is_empty() && IDENTITY.contains(&k.as_str()) {
                    continue;
                }
                path.push(k.clone());
                walk(w, path, x.get(k), Some(v));
                path.pop();
            }
            for (k, v) in x.iter().filter(|(k, _)| !y.contains_key(*k)) {
                if path.is_empty() && IDENTITY.contains(&k.as_str()) {
                    continue;
                }
                path.push(k.clone());
                walk(w, path, Some(v), None);
                path.pop();
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                path.push(format!("[{i}]"));
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
            w.out.push(Change {
                kind,
                path: joined(path),
                name: name_of(card, path),
                before: a.cloned(),
                after: b.cloned(),
                source: source_of(card, path),
            });
        }
    }
}

/// `features.avatar_iv.rates[0].rate`.
fn joined(path: &[String]) -> String {
    let mut out = String::new();
    for p in path {
        if !out.is_empty() && !p.starts_with('[') {
            out.push('.');
        }
        out.push_str(p);
    }
    out
}

/// `features.x.rates[0].rate` → `features`, `x`, `rates`, `[0]`, `rate`.
fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        while let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(rest.get(..i).unwrap_or_default().to_string());
            }
            let end = rest.find(']').map_or(rest.len(), |e| e.saturating_add(1));
            out.push(rest.get(i..end).unwrap_or_default().to_string());
            rest = rest.get(end..).unwrap_or_default();
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// The value at each step of `path` in `card`, outermost first.
fn steps<'a>(card: &'a Value, path: &[String]) -> Vec<&'a Value> {
    let mut at = card;
    let mut out = vec![card];
    for p in path {
        let next = match p.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(i) => i.parse::<usize>().ok().and_then(|i| at.get(i)),
            None => at.get(p.as_str()),
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

/// The feature, plan or product's name (`features.X.name`), else the card's.
fn name_of(card: &Value, path: &[String]) -> String {
    let named = steps(card, path)
        .get(2)
        .filter(|_| path.len() > 2)
        .and_then(|v| v.get("name"))
        .and_then(Value::as_str);
    let own = path.len() == 2
        && matches!(
            path.first().map(String::as_str),
            Some("features" | "plans" | "products")
        );
    let whole = own
        .then(|| {
            steps(card, path)
                .get(2)
                .and_then(|v| v.get("name"))
                .and_then(Value::as_str)
        })
        .flatten();
    named
        .or(whole)
        .or_else(|| card.get("name").and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

/// The deepest `source` text on the path.
fn source_of(card: &Value, path: &[String]) -> Option<String> {
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

/// One English sentence for `change` between `from` and `to`:
/// `Avatar IV 20 → 25 credits a minute`, `Business 149.00 → 159.00 USD a month`,
/// `Avatar IV increment 1 → 30`, `Avatar IV added`.
fn sentence(change: &Change, card: &Value, to: &RateCard) -> String {
    let last = change.path.rsplit(['.', ']']).next().unwrap_or_default();
    let parts = segments(&change.path);
    let parent = |key: &str| {
        let at = steps(card, &parts);
        at.iter()
            .rev()
            .nth(1)
            .and_then(|p| p.get(key))
            .and_then(Value::as_str)
            .map(String::from)
    };
    let (before, after) = (text(change.before.as_ref()), text(change.after.as_ref()));
    match change.kind {
        ChangeKind::Added if parts.len() == 2 => format!("{} added", change.name),
        ChangeKind::Removed if parts.len() == 2 => format!("{} removed", change.name),
        _ if last == "rate" && parts.first().is_some_and(|p| p == "features") => {
            let per = parent("per").unwrap_or_else(|| "unit".into());
            format!("{} {before} → {after} {} a {per}", change.name, to.unit)
        }
        _ if last == "price" => {
            let period = parent("period")
                .map(|p| format!(" a {p}"))
                .filter(|p| p != " a once")
                .unwrap_or_default();
            format!("{} {before} → {after} {}{period}", change.name, to.currency)
        }
        _ => format!("{} {last} {before} → {after}", change.name),
    }
}
