use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum QuotaError {
    /// Quota exhausted: a 403 sends no Retry-After
    #[code("QUOTA_EXHAUSTED", status = 403, retry_after = 60)]
    Exhausted,

    /// The key may come before the status
    #[code("PLAN_EXPIRED", retry_after = 3600, status = 402)]
    PlanExpired,

    /// Zero is no delay
    #[code("BUSY", status = 503, retry_after = 0)]
    Busy,

    /// Seconds are an integer
    #[code("SLOW_DOWN", status = 429, retry_after = "60")]
    SlowDown,
}

fn main() {}
