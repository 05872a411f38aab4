//! The request id of the request being answered, for the 5xx log line.

use crate::request_id::RequestId;

thread_local! {
    /// The id of the request whose route is being polled on this thread, set by the error
    /// layers around each poll: a handler's error is turned into a response inside that poll,
    /// where the request itself is out of reach, and its 5xx log line needs the id.
    static CURRENT: std::cell::RefCell<Option<RequestId>> = const { std::cell::RefCell::new(None) };
}

/// While alive, [`current`] is the id it was entered with; dropping it restores the previous.
pub(crate) struct Scope {
    previous: Option<RequestId>,
}

/// Makes `id` the current request id until the returned scope is dropped.
pub(crate) fn enter(id: RequestId) -> Scope {
    Scope {
        previous: CURRENT.with(|current| current.replace(Some(id))),
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// The id of the request being handled on this thread, inside an error layer.
pub(crate) fn current() -> Option<RequestId> {
    CURRENT.with(|current| current.borrow().clone())
}
