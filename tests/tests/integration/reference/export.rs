//! The catalog exported for other languages (`authos_errors::export`): the JSON Schema validates
//! every error body the demo sends over a real socket, in each format, and the TypeScript module
//! type-checks with the real compiler (`tsc --strict`) against those same bodies and a front
//! end's exhaustive `switch` (`tests/typescript/check.ts`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use authos_errors::ApiErrorCode;
use authos_errors::ErrorCodeInfo;
use authos_errors::catalog::AuthOsError;
use authos_errors::export::{JsonSchema, TypeScript};
use authos_errors_demo as app;
use serde_json::{Value, json};

use super::TempDir;
use crate::http_support::Client;
use crate::protocol_demo::protocols::{DEFAULT_SCIM_TOKEN, DEVICE_CODE_GRANT};
use crate::protocol_demo::{Framework, ManualClock, RawClient, Server, Settings};

/// The wire format of a body, by the route and the request's `Accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    AuthOs,
    Problem,
    OAuth,
    Scim,
}

impl Format {
    /// The body's definition in the exported schema (the AuthOS body is its root).
    fn definition(self) -> &'static str {
        match self {
            Format::AuthOs => "ErrorBody",
            Format::Problem => "ProblemDetails",
            Format::OAuth => "OAuthErrorBody",
            Format::Scim => "ScimErrorBody",
        }
    }
}

/// One error response of the demo.
#[derive(Debug)]
struct Sent {
    format: Format,
    request: String,
    body: Value,
}

impl Sent {
    fn code(&self) -> &str {
        self.body["error_code"].as_str().unwrap_or_default()
    }
}

