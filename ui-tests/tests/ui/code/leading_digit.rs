use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Second factor required
    #[code("2FA_REQUIRED", status = 401)]
    TwoFactorRequired,
}

fn main() {}
