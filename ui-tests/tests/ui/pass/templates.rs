// `{{` and `}}` are literal braces, and format specs after `:` are passed through.
use authos_errors::ApiErrorCode;

#[derive(Debug, ApiErrorCode)]
enum TemplateError {
    /// Literal braces only
    #[code("LITERAL_BRACES", status = 400, message = "Use {{name}} placeholders")]
    LiteralBraces,

    /// Padded number
    #[code("PADDED", status = 400, message = "[{n:>4}] {{{n}}}")]
    Padded { n: u32 },

    /// Precision and zero padding
    #[code("PRECISE", status = 400, message = "Got {0:08.3}")]
    Precise(f64),

    /// Debug of a named field
    #[code("DEBUG_NAMED", status = 400, message = "Got {v:?}")]
    DebugNamed { v: Option<&'static str> },
}

fn main() {
    let plain = TemplateError::LiteralBraces.message();
    assert_eq!(plain, "Use {name} placeholders");
    // Nothing interpolated: the message is borrowed, not allocated.
    assert!(matches!(plain, std::borrow::Cow::Borrowed(_)));

    assert_eq!(TemplateError::Padded { n: 7 }.message(), "[   7] {7}");
    assert_eq!(TemplateError::Precise(3.14159).message(), "Got 0003.142");
    assert_eq!(
        TemplateError::DebugNamed { v: Some("x") }.message(),
        r#"Got Some("x")"#
    );
}