/// What the demo answers with when it fails, in every format: the AuthOS routes asked for
/// JSON, for problem+json (with a request id, so `instance` is there too) and in French, the
/// OAuth device flow's token endpoint, and SCIM provisioning.
fn demo_bodies() -> Vec<Sent> {
    let mut sent = Vec::new();
    let mut record = |format: Format, request: &str, status: u16, body: &str| {
        if status >= 400 {
            let body = serde_json::from_str(body)
                .unwrap_or_else(|e| panic!("{request}: a JSON body ({e}): {body}"));
            sent.push(Sent {
                format,
                request: request.to_owned(),
                body,
            });
        }
    };

    let headers_of: [(Format, &[(&str, &str)]); 3] = [
        (Format::AuthOs, &[]),
        (
            Format::Problem,
            &[
                ("accept", "application/problem+json"),
                ("x-request-id", "req-7f3a"),
            ],
        ),
        (Format::AuthOs, &[("accept-language", "fr")]),
    ];
    for (format, headers) in headers_of {
        let clock = ManualClock::new();
        let server = Server::start(Framework::Axum, &clock, Settings::default());
        let Server::Axum(axum) = &server else {
            unreachable!("an axum server")
        };
        let client = axum.client();
        let post = |client: &Client, path: &str, json: &str| {
            let reply = client.post_with(path, json, headers);
            (format!("POST {path} {json}"), reply.status, reply.body)
        };
        let get = |client: &Client, path: &str| {
            let reply = client.get_with(path, headers);
            (format!("GET {path}"), reply.status, reply.body)
        };
        let login = |password: &str| {
            format!(
                r#"{{"email":"{}","password":"{password}"}}"#,
                app::DEMO_EMAIL
            )
        };
        let mut replies = vec![
            post(&client, "/api/auth/login", &login(app::DEMO_PASSWORD)),
            post(
                &client,
                "/api/auth/mfa",
                &format!(r#"{{"email":"{}","code":"000000"}}"#, app::DEMO_EMAIL),
            ),
            post(
                &client,
                "/api/auth/mfa",
                r#"{"email":"bob@example.com","code":"123456"}"#,
            ),
            post(&client, "/api/auth/login", "not json"),
        ];
        for _ in 0..=app::MAX_FAILED_LOGINS {
            replies.push(post(&client, "/api/auth/login", &login("hunter2")));
        }
        replies.push(get(&client, "/api/organizations/initech"));
        replies.push(get(&client, "/api/organizations/nope"));
        for _ in 0..=app::RATE_LIMIT {
            replies.push(get(&client, "/api/limited"));
        }
        replies.push(get(&client, "/api/reports/usage"));
        replies.push(post(
            &client,
            "/api/signup",
            r#"{"email":"nope","slug":"a","password":"short"}"#,
        ));
        for (request, status, body) in replies {
            record(format, &request, status, &body);
        }
        // The user's approval of a device answers in the negotiated AuthOS formats.
        let accept = headers
            .iter()
            .find(|(name, _)| *name == "accept")
            .map(|(_, value)| *value);
        let reply = server.raw().post_form_accepting(
            "/api/oauth/device/verify",
            "user_code=WDJB-MJHT",
            accept,
        );
        record(
            format,
            "POST /api/oauth/device/verify",
            reply.status,
            &reply.body,
        );
    }

    let clock = ManualClock::new();
    let server = Server::start(Framework::Axum, &clock, Settings::default());
    let raw = server.raw();
    let mut oauth = |raw: &RawClient, form: &str| {
        let reply = raw.post_form("/api/oauth/token", form);
        record(
            Format::OAuth,
            &format!("POST /api/oauth/token {form}"),
            reply.status,
            &reply.body,
        );
    };
    oauth(&raw, "grant_type=password&username=alice&password=x");
    oauth(
        &raw,
        &format!("grant_type={DEVICE_CODE_GRANT}&device_code=nope&client_id=cli"),
    );
    oauth(&raw, &format!("grant_type={DEVICE_CODE_GRANT}"));
    let issued = raw
        .post_form("/api/oauth/device/code", "client_id=cli")
        .json();
    let device_code = issued["device_code"].as_str().expect("a device code");
    let poll = format!("grant_type={DEVICE_CODE_GRANT}&device_code={device_code}&client_id=cli");
    oauth(&raw, &poll);
    // Past the code's lifetime (600 s), within the second one the demo keeps it to say so.
    clock.advance(Duration::from_secs(900));
    oauth(&raw, &poll);

    let bearer = format!("Bearer {DEFAULT_SCIM_TOKEN}");
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "alice@example.com",
    })
    .to_string();
    let scim_replies = [
        ("GET /scim/v2/Users", raw.get("/scim/v2/Users", None)),
        (
            "GET /scim/v2/Users/2819c223",
            raw.get("/scim/v2/Users/2819c223", Some(&bearer)),
        ),
        (
            "GET /scim/v2/Users?filter=userName co",
            raw.get(
                "/scim/v2/Users?filter=userName%20co%20%22a%22",
                Some(&bearer),
            ),
        ),
        (
            "POST /scim/v2/Users",
            raw.post_scim("/scim/v2/Users", Some(&bearer), &user),
        ),
        (
            "POST /scim/v2/Users again",
            raw.post_scim("/scim/v2/Users", Some(&bearer), &user),
        ),
        (
            "POST /scim/v2/Users not a user",
            raw.post_scim("/scim/v2/Users", Some(&bearer), "[]"),
        ),
    ];
    for (request, reply) in scim_replies {
        record(Format::Scim, request, reply.status, &reply.body);
    }

    sent
}

