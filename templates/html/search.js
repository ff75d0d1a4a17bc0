/* The search box of the HTML manual: filters the items of the searchable sections
   (behaviour types, claim steps, FAQs) as staff type. Vanilla JavaScript, no network.

   Matching works on the items' text, Unicode-normalised, so that Korean typed with an
   IME matches while a syllable is still being composed: the first two syllables of a word,
   the second one half typed, already find the word. */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  if (!form || !input || !status) return;

  // Final consonants (jongseong) that can become the initial consonant (choseong) of the
  // next syllable while typing: "gap" (U+AC11) on the way to "ga-bang" (U+AC00 U+BC29).
  var FINAL_TO_INITIAL = {
    "\u11A8": "\u1100", "\u11A9": "\u1101", "\u11AB": "\u1102", "\u11AE": "\u1103",
    "\u11AF": "\u1105", "\u11B7": "\u1106", "\u11B8": "\u1107", "\u11BA": "\u1109",
    "\u11BB": "\u110A", "\u11BC": "\u110B", "\u11BD": "\u110C", "\u11BE": "\u110E",
    "\u11BF": "\u110F", "\u11C0": "\u1110", "\u11C1": "\u1111", "\u11C2": "\u1112"
  };

  // Decomposed (compatibility) form: Hangul syllables become jamo, so a prefix of a
  // syllable is a prefix of its jamo; lone jamo typed by an IME match too.
  function fold(text) {
    return text.normalize("NFC").normalize("NFKD").toLowerCase().replace(/\s+/g, " ");
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-searchable]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search-item]"));
  var others = Array.prototype.slice.call(
    document.querySelectorAll("main > section:not([data-searchable])"));
  var contexts = Array.prototype.slice.call(document.querySelectorAll(".search-context"));
  var texts = items.map(function (item) { return fold(item.textContent || ""); });

  function variants(term) {
    var last = term.charAt(term.length - 1);
    var initial = FINAL_TO_INITIAL[last];
    return initial ? [term, term.slice(0, -1) + initial] : [term];
  }

  function matches(text, terms) {
    return terms.every(function (alternatives) {
      return alternatives.some(function (t) { return text.indexOf(t) !== -1; });
    });
  }

  function setHidden(element, hidden) {
    if (hidden) element.setAttribute("hidden", "");
    else element.removeAttribute("hidden");
  }

  function filter() {
    var query = fold(input.value).trim();
    var searching = query !== "";
    document.body.classList.toggle("searching", searching);
    var words = query.split(" ").filter(Boolean);
    var terms = words.map(function (word, i) {
      return i === words.length - 1 ? variants(word) : [word];
    });
    var found = 0;
    items.forEach(function (item, i) {
      var show = !searching || matches(texts[i], terms);
      setHidden(item, !show);
      if (show) found += 1;
      if (show && searching && item.tagName === "DETAILS") item.open = true;  // a theme's folding FAQ
    });
    sections.forEach(function (section) {
      var visible = section.querySelector("[data-search-item]:not([hidden])");
      setHidden(section, searching && !visible);
    });
    others.forEach(function (section) { setHidden(section, searching); });
    contexts.forEach(function (element) { setHidden(element, searching); });
    if (!searching) status.textContent = "";
    else if (found === 0) status.textContent = status.getAttribute("data-none");
    else status.textContent = status.getAttribute("data-count").replace("{n}", String(found));
    status.classList.toggle("search-none", searching && found === 0);
  }

  // Results start right under the search bar: if the page was scrolled further down
  // (the bar is stuck to the top), go back up to where the results begin.
  var header = document.querySelector("body > header");
  function showResults() {
    var top = header ? header.offsetTop + header.offsetHeight : 0;
    if (window.scrollY > top) window.scrollTo(0, top);
  }

  function clear() {
    input.value = "";
    filter();
  }

  form.removeAttribute("hidden");
  input.addEventListener("input", function () {
    filter();
    if (input.value.trim() !== "") showResults();
  });
  input.addEventListener("compositionend", filter);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") {
      event.preventDefault();
      clear();
    }
  });
  // Enter: go to the first match.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = document.querySelector("[data-search-item]:not([hidden])");
    if (first && input.value.trim() !== "") {
      first.focus();
      first.scrollIntoView({ block: "start" });
    }
  });
  // "/" anywhere outside a text field jumps to the search box.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  // Following a link (table of contents, a shared #type-… link) shows the whole manual.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.closest("[hidden]")) {
      clear();
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link && document.body.classList.contains("searching")) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target && target.closest("[hidden]")) clear();
    }
  });
  if (input.value) filter();  // a value the browser restored on reload
})();
