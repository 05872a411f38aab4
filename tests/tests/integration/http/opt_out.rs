//! `#[api_error(http = false)]`: an enum that answers HTTP its own way keeps its hand-written
//! framework impls even when the `axum` and `actix-web` features are on.

use authos_errors::ApiErrorCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, ApiErrorCode)]
#[api_error(http = false)]
enum Teapot {
    /// I refuse to brew coffee
    #[code("TEAPOT", status = 418)]
    Refused,
}

// Without `http = false` this impl would conflict with the generated one.
impl IntoResponse for Teapot {
    fn into_response(self) -> Response {
        (axum::http::StatusCode::IM_A_TEAPOT, "short and stout").into_response()
    }
}

impl actix_web::ResponseError for Teapot {}

#[test]
fn hand_written_response_is_used() {
    let response = Teapot::Refused.into_response();
    assert_eq!(response.status().as_u16(), 418);
    assert_eq!(Teapot::Refused.code(), "TEAPOT");
}
