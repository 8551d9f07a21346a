/* Bildungswegweiser search: loads the index only when a search is made, keeps the
   query and the filters in the URL, counts every filter value for the current results.
   From a query to scored offers: search-query.js. Data layout: plugins/wegweiser/search/search_index.py. */
(function () {
  "use strict";
  var form = document.getElementById("suche");
  if (!form) return;
  var _ = window.WegweiserTexts._, ngettext = window.WegweiserTexts.ngettext;  // texts.js
  if (!window.fetch) return wordWithoutSearch(form);
  document.documentElement.classList.add("ww-js");
  var T = window.WegweiserText;
  var Q = window.WegweiserQuery;
  var base = form.getAttribute("data-base") || "";
  var manifestUrl = form.getAttribute("data-manifest");
  var dataDir = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
  var input = form.querySelector("#suche-q");
  var section = document.querySelector("[data-results-section]");
  var list = document.querySelector("[data-results]");
  var status = document.querySelector("[data-status]");
  var suggest = document.querySelector("[data-suggest]");
  var implied = document.querySelector("[data-implied]");
  var partial = document.querySelector("[data-partial]");
  var help = document.querySelector("[data-help]");
  var more = document.querySelector("[data-more]");
  var activeBadge = form.querySelector("[data-active]");
  var sortSelect = form.querySelector("#f-sortierung");
  var tagsArea = form.querySelector("[data-tags-area]");
  var tagList = form.querySelector("[data-tags]");
  var printQuery = form.querySelector("[data-print-query]");
  var doneButton = form.querySelector("[data-filter-done]");
  var PAGE = 20;
  var onlineSection = document.querySelector("[data-online-section]");
  var onlineList = document.querySelector("[data-online]");
  var near = form.querySelector("#f-nahe");
  var plzInput = form.querySelector("#f-plz");
  var plzMessage = form.querySelector("[data-plz-message]");
  var locateButton = form.querySelector("[data-locate]");
  var locateMessage = form.querySelector("[data-locate-message]");
  var placeBadge = form.querySelector("[data-place-active]");
  var geoOrigin = null; // the device location: kept in memory only, never in the URL
  // The vocabulary filters, by URL parameter: the page's filter groups, rendered from the facet registry
  // (plugins/wegweiser/content/facets.py); the facets file holds their keys and columns by the same names.
  var FACETS = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
    return el.getAttribute("data-facet");
  });
  // Filters whose chosen values must all hold (accessibility), by URL parameter ("match": "all" in the schema).
  var MATCH_ALL = {};
  Array.prototype.forEach.call(form.querySelectorAll('[data-facet-match="all"]'), function (el) {
    MATCH_ALL[el.getAttribute("data-facet")] = true;
  });
  var cache = {};
  var stopWords = {}; // from the manifest, once the search engine is made
  var shown = PAGE;
  var lastResults = [];
  var lastOnline = [];
  var lastDistances = null;
  var lastFacets = null;
  var runId = 0;
  var nojs = document.querySelector("[data-nojs]");
  if (nojs) nojs.hidden = true;

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  function manifest() { return getJSON(manifestUrl); }

  function shardIndex(name) {
    var key = "idx:" + name;
    if (!cache[key]) cache[key] = getJSON(dataDir + name).then(Q.prepare);
    return cache[key];
  }

  // Where the search cannot run (a browser without fetch): the typed word stays in the box and the browse pages
  // whose names contain one of its words come first (the page lists them for browsers without JavaScript).
  function wordWithoutSearch(form) {
    var match = /[?&]q=([^&]*)/.exec(location.search);
    var q = match ? decodeURIComponent(match[1].replace(/\+/g, " ")).trim() : "";
    form.querySelector("#suche-q").value = q;
    document.documentElement.className += " ww-js-basic";
    var words = q.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 2; });
    var items = document.querySelectorAll("[data-words]");
    var found = [];
    for (var i = 0; i < items.length; i++) {
      for (var j = 0; j < words.length; j++) {
        if (items[i].getAttribute("data-words").indexOf(words[j]) >= 0) { found.push(items[i]); break; }
      }
    }
    if (!found.length) return;
    var list = document.createElement("ul");
    list.className = "ww-inline-links";
    for (var k = 0; k < found.length; k++) list.appendChild(found[k].cloneNode(true));
    var intro = document.querySelector("[data-nojs-intro]");
    var lead = document.createElement("p");
    lead.textContent = _("Diese Seiten passen zu „%(query)s“:", { query: q });
    intro.parentNode.insertBefore(lead, intro.nextSibling);
    intro.parentNode.insertBefore(list, lead.nextSibling);
  }

  /* ---------- state <-> URL ---------- */
  function readState(search) {
    var p = new URLSearchParams(search);
    var state = { q: (p.get("q") || "").slice(0, Q.MAX_QUERY), kostenlos: p.get("kostenlos") === "1",
                  alter: p.get("alter") || "", beginn: p.get("beginn") || "", facets: {},
                  nahe: p.get("nahe") || "", plz: p.get("plz") || "", umkreis: p.get("umkreis") || "" };
    FACETS.forEach(function (f) { state.facets[f] = p.getAll(f); });
    state.sortierung = p.get("sortierung") || "";
    return state;
  }

  function formState() {
    var state = { q: input.value.trim(), kostenlos: form.querySelector("#f-kostenlos").checked,
                  alter: form.querySelector("#f-alter").value.trim(),
                  beginn: form.querySelector("#f-beginn").value, facets: {},
                  nahe: near.value, plz: plzInput.value.trim(), umkreis: form.querySelector("#f-umkreis").value };
    FACETS.forEach(function (f) {
      state.facets[f] = Array.prototype.map.call(
        form.querySelectorAll('input[name="' + f + '"]:checked'), function (el) { return el.value; });
    });
    state.sortierung = chosenSort;
    return state;
  }

  function applyState(state) {
    input.value = state.q;
    form.querySelector("#f-kostenlos").checked = state.kostenlos;
    form.querySelector("#f-alter").value = state.alter;
    form.querySelector("#f-beginn").value = state.beginn;
    near.value = state.nahe;
    plzInput.value = state.plz;
    form.querySelector("#f-umkreis").value = state.umkreis;
    FACETS.forEach(function (f) {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + f + '"]'), function (el) {
        el.checked = state.facets[f].indexOf(el.value) >= 0;
      });
    });
    chosenSort = state.sortierung;
    sortSelect.value = state.sortierung || defaultSort(state);
  }

  function toQuery(state) {
    var p = new URLSearchParams();
    if (state.q) p.append("q", state.q);
    FACETS.forEach(function (f) { state.facets[f].forEach(function (v) { p.append(f, v); }); });
    if (state.kostenlos) p.append("kostenlos", "1");
    if (state.alter) p.append("alter", state.alter);
    if (state.beginn) p.append("beginn", state.beginn);
    if (state.nahe) p.append("nahe", state.nahe);
    if (state.plz) p.append("plz", state.plz);
    if (state.umkreis) p.append("umkreis", state.umkreis);
    if (state.sortierung) p.append("sortierung", state.sortierung);
    var s = p.toString();
    return s ? "?" + s : "";
  }

  function activeFilterCount(state) {
    var n = (state.kostenlos ? 1 : 0) + (state.alter ? 1 : 0) + (state.beginn ? 1 : 0);
    n += (state.nahe || state.plz || geoOrigin ? 1 : 0) + (state.umkreis ? 1 : 0);
    FACETS.forEach(function (f) { n += state.facets[f].length; });
    return n;
  }

  /* ---------- place and distance ---------- */
  // {lat, lon, label} of the chosen place, or null; also explains an unknown postcode.
  function origin(state) {
    plzMessage.textContent = "";
    if (state.nahe) {
      var opt = near.options[near.selectedIndex];
      if (opt && opt.value === state.nahe) {
        return { lat: parseFloat(opt.getAttribute("data-lat")), lon: parseFloat(opt.getAttribute("data-lon")),
                 label: opt.textContent };
      }
    }
    if (state.plz) {
      if (!/^[0-9]{5}$/.test(state.plz)) {
        plzMessage.textContent = _("„%(plz)s“ ist keine Postleitzahl: Bitte geben Sie fünf Ziffern ein oder wählen Sie " +
          "einen Ort aus der Liste.", { plz: state.plz });
        return null;
      }
      for (var i = 0; i < near.options.length; i++) {
        var o = near.options[i];
        if ((" " + (o.getAttribute("data-plz") || "") + " ").indexOf(" " + state.plz + " ") >= 0) {
          plzMessage.textContent = _("Postleitzahl %(plz)s: %(place)s.", { plz: state.plz, place: o.textContent });
          return { lat: parseFloat(o.getAttribute("data-lat")), lon: parseFloat(o.getAttribute("data-lon")),
                   label: o.textContent + " (" + state.plz + ")" };
        }
      }
      plzMessage.textContent = _("Die Postleitzahl %(plz)s gehört zu keinem Ort im Landkreis. Bitte wählen Sie einen Ort " +
        "aus der Liste.", { plz: state.plz });
      return null;
    }
    return geoOrigin;
  }

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dp = (lat2 - lat1) * rad, dl = (lon2 - lon1) * rad;
    var a = Math.pow(Math.sin(dp / 2), 2) + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
  }

  // Distance of every offer from the origin (null for offers without a place, i.e. online).
  function distances(facets, from) {
    return facets.geo.map(function (g) {
      return g ? distanceKm(from.lat, from.lon, g[0] / 1000, g[1] / 1000) : null;
    });
  }

  // The distance as a card shows it, in whole kilometres (0: under 1 km); the radius compares this one,
  // so that an offer shown as "ca. 10 km" is within "bis 10 km".
  function shownKm(km) {
    return km < 1 ? 0 : Math.round(km);
  }

  function distanceText(km, approximate) {
    var text = km < 1 ? _("unter 1 km") : _("ca. %(km)s km", { km: shownKm(km) });
    return approximate ? _("%(distance)s (Ortsmitte)", { distance: text }) : text;
  }

  /* ---------- matching ---------- */
  function todayDays() {
    var now = new Date();
    return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000);
  }

  function has(column, doc, wanted) {
    var v = column[doc];
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) if (wanted[v[i]]) return true;
      return false;
    }
    return !!wanted[v];
  }

  // Every wanted value is among the offer's (a filter with "match": "all").
  function hasAll(column, doc, wanted) {
    var v = column[doc];
    var values = Array.isArray(v) ? v : [v];
    return Object.keys(wanted).every(function (w) { return values.indexOf(Number(w)) >= 0; });
  }

  // One predicate per active filter group: {name, test(doc)}; filters named by query words too.
  function predicates(state, facets, dist) {
    var preds = (state.implied || []).map(function (f) {
      return { name: "wort:" + f.words.join(" "), test: Q.filterTest(f, facets) };
    });
    var radius = parseInt(state.umkreis, 10);
    if (dist && !isNaN(radius)) {
      preds.push({ name: "umkreis", test: function (d) { return dist[d] === null || shownKm(dist[d]) <= radius; } });
    }
    FACETS.forEach(function (f) {
      if (!state.facets[f].length) return;
      var wanted = {};
      state.facets[f].forEach(function (key) {
        var i = facets.keys[f].indexOf(key);
        if (i >= 0) wanted[i] = true;
        else wanted.unknown = true;  // a value no offer has: with "all" none passes, with "any" it adds none
      });
      var test = MATCH_ALL[f] ? hasAll : has;
      preds.push({ name: f, test: function (d) { return test(facets.columns[f], d, wanted); } });
    });
    if (state.kostenlos) preds.push({ name: "kostenlos", test: function (d) { return facets.cost[d] === 0; } });
    var age = parseInt(state.alter, 10);
    if (!isNaN(age)) {
      preds.push({ name: "alter", test: function (d) { return Q.fitsAge(facets.age[d], age); } });
    }
    var within = parseInt(state.beginn, 10);
    if (!isNaN(within)) {
      var today = todayDays();
      preds.push({ name: "beginn", test: function (d) {
        var s = facets.start[d];
        return s !== null && s >= today && s <= today + within;
      } });
    }
    return preds;
  }

  function engine(m) {
    if (!cache.engine) {
      var loadData = function (name) { return getJSON(dataDir + name); };
      var german = function (gm) { return Q.create({ manifest: gm, text: T, loadIndex: shardIndex, loadData: loadData }); };
      // another language's page: its own index beside the German one (search-query.js: combine); where
      // the browser cannot load the language's stemmer (a module), the German index alone
      var text = m.german && Promise.resolve().then(function () {
        return window.WegweiserLanguage.load(m.text, form.getAttribute("data-stemmers"));
      }).catch(function () { return null; });
      cache.engine = !m.german ? Promise.resolve(german(m)) : Promise.all([getJSON(dataDir + m.german), text])
        .then(function (loaded) {
          if (!loaded[1]) return german(loaded[0]);
          var own = Q.create({ manifest: m, text: loaded[1], loadIndex: shardIndex, loadData: loadData });
          return Q.combine(own, german(loaded[0]), T);
        });
      cache.engine.then(function (made) { stopWords = made.stop; });
    }
    return cache.engine;
  }

  // {analysis: {filters, tokens}, result: null without text words, else see search-query.js, ranked: the
  // offers in order (without text words: by the age a query word names), or null}
  function textMatches(m, q) {
    return engine(m).then(function (e) {
      var analysis = e.analyse(q);
      return e.match(analysis.tokens).then(function (result) {
        if (result) return { analysis: analysis, result: result, ranked: e.ranked(result) };
        return e.byAge(analysis.filters).then(function (order) { return { analysis: analysis, result: null, ranked: order }; });
      });
    });
  }

  /* ---------- rendering ---------- */
  // A result card: a copy of the page's card template (the list pages' card macro), filled with the
  // offer's texts from the search store, formatted at build time (plugins/wegweiser/catalog/card.py).
  var cardTemplate = document.querySelector("[data-card-template]");

  function card(m, row, km, approximate) {
    var texts = {};
    m.card.forEach(function (name, i) { texts[name] = row[i]; });
    if (km !== null && km !== undefined) texts.distance = distanceText(km, approximate);
    var li = cardTemplate.content.firstElementChild.cloneNode(true);
    Array.prototype.forEach.call(li.querySelectorAll("[data-card]"), function (el) {
      var text = texts[el.getAttribute("data-card")];
      el.removeAttribute("data-card");
      if (text) el.textContent = text;
      else el.parentNode.removeChild(el);
    });
    Array.prototype.forEach.call(li.querySelectorAll("[data-card-href]"), function (el) {
      el.setAttribute("href", el.getAttribute("href") + texts[el.getAttribute("data-card-href")]);
      el.setAttribute("data-print-url", new URL(el.getAttribute("href"), location.href).href);  // written out on paper
      el.removeAttribute("data-card-href");
    });
    Array.prototype.forEach.call(li.querySelectorAll("[data-card-lang]"), function (el) {
      var lang = texts[el.getAttribute("data-card-lang")];
      if (lang) el.setAttribute("lang", lang);
      el.removeAttribute("data-card-lang");
    });
    Array.prototype.forEach.call(li.querySelectorAll(".ww-card__meta"), function (el) {
      if (!el.children.length) el.parentNode.removeChild(el);  // a line whose parts are all empty
    });
    return li;
  }

  function rows(m, docs) {
    var chunks = {};
    docs.forEach(function (d) { chunks[Math.floor(d / m.chunk)] = true; });
    var names = Object.keys(chunks);
    return Promise.all(names.map(function (c) { return getJSON(dataDir + m.store[c]); })).then(function (loaded) {
      var byChunk = {};
      names.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return docs.map(function (d) { return byChunk[Math.floor(d / m.chunk)][d % m.chunk]; });
    });
  }

  // Disjunctive counts in one pass: a value of group g counts the candidates that pass every
  // active filter except g's own, so each checkbox shows what ticking it would give; for a group
  // whose values must all hold, ticking one more narrows the results, so its values count those.
  function renderCounts(state, facets, candidates, dist) {
    var preds = predicates(state, facets, dist);
    var counts = {};
    FACETS.forEach(function (f) { counts[f] = {}; });
    var free = 0;
    for (var k = 0; k < candidates.length; k++) {
      var d = candidates[k];
      var failed = null, fails = 0;
      for (var i = 0; i < preds.length && fails < 2; i++) {
        if (!preds[i].test(d)) { fails++; failed = preds[i].name; }
      }
      if (fails > 1) continue;
      FACETS.forEach(function (f) {
        if (fails === 1 && (failed !== f || MATCH_ALL[f])) return;
        var v = facets.columns[f][d];
        var values = Array.isArray(v) ? v : [v];
        for (var j = 0; j < values.length; j++) counts[f][values[j]] = (counts[f][values[j]] || 0) + 1;
      });
      if (facets.cost[d] === 0 && (fails === 0 || failed === "kostenlos")) free++;
    }
    FACETS.forEach(function (f) {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + f + '"]'), function (el) {
        var i = facets.keys[f].indexOf(el.value);
        el.parentNode.querySelector("[data-count]").textContent = "(" + (counts[f][i] || 0) + ")";
      });
    });
    form.querySelector("#f-kostenlos").parentNode.querySelector("[data-count]").textContent = "(" + free + ")";
  }

  function describeActive(state) {
    var labels = (state.implied || []).map(function (f) { return { f: "wort", words: f.words, text: impliedText(f) }; });
    FACETS.forEach(function (f) {
      state.facets[f].forEach(function (v) {
        var el = form.querySelector('input[name="' + f + '"][value="' + v + '"]');
        if (el) labels.push({ f: f, v: v, text: el.nextElementSibling.firstChild.textContent.trim() });
      });
    });
    if (state.kostenlos) labels.push({ f: "kostenlos", text: _("Nur kostenlose Angebote") });
    if (state.alter) labels.push({ f: "alter", text: _("Alter %(age)s", { age: state.alter }) });
    if (state.beginn) labels.push({ f: "beginn", text: _("Beginn innerhalb von %(days)s Tagen", { days: state.beginn }) });
    if (state.umkreis) labels.push({ f: "umkreis", text: _("Umkreis %(km)s km", { km: state.umkreis }) });
    return labels;
  }

  // The query without the words that named a filter (they are a tag the user removed).
  function withoutWords(q, words) {
    var drop = {};
    words.forEach(function (w) { drop[w] = true; });
    return q.split(/\s+/).filter(function (part) {
      var folded = T.words(part);
      return !(folded.length && folded.every(function (w) { return drop[w]; }));
    }).join(" ");
  }

  function removeFilter(item) {
    if (item.f === "wort") input.value = withoutWords(input.value, item.words);
    else if (item.f === "kostenlos") form.querySelector("#f-kostenlos").checked = false;
    else if (item.f === "alter") form.querySelector("#f-alter").value = "";
    else if (item.f === "beginn") form.querySelector("#f-beginn").value = "";
    else if (item.f === "umkreis") form.querySelector("#f-umkreis").value = "";
    else form.querySelector('input[name="' + item.f + '"][value="' + item.v + '"]').checked = false;
    commit(true);
  }

  /* ---------- sort ---------- */
  var SORTS = ["relevanz", "entfernung", "beginn", "a-z"];
  var chosenSort = ""; // the order the user chose ("": the default, which follows query and place)

  // Without a choice: by distance when a place is set, by relevance with a query, else A–Z.
  function defaultSort(state) {
    if (state.nahe || state.plz || geoOrigin) return "entfernung";
    return state.q ? "relevanz" : "a-z";
  }

  // The order the results are in: the choice, unless it cannot apply (no place, no query).
  function sortOf(state, dist) {
    var by = SORTS.indexOf(state.sortierung) >= 0 ? state.sortierung : defaultSort(state);
    if (by === "entfernung" && !dist) by = state.q ? "relevanz" : "a-z";
    if (by === "relevanz" && !state.q) by = "a-z";
    return by;
  }

  // Sorts offers that come in relevance order (A–Z without a query) by "a-z" (document numbers are in
  // catalog order, alphabetical), "beginn" (the next start first; offers under way or without a date last)
  // or "entfernung".
  function orderResults(by, results, facets, dist) {
    if (by === "a-z") results.sort(function (a, b) { return a - b; });
    else if (by === "entfernung") results.sort(function (a, b) { return dist[a] - dist[b] || a - b; });
    else if (by === "beginn") {
      var today = todayDays();
      var next = function (d) { var s = facets.start[d]; return s !== null && s >= today ? s : Infinity; };
      results.sort(function (a, b) { return (next(a) - next(b)) || a - b; });
    }
    return results;
  }

  // The sort control offers what can apply: distance with a place, relevance with a query.
  function showSort(state, dist, by) {
    [["entfernung", !!dist], ["relevanz", !!state.q]].forEach(function (o) {
      var option = sortSelect.querySelector('option[value="' + o[0] + '"]');
      option.hidden = option.disabled = !o[1];
    });
    sortSelect.value = by;
  }

  /* ---------- the chosen filters as tags above the results ---------- */
  function placeTag(state) {
    var opt = near.options[near.selectedIndex];
    if (state.nahe && opt && opt.value === state.nahe) return { f: "nahe", text: _("In der Nähe von %(place)s", { place: opt.textContent }) };
    if (state.plz) return { f: "nahe", text: _("In der Nähe der Postleitzahl %(plz)s", { plz: state.plz }) };
    return geoOrigin ? { f: "nahe", text: _("In der Nähe Ihres Standorts") } : null;
  }

  // A vocabulary filter's tag names its group: "Ort: Eichenau", "Barrierefreiheit: Aufzug".
  function tagText(item) {
    var group = FACETS.indexOf(item.f) >= 0 && form.querySelector('[data-facet="' + item.f + '"] legend');
    return group ? group.textContent.replace(/\s*\(.*\)\s*$/, "").trim() + ": " + item.text : item.text;
  }

  function renderTags(state) {
    var items = describeActive(state);
    var place = placeTag(state);
    if (place) items.unshift(place);
    tagList.textContent = "";
    items.forEach(function (item, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ww-tags__button";
      var what = document.createElement("span");
      what.className = "ww-visually-hidden";
      what.textContent = _("Filter entfernen:") + " ";
      var cross = document.createElement("span");
      cross.className = "ww-tags__cross";
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = "×";
      b.appendChild(what);
      b.appendChild(document.createTextNode(tagText(item)));
      b.appendChild(cross);
      b.addEventListener("click", function () { removeTag(item, i); });
      var li = document.createElement("li");
      li.appendChild(b);
      tagList.appendChild(li);
    });
    tagsArea.hidden = !items.length;
    printQuery.textContent = (state.q ? _("Suche nach „%(query)s“", { query: state.q }) : _("Alle Angebote")) +
      (items.length ? _("; Filter: %(filters)s", { filters: items.map(tagText).join(", ") }) : "") + ".";
    if (!state.q && !items.length) doneButton.textContent = _("Zurück zur Suche");
  }

  // Removes a tag's filter; the focus goes to the next tag, or to the filter button when none is left.
  function removeTag(item, index) {
    if (item.f === "nahe") {
      near.value = "";
      plzInput.value = "";
      geoOrigin = null;
      commit(true);
    } else removeFilter(item);
    var left = tagList.querySelectorAll("button");
    (left[Math.min(index, left.length - 1)] || form.querySelector("[data-filter-open]")).focus();
  }

  // Clears every filter, keeps the query.
  function resetFilters() {
    geoOrigin = null;
    applyState(readState(input.value ? "?q=" + encodeURIComponent(input.value) : ""));
    return commit(true);
  }

  function renderStatus(state, total, from, online, text) {
    suggest.textContent = "";
    suggest.hidden = true;
    help.hidden = true;
    renderImplied(state);
    renderPartial(text, total);
    if (total > 0 || online > 0) {
      var found = ngettext("%(num)s Angebot gefunden", "%(num)s Angebote gefunden", total);
      if (text && text.result && !text.result.all) {
        found = ngettext("Kein Angebot passt zu allen Suchwörtern. %(num)s Angebot passt zu einem Teil davon",
                         "Kein Angebot passt zu allen Suchwörtern. %(num)s Angebote passen zu einem Teil davon", total);
      }
      if (from) {
        found = state.umkreis ? _("%(found)s im Umkreis von %(km)s km um %(place)s", { found: found, km: state.umkreis, place: from.label })
                              : _("%(found)s, nach Entfernung von %(place)s sortiert", { found: found, place: from.label });
        if (online) found = _("%(found)s, dazu %(count)s ortsunabhängig (online)", { found: found, count: online });
      }
      status.textContent = found + ".";
      return;
    }
    var active = describeActive(state);
    status.textContent = _("Keine Angebote gefunden.") + " " + (active.length
      ? _("Entfernen Sie einen Filter, um mehr zu finden.")
      : "");
    active.forEach(function (item) {
      suggest.appendChild(linkButton(_("Filter „%(filter)s“ entfernen", { filter: item.text }), function () { removeFilter(item); }));
    });
    suggest.hidden = !active.length;
    if (!active.length) showHelp(state.q);
  }

  function linkButton(text, action) {
    var li = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ww-link-button";
    b.textContent = text;
    b.addEventListener("click", action);
    li.appendChild(b);
    return li;
  }

  // The tag text of a filter named by query words (an age has none from the search data).
  function impliedText(f) {
    return f.name === "alter" ? _("Alter %(age)s", { age: f.age }) : f.text;
  }

  // Words of the query that named a filter, as tags that remove them.
  function renderImplied(state) {
    implied.textContent = "";
    (state.implied || []).forEach(function (f) {
      var item = { f: "wort", words: f.words, text: impliedText(f) };
      implied.appendChild(linkButton(_("Filter „%(filter)s“ (aus Ihrer Suche) entfernen", { filter: item.text }), function () { removeFilter(item); }));
    });
    implied.hidden = !implied.children.length;
  }

  // A query word as the user wrote it (the engine knows it folded).
  function written(q, word) {
    var parts = q.split(/\s+/);
    for (var i = 0; i < parts.length; i++) {
      if (T.words(parts[i]).indexOf(word) >= 0) return parts[i].replace(/^[^\wÄÖÜäöüß]+|[^\wÄÖÜäöüß]+$/g, "");
    }
    return word;
  }

  // When no offer matches every word: which words match none.
  function renderPartial(text, total) {
    var missing = text && text.result && !text.result.all ? text.result.missing.map(function (w) {
      return written(input.value, w);
    }) : [];
    var between = _("“, „");  // between two quoted words: the language's closing and opening quotation marks
    partial.textContent = missing.length && total
      ? ngettext("„%(words)s“ kommt in keinem Angebot vor.", "„%(words)s“ kommen in keinem Angebot vor.", missing.length,
                 { words: missing.join(between) })
      : "";
    partial.hidden = !partial.textContent;
  }

  // Scripts a query may be written in that the German index does not hold.
  var SCRIPTS = ["Arabic", "Cyrillic", "Greek", "Hebrew", "Armenian", "Georgian", "Devanagari", "Ethiopic", "Han",
                 "Hangul", "Thai"].map(function (name) { return new RegExp("\\p{Script=" + name + "}", "u"); });

  // The search pages of the guide's languages whose names are written in the query's script (an Arabic
  // query on the German page: العربية, فارسی), with the query, as help links.
  function languageLinks(q) {
    var own = SCRIPTS.filter(function (re) { return re.test(q); });
    var out = [];
    document.querySelectorAll(".ww-languages__link:not([aria-current])").forEach(function (a) {
      if (!own.some(function (re) { return re.test(a.textContent); })) return;
      var li = document.createElement("li"), link = a.cloneNode(true);
      link.className = "";
      link.href = a.href.split("?")[0] + "?q=" + encodeURIComponent(q);
      li.setAttribute("data-language", "");
      li.appendChild(link);
      out.push(li);
    });
    return out;
  }

  // Nothing found at all: the search pages in the query's script, the topic and area pages closest to
  // the words, and whom to ask.
  function showHelp(q) {
    var stems = T.terms(q, stopWords);
    var list = help.querySelector("[data-help-links]");
    list.querySelectorAll("[data-language]").forEach(function (li) { li.remove(); });
    var languages = languageLinks(q);
    languages.slice().reverse().forEach(function (li) { list.insertBefore(li, list.firstChild); });
    var links = help.querySelectorAll("[data-help-links] li:not([data-language])");
    var close = languages.concat(Array.prototype.filter.call(links, function (li) {
      var terms = (li.getAttribute("data-terms") || "").split(" ");
      return stems.some(function (s) {
        return terms.some(function (t) {
          return t === s || (s.length >= 4 && t.indexOf(s) === 0) || (t.length >= 4 && s.indexOf(t) === 0);
        });
      });
    }));
    var shown = close.length ? close.slice(0, 6) : Array.prototype.filter.call(links, function (li) {
      return li.querySelector("a").getAttribute("href").indexOf("/bereiche/") >= 0;
    });
    Array.prototype.forEach.call(links, function (li) { li.hidden = shown.indexOf(li) < 0; });
    help.querySelector("[data-help-intro]").textContent = close.length
      ? _("Vielleicht passt eine dieser Seiten:") : _("Alle Angebote nach Bildungsbereich:");
    help.hidden = false;
  }

  function run(state) {
    var id = ++runId;
    var started = window.performance ? performance.now() : 0;
    var n = activeFilterCount(state);
    activeBadge.textContent = n ? "(" + n + ")" : "";
    renderTags(state);
    if (!state.q && !n) {
      section.hidden = true;
      list.textContent = "";
      implied.textContent = "";
      return Promise.resolve();
    }
    // With only a text query, results are shown before the filter data (the biggest file) arrives, unless
    // the chosen order needs it; words that name a filter are applied with their small bit sets.
    var needFacets = n > 0 || sortOf(state, null) !== "relevanz";
    var m;
    return manifest().then(function (loaded) {
      m = loaded;
      return textMatches(m, state.q);
    }).then(function (text) {
      state.implied = text.analysis.filters;
      return Promise.all([needFacets ? getJSON(dataDir + m.facets) : null, text,
                          engine(m).then(function (e) { return e.filterTests(state.implied); })]);
    }).then(function (r) {
      var facets = r[0], text = r[1], tests = r[2];
      if (id !== runId) return;
      if (!facets) return showTextResults(state, m, text, tests, id, started);
      var candidates = [];
      if (text.ranked === null) for (var d = 0; d < facets.n; d++) candidates.push(d);
      else candidates = text.ranked.slice();
      var from = origin(state);
      var dist = from ? distances(facets, from) : null;
      lastDistances = dist;
      lastFacets = facets;
      var preds = predicates(state, facets, dist);
      var results = candidates.filter(function (d) {
        for (var i = 0; i < preds.length; i++) if (!preds[i].test(d)) return false;
        return true;
      });
      var by = sortOf(state, dist);
      orderResults(by === "entfernung" ? "" : by, results, facets, dist);
      var online = [];
      if (dist) {
        online = results.filter(function (d) { return dist[d] === null; });
        results = results.filter(function (d) { return dist[d] !== null; });
        orderResults(by, results, facets, dist);
      }
      showSort(state, dist, by);
      renderCounts(state, facets, candidates, dist);
      placeBadge.textContent = from ? "(" + from.label + (state.umkreis ? ", " + state.umkreis + " km" : "") + ")" : "";
      lastResults = results;
      lastOnline = online;
      shown = PAGE;
      section.hidden = false;
      renderStatus(state, results.length, from, online.length, text);
      return renderList(m, id).then(function () { announce(results.length, started); });
    }).catch(function (err) {
      section.hidden = false;
      status.textContent = _("Die Suche konnte nicht geladen werden. Bitte laden Sie die Seite neu.");
      if (window.console) console.error(err);
    });
  }

  // Lets benchmarks and tests measure a search without polling the page.
  function announce(count, started) {
    form.dispatchEvent(new CustomEvent("ww:results", { detail: {
      count: count, ms: (window.performance ? performance.now() : 0) - started } }));
  }

  function showTextResults(state, m, text, tests, id, started) {
    var d;
    var results = text.ranked;
    if (results === null) for (results = [], d = 0; d < m.n; d++) results.push(d);
    results = results.filter(function (d) { return tests.every(function (t) { return t(d); }); });
    lastResults = results;
    lastOnline = [];
    lastDistances = null;
    lastFacets = null;
    placeBadge.textContent = "";
    showSort(state, null, "relevanz");
    shown = PAGE;
    section.hidden = false;
    renderStatus(state, results.length, null, 0, text);
    return renderList(m, id).then(function () {
      announce(results.length, started);
      return getJSON(dataDir + m.facets);
    }).then(function (facets) {
      if (id === runId && facets) renderCounts(state, facets, results, null);
    });
  }

  function renderList(m, id) {
    var page = lastResults.slice(0, shown);
    var online = lastOnline.slice(0, PAGE);
    return rows(m, page.concat(online)).then(function (data) {
      if (id !== runId) return;
      list.textContent = "";
      onlineList.textContent = "";
      data.forEach(function (row, i) {
        var d = i < page.length ? page[i] : online[i - page.length];
        var km = lastDistances ? lastDistances[d] : null;
        var approximate = lastFacets && lastFacets.geo[d] && lastFacets.geo[d][2] === 1;
        (i < page.length ? list : onlineList).appendChild(card(m, row, km, approximate));
      });
      more.hidden = lastResults.length <= shown;
      onlineSection.hidden = !online.length;
    });
  }

  /* ---------- events ---------- */
  var timer = null;
  function commit(push) {
    var state = formState();
    var url = location.pathname + toQuery(state);
    if (url !== location.pathname + location.search) {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    return run(state);
  }

  near.addEventListener("change", function () {
    if (near.value) { plzInput.value = ""; geoOrigin = null; }
  }, true);
  // Every edit of the postcode is searched again: its hint and the results never name a place it no longer is.
  plzInput.addEventListener("input", function () {
    if (plzInput.value) { near.value = ""; geoOrigin = null; }
    clearTimeout(timer);
    timer = setTimeout(function () { commit(false); }, 200);
  });
  locateButton.addEventListener("click", function () {
    if (!navigator.geolocation) {
      locateMessage.textContent = _("Ihr Browser kann den Standort nicht ermitteln. Bitte wählen Sie einen Ort oder geben Sie " +
        "eine Postleitzahl ein.");
      return;
    }
    locateMessage.textContent = _("Ihr Standort wird ermittelt …");
    navigator.geolocation.getCurrentPosition(function (pos) {
      geoOrigin = { lat: pos.coords.latitude, lon: pos.coords.longitude, label: _("Ihrem Standort") };
      near.value = "";
      plzInput.value = "";
      locateMessage.textContent = _("Ihr Standort wird verwendet. Er bleibt in Ihrem Browser und wird nicht gespeichert.");
      commit(true);
    }, function (err) {
      locateMessage.textContent = (err && err.code === 1
        ? _("Sie haben den Zugriff auf Ihren Standort nicht erlaubt.")
        : _("Ihr Standort konnte nicht ermittelt werden.")) + " " +
        _("Wählen Sie stattdessen einen Ort oder geben Sie eine Postleitzahl ein.");
    }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 });
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { commit(false); }, 120);
  });
  form.addEventListener("change", function (e) {
    if (e.target !== input && e.target !== plzInput) commit(true);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    commit(true);
  });
  Array.prototype.forEach.call(form.querySelectorAll("[data-reset]"), function (button) {
    button.addEventListener("click", function () {
      resetFilters();
      if (tagsArea.contains(button)) form.querySelector("[data-filter-open]").focus();
    });
  });
  // Runs before the form's change listener, which searches again with the choice.
  sortSelect.addEventListener("change", function () {
    chosenSort = "";
    chosenSort = sortSelect.value === defaultSort(formState()) ? "" : sortSelect.value;
  });
  // "N Angebote anzeigen" in the filter panel says what closing it shows.
  form.addEventListener("ww:results", function (e) {
    var n = e.detail.count + lastOnline.length;
    doneButton.textContent = ngettext("%(num)s Angebot anzeigen", "%(num)s Angebote anzeigen", n);
  });
  more.addEventListener("click", function () {
    var first = shown;
    shown += PAGE;
    manifest().then(function (m) { return renderList(m, runId); }).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", function () {
    var state = readState(location.search);
    applyState(state);
    run(state);
  });

  var initial = readState(location.search);
  applyState(initial);
  run(initial);
})();
