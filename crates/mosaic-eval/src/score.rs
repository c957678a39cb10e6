use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use mosaic_core::fold_key;
use serde::Serialize;

use crate::{AnswerEntity, AnswerFile};

/// Event types whose source and target may be swapped when matching.
const SYMMETRIC: [&str; 3] = ["CONSULT", "COOPERATE", "AGREE"];

/// The measures, in the order `score.py` prints them.
pub const MEASURES: [&str; 9] = [
    "entities",
    "entities+type",
    "events",
    "events-actors",
    "event-date",
    "event-modality",
    "times",
    "roles",
    "role-status",
];

/// Counts for one measure: true positives, predictions, gold items (for agreement measures:
/// agreeing, matched, matched).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.pred += other.pred;
        self.gold += other.gold;
    }

    /// Precision, recall, F1 with `score.py`'s conventions for empty sides.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else if self.pred == 0 {
            1.0
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    pub fn is_agreement(measure: &str) -> bool {
        matches!(measure, "event-date" | "event-modality" | "role-status")
    }
}

pub type DocScore = BTreeMap<&'static str, Counts>;

/// Scores for a whole folder: per document and summed.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub per_doc: BTreeMap<String, DocScore>,
    pub totals: DocScore,
    /// Event-type confusion summed over the documents (see [`score_doc_detailed`]).
    pub confusion: Confusion,
}

fn name_set(e: &AnswerEntity) -> HashSet<String> {
    let mut out: HashSet<String> = std::iter::once(&e.name)
        .chain(e.aliases.iter())
        .map(|s| fold_key(s))
        .collect();
    out.remove("");
    out
}

/// Greedy one-to-one matching, exact names first, then any shared alias: `{pred index → gold index}`.
fn match_entities(
    gold: &[AnswerEntity],
    pred: &[AnswerEntity],
    typed: bool,
) -> BTreeMap<usize, usize> {
    let gnames: Vec<_> = gold.iter().map(name_set).collect();
    let pnames: Vec<_> = pred.iter().map(name_set).collect();
    let mut used = HashSet::new();
    let mut out = BTreeMap::new();
    for exact in [true, false] {
        for (pi, p) in pred.iter().enumerate() {
            if out.contains_key(&pi) {
                continue;
            }
            for (gi, g) in gold.iter().enumerate() {
                if used.contains(&gi) {
                    continue;
                }
                if typed && p.kind.to_uppercase() != g.kind.to_uppercase() {
                    continue;
                }
                let hit = if exact {
                    fold_key(&p.name) == fold_key(&g.name)
                } else {
                    !pnames[pi].is_disjoint(&gnames[gi])
                };
                if hit {
                    out.insert(pi, gi);
                    used.insert(gi);
                    break;
                }
            }
        }
    }
    out
}

/// An event actor mapped to gold: a gold index, no actor, or an unknown name.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ActorRef {
    None,
    Gold(usize),
    Unknown(String),
    Missing(String),
}

fn resolve(
    name: Option<&str>,
    pred: &[AnswerEntity],
    p2g: &BTreeMap<usize, usize>,
    gold: &[AnswerEntity],
) -> ActorRef {
    let Some(name) = name else {
        return ActorRef::None;
    };
    let n = fold_key(name);
    for (pi, p) in pred.iter().enumerate() {
        if let Some(gi) = p2g.get(&pi) {
            if name_set(p).contains(&n) {
                return ActorRef::Gold(*gi);
            }
        }
    }
    for (gi, g) in gold.iter().enumerate() {
        if name_set(g).contains(&n) {
            return ActorRef::Gold(gi);
        }
    }
    ActorRef::Unknown(n)
}

fn gold_index(name: Option<&str>, gold: &[AnswerEntity]) -> ActorRef {
    let Some(name) = name else {
        return ActorRef::None;
    };
    let n = fold_key(name);
    for (gi, g) in gold.iter().enumerate() {
        if name_set(g).contains(&n) {
            return ActorRef::Gold(gi);
        }
    }
    ActorRef::Missing(n)
}

fn date_ok(pred: Option<&str>, gold: Option<&str>) -> bool {
    match (pred, gold) {
        (_, None) => true,
        (_, Some("")) => true,
        (None, _) | (Some(""), _) => false,
        (Some(p), Some(g)) => p.starts_with(g) || g.starts_with(p),
    }
}

