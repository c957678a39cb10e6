//! Tables for the terminal and CSV for other programs.
//!
//! A table has a header row, columns sized to their content, and, when the terminal is too
//! narrow, its flexible columns (names, aliases, URLs) shortened with `…` until it fits. A row
//! may carry detail lines (an event's evidence), printed under it and wrapped. `--wide` turns
//! every shortening off. Output that is not a terminal gets a fixed width, so what a script or a
//! test reads does not depend on the window it ran in.

use std::fmt::Write;
use std::io::IsTerminal;

use crate::args::{Format, ListArgs};

/// The width used when stdout is not a terminal.
pub const FIXED_WIDTH: usize = 100;

/// How many characters wider a column counts, per rank below 3, when choosing which gives way.
const RANK_WEIGHT: usize = 10;

/// Detail lines kept per row (wrapped) before the rest is cut, unless `--wide`.
const DETAIL_LINES: usize = 3;

/// Where a column's values sit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Whether a column may be shortened to fit the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Dates, types, ids and counts: always whole.
    Whole,
    /// Names and text: shortened with `…`, never below `min` characters; columns of a lower
    /// `rank` give way first (a URL before the name of the document).
    Shrink { min: usize, rank: u8 },
}

/// One column: its header and how it behaves.
#[derive(Clone, Debug)]
pub struct Column {
    pub header: String,
    pub align: Align,
    pub fit: Fit,
}

impl Column {
    /// A left-aligned column that may be shortened.
    pub fn text(header: &str, min: usize) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
            fit: Fit::Shrink { min, rank: 1 },
        }
    }
    /// The same column, giving way before (`rank` 0) or after (2, 3 …) the others.
    pub fn rank(mut self, rank: u8) -> Column {
        if let Fit::Shrink { min, .. } = self.fit {
            self.fit = Fit::Shrink { min, rank };
        }
        self
    }
    /// A left-aligned column that is never shortened.
    pub fn whole(header: &str) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
            fit: Fit::Whole,
        }
    }
    /// A right-aligned count.
    pub fn number(header: &str) -> Column {
        Column {
            header: header.into(),
            align: Align::Right,
            fit: Fit::Whole,
        }
    }
}

