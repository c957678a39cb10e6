//! RSS / Atom / JSON Feed files → one record per item.

use crate::html::fragment_text;
use crate::meta::clean_field;

/// One feed item, its HTML already turned into text.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FeedItem {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD` (feed-rs gives UTC times, so a late-evening local date may show as the next day).
    pub published: Option<String>,
    pub outlet: Option<String>,
}

/// Parses a feed; the error is the parser's message.
pub(crate) fn parse_feed(bytes: &[u8]) -> Result<Vec<FeedItem>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let outlet = clean_field(feed.title.as_ref().map(|t| t.content.as_str()));
    Ok(feed
        .entries
        .into_iter()
        .map(|e| {
            // Prefer full content; many RSS feeds only carry a description (summary).
            let html = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            FeedItem {
                text: fragment_text(&html),
                title: e
                    .title
                    .as_ref()
                    .and_then(|t| clean_field(Some(&fragment_text(&t.content)))),
                url: e.links.first().map(|l| l.href.clone()),
                published: e
                    .published
                    .or(e.updated)
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                outlet: outlet.clone(),
            }
        })
        .collect())
}
