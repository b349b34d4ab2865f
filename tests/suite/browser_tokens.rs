//! The raw-HTML trust boundary against a browser's tokenizer (html5ever's, the one ammonia
//! parses with), shared by the property tests (`boundary.rs`) and the `html_boundary` fuzz
//! target: what `strip_attributes` keeps must hold, as a browser reads it, no attribute that
//! could hide a quoted passage or take a citation's id and no tag of an element whose text a
//! browser would not show as markup, and nothing else changed; and the tags `tags` finds (which
//! the nesting limit counts) must be the tags a browser sees.

use std::cell::RefCell;

use factsheet::markdown::sanitize::{self, HtmlTag, STRIPPED_ATTRIBUTES, TEXT_ONLY_ELEMENTS};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// A tag as the tokenizer saw it: start or end, its name, its attributes' names and values.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub start: bool,
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

#[derive(Default)]
struct Tags(RefCell<Vec<Seen>>);

impl TokenSink for Tags {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            self.0.borrow_mut().push(Seen {
                start: tag.kind == TagKind::StartTag,
                name: tag.name.to_string(),
                attributes: (tag.attrs.iter())
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect(),
            });
        }
        TokenSinkResult::Continue
    }
}

/// The tags html5ever's tokenizer reads in `html`.
pub fn tokenized(html: &str) -> Vec<Seen> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Tags::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Where `sanitize` and html5ever's tokenizer disagree on `html`, said in a sentence.
pub fn disagreement(html: &str) -> Option<String> {
    let ours: Vec<(bool, String)> = sanitize::tags(html)
        .map(|(_, tag)| match tag {
            HtmlTag::Start(name) => (true, name),
            HtmlTag::End(name) => (false, name),
        })
        .collect();
    let read_before = tokenized(html);
    let theirs: Vec<(bool, String)> = (read_before.iter())
        .map(|t| (t.start, t.name.clone()))
        .collect();
    if ours != theirs {
        return Some(format!(
            "tags counted {ours:?}, a browser reads {theirs:?} in {html:?}"
        ));
    }
    let kept = sanitize::strip_attributes(html);
    let expected: Vec<Seen> = read_before
        .into_iter()
        .filter(|tag| !TEXT_ONLY_ELEMENTS.contains(&tag.name.as_str()))
        .map(|mut tag| {
            tag.attributes
                .retain(|(a, _)| !STRIPPED_ATTRIBUTES.contains(&a.as_str()));
            tag
        })
        .collect();
    let read = tokenized(&kept);
    (read != expected)
        .then(|| format!("{html:?} kept as {kept:?}: a browser reads {read:?}, not {expected:?}"))
}
