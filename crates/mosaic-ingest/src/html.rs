//! HTML pages → main text and metadata.
//!
//! Main text comes from `dom_smoothie` (a port of Mozilla's Readability, the algorithm behind
//! Firefox Reader View) in its formatted-text mode, which keeps paragraph breaks. When
//! Readability finds no article (tiny or odd pages, truncated markup), the page's body is used
//! with scripts, navigation, headers, footers and forms removed. Metadata comes from the markup
//! directly: OpenGraph/article meta tags, JSON-LD (`NewsArticle` …), `<time datetime>`, canonical
//! link.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use crate::meta::{clean_field, normalize_date};

/// What an HTML page yields before clean-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct HtmlArticle {
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub notes: Vec<String>,
}

/// Tags that never hold article text.
const NOISE: &str = "script, style, noscript, template, svg, iframe, form, nav, header, footer, aside, \
                     button, select, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]";

/// Extracts main text and metadata from a whole page.
pub(crate) fn extract_page(html: &str) -> HtmlArticle {
    let doc = Document::from(html);
    let mut out = HtmlArticle::default();
    let ld = json_ld(&doc);

    out.url = first_of(&[
        doc.select("link[rel=canonical]")
            .attr("href")
            .map(|s| s.to_string()),
        meta(&doc, "meta[property='og:url']"),
        ld_str(&ld, &["url"]),
        ld_str(&ld, &["mainEntityOfPage", "@id"]),
        ld_str(&ld, &["mainEntityOfPage"]),
    ])
    .filter(|u| u.starts_with("http"));
    out.outlet = first_of(&[
        meta(&doc, "meta[property='og:site_name']"),
        ld_str(&ld, &["publisher", "name"]),
        ld_str(&ld, &["publisher"]),
        meta(&doc, "meta[name='application-name']"),
        meta(&doc, "meta[name='publisher']"),
    ]);
    let published_raw = first_of(&[
        meta(&doc, "meta[property='article:published_time']"),
        ld_str(&ld, &["datePublished"]),
        meta(&doc, "meta[itemprop='datePublished']"),
        meta(&doc, "meta[name='pubdate']"),
        meta(&doc, "meta[name='publishdate']"),
        meta(&doc, "meta[name='date']"),
        meta(&doc, "meta[name='DC.date.issued']"),
        meta(&doc, "meta[name='dc.date']"),
        doc.select("time[datetime]")
            .first()
            .attr("datetime")
            .map(|s| s.to_string()),
    ]);
    if let Some(p) = &published_raw {
        out.published = normalize_date(p);
        if out.published.is_none() {
            out.notes
                .push(format!("publication date {p:?} not understood; left empty"));
        }
    }
    let meta_title = first_of(&[
        meta(&doc, "meta[property='og:title']"),
        ld_str(&ld, &["headline"]),
        clean_field(Some(&doc.select("title").first().text())),
        clean_field(Some(&doc.select("h1").first().text())),
    ]);

    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let parsed = Readability::with_document(Document::from(html), None, Some(cfg))
        .and_then(|mut r| r.parse());
    match parsed {
        Ok(article) if !article.text_content.trim().is_empty() => {
            out.text = article.text_content.to_string();
            out.title = clean_field(Some(&article.title)).or(meta_title);
            if out.outlet.is_none() {
                out.outlet = clean_field(article.site_name.as_deref());
            }
            if out.published.is_none() {
                out.published = article.published_time.as_deref().and_then(normalize_date);
            }
        }
        other => {
            let why = match other {
                Err(e) => e.to_string(),
                Ok(_) => "empty article".into(),
            };
            out.notes.push(format!(
                "readability found no article ({why}); used the page body"
            ));
            out.text = body_text(&doc);
            out.title = meta_title;
        }
    }
    out
}

/// Text of an HTML fragment (a feed item's content), paragraphs kept apart.
pub(crate) fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        // Plain text in a feed field; entity-decode it through the parser all the same.
        return Document::fragment(html).formatted_text().to_string();
    }
    let doc = Document::fragment(html);
    doc.select("script, style, noscript, template, svg, iframe, form, button")
        .remove();
    doc.formatted_text().to_string()
}

