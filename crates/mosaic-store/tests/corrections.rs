//! Reviewable corrections (list, undo, forced merges), the one rule for naming an actor or a
//! document, counts over distinct texts, and what date filters leave out.

mod common;

use common::{hash_of, person_doc, rich_doc};
use mosaic_core::Document;
use mosaic_store::{
    ActorFilter, DocumentFilter, EventFilter, MergeRequest, Pick, Store, StoreError,
};

fn put(store: &mut Store, doc: &Document) -> i64 {
    store
        .put_document(doc, &hash_of(doc), 42, None)
        .unwrap()
        .doc_id()
}

fn one(store: &Store, query: &str) -> i64 {
    match store.pick_actor(query).unwrap() {
        Pick::One(a) => a.id,
        other => panic!("{query:?} should name one actor: {other:?}"),
    }
}

/// Every live actor with its counts and aliases: what a correction and its undo must restore.
fn actors(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = store
        .list_actors(&ActorFilter::default())
        .unwrap()
        .into_iter()
        .map(|a| {
            let mut aliases = a.aliases.clone();
            aliases.sort();
            format!(
                "#{} {} {} {} {aliases:?}",
                a.id, a.name, a.texts, a.mentions
            )
        })
        .collect();
    out.sort();
    out
}

fn merge(store: &mut Store, keep: &str, absorb: &str, force: bool) -> Result<i64, StoreError> {
    store
        .merge(&MergeRequest {
            keep: keep.into(),
            absorb: absorb.into(),
            reason: Some("same person, misspelt".into()),
            force,
        })
        .map(|c| c.id)
}

fn state_doc(name: &str, state: &str, code: &str) -> Document {
    let mut d = person_doc(name, state, None, &[]);
    let e = &mut d.entities[0];
    e.kind = mosaic_core::EntityKind::Gpe;
    d.mentions[0].kind = mosaic_core::EntityKind::Gpe;
    e.kb_id = Some(format!("state:{code}"));
    e.country = Some(code.into());
    d
}

