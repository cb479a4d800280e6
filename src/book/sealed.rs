//! A price book ready to price: each version with its [`Seal`] (card hash
//! and fingerprint seed) and its changes from the version before, made once
//! when the book is loaded. It answers which version is in force on a day,
//! what changes next (the notice a quote warns of and a checkout shows), and
//! stamps a quote with the seal of the version that priced it.

use std::sync::Arc;

use serde::Serialize;

use super::diff::{day_words, notices, Change, SubjectKind};
use super::seal::Seal;
use super::PriceBook;
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::PRICE_CHANGE_NOTICE_DAYS;
use crate::quote::Quote;
use crate::rate_card::{PlanRef, RateCard};
use crate::request::QuoteRequest;

/// A version's seal and what changed since the version before.
#[derive(Debug, Clone)]
struct Version {
    seal: Seal,
    /// The changes from the previous version, each with its sentence.
    changes: Vec<(Change, String)>,
}

/// A [`PriceBook`] with every version sealed. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct SealedBook {
    book: Arc<PriceBook>,
    versions: Arc<[Version]>,
    /// The newest version's seal (a book is never empty, as `PriceBook` keeps its newest card).
    newest: Seal,
}

/// The next version of a price book when it takes effect within
/// [`PRICE_CHANGE_NOTICE_DAYS`] after a day (see [`SealedBook::upcoming`]).
///
/// JSON / JS shape: `{ from, version, effectiveFrom, changes: Change[] }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Upcoming {
    /// The version in force on the day asked.
    pub from: String,
    /// The next version's `version`.
    pub version: String,
    /// The day it takes effect, `YYYY-MM-DD`.
    pub effective_from: String,
    /// What changes, in the card's own names (as [`super::diff`]).
    pub changes: Vec<Change>,
}

/// One version of a price book, as [`SealedBook::versions`] lists it.
///
/// JSON / JS shape: `{ version, effectiveFrom?, cardHash }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    /// The card's `version`.
    pub version: String,
    /// The day it takes effect, `YYYY-MM-DD` (absent: from the start).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// SHA-256 (hex) of its canonical JSON: a quote's `cardHash`.
    pub card_hash: String,
}

impl SealedBook {
    /// Seals every version of `book` and words the changes between them.
    ///
    /// # Errors
    /// `invalid_request` when a version cannot be written as canonical JSON
    /// (never for a validated book).
    pub fn new(book: PriceBook) -> Result<SealedBook> {
        let mut versions: Vec<Version> = Vec::with_capacity(book.versions().len());
        let mut before: Option<&RateCard> = None;
        for card in book.versions() {
            let changes = match before {
                Some(prev) => notices(prev, card)?,
                None => Vec::new(),
            };
            versions.push(Version { seal: Seal::of(card)?, changes });
            before = Some(card);
        }
        let newest = match versions.last() {
            Some(v) => v.seal.clone(),
            None => Seal::of(book.version(0))?,
        };
        Ok(SealedBook { book: Arc::new(book), versions: versions.into(), newest })
    }

    /// The book.
    pub fn book(&self) -> &PriceBook {
        &self.book
    }

    /// The index of the newest version.
    pub fn newest(&self) -> usize {
        self.book.versions().len().saturating_sub(1)
    }

    /// Version `index`'s seal (the newest's for an index past the end).
    pub fn seal(&self, index: usize) -> &Seal {
        self.versions.get(index).map_or(&self.newest, |v| &v.seal)
    }

    /// The version a quote names: its `rateCard`, `version` and `cardHash`.
    pub fn find(&self, rate_card: &str, version: &str, card_hash: &str) -> Option<usize> {
        self.book
            .versions()
            .iter()
            .zip(self.versions.iter())
            .position(|(c, v)| c.id == rate_card && c.version == version && v.seal.card_hash() == card_hash)
    }

    /// The version named `version`.
    ///
    /// # Errors
    /// `invalid_request` at `field`, naming the book's versions.
    pub fn named(&self, version: &str, field: &str) -> Result<&RateCard> {
        self.book.versions().iter().find(|c| c.version == version).map(|c| &**c).ok_or_else(|| {
            let known = crate::error::one_of(self.book.versions().iter().map(|c| c.version.as_str()));
            Error::at(ErrorKind::InvalidRequest, field, format!("no version \"{version}\" in this book; versions: {known}"))
        })
    }

    /// Every version: `version`, `effectiveFrom` and `cardHash`, oldest first.
    pub fn versions(&self) -> Vec<VersionInfo> {
        self.book
            .versions()
            .iter()
            .zip(self.versions.iter())
            .map(|(c, v)| VersionInfo {
                version: c.version.clone(),
                effective_from: c.effective_from.clone(),
                card_hash: v.seal.card_hash().to_string(),
            })
            .collect()
    }

