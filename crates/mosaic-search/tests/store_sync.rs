//! The index kept in step with a real store: built while documents are stored, documents
//! deleted or added behind its back, corrections, an interrupted update.

use mosaic_core::{ArticleMeta, Document};
use mosaic_extract::{ExtractOptions, Extractor};
use mosaic_search::store::{index_path, is_current, sync, RebuildReason, StoreIndexer, SyncAction};
use mosaic_search::{HitKind, SearchFilter, SearchIndex, SearchQuery};
use mosaic_store::Store;

const TEXTS: [(&str, &str); 3] = [
    ("baku.txt", "Azerbaijan's State Security Service detained six men in Lankaran on Monday, accusing them of spying for Iran."),
    ("ankara.txt", "Turkey's National Intelligence Organization captured an ISIS courier in Istanbul, officials said on Tuesday."),
    ("amman.txt", "Jordan's General Intelligence Department foiled a plot to smuggle weapons from Syria, the agency said."),
];

fn put(store: &mut Store, ex: &Extractor, i: usize) -> i64 {
    let (name, text) = TEXTS[i];
    let meta = ArticleMeta {
        name: name.into(),
        outlet: Some(format!("Outlet {i}")),
        published: Some(format!("2025-0{}-10", i + 1)),
        origin: format!("/corpus/{name}"),
        ..Default::default()
    };
    let doc = ex.annotate(Document::new(meta, text.into()));
    let hash = format!("hash-{i}");
    let simhash = 0x9E37_79B9_7F4A_7C15u64.wrapping_mul(i as u64 + 1);
    store
        .put_document(&doc, &hash, simhash, None)
        .unwrap()
        .doc_id()
}

fn articles(index: &SearchIndex, text: &str) -> Vec<String> {
    let r = index
        .search(&SearchQuery {
            text: text.into(),
            kind: HitKind::Articles,
            filter: SearchFilter::default(),
            limit: 10,
        })
        .unwrap();
    r.articles.into_iter().map(|h| h.article.name).collect()
}

fn setup() -> (tempfile::TempDir, Store, Extractor) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let ex = Extractor::new(&ExtractOptions {
        models: None,
        rules_only: true,
    });
    (dir, store, ex)
}

#[test]
fn ingest_indexing_deletion_and_additions_behind_the_index_back() {
    let (_dir, mut store, ex) = setup();
    let mut ix = StoreIndexer::open(&store)
        .unwrap()
        .expect("a file store has an index");
    assert_eq!(
        ix.opened,
        SyncAction::Rebuilt {
            documents: 0,
            reason: RebuildReason::NoIndex
        }
    );
    for i in 0..2 {
        let id = put(&mut store, &ex, i);
        ix.add(&store, id).unwrap();
    }
    ix.finish(&store).unwrap();
    let mut index = SearchIndex::open(&index_path(store.path())).unwrap();
    assert!(is_current(&index, &store).unwrap());
    assert_eq!(articles(&index, "Lankaran"), vec!["baku.txt"]);
    let (claims, docs) = index.counts().unwrap();
    assert_eq!(
        (claims as i64, docs),
        (store.stats().unwrap().events as i64, 2)
    );

    store.delete_document("baku.txt").unwrap();
    put(&mut store, &ex, 2);
    assert!(
        !is_current(&index, &store).unwrap(),
        "the index knows it is behind"
    );
    assert_eq!(
        sync(&mut index, &store).unwrap(),
        SyncAction::Updated {
            added: 1,
            removed: 1
        }
    );
    assert!(
        articles(&index, "Lankaran").is_empty(),
        "a deleted document's hits are gone"
    );
    assert_eq!(articles(&index, "smuggle"), vec!["amman.txt"]);
    assert_eq!(sync(&mut index, &store).unwrap(), SyncAction::UpToDate);
}

#[test]
fn corrections_and_unknown_states_rebuild() {
    let (_dir, mut store, ex) = setup();
    for i in 0..3 {
        put(&mut store, &ex, i);
    }
    let mut index = SearchIndex::open(&index_path(store.path())).unwrap();
    assert!(matches!(
        sync(&mut index, &store).unwrap(),
        SyncAction::Rebuilt {
            documents: 3,
            reason: RebuildReason::NoIndex
        }
    ));
    store.merge_actors("Turkey", "Jordan").unwrap();
    assert!(matches!(
        sync(&mut index, &store).unwrap(),
        SyncAction::Rebuilt {
            reason: RebuildReason::CorrectionsChanged,
            ..
        }
    ));
    index.commit::<()>(None).unwrap();
    drop(index);
    let mut index = SearchIndex::open(&index_path(store.path())).unwrap();
    assert!(matches!(
        sync(&mut index, &store).unwrap(),
        SyncAction::Rebuilt {
            documents: 3,
            reason: RebuildReason::UnknownState
        }
    ));
}