/// Each format's codes the demo must have sent, so the checks below cover every kind of body.
fn assert_every_kind_was_sent(sent: &[Sent]) {
    let expected: [(Format, &[&str]); 3] = [
        (
            Format::AuthOs,
            &[
                "MFA_REQUIRED",
                "INVALID_MFA_CODE",
                "UNAUTHORIZED",
                "BAD_REQUEST",
                "INVALID_CREDENTIALS",
                "ACCOUNT_LOCKED",
                "ORGANIZATION_NOT_ACTIVE",
                "NOT_FOUND",
                "RATE_LIMIT_EXCEEDED",
                "DATABASE_ERROR",
                "INVALID_DEVICE_CODE",
            ],
        ),
        (
            Format::Problem,
            &["MFA_REQUIRED", "BAD_REQUEST", "RATE_LIMIT_EXCEEDED"],
        ),
        (
            Format::OAuth,
            &[
                "INVALID_GRANT_TYPE",
                "INVALID_DEVICE_CODE",
                "DEVICE_CODE_PENDING",
                "DEVICE_CODE_EXPIRED",
            ],
        ),
    ];
    for (format, codes) in expected {
        for code in codes {
            assert!(
                sent.iter().any(|s| s.format == format && s.code() == *code),
                "the demo sent no {format:?} body with {code}"
            );
        }
    }
    // SCIM bodies by status and `scimType`: the AuthOS code is an extension member a server
    // may leave out.
    for (status, scim_type) in [
        ("401", None),
        ("404", None),
        ("400", Some("invalidFilter")),
        ("409", Some("uniqueness")),
    ] {
        assert!(
            sent.iter().any(|s| s.format == Format::Scim
                && s.body["status"] == status
                && s.body["scimType"].as_str() == scim_type),
            "the demo sent no SCIM {status} body with scimType {scim_type:?}"
        );
    }
    let with_errors = sent
        .iter()
        .filter(|s| {
            s.body["errors"]
                .as_array()
                .is_some_and(|errors| errors.iter().any(|e| e["details"].is_object()))
        })
        .count();
    assert!(
        with_errors >= 2,
        "signup field errors with details, in both AuthOS formats"
    );
    assert!(
        sent.iter()
            .any(|s| s.body["instance"] == "urn:request:req-7f3a"),
        "a problem with its instance"
    );
}

/// The exported schema's validator for one format's body.
fn validator(schema: &Value, format: Format) -> jsonschema::Validator {
    let document = if format == Format::AuthOs {
        schema.clone()
    } else {
        json!({
            "$schema": schema["$schema"],
            "$ref": format!("#/$defs/{}", format.definition()),
            "$defs": schema["$defs"],
        })
    };
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&document)
        .unwrap_or_else(|e| panic!("the {format:?} schema compiles: {e}"))
}

fn violations(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn the_json_schema_validates_every_body_the_demo_sends() {
    let schema = serde_json::to_value(JsonSchema::new(AuthOsError::CATALOG)).expect("serialisable");
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    let codes: Vec<&str> = {
        let mut codes: Vec<&str> = AuthOsError::CATALOG.iter().map(|i| i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    };
    assert_eq!(schema["$defs"]["ErrorCode"]["enum"], json!(codes));

    let sent = demo_bodies();
    assert_every_kind_was_sent(&sent);
    for body in &sent {
        let errors = violations(&validator(&schema, body.format), &body.body);
        assert!(
            errors.is_empty(),
            "{:?} {}: {}\n{:#?}",
            body.format,
            body.request,
            body.body,
            errors
        );
    }

    // And it can fail: what the server never sends is refused.
    let authos = validator(&schema, Format::AuthOs);
    let refused = [
        json!({"error": "x", "error_code": "NOT_A_CODE", "timestamp": "2025-01-15T10:30:00Z"}),
        json!({"error": "x", "error_code": "NOT_FOUND", "timestamp": "2025-01-15 10:30"}),
        json!({"error": "x", "error_code": "NOT_FOUND", "timestamp": "2025-01-15T10:30:00Z", "extra": 1}),
        json!({"error_code": "NOT_FOUND", "timestamp": "2025-01-15T10:30:00Z"}),
        json!({"error": "x", "error_code": "BAD_REQUEST", "timestamp": "2025-01-15T10:30:00Z",
               "errors": [{"error_code": "INVALID_EMAIL", "error": "x"}]}),
    ];
    for body in refused {
        assert!(!violations(&authos, &body).is_empty(), "refused: {body}");
    }
    let oauth = validator(&schema, Format::OAuth);
    let quoted = json!({"error": "invalid_grant", "error_description": "say \"no\"",
                        "error_code": "INVALID_DEVICE_CODE", "timestamp": "2025-01-15T10:30:00Z"});
    assert!(
        !violations(&oauth, &quoted).is_empty(),
        "RFC 6749 §5.2 characters only"
    );
    // A SCIM body with the RFC 7644 members alone is one too.
    let scim = validator(&schema, Format::Scim);
    let plain = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                       "status": "404", "detail": "Resource not found"});
    assert_eq!(violations(&scim, &plain), Vec::<String>::new());
}

