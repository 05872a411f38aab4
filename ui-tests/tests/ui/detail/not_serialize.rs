// A #[detail] field must be serializable; the error names the field's type.
use authos_errors::ApiErrorCode;

#[derive(Debug)]
struct Limits {
    min: usize,
}

#[derive(Debug, ApiErrorCode)]
enum SlugError {
    /// Slug too short
    #[code("SLUG_TOO_SHORT", status = 400)]
    TooShort {
        #[detail]
        limits: Limits,
    },
}

fn main() {}
