//! The demo's SCIM 2.0 Users endpoints driven as an identity provider's provisioning client
//! drives them, over a real socket, against the axum demo and the actix-web routes alike: every
//! error body is an RFC 7644 §3.12 Error, every resource an RFC 7643 User; and the rest of the
//! demo answers exactly as before.

use serde_json::{Value, json};

use crate::http_support::{PROBLEM, TIMESTAMP, assert_json_error, assert_problem, body};
use crate::protocol_demo::{Answered, Framework, ManualClock, RawClient, Server, Settings};

const FRAMEWORKS: [Framework; 2] = [Framework::Axum, Framework::Actix];

/// Written out from the RFCs rather than taken from the code under test.
const ERROR_URN: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
const USER_URN: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const LIST_URN: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// RFC 7644 §3.12, Table 9.
const SCIM_TYPES: [&str; 10] = [
    "invalidFilter",
    "tooMany",
    "uniqueness",
    "mutability",
    "invalidSyntax",
    "invalidPath",
    "noTarget",
    "invalidValue",
    "invalidVers",
    "sensitive",
];

/// Not the default token: the server must use the one it is configured with.
const TOKEN: &str = "provisioning-token-7f3a";
const BEARER: Option<&str> = Some("Bearer provisioning-token-7f3a");

fn start(framework: Framework) -> Server {
    let settings = Settings {
        scim_token: TOKEN.to_owned(),
        ..Settings::default()
    };
    Server::start(framework, &ManualClock::new(), settings)
}

/// What an identity provider sends to provision `user_name`.
fn new_user(user_name: &str) -> String {
    json!({
        "schemas": [USER_URN],
        "userName": user_name,
        "externalId": "00u1abcd",
        "name": { "givenName": "Alice", "familyName": "Liddell" },
        "emails": [{ "primary": true, "value": user_name, "type": "work" }],
        "active": true,
        "password": "never returned",
    })
    .to_string()
}

/// An RFC 7644 §3.12 error: content type, `schemas` exactly the Error URN, `status` the HTTP
/// status as a string, `scimType` one of Table 9 when present, `detail` a string, and no other
/// member; the AuthOS code in the `AuthOS-Error-Code` header. Returns the `detail`.
fn assert_scim_error(
    reply: &Answered,
    status: u16,
    scim_type: Option<&str>,
    error_code: &str,
) -> String {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/scim+json"));
    let body = reply.json();
    assert_eq!(body["schemas"], json!([ERROR_URN]), "{body}");
    assert_eq!(body["status"], Value::String(status.to_string()), "{body}");
    match body.get("scimType") {
        Some(Value::String(kind)) => {
            assert!(
                SCIM_TYPES.contains(&kind.as_str()),
                "{kind} is not in RFC 7644"
            );
            assert_eq!(Some(kind.as_str()), scim_type, "{body}");
        }
        Some(other) => panic!("scimType must be a string, got {other}"),
        None => assert_eq!(scim_type, None, "{body}"),
    }
    let members: Vec<&str> = body
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for member in &members {
        assert!(
            ["schemas", "status", "scimType", "detail"].contains(member),
            "{member} is not a member of RFC 7644's Error: {body}"
        );
    }
    assert_eq!(
        reply.header("authos-error-code"),
        Some(error_code),
        "{body}"
    );
    body["detail"]
        .as_str()
        .unwrap_or_else(|| panic!("detail must be a string: {body}"))
        .to_owned()
}

/// An RFC 7643 §4.1 User with the RFC 7643 §3.1 common attributes; returns its `id`.
fn assert_user(resource: &Value, user_name: &str, base_url: &str) -> String {
    let schemas = resource["schemas"].as_array().expect("schemas is an array");
    assert!(schemas.iter().any(|s| s == USER_URN), "{resource}");
    let id = resource["id"].as_str().expect("id is a string");
    assert!(!id.is_empty());
    assert_eq!(resource["userName"], user_name);
    let meta = &resource["meta"];
    assert_eq!(meta["resourceType"], "User", "{resource}");
    assert_eq!(
        meta["location"],
        format!("{base_url}/scim/v2/Users/{id}"),
        "{resource}"
    );
    for stamp in ["created", "lastModified"] {
        let text = meta[stamp].as_str().expect("a timestamp string");
        chrono::DateTime::parse_from_rfc3339(text).expect("an RFC 3339 date-time");
    }
    // Written once, never read back (RFC 7643 §4.1.1 `password`, "returned": "never").
    assert!(resource.get("password").is_none(), "{resource}");
    id.to_owned()
}

/// `text` percent-encoded for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn filter(client: &RawClient, expression: &str) -> Answered {
    client.get(
        &format!("/scim/v2/Users?filter={}", encode(expression)),
        BEARER,
    )
}

