//! Price books: a two-version book of the HeyGen credit plans (an example,
//! not real HeyGen prices): Avatar IV 20 → 25 credits a minute and Business
//! $149 → $159 a month from 2027-01-01.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg(not(target_arch = "wasm32"))]

use ratecard::integrity::Verdict;
use ratecard::{request, ErrorKind, RateEngine};

/// The preset, and a next version from 2027-01-01.
fn book_json() -> String {
    let now = ratecard::presets::json("heygen-credits").unwrap().to_string();
    let mut next: serde_json::Value = serde_json::from_str(&now).unwrap();
    next["version"] = "2027-01".into();
    next["effectiveFrom"] = "2027-01-01".into();
    next["features"]["avatar_iv"]["rate"] = "25".into();
    next["plans"]["business"]["price"] = "159.00".into();
    format!("[{now},{next}]")
}

fn engine() -> RateEngine {
    RateEngine::from_json(&book_json()).unwrap()
}

fn quote(e: &RateEngine, at: &str) -> ratecard::Quote {
    let r = format!(
        r#"{{"plan":"business","at":"{at}","items":[{{"feature":"avatar_iv","seconds":60}}],"balance":"1000"}}"#
    );
    e.quote(&request::from_json(&r).unwrap()).unwrap()
}

#[test]
fn each_day_is_priced_with_the_version_in_force() {
    let e = engine();
    let before = quote(&e, "2026-12-31");
    assert_eq!(
        (before.version.as_str(), before.total.to_string()),
        ("2026-11-01", "20".into())
    );
    let after = quote(&e, "2027-01-01");
    assert_eq!(
        (after.version.as_str(), after.total.to_string()),
        ("2027-01", "25".into())
    );
    assert_ne!(before.card_hash, after.card_hash);
    let v = e.versions();
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].effective_from.as_deref(), Some("2027-01-01"));
    assert_eq!(v[1].card_hash, after.card_hash);
}

