//! Byte spans into a document's text, and their line/column positions.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text as it is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers. Panics never: an out-of-range span yields "".
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The text between two offsets; "" when they are out of order or off a boundary.
    pub fn between(text: &str, start: usize, end: usize) -> &str {
        text.get(start..end).unwrap_or("")
    }

    /// Shift a span found in a sub-slice back into document coordinates.
    pub const fn offset(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// A span with its 1-based line and column (column counted in characters), as the
/// report contract prints it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to line/column. Lines end at `\n`, `\r\n` or a lone `\r`.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, column + 1)
    }

    pub fn locate(&self, text: &str, span: Span) -> Location {
        let (line, column) = self.line_col(text, span.start);
        Location {
            start: span.start,
            end: span.end,
            line,
            column,
        }
    }

    /// The byte span of the (1-based) line, without its terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let mut end = self.line_starts.get(line).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_handles_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngh";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        assert_eq!(idx.line_col(text, 7), (3, 1));
        assert_eq!(idx.line_col(text, 11), (4, 2));
        assert_eq!(idx.line_span(text, 2).slice(text), "cd");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "“Hé” said";
        let idx = LineIndex::new(text);
        let off = text.find("said").unwrap();
        assert_eq!(idx.line_col(text, off), (1, 6));
    }
}
