//! The demo's standard-protocol endpoints, free of any web framework: the OAuth 2.0 device
//! authorization grant (RFC 8628) and SCIM 2.0 user provisioning (RFC 7644).
//!
//! Each endpoint is one method of [`Protocols`], from a [`ProtocolRequest`] (the few request
//! facts it reads) to a [`ProtocolReply`] or a catalog error. The error is the handler's error
//! as it is; the route group's format layer answers it in the protocol's shape
//! (`ErrorFormatLayer::oauth()` / `::scim()`), the AuthOS code kept in OAuth's `error_code`
//! member and in SCIM's `AuthOS-Error-Code` header (a SCIM Error has RFC 7644's members only).
//! `protocols_axum.rs` routes them for the demo server; the HTTP tests route the same methods
//! for actix-web (`tests/tests/integration/protocol_demo.rs`).
//!
//! | endpoint | answers |
//! |---|---|
//! | `POST /api/oauth/device/code` form `client_id` | the device authorization response (RFC 8628 §3.2); `invalid_request` without `client_id` or with one longer than [`MAX_CLIENT_ID_LEN`]; `RATE_LIMIT_EXCEEDED` with `Retry-After` while [`Settings::max_device_grants`] grants are kept |
//! | `POST /api/oauth/device/verify` form `user_code` | `200 {"approved":true}`, as the user approving on another device; `INVALID_DEVICE_CODE`, `DEVICE_CODE_EXPIRED` (AuthOS formats: this is the user's endpoint, not the client's) |
//! | `POST /api/oauth/token` form `grant_type`, `device_code`, `client_id` | `authorization_pending` until approved, then the bearer token (once); `invalid_grant` (unknown code, or another client's), `expired_token`, `unsupported_grant_type`, `invalid_request` |
//! | `POST /scim/v2/Users` | `201` the User with `Location`; `409 uniqueness` for a taken `userName`; `400` for a body that is not a User |
//! | `GET /scim/v2/Users/{id}` | the User; `404` `SCIM_USER_NOT_FOUND` |
//! | `GET /scim/v2/Users?filter=userName eq "x"` | a ListResponse; `400 invalidFilter` for any other filter |
//!
//! Absolute URIs (`verification_uri`, SCIM `Location` and `meta.location`) start with
//! [`Settings::public_base_url`], never with the request's `Host`, which the client chooses.
//!
//! Every SCIM endpoint wants `Authorization: Bearer <token>` ([`Settings::scim_token`]) and
//! answers `401` `INVALID_SCIM_TOKEN` without it.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use authos_errors::catalog::{AuthOsError, DeviceFlowError, GeneralError, ScimError};
use authos_errors::{ApiErrorCodeExt, Detailed};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use crate::expiring::ExpiringMap;

/// Where the endpoints read the time (the app's clock: tests advance it to expire device codes).
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// The `grant_type` of the device flow's token request (RFC 8628 §3.4).
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// The schema URI of a SCIM User (RFC 7643 §4.1).
pub const SCIM_USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The schema URI of a SCIM query response (RFC 7644 §3.4.2).
pub const SCIM_LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// The `Content-Type` of SCIM resources (RFC 7644 §3.1).
pub const SCIM_CONTENT_TYPE: &str = "application/scim+json";
/// The SCIM token when `SCIM_TOKEN` is not set.
pub const DEFAULT_SCIM_TOKEN: &str = "scim-demo-token";
/// How long an issued access token is said to live.
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
/// The path users approve devices at (the `verification_uri`).
pub const VERIFY_PATH: &str = "/api/oauth/device/verify";
/// The path of SCIM Users.
pub const USERS_PATH: &str = "/scim/v2/Users";
/// The longest `client_id` a device authorization is issued for: RFC 6749 sets no bound, and
/// every grant keeps its client's id until it is forgotten.
pub const MAX_CLIENT_ID_LEN: usize = 255;

/// The port the demo server listens on when `PORT` is not set.
pub const DEFAULT_PORT: u16 = 3000;
/// The environment variable that sets [`Settings::public_base_url`].
pub const PUBLIC_BASE_URL_VAR: &str = "PUBLIC_BASE_URL";

