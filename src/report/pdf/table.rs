//! Bordered tables: columns sized so that no number is ever broken, rows that break across
//! pages whole under a repeated header, a group row kept with the row under it, and footer
//! (total) rows kept with the last body row above them.

use super::canvas::{CONTENT_W, Canvas, LEFT, LINE, PAGE_BODY, nfc};
use super::text::{Span, draw_text, wrap};
use crate::report::doc::{Align, RowKind, Table};
use crate::report::fonts::{Face, Fonts};

const PAD: f32 = 3.0;

/// A cell as printed: its text, face, alignment, span, and whether it must stay on one line.
struct Printed {
    text: String,
    face: Face,
    align: Align,
    span: usize,
    whole: bool,
}

fn printed(t: &Table) -> (Vec<Printed>, Vec<(RowKind, Vec<Printed>)>) {
    let header = t
        .columns
        .iter()
        .map(|c| Printed {
            text: nfc(&c.title),
            face: Face::Bold,
            align: Align::Center,
            span: 1,
            whole: false,
        })
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|r| {
            (
                r.kind,
                r.cells
                    .iter()
                    .map(|c| Printed {
                        text: nfc(&c.value.print(t.money_unit)),
                        face: if c.bold { Face::Bold } else { Face::Regular },
                        align: match c.alignment() {
                            Align::Justify => Align::Left,
                            a => a,
                        },
                        span: c.span.max(1),
                        whole: c.value.is_numeric(),
                    })
                    .collect(),
            )
        })
        .collect();
    (header, rows)
}

/// Whether a word of a text cell must never be cut: anything with a digit (a code such as
/// 2.000648.000.00.00.H32, a year, an amount written in a text).
fn unbreakable(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

/// The narrowest each column can be at `size`: a number cell's whole text, a text cell's widest
/// word with a digit, every header word ("STT", "(ngày)").
fn min_widths(
    n: usize,
    header: &[Printed],
    rows: &[(RowKind, Vec<Printed>)],
    size: f32,
) -> Vec<f32> {
    let mut min = vec![2.0 * PAD; n];
    let fonts = Fonts::get();
    let mut visit = |row: &[Printed], is_header: bool| {
        let mut col = 0;
        for c in row {
            if c.span == 1 && col < n {
                let m = fonts.m(c.face);
                let widest = if c.whole {
                    m.width(&c.text, size)
                } else {
                    c.text
                        .split_whitespace()
                        .filter(|w| is_header || unbreakable(w))
                        .map(|w| m.width(w, size))
                        .fold(0.0, f32::max)
                };
                min[col] = min[col].max(widest + 2.0 * PAD + 0.5);
            }
            col += c.span;
        }
    };
    visit(header, true);
    for (_, r) in rows {
        visit(r, false);
    }
    min
}

/// Column widths and type size: the given proportions, except that no column is narrower than
/// its widest number. Columns with room to spare give it up (in proportion); when even that is
/// not enough, the type shrinks, down to 75 % of the table's size.
fn column_widths(
    t: &Table,
    header: &[Printed],
    rows: &[(RowKind, Vec<Printed>)],
) -> (Vec<f32>, f32) {
    let total: f32 = t.columns.iter().map(|c| c.weight).sum();
    let base: Vec<f32> = t
        .columns
        .iter()
        .map(|c| c.weight / total * CONTENT_W)
        .collect();
    let mut size = t.size;
    loop {
        let min = min_widths(base.len(), header, rows, size);
        let need: f32 = min.iter().sum();
        if need <= CONTENT_W || size <= t.size * 0.75 {
            let mut widths: Vec<f32> = base.iter().zip(&min).map(|(b, m)| b.max(*m)).collect();
            let excess: f32 = widths.iter().sum::<f32>() - CONTENT_W;
            if excess > 0.0 {
                let spare: Vec<f32> = widths
                    .iter()
                    .zip(&min)
                    .map(|(w, m)| (w - m).max(0.0))
                    .collect();
                let spare_total: f32 = spare.iter().sum();
                if spare_total > 0.0 {
                    let take = (excess / spare_total).min(1.0);
                    for (w, s) in widths.iter_mut().zip(&spare) {
                        *w -= s * take;
                    }
                }
            }
            return (widths, size);
        }
        size = (size * 0.95).max(t.size * 0.75);
    }
}

/// A row laid out: each cell's x, width, lines.
struct Laid<'a> {
    cells: Vec<(f32, f32, Vec<String>, &'a Printed)>,
    lines: usize,
}

fn lay<'a>(row: &'a [Printed], widths: &[f32], size: f32) -> Laid<'a> {
    let mut col = 0;
    let n = widths.len();
    let cells: Vec<_> = row
        .iter()
        .map(|c| {
            let x = LEFT + widths[..col.min(n)].iter().sum::<f32>();
            let w: f32 = widths[col.min(n)..(col + c.span).min(n)].iter().sum();
            col += c.span;
            let inner = w - 2.0 * PAD;
            let lines = if c.whole && Fonts::get().m(c.face).width(&c.text, size) <= inner + 0.5 {
                vec![c.text.clone()]
            } else {
                wrap(&c.text, c.face, size, inner)
            };
            (x, w, lines, c)
        })
        .collect();
    let lines = cells.iter().map(|c| c.2.len()).max().unwrap_or(1).max(1);
    Laid { cells, lines }
}

