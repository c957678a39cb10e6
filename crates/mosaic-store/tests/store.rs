mod common;

use common::{hash_of, person_doc, rich_doc, typical_doc};
use mosaic_core::{Document, EntityKind, RoleStatus};
use mosaic_store::{
    ActorFilter, DateSource, EventFilter, IngestOutcome, Store, StoreError, SCHEMA_VERSION,
};

fn put(store: &mut Store, doc: &Document) -> i64 {
    store
        .put_document(doc, &hash_of(doc), 42, None)
        .unwrap()
        .doc_id()
}

fn as_json(doc: &Document) -> serde_json::Value {
    serde_json::to_value(doc).unwrap()
}

fn actor_named(store: &Store, name: &str) -> Vec<i64> {
    store.find_actors(name).unwrap()
}

#[test]
fn round_trip_keeps_every_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sub/mosaic.db")).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let doc = rich_doc("a1", "Hakan Fidan", Some("person:hakan-fidan"), "one");
    // Guard against a fixture that silently lost an annotation kind.
    assert!(
        !doc.tokens.is_empty()
            && !doc.times.is_empty()
            && !doc.roles.is_empty()
            && doc.diagnostics.len() == 2
    );
    assert!(
        doc.mentions.iter().any(|m| m.entity.is_none())
            && doc.events.iter().any(|e| e.attribution.len() == 2)
    );
    let id = put(&mut store, &doc);
    drop(store);

    let store = Store::open(&dir.path().join("sub/mosaic.db")).unwrap();
    let by_name = store.load_document("a1").unwrap().expect("stored by name");
    let by_id = store
        .load_document(&id.to_string())
        .unwrap()
        .expect("stored by id");
    assert_eq!(as_json(&by_name), as_json(&doc));
    assert_eq!(as_json(&by_id), as_json(&doc));
    assert!(store.load_document("nope").unwrap().is_none());
    assert_eq!(store.simhashes().unwrap(), vec![(id, 42)]);
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn simhash_keeps_all_64_bits() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = person_doc("s", "Ali Veli", None, &[]);
    let id = store
        .put_document(&doc, "h", u64::MAX - 5, None)
        .unwrap()
        .doc_id();
    assert_eq!(store.simhashes().unwrap(), vec![(id, u64::MAX - 5)]);
}

#[test]
fn same_hash_is_unchanged_and_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let doc = rich_doc("a1", "Hakan Fidan", None, "one");
    let first = store.put_document(&doc, "hash-1", 1, None).unwrap();
    let before = store.stats().unwrap();
    let again = store.put_document(&doc, "hash-1", 1, None).unwrap();
    assert_eq!(
        again,
        IngestOutcome::Unchanged {
            doc_id: first.doc_id()
        }
    );
    assert_eq!(store.stats().unwrap(), before);
    assert_eq!(
        store.has_content_hash("hash-1").unwrap(),
        Some(first.doc_id())
    );
    assert_eq!(store.has_content_hash("hash-2").unwrap(), None);
}

#[test]
fn near_duplicate_is_recorded() {
    let mut store = Store::open_in_memory().unwrap();
    let a = put(&mut store, &rich_doc("a", "Hakan Fidan", None, "one"));
    let dup = rich_doc("b", "Hakan Fidan", None, "two");
    let out = store
        .put_document(&dup, &hash_of(&dup), 7, Some(a))
        .unwrap();
    let IngestOutcome::NearDuplicate { doc_id, of } = out else {
        panic!("expected a near-duplicate, got {out:?}")
    };
    assert_eq!(of, a);
    assert_ne!(doc_id, a);
    assert_eq!(store.stats().unwrap().near_duplicates, 1);
    // Listings skip near-duplicates unless asked.
    let events = store.list_events(&EventFilter::default()).unwrap();
    assert!(events.iter().all(|e| e.doc_id == a));
    let all = store
        .list_events(&EventFilter {
            include_near_duplicates: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.len(), 2 * events.len());

    let other = rich_doc("c", "Hakan Fidan", None, "three");
    let err = store
        .put_document(&other, &hash_of(&other), 7, Some(999))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownNearDuplicate(999)),
        "{err}"
    );
    assert_eq!(
        store.stats().unwrap().documents,
        2,
        "a failed put stores nothing"
    );
}

