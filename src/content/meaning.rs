//! What an editor types when they mean one of factsheet's keys or values: the front-matter words
//! of Hugo, Zola, Jekyll and WordPress sites (`tags`, `categories`, `date_published`), citation
//! tools (`retrieved`, `access-date`) and everyday synonyms of the values (`approximately`,
//! `alleged`). [`suggest`] looks a word up here before it looks for the nearest spelling, so
//! `tags:` is answered with `topics`, not with `status`, the closest spelling.

/// Words, written as [`normalized`] keeps them, and the names they may mean, most likely first;
/// the first that is known where the word was written is suggested.
const SAME_AS: &[(&[&str], &[&str])] = &[
    // Keys.
    (
        &[
            "tags",
            "tag",
            "categories",
            "category",
            "taxonomies",
            "keywords",
            "keyword",
            "subjects",
            "subject",
            "themes",
            "sections",
            "section",
            "series",
        ],
        &["topics"],
    ),
    (
        &[
            "people",
            "persons",
            "person",
            "organizations",
            "organisations",
            "orgs",
            "actors",
            "parties",
            "countries",
            "mentions",
            "names",
            "who",
        ],
        &["entities"],
    ),
    (
        &[
            "source",
            "citations",
            "citation",
            "references",
            "reference",
            "refs",
            "evidence",
        ],
        &["sources"],
    ),
    (
        &[
            "datepublished",
            "publishdate",
            "pubdate",
            "publishedat",
            "publishedon",
            "publicationdate",
            "publisheddate",
            "issued",
            "date",
        ],
        &["published", "date"],
    ),
    (
        &["when", "eventdate", "asof", "occurred", "happened", "on"],
        &["date"],
    ),
    (
        &[
            "link",
            "permalink",
            "sourceurl",
            "canonical",
            "canonicalurl",
            "href",
            "address",
            "url",
        ],
        &["url", "base_url"],
    ),
    (
        &["archive", "archived", "archivelink", "wayback", "snapshot"],
        &["archive_url"],
    ),
    (
        &[
            "retrieved",
            "accessdate",
            "dateaccessed",
            "retrievedon",
            "accessedon",
            "visited",
            "lastvisited",
            "checked",
        ],
        &["accessed"],
    ),
    (
        &["headline", "heading", "name", "title", "label"],
        &["title", "name"],
    ),
    (
        &[
            "outlet",
            "site",
            "sitename",
            "website",
            "newspaper",
            "publication",
            "media",
            "network",
            "agency",
            "paper",
            "journal",
        ],
        &["publisher"],
    ),
    (
        &["authors", "byline", "writer", "writers", "journalist"],
        &["author"],
    ),
    (
        &[
            "figure", "number", "amount", "count", "quantity", "total", "val",
        ],
        &["value"],
    ),
    (&["lang", "locale", "languagecode"], &["language"]),
    (
        &[
            "speaker",
            "claimant",
            "saidby",
            "attributedto",
            "assertedby",
            "madeby",
            "author",
        ],
        &["claimed_by", "author"],
    ),
    (
        &[
            "summary",
            "statement",
            "text",
            "body",
            "content",
            "finding",
            "sentence",
            "description",
        ],
        &["claim", "description"],
    ),
    (
        &[
            "aka",
            "alias",
            "othernames",
            "alsoknownas",
            "alternatenames",
        ],
        &["aliases"],
    ),
    (&["type", "category"], &["kind"]),
    (&["currency", "units", "measurement"], &["unit"]),
    (
        &["verdict", "rating", "truth", "veracity", "rated"],
        &["status"],
    ),
    (
        &[
            "reply",
            "response",
            "answers",
            "rebuts",
            "inreplyto",
            "replyto",
            "respondsto",
        ],
        &["responds_to"],
    ),
    (&["seealso", "relatedfacts", "links"], &["related"]),
    (
        &["note", "notes", "comment", "comments", "editornote"],
        &["source_note", "note"],
    ),
    (
        &[
            "featured",
            "highlights",
            "keyfigure",
            "pinned",
            "headlinefigures",
        ],
        &["key_figures"],
    ),
    (&["template", "skin", "layout"], &["theme"]),
    (&["minified", "compress", "minification"], &["minify"]),
    (
        &["paginate", "perpage", "pagesize", "paginateby"],
        &["page_size"],
    ),
    // Values.
    (
        &[
            "approximately",
            "approx",
            "around",
            "roughly",
            "circa",
            "ca",
            "some",
            "approximate",
        ],
        &["about"],
    ),
    (&["almost", "closeto", "justunder"], &["nearly"]),
    (
        &["morethan", "above", "exceeding", "upwardsof", "plus"],
        &["over"],
    ),
    (&["lessthan", "below", "fewerthan", "fewer"], &["under"]),
    (&["atleast", "minimum", "min", "nolessthan"], &["at-least"]),
    (
        &["upto", "maximum", "max", "atmost", "nomorethan"],
        &["up-to"],
    ),
    (
        &[
            "forecast",
            "expected",
            "budgeted",
            "projection",
            "predicted",
            "anticipated",
        ],
        &["projected"],
    ),
    (&["intended", "plan", "scheduled", "proposed"], &["planned"]),
    (
        &["estimate", "est", "approximated", "estimation"],
        &["estimated"],
    ),
    (&["precisely", "exactly", "precise", "official"], &["exact"]),
    (
        &[
            "confirmed",
            "true",
            "fact",
            "verified",
            "established",
            "report",
        ],
        &["reported"],
    ),
    (
        &[
            "alleged",
            "allegation",
            "asserted",
            "assertion",
            "claim",
            "said",
            "unverified",
        ],
        &["claimed"],
    ),
    (
        &[
            "contested",
            "denied",
            "rebutted",
            "contradicted",
            "false",
            "refuted",
        ],
        &["disputed"],
    ),
    (&["people", "individual", "human"], &["person"]),
    (
        &[
            "org",
            "organisation",
            "company",
            "agency",
            "institution",
            "party",
            "ministry",
            "government",
            "group",
            "ngo",
            "outlet",
            "media",
        ],
        &["organization"],
    ),
    (&["nation", "state", "republic"], &["country"]),
    (
        &[
            "city",
            "region",
            "location",
            "town",
            "village",
            "area",
            "territory",
        ],
        &["place"],
    ),
    (
        &["unnamed", "unnamedsources", "anon", "background"],
        &["anonymous"],
    ),
    (&["onrecord", "named", "direct", "record"], &["on_record"]),
    (
        &["hearsay", "indirect", "relayed", "thirdhand"],
        &["secondhand"],
    ),
];

