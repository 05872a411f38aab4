use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = PAYMENT_REQUIRED)]
    CardDeclined,
}

fn main() {}
