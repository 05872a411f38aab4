use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    #[code("CARD_DECLINED", status = 402, description = CardDeclined)]
    CardDeclined,
}

fn main() {}
