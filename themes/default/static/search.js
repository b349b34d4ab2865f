// Search for the factsheet default theme: no server, no library. Loads data/search.json once,
// ranks title matches first, then figures, then the rest of the text, then the articles' own
// words (data/search-text.json, fetched after the first results so they come at once); a
// word spelt a letter off ("Aliev") still matches, lower. Results show each fact's
// status in words and the matched words highlighted; no result suggests what to try.
// Without JavaScript the page lists everything instead.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var everything = document.getElementById("everything");
  if (!form || !input || !results) return;
  var root = results.getAttribute("data-root");
  var index = null;
  // The articles' texts by path, once fetched; `null` before, `false` while fetching.
  var texts = null;
  var labels = { fact: "Fact", article: "Source", entity: "Entity" };
  // On equal scores: the person or place itself, then facts, then sources.
  var order = { entity: 0, fact: 1, article: 2 };

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, "-");
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

  // The word of `text` a letter off from `w` (words of five letters or more), if any.
  function nearWord(text, w) {
    if (w.length < 5) return null;
    var words = text.split(/[^a-z0-9']+/);
    for (var i = 0; i < words.length; i++) {
      if (words[i].length >= 4 && oneEditApart(words[i], w)) return words[i];
    }
    return null;
  }

  // The score of `entry` for `words`, and the words to highlight (a near word for a misspelt
  // one); zero when a word is found nowhere.
  // An entry's fields, folded once: a search runs on every keystroke.
  function folded(entry) {
    if (!entry.folded) entry.folded = [fold(entry.title), fold(entry.figure), fold(entry.text)];
    return entry.folded;
  }

  function score(entry, words) {
    var f0 = folded(entry);
    var fields = [[f0[0], 10], [f0[1], 8], [f0[2], 2], [foldedBody(entry), 1]];
    var total = 0, marks = [];
    for (var i = 0; i < words.length; i++) {
      var w = words[i], best = 0, mark = w;
      for (var f = 0; f < fields.length && !best; f++) {
        if (fields[f][0].indexOf(w) >= 0) best = fields[f][1];
      }
      for (f = 0; f < fields.length && !best; f++) {
        var near = nearWord(fields[f][0], w);
        if (near) { best = Math.max(1, fields[f][1] / 2); mark = near; }
      }
      if (!best) return { score: 0 };
      total += best;
      marks.push(mark);
    }
    if (f0[0].indexOf(words.join(" ")) >= 0) total += 5;
    return { score: total, marks: marks };
  }

  function body(entry) {
    return (entry.kind === "article" && texts && texts[entry.path] && texts[entry.path].body) || "";
  }

  function foldedBody(entry) {
    return (entry.kind === "article" && texts && texts[entry.path] && texts[entry.path].folded) || "";
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

  function suggestions(words) {
    var box = document.createElement("div");
    box.className = "no-results";
    var p = document.createElement("p");
    p.textContent = "Nothing on this site matches every word. Try fewer or other words, or browse:";
    box.appendChild(p);
    var list = document.createElement("ul");
    list.className = "inline";
    var named = index.filter(function (e) {
      return e.kind === "entity" && words.some(function (w) {
        return nearWord(fold(e.title + " " + e.text), w) || fold(e.title).indexOf(w.slice(0, 3)) === 0;
      });
    }).slice(0, 5);
    named.concat([{ title: "All facts", path: "facts/" }, { title: "Topics", path: "topics/" },
      { title: "Timeline", path: "timeline/" }]).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.path;
      a.textContent = e.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function show(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) { everything.hidden = false; return; }
    everything.hidden = true;
    var found = index
      .map(function (e) { var s = score(e, words); return { entry: e, score: s.score, marks: s.marks }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) {
        return b.score - a.score || order[a.entry.kind] - order[b.entry.kind] ||
          a.entry.title.localeCompare(b.entry.title);
      });
    var heading = document.createElement("h2");
    heading.textContent = found.length + (found.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
    results.appendChild(heading);
    if (!found.length) { results.appendChild(suggestions(words)); return; }
    var list = document.createElement("ol");
    list.className = "search-results";
    found.slice(0, 50).forEach(function (r) {
      var e = r.entry;
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
      var text = body(e) ? excerpt(body(e), r.marks) : "";
      if (e.figure || e.text || text) {
        var p = document.createElement("p");
        p.appendChild(highlighted((e.figure ? e.figure + " \u2014 " : "") + (text || e.text || ""), r.marks));
        item.appendChild(p);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function loadTexts() {
    var url = results.getAttribute("data-texts");
    if (texts !== null || !url) return;
    texts = false;
    fetch(url)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        texts = {};
        data.forEach(function (t) { texts[t.path] = { body: t.body, folded: fold(t.body) }; });
        show(input.value);
      })
      // Not fetched (offline, a host that lost the file): searched without it, tried again
      // on the next search.
      .catch(function () { texts = null; });
  }

  function run() {
    var query = input.value;
    if (index) { show(query); loadTexts(); return; }
    fetch(results.getAttribute("data-index"))
      .then(function (r) { return r.json(); })
      .then(function (data) { index = data; show(query); loadTexts(); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run();
  });
  input.addEventListener("input", run);
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
