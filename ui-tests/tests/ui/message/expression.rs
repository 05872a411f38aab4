use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Slug shorter than the minimum
    #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {limits.min} characters")]
    SlugTooShort { limits: std::ops::Range<usize> },
}

fn main() {}
