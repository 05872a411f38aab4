use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", "CARD_REFUSED", status = 402)]
    CardDeclined,
}

fn main() {}
