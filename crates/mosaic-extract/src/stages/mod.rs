//! The pipeline stages, in the order they run. Each reads what earlier stages wrote into the
//! [`Work`](crate::work::Work) and adds its own annotations; none fails — problems become
//! diagnostics on the document.

pub mod chunks;
pub mod describe;
pub mod events;
pub(crate) mod naming;
pub mod recognise;
pub mod resolve;
pub mod roles;
pub mod segment;
pub mod time;
