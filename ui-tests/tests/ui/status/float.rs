use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402.0)]
    CardDeclined,
}

fn main() {}
