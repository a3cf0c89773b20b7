//! Look-ups by position within one document: the dates, quotations, mentions or titles
//! that can lie inside (or around) a span. Scanning the whole document's list for each
//! sentence or quotation is quadratic in the length of one article; these answer from
//! lists sorted by start, and give exactly what the scan would have kept (each caller
//! still applies its own test to what it gets).

use crate::claim::TimeRef;
use crate::span::Span;

/// A document's dates, in text order.
pub struct Times<'a> {
    all: &'a [TimeRef],
    sorted: bool,
}

impl<'a> Times<'a> {
    pub fn new(all: &'a [TimeRef]) -> Self {
        let sorted = all.is_sorted_by_key(|t| t.span.start);
        Times { all, sorted }
    }

    /// The run of dates starting inside `span`, in their order: every date `span`
    /// contains is in it. (Unsorted input, which the tagger does not produce, gives all.)
    pub fn within(&self, span: Span) -> &'a [TimeRef] {
        if !self.sorted {
            return self.all;
        }
        let lo = self.all.partition_point(|t| t.span.start < span.start);
        let hi = self.all.partition_point(|t| t.span.start <= span.end);
        &self.all[lo..hi.max(lo)]
    }
}

/// Spans (quotations) sorted by start, for "is this inside any of them?" near a span.
pub struct Spans {
    spans: Vec<Span>,
    /// Per position, the largest end of the spans up to it.
    max_end: Vec<usize>,
}

impl Spans {
    pub fn new(mut spans: Vec<Span>) -> Self {
        spans.sort_by_key(|s| (s.start, s.end));
        let mut m = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                m = m.max(s.end);
                m
            })
            .collect();
        Spans { spans, max_end }
    }

    /// A run of the spans holding every one that overlaps or touches `span`, so every
    /// one that can contain a span inside `span`.
    pub fn around(&self, span: Span) -> &[Span] {
        let lo = self.max_end.partition_point(|&e| e < span.start);
        let hi = self.spans.partition_point(|s| s.start <= span.end);
        &self.spans[lo..hi.max(lo)]
    }
}

/// Positions of items (mentions, titles) by the start of their span, for "which items lie
/// inside this span".
pub struct Starts {
    /// (start, position in the caller's list), sorted.
    order: Vec<(usize, usize)>,
}

impl Starts {
    pub fn new(starts: impl Iterator<Item = usize>) -> Self {
        let mut order: Vec<(usize, usize)> = starts.enumerate().map(|(i, s)| (s, i)).collect();
        order.sort_unstable();
        Starts { order }
    }

    /// Positions, ascending, of the items that start inside `span` (every item `span`
    /// contains is among them).
    pub fn inside(&self, span: Span) -> Vec<usize> {
        let lo = self.order.partition_point(|&(s, _)| s < span.start);
        let hi = self.order.partition_point(|&(s, _)| s <= span.end);
        let mut out: Vec<usize> = self.order[lo..hi.max(lo)].iter().map(|p| p.1).collect();
        out.sort_unstable();
        out
    }
}

/// Items with an end position, in their order, for "the last one that ends at or before
/// an offset" without scanning them all.
pub struct LastBefore<T> {
    items: Vec<(usize, T)>,
    /// Per position, the smallest end from it to the last item (non-decreasing).
    min_end_after: Vec<usize>,
}

impl<T: Copy> LastBefore<T> {
    /// `items`: (end, value), in order.
    pub fn new(items: Vec<(usize, T)>) -> Self {
        let mut min_end_after = vec![usize::MAX; items.len()];
        let mut m = usize::MAX;
        for (i, (end, _)) in items.iter().enumerate().rev() {
            m = m.min(*end);
            min_end_after[i] = m;
        }
        LastBefore {
            items,
            min_end_after,
        }
    }

    /// The value of the last item (in order) whose end is at most `offset`.
    pub fn last_ending_by(&self, offset: usize) -> Option<T> {
        // Items from k on all end after `offset`; item k - 1 does not.
        let k = self.min_end_after.partition_point(|&e| e <= offset);
        k.checked_sub(1).map(|i| self.items[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span((a, b): (usize, usize)) -> Span {
        Span::new(a.min(b), a.max(b))
    }

    proptest! {
        /// Each look-up keeps exactly what a scan of the whole list keeps.
        #[test]
        fn lookups_agree_with_a_scan(
            raw in prop::collection::vec((0usize..200, 0usize..200), 0..40),
            q in (0usize..220, 0usize..220),
        ) {
            let spans: Vec<Span> = raw.iter().copied().map(span).collect();
            let q = span(q);
            // Quotations: "inside any of them".
            let index = Spans::new(spans.clone());
            for inner in [q, Span::new(q.start, q.start), Span::new(q.end, q.end)] {
                let scan = spans.iter().any(|s| s.contains(inner));
                let near = index.around(q).iter().any(|s| s.contains(inner));
                prop_assert_eq!(scan, near);
            }
            // Items inside a span, in order.
            let starts = Starts::new(spans.iter().map(|s| s.start));
            let scan: Vec<usize> = (0..spans.len()).filter(|&i| q.contains(spans[i])).collect();
            let near: Vec<usize> = starts.inside(q).into_iter().filter(|&i| q.contains(spans[i])).collect();
            prop_assert_eq!(scan, near);
            // The last item ending by an offset.
            let last = LastBefore::new(spans.iter().enumerate().map(|(i, s)| (s.end, i)).collect());
            let scan = (0..spans.len()).rfind(|&i| spans[i].end <= q.start);
            prop_assert_eq!(scan, last.last_ending_by(q.start));
        }
    }
}
