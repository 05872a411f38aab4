//! The AuthOS catalog's answer policies, given through the same public means any service has
//! ([`ProblemConfig`]'s builders).

use crate::ApiErrorCode;
use crate::catalog::AuthOsError;
use crate::problem::ProblemConfig;

/// Where the AuthOS error reference (`docs/ERRORS.md`) is published, up to the fragment: the
/// problem `type` of an AuthOS catalog code is this followed by the code, the anchor of the
/// code's row in the reference ([`reference::Markdown`](crate::reference::Markdown) writes
/// `<a id="CODE"></a>` in front of each code).
///
/// ```
/// use authos_errors::catalog::{self, GeneralError};
/// use authos_errors::ApiErrorCode;
/// let config = catalog::problem_config();
/// assert_eq!(
///     config.problem_type(GeneralError::Conflict.info()).to_string(),
///     format!("{}CONFLICT", catalog::TYPE_BASE)
/// );
/// ```
pub const TYPE_BASE: &str = "https://docs.authos.dev/errors#";

/// The realm of the challenges AuthOS sends (`Bearer realm="authos"`).
///
/// ```
/// assert_eq!(authos_errors::catalog::problem_config().realm(), Some(authos_errors::catalog::REALM));
/// ```
pub const REALM: &str = "authos";

/// The AuthOS codes that say the presented Bearer token itself is bad: their 401 challenge says
/// `error="invalid_token"` (RFC 6750 §3.1). Every one is a 401 of the catalog (a test checks).
///
/// ```
/// use authos_errors::catalog::{self, AuthenticationError};
/// use authos_errors::ApiErrorCode;
/// assert!(catalog::INVALID_TOKEN_CODES.contains(&AuthenticationError::TokenExpired.code()));
/// ```
pub const INVALID_TOKEN_CODES: &[&str] = &["TOKEN_EXPIRED", "JWT_ERROR", "INVALID_SCIM_TOKEN"];

/// How AuthOS answers: the problem `type` of each of its catalog's codes is its row of the
/// AuthOS reference ([`TYPE_BASE`] + code; other codes stay `about:blank`), challenges say
/// `realm="authos"` ([`REALM`]), and a 401 of [`INVALID_TOKEN_CODES`] says `invalid_token`.
///
/// Give it to the format layers (`ErrorFormatLayer::with_config`,
/// `ErrorFormatMiddleware::with_config`) or to a `RenderContext`; its builders add or replace
/// values as for any [`ProblemConfig`].
///
/// ```
/// use authos_errors::catalog::{self, AuthenticationError};
/// use authos_errors::problem::{ProblemDetails, www_authenticate};
///
/// let config = catalog::problem_config();
/// assert_eq!(
///     www_authenticate(&AuthenticationError::TokenExpired, &config).as_deref(),
///     Some(r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#)
/// );
/// assert_eq!(
///     ProblemDetails::new(&AuthenticationError::TokenExpired, &config).type_uri(),
///     "https://docs.authos.dev/errors#TOKEN_EXPIRED"
/// );
/// ```
#[must_use]
pub fn problem_config() -> ProblemConfig {
    ProblemConfig::default()
        .with_type_base_for(AuthOsError::CATALOG, TYPE_BASE)
        .with_realm(REALM)
        .with_invalid_token_codes(INVALID_TOKEN_CODES)
        .with_grpc_domain(GRPC_DOMAIN)
}

/// The `domain` of the `ErrorInfo` of AuthOS's gRPC statuses (feature `tonic`): the AuthOS
/// service, in [`problem_config`].
pub const GRPC_DOMAIN: &str = "authos.dev";

/// An empty [`FieldErrors`](crate::field_errors::FieldErrors) answered as AuthOS answers
/// many field errors: with its `BAD_REQUEST`
/// ([`GeneralError::BadRequest`](crate::catalog::GeneralError::BadRequest)), so that a problem
/// document's `type` is that code's row of the AuthOS reference under [`problem_config`].
///
/// ```
/// use authos_errors::catalog::{self, GeneralError, ValidationError};
/// use authos_errors::ApiErrorCode;
/// let mut errors = catalog::field_errors();
/// errors.push("email", &ValidationError::InvalidEmail);
/// assert_eq!(errors.info(), GeneralError::BadRequest.info());
/// ```
#[cfg(feature = "field-errors")]
#[must_use]
pub fn field_errors() -> crate::field_errors::FieldErrors {
    crate::field_errors::FieldErrors::new()
        .with_summary(crate::catalog::GeneralError::BadRequest.info())
}

#[cfg(test)]
mod tests {
    use super::{INVALID_TOKEN_CODES, problem_config};
    use crate::ApiErrorCode;
    use crate::catalog::AuthOsError;

    #[test]
    fn every_invalid_token_code_is_a_401_of_the_catalog() {
        for code in INVALID_TOKEN_CODES {
            let error = AuthOsError::from_code(code).expect("an AuthOS code");
            assert_eq!(error.status(), 401, "{code}");
            assert!(problem_config().is_invalid_token(error.info()), "{code}");
        }
    }
}
