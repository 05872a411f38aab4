//! The gRPC layer (feature `tonic`): the demo's `authos.demo.v1.Demo` service over a real
//! socket, called by a tonic client, its statuses read with tonic-types' own extraction
//! (`StatusExt`) and with the crate's client (`client::grpc`); a Python `grpcio` client reading
//! the same details (`python_client`).

mod demo_service;
mod hostile_status;
mod python_client;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use authos_errors_demo::grpc::proto::demo_client::DemoClient;
use tonic::transport::Channel;

use crate::http_support::AxumServer;

/// The demo's gRPC service on 127.0.0.1:<ephemeral>, with a frozen clock (the rate window
/// never moves, so the retry delay is exact) and its own log capture.
pub fn start_demo() -> AxumServer {
    let frozen = Instant::now();
    AxumServer::start_with(move |listener, stopped| async move {
        tonic::transport::Server::builder()
            .layer(authos_errors_demo::grpc::layer())
            .add_service(authos_errors_demo::grpc::service(Arc::new(move || frozen)))
            .serve_with_incoming_shutdown(
                tonic::transport::server::TcpIncoming::from(listener),
                async move {
                    let _ = stopped.await;
                },
            )
            .await
            .expect("the gRPC server runs");
    })
}

/// A tonic client of the service at `addr` (HTTP/2 without TLS).
pub async fn connect(addr: SocketAddr) -> DemoClient<Channel> {
    let channel = Channel::from_shared(format!("http://{addr}"))
        .expect("a valid URI")
        .connect()
        .await
        .expect("connects");
    DemoClient::new(channel)
}
