//! Localised messages (feature `fluent`): the shipped AuthOS resources, load-time checks,
//! rendering with variables and plurals, negotiation, coverage and the skeleton writer.

use authos_errors::catalog::{
    AUTHOS_FTL_EN, AUTHOS_FTL_FR, AuthOsError, GeneralError, InfrastructureError,
};
use authos_errors::l10n::{self, LoadError, Localizer, ResourceProblemKind};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Signup Errors")]
#[allow(dead_code)] // `slug` of SlugTooShort: a field its template leaves out
enum SignupError {
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort { min: usize, slug: String },

    /// Slug taken
    #[code("SLUG_TAKEN", status = 409, message = "Slug `{slug}` is taken")]
    SlugTaken { slug: String },

    /// Upstream timed out
    #[code(
        "UPSTREAM_TIMEOUT",
        status = 504,
        message = "No answer within {0:.1} s"
    )]
    Timeout(f64, #[source] std::io::Error),

    /// Odd texts the skeleton must escape
    #[code(
        "ODD_TEXT",
        status = 400,
        message = ".{{braces}} and [brackets] for {0:?}\n* starred line"
    )]
    OddText(String),

    /// Email taken
    #[code("EMAIL_TAKEN", status = 409)]
    EmailTaken,
}

#[derive(Debug, ApiErrorCode)]
#[api_error(from_code = false)]
enum AppError {
    #[code(transparent)]
    Signup(SignupError),
    #[code(transparent)]
    General(GeneralError),
}

const SIGNUP_FR: &str = "\
SLUG_TOO_SHORT = Le slug doit contenir au moins { $min } { $min ->
        [one] caractère
       *[other] caractères
    }
    .description = Slug plus court que le minimum
SLUG_TAKEN = Le slug « { $slug } » est déjà pris
    .description = Slug déjà pris
UPSTREAM_TIMEOUT = Aucune réponse en { $arg0 } s
    .description = Le service amont n’a pas répondu
ODD_TEXT = Texte étrange : { $arg0 }
    .description = Texte étrange
EMAIL_TAKEN = Adresse e-mail déjà utilisée
";

fn signup_localizer() -> Localizer {
    let mut localizer = Localizer::new(AppError::CATALOG);
    localizer
        .add_resource("fr", "fr/signup.ftl", SIGNUP_FR)
        .expect("the French signup resource loads");
    localizer
        .add_resource(
            "fr",
            "fr/errors.ftl",
            AUTHOS_FTL_FR.replace("SLUG", "ORG_SLUG"),
        )
        .expect("a second resource for the same language adds its messages");
    localizer
}

#[test]
fn french_authos_catalog_covers_every_code() {
    let coverage = authos_errors::catalog::localizer()
        .coverage("fr")
        .expect("French is loaded");
    coverage.assert_complete();
    let from_file = l10n::coverage(
        AuthOsError::CATALOG,
        "fr",
        "locales/fr/errors.ftl",
        AUTHOS_FTL_FR,
    )
    .expect("the French resource parses");
    assert_eq!(from_file, coverage);
    // 58 distinct codes, one message each (attributes are indented).
    let messages = AUTHOS_FTL_FR
        .lines()
        .filter(|line| line.contains(" = ") && !line.starts_with(' '))
        .count();
    assert_eq!(messages, 58);
}

#[test]
fn a_missing_translation_fails_the_coverage_check() {
    let without = AUTHOS_FTL_FR.replace("TOKEN_EXPIRED = Le jeton JWT a expiré\n", "");
    let coverage = l10n::coverage(AuthOsError::CATALOG, "fr", "fr.ftl", &without).unwrap();
    assert!(!coverage.is_complete());
    assert_eq!(coverage.missing, ["TOKEN_EXPIRED"]);
    assert!(coverage.to_string().contains("missing: TOKEN_EXPIRED"));
    let panic = std::panic::catch_unwind(|| coverage.assert_complete()).unwrap_err();
    let message = panic.downcast_ref::<String>().expect("a formatted panic");
    assert!(message.contains("missing: TOKEN_EXPIRED"), "{message}");
}

