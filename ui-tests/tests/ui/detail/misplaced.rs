// #[detail] marks fields: on a variant or the enum it says where it goes; it takes no arguments.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[detail]
enum SlugError {
    /// Slug too short
    #[detail]
    #[code("SLUG_TOO_SHORT", status = 400)]
    TooShort {
        #[detail(name = "minimum")]
        min: usize,
    },
}

fn main() {}
