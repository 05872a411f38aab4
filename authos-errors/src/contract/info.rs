//! One row of an error catalog.

use crate::contract::grpc_code::GrpcCode;
use crate::contract::oauth_code::OAuthErrorCode;
use crate::contract::scim_type::ScimType;

/// One entry of an error catalog: everything a client or a reader of the docs needs to know
/// about one machine-readable error code.
///
/// Values are `'static`, `Copy` and const-constructible, so a whole catalog is a
/// `const` slice that costs nothing at run time. Build one with [`ErrorCodeInfo::new`] and the
/// `with_*` methods (all `const`), so that entries keep compiling when a field is added.
///
/// ```
/// use authos_errors::ErrorCodeInfo;
///
/// const CARD_DECLINED: ErrorCodeInfo = ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined")
///     .with_resolution("Use another card")
///     .with_group("Billing Errors");
/// assert_eq!(CARD_DECLINED.code, "CARD_DECLINED");
/// assert_eq!(CARD_DECLINED.resolution, Some("Use another card"));
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
    /// The OAuth 2.0 `error` this code stands for on a token endpoint (RFC 6749 §5.2,
    /// RFC 8628 §3.5), where the protocol defines one.
    pub oauth: Option<OAuthErrorCode>,
    /// The SCIM `scimType` this code stands for (RFC 7644 §3.12), where the protocol defines one.
    pub scim: Option<ScimType>,
    /// The gRPC status code this code is answered with, when the catalog names one
    /// (`grpc = "failed_precondition"`); `None`: the code follows from the HTTP status
    /// ([`grpc_code`](Self::grpc_code)).
    pub grpc: Option<GrpcCode>,
    /// The delay, in seconds, sent as `Retry-After` unless the error value sets its own
    /// (429 and 503 entries only).
    pub retry_after: Option<u32>,
    /// Where this code is documented, when it has a page of its own (an absolute URL).
    pub doc_url: Option<&'static str>,
    /// The variant's `message` template as declared (`"Slug must be at least {min} characters"`),
    /// when it has one; without it the message is the description. Localisation (feature
    /// `fluent`) reads its placeholders as the variables a translation may use.
    pub message_template: Option<&'static str>,
    /// The names of the message template's placeholders, in order of first appearance, each
    /// once: a named field's name (without `r#`), a tuple field's index as written (`"0"`);
    /// empty when there is no template or it has no placeholders. The derive writes them from
    /// the template it parsed at compile time, so nothing parses
    /// [`message_template`](Self::message_template) at run time; they are the names
    /// [`ApiErrorCode::visit_message_args`](crate::ApiErrorCode::visit_message_args) passes.
    pub message_args: &'static [&'static str],
    /// The names of the machine-readable values a body of this code carries in its `details`
    /// member (the variant's `#[detail]` fields); empty for most codes.
    pub details: &'static [&'static str],
}

impl ErrorCodeInfo {
    /// An entry with a code, status and description; everything else unset and the group empty.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// const GONE: ErrorCodeInfo = ErrorCodeInfo::new("GONE", 410, "Resource is gone");
    /// assert_eq!((GONE.code, GONE.status, GONE.resolution, GONE.group), ("GONE", 410, None, ""));
    /// ```
    #[must_use]
    pub const fn new(code: &'static str, status: u16, description: &'static str) -> Self {
        ErrorCodeInfo {
            code,
            status,
            description,
            resolution: None,
            group: "",
            oauth: None,
            scim: None,
            grpc: None,
            retry_after: None,
            doc_url: None,
            message_template: None,
            message_args: &[],
            details: &[],
        }
    }

    /// This entry with a resolution hint.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("GONE", 410, "Gone").with_resolution("Stop asking");
    /// assert_eq!(info.resolution, Some("Stop asking"));
    /// ```
    #[must_use]
    pub const fn with_resolution(mut self, resolution: &'static str) -> Self {
        self.resolution = Some(resolution);
        self
    }

    /// This entry in a catalog group.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// assert_eq!(ErrorCodeInfo::new("GONE", 410, "Gone").with_group("Kitchen").group, "Kitchen");
    /// ```
    #[must_use]
    pub const fn with_group(mut self, group: &'static str) -> Self {
        self.group = group;
        self
    }

