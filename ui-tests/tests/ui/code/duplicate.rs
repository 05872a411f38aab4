use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,

    /// Card expired
    #[code("CARD_EXPIRED", status = 402)]
    CardExpired,

    /// Card refused by the issuer
    #[code("CARD_DECLINED", status = 402)]
    IssuerRefused,
}

fn main() {}
