//! A demo AuthOS-style HTTP API whose endpoints answer with catalog errors.
//!
//! ```sh
//! cargo run -p authos-errors-demo   # PORT=8080 to change the port, GRPC_PORT=50052 the gRPC one
//! curl -i -X POST localhost:3000/api/auth/login -d '{"email":"alice@example.com","password":"nope"}'
//! curl -i -H 'Accept: application/problem+json' localhost:3000/api/organizations/globex
//! curl -i -H 'Accept-Language: fr' localhost:3000/api/organizations/globex
//! curl -i -X POST localhost:3000/api/oauth/device/code -d client_id=tv
//! curl -i -H 'Authorization: Bearer scim-demo-token' localhost:3000/scim/v2/Users/nobody
//! ```
//!
//! The endpoints are listed in `src/lib.rs` and `src/protocols.rs` (the OAuth 2.0 device flow
//! and SCIM 2.0 users; `SCIM_TOKEN` sets the SCIM bearer token, default `scim-demo-token`);
//! the gRPC service of `proto/` is `src/grpc.rs`; server errors are logged to stderr with their
//! source chain.

use std::fmt::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr};

use authos_errors_demo::protocols::Settings;
use authos_errors_demo::{app_with_protocols, system_clock};
use tracing::field::{Field, Visit};
use tracing::{Event, Metadata, Subscriber, span};

const DEFAULT_PORT: u16 = 3000;
const DEFAULT_GRPC_PORT: u16 = 50051;

/// The port in the environment variable `name`, else `default`.
fn port_from_env(name: &str, default: u16) -> Result<u16, String> {
    match std::env::var(name) {
        Ok(text) => text
            .parse::<u16>()
            .map_err(|e| format!("{name} must be a port number (0-65535), got {text:?}: {e}")),
        Err(_) => Ok(default),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port = port_from_env("PORT", DEFAULT_PORT)?;
    let grpc_port = port_from_env("GRPC_PORT", DEFAULT_GRPC_PORT)?;
    tracing::subscriber::set_global_default(StderrLog)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
        eprintln!("AuthOS demo listening on http://{}", listener.local_addr()?);
        let grpc =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, grpc_port)))
                .await?;
        eprintln!("gRPC on http://{}", grpc.local_addr()?);
        tokio::spawn(async move {
            if let Err(error) = authos_errors_demo::grpc::serve(grpc, system_clock()).await {
                eprintln!("gRPC server stopped: {error}");
            }
        });
        let protocols = Settings::from_env();
        eprintln!(
            "SCIM clients authenticate with: Authorization: Bearer {}",
            protocols.scim_token
        );
        axum::serve(listener, app_with_protocols(system_clock(), protocols)).await
    })?;
    Ok(())
}

/// The least a tracing subscriber needs to print events to stderr: the demo has no spans.
struct StderrLog;

impl Subscriber for StderrLog {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = format!(
            "{} {}:",
            event.metadata().level(),
            event.metadata().target()
        );
        event.record(&mut FieldWriter(&mut line));
        eprintln!("{line}");
    }
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}

struct FieldWriter<'a>(&'a mut String);

impl Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}
