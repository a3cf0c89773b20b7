//! `quote`: a direct quotation, its speaker and the channel it was given through.

use super::json::{Common, JsonCx, SortedLocation};
use super::{Compared, Cx, FieldSpec, Kind};
use crate::entities::EntityId;
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct Quote {
    /// The quoted words (without the marks); for a statement quoted in pieces ("A," she
    /// said. "B."), from the first piece's start to the last piece's end.
    pub inner: Span,
    /// The quoted pieces of one statement, in order.
    pub pieces: Vec<Span>,
    pub speaker: Option<EntityId>,
    /// The speaker phrase as written, if any.
    pub speaker_span: Option<Span>,
    pub channel: Option<String>,
    /// Normalised text used for comparison.
    pub normalised: String,
}

impl Quote {
    /// The quoted words only, pieces joined by a space.
    pub fn words(&self, text: &str) -> String {
        self.words_in(text).into_owned()
    }

    /// [`Quote::words`], borrowed from `text` when the quotation is one piece (most are):
    /// the quotation linker holds every quotation's words at once.
    pub fn words_in<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        match self.pieces.as_slice() {
            [one] => one.slice(text).into(),
            pieces => pieces
                .iter()
                .map(|p| p.slice(text))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        }
    }
}

/// Keys in alphabetical order.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    channel: &'a Option<String>,
    document: &'a str,
    id: &'a str,
    kind: &'static str,
    quote: &'a str,
    span: SortedLocation,
    speaker: Option<&'a str>,
    speaker_text: Option<&'a str>,
    text: &'a str,
}

impl Kind for Quote {
    const NAME: &'static str = "quote";
    const FIELDS: &'static [FieldSpec<Self>] = &[
        FieldSpec::claim("speaker", "A canonical name.", |x, cx| {
            x.speaker.map(|e| cx.name(e).to_string())
        }),
        FieldSpec::claim("channel", "`statement`, `readout`, `post`, ...", |x, _| {
            x.channel.clone()
        }),
    ];
    /// Quotations compared by their words alone, none with a resolved speaker.
    const UNNAMED_SUBJECT: Option<&'static str> = Some("An unattributed quotation");
    type Json<'a> = Json<'a>;

    /// The speaker when speakers disagree; else the document, since the quotation's own
    /// words are the evidence text.
    fn side_value(&self, compared: Compared, cx: &Cx) -> String {
        match compared {
            Compared::Speaker => self
                .speaker
                .map(|s| cx.name(s).to_string())
                .unwrap_or_else(|| "unattributed".into()),
            Compared::Other => cx.claim.document.0.clone(),
        }
    }

    fn subject(&self, cx: &Cx) -> Option<String> {
        self.speaker.map(|s| cx.name(s).to_string())
    }

    /// The quotation, not the sentence around it.
    fn evidence_span(&self, _: Span) -> Span {
        self.inner
    }

    fn entities(&self) -> Vec<EntityId> {
        self.speaker.into_iter().collect()
    }

    fn json<'a>(&'a self, c: Common<'a>, cx: JsonCx<'a>) -> Json<'a> {
        Json {
            channel: &self.channel,
            document: c.document,
            id: c.id,
            kind: c.kind,
            quote: cx.doc.slice(self.inner),
            span: c.span,
            speaker: self.speaker.map(|e| cx.name(e)),
            speaker_text: self.speaker_span.map(|s| cx.doc.slice(s)),
            text: c.text,
        }
    }

    fn table_detail(j: &Json<'_>) -> String {
        format!("{}: {}", j.speaker.unwrap_or("?"), j.quote)
    }
}