/// The environment variable naming the TypeScript compiler (`.ci/run` installs one from npm).
const TSC_ENV: &str = "AUTHOS_ERRORS_TSC";

/// `demo-bodies.ts`: each body the demo sent, typed as its format's interface.
fn bodies_module(sent: &[Sent]) -> String {
    let mut module = String::from(
        "// The error bodies the demo sent in this test run, each typed as its format's interface.\n\
         import type { ErrorBody, OAuthErrorBody, ProblemDetails, ScimErrorBody } from \"./authos-errors\";\n",
    );
    for (format, name) in [
        (Format::AuthOs, "authosBodies"),
        (Format::Problem, "problemBodies"),
        (Format::OAuth, "oauthBodies"),
        (Format::Scim, "scimBodies"),
    ] {
        let _ = writeln!(
            module,
            "\nexport const {name}: readonly {}[] = [",
            format.definition()
        );
        for body in sent.iter().filter(|s| s.format == format) {
            let _ = writeln!(module, "  // {}", body.request.replace('\n', " "));
            let _ = writeln!(module, "  {},", body.body);
        }
        module.push_str("];\n");
    }
    module
}

/// Runs `tsc --strict` on `files` of `dir`; its output when it fails.
fn type_check(tsc: &Path, dir: &Path, files: &[&str]) -> Result<(), String> {
    let output = Command::new(tsc)
        .current_dir(dir)
        .args([
            "--strict",
            "--noEmit",
            "--exactOptionalPropertyTypes",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--noFallthroughCasesInSwitch",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
        ])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("run {} ({TSC_ENV}): {e}", tsc.display()));
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[test]
fn the_typescript_module_type_checks_with_the_demo_bodies_and_an_exhaustive_switch() {
    let Some(tsc) = std::env::var_os(TSC_ENV) else {
        eprintln!(
            "SKIPPED reference::export TypeScript check: {TSC_ENV} is not set. Set it to a tsc \
             (TypeScript 5), e.g. `npm install --no-save --prefix /tmp/ts typescript@5` then \
             {TSC_ENV}=/tmp/ts/node_modules/.bin/tsc; .ci/run does this."
        );
        return;
    };
    let tsc = PathBuf::from(tsc);
    let dir = TempDir::new("export-tsc");
    let module = TypeScript::new(AuthOsError::CATALOG).to_string();
    std::fs::write(dir.file("authos-errors.ts"), &module).unwrap();
    let sent = demo_bodies();
    assert_every_kind_was_sent(&sent);
    std::fs::write(dir.file("demo-bodies.ts"), bodies_module(&sent)).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/typescript/check.ts"),
        dir.file("check.ts"),
    )
    .unwrap();
    let files = ["authos-errors.ts", "demo-bodies.ts", "check.ts"];
    if let Err(output) = type_check(&tsc, dir.path(), &files) {
        panic!("tsc --strict rejects the generated module or the demo's bodies:\n{output}");
    }

    // It can fail: a code the catalog lacks, a member the interface lacks, a switch that
    // misses a new code.
    let mut grown = AuthOsError::CATALOG.to_vec();
    grown.push(ErrorCodeInfo::new("BRAND_NEW", 400, "New").with_group("General Errors"));
    std::fs::write(
        dir.file("authos-errors.ts"),
        TypeScript::new(&grown).to_string(),
    )
    .unwrap();
    std::fs::write(
        dir.file("wrong.ts"),
        "import type { ErrorBody } from \"./authos-errors\";\n\
         export const unknown: ErrorBody = { error: \"x\", error_code: \"NOT_A_CODE\", timestamp: \"t\" };\n\
         export const extra: ErrorBody = { error: \"x\", error_code: \"NOT_FOUND\", timestamp: \"t\", colour: 1 };\n",
    )
    .unwrap();
    let output = type_check(&tsc, dir.path(), &["check.ts", "wrong.ts"])
        .expect_err("tsc refuses the wrong bodies and the inexhaustive switch");
    for expected in [
        "check.ts",
        "'\"BRAND_NEW\"' is not assignable to type 'never'",
        "wrong.ts",
        "\"NOT_A_CODE\"",
        "'colour' does not exist in type 'ErrorBody'",
    ] {
        assert!(output.contains(expected), "{expected}:\n{output}");
    }
}

