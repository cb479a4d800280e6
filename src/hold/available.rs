//! What open holds leave available: a priced request's balance or grants
//! less what each open hold reserves, grant by grant, so a second job on the
//! same credits sees only what the first left.

use rust_decimal::Decimal;
use std::collections::HashMap;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::MAX_HOLDS;
use crate::money;
use crate::request::{Hold, QuoteRequest};

/// A request with its open holds taken off its balance or grants.
#[derive(Debug, Clone, PartialEq)]
pub struct Available {
    /// The request, with `balance` or each grant's `remaining` lowered by
    /// what the open holds reserve, and no `holds` left.
    pub request: QuoteRequest,
    /// Credits held by open holds, in the card's unit.
    pub held: Decimal,
    /// How many holds were open on the request's day.
    pub open: usize,
}

/// `request` with its open holds taken off: `None` when it carries none. A
/// hold whose `expiresAt` is before the request's `at` has released
/// everything and is skipped (without `at`, every hold is open).
///
/// # Errors
/// `invalid_request` at `holds` for more than [`MAX_HOLDS`], or holds on a
/// request with neither `balance` nor `grants`; at `holds[i].burns[j]` for a
/// hold that reserves from a grant the request does not have, or more than
/// it has left (the records do not agree with the hold).
pub fn available(request: &QuoteRequest, day: Option<Date>) -> Result<Option<Available>> {
    if request.holds.is_empty() {
        return Ok(None);
    }
    if request.holds.len() > MAX_HOLDS {
        return Err(Error::at(ErrorKind::InvalidRequest, "holds", format!("at most {MAX_HOLDS} holds")));
    }
    if request.balance.is_none() && request.grants.is_none() {
        return Err(Error::at(
            ErrorKind::InvalidRequest,
            "holds",
            "holds rest on a balance or on grants: give `balance` or `grants` with them",
        ));
    }
    let mut out = Available { request: request.clone(), held: Decimal::ZERO, open: 0 };
    out.request.holds = Vec::new();
    // Each grant by id, once (the first of an id, as burn-down names it): O(1) per burn.
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (k, g) in request.grants.iter().flatten().enumerate() {
        by_id.entry(g.id.clone()).or_insert(k);
    }
    for (i, hold) in request.holds.iter().enumerate() {
        if day.is_some_and(|d| hold.expires_at < d) {
            continue;
        }
        take(&mut out, &by_id, hold).map_err(|e| e.context(i).context("holds"))?;
        out.open = out.open.saturating_add(1);
    }
    Ok(Some(out))
}

/// Takes one hold's reserves off the request's balance or grants.
fn take(out: &mut Available, by_id: &HashMap<String, usize>, hold: &Hold) -> Result<()> {
    for (j, burn) in hold.burns.iter().enumerate() {
        let at = |detail: String| Error::at(ErrorKind::InvalidRequest, "grant", detail).context(j).context("burns");
        let left = match (&mut out.request.grants, &mut out.request.balance) {
            (Some(grants), _) => by_id
                .get(&burn.grant)
                .and_then(|&k| grants.get_mut(k))
                .map(|g| &mut g.remaining)
                .ok_or_else(|| at(format!("the hold reserves from grant \"{}\", which the grants do not have", burn.grant)))?,
            (None, Some(balance)) if burn.grant == "balance" => balance,
            (None, _) => return Err(at(format!("the hold reserves from grant \"{}\": give `grants`, not a balance", burn.grant))),
        };
        if left.0 < burn.credits.0 {
            return Err(at(format!(
                "the hold reserves {} from \"{}\", which has {} left",
                money::plain(burn.credits.0),
                burn.grant,
                money::plain(left.0)
            )));
        }
        *left = money::sub(left.0, burn.credits.0, "balance")?.into();
        out.held = money::add(out.held, burn.credits.0, "held")?;
    }
    Ok(())
}
