// A client names a type that is no error catalog: the message speaks of reading responses,
// not of deriving a server's variants.
use authos_errors::client;

struct Order {
    id: u64,
}

fn main() {
    let _ = client::parse::<Order>(r#"{"error":"x","error_code":"ORDER_NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#);
}
