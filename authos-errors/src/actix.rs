//! actix-web integration: any derived error as a `ResponseError`.
