use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code()]
    CardDeclined,
}

fn main() {}
