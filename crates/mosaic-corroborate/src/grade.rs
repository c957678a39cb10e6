//! Admiralty grading: source reliability A–F from the outlets file, information credibility 1–6
//! computed from independent corroboration and contradiction. Every grade carries its reason.

use serde::Serialize;

use crate::outlets::{split_credit, Outlets, Reliability};
use crate::report::Report;

/// An Admiralty grade ("B2") with the reasoning behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Grade {
    pub reliability: Reliability,
    /// 1 confirmed … 5 improbable, 6 cannot be judged.
    pub credibility: u8,
    pub reason: String,
}

impl Grade {
    /// "B2".
    pub fn code(&self) -> String {
        format!("{}{}", self.reliability.as_char(), self.credibility)
    }
}

/// The Admiralty wording of a credibility figure.
pub fn credibility_meaning(c: u8) -> &'static str {
    match c {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// What corroboration a claim has, as the cluster summary counts it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corroboration {
    /// Distinct origins of the reports that tell the act.
    pub origins: usize,
    /// Reports that tell the act, copies counted once.
    pub reports: usize,
    /// Syndicated or duplicated copies left out of `reports`.
    pub copies: usize,
    /// Distinct origins of the reports that deny it.
    pub denials: usize,
    /// Disagreements on details (counts, dates, places, stages).
    pub details: usize,
}

/// Information credibility from corroboration: three or more independent origins confirm (1),
/// two make it probable (2), one origin told by several reports makes it possible (3), a single
/// report cannot be judged (6). Disagreement on details lowers a corroborated claim one step; a
/// denial makes it doubtful (4) unless two origins assert it, improbable (5) when more origins
/// deny than assert it.
pub fn credibility(c: &Corroboration) -> (u8, String) {
    let mut why = vec![format!(
        "{} independent origin{} across {} report{}",
        c.origins,
        plural(c.origins),
        c.reports,
        plural(c.reports)
    )];
    if c.copies > 0 {
        why.push(format!(
            "{} copied report{} counted once",
            c.copies,
            plural(c.copies)
        ));
    }
    let mut grade: u8 = match (c.origins, c.reports) {
        (o, _) if o >= 3 => 1,
        (2, _) => 2,
        (1, r) if r >= 2 => 3,
        _ => 6,
    };
    if c.details > 0 {
        why.push(format!(
            "{} disagreement{} on details",
            c.details,
            plural(c.details)
        ));
        if grade < 3 {
            grade += 1;
        }
    }
    if c.denials > 0 {
        why.push(format!(
            "denied by {} origin{}",
            c.denials,
            plural(c.denials)
        ));
        grade = if c.denials > c.origins {
            5
        } else if c.origins >= 2 {
            grade.max(3)
        } else {
            4
        };
    }
    (
        grade,
        format!(
            "credibility {grade} ({}): {}",
            credibility_meaning(grade),
            why.join("; ")
        ),
    )
}

/// A report's source reliability: the better of its outlet's prior and the priors of the outlets
/// it cites (the claim comes from them), F when none is listed. Returns the grade and who gave it.
pub fn reliability(r: &Report, outlets: &Outlets) -> (Reliability, String) {
    let mut names: Vec<String> = Vec::new();
    if let Some(byline) = &r.outlet {
        let (outlet, credit) = split_credit(byline);
        names.push(outlet.to_string());
        names.extend(credit.map(str::to_string));
    }
    names.extend(
        r.cites
            .iter()
            .chain(&r.doc_cites)
            .map(|l| l.actor.as_ref().map_or(l.text.clone(), |a| a.name.clone())),
    );
    names
        .into_iter()
        .filter_map(|n| outlets.get(&n).map(|o| (o.reliability, o.name.clone())))
        .min_by_key(|(rel, _)| *rel)
        .unwrap_or((
            Reliability::F,
            r.outlet.clone().unwrap_or_else(|| "no outlet".into()),
        ))
}

/// The grade of a claim told by the given reports: the best reliability among those that tell
/// it, and the credibility their corroboration earns.
pub fn grade(telling: &[&Report], corroboration: &Corroboration, outlets: &Outlets) -> Grade {
    let (rel, by) = telling
        .iter()
        .map(|r| reliability(r, outlets))
        .min_by_key(|(rel, _)| *rel)
        .unwrap_or((Reliability::F, "no report".into()));
    let (cred, cred_why) = credibility(corroboration);
    let rel_why = if rel == Reliability::F {
        format!(
            "reliability F ({}): no outlet of the outlets file tells it ({by})",
            rel.meaning()
        )
    } else {
        format!(
            "reliability {} ({}): {by}, per the outlets file",
            rel.as_char(),
            rel.meaning()
        )
    };
    Grade {
        reliability: rel,
        credibility: cred,
        reason: format!("{rel_why}; {cred_why}"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(origins: usize, reports: usize, denials: usize, details: usize) -> u8 {
        credibility(&Corroboration {
            origins,
            reports,
            copies: 0,
            denials,
            details,
        })
        .0
    }

    #[test]
    fn credibility_follows_corroboration() {
        assert_eq!(c(1, 1, 0, 0), 6, "a single report cannot be judged");
        assert_eq!(
            c(1, 3, 0, 0),
            3,
            "one origin carried by three outlets is only possible"
        );
        assert_eq!(c(2, 2, 0, 0), 2);
        assert_eq!(c(3, 4, 0, 0), 1);
        assert_eq!(c(3, 4, 0, 1), 2, "details lower a confirmed claim one step");
        assert_eq!(c(1, 3, 0, 2), 3, "but not below possible");
        assert_eq!(c(1, 1, 1, 0), 4, "an accusation and a denial: doubtful");
        assert_eq!(c(2, 2, 1, 0), 3);
        assert_eq!(c(1, 1, 2, 0), 5, "denied by more origins than assert it");
    }
}
