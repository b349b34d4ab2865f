//! The search index, split so that a search downloads only what it looks at.
//!
//! Everything is under `data/search/`:
//!
//! - `index.json`: how many entities, facts and articles there are (their documents are
//!   numbered in that order, each kind in site order), how many documents each file of
//!   `docs/` holds, and the keys of the word shards.
//! - `terms/KEY.json`: the words that start with `KEY` (and are not in a longer key's shard),
//!   each with the documents that have it in their title, figure and other text.
//! - `body/KEY.json`: the same for the articles' own words, fetched after the first results.
//! - `docs/N.json`: what a result shows, for documents `N × docs_per_file` onwards.
//!
//! A source's excerpt is cut from its text as the reader sees it, `data/articles/SLUG.txt`:
//! the evidence's copy, the only one the build writes besides the page.
//!
//! A word shard starts as the words' first two letters and is split by one more letter while it
//! is larger than [`SHARD_BYTES`], so one query word fetches one shard of a few kilobytes, not
//! the index. Words are folded and cut as `search.js` does ([`fold`], [`words`]): the two
//! must agree, or a word the page looks up is in another shard.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::view::Views;
use super::Sink;
use crate::diagnostic::Diagnostic;

/// Documents per file of `docs/`: a page of 20 results fetches at most 20 small files.
pub const DOCS_PER_FILE: usize = 16;
/// A word shard larger than this is split by one more letter, unless it holds one word.
pub const SHARD_BYTES: usize = 32 * 1024;
/// The letters of a word that name its shard before any split.
const KEY_LETTERS: usize = 2;
/// The most letters a shard's key has: a shard is not split past them, however large, so
/// words with a long common start cannot make splitting go deep or file names long.
pub const MAX_KEY_LETTERS: usize = 8;
/// Longer words are not indexed: nobody types them, and they would only make shards large.
pub const MAX_WORD_LETTERS: usize = 64;
/// Documents indexed per task when the postings are built in parallel.
const CHUNK: usize = 512;

/// `text` as search compares it: lower case, with accents dropped (decomposed, then U+0300 to
/// U+036F removed), as `search.js` folds it.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// The words of folded text: runs of letters and digits, where a `.` or `,` followed by digits
/// stays inside (`1.7`, `100,000`), as `search.js` cuts them.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    let is_word = |c: char| c.is_alphabetic() || c.is_numeric();
    let mut rest = folded;
    std::iter::from_fn(move || {
        let start = rest.find(is_word)?;
        rest = &rest[start..];
        let mut end = rest.find(|c| !is_word(c)).unwrap_or(rest.len());
        // `[.,]` and digits, as often as they come.
        loop {
            let mut after = rest[end..].chars();
            match (after.next(), after.next()) {
                (Some('.' | ','), Some(d)) if d.is_numeric() => {
                    let digits = end + 1;
                    end = rest[digits..]
                        .find(|c: char| !c.is_numeric())
                        .map_or(rest.len(), |n| digits + n);
                }
                _ => break,
            }
        }
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// The stem of a folded word: a light stripping of English inflections, so that "arms",
/// "arming" and "armed" are all found by "arm", and "supplies" by "supply". `search.js` has the
/// same function; `tests/stems.txt` holds the pairs both must give. Words of three letters or
/// fewer are kept as they are.
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let n = word.chars().count();
    if n < 4 {
        return Cow::Borrowed(word);
    }
    let cut = |k: usize| &word[..word.len() - k];
    if word.ends_with("sses") {
        Cow::Borrowed(cut(2))
    } else if word.ends_with("ies") && n > 4 {
        Cow::Owned(format!("{}y", cut(3)))
    } else if word.ends_with("ing") && n > 5 {
        Cow::Borrowed(cut(3))
    } else if word.ends_with("ed") && n > 4 {
        Cow::Borrowed(cut(2))
    } else if word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)) {
        Cow::Borrowed(cut(1))
    } else {
        Cow::Borrowed(word)
    }
}

/// Each word of some documents with the documents that have it, per field: ids ascending.
type Postings<const N: usize> = BTreeMap<String, [Vec<u32>; N]>;

