use std::time::Duration;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum OrderError {
    /// Too many orders
    #[code("ORDERS_THROTTLED", status = 429)]
    Throttled {
        #[retry_after]
        wait: Duration,
        #[retry_after]
        again: Duration,
    },
}

fn main() {}
