//! `Accept-Language` negotiation on arbitrary header values: never a panic, always one of the
//! localizer's languages or none, and the same answer however the ranges are spaced.

use authos_errors::catalog::AuthenticationError;
use proptest::prelude::*;

fn chosen(header: &str) -> Option<String> {
    authos_errors::catalog::localizer()
        .negotiate(header)
        .map(|locale| locale.language().to_string())
}

/// A language range as clients write them, with an optional quality.
fn range() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("fr".to_owned()),
        Just("fr-CA".to_owned()),
        Just("en".to_owned()),
        Just("en-GB".to_owned()),
        Just("de".to_owned()),
        Just("*".to_owned()),
        "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}",
    ];
    let quality = prop_oneof![
        Just(String::new()),
        (0u16..=1000).prop_map(|q| format!(";q={}.{:03}", q / 1000, q % 1000)),
        "[ ;=qQ0-9.a-z]{0,8}",
    ];
    (tag, quality).prop_map(|(tag, quality)| format!("{tag}{quality}"))
}

proptest! {
    #[test]
    fn any_header_value_negotiates_without_panicking(header in "\\PC{0,200}") {
        let language = chosen(&header);
        prop_assert!(matches!(language.as_deref(), None | Some("en" | "fr")));
        if let Some(locale) = authos_errors::catalog::localizer().negotiate(&header) {
            // Rendering in whatever was chosen never panics either.
            let text = locale.message(&AuthenticationError::TokenExpired);
            prop_assert!(!text.is_empty());
        }
    }

    #[test]
    fn negotiation_ignores_spacing_around_ranges(ranges in prop::collection::vec(range(), 0..6)) {
        let tight = ranges.join(",");
        let loose = ranges.iter().map(|r| format!("  {r} ")).collect::<Vec<_>>().join(",");
        prop_assert_eq!(chosen(&tight), chosen(&loose));
    }

    #[test]
    fn a_language_nobody_asked_for_is_never_chosen(ranges in prop::collection::vec(range(), 0..6)) {
        let header = ranges.join(", ");
        let lower = header.to_ascii_lowercase();
        match chosen(&header).as_deref() {
            Some("fr") => prop_assert!(lower.contains("fr"), "{header:?}"),
            Some("en") => prop_assert!(lower.contains("en") || header.contains('*'), "{header:?}"),
            Some(other) => prop_assert!(false, "unexpected {other} for {header:?}"),
            None => {}
        }
    }

    #[test]
    fn french_first_with_full_quality_is_always_french(rest in prop::collection::vec(range(), 0..5)) {
        let mut header = String::from("fr");
        for range in &rest {
            header.push(',');
            header.push_str(range);
        }
        // Equal qualities keep the client's order; nothing outranks q=1.
        prop_assert_eq!(chosen(&header), Some("fr".to_owned()));
    }
}
