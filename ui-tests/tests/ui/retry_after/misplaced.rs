use std::time::Duration;

use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
#[retry_after]
enum OrderError {
    /// Too many orders
    #[retry_after]
    #[code("ORDERS_THROTTLED", status = 429)]
    Throttled {
        #[retry_after(60)]
        wait: Duration,
    },
}

fn main() {}
