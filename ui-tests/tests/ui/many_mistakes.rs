// Nine different mistakes in one enum: every one is reported in the same compile, and the
// code below that uses the enum type-checks against the stub impls, so nothing but the
// derive's own errors appears.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[api_error(gruop = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[code("card_declined", status = 402)]
    CardDeclined,

    /// Card expired
    #[code("CARD_EXPIRED", status = 302)]
    CardExpired,

    #[code("INSUFFICIENT_FUNDS", status = 402)]
    InsufficientFunds,

    /// Amount too large
    #[code("AMOUNT_TOO_LARGE", status = 400, message = "At most {maximum} cents")]
    AmountTooLarge,

    /// Currency not supported
    #[code("CURRENCY_UNSUPPORTED", status = 400, resoluton = "Pay in EUR")]
    CurrencyUnsupported,

    /// Card was declined again
    #[code("CARD_EXPIRED", status = 402)]
    DeclinedAgain,

    /// Billing provider failed
    Provider,

    #[code(transparent)]
    Nothing,
}

fn main() {
    let err = BillingError::CardDeclined;
    let code: &'static str = err.code();
    let status: u16 = err.status();
    let text: String = err.to_string();
    let source = std::error::Error::source(&err);
    let entries = BillingError::CATALOG.len();
    let parsed: Option<BillingError> = BillingError::from_code("CARD_DECLINED");
    let _ = (code, status, text, source.is_none(), entries, parsed, err.to_body());
    let _ = (BillingError::AmountTooLarge.message(), err.description());
}
