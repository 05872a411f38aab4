use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code(status = 402, "CARD_DECLINED")]
    CardDeclined,
}

fn main() {}
