//! Mosaic's cross-source analysis: the picture across articles.
//!
//! - [`cluster::best_cluster`]: which reports tell one real-world event (same type, related
//!   parties, overlapping time, agreeing counts and places);
//! - [`origins::origin_of`]: where a report's claim comes from, so that origins, not articles,
//!   are counted (citation chains, syndicated copies, outlets of one owner, state media);
//! - [`contradict::contradictions`]: assertion against denial, counts, dates, places, stages;
//! - [`grade`]: an Admiralty grade for every claim, with its reason;
//! - [`outlets::Outlets`]: the outlet priors and ownership file an analyst edits.
//!
//! The crate is pure: it reads [`Report`]s and returns decisions. `mosaic-store` feeds it from
//! the database at each ingest and keeps what it decides.

pub mod citations;
pub mod cluster;
pub mod contradict;
pub mod grade;
pub mod matching;
pub mod origins;
pub mod outlets;
pub mod report;
pub mod window;

pub use cluster::{best_cluster, summarize, Candidate, Summary};
pub use contradict::{Contradiction, ContradictionKind};
pub use grade::Grade;
pub use matching::{same_event, Match, Mismatch};
pub use origins::Origin;
pub use outlets::{Outlets, Reliability};
pub use report::{ActorKey, Link, Quantity, Relation, Report};
pub use window::Window;
