//! Every bound the engine enforces, in one place. A request or rate card
//! past one gets a clear error naming the bound; nothing here is a price.

/// Largest duration an item may give, in seconds (1,000,000 s ≈ 11.6 days).
pub const MAX_SECONDS: u32 = 1_000_000;
/// Largest count an item, a purchase or a seat count may give.
pub const MAX_QUANTITY: u32 = 1_000_000;
/// Most items in one quote.
pub const MAX_ITEMS: usize = 1_000;
/// Most points one price-curve call computes.
pub const MAX_CURVE_POINTS: usize = 100_000;
/// Most usage events in one simulation.
pub const MAX_USAGE_EVENTS: usize = 10_000;
/// Most dated events in one simulation's timeline: usage, purchases,
/// upgrades and unit changes together (each runs once; bounds the work, not
/// only the bytes).
pub const MAX_TIMELINE_EVENTS: usize = 10_000;
/// Most credit grants one simulation may issue (cycles, purchases,
/// renewals, auto-reloads, upgrades): auto-reload can buy up to
/// [`MAX_RELOADS_PER_USAGE`] times per usage, and every burn works over the
/// grants held, so this bounds a simulation's work.
pub const MAX_SIMULATION_GRANTS: usize = 20_000;
/// Longest window simulated, in days (about ten years).
pub const MAX_WINDOW_DAYS: i32 = 3_660;
/// Most auto-reloads one usage event may trigger.
pub const MAX_RELOADS_PER_USAGE: u32 = 1_000;
/// Largest rate card (or price book of versions) accepted as JSON text, in
/// bytes (1 MiB).
pub const MAX_RATE_CARD_BYTES: usize = 1 << 20;
/// Most versions a price book may hold.
pub const MAX_BOOK_VERSIONS: usize = 100;
/// How many days ahead a quote warns of a newer version taking effect.
pub const PRICE_CHANGE_NOTICE_DAYS: i32 = 30;
/// Longest text a rate card may hold in one string (a name, a label, a
/// source, a note), in characters: every quote line copies its feature's
/// name and source, so this bounds a quote's size (1,000 lines).
pub const MAX_CARD_TEXT_CHARS: usize = 2_000;
/// Longest id a rate card may give a plan, product, feature or option, in characters.
pub const MAX_CARD_ID_CHARS: usize = 100;
/// Largest request accepted from JS, as JSON text, in bytes (1 MiB);
/// refused before it is copied into wasm memory.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;
/// Largest quote `verify` accepts from JS, as JSON text, in bytes (8 MiB:
/// 1,000 lines with names and sources at their longest); refused before it
/// is copied into wasm memory.
pub const MAX_QUOTE_BYTES: usize = 8 << 20;
/// Longest detail an error message gives, in characters: a value quoted from
/// the input is cut there with "…", so an error never echoes a huge input.
pub const MAX_ERROR_DETAIL_CHARS: usize = 1_000;
/// Longest key an error's path names, in characters (cut with "…").
pub const MAX_ERROR_KEY_CHARS: usize = 100;
/// Most rate cards of its own one `compare` request may give.
pub const MAX_COMPARE_CARDS: usize = 16;
/// Most decimal places a rate card may round to.
pub const MAX_ROUNDING_DP: u32 = 6;
/// Most combinations of enum option values a feature may define (each must
/// find a rate, and validation tries them all).
pub const MAX_OPTION_COMBINATIONS: usize = 10_000;
/// Most values an enum option may list (each at most once).
pub const MAX_ENUM_VALUES: usize = 1_000;
/// Most rates a feature may list (`rates`); a rate is chosen by scanning them.
pub const MAX_RATES_PER_FEATURE: usize = 1_000;
/// Longest expiry counted in billing cycles (100 years of months).
pub const MAX_EXPIRY_CYCLES: u32 = 1_200;
/// Longest expiry counted in days (about 270 years).
pub const MAX_EXPIRY_DAYS: u32 = 100_000;
/// A quote given grants and a day warns about credits expiring within this
/// many days that it leaves unused.
pub const EXPIRY_WARNING_DAYS: i32 = 7;
/// The longest a hold lasts when the card sets no `maxHoldDays`, in days.
pub const DEFAULT_MAX_HOLD_DAYS: u32 = 7;
/// The most a card's `maxHoldDays` may be, in days (a year).
pub const MAX_HOLD_DAYS: u32 = 366;
/// Most open holds a request may carry (`holds`).
pub const MAX_HOLDS: usize = 1_000;
/// Most decimal places an exact amount shows in an explanation before "…".
pub const EXPLANATION_DP: u32 = 6;

/// The limits a caller may check before it calls the engine, by the name
/// `RateEngine.limits()` gives each in JS (camelCase, a whole number):
/// seconds, counts, bytes, characters or days, as each constant says.
pub const FOR_CALLERS: [(&str, u64); 15] = [
    ("maxSeconds", MAX_SECONDS as u64),
    ("maxQuantity", MAX_QUANTITY as u64),
    ("maxItems", MAX_ITEMS as u64),
    ("maxCurvePoints", MAX_CURVE_POINTS as u64),
    ("maxUsageEvents", MAX_USAGE_EVENTS as u64),
    ("maxTimelineEvents", MAX_TIMELINE_EVENTS as u64),
    ("maxWindowDays", MAX_WINDOW_DAYS as u64),
    ("maxRateCardBytes", MAX_RATE_CARD_BYTES as u64),
    ("maxBookVersions", MAX_BOOK_VERSIONS as u64),
    ("maxRequestBytes", MAX_REQUEST_BYTES as u64),
    ("maxQuoteBytes", MAX_QUOTE_BYTES as u64),
    ("maxCardTextChars", MAX_CARD_TEXT_CHARS as u64),
    ("maxCardIdChars", MAX_CARD_ID_CHARS as u64),
    ("maxCompareCards", MAX_COMPARE_CARDS as u64),
    ("priceChangeNoticeDays", PRICE_CHANGE_NOTICE_DAYS as u64),
];

/// [`FOR_CALLERS`] as a JSON object: `{"maxSeconds":1000000,…}`.
pub fn json() -> String {
    let mut out = String::from("{");
    for (i, (name, value)) in FOR_CALLERS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(name);
        out.push_str("\":");
        push_digits(&mut out, *value);
    }
    out.push('}');
    out
}

/// `value`'s decimal digits, without `core::fmt` (which the first-load module
/// does not otherwise need).
fn push_digits(out: &mut String, value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = value;
    loop {
        at = at.saturating_sub(1);
        let digit = u8::try_from(rest % 10).unwrap_or(0);
        if let Some(d) = digits.get_mut(at) {
            *d = b'0'.saturating_add(digit);
        }
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(*d));
    }
}