    /// This entry mapped to an OAuth 2.0 `error` value.
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, oauth::OAuthErrorCode};
    /// let info = ErrorCodeInfo::new("CODE_USED", 400, "Code already used").with_oauth(OAuthErrorCode::InvalidGrant);
    /// assert_eq!(info.oauth, Some(OAuthErrorCode::InvalidGrant));
    /// ```
    #[must_use]
    pub const fn with_oauth(mut self, oauth: OAuthErrorCode) -> Self {
        self.oauth = Some(oauth);
        self
    }

    /// This entry mapped to a SCIM `scimType`.
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, scim::ScimType};
    /// let info = ErrorCodeInfo::new("DUPLICATE", 409, "Duplicate").with_scim(ScimType::Uniqueness);
    /// assert_eq!(info.scim, Some(ScimType::Uniqueness));
    /// ```
    #[must_use]
    pub const fn with_scim(mut self, scim: ScimType) -> Self {
        self.scim = Some(scim);
        self
    }

    /// This entry answered over gRPC with `code` instead of the one its HTTP status maps to.
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, grpc::GrpcCode};
    /// let info = ErrorCodeInfo::new("ORG_INACTIVE", 403, "Organization not active")
    ///     .with_grpc(GrpcCode::FailedPrecondition);
    /// assert_eq!(info.grpc, Some(GrpcCode::FailedPrecondition));
    /// assert_eq!(info.grpc_code(), GrpcCode::FailedPrecondition);
    /// ```
    #[must_use]
    pub const fn with_grpc(mut self, code: GrpcCode) -> Self {
        self.grpc = Some(code);
        self
    }

    /// The gRPC status code this entry is answered with: [`grpc`](Self::grpc) when the
    /// catalog names one, else the code of its HTTP status ([`GrpcCode::from_http_status`]).
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, grpc::GrpcCode};
    /// assert_eq!(ErrorCodeInfo::new("GONE", 404, "Gone").grpc_code(), GrpcCode::NotFound);
    /// ```
    #[must_use]
    pub const fn grpc_code(&self) -> GrpcCode {
        match self.grpc {
            Some(code) => code,
            None => GrpcCode::from_http_status(self.status),
        }
    }

    /// This entry with a default `Retry-After`, in seconds.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("SLOW_DOWN", 429, "Too many requests").with_retry_after(60);
    /// assert_eq!(info.retry_after, Some(60));
    /// ```
    #[must_use]
    pub const fn with_retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// This entry with a documentation page of its own.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("GONE", 410, "Gone").with_doc_url("https://example.com/errors/gone");
    /// assert_eq!(info.doc_url, Some("https://example.com/errors/gone"));
    /// ```
    #[must_use]
    pub const fn with_doc_url(mut self, url: &'static str) -> Self {
        self.doc_url = Some(url);
        self
    }

    /// This entry with a message template (`{field}` / `{0}` placeholders, `{{`/`}}` for braces).
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Slug shorter than the minimum")
    ///     .with_message_template("Slug must be at least {min} characters");
    /// assert_eq!(info.message_template, Some("Slug must be at least {min} characters"));
    /// ```
    #[must_use]
    pub const fn with_message_template(mut self, template: &'static str) -> Self {
        self.message_template = Some(template);
        self
    }

    /// This entry with the names of its message template's placeholders (see
    /// [`message_args`](Self::message_args)).
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Slug shorter than the minimum")
    ///     .with_message_template("Slug {slug:?} has {len} characters, {min} at least ({min})")
    ///     .with_message_args(&["slug", "len", "min"]);
    /// assert_eq!(info.message_args, ["slug", "len", "min"]);
    /// ```
    ///
    /// The derive fills it in from each variant's `message`:
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum SlugError {
    ///     /// Slug shorter than the minimum
    ///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug {slug:?} is under {min} characters ({min})")]
    ///     TooShort { slug: String, min: usize },
    ///     /// Slug taken
    ///     #[code("SLUG_TAKEN", status = 409, message = "Slug {0} is taken")]
    ///     Taken(String),
    ///     /// Slug reserved
    ///     #[code("SLUG_RESERVED", status = 409)]
    ///     Reserved,
    /// }
    ///
    /// assert_eq!(SlugError::CATALOG[0].message_args, ["slug", "min"]);
    /// assert_eq!(SlugError::CATALOG[1].message_args, ["0"]);
    /// assert!(SlugError::CATALOG[2].message_args.is_empty());
    /// ```
    #[must_use]
    pub const fn with_message_args(mut self, names: &'static [&'static str]) -> Self {
        self.message_args = names;
        self
    }

    /// This entry with the names of its `details` members.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// let info = ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Slug too short").with_details(&["min"]);
    /// assert_eq!(info.details, ["min"]);
    /// ```
    #[must_use]
    pub const fn with_details(mut self, names: &'static [&'static str]) -> Self {
        self.details = names;
        self
    }

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
