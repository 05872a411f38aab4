use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[api_error(group = "Billing Errors")]
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
