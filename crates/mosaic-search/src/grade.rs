//! Admiralty (NATO) grades: source reliability A-F, information credibility 1-6.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::SearchError;

/// A claim's grade, e.g. `B2`: the source is usually reliable (B), the information probably
/// true (2). Lower is better on both axes; F and 6 mean "cannot be judged".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Grade {
    /// `A` (completely reliable) … `F` (reliability cannot be judged).
    pub reliability: char,
    /// 1 (confirmed) … 6 (truth cannot be judged).
    pub credibility: u8,
}

impl Grade {
    /// Reliability as a rank, A = 1 … F = 6 (what the index stores).
    pub fn reliability_rank(&self) -> u64 {
        (self.reliability as u8 - b'A' + 1) as u64
    }
}

impl FromStr for Grade {
    type Err = SearchError;
    fn from_str(s: &str) -> Result<Grade, SearchError> {
        let t = s.trim();
        let mut chars = t.chars();
        let (Some(r), Some(c), None) = (chars.next(), chars.next(), chars.next()) else {
            return Err(SearchError::BadGrade(s.to_string()));
        };
        let r = r.to_ascii_uppercase();
        match (r, c.to_digit(10)) {
            ('A'..='F', Some(c @ 1..=6)) => Ok(Grade {
                reliability: r,
                credibility: c as u8,
            }),
            _ => Err(SearchError::BadGrade(s.to_string())),
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.reliability, self.credibility)
    }
}

impl Serialize for Grade {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Grade {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Grade, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Which grades a search keeps. Ungraded claims never pass a grade filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeFilter {
    /// Exactly this grade.
    Exact(Grade),
    /// This grade or better on both axes: `AtLeast(B3)` keeps A1…B3 (reliability A or B and
    /// credibility 1, 2 or 3), so neither a good source nor good corroboration alone suffices.
    AtLeast(Grade),
}

impl GradeFilter {
    /// Whether `grade` passes.
    pub fn keeps(&self, grade: Option<Grade>) -> bool {
        match (self, grade) {
            (_, None) => false,
            (GradeFilter::Exact(g), Some(x)) => *g == x,
            (GradeFilter::AtLeast(g), Some(x)) => {
                x.reliability <= g.reliability && x.credibility <= g.credibility
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_and_compare_on_both_axes() {
        let b3: Grade = "b3".parse().unwrap();
        assert_eq!(b3.to_string(), "B3");
        assert_eq!(b3.reliability_rank(), 2);
        for bad in ["", "B", "B0", "B7", "G2", "2B", "B22"] {
            assert!(bad.parse::<Grade>().is_err(), "{bad}");
        }
        let at_least = GradeFilter::AtLeast(b3);
        assert!(at_least.keeps(Some("A1".parse().unwrap())));
        assert!(at_least.keeps(Some(b3)));
        assert!(
            !at_least.keeps(Some("A4".parse().unwrap())),
            "credibility too low"
        );
        assert!(
            !at_least.keeps(Some("C1".parse().unwrap())),
            "reliability too low"
        );
        assert!(!at_least.keeps(None));
        assert!(GradeFilter::Exact(b3).keeps(Some(b3)));
        assert!(!GradeFilter::Exact(b3).keeps(Some("A1".parse().unwrap())));
    }
}
