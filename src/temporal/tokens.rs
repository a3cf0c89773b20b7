//! A small tokenizer: words (letter runs), numbers (ASCII digit runs) and single
//! punctuation characters, each with its byte span in the full text. Tokenizing is
//! one pass over the characters; the only allocation is the token vector.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Tokenize `text[start..end]`; spans are in `text` coordinates. The caller makes
/// sure `start..end` lies on character boundaries.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let slice = match text.get(start..end) {
        Some(s) => s,
        None => return Vec::new(),
    };
    let mut toks = Vec::with_capacity(slice.len() / 5 + 1);
    let mut it = slice.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else if c.is_whitespace() {
            continue;
        } else {
            toks.push(Tok {
                start: start + i,
                end: start + i + c.len_utf8(),
                kind: Kind::Punct,
            });
            continue;
        };
        let mut j = i + c.len_utf8();
        while let Some(&(k, d)) = it.peek() {
            let same = match kind {
                Kind::Num => d.is_ascii_digit(),
                _ => d.is_alphabetic(),
            };
            if !same {
                break;
            }
            j = k + d.len_utf8();
            it.next();
        }
        toks.push(Tok {
            start: start + i,
            end: start + j,
            kind,
        });
    }
    toks
}

/// Split a lexicon phrase into its token texts ("u.s. time" -> ["u", ".", "s", ".", "time"]).
pub fn split(phrase: &'static str) -> Vec<&'static str> {
    tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| &phrase[t.start..t.end])
        .collect()
}

/// Lower-case an ASCII word into `buf` without allocating; `None` for words that are
/// too long or not ASCII (the lexicons hold only short ASCII words).
pub fn lower<'b>(s: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
    }
    let out = &mut buf[..s.len()];
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}