#[test]
fn shared_kb_id_shares_one_actor() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &person_doc("d1", "Hakan Fidan", Some("person:fidan"), &[]),
    );
    // Another spelling, same kb id.
    put(
        &mut store,
        &person_doc(
            "d2",
            "Hakan Fidân",
            Some("person:fidan"),
            &["the spymaster"],
        ),
    );
    let ids = actor_named(&store, "person:fidan");
    assert_eq!(ids.len(), 1);
    let detail = store.actor_detail("person:fidan").unwrap().unwrap();
    assert_eq!(detail.summary.texts, 2);
    assert_eq!(detail.summary.mentions, 2);
    assert!(detail
        .summary
        .aliases
        .contains(&"the spymaster".to_string()));
    assert_eq!(detail.joins.len(), 2);
    assert_eq!(detail.joins[0].reason, "new (kb id person:fidan)");
    assert_eq!(detail.joins[1].reason, "kb id person:fidan");
    // Both Ankara entities share a kb-less actor on the same single-token GPE name.
    let ankara = store.actor_detail("Ankara").unwrap().unwrap();
    assert_eq!(ankara.summary.texts, 2);
}

#[test]
fn lone_names_do_not_merge_without_evidence() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &person_doc("d1", "Fidan", None, &[]));
    put(&mut store, &person_doc("d2", "Fidan", None, &[]));
    assert_eq!(
        actor_named(&store, "Fidan").len(),
        2,
        "two bare 'Fidan' stay apart"
    );

    // Once an article ties "Fidan" to a full name, a later bare "Fidan" follows that alias ...
    put(
        &mut store,
        &person_doc("d3", "Hakan Fidan", None, &["Fidan"]),
    );
    put(&mut store, &person_doc("d4", "Fidan", None, &[]));
    let hakan = store.actor_detail("Hakan Fidan").unwrap().unwrap();
    assert_eq!(hakan.summary.texts, 2);
    assert_eq!(
        hakan.joins[1].reason,
        "'fidan' is an alias of exactly one PERSON actor"
    );
    // ... but not once a second full name claims the same alias.
    put(
        &mut store,
        &person_doc("d5", "Ahmet Fidan", None, &["Fidan"]),
    );
    put(&mut store, &person_doc("d6", "Fidan", None, &[]));
    assert_eq!(
        store
            .actor_detail("Hakan Fidan")
            .unwrap()
            .unwrap()
            .summary
            .texts,
        2
    );
    let d6 = store.load_document("d6").unwrap().unwrap();
    assert_eq!(d6.entities[0].name, "Fidan");
    let all_fidans = store
        .list_actors(&ActorFilter {
            name: Some("fidan".into()),
            kind: Some(EntityKind::Person),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all_fidans.len(), 5, "{all_fidans:#?}");
}

#[test]
fn full_names_merge_only_with_a_compatible_kind() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &person_doc("d1", "Ahmet Davutoğlu", None, &[]));
    put(&mut store, &person_doc("d2", "Ahmet Davutoglu", None, &[]));
    let ids = actor_named(&store, "ahmet davutoglu");
    assert_eq!(ids.len(), 1);
    let detail = store.actor_detail("Ahmet Davutoglu").unwrap().unwrap();
    assert_eq!(
        detail.joins[1].reason,
        "same full name 'ahmet davutoglu' and kind PERSON"
    );

    let mut org = person_doc("d3", "Ahmet Davutoglu", None, &[]);
    org.entities[0].kind = EntityKind::Org;
    org.mentions[0].kind = EntityKind::Org;
    put(&mut store, &org);
    assert_eq!(actor_named(&store, "ahmet davutoglu").len(), 2);

    // A kb id attaches to the kb-less PERSON actor of that name; after that, a different kb id
    // is a different actor even with the same name.
    put(
        &mut store,
        &person_doc("d4", "Ahmet Davutoglu", Some("person:one"), &[]),
    );
    assert_eq!(actor_named(&store, "ahmet davutoglu").len(), 2);
    put(
        &mut store,
        &person_doc("d4b", "Ahmet Davutoglu", Some("person:other"), &[]),
    );
    assert_eq!(actor_named(&store, "ahmet davutoglu").len(), 3);
    assert_eq!(
        store
            .actor_detail("person:one")
            .unwrap()
            .unwrap()
            .summary
            .texts,
        3
    );
    // No kb id on the first actor: a later kb id attaches to it.
    put(&mut store, &person_doc("d5", "Ali Veli", None, &[]));
    put(
        &mut store,
        &person_doc("d6", "Ali Veli", Some("person:ali-veli"), &[]),
    );
    let ali = store.actor_detail("person:ali-veli").unwrap().unwrap();
    assert_eq!(ali.summary.texts, 2);
    assert!(
        ali.joins[1]
            .reason
            .ends_with("kb id person:ali-veli attached"),
        "{}",
        ali.joins[1].reason
    );
}

