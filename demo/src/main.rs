//! A demo AuthOS-style HTTP API whose endpoints answer with catalog errors.
//!
//! ```sh
//! cargo run -p authos-errors-demo   # PORT=8080 to change the port, GRPC_PORT=50052 the gRPC one, PUBLIC_BASE_URL=https://auth.example.com behind a proxy
//! curl -i -X POST localhost:3000/api/auth/login -d '{"email":"alice@example.com","password":"nope"}'
//! curl -i -H 'Accept: application/problem+json' localhost:3000/api/organizations/globex
//! curl -i -H 'Accept-Language: fr' localhost:3000/api/organizations/globex
//! curl -i -X POST localhost:3000/api/oauth/device/code -d client_id=tv
//! curl -i -H 'Authorization: Bearer scim-demo-token' localhost:3000/scim/v2/Users/nobody
//! ```
//!
//! The endpoints are listed in `src/lib.rs` and `src/protocols.rs` (the OAuth 2.0 device flow
//! and SCIM 2.0 users; `SCIM_TOKEN` sets the SCIM bearer token, default `scim-demo-token`;
//! `PUBLIC_BASE_URL` where clients reach the server, the start of `verification_uri` and SCIM
//! `Location`, default `http://127.0.0.1:<port>`: never the request's `Host`); the gRPC service
//! of `proto/` is `src/grpc.rs`; server errors are logged to stderr with their source chain, one
//! JSON object a line.

use std::net::{Ipv4Addr, SocketAddr};

use authos_errors_demo::protocols::{DEFAULT_PORT, Settings};
use authos_errors_demo::{app_with_protocols, log_subscriber, system_clock};

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
    tracing::subscriber::set_global_default(log_subscriber(std::io::stderr))?;
    // Bound first: the default public base URL is the address actually served.
    let listener = std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    listener.set_nonblocking(true)?;
    let mut protocols = Settings::from_env();
    protocols.public_base_url = Settings::public_base_url_from_env(listener.local_addr()?.port())
        .map_err(|e| e.to_string())?;
    eprintln!("AuthOS demo listening on http://{}", listener.local_addr()?);
    eprintln!("Clients are sent to {}", protocols.public_base_url);
    eprintln!(
        "SCIM clients authenticate with: Authorization: Bearer {}",
        protocols.scim_token
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let grpc =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, grpc_port)))
                .await?;
        eprintln!("gRPC on http://{}", grpc.local_addr()?);
        tokio::spawn(async move {
            if let Err(error) = authos_errors_demo::grpc::serve(grpc, system_clock()).await {
                eprintln!("gRPC server stopped: {error}");
            }
        });
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app_with_protocols(system_clock(), protocols)).await
    })?;
    Ok(())
}
