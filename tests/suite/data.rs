//! The data a built site publishes beside its pages: facts.json, facts.csv, the search index,
//! schema.org JSON-LD, the sitemap, the feed and robots.txt, with and without a base URL.

use crate::common::*;
use scraper::Html;

#[test]
fn facts_json_holds_every_fact_with_its_sources_and_articles() {
    let json: serde_json::Value = serde_json::from_str(&read(good(), "data/facts.json")).unwrap();
    let facts = json["facts"].as_array().unwrap();
    assert_eq!(facts.len(), Counts::of(&fixture("good")).facts);
    let budget = facts
        .iter()
        .find(|f| f["slug"] == "northland-budget")
        .unwrap();
    assert_eq!(budget["value"], 5e9);
    assert_eq!(budget["unit"], "USD");
    assert_eq!(budget["figure"]["text"], "projected $5 billion");
    let source = &budget["sources"][0];
    assert_eq!(
        source["quote"],
        "Northland's projected $5 billion defense budget for 2025"
    );
    assert_eq!(
        source["href"],
        "articles/budget-report/#q-northland-budget-1"
    );
    assert_eq!(source["article"]["publisher"], "The Example Gazette");
    assert_eq!(source["article"]["published"]["iso"], "2024-11-05");
    assert_eq!(source["article"]["url"], "https://example.org/news/budget");
    let displaced = facts.iter().find(|f| f["slug"] == "displaced").unwrap();
    let article = &displaced["sources"][0]["article"];
    assert_eq!(article["publisher"], "Valley Radio");
    assert_eq!(article["credit"], "Valley Radio, 30 September 2023");
    assert_eq!(article["via"], serde_json::Value::Null);
    assert_eq!(article["source_note"], serde_json::Value::Null);
    let denial = facts
        .iter()
        .find(|f| f["slug"] == "supplies-denial")
        .unwrap();
    assert_eq!(denial["kind"], "response");
    assert_eq!(denial["status_label"], "Response by Southland");
    assert_eq!(denial["sourcing"], "on_record");
    assert_eq!(denial["when"]["text"], "reported on 30 September 2023");
    assert_eq!(json["site"]["base_url"], "https://example.org/sheet/");
}

#[test]
fn facts_csv_has_one_row_per_fact_and_source() {
    let csv = read(good(), "data/facts.csv");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with(
        "fact,fact_url,title,claim,value,range_low,range_high,unit,qualifier,figure,date,when,status,claimed_by,responds_to,independence,"
    ));
    let quotes = Counts::of(&fixture("good")).quotes;
    assert_eq!(lines.len(), 1 + quotes, "a header and one row per source");
    let war = lines.iter().find(|l| l.starts_with("war-deaths,")).unwrap();
    assert_eq!(
        *war,
        "war-deaths,https://example.org/sheet/facts/war-deaths/,Soldiers killed in the 2020 war,\"Between 5,000 and 7,000 soldiers were killed in the 2020 war.\",,5000,7000,soldiers,estimated,\"estimated 5,000\u{2013}7,000 soldiers\",2020,2020,reported,,,single source,1,\"Between 5,000 and 7,000 soldiers were killed in the 2020 war\",,https://example.org/sheet/articles/displacement-report/#q-war-deaths-1,displacement-report,Thousands flee the valley,Valley Radio,2023-09-30,https://example.org/good/displacement-report,,Reported,,on_record,true,,,"
    );
}