#[test]
fn coverage_reports_unknown_codes_variables_and_descriptions() {
    let ftl = "\
SLUG_TOO_SHORT = Trop court : { $min } ({ $length })
SLUG_TAKEN = Pris
    .description = Pris
TYPO_CODE = Rien
";
    let coverage = l10n::coverage(SignupError::CATALOG, "fr", "fr.ftl", ftl).unwrap();
    assert_eq!(
        coverage.missing,
        ["UPSTREAM_TIMEOUT", "ODD_TEXT", "EMAIL_TAKEN"]
    );
    assert_eq!(coverage.missing_descriptions, ["SLUG_TOO_SHORT"]);
    assert_eq!(coverage.unknown, ["TYPO_CODE"]);
    assert_eq!(
        coverage.unknown_variables,
        [("SLUG_TOO_SHORT".to_owned(), "length".to_owned())]
    );
}

#[test]
fn english_resource_is_the_skeleton_of_the_catalog() {
    assert_eq!(
        AUTHOS_FTL_EN,
        l10n::skeleton(AuthOsError::CATALOG),
        "regenerate with `cargo run -p authos-errors --example ftl_skeleton > authos-errors/locales/en/errors.ftl`"
    );
    l10n::coverage(AuthOsError::CATALOG, "en", "en.ftl", AUTHOS_FTL_EN)
        .unwrap()
        .assert_complete();
}

/// The skeleton, loaded as a translation, renders every message exactly as the derive does:
/// its escaping and variables are right.
#[test]
fn skeleton_renders_the_derive_texts() {
    let mut localizer = Localizer::new(AuthOsError::CATALOG)
        .with_source_language("zxx")
        .unwrap();
    localizer
        .add_resource("en", "en.ftl", AUTHOS_FTL_EN)
        .unwrap();
    let english = localizer.locale("en").unwrap();
    for row in AuthOsError::CATALOG {
        let err = AuthOsError::from_code(row.code).unwrap();
        assert_eq!(english.translate(&err).as_deref(), Some(&*err.message()));
        assert_eq!(
            english.description(err.info()).as_deref(),
            Some(err.info().description)
        );
    }

    let skeleton = l10n::skeleton(SignupError::CATALOG);
    let mut localizer = Localizer::new(SignupError::CATALOG)
        .with_source_language("zxx")
        .unwrap();
    localizer
        .add_resource("en", "skeleton.ftl", skeleton.clone())
        .unwrap_or_else(|e| panic!("{e}\n{skeleton}"));
    let english = localizer.locale("en").unwrap();
    let values = [
        SignupError::SlugTooShort {
            min: 3,
            slug: "ab".into(),
        },
        SignupError::SlugTaken {
            slug: "{acme}".into(),
        },
        SignupError::Timeout(2.25, std::io::Error::other("boom")),
        SignupError::OddText("x\"y".into()),
        SignupError::EmailTaken,
    ];
    for err in &values {
        assert_eq!(
            english.translate(err).as_deref(),
            Some(&*err.message()),
            "{skeleton}"
        );
        assert_eq!(
            english.description(err.info()).as_deref(),
            Some(err.info().description)
        );
    }
}