/// Scores one prediction against one answer key.
pub fn score_doc(gold: &AnswerFile, pred: &AnswerFile) -> DocScore {
    score_doc_detailed(gold, pred).0
}

/// Event-type confusion cells: (gold type, predicted type); "-" marks a missed or spurious event.
pub type Confusion = BTreeMap<(String, String), usize>;

/// [`score_doc`] plus the event-type confusion: events matched with their type agree on the
/// diagonal; the rest are paired on actors alone (a type error), else counted as missed/spurious.
pub fn score_doc_detailed(gold: &AnswerFile, pred: &AnswerFile) -> (DocScore, Confusion) {
    let mut r = DocScore::new();
    let (ge, pe) = (&gold.entities, &pred.entities);
    let p2g = match_entities(ge, pe, false);
    r.insert(
        "entities",
        Counts {
            tp: p2g.len(),
            pred: pe.len(),
            gold: ge.len(),
        },
    );
    r.insert(
        "entities+type",
        Counts {
            tp: match_entities(ge, pe, true).len(),
            pred: pe.len(),
            gold: ge.len(),
        },
    );

    let gev: Vec<_> = gold
        .events
        .iter()
        .map(|e| {
            (
                gold_index(e.source.as_deref(), ge),
                e.kind.to_uppercase(),
                gold_index(e.target.as_deref(), ge),
                e,
            )
        })
        .collect();
    let pev: Vec<_> = pred
        .events
        .iter()
        .map(|e| {
            (
                resolve(e.source.as_deref(), pe, &p2g, ge),
                e.kind.to_uppercase(),
                resolve(e.target.as_deref(), pe, &p2g, ge),
                e,
            )
        })
        .collect();
    let ev_match = |use_type: bool| {
        let mut used = HashSet::new();
        let mut pairs = Vec::new();
        for (ps, pt, pt2, pe_) in &pev {
            for (gi, (gs, gt, gt2, ge_)) in gev.iter().enumerate() {
                if used.contains(&gi) || (use_type && pt != gt) {
                    continue;
                }
                let same = ps == gs && pt2 == gt2;
                let flipped =
                    ps == gt2 && pt2 == gs && (!use_type || SYMMETRIC.contains(&gt.as_str()));
                if same || flipped {
                    used.insert(gi);
                    pairs.push((*pe_, *ge_));
                    break;
                }
            }
        }
        pairs
    };
    let pairs = ev_match(true);
    let mut confusion = Confusion::new();
    {
        let typed_p: Vec<*const crate::AnswerEvent> =
            pairs.iter().map(|(p, _)| *p as *const _).collect();
        let typed_g: Vec<*const crate::AnswerEvent> =
            pairs.iter().map(|(_, g)| *g as *const _).collect();
        for (p, _) in &pairs {
            *confusion
                .entry((p.kind.to_uppercase(), p.kind.to_uppercase()))
                .or_default() += 1;
        }
        let mut used_g: HashSet<usize> = HashSet::new();
        let mut used_p: HashSet<usize> = HashSet::new();
        for (pi, (ps, pt, pt2, pe_)) in pev.iter().enumerate() {
            if typed_p.contains(&(*pe_ as *const _)) {
                used_p.insert(pi);
                continue;
            }
            for (gi, (gs, gt, gt2, ge_)) in gev.iter().enumerate() {
                if used_g.contains(&gi) || typed_g.contains(&(*ge_ as *const _)) {
                    continue;
                }
                if (ps == gs && pt2 == gt2) || (ps == gt2 && pt2 == gs) {
                    used_g.insert(gi);
                    used_p.insert(pi);
                    *confusion.entry((gt.clone(), pt.clone())).or_default() += 1;
                    break;
                }
            }
        }
        for (gi, (_, gt, _, ge_)) in gev.iter().enumerate() {
            if !used_g.contains(&gi) && !typed_g.contains(&(*ge_ as *const _)) {
                *confusion.entry((gt.clone(), "-".into())).or_default() += 1;
            }
        }
        for (pi, (_, pt, _, _)) in pev.iter().enumerate() {
            if !used_p.contains(&pi) {
                *confusion.entry(("-".into(), pt.clone())).or_default() += 1;
            }
        }
    }
    r.insert(
        "events",
        Counts {
            tp: pairs.len(),
            pred: pev.len(),
            gold: gev.len(),
        },
    );
    r.insert(
        "events-actors",
        Counts {
            tp: ev_match(false).len(),
            pred: pev.len(),
            gold: gev.len(),
        },
    );
    let n = pairs.len();
    let dates = pairs
        .iter()
        .filter(|(a, b)| date_ok(a.date.as_deref(), b.date.as_deref()))
        .count();
    r.insert(
        "event-date",
        Counts {
            tp: dates,
            pred: n,
            gold: n,
        },
    );
    let modality = |m: &Option<String>| m.clone().unwrap_or_else(|| "asserted".into());
    let agree = pairs
        .iter()
        .filter(|(a, b)| modality(&a.modality) == modality(&b.modality))
        .count();
    r.insert(
        "event-modality",
        Counts {
            tp: agree,
            pred: n,
            gold: n,
        },
    );

    let mut used = HashSet::new();
    let mut tp = 0;
    for t in &pred.times {
        let tn = fold_key(&t.text);
        for (gi, u) in gold.times.iter().enumerate() {
            if used.contains(&gi) {
                continue;
            }
            let un = fold_key(&u.text);
            if !tn.is_empty()
                && !un.is_empty()
                && (un.contains(&tn) || tn.contains(&un))
                && t.value == u.value
            {
                used.insert(gi);
                tp += 1;
                break;
            }
        }
    }
    r.insert(
        "times",
        Counts {
            tp,
            pred: pred.times.len(),
            gold: gold.times.len(),
        },
    );

    let mut used = HashSet::new();
    let (mut tp, mut status) = (0, 0);
    for x in &pred.roles {
        let px = (
            resolve(x.person.as_deref(), pe, &p2g, ge),
            resolve(x.org.as_deref(), pe, &p2g, ge),
        );
        for (gi, y) in gold.roles.iter().enumerate() {
            if used.contains(&gi) {
                continue;
            }
            if px
                == (
                    gold_index(y.person.as_deref(), ge),
                    gold_index(y.org.as_deref(), ge),
                )
            {
                used.insert(gi);
                tp += 1;
                let st = |s: &Option<String>| s.clone().unwrap_or_else(|| "current".into());
                status += usize::from(st(&x.status) == st(&y.status));
                break;
            }
        }
    }
    r.insert(
        "roles",
        Counts {
            tp,
            pred: pred.roles.len(),
            gold: gold.roles.len(),
        },
    );
    r.insert(
        "role-status",
        Counts {
            tp: status,
            pred: tp,
            gold: tp,
        },
    );
    (r, confusion)
}

