use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", resolution = "Use another card")]
    CardDeclined,
}

fn main() {}