/// What the endpoints are configured with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The bearer token SCIM clients must send.
    pub scim_token: String,
    /// How long a device code (and its user code) can be approved and redeemed.
    pub device_code_lifetime: Duration,
    /// The polling interval the device authorization response asks for (whole seconds).
    pub poll_interval: Duration,
    /// The most device grants kept at once. A grant is kept until it is redeemed or until two
    /// lifetimes have passed (it answers `expired_token` in the second); while this many are
    /// kept, new device authorizations are refused with `RATE_LIMIT_EXCEEDED`, and pending
    /// flows go on undisturbed.
    pub max_device_grants: usize,
    /// Where clients reach this server (scheme, host, optional port and path prefix, no trailing
    /// `/`): the start of every absolute URI the endpoints send. Default
    /// `http://127.0.0.1:3000` ([`DEFAULT_PORT`]); the server sets it from
    /// [`PUBLIC_BASE_URL_VAR`] or its own address ([`Settings::public_base_url_from_env`]).
    pub public_base_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scim_token: DEFAULT_SCIM_TOKEN.to_owned(),
            device_code_lifetime: Duration::from_secs(600),
            poll_interval: Duration::from_secs(5),
            max_device_grants: 10_000,
            public_base_url: format!("http://127.0.0.1:{DEFAULT_PORT}"),
        }
    }
}

impl Settings {
    /// The defaults, with the SCIM token from the `SCIM_TOKEN` environment variable when set.
    pub fn from_env() -> Settings {
        let mut settings = Settings::default();
        if let Some(token) = std::env::var("SCIM_TOKEN").ok().filter(|t| !t.is_empty()) {
            settings.scim_token = token;
        }
        settings
    }

    /// The base URL from `PUBLIC_BASE_URL` when it is set (checked by [`public_base_url`]),
    /// `http://127.0.0.1:<port>` for a server listening on `port` otherwise. A server behind a
    /// proxy or on another name sets the variable: the request's `Host` is never used.
    pub fn public_base_url_from_env(port: u16) -> Result<String, InvalidBaseUrl> {
        match std::env::var(PUBLIC_BASE_URL_VAR) {
            Ok(text) => public_base_url(&text),
            Err(_) => Ok(format!("http://127.0.0.1:{port}")),
        }
    }
}

/// `text` as a [`Settings::public_base_url`]: an `http` or `https` URL with a host, of visible
/// ASCII only (it goes into `Location` headers as it is), without query or fragment; a trailing
/// `/` is dropped.
///
/// ```
/// use authos_errors_demo::protocols::public_base_url;
///
/// assert_eq!(public_base_url("https://auth.example.com/").unwrap(), "https://auth.example.com");
/// assert_eq!(
///     public_base_url("auth.example.com").unwrap_err().to_string(),
///     "PUBLIC_BASE_URL \"auth.example.com\" must start with http:// or https://"
/// );
/// ```
pub fn public_base_url(text: &str) -> Result<String, InvalidBaseUrl> {
    let invalid = |reason| InvalidBaseUrl {
        value: text.to_owned(),
        reason,
    };
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| invalid("must start with http:// or https://"))?;
    if !text.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(invalid("must be visible ASCII, without spaces"));
    }
    if text.contains(['?', '#']) {
        return Err(invalid("must have no query or fragment"));
    }
    if rest.starts_with('/') || rest.is_empty() {
        return Err(invalid("must name a host"));
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// A `PUBLIC_BASE_URL` that cannot start absolute URIs, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBaseUrl {
    /// The value refused.
    pub value: String,
    /// What it must be instead.
    pub reason: &'static str,
}

impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PUBLIC_BASE_URL_VAR} {:?} {}", self.value, self.reason)
    }
}

impl std::error::Error for InvalidBaseUrl {}

/// The request facts the endpoints read; each framework's handler fills it in.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProtocolRequest<'a> {
    /// The `Authorization` header.
    pub authorization: Option<&'a str>,
    /// The query string, without `?`.
    pub query: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// A successful answer: status, headers (lowercase names) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolReply {
    /// The HTTP status.
    pub status: u16,
    /// The headers, `content-type` among them.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: String,
}

/// What an endpoint answers: a reply, or the catalog error the route's format layer renders.
pub type ProtocolResult = Result<ProtocolReply, Detailed<AuthOsError>>;