#[test]
fn overrides_survive_reingest() {
    let mut store = Store::open_in_memory().unwrap();
    let docs = vec![
        person_doc("d1", "Hakan Fidan", None, &["Fidan", "H. Fidan"]),
        person_doc("d2", "H. Fidan", None, &[]),
        person_doc("d3", "Fidan", None, &[]),
    ];
    for d in &docs {
        put(&mut store, d);
    }
    // "H. Fidan" ("h fidan", two tokens) names d1's alias → joined already; make an unrelated
    // actor to merge: a misspelt full name.
    let odd = person_doc("d4", "Hakan Fydan", None, &[]);
    put(&mut store, &odd);
    let hakan = actor_named(&store, "Hakan Fidan")[0];
    let fydan = actor_named(&store, "Hakan Fydan")[0];
    assert_ne!(hakan, fydan);

    store.merge_actors("Hakan Fidan", "Hakan Fydan").unwrap();
    assert_eq!(
        actor_named(&store, "Hakan Fydan"),
        vec![hakan],
        "the absorbed name leads to the survivor"
    );
    // d3's bare "Fidan" joined Hakan Fidan through the alias; the analyst says it is someone else.
    assert_eq!(
        store
            .actor_detail("Hakan Fidan")
            .unwrap()
            .unwrap()
            .summary
            .texts,
        4
    );
    let lone = store.split_alias("Hakan Fidan", "Fidan").unwrap();
    let check = |store: &Store| {
        let detail = store.actor_detail(&hakan.to_string()).unwrap().unwrap();
        assert_eq!(detail.summary.texts, 3, "d1, d2, d4: {:#?}", detail.joins);
        assert!(!detail.summary.aliases.iter().any(|a| a == "Fidan"));
        assert!(detail.summary.aliases.iter().any(|a| a == "Hakan Fydan"));
        let split = store.actor_detail(&lone.to_string()).unwrap().unwrap();
        assert_eq!(split.summary.name, "Fidan");
        // d1 wrote "Fidan" as an alias but has no such mention; d3's entity moved whole.
        assert_eq!(split.summary.texts, 1);
        assert_eq!(split.as_source.len(), 1);
        assert_eq!(split.as_source[0].doc_name, "d3");
    };
    check(&store);
    assert_eq!(store.overrides().unwrap().len(), 2);
    let before = store.stats().unwrap();

    // Re-running the same ingest changes nothing ...
    for d in docs.iter().chain([&odd]) {
        assert!(matches!(
            store.put_document(d, &hash_of(d), 42, None).unwrap(),
            IngestOutcome::Unchanged { .. }
        ));
    }
    check(&store);
    // ... and deleting and re-putting every document re-applies the corrections.
    for name in ["d1", "d2", "d3", "d4"] {
        assert!(store.delete_document(name).unwrap());
    }
    assert_eq!(store.stats().unwrap().mentions, 0);
    for d in docs.iter().chain([&odd]) {
        put(&mut store, d);
    }
    check(&store);
    let after = store.stats().unwrap();
    assert_eq!(
        (
            after.actors,
            after.merged_actors,
            after.mentions,
            after.events
        ),
        (
            before.actors,
            before.merged_actors,
            before.mentions,
            before.events
        )
    );
    let d3 = store.actor_detail(&lone.to_string()).unwrap().unwrap();
    assert!(
        d3.joins[0].reason.contains("split off actor"),
        "{}",
        d3.joins[0].reason
    );
}

#[test]
fn a_split_follows_its_actor_through_a_later_merge() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &person_doc("d0", "Hakan F. Fidan", None, &[]));
    put(
        &mut store,
        &person_doc("d1", "Hakan Fidan", None, &["Fidan"]),
    );
    put(&mut store, &person_doc("d2", "Fidan", None, &[]));
    let lone = store.split_alias("Hakan Fidan", "Fidan").unwrap();
    store.merge_actors("Hakan F. Fidan", "Hakan Fidan").unwrap();
    let survivor = actor_named(&store, "Hakan F. Fidan")[0];
    assert_eq!(actor_named(&store, "Hakan Fidan"), vec![survivor]);
    put(&mut store, &person_doc("d3", "Fidan", None, &[]));
    let split = store.actor_detail(&lone.to_string()).unwrap().unwrap();
    let docs: Vec<_> = split.joins.iter().map(|j| j.doc_name.as_str()).collect();
    assert_eq!(docs, ["d2", "d3"], "{:#?}", split.joins);
    assert_eq!(
        store
            .actor_detail(&survivor.to_string())
            .unwrap()
            .unwrap()
            .summary
            .texts,
        2
    );
}

