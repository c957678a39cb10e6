//! Outlet priors and ownership: the file an analyst edits (`data/outlets.toml` is the default).

use std::collections::HashMap;

use mosaic_core::fold_key;
use serde::Deserialize;

const DEFAULT: &str = include_str!("../data/outlets.toml");

/// Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub fn as_char(&self) -> char {
        match self {
            Reliability::A => 'A',
            Reliability::B => 'B',
            Reliability::C => 'C',
            Reliability::D => 'D',
            Reliability::E => 'E',
            Reliability::F => 'F',
        }
    }

    /// The Admiralty wording.
    pub fn meaning(&self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }

    pub fn parse(c: char) -> Option<Reliability> {
        Some(match c.to_ascii_uppercase() {
            'A' => Reliability::A,
            'B' => Reliability::B,
            'C' => Reliability::C,
            'D' => Reliability::D,
            'E' => Reliability::E,
            'F' => Reliability::F,
            _ => return None,
        })
    }
}

/// One outlet of the file.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub reliability: Reliability,
    /// `state:ISO3` for state media, else a group shared by sister outlets.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub wire: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    outlet: Vec<Outlet>,
}

/// The outlets Mosaic knows, by every folded name.
#[derive(Clone, Debug, Default)]
pub struct Outlets {
    outlets: Vec<Outlet>,
    by_key: HashMap<String, usize>,
}

/// A byline as metadata writes it, split into the outlet and the wire it credits:
/// "Rediff.com (ANI)" → ("Rediff.com", Some("ANI")).
pub fn split_credit(byline: &str) -> (&str, Option<&str>) {
    let trimmed = byline.trim();
    if let (Some(open), true) = (trimmed.rfind('('), trimmed.ends_with(')')) {
        let credit = trimmed[open + 1..trimmed.len() - 1].trim();
        let outlet = trimmed[..open].trim();
        if !outlet.is_empty() && !credit.is_empty() {
            return (outlet, Some(credit));
        }
    }
    (trimmed, None)
}

impl Outlets {
    /// Mosaic's default file.
    pub fn embedded() -> Outlets {
        Outlets::parse(DEFAULT).expect("data/outlets.toml parses (tested)")
    }

    /// Reads a file in the format of `data/outlets.toml`; the error names what is wrong.
    pub fn parse(text: &str) -> Result<Outlets, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut out = Outlets::default();
        for o in file.outlet {
            out.insert(o);
        }
        Ok(out)
    }

    /// The defaults with an analyst's file over them: its entries replace those of the same name.
    pub fn with_overrides(text: &str) -> Result<Outlets, String> {
        let mine = Outlets::parse(text)?;
        let mut out = Outlets::embedded();
        for o in mine.outlets {
            out.insert(o);
        }
        Ok(out)
    }

    fn insert(&mut self, o: Outlet) {
        let keys: Vec<String> = std::iter::once(&o.name)
            .chain(&o.aliases)
            .map(|n| fold_key(n))
            .collect();
        let existing = keys.iter().find_map(|k| self.by_key.get(k).copied());
        let index = match existing {
            Some(i) => {
                self.outlets[i] = o;
                i
            }
            None => {
                self.outlets.push(o);
                self.outlets.len() - 1
            }
        };
        for k in keys {
            self.by_key.insert(k, index);
        }
    }

    /// The outlet of a byline or a cited name ("Anadolu", "Rediff.com (ANI)" → none: Rediff is
    /// not listed; its credit is looked up with [`split_credit`]).
    pub fn get(&self, name: &str) -> Option<&Outlet> {
        let (outlet, _) = split_credit(name);
        self.by_key
            .get(&fold_key(outlet))
            .or_else(|| self.by_key.get(&fold_key(name)))
            .map(|&i| &self.outlets[i])
    }

    /// The prior of an outlet; F when the file does not list it.
    pub fn reliability(&self, name: &str) -> Reliability {
        self.get(name).map_or(Reliability::F, |o| o.reliability)
    }

    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_and_every_owner_is_well_formed() {
        let o = Outlets::embedded();
        assert!(o.len() > 40);
        for outlet in &o.outlets {
            if let Some(owner) = &outlet.owner {
                if let Some(code) = owner.strip_prefix("state:") {
                    assert!(
                        code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()),
                        "{}: owner {owner}",
                        outlet.name
                    );
                }
            }
        }
        assert_eq!(o.reliability("Anadolu"), Reliability::B);
        assert_eq!(o.get("AA").unwrap().owner.as_deref(), Some("state:TUR"));
        assert_eq!(o.reliability("Some Blog"), Reliability::F);
    }

    #[test]
    fn credits_and_overrides() {
        assert_eq!(
            split_credit("Rediff.com (ANI)"),
            ("Rediff.com", Some("ANI"))
        );
        assert_eq!(split_credit("Reuters"), ("Reuters", None));
        let o = Outlets::with_overrides(
            "[[outlet]]\nname = \"Anadolu Agency\"\nreliability = \"D\"\n[[outlet]]\nname = \"My Blog\"\nreliability = \"E\"\n",
        )
        .unwrap();
        assert_eq!(o.reliability("Anadolu Agency"), Reliability::D);
        assert_eq!(o.reliability("my blog"), Reliability::E);
        assert!(Outlets::parse("[[outlet]]\nname = 3").is_err());
    }
}
