// A #[detail] field needs a concrete type.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum RangeError<T> {
    /// Value below the minimum
    #[code("BELOW_MINIMUM", status = 400)]
    Below {
        #[detail]
        min: T,
    },
}

fn main() {}
