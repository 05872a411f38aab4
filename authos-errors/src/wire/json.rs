//! The AuthOS JSON body and the problem document as HTTP responses write them: the catalog's
//! three keys (or the RFC 9457 members), then what a response carries beyond them — the request
//! id, the error's `details`, the `errors` of a [`FieldErrors`](crate::field_errors::FieldErrors).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::ApiErrorCode;
use crate::contract::body::WireTimestamp;
use crate::contract::details::details_value;

/// What an HTTP response carries beyond the catalog entry and the message: the error's details,
/// or the entries of a [`FieldErrors`](crate::field_errors::FieldErrors). Empty for most errors,
/// whose bodies are then written exactly as before.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Extras {
    pub(crate) details: Option<serde_json::Value>,
    pub(crate) errors: Option<std::sync::Arc<[crate::field_errors::FieldError]>>,
}

impl Extras {
    pub(crate) fn of<E: ApiErrorCode + ?Sized>(error: &E) -> Self {
        Extras {
            details: details_value(error),
            errors: None,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.details.is_none() && self.errors.is_none()
    }
}

/// The AuthOS body with what follows its three keys: `request_id` (opted in), `details`,
/// `errors`, each only when present.
pub(crate) struct JsonBody<'a> {
    pub(crate) body: crate::ErrorBody<'a>,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) extras: &'a Extras,
}

impl Serialize for JsonBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ErrorBody", 6)?;
        out.serialize_field("error", &*self.body.error)?;
        out.serialize_field("error_code", &*self.body.error_code)?;
        out.serialize_field("timestamp", &WireTimestamp(self.body.timestamp))?;
        write_extras(
            &mut out,
            self.request_id.map(|id| ("request_id", id)),
            self.extras,
        )?;
        out.end()
    }
}

/// The RFC 9457 document with `instance` (`urn:request:<id>`) when the request has an id, and
/// the extension members `details` and `errors` when present.
pub(crate) struct ProblemBody<'a> {
    pub(crate) problem: crate::problem::ProblemDetails<'a>,
    pub(crate) request_id: Option<&'a str>,
    pub(crate) extras: &'a Extras,
}

impl Serialize for ProblemBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let problem = &self.problem;
        let mut out = serializer.serialize_struct("ProblemDetails", 10)?;
        out.serialize_field("type", &problem.type_uri())?;
        out.serialize_field("title", problem.title)?;
        out.serialize_field("status", &problem.status)?;
        out.serialize_field("detail", &*problem.detail)?;
        if let Some(id) = self.request_id {
            out.serialize_field("instance", &crate::request_id::Instance(id))?;
        }
        out.serialize_field("error_code", problem.error_code)?;
        if let Some(resolution) = problem.resolution {
            out.serialize_field("resolution", resolution)?;
        }
        out.serialize_field("timestamp", &WireTimestamp(problem.timestamp))?;
        write_extras(&mut out, None, self.extras)?;
        out.end()
    }
}

fn write_extras<S: SerializeStruct>(
    out: &mut S,
    request_id: Option<(&'static str, &str)>,
    extras: &Extras,
) -> Result<(), S::Error> {
    if let Some((name, id)) = request_id {
        out.serialize_field(name, id)?;
    }
    if let Some(details) = &extras.details {
        out.serialize_field("details", details)?;
    }
    if let Some(errors) = &extras.errors {
        out.serialize_field("errors", &**errors)?;
    }
    Ok(())
}