struct DeviceGrant {
    client_id: String,
    /// The user code as it is typed: without its dash.
    user_code: String,
    issued: Instant,
    approved: bool,
}

/// The device grants, found by device code (the client's polls) and by user code (the user's
/// approval) without a scan.
struct DeviceGrants {
    by_device_code: ExpiringMap<String, DeviceGrant>,
    /// The device code of each user code (without its dash).
    by_user_code: HashMap<String, String>,
}

impl DeviceGrants {
    fn remove(&mut self, device_code: &str) {
        if let Some(grant) = self.by_device_code.remove(device_code) {
            self.by_user_code.remove(&grant.user_code);
        }
    }

    fn forget_expired(&mut self, now: Instant) {
        while let Some((_, grant)) = self.by_device_code.pop_expired(now) {
            self.by_user_code.remove(&grant.user_code);
        }
    }
}

struct ScimUser {
    id: String,
    user_name: String,
    created: DateTime<Utc>,
    /// The other attributes the client sent, kept and returned as they are.
    attributes: Map<String, Value>,
}

/// How much state [`Protocols`] holds, to check that hostile clients cannot grow it without
/// bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProtocolStats {
    /// Device grants kept: at most [`Settings::max_device_grants`].
    pub device_grants: usize,
    /// Entries of the user-code index: one per device grant.
    pub user_codes: usize,
}

/// The state of the device flow and the SCIM user store, shared by every request.
pub struct Protocols {
    clock: Clock,
    settings: Settings,
    grants: Mutex<DeviceGrants>,
    users: Mutex<Vec<ScimUser>>,
    random: Random,
}

impl Protocols {
    /// The endpoints with `settings`, reading the time from `clock`.
    pub fn new(clock: Clock, settings: Settings) -> Protocols {
        // Expired codes are kept a second lifetime, to answer `expired_token` rather than
        // `invalid_grant` to a client that polled late.
        let kept = settings.device_code_lifetime.saturating_mul(2);
        let grants = DeviceGrants {
            by_device_code: ExpiringMap::new(kept, settings.max_device_grants),
            by_user_code: HashMap::new(),
        };
        Protocols {
            clock,
            settings,
            grants: Mutex::new(grants),
            users: Mutex::new(Vec::new()),
            random: Random::default(),
        }
    }

    /// How much state the endpoints hold now.
    ///
    /// ```
    /// use authos_errors_demo::protocols::{Protocols, Settings};
    /// let protocols = Protocols::new(authos_errors_demo::system_clock(), Settings::default());
    /// assert_eq!(protocols.stats().device_grants, 0);
    /// ```
    pub fn stats(&self) -> ProtocolStats {
        let grants = lock(&self.grants);
        ProtocolStats {
            device_grants: grants.by_device_code.len(),
            user_codes: grants.by_user_code.len(),
        }
    }

    /// `POST /api/oauth/device/code`: a new device code and user code (RFC 8628 §3.1-3.2).
    pub fn device_authorization(&self, request: &ProtocolRequest<'_>) -> ProtocolResult {
        let form = Form::parse(request.body)?;
        let client_id = form.required("client_id")?;
        if client_id.len() > MAX_CLIENT_ID_LEN {
            return Err(
                AuthOsError::from(GeneralError::BadRequest).with_message(format!(
                    "`client_id` must be at most {MAX_CLIENT_ID_LEN} bytes"
                )),
            );
        }
        let now = (self.clock)();
        let lifetime = self.settings.device_code_lifetime;
        let mut grants = lock(&self.grants);
        grants.forget_expired(now);
        if grants.by_device_code.len() >= self.settings.max_device_grants {
            let room_at = grants.by_device_code.next_expiry().unwrap_or(now);
            return Err(AuthOsError::from(GeneralError::RateLimitExceeded)
                .with_message("Too many device authorizations are pending; retry later")
                .with_retry_after(room_at.saturating_duration_since(now)));
        }
        let device_code = self.random.token();
        let user_code = loop {
            let code = self.random.user_code();
            if !grants.by_user_code.contains_key(&code) {
                break code;
            }
        };
        grants
            .by_user_code
            .insert(user_code.clone(), device_code.clone());
        grants.by_device_code.insert(
            device_code.clone(),
            DeviceGrant {
                client_id: client_id.to_owned(),
                user_code: user_code.clone(),
                issued: now,
                approved: false,
            },
            now,
        );
        let user_code = format!("{}-{}", &user_code[..4], &user_code[4..]);
        Ok(oauth_json(&json!({
            "device_code": device_code,
            "user_code": user_code,
            "verification_uri": format!("{}{VERIFY_PATH}", self.settings.public_base_url),
            "expires_in": lifetime.as_secs(),
            "interval": self.settings.poll_interval.as_secs(),
        })))
    }

