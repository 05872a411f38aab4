//! The demo API over gRPC: the `authos.demo.v1.Demo` service of `proto/authos/demo/v1/demo.proto`,
//! answering with the same logic and errors as the HTTP routes (`api.rs`), each error a
//! `tonic::Status` with AIP-193 details made by `?`.
//!
//! | rpc | answers |
//! |---|---|
//! | `Login` | `MFA_REQUIRED` (`UNAUTHENTICATED`) for the right password; `INVALID_CREDENTIALS`, then `ACCOUNT_LOCKED` after [`MAX_FAILED_LOGINS`](crate::MAX_FAILED_LOGINS) failures |
//! | `GetOrganization` | the organization for `acme`; `ORGANIZATION_NOT_ACTIVE` (`FAILED_PRECONDITION`) for `initech`; `NOT_FOUND` otherwise |
//! | `Limited` | [`RATE_LIMIT`](crate::RATE_LIMIT) calls per window, then `RATE_LIMIT_EXCEEDED` (`RESOURCE_EXHAUSTED`) with a `RetryInfo` |
//! | `UsageReport` | `DATABASE_ERROR` (`INTERNAL`): its source is logged, never sent |
//! | `Signup` | `BAD_REQUEST` (`INVALID_ARGUMENT`) with a `BadRequest` naming every invalid field |
//!
//! Statuses carry a `RequestInfo` for an `x-request-id` metadata entry and a French
//! `LocalizedMessage` for `accept-language: fr` ([`layer`]).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:50051").await?;
//! authos_errors_demo::grpc::serve(listener, authos_errors_demo::system_clock()).await?;
//! # Ok(()) }
//! ```

use std::sync::Arc;

use authos_errors::grpc::GrpcErrorLayer;
use tonic::{Request, Response, Status};

use crate::{Clock, DemoState, signup_errors};

/// The messages and the client and server stubs generated from the proto by tonic-prost-build
/// (checked in: `tests/proto_current.rs` checks they are current).
#[allow(missing_docs, clippy::all, clippy::pedantic)]
pub mod proto {
    include!("grpc/generated.rs");
}

use proto::demo_server::{Demo, DemoServer};
use proto::{
    GetOrganizationRequest, LimitedRequest, LimitedResponse, LoginRequest, LoginResponse,
    Organization, SignupRequest, SignupResponse, UsageReportRequest, UsageReportResponse,
};

/// The service, over its own state (failed logins, the rate window).
pub struct DemoService {
    state: Arc<DemoState>,
}

/// The `Demo` service reading the time from `clock`.
pub fn service(clock: Clock) -> DemoServer<DemoService> {
    DemoServer::new(DemoService {
        state: Arc::new(DemoState::new(clock)),
    })
}

/// The error layer of the gRPC server: request ids and languages (French, English) from the
/// call's metadata.
pub fn layer() -> GrpcErrorLayer {
    GrpcErrorLayer::new(authos_errors::catalog::problem_config())
        .with_localizer(Arc::clone(authos_errors::catalog::localizer()))
}

/// Serves the `Demo` service on `listener` (HTTP/2 without TLS) until the task is dropped.
///
/// # Errors
/// The transport's, when the server cannot run.
pub async fn serve(
    listener: tokio::net::TcpListener,
    clock: Clock,
) -> Result<(), tonic::transport::Error> {
    tonic::transport::Server::builder()
        .layer(layer())
        .add_service(service(clock))
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener))
        .await
}

#[tonic::async_trait]
impl Demo for DemoService {
    async fn login(
        &self,
        request: Request<LoginRequest>,
    ) -> Result<Response<LoginResponse>, Status> {
        let LoginRequest { email, password } = request.into_inner();
        Err(self.state.login(email, &password))?
    }

    async fn get_organization(
        &self,
        request: Request<GetOrganizationRequest>,
    ) -> Result<Response<Organization>, Status> {
        let (slug, name) = DemoState::organization(&request.get_ref().slug)?;
        Ok(Response::new(Organization {
            slug: slug.to_owned(),
            name: name.to_owned(),
        }))
    }

    async fn limited(
        &self,
        _: Request<LimitedRequest>,
    ) -> Result<Response<LimitedResponse>, Status> {
        self.state.limited()?;
        Ok(Response::new(LimitedResponse {}))
    }

    async fn usage_report(
        &self,
        _: Request<UsageReportRequest>,
    ) -> Result<Response<UsageReportResponse>, Status> {
        Err(DemoState::usage_report())?
    }

    async fn signup(
        &self,
        request: Request<SignupRequest>,
    ) -> Result<Response<SignupResponse>, Status> {
        let SignupRequest {
            email,
            slug,
            password,
        } = request.into_inner();
        signup_errors(&email, &slug, &password).into_result()?;
        Ok(Response::new(SignupResponse { slug }))
    }
}