/// A table being filled.
#[derive(Debug, Default)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<(Vec<String>, Vec<String>)>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row; `details` are printed under it, indented to the second column.
    pub fn row(&mut self, cells: Vec<String>, details: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push((cells, details));
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, `width` columns wide, or as wide as it needs when `None`.
    pub fn render(&self, width: Option<usize>) -> String {
        let widths = self.widths(width);
        let mut out = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
        self.line(&mut out, &header, &widths);
        let indent = widths.first().map_or(0, |w| w + 2);
        for (cells, details) in &self.rows {
            self.line(&mut out, cells, &widths);
            for d in details {
                for l in wrap(d, width.map(|w| w.saturating_sub(indent).max(20))) {
                    let _ = writeln!(out, "{:indent$}{l}", "");
                }
            }
        }
        out
    }

    fn line(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        let mut line = String::new();
        for (i, (cell, c)) in cells.iter().zip(&self.columns).enumerate() {
            let w = widths[i];
            let v = clip(cell, w);
            let pad = w.saturating_sub(v.chars().count());
            let last = i + 1 == cells.len();
            match c.align {
                Align::Right => line.push_str(&format!("{:pad$}{v}", "")),
                Align::Left if last => line.push_str(&v),
                Align::Left => line.push_str(&format!("{v}{:pad$}", "")),
            }
            if !last {
                line.push_str("  ");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }

    /// Each column's natural width, then the widest shrinkable ones narrowed until it fits.
    fn widths(&self, width: Option<usize>) -> Vec<usize> {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.rows
                    .iter()
                    .map(|(cells, _)| cells[i].chars().count())
                    .chain([c.header.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let Some(width) = width else {
            return widths;
        };
        let gaps = 2 * self.columns.len().saturating_sub(1);
        while widths.iter().sum::<usize>() + gaps > width {
            let shrinkable = |i: usize| match self.columns[i].fit {
                Fit::Shrink { min, rank } => {
                    let min = min.max(self.columns[i].header.chars().count());
                    (widths[i] > min).then_some(rank)
                }
                Fit::Whole => None,
            };
            // The widest column gives way, a lower rank counting as RANK_WEIGHT characters
            // wider per step: a URL shrinks well before a name, but a very long name still
            // shrinks before a short URL disappears.
            let Some(i) = (0..widths.len())
                .filter_map(|i| shrinkable(i).map(|rank| (i, rank)))
                .max_by_key(|&(i, rank)| {
                    let weight = RANK_WEIGHT * (3usize.saturating_sub(rank as usize));
                    (widths[i] + weight, std::cmp::Reverse(i))
                })
                .map(|(i, _)| i)
            else {
                break;
            };
            widths[i] -= 1;
        }
        widths
    }
}

/// `s` in at most `n` characters, ending in `…` when shortened.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// `s` wrapped at spaces into lines of at most `width` characters, at most [`DETAIL_LINES`] of
/// them (the last ending in `…` when text was left out); one line when `width` is `None`.
fn wrap(s: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![s.to_string()];
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    if lines.len() > DETAIL_LINES {
        lines.truncate(DETAIL_LINES);
        let last = lines.last_mut().expect("three lines");
        *last = clip(&format!("{last} …"), width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines.into_iter().map(|l| clip(&l, width)).collect()
}

/// `s` wrapped to `width` without a line limit, one line when `None`.
pub fn paragraph(s: &str, width: Option<usize>) -> String {
    let mut out = String::new();
    let Some(width) = width else {
        return format!("{s}\n");
    };
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The width tables are drawn to: none with `--wide`, the terminal's when stdout is one, else
/// [`FIXED_WIDTH`].
pub fn width(wide: bool) -> Option<usize> {
    if wide {
        return None;
    }
    let tty = std::io::stdout().is_terminal();
    match terminal_size::terminal_size() {
        Some((terminal_size::Width(w), _)) if tty && w >= 40 => Some(w as usize),
        _ => Some(FIXED_WIDTH),
    }
}

/// CSV with a header row, every value whole.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> anyhow::Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r)?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// A listing as it is printed: the table with its legend and notes, or the CSV.
pub struct Listing<'a> {
    pub table: Table,
    /// The one line explaining the marks the table uses.
    pub legend: Option<&'a str>,
    /// What the listing left out, and how to get it.
    pub notes: Vec<String>,
    pub csv_headers: &'a [&'a str],
    pub csv_rows: Vec<Vec<String>>,
    /// Printed instead of an empty table.
    pub empty: &'a str,
}

impl Listing<'_> {
    /// The listing as `args` ask: CSV, or the table (legend and notes under it).
    pub fn render(&self, args: &ListArgs) -> anyhow::Result<String> {
        if args.format == Format::Csv {
            return csv(self.csv_headers, &self.csv_rows);
        }
        let mut out = if self.table.is_empty() {
            format!("{}\n", self.empty)
        } else {
            self.table.render(width(args.wide))
        };
        let legend = self.legend.filter(|_| !self.table.is_empty());
        for line in legend
            .into_iter()
            .chain(self.notes.iter().map(|n| n.as_str()))
        {
            out.push_str(&paragraph(line, width(args.wide)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(vec![
            Column::number("id"),
            Column::text("name", 6),
            Column::whole("kind"),
        ]);
        t.row(
            vec!["7".into(), "Islamic Revolutionary Guard Corps".into(), "ORG".into()],
            vec!["“A sentence long enough to need wrapping at a narrow width, and then some more words.”".into()],
        );
        t
    }

    #[test]
    fn narrow_tables_shorten_names_and_wrap_details_but_keep_whole_columns() {
        let out = table().render(Some(40));
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("id  name"), "{out}");
        assert!(
            lines[1].contains("Islamic Revolution") && lines[1].contains('…'),
            "{out}"
        );
        assert!(lines[1].ends_with("ORG"), "{out}");
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{out}");
        assert!(lines.len() > 3, "the detail wraps: {out}");
    }

    #[test]
    fn wide_tables_shorten_nothing() {
        let out = table().render(None);
        assert!(out.contains("Islamic Revolutionary Guard Corps"));
        assert!(out.contains("and then some more words.”"));
        assert!(!out.contains('…'));
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let out = csv(&["a", "b"], &[vec!["x, y".into(), "z".into()]]).unwrap();
        assert_eq!(out, "a,b\n\"x, y\",z\n");
    }
}