#[test]
fn corrections_refuse_nonsense_with_advice() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &person_doc("d1", "Fidan", None, &[]));
    put(&mut store, &person_doc("d2", "Fidan", None, &[]));
    put(&mut store, &person_doc("d3", "Hakan Fidan", None, &[]));
    let err = store.merge_actors("Hakan Fidan", "Fidan").unwrap_err();
    assert!(
        matches!(&err, StoreError::AmbiguousActor { candidates, .. } if candidates.len() == 2),
        "{err}"
    );
    assert!(err.to_string().contains("name one by its id"));
    assert!(matches!(
        store.merge_actors("Hakan Fidan", "Nobody").unwrap_err(),
        StoreError::ActorNotFound(_)
    ));
    assert!(matches!(
        store
            .merge_actors("Hakan Fidan", "hakan fidan")
            .unwrap_err(),
        StoreError::InvalidOverride(_)
    ));
    assert!(matches!(
        store.split_alias("Hakan Fidan", "Hakan Fidan").unwrap_err(),
        StoreError::InvalidOverride(_)
    ));
    assert!(matches!(
        store.split_alias("Hakan Fidan", "Spymaster").unwrap_err(),
        StoreError::InvalidOverride(_)
    ));
    assert_eq!(store.stats().unwrap().overrides, 0);
}

