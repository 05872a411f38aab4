use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum BillingError<E> {
    #[code(transparent)]
    Inner(E),

    /// Card expired
    #[code("CARD_EXPIRED", status = 402)]
    CardExpired,
}

fn main() {}