#[test]
fn the_typescript_module_lists_codes_statuses_retryability_and_mappings() {
    let catalog = [
        ErrorCodeInfo::new("SLOW_DOWN", 429, "Too many requests */ here").with_retry_after(30),
        ErrorCodeInfo::new("CODE_USED", 400, "Code already used")
            .with_oauth(authos_errors::oauth::OAuthErrorCode::InvalidGrant),
        ErrorCodeInfo::new("DUPLICATE", 409, "Duplicate\nuser")
            .with_scim(authos_errors::scim::ScimType::Uniqueness),
        ErrorCodeInfo::new("CODE_USED", 400, "listed twice: the first entry wins"),
        ErrorCodeInfo::new("BACKEND_DOWN", 503, "Backend down"),
    ];
    let module = TypeScript::new(&catalog).to_string();
    let start = module
        .find("/** Every machine-readable")
        .expect("the code union");
    let end = module
        .find("/** An OAuth 2.0 `error` value")
        .expect("the OAuth union");
    assert_eq!(
        &module[start..end],
        "/** Every machine-readable error code of the catalog. */\n\
         export type ErrorCode =\n\
         \x20 | \"BACKEND_DOWN\"\n\
         \x20 | \"CODE_USED\"\n\
         \x20 | \"DUPLICATE\"\n\
         \x20 | \"SLOW_DOWN\";\n\n"
    );
    let start = module
        .find("export const ERROR_CODES = {\n")
        .expect("the map");
    let end = module[start..].find("};\n").expect("the map's end") + start + 3;
    assert_eq!(
        &module[start..end],
        "export const ERROR_CODES = {\n\
         \x20 /** Backend down */\n\
         \x20 \"BACKEND_DOWN\": { status: 503, retryable: true },\n\
         \x20 /** Code already used */\n\
         \x20 \"CODE_USED\": { status: 400, retryable: false, oauth: \"invalid_grant\" },\n\
         \x20 /** Duplicate user */\n\
         \x20 \"DUPLICATE\": { status: 409, retryable: false, scim: \"uniqueness\" },\n\
         \x20 /** Too many requests *\\/ here */\n\
         \x20 \"SLOW_DOWN\": { status: 429, retryable: true },\n\
         } as const satisfies { readonly [Code in ErrorCode]: ErrorCodeInfo };\n"
    );
    // The SCIM extension members are optional; the AuthOS body's extras too.
    assert!(module.contains("  readonly error_code?: ErrorCode;\n  /** When the error happened, when the server sends it as an extension member. */\n  readonly timestamp?: string;\n"));
    for member in [
        "readonly request_id?: string;",
        "readonly details?: ErrorDetails;",
        "readonly errors?: readonly FieldError[];",
        "readonly instance?: string;",
        "readonly error_description?: string;",
        "readonly schemas: readonly [\"urn:ietf:params:scim:api:messages:2.0:Error\"];",
    ] {
        assert!(module.contains(member), "{member}");
    }
}
