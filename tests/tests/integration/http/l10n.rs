//! Localised error responses over a real socket, axum and actix-web: the layer negotiates
//! `Accept-Language`, renders the texts in the chosen language, and sends `Content-Language` and
//! `Vary: Accept-Language`; codes, statuses and every other member stay the same, and English or
//! header-less requests get exactly the English body.

use std::sync::Arc;
use std::time::Instant;

use authos_errors::ApiErrorCode;
use authos_errors::actix::ErrorFormatMiddleware;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::AUTHOS_FTL_FR;
use authos_errors::catalog::{AuthOsError, DeviceFlowError, GeneralError};
use authos_errors::l10n::Localizer;
use authos_errors_demo as app;
use axum::Router;
use axum::routing::get;

use crate::http_support::{ActixServer, AxumServer, Client, Reply, TIMESTAMP, body};

/// The demo app with a frozen clock.
fn demo() -> AxumServer {
    let frozen = Instant::now();
    AxumServer::start(app::app(Arc::new(move || frozen)))
}

fn french(client: &Client, path: &str, accept_language: &str) -> Reply {
    client.get_with(path, &[("accept-language", accept_language)])
}

/// Language headers of a localised reply from a route that negotiates its format too.
fn assert_language(reply: &Reply, language: &str) {
    assert_eq!(
        reply.header("content-language"),
        Some(language),
        "{reply:?}"
    );
    assert_eq!(
        reply.header("vary"),
        Some("Accept, Accept-Language"),
        "{reply:?}"
    );
}

#[test]
fn the_demo_answers_in_french_for_accept_language_fr() {
    let server = demo();
    let client = server.client();
    let reply = french(&client, "/api/organizations/globex", "fr");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_language(&reply, "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        body("La ressource demandée n’existe pas", "NOT_FOUND")
    );

    let reply = french(&client, "/api/organizations/initech", "fr-CA, en;q=0.5");
    assert_eq!(reply.status, 403);
    assert_language(&reply, "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        body(
            "Organisation suspendue ou en attente d’activation",
            "ORGANIZATION_NOT_ACTIVE"
        )
    );
}

#[test]
fn english_and_header_less_requests_get_the_english_body_unchanged() {
    let server = demo();
    let client = server.client();
    let expected = body("No organization `globex`", "NOT_FOUND");
    let plain = client.get("/api/organizations/globex", None);
    assert_eq!(plain.body_at_timestamp(), expected);
    assert_language(&plain, "en");
    for header in ["en", "en-US,en;q=0.9", "de", "fr;q=0", "fr;q=0.1, en", "*"] {
        let reply = french(&client, "/api/organizations/globex", header);
        assert_eq!(reply.status, 404, "{header}");
        assert_eq!(reply.body_at_timestamp(), expected, "{header}");
        assert_language(&reply, "en");
    }
}

#[test]
fn problem_json_title_and_detail_are_localised_and_members_stay() {
    let server = demo();
    let client = server.client();
    let reply = client.get_with(
        "/api/organizations/initech",
        &[
            ("accept", "application/problem+json"),
            ("accept-language", "fr"),
        ],
    );
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_language(&reply, "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#ORGANIZATION_NOT_ACTIVE","#,
                r#""title":"Organisation suspendue ou en attente d’activation","status":403,"#,
                r#""detail":"Organisation suspendue ou en attente d’activation","#,
                r#""error_code":"ORGANIZATION_NOT_ACTIVE","#,
                r#""resolution":"Contact platform admin","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        )
    );
}

#[test]
fn malformed_accept_language_headers_fall_back_to_english() {
    let server = demo();
    let client = server.client();
    let expected = body("No organization `globex`", "NOT_FOUND");
    for header in [
        "",
        ";;;",
        ",,,",
        "fr;q=abc",
        "fr;q=1.5",
        "fr_FR",
        "q=1",
        "12345",
        "fr-",
        "-fr",
        "*/*",
        &"de,".repeat(500),
    ] {
        let reply = french(&client, "/api/organizations/globex", header);
        assert_eq!(reply.status, 404, "{header:?}");
        assert_eq!(reply.body_at_timestamp(), expected, "{header:?}");
        assert_language(&reply, "en");
    }
}