    /// `POST /api/oauth/device/verify`: the user approves the device showing `user_code`.
    pub fn approve_device(&self, request: &ProtocolRequest<'_>) -> ProtocolResult {
        let form = Form::parse(request.body)?;
        // RFC 8628 §6.1: users type codes in any case, with or without the dash.
        let typed: String = form
            .required("user_code")?
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let now = (self.clock)();
        let mut grants = lock(&self.grants);
        let grants = &mut *grants;
        let grant = grants
            .by_user_code
            .get(&typed)
            .and_then(|device_code| grants.by_device_code.get_mut(device_code, now))
            .ok_or_else(|| {
                AuthOsError::from(DeviceFlowError::InvalidDeviceCode)
                    .with_message("No device is waiting for this user code")
            })?;
        if now.duration_since(grant.issued) >= self.settings.device_code_lifetime {
            return Err(AuthOsError::from(DeviceFlowError::DeviceCodeExpired).into());
        }
        grant.approved = true;
        Ok(ProtocolReply {
            status: 200,
            headers: vec![("content-type", "application/json".to_owned())],
            body: json!({ "approved": true }).to_string(),
        })
    }

    /// `POST /api/oauth/token` with the device code grant (RFC 8628 §3.4-3.5).
    pub fn token(&self, request: &ProtocolRequest<'_>) -> ProtocolResult {
        let form = Form::parse(request.body)?;
        if form.required("grant_type")? != DEVICE_CODE_GRANT {
            return Err(
                AuthOsError::from(DeviceFlowError::InvalidGrantType).with_message(format!(
                    "This endpoint serves the {DEVICE_CODE_GRANT} grant only"
                )),
            );
        }
        let device_code = form.required("device_code")?;
        let client_id = form.required("client_id")?;
        let now = (self.clock)();
        let mut grants = lock(&self.grants);
        let grant = grants
            .by_device_code
            .get(device_code, now)
            .ok_or_else(|| Detailed::from(AuthOsError::from(DeviceFlowError::InvalidDeviceCode)))?;
        if grant.client_id != client_id {
            return Err(AuthOsError::from(DeviceFlowError::InvalidDeviceCode)
                .with_message("Device code was issued to another client"));
        }
        if now.duration_since(grant.issued) >= self.settings.device_code_lifetime {
            return Err(AuthOsError::from(DeviceFlowError::DeviceCodeExpired).into());
        }
        if !grant.approved {
            return Err(AuthOsError::from(DeviceFlowError::DeviceCodePending).into());
        }
        // A device code is redeemed once.
        grants.remove(device_code);
        Ok(oauth_json(&json!({
            "access_token": self.random.token(),
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_LIFETIME.as_secs(),
        })))
    }