#[test]
fn fact_pages_carry_schema_org_claims_and_the_data_page_a_dataset() {
    let out = good();
    let json_ld = |page: &str| -> serde_json::Value {
        let doc = Html::parse_document(&read(out, page));
        let script = select(&doc, "script[type='application/ld+json']");
        assert_eq!(script.len(), 1, "{page}");
        serde_json::from_str(&text(&script[0])).expect("valid JSON")
    };
    let claim = json_ld("facts/supplies-claim/index.html");
    assert_eq!(claim["@type"], "Claim");
    assert_eq!(claim["author"]["name"], "Northland officials");
    assert_eq!(
        claim["appearance"][0]["publisher"]["name"],
        "The Example Gazette"
    );
    assert_eq!(
        claim["appearance"][0]["text"],
        "Officials said about 400 tons of supplies arrived"
    );
    assert_eq!(
        claim["url"],
        "https://example.org/sheet/facts/supplies-claim/"
    );
    let dataset = json_ld("data/index.html");
    assert_eq!(dataset["@type"], "Dataset");
    assert_eq!(
        dataset["distribution"][1]["contentUrl"],
        "https://example.org/sheet/data/facts.csv"
    );
    assert_eq!(
        read(out, "robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sheet/sitemap.xml\n"
    );
}

/// A word of the search index: its directory (`terms`, `body`) and the word.
type IndexedWord = (String, String);
/// Where a word is: its shard key, and its postings per field, read back as ids.
type Shelved = (String, Vec<Vec<u32>>);

/// The search index's manifest, its documents in id order, and every word.
struct SearchIndex {
    manifest: serde_json::Value,
    docs: Vec<serde_json::Value>,
    words: std::collections::BTreeMap<IndexedWord, Shelved>,
}

/// Ids as `search.js` reads a posting list: a gap, then minus the length of a run.
fn ids(list: &serde_json::Value) -> Vec<u32> {
    let mut id: i64 = -1;
    let mut out = Vec::new();
    for x in list.as_array().unwrap() {
        let x = x.as_i64().unwrap();
        if x >= 0 {
            id += x + 1;
            out.push(id as u32);
        } else {
            out.extend((0..-x).map(|k| (id + 1 + k) as u32));
            id -= x;
        }
    }
    out
}

fn search_index(out: &std::path::Path) -> SearchIndex {
    let json = |rel: &str| -> serde_json::Value { serde_json::from_str(&read(out, rel)).unwrap() };
    let manifest = json("data/search/index.json");
    let total = ["entities", "facts", "articles"]
        .iter()
        .map(|k| manifest[k].as_u64().unwrap() as usize)
        .sum::<usize>();
    let per = manifest["docs_per_file"].as_u64().unwrap() as usize;
    let docs: Vec<serde_json::Value> = (0..total.div_ceil(per))
        .flat_map(|n| {
            json(&format!("data/search/docs/{n}.json"))
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(
        docs.len(),
        total,
        "one document per entity, fact and article"
    );
    let mut words = std::collections::BTreeMap::new();
    for dir in ["terms", "body"] {
        for key in manifest[dir].as_array().unwrap() {
            let key = key.as_str().unwrap();
            let file = factsheet::render::search::key_file(key);
            let shard = json(&format!("data/search/{dir}/{file}.json"));
            for (word, lists) in shard.as_object().unwrap() {
                let lists = lists.as_array().unwrap().iter().map(ids).collect();
                let old = words.insert((dir.to_string(), word.clone()), (key.to_string(), lists));
                assert!(old.is_none(), "{word} is in one shard of {dir}");
            }
        }
    }
    SearchIndex {
        manifest,
        docs,
        words,
    }
}

#[test]
fn the_search_index_holds_facts_articles_and_entities() {
    let index = search_index(good());
    let counts = Counts::of(&fixture("good"));
    assert_eq!(index.manifest["entities"], counts.entities);
    assert_eq!(index.manifest["facts"], counts.facts);
    assert_eq!(index.manifest["articles"], counts.articles);
    let id = |path: &str| index.docs.iter().position(|d| d[6] == path).unwrap() as u32;
    let fact = &index.docs[id("facts/displaced/") as usize];
    assert_eq!(fact[0], "fact");
    assert_eq!(fact[1], "People displaced in September 2023");
    assert_eq!(fact[2], "over 100,000 people");
    assert_eq!(fact[4], "reported");
    assert_eq!(fact[5], "Reported");
    // Entities first, then facts, then articles, so that equal scores rank them in that order.
    let kinds: Vec<&str> = index.docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| ["entity", "fact", "article"].iter().position(|o| o == k));
    assert_eq!(kinds, sorted);
    let person = &index.docs[id("entities/president-north/") as usize];
    assert_eq!(person[3], "President of Northland North The President");
    // A word leads to what has it, field by field: title, figure, other text.
    let postings = |dir: &str, word: &str| &index.words[&(dir.to_string(), word.to_string())].1;
    assert!(postings("terms", "displaced")[0].contains(&id("facts/displaced/")));
    assert!(postings("terms", "100,000")[1].contains(&id("facts/displaced/")));
    assert!(postings("terms", "north")[2].contains(&id("entities/president-north/")));
    // The articles' own words are in shards of their own; their excerpts are cut from their
    // pages (the search keeps no texts of its own).
    let article = id("articles/displacement-report/");
    let plain = read(good(), "data/articles/displacement-report.txt");
    assert!(!good().join("data/search/texts").exists());
    assert!(index.manifest.get("texts_per_file").is_none());
    for word in plain.to_lowercase().split(|c: char| !c.is_alphanumeric()) {
        if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
            assert!(postings("body", word)[0].contains(&article), "{word}");
        }
    }
    // Each word is in the shard the page looks in: the longest key it starts with.
    for ((dir, word), (key, _)) in &index.words {
        let longest = index.manifest[dir.as_str()]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .filter(|k| word.starts_with(k))
            .max_by_key(|k| k.len());
        assert_eq!(longest, Some(key.as_str()), "{word} in {dir}");
    }
    // Without JavaScript the search page lists everything.
    let page = read(good(), "search/index.html");
    assert!(
        page.contains(
            "href=\"../facts/displaced/\">People displaced in September 2023</a> — over 100,000 people"
        ),
        "{page}"
    );
}

#[test]
fn each_articles_text_is_written_once_in_the_data() {
    // The longest line of each article's text as the reader sees it, where no quote is the
    // whole of it: the data holds it in the evidence's text file, and nowhere else.
    let all = files(good());
    // As written, or escaped in a JSON string.
    let in_data = |needle: &str| -> Vec<&str> {
        let escaped = serde_json::to_string(needle).unwrap();
        let escaped = &escaped[1..escaped.len() - 1];
        all.iter()
            .filter(|(path, bytes)| {
                let file = String::from_utf8_lossy(bytes);
                path.starts_with("data/") && (file.contains(needle) || file.contains(escaped))
            })
            .map(|(path, _)| path.as_str())
            .collect()
    };
    let texts: Vec<(&String, String)> = (all.iter())
        .filter(|(path, _)| path.starts_with("data/articles/"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes.clone()).unwrap()))
        .collect();
    assert_eq!(texts.len(), Counts::of(&fixture("good")).articles);
    for (path, text) in texts {
        let longest = text.lines().max_by_key(|l| l.len()).unwrap();
        assert!(longest.len() > 80, "{path}: {longest}");
        assert_eq!(in_data(longest), [path.as_str()], "{longest}");
    }
}

