//! Retry timing: full-jitter backoff (reproducible under a seed), `Retry-After` honoured
//! exactly up to the documented cap, and final 4xx never retried.

use std::time::Duration;

use authos_errors::client::{
    BackoffPolicy, DEFAULT_MAX_RETRY_AFTER, Jitter, RetryDecision, is_retryable_status,
};
use chrono::{TimeZone, Utc};

#[test]
fn the_same_seed_gives_the_same_delays_and_another_seed_others() {
    let delays = |seed| {
        let policy = BackoffPolicy::default().with_seed(seed);
        (0..10)
            .map(|attempt| policy.backoff(attempt))
            .collect::<Vec<_>>()
    };
    assert_eq!(delays(7), delays(7));
    assert_ne!(delays(7), delays(8));
}

#[test]
fn full_jitter_spreads_delays_over_the_whole_window() {
    let policy = BackoffPolicy::default().with_seed(0x5eed);
    let ceiling = policy.backoff_ceiling(3);
    assert_eq!(ceiling, Duration::from_secs(8));
    let delays: Vec<Duration> = (0..1000).map(|_| policy.backoff(3)).collect();
    assert!(delays.iter().all(|delay| *delay <= ceiling));
    // Uniform over 0..=8 s: a thousand draws reach both ends of the window.
    assert!(delays.iter().any(|delay| *delay < Duration::from_secs(1)));
    assert!(delays.iter().any(|delay| *delay > Duration::from_secs(7)));
}

#[test]
fn the_window_doubles_from_the_base_up_to_the_cap() {
    let policy = BackoffPolicy::default()
        .with_base(Duration::from_millis(100))
        .with_cap(Duration::from_secs(1));
    let windows: Vec<u128> = (0..6)
        .map(|attempt| policy.backoff_ceiling(attempt).as_millis())
        .collect();
    assert_eq!(windows, [100, 200, 400, 800, 1000, 1000]);
    assert_eq!(policy.backoff_ceiling(u32::MAX), Duration::from_secs(1));
}

#[test]
fn retry_after_is_honoured_exactly_up_to_the_cap() {
    let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 0).unwrap();
    let policy = BackoffPolicy::default().with_seed(1);
    assert_eq!(
        policy.decide_at(429, Some("299"), 0, now),
        RetryDecision::RetryAfter(Duration::from_secs(299))
    );
    assert_eq!(
        policy.decide_at(503, Some("Wed, 21 Oct 2015 08:27:00 GMT"), 0, now),
        RetryDecision::RetryAfter(DEFAULT_MAX_RETRY_AFTER),
        "an hour is cut to the 5-minute cap"
    );
    assert_eq!(
        policy.decide_at(503, Some("99999999999999999999999"), 0, now),
        RetryDecision::RetryAfter(DEFAULT_MAX_RETRY_AFTER)
    );
    let strict = policy.with_max_retry_after(Duration::from_secs(2));
    assert_eq!(
        strict.decide_at(429, Some("3"), 0, now),
        RetryDecision::RetryAfter(Duration::from_secs(2))
    );
}

#[test]
fn final_client_errors_are_never_retried() {
    let policy = BackoffPolicy::default().with_seed(2);
    for status in [400, 401, 403, 404, 409, 422, 499] {
        assert!(!is_retryable_status(status));
        assert_eq!(
            policy.decide(status, Some("1"), 0),
            RetryDecision::DoNotRetry,
            "{status}"
        );
    }
    for status in [429, 500, 502, 503, 504, 599] {
        assert!(is_retryable_status(status));
        assert!(policy.decide(status, None, 0).delay().is_some(), "{status}");
    }
}

#[test]
fn a_shared_generator_gives_concurrent_callers_different_draws() {
    let jitter = Jitter::from_seed(11);
    let draws: Vec<u64> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| jitter.next_u64())).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut unique = draws.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), draws.len(), "{draws:?}");
}
