use serde::{Deserialize, Serialize};

use crate::Span;

/// What is known about an article before any text analysis: where it came from and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Stable name of the article (file stem, or `file.jsonl#line` for JSONL records).
    pub name: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// Publication date as an ISO string (`YYYY-MM-DD`), when the source said it.
    pub published: Option<String>,
    /// Where the article was read from (path, with `#N` for a record inside a file).
    pub origin: String,
}

/// One article and everything the pipeline found in it.
///
/// Invariant: every span indexes into `text` on `char` boundaries; every index field
/// (`Token::head`, `Mention::entity`, `Event::source` …) points into the vectors of the same document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    pub meta: ArticleMeta,
    /// The cleaned text every span refers to.
    pub text: String,
    /// Maps cleaned-text offsets back to the source text (see [`OffsetMap`]).
    pub offsets: OffsetMap,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub times: Vec<TimeExpression>,
    pub roles: Vec<Role>,
    pub events: Vec<Event>,
    /// The publication date the time stage anchored on, and how it was obtained.
    pub anchor: Option<DateAnchor>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    pub fn new(meta: ArticleMeta, text: String) -> Self {
        let offsets = OffsetMap::identity(text.len());
        Document {
            meta,
            text,
            offsets,
            ..Default::default()
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// Tokens lying inside `span`, as an index range.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }

    pub fn diagnose(
        &mut self,
        stage: &'static str,
        severity: Severity,
        message: impl Into<String>,
        span: Option<Span>,
    ) {
        self.diagnostics.push(Diagnostic {
            stage: stage.to_string(),
            severity,
            message: message.into(),
            span,
        });
    }
}

/// Maps offsets of the cleaned text back to the original (pre-clean-up) text.
///
/// Stored as sorted anchor pairs `(clean_offset, original_offset)`; between two anchors the
/// texts advance together. Clean-up records an anchor wherever it deletes or rewrites text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OffsetMap {
    pub anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn identity(_len: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, 0)],
        }
    }

    /// The original offset for a cleaned-text offset.
    pub fn to_original(&self, clean: usize) -> usize {
        let i = self.anchors.partition_point(|(c, _)| *c <= clean);
        if i == 0 {
            return clean;
        }
        let (c, o) = self.anchors[i - 1];
        o + (clean - c)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (block of text between blank lines or line breaks) it belongs to.
    pub paragraph: usize,
}

/// A token as the NLP stage produced it. `head` is an index into `Document::tokens`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Penn Treebank fine tag (`NNP`, `VBD` …); empty when no tagger ran.
    pub tag: String,
    /// Universal POS; empty when unknown.
    pub pos: String,
    pub lemma: String,
    /// Dependency label (`nsubj`, `dobj` …); empty when no parser ran.
    pub dep: String,
    pub head: usize,
    pub whitespace_after: bool,
}

/// The coarse type of an actor or place, as the answer keys use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Org,
    /// Countries, cities, provinces.
    Gpe,
    /// Regions, seas, borders and other places.
    Loc,
    /// A demonym or adjective ("Iranian"); resolution maps it to its state.
    Norp,
}

impl EntityKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Gpe => "GPE",
            EntityKind::Loc => "LOC",
            EntityKind::Norp => "NORP",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PER" => EntityKind::Person,
            "ORG" | "ORGANIZATION" => EntityKind::Org,
            "GPE" => EntityKind::Gpe,
            "LOC" | "LOCATION" | "FAC" => EntityKind::Loc,
            "NORP" => EntityKind::Norp,
            _ => return None,
        })
    }
}

/// Which stage or knowledge produced a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionSource {
    /// The knowledge base's alias matcher.
    Gazetteer,
    /// The statistical NER model.
    Model,
    /// A rule over capitalised chunks or cues.
    Rule,
    /// Resolution inside the article (short names, "the Organisation", acronyms).
    Coreference,
}

