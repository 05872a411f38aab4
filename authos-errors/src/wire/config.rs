//! The policies of an error answer that are the service's to choose, as data: how problem
//! `type`s are addressed, the realm and the `invalid_token` codes of the Bearer challenge, and
//! whether the AuthOS JSON body names the request. Public as `authos_errors::problem::*`.
//!
//! The defaults are generic (no realm, no invalid-token code, `about:blank` unless an entry has
//! a `doc_url`); a catalog brings its own values as any service does, through
//! [`ProblemConfig`]'s builders.

use std::borrow::Cow;
use std::fmt;

use crate::ErrorCodeInfo;

/// The `type` of a problem that documents nothing beyond its HTTP status (RFC 9457 §4.2.1).
pub const ABOUT_BLANK: &str = "about:blank";

/// The policies of an error answer that are the service's to choose: how problem `type`s are
/// addressed, the realm and `invalid_token` codes of the Bearer challenge, and whether the
/// AuthOS JSON body names the request.
///
/// The default is generic: every problem `type` is `about:blank` unless its entry has a
/// [`doc_url`](ErrorCodeInfo::doc_url), the challenge is a bare `Bearer` (RFC 6750 §3 makes
/// `realm` optional) and no code says `invalid_token`. A catalog supplies its own values the way
/// any service does; the AuthOS catalog's are
/// [`catalog::problem_config`](crate::catalog::problem_config).
///
/// The `type` of a problem points at the documentation of its code, and never at a page that
/// does not document it ([`problem_type`](Self::problem_type)):
/// 1. the entry's own [`doc_url`](ErrorCodeInfo::doc_url), when it has one;
/// 2. else the base set with [`with_type_base`](Self::with_type_base), followed by the code;
/// 3. else, for an entry of a catalog given to [`with_type_base_for`](Self::with_type_base_for),
///    that catalog's base followed by the code;
/// 4. else `about:blank`: the problem means no more than its HTTP status (RFC 9457 §4.2.1).
///
/// ```
/// use authos_errors::problem::ProblemConfig;
///
/// let config = ProblemConfig::default()
///     .with_type_base("https://errors.example.com/")
///     .with_realm("example");
/// assert_eq!(config.type_uri("NOT_FOUND").as_deref(), Some("https://errors.example.com/NOT_FOUND"));
/// assert_eq!(config.realm(), Some("example"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemConfig {
    /// `None` until the user sets a base.
    type_base: Option<Cow<'static, str>>,
    /// The bases of whole catalogs, in the order they were given.
    catalog_type_bases: Vec<(&'static [ErrorCodeInfo], Cow<'static, str>)>,
    realm: Option<Cow<'static, str>>,
    invalid_token_codes: Cow<'static, [&'static str]>,
    request_id_in_body: bool,
    scim_authos_members: bool,
    grpc_domain: Cow<'static, str>,
}

impl Default for ProblemConfig {
    fn default() -> Self {
        ProblemConfig::DEFAULT
    }
}

impl ProblemConfig {
    /// [`ProblemConfig::default`], as a constant (for a `static` default).
    pub(crate) const DEFAULT: ProblemConfig = ProblemConfig {
        type_base: None,
        catalog_type_bases: Vec::new(),
        realm: None,
        invalid_token_codes: Cow::Borrowed(&[]),
        request_id_in_body: false,
        scim_authos_members: false,
        grpc_domain: Cow::Borrowed(""),
    };

    /// Adds a `request_id` member (after `timestamp`) to the AuthOS JSON body of every error
    /// answered for a request that carried an `x-request-id`; off by default, so the body
    /// stays the reference's three keys. Problem documents always name the request in
    /// `instance` (see [`request_id`](crate::request_id)).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(ProblemConfig::default().with_request_id_in_body(true).request_id_in_body());
    /// assert!(!ProblemConfig::default().request_id_in_body());
    /// ```
    #[must_use]
    pub fn with_request_id_in_body(mut self, on: bool) -> Self {
        self.request_id_in_body = on;
        self
    }

    /// Whether the AuthOS body carries the request's id; see
    /// [`with_request_id_in_body`](Self::with_request_id_in_body).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(!ProblemConfig::default().request_id_in_body());
    /// ```
    #[must_use]
    pub fn request_id_in_body(&self) -> bool {
        self.request_id_in_body
    }

    /// Adds the extension members `error_code` and `timestamp` to SCIM error bodies (after
    /// `detail`, as earlier versions always sent them); off by default, so the body has only
    /// RFC 7644's members, which a strict SCIM client requires. The code is sent in the
    /// [`AuthOS-Error-Code`](crate::scim::ERROR_CODE_HEADER) header either way.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(ProblemConfig::default().with_scim_authos_members(true).scim_authos_members());
    /// assert!(!ProblemConfig::default().scim_authos_members());
    /// ```
    #[must_use]
    pub fn with_scim_authos_members(mut self, on: bool) -> Self {
        self.scim_authos_members = on;
        self
    }