fn body_text(doc: &Document) -> String {
    doc.select(NOISE).remove();
    let body = doc.select("body");
    if body.exists() {
        body.formatted_text().to_string()
    } else {
        doc.formatted_text().to_string()
    }
}

fn first_of(options: &[Option<String>]) -> Option<String> {
    options.iter().flatten().find_map(|s| clean_field(Some(s)))
}

fn meta(doc: &Document, sel: &str) -> Option<String> {
    doc.try_select(sel)?
        .first()
        .attr("content")
        .and_then(|s| clean_field(Some(&s)))
}

/// The first JSON-LD object describing an article (or any object when none says so).
fn json_ld(doc: &Document) -> Option<Value> {
    let mut objects = Vec::new();
    for node in doc.select("script[type='application/ld+json']").nodes() {
        let text = node.text();
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        collect_objects(v, &mut objects);
    }
    let is_article = |o: &Value| {
        let t = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
        t.contains("Article") || t.contains("Posting") || t.contains("Report")
    };
    objects
        .iter()
        .position(is_article)
        .map(|i| objects.swap_remove(i))
        .or_else(|| objects.into_iter().next())
}

fn collect_objects(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| collect_objects(i, out)),
        Value::Object(mut m) => {
            if let Some(graph) = m.remove("@graph") {
                collect_objects(graph, out);
            }
            out.push(Value::Object(m));
        }
        _ => {}
    }
}

fn ld_str(ld: &Option<Value>, path: &[&str]) -> Option<String> {
    let mut v = ld.as_ref()?;
    for key in path {
        v = v.get(key)?;
        if let Value::Array(items) = v {
            v = items.first()?;
        }
    }
    v.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Turkey detains 11 in Mossad probe | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2023-05-26T09:15:00+03:00">
<link rel="canonical" href="https://example.com/news/turkey-mossad">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Turkey detains 11","datePublished":"2023-05-26","publisher":{"@type":"Organization","name":"Example Times"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><div class="share">Share on Facebook</div></header>
<article><h1>Turkey detains 11 in Mossad probe</h1>
<p>Turkish police detained 11 people suspected of spying for Israel's Mossad, the state news agency reported on Friday, citing the National Intelligence Organisation.</p>
<p>The suspects were accused of collecting information on people with commercial ties to Iran, the report said, adding that the network had been watched for eighteen months.</p>
<p>It was the second such operation announced this year. In October 2021 a court in Istanbul tried sixteen people on charges of political and military espionage.</p>
</article>
<aside><h3>Related Articles</h3><ul><li><a href="/a">Other story</a></li></ul></aside>
<footer>© 2023 Example Times</footer>
</body></html>"#;

    #[test]
    fn page_text_and_metadata() {
        let a = extract_page(PAGE);
        assert!(
            a.text.contains("Turkish police detained 11 people"),
            "{}",
            a.text
        );
        assert!(a.text.contains("second such operation"));
        assert!(!a.text.contains("Other story"), "{}", a.text);
        assert!(!a.text.contains("World"), "{}", a.text);
        // Paragraphs stay apart.
        assert!(a.text.contains("eighteen months.\n"), "{:?}", a.text);
        assert_eq!(a.outlet.as_deref(), Some("Example Times"));
        assert_eq!(a.published.as_deref(), Some("2023-05-26"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://example.com/news/turkey-mossad")
        );
        assert!(
            a.title
                .as_deref()
                .unwrap_or_default()
                .starts_with("Turkey detains 11"),
            "{:?}",
            a.title
        );
    }

    #[test]
    fn time_element_and_truncated_markup() {
        let a = extract_page("<html><body><time datetime=\"2013-11-02T08:00Z\">Nov 2</time><p>Ankara and Tehran signed a pact covering intelligence cooperation, sources said. The deal was kept secret.<p>Another paragraph that is cut off in the mid");
        assert_eq!(a.published.as_deref(), Some("2013-11-02"));
        assert!(
            a.text.contains("Ankara and Tehran signed a pact"),
            "{}",
            a.text
        );
        assert!(a.text.contains("cut off in the mid"), "{}", a.text);
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><p>Three.</p>").trim(),
            "One & two.\n\nThree."
        );
        assert_eq!(fragment_text("Plain &amp; simple").trim(), "Plain & simple");
    }
}
