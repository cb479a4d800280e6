//! Price books: the versions of one rate card over time, each with the day
//! its prices take effect (`effectiveFrom`), as Stripe prices and Lago or Orb
//! plan versions keep them. Every price is the one in force on the day
//! priced: the newest version whose `effectiveFrom` is on or before it.
//!
//! A book is a JSON array of rate cards: one `id`, distinct `version`s,
//! `effectiveFrom` strictly increasing (the first may omit it: in force from
//! the start). A single rate card is a book of one version. [`diff`] says what
//! changed between two versions, in the card's own names.
//!
//! The core never reads a clock: the day comes with each request.

mod diff;
mod seal;
mod sealed;

pub use diff::{diff, Change, ChangeKind, Subject, SubjectKind};
pub use seal::Seal;
pub(crate) use seal::{canonical, sha256_hex};
pub use sealed::{SealedBook, Upcoming, VersionInfo};

use std::sync::Arc;

mod split;

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::limits::{MAX_BOOK_VERSIONS, MAX_RATE_CARD_BYTES};
use crate::rate_card::RateCard;

/// The versions of one rate card, validated, oldest first.
///
/// # Example
/// ```
/// use ratecard::book::PriceBook;
/// let card = ratecard::presets::json("heygen-credits").unwrap();
/// let next = card.replacen(r#""version": "2026-11-01""#, r#""version": "2027-01", "effectiveFrom": "2027-01-01""#, 1);
/// let book = PriceBook::from_json(&format!("[{card},{next}]")).unwrap();
/// assert_eq!(book.versions().len(), 2);
/// assert_eq!(book.in_force(Some("2026-12-31".parse().unwrap())).unwrap(), 0);
/// assert_eq!(book.in_force(Some("2027-01-01".parse().unwrap())).unwrap(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct PriceBook {
    versions: Vec<Arc<RateCard>>,
    /// The last of `versions` (a book is never empty).
    newest: Arc<RateCard>,
    /// Each version's `effectiveFrom`, parsed.
    from: Vec<Option<Date>>,
}

/// `invalid_rate_card` at `[index].field`.
fn invalid(index: usize, field: &str, detail: impl Into<String>) -> Error {
    Error::at(ErrorKind::InvalidRateCard, field, detail).context(index)
}

impl PriceBook {
    /// A book from JSON text: a rate card, or an array of its versions.
    ///
    /// # Errors
    /// `invalid_rate_card` with the path of the first problem, into the
    /// array for a book (`[1].features.avatar_iv.rate…`, `[2].effectiveFrom`):
    /// a version that is no valid card, versions of different `id`s, a
    /// `version` given twice, `effectiveFrom` missing after the first or not
    /// strictly increasing, no version or more than
    /// [`MAX_BOOK_VERSIONS`].
    pub fn from_json(text: &str) -> Result<PriceBook> {
        if !text.trim_start().starts_with('[') {
            // Validated once, by `new`.
            return PriceBook::new(vec![RateCard::parse_unchecked(text)?]);
        }
        let versions = parse_versions(text)?;
        PriceBook::new(versions)
    }

    /// A book of `versions`, oldest first; each is validated.
    ///
    /// # Errors
    /// As [`PriceBook::from_json`].
    pub fn new(versions: Vec<RateCard>) -> Result<PriceBook> {
        count(&versions)?;
        let single = versions.len() == 1;
        for (i, card) in versions.iter().enumerate() {
            let place = |e: Error| if single { e } else { e.context(i) };
            card.validate().map_err(place)?;
        }
        Self::assemble(versions)
    }

    /// The book of `versions`, each already validated (a [`Loading`]'s):
    /// one id, distinct versions, `effectiveFrom` increasing.
    fn assemble(versions: Vec<RateCard>) -> Result<PriceBook> {
        count(&versions)?;
        let mut from = Vec::with_capacity(versions.len());
        for card in &versions {
            let day = card
                .effective_from
                .as_deref()
                .map(str::parse::<Date>)
                .transpose()
                .ok()
                .flatten();
            from.push(day);
        }
        let versions: Vec<Arc<RateCard>> = versions.into_iter().map(Arc::new).collect();
        let Some(newest) = versions.last().cloned() else {
            return Err(Error::new(
                ErrorKind::InvalidRateCard,
                "$: a price book holds at least one version",
            ));
        };
        let book = PriceBook { versions, newest, from };
        book.check()?;
        Ok(book)
    }

