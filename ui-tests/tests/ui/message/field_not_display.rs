// A placeholder's field must implement `Display` (or `Debug` with `{field:?}`); rustc's error
// points at the message that asks for it.
use authos_errors::ApiErrorCode;

#[derive(Debug)]
struct Limits;

#[derive(Debug, ApiErrorCode)]
enum SlugError {
    /// Slug shorter than the minimum
    #[code("SLUG_TOO_SHORT", status = 400, message = "Slug is outside {limits}")]
    TooShort { limits: Limits },
}

fn main() {}
