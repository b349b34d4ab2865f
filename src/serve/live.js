// factsheet serve: reloads the page when the site is rebuilt, and shows the build's errors
// over the page while the content is broken. Injected by `factsheet serve` only; a built
// site never contains it.
(function () {
  "use strict";
  var version = null;
  var OVERLAY = "factsheet-errors";

  function hide() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function show(errors) {
    hide();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f3f3f3;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.style.cssText = "margin:0 0 1rem;color:#ff8a80;font:700 1.2rem system-ui,sans-serif";
    title.textContent = "The site does not build: " + errors.length + (errors.length === 1 ? " error" : " errors") +
      ". Showing the last good version underneath; fix the file and this page reloads.";
    box.appendChild(title);
    errors.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "factsheet-error";
      item.style.cssText = "margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #ff8a80;background:#24242a";
      var where = document.createElement("div");
      where.style.color = "#9ecbff";
      where.textContent = e.location;
      var what = document.createElement("div");
      what.textContent = e.message;
      item.appendChild(where);
      item.appendChild(what);
      if (e.help) {
        var help = document.createElement("div");
        help.style.color = "#c5e1a5";
        help.textContent = "help: " + e.help;
        item.appendChild(help);
      }
      box.appendChild(item);
    });
    document.body.appendChild(box);
  }

  function poll() {
    fetch("/__factsheet/poll?v=" + (version === null ? "" : version), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && state.errors.length === 0) {
          location.reload();
          return;
        }
        version = state.version;
        if (state.errors.length) show(state.errors); else hide();
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