/// Scores every `NAME.gold.json` of `gold_dir` against `NAME.json` from `predict` (a missing
/// prediction counts as empty, as in `score.py`).
pub fn score_folder(
    gold_dir: &Path,
    mut predict: impl FnMut(&str) -> Option<AnswerFile>,
) -> Result<Report, String> {
    let mut golds: Vec<_> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("cannot read {}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    if golds.is_empty() {
        return Err(format!("no *.gold.json in {}", gold_dir.display()));
    }
    let mut report = Report::default();
    for gf in golds {
        let file_name = gf
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let stem = file_name.trim_end_matches(".gold.json").to_string();
        let text = std::fs::read_to_string(&gf)
            .map_err(|e| format!("cannot read {}: {e}", gf.display()))?;
        let gold: AnswerFile = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a valid answer key: {e}", gf.display()))?;
        let pred = predict(&stem).unwrap_or_default();
        let (doc, confusion) = score_doc_detailed(&gold, &pred);
        for (cell, n) in confusion {
            *report.confusion.entry(cell).or_default() += n;
        }
        for (k, c) in &doc {
            report.totals.entry(k).or_default().add(*c);
        }
        report.per_doc.insert(stem, doc);
    }
    Ok(report)
}

/// Reads predictions `NAME.json` from a folder, as `score.py` does.
pub fn predictions_from_dir(dir: &Path) -> impl FnMut(&str) -> Option<AnswerFile> + '_ {
    move |stem| {
        let text = std::fs::read_to_string(dir.join(format!("{stem}.json"))).ok()?;
        serde_json::from_str(&text).ok()
    }
}

