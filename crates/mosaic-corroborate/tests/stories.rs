//! Small made-up stories, each a set of reports, and what the cross-source analysis must make of
//! them: which cluster, how many origins, which contradictions, which grade.

use chrono::NaiveDate;
use mosaic_core::{EntityKind, EventMode, EventType, Modality};
use mosaic_corroborate::{
    best_cluster, same_event, summarize, ActorKey, Candidate, ContradictionKind, Link, Mismatch,
    Outlets, Quantity, Report, Window,
};

fn actor(
    id: i64,
    name: &str,
    kb: &str,
    country: &str,
    kind: EntityKind,
    sector: Option<&str>,
) -> ActorKey {
    ActorKey {
        id,
        name: name.into(),
        kb_id: Some(kb.into()),
        kind,
        country: Some(country.into()),
        state_name: None,
        sector: sector.map(str::to_string),
    }
}

fn georgia() -> ActorKey {
    actor(1, "Georgia", "state:GEO", "GEO", EntityKind::Gpe, None)
}
fn ssg() -> ActorKey {
    actor(
        2,
        "State Security Service of Georgia",
        "spy:GEO:ssg",
        "GEO",
        EntityKind::Org,
        Some("SPY"),
    )
}
fn russia() -> ActorKey {
    actor(3, "Russia", "state:RUS", "RUS", EntityKind::Gpe, None)
}
fn interior_ministry() -> ActorKey {
    actor(
        4,
        "Ministry of Internal Affairs (Georgia)",
        "gov:GEO:moi",
        "GEO",
        EntityKind::Org,
        Some("GOV"),
    )
}
fn outlet_actor(id: i64, name: &str) -> ActorKey {
    ActorKey {
        id,
        name: name.into(),
        kb_id: Some(format!("med:{id}")),
        kind: EntityKind::Org,
        country: None,
        state_name: None,
        sector: Some("MED".into()),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A report of `Georgia`'s service detaining people, told by `outlet` in document `doc`.
fn report(doc: i64, outlet: &str, published: &str, evidence: &str) -> Report {
    Report {
        event_id: doc * 10,
        doc_id: doc,
        doc_name: format!("d{doc}.txt"),
        doc_root: doc,
        outlet: Some(outlet.into()),
        published: Some(day(published)),
        event_type: EventType::Coerce,
        mode: Some(EventMode::Arrest),
        trigger: "detained".into(),
        source: Some(ssg()),
        target: None,
        location: None,
        modality: Modality::Asserted,
        date: None,
        window: Some(Window::before_publication(day(published))),
        quantities: vec![Quantity::parse("four people").unwrap()],
        cites: Vec::new(),
        doc_cites: Vec::new(),
        evidence: evidence.into(),
    }
}

fn citing(mut r: Report, who: ActorKey) -> Report {
    r.cites.push(Link {
        text: who.name.clone(),
        actor: Some(who),
    });
    r
}

#[test]
fn one_event_told_in_other_words_is_one_cluster() {
    let a = report(
        1,
        "Civil Georgia",
        "2024-03-05",
        "Georgia's security service said it detained four people who spied for Russia.",
    );
    let mut b = report(2, "Reuters", "2024-03-06", "Four suspected Russian agents were arrested in Tbilisi, the State Security Service said on Tuesday.");
    b.source = Some(georgia());
    let m = same_event(&a, &b).expect("one event");
    assert!(
        m.reasons.iter().any(|r| r.contains("act for one state")),
        "{:?}",
        m.reasons
    );
    let cands = [Candidate {
        cluster: 7,
        members: std::slice::from_ref(&a),
    }];
    assert_eq!(best_cluster(&b, &cands).map(|(c, _)| c), Some(7));
}

#[test]
fn same_actors_but_other_acts_or_months_do_not_cluster() {
    let a = report(
        1,
        "Civil Georgia",
        "2024-03-05",
        "The service detained four people.",
    );
    let mut later = report(
        2,
        "Reuters",
        "2024-07-19",
        "The service detained four people.",
    );
    assert_eq!(same_event(&a, &later), Err(Mismatch::Time), "another month");
    later = report(
        2,
        "Reuters",
        "2024-03-05",
        "Georgia expelled a Russian diplomat.",
    );
    later.mode = Some(EventMode::Expel);
    assert_eq!(
        same_event(&a, &later),
        Err(Mismatch::Mode),
        "an expulsion is no detention"
    );
    later.mode = None;
    later.event_type = EventType::Assault;
    assert_eq!(same_event(&a, &later), Err(Mismatch::Type));
    let mut other_count = report(
        3,
        "Reuters",
        "2024-03-05",
        "The service detained 30 people.",
    );
    other_count.quantities = vec![Quantity::parse("30 people").unwrap()];
    assert_eq!(same_event(&a, &other_count), Err(Mismatch::Quantity));
    let mut vague = report(
        4,
        "Reuters",
        "2024-03-05",
        "The service detained four people.",
    );
    vague.window = Window::of_date("2024");
    assert_eq!(
        same_event(&a, &vague),
        Err(Mismatch::Time),
        "a year places no act"
    );
    let same_doc = report(1, "Civil Georgia", "2024-03-05", "Four more were detained.");
    assert_eq!(same_event(&a, &same_doc), Err(Mismatch::SameDocument));
}

#[test]
fn a_cluster_takes_one_report_per_article_and_none_that_clashes() {
    let a = report(
        1,
        "Civil Georgia",
        "2024-03-05",
        "The service detained four people.",
    );
    let mut b = report(
        2,
        "Reuters",
        "2024-03-05",
        "Four were detained, officials said.",
    );
    let members = [a.clone(), b.clone()];
    let cands = [Candidate {
        cluster: 1,
        members: &members,
    }];
    let again = report(
        2,
        "Reuters",
        "2024-03-05",
        "A second detention was reported.",
    );
    assert!(
        best_cluster(&again, &cands).is_none(),
        "article 2 already reports this cluster"
    );
    b.doc_id = 3;
    b.quantities = vec![Quantity::parse("40 people").unwrap()];
    assert!(
        best_cluster(&b, &cands).is_none(),
        "a count far off clashes with every member"
    );
}

#[test]
fn citation_chains_state_media_and_sister_outlets_count_once() {
    let outlets = Outlets::embedded();
    // A weekly citing a news agency citing the interior ministry; a paper citing the ministry
    // directly; the ministry's state agency: all one origin, the government of Georgia.
    let weekly = citing(
        citing(
            report(1, "Weekly Tbilisi", "2024-03-05", "A"),
            outlet_actor(50, "Interpressnews"),
        ),
        interior_ministry(),
    );
    let paper = citing(
        report(2, "Georgian Times", "2024-03-05", "B"),
        interior_ministry(),
    );
    let official = citing(report(3, "Reuters", "2024-03-05", "C"), ssg());
    let s = summarize(&[weekly, paper, official], &outlets);
    assert_eq!(s.independent.len(), 1, "{:?}", s.independent);
    assert_eq!(s.independent[0].key, "state:GEO");
    assert_eq!(
        s.origins[0].chain,
        [
            "Weekly Tbilisi",
            "Interpressnews",
            "Ministry of Internal Affairs (Georgia)"
        ]
    );

    // Sabah and Daily Sabah have one owner; Reuters reporting on its own is another origin.
    let sabah = report(
        1,
        "Sabah",
        "2024-03-05",
        "Sabah's account of the raids in full.",
    );
    let daily = report(
        2,
        "Daily Sabah",
        "2024-03-05",
        "Daily Sabah's own account of the raids.",
    );
    let reuters = report(3, "Reuters", "2024-03-05", "Reuters saw the raids itself.");
    let s = summarize(&[sabah, daily, reuters], &outlets);
    let keys: Vec<&str> = s.independent.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["outlet:reuters", "owner:Turkuvaz Media"]);

    // State media carry their state's word: Anadolu and a ministry of Türkiye are one origin.
    let mut aa = report(1, "Anadolu Agency", "2024-03-05", "X");
    aa.source = None;
    let s = summarize(&[aa], &outlets);
    assert_eq!(s.independent[0].key, "state:TUR");
}

#[test]
fn syndicated_copies_never_count_twice() {
    let outlets = Outlets::embedded();
    let wire = "Georgian authorities have detained four people on suspicion of spying for Russia, the State Security Service said on Tuesday.";
    let a = report(1, "Rediff.com (ANI)", "2024-03-05", wire);
    let b = report(
        2,
        "Asian Lite",
        "2024-03-05",
        &wire.replace("Georgian", "Georgia’s"),
    );
    let mut c = report(
        3,
        "The Other Paper",
        "2024-03-06",
        "Four were held, it said.",
    );
    c.quantities = vec![Quantity::parse("five people").unwrap()];
    let s = summarize(&[a, b, c], &outlets);
    assert_eq!(
        s.copy_of,
        [0, 0, 2],
        "the second outlet carries the first one's wire sentence"
    );
    // The byline credits the wire: ANI is the origin of both copies; the third paper its own.
    assert_eq!(s.origins[0].key, "outlet:asian news international");
    assert_eq!(s.origins[1].key, s.origins[0].key);
    // One contradiction, between the copy group and the third report, not two.
    assert_eq!(s.contradictions.len(), 1);
    assert_eq!(s.contradictions[0].kind, ContradictionKind::Number);
    assert_eq!((s.contradictions[0].a, s.contradictions[0].b), (0, 2));
}

#[test]
fn a_denial_contradicts_but_is_no_origin() {
    let outlets = Outlets::embedded();
    let claim = citing(
        report(
            1,
            "Reuters",
            "2024-03-05",
            "Georgia said it detained four Russian spies.",
        ),
        georgia(),
    );
    let mut denial = citing(
        report(
            2,
            "TASS",
            "2024-03-06",
            "Moscow denied that four of its spies were detained.",
        ),
        russia(),
    );
    denial.modality = Modality::Denied;
    let s = summarize(&[claim, denial], &outlets);
    assert_eq!(
        s.independent.len(),
        1,
        "the denier is not an origin of the claim"
    );
    assert_eq!(s.contradictions[0].kind, ContradictionKind::Denial);
    assert_eq!(s.grade.credibility, 4, "{}", s.grade.reason);
    assert_eq!(
        s.grade.code(),
        "B4",
        "Reuters' prior is B; TASS only denies"
    );
}

#[test]
fn grades_follow_corroboration_and_say_why() {
    let outlets = Outlets::embedded();
    let one = report(
        1,
        "Unknown Blog",
        "2024-03-05",
        "The service detained four people.",
    );
    let s = summarize(std::slice::from_ref(&one), &outlets);
    assert_eq!(s.grade.code(), "F6");
    assert!(
        s.grade.reason.contains("cannot be judged"),
        "{}",
        s.grade.reason
    );

    let three = [
        report(1, "Reuters", "2024-03-05", "Reuters: four detained."),
        report(2, "BBC", "2024-03-05", "BBC: four held in Tbilisi."),
        report(
            3,
            "Civil Georgia",
            "2024-03-05",
            "Civil Georgia: the SSG detained four.",
        ),
    ];
    let s = summarize(&three, &outlets);
    assert_eq!(s.independent.len(), 3);
    assert_eq!(s.grade.code(), "B1", "{}", s.grade.reason);
    assert!(
        s.grade.reason.contains("3 independent origins"),
        "{}",
        s.grade.reason
    );
    // Each report keeps its own reliability with the cluster's credibility.
    let codes: Vec<String> = s.report_grades.iter().map(|g| g.code()).collect();
    assert_eq!(codes, ["B1", "B1", "F1"]);
}