#[test]
fn a_source_no_fact_quotes_has_its_page_and_no_evidence() {
    // Its text is on its page, the one copy the site holds; the evidence is for quotes.
    let site = copy_fixture("good");
    let line = "An unquoted source keeps its words on its own page and nowhere else in the data.";
    put(
        site.path(),
        "content/articles/unquoted.md",
        &format!("---\ntitle: An unquoted report\n---\n\n{line}\n"),
    );
    let out = tempfile::tempdir().unwrap();
    let built = build(site.path(), out.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let all = files(out.path());
    let holding: Vec<&str> = (all.iter())
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(line))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(holding, ["articles/unquoted/index.html"]);
    assert!(!all.contains_key("data/articles/unquoted.txt"));
    let evidence: serde_json::Value =
        serde_json::from_str(&read(out.path(), "data/evidence.json")).unwrap();
    let listed: Vec<&str> = (evidence["articles"].as_array().unwrap().iter())
        .map(|a| a["article"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["budget-report", "displacement-report"]);
    let verified = factsheet().arg("verify").arg(out.path()).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
}

#[test]
fn sitemap_feed_and_canonical_links_use_the_base_url() {
    let out = good();
    let sitemap = read(out, "sitemap.xml");
    assert_eq!(sitemap.matches("<loc>").count(), 28, "every page but 404");
    assert!(sitemap.contains("<loc>https://example.org/sheet/facts/northland-budget/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/sheet/</loc>"));
    let feed = read(out, "feed.xml");
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(
        feed.matches("<entry>").count(),
        Counts::of(&fixture("good")).facts
    );
    // Every entry says its fact's status in words first, and when.
    let summaries: Vec<&str> = feed
        .split("<summary>")
        .skip(1)
        .map(|s| s.split("</summary>").next().unwrap())
        .collect();
    assert!(
        summaries
            .iter()
            .all(|s| s.starts_with("Reported (historical). When: ")
                || s.starts_with(
                    "Response by Southland (historical). When: reported on 30 September 2023. "
                )
                || s.starts_with("Disputed claim by ")),
        "{summaries:?}"
    );
    assert!(summaries
        .iter()
        .any(|s| s.starts_with("Response by Southland (historical). ")));
    assert!(feed.contains("<updated>2025-01-01T00:00:00Z</updated>"));
    assert!(feed
        .contains("<link rel=\"alternate\" href=\"https://example.org/sheet/facts/displaced/\"/>"));
    let fact = read(out, "facts/displaced/index.html");
    let doc = scraper::Html::parse_document(&fact);
    let canonical: Vec<&str> = select(&doc, "link[rel=canonical]")
        .iter()
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert_eq!(canonical, ["https://example.org/sheet/facts/displaced/"]);
}

#[test]
fn base_url_from_the_command_line_overrides_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let output = build_command(&fixture("minimal"), out.path())
        .args(["--base-url", "https://facts.example.net/sub"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let fact = read(out.path(), "facts/budget-rise/index.html");
    assert!(
        fact.contains(
            "<link rel=\"canonical\" href=\"https://facts.example.net/sub/facts/budget-rise/\">"
        ),
        "{fact}"
    );
    assert!(
        fact.contains("href=\"../../style.css\""),
        "internal links stay relative"
    );
}

#[test]
fn without_base_url_there_is_no_sitemap_and_robots_names_none() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(&fixture("minimal"), out.path()).status.success());
    assert!(
        !out.path().join("sitemap.xml").exists(),
        "a sitemap needs absolute URLs"
    );
    assert_eq!(read(out.path(), "robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn articles_past_the_first_chunks_keep_their_texts_words_and_evidence() {
    // More articles than the build makes texts of at a time (512), so their texts, body words
    // and evidence are made in three chunks and must come out in article order; only the
    // articles facts quote have evidence.
    let site = tempfile::tempdir().unwrap();
    put(site.path(), "content/site.yaml", "title: Many articles\n");
    let articles = 1100;
    for k in 0..articles {
        put(
            site.path(),
            &format!("content/articles/a{k:04}.md"),
            &format!("---\ntitle: Report {k}\n---\n\nThe *report* names the word w{k:04}x here.\n"),
        );
    }
    // Articles on both sides of each chunk's edge are quoted, each by a fact of its own.
    let quoted = [0, 511, 512, 1023, 1024, 1050, articles - 1];
    for k in quoted {
        put(
            site.path(),
            &format!("content/facts/named-{k:04}.md"),
            &format!(
                "---\ntitle: A word is named\nclaim: The report names a word.\nsources:\n  - article: a{k:04}\n    quote: \"The report names the word w{k:04}x\"\n---\n"
            ),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let built = build(site.path(), out.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let index = search_index(out.path());
    let first =
        index.manifest["entities"].as_u64().unwrap() + index.manifest["facts"].as_u64().unwrap();
    for k in [0, 1, 511, 512, 513, 1023, 1024, 1050, articles - 1] {
        let text = out.path().join(format!("data/articles/a{k:04}.txt"));
        if quoted.contains(&k) {
            let plain = std::fs::read_to_string(&text).unwrap();
            assert_eq!(plain, format!("The report names the word w{k:04}x here.\n"));
        } else {
            // An article no fact quotes has its page, and no evidence: nothing to re-check.
            assert!(!text.exists(), "{}", text.display());
            assert!(out
                .path()
                .join(format!("articles/a{k:04}/index.html"))
                .exists());
        }
        let word = ("body".to_string(), format!("w{k:04}x"));
        assert_eq!(
            index.words[&word].1,
            [vec![(first + k as u64) as u32]],
            "article {k}'s word"
        );
    }
    let evidence: serde_json::Value =
        serde_json::from_str(&read(out.path(), "data/evidence.json")).unwrap();
    let listed: Vec<(&str, &str)> = (evidence["articles"].as_array().unwrap().iter())
        .map(|a| {
            let fact = a["quotes"][0]["fact"].as_str().unwrap();
            (a["article"].as_str().unwrap(), fact)
        })
        .collect();
    let expected: Vec<(String, String)> = quoted
        .iter()
        .map(|k| (format!("a{k:04}"), format!("named-{k:04}")))
        .collect();
    let expected: Vec<(&str, &str)> = expected.iter().map(|(a, f)| (&a[..], &f[..])).collect();
    assert_eq!(listed, expected);
    let on_disk = std::fs::read_dir(out.path().join("data/articles"))
        .unwrap()
        .count();
    assert_eq!(on_disk, quoted.len());
    // And every hash and quote checks out offline.
    let verified = factsheet().arg("verify").arg(out.path()).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
}
