use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(gruop = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,
}

fn main() {}
