//! A cluster: the reports of one real-world event. Choosing the cluster a new report joins, and
//! summing a cluster up (copies, origins, contradictions, grades).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::contradict::{contradictions, Contradiction};
use crate::grade::{grade, Corroboration, Grade};
use crate::matching::{is_copy, same_event, Match, Mismatch};
use crate::origins::{origin_of, Origin};
use crate::outlets::Outlets;
use crate::report::Report;

/// An existing cluster a new report may join.
pub struct Candidate<'a> {
    pub cluster: i64,
    pub members: &'a [Report],
}

/// The cluster a report joins and why, or `None` for a cluster of its own. A report joins a
/// cluster when it tells the same event as one of its reports and clashes with none (a count too
/// far off, another state's place, other parties); one article is one report of a cluster.
pub fn best_cluster(r: &Report, candidates: &[Candidate]) -> Option<(i64, Match)> {
    let mut best: Option<(i64, Match)> = None;
    for c in candidates {
        if c.members.iter().any(|m| m.doc_id == r.doc_id) {
            continue;
        }
        let mut found: Option<Match> = None;
        let mut clash = false;
        for m in c.members {
            match same_event(r, m) {
                Ok(x) => {
                    if found.as_ref().is_none_or(|f| x.score > f.score) {
                        found = Some(x);
                    }
                }
                Err(Mismatch::Time | Mismatch::SameDocument) => {}
                Err(_) => clash = true,
            }
        }
        let Some(found) = found.filter(|_| !clash) else {
            continue;
        };
        let better = best.as_ref().is_none_or(|(id, b)| {
            found.score > b.score || found.score == b.score && c.cluster < *id
        });
        if better {
            best = Some((c.cluster, found));
        }
    }
    best
}

/// Everything said about a cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// For each report, the index of the report its copy group is represented by.
    pub copy_of: Vec<usize>,
    /// For each report, its origin (a copy takes its representative's).
    pub origins: Vec<Origin>,
    /// The distinct origins of the reports that tell the act (denials left out).
    pub independent: Vec<Origin>,
    pub contradictions: Vec<Contradiction>,
    /// The cluster's grade.
    pub grade: Grade,
    /// Each report's grade: its own reliability, the cluster's credibility.
    pub report_grades: Vec<Grade>,
}

/// Sums a cluster up.
pub fn summarize(reports: &[Report], outlets: &Outlets) -> Summary {
    let copy_of = copy_groups(reports);
    let representatives: Vec<usize> = (0..reports.len()).filter(|&i| copy_of[i] == i).collect();
    let own: Vec<Origin> = reports.iter().map(|r| origin_of(r, outlets)).collect();
    let origins: Vec<Origin> = (0..reports.len())
        .map(|i| own[copy_of[i]].clone())
        .collect();
    let mut independent: BTreeMap<String, Origin> = BTreeMap::new();
    let mut denying: BTreeMap<String, ()> = BTreeMap::new();
    for (i, r) in reports.iter().enumerate() {
        if r.is_denial() {
            denying.insert(origins[i].key.clone(), ());
        } else {
            independent
                .entry(origins[i].key.clone())
                .or_insert_with(|| origins[i].clone());
        }
    }
    let contradictions = contradictions(reports, &representatives);
    let telling: Vec<&Report> = reports.iter().filter(|r| !r.is_denial()).collect();
    let corroboration = Corroboration {
        origins: independent.len(),
        reports: representatives
            .iter()
            .filter(|&&i| !reports[i].is_denial())
            .count(),
        copies: reports.len() - representatives.len(),
        denials: denying.len(),
        details: contradictions.iter().filter(|c| c.kind.is_detail()).count(),
    };
    let cluster_grade = grade(&telling, &corroboration, outlets);
    let report_grades = reports
        .iter()
        .map(|r| {
            let own = grade(&[r], &corroboration, outlets);
            Grade {
                credibility: cluster_grade.credibility,
                ..own
            }
        })
        .collect();
    Summary {
        copy_of,
        origins,
        independent: independent.into_values().collect(),
        contradictions,
        grade: cluster_grade,
        report_grades,
    }
}

/// Groups copies (the same stored text, or the same wire sentence): each report maps to the
/// first report of its group, in the order given.
fn copy_groups(reports: &[Report]) -> Vec<usize> {
    let mut of: Vec<usize> = (0..reports.len()).collect();
    for i in 0..reports.len() {
        if let Some(j) = (0..i).find(|&j| of[j] == j && is_copy(&reports[i], &reports[j])) {
            of[i] = j;
        }
    }
    of
}