/// A stretch of text naming an actor or a place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// The surface form as written (`doc.text[span]`), kept for convenience.
    pub text: String,
    pub kind: EntityKind,
    pub source: MentionSource,
    /// The resolved entity (index into `Document::entities`), once resolution ran.
    pub entity: Option<usize>,
    /// A demonym/adjective use ("Iranian officials") rather than a name.
    pub adjectival: bool,
}

/// An actor or place the article talks about, with every name it goes by in the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// Knowledge-base id when resolved to a known actor (`state:TUR`, `spy:TUR-MIT` …).
    pub kb_id: Option<String>,
    /// Actor sector in the spirit of CAMEO/PLOVER (`GOV`, `SPY`, `MIL` …).
    pub sector: Option<String>,
    /// ISO 3166 alpha-3 code of the actor's country, when known.
    pub country: Option<String>,
    /// Every distinct surface form seen in the article, the canonical name excluded.
    pub aliases: Vec<String>,
    /// Indices into `Document::mentions`.
    pub mentions: Vec<usize>,
    /// Why the mentions were grouped and resolved as they were (one line per decision).
    pub reasons: Vec<String>,
}

/// Granularity of a normalised time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Season,
    Year,
    Decade,
    Interval,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeExpression {
    pub span: Span,
    pub text: String,
    /// ISO value as precise as the text allows: `2013-11-01`, `2013-10`, `2013`, `199X`, or
    /// `2016/2018` for an interval.
    pub value: String,
    pub granularity: Granularity,
    /// True when the value depended on the anchor date (relative or year-less expressions).
    pub relative: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateAnchor {
    pub date: String,
    /// `metadata`, or how it was inferred from the text.
    pub how: String,
    pub inferred: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleStatus {
    Current,
    Former,
}

/// A position a person holds or held in an organisation or state, as the text states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub person: usize,
    pub title: String,
    pub org: Option<usize>,
    pub status: RoleStatus,
    /// The date the role is asserted for (the article's anchor unless the text says otherwise).
    pub as_of: Option<String>,
    pub evidence: Span,
    pub rule: String,
}

/// The event types Mosaic codes: PLOVER's sixteen, plus ESPIONAGE (which this domain needs and
/// PLOVER lacks) and OTHER.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Espionage,
    Other,
}

impl EventType {
    /// Every type, in PLOVER's order (cooperative first, then conflictual), ESPIONAGE and OTHER last.
    pub const ALL: [EventType; 18] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
        EventType::Espionage,
        EventType::Other,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Espionage => "ESPIONAGE",
            EventType::Other => "OTHER",
        }
    }

    /// Case-insensitive; `None` for anything that is not one of [`EventType::ALL`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// Material acts (PLOVER's material cooperation and conflict, and spying), as opposed to
    /// verbal ones (agreeing, requesting, accusing, rejecting, threatening, supporting).
    pub fn is_material(&self) -> bool {
        !matches!(
            self,
            EventType::Agree
                | EventType::Support
                | EventType::Request
                | EventType::Accuse
                | EventType::Reject
                | EventType::Threaten
                | EventType::Other
        )
    }

    /// Hostile acts (PLOVER's material and verbal conflict, and spying).
    pub fn is_hostile(&self) -> bool {
        matches!(
            self,
            EventType::Accuse
                | EventType::Reject
                | EventType::Threaten
                | EventType::Protest
                | EventType::Sanction
                | EventType::Mobilize
                | EventType::Coerce
                | EventType::Assault
                | EventType::Espionage
        )
    }
}

/// PLOVER's four "quad" classes of events (the manual gives each type's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuadClass {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl QuadClass {
    pub fn as_str(&self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        }
    }

    pub fn is_cooperation(&self) -> bool {
        matches!(
            self,
            QuadClass::VerbalCooperation | QuadClass::MaterialCooperation
        )
    }
}

