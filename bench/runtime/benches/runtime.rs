//! Runtime benchmarks: every measurement of authos-errors has its hand-written baseline in
//! the same group, so the two are timed in the same run under the same load.
//!
//! Run with `python3 bench/runtime.py` (several rounds, medians and ratios) or directly with
//! `cargo bench --manifest-path bench/Cargo.toml`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use authos_errors::catalog::AuthOsError;
use authos_errors::{ApiErrorCode, ErrorBody};
use authos_errors_bench::{
    DERIVED_UNIT, Derived, HAND_UNIT, Hand, HandBody, HandParsedBody, flavours_agree,
};
use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0)
        .single()
        .expect("a valid fixed instant")
}

/// 256 values of each flavour in the same scrambled order (with the templated variant among
/// them), so a benchmark measures the accessor under realistic branching, not one hot path.
/// Each value goes through `black_box`, so the loop measures one call per value as a handler
/// makes it, not a loop the compiler vectorised across values.
fn mixed_values() -> (Vec<Derived>, Vec<Hand>) {
    (0..256usize)
        .map(|i| match (i * 37 + 11) % 9 {
            8 => (
                Derived::SlugTooShort { min: i },
                Hand::SlugTooShort { min: i },
            ),
            unit => (DERIVED_UNIT[unit].clone(), HAND_UNIT[unit].clone()),
        })
        .unzip()
}

