//! Absolute URIs come from the configured public base URL, never from the request's `Host`.

use authos_errors_demo::protocols::{self, Settings, public_base_url};
use serde_json::Value;

use super::send_raw;
use crate::protocol_demo::{Framework, ManualClock, Server};

const FRAMEWORKS: [Framework; 2] = [Framework::Axum, Framework::Actix];
const PUBLIC: &str = "https://auth.example.com/tenant";
const SPOOFED: &str = "evil.example";

fn demo(framework: Framework) -> Server {
    let settings = Settings {
        public_base_url: public_base_url(PUBLIC).expect("a base URL"),
        ..Settings::default()
    };
    Server::start_configured(framework, &ManualClock::new(), settings)
}

fn bearer() -> String {
    format!("Bearer {}", protocols::DEFAULT_SCIM_TOKEN)
}

#[test]
fn verification_uri_uses_the_configured_base_url_whatever_the_host() {
    for framework in FRAMEWORKS {
        let server = demo(framework);
        for host in [SPOOFED, "evil.example:8443", "127.0.0.1"] {
            let reply = send_raw(
                server.addr(),
                "POST",
                "/api/oauth/device/code",
                &[
                    ("host", host),
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("content-length", "12"),
                ],
                "client_id=tv",
            );
            assert_eq!(reply.status, 200, "{framework:?} {host:?}: {}", reply.body);
            assert_eq!(
                reply.json()["verification_uri"],
                format!("{PUBLIC}{}", protocols::VERIFY_PATH),
                "{framework:?}"
            );
        }
    }
}

#[test]
fn scim_locations_use_the_configured_base_url_whatever_the_host() {
    for framework in FRAMEWORKS {
        let server = demo(framework);
        let user = serde_json::json!({
            "schemas": [protocols::SCIM_USER_SCHEMA],
            "userName": "bjensen",
        })
        .to_string();
        let length = user.len().to_string();
        let bearer = bearer();
        let created = send_raw(
            server.addr(),
            "POST",
            protocols::USERS_PATH,
            &[
                ("host", SPOOFED),
                ("authorization", &bearer),
                ("content-type", protocols::SCIM_CONTENT_TYPE),
                ("content-length", &length),
            ],
            &user,
        );
        assert_eq!(created.status, 201, "{framework:?}: {}", created.body);
        let id = created.json()["id"].as_str().expect("an id").to_owned();
        let location = format!("{PUBLIC}{}/{id}", protocols::USERS_PATH);
        assert!(
            created
                .headers
                .contains(&format!("location: {location}\r\n")),
            "{framework:?}: {}",
            created.headers
        );
        assert_eq!(created.json()["meta"]["location"], location.as_str());

        let path = format!("{}/{id}", protocols::USERS_PATH);
        let read = send_raw(
            server.addr(),
            "GET",
            &path,
            &[("host", SPOOFED), ("authorization", &bearer)],
            "",
        );
        assert_eq!(read.json()["meta"]["location"], location.as_str());
        let listed = send_raw(
            server.addr(),
            "GET",
            protocols::USERS_PATH,
            &[("host", SPOOFED), ("authorization", &bearer)],
            "",
        );
        assert_eq!(
            listed.json()["Resources"][0]["meta"]["location"],
            location.as_str(),
            "{framework:?}"
        );
        assert!(!listed.body.contains(SPOOFED));
    }
}

#[test]
fn a_base_url_that_cannot_start_a_uri_is_refused_with_the_reason() {
    assert_eq!(
        public_base_url("https://auth.example.com/").as_deref(),
        Ok("https://auth.example.com")
    );
    assert_eq!(
        public_base_url("http://127.0.0.1:8080").as_deref(),
        Ok("http://127.0.0.1:8080")
    );
    for (value, reason) in [
        ("auth.example.com", "must start with http:// or https://"),
        (
            "ftp://auth.example.com",
            "must start with http:// or https://",
        ),
        ("https://", "must name a host"),
        ("https:///path", "must name a host"),
        (
            "https://auth.example.com/a b",
            "must be visible ASCII, without spaces",
        ),
        (
            "https://auth.example.com\r\nx: y",
            "must be visible ASCII, without spaces",
        ),
        (
            "https://auth.example.com/?next=/",
            "must have no query or fragment",
        ),
        (
            "https://auth.example.com/#top",
            "must have no query or fragment",
        ),
    ] {
        let error = public_base_url(value).expect_err(value);
        assert_eq!(error.reason, reason, "{value:?}");
        assert_eq!(
            error.to_string(),
            format!("PUBLIC_BASE_URL {value:?} {reason}")
        );
    }
    let default: Value = Settings::default().public_base_url.into();
    assert_eq!(default, "http://127.0.0.1:3000");
}