#[test]
fn variables_plurals_tuple_fields_and_specs() {
    let localizer = signup_localizer();
    let french = localizer.negotiate("fr").unwrap();
    let short = |min| SignupError::SlugTooShort {
        min,
        slug: "a".into(),
    };
    assert_eq!(
        french.message(&short(1)),
        "Le slug doit contenir au moins 1 caractère"
    );
    assert_eq!(
        french.message(&short(3)),
        "Le slug doit contenir au moins 3 caractères"
    );
    // No Unicode isolation marks around placeables.
    assert!(!french.message(&short(3)).contains('\u{2068}'));
    // `{0:.1}` is passed as the English text shows it; the source error never is.
    let timeout = SignupError::Timeout(2.25, std::io::Error::other("secret upstream"));
    assert_eq!(french.message(&timeout), "Aucune réponse en 2.2 s");
    // Text that looks like a number in another notation stays text.
    for slug in ["1e5", "007", "inf", "-0", "3.50"] {
        let taken = SignupError::SlugTaken { slug: slug.into() };
        assert_eq!(
            french.message(&taken),
            format!("Le slug « {slug} » est déjà pris")
        );
    }
    assert_eq!(
        french.description(short(3).info()).as_deref(),
        Some("Slug plus court que le minimum")
    );
}

#[test]
fn transparent_variants_and_detailed_delegate_their_variables() {
    let localizer = signup_localizer();
    let french = localizer.negotiate("fr").unwrap();
    let err = AppError::from(SignupError::SlugTooShort {
        min: 5,
        slug: "abc".into(),
    });
    assert_eq!(
        french.message(&err),
        "Le slug doit contenir au moins 5 caractères"
    );
    // A handler's own text cannot be translated: the code's translation replaces it, with the
    // variant's variables; in the source language the handler's text stays.
    let detailed = err.with_message("`abc` is 3 characters, 5 needed");
    assert_eq!(
        french.message(&detailed),
        "Le slug doit contenir au moins 5 caractères"
    );
    assert_eq!(
        localizer.source().message(&detailed),
        "`abc` is 3 characters, 5 needed"
    );
    let general = AppError::from(GeneralError::NotFound);
    assert_eq!(
        french.message(&general),
        "La ressource demandée n’existe pas"
    );
}

#[test]
fn server_errors_render_only_catalog_text() {
    let french = authos_errors::catalog::localizer().negotiate("fr").unwrap();
    let err = InfrastructureError::DatabaseError;
    assert_eq!(
        french.message(&err),
        "Échec de l’opération sur la base de données"
    );
    let timeout = SignupError::Timeout(1.0, std::io::Error::other("password=hunter2"));
    let localizer = signup_localizer();
    let text = localizer.negotiate("fr").unwrap().message(&timeout);
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn untranslated_codes_and_the_source_language_keep_the_derive_text() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    localizer
        .add_resource(
            "fr",
            "fr.ftl",
            "EMAIL_TAKEN = Adresse e-mail déjà utilisée\n",
        )
        .unwrap();
    let french = localizer.negotiate("fr").unwrap();
    let taken = SignupError::SlugTaken {
        slug: "acme".into(),
    };
    assert_eq!(french.translate(&taken), None);
    assert_eq!(french.message(&taken), "Slug `acme` is taken");
    let english = localizer.negotiate("en").unwrap();
    assert!(english.is_source());
    assert_eq!(english.translate(&SignupError::EmailTaken), None);
    assert_eq!(english.message(&SignupError::EmailTaken), "Email taken");
}

#[test]
fn a_message_fluent_cannot_format_falls_back_to_the_source_text() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    // A reference to a message that does not exist is a formatting error, not a load error.
    localizer
        .add_resource("fr", "fr.ftl", "EMAIL_TAKEN = { no-such-message } pris\n")
        .unwrap();
    let french = localizer.negotiate("fr").unwrap();
    assert_eq!(french.message(&SignupError::EmailTaken), "Email taken");
}

fn problems(result: Result<(), LoadError>) -> (String, Vec<(usize, ResourceProblemKind)>) {
    let err = result.expect_err("the resource is refused");
    let text = err.to_string();
    match err {
        LoadError::Resource { problems, .. } => (
            text,
            problems.into_iter().map(|p| (p.line, p.kind)).collect(),
        ),
        other => panic!("not a resource error: {other:?}"),
    }
}

