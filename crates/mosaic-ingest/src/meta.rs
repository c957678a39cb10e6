//! Metadata helpers: dates as sources write them, and sidecar `NAME.meta.json` files.

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

static ISO_DAY: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|\D)").expect("date regex compiles")
});

/// A publication date as `YYYY-MM-DD`, from the forms pages and feeds use: ISO 8601 / RFC 3339
/// (with or without time), RFC 2822 (RSS `pubDate`), `2023/06/01`, `June 1, 2023`, `1 June 2023`.
/// The calendar day is the one written (no time-zone shift).
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = ISO_DAY.captures(s) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let cleaned: String = s
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for fmt in [
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%A %d %B %Y",
        "%a %b %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// Fields of a `NAME.meta.json` sidecar.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
pub(crate) struct Sidecar {
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
}

pub(crate) fn read_sidecar(path: &Path) -> Result<Sidecar, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("sidecar {} unreadable: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "sidecar {} is not a JSON object with url/outlet/published/title: {e}; metadata ignored",
            path.display()
        )
    })
}

/// Trims a metadata string; blank means absent.
pub(crate) fn clean_field(s: Option<&str>) -> Option<String> {
    let s = s?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            normalize_date("2023-06-01T10:00:00+03:00").as_deref(),
            Some("2023-06-01")
        );
        assert_eq!(normalize_date("2023-06-01").as_deref(), Some("2023-06-01"));
        assert_eq!(
            normalize_date("Sat, 02 Nov 2013 09:00:00 GMT").as_deref(),
            Some("2013-11-02")
        );
        assert_eq!(
            normalize_date("June 1, 2023").as_deref(),
            Some("2023-06-01")
        );
        assert_eq!(normalize_date("1 June 2023").as_deref(), Some("2023-06-01"));
        assert_eq!(normalize_date("2023/6/1").as_deref(), Some("2023-06-01"));
        assert_eq!(normalize_date("2023-13-45"), None);
        assert_eq!(normalize_date("yesterday"), None);
    }
}