#[test]
fn events_filter_by_actor_type_and_date() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &rich_doc("a", "Hakan Fidan", Some("person:fidan"), "one"),
    );
    let mut later = rich_doc("b", "Hakan Fidan", Some("person:fidan"), "two");
    later.events[0].date = Some("2015".into());
    later.anchor = None;
    later.meta.published = Some("2015-06-01".into());
    put(&mut store, &later);

    let all = store.list_events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), 6);
    let dates: Vec<_> = all
        .iter()
        .map(|e| e.effective_date.clone().unwrap())
        .collect();
    // Chronological by the start of each period: "2013-W40" only says 2013, so it comes first.
    assert_eq!(
        dates,
        [
            "2013-W40",
            "2013-W40",
            "2013-10-05",
            "2013-10-10",
            "2015",
            "2015-06-01"
        ]
    );

    // Either side: Iran is only ever a target.
    let iran = store
        .list_events(&EventFilter {
            actor: Some("Iran".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(iran.len(), 2);
    assert!(iran
        .iter()
        .all(|e| e.target.as_ref().unwrap().name == "Iran"));
    // By alias.
    let fidan = store
        .list_events(&EventFilter {
            actor: Some("Fidan".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(fidan.len(), 4);
    let arrests = store
        .list_events(&EventFilter {
            event_type: Some("coerce".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(arrests.len(), 2);
    assert_eq!(arrests[0].quantities, vec!["11 suspects".to_string()]);
    assert_eq!(arrests[0].attribution.len(), 2);
    assert_eq!(
        arrests[0].source.as_ref().unwrap().name,
        "Millî İstihbarat Teşkilatı"
    );
    assert!(arrests[0].evidence.starts_with("According to officials"));
    assert_eq!(arrests[0].trigger, "arrested");

    // The REJECT events have no date of their own: they take the document's.
    let rejects = store
        .list_events(&EventFilter {
            event_type: Some("REJECT".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rejects[0].date_from, Some(DateSource::Document));
    assert_eq!(rejects[0].effective_date.as_deref(), Some("2013-10-10"));
    assert_eq!(
        rejects[1].effective_date.as_deref(),
        Some("2015-06-01"),
        "publication date when no anchor"
    );

    // "2015" (a year) reaches into 2015-03, as does b's undated REJECT (published 2015-06-01);
    // b's COERCE keeps its own 2013 date.
    let since = store
        .list_events(&EventFilter {
            since: Some("2015-03".into()),
            ..Default::default()
        })
        .unwrap();
    let got: Vec<_> = since
        .iter()
        .map(|e| (e.doc_name.as_str(), e.event_type.as_str()))
        .collect();
    assert_eq!(got, [("b", "CONSULT"), ("b", "REJECT")]);
    // Up to October 2013: all of a, and b's COERCE ("2013-W40" counts as the year 2013).
    let until = store
        .list_events(&EventFilter {
            until: Some("2013-10".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(until.len(), 4, "{until:#?}");
    let newest = store
        .list_events(&EventFilter {
            newest_first: true,
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest[0].doc_name, "b");
    let in_doc = store
        .list_events(&EventFilter {
            document: Some("a".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(in_doc.len(), 3);
    assert!(matches!(
        store.list_events(&EventFilter {
            actor: Some("Nobody".into()),
            ..Default::default()
        }),
        Err(StoreError::ActorNotFound(_))
    ));
}

#[test]
fn actor_detail_gives_roles_timeline_aliases_and_evidence() {
    let mut store = Store::open_in_memory().unwrap();
    let mut late = rich_doc("late", "Hakan Fidan", Some("person:fidan"), "two");
    late.roles[0].as_of = Some("2017-01-01".into());
    late.roles[0].status = RoleStatus::Former;
    put(&mut store, &late);
    put(
        &mut store,
        &rich_doc("early", "Hakan Fidan", Some("person:fidan"), "one"),
    );
    let d = store.actor_detail("Fidan").unwrap().unwrap();
    assert_eq!(d.summary.name, "Hakan Fidan");
    assert_eq!(d.summary.kb_id.as_deref(), Some("person:fidan"));
    assert_eq!(d.summary.country.as_deref(), Some("TUR"));
    let as_of: Vec<_> = d
        .roles
        .iter()
        .map(|r| r.as_of.as_deref().unwrap())
        .collect();
    assert_eq!(as_of, ["2013-10-10", "2017-01-01"]);
    assert_eq!(d.roles[0].doc_name, "early");
    assert_eq!(d.roles[1].status, RoleStatus::Former);
    assert_eq!(
        d.roles[0].org.as_ref().unwrap().name,
        "Millî İstihbarat Teşkilatı"
    );
    assert_eq!(
        d.roles[0].evidence,
        "Türkiye’s intelligence chief Hakan Fidan"
    );
    assert!(d.roles[0]
        .sentence
        .ends_with("The Washington Post reported."));
    assert_eq!(d.aliases.len(), 1);
    assert_eq!(
        (
            d.aliases[0].alias.as_str(),
            d.aliases[0].first_doc_name.as_deref()
        ),
        ("Fidan", Some("late"))
    );
    assert_eq!(d.as_source.len(), 4);
    assert!(d.as_target.is_empty());
    let mit = store.actor_detail("MIT").unwrap().unwrap();
    assert_eq!(mit.summary.kb_id.as_deref(), Some("spy:TUR-MIT"));
    assert!(store.actor_detail("Nobody").unwrap().is_none());

    let orgs = store
        .list_actors(&ActorFilter {
            kind: Some(EntityKind::Org),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<_> = orgs.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"The Washington Post"));
    let limited = store
        .list_actors(&ActorFilter {
            limit: Some(1),
            min_texts: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(limited.len(), 1);
}

#[test]
fn inconsistent_documents_are_refused_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let mut doc = rich_doc("bad", "Hakan Fidan", None, "x");
    doc.events[1].target = Some(99);
    let err = store.put_document(&doc, "h", 0, None).unwrap_err();
    assert!(
        err.to_string()
            .contains("event 1 target points to entity 99"),
        "{err}"
    );
    let mut doc = rich_doc("bad", "Hakan Fidan", None, "x");
    doc.mentions[0].span.end = doc.text.find('’').unwrap() + 1; // inside the 3-byte apostrophe
    doc.mentions[0].span.start = 0;
    assert!(matches!(
        store.put_document(&doc, "h", 0, None),
        Err(StoreError::InvalidDocument { .. })
    ));
    assert_eq!(store.stats().unwrap().documents, 0);
}

#[test]
fn newer_or_foreign_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 4)
        .unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(
        err.to_string().contains(&format!(
            "schema {} > {SCHEMA_VERSION}): upgrade mosaic",
            SCHEMA_VERSION + 4
        )),
        "{err}"
    );

    let garbage = dir.path().join("notes.txt");
    std::fs::write(&garbage, "x".repeat(5000)).unwrap();
    let err = Store::open(&garbage).err().expect("refused");
    assert!(matches!(err, StoreError::Open { .. }), "{err}");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert!(matches!(
        Store::open(&foreign),
        Err(StoreError::NotMosaic { .. })
    ));
}

#[test]
fn typical_documents_store_and_assign() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..20 {
        put(&mut store, &typical_doc(i));
    }
    let doc = typical_doc(3);
    assert_eq!(
        as_json(&store.load_document("article-00003").unwrap().unwrap()),
        as_json(&doc)
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 20);
    assert_eq!(stats.events, 200);
    // Every name recurs in each article: one actor each.
    assert_eq!(
        stats.actors,
        14,
        "{:#?}",
        store.list_actors(&ActorFilter::default()).unwrap()
    );
    assert_eq!(stats.sources, 3);
}
