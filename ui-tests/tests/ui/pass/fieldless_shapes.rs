// Variants with empty parentheses or braces keep their shape: patterns and constructors are
// `Self::Parens()` and `Self::Braces {}`, and a variant of each builds from its code.
use authos_errors::{AllValues, ApiErrorCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]
enum Shapes {
    /// Nothing in braces
    #[code("BRACES", status = 400)]
    Braces {},
    /// Nothing in parentheses
    #[code("PARENS", status = 409, message = "Parentheses, empty")]
    Parens(),
    /// Plain unit
    #[code("UNIT", status = 404)]
    Unit,
}

#[derive(Debug, ApiErrorCode)]
enum Outer {
    /// Empty braces beside a transparent variant
    #[code("OUTER_BRACES", status = 400)]
    Braces {},
    #[code(transparent)]
    Inner(Shapes),
}

#[derive(Debug, ApiErrorCode)]
enum Mixed {
    /// Empty parentheses beside a field
    #[code("MIXED_PARENS", status = 400)]
    Parens(),
    /// With a field
    #[code("MIXED_FIELD", status = 400, message = "got {0}")]
    Field(u32),
}

fn main() {
    assert_eq!(Shapes::Braces {}.code(), "BRACES");
    assert_eq!(Shapes::Parens().status(), 409);
    assert_eq!(Shapes::Parens().message(), "Parentheses, empty");
    assert_eq!(Shapes::Braces {}.to_string(), "Nothing in braces");
    assert_eq!(Shapes::from_code("BRACES"), Some(Shapes::Braces {}));
    assert_eq!(Shapes::from_code("PARENS"), Some(Shapes::Parens()));
    assert_eq!(Shapes::from_code("UNIT"), Some(Shapes::Unit));
    assert_eq!(Shapes::ALL, &[Shapes::Braces {}, Shapes::Parens(), Shapes::Unit]);
    assert_eq!("PARENS".parse::<Shapes>().ok(), Some(Shapes::Parens()));

    assert_eq!(Outer::Braces {}.code(), "OUTER_BRACES");
    assert!(matches!(Outer::from_code("OUTER_BRACES"), Some(Outer::Braces {})));
    assert!(matches!(Outer::from_code("PARENS"), Some(Outer::Inner(Shapes::Parens()))));
    let codes: Vec<&str> = Outer::all().map(|e| e.code()).collect();
    assert_eq!(codes, ["OUTER_BRACES", "BRACES", "PARENS", "UNIT"]);

    assert_eq!(Mixed::Parens().code(), "MIXED_PARENS");
    assert_eq!(Mixed::Field(3).message(), "got 3");
    assert_eq!(Mixed::CATALOG.len(), 2);
}
