//! Where reports of one event disagree: an assertion against a denial, different counts, dates,
//! places, or stages of an arrest. Both sides are kept with their sources; nothing is resolved.

use serde::Serialize;

use crate::report::Report;

/// What a contradiction is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    /// One report tells the act, another denies it.
    Denial,
    /// Different counts of the same thing.
    Number,
    /// Different days.
    Date,
    /// Different places in one country.
    Place,
    /// "detained" against "formally arrested", "charged".
    Stage,
}

impl ContradictionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ContradictionKind::Denial => "denial",
            ContradictionKind::Number => "number",
            ContradictionKind::Date => "date",
            ContradictionKind::Place => "place",
            ContradictionKind::Stage => "stage",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "denial" => ContradictionKind::Denial,
            "number" => ContradictionKind::Number,
            "date" => ContradictionKind::Date,
            "place" => ContradictionKind::Place,
            "stage" => ContradictionKind::Stage,
            _ => return None,
        })
    }

    /// A disagreement on a detail of an act both sides tell, as opposed to a denial of it.
    pub fn is_detail(&self) -> bool {
        !matches!(self, ContradictionKind::Denial)
    }
}

/// Two reports (indices into the cluster's reports) that disagree, and on what.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    pub what: String,
    pub a: usize,
    pub b: usize,
}

/// The contradictions between the given reports: one representative per copy group, so a
/// syndicated copy never doubles a disagreement.
pub fn contradictions(reports: &[Report], representatives: &[usize]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (x, &i) in representatives.iter().enumerate() {
        for &j in &representatives[x + 1..] {
            pair(reports, i, j, &mut out);
        }
    }
    out
}

fn pair(reports: &[Report], i: usize, j: usize, out: &mut Vec<Contradiction>) {
    let (a, b) = (&reports[i], &reports[j]);
    let mut push = |kind, what: String| {
        out.push(Contradiction {
            kind,
            what,
            a: i,
            b: j,
        })
    };
    if a.is_denial() != b.is_denial() {
        let (says, denies) = if a.is_denial() { (b, a) } else { (a, b) };
        push(
            ContradictionKind::Denial,
            format!("{} tells the act; {} denies it", who(says), who(denies)),
        );
        return;
    }
    for qa in &a.quantities {
        if let Some(qb) = b
            .quantities
            .iter()
            .find(|q| q.noun == qa.noun && q.value != qa.value)
        {
            push(
                ContradictionKind::Number,
                format!(
                    "number of {}: {} according to {} against {} according to {}",
                    qa.noun,
                    qa.value,
                    who(a),
                    qb.value,
                    who(b)
                ),
            );
            break;
        }
    }
    if let (Some(da), Some(db)) = (&a.date, &b.date) {
        if da.len() == 10 && db.len() == 10 && da != db {
            push(
                ContradictionKind::Date,
                format!(
                    "date: {da} according to {} against {db} according to {}",
                    who(a),
                    who(b)
                ),
            );
        }
    }
    if let (Some(la), Some(lb)) = (&a.location, &b.location) {
        if la.id != lb.id
            && la.country.is_some()
            && la.country == lb.country
            && !la.is_state()
            && !lb.is_state()
        {
            push(
                ContradictionKind::Place,
                format!(
                    "place: {} according to {} against {} according to {}",
                    la.name,
                    who(a),
                    lb.name,
                    who(b)
                ),
            );
        }
    }
    if stage(&a.trigger) != stage(&b.trigger)
        && stage(&a.trigger).is_some()
        && stage(&b.trigger).is_some()
    {
        push(
            ContradictionKind::Stage,
            format!(
                "\"{}\" according to {} against \"{}\" according to {}",
                a.trigger,
                who(a),
                b.trigger,
                who(b)
            ),
        );
    }
}

/// The legal stage an arrest word names: held for questioning, or formally arrested.
fn stage(trigger: &str) -> Option<&'static str> {
    let t = trigger.to_lowercase();
    if [
        "formally",
        "charged",
        "indicted",
        "remanded",
        "convicted",
        "sentenced",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        Some("formal")
    } else if [
        "detain",
        "held",
        "custody",
        "apprehend",
        "round",
        "seiz",
        "captur",
        "arrest",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        Some("held")
    } else {
        None
    }
}

/// "News of Israel (C3_04.txt)".
fn who(r: &Report) -> String {
    match &r.outlet {
        Some(o) => format!("{o} ({})", r.doc_name),
        None => r.doc_name.clone(),
    }
}
