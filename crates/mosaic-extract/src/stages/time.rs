//! Time stage: fixes the article's anchor date (metadata first, else inferred from the text and
//! marked as inferred) and records every date expression with its normalised value.

use mosaic_core::{DateAnchor, Span, TimeExpression};

use crate::work::Work;

pub fn annotate_times(w: &mut Work) {
    let from_meta = w
        .doc
        .meta
        .published
        .as_deref()
        .and_then(mosaic_time::parse_published);
    let anchor = match from_meta {
        Some(d) => {
            w.doc.anchor = Some(DateAnchor {
                date: d.to_string(),
                how: "metadata".into(),
                inferred: false,
            });
            Some(d)
        }
        None => match mosaic_time::infer_anchor(&w.doc.text) {
            Some(inferred) => {
                w.doc.anchor = Some(DateAnchor {
                    date: inferred.date.to_string(),
                    how: inferred.how,
                    inferred: true,
                });
                Some(inferred.date)
            }
            None => None,
        },
    };
    w.doc.times = mosaic_time::find_times(&w.doc.text, anchor)
        .into_iter()
        .map(|t| TimeExpression {
            span: Span::new(t.start, t.end),
            text: t.text,
            value: t.value,
            granularity: t.granularity,
            relative: t.relative,
        })
        .collect();
}
