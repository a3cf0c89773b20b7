//! Quotation spans: double-quoted (straight, curly, mismatched), continued across
//! paragraphs, and single-quoted when clearly speech.

use super::QuoteSpan;
use super::attribution::has_adjacent_frame;
use super::text::{clamp, paragraphs, sentence_around, trim};
use crate::span::Span;

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '〝' | '〞')
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':') || is_double(c)
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…'
    ) || is_double(c)
        || matches!(c, '\'' | '’')
}

/// Whether a mark at byte `i` can open (left-flanking) and close (right-flanking).
fn flanks(s: &str, i: usize, c: char) -> (bool, bool) {
    let prev = s[..i].chars().next_back();
    let next = s[i + c.len_utf8()..].chars().next();
    let left = next.is_some_and(|n| !n.is_whitespace())
        && prev.is_none_or(|p| p.is_whitespace() || is_opening_punct(p));
    let right = prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| n.is_whitespace() || is_closing_punct(n));
    (left, right)
}

struct Open {
    mark: usize,
    depth: usize,
}

/// Double-quoted spans of one paragraph; the last one may be unclosed (`Err`).
fn scan_paragraph(text: &str, para: Span) -> (Vec<QuoteSpan>, Option<usize>) {
    let s = para.slice(text);
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let b = s.as_bytes();
    let mut next = 0;
    // Every double mark is '"' or not ASCII: skip the other bytes without decoding them.
    while let Some(off) = b[next..].iter().position(|&x| x == b'"' || x >= 0x80) {
        let i = next + off;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        next = i + c.len_utf8();
        if !is_double(c) {
            continue;
        }
        let (left, right) = flanks(s, i, c);
        match open.as_mut() {
            None => {
                // Tokenised copy spaces a mark on both sides ('. " She was ... . "'): a
                // free-standing straight mark after a sentence's end opens.
                let rest = &s[i + c.len_utf8()..];
                let spaced_after_end = c == '"'
                    && !left
                    && !right
                    && s[..i]
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_none_or(|p| matches!(p, '.' | '!' | '?'))
                    && rest.starts_with(char::is_whitespace)
                    && rest.trim_start().starts_with(char::is_alphanumeric);
                let opens = match c {
                    '“' | '„' | '‟' | '«' | '〝' => left || !right,
                    '"' => left || spaced_after_end,
                    // a closing-style mark used as an opener in mismatched copy
                    _ => left && !right,
                };
                if opens {
                    open = Some(Open { mark: i, depth: 1 });
                }
            }
            Some(o) => {
                if left && !right && matches!(c, '“' | '„' | '«' | '"') {
                    // a nested double quotation ("He called it “a disgrace” and ...")
                    o.depth += 1;
                } else {
                    o.depth -= 1;
                    if o.depth == 0 {
                        let start = para.start + o.mark;
                        let mark_len = s[o.mark..].chars().next().map_or(1, char::len_utf8);
                        let end = para.start + i + c.len_utf8();
                        let inner = trim(text, Span::new(start + mark_len, para.start + i));
                        if !inner.is_empty() {
                            out.push(QuoteSpan {
                                outer: Span::new(start, end),
                                inner,
                                continues: false,
                            });
                        }
                        open = None;
                    }
                }
            }
        }
    }
    (out, open.map(|o| para.start + o.mark))
}

fn starts_with_double(text: &str, para: Span) -> bool {
    para.slice(text)
        .trim_start()
        .chars()
        .next()
        .is_some_and(is_double)
}

/// A closing mark early in a paragraph that continues an unclosed quotation without
/// reopening it ("... pensioners, \"he told parliament."): the first double mark, right
/// after sentence punctuation (optionally followed by a space).
fn continuation_close(text: &str, para: Span) -> Option<usize> {
    let s = para.slice(text);
    let (i, _) = s.char_indices().find(|(_, c)| is_double(*c))?;
    let before = s[..i].trim_end_matches(' ');
    before
        .ends_with([',', '.', '!', '?', ';'])
        .then_some(para.start + i)
}

/// How many paragraphs at the start of `next` carry on an unclosed quotation without any
/// mark, when the paragraph after them closes it ([`continuation_close`]); 0 otherwise, or
/// past three such paragraphs.
fn plain_middle(text: &str, next: &[Span]) -> usize {
    const MAX: usize = 3;
    for (j, para) in next.iter().enumerate().take(MAX + 1) {
        let marked = para.slice(text).chars().any(is_double);
        if !marked {
            continue;
        }
        return if j > 0
            && !starts_with_double(text, *para)
            && continuation_close(text, *para).is_some()
        {
            j
        } else {
            0
        };
    }
    0
}