/// `word` lower-cased, without `_`, `-`, `.` or spaces: `date_published`, `datePublished` and
/// `date-published` are one word.
fn normalized(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The name among `known` that `word` most likely means: by meaning (the table above), else by
/// spelling ([`crate::model::nearest`]); `None` when nothing is close.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = normalized(word);
    let by_meaning = SAME_AS
        .iter()
        .filter(|(words, _)| words.contains(&word.as_str()))
        .flat_map(|(_, names)| names.iter())
        .find_map(|name| known.iter().find(|k| *k == name).copied());
    by_meaning.or_else(|| crate::model::nearest(&word, known.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meaning_comes_before_spelling_and_only_known_names_are_suggested() {
        let fact = [
            "title", "claim", "status", "topics", "entities", "date", "sources",
        ];
        assert_eq!(suggest("tags", &fact), Some("topics"));
        assert_eq!(suggest("Categories", &fact), Some("topics"));
        assert_eq!(suggest("people", &fact), Some("entities"));
        assert_eq!(suggest("source", &fact), Some("sources"));
        assert_eq!(suggest("date_published", &fact), Some("date"));
        assert_eq!(suggest("stauts", &fact), Some("status"));
        let article = ["title", "published", "url", "topics"];
        assert_eq!(suggest("datePublished", &article), Some("published"));
        assert_eq!(suggest("date", &article), Some("published"));
        let qualifiers = ["exact", "about", "nearly", "over", "at-least"];
        assert_eq!(suggest("approximately", &qualifiers), Some("about"));
        assert_eq!(suggest("at least", &qualifiers), Some("at-least"));
        assert_eq!(suggest("zzzz", &qualifiers), None);
    }

    #[test]
    fn every_word_is_written_normalized_and_once() {
        let mut seen = std::collections::BTreeMap::new();
        for (words, _) in SAME_AS {
            for w in *words {
                assert_eq!(normalized(w), *w, "{w} is not written normalized");
                *seen.entry(*w).or_insert(0) += 1;
            }
        }
        // A word may mean a key in one file and a value in another (`people`, `author`).
        let twice: Vec<_> = seen
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(w, _)| *w)
            .collect();
        assert_eq!(twice, ["agency", "category", "media", "outlet", "people"]);
    }
}
