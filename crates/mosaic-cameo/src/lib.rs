//! The event-data field's open dictionaries (PETRARCH2 / CAMEO / Phoenix, MIT licence), loaded
//! as data: the CAMEO verb dictionary (verbs, their forms, patterns and codes) and the Phoenix
//! agent dictionary (generic actor nouns with sector codes).
//!
//! Both files are embedded unchanged (`data/`, provenance in `data/NOTICE.md`) and parsed on
//! first use: [`VerbDictionary::embedded`], [`AgentDictionary::embedded`]. All words are stored
//! lower-case; `_` in the files separates words, so a phrase is a `Vec<String>`.
//!
//! ```
//! use mosaic_cameo::{AgentDictionary, VerbDictionary};
//! let verbs = VerbDictionary::embedded();
//! let ask = verbs.entries_for("asked")[0];
//! assert_eq!(verbs.default_code(ask).to_string(), "020");
//! assert_eq!(verbs.default_code(ask).forward().unwrap().plover().unwrap().as_str(), "REQUEST");
//!
//! let agents = AgentDictionary::embedded();
//! let (agent, covered) = agents.lookup(&["riot", "police"], 1).unwrap();
//! assert_eq!((agent.code.as_str(), covered), ("COP", 2));
//! ```

mod agents;
mod code;
mod inflect;
mod patterns;
mod verbs;

#[cfg(test)]
mod tests;

use std::fmt;

pub use agents::{Agent, AgentDictionary, PHOENIX_AGENTS_TXT};
pub use code::{CameoCode, CodeSpec};
pub use patterns::{Element, Marker, Pattern, Term};
pub use verbs::{Synset, Transformation, VerbBlock, VerbDictionary, VerbEntry, CAMEO_VERBS_TXT};

/// A line of a dictionary that could not be read (and was skipped), or was read only in part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}
