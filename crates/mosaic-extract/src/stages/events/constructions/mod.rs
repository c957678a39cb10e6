//! Constructions of English with a rule of their own, one file each.

pub(crate) mod denials;
pub(crate) mod envoys;
pub(crate) mod espionage;
pub(crate) mod gapping;
pub(crate) mod headline;
pub(crate) mod protests;
pub(crate) mod provisions;
pub(crate) mod reciprocal;
pub(crate) mod reports;
pub(crate) mod schemes;
pub(crate) mod topics;