    /// Whether SCIM error bodies carry `error_code` and `timestamp`; see
    /// [`with_scim_authos_members`](Self::with_scim_authos_members).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(!ProblemConfig::default().scim_authos_members());
    /// ```
    #[must_use]
    pub fn scim_authos_members(&self) -> bool {
        self.scim_authos_members
    }

    /// Sets the `domain` of the `ErrorInfo` every gRPC status carries (feature `tonic`): the
    /// service that defines the codes, AIP-193's "logical grouping to which the reason belongs"
    /// (`"billing.example.com"`). Empty by default: name your service (AuthOS's is in
    /// `catalog::problem_config()`).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// let config = ProblemConfig::default().with_grpc_domain("billing.example.com");
    /// assert_eq!(config.grpc_domain(), "billing.example.com");
    /// assert_eq!(ProblemConfig::default().grpc_domain(), "");
    /// ```
    #[must_use]
    pub fn with_grpc_domain(mut self, domain: impl Into<Cow<'static, str>>) -> Self {
        self.grpc_domain = domain.into();
        self
    }

    /// The `domain` of gRPC statuses' `ErrorInfo`; see
    /// [`with_grpc_domain`](Self::with_grpc_domain).
    ///
    /// ```
    /// use authos_errors::{catalog, problem::ProblemConfig};
    /// assert_eq!(catalog::problem_config().grpc_domain(), "authos.dev");
    /// ```
    #[must_use]
    pub fn grpc_domain(&self) -> &str {
        &self.grpc_domain
    }