/// A document's texts to index, one per field.
trait Fields<const N: usize> {
    fn fields(&self) -> [&str; N];
}

/// The postings of some documents, before they are merged with the others' ([`merge`]).
type Part<const N: usize> = HashMap<String, [Vec<u32>; N]>;

/// The postings of the documents `docs`, numbered from `first`.
fn invert_part<const N: usize, T: Fields<N>>(docs: &[T], first: u32) -> Part<N> {
    let mut part: Part<N> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let id = first + i as u32;
        for (f, text) in doc.fields().iter().enumerate() {
            for word in words(&fold(text)) {
                // A word of at most that many bytes has at most that many letters.
                if word.len() > MAX_WORD_LETTERS && word.chars().nth(MAX_WORD_LETTERS).is_some() {
                    continue;
                }
                // The word, and its stem when that differs: a search for the stem finds both.
                let stemmed = stem(word);
                let extra = (stemmed != word).then_some(stemmed.as_ref());
                for w in std::iter::once(word).chain(extra) {
                    let lists = match part.get_mut(w) {
                        Some(lists) => lists,
                        None => part
                            .entry(w.to_string())
                            .or_insert_with(|| std::array::from_fn(|_| Vec::new())),
                    };
                    if lists[f].last() != Some(&id) {
                        lists[f].push(id);
                    }
                }
            }
        }
    }
    part
}

/// Adds `part` to `all`: its documents' ids are above those of every part added before.
fn merge<const N: usize>(all: &mut Postings<N>, part: Part<N>) {
    for (word, lists) in part {
        let into = all
            .entry(word)
            .or_insert_with(|| std::array::from_fn(|_| Vec::new()));
        for (into, list) in into.iter_mut().zip(lists) {
            into.extend(list);
        }
    }
}

/// The postings of documents numbered from `first`.
fn invert<const N: usize, T: Fields<N> + Sync>(docs: &[T], first: u32) -> Postings<N> {
    let parts: Vec<Part<N>> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| invert_part(chunk, first + (c * CHUNK) as u32))
        .collect();
    let mut all = BTreeMap::new();
    for part in parts {
        merge(&mut all, part);
    }
    all
}

/// The articles' own words and texts, indexed a chunk of articles at a time while their plain
/// texts are at hand ([`Bodies::index`]); the words are gathered in [`BodyWords`].
pub struct Bodies<'v> {
    views: &'v Views,
}

/// The words of one chunk of articles, with the documents that have them.
pub struct BodyPart(Part<1>);

/// The articles' words, gathered chunk by chunk, for the `body/` shards.
#[derive(Default)]
pub struct BodyWords(Postings<1>);

impl<'v> Bodies<'v> {
    /// Articles per chunk: their plain texts are held together while they are indexed.
    pub const CHUNK: usize = CHUNK;

    /// The articles of the site `views` show.
    pub fn new(views: &'v Views) -> Self {
        Bodies { views }
    }

    /// Indexes the plain texts `texts` of the articles numbered from `first` (0 for the site's
    /// first article).
    pub fn index(&self, first: usize, texts: &[String]) -> BodyPart {
        let documents = self.views.entities.len() + self.views.facts.len();
        BodyPart(invert_part(texts, (documents + first) as u32))
    }
}

impl BodyWords {
    /// Adds the words of a chunk, `part`: chunks are added in the order of their articles.
    pub fn add(&mut self, part: BodyPart) {
        merge(&mut self.0, part.0);
    }

    /// Writes the `body/` shards of the words added; returns their keys.
    pub fn write(&self, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
        write_shards(&self.0, "body", sink)
    }
}

/// Ascending ids as JSON numbers: a run of consecutive ids is its first id's gap from the
/// previous id (less one) and then minus the length of the rest of the run; a lone id is its
/// gap alone. `[4, -2, 0]` is 4, 5, 6, 7.
fn encode(ids: &[u32], out: &mut String) {
    out.push('[');
    let mut previous: i64 = -1;
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i];
        let mut end = i;
        while end + 1 < ids.len() && ids[end + 1] == ids[end] + 1 {
            end += 1;
        }
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", i64::from(start) - previous - 1);
        if end > i {
            let _ = write!(out, ",-{}", end - i);
        }
        previous = i64::from(ids[end]);
        i = end + 1;
    }
    out.push(']');
}

