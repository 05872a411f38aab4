// A variant without a status is neither a 4xx nor a 5xx: the missing status is the one error,
// with no second one about its #[detail] (one answer to "is this a 5xx?").
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum SignupError {
    /// Password too short
    #[code("PASSWORD_TOO_SHORT")]
    PasswordTooShort {
        #[detail]
        min: usize,
    },
}

fn main() {}