/// Double-quoted spans of a region (used for masking by the other modules).
pub(crate) fn double_quotes(text: &str, region: Span) -> Vec<QuoteSpan> {
    double_quotes_in(text, &paragraphs(text, region))
}

/// [`double_quotes`] of a region split into its [`paragraphs`].
fn double_quotes_in(text: &str, paras: &[Span]) -> Vec<QuoteSpan> {
    let mut out: Vec<QuoteSpan> = Vec::new();
    let mut carry: Option<usize> = None; // index in `out` of an unclosed quotation
    // Paragraphs up to this index are the plain middle of a quotation (already pushed).
    let mut inside_until = 0;
    for (k, para) in paras.iter().enumerate() {
        if k < inside_until {
            continue;
        }
        let mut scan = *para;
        if let Some(idx) = carry.take()
            && !starts_with_double(text, *para)
            && let Some(mark) = continuation_close(text, *para)
        {
            out[idx].continues = true;
            let mark_len = text[mark..].chars().next().map_or(1, char::len_utf8);
            let inner = trim(text, Span::new(para.start, mark));
            if !inner.is_empty() {
                out.push(QuoteSpan {
                    outer: Span::new(para.start, mark + mark_len),
                    inner,
                    continues: false,
                });
            }
            scan = Span::new(mark + mark_len, para.end);
        }
        let (mut quotes, unclosed) = scan_paragraph(text, scan);
        out.append(&mut quotes);
        if let Some(mark) = unclosed {
            let mark_len = text[mark..].chars().next().map_or(1, char::len_utf8);
            let inner = trim(text, Span::new(mark + mark_len, para.end));
            if !inner.is_empty() {
                // The quotation runs on through paragraphs without a mark to one that closes
                // it ("... OEMs," Su said): a quotation of several paragraphs, its
                // middle ones unmarked. Only when that close is found: an unclosed mark
                // alone takes no paragraph.
                let plain = plain_middle(text, &paras[k + 1..]);
                let continues = plain > 0
                    || paras
                        .get(k + 1)
                        .is_some_and(|n| starts_with_double(text, *n));
                carry = Some(out.len());
                out.push(QuoteSpan {
                    outer: Span::new(mark, para.end),
                    inner,
                    continues,
                });
                for middle in &paras[k + 1..k + 1 + plain] {
                    let inner = trim(text, *middle);
                    if !inner.is_empty() {
                        carry = Some(out.len());
                        out.push(QuoteSpan {
                            outer: *middle,
                            inner,
                            continues: true,
                        });
                    }
                }
                inside_until = k + 1 + plain;
            }
        }
    }
    out
}

/// Elisions that start with an apostrophe and never open a quotation.
fn is_elision(rest: &str) -> bool {
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "em" | "til" | "tis" | "twas" | "cause" | "n" | "bout" | "round" | "s" | "t" | "d" | "ll"
    )
}

/// Single-quoted spans of a paragraph, outside double quotations, that are speech: at
/// least four words and framed by a speech verb right before or after.
fn single_quotes(text: &str, para: Span, doubles: &[Span]) -> Vec<QuoteSpan> {
    let s = para.slice(text);
    let in_double = |i: usize| doubles.iter().any(|d| d.start <= i && i < d.end);
    let marks: Vec<(usize, char, bool, bool)> = s
        .char_indices()
        .filter(|(i, c)| matches!(c, '\'' | '‘' | '’') && !in_double(para.start + i))
        .map(|(i, c)| {
            let (left, right) = flanks(s, i, c);
            (i, c, left, right)
        })
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        let (i, c, _, _) = marks[k];
        k += 1;
        if !opens_single(s, i, c) {
            continue;
        }
        // the first closing mark after it
        let Some(&(j, cj, _, _)) = marks[k..]
            .iter()
            .find(|(_, cj, l, r)| *r && !*l && matches!(cj, '\'' | '’'))
        else {
            continue;
        };
        let outer = Span::new(para.start + i, para.start + j + cj.len_utf8());
        let inner = trim(
            text,
            Span::new(para.start + i + c.len_utf8(), para.start + j),
        );
        let n_words = inner.slice(text).split_whitespace().count();
        if n_words < 4 {
            continue;
        }
        let sentence = sentence_around(text, outer, para, doubles);
        let q = QuoteSpan {
            outer,
            inner,
            continues: false,
        };
        if has_adjacent_frame(text, &q, sentence) {
            out.push(q);
            k = marks.partition_point(|m| m.0 <= j);
        }
    }
    out
}

