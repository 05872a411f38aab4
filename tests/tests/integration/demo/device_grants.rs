//! Device grants: a bounded `client_id`, a bounded number of grants kept, expiry that frees them,
//! and the user-code index kept in step, served by axum (the demo) and actix-web alike.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use authos_errors_demo::protocols::{self, DEVICE_CODE_GRANT, MAX_CLIENT_ID_LEN};
use authos_errors_demo::{DemoState, router_with_protocols};

use super::post_announcing;
use crate::http_support::{ActixServer, AxumServer};
use crate::protocol_demo::{
    Answered, Framework, ManualClock, Protocols, Server, Settings, actix_routes,
};

const FRAMEWORKS: [Framework; 2] = [Framework::Axum, Framework::Actix];
const LIFETIME: Duration = Duration::from_secs(600);

/// The demo's protocol endpoints over `protocols`, which the test keeps to read its stats.
fn serve(framework: Framework, clock: &ManualClock, protocols: &Arc<Protocols>) -> Server {
    match framework {
        Framework::Axum => Server::Axum(AxumServer::start(router_with_protocols(
            Arc::new(DemoState::new(clock.clock())),
            Arc::clone(protocols),
        ))),
        Framework::Actix => {
            let data = web::Data::from(Arc::clone(protocols));
            Server::Actix(ActixServer::start(move |config| {
                actix_routes(config, data.clone());
            }))
        }
    }
}

fn protocols(clock: &ManualClock, max_device_grants: usize) -> Arc<Protocols> {
    let settings = Settings {
        device_code_lifetime: LIFETIME,
        max_device_grants,
        ..Settings::default()
    };
    Arc::new(Protocols::new(clock.clock(), settings))
}

fn authorize(server: &Server, client_id: &str) -> Answered {
    server
        .raw()
        .post_form("/api/oauth/device/code", &format!("client_id={client_id}"))
}

#[test]
fn an_oversized_client_id_is_refused_and_nothing_is_kept() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let protocols = protocols(&clock, 10);
        let server = serve(framework, &clock, &protocols);

        let longest = "c".repeat(MAX_CLIENT_ID_LEN);
        assert_eq!(authorize(&server, &longest).status, 200, "{framework:?}");
        let reply = authorize(&server, &format!("{longest}c"));
        assert_eq!(reply.status, 400, "{framework:?}: {}", reply.body);
        assert_eq!(reply.json()["error"], "invalid_request");
        assert_eq!(
            reply.json()["error_description"],
            format!("`client_id` must be at most {MAX_CLIENT_ID_LEN} bytes")
        );
        assert_eq!(protocols.stats().device_grants, 1, "{framework:?}");
    }

    // Two megabytes, as an attacker sent them to the demo: refused (by the body limit first),
    // in the OAuth shape, and nothing kept.
    let clock = ManualClock::new();
    let protocols = protocols(&clock, 10);
    let server = serve(Framework::Axum, &clock, &protocols);
    let Server::Axum(axum) = &server else {
        unreachable!()
    };
    let reply = post_announcing(
        axum.addr(),
        "/api/oauth/device/code",
        &[("content-type", "application/x-www-form-urlencoded")],
        2_000_010,
        &format!("client_id={}", "c".repeat(8 * 1024)),
    );
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.json()["error"], "invalid_request");
    assert_eq!(protocols.stats().device_grants, 0);
}

#[test]
fn grants_are_capped_until_expiry_frees_them_and_the_user_code_index_follows() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let protocols = protocols(&clock, 3);
        let server = serve(framework, &clock, &protocols);
        let mut issued = Vec::new();
        for _ in 0..3 {
            let reply = authorize(&server, "tv");
            assert_eq!(reply.status, 200, "{framework:?}: {}", reply.body);
            issued.push(reply.json());
        }

        // Full: refused, told when there is room (the oldest grant is forgotten two lifetimes
        // after it was issued), and the pending flows go on.
        let refused = authorize(&server, "tv");
        assert_eq!(refused.status, 429, "{framework:?}: {}", refused.body);
        assert_eq!(refused.json()["error"], "invalid_request");
        assert_eq!(refused.json()["error_code"], "RATE_LIMIT_EXCEEDED");
        assert_eq!(refused.header("retry-after"), Some("1200"));
        let stats = protocols.stats();
        assert_eq!((stats.device_grants, stats.user_codes), (3, 3));

        // Redeeming one frees its place and its user code.
        let first = &issued[0];
        let approve = format!(
            "user_code={}",
            first["user_code"].as_str().unwrap_or_default()
        );
        let approved = server.raw().post_form(protocols::VERIFY_PATH, &approve);
        assert_eq!(approved.status, 200, "{framework:?}: {}", approved.body);
        let redeem = format!(
            "grant_type={DEVICE_CODE_GRANT}&client_id=tv&device_code={}",
            first["device_code"].as_str().unwrap_or_default()
        );
        let token = server.raw().post_form("/api/oauth/token", &redeem);
        assert_eq!(token.status, 200, "{framework:?}: {}", token.body);
        let stats = protocols.stats();
        assert_eq!((stats.device_grants, stats.user_codes), (2, 2));
        assert_eq!(authorize(&server, "tv").status, 200);

        // Two lifetimes on, every grant is forgotten when the next is issued.
        clock.advance(LIFETIME * 2);
        assert_eq!(authorize(&server, "tv").status, 200, "{framework:?}");
        let stats = protocols.stats();
        assert_eq!((stats.device_grants, stats.user_codes), (1, 1));
        // The forgotten user codes no longer match anything.
        let stale = format!(
            "user_code={}",
            issued[1]["user_code"].as_str().unwrap_or_default()
        );
        let late = server.raw().post_form(protocols::VERIFY_PATH, &stale);
        assert_eq!(
            late.json()["error_code"],
            "INVALID_DEVICE_CODE",
            "{framework:?}"
        );
    }
}
