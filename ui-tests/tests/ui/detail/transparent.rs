// A transparent variant's details are the inner error's own.
use authos_errors::ApiErrorCode;
use authos_errors::catalog::ValidationError;

#[derive(Debug, ApiErrorCode)]
enum AppError {
    #[code(transparent)]
    Validation(#[detail] ValidationError),
}

fn main() {}
