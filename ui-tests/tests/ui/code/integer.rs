use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code(402, status = 402)]
    CardDeclined,
}

fn main() {}
