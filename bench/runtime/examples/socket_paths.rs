//! The error path end to end: a real axum server (hyper's HTTP/1.1 over a loopback socket)
//! answering every catalog code through `ErrorFormatLayer`, and a minimal keep-alive client,
//! for instruction counts of everything user space does per error response:
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example socket_paths --features fluent
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     bench/target/release/examples/socket_paths layer_english 50
//! ```
//!
//! Paths: `layer` (no localizer) and, with the feature, `layer_english` (the AuthOS localizer,
//! `Accept-Language: en-US,en;q=0.9` as for `layer`, so that both send the same request). The
//! figure per response is (count at N rounds - count at 0 rounds) / (N x 61); the kernel's
//! share of the socket is not counted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::OnceLock;

use authos_errors::ApiErrorCode;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::AuthOsError;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use axum::serve::ListenerExt;

/// The catalog's errors, by index, built once: the handler answers `/errors/{i}` with the
/// i-th, so that a response costs what serving and answering it costs, nothing more.
fn errors() -> &'static [AuthOsError] {
    static ERRORS: OnceLock<Vec<AuthOsError>> = OnceLock::new();
    ERRORS.get_or_init(|| {
        AuthOsError::CATALOG
            .iter()
            .filter_map(|info| AuthOsError::from_code(info.code))
            .collect()
    })
}

async fn failing(Path(index): Path<usize>) -> Result<(), AuthOsError> {
    Err(errors()
        .get(index)
        .copied()
        .unwrap_or(AuthOsError::General(
            authos_errors::catalog::GeneralError::NotFound,
        )))
}

/// Reads one response off `reader`: its status, after consuming its headers and body.
fn read_response(reader: &mut BufReader<TcpStream>, line: &mut String) -> Option<u16> {
    line.clear();
    reader.read_line(line).ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0usize;
    loop {
        line.clear();
        reader.read_line(line).ok()?;
        if line == "\r\n" {
            break;
        }
        let name = "content-length:";
        if line
            .get(..name.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(name))
        {
            length = line[name.len()..].trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(status)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(Ok(rounds))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: socket_paths <layer|layer_english> <rounds>");
        return ExitCode::from(2);
    };
    #[cfg_attr(not(feature = "fluent"), allow(unused_mut))]
    let mut layer = ErrorFormatLayer::default();
    match path.as_str() {
        "layer" => {}
        #[cfg(feature = "fluent")]
        "layer_english" => {
            layer =
                layer.with_localizer(std::sync::Arc::clone(authos_errors::catalog::localizer()));
        }
        other => {
            eprintln!("unknown path {other} (layer_english needs --features fluent)");
            return ExitCode::from(2);
        }
    }
    let count = errors().len();
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
    else {
        return ExitCode::FAILURE;
    };
    let Ok(listener) = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")) else {
        return ExitCode::FAILURE;
    };
    let Ok(address) = listener.local_addr() else {
        return ExitCode::FAILURE;
    };
    let app = Router::new()
        .route("/errors/{index}", get(failing))
        .layer(layer);
    // No Nagle delay on either side: a response written in two parts waits for nothing.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    runtime.spawn(async move { axum::serve(listener, app).await });
    // The client, on a thread of its own (the runtime's blocking pool, so that the server's
    // thread sleeps in the poller between requests rather than spinning): one keep-alive
    // connection, every code in turn.
    let client = move || -> Option<usize> {
        let stream = TcpStream::connect(address).ok()?;
        stream.set_nodelay(true).ok()?;
        let mut writer = stream.try_clone().ok()?;
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let mut total = 0usize;
        // One warm-up request, so that both counts include the connection's set-up.
        for index in std::iter::once(0).chain((0..rounds).flat_map(|_| 0..count)) {
            write!(
                writer,
                "GET /errors/{index} HTTP/1.1\r\nhost: bench\r\naccept-language: en-US,en;q=0.9\r\n\r\n"
            )
            .ok()?;
            total += usize::from(read_response(&mut reader, &mut line)?);
        }
        Some(total)
    };
    let answered = runtime
        .block_on(async { tokio::task::spawn_blocking(client).await })
        .ok()
        .flatten();
    match answered {
        Some(total) => {
            println!("{total}");
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}
