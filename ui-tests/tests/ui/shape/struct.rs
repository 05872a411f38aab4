use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
struct BillingError {
    last4: String,
}

fn main() {}
