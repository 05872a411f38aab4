// `retry_after` on a status a client is not told to retry after waiting.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, retry_after = 60)]
    CardDeclined,

    /// Too many attempts
    #[code("TOO_MANY_ATTEMPTS", status = 429, retry_after = 30)]
    TooManyAttempts,
}

fn main() {}