/// The variables of the `UnknownVariable` problems among `found`, in order.
fn unknown_variables(found: Vec<(usize, ResourceProblemKind)>) -> Vec<String> {
    found
        .into_iter()
        .filter_map(|(_, kind)| match kind {
            ResourceProblemKind::UnknownVariable { variable, .. } => Some(variable),
            _ => None,
        })
        .collect()
}

#[test]
fn syntax_errors_are_reported_with_file_and_line() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    let (text, found) = problems(localizer.add_resource(
        "fr",
        "locales/fr/signup.ftl",
        "EMAIL_TAKEN = Pris\n\nSLUG_TAKEN = { $slug\n",
    ));
    assert_eq!(found.len(), 1, "{text}");
    assert_eq!(found[0].0, 3);
    assert!(matches!(found[0].1, ResourceProblemKind::Syntax { .. }));
    assert!(
        text.starts_with("locales/fr/signup.ftl:3: syntax error: "),
        "{text}"
    );
    // Nothing of a refused resource is added.
    assert!(localizer.locale("fr").is_none());
}

#[test]
fn unknown_variables_are_reported_at_load_time() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    let (text, found) = problems(localizer.add_resource(
        "fr",
        "fr.ftl",
        "EMAIL_TAKEN = Pris\nSLUG_TOO_SHORT = Au moins { $minimum } ({ $slug })\n",
    ));
    assert_eq!(found.len(), 2, "{text}");
    assert_eq!(
        text,
        "fr.ftl:2: message `SLUG_TOO_SHORT` uses the variable `$minimum`, which the code's message template does not have (it has $min)\n\
         fr.ftl:2: message `SLUG_TOO_SHORT` uses the variable `$slug`, which the code's message template does not have (it has $min)"
    );
    // Variables in a selector, a variant, a function's and a term's arguments count too.
    let (text, found) = problems(localizer.add_resource(
        "fr",
        "fr.ftl",
        "-word = { $n }\nSLUG_TAKEN = { NUMBER($count) } { -word($other) } { $slug ->\n   *[x] { $inner }\n}\n",
    ));
    let variables = unknown_variables(found);
    assert_eq!(variables, ["count", "other", "inner"], "{text}");

    // A variant (an attribute other than `.description`) may use the arguments it is named
    // after and the message's own (`wire::field_errors` renders one), nothing else.
    let (text, found) = problems(localizer.add_resource(
        "fr",
        "fr.ftl",
        "EMAIL_TAKEN = Pris\n    .min-max = { $min } à { $max }\n    .min = au moins { $max }\n    .description = { $min }\n",
    ));
    let variables = unknown_variables(found);
    assert_eq!(variables, ["min", "max"], "{text}");
    localizer
        .add_resource(
            "fr",
            "fr.ftl",
            "EMAIL_TAKEN = Pris\n    .min-max = { $min } à { $max }\n    .none = Trop court\n",
        )
        .expect("variants use the arguments they are named after");
}

#[test]
fn duplicate_messages_and_bad_languages_are_refused() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    localizer
        .add_resource("fr", "a.ftl", "EMAIL_TAKEN = Pris\n")
        .unwrap();
    let (text, _) =
        problems(localizer.add_resource("fr", "b.ftl", "# note\nEMAIL_TAKEN = Déjà pris\n"));
    assert_eq!(
        text,
        "b.ftl:2: `EMAIL_TAKEN` is defined twice (first at a.ftl:1): keep one"
    );
    assert!(matches!(
        localizer.add_resource("not a tag!", "x.ftl", ""),
        Err(LoadError::Language { .. })
    ));
    let err = localizer.add_resource("en", "en.ftl", "").unwrap_err();
    assert!(matches!(err, LoadError::SourceLanguage { .. }));
    assert!(err.to_string().contains("source language"), "{err}");
}

