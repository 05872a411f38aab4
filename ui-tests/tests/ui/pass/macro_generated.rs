// An enum written by a `macro_rules!`: attributes passed as `$m:meta` and values as `$e:expr`
// arrive wrapped in invisible groups, which the derive looks through.
use authos_errors::ApiErrorCode;

macro_rules! catalog {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident),* $(,)? }) => {
        #[derive(Debug, ApiErrorCode)]
        $(#[$meta])*
        enum $name { $($(#[$variant_meta])* $variant,)* }
    };
}

macro_rules! one_code {
    ($name:ident, $variant:ident, $code:expr, $status:expr, $doc:expr) => {
        #[derive(Debug, ApiErrorCode)]
        enum $name {
            #[doc = $doc]
            #[code($code, status = $status)]
            $variant,
        }
    };
}

catalog! {
    #[api_error(group = "Macro Errors")]
    MacroError {
        /// Card was declined
        #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
        CardDeclined,
        /// Card expired
        #[code("CARD_EXPIRED", status = 402)]
        CardExpired,
    }
}

one_code!(SingleError, Gone, "GONE", 410, "Not here any more");

fn main() {
    assert_eq!(MacroError::CardDeclined.code(), "CARD_DECLINED");
    assert_eq!(MacroError::CardDeclined.description(), "Card was declined");
    assert_eq!(MacroError::CardDeclined.resolution(), Some("Use another card"));
    assert_eq!(MacroError::CardExpired.status(), 402);
    assert_eq!(MacroError::CATALOG[1].group, "Macro Errors");
    assert_eq!(SingleError::Gone.code(), "GONE");
    assert_eq!(SingleError::Gone.status(), 410);
    assert_eq!(SingleError::Gone.description(), "Not here any more");
}
