//! Mosaic's world knowledge base and alias matcher.
//!
//! The knowledge base lists the actors news about the Middle East, the Caucasus, Central Asia and
//! the G20 talks about: every country and territory (from the `keshvar` dataset, corrected and
//! extended by hand), regions, capitals and major cities, intelligence and security services,
//! ministries, armed forces and police, armed and designated groups, international organisations
//! and news outlets. Each actor has a stable id, a canonical English name, and every surface form
//! under which it appears (aliases, acronyms, native names, demonyms).
//!
//! [`KnowledgeBase::lookup`] answers "which actors can this name denote" and
//! [`KnowledgeBase::find_in_text`] finds every known name in a text (longest match, word bounded,
//! case- and diacritic-insensitive except for short acronyms). Ambiguity is kept, never resolved
//! here: "National Security Service" yields both Armenia's and Azerbaijan's service and the
//! resolver chooses by country context.
//!
//! The data lives in `data/*.toml` (schema in the crate README) and is compiled into the binary.

mod fold;
mod import;
mod load;
mod matcher;
mod phoenix;

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::sync::OnceLock;

use mosaic_core::EntityKind;
use serde::{Deserialize, Serialize};

use crate::load::{Built, Form};
use crate::matcher::Matcher;

/// What kind of thing an actor is; finer than [`EntityKind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorType {
    /// A sovereign state (UN member or observer, or widely treated as a state in news: Kosovo, Taiwan).
    State,
    /// A dependency or territory with its own ISO code, or a constituent country (England).
    Territory,
    /// A state that no longer exists (Soviet Union, Yugoslavia).
    FormerState,
    City,
    /// A province, governorate or other first-level subdivision.
    Province,
    /// A geographic or geopolitical region, sea, mountain range (LOC).
    Region,
    /// An intelligence or security service.
    Agency,
    /// A ministry, department or other civilian government body.
    Ministry,
    /// Armed forces, a service branch, or a paramilitary of a state (IRGC, Quds Force).
    Military,
    Police,
    /// An armed, militant, designated or insurgent non-state group.
    Group,
    /// A political party or movement taking part in politics.
    Party,
    /// An intergovernmental organisation or alliance.
    Igo,
    /// A news outlet or agency.
    Media,
    /// Any other organisation (think tanks, companies, NGOs).
    Org,
    Person,
}

impl ActorType {
    /// The snake_case name used in the data files.
    pub fn as_str(&self) -> &'static str {
        use ActorType::*;
        match self {
            State => "state",
            Territory => "territory",
            FormerState => "former_state",
            City => "city",
            Province => "province",
            Region => "region",
            Agency => "agency",
            Ministry => "ministry",
            Military => "military",
            Police => "police",
            Group => "group",
            Party => "party",
            Igo => "igo",
            Media => "media",
            Org => "org",
            Person => "person",
        }
    }

    /// The id prefixes an actor of this type may use.
    fn id_prefixes(&self) -> &'static [&'static str] {
        use ActorType::*;
        match self {
            State | Territory => &["state", "terr"],
            FormerState => &["former"],
            City => &["city"],
            Province => &["prov"],
            Region => &["reg"],
            Agency => &["spy"],
            Ministry => &["gov"],
            Military => &["mil"],
            Police => &["pol"],
            Group => &["grp"],
            Party => &["party", "grp"],
            Igo => &["igo"],
            Media => &["med"],
            Org => &["org"],
            Person => &["per"],
        }
    }
}

/// How a surface form names an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// The canonical name.
    Name,
    /// Another English name or a common short form.
    Alias,
    Acronym,
    /// The actor's people or adjective ("Iranian", "Azeris"); resolution maps it to the state.
    Demonym,
    /// The name in the actor's own language or a transliteration of it.
    NativeName,
}

