//! axum integration: answer with any derived error from a handler.
