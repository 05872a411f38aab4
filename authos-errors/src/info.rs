//! One row of an error catalog.

/// One entry of an error catalog: everything a client or a reader of the docs needs to know
/// about one machine-readable error code.
///
/// Values are `'static`, `Copy` and const-constructible, so a whole catalog is a
/// `const` slice that costs nothing at run time.
///
/// ```
/// use authos_errors::ErrorCodeInfo;
///
/// const CARD_DECLINED: ErrorCodeInfo = ErrorCodeInfo {
///     code: "CARD_DECLINED",
///     status: 402,
///     description: "Card was declined",
///     resolution: Some("Use another card"),
///     group: "Billing Errors",
/// };
/// assert_eq!(CARD_DECLINED.code, "CARD_DECLINED");
/// assert!(CARD_DECLINED.is_client_error());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCodeInfo {
    /// The machine-readable code, in SCREAMING_SNAKE_CASE (`"TOKEN_EXPIRED"`).
    pub code: &'static str,
    /// The HTTP status the error is answered with (400..=599).
    pub status: u16,
    /// What went wrong, as the catalog documents it (`"JWT has expired"`).
    pub description: &'static str,
    /// What the caller should do about it, where the catalog says.
    pub resolution: Option<&'static str>,
    /// The catalog group the code belongs to (`"Authentication Errors"`).
    pub group: &'static str,
}

impl ErrorCodeInfo {
    /// Whether the status is a 4xx: the caller can fix the request.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::MfaError};
    /// assert!(MfaError::InvalidMfaCode.info().is_client_error());
    /// ```
    #[must_use]
    pub const fn is_client_error(&self) -> bool {
        self.status >= 400 && self.status < 500
    }

    /// Whether the status is a 5xx: the server failed, and the body must not reveal why.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::InfrastructureError};
    /// assert!(InfrastructureError::DatabaseError.info().is_server_error());
    /// ```
    #[must_use]
    pub const fn is_server_error(&self) -> bool {
        self.status >= 500 && self.status < 600
    }
}