#[test]
fn resources_load_from_files() {
    let dir = std::env::temp_dir().join(format!("authos-l10n-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("fr.ftl");
    std::fs::write(&good, "EMAIL_TAKEN = Adresse déjà utilisée\n").unwrap();
    let bad = dir.join("de.ftl");
    std::fs::write(&bad, "EMAIL_TAKEN = { \n").unwrap();
    let mut localizer = Localizer::new(SignupError::CATALOG);
    localizer.add_file("fr", &good).unwrap();
    let err = localizer.add_file("de", &bad).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}:1: syntax error", bad.display())),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        localizer
            .negotiate("fr")
            .unwrap()
            .message(&SignupError::EmailTaken),
        "Adresse déjà utilisée"
    );
}

#[test]
fn negotiation_honours_quality_and_falls_back() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    localizer
        .add_resource("fr", "fr.ftl", "EMAIL_TAKEN = Pris\n")
        .unwrap();
    localizer
        .add_resource("pt-BR", "pt.ftl", "EMAIL_TAKEN = Já usado\n")
        .unwrap();
    let chosen = |header: &str| {
        localizer
            .negotiate(header)
            .map(|locale| locale.language().to_string())
    };
    let cases: &[(&str, Option<&str>)] = &[
        ("fr", Some("fr")),
        ("FR", Some("fr")),
        ("fr-CA", Some("fr")),
        ("fr-Latn-CA", Some("fr")),
        ("pt", Some("pt-BR")),
        ("pt-PT", Some("pt-BR")),
        ("en-US", Some("en")),
        ("de-DE, fr;q=0.9", Some("fr")),
        ("fr;q=0.5, en;q=0.8", Some("en")),
        ("en;q=0.5, fr;q=0.5", Some("en")),
        ("fr;q=0.5, en;q=0.5", Some("fr")),
        ("  fr-ch ; q=0.8 ,de", Some("fr")),
        ("*", Some("en")),
        ("de, *;q=0.2, fr;q=0.1", Some("en")),
        ("fr;q=0, en;q=0.1", Some("en")),
        ("fr;q=0", None),
        ("fr;q=1.5", None),
        ("fr;q=abc", None),
        ("de, ja", None),
        ("", None),
        (",,,;", None),
        ("fr_FR", None),
        ("\u{e9}", None),
        ("x-klingon", None),
    ];
    for (header, expected) in cases {
        assert_eq!(chosen(header).as_deref(), *expected, "{header:?}");
    }
    // Only the first ranges are read: a language past them is not considered.
    let long = format!("{}fr", "de, ".repeat(l10n::MAX_LANGUAGE_RANGES));
    assert_eq!(chosen(&long), None);
}

#[test]
fn localizer_is_shareable_across_threads() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Localizer>();
    let localizer = std::sync::Arc::new(signup_localizer());
    let handles: Vec<_> = (1..=4)
        .map(|min| {
            let localizer = std::sync::Arc::clone(&localizer);
            std::thread::spawn(move || {
                let err = SignupError::SlugTooShort {
                    min,
                    slug: String::new(),
                };
                localizer
                    .negotiate("fr")
                    .unwrap()
                    .message(&err)
                    .into_owned()
            })
        })
        .collect();
    let texts: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(texts[0], "Le slug doit contenir au moins 1 caractère");
    assert_eq!(texts[3], "Le slug doit contenir au moins 4 caractères");
}

