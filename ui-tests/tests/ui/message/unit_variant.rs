use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Slug shorter than the minimum
    #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
    SlugTooShort,
}

fn main() {}