/// One word and its postings as the JSON of a shard entry: `"word":[[…],[…]]`.
fn entry<const N: usize>(word: &str, lists: &[Vec<u32>; N]) -> String {
    let mut out = serde_json::to_string(word).unwrap_or_default();
    out.push_str(":[");
    for (f, list) in lists.iter().enumerate() {
        if f > 0 {
            out.push(',');
        }
        encode(list, &mut out);
    }
    out.push(']');
    out
}

/// The first `n` characters of `word`, or all of it.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices()
        .nth(n)
        .map_or(word, |(at, _)| &word[..at])
}

/// Sorted shard entries `(word, json)` cut into shards by their first `letters` characters;
/// a shard over `limit` bytes keeps the words that equal its key and splits the rest by one
/// more letter, up to keys of [`MAX_KEY_LETTERS`].
fn shard<'a>(
    entries: &'a [(String, String)],
    letters: usize,
    limit: usize,
    out: &mut Vec<(&'a str, &'a [(String, String)])>,
) {
    let mut rest = entries;
    while let Some((first, _)) = rest.first() {
        let key = prefix(first, letters);
        let len = rest
            .iter()
            .position(|(w, _)| prefix(w, letters) != key)
            .unwrap_or(rest.len());
        let (group, tail) = rest.split_at(len);
        rest = tail;
        let bytes: usize = group.iter().map(|(w, json)| w.len() + json.len()).sum();
        if bytes <= limit || group.len() == 1 || letters >= MAX_KEY_LETTERS {
            out.push((key, group));
            continue;
        }
        // Sorted, so the word equal to the key (if any) comes first.
        let own = usize::from(group[0].0 == key);
        if own == 1 {
            out.push((key, &group[..1]));
        }
        shard(&group[own..], letters + 1, limit, out);
    }
}

/// The file name of a shard key: letters a to z and digits as they are, any other character as
/// `_` and its code point in hex and `_`.
pub fn key_file(key: &str) -> String {
    let mut name = String::new();
    for c in key.chars() {
        match c {
            'a'..='z' | '0'..='9' => name.push(c),
            _ => {
                let _ = write!(name, "_{:x}_", c as u32);
            }
        }
    }
    name
}

/// Writes the shards of `postings` under `dir`, and returns their keys, sorted.
fn write_shards<const N: usize>(
    postings: &Postings<N>,
    dir: &str,
    sink: &dyn Sink,
) -> Result<Vec<String>, Diagnostic> {
    let entries: Vec<(String, String)> = postings
        .iter()
        .map(|(word, lists)| (word.clone(), entry(word, lists)))
        .collect();
    let mut shards = Vec::new();
    shard(&entries, KEY_LETTERS, SHARD_BYTES, &mut shards);
    shards.par_iter().try_for_each(|(key, group)| {
        let mut json = String::from("{");
        for (i, (_, entry)) in group.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(entry);
        }
        json.push('}');
        sink.write(
            &format!("data/search/{dir}/{}.json", key_file(key)),
            json.into_bytes(),
        )
    })?;
    let mut keys: Vec<String> = shards.iter().map(|(key, _)| key.to_string()).collect();
    keys.sort();
    Ok(keys)
}

/// What a result shows: `[kind, title, figure, text, status, label, path]`, where `figure`,
/// `status` (its style: `reported`, `claimed`, `disputed` or `response`) and `label` (a fact's
/// status in words) are `null` for all but facts. The last field, not written, is the other
/// text as indexed: a fact's claim with the names of its topics and entities, so "arms
/// supplies" finds the facts filed under that topic.
#[derive(Serialize)]
struct Doc<'a>(
    &'static str,
    &'a str,
    Option<&'a str>,
    std::borrow::Cow<'a, str>,
    Option<&'static str>,
    Option<&'a str>,
    &'a str,
    #[serde(skip)] Option<String>,
);

