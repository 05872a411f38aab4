//! The core contract: the [`ApiErrorCode`](crate::ApiErrorCode) trait, a catalog row
//! ([`ErrorCodeInfo`](crate::ErrorCodeInfo)), the AuthOS body, handler overrides
//! ([`Detailed`](crate::Detailed)), what a body may say ([`disclosure`](crate::disclosure)),
//! `#[detail]` support and code strings. Depends on nothing else
//! in the crate.

pub(crate) mod body;
pub(crate) mod code;
pub(crate) mod consistency;
pub(crate) mod details;
pub mod disclosure;
pub(crate) mod grpc_code;
pub(crate) mod info;
pub(crate) mod oauth_code;
pub(crate) mod overrides;
pub(crate) mod retry_after;
pub(crate) mod scim_type;
pub(crate) mod strings;