impl Laid<'_> {
    fn height(&self, lh: f32) -> f32 {
        self.lines as f32 * lh + 2.0 * PAD
    }
}

/// The table ready to draw: widths, size, the header laid out; the rows are laid out as they
/// are reached (see [`Rows`]).
pub struct Prepared<'a> {
    header: Laid<'a>,
    kinds: Vec<RowKind>,
    rows: Rows<'a>,
    lh: f32,
}

/// A table's rows laid out when first needed (to measure or to draw) and let go once drawn: the
/// summary table of a compile of thousands of TTHC never has every row laid out at once.
struct Rows<'a> {
    owned: &'a Owned,
    laid: Vec<Option<Laid<'a>>>,
    lh: f32,
}

impl<'a> Rows<'a> {
    fn get(&mut self, i: usize) -> &Laid<'a> {
        let o = self.owned;
        self.laid[i].get_or_insert_with(|| lay(&o.rows[i].1, &o.widths, o.size))
    }

    fn height(&mut self, i: usize) -> f32 {
        let lh = self.lh;
        self.get(i).height(lh)
    }

    fn len(&self) -> usize {
        self.laid.len()
    }
}

pub struct Owned {
    header: Vec<Printed>,
    rows: Vec<(RowKind, Vec<Printed>)>,
    widths: Vec<f32>,
    size: f32,
}

/// Column widths (points) and type size of a table as the PDF sets it: the Word writer uses
/// the same, so a number is whole there too.
pub fn widths(t: &Table) -> (Vec<f32>, f32) {
    let (header, rows) = printed(t);
    column_widths(t, &header, &rows)
}

pub fn own(t: &Table) -> Owned {
    let (header, rows) = printed(t);
    let (widths, size) = column_widths(t, &header, &rows);
    Owned {
        header,
        rows,
        widths,
        size,
    }
}

/// Height of row `i` with the rows that must stay with it: a group row takes the row under it;
/// a row followed by footer rows takes them all. When that is more than `cap` (a page under the
/// header), only the row itself, capped.
fn chain_height(
    kinds: &[RowKind],
    i: usize,
    mut height: impl FnMut(usize) -> f32,
    cap: f32,
) -> f32 {
    let mut h = height(i);
    let mut j = i;
    while j + 1 < kinds.len() && (kinds[j] == RowKind::Group || kinds[j + 1] == RowKind::Footer) {
        j += 1;
        h += height(j);
    }
    if h > cap { height(i).min(cap) } else { h }
}

impl Owned {
    /// The height the table needs at the top (header and first rows), laying out only those.
    pub fn lead(&self) -> f32 {
        let lh = self.size * LINE;
        let header = lay(&self.header, &self.widths, self.size).height(lh);
        if self.rows.is_empty() {
            return header;
        }
        let kinds: Vec<RowKind> = self.rows.iter().map(|r| r.0).collect();
        let height = |j: usize| lay(&self.rows[j].1, &self.widths, self.size).height(lh);
        header + chain_height(&kinds, 0, height, PAGE_BODY - header)
    }

    pub fn prepare(&self) -> Prepared<'_> {
        let lh = self.size * LINE;
        Prepared {
            header: lay(&self.header, &self.widths, self.size),
            kinds: self.rows.iter().map(|r| r.0).collect(),
            rows: Rows {
                owned: self,
                laid: self.rows.iter().map(|_| None).collect(),
                lh,
            },
            lh,
        }
    }
}

