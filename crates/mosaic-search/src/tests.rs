//! The index on hand-made records: text matching, every filter, counts, grades, snippets.

use mosaic_core::Modality;

use crate::*;

fn actor(id: i64, name: &str) -> Option<ActorName> {
    Some(ActorName {
        id,
        name: name.into(),
    })
}

fn article(
    doc_id: i64,
    title: &str,
    text: &str,
    outlet: &str,
    published: Option<&str>,
) -> ArticleRecord {
    ArticleRecord {
        doc_id,
        name: format!("doc{doc_id}.txt"),
        title: Some(title.into()),
        text: text.into(),
        outlet: Some(outlet.into()),
        published: published.map(Into::into),
        url: Some(format!("https://example.invalid/{doc_id}")),
        copy_of: None,
        actor_ids: vec![doc_id * 10],
    }
}

fn claim(
    event_id: i64,
    doc_id: i64,
    evidence: &str,
    kind: &str,
    date: Option<&str>,
) -> ClaimRecord {
    ClaimRecord {
        event_id,
        doc_id,
        doc_name: format!("doc{doc_id}.txt"),
        evidence: evidence.into(),
        event_type: kind.into(),
        cameo: Some("173".into()),
        source: actor(1, "National Intelligence Organization"),
        target: actor(2, "Iran"),
        modality: Modality::Asserted,
        date: date.map(Into::into),
        date_from: date.map(|_| DateFrom::Event),
        period: date.and_then(Period::of_iso),
        outlet: Some("Daily Bosphorus".into()),
        attribution: "Daily Bosphorus → MIT".into(),
        copy_of: None,
        grade: None,
        cluster: None,
    }
}

/// Three articles and four claims covering each filter.
fn sample() -> SearchIndex {
    let mut ix = SearchIndex::in_ram().unwrap();
    ix.add_article(&article(
        1,
        "MIT captures ISIS courier",
        "Turkish intelligence arrested a courier in Istanbul.",
        "Daily Bosphorus",
        Some("2025-07-15"),
    ))
    .unwrap();
    ix.add_article(&article(
        2,
        "Baku expels Iranian diplomat",
        "Azerbaijan expelled an Iranian attaché after arrests.",
        "Baku Observer",
        Some("2025-04-08"),
    ))
    .unwrap();
    let mut copy = article(
        3,
        "Baku expels Iranian diplomat (wire)",
        "Azerbaijan expelled an Iranian attaché after arrests.",
        "Wire Feed",
        Some("2025-04-09"),
    );
    copy.copy_of = Some(2);
    ix.add_article(&copy).unwrap();
    ix.add_claim(&claim(
        10,
        1,
        "MIT arrested a courier of ISIS in Istanbul.",
        "COERCE",
        Some("2025-07-14"),
    ))
    .unwrap();
    let mut denied = claim(
        11,
        1,
        "Iran denied that it had sent the courier.",
        "REJECT",
        None,
    );
    denied.modality = Modality::Denied;
    denied.source = actor(2, "Iran");
    denied.target = None;
    ix.add_claim(&denied).unwrap();
    let mut expel = claim(
        12,
        2,
        "Baku expelled an Iranian diplomat on Monday.",
        "COERCE",
        Some("2025-04"),
    );
    expel.source = actor(5, "Azerbaijan");
    expel.outlet = Some("Baku Observer".into());
    expel.grade = Some("B2".parse().unwrap());
    ix.add_claim(&expel).unwrap();
    let mut copied = expel.clone();
    copied.event_id = 13;
    copied.doc_id = 3;
    copied.copy_of = Some(2);
    copied.outlet = Some("Wire Feed".into());
    ix.add_claim(&copied).unwrap();
    ix.commit::<()>(None).unwrap();
    ix
}

fn search(ix: &SearchIndex, text: &str, kind: HitKind, filter: SearchFilter) -> SearchResults {
    ix.search(&SearchQuery {
        text: text.into(),
        kind,
        filter,
        limit: 10,
    })
    .unwrap()
}

fn claim_ids(r: &SearchResults) -> Vec<i64> {
    let mut ids: Vec<i64> = r.claims.iter().map(|h| h.claim.event_id).collect();
    ids.sort();
    ids
}