/// One entry of the knowledge base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id: `state:TUR`, `city:TUR:ankara`, `spy:TUR:mit`, `grp:pkk`, `igo:nato` …
    pub id: String,
    /// Canonical English name, as news writes it.
    pub name: String,
    pub actor_type: ActorType,
    /// Answer-key type (GPE, LOC, ORG, PERSON).
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-3 code of the actor's country, where it has one.
    pub country: Option<String>,
    /// Id of the body this one belongs to (agency → state, IRGC Intelligence → IRGC).
    pub parent: Option<String>,
    /// Sector code in the spirit of CAMEO/PLOVER actor codes (GOV, MIL, SPY, POL, REB, IGO, MED …).
    pub sector: Option<String>,
    /// Every other name: aliases, acronyms, native names and generated qualified forms.
    pub aliases: Vec<String>,
    /// Demonyms and adjectives (states and territories only).
    pub demonyms: Vec<String>,
    /// For a capital city, the id of its state.
    pub capital_of: Option<String>,
    /// A former state or a defunct organisation.
    pub former: bool,
    /// UN M49 sub-region of a country (from keshvar), e.g. `western-asia`.
    pub region: Option<String>,
    /// Free-text remark from the data file (dates, predecessor, why a form is shared).
    pub note: Option<String>,
    /// Offices a person held (persons only).
    pub roles: Vec<Role>,
}

/// An office a person held: `role` in `org` (an actor id; a state for state offices) between two
/// dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `to = None` means still in office when written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub role: String,
    pub org: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Where the role comes from (`persons.toml`, `Phoenix.Countries.actors.txt:48489`); a data
    /// file's own roles leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One actor a surface form can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AliasHit {
    /// Index into [`KnowledgeBase::actors`].
    pub actor: usize,
    pub how: AliasKind,
}

/// A known name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextHit {
    /// Byte offset of the first character of the name in the original text.
    pub start: usize,
    /// Byte offset just past the name (a possessive `'s` is not included).
    pub end: usize,
    /// Every actor the name can denote; more than one when the form is shared.
    pub candidates: Vec<AliasHit>,
}

/// Counts for `mosaic kb stats`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct KbStats {
    pub actors: usize,
    /// Distinct lookup keys (folded surface forms).
    pub keys: usize,
    /// Keys that name more than one actor.
    pub shared_keys: usize,
    pub by_type: BTreeMap<String, usize>,
    pub by_kind: BTreeMap<String, usize>,
    pub by_sector: BTreeMap<String, usize>,
    /// Non-state actors (agencies, ministries, cities …) by country.
    pub by_country: BTreeMap<String, usize>,
    /// Persons with dated roles, and roles by the year they end (open ones under "open").
    pub persons_with_roles: usize,
    pub roles: usize,
    pub roles_by_decade_end: BTreeMap<String, usize>,
    /// What the Phoenix actor dictionaries added.
    pub phoenix: Option<PhoenixStats>,
}

/// What the Phoenix actor dictionaries added to the hand-written knowledge base.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PhoenixStats {
    pub persons_added: usize,
    pub persons_merged: usize,
    pub organisations_added: usize,
    pub organisations_merged: usize,
    pub dated_roles: usize,
    /// The latest date any imported role mentions: coverage ends about there.
    pub latest_date: Option<String>,
}

impl fmt::Display for KbStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "actors: {}  keys: {}  shared keys: {}",
            self.actors, self.keys, self.shared_keys
        )?;
        let line = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        writeln!(f, "by type:   {}", line(&self.by_type))?;
        writeln!(f, "by kind:   {}", line(&self.by_kind))?;
        writeln!(f, "by sector: {}", line(&self.by_sector))?;
        let mut top: Vec<_> = self.by_country.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = top
            .iter()
            .take(30)
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        writeln!(
            f,
            "by country (top 30, non-state actors): {}",
            top.join(" ")
        )?;
        writeln!(
            f,
            "roles: {} on {} persons; by the decade they end: {}",
            self.roles,
            self.persons_with_roles,
            line(&self.roles_by_decade_end)
        )?;
        if let Some(p) = &self.phoenix {
            writeln!(
                f,
                "Phoenix actor dictionaries (PETRARCH2, MIT): {} persons added and {} merged into known ones, {} organisations and groups added and {} merged, {} dated roles",
                p.persons_added, p.persons_merged, p.organisations_added, p.organisations_merged, p.dated_roles
            )?;
            writeln!(
                f,
                "  coverage ends around {}: later offices come only from persons.toml and from the text",
                p.latest_date.as_deref().map_or("2015", |d| &d[..4])
            )?;
        }
        Ok(())
    }
}

