//! The demo (crate `authos-errors-demo`, which users copy) against hostile clients, over real
//! sockets: the state it keeps stays bounded, locks expire, bodies are small, absolute URIs come
//! from configuration, and log lines cannot be forged.

mod device_grants;
mod logins;