/// A raw-identifier field is the variable of its name without `r#`, in the load-time checks,
/// the skeleton and the render alike (the names come from the derive, not from the template).
#[test]
fn raw_identifier_fields_are_variables_of_their_names() {
    #[derive(Debug, ApiErrorCode)]
    #[api_error(group = "Kind Errors")]
    enum KindError {
        /// Kind not allowed
        #[code("KIND_REFUSED", status = 400, message = "Kind {r#type} is not allowed")]
        Refused { r#type: String },
    }

    let skeleton = l10n::skeleton(KindError::CATALOG);
    assert!(
        skeleton.contains("KIND_REFUSED = Kind { $type } is not allowed\n"),
        "{skeleton}"
    );
    let mut localizer = Localizer::new(KindError::CATALOG);
    localizer
        .add_resource("fr", "fr.ftl", "KIND_REFUSED = Type { $type } refusé\n")
        .expect("`$type` is the variable of `{r#type}`");
    let err = KindError::Refused {
        r#type: "admin".into(),
    };
    assert_eq!(
        localizer.locale("fr").unwrap().message(&err),
        "Type admin refusé"
    );
    let refused = localizer.add_resource("de", "de.ftl", "KIND_REFUSED = Art { $r } abgelehnt\n");
    assert!(refused.is_err(), "{refused:?}");
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Order Errors")]
enum OrderError {
    /// Order not found
    #[code("ORDER_NOT_FOUND", status = 404)]
    NotFound,
    /// Too many items
    #[code("TOO_MANY_ITEMS", status = 400, message = "At most {max} items")]
    TooManyItems { max: u32 },
}

const ORDERS_FR: &str = "\
ORDER_NOT_FOUND = Commande introuvable
TOO_MANY_ITEMS = Au plus { $max } articles
    .description = Trop d’articles
";

/// A localizer over a service's own catalog and the AuthOS catalog keys resources by the
/// codes of both, checks their variables, and covers both: no "not a code of the catalog"
/// for the AuthOS codes, every code of either reported when missing.
#[test]
fn a_localizer_over_several_catalogs_knows_every_code() {
    // One catalog: the AuthOS messages load, but coverage calls each one unknown.
    let mut own = Localizer::new(OrderError::CATALOG);
    own.add_resource("fr", "fr/orders.ftl", ORDERS_FR).unwrap();
    own.add_resource("fr", "fr/authos.ftl", AUTHOS_FTL_FR)
        .unwrap();
    let coverage = own.coverage("fr").unwrap();
    assert!(coverage.unknown.contains(&"TOKEN_EXPIRED".to_owned()));

    let with_authos = Localizer::new(OrderError::CATALOG)
        .with_authos()
        .expect("the shipped resources load");
    let mut localizer = with_authos;
    assert_eq!(
        localizer.catalogs(),
        [OrderError::CATALOG, AuthOsError::CATALOG]
    );
    // Own codes untranslated yet: missing, and nothing unknown.
    let coverage = localizer.coverage("fr").unwrap();
    assert_eq!(coverage.missing, ["ORDER_NOT_FOUND", "TOO_MANY_ITEMS"]);
    assert!(coverage.unknown.is_empty(), "{coverage}");
    localizer
        .add_resource("fr", "fr/orders.ftl", ORDERS_FR)
        .unwrap();
    localizer.coverage("fr").unwrap().assert_complete();

    let french = localizer.negotiate("fr-FR").unwrap();
    assert_eq!(
        french.message(&OrderError::NotFound),
        "Commande introuvable"
    );
    assert_eq!(
        french.message(&OrderError::TooManyItems { max: 3 }),
        "Au plus 3 articles"
    );
    assert_eq!(
        french.message(&GeneralError::Conflict),
        "La ressource existe déjà ou son état est en conflit"
    );

    // Variables are checked against the code's own catalog, whichever it is.
    let mut checked = Localizer::over(&[OrderError::CATALOG, AuthOsError::CATALOG]);
    let (text, _) = problems(checked.add_resource(
        "de",
        "de.ftl",
        "TOO_MANY_ITEMS = Höchstens { $min }\nTOKEN_EXPIRED = Abgelaufen am { $when }\n",
    ));
    assert!(
        text.contains("`TOO_MANY_ITEMS` uses the variable `$min`"),
        "{text}"
    );
    assert!(
        text.contains("`TOKEN_EXPIRED` uses the variable `$when`"),
        "{text}"
    );
    // The same catalog twice is one catalog.
    let twice = Localizer::new(OrderError::CATALOG).with_catalog(OrderError::CATALOG);
    assert_eq!(twice.catalogs().len(), 1);
}
