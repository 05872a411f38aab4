use std::time::Duration;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum OrderError {
    /// Order rejected
    #[code("ORDER_REJECTED", status = 400)]
    Rejected {
        #[retry_after]
        wait: Duration,
    },
}

fn main() {}