#[test]
fn a_book_needs_the_day_and_the_day_must_be_a_date() {
    let e = engine();
    let r = request::from_json(r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":60}]}"#).unwrap();
    let err = e.quote(&r).unwrap_err();
    assert_eq!(
        (err.kind(), err.path_text().as_str()),
        (ErrorKind::InvalidRequest, "at")
    );
    assert!(err.to_string().contains("price book of 2 versions"), "{err}");
    // A single card needs no day, as before.
    assert!(RateEngine::preset("heygen-credits").unwrap().quote(&r).is_ok());
}

#[test]
fn a_quote_warns_of_a_change_within_30_days_and_not_before() {
    let e = engine();
    let inside = quote(&e, "2026-12-15");
    assert!(
        inside.warnings.contains(
            &"Prices change on 1 Jan 2027: Avatar IV 20 → 25 credits a minute; Business 149.00 → 159.00 USD a month"
                .to_string()
        ),
        "{:?}",
        inside.warnings
    );
    let outside = quote(&e, "2026-11-30");
    assert!(
        !outside.warnings.iter().any(|w| w.starts_with("Prices change")),
        "{:?}",
        outside.warnings
    );
    // A quote whose items and plan keep their prices says so.
    let r = request::from_json(
        r#"{"plan":"creator","at":"2026-12-20","items":[{"feature":"generate_look","quantity":4}]}"#,
    )
    .unwrap();
    let q = e.quote(&r).unwrap();
    assert!(
        q.warnings.contains(
            &"Prices change on 1 Jan 2027 (version 2027-01); the prices in this quote stay the same".to_string()
        ),
        "{:?}",
        q.warnings
    );
}

#[test]
fn diff_names_each_change_in_the_cards_words() {
    let e = engine();
    let d = e.diff("2026-11-01", "2027-01").unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(d.len(), 2, "{json}");
    assert_eq!(json[0]["kind"], "changed");
    assert_eq!(json[0]["path"], "features.avatar_iv.rate");
    assert_eq!(json[0]["name"], "Avatar IV");
    assert_eq!(
        (json[0]["before"].as_str(), json[0]["after"].as_str()),
        (Some("20"), Some("25"))
    );
    assert_eq!(json[1]["path"], "plans.business.price");
    assert_eq!(json[1]["name"], "Business");
    assert_eq!(
        (json[1]["before"].as_str(), json[1]["after"].as_str()),
        (Some("149.00"), Some("159.00"))
    );
    assert!(json[0]["source"]
        .as_str()
        .unwrap()
        .contains("How to Use Credits on HeyGen"));
    assert_eq!(e.diff("2026-11-01", "nope").unwrap_err().path_text(), "to");
}

#[test]
fn verify_across_a_change_match_superseded_stale_altered() {
    let e = engine();
    let req =
        r#"{"plan":"business","at":"2026-12-30","items":[{"feature":"avatar_iv","seconds":60}],"balance":"1000"}"#;
    let q = serde_json::to_string(&quote(&e, "2026-12-30")).unwrap();
    // Charged the same day: match.
    assert_eq!(
        e.verify_json_with(req, &q, r#"{"at":"2026-12-31"}"#).unwrap().verdict,
        Verdict::Match
    );
    // Charged after the change, within a day: the quote was priced by the version in
    // force on its day; a newer one is in force on the server's day.
    let late = r#"{"plan":"business","at":"2026-12-31","items":[{"feature":"avatar_iv","seconds":60}],"balance":"1000"}"#;
    let lq = serde_json::to_string(&quote(&e, "2026-12-31")).unwrap();
    let v = e.verify_json_with(late, &lq, r#"{"at":"2027-01-01"}"#).unwrap();
    assert_eq!(v.verdict, Verdict::Superseded, "{}", v.message);
    assert_eq!(
        (v.quoted_on.as_deref(), v.server_day.as_deref(), v.version.as_deref(), v.version_in_force.as_deref()),
        (Some("2026-12-31"), Some("2027-01-01"), Some("2026-11-01"), Some("2027-01"))
    );
    assert_eq!(v.expected.unwrap().total.to_string(), "25");
    // Older than a day (the default maxAgeDays): expired, not superseded.
    let v = e.verify_json_with(req, &q, r#"{"at":"2027-01-02"}"#).unwrap();
    assert_eq!(v.verdict, Verdict::Expired, "{}", v.message);
    // A version the book does not hold: stale.
    let single = RateEngine::preset("heygen-payg").unwrap();
    let other = serde_json::to_string(
        &single
            .quote(
                &request::from_json(
                    r#"{"items":[{"feature":"avatar_iv","seconds":7,"options":{"avatar_type":"digital_twin"}}]}"#,
                )
                .unwrap(),
            )
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        e.verify_json_with(req, &other, r#"{"at":"2026-12-31"}"#)
            .unwrap()
            .verdict,
        Verdict::StaleCard
    );
    let renamed = q.replace(r#""version":"2026-11-01""#, r#""version":"2026-10-01""#);
    assert_eq!(
        e.verify_json_with(req, &renamed, r#"{"at":"2026-12-31"}"#)
            .unwrap()
            .verdict,
        Verdict::StaleCard
    );
    // A changed total: altered, before or after the change.
    let cheaper = q.replace(r#""total":"20""#, r#""total":"2""#);
    assert_eq!(
        e.verify_json_with(req, &cheaper, r#"{"at":"2026-12-31"}"#)
            .unwrap()
            .verdict,
        Verdict::Altered
    );
    assert_eq!(
        e.verify_json_with(req, &cheaper, r#"{"at":"2027-01-02"}"#)
            .unwrap()
            .verdict,
        Verdict::Altered
    );
}

#[test]
fn a_subscription_renews_at_the_new_price_and_usage_follows_the_day() {
    let e = engine();
    let sim = e
        .simulate(&request::from_json(r#"{"plan":"business","start":"2026-12-15","until":"2027-02-20",
            "usage":[{"at":"2026-12-31","feature":"avatar_iv","seconds":60},{"at":"2027-01-02","feature":"avatar_iv","seconds":60}]}"#).unwrap())
        .unwrap();
    let notes: Vec<(&str, &str)> = sim.events.iter().map(|ev| (ev.at.as_str(), ev.note.as_str())).collect();
    let find = |day: &str, text: &str| notes.iter().any(|(d, n)| *d == day && n.contains(text));
    assert!(find("2026-12-15", "charged 149.00 USD"), "{notes:?}");
    assert!(
        find(
            "2027-01-01",
            "version 2027-01 of rate card \"heygen-credits\" takes effect"
        ),
        "{notes:?}"
    );
    assert!(
        find("2027-01-15", "renewal at the prices of version 2027-01"),
        "{notes:?}"
    );
    assert!(find("2027-01-15", "charged 159.00 USD"), "{notes:?}");
    assert!(find("2027-02-15", "charged 159.00 USD"), "{notes:?}");
    // Usage on 2026-12-31 at 20 credits a minute, on 2027-01-02 at 25.
    let usage: Vec<String> = sim
        .events
        .iter()
        .filter(|ev| serde_json::to_value(ev.kind).unwrap() == "usage")
        .map(|ev| ev.credits.to_string())
        .collect();
    assert_eq!(usage, ["20", "25"]);
    assert_eq!(sim.spent.to_string(), "467.00"); // 149 + 159 + 159
}

#[test]
fn a_book_is_validated_with_paths_into_the_array() {
    let now = ratecard::presets::json("heygen-credits").unwrap();
    let err = |text: String| RateEngine::from_json(&text).unwrap_err();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut next: serde_json::Value = serde_json::from_str(now).unwrap();
        next["version"] = "2027-01".into();
        next["effectiveFrom"] = "2027-01-01".into();
        f(&mut next);
        format!("[{now},{next}]")
    };
    let mixed = err(with(&|n| n["id"] = "other".into()));
    assert_eq!(
        (mixed.kind(), mixed.path_text().as_str()),
        (ErrorKind::InvalidRateCard, "[1].id")
    );
    let repeated = err(with(&|n| n["version"] = "2026-11-01".into()));
    assert_eq!(repeated.path_text(), "[1].version");
    let missing = err(with(&|n| {
        n.as_object_mut().unwrap().remove("effectiveFrom");
    }));
    assert_eq!(missing.path_text(), "[1].effectiveFrom");
    let first: serde_json::Value = {
        let mut f: serde_json::Value = serde_json::from_str(now).unwrap();
        f["effectiveFrom"] = "2027-02-01".into();
        f
    };
    let mut second: serde_json::Value = serde_json::from_str(now).unwrap();
    second["version"] = "2027-01".into();
    second["effectiveFrom"] = "2027-01-01".into();
    let order = err(format!("[{first},{second}]"));
    assert_eq!(order.path_text(), "[1].effectiveFrom");
    assert!(
        order
            .to_string()
            .contains("must be after the previous version's (2027-02-01)"),
        "{order}"
    );
    let bad_rate = err(with(&|n| n["features"]["avatar_iv"]["rate"] = "-1".into()));
    assert!(
        bad_rate.path_text().starts_with("[1].features.avatar_iv"),
        "{}",
        bad_rate.path_text()
    );
    let typed = err(format!("[{now}, 5]"));
    assert_eq!(typed.path_text(), "[1]");
    assert_eq!(err("[]".into()).kind(), ErrorKind::InvalidRateCard);
}

#[test]
fn upcoming_says_what_changes_within_30_days() {
    let e = engine();
    let u = e.upcoming("2026-12-15").unwrap().unwrap();
    assert_eq!(
        (u.from.as_str(), u.version.as_str(), u.effective_from.as_str()),
        ("2026-11-01", "2027-01", "2027-01-01")
    );
    assert_eq!(u.changes.len(), 2);
    assert!(e.upcoming("2026-11-30").unwrap().is_none());
    assert!(e.upcoming("2027-01-01").unwrap().is_none());
    assert!(RateEngine::preset("heygen-credits")
        .unwrap()
        .upcoming("2026-12-15")
        .unwrap()
        .is_none());
}

#[test]
fn compare_and_capacity_use_the_version_in_force() {
    let book = book_json();
    let compare = |at: &str| {
        let req = format!(r#"{{"workload":[{{"feature":"avatar_iv","seconds":600}}],"books":[{book}],"at":"{at}"}}"#);
        let rows = RateEngine::compare(&request::from_json(&req).unwrap()).unwrap();
        let business = rows.iter().find(|r| r.plan.as_deref() == Some("business")).unwrap();
        serde_json::to_value(business).unwrap()["price"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(compare("2026-12-31"), "149.00");
    assert_eq!(compare("2027-01-01"), "159.00");
    let no_day = format!(r#"{{"workload":[{{"feature":"avatar_iv","seconds":60}}],"books":[{book}]}}"#);
    assert_eq!(
        RateEngine::compare(&request::from_json(&no_day).unwrap())
            .unwrap_err()
            .path_text(),
        "at"
    );
    let e = engine();
    let capacity = |at: &str| {
        let req = format!(r#"{{"plan":"business","feature":"avatar_iv","balance":"100","at":"{at}"}}"#);
        serde_json::to_value(e.capacity(&request::from_json(&req).unwrap()).unwrap()).unwrap()["seconds"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (capacity("2026-12-31"), capacity("2027-01-01")),
        ("300".to_string(), "240".to_string())
    );
}

/// `verify` with the server's records and options, from JSON texts.
fn verify(e: &RateEngine, req: &str, q: &str, records: &str, max_age_days: u32) -> ratecard::integrity::Verification {
    let request = request::from_json(req).unwrap();
    let records: request::ServerRecords = request::from_json(records).unwrap();
    let quote: serde_json::Value = serde_json::from_str(q).unwrap();
    e.verify_within(&request, &quote, &records, ratecard::VerifyOptions { max_age_days }).unwrap()
}

#[test]
fn the_buyer_never_picks_the_price_day() {
    let e = engine();
    let req = |at: &str| {
        format!(r#"{{"plan":"business","at":"{at}","items":[{{"feature":"avatar_iv","seconds":60}}],"balance":"1000"}}"#)
    };
    // A quote dated long ago, at a price two versions old: expired, whatever maxAgeDays allows up to its age.
    let old = serde_json::to_string(&quote(&e, "2026-06-01")).unwrap();
    let v = verify(&e, &req("2026-06-01"), &old, r#"{"at":"2027-01-05"}"#, 1);
    assert_eq!((v.verdict, v.expected.unwrap().total.to_string()), (Verdict::Expired, "25".to_string()));
    // A quote dated after the server's day, at a coming price: altered.
    let future = serde_json::to_string(&quote(&e, "2027-01-01")).unwrap();
    let v = verify(&e, &req("2027-01-01"), &future, r#"{"at":"2026-12-31"}"#, 1);
    assert_eq!(v.verdict, Verdict::Altered, "{}", v.message);
    assert!(v.message.contains("after the server's day 2026-12-31"), "{}", v.message);
    // maxAgeDays: a server that honours week-old quotes says so.
    let week = serde_json::to_string(&quote(&e, "2026-12-28")).unwrap();
    assert_eq!(verify(&e, &req("2026-12-28"), &week, r#"{"at":"2027-01-03"}"#, 7).verdict, Verdict::Superseded);
    assert_eq!(verify(&e, &req("2026-12-28"), &week, r#"{"at":"2027-01-03"}"#, 5).verdict, Verdict::Expired);
    // Records without `at`: the server's own day (natively, today in UTC), never the request's.
    let today = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string();
    let v = verify(&e, &req("2026-06-01"), &old, r#"{}"#, 1);
    assert_eq!(v.server_day.as_deref(), Some(today.as_str()));
    assert_ne!(v.verdict, Verdict::Match, "{}", v.message);
}

#[test]
fn a_backdated_request_revives_no_expired_credits() {
    // The red team's case: g1 (1,000 credits) expires on 2026-03-01; the page dates its request
    // 2026-02-20 and is "covered"; on the server's day, 2026-04-01, only g2's 10 credits are left.
    let e = RateEngine::preset("heygen-credits").unwrap();
    let grants = r#"[{"id":"g1","remaining":"1000","expiresAt":"2026-03-01"},{"id":"g2","remaining":"10"}]"#;
    let req = format!(r#"{{"plan":"business","at":"2026-02-20","items":[{{"feature":"avatar_iv","seconds":600}}],"grants":{grants}}}"#);
    let shown = e.quote(&request::from_json(&req).unwrap()).unwrap();
    assert_eq!((shown.balance.to_string(), shown.shortfall.to_string()), ("1010".into(), "0".into()));
    let q = serde_json::to_string(&shown).unwrap();
    let records = format!(r#"{{"plan":"business","grants":{grants},"at":"2026-04-01"}}"#);
    let v = verify(&e, &req, &q, &records, 1);
    assert_eq!(v.verdict, Verdict::Expired, "{}", v.message);
    let truth = v.expected.unwrap();
    assert_eq!((truth.balance.to_string(), truth.shortfall.to_string()), ("10".into(), "190".into()));
    // Even a server that honours quotes for 60 days: the records on its day give other amounts.
    let v = verify(&e, &req, &q, &records, 60);
    assert_eq!(v.verdict, Verdict::Expired, "{}", v.message);
    assert!(v.message.contains("other amounts"), "{}", v.message);
    // The same request, undated: altered on the server's day.
    let undated = req.replace(r#""at":"2026-02-20","#, "");
    let q = serde_json::to_string(&e.quote(&request::from_json(&undated).unwrap()).unwrap()).unwrap();
    assert_eq!(verify(&e, &undated, &q, &records, 1).verdict, Verdict::Altered);
    // Charged the day it was quoted: a match.
    let v = verify(&e, &req, &serde_json::to_string(&shown).unwrap(), &records.replace("2026-04-01", "2026-02-20"), 1);
    assert_eq!(v.verdict, Verdict::Match, "{}", v.message);
}

/// The preset and a next version from 2027-01-01 with `change` applied.
fn book_with(id: &str, change: impl Fn(&mut serde_json::Value)) -> RateEngine {
    let now = ratecard::presets::json(id).unwrap().to_string();
    let mut next: serde_json::Value = serde_json::from_str(&now).unwrap();
    next["version"] = "2027-01".into();
    next["effectiveFrom"] = "2027-01-01".into();
    change(&mut next);
    RateEngine::from_json(&format!("[{now},{next}]")).unwrap()
}

fn notes(sim: &ratecard::ledger::Simulation) -> Vec<(String, String, String)> {
    sim.events.iter().map(|e| (e.at.clone(), format!("{:?}", e.kind), e.note.clone())).collect()
}

#[test]
fn after_a_price_change_one_time_purchases_cost_what_buy_packs_says_that_day() {
    // Blocks $5 → $6 and Business $149 → $159 from 2027-01-01; the plan renews on the 15th.
    let e = book_with("heygen-credits", |next| {
        next["products"]["credit_block"]["price"] = "6.00".into();
        next["plans"]["business"]["price"] = "159.00".into();
    });
    let bought = e.buy_packs(&request::from_json(r#"{"plan":"business","quantity":1,"at":"2027-01-05"}"#).unwrap()).unwrap();
    assert_eq!(bought.price.to_string(), "6.00");
    let sim = e
        .simulate(&request::from_json(r#"{"plan":"business","start":"2026-12-15","until":"2027-01-20",
            "purchases":[{"at":"2026-12-20","quantity":1},{"at":"2027-01-05","quantity":1}]}"#).unwrap())
        .unwrap();
    let n = notes(&sim);
    let has = |day: &str, text: &str| n.iter().any(|(d, _, note)| d == day && note.contains(text));
    assert!(has("2026-12-20", "1 × 100-credit block for 5.00 USD") || has("2026-12-20", "for 5.00 USD"), "{n:#?}");
    assert!(has("2027-01-05", "for 6.00 USD"), "{n:#?}");
    assert!(has("2027-01-15", "charged 159.00 USD"), "{n:#?}");
    // 149 + 5 + 6 + 159
    assert_eq!(sim.spent.to_string(), "319.00");
    // The day it takes effect says what changes now and when the plan's price does.
    assert!(
        has("2027-01-01", "usage and one-time purchases are priced at its rates from today; your plan's price and allowance change at the monthly renewal on 2027-01-15"),
        "{n:#?}"
    );
}

#[test]
fn an_annual_plan_keeps_its_price_and_monthly_allowance_until_its_annual_renewal() {
    // Business's allowance 1,500 → 2,000 a month from 2027-01-01.
    let e = book_with("heygen-credits", |next| {
        next["plans"]["business"]["included"] = "2000".into();
    });
    let sim = e
        .simulate(&request::from_json(r#"{"plan":"business","billing":"year","start":"2026-06-01","until":"2027-06-02"}"#).unwrap())
        .unwrap();
    let grants: Vec<(String, String)> = sim
        .grants
        .iter()
        .map(|g| (g.issued_at.unwrap().to_string(), g.amount.unwrap().to_string()))
        .collect();
    assert!(grants.contains(&("2027-02-01".into(), "1500".into())), "{grants:?}");
    assert!(grants.contains(&("2027-05-01".into(), "1500".into())), "{grants:?}");
    assert!(grants.contains(&("2027-06-01".into(), "2000".into())), "{grants:?}");
    let n = notes(&sim);
    assert!(
        n.iter().any(|(d, _, note)| d == "2027-01-01" && note.ends_with("your plan's price and allowance change at the annual renewal on 2027-06-01")),
        "{n:#?}"
    );
}

#[test]
fn a_wallet_without_a_subscription_hears_nothing_of_renewals() {
    let e = book_with("heygen-payg", |next| {
        next["features"]["text_to_speech"]["rate"] = "0.001".into();
    });
    let sim = e
        .simulate(&request::from_json(r#"{"start":"2026-12-20","until":"2027-01-10","purchases":[{"at":"2026-12-20","quantity":5}]}"#).unwrap())
        .unwrap();
    let change = sim.events.iter().find(|ev| ev.at == "2027-01-01").unwrap();
    assert_eq!(
        change.note,
        "version 2027-01 of rate card \"heygen-payg\" takes effect: usage and top-ups are priced at its rates from today"
    );
}

#[test]
fn usage_of_a_feature_a_later_version_removed_is_not_run_and_the_rest_runs() {
    let e = book_with("heygen-credits", |next| {
        next["features"].as_object_mut().unwrap().remove("avatar_iii");
    });
    let sim = e
        .simulate(&request::from_json(r#"{"plan":"business","start":"2026-12-15","until":"2027-01-10","usage":[
            {"at":"2026-12-20","feature":"avatar_iii","seconds":60},
            {"at":"2027-01-02","feature":"avatar_iii","seconds":60},
            {"at":"2027-01-03","feature":"avatar_iv","seconds":60}]}"#).unwrap())
        .unwrap();
    let n = notes(&sim);
    assert!(
        n.iter().any(|(d, _, note)| d == "2027-01-02" && note == "usage[1] avatar_iii: not run, Avatar III is no longer offered from 2027-01-01 (version 2027-01)"),
        "{n:#?}"
    );
    assert!(n.iter().any(|(d, _, note)| d == "2027-01-03" && note.starts_with("usage[2] avatar_iv: 60 s")), "{n:#?}");
    // A feature no version has is still a bad request.
    let err = e
        .simulate(&request::from_json(r#"{"plan":"business","start":"2026-12-15","until":"2027-01-10","usage":[{"at":"2027-01-02","feature":"nope","seconds":60}]}"#).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownFeature);
}

#[test]
fn compare_takes_a_price_book_wherever_it_takes_a_card() {
    let now: serde_json::Value = serde_json::from_str(ratecard::presets::json("heygen-credits").unwrap()).unwrap();
    let mut next = now.clone();
    next["version"] = "2027-01".into();
    next["effectiveFrom"] = "2027-01-01".into();
    next["id"] = "acme".into();
    let mut first = now.clone();
    first["id"] = "acme".into();
    next["plans"]["creator"]["price"] = "19.00".into();
    let compare = |at: &str, cards: serde_json::Value| {
        let req = serde_json::json!({ "workload": [{ "feature": "avatar_iv", "seconds": 60 }], "presets": [], "cards": cards, "at": at });
        RateEngine::compare(&request::from_json(&req.to_string()).unwrap())
    };
    let price = |rows: &[ratecard::planner::Comparison], plan: &str| {
        rows.iter().find(|r| r.plan.as_deref() == Some(plan)).and_then(|r| r.price.map(|p| p.to_string()))
    };
    let before = compare("2026-12-31", serde_json::json!([[first, next]])).unwrap();
    let after = compare("2027-01-01", serde_json::json!([[first, next]])).unwrap();
    assert_eq!((price(&before, "creator"), price(&after, "creator")), (Some("29.00".into()), Some("19.00".into())));
    // A bad version is named by its index in `cards` and in the book.
    let mut bad = next.clone();
    bad["plans"]["creator"]["price"] = "-1".into();
    let err = compare("2027-01-01", serde_json::json!([now, [first, bad]])).unwrap_err();
    assert_eq!(err.path_text(), "cards[1][1].plans.creator.price", "{}", err.message());
}
