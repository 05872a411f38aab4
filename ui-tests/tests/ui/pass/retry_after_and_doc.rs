// `retry_after` and `doc` reach the catalog entry, and `retry_after()` reads it, also through
// an enum that composes this one.
use std::time::Duration;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum RateError {
    /// Too many requests
    #[code("RATE_LIMITED", status = 429, retry_after = 60, doc = "https://docs.example.com/errors/RATE_LIMITED")]
    RateLimited,

    /// Maintenance
    #[code("MAINTENANCE", status = 503, retry_after = 300)]
    Maintenance,

    /// Bad input
    #[code("BAD_INPUT", status = 400, doc = "http://docs.example.com/errors/BAD_INPUT")]
    BadInput,
}

#[derive(Debug, ApiErrorCode)]
enum AppError {
    /// Upstream failed
    #[code("UPSTREAM_FAILED", status = 503, retry_after = 5)]
    Upstream,

    #[code(transparent)]
    Rate(RateError),
}

fn main() {
    let limited = RateError::RateLimited;
    assert_eq!(limited.info().retry_after, Some(60));
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(
        limited.info().doc_url,
        Some("https://docs.example.com/errors/RATE_LIMITED")
    );
    assert_eq!(RateError::Maintenance.retry_after(), Some(Duration::from_secs(300)));
    assert_eq!(RateError::Maintenance.info().doc_url, None);
    assert_eq!(RateError::BadInput.retry_after(), None);
    assert_eq!(
        RateError::BadInput.info().doc_url,
        Some("http://docs.example.com/errors/BAD_INPUT")
    );

    assert_eq!(AppError::Upstream.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(
        AppError::Rate(RateError::RateLimited).retry_after(),
        Some(Duration::from_secs(60))
    );
    assert_eq!(AppError::CATALOG[0].retry_after, Some(5));
    assert_eq!(AppError::CATALOG[1].retry_after, Some(60));
}
