//! The OAuth 2.0 `error` values a catalog row may name ([`ErrorCodeInfo::oauth`](crate::ErrorCodeInfo::oauth)).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// One registered OAuth 2.0 `error` value.
///
/// The first ten are the token endpoint's (RFC 6749 §5.2, RFC 8628 §3.5) and are what
/// `#[code(oauth = "...")]` accepts; [`ServerError`](Self::ServerError) and
/// [`TemporarilyUnavailable`](Self::TemporarilyUnavailable) are RFC 6749 §4.1.2.1's, used when a
/// 5xx has to be answered in the OAuth shape.
///
/// ```
/// use authos_errors::oauth::OAuthErrorCode;
///
/// let code: OAuthErrorCode = "invalid_grant".parse().unwrap();
/// assert_eq!(code, OAuthErrorCode::InvalidGrant);
/// assert_eq!(code.to_string(), "invalid_grant");
/// assert!("invalid-grant".parse::<OAuthErrorCode>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OAuthErrorCode {
    /// `invalid_request`: the request is missing a parameter or is otherwise malformed.
    InvalidRequest,
    /// `invalid_client`: client authentication failed (answered as 401 with a challenge).
    InvalidClient,
    /// `invalid_grant`: the grant (code, device code, refresh token) is invalid or expired.
    InvalidGrant,
    /// `unauthorized_client`: the client may not use this grant type.
    UnauthorizedClient,
    /// `unsupported_grant_type`: the server does not support this grant type.
    UnsupportedGrantType,
    /// `invalid_scope`: the requested scope is invalid, unknown or too broad.
    InvalidScope,
    /// `authorization_pending` (RFC 8628): the user has not approved the device yet; keep polling.
    AuthorizationPending,
    /// `slow_down` (RFC 8628): keep polling, five seconds slower.
    SlowDown,
    /// `access_denied` (RFC 8628): the user denied the request.
    AccessDenied,
    /// `expired_token` (RFC 8628): the device code expired; start a new flow.
    ExpiredToken,
    /// `server_error` (RFC 6749 §4.1.2.1): the server failed.
    ServerError,
    /// `temporarily_unavailable` (RFC 6749 §4.1.2.1): the server is overloaded or in maintenance.
    TemporarilyUnavailable,
}

impl OAuthErrorCode {
    /// Every value, in the order above.
    ///
    /// ```
    /// use authos_errors::oauth::OAuthErrorCode;
    /// assert_eq!(OAuthErrorCode::ALL.len(), 12);
    /// ```
    pub const ALL: &'static [OAuthErrorCode] = &[
        OAuthErrorCode::InvalidRequest,
        OAuthErrorCode::InvalidClient,
        OAuthErrorCode::InvalidGrant,
        OAuthErrorCode::UnauthorizedClient,
        OAuthErrorCode::UnsupportedGrantType,
        OAuthErrorCode::InvalidScope,
        OAuthErrorCode::AuthorizationPending,
        OAuthErrorCode::SlowDown,
        OAuthErrorCode::AccessDenied,
        OAuthErrorCode::ExpiredToken,
        OAuthErrorCode::ServerError,
        OAuthErrorCode::TemporarilyUnavailable,
    ];

    /// The value as it is written in the `error` member.
    ///
    /// ```
    /// use authos_errors::oauth::OAuthErrorCode;
    /// assert_eq!(OAuthErrorCode::ExpiredToken.as_str(), "expired_token");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            OAuthErrorCode::InvalidRequest => "invalid_request",
            OAuthErrorCode::InvalidClient => "invalid_client",
            OAuthErrorCode::InvalidGrant => "invalid_grant",
            OAuthErrorCode::UnauthorizedClient => "unauthorized_client",
            OAuthErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            OAuthErrorCode::InvalidScope => "invalid_scope",
            OAuthErrorCode::AuthorizationPending => "authorization_pending",
            OAuthErrorCode::SlowDown => "slow_down",
            OAuthErrorCode::AccessDenied => "access_denied",
            OAuthErrorCode::ExpiredToken => "expired_token",
            OAuthErrorCode::ServerError => "server_error",
            OAuthErrorCode::TemporarilyUnavailable => "temporarily_unavailable",
        }
    }
}

impl fmt::Display for OAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not a registered OAuth 2.0 `error` value.
///
/// ```
/// use authos_errors::oauth::OAuthErrorCode;
/// let err = "nope".parse::<OAuthErrorCode>().unwrap_err();
/// assert_eq!(err.to_string(), "`nope` is not a registered OAuth 2.0 error code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOAuthErrorCode(pub String);

impl fmt::Display for UnknownOAuthErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a registered OAuth 2.0 error code", self.0)
    }
}

impl std::error::Error for UnknownOAuthErrorCode {}

impl FromStr for OAuthErrorCode {
    type Err = UnknownOAuthErrorCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        OAuthErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| UnknownOAuthErrorCode(text.to_owned()))
    }
}

impl Serialize for OAuthErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