/// `data/search/index.json`.
#[derive(Serialize)]
struct Manifest<'a> {
    entities: usize,
    facts: usize,
    articles: usize,
    docs_per_file: usize,
    terms: &'a [String],
    body: &'a [String],
    /// The topics, for a search to name those its words match: `[title, path, facts]`.
    topics: Vec<(&'a str, &'a str, usize)>,
    /// The entities with the most facts, at most [`MAIN_ENTITIES`], for a search that finds
    /// nothing to offer: `[name, path, facts]`.
    main_entities: Vec<(&'a str, &'a str, usize)>,
}

/// How many entities a search that finds nothing offers.
const MAIN_ENTITIES: usize = 6;

impl Fields<3> for Doc<'_> {
    /// Title, figure and the other text (for a fact, with its topics and entities).
    fn fields(&self) -> [&str; 3] {
        [
            self.1,
            self.2.unwrap_or_default(),
            self.7.as_deref().unwrap_or(&self.3),
        ]
    }
}

impl Fields<1> for String {
    /// An article's text as the reader sees it.
    fn fields(&self) -> [&str; 1] {
        [self]
    }
}

/// JSON bytes of a value that always serializes.
fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The documents in id order: entities, facts, articles.
fn docs(views: &Views) -> Vec<Doc<'_>> {
    let joined = |parts: Vec<&str>| std::borrow::Cow::Owned(parts.join(" "));
    let entities = views.entities.iter().map(|e| {
        let text = joined(
            e.role
                .iter()
                .chain(&e.aliases)
                .map(String::as_str)
                .collect(),
        );
        Doc("entity", &e.name, None, text, None, None, &e.path, None)
    });
    let aliases: HashMap<&str, &[String]> = (views.entities.iter())
        .map(|e| (e.slug.as_str(), e.aliases.as_slice()))
        .collect();
    let facts = views.facts.iter().map(move |f| {
        let figure = f.figure.as_ref().map(|g| g.full.as_str());
        let label = Some(f.status_label.as_str());
        let names = (f.topics.iter().map(|t| t.title.as_str()))
            .chain(f.entities.iter().map(|e| e.title.as_str()))
            .chain(f.entities.iter().flat_map(|e| {
                aliases
                    .get(e.slug.as_str())
                    .into_iter()
                    .flat_map(|a| a.iter().map(String::as_str))
            }));
        let indexed = std::iter::once(f.claim.as_str())
            .chain(names)
            .collect::<Vec<_>>()
            .join(" ");
        Doc(
            "fact",
            &f.title,
            figure,
            std::borrow::Cow::Borrowed(f.claim.as_str()),
            Some(f.kind),
            label,
            &f.path,
            Some(indexed),
        )
    });
    let articles = views.articles.iter().map(|a| {
        let text = joined(
            [a.publisher.as_deref(), a.author.as_deref()]
                .into_iter()
                .flatten()
                .collect(),
        );
        Doc("article", &a.title, None, text, None, None, &a.path, None)
    });
    entities.chain(facts).chain(articles).collect()
}

/// Writes the part of `data/search/` made from `views`: the word shards of entities, facts and
/// articles' titles (`terms/`) and the documents (`docs/`); returns the shards' keys.
pub fn write_terms(views: &Views, sink: &dyn Sink) -> Result<Vec<String>, Diagnostic> {
    let docs = docs(views);
    let terms = write_shards(&invert(&docs, 0), "terms", sink)?;
    docs.par_chunks(DOCS_PER_FILE)
        .enumerate()
        .try_for_each(|(n, chunk)| {
            sink.write(&format!("data/search/docs/{n}.json"), json(chunk))
        })?;
    Ok(terms)
}

