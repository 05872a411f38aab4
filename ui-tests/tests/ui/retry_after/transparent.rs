use authos_errors::ApiErrorCode;
use authos_errors::catalog::GeneralError;

#[derive(Debug, ApiErrorCode)]
enum AppError {
    #[code(transparent)]
    General(#[retry_after] GeneralError),
}

fn main() {}
