use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthenticationError;

#[derive(Debug, ApiErrorCode)]
enum AppError {
    #[code(transparent)]
    Auth(AuthenticationError),

    /// Login failed
    #[code("LOGIN_FAILED", status = 401)]
    Login(#[from] AuthenticationError),
}

fn main() {}
