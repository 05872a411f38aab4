//! RFC 9457 problem details (`application/problem+json`) for any catalog error.
