//! The demo (crate `authos-errors-demo`, which users copy) against hostile clients, over real
//! sockets: the state it keeps stays bounded, locks expire, bodies are small, absolute URIs come
//! from configuration, and log lines cannot be forged.

mod body_limits;
mod device_grants;
mod framework;
mod logging;
mod logins;
mod public_base_url;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// One answer read off a raw socket.
pub struct RawAnswer {
    pub status: u16,
    /// The header lines, lowercase names, as `name: value\r\n` each.
    pub headers: String,
    pub body: String,
}

impl RawAnswer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("a JSON body ({e}): {}", self.body))
    }
}

/// `POST path` announcing a body of `declared` bytes and sending only `sent` of it, as a client
/// flooding the server would start: the answer the server gives without waiting for the rest.
pub fn post_announcing(
    addr: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    declared: usize,
    sent: &str,
) -> RawAnswer {
    let declared = declared.to_string();
    let mut all = vec![("content-length", declared.as_str())];
    all.extend_from_slice(headers);
    send_raw(addr, "POST", path, &all, sent)
}

/// `method path` with exactly `headers` (and `host: demo` unless they name a host), then `body`,
/// as no client library would send it; the connection closes after the answer.
pub fn send_raw(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> RawAnswer {
    let mut stream = TcpStream::connect(addr).expect("connect");
    // Never a hang: a server waiting for the rest of the body fails the test instead.
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a read timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nconnection: close\r\n");
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        request.push_str("host: demo\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8(answer).expect("a UTF-8 answer");
    let (head, body) = answer
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("an HTTP answer: {answer:?}"));
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {status_line:?}"));
    let headers = lines
        .map(|line| match line.split_once(':') {
            Some((name, value)) => format!("{}: {}\r\n", name.to_ascii_lowercase(), value.trim()),
            None => format!("{line}\r\n"),
        })
        .collect();
    RawAnswer {
        status,
        headers,
        body: body.to_owned(),
    }
}
