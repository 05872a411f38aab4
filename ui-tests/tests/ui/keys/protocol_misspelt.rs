use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum TokenError {
    /// User hasn't approved the device yet
    #[code("DEVICE_PENDING", status = 400, oauth = "authorisation_pending")]
    Pending,

    /// User already exists
    #[code("USER_EXISTS", status = 409, scim = "unique")]
    Exists,

    /// Not an OAuth code at all
    #[code("WEIRD", status = 400, oauth = "server_error")]
    Weird,
}

fn main() {}