/// Whether a single mark at byte `i` of `s` opens a quotation: left-flanking, a letter
/// after it, not an elision ('em, 'til) and not a closing-style mark.
fn opens_single(s: &str, i: usize, c: char) -> bool {
    let (left, right) = flanks(s, i, c);
    let rest = &s[i + c.len_utf8()..];
    c != '’'
        && left
        && !right
        && rest.chars().next().is_some_and(char::is_alphabetic)
        && !is_elision(rest)
}

/// Where a paragraph ends with a closing single mark (right after the sentence's end,
/// optionally after a space: "... any bother. '"), the mark's byte offset.
fn closing_single_at_end(text: &str, para: Span) -> Option<usize> {
    let s = para.slice(text).trim_end();
    let c = s.chars().next_back().filter(|c| matches!(c, '\'' | '’'))?;
    let mark = s.len() - c.len_utf8();
    s[..mark]
        .trim_end_matches(' ')
        .ends_with(['.', ',', '!', '?'])
        .then_some(para.start + mark)
}

/// Single-quoted speech of several paragraphs (British copy): a framed opening mark
/// ("..., said: 'He was ...") whose paragraph never closes it, carried on through at most
/// [`MAX_SINGLE_PARAGRAPHS`] paragraphs without a quotation mark to one that ends with a
/// closing mark. One span per paragraph, all but the last `continues`, as for double
/// marks. Nothing when no such close is found: an unclosed mark alone takes no paragraph.
fn single_quotes_across(text: &str, paras: &[Span], doubles: &[Span]) -> Vec<QuoteSpan> {
    const MAX_SINGLE_PARAGRAPHS: usize = 5;
    let in_double = |i: usize| doubles.iter().any(|d| d.start <= i && i < d.end);
    let mut out = Vec::new();
    let mut k = 0;
    while k < paras.len() {
        let para = paras[k];
        k += 1;
        let s = para.slice(text);
        // The paragraph's last single mark outside double quotations: it must open.
        let Some((i, c)) = s
            .char_indices()
            .rev()
            .find(|(i, c)| matches!(c, '\'' | '‘' | '’') && !in_double(para.start + i))
        else {
            continue;
        };
        if !opens_single(s, i, c) || closing_single_at_end(text, para).is_some() {
            continue;
        }
        let first = QuoteSpan {
            outer: Span::new(para.start + i, para.end),
            inner: trim(text, Span::new(para.start + i + c.len_utf8(), para.end)),
            continues: true,
        };
        let sentence = sentence_around(text, first.outer, para, doubles);
        if first.inner.is_empty() || !has_adjacent_frame(text, &first, sentence) {
            continue;
        }
        // The paragraphs after it: plain ones, then the closing one.
        let mut spans = vec![first];
        for next in paras[k..].iter().take(MAX_SINGLE_PARAGRAPHS) {
            let body = next.slice(text);
            if body.chars().any(is_double) {
                break;
            }
            if let Some(close) = closing_single_at_end(text, *next) {
                let inner = trim(text, Span::new(next.start, close));
                let mark_len = text[close..].chars().next().map_or(1, char::len_utf8);
                spans.push(QuoteSpan {
                    outer: Span::new(next.start, close + mark_len),
                    inner,
                    continues: false,
                });
                k += spans.len() - 1;
                out.append(&mut spans);
                break;
            }
            // A middle paragraph holds no quotation mark of its own (apostrophes inside
            // words are fine).
            let marked = body.char_indices().any(|(j, c)| {
                matches!(c, '\'' | '‘' | '’') && (opens_single(body, j, c) || flanks(body, j, c).1)
            });
            if marked {
                break;
            }
            spans.push(QuoteSpan {
                outer: *next,
                inner: trim(text, *next),
                continues: true,
            });
        }
    }
    out
}