/// The knowledge base: actors, a lookup index from folded names, and a text matcher.
pub struct KnowledgeBase {
    actors: Vec<Actor>,
    forms: Vec<Vec<Form>>,
    sources: Vec<String>,
    by_id: HashMap<String, usize>,
    duplicate_ids: Vec<String>,
    index: HashMap<String, Vec<AliasHit>>,
    matcher: Matcher,
    imported: Option<import::ImportCounts>,
}

const SOURCES: &[(&str, &str)] = &[
    ("states.toml", include_str!("../data/states.toml")),
    ("regions.toml", include_str!("../data/regions.toml")),
    ("cities.toml", include_str!("../data/cities.toml")),
    (
        "intelligence.toml",
        include_str!("../data/intelligence.toml"),
    ),
    ("government.toml", include_str!("../data/government.toml")),
    ("groups.toml", include_str!("../data/groups.toml")),
    ("igos.toml", include_str!("../data/igos.toml")),
    ("media.toml", include_str!("../data/media.toml")),
    ("persons.toml", include_str!("../data/persons.toml")),
];

const COMMON_WORDS: &str = include_str!("../data/common_words.txt");

impl KnowledgeBase {
    /// The knowledge base compiled into the binary, parsed on first use.
    pub fn embedded() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| {
            KnowledgeBase::from_sources_with_phoenix(SOURCES)
                .expect("embedded knowledge base data must parse")
        })
    }

    /// [`Self::from_sources`] plus the Phoenix actor dictionaries merged in (persons with dated
    /// roles, international organisations, armed groups): what [`Self::embedded`] holds.
    pub fn from_sources_with_phoenix(sources: &[(&str, &str)]) -> Result<KnowledgeBase, String> {
        // The dictionaries are read while the hand-written data is built: two cores halve it.
        let (built, parsed) = std::thread::scope(|s| {
            let reading = s.spawn(phoenix::read_all);
            let built = load::build(sources, COMMON_WORDS);
            (
                built,
                reading.join().expect("reading the Phoenix dictionaries"),
            )
        });
        let mut built = built?;
        let counts = import::import_phoenix(&mut built, parsed);
        let mut kb = Self::assemble(built);
        kb.imported = Some(counts);
        Ok(kb)
    }

    /// Builds a knowledge base from keshvar plus the given TOML sources `(file name, contents)`.
    /// Fails only on unparsable data; consistency problems are reported by [`Self::validate`].
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<KnowledgeBase, String> {
        let built = load::build(sources, COMMON_WORDS)?;
        Ok(Self::assemble(built))
    }

    fn assemble(built: Vec<Built>) -> KnowledgeBase {
        let mut actors = Vec::with_capacity(built.len());
        let mut forms = Vec::with_capacity(built.len());
        let mut sources = Vec::with_capacity(built.len());
        let mut by_id = HashMap::default();
        let mut duplicate_ids = Vec::new();
        for (i, b) in built.into_iter().enumerate() {
            if by_id.insert(b.actor.id.clone(), i).is_some() {
                duplicate_ids.push(format!("{} (again in {})", b.actor.id, b.source));
                // The first entry keeps the id.
                let first = actors
                    .iter()
                    .position(|a: &Actor| a.id == b.actor.id)
                    .unwrap_or(i);
                by_id.insert(b.actor.id.clone(), first);
            }
            actors.push(b.actor);
            forms.push(b.forms);
            sources.push(b.source);
        }
        // The matcher's automaton is built beside the lookup index.
        let (index, matcher) = std::thread::scope(|s| {
            let matcher = s.spawn(|| Matcher::new(&forms, COMMON_WORDS));
            let mut index: HashMap<String, Vec<AliasHit>> = HashMap::default();
            index.reserve(forms.len() * 2);
            for (i, fs) in forms.iter().enumerate() {
                for f in fs {
                    let key = mosaic_core::fold_key(&f.text);
                    if key.is_empty() {
                        continue;
                    }
                    let hits = index.entry(key).or_default();
                    if !hits.iter().any(|h| h.actor == i) {
                        hits.push(AliasHit {
                            actor: i,
                            how: f.how,
                        });
                    }
                }
            }
            (index, matcher.join().expect("building the name matcher"))
        });
        KnowledgeBase {
            actors,
            forms,
            sources,
            by_id,
            duplicate_ids,
            index,
            matcher,
            imported: None,
        }
    }

    /// The data file(s) an actor comes from ("persons.toml", "persons.toml + Phoenix…:48489").
    pub fn source_of(&self, id: &str) -> &str {
        self.by_id.get(id).map_or("", |&i| self.sources[i].as_str())
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i])
    }

    /// Index of the actor with this id in [`Self::actors`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every actor, in a stable order (states first).
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All actors a surface form can name, compared by `mosaic_core::fold_key` (case, diacritics,
    /// possessive and a leading "the" ignored).
    pub fn lookup(&self, surface: &str) -> Vec<AliasHit> {
        self.index
            .get(&mosaic_core::fold_key(surface))
            .cloned()
            .unwrap_or_default()
    }

    /// Is the word (any case) one of the ordinary words of `data/common_words.txt`, which a
    /// name equal to it matches only when written with a capital?
    pub fn is_common_word(&self, word: &str) -> bool {
        static SET: OnceLock<BTreeSet<String>> = OnceLock::new();
        SET.get_or_init(|| {
            COMMON_WORDS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        })
        .contains(&word.to_lowercase())
    }

    /// The state a demonym or adjective denotes ("Azeri" → Azerbaijan).
    pub fn state_of_demonym(&self, word: &str) -> Option<&Actor> {
        self.lookup(word)
            .into_iter()
            .find(|h| h.how == AliasKind::Demonym)
            .map(|h| &self.actors[h.actor])
    }

    /// Longest non-overlapping occurrences of known names in `text`. See the crate README for the
    /// matching rules (word boundaries, case-sensitive short acronyms, capitalised common words).
    pub fn find_in_text(&self, text: &str) -> Vec<TextHit> {
        self.matcher.find(text)
    }

    /// Counts by type, kind, sector and country.
    pub fn stats(&self) -> KbStats {
        let mut s = KbStats {
            actors: self.actors.len(),
            keys: self.index.len(),
            ..Default::default()
        };
        s.shared_keys = self.index.values().filter(|v| v.len() > 1).count();
        for a in &self.actors {
            *s.by_type
                .entry(a.actor_type.as_str().to_string())
                .or_default() += 1;
            *s.by_kind.entry(a.kind.as_str().to_string()).or_default() += 1;
            if let Some(sec) = &a.sector {
                *s.by_sector.entry(sec.clone()).or_default() += 1;
            }
            if let Some(c) = &a.country {
                if !matches!(a.actor_type, ActorType::State | ActorType::Territory) {
                    *s.by_country.entry(c.clone()).or_default() += 1;
                }
            }
            if !a.roles.is_empty() {
                s.persons_with_roles += 1;
            }
            for r in &a.roles {
                s.roles += 1;
                let decade =
                    r.to.as_deref()
                        .and_then(|d| d.get(..3))
                        .map_or("open".to_string(), |y| format!("{y}0s"));
                *s.roles_by_decade_end.entry(decade).or_default() += 1;
            }
        }
        s.phoenix = self.imported.as_ref().map(|c| {
            let latest = self
                .actors
                .iter()
                .flat_map(|a| &a.roles)
                .filter(|r| {
                    r.source
                        .as_deref()
                        .is_some_and(|s| s.starts_with("Phoenix"))
                })
                .flat_map(|r| [r.from.as_deref(), r.to.as_deref()])
                .flatten()
                .max()
                .map(str::to_string);
            PhoenixStats {
                persons_added: c.persons,
                persons_merged: c.persons_merged,
                organisations_added: c.organisations,
                organisations_merged: c.organisations_merged,
                dated_roles: c.dated_roles,
                latest_date: latest,
            }
        });
        s
    }

    /// Consistency problems: duplicate ids, dangling references, ids that break the naming
    /// convention, and names claimed by several actors that not every claimant declared as shared.
    pub fn validate(&self) -> Vec<String> {
        let mut problems: Vec<String> = self
            .duplicate_ids
            .iter()
            .map(|d| format!("duplicate id {d}"))
            .collect();
        let countries: BTreeSet<&str> = self
            .actors
            .iter()
            .filter(|a| {
                matches!(
                    a.actor_type,
                    ActorType::State | ActorType::Territory | ActorType::FormerState
                )
            })
            .filter_map(|a| a.country.as_deref())
            .collect();
        for (i, a) in self.actors.iter().enumerate() {
            let src = &self.sources[i];
            let mut p = |m: String| problems.push(format!("{} ({src}): {m}", a.id));
            if a.name.trim().is_empty() {
                p("empty name".into());
            }
            let mut parts = a.id.split(':');
            let prefix = parts.next().unwrap_or("");
            if !a.actor_type.id_prefixes().contains(&prefix) || a.id.split(':').any(str::is_empty) {
                p(format!(
                    "id does not follow the convention for type {}",
                    a.actor_type.as_str()
                ));
            }
            if let Some(seg) = parts
                .next()
                .filter(|s| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()))
            {
                if a.country.as_deref() != Some(seg) {
                    p(format!(
                        "id names country {seg} but country is {:?}",
                        a.country
                    ));
                }
            }
            if let Some(c) = &a.country {
                if !countries.contains(c.as_str()) {
                    p(format!("unknown country {c}"));
                }
            }
            for (what, r) in [("parent", &a.parent), ("capital_of", &a.capital_of)] {
                if let Some(r) = r {
                    if !self.by_id.contains_key(r) {
                        p(format!("dangling {what} {r}"));
                    } else if r == &a.id {
                        p(format!("{what} is itself"));
                    }
                }
            }
            for r in &a.roles {
                if !self.by_id.contains_key(&r.org) {
                    p(format!("role {} in unknown actor {}", r.role, r.org));
                }
                for d in [&r.from, &r.to].into_iter().flatten() {
                    let ok = [4, 7, 10].contains(&d.len())
                        && d.chars().enumerate().all(|(i, c)| {
                            if i == 4 || i == 7 {
                                c == '-'
                            } else {
                                c.is_ascii_digit()
                            }
                        });
                    if !ok {
                        p(format!("bad date {d} in role {}", r.role));
                    }
                }
                if let (Some(f), Some(t)) = (&r.from, &r.to) {
                    if f > t {
                        p(format!("role {} ends before it starts", r.role));
                    }
                }
            }
            if !a.roles.is_empty() && a.actor_type != ActorType::Person {
                p("roles on a non-person".into());
            }
            for form in std::iter::once(&a.name).chain(&a.aliases) {
                if !form.contains(' ') && import::is_body_word(form) {
                    p(format!("'{form}' is a generic word, not a name"));
                }
            }
            if !a.demonyms.is_empty()
                && !matches!(
                    a.actor_type,
                    ActorType::State | ActorType::Territory | ActorType::FormerState
                )
            {
                p("demonyms on a non-state actor".into());
            }
            let expected = match a.actor_type {
                ActorType::State
                | ActorType::Territory
                | ActorType::FormerState
                | ActorType::City
                | ActorType::Province => Some(EntityKind::Gpe),
                ActorType::Person => Some(EntityKind::Person),
                ActorType::Region => None,
                _ => Some(EntityKind::Org),
            };
            if expected.is_some_and(|k| k != a.kind) {
                p(format!(
                    "kind {} does not fit type {}",
                    a.kind.as_str(),
                    a.actor_type.as_str()
                ));
            }
        }
        let mut keys: Vec<_> = self.index.iter().filter(|(_, v)| v.len() > 1).collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for (key, hits) in keys {
            let undeclared: Vec<&str> = hits
                .iter()
                .filter(|h| {
                    !self.forms[h.actor]
                        .iter()
                        .any(|f| f.shared && mosaic_core::fold_key(&f.text) == *key)
                })
                .map(|h| self.actors[h.actor].id.as_str())
                .collect();
            if !undeclared.is_empty() {
                let all: Vec<&str> = hits
                    .iter()
                    .map(|h| self.actors[h.actor].id.as_str())
                    .collect();
                problems.push(format!(
                    "name \"{key}\" is claimed by {} but not declared shared by {}",
                    all.join(", "),
                    undeclared.join(", ")
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests;