impl Prepared<'_> {
    fn header_h(&self) -> f32 {
        self.header.height(self.lh)
    }

    /// Height of row `i` with the rows that must stay with it (see [`chain_height`]).
    fn chain(&mut self, i: usize) -> f32 {
        let cap = PAGE_BODY - self.header_h();
        chain_height(&self.kinds, i, |j| self.rows.height(j), cap)
    }

    /// The height the table needs at the top: header and its first rows.
    pub fn lead(&mut self) -> f32 {
        self.header_h()
            + if self.rows.len() == 0 {
                0.0
            } else {
                self.chain(0)
            }
    }

    pub fn draw(mut self, c: &mut Canvas) {
        let lh = self.lh;
        let header_h = self.header_h();
        let lead = self.lead();
        c.ensure(lead);
        draw_row(c, lh, &self.header, 0, usize::MAX);
        // The rows that were kept together with an earlier one need no check of their own.
        let mut kept_until = 0;
        for i in 0..self.rows.len() {
            let h = self.rows.height(i);
            if i >= kept_until {
                let need = self.chain(i);
                if need > c.room() + 0.01 {
                    c.new_page();
                    draw_row(c, lh, &self.header, 0, usize::MAX);
                }
                // Rows chained to this one fit with it now (or it is capped and drawn alone).
                let mut j = i;
                let mut sum = h;
                while j + 1 < self.rows.len() && sum < need - 0.01 {
                    j += 1;
                    sum += self.rows.height(j);
                }
                kept_until = j + 1;
            }
            let header = &self.header;
            let row = self.rows.get(i);
            if h <= c.room() + 0.01 {
                draw_row(c, lh, row, 0, usize::MAX);
            } else if h <= PAGE_BODY - header_h {
                c.new_page();
                draw_row(c, lh, header, 0, usize::MAX);
                draw_row(c, lh, row, 0, usize::MAX);
            } else {
                // Taller than a page: split between lines, never through one.
                let mut from = 0;
                while from < row.lines {
                    let fit = (((c.room() - 2.0 * PAD) / lh).floor() as usize)
                        .max(1)
                        .min(row.lines - from);
                    draw_row(c, lh, row, from, from + fit);
                    from += fit;
                    if from < row.lines {
                        c.new_page();
                        draw_row(c, lh, header, 0, usize::MAX);
                    }
                }
            }
            // Drawn: let it go.
            self.rows.laid[i] = None;
        }
        c.y += 6.0;
    }
}

fn draw_row(c: &mut Canvas, lh: f32, row: &Laid, from: usize, to: usize) {
    let size = lh / LINE;
    let lines = row
        .cells
        .iter()
        .map(|x| x.2.len().min(to).saturating_sub(from))
        .max()
        .unwrap_or(1)
        .max(1);
    let h = lines as f32 * lh + 2.0 * PAD;
    let top = c.y;
    for (x, w, text, cell) in &row.cells {
        c.rect(*x, top, *w, h);
        for (k, line) in text
            .iter()
            .enumerate()
            .skip(from)
            .take(to.saturating_sub(from))
        {
            draw_text(
                c,
                Span::new(x + PAD, w - 2.0 * PAD),
                top + PAD + (k - from) as f32 * lh,
                line,
                cell.face,
                size,
                cell.align,
            );
        }
    }
    c.y += h;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{Cell, Column, MoneyUnit, Row};
    use rust_decimal::Decimal;

    fn table(rows: Vec<Row>) -> Table {
        Table {
            columns: ["STT", "Tên", "Trước", "Sau"]
                .iter()
                .map(|t| Column {
                    title: t.to_string(),
                    weight: if *t == "Tên" { 6.0 } else { 0.5 },
                })
                .collect(),
            rows,
            size: 10.0,
            money_unit: MoneyUnit::Dong,
        }
    }

    #[test]
    fn a_fifteen_digit_amount_is_one_line() {
        let big = Decimal::from(123_456_789_012_345i64);
        let t = table(vec![Row::body(vec![
            Cell::new(crate::report::doc::Value::Stt(1)),
            Cell::text("Thủ tục"),
            Cell::money(big),
            Cell::money(big),
        ])]);
        let o = own(&t);
        let mut p = o.prepare();
        for cell in &p.rows.get(0).cells[2..] {
            assert_eq!(cell.2, vec!["123.456.789.012.345".to_string()]);
        }
    }

    #[test]
    fn a_body_row_is_kept_with_the_footer_rows_under_it() {
        let body = || {
            Row::body(vec![
                Cell::text("1"),
                Cell::text("x"),
                Cell::money(Decimal::ONE),
                Cell::money(Decimal::ONE),
            ])
        };
        let footer = || Row::footer(vec![Cell::text("Cộng").span(3), Cell::money(Decimal::TEN)]);
        let t = table(vec![body(), body(), footer(), footer()]);
        let o = own(&t);
        let mut p = o.prepare();
        let one = p.rows.height(0);
        assert!((p.chain(0) - one).abs() < 0.01);
        assert!((p.chain(1) - 3.0 * one).abs() < 0.01);
        assert!((p.lead() - (p.header_h() + one)).abs() < 0.01);
    }
}
