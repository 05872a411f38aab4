// `retry_after` is whole seconds, at least one.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum RateError {
    /// Slow down
    #[code("SLOW_DOWN", status = 429, retry_after = "60")]
    SlowDown,

    /// Try later
    #[code("TRY_LATER", status = 503, retry_after = 1.5)]
    TryLater,

    /// Retry now
    #[code("RETRY_NOW", status = 503, retry_after = 0)]
    RetryNow,
}

fn main() {}
