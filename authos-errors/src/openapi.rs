//! OpenAPI (utoipa) schemas and documented responses for derived errors.