    /// A book of one card already validated (a preset, shared).
    pub(crate) fn single(card: Arc<RateCard>) -> PriceBook {
        let from = card.effective_from.as_deref().and_then(|d| d.parse::<Date>().ok());
        PriceBook {
            versions: vec![card.clone()],
            newest: card,
            from: vec![from],
        }
    }

    /// One id, distinct versions, `effectiveFrom` strictly increasing.
    fn check(&self) -> Result<()> {
        let Some(first) = self.versions.first() else {
            return Ok(());
        };
        for (i, card) in self.versions.iter().enumerate().skip(1) {
            if card.id != first.id {
                return Err(invalid(
                    i,
                    "id",
                    format!(
                        "every version of a price book has one id: \"{}\", got \"{}\"",
                        first.id, card.id
                    ),
                ));
            }
            if let Some(j) = self.versions.iter().take(i).position(|c| c.version == card.version) {
                return Err(invalid(
                    i,
                    "version",
                    format!("version \"{}\" is also version [{j}]", card.version),
                ));
            }
            let (Some(day), Some(before)) = (self.from.get(i).copied().flatten(), self.from.get(i.saturating_sub(1)))
            else {
                return Err(invalid(i, "effectiveFrom", "required on every version after the first"));
            };
            if before.is_some_and(|b| b >= day) {
                let prev = self
                    .versions
                    .get(i.saturating_sub(1))
                    .and_then(|c| c.effective_from.as_deref())
                    .unwrap_or_default();
                return Err(invalid(
                    i,
                    "effectiveFrom",
                    format!("must be after the previous version's ({prev}), got {day}"),
                ));
            }
        }
        Ok(())
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[Arc<RateCard>] {
        &self.versions
    }

    /// Version `index`'s card; the newest for an index past the end.
    pub fn version(&self, index: usize) -> &RateCard {
        self.versions.get(index).unwrap_or(&self.newest)
    }

    /// Version `index`, shared (as [`PriceBook::version`]).
    pub(crate) fn shared(&self, index: usize) -> Arc<RateCard> {
        self.versions.get(index).cloned().unwrap_or_else(|| self.newest.clone())
    }

    /// The day version `index` takes effect, if it says.
    pub fn effective_from(&self, index: usize) -> Option<Date> {
        self.from.get(index).copied().flatten()
    }

    /// The index of the version in force on `at`: the newest whose
    /// `effectiveFrom` is on or before it. A book of one version needs no day.
    ///
    /// # Errors
    /// `invalid_request` at `at`: no day given for a book of several
    /// versions (the core reads no clock), or a day before the first
    /// version takes effect.
    pub fn in_force(&self, at: Option<Date>) -> Result<usize> {
        if self.versions.len() == 1 {
            return Ok(0);
        }
        let id = self.versions.first().map(|c| c.id.as_str()).unwrap_or_default();
        let Some(day) = at else {
            let detail = format!(
                "required: rate card \"{id}\" is a price book of {} versions; give the day to price (YYYY-MM-DD)",
                self.versions.len()
            );
            return Err(Error::at(ErrorKind::InvalidRequest, "at", detail));
        };
        self.from
            .iter()
            .rposition(|f| f.is_none_or(|f| f <= day))
            .ok_or_else(|| {
                let first = self
                    .from
                    .first()
                    .copied()
                    .flatten()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                Error::at(
                    ErrorKind::InvalidRequest,
                    "at",
                    format!("{day} is before rate card \"{id}\" takes effect ({first})"),
                )
            })
    }

    /// The version after `index` and the day it takes effect, if any.
    pub fn next(&self, index: usize) -> Option<(usize, Date)> {
        let next = index.checked_add(1)?;
        self.effective_from(next).map(|day| (next, day))
    }
}

/// The versions of a price book's JSON array, parsed (not validated).
fn parse_versions(text: &str) -> Result<Vec<RateCard>> {
    if text.len() > MAX_RATE_CARD_BYTES {
        let detail = format!("$: the price book is {} bytes; the limit is {MAX_RATE_CARD_BYTES}", text.len());
        return Err(Error::new(ErrorKind::InvalidRateCard, detail));
    }
    let versions: Vec<RateCard> = serde_json::from_str(text).map_err(|e| crate::rate_card::parse_error(text, &e))?;
    count(&versions)?;
    Ok(versions)
}

/// 1 to [`MAX_BOOK_VERSIONS`] versions.
fn count(versions: &[RateCard]) -> Result<()> {
    if versions.is_empty() || versions.len() > MAX_BOOK_VERSIONS {
        let detail = format!("$: a price book holds 1 to {MAX_BOOK_VERSIONS} versions, got {}", versions.len());
        return Err(Error::new(ErrorKind::InvalidRateCard, detail));
    }
    Ok(())
}

/// A rate card or price book read from JSON text in steps, so that a page
/// loading a large card (up to [`MAX_RATE_CARD_BYTES`]) never blocks for
/// long: [`Loading::start`] parses, each [`Loading::step`] validates a part
/// (a card as a whole, a few features, its plans), [`Loading::finish`] makes
/// the book. The steps find the same first problem, with the same path, as
/// [`PriceBook::from_json`] does at once.
///
/// # Example
/// ```
/// let mut loading = ratecard::book::Loading::start(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
/// while !loading.step().unwrap() {}
/// assert_eq!(loading.finish().unwrap().versions().len(), 1);
/// ```
#[derive(Debug)]
pub struct Loading {
    versions: Vec<RateCard>,
    /// The version being validated, and its next part.
    at: (usize, usize),
    /// A single card's features still to be read: the text, and each
    /// feature's key and value spans, in order (empty once all are read).
    unread: Option<(String, std::vec::IntoIter<split::Entry>)>,
}

/// Bytes of features read per step.
const READ_PER_STEP: usize = 32 * 1024;

impl Loading {
    /// Parses `text`: a rate card, or a JSON array of a card's versions. A
    /// card's features are read later, a few per [`Loading::step`].
    ///
    /// # Errors
    /// `invalid_rate_card` as [`PriceBook::from_json`] for text over the size
    /// limit or that does not parse.
    pub fn start(text: &str) -> Result<Loading> {
        if text.trim_start().starts_with('[') {
            return Ok(Loading { versions: parse_versions(text)?, at: (0, 0), unread: None });
        }
        let whole = |text: &str| Ok(Loading { versions: vec![RateCard::parse_unchecked(text)?], at: (0, 0), unread: None });
        if text.len() > MAX_RATE_CARD_BYTES {
            return whole(text);
        }
        // The card without its features first (they are most of a large card), then each feature.
        let Some((span, entries)) = split::features(text) else { return whole(text) };
        let shell = format!("{}{{}}{}", text.get(..span.start).unwrap_or_default(), text.get(span.end..).unwrap_or_default());
        let Ok(card) = RateCard::parse_unchecked(&shell) else { return whole(text) };
        Ok(Loading { versions: vec![card], at: (0, 0), unread: Some((text.to_string(), entries.into_iter())) })
    }

