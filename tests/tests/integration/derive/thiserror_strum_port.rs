//! A typical service error written with thiserror + strum + a hand-written axum `IntoResponse`,
//! and its port to `#[derive(ApiErrorCode)]` alone (the README's "Coming from thiserror +
//! strum"), declared side by side: both must behave the same for every value, through `?`,
//! `Display`, `source()`, codes parsed from strings, the list of variants, and over HTTP. The
//! port also logs a 5xx's source chain (anyhow's included) and never sends it.

use std::error::Error;
use std::str::FromStr;

use authos_errors::{AllValues, ApiErrorCode};
use axum::Router;
use axum::routing::get;
use strum::{IntoEnumIterator, VariantNames};

use crate::http_support::AxumServer;

/// The enums as written before: thiserror for `Display`/`Error`/`From`, strum for the codes, an
/// `IntoResponse` by hand.
mod before {
    use axum::response::{IntoResponse, Response};

    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        Eq,
        thiserror::Error,
        strum::EnumString,
        strum::AsRefStr,
        strum::IntoStaticStr,
        strum::EnumIter,
        strum::VariantNames,
    )]
    pub enum DenyReason {
        #[error("Account is locked")]
        #[strum(serialize = "ACCOUNT_LOCKED")]
        AccountLocked,
        #[error("Email address is not verified")]
        #[strum(serialize = "EMAIL_NOT_VERIFIED")]
        EmailNotVerified,
    }

    #[derive(Debug, thiserror::Error, strum::IntoStaticStr)]
    pub enum ServiceError {
        #[error("Order {id} not found")]
        #[strum(serialize = "ORDER_NOT_FOUND")]
        OrderNotFound { id: u64 },
        #[error("Request body is not valid JSON")]
        #[strum(serialize = "INVALID_JSON")]
        InvalidJson(#[from] serde_json::Error),
        #[error("Database operation failed")]
        #[strum(serialize = "DATABASE_ERROR")]
        Database(#[from] std::io::Error),
        #[error(transparent)]
        Denied(#[from] DenyReason),
        #[error("Internal server error")]
        #[strum(serialize = "INTERNAL_ERROR")]
        Other(#[from] anyhow::Error),
    }

    impl ServiceError {
        pub fn code(&self) -> &'static str {
            match self {
                ServiceError::Denied(reason) => reason.into(),
                other => other.into(),
            }
        }

        pub fn status(&self) -> u16 {
            match self {
                ServiceError::OrderNotFound { .. } => 404,
                ServiceError::InvalidJson(_) => 400,
                ServiceError::Denied(_) => 403,
                ServiceError::Database(_) | ServiceError::Other(_) => 500,
            }
        }
    }

    impl IntoResponse for ServiceError {
        fn into_response(self) -> Response {
            let body = serde_json::json!({
                "error": self.to_string(),
                "error_code": self.code(),
                "timestamp": "2025-01-15T10:30:00Z",
            });
            let status = axum::http::StatusCode::from_u16(self.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            let content_type = [(axum::http::header::CONTENT_TYPE, "application/json")];
            (status, content_type, body.to_string()).into_response()
        }
    }
}

/// The same enums, ported: the derive alone.
mod after {
    use authos_errors::ApiErrorCode;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]
    pub enum DenyReason {
        /// Account is locked
        #[code("ACCOUNT_LOCKED", status = 403)]
        AccountLocked,
        /// Email address is not verified
        #[code("EMAIL_NOT_VERIFIED", status = 403)]
        EmailNotVerified,
    }

    #[derive(Debug, ApiErrorCode)]
    pub enum ServiceError {
        /// Order not found
        #[code("ORDER_NOT_FOUND", status = 404, message = "Order {id} not found")]
        OrderNotFound { id: u64 },
        /// Request body is not valid JSON
        #[code("INVALID_JSON", status = 400)]
        InvalidJson(#[from] serde_json::Error),
        /// Database operation failed
        #[code("DATABASE_ERROR", status = 500)]
        Database(#[from] std::io::Error),
        #[code(transparent)]
        Denied(DenyReason),
        /// Internal server error
        #[code("INTERNAL_ERROR", status = 500)]
        Other(#[from] anyhow::Error),
    }
}

const SECRET: &str = "postgres://admin:hunter2@db-7";

/// Each case, as a function using `?` the way handlers do; `N` picks the case.
macro_rules! cases {
    ($module:ident) => {{
        use $module::{DenyReason, ServiceError};
        fn order(id: u64) -> Result<(), ServiceError> {
            Err(ServiceError::OrderNotFound { id })
        }
        fn json() -> Result<(), ServiceError> {
            let _: u32 = serde_json::from_str("{")?;
            Ok(())
        }
        fn database() -> Result<(), ServiceError> {
            Err(std::io::Error::other(format!(
                "connection to {SECRET} refused"
            )))?
        }
        fn denied() -> Result<(), ServiceError> {
            Err(DenyReason::EmailNotVerified)?
        }
        fn other() -> Result<(), ServiceError> {
            Err(anyhow::anyhow!(std::io::Error::other(SECRET)).context("loading the cart"))?
        }
        let cases: Vec<fn() -> ServiceError> = vec![
            || order(7).unwrap_err(),
            || json().unwrap_err(),
            || database().unwrap_err(),
            || denied().unwrap_err(),
            || other().unwrap_err(),
        ];
        cases
    }};
}

fn chain(err: &dyn Error) -> Vec<String> {
    let mut out = Vec::new();
    let mut next = err.source();
    while let Some(source) = next {
        out.push(source.to_string());
        next = source.source();
    }
    out
}

#[test]
fn every_value_displays_codes_and_chains_the_same() {
    let before = cases!(before);
    let after = cases!(after);
    assert_eq!(before.len(), after.len());
    for (old, new) in before.iter().zip(&after) {
        let (old, new) = (old(), new());
        assert_eq!(old.to_string(), new.to_string());
        assert_eq!(old.code(), new.code());
        assert_eq!(old.status(), new.status());
        assert_eq!(chain(&old), chain(&new), "source chain of {}", new.code());
    }
    // The catch-all's chain is anyhow's, context first.
    let other = after[4]();
    assert_eq!(chain(&other), ["loading the cart", SECRET]);
}

#[test]
fn codes_parse_and_list_the_same() {
    use after::DenyReason as New;
    use before::DenyReason as Old;
    for code in [
        "ACCOUNT_LOCKED",
        "EMAIL_NOT_VERIFIED",
        "account_locked",
        "",
        "NOPE",
    ] {
        let old = Old::from_str(code).ok().map(<&str>::from);
        let new = New::from_str(code).ok().map(<&str>::from);
        assert_eq!(old, new, "{code:?}");
        assert_eq!(
            Old::try_from(code).is_ok(),
            New::try_from(code).is_ok(),
            "{code:?}"
        );
    }
    let old: Vec<String> = Old::iter().map(|v| v.as_ref().to_owned()).collect();
    let new: Vec<String> = New::all().map(|v| v.as_ref().to_owned()).collect();
    assert_eq!(old, new);
    let listed: Vec<&str> = New::ALL.iter().map(|v| (*v).into()).collect();
    assert_eq!(Old::VARIANTS, listed.as_slice());
    let codes: Vec<&str> = New::CATALOG.iter().map(|info| info.code).collect();
    assert_eq!(Old::VARIANTS, codes.as_slice());
}

async fn fail<E>(case: fn() -> E) -> Result<(), E> {
    Err(case())
}

fn router(before: bool) -> Router {
    let mut router = Router::new();
    for (index, (old, new)) in cases!(before).into_iter().zip(cases!(after)).enumerate() {
        let path = format!("/case/{index}");
        router = if before {
            router.route(&path, get(move || fail(old)))
        } else {
            router.route(&path, get(move || fail(new)))
        };
    }
    router
}

#[test]
fn both_answer_http_with_the_same_status_and_body_and_the_port_logs_5xx_sources() {
    let (old, new) = (
        AxumServer::start(router(true)),
        AxumServer::start(router(false)),
    );
    // The hand-written original logs nothing; the lines are the port's.
    let logs = new.logs();
    let (old, new) = (old.client(), new.client());
    for index in 0..5 {
        let path = format!("/case/{index}");
        let (old, new) = (old.get(&path, None), new.get(&path, None));
        assert_eq!(old.status, new.status, "{path}");
        assert_eq!(old.header("content-type"), new.header("content-type"));
        assert_eq!(old.body_at_timestamp(), new.body_at_timestamp(), "{path}");
        assert!(!new.body.contains("hunter2") && !new.headers_text().contains("hunter2"));
    }
    let logged: Vec<String> = logs
        .lines()
        .into_iter()
        .filter(|line| line.contains("hunter2"))
        .collect();
    for code in ["DATABASE_ERROR", "INTERNAL_ERROR"] {
        assert!(
            logged.iter().any(|line| line.contains(code)),
            "the 5xx {code} logs its source chain: {logged:?}"
        );
    }
    assert!(
        logged
            .iter()
            .any(|line| line.contains("INTERNAL_ERROR") && line.contains("loading the cart")),
        "anyhow's context is in the chain: {logged:?}"
    );
}