#[test]
fn undoing_a_merge_restores_both_actors_and_stays_undone() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &person_doc("d1", "Hakan Fidan", None, &["H. Fidan"]),
    );
    put(
        &mut store,
        &person_doc("d2", "Hakan Fydan", None, &["H. Fydan"]),
    );
    let before = actors(&store);
    let (hakan, fydan) = (one(&store, "Hakan Fidan"), one(&store, "Hakan Fydan"));

    let n = merge(&mut store, "Hakan Fidan", "Hakan Fydan", false).unwrap();
    assert_eq!(one(&store, "Hakan Fydan"), hakan);
    // Stored after the merge, so joined under it.
    put(&mut store, &person_doc("d3", "Hakan Fydan", None, &[]));
    assert_eq!(
        store
            .actor_dossier(hakan, false)
            .unwrap()
            .unwrap()
            .summary
            .texts,
        3
    );

    let undone = store.undo(n).unwrap();
    assert_eq!(undone.id, n);
    assert_eq!(
        one(&store, "Hakan Fydan"),
        fydan,
        "the absorbed actor stands again"
    );
    let f = store.actor_dossier(fydan, false).unwrap().unwrap();
    assert_eq!(
        f.summary.texts, 2,
        "d2, and d3 stored under the merge: {:#?}",
        f.joins
    );
    assert_eq!(f.as_source.len(), 2, "its events came back with it");
    assert!(f.summary.aliases.contains(&"H. Fydan".to_string()));
    let h = store.actor_dossier(hakan, false).unwrap().unwrap();
    assert_eq!(h.summary.texts, 1);
    assert!(
        !h.summary.aliases.iter().any(|a| a.contains("Fydan")),
        "{:?}",
        h.summary.aliases
    );

    // Replay no longer applies it: a new article and a re-ingest keep the two apart.
    put(&mut store, &person_doc("d4", "Hakan Fydan", None, &[]));
    assert_eq!(
        store
            .actor_dossier(fydan, false)
            .unwrap()
            .unwrap()
            .summary
            .texts,
        3
    );
    assert_eq!(
        store
            .actor_dossier(hakan, false)
            .unwrap()
            .unwrap()
            .summary
            .texts,
        1
    );
    let list = store.corrections().unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].undone_at.is_some());
    assert_eq!(list[0].reason.as_deref(), Some("same person, misspelt"));
    assert!(matches!(store.undo(n), Err(StoreError::CannotUndo { .. })));
    assert!(matches!(
        store.undo(99),
        Err(StoreError::CorrectionNotFound(99))
    ));

    // Undoing right after merging gives back exactly the actors there were.
    let mut fresh = Store::open_in_memory().unwrap();
    put(
        &mut fresh,
        &person_doc("d1", "Hakan Fidan", None, &["H. Fidan"]),
    );
    put(
        &mut fresh,
        &person_doc("d2", "Hakan Fydan", None, &["H. Fydan"]),
    );
    let n = merge(&mut fresh, "Hakan Fidan", "Hakan Fydan", false).unwrap();
    fresh.undo(n).unwrap();
    assert_eq!(actors(&fresh), before);
    assert_eq!(fresh.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn undoing_a_split_folds_the_alias_back() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &person_doc("d1", "Hakan Fidan", None, &["Fidan"]),
    );
    put(&mut store, &person_doc("d2", "Fidan", None, &[]));
    let hakan = one(&store, "Hakan Fidan");
    let before = actors(&store);
    let split = store
        .split("Hakan Fidan", "Fidan", Some("another Fidan"))
        .unwrap();
    assert_ne!(one(&store, "Fidan"), hakan);
    store.undo(split.id).unwrap();
    assert_eq!(actors(&store), before);
    assert_eq!(one(&store, "Fidan"), hakan);
    put(&mut store, &person_doc("d3", "Fidan", None, &[]));
    assert_eq!(
        one(&store, "Fidan"),
        hakan,
        "the split is not replayed any more"
    );
    assert_eq!(
        store
            .actor_dossier(hakan, false)
            .unwrap()
            .unwrap()
            .summary
            .texts,
        3
    );
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn merging_two_states_needs_force_and_numbers_are_never_reused() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &state_doc("d1", "Iran", "IRN"));
    put(&mut store, &state_doc("d2", "Iraq", "IRQ"));
    let err = merge(&mut store, "Iran", "Iraq", false).unwrap_err();
    assert!(matches!(err, StoreError::MergeNeedsForce(_)), "{err}");
    assert!(err.to_string().contains("two states"), "{err}");
    assert!(store.corrections().unwrap().is_empty());
    let n = merge(&mut store, "Iran", "Iraq", true).unwrap();
    assert!(store.corrections().unwrap()[0].forced);
    store.undo(n).unwrap();
    let m = merge(&mut store, "Iran", "Iraq", true).unwrap();
    assert!(m > n, "a new correction gets a new number ({m} after {n})");
    assert_eq!(store.corrections().unwrap().len(), 2);
}

#[test]
fn a_later_correction_on_the_same_actors_must_be_undone_first() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &person_doc("d1", "Hakan Fidan", None, &["Fidan"]),
    );
    put(&mut store, &person_doc("d2", "Hakan Fydan", None, &[]));
    let first = merge(&mut store, "Hakan Fidan", "Hakan Fydan", false).unwrap();
    let second = store.split("Hakan Fidan", "Fidan", None).unwrap().id;
    let err = store.undo(first).unwrap_err();
    assert!(
        err.to_string().contains(&format!("undo #{second} first")),
        "{err}"
    );
    store.undo(second).unwrap();
    store.undo(first).unwrap();
    assert_ne!(one(&store, "Hakan Fidan"), one(&store, "Hakan Fydan"));
}