    /// Reads the next features, or validates the next part; `true` once every
    /// part of every version is.
    ///
    /// # Errors
    /// `invalid_rate_card` with the path of the problem, as
    /// [`PriceBook::from_json`] gives it (into the array for a book of several
    /// versions: `[1].features…`).
    pub fn step(&mut self) -> Result<bool> {
        if let Some((text, entries)) = self.unread.as_mut() {
            let mut read = 0usize;
            for (key, value) in entries.by_ref() {
                let parsed = text
                    .get(key.clone())
                    .and_then(|k| serde_json::from_str::<String>(k).ok())
                    .zip(text.get(value.clone()).and_then(|v| serde_json::from_str::<crate::rate_card::Feature>(v).ok()));
                let Some((id, feature)) = parsed else {
                    // The error exactly as the text read at once gives it.
                    return Err(RateCard::parse_unchecked(text)
                        .err()
                        .unwrap_or_else(|| Error::new(ErrorKind::InvalidRateCard, "$: the rate card does not parse")));
                };
                if let Some(card) = self.versions.get_mut(0) {
                    card.features.insert(id, feature);
                }
                read = read.saturating_add(value.len());
                if read >= READ_PER_STEP {
                    return Ok(false);
                }
            }
            self.unread = None;
            return Ok(false);
        }
        let single = self.versions.len() == 1;
        let (i, k) = self.at;
        let Some(card) = self.versions.get(i) else { return Ok(true) };
        card.validate_part(k).map_err(|e| if single { e } else { e.context(i) })?;
        self.at = if k.saturating_add(1) < card.validation_parts() { (i, k.saturating_add(1)) } else { (i.saturating_add(1), 0) };
        Ok(self.at.0 >= self.versions.len())
    }

    /// The book, once every step is done.
    ///
    /// # Errors
    /// `invalid_rate_card` as [`PriceBook::new`] (one id, distinct versions,
    /// `effectiveFrom` increasing); `invalid_request` when a step is left.
    pub fn finish(self) -> Result<PriceBook> {
        if self.unread.is_some() || self.at.0 < self.versions.len() {
            return Err(Error::new(ErrorKind::InvalidRequest, "the rate card is not read yet: call step() until it returns true"));
        }
        PriceBook::assemble(self.versions)
    }
}
