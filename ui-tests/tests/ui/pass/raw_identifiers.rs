// Raw identifiers as field and variant names: the template names the field with or without
// `r#`.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum SyntaxError {
    /// Reserved word used as a name
    #[code("RESERVED_WORD", status = 400, message = "`{type}` is reserved in {match}")]
    Reserved { r#type: String, r#match: &'static str },

    /// Reserved word, named raw in the template
    #[code("RESERVED_RAW", status = 400, message = "`{r#type}` is reserved in {r#match:?} ({type})")]
    ReservedRaw { r#type: String, r#match: &'static str },

    /// Unexpected token
    #[code("UNEXPECTED_TOKEN", status = 400)]
    r#Unexpected,
}

fn main() {
    let err = SyntaxError::Reserved { r#type: "fn".to_owned(), r#match: "identifiers" };
    assert_eq!(err.message(), "`fn` is reserved in identifiers");
    assert_eq!(SyntaxError::r#Unexpected.code(), "UNEXPECTED_TOKEN");
    let raw = SyntaxError::ReservedRaw { r#type: "fn".to_owned(), r#match: "paths" };
    assert_eq!(raw.message(), "`fn` is reserved in \"paths\" (fn)");
    let mut args = Vec::new();
    raw.visit_message_args(&mut |name, value| args.push((name, value.to_string())));
    assert_eq!(args, [("type", "fn".to_owned()), ("match", "\"paths\"".to_owned())]);
}
