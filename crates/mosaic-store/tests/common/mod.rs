//! Documents built by hand for the store tests and the benchmark.
#![allow(dead_code)]

use mosaic_core::{
    ArticleMeta, Attribution, DateAnchor, Diagnostic, Document, Entity, EntityKind, Event,
    EventMode, EventType, Granularity, Mention, MentionSource, Modality, OffsetMap, Role,
    RoleStatus, Sentence, Severity, Span, TimeExpression, Token,
};

/// Builds a text piece by piece, remembering where each piece landed.
pub struct TextBuilder {
    pub text: String,
}

impl TextBuilder {
    pub fn new() -> Self {
        TextBuilder {
            text: String::new(),
        }
    }
    pub fn push(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        Span::new(start, self.text.len())
    }
}

/// Whitespace tokens with a fake tag, so the token table round-trips something non-trivial.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = &text[s..i];
                let n = out.len();
                out.push(Token {
                    span: Span::new(s, i),
                    tag: if word.starts_with(char::is_uppercase) {
                        "NNP".into()
                    } else {
                        "NN".into()
                    },
                    pos: "NOUN".into(),
                    lemma: word.to_lowercase(),
                    dep: if n == 0 { "ROOT".into() } else { "dep".into() },
                    head: n.saturating_sub(1),
                    whitespace_after: i < text.len(),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

pub fn entity(
    name: &str,
    kind: EntityKind,
    kb: Option<&str>,
    aliases: &[&str],
    mentions: Vec<usize>,
) -> Entity {
    Entity {
        name: name.into(),
        kind,
        kb_id: kb.map(Into::into),
        sector: kb.map(|_| "GOV".into()),
        country: kb.map(|_| "TUR".into()),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        mentions,
        reasons: vec![format!("grouped '{name}' by rule")],
    }
}

pub fn mention(
    doc: &Document,
    span: Span,
    kind: EntityKind,
    entity: usize,
    source: MentionSource,
) -> Mention {
    Mention {
        span,
        text: doc.text[span.range()].to_string(),
        kind,
        source,
        entity: Some(entity),
        adjectival: false,
    }
}

/// A short article using every annotation kind. `person` is the full name of the spy chief (with
/// his last name as an alias), `person_kb` its kb id; `salt` makes the text (and hash) unique.
pub fn rich_doc(name: &str, person: &str, person_kb: Option<&str>, salt: &str) -> Document {
    let last = person.rsplit(' ').next().unwrap().to_string();
    let mut b = TextBuilder::new();
    let s0a = b.push("Türkiye’s intelligence chief ");
    let p0 = b.push(person);
    b.push(" met ");
    let iran = b.push("Iranian");
    b.push(" officials in ");
    let tehran = b.push("Tehran");
    b.push(" on ");
    let t0 = b.push("5 October 2013");
    b.push(", ");
    let wapo = b.push("The Washington Post");
    let trig0 = b.push(" reported");
    b.push(".");
    let s0 = Span::new(s0a.start, b.text.len());
    b.push(" ");
    let s1a = b.push("");
    let p1 = b.push(&last);
    b.push(" ");
    let trig1 = b.push("denied");
    b.push(" the claims.");
    let s1 = Span::new(s1a.start, b.text.len());
    b.push("\n\n");
    let s2a = b.push("According to officials, ");
    let mit = b.push("MIT");
    b.push(" ");
    let trig2 = b.push("arrested");
    b.push(" ");
    let q = b.push("11 suspects");
    b.push(" in ");
    let ist = b.push("İstanbul");
    b.push(" ");
    let t1 = b.push("last week");
    b.push(".");
    let s2 = Span::new(s2a.start, b.text.len());
    b.push(&format!(" {salt}"));
    let text = b.text;

    let meta = ArticleMeta {
        name: name.into(),
        title: Some(format!("Spy chief in Tehran ({salt})")),
        url: Some(format!("https://example.org/{name}")),
        outlet: Some("Example Times".into()),
        published: Some("2013-10-10".into()),
        origin: format!("/corpus/{name}.txt"),
    };
    let mut doc = Document::new(meta, text);
    doc.offsets = OffsetMap {
        anchors: vec![(0, 0), (s1.start, s1.start + 3)],
    };
    doc.sentences = vec![
        Sentence {
            span: s0,
            paragraph: 0,
        },
        Sentence {
            span: s1,
            paragraph: 0,
        },
        Sentence {
            span: s2,
            paragraph: 1,
        },
    ];
    doc.tokens = tokens(&doc.text);
    use EntityKind::*;
    doc.mentions = vec![
        mention(&doc, p0, Person, 0, MentionSource::Model),
        Mention {
            adjectival: true,
            ..mention(&doc, iran, Norp, 1, MentionSource::Gazetteer)
        },
        mention(&doc, tehran, Gpe, 2, MentionSource::Gazetteer),
        mention(&doc, wapo, Org, 3, MentionSource::Rule),
        mention(&doc, p1, Person, 0, MentionSource::Coreference),
        mention(&doc, mit, Org, 4, MentionSource::Gazetteer),
        mention(&doc, ist, Gpe, 5, MentionSource::Gazetteer),
        Mention {
            span: s0a,
            text: doc.text[s0a.range()].to_string(),
            kind: Org,
            source: MentionSource::Rule,
            entity: None,
            adjectival: false,
        },
    ];
    doc.entities = vec![
        entity(person, Person, person_kb, &[&last], vec![0, 4]),
        entity("Iran", Gpe, Some("state:IRN"), &["Iranian"], vec![1]),
        entity("Tehran", Gpe, None, &[], vec![2]),
        entity("The Washington Post", Org, None, &[], vec![3]),
        entity(
            "Millî İstihbarat Teşkilatı",
            Org,
            Some("spy:TUR-MIT"),
            &["MIT"],
            vec![5],
        ),
        entity("İstanbul", Gpe, None, &[], vec![6]),
    ];
    doc.times = vec![
        TimeExpression {
            span: t0,
            text: "5 October 2013".into(),
            value: "2013-10-05".into(),
            granularity: Granularity::Day,
            relative: false,
        },
        TimeExpression {
            span: t1,
            text: "last week".into(),
            value: "2013-W40".into(),
            granularity: Granularity::Week,
            relative: true,
        },
    ];
    doc.roles = vec![Role {
        person: 0,
        title: "intelligence chief".into(),
        org: Some(4),
        status: RoleStatus::Current,
        as_of: Some("2013-10-10".into()),
        evidence: Span::new(s0a.start, p0.end),
        rule: "title-before-name".into(),
    }];
    doc.events = vec![
        Event {
            event_type: EventType::Consult,
            mode: Some(EventMode::Meet),
            cameo: Some("040".into()),
            source_sector: None,
            target_sector: None,
            source: Some(0),
            target: Some(1),
            modality: Modality::Asserted,
            attribution: vec![Attribution {
                text: "The Washington Post".into(),
                entity: Some(3),
                span: Some(wapo),
            }],
            date: Some("2013-10-05".into()),
            location: Some(2),
            quantities: vec![],
            sentence: s0,
            trigger: trig0,
            rule: "svo-meet".into(),
        },
        Event {
            event_type: EventType::Reject,
            mode: None,
            cameo: None,
            source_sector: None,
            target_sector: None,
            source: Some(0),
            target: None,
            modality: Modality::Denied,
            attribution: vec![],
            date: None,
            location: None,
            quantities: vec![],
            sentence: s1,
            trigger: trig1,
            rule: "deny".into(),
        },
        Event {
            event_type: EventType::Coerce,
            mode: Some(EventMode::Arrest),
            cameo: Some("173".into()),
            source_sector: Some("COP".into()),
            target_sector: None,
            source: Some(4),
            target: None,
            modality: Modality::Alleged,
            attribution: vec![
                Attribution {
                    text: "Example Times".into(),
                    entity: None,
                    span: None,
                },
                Attribution {
                    text: "officials".into(),
                    entity: None,
                    span: Some(Span::new(s2a.start + 13, s2a.start + 22)),
                },
            ],
            date: Some("2013-W40".into()),
            location: Some(5),
            quantities: vec![doc.text[q.range()].to_string()],
            sentence: s2,
            trigger: trig2,
            rule: "svo-arrest".into(),
        },
    ];
    doc.anchor = Some(DateAnchor {
        date: "2013-10-10".into(),
        how: "metadata".into(),
        inferred: false,
    });
    doc.diagnostics = vec![
        Diagnostic {
            stage: "time".into(),
            severity: Severity::Warning,
            message: "week value".into(),
            span: Some(t1),
        },
        Diagnostic {
            stage: "extract".into(),
            severity: Severity::Info,
            message: "no target".into(),
            span: None,
        },
    ];
    doc
}

/// A minimal article whose only entity is one PERSON with the given name.
pub fn person_doc(name: &str, person: &str, kb: Option<&str>, aliases: &[&str]) -> Document {
    let mut b = TextBuilder::new();
    let p = b.push(person);
    b.push(" ");
    let trig = b.push("visited");
    b.push(" ");
    let city = b.push("Ankara");
    b.push(&format!(" ({name})."));
    let sent = Span::new(0, b.text.len());
    let meta = ArticleMeta {
        name: name.into(),
        origin: format!("/corpus/{name}"),
        published: Some("2014-01-02".into()),
        ..Default::default()
    };
    let mut doc = Document::new(meta, b.text);
    doc.sentences = vec![Sentence {
        span: sent,
        paragraph: 0,
    }];
    doc.tokens = tokens(&doc.text);
    doc.mentions = vec![
        mention(&doc, p, EntityKind::Person, 0, MentionSource::Model),
        mention(&doc, city, EntityKind::Gpe, 1, MentionSource::Gazetteer),
    ];
    doc.entities = vec![
        entity(person, EntityKind::Person, kb, aliases, vec![0]),
        entity("Ankara", EntityKind::Gpe, None, &[], vec![1]),
    ];
    doc.events = vec![Event {
        event_type: EventType::Consult,
        mode: None,
        cameo: None,
        source_sector: None,
        target_sector: None,
        source: Some(0),
        target: None,
        modality: Modality::Asserted,
        attribution: vec![],
        date: None,
        location: Some(1),
        quantities: vec![],
        sentence: sent,
        trigger: trig,
        rule: "visit".into(),
    }];
    doc
}

const WORDS: &[&str] = &[
    "the",
    "security",
    "officials",
    "said",
    "on",
    "that",
    "network",
    "operation",
    "border",
    "agency",
    "reported",
    "according",
    "to",
    "sources",
    "in",
    "a",
    "statement",
    "government",
    "ministry",
    "forces",
];
const PEOPLE: &[&str] = &[
    "Hakan Fidan",
    "Ahmet Davutoğlu",
    "Recep Tayyip Erdoğan",
    "Ali Shamkhani",
    "Qasem Soleimani",
    "Mevlüt Çavuşoğlu",
];
const ORGS: &[(&str, Option<&str>)] = &[
    ("MIT", Some("spy:TUR-MIT")),
    ("IRGC", Some("mil:IRN-IRGC")),
    ("Quds Force", None),
    ("PKK", Some("reb:PKK")),
];
const PLACES: &[&str] = &["Ankara", "Tehran", "Istanbul", "Damascus"];

/// A typical article: ~600 words in 30 sentences, 30 mentions of 14 entities, 10 events, 3 roles,
/// 5 time expressions. `i` varies the text so every call has its own content hash.
pub fn typical_doc(i: usize) -> Document {
    let mut b = TextBuilder::new();
    let mut sentences = Vec::new();
    let mut mention_spans: Vec<(Span, usize)> = Vec::new();
    let mut time_spans = Vec::new();
    let names: Vec<(String, EntityKind, Option<String>)> = PEOPLE
        .iter()
        .map(|p| (p.to_string(), EntityKind::Person, None))
        .chain(
            ORGS.iter()
                .map(|(o, kb)| (o.to_string(), EntityKind::Org, kb.map(String::from))),
        )
        .chain(
            PLACES
                .iter()
                .map(|p| (p.to_string(), EntityKind::Gpe, None)),
        )
        .collect();
    for s in 0..30 {
        if s > 0 {
            b.push(" ");
        }
        let sent_start = b.text.len();
        // A name opens three sentences in four, a second name every fourth: ~30 mentions.
        let e = (s + i) % names.len();
        if s % 4 != 3 {
            mention_spans.push((b.push(&names[e].0), e));
        } else {
            b.push("Meanwhile");
        }
        for w in 0..9 {
            b.push(" ");
            b.push(WORDS[(s * 7 + w * 3 + i) % WORDS.len()]);
        }
        if s % 4 == 0 {
            b.push(" ");
            let e2 = (s + i + 5) % names.len();
            mention_spans.push((b.push(&names[e2].0), e2));
        }
        if s % 6 == 0 {
            b.push(" on ");
            time_spans.push(b.push(&format!("{} March 2014", 1 + (s + i) % 28)));
        }
        for w in 0..8 {
            b.push(" ");
            b.push(WORDS[(s * 5 + w + i * 3) % WORDS.len()]);
        }
        b.push(&format!(" {i}."));
        sentences.push(Sentence {
            span: Span::new(sent_start, b.text.len()),
            paragraph: s / 4,
        });
    }
    let meta = ArticleMeta {
        name: format!("article-{i:05}"),
        title: Some(format!("Typical article {i}")),
        url: Some(format!("https://news.example/{i}")),
        outlet: Some(["Reuters", "AP", "Hürriyet"][i % 3].into()),
        published: Some(format!("2014-03-{:02}", 1 + i % 28)),
        origin: format!("corpus.jsonl#{i}"),
    };
    let mut doc = Document::new(meta, b.text);
    doc.sentences = sentences;
    doc.tokens = tokens(&doc.text);
    doc.mentions = mention_spans
        .iter()
        .map(|&(span, e)| Mention {
            span,
            text: doc.text[span.range()].to_string(),
            kind: names[e].1,
            source: MentionSource::Model,
            entity: Some(e),
            adjectival: false,
        })
        .collect();
    doc.entities = names
        .iter()
        .enumerate()
        .map(|(e, (name, kind, kb))| Entity {
            name: name.clone(),
            kind: *kind,
            kb_id: kb.clone(),
            sector: kb.as_ref().map(|_| "SPY".into()),
            country: None,
            aliases: if *kind == EntityKind::Person {
                vec![name.rsplit(' ').next().unwrap().to_string()]
            } else {
                vec![]
            },
            mentions: doc
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.entity == Some(e))
                .map(|(k, _)| k)
                .collect(),
            reasons: vec!["same name".into()],
        })
        .collect();
    doc.times = time_spans
        .iter()
        .map(|&span| TimeExpression {
            span,
            text: doc.text[span.range()].to_string(),
            value: format!("2014-03-{:02}", 1 + (span.start % 28)),
            granularity: Granularity::Day,
            relative: false,
        })
        .collect();
    doc.roles = (0..3)
        .map(|r| Role {
            person: r,
            title: "minister".into(),
            org: Some(6 + r % 4),
            status: if r == 2 {
                RoleStatus::Former
            } else {
                RoleStatus::Current
            },
            as_of: Some("2014-03-01".into()),
            evidence: doc.sentences[r].span,
            rule: "appositive".into(),
        })
        .collect();
    doc.events = (0..10)
        .map(|k| {
            let sent = doc.sentences[k * 3].span;
            Event {
                event_type: [
                    EventType::Coerce,
                    EventType::Consult,
                    EventType::Accuse,
                    EventType::Assault,
                    EventType::Agree,
                ][k % 5],
                mode: None,
                cameo: None,
                source_sector: None,
                target_sector: None,
                source: Some(k % 6),
                target: Some(6 + k % 8),
                modality: Modality::Asserted,
                attribution: vec![Attribution {
                    text: "officials".into(),
                    entity: None,
                    span: None,
                }],
                date: (k % 2 == 0).then(|| "2014-03-05".to_string()),
                location: Some(10 + k % 4),
                quantities: vec![],
                sentence: sent,
                trigger: Span::new(sent.start, sent.start + 3),
                rule: "svo".into(),
            }
        })
        .collect();
    doc.anchor = Some(DateAnchor {
        date: doc.meta.published.clone().unwrap(),
        how: "metadata".into(),
        inferred: false,
    });
    doc
}

/// A stand-in content hash (the real one comes from the ingest crate).
pub fn hash_of(doc: &Document) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    doc.text.hash(&mut h);
    format!("{:016x}", h.finish())
}
