//! Native benchmarks of the core: `cargo bench` (criterion).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use criterion::{criterion_group, criterion_main, Criterion};
use ratecard::{request, RateEngine};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let engine = RateEngine::preset("heygen-credits").unwrap();
    let one: ratecard::QuoteRequest = request::from_json(
        r#"{"plan":"business","items":[{"feature":"avatar_iv","seconds":120,"options":{"expressive_motion":true}}],"balance":"10"}"#,
    )
    .unwrap();
    let five: ratecard::QuoteRequest = request::from_json(
        r#"{"plan":"business","balance":"120.5","items":[{"feature":"avatar_iv","seconds":90,"options":{"expressive_motion":true}},
            {"feature":"generate_look","quantity":4},{"feature":"video_translation","seconds":300,"options":{"mode":"precision"}},
            {"feature":"video_asset","seconds":8,"options":{"model":"seedance2"}},{"feature":"avatar_iii","seconds":45}]}"#,
    )
    .unwrap();
    let curve: ratecard::request::CurveRequest =
        request::from_json(r#"{"plan":"business","item":{"feature":"avatar_iv"},"fromSeconds":1,"toSeconds":1800}"#)
            .unwrap();
    let usage: Vec<String> = (0..365)
        .step_by(3)
        .map(|d| {
            let day = jiff::civil::date(2026, 1, 1)
                .checked_add(jiff::Span::new().days(d))
                .unwrap();
            format!(r#"{{"at":"{day}","feature":"avatar_iv","seconds":{}}}"#, 30 + d % 200)
        })
        .collect();
    let year: ratecard::request::SimulateRequest = request::from_json(&format!(
        r#"{{"plan":"business","start":"2026-01-01","until":"2026-12-31","autoReload":{{"threshold":"100","quantity":2}},"usage":[{}]}}"#,
        usage.join(",")
    ))
    .unwrap();

    c.bench_function("quote: 1 item, balance, purchase options", |b| {
        b.iter(|| engine.quote(black_box(&one)).unwrap())
    });
    c.bench_function("quote: 5 items", |b| b.iter(|| engine.quote(black_box(&five)).unwrap()));
    c.bench_function("quoteCurve: 1..1800 s", |b| {
        b.iter(|| engine.quote_curve(black_box(&curve)).unwrap())
    });
    c.bench_function("simulate: a year, 122 jobs, auto-reload", |b| {
        b.iter(|| engine.simulate(black_box(&year)).unwrap())
    });
    c.bench_function("preset: parse, validate, hash heygen-credits", |b| {
        b.iter(|| RateEngine::from_json(black_box(ratecard::presets::json("heygen-credits").unwrap())).unwrap())
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(engine);