#[test]
fn a_provisioned_user_is_created_read_and_found_by_user_name() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let client = server.raw();
        let base = server.base_url();

        let created = client.post_scim("/scim/v2/Users", BEARER, &new_user("alice@example.com"));
        assert_eq!(created.status, 201, "{framework:?}: {}", created.body);
        assert_eq!(
            created.header("content-type"),
            Some("application/scim+json")
        );
        let user = created.json();
        let id = assert_user(&user, "alice@example.com", &base);
        assert_eq!(
            created.header("location"),
            user["meta"]["location"].as_str()
        );
        // What the identity provider sent is kept.
        assert_eq!(user["externalId"], "00u1abcd");
        assert_eq!(user["name"]["familyName"], "Liddell");
        assert_eq!(user["active"], true);

        let read = client.get(&format!("/scim/v2/Users/{id}"), BEARER);
        assert_eq!(read.status, 200, "{}", read.body);
        assert_eq!(read.header("content-type"), Some("application/scim+json"));
        assert_eq!(read.json(), user);

        // RFC 7644 §3.4.2: attribute names and operators in any case; userName is not
        // case-sensitive (RFC 7643 §4.1.1).
        let found = filter(&client, r#"USERNAME Eq "Alice@Example.com""#);
        assert_eq!(found.status, 200, "{}", found.body);
        assert_eq!(found.header("content-type"), Some("application/scim+json"));
        assert_eq!(
            found.json(),
            json!({
                "schemas": [LIST_URN],
                "totalResults": 1,
                "startIndex": 1,
                "itemsPerPage": 1,
                "Resources": [user],
            })
        );
        let none = filter(&client, r#"userName eq "bob@example.com""#).json();
        assert_eq!(none["schemas"], json!([LIST_URN]));
        assert_eq!(none["totalResults"], 0);
        assert_eq!(none["Resources"], json!([]));
    }
}

#[test]
fn a_taken_user_name_is_a_uniqueness_error() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let client = server.raw();
        let first = client.post_scim("/scim/v2/Users", BEARER, &new_user("alice@example.com"));
        assert_eq!(first.status, 201, "{framework:?}: {}", first.body);
        let again = client.post_scim("/scim/v2/Users", BEARER, &new_user("ALICE@example.com"));
        let detail = assert_scim_error(&again, 409, Some("uniqueness"), "SCIM_USER_EXISTS");
        assert_eq!(detail, r#"userName "ALICE@example.com" is already taken"#);
    }
}

#[test]
fn an_unknown_user_is_not_found() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let reply = server.raw().get("/scim/v2/Users/2819c223", BEARER);
        let detail = assert_scim_error(&reply, 404, None, "SCIM_USER_NOT_FOUND");
        assert_eq!(detail, r#"Resource "2819c223" not found"#);
    }
}

#[test]
fn filters_the_server_cannot_evaluate_are_invalid_filter() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let client = server.raw();
        for expression in [
            r#"userName co "ali""#,
            r#"emails.value eq "alice@example.com""#,
            r#"userName eq "a" and active eq true"#,
            "userName eq alice",
            r#"userName eq "unterminated"#,
            "(",
            "",
        ] {
            let reply = filter(&client, expression);
            let detail =
                assert_scim_error(&reply, 400, Some("invalidFilter"), "SCIM_FILTER_INVALID");
            assert!(
                detail.contains("userName eq"),
                "{framework:?} {expression:?}: {detail}"
            );
        }
    }
}

#[test]
fn a_missing_or_wrong_token_is_refused() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let client = server.raw();
        let default_token = format!(
            "Bearer {}",
            crate::protocol_demo::protocols::DEFAULT_SCIM_TOKEN
        );
        let attempts = [
            client.get("/scim/v2/Users", None),
            client.get("/scim/v2/Users", Some("Bearer wrong-token")),
            client.get("/scim/v2/Users", Some(&default_token)),
            client.get("/scim/v2/Users", Some(&format!("Basic {TOKEN}"))),
            client.get("/scim/v2/Users/2819c223", None),
            client.post_scim("/scim/v2/Users", None, &new_user("mallory@example.com")),
        ];
        for reply in attempts {
            assert_scim_error(&reply, 401, None, "INVALID_SCIM_TOKEN");
            let challenge = reply.header("www-authenticate").unwrap_or_default();
            assert!(
                challenge.starts_with("Bearer "),
                "{framework:?}: {challenge}"
            );
        }
        // Nobody was provisioned by the refused request.
        let list = client.get("/scim/v2/Users", BEARER);
        assert_eq!(list.json()["totalResults"], 0, "{}", list.body);
        // The scheme is case-insensitive (RFC 7235 §2.1).
        let lower = client.get("/scim/v2/Users", Some(&format!("bearer {TOKEN}")));
        assert_eq!(lower.status, 200, "{}", lower.body);
    }
}

#[test]
fn a_body_that_is_not_a_user_is_a_bad_request() {
    for framework in FRAMEWORKS {
        let server = start(framework);
        let client = server.raw();
        let cases = [
            (
                "not json",
                "Body must be a SCIM User resource (a JSON object)",
            ),
            (
                r#"{"userName":"bob"}"#,
                "`schemas` must list urn:ietf:params:scim:schemas:core:2.0:User",
            ),
            (
                r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":" "}"#,
                "`userName` is required",
            ),
        ];
        for (sent, expected) in cases {
            let reply = client.post_scim("/scim/v2/Users", BEARER, sent);
            let detail = assert_scim_error(&reply, 400, None, "BAD_REQUEST");
            assert_eq!(detail, expected, "{framework:?} {sent}");
        }
    }
}

#[test]
fn the_rest_of_the_demo_answers_as_before() {
    let server = start(Framework::Axum);
    let Server::Axum(axum_server) = &server else {
        unreachable!("started with axum")
    };
    let client = axum_server.client();
    let reply = client.get("/api/organizations/globex", None);
    assert_json_error(&reply, 404, &body("No organization `globex`", "NOT_FOUND"));
    let reply = client.get("/api/organizations/globex", PROBLEM);
    assert_problem(
        &reply,
        404,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#NOT_FOUND","title":"Resource not found","#,
                r#""status":404,"detail":"No organization `globex`","error_code":"NOT_FOUND","#,
                r#""resolution":"Verify ID and permissions","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
}
