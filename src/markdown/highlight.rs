//! Wrapping quoted passages in `<mark>` elements.
//!
//! A [`Mark`] is one citation: one or more ranges of the document's plain text (several when
//! the quote has an ellipsis), the id its citation links to, and the fact to link back to.
//! Each piece of text inside a range is wrapped in its own `<mark class="quote">`, so marks
//! never cross an element boundary and the HTML stays well-formed whatever the markup; runs of
//! text are merged beforehand, so a passage without markup is one element. The first piece of
//! a mark carries its `id`; after its last piece comes a link back to the fact (after the
//! enclosing link, when the passage is link text, since links cannot nest). Overlapping
//! quotes nest their marks. Every piece names its passage (`data-passage`), so a theme can mark
//! the whole of a targeted passage, and a hidden landing note before the first piece says
//! which fact quotes it.

use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::escape;

/// A cited passage to highlight.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The ranges of the plain text quoted, in order.
    pub ranges: Vec<Range<usize>>,
    /// The `id` of the highlight, the target of the citation link.
    pub id: String,
    /// Where the back-link goes (the fact's source note).
    pub back_href: String,
    /// What the back-link says to screen readers and on hover.
    pub back_label: String,
    /// The title of the fact that quotes it, for the note shown when a citation leads here.
    pub fact: String,
}

/// One range of one mark.
struct Segment {
    range: Range<usize>,
    mark: usize,
    first: bool,
    last: bool,
}

/// Returns `events` with the marks' ranges wrapped; `pieces` maps plain-text ranges to events.
pub fn apply<'a>(
    events: Vec<Event<'a>>,
    pieces: &[(usize, Range<usize>)],
    marks: &[Mark],
) -> Vec<Event<'a>> {
    if marks.is_empty() {
        return events;
    }
    let mut segments: Vec<Segment> = marks
        .iter()
        .enumerate()
        .flat_map(|(m, mark)| {
            let n = mark.ranges.len();
            mark.ranges.iter().enumerate().map(move |(k, r)| Segment {
                range: r.clone(),
                mark: m,
                first: k == 0,
                last: k + 1 == n,
            })
        })
        .filter(|s| !s.range.is_empty())
        .collect();
    segments.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end), s.mark));

    let mut writer = Writer {
        marks,
        segments: &segments,
        id_written: vec![false; marks.len()],
        link_depth: 0,
        deferred: Vec::new(),
        out: Vec::with_capacity(events.len() + marks.len() * 4),
    };
    let mut next_piece = pieces.iter().peekable();
    for (i, event) in events.into_iter().enumerate() {
        let piece = match next_piece.peek() {
            Some((index, range)) if *index == i => {
                next_piece.next();
                Some(range.clone())
            }
            _ => None,
        };
        match (event, piece) {
            (Event::Text(text), Some(range)) => writer.text(text, range),
            (Event::Code(code), Some(range)) => writer.code(code, range),
            (event, _) => writer.other(event),
        }
    }
    writer.out
}

/// Whether an inline HTML fragment (one tag, as pulldown-cmark gives it) is a link's start tag
/// (`<a …>`: `Some(true)`) or end tag (`</a>`: `Some(false)`).
fn raw_link_tag(html: &str) -> Option<bool> {
    match super::sanitize::tags(html).next()?.1 {
        super::sanitize::HtmlTag::Start(name) => (name == "a").then_some(true),
        super::sanitize::HtmlTag::End(name) => (name == "a").then_some(false),
    }
}

struct Writer<'m, 'a> {
    marks: &'m [Mark],
    segments: &'m [Segment],
    id_written: Vec<bool>,
    link_depth: usize,
    /// Back-links waiting for the enclosing link to end.
    deferred: Vec<usize>,
    out: Vec<Event<'a>>,
}

impl<'m, 'a> Writer<'m, 'a> {
    fn other(&mut self, event: Event<'a>) {
        // A link written as raw HTML is a link too: nothing may nest a link inside it.
        let raw_link = match &event {
            Event::InlineHtml(html) => raw_link_tag(html),
            _ => None,
        };
        let link_end = matches!(event, Event::End(TagEnd::Link)) || raw_link == Some(false);
        if matches!(event, Event::Start(pulldown_cmark::Tag::Link { .. })) || raw_link == Some(true)
        {
            self.link_depth += 1;
        } else if link_end {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        self.out.push(event);
        if link_end && self.link_depth == 0 {
            for mark in std::mem::take(&mut self.deferred) {
                self.back_link(mark);
            }
        }
    }

    /// The segments that overlap `range`.
    fn overlapping(&self, range: &Range<usize>) -> Vec<&'m Segment> {
        let segments: &'m [Segment] = self.segments;
        segments
            .iter()
            .take_while(|s| s.range.start < range.end)
            .filter(|s| s.range.end > range.start)
            .collect()
    }