#[test]
fn words_match_stemmed_and_folded_and_all_must_match() {
    let ix = sample();
    let r = search(&ix, "arrests", HitKind::Claims, SearchFilter::default());
    assert_eq!(claim_ids(&r), vec![10], "'arrests' finds 'arrested'");
    let r = search(
        &ix,
        "courier istanbul",
        HitKind::All,
        SearchFilter::default(),
    );
    assert_eq!(claim_ids(&r), vec![10]);
    assert_eq!(r.articles.len(), 1);
    assert_eq!(r.articles[0].article.doc_id, 1);
    let r = search(
        &ix,
        "courier baku",
        HitKind::Claims,
        SearchFilter::default(),
    );
    assert!(r.claims.is_empty(), "every word must match by default");
    let r = search(
        &ix,
        "courier OR baku",
        HitKind::Claims,
        SearchFilter::default(),
    );
    assert_eq!(claim_ids(&r), vec![10, 11, 12]);
}

#[test]
fn actor_names_and_attribution_are_searched() {
    let ix = sample();
    let r = search(&ix, "Azerbaijan", HitKind::Claims, SearchFilter::default());
    assert_eq!(
        claim_ids(&r),
        vec![12],
        "the source's name, not in the sentence"
    );
    let r = search(
        &ix,
        "\"unclosed quote",
        HitKind::All,
        SearchFilter::default(),
    );
    assert!(r.claims.is_empty(), "a malformed query does not fail");
}

#[test]
fn copies_are_left_out_and_counted_unless_asked() {
    let ix = sample();
    let r = search(&ix, "expelled", HitKind::All, SearchFilter::default());
    assert_eq!(claim_ids(&r), vec![12]);
    assert_eq!(r.claim_counts.copies_hidden, 1);
    assert_eq!(r.articles.len(), 1);
    assert_eq!(r.article_counts.copies_hidden, 1);
    let all = SearchFilter {
        include_duplicates: true,
        ..Default::default()
    };
    let r = search(&ix, "expelled", HitKind::All, all);
    assert_eq!(claim_ids(&r), vec![12, 13]);
    assert_eq!(r.articles.len(), 2);
}

#[test]
fn filters_by_type_modality_actor_and_outlet() {
    let ix = sample();
    let by = |f: SearchFilter| claim_ids(&search(&ix, "", HitKind::Claims, f));
    let coerce = SearchFilter {
        event_type: Some("coerce".into()),
        ..Default::default()
    };
    assert_eq!(by(coerce.clone()), vec![10, 12]);
    let denied = SearchFilter {
        modality: Some(Modality::Denied),
        ..Default::default()
    };
    assert_eq!(by(denied), vec![11]);
    let iran = SearchFilter {
        actor_ids: vec![2],
        ..Default::default()
    };
    assert_eq!(by(iran), vec![10, 11, 12], "source or target");
    let outlet = SearchFilter {
        outlet: Some("baku".into()),
        ..Default::default()
    };
    assert_eq!(
        by(outlet),
        vec![12],
        "outlet name contains, case-insensitive"
    );
    let none = SearchFilter {
        outlet: Some("no such outlet".into()),
        ..Default::default()
    };
    assert!(by(none).is_empty());
    let r = search(&ix, "", HitKind::All, coerce);
    assert!(
        r.articles_skipped && r.articles.is_empty(),
        "type is a claim property"
    );
    let r = search(
        &ix,
        "",
        HitKind::Articles,
        SearchFilter {
            actor_ids: vec![20],
            ..Default::default()
        },
    );
    assert_eq!(r.articles.len(), 1, "articles by the actors they mention");
    assert_eq!(r.articles[0].article.doc_id, 2);
}

#[test]
fn dates_compare_by_period_and_undated_claims_are_counted() {
    let ix = sample();
    let since = SearchFilter {
        since: Some("2025-04-15".into()),
        ..Default::default()
    };
    let r = search(&ix, "", HitKind::Claims, since.clone());
    assert_eq!(
        claim_ids(&r),
        vec![10, 12],
        "a claim dated 2025-04 reaches 2025-04-15"
    );
    assert_eq!(r.claim_counts.undated_hidden, 1);
    let r = search(
        &ix,
        "",
        HitKind::Claims,
        SearchFilter {
            include_undated: true,
            ..since
        },
    );
    assert_eq!(claim_ids(&r), vec![10, 11, 12]);
    assert_eq!(r.claim_counts.undated_hidden, 0);
    let until = SearchFilter {
        until: Some("2025-04".into()),
        ..Default::default()
    };
    assert_eq!(
        claim_ids(&search(&ix, "", HitKind::Claims, until.clone())),
        vec![12]
    );
    let r = search(&ix, "", HitKind::Articles, until);
    let docs: Vec<i64> = r.articles.iter().map(|a| a.article.doc_id).collect();
    assert_eq!(docs, vec![2], "articles by publication date");
}