#[test]
fn server_errors_are_localised_from_the_catalog_text_only() {
    let server = demo();
    let client = server.client();
    let reply = french(&client, "/api/reports/usage", "fr");
    assert_eq!(reply.status, 500);
    assert_language(&reply, "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        body(
            "Échec de l’opération sur la base de données",
            "DATABASE_ERROR"
        )
    );
    assert!(!reply.body.contains("postgres"), "{}", reply.body);
}

#[derive(Debug, authos_errors::ApiErrorCode)]
#[api_error(group = "Signup Errors")]
enum SignupError {
    /// Slug shorter than the minimum
    #[code(
        "HANDLE_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort { min: usize },
    /// Email taken
    #[code("EMAIL_TAKEN", status = 409)]
    EmailTaken,
}

#[derive(Debug, authos_errors::ApiErrorCode)]
#[api_error(from_code = false)]
enum AppError {
    #[code(transparent)]
    Signup(SignupError),
    #[code(transparent)]
    AuthOs(AuthOsError),
}

const SIGNUP_FR: &str = "\
HANDLE_TOO_SHORT = Le slug doit contenir au moins { $min } { $min ->
        [one] caractère
       *[other] caractères
    }
    .description = Slug trop court
";

fn app_localizer() -> Arc<Localizer> {
    let mut localizer = Localizer::new(AppError::CATALOG);
    localizer
        .add_resource("fr", "signup.ftl", SIGNUP_FR)
        .expect("the signup resource loads");
    localizer
        .add_resource("fr", "errors.ftl", AUTHOS_FTL_FR)
        .expect("the AuthOS resource loads");
    Arc::new(localizer)
}

async fn slug(axum::extract::Path(min): axum::extract::Path<usize>) -> AppError {
    AppError::Signup(SignupError::SlugTooShort { min })
}

async fn email() -> AppError {
    AppError::Signup(SignupError::EmailTaken)
}

async fn pending() -> AuthOsError {
    DeviceFlowError::DeviceCodePending.into()
}

fn app_router() -> Router {
    let localizer = app_localizer();
    let oauth = Router::new()
        .route("/oauth/device", get(pending))
        .layer(ErrorFormatLayer::oauth().with_localizer(Arc::clone(&localizer)));
    Router::new()
        .route("/slug/{min}", get(slug))
        .route("/email", get(email))
        .merge(oauth)
        .layer(ErrorFormatLayer::default().with_localizer(localizer))
}

#[test]
fn variables_and_plurals_over_the_socket() {
    let server = AxumServer::start(app_router());
    let client = server.client();
    let one = french(&client, "/slug/1", "fr");
    assert_eq!(one.status, 400);
    assert_language(&one, "fr");
    assert_eq!(
        one.body_at_timestamp(),
        body(
            "Le slug doit contenir au moins 1 caractère",
            "HANDLE_TOO_SHORT"
        )
    );
    let three = french(&client, "/slug/3", "fr");
    assert_eq!(
        three.body_at_timestamp(),
        body(
            "Le slug doit contenir au moins 3 caractères",
            "HANDLE_TOO_SHORT"
        )
    );
    let english = client.get("/slug/3", None);
    assert_eq!(
        english.body_at_timestamp(),
        body("Slug must be at least 3 characters", "HANDLE_TOO_SHORT")
    );
    // A templated code's problem+json title is its `.description` attribute.
    let problem = client.get_with(
        "/slug/2",
        &[
            ("accept", "application/problem+json"),
            ("accept-language", "fr"),
        ],
    );
    assert!(
        problem
            .body
            .contains(r#""title":"Slug trop court","status":400,"detail":"Le slug doit contenir au moins 2 caractères""#),
        "{}",
        problem.body
    );
}

#[test]
fn an_untranslated_code_is_answered_and_labelled_in_english() {
    let server = AxumServer::start(app_router());
    let client = server.client();
    let reply = french(&client, "/email", "fr");
    assert_eq!(reply.status, 409);
    assert_language(&reply, "en");
    assert_eq!(
        reply.body_at_timestamp(),
        body("Email taken", "EMAIL_TAKEN")
    );
}

#[test]
fn oauth_bodies_are_not_translated() {
    let server = AxumServer::start(app_router());
    let client = server.client();
    let reply = french(&client, "/oauth/device", "fr");
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("content-language"), None);
    assert_eq!(reply.header("vary"), None);
    assert!(
        reply.body.starts_with(
            r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet""#
        ),
        "{}",
        reply.body
    );
}

