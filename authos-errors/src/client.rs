//! Client side: parse an error response back into a typed value.