#[test]
fn empty_query_lists_newest_first() {
    let ix = sample();
    let r = search(&ix, "", HitKind::Claims, SearchFilter::default());
    let ids: Vec<i64> = r.claims.iter().map(|h| h.claim.event_id).collect();
    assert_eq!(ids, vec![10, 12, 11], "dated newest first, undated last");
}

#[test]
fn grades_filter_and_update_in_place() {
    let mut ix = sample();
    let at_least = |g: &str| SearchFilter {
        grade: Some(GradeFilter::AtLeast(g.parse().unwrap())),
        ..Default::default()
    };
    assert_eq!(
        claim_ids(&search(&ix, "", HitKind::Claims, at_least("B3"))),
        vec![12]
    );
    assert!(claim_ids(&search(&ix, "", HitKind::Claims, at_least("A3"))).is_empty());
    let updated = ix
        .update_claim_grades(&[
            ClaimGrade {
                event_id: 10,
                grade: Some("A1".parse().unwrap()),
                cluster: Some(7),
            },
            ClaimGrade {
                event_id: 12,
                grade: Some("C4".parse().unwrap()),
                cluster: Some(7),
            },
            ClaimGrade {
                event_id: 999,
                grade: None,
                cluster: None,
            },
        ])
        .unwrap();
    assert_eq!(updated, 2, "unknown event ids are skipped");
    ix.commit::<()>(None).unwrap();
    let r = search(&ix, "", HitKind::Claims, at_least("B3"));
    assert_eq!(claim_ids(&r), vec![10]);
    assert_eq!(r.claims[0].claim.cluster, Some(7));
    assert_eq!(
        r.claims[0].claim.evidence,
        "MIT arrested a courier of ISIS in Istanbul."
    );
    let exact = SearchFilter {
        grade: Some(GradeFilter::Exact("C4".parse().unwrap())),
        ..Default::default()
    };
    assert_eq!(
        claim_ids(&search(&ix, "", HitKind::Claims, exact)),
        vec![12]
    );
    assert_eq!(
        ix.counts().unwrap(),
        (4, 3),
        "updates replace, never duplicate"
    );
}

#[test]
fn snippets_mark_the_matched_words() {
    let ix = sample();
    let r = search(&ix, "courier", HitKind::Claims, SearchFilter::default());
    let marked = r.claims[0].snippet.marked("[", "]");
    assert!(marked.contains("[courier]"), "{marked}");
}

#[test]
fn removing_a_document_removes_its_article_and_claims() {
    let mut ix = sample();
    ix.remove_document(1).unwrap();
    ix.commit::<()>(None).unwrap();
    assert_eq!(ix.counts().unwrap(), (2, 2));
    assert_eq!(
        ix.document_ids().unwrap().into_iter().collect::<Vec<_>>(),
        vec![2, 3]
    );
}

#[test]
fn an_index_of_another_schema_version_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db.search");
    let mut ix = SearchIndex::open(&path).unwrap();
    assert_eq!(ix.opening(), Opening::Created);
    ix.add_article(&article(1, "t", "some words", "o", None))
        .unwrap();
    ix.commit(Some(&7)).unwrap();
    drop(ix);
    let ix = SearchIndex::open(&path).unwrap();
    assert_eq!(ix.opening(), Opening::Existing);
    assert_eq!(ix.marks::<i32>(), Some(7));
    drop(ix);
    // What an older build would have left: the same files, another version in the payload.
    let meta = path.join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let old = text.replace(
        &format!("\\\"schema_version\\\":{INDEX_SCHEMA_VERSION}"),
        "\\\"schema_version\\\":0",
    );
    assert_ne!(old, text, "the payload holds the version: {text}");
    std::fs::write(&meta, old).unwrap();
    let ix = SearchIndex::open(&path).unwrap();
    assert_eq!(ix.opening(), Opening::Replaced);
    assert_eq!(ix.counts().unwrap(), (0, 0));
    assert_eq!(ix.marks::<i32>(), None);
}

#[test]
fn a_folder_with_other_files_is_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-an-index");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("meta.json"), "{}").unwrap();
    std::fs::write(path.join("notes.txt"), "mine").unwrap();
    assert!(SearchIndex::open(&path).is_err());
    assert!(path.join("notes.txt").exists());
}

#[test]
fn snippets_are_one_line_with_marks_still_on_their_words() {
    let s = crate::query::flatten_for_test(
        "  Kuwait arrests\\n\\nKuwait's service  arrested eight ",
        &[(9, 16), (36, 44)],
    );
    assert_eq!(s.text, "Kuwait arrests Kuwait's service arrested eight");
    assert_eq!(
        s.marked("[", "]"),
        "Kuwait [arrests] Kuwait's service [arrested] eight"
    );
}
