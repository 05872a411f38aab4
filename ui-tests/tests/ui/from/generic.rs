// `#[from]` over a type parameter would overlap core's `From<T> for T`.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum WrapError<E: std::error::Error + 'static> {
    /// The inner operation failed
    #[code("INNER_FAILED", status = 500)]
    Inner(#[from] E),
}

fn main() {}
