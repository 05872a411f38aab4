//! The HTTP layer over real sockets, axum and actix-web alike.

mod actix_adapter;
mod axum_adapter;
mod defaults;
mod details;
mod disclosure;
mod framework_errors;
mod l10n;
mod oauth_device_flow;
mod opt_out;
mod protocol_formats;
mod scim_provisioning;
mod scim_strict_client;
mod telemetry;
