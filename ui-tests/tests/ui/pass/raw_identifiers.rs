// Raw identifiers as field and variant names: the template names the field without `r#`.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum SyntaxError {
    /// Reserved word used as a name
    #[code("RESERVED_WORD", status = 400, message = "`{type}` is reserved in {match}")]
    Reserved { r#type: String, r#match: &'static str },

    /// Unexpected token
    #[code("UNEXPECTED_TOKEN", status = 400)]
    r#Unexpected,
}

fn main() {
    let err = SyntaxError::Reserved { r#type: "fn".to_owned(), r#match: "identifiers" };
    assert_eq!(err.message(), "`fn` is reserved in identifiers");
    assert_eq!(SyntaxError::r#Unexpected.code(), "UNEXPECTED_TOKEN");
}