    /// The version after `index` and the day it takes effect, when that is
    /// 1 to [`PRICE_CHANGE_NOTICE_DAYS`] days after `day`: the change a quote
    /// warns of and a checkout announces.
    pub fn next_change(&self, index: usize, day: Date) -> Option<(usize, Date)> {
        self.book.next(index).filter(|(_, from)| (1..=PRICE_CHANGE_NOTICE_DAYS).contains(&day.days_until(*from)))
    }

    /// The next version, when it takes effect within
    /// [`PRICE_CHANGE_NOTICE_DAYS`] days after `day`. `None` for a card on
    /// its own, or no change that soon.
    ///
    /// # Errors
    /// As [`PriceBook::in_force`].
    pub fn upcoming(&self, day: Date) -> Result<Option<Upcoming>> {
        let now = self.book.in_force(Some(day))?;
        let Some((next, from)) = self.next_change(now, day) else { return Ok(None) };
        Ok(Some(Upcoming {
            from: self.book.version(now).version.clone(),
            version: self.book.version(next).version.clone(),
            effective_from: from.to_string(),
            changes: self.changes(next).iter().map(|(c, _)| c.clone()).collect(),
        }))
    }

    fn changes(&self, index: usize) -> &[(Change, String)] {
        self.versions.get(index).map(|v| &v.changes[..]).unwrap_or_default()
    }

    /// Seals a quote priced with version `index` for `request` on `day`:
    /// its price-change warning (when the next version takes effect within
    /// the notice days), then its card hash and fingerprint.
    pub fn stamp(&self, index: usize, day: Option<Date>, request: &QuoteRequest, plan: PlanRef<'_>, quote: &mut Quote) {
        if let Some(warning) = day.and_then(|day| self.change_notice(index, day, request, plan)) {
            quote.warnings.push(warning);
        }
        self.seal(index).stamp(request, quote);
    }

    /// "Prices change on 1 Jan 2027: Avatar IV 20 → 25 credits a minute":
    /// the next version's changes to this request's features and plan (and
    /// its products), when it takes effect within the notice days after `at`.
    fn change_notice(&self, index: usize, at: Date, request: &QuoteRequest, plan: PlanRef<'_>) -> Option<String> {
        let (next, day) = self.next_change(index, at)?;
        let touches = |c: &Change| {
            c.subject.as_ref().is_some_and(|s| match s.kind {
                SubjectKind::Feature => request.items.iter().any(|i| i.feature == s.id),
                SubjectKind::Plan => s.id == plan.id,
                SubjectKind::Product => plan.products.contains(&s.id),
            })
        };
        let said: Vec<&str> = self.changes(next).iter().filter(|(c, _)| touches(c)).map(|(_, s)| s.as_str()).collect();
        let version = &self.book.version(next).version;
        Some(if said.is_empty() {
            format!("Prices change on {} (version {version}); the prices in this quote stay the same", day_words(day))
        } else {
            format!("Prices change on {}: {}", day_words(day), said.join("; "))
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// heygen-credits now, and a version from 2027-01-01 with Avatar IV at 25 credits a minute.
    fn book() -> SealedBook {
        let now = crate::presets::json("heygen-credits").unwrap();
        let mut next: serde_json::Value = serde_json::from_str(now).unwrap();
        next["version"] = "2027-01".into();
        next["effectiveFrom"] = "2027-01-01".into();
        next["features"]["avatar_iv"]["rate"] = "25".into();
        SealedBook::new(PriceBook::from_json(&format!("[{now},{next}]")).unwrap()).unwrap()
    }

    /// The next version is announced 1 to 30 days ahead, with its changes as parts; a quote
    /// of the feature it changes is warned, in English, and sealed by its own version.
    #[test]
    fn announces_the_next_version_within_the_notice_days() {
        let b = book();
        let day = |s: &str| s.parse::<Date>().unwrap();
        assert!(b.upcoming(day("2026-12-01")).unwrap().is_none(), "31 days ahead");
        let up = b.upcoming(day("2026-12-02")).unwrap().unwrap();
        assert_eq!((up.version.as_str(), up.effective_from.as_str()), ("2027-01", "2027-01-01"));
        let c = &up.changes[0];
        assert_eq!((c.field.as_str(), c.unit.as_deref(), c.per.as_deref()), ("rate", Some("credits"), Some("minute")));
        assert!(b.upcoming(day("2027-01-01")).unwrap().is_none(), "in force: nothing comes");
        let card = b.book().version(0);
        let plan = card.plan(Some("business")).unwrap();
        let request = QuoteRequest { plan: Some("business".into()), items: vec![crate::request::Item::seconds("avatar_iv", 60)], ..Default::default() };
        let mut q = crate::quote::price(card, plan, &request).unwrap();
        b.stamp(0, Some(day("2026-12-20")), &request, plan, &mut q);
        assert_eq!(q.warnings.last().unwrap(), "Prices change on 1 Jan 2027: Avatar IV 20 → 25 credits a minute");
        assert_eq!(q.card_hash, b.seal(0).card_hash());
        assert_eq!(b.find(&card.id, &card.version, &q.card_hash), Some(0));
    }
}
