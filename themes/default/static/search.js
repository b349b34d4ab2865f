// Search for the factsheet default theme: no server, no library. The index is split
// (data/search/, described in factsheet's docs/search.md): a search fetches the manifest, the
// shards of its words and the results it shows, never the whole index, so the first search
// stays small on any site. It ranks
// title matches first, then figures, then the rest of the text, then the articles' own words
// (fetched after the first results, so those come at once); a word of five letters or more
// spelt a letter off ("Aliev") still matches, lower. Words of three letters or more match the
// start of a word, shorter ones the whole word. Results show each fact's status in words and
// the matched words highlighted; no result suggests what to try. Without JavaScript the page
// lists the facts, sources and entities instead.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var everything = document.getElementById("everything");
  var status = document.getElementById("search-status");
  if (!form || !input || !results) return;
  var root = results.getAttribute("data-root");
  var base = results.getAttribute("data-index");
  var labels = { fact: "Fact", article: "Source", entity: "Entity" };
  // Results shown at once, and added by "Show more".
  var PAGE = 20;
  // The weights of a document's title, figure and other text, and of an article's own words.
  var TERMS = [10, 8, 2], BODY = [1];
  // Cut as the build cuts (src/render/search.rs): letters and digits, with `.` or `,` and
  // digits kept inside ("1.7", "100,000").
  var WORD = /[\p{Alphabetic}\p{N}]+(?:[.,]\p{N}+)*/gu;
  // Fetched files by URL, as promises of what `read` made of them; a failed fetch is forgotten,
  // so it is tried again on the next search.
  var files = {};
  // Counts each search, so a slow answer to an old one is dropped.
  var generation = 0;

  function fetched(url, read) {
    if (!files[url]) {
      files[url] = fetch(url)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return read(r); })
        .catch(function (error) { delete files[url]; throw error; });
    }
    return files[url];
  }

  // A file of the index, by its path under data/search/.
  function load(path) {
    return fetched(base + path, function (r) { return r.json(); });
  }

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, "-");
  }

  // The stem of a folded word, as the build stems it (src/render/search.rs, `stem`): "arms",
  // "arming" and "armed" are found by "arm", "supplies" by "supply".
  function stem(word) {
    var n = Array.from(word).length;
    if (n < 4) return word;
    var ends = function (e) { return word.slice(-e.length) === e; };
    if (ends("sses")) return word.slice(0, -2);
    if (ends("ies") && n > 4) return word.slice(0, -3) + "y";
    if (ends("ing") && n > 5) return word.slice(0, -3);
    if (ends("ed") && n > 4) return word.slice(0, -2);
    if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) return word.slice(0, -1);
    return word;
  }

  // Whether `a` and `b` are at most one edit apart (a letter added, dropped or changed).
  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (b.length > a.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // `text` as nodes with every word of `marks` in a <mark>.
  function highlighted(text, marks) {
    var span = document.createElement("span");
    var folded = fold(text);
    var at = 0;
    // Folding keeps lengths for the letters this site's text uses, so a match in the folded
    // text marks the same letters of the original; if it did not, nothing is marked.
    var same = folded.length === text.length;
    while (same) {
      var next = -1, len = 0;
      for (var i = 0; i < marks.length; i++) {
        var k = marks[i] ? folded.indexOf(marks[i], at) : -1;
        if (k >= 0 && (next < 0 || k < next)) { next = k; len = marks[i].length; }
      }
      if (next < 0) break;
      span.appendChild(document.createTextNode(text.slice(at, next)));
      var m = document.createElement("mark");
      m.textContent = text.slice(next, next + len);
      span.appendChild(m);
      at = next + len;
    }
    span.appendChild(document.createTextNode(text.slice(at)));
    return span;
  }

  // About 160 characters of `body` around the first of `marks`, for a source's result.
  function excerpt(body, marks) {
    var folded = fold(body);
    var at = -1;
    for (var i = 0; i < marks.length && at < 0; i++) at = folded.indexOf(marks[i]);
    if (at < 0) return "";
    var start = Math.max(0, body.lastIndexOf(" ", Math.max(0, at - 70)));
    var end = body.indexOf(" ", Math.min(body.length, at + 90));
    if (end < 0) end = body.length;
    return (start > 0 ? "\u2026" : "") + body.slice(start, end).trim() + (end < body.length ? "\u2026" : "");
  }

  // A shard key's file name, as the build names it: a to z and digits as they are, any other
  // character as _, its code point in hex, and _.
  function keyFile(key) {
    return Array.from(key).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }

  // The shards that hold the words `word` matches: for a short word the shard named by it, for
  // a longer one the shard of its longest key and every shard split off below it; for a word
  // of five letters or more, also the shards (at most eight) that may hold a word a letter off
  // after its first two ("aliev" looks in "aliy" too).
  function shardsOf(word, keys) {
    var letters = Array.from(word);
    if (letters.length < 3) return keys.indexOf(word) >= 0 ? [word] : [];
    var longest = null;
    var found = keys.filter(function (key) {
      if (word.indexOf(key) === 0 && (!longest || key.length > longest.length)) longest = key;
      return key.indexOf(word) === 0 && key !== word;
    });
    if (longest) found.push(longest);
    if (letters.length < 5) return found;
    var head = letters.slice(0, 2).join("");
    var near = keys.filter(function (key) {
      var n = Array.from(key).length;
      if (n <= 2 || key.indexOf(head) !== 0 || found.indexOf(key) >= 0) return false;
      for (var j = n - 1; j <= n + 1; j++) {
        if (oneEditApart(key, letters.slice(0, j).join(""))) return true;
      }
      return false;
    });
    return found.concat(near.slice(0, 8));
  }

  // Calls `each` with every id of a list as the build writes it: a gap from the previous id
  // (less one), and a negative number for that many ids after it.
  function ids(list, each) {
    var id = -1;
    for (var i = 0; i < list.length; i++) {
      if (list[i] >= 0) { id += list[i] + 1; each(id); }
      else for (var k = 0; k < -list[i]; k++) each(++id);
    }
  }

  // The documents that match `word` in the loaded `shards`, with their best weight: `direct`
  // for the word itself, `near` (with the word found) for one spelt a letter off.
  function matches(word, shards, weights, into) {
    var length = Array.from(word).length;
    var stemmed = stem(word);
    shards.forEach(function (shard) {
      Object.keys(shard).forEach(function (w) {
        var direct = (length < 3 ? w === word : w.indexOf(word) === 0) || w === stemmed;
        var near = !direct && length >= 5 && Array.from(w).length >= 4 && oneEditApart(w, word);
        if (!direct && !near) return;
        shard[w].forEach(function (list, f) {
          var weight = direct ? weights[f] : Math.max(1, weights[f] / 2);
          ids(list, function (id) {
            var map = direct ? into.direct : into.near;
            var had = map.get(id);
            if (!had || had.weight < weight) map.set(id, { weight: weight, word: w });
          });
        });
      });
    });
    return into;
  }

  // Fetches the shards in `dir` of every word and finds what each word matches.
  function lookUp(words, dir, keys, weights, found) {
    return Promise.all(words.map(function (word, i) {
      var stemmed = stem(word);
      var wanted = shardsOf(word, keys);
      if (stemmed !== word) {
        shardsOf(stemmed, keys).forEach(function (key) { if (wanted.indexOf(key) < 0) wanted.push(key); });
      }
      return Promise.all(wanted.map(function (key) {
        return load(dir + "/" + keyFile(key) + ".json");
      })).then(function (shards) { matches(word, shards, weights, found[i]); });
    }));
  }

  // The documents that match every word, best first: each word adds its best weight (a word
  // spelt a letter off, less); on equal scores entities, then facts, then sources, each in
  // site order.
  function rank(found) {
    var scored = [];
    var fewest = found.reduce(function (a, b) { return a.direct.size + a.near.size <= b.direct.size + b.near.size ? a : b; });
    var seen = new Set();
    [fewest.direct, fewest.near].forEach(function (map) {
      map.forEach(function (_, id) {
        if (seen.has(id)) return;
        seen.add(id);
        var total = 0, marks = [];
        for (var i = 0; i < found.length; i++) {
          var hit = found[i].direct.get(id), word = found[i].word;
          if (!hit) { hit = found[i].near.get(id); word = hit && hit.word; }
          if (!hit) return;
          total += hit.weight;
          marks.push(word);
        }
        scored.push({ id: id, score: total, marks: marks });
      });
    });
    return scored.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  // Elements whose end ends a line of text, so that an excerpt never runs two blocks together.
  var BLOCKS = "p,li,dt,dd,h1,h2,h3,h4,h5,h6,pre,blockquote,figcaption,caption,td,th,tr,hr,br";
  // Not the article's words: the notes and links back to the facts that quote it.
  var NOT_TEXT = "[hidden],.landing,.backref,script,style,template,noscript";

  // A source's text as the reader sees it, for its excerpt: read from its own page (the one
  // copy of it the site holds; its `.article-body`, or its `main` in a theme without one),
  // parsed as an inert document, which runs no script and loads nothing.
  function articleText(path) {
    return fetched(root + path, function (r) {
      return r.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var body = page.querySelector(".article-body") || page.querySelector("main") || page.body;
        body.querySelectorAll(NOT_TEXT).forEach(function (e) { e.remove(); });
        body.querySelectorAll(BLOCKS).forEach(function (e) { e.append("\n"); });
        return body.textContent.replace(/[ \t]*\n\s*/g, "\n").trim();
      });
    });
  }

  // The document of each result, and for a source its text, from the files that hold them.
  function details(manifest, shown, withTexts) {
    var firstArticle = manifest.entities + manifest.facts;
    return Promise.all(shown.map(function (r) {
      var doc = load("docs/" + Math.floor(r.id / manifest.docs_per_file) + ".json")
        .then(function (docs) { r.doc = docs[r.id % manifest.docs_per_file]; });
      if (!withTexts || r.id < firstArticle) return doc;
      return doc.then(function () { return articleText(r.doc[6]); })
        .then(function (text) { r.body = text; })
        // Without the text, the result shows the source's publisher instead of an excerpt.
        .catch(function () {});
    }));
  }

  function result(r) {
    var e = { kind: r.doc[0], title: r.doc[1], figure: r.doc[2], text: r.doc[3], status: r.doc[4], label: r.doc[5], path: r.doc[6] };
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + e.path;
    link.appendChild(highlighted(e.title, r.marks));
    item.appendChild(link);
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = " " + labels[e.kind] + " ";
    item.appendChild(kind);
    if (e.status) {
      var status = document.createElement("span");
      status.className = "status status-" + e.status;
      status.textContent = e.label;
      item.appendChild(status);
    }
    var text = r.body ? excerpt(r.body, r.marks) : "";
    if (e.figure || e.text || text) {
      var p = document.createElement("p");
      p.appendChild(highlighted((e.figure ? e.figure + " \u2014 " : "") + (text || e.text || ""), r.marks));
      item.appendChild(p);
    }
    return item;
  }

  // Entities named like a word of the search (a letter off, or the same first three letters),
  // at most five, from the shards already fetched.
  function named(manifest, words, dirKeys) {
    var pending = [];
    words.forEach(function (word) {
      shardsOf(word, dirKeys).concat(shardsOf(word.slice(0, 3), dirKeys)).forEach(function (key) {
        var shard = files["terms/" + keyFile(key) + ".json"];
        if (shard) pending.push(shard.then(function (words_) {
          var found = [];
          Object.keys(words_).forEach(function (w) {
            if (w.indexOf(word.slice(0, 3)) !== 0 && !oneEditApart(w, word)) return;
            words_[w].forEach(function (list) {
              ids(list, function (id) { if (id < manifest.entities) found.push(id); });
            });
          });
          return found;
        }, function () { return []; }));
      });
    });
    return Promise.all(pending);
  }

  function suggestions(manifest, words) {
    var box = document.createElement("div");
    box.className = "no-results";
    var p = document.createElement("p");
    p.textContent = "Nothing on this site matches every word. Try fewer or other words, or browse:";
    box.appendChild(p);
    var list = document.createElement("ul");
    list.className = "inline";
    box.appendChild(list);
    function add(title, path) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + path;
      a.textContent = title;
      li.appendChild(a);
      list.appendChild(li);
    }
    return named(manifest, words, manifest.terms).then(function (lists) {
      var seen = [].concat.apply([], lists).filter(function (id, i, all) { return all.indexOf(id) === i; })
        .slice(0, 5).map(function (id) { return { id: id }; });
      return details(manifest, seen, false).then(function () {
        seen.forEach(function (r) { add(r.doc[1], r.doc[6]); });
      }, function () {});
    }).then(function () {
      // The largest topics, then the lists.
      (manifest.topics || []).slice().sort(function (a, b) { return b[2] - a[2]; }).slice(0, 6)
        .forEach(function (topic) { add("Topic: " + topic[0], topic[1]); });
      (manifest.main_entities || []).forEach(function (entity) { add(entity[0], entity[1]); });
      add("All facts", "facts/");
      add("Topics", "topics/");
      add("Timeline", "timeline/");
      return box;
    });
  }

  // The words the index has that the query's words were taken for, where a query word matched
  // nothing as typed but a word spelt a letter off ("Aliev" taken for "Aliyev"): each with the
  // typed word's first letter in its case.
  function nearSpellings(search) {
    var taken = [];
    search.found.forEach(function (f, i) {
      if (f.direct.size || !f.near.size) return;
      var counts = new Map();
      f.near.forEach(function (hit) { counts.set(hit.word, (counts.get(hit.word) || 0) + 1); });
      var best = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); })[0];
      var typed = search.query.match(WORD) || [];
      var upper = typed[i] && typed[i][0] !== typed[i][0].toLowerCase();
      taken.push(upper ? best[0].toUpperCase() + best.slice(1) : best);
    });
    return taken;
  }

  // Whether `search` is still the one to show, and `paint` its latest painting.
  function current(search, paint) {
    return search.generation === generation && (paint === undefined || paint === search.paints);
  }

  // The "Show more" button: the next results are added to the list, and focus goes to the
  // first of them.
  function moreButton(search) {
    var more = document.createElement("button");
    more.type = "button";
    more.className = "more-results";
    more.textContent = "Show " + Math.min(PAGE, search.ranked.length - search.shown) + " more results";
    more.addEventListener("click", function () {
      var from = search.shown;
      search.shown += PAGE;
      var added = search.ranked.slice(from, search.shown);
      var my = ++search.paints;
      more.disabled = true;
      more.setAttribute("aria-busy", "true");
      details(search.manifest, added, search.withTexts).then(function () {
        if (!current(search, my)) return;
        var list = results.querySelector(".search-results");
        added.forEach(function (r) { list.appendChild(result(r)); });
        more.remove();
        if (search.ranked.length > search.shown) results.appendChild(moreButton(search));
        say("Showing " + Math.min(search.shown, search.ranked.length) + " of " + search.ranked.length + " results");
        var first = list.children[from] && list.children[from].querySelector("a");
        if (first) first.focus();
      }).catch(function () {
        // Not fetched: the button is there to try again.
        search.shown = from;
        more.disabled = false;
        more.removeAttribute("aria-busy");
      });
    });
    return more;
  }

  // The topics whose names the query's words (three letters or more) begin a word of, as
  // `[title, path, facts]`: "arms" names "Arms supplies".
  function topicsOf(manifest, words) {
    return (manifest.topics || []).filter(function (topic) {
      var named = fold(topic[0]).match(WORD) || [];
      return words.some(function (w) {
        return Array.from(w).length >= 3 && named.some(function (n) { return n.indexOf(w) === 0; });
      });
    });
  }

  // A line per topic the query names, above the results: "Topic: Arms supplies — 24 facts".
  function topicLines(topics) {
    var list = document.createElement("ul");
    list.className = "search-topics";
    topics.forEach(function (topic) {
      var item = document.createElement("li");
      item.appendChild(document.createTextNode("Topic: "));
      var link = document.createElement("a");
      link.href = root + topic[1];
      link.textContent = topic[0];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" \u2014 " + topic[2] + (topic[2] === 1 ? " fact" : " facts")));
      list.appendChild(item);
    });
    return list;
  }

  // Tells screen readers, in the status line, what the results are now.
  function say(text) {
    if (status) status.textContent = text;
  }

  // Shows the results of `search` so far (the first `search.shown` of them), once their
  // documents are here, unless another search or painting has started since.
  function paint(search) {
    var my = ++search.paints;
    var page = search.ranked.slice(0, search.shown);
    var ready = search.ranked.length ? details(search.manifest, page, search.withTexts).then(function () { return null; })
      : suggestions(search.manifest, search.words);
    return ready.then(function (box) {
      if (!current(search, my)) return;
      results.textContent = "";
      var heading = document.createElement("h2");
      var count = search.ranked.length + (search.ranked.length === 1 ? " result" : " results") + " for \u201c" + search.query + "\u201d";
      heading.textContent = count;
      results.appendChild(heading);
      say(count);
      var near = search.found ? nearSpellings(search) : [];
      if (near.length && search.ranked.length) {
        var note = document.createElement("p");
        note.className = "near-spelling";
        note.appendChild(document.createTextNode("Showing matches for "));
        near.forEach(function (word, i) {
          if (i) note.appendChild(document.createTextNode(", "));
          var em = document.createElement("em");
          em.textContent = word;
          note.appendChild(em);
        });
        note.appendChild(document.createTextNode("."));
        results.appendChild(note);
      }
      var topics = topicsOf(search.manifest, search.words);
      if (topics.length) results.appendChild(topicLines(topics));
      if (box) { results.appendChild(box); return; }
      var list = document.createElement("ol");
      list.className = "search-results";
      page.forEach(function (r) { list.appendChild(result(r)); });
      results.appendChild(list);
      if (search.ranked.length > search.shown) results.appendChild(moreButton(search));
    });
  }

  function failed() {
    results.textContent = "";
    var p = document.createElement("p");
    p.className = "no-results";
    p.textContent = "The search index could not be loaded. Check your connection and search again, or browse the lists below.";
    results.appendChild(p);
    say(p.textContent);
    everything.hidden = false;
  }

  // The words of a query: "Azerbaijan's" is looked for as "azerbaijan".
  function queryWords(query) {
    var words = fold(query).replace(/([\p{L}\p{N}])'s(?![\p{L}\p{N}])/gu, "$1").match(WORD) || [];
    return words.filter(function (w, i, all) { return all.indexOf(w) === i; });
  }

  function show(query) {
    var search = { query: query, generation: ++generation, words: queryWords(query), shown: PAGE, paints: 0, withTexts: false };
    if (!search.words.length) { results.textContent = ""; say(""); everything.hidden = false; return; }
    everything.hidden = true;
    var found = search.words.map(function (w) { return { word: w, direct: new Map(), near: new Map() }; });
    search.found = found;
    load("index.json").then(function (manifest) {
      search.manifest = manifest;
      return lookUp(search.words, "terms", manifest.terms, TERMS, found).then(function () {
        search.ranked = rank(found);
        return paint(search);
      }).then(function () {
        // Then the articles' own words, in shards of their own; the results shown so far stay
        // shown, more of them if asked for meanwhile.
        if (!current(search)) return;
        return lookUp(search.words, "body", manifest.body, BODY, found).then(function () {
          if (!current(search)) return;
          search.ranked = rank(found);
          search.withTexts = true;
          return paint(search);
        }, function () {});
      });
    }).catch(function () { if (current(search)) failed(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    show(input.value);
  });
  input.addEventListener("input", function () { show(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; show(input.value); }
})();