impl Report {
    /// The table `score.py` prints (optionally preceded by its per-document lines).
    pub fn table(&self, per_doc: bool) -> String {
        let mut out = String::new();
        if per_doc {
            for (stem, r) in &self.per_doc {
                let cells: Vec<String> = MEASURES
                    .iter()
                    .filter_map(|k| {
                        r.get(k)
                            .map(|c| format!("{k}={}/{}/{}", c.tp, c.pred, c.gold))
                    })
                    .collect();
                out.push_str(&format!("{stem}: {}\n", cells.join(" ")));
            }
        }
        out.push_str(&format!("{} documents\n", self.per_doc.len()));
        out.push_str(&format!(
            "{:16} {:>6} {:>6} {:>6}   tp/pred/gold\n",
            "measure", "P", "R", "F1"
        ));
        for k in MEASURES {
            let Some(c) = self.totals.get(k) else {
                continue;
            };
            if Counts::is_agreement(k) {
                let rate = if c.gold > 0 {
                    format!("{:.3}", py_round3(c.tp as f64 / c.gold as f64))
                } else {
                    "n/a".into()
                };
                let what = if k.starts_with("role") {
                    "roles"
                } else {
                    "events"
                };
                out.push_str(&format!(
                    "{k:16} agreement {rate} over {} matched {what}\n",
                    c.gold
                ));
            } else {
                let (p, r, f) = c.prf();
                out.push_str(&format!(
                    "{k:16} {:6.3} {:6.3} {:6.3}   {}/{}/{}\n",
                    py_round3(p),
                    py_round3(r),
                    py_round3(f),
                    c.tp,
                    c.pred,
                    c.gold
                ));
            }
        }
        out
    }

    /// The event-type confusion as a table: rows are gold types, columns predicted types.
    pub fn confusion_table(&self) -> String {
        let mut types: Vec<String> = self
            .confusion
            .keys()
            .flat_map(|(g, p)| [g.clone(), p.clone()])
            .collect();
        types.sort();
        types.dedup();
        // The "-" row/column (missed / spurious) goes last.
        if let Some(i) = types.iter().position(|t| t == "-") {
            let dash = types.remove(i);
            types.push(dash);
        }
        let short = |t: &str| t.chars().take(5).collect::<String>();
        let mut out = format!("{:>10} |", "gold\\pred");
        for t in &types {
            out.push_str(&format!(" {:>5}", short(t)));
        }
        out.push('\n');
        for g in &types {
            out.push_str(&format!("{:>10} |", short(g)));
            for p in &types {
                let n = self
                    .confusion
                    .get(&(g.clone(), p.clone()))
                    .copied()
                    .unwrap_or(0);
                out.push_str(&if n == 0 {
                    format!(" {:>5}", ".")
                } else {
                    format!(" {n:>5}")
                });
            }
            out.push('\n');
        }
        out.push_str("(\"-\" row: predicted events with no gold counterpart; \"-\" column: gold events missed)\n");
        out
    }

    /// The same summary `score.py --json` prints.
    pub fn json(&self) -> serde_json::Value {
        let mut summary = serde_json::Map::new();
        for k in MEASURES {
            let Some(c) = self.totals.get(k) else {
                continue;
            };
            let v = if Counts::is_agreement(k) {
                let rate = (c.gold > 0).then(|| py_round3(c.tp as f64 / c.gold as f64));
                serde_json::json!({"agree": c.tp, "of": c.gold, "rate": rate})
            } else {
                let (p, r, f) = c.prf();
                serde_json::json!({"tp": c.tp, "pred": c.pred, "gold": c.gold,
                    "precision": py_round3(p), "recall": py_round3(r), "f1": py_round3(f)})
            };
            summary.insert(k.to_string(), v);
        }
        serde_json::json!({"docs": self.per_doc.len(), "summary": summary})
    }
}

/// Python's `round(x, 3)`: round half to even on the binary value, as `score.py` does before printing.
fn py_round3(x: f64) -> f64 {
    let scaled = x * 1000.0;
    let r = scaled.round();
    // Exact halves round to even, like Python.
    let r = if (scaled - scaled.trunc()).abs() == 0.5 {
        2.0 * (scaled / 2.0).round()
    } else {
        r
    };
    r / 1000.0
}