#[test]
fn one_rule_names_an_actor_and_several_are_listed() {
    let mut store = Store::open_in_memory().unwrap();
    put(
        &mut store,
        &person_doc("d1", "Ali Veli", Some("person:one"), &[]),
    );
    put(
        &mut store,
        &person_doc("d2", "Ali Veli", Some("person:two"), &[]),
    );
    let Pick::Several(both) = store.pick_actor("ali veli").unwrap() else {
        panic!("two actors share the name")
    };
    assert_eq!(both.len(), 2);
    let id = both[1].id;
    assert!(matches!(store.pick_actor(&format!("#{id}")).unwrap(), Pick::One(a) if a.id == id));
    assert!(matches!(
        store.pick_actor("person:one").unwrap(),
        Pick::One(_)
    ));
    assert_eq!(store.pick_actor("Nobody").unwrap(), Pick::None);
    let err = store
        .list_events(&EventFilter {
            actor: Some("Ali Veli".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::AmbiguousActor { .. }),
        "never a silent pick: {err}"
    );
}

#[test]
fn copies_count_once_unless_asked() {
    let mut store = Store::open_in_memory().unwrap();
    let a = put(&mut store, &rich_doc("a.txt", "Hakan Fidan", None, "one"));
    for salt in ["two", "three"] {
        let dup = rich_doc(&format!("{salt}.txt"), "Hakan Fidan", None, salt);
        store
            .put_document(&dup, &hash_of(&dup), 7, Some(a))
            .unwrap();
    }
    let hakan = store.pick_actor("Hakan Fidan").unwrap();
    let Pick::One(h) = hakan else { panic!() };
    assert_eq!((h.texts, h.copies), (1, 3));
    assert_eq!(h.mentions_in_copies, 3 * h.mentions);

    let listing = store.list_documents(&DocumentFilter::default()).unwrap();
    assert_eq!(listing.documents.len(), 1);
    assert_eq!(listing.copies_hidden, 2);
    assert_eq!(listing.documents[0].copies.len(), 2);
    let all = store
        .list_documents(&DocumentFilter {
            include_duplicates: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(all.documents.len(), 3);
    assert_eq!(all.documents[1].copy_of, Some(a));

    let counts = store.event_counts(&EventFilter::default()).unwrap();
    assert_eq!(counts.copies_hidden, 2 * counts.matching);
}

#[test]
fn documents_are_found_with_or_without_their_extension() {
    let mut store = Store::open_in_memory().unwrap();
    let new = put(&mut store, &person_doc("a.json", "Ali Veli", None, &[]));
    let old = put(&mut store, &person_doc("b", "Ali Veli", None, &["x"]));
    for (q, id) in [
        ("a.json", new),
        ("a", new),
        ("b.txt", old),
        ("#1", new),
        ("corpus/b", old),
    ] {
        match store.pick_document(q).unwrap() {
            Pick::One(d) => assert_eq!(d.id, id, "{q}"),
            other => panic!("{q}: {other:?}"),
        }
    }
    assert_eq!(store.pick_document("c").unwrap(), Pick::None);
}

#[test]
fn date_filters_say_how_many_undated_they_left_out() {
    let mut store = Store::open_in_memory().unwrap();
    put(&mut store, &person_doc("dated", "Ali Veli", None, &[]));
    let mut undated = person_doc("undated", "Ali Veli", None, &["x"]);
    undated.meta.published = None;
    put(&mut store, &undated);
    let since = EventFilter {
        since: Some("2014".into()),
        ..Default::default()
    };
    assert_eq!(store.list_events(&since).unwrap().len(), 1);
    let counts = store.event_counts(&since).unwrap();
    assert_eq!((counts.matching, counts.undated_hidden), (1, 1));
    let with = EventFilter {
        include_undated: true,
        ..since
    };
    assert_eq!(store.list_events(&with).unwrap().len(), 2);
    assert_eq!(store.event_counts(&with).unwrap().undated_hidden, 0);

    let docs = store
        .list_documents(&DocumentFilter {
            until: Some("2014-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((docs.documents.len(), docs.undated_hidden), (1, 1));
}