    /// `POST /scim/v2/Users`: provisions a user (RFC 7644 §3.3).
    pub fn create_user(&self, request: &ProtocolRequest<'_>) -> ProtocolResult {
        self.authorize(request)?;
        let bad =
            |message: String| AuthOsError::from(GeneralError::BadRequest).with_message(message);
        let Ok(Value::Object(mut attributes)) = serde_json::from_slice::<Value>(request.body)
        else {
            return Err(bad(
                "Body must be a SCIM User resource (a JSON object)".to_owned()
            ));
        };
        let is_user = attributes
            .get("schemas")
            .and_then(Value::as_array)
            .is_some_and(|schemas| schemas.iter().any(|s| s == SCIM_USER_SCHEMA));
        if !is_user {
            return Err(bad(format!("`schemas` must list {SCIM_USER_SCHEMA}")));
        }
        let user_name = match attributes.get("userName").and_then(Value::as_str) {
            Some(name) if !name.trim().is_empty() => name.to_owned(),
            _ => return Err(bad("`userName` is required".to_owned())),
        };
        let mut users = lock(&self.users);
        // RFC 7643 §4.1.1: userName is unique and not case-sensitive.
        if users
            .iter()
            .any(|user| user.user_name.eq_ignore_ascii_case(&user_name))
        {
            return Err(
                AuthOsError::from(ScimError::ScimUserExists).with_message(format!(
                    "userName {} is already taken",
                    Value::from(user_name)
                )),
            );
        }
        // Server-owned attributes, and one that is never returned (RFC 7643 §4.1.1 `password`).
        for owned in ["schemas", "id", "userName", "meta", "password"] {
            attributes.remove(owned);
        }
        let user = ScimUser {
            id: self.random.token(),
            user_name,
            created: Utc::now(),
            attributes,
        };
        let resource = self.user_resource(&user);
        let location = resource["meta"]["location"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        users.push(user);
        let mut reply = scim_json(201, &resource);
        reply.headers.push(("location", location));
        Ok(reply)
    }

    /// `GET /scim/v2/Users/{id}` (RFC 7644 §3.4.1).
    pub fn get_user(&self, request: &ProtocolRequest<'_>, id: &str) -> ProtocolResult {
        self.authorize(request)?;
        let users = lock(&self.users);
        let user = users.iter().find(|user| user.id == id).ok_or_else(|| {
            AuthOsError::from(ScimError::ScimUserNotFound)
                .with_message(format!("Resource {} not found", Value::from(id)))
        })?;
        Ok(scim_json(200, &self.user_resource(user)))
    }

    /// `GET /scim/v2/Users[?filter=userName eq "x"]` (RFC 7644 §3.4.2): every user, or the one
    /// with that `userName`.
    pub fn list_users(&self, request: &ProtocolRequest<'_>) -> ProtocolResult {
        self.authorize(request)?;
        let query = Form::parse(request.query.unwrap_or_default().as_bytes())?;
        let wanted = match query.optional("filter")? {
            Some(filter) => Some(user_name_filter(filter).ok_or_else(|| {
                AuthOsError::from(ScimError::ScimFilterInvalid).with_message(
                    r#"Unsupported filter: this server filters on userName eq "value" only"#,
                )
            })?),
            None => None,
        };
        let users = lock(&self.users);
        let resources: Vec<Value> = users
            .iter()
            .filter(|user| {
                wanted
                    .as_ref()
                    .is_none_or(|name| user.user_name.eq_ignore_ascii_case(name))
            })
            .map(|user| self.user_resource(user))
            .collect();
        Ok(scim_json(
            200,
            &json!({
                "schemas": [SCIM_LIST_SCHEMA],
                "totalResults": resources.len(),
                "startIndex": 1,
                "itemsPerPage": resources.len(),
                "Resources": resources,
            }),
        ))
    }

    fn user_resource(&self, user: &ScimUser) -> Value {
        user_resource(user, &self.settings.public_base_url)
    }

    /// The SCIM bearer token check (RFC 7644 §2, RFC 6750 §2.1).
    fn authorize(&self, request: &ProtocolRequest<'_>) -> Result<(), Detailed<AuthOsError>> {
        let Some(header) = request.authorization else {
            return Err(AuthOsError::from(ScimError::InvalidScimToken)
                .with_message("Send the SCIM token as Authorization: Bearer <token>"));
        };
        let token = header
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        match token {
            Some(token) if same_secret(token, &self.settings.scim_token) => Ok(()),
            _ => Err(AuthOsError::from(ScimError::InvalidScimToken).into()),
        }
    }
}

/// `a == b`, in a time that does not depend on where they differ, so that the token cannot be
/// guessed byte by byte from response times.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The value of `userName eq "value"` (attribute and operator in any case, RFC 7644 §3.4.2.2;
/// the value a JSON string), or `None` for any other filter.
fn user_name_filter(filter: &str) -> Option<String> {
    let (attribute, rest) = filter.trim().split_once(char::is_whitespace)?;
    let (operator, value) = rest.trim_start().split_once(char::is_whitespace)?;
    let known = attribute.eq_ignore_ascii_case("userName") && operator.eq_ignore_ascii_case("eq");
    known.then(|| serde_json::from_str::<String>(value.trim()).ok())?
}

/// The SCIM representation of `user` (RFC 7643 §4.1, §3.1 `meta`), located under `base_url`.
fn user_resource(user: &ScimUser, base_url: &str) -> Value {
    let mut resource = user.attributes.clone();
    let created = user.created.to_rfc3339_opts(SecondsFormat::Secs, true);
    resource.insert("schemas".to_owned(), json!([SCIM_USER_SCHEMA]));
    resource.insert("id".to_owned(), json!(user.id));
    resource.insert("userName".to_owned(), json!(user.user_name));
    resource.insert(
        "meta".to_owned(),
        json!({
            "resourceType": "User",
            "created": created,
            "lastModified": created,
            "location": format!("{base_url}{USERS_PATH}/{}", user.id),
        }),
    );
    Value::Object(resource)
}

/// An OAuth JSON answer, never cached (RFC 6749 §5.1).
fn oauth_json(body: &Value) -> ProtocolReply {
    ProtocolReply {
        status: 200,
        headers: vec![
            ("content-type", "application/json".to_owned()),
            ("cache-control", "no-store".to_owned()),
            ("pragma", "no-cache".to_owned()),
        ],
        body: body.to_string(),
    }
}

fn scim_json(status: u16, body: &Value) -> ProtocolReply {
    ProtocolReply {
        status,
        headers: vec![("content-type", SCIM_CONTENT_TYPE.to_owned())],
        body: body.to_string(),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A handler that panicked mid-update leaves maps that are still consistent.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The fields of an `application/x-www-form-urlencoded` body or query string.
struct Form(Vec<(String, String)>);

impl Form {
    fn parse(text: &[u8]) -> Result<Form, Detailed<AuthOsError>> {
        let malformed = || {
            AuthOsError::from(GeneralError::BadRequest)
                .with_message("Body must be application/x-www-form-urlencoded")
        };
        let text = std::str::from_utf8(text).map_err(|_| malformed())?;
        let mut fields = Vec::new();
        for pair in text.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            fields.push((
                percent_decode(name).ok_or_else(malformed)?,
                percent_decode(value).ok_or_else(malformed)?,
            ));
        }
        Ok(Form(fields))
    }

    /// The field `name`, if sent; sending it twice is an error (RFC 6749 §3.2).
    fn optional(&self, name: &str) -> Result<Option<&str>, Detailed<AuthOsError>> {
        let mut values = self
            .0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str());
        let first = values.next();
        if values.next().is_some() {
            return Err(AuthOsError::from(GeneralError::BadRequest)
                .with_message(format!("Parameter `{name}` is sent more than once")));
        }
        Ok(first)
    }

    fn required(&self, name: &str) -> Result<&str, Detailed<AuthOsError>> {
        self.optional(name)?
            .filter(|value| !value.is_empty())
            .ok_or_else(|| {
                AuthOsError::from(GeneralError::BadRequest)
                    .with_message(format!("Missing parameter `{name}`"))
            })
    }
}

/// One form component decoded: `+` is a space, `%XX` a byte; `None` if that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        bytes.push(match byte {
            b'+' => b' ',
            b'%' => {
                let hex = std::str::from_utf8(rest.get(..2)?).ok()?;
                rest = &rest[2..];
                u8::from_str_radix(hex, 16).ok()?
            }
            other => other,
        });
    }
    String::from_utf8(bytes).ok()
}

/// Unpredictable codes without a dependency: SipHash keyed with the process's random keys, over
/// a counter. (A production server draws its codes from a CSPRNG.)
#[derive(Default)]
struct Random {
    keys: RandomState,
    counter: AtomicU64,
}

impl Random {
    fn next(&self) -> u64 {
        self.keys
            .hash_one(self.counter.fetch_add(1, Ordering::Relaxed))
    }

    /// 128 bits as 32 hex digits: device codes, access tokens, user ids.
    fn token(&self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }

    /// Eight of the consonants RFC 8628 §6.1 suggests (no vowels, no look-alikes), shown as
    /// `XXXX-XXXX`.
    fn user_code(&self) -> String {
        const ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
        let mut bits = self.next();
        let mut code = String::with_capacity(8);
        for _ in 0..8 {
            code.push(char::from(ALPHABET[(bits % 20) as usize]));
            bits /= 20;
        }
        code
    }
}