    fn text(&mut self, text: CowStr<'a>, range: Range<usize>) {
        let segments = self.overlapping(&range);
        if segments.is_empty() {
            self.out.push(Event::Text(text));
            return;
        }
        let mut cuts: Vec<usize> = vec![range.start, range.end];
        for s in &segments {
            cuts.extend(
                [s.range.start, s.range.end]
                    .into_iter()
                    .filter(|c| range.contains(c)),
            );
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let piece = &text[a - range.start..b - range.start];
            let covering: Vec<&Segment> = segments
                .iter()
                .copied()
                .filter(|s| s.range.start <= a && s.range.end >= b)
                .collect();
            self.wrapped(Event::Text(CowStr::from(piece.to_string())), &covering, b);
        }
    }

    fn code(&mut self, code: CowStr<'a>, range: Range<usize>) {
        let covering = self.overlapping(&range);
        self.wrapped(Event::Code(code), &covering, range.end);
    }

    /// Writes `event` inside a mark for each covering segment, then the back-links of the
    /// marks that end at or before `end`.
    fn wrapped(&mut self, event: Event<'a>, covering: &[&Segment], end: usize) {
        // A passage starts here: its landing note comes first, outside every mark.
        let starting: Vec<usize> = covering
            .iter()
            .filter(|s| s.first && !self.id_written[s.mark])
            .map(|s| s.mark)
            .collect();
        for &mark in &starting {
            self.landing(mark);
        }
        for s in covering {
            let m = &self.marks[s.mark];
            let mut tag = format!("<mark class=\"quote\" data-passage=\"{}\"", escape(&m.id));
            if s.first && !self.id_written[s.mark] {
                self.id_written[s.mark] = true;
                let _ = write!(tag, " id=\"{}\"", escape(&m.id));
            }
            tag.push('>');
            self.out.push(Event::InlineHtml(CowStr::from(tag)));
        }
        self.out.push(event);
        // Every mark closes first, so a back-link never sits inside another passage's mark.
        let mut ending = Vec::new();
        for s in covering.iter().rev() {
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("</mark>")));
            if s.last && s.range.end <= end {
                ending.push(s.mark);
            }
        }
        for mark in ending {
            if self.link_depth > 0 {
                self.deferred.push(mark);
            } else {
                self.back_link(mark);
            }
        }
    }

    /// The note shown above a passage when a citation leads to it (the theme shows it for the
    /// targeted passage only): which fact quotes it, and a link back (plain text inside a link,
    /// where links cannot nest).
    fn landing(&mut self, mark: usize) {
        let m = &self.marks[mark];
        let fact = if self.link_depth > 0 {
            escape(&m.fact)
        } else {
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&m.back_href),
                escape(&m.fact)
            )
        };
        let html = format!(
            "<span class=\"landing\" data-passage=\"{}\" hidden>Quoted by the fact {fact}</span>",
            escape(&m.id)
        );
        self.out.push(Event::InlineHtml(CowStr::from(html)));
    }

    fn back_link(&mut self, mark: usize) {
        let m = &self.marks[mark];
        let html = format!(
            "<a class=\"backref\" href=\"{}\" aria-label=\"{}\" title=\"{}\">↩</a>",
            escape(&m.back_href),
            escape(&m.back_label),
            escape(&m.back_label)
        );
        self.out.push(Event::InlineHtml(CowStr::from(html)));
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::{parse, Mark};

    #[allow(clippy::single_range_in_vec_init)]
    fn mark(doc_text: &str, quote: &str, id: &str) -> Mark {
        let start = doc_text.find(quote).expect("quote in text");
        Mark {
            ranges: vec![start..start + quote.len()],
            id: id.to_string(),
            back_href: format!("../../facts/{id}/"),
            back_label: format!("Fact {id}"),
            fact: format!("F{id}"),
        }
    }

    #[test]
    fn a_plain_passage_is_one_mark_with_the_id_and_a_back_link() {
        let md = "Aliyev said the budget is $5 billion, far above Armenia's.\n";
        let doc = parse(md);
        let m = mark(doc.plain_text(), "the budget is $5 billion", "q-a-1");
        let html = doc.to_html(&[m]);
        assert_eq!(
            html,
            "<p>Aliyev said <span class=\"landing\" data-passage=\"q-a-1\" hidden>Quoted by the fact <a href=\"../../facts/q-a-1/\">Fq-a-1</a></span><mark class=\"quote\" data-passage=\"q-a-1\" id=\"q-a-1\">the budget is $5 billion</mark><a class=\"backref\" href=\"../../facts/q-a-1/\" aria-label=\"Fact q-a-1\" title=\"Fact q-a-1\">↩</a>, far above Armenia's.</p>\n"
        );
    }

    #[test]
    fn a_passage_across_markup_is_split_but_well_formed() {
        let md = "One *two three* four.\n";
        let doc = parse(md);
        let m = mark(doc.plain_text(), "two three four", "q");
        let html = doc.to_html(&[m]);
        assert_eq!(
            html,
            "<p>One <em><span class=\"landing\" data-passage=\"q\" hidden>Quoted by the fact <a href=\"../../facts/q/\">Fq</a></span><mark class=\"quote\" data-passage=\"q\" id=\"q\">two three</mark></em><mark class=\"quote\" data-passage=\"q\"> four</mark><a class=\"backref\" href=\"../../facts/q/\" aria-label=\"Fact q\" title=\"Fact q\">↩</a>.</p>\n"
        );
    }

    #[test]
    fn overlapping_quotes_nest_each_piece_names_its_passage_and_nothing_nests_in_a_link() {
        let md = "Say [alpha beta gamma](https://x.org) now.\n";
        let doc = parse(md);
        let text = doc.plain_text().to_string();
        let a = mark(&text, "alpha beta", "a");
        let b = mark(&text, "beta gamma", "b");
        let html = doc.to_html(&[a, b]);
        assert_eq!(
            html,
            "<p>Say <a href=\"https://x.org\"><span class=\"landing\" data-passage=\"a\" hidden>Quoted by the fact Fa</span><mark class=\"quote\" data-passage=\"a\" id=\"a\">alpha </mark><span class=\"landing\" data-passage=\"b\" hidden>Quoted by the fact Fb</span><mark class=\"quote\" data-passage=\"a\"><mark class=\"quote\" data-passage=\"b\" id=\"b\">beta</mark></mark><mark class=\"quote\" data-passage=\"b\"> gamma</mark></a><a class=\"backref\" href=\"../../facts/a/\" aria-label=\"Fact a\" title=\"Fact a\">↩</a><a class=\"backref\" href=\"../../facts/b/\" aria-label=\"Fact b\" title=\"Fact b\">↩</a> now.</p>\n"
        );
    }

    #[test]
    fn nothing_is_linked_inside_a_link_written_as_raw_html() {
        let md = "Aliyev said <a href=\"https://x.org\">the budget is $5 billion</a> today.\n";
        let doc = parse(md);
        let m = mark(doc.plain_text(), "the budget is $5 billion", "q");
        let html = doc.to_html(&[m]);
        let inside = html.split("<a href=\"https://x.org\"").nth(1).unwrap();
        let inside = inside.split("</a>").next().unwrap();
        assert!(
            !inside.contains("<a "),
            "a link inside the raw link: {html}"
        );
        assert!(
            html.contains("</a><a class=\"backref\""),
            "the back-link follows the raw link: {html}"
        );
        assert!(html.contains("Quoted by the fact Fq</span>"), "{html}");
    }

    #[test]
    fn ellipsis_parts_share_one_id_and_one_back_link() {
        let md = "First part here. Middle. Second part there.\n";
        let doc = parse(md);
        let text = doc.plain_text();
        let a = text.find("First part").unwrap();
        let b = text.find("Second part").unwrap();
        let m = Mark {
            ranges: vec![a..a + 10, b..b + 11],
            id: "q".into(),
            back_href: "f/".into(),
            back_label: "F".into(),
            fact: "F".into(),
        };
        let html = doc.to_html(&[m]);
        assert_eq!(html.matches("id=\"q\"").count(), 1, "{html}");
        assert_eq!(html.matches("class=\"backref\"").count(), 1, "{html}");
        assert!(
            html.contains(
                "<mark class=\"quote\" data-passage=\"q\">Second part</mark><a class=\"backref\""
            ),
            "{html}"
        );
    }
}