/// Find direct quotations in `text` restricted to `regions` (byte spans, in order, e.g.
/// the non-boilerplate paragraphs).
///
/// * Straight `"..."`, curly `“...”` and mismatched (`“..."`, `”...”`) double quotes.
///   A mark opens when it is left-flanking (white space or an opening bracket before it, a
///   word after it); a stray mark that cannot open (`12"`) is ignored.
/// * News-style continuation: a paragraph that ends inside a quotation yields a span to
///   the paragraph end with `continues = true` when the next paragraph reopens with a mark.
/// * Partial quotations inside a sentence and nested quotations (single or double) inside
///   double ones are part of the enclosing span.
/// * Single quotes (`'...'`, `‘...’`) count only as framed speech of four or more words
///   (`'We will rebuild,' the mayor said`); names and titles (`'Operation Thunder'`) and
///   apostrophes (`don't`, `the Smiths' house`, `’90s`, `'em`) never open a quotation.
///
/// Paragraphs are the regions' lines (hard-wrapped lines are joined, see [`super::paragraphs`]).
/// The result is sorted by position.
pub fn find_quotes(text: &str, regions: &[Span]) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    // Regions next to each other (only white space between) are one run of paragraphs: a
    // quotation continues from one into the next.
    let mut runs: Vec<Span> = Vec::with_capacity(regions.len());
    for region in regions {
        let region = clamp(text, *region);
        match runs.last_mut() {
            Some(last)
                if last.end <= region.start && text[last.end..region.start].trim().is_empty() =>
            {
                last.end = region.end
            }
            _ => runs.push(region),
        }
    }
    for region in &runs {
        let region = *region;
        if region.is_empty() {
            continue;
        }
        // Split once: both kinds of quotation are looked for paragraph by paragraph.
        let paras = paragraphs(text, region);
        let doubles = double_quotes_in(text, &paras);
        let masks: Vec<Span> = doubles.iter().map(|q| q.outer).collect();
        out.extend(doubles);
        for &para in &paras {
            out.extend(single_quotes(text, para, &masks));
        }
        out.extend(single_quotes_across(text, &paras, &masks));
    }
    out.sort_by_key(|q| (q.outer.start, q.outer.end));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &str) -> Vec<QuoteSpan> {
        find_quotes(t, &[Span::new(0, t.len())])
    }

    fn inners(t: &str) -> Vec<&str> {
        all(t).iter().map(|q| q.inner.slice(t)).collect()
    }

    #[test]
    fn a_quotation_runs_on_through_unmarked_paragraphs_to_its_close() {
        let t = "Ms Varga spoke.\n\u{201c}We will not sell the port.\nWe have to keep the jobs here.\nBut the goal is growth,\u{201d} Varga said.\nThen she left.";
        let qs = all(t);
        let inner: Vec<&str> = qs.iter().map(|q| q.inner.slice(t)).collect();
        assert_eq!(
            inner,
            [
                "We will not sell the port.",
                "We have to keep the jobs here.",
                "But the goal is growth,"
            ]
        );
        assert_eq!(
            qs.iter().map(|q| q.continues).collect::<Vec<_>>(),
            [true, true, false]
        );
        // With no close within reach, the unclosed mark takes only its own paragraph.
        let t =
            "\u{201c}We will not sell the port.\nWe have to keep the jobs here.\nThen she left.";
        assert_eq!(inners(t), ["We will not sell the port."]);
    }

    #[test]
    fn straight_and_curly_quotes() {
        let t = "“The bridge will reopen in spring,” the engineer said. He added: \"We are on schedule.\"";
        assert_eq!(
            inners(t),
            vec!["The bridge will reopen in spring,", "We are on schedule."]
        );
        let q = all(t)[0];
        assert_eq!(q.outer.slice(t), "“The bridge will reopen in spring,”");
        assert!(!q.continues);
    }

    #[test]
    fn spaced_straight_marks_of_tokenised_copy() {
        let t = "\"It held,\" said Ana Ruiz, a neighbour. \" It always held. It will hold. \"";
        assert_eq!(inners(t), vec!["It held,", "It always held. It will hold."]);
        // A spaced mark inside a sentence opens nothing.
        let t = "The sign read 6 \" by 4 \" in chalk.";
        assert!(inners(t).is_empty(), "{:?}", inners(t));
    }

    #[test]
    fn mismatched_marks_pair_up() {
        let t = "“Nobody was hurt,\" the chief said, ”and the fire is out.“ Then he left.";
        assert_eq!(inners(t), vec!["Nobody was hurt,", "and the fire is out."]);
    }

    #[test]
    fn quote_continued_in_next_paragraph() {
        let t = "\"We have rebuilt the harbour wall twice.\nWe will not do it a third time,\" she said.\n\n\
                 “The first part ends here.\n“And this part follows,” the mayor told the council.";
        let q = all(t);
        let texts: Vec<&str> = q.iter().map(|q| q.inner.slice(t)).collect();
        // the second paragraph of the first quotation closes without reopening
        assert_eq!(texts[0], "We have rebuilt the harbour wall twice.");
        assert!(q[0].continues);
        assert_eq!(texts[1], "We will not do it a third time,");
        // news style: the paragraph ends open, the next one reopens
        assert_eq!(texts[2], "The first part ends here.");
        assert!(q[2].continues);
        assert_eq!(texts[3], "And this part follows,");
        assert!(!q[3].continues);
    }

    #[test]
    fn partial_quote_inside_a_sentence() {
        let t = "The minister stressed the \"shared duty to protect the coast\" in her remarks.";
        assert_eq!(inners(t), vec!["shared duty to protect the coast"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let t = "“They kept shouting ‘open the gates’ until dawn,” a guard said.";
        assert_eq!(
            inners(t),
            vec!["They kept shouting ‘open the gates’ until dawn,"]
        );
    }

    #[test]
    fn apostrophes_never_open_quotes() {
        let t = "The Morgans' farm wasn't sold in the ’90s, and rock 'n' roll didn't help 'em either, he said.";
        assert!(all(t).is_empty());
        let t = "It's the council’s call, the voters' choice and the ’80s all over again.";
        assert!(all(t).is_empty());
    }

    #[test]
    fn single_quoted_titles_are_not_quotes() {
        let t = "The army launched 'Operation Northern Shield' and the film 'Dark Water' opened.";
        assert!(all(t).is_empty());
    }

    #[test]
    fn single_quoted_speech_with_a_frame_counts() {
        let t = "'We will rebuild every single home,' the mayor said on Monday.";
        assert_eq!(inners(t), vec!["We will rebuild every single home,"]);
        let t = "She told the inquiry: ‘I never saw the warning letters at all.’";
        assert_eq!(inners(t), vec!["I never saw the warning letters at all."]);
        // long enough but no speech frame: a title, not speech
        let t = "The exhibition 'Light and Shadow in the North' drew crowds.";
        assert!(all(t).is_empty());
    }

    #[test]
    fn single_quoted_speech_runs_on_through_paragraphs_to_a_closing_mark() {
        let t = "A neighbour said: 'He adored his brother.\nThey were always together.\nHe never caused any bother. '\nPolice left.";
        assert_eq!(
            inners(t),
            vec![
                "He adored his brother.",
                "They were always together.",
                "He never caused any bother."
            ]
        );
        let continues: Vec<bool> = all(t).iter().map(|q| q.continues).collect();
        assert_eq!(continues, vec![true, true, false]);
        // Curly marks: the closing mark (three bytes) is inside the last span.
        let t =
            "A neighbour said: \u{2018}He adored his brother.\nHe never caused any bother.\u{2019}";
        let qs = all(t);
        assert_eq!(
            qs.last().map(|q| q.outer.slice(t)),
            Some("He never caused any bother.\u{2019}")
        );
        // No closing mark within reach: nothing (an unclosed mark takes no paragraph).
        let t =
            "A neighbour said: 'He adored his brother.\nThey were always together.\nPolice left.";
        assert!(all(t).is_empty(), "{:?}", inners(t));
        // No speech frame: a title or a stray mark, not speech.
        let t = "The show 'Light in the North\nran for weeks.\nIt closed in May.'";
        assert!(all(t).is_empty(), "{:?}", inners(t));
        // A middle paragraph with a quotation of its own ends the search.
        let t = "A neighbour said: 'He adored his brother.\nThe vicar called it 'a loss for the village,' he said.\nHe never caused any bother. '";
        assert!(
            !inners(t).contains(&"He never caused any bother."),
            "{:?}",
            inners(t)
        );
    }

    #[test]
    fn regions_restrict_the_search() {
        let t = "\"Skip me,\" he said.\n\"Keep me,\" she said.";
        let second = t.find("\"Keep").unwrap();
        let q = find_quotes(t, &[Span::new(second, t.len())]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].inner.slice(t), "Keep me,");
    }

    #[test]
    fn stray_marks_and_odd_input_do_not_panic() {
        for t in [
            "\"",
            "“",
            "”",
            "a 12\" pipe",
            "\"\"",
            "“ ”",
            "He said \"unfinished",
            "'''",
            "‘",
            "é“ü”ß\"'’‘",
            "\"a\"b\"c\"d\"",
        ] {
            let q = find_quotes(
                t,
                &[Span::new(0, t.len()), Span::new(3, 1), Span::new(0, 999)],
            );
            for q in &q {
                assert!(q.outer.end <= t.len() && q.inner.start >= q.outer.start);
            }
        }
        assert!(all("a 12\" pipe and a 3\" bolt").is_empty());
        let t = "He said \"unfinished business";
        assert_eq!(inners(t), vec!["unfinished business"]);
        assert!(!all(t)[0].continues);
    }
}