#[test]
fn without_a_localizer_nothing_changes() {
    async fn conflict() -> GeneralError {
        GeneralError::Conflict
    }
    let server = AxumServer::start(
        Router::new()
            .route("/conflict", get(conflict))
            .layer(ErrorFormatLayer::default()),
    );
    let reply = french(&server.client(), "/conflict", "fr");
    assert_eq!(reply.header("content-language"), None);
    // The format was negotiated; the language was not.
    assert_eq!(reply.header("vary"), Some("Accept"));
    assert_eq!(
        reply.body_at_timestamp(),
        body(GeneralError::Conflict.description(), "CONFLICT")
    );
}

fn actix_server() -> ActixServer {
    ActixServer::start(|config: &mut actix_web::web::ServiceConfig| {
        async fn conflict() -> Result<String, GeneralError> {
            Err(GeneralError::Conflict)
        }
        async fn slug(path: actix_web::web::Path<usize>) -> Result<String, AppError> {
            Err(AppError::Signup(SignupError::SlugTooShort {
                min: path.into_inner(),
            }))
        }
        config.service(
            actix_web::web::scope("")
                .wrap(
                    ErrorFormatMiddleware::default()
                        .with_config(authos_errors::catalog::problem_config())
                        .with_localizer(app_localizer()),
                )
                .route("/conflict", actix_web::web::get().to(conflict))
                .route("/slug/{min}", actix_web::web::get().to(slug)),
        );
    })
}

#[test]
fn actix_answers_in_the_negotiated_language() {
    let server = actix_server();
    let client = server.client();
    let reply = french(&client, "/conflict", "fr-FR;q=0.9, de;q=0.8");
    assert_eq!(reply.status, 409);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_language(&reply, "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        body(
            "La ressource existe déjà ou son état est en conflit",
            "CONFLICT"
        )
    );
    let reply = french(&client, "/slug/1", "fr");
    assert_eq!(
        reply.body_at_timestamp(),
        body(
            "Le slug doit contenir au moins 1 caractère",
            "HANDLE_TOO_SHORT"
        )
    );
    let problem = client.get_with(
        "/conflict",
        &[
            ("accept", "application/problem+json"),
            ("accept-language", "fr"),
        ],
    );
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
    assert!(
        problem.body.starts_with(concat!(
            r#"{"type":"https://docs.authos.dev/errors#CONFLICT","#,
            r#""title":"La ressource existe déjà ou son état est en conflit","status":409,"#,
            r#""detail":"La ressource existe déjà ou son état est en conflit","error_code":"CONFLICT""#
        )),
        "{}",
        problem.body
    );
}

#[test]
fn actix_english_header_less_and_malformed_requests_are_unchanged() {
    let server = actix_server();
    let client = server.client();
    let expected = body("Resource already exists or state conflict", "CONFLICT");
    let plain = client.get("/conflict", None);
    assert_eq!(plain.body_at_timestamp(), expected);
    assert_language(&plain, "en");
    for header in ["en-GB", "de", ";;", "fr;q=0", "fr;q=x"] {
        let reply = french(&client, "/conflict", header);
        assert_eq!(reply.status, 409, "{header}");
        assert_eq!(reply.body_at_timestamp(), expected, "{header}");
        assert_language(&reply, "en");
    }
}

/// A form with entries the French resources translate (the AuthOS `INVALID_EMAIL` and
/// `SLUG_TOO_SHORT`, this service's `HANDLE_TOO_SHORT` with its own `min`) and, on `/form/mixed`,
/// one they do not (`EMAIL_TAKEN`).
fn signup_form(mixed: bool) -> authos_errors::field_errors::FieldErrors {
    use authos_errors::catalog::ValidationError;
    let mut errors = authos_errors::catalog::field_errors();
    errors
        .push("email", &ValidationError::InvalidEmail)
        .push("slug", &ValidationError::SlugTooShort)
        .push("handle", &SignupError::SlugTooShort { min: 5 });
    if mixed {
        errors.push("contact", &SignupError::EmailTaken);
    }
    errors
}

