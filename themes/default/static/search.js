// Search for the factsheet default theme: no server, no library. Loads data/search.json once,
// ranks title matches first, then figures, then the rest of the text, and lists the results.
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
  var labels = { fact: "Fact", article: "Source", entity: "Entity" };
  // On equal scores: the person or place itself, then facts, then sources.
  var order = { entity: 0, fact: 1, article: 2 };

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014]/g, "-");
  }

  function score(entry, words) {
    var title = fold(entry.title), figure = fold(entry.figure), text = fold(entry.text);
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (title.indexOf(w) >= 0) total += 10;
      else if (figure.indexOf(w) >= 0) total += 8;
      else if (text.indexOf(w) >= 0) total += 2;
      else return 0;
    }
    if (title.indexOf(words.join(" ")) >= 0) total += 5;
    return total;
  }

  function show(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) { everything.hidden = false; return; }
    everything.hidden = true;
    var found = index
      .map(function (e) { return { entry: e, score: score(e, words) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) {
        return b.score - a.score || order[a.entry.kind] - order[b.entry.kind] ||
          a.entry.title.localeCompare(b.entry.title);
      });
    var heading = document.createElement("h2");
    heading.textContent = found.length + (found.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
    results.appendChild(heading);
    var list = document.createElement("ol");
    list.className = "search-results";
    found.slice(0, 50).forEach(function (r) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + r.entry.path;
      link.textContent = r.entry.title;
      item.appendChild(link);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " " + labels[r.entry.kind];
      item.appendChild(kind);
      if (r.entry.figure || r.entry.text) {
        var p = document.createElement("p");
        p.textContent = (r.entry.figure ? r.entry.figure + " \u2014 " : "") + (r.entry.text || "");
        item.appendChild(p);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }

  function run() {
    var query = input.value;
    if (index) { show(query); return; }
    fetch(results.getAttribute("data-index"))
      .then(function (r) { return r.json(); })
      .then(function (data) { index = data; show(query); });
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
