//! The pipeline's working state: the document being annotated plus what stages pass to each
//! other but do not belong in the stored model (the raw parse, knowledge-base candidates).

use mosaic_core::Document;
use mosaic_kb::KnowledgeBase;
use mosaic_nlp::pipeline::Parsed;

pub struct Work<'a> {
    pub doc: Document,
    pub kb: &'a KnowledgeBase,
    /// The statistical parse of `doc.text`, when the model is installed.
    pub parse: Option<Parsed>,
    /// For each mention (same index as `doc.mentions`), the knowledge-base actors it may name.
    pub mention_actors: Vec<Vec<usize>>,
    /// For each entity (same index as `doc.entities`), its knowledge-base actor if any.
    pub entity_actor: Vec<Option<usize>>,
    /// For each token of the parse, the mention covering it (innermost), if any.
    pub token_mention: Vec<Option<usize>>,
}

impl<'a> Work<'a> {
    pub fn new(doc: Document, kb: &'a KnowledgeBase) -> Self {
        Work {
            doc,
            kb,
            parse: None,
            mention_actors: Vec::new(),
            entity_actor: Vec::new(),
            token_mention: Vec::new(),
        }
    }

    /// The entity a mention resolved to.
    pub fn mention_entity(&self, m: usize) -> Option<usize> {
        self.doc.mentions.get(m).and_then(|m| m.entity)
    }

    /// The state (country) an entity stands for in events: itself for a state, the state for its
    /// capital. Places other than capitals stay places.
    pub fn state_of_capital(&self, e: usize) -> Option<usize> {
        let actor = self.entity_actor.get(e).copied().flatten()?;
        let state_id = self.kb.actors()[actor].capital_of.as_ref()?;
        self.entity_actor
            .iter()
            .position(|a| a.is_some_and(|a| &self.kb.actors()[a].id == state_id))
    }
}