fn form_router() -> Router {
    async fn form() -> authos_errors::field_errors::FieldErrors {
        signup_form(false)
    }
    async fn mixed() -> authos_errors::field_errors::FieldErrors {
        signup_form(true)
    }
    Router::new()
        .route("/form", get(form))
        .route("/form/mixed", get(mixed))
        .layer(ErrorFormatLayer::default().with_localizer(app_localizer()))
}

/// `(error_code, error)` of each `errors[]` entry, and the top-level text.
fn form_texts(reply: &Reply, top: &str) -> (String, Vec<(String, String)>) {
    let json: serde_json::Value = serde_json::from_str(&reply.body).expect("a JSON body");
    let entries = json["errors"]
        .as_array()
        .expect("an errors array")
        .iter()
        .map(|entry| {
            (
                entry["error_code"].as_str().unwrap_or_default().to_owned(),
                entry["error"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    (json[top].as_str().unwrap_or_default().to_owned(), entries)
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(code, text)| ((*code).to_owned(), (*text).to_owned()))
        .collect()
}

const FRENCH_ENTRIES: [(&str, &str); 3] = [
    ("INVALID_EMAIL", "Format d’adresse e-mail invalide"),
    (
        "SLUG_TOO_SHORT",
        "Le slug doit contenir au moins 3 caractères",
    ),
    (
        "HANDLE_TOO_SHORT",
        "Le slug doit contenir au moins 5 caractères",
    ),
];

#[test]
fn field_error_entries_are_translated_with_their_own_arguments() {
    let server = AxumServer::start(form_router());
    let client = server.client();
    let reply = french(&client, "/form", "fr-CA, en;q=0.5");
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("content-language"), Some("fr"));
    let (summary, entries) = form_texts(&reply, "error");
    assert_eq!(summary, "Paramètres de requête invalides ou JSON mal formé");
    assert_eq!(entries, pairs(&FRENCH_ENTRIES));
    // Pointers and details are the request's, whatever the language.
    assert!(
        reply.body.contains(r#""pointer":"/handle""#),
        "{}",
        reply.body
    );

    let problem = client.get_with(
        "/form",
        &[
            ("accept", "application/problem+json"),
            ("accept-language", "fr"),
        ],
    );
    assert_eq!(problem.header("content-language"), Some("fr"));
    let (detail, entries) = form_texts(&problem, "detail");
    assert_eq!(detail, summary);
    assert_eq!(entries, pairs(&FRENCH_ENTRIES));

    // English, or no match: the derive's texts, labelled English.
    for header in ["en", "de"] {
        let reply = french(&client, "/form", header);
        assert_eq!(reply.header("content-language"), Some("en"), "{header}");
        let (_, entries) = form_texts(&reply, "error");
        assert_eq!(
            entries[2],
            pairs(&[("HANDLE_TOO_SHORT", "Slug must be at least 5 characters")])[0],
            "{header}"
        );
    }
}

/// An entry the translation lacks stays in English, and the body, now in two languages, says
/// so: `Content-Language: fr, en`.
#[test]
fn a_partly_translated_body_names_both_languages() {
    let server = AxumServer::start(form_router());
    let client = server.client();
    let reply = french(&client, "/form/mixed", "fr");
    assert_eq!(reply.header("content-language"), Some("fr, en"));
    let (_, entries) = form_texts(&reply, "error");
    let mut expected = pairs(&FRENCH_ENTRIES);
    expected.extend(pairs(&[("EMAIL_TAKEN", "Email taken")]));
    assert_eq!(entries, expected);
}

#[test]
fn actix_translates_field_error_entries_too() {
    let server = ActixServer::start(|config: &mut actix_web::web::ServiceConfig| {
        async fn form() -> Result<String, authos_errors::field_errors::FieldErrors> {
            Err(signup_form(true))
        }
        config.service(
            actix_web::web::scope("")
                .wrap(ErrorFormatMiddleware::default().with_localizer(app_localizer()))
                .route("/form", actix_web::web::get().to(form)),
        );
    });
    let client = server.client();
    let reply = french(&client, "/form", "fr");
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("content-language"), Some("fr, en"));
    let (_, entries) = form_texts(&reply, "error");
    let mut expected = pairs(&FRENCH_ENTRIES);
    expected.extend(pairs(&[("EMAIL_TAKEN", "Email taken")]));
    assert_eq!(entries, expected);
}
