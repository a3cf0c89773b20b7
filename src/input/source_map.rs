//! Where extracted text came from in the original file.
//!
//! A reader (HTML, JSON, feed) builds a document's text out of pieces of its file. The
//! analysis runs on that text unchanged; only when a report renders a location does the
//! map turn an offset in the text back into a byte offset in the file. The map is a list
//! of runs: `len` bytes of text starting at `text` were copied verbatim from the bytes
//! starting at `source`. Bytes that were decoded (an entity, an escape) are runs of
//! their own; bytes that were made up (the blank line between paragraphs) are in no run.

use crate::span::Span;

/// One verbatim run: text bytes `[text, text + len)` are source bytes `[source, source + len)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub text: usize,
    pub source: usize,
    pub len: usize,
}

/// Extracted-text offsets to source-file offsets, in runs sorted by `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    runs: Vec<Run>,
}

impl SourceMap {
    /// Build from per-byte source offsets (`None` for bytes with no source of their own).
    pub fn from_offsets(offsets: &[Option<usize>]) -> SourceMap {
        let mut runs: Vec<Run> = Vec::new();
        for (i, o) in offsets.iter().enumerate() {
            let Some(s) = *o else { continue };
            match runs.last_mut() {
                Some(r) if r.text + r.len == i && r.source + r.len == s => r.len += 1,
                _ => runs.push(Run {
                    text: i,
                    source: s,
                    len: 1,
                }),
            }
        }
        SourceMap { runs }
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The source offset of text byte `offset`, if it has one.
    pub fn source(&self, offset: usize) -> Option<usize> {
        let i = self.runs.partition_point(|r| r.text + r.len <= offset);
        let r = self.runs.get(i)?;
        (r.text <= offset).then(|| r.source + (offset - r.text))
    }

    /// The source range a text span covers: from its first mapped byte to just after its
    /// last mapped byte. `None` when no byte of the span has a source.
    pub fn source_span(&self, span: Span) -> Option<Span> {
        let i = self.runs.partition_point(|r| r.text + r.len <= span.start);
        let first = self.runs.get(i).filter(|r| r.text < span.end)?;
        let start = first.source + span.start.saturating_sub(first.text);
        let j = self.runs.partition_point(|r| r.text < span.end);
        let last = &self.runs[j.max(i + 1) - 1];
        let end = last.source + (span.end.min(last.text + last.len) - last.text);
        Some(Span::new(start, end.max(start)))
    }
}

/// Builds a document's text paragraph by paragraph, keeping each byte's source offset.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    offsets: Vec<Option<usize>>,
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Append a paragraph (a blank line separates it from the previous one). `offsets`,
    /// when given, has one entry per byte of `para`.
    pub fn paragraph(&mut self, para: &str, offsets: Option<&[Option<usize>]>) {
        let lead = para.len() - para.trim_start().len();
        let trimmed = para.trim();
        if trimmed.is_empty() {
            return;
        }
        let offsets = offsets
            .filter(|o| o.len() == para.len())
            .map(|o| &o[lead..lead + trimmed.len()]);
        let para = trimmed;
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
            self.offsets.extend([None, None]);
        }
        self.text.push_str(para);
        match offsets {
            Some(o) => self.offsets.extend_from_slice(o),
            None => self.offsets.extend(std::iter::repeat_n(None, para.len())),
        }
    }

    /// Append text whose source is one verbatim run starting at `source`.
    pub fn verbatim(&mut self, para: &str, source: Option<usize>) {
        let offs: Option<Vec<Option<usize>>> =
            source.map(|s| (0..para.len()).map(|i| Some(s + i)).collect());
        self.paragraph(para, offs.as_deref());
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Bytes of text so far (to tell whether a paragraph was added).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn finish(self) -> (String, SourceMap) {
        let map = SourceMap::from_offsets(&self.offsets);
        (self.text, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_look_up() {
        let m = SourceMap::from_offsets(&[Some(10), Some(11), None, Some(20), Some(21)]);
        assert_eq!(m.runs().len(), 2);
        assert_eq!(m.source(0), Some(10));
        assert_eq!(m.source(1), Some(11));
        assert_eq!(m.source(2), None);
        assert_eq!(m.source(4), Some(21));
        assert_eq!(m.source(5), None);
        assert_eq!(m.source_span(Span::new(1, 5)), Some(Span::new(11, 22)));
        assert_eq!(m.source_span(Span::new(2, 3)), None);
    }

    #[test]
    fn builder_separates_paragraphs() {
        let mut b = TextBuilder::new();
        b.verbatim("Headline", Some(5));
        b.verbatim("Body text.", None);
        b.verbatim("  ", Some(0));
        let (t, m) = b.finish();
        assert_eq!(t, "Headline\n\nBody text.");
        assert_eq!(m.source(0), Some(5));
        assert_eq!(m.source(10), None);
    }
}