/// Writes `data/search/index.json`, which names the shards `terms` and `body`.
pub fn write_manifest(
    views: &Views,
    terms: &[String],
    body: &[String],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let manifest = Manifest {
        entities: views.entities.len(),
        facts: views.facts.len(),
        articles: views.articles.len(),
        docs_per_file: DOCS_PER_FILE,
        terms,
        body,
        topics: (views.topics.iter())
            .map(|t| (t.title.as_str(), t.path.as_str(), t.fact_count))
            .collect(),
        main_entities: {
            let mut main: Vec<_> = (views.entities.iter())
                .map(|e| (e.name.as_str(), e.path.as_str(), e.fact_count))
                .collect();
            // The most facts first; on a tie, site order.
            main.sort_by_key(|e| std::cmp::Reverse(e.2));
            main.truncate(MAIN_ENTITIES);
            main
        },
    };
    sink.write("data/search/index.json", json(&manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<String> {
        words(&fold(text)).map(str::to_string).collect()
    }

    /// The ids of a list as `search.js` reads it.
    fn decode(json: &str) -> Vec<u32> {
        let list: Vec<i64> = serde_json::from_str(json).unwrap();
        let mut id = -1;
        let mut ids = Vec::new();
        for x in list {
            if x >= 0 {
                id += x + 1;
                ids.push(id as u32);
            } else {
                for _ in 0..-x {
                    id += 1;
                    ids.push(id as u32);
                }
            }
        }
        ids
    }

    #[test]
    fn stems_are_the_ones_the_page_gives() {
        for line in include_str!("../../tests/stems.txt").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (word, expected) = line.split_once(' ').unwrap();
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn words_are_folded_and_cut_as_the_page_cuts_them() {
        assert_eq!(
            cut("Azerbaijan’s $1.7 billion; over 100,000 people, 5.”"),
            [
                "azerbaijan",
                "s",
                "1.7",
                "billion",
                "over",
                "100,000",
                "people",
                "5"
            ]
        );
        assert_eq!(
            cut("Əliyev — Ilham ALİYEV, Ереван"),
            ["əliyev", "ilham", "aliyev", "ереван"]
        );
        assert_eq!(cut("Café 2020s ,5 a.b"), ["cafe", "2020s", "5", "a", "b"]);
        assert_eq!(cut("..."), Vec::<String>::new());
    }

    #[test]
    fn words_longer_than_sixty_four_letters_are_not_indexed() {
        struct Text(String);
        impl Fields<1> for Text {
            fn fields(&self) -> [&str; 1] {
                [&self.0]
            }
        }
        let long = Text(format!("short {} {}", "x".repeat(64), "y".repeat(65)));
        let postings = invert(&[long], 7);
        let words: Vec<&str> = postings.keys().map(String::as_str).collect();
        assert_eq!(words, ["short", "x".repeat(64).as_str()]);
        assert_eq!(postings["short"], [vec![7]]);
    }

    #[test]
    fn id_lists_read_back_as_written() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1, 2, 3],
            vec![4, 5, 6, 7, 20, 22, 23],
            vec![3, 9, 100_000],
        ] {
            let mut json = String::new();
            encode(&ids, &mut json);
            assert_eq!(decode(&json), ids, "{json}");
        }
        let mut json = String::new();
        encode(&(0..100_000).collect::<Vec<_>>(), &mut json);
        assert_eq!(json, "[0,-99999]", "a run is two numbers");
    }

    #[test]
    fn a_large_shard_is_split_by_one_more_letter_and_keeps_its_own_word() {
        let entries: Vec<(String, String)> = ["re", "rea", "reb", "region", "regions", "x"]
            .iter()
            .map(|w| (w.to_string(), "0123456789".to_string()))
            .collect();
        let mut shards = Vec::new();
        shard(&entries, 2, 35, &mut shards);
        let keys: Vec<(&str, Vec<&str>)> = shards
            .iter()
            .map(|(key, group)| (*key, group.iter().map(|(w, _)| w.as_str()).collect()))
            .collect();
        assert_eq!(
            keys,
            [
                ("re", vec!["re"]),
                ("rea", vec!["rea"]),
                ("reb", vec!["reb"]),
                ("reg", vec!["region", "regions"]),
                ("x", vec!["x"]),
            ]
        );
        assert_eq!(key_file("1.7"), "1_2e_7");
        // However many words share a long start, keys stop at eight letters.
        let entries: Vec<(String, String)> = (0..100)
            .map(|i| {
                (
                    format!("{}{i:03}", "a".repeat(50)),
                    "0123456789".to_string(),
                )
            })
            .collect();
        let mut shards = Vec::new();
        shard(&entries, 2, 35, &mut shards);
        assert_eq!(shards.len(), 1);
        assert_eq!(shards[0].0, "aaaaaaaa");
        assert_eq!(shards[0].1.len(), 100);
        assert_eq!(key_file("ер"), "_435__440_");
    }
}