fn accessors(c: &mut Criterion) {
    assert!(
        flavours_agree(),
        "the derived and hand-written flavours must agree"
    );
    let (derived, hand) = mixed_values();
    let mut group = c.benchmark_group("code");
    group.bench_function("derive", |b| {
        b.iter(|| {
            black_box(&derived)
                .iter()
                .map(|e| black_box(e).code().len())
                .sum::<usize>()
        })
    });
    group.bench_function("hand", |b| {
        b.iter(|| {
            black_box(&hand)
                .iter()
                .map(|e| black_box(e).code().len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("status");
    group.bench_function("derive", |b| {
        b.iter(|| {
            black_box(&derived)
                .iter()
                .map(|e| u32::from(black_box(e).status()))
                .sum::<u32>()
        })
    });
    group.bench_function("hand", |b| {
        b.iter(|| {
            black_box(&hand)
                .iter()
                .map(|e| u32::from(black_box(e).status()))
                .sum::<u32>()
        })
    });
    group.finish();
}

fn from_code(c: &mut Criterion) {
    // Owned copies, so neither side can profit from the catalog's own string addresses.
    let mut queries: Vec<String> = AuthOsError::CATALOG
        .iter()
        .map(|info| info.code.to_owned())
        .collect();
    queries.push("NOT_A_CODE".to_owned());
    queries.push("ANOTHER_UNKNOWN_CODE".to_owned());
    let mut map: HashMap<&'static str, AuthOsError> = HashMap::new();
    for info in AuthOsError::CATALOG {
        if let Some(value) = AuthOsError::from_code(info.code) {
            map.entry(info.code).or_insert(value);
        }
    }
    for query in &queries {
        assert_eq!(
            AuthOsError::from_code(query),
            map.get(query.as_str()).copied()
        );
    }

    let mut group = c.benchmark_group("from_code");
    group.bench_function("derive", |b| {
        b.iter(|| {
            black_box(&queries)
                .iter()
                .filter(|q| AuthOsError::from_code(q).is_some())
                .count()
        })
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            black_box(&queries)
                .iter()
                .filter(|q| black_box(&map).get(q.as_str()).copied().is_some())
                .count()
        })
    });
    group.finish();
}

fn message(c: &mut Criterion) {
    let (derived, hand) = mixed_values();
    let plain = |e: &&Derived| !matches!(e, Derived::SlugTooShort { .. });
    let derived_plain: Vec<Derived> = derived.iter().filter(plain).cloned().collect();
    let hand_plain: Vec<Hand> = hand
        .iter()
        .filter(|e| !matches!(e, Hand::SlugTooShort { .. }))
        .cloned()
        .collect();
    let mut group = c.benchmark_group("message_plain");
    group.bench_function("derive", |b| {
        b.iter(|| {
            black_box(&derived_plain)
                .iter()
                .map(|e| black_box(e).message().len())
                .sum::<usize>()
        })
    });
    group.bench_function("hand", |b| {
        b.iter(|| {
            black_box(&hand_plain)
                .iter()
                .map(|e| black_box(e).message().len())
                .sum::<usize>()
        })
    });
    group.finish();

    let derived = Derived::SlugTooShort { min: 3 };
    let hand = Hand::SlugTooShort { min: 3 };
    let mut group = c.benchmark_group("message_template");
    group.bench_function("derive", |b| b.iter(|| black_box(&derived).message().len()));
    group.bench_function("hand", |b| b.iter(|| black_box(&hand).message().len()));
    group.finish();
}

fn serialize(c: &mut Criterion) {
    let at = at();
    let derived = Derived::CardDeclined;
    let hand = Hand::CardDeclined;
    let expected = serde_json::to_string(&derived.to_body_at(at)).expect("serialisable");
    let by_hand = serde_json::to_string(&HandBody {
        error: &hand.message(),
        error_code: hand.code(),
        timestamp: at,
    })
    .expect("serialisable");
    assert_eq!(
        expected, by_hand,
        "the hand-written body must write the same bytes"
    );
    let by_json = serde_json::to_string(&serde_json::json!({
        "error": hand.message(),
        "error_code": hand.code(),
        "timestamp": at,
    }))
    .expect("serialisable");
    assert_eq!(
        expected, by_json,
        "the json! body must write the same bytes"
    );

    // One buffer reused by every flavour: the comparison is of serialising, not of growing a Vec.
    let mut buffer = Vec::with_capacity(256);
    let mut group = c.benchmark_group("serialize_body");
    group.bench_function("derive", |b| {
        b.iter(|| {
            buffer.clear();
            let error = black_box(&derived);
            serde_json::to_writer(&mut buffer, &error.to_body_at(at)).expect("serialisable");
            buffer.len()
        })
    });
    group.bench_function("hand_struct", |b| {
        b.iter(|| {
            buffer.clear();
            let error = black_box(&hand);
            let body = HandBody {
                error: &error.message(),
                error_code: error.code(),
                timestamp: at,
            };
            serde_json::to_writer(&mut buffer, &body).expect("serialisable");
            buffer.len()
        })
    });
    group.bench_function("json_macro", |b| {
        b.iter(|| {
            buffer.clear();
            let error = black_box(&hand);
            let body = serde_json::json!({
                "error": error.message(),
                "error_code": error.code(),
                "timestamp": at,
            });
            serde_json::to_writer(&mut buffer, &body).expect("serialisable");
            buffer.len()
        })
    });
    group.finish();
}

fn parse(c: &mut Criterion) {
    let text = r#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#;
    let ours: ErrorBody = serde_json::from_str(text).expect("parsable");
    let theirs: HandParsedBody = serde_json::from_str(text).expect("parsable");
    assert_eq!(
        (ours.error, ours.error_code, ours.timestamp),
        (theirs.error, theirs.error_code, theirs.timestamp)
    );

    let mut group = c.benchmark_group("parse_body");
    group.bench_function("derive", |b| {
        b.iter(|| {
            let body: ErrorBody = serde_json::from_str(black_box(text)).expect("parsable");
            body.error_code.len()
        })
    });
    group.bench_function("hand_struct", |b| {
        b.iter(|| {
            let body: HandParsedBody = serde_json::from_str(black_box(text)).expect("parsable");
            body.error_code.len()
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = accessors, from_code, message, serialize, parse
}
criterion_main!(benches);