impl EventType {
    /// The type's quad class, as the PLOVER manual gives it; ESPIONAGE (Mosaic's own) is
    /// material conflict; OTHER has none.
    pub fn quad(&self) -> Option<QuadClass> {
        use EventType::*;
        Some(match self {
            Agree | Consult | Support | Concede => QuadClass::VerbalCooperation,
            Cooperate | Aid | Retreat => QuadClass::MaterialCooperation,
            Request | Accuse | Reject | Threaten => QuadClass::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault | Espionage => {
                QuadClass::MaterialConflict
            }
            Other => return None,
        })
    }

    /// The PLOVER manual's conflict–cooperation score of the type (−10 … +10; its table's
    /// category rows). The table prints ACCUSE as +3, which contradicts its own modes (−2 to −3.5)
    /// and the earlier table (−2.0): read here as −3. ESPIONAGE, which PLOVER lacks, scores as a
    /// sanction-like hostile act (−6); OTHER scores 0.
    pub fn plover_score(&self) -> f64 {
        use EventType::*;
        match self {
            Agree | Consult => 2.5,
            Support => 5.0,
            Concede => 4.5,
            Cooperate => 9.5,
            Aid => 10.0,
            Retreat => 6.5,
            Request => 0.0,
            Accuse => -3.0,
            Reject => -2.0,
            Threaten => -3.5,
            Protest => -5.0,
            Sanction | Espionage => -6.0,
            Mobilize => -5.5,
            Coerce => -7.0,
            Assault => -9.0,
            Other => 0.0,
        }
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How surely the text asserts an event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    #[default]
    Asserted,
    Alleged,
    Denied,
    Planned,
}

impl Modality {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Planned => "planned",
        }
    }
}

/// One link of an attribution chain: who says the claim, as written in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    pub entity: Option<usize>,
    pub span: Option<Span>,
}

/// How an act was carried out, where the text says it (PLOVER's "mode" in spirit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventMode {
    /// Meetings, visits, calls.
    Meet,
    /// Arrests and detentions.
    Arrest,
    /// Expulsions and deportations.
    Expel,
    /// Convictions and sentences.
    Convict,
    /// Formal charges and indictments.
    Charge,
    /// Summoning a diplomat.
    Summon,
    Kill,
    Kidnap,
}

impl EventMode {
    pub const ALL: [EventMode; 8] = [
        EventMode::Meet,
        EventMode::Arrest,
        EventMode::Expel,
        EventMode::Convict,
        EventMode::Charge,
        EventMode::Summon,
        EventMode::Kill,
        EventMode::Kidnap,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventMode::Meet => "meet",
            EventMode::Arrest => "arrest",
            EventMode::Expel => "expel",
            EventMode::Convict => "convict",
            EventMode::Charge => "charge",
            EventMode::Summon => "summon",
            EventMode::Kill => "kill",
            EventMode::Kidnap => "kidnap",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// A who-did-what-to-whom claim, tied to the sentence that states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: EventType,
    pub mode: Option<EventMode>,
    /// The CAMEO code of the act (`"173"`, `"0231"`), for users of CAMEO/ICEWS/Phoenix data;
    /// `None` for acts only Mosaic's own rules code (espionage).
    #[serde(default)]
    pub cameo: Option<String>,
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// The sector of a generic actor standing for the source ("Serb forces": `MIL`), from the
    /// agent dictionary; the source itself is the country or organisation it belongs to.
    #[serde(default)]
    pub source_sector: Option<String>,
    #[serde(default)]
    pub target_sector: Option<String>,
    pub modality: Modality,
    /// Outlet first, then each cited source in turn.
    pub attribution: Vec<Attribution>,
    /// The event's own date (never the publication date by default).
    pub date: Option<String>,
    pub location: Option<usize>,
    /// Quantities stated with the act ("11 arrests", "a 15-person cell").
    pub quantities: Vec<String>,
    pub sentence: Span,
    pub trigger: Span,
    /// The rule or pattern that fired.
    pub rule: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something a stage noticed and could not or did not act on; extraction never fails, it reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub stage: String,
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
}
