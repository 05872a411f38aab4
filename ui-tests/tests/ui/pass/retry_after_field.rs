// A run-time `Retry-After` from a `#[retry_after]` field, a `Duration` or an
// `Option<Duration>` (`None`: the catalog's), while `?` still converts from a `#[from]` source
// and from a transparent catalog; the message template reads the same field.
use std::time::Duration;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthenticationError;

#[derive(Debug, ApiErrorCode)]
enum OrderError {
    /// Too many orders
    #[code("ORDERS_THROTTLED", status = 429, message = "Wait {wait:?} before ordering again")]
    Throttled {
        #[retry_after]
        wait: Duration,
    },

    /// Stock service down
    #[code("STOCK_DOWN", status = 503, retry_after = 30)]
    StockDown(#[retry_after] Option<Duration>, String),

    /// Order file unreadable
    #[code("ORDER_IO", status = 500)]
    Io(#[from] std::io::Error),

    #[code(transparent)]
    Auth(AuthenticationError),
}

fn read() -> Result<(), OrderError> {
    std::fs::read("/nonexistent/order.json")?;
    Err(AuthenticationError::JwtError)?;
    Ok(())
}

fn main() {
    let throttled = OrderError::Throttled { wait: Duration::from_secs(7) };
    assert_eq!(throttled.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(throttled.message(), "Wait 7s before ordering again");
    assert_eq!(OrderError::StockDown(None, "eu".into()).retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        OrderError::StockDown(Some(Duration::from_secs(2)), "eu".into()).retry_after(),
        Some(Duration::from_secs(2))
    );
    assert_eq!(read().unwrap_err().retry_after(), None);
}
