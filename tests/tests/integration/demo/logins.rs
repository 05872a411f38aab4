//! Failed-login counters: bounded whatever e-mails clients send, and a lock that ends.

use std::io::{BufReader, BufWriter, Read as _, Write as _};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use authos_errors_demo::{self as app, DemoState};

use crate::http_support::{AxumServer, Client};
use crate::protocol_demo::ManualClock;

fn serve(clock: &ManualClock) -> (Arc<DemoState>, AxumServer) {
    let state = Arc::new(DemoState::new(clock.clock()));
    let server = AxumServer::start(app::router(Arc::clone(&state)));
    (state, server)
}

/// The `error_code` of a login's answer (401 for each of them).
fn login(client: &Client, email: &str, password: &str) -> String {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    let reply = client.post("/api/auth/login", &body, None);
    assert_eq!(reply.status, 401, "{}", reply.body);
    let body: serde_json::Value = serde_json::from_str(&reply.body).expect("a JSON body");
    body["error_code"]
        .as_str()
        .expect("an error code")
        .to_owned()
}

/// A wrong password for `email`, answered as such (not locked).
fn fail(client: &Client, email: &str) {
    assert_eq!(
        login(client, email, "guess"),
        "INVALID_CREDENTIALS",
        "{email}"
    );
}

#[test]
fn anonymous_failures_lock_an_account_for_the_lockout_window_only() {
    let clock = ManualClock::new();
    let (_state, server) = serve(&clock);
    let client = server.client();
    for _ in 0..app::MAX_FAILED_LOGINS {
        fail(&client, app::DEMO_EMAIL);
    }
    assert_eq!(
        login(&client, app::DEMO_EMAIL, app::DEMO_PASSWORD),
        "ACCOUNT_LOCKED"
    );
    // The lock is the account's: another account is not locked by it.
    fail(&client, "bob@example.com");

    // Attempts while locked do not extend the lock.
    clock.advance(app::LOCKOUT_WINDOW - Duration::from_secs(1));
    assert_eq!(login(&client, app::DEMO_EMAIL, "guess"), "ACCOUNT_LOCKED");
    assert_eq!(
        login(&client, app::DEMO_EMAIL, app::DEMO_PASSWORD),
        "ACCOUNT_LOCKED"
    );
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        login(&client, app::DEMO_EMAIL, app::DEMO_PASSWORD),
        "MFA_REQUIRED",
        "the lock ends LOCKOUT_WINDOW after the failure that set it"
    );
}

#[test]
fn failures_further_apart_than_the_window_do_not_add_up() {
    let clock = ManualClock::new();
    let (_state, server) = serve(&clock);
    let client = server.client();
    for _ in 0..app::MAX_FAILED_LOGINS {
        fail(&client, app::DEMO_EMAIL);
        clock.advance(app::LOCKOUT_WINDOW);
    }
    assert_eq!(
        login(&client, app::DEMO_EMAIL, app::DEMO_PASSWORD),
        "MFA_REQUIRED"
    );
}

/// Failed logins for each of `emails` on one connection, pipelined as a flooding client sends
/// them; the number of `401 Unauthorized` answers.
fn pipelined_logins(
    server: &AxumServer,
    emails: impl Iterator<Item = String> + Send + 'static,
) -> usize {
    let stream = TcpStream::connect(server.addr()).expect("connect");
    let mut writer = BufWriter::new(stream.try_clone().expect("a second handle"));
    let sender = std::thread::spawn(move || {
        for email in emails {
            let body = serde_json::json!({ "email": email, "password": "guess" }).to_string();
            write!(
                writer,
                "POST /api/auth/login HTTP/1.1\r\nhost: demo\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            )
            .expect("send");
        }
        writer
            .write_all(b"GET /nowhere HTTP/1.1\r\nhost: demo\r\nconnection: close\r\n\r\n")
            .expect("send");
        writer.flush().expect("send");
    });
    let mut answers = String::new();
    BufReader::new(stream)
        .read_to_string(&mut answers)
        .expect("the answers");
    sender.join().expect("the sender");
    answers.matches("HTTP/1.1 401 Unauthorized\r\n").count()
}

#[test]
fn a_hundred_thousand_distinct_emails_keep_the_counters_bounded() {
    let clock = ManualClock::new();
    let (state, server) = serve(&clock);
    let client = server.client();
    let sprayed = 100_000;
    let answers = pipelined_logins(
        &server,
        (0..sprayed).map(|i| format!("victim{i}@example.com")),
    );
    assert_eq!(answers, sprayed, "one answer each");
    assert_eq!(
        state.stats().failed_login_counters,
        app::FAILED_LOGIN_CAPACITY,
        "full, never beyond"
    );
    // The newest counters are the ones kept: a sprayed address that just failed still counts.
    let last = format!("victim{}@example.com", sprayed - 1);
    for _ in 1..app::MAX_FAILED_LOGINS {
        fail(&client, &last);
    }
    assert_eq!(login(&client, &last, "guess"), "ACCOUNT_LOCKED");

    // An address longer than any e-mail can be is no account: it gets no counter.
    let long = format!("{}@example.com", "a".repeat(app::MAX_EMAIL_LEN));
    fail(&client, &long);
    assert_eq!(
        state.stats().failed_login_counters,
        app::FAILED_LOGIN_CAPACITY
    );

    // Once the window has passed, the next failure clears every expired counter.
    clock.advance(app::LOCKOUT_WINDOW);
    fail(&client, "late@example.com");
    assert_eq!(state.stats().failed_login_counters, 1);
}
