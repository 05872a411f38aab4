//! The tower layer of a tonic server: what [`ErrorFormatLayer`](crate::axum::ErrorFormatLayer)
//! does for HTTP routes, for gRPC calls.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::http::layer::{Answering, ErrorLayer};

/// Names the tonic flavour of [`ErrorLayer`]: see [`GrpcErrorLayer`].
#[derive(Debug, Clone, Copy)]
pub enum Tonic {}

/// The error layer of a tonic server: while a call's service runs, its `x-request-id` and
/// `accept-language` metadata are current on the polling thread, so every derived error
/// converted into a `tonic::Status` there (with `?`) carries a `RequestInfo` with the id, a
/// `LocalizedMessage` in the negotiated language (with
/// [`with_localizer`](ErrorLayer::with_localizer), feature `fluent`), the `ErrorInfo.domain`
/// and `Help` links of the layer's [`ProblemConfig`](crate::problem::ProblemConfig), and a 5xx
/// is logged with the call's request id beside its `source()` chain.
///
/// The same builder as the HTTP layers ([`ErrorLayer`]); the format it would negotiate plays no
/// part in a gRPC status. Without the layer, statuses carry the default domain and no
/// request id or translation.
///
/// ```no_run
/// use authos_errors::grpc::GrpcErrorLayer;
/// use authos_errors::problem::ProblemConfig;
///
/// let layer = GrpcErrorLayer::new(ProblemConfig::default().with_grpc_domain("billing.example.com"));
/// // tonic::transport::Server::builder().layer(layer).add_service(...)
/// # let _ = layer;
/// ```
pub type GrpcErrorLayer = ErrorLayer<Tonic>;

impl<S> tower_layer::Layer<S> for ErrorLayer<Tonic> {
    type Service = GrpcErrorService<S>;

    fn layer(&self, inner: S) -> GrpcErrorService<S> {
        GrpcErrorService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`GrpcErrorLayer`] wraps a tonic server's services in.
#[derive(Debug, Clone)]
pub struct GrpcErrorService<S> {
    inner: S,
    layer: GrpcErrorLayer,
}

impl<S, ReqBody> tower_service::Service<http::Request<ReqBody>> for GrpcErrorService<S>
where
    S: tower_service::Service<http::Request<ReqBody>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = GrpcErrorFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let answering = self.layer.answering(request.headers());
        let scope = answering.enter();
        let inner = self.inner.call(request);
        drop(scope);
        GrpcErrorFuture { inner, answering }
    }
}

pin_project_lite::pin_project! {
    /// The future of [`GrpcErrorService`]: the call's request is current while it polls.
    pub struct GrpcErrorFuture<F> {
        #[pin]
        inner: F,
        answering: Answering,
    }
}

impl<F: Future> Future for GrpcErrorFuture<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        // The handler turns its error into a `Status` inside this poll, for this call.
        let _scope = this.answering.enter();
        this.inner.poll(cx)
    }
}