    /// Sets the prefix of the `type` URI of every code without a `doc_url` of its own, whatever
    /// catalog it comes from (the code is appended as is, so end it with `#`, `/` or `=` as
    /// your documentation needs). A reference rendered with
    /// [`reference::Markdown`](crate::reference::Markdown) has an anchor per code, so the
    /// address of that page followed by `#` makes every `type` point at its code's row.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// let config = ProblemConfig::default().with_type_base("urn:problem:");
    /// assert_eq!(config.type_uri("CONFLICT").as_deref(), Some("urn:problem:CONFLICT"));
    /// ```
    #[must_use]
    pub fn with_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.type_base = Some(base.into());
        self
    }

    /// Sets the prefix of the `type` URI of the entries of `catalog` alone (compared whole, so
    /// an entry of another catalog that declares a code of the same name is not one of them),
    /// for a service that answers with a catalog documented elsewhere beside codes of its own.
    /// A base set with [`with_type_base`](Self::with_type_base) comes first.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::problem::{ProblemConfig, ProblemType};
    ///
    /// const PAYMENTS: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined")];
    /// const MINE: ErrorCodeInfo = ErrorCodeInfo::new("CARD_DECLINED", 402, "Declined");
    /// let config = ProblemConfig::default().with_type_base_for(PAYMENTS, "https://pay.example.com/errors#");
    /// assert_eq!(
    ///     config.problem_type(&PAYMENTS[0]).to_string(),
    ///     "https://pay.example.com/errors#CARD_DECLINED"
    /// );
    /// assert_eq!(config.problem_type(&MINE), ProblemType::AboutBlank);
    /// ```
    #[must_use]
    pub fn with_type_base_for(
        mut self,
        catalog: &'static [ErrorCodeInfo],
        base: impl Into<Cow<'static, str>>,
    ) -> Self {
        self.catalog_type_bases.push((catalog, base.into()));
        self
    }

    /// Sets the `realm` of the challenges (`Bearer realm="..."`, and OAuth's
    /// `Basic realm="..."`). Without one, the Bearer challenge has no realm (RFC 6750 §3 makes it
    /// optional) and the Basic challenge, which RFC 7617 §2 requires to have one, says
    /// `realm=""`.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemConfig::default().with_realm("billing").realm(), Some("billing"));
    /// ```
    #[must_use]
    pub fn with_realm(mut self, realm: impl Into<Cow<'static, str>>) -> Self {
        self.realm = Some(realm.into());
        self
    }

    /// Sets the codes whose 401 says the presented Bearer token itself is bad: their challenge
    /// carries `error="invalid_token"` and the message as `error_description` (RFC 6750 §3.1);
    /// any other 401 gets the bare challenge. None by default. Codes are compared by name, so
    /// list the codes of the catalogs your service answers with.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::problem::{ProblemConfig, www_authenticate};
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum SessionError {
    ///     /// Session token has expired
    ///     #[code("SESSION_EXPIRED", status = 401)]
    ///     Expired,
    /// }
    ///
    /// let config = ProblemConfig::default().with_invalid_token_codes(&["SESSION_EXPIRED"]);
    /// assert!(config.is_invalid_token(SessionError::Expired.info()));
    /// assert_eq!(
    ///     www_authenticate(&SessionError::Expired, &config).as_deref(),
    ///     Some(r#"Bearer error="invalid_token", error_description="Session token has expired""#)
    /// );
    /// assert_eq!(
    ///     www_authenticate(&SessionError::Expired, &ProblemConfig::default()).as_deref(),
    ///     Some("Bearer")
    /// );
    /// ```
    #[must_use]
    pub fn with_invalid_token_codes(
        mut self,
        codes: impl Into<Cow<'static, [&'static str]>>,
    ) -> Self {
        self.invalid_token_codes = codes.into();
        self
    }

    /// The base set with [`with_type_base`](Self::with_type_base), if any.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemConfig::default().type_base(), None);
    /// assert_eq!(ProblemConfig::default().with_type_base("/errors/").type_base(), Some("/errors/"));
    /// ```
    #[must_use]
    pub fn type_base(&self) -> Option<&str> {
        self.type_base.as_deref()
    }

    /// The realm of the challenges, if one is set.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemConfig::default().realm(), None);
    /// ```
    #[must_use]
    pub fn realm(&self) -> Option<&str> {
        self.realm.as_deref()
    }

    /// The codes set with [`with_invalid_token_codes`](Self::with_invalid_token_codes).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(ProblemConfig::default().invalid_token_codes().is_empty());
    /// ```
    #[must_use]
    pub fn invalid_token_codes(&self) -> &[&'static str] {
        &self.invalid_token_codes
    }

    /// Whether the challenge of `entry` says `invalid_token`: it is a 401 whose code is one of
    /// the [`invalid_token_codes`](Self::invalid_token_codes).
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::problem::ProblemConfig;
    /// const EXPIRED: ErrorCodeInfo = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "Token has expired");
    /// assert!(!ProblemConfig::default().is_invalid_token(&EXPIRED));
    /// ```
    #[must_use]
    pub fn is_invalid_token(&self, entry: &ErrorCodeInfo) -> bool {
        entry.status == 401 && self.invalid_token_codes.contains(&entry.code)
    }

    /// The base set with [`with_type_base`](Self::with_type_base) followed by `code`; `None`
    /// without a base. For an entry, [`problem_type`](Self::problem_type) says which `type` it
    /// gets.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemConfig::default().type_uri("TOKEN_EXPIRED"), None);
    /// assert_eq!(
    ///     ProblemConfig::default().with_type_base("/errors#").type_uri("TOKEN_EXPIRED").as_deref(),
    ///     Some("/errors#TOKEN_EXPIRED")
    /// );
    /// ```
    #[must_use]
    pub fn type_uri(&self, code: &str) -> Option<String> {
        self.type_base().map(|base| format!("{base}{code}"))
    }

    /// The `type` of the problem documents of `entry` (see [`ProblemConfig`] for the order).
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::problem::{ProblemConfig, ProblemType};
    ///
    /// const MINE: ErrorCodeInfo = ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined");
    /// let config = ProblemConfig::default();
    /// assert_eq!(config.problem_type(&MINE), ProblemType::AboutBlank);
    /// let documented = MINE.with_doc_url("https://billing.example.com/errors/card-declined");
    /// assert_eq!(
    ///     config.problem_type(&documented),
    ///     ProblemType::Url("https://billing.example.com/errors/card-declined")
    /// );
    /// let based = ProblemConfig::default().with_type_base("https://billing.example.com/errors#");
    /// assert_eq!(based.problem_type(&MINE).to_string(), "https://billing.example.com/errors#CARD_DECLINED");
    /// ```
    #[must_use]
    pub fn problem_type<'a>(&'a self, entry: &ErrorCodeInfo) -> ProblemType<'a> {
        if let Some(url) = entry.doc_url {
            return ProblemType::Url(url);
        }
        let code = entry.code;
        if let Some(base) = &self.type_base {
            return ProblemType::Anchored { base, code };
        }
        // A code shared by two groups has two entries; compare whole entries, so that an enum
        // of the user's declaring a code of the same name is not mistaken for the catalog's.
        match self
            .catalog_type_bases
            .iter()
            .find(|(catalog, _)| catalog.contains(entry))
        {
            Some((_, base)) => ProblemType::Anchored { base, code },
            None => ProblemType::AboutBlank,
        }
    }
}

/// The `type` member of a problem document: what its problem type is documented by.
///
/// Displays as the URI sent.
///
/// ```
/// use authos_errors::problem::ProblemType;
/// assert_eq!(ProblemType::AboutBlank.to_string(), "about:blank");
/// let anchored = ProblemType::Anchored { base: "https://errors.example.com/#", code: "GONE" };
/// assert_eq!(anchored.to_string(), "https://errors.example.com/#GONE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemType<'a> {
    /// `about:blank` (RFC 9457 §4.2.1): nothing is documented beyond the HTTP status, so the
    /// `title` is the status's reason phrase (`"Payment Required"`).
    AboutBlank,
    /// The entry's own documentation page ([`ErrorCodeInfo::doc_url`]).
    Url(&'a str),
    /// A base followed by the code: the code's anchor in a generated reference.
    Anchored {
        /// The prefix (`"https://docs.authos.dev/errors#"`).
        base: &'a str,
        /// The code (`"TOKEN_EXPIRED"`).
        code: &'a str,
    },
}

impl fmt::Display for ProblemType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ProblemType::AboutBlank => f.write_str(ABOUT_BLANK),
            ProblemType::Url(url) => f.write_str(url),
            ProblemType::Anchored { base, code } => {
                f.write_str(base)?;
                f.write_str(code)
            }
        }
    }
}
