/* Bildungswegweiser search: from a query to scored offers, without the page.
   Used by search.js in the browser and by the tests and benchmarks in Node.

   A query is split into filter words (a place, "kostenlos", "online", "barrierefrei", … from the
   manifest's list) and text words. Each text word matches an offer by its stem (the last word also
   as a prefix; longer words with one typo, with two when nothing else matches), and a compound
   (Sprachkurs) also by its head (…kurs) with a lower score, its modifier adding to it. Offers that
   match every text word come first; when none does, the offers matching most of them are given,
   with the words that matched nothing. Data layout: plugins/wegweiser/search/search_index.py. */
(function (root) {
  "use strict";

  var EXACT = 10, PREFIX = 3, TYPO = 1, HEAD = 2, MODIFIER = 1;
  var RARE = 10;  // a word matching fewer offers strongly also matches by its compound's head

  function create(options) {
    var m = options.manifest, T = options.text, lunr = options.lunr, loadIndex = options.loadIndex;
    var heads = toSet(m.heads), modifiers = toSet(m.modifiers);
    var headStems = {};
    (m.heads || []).forEach(function (h) { headStems[T.stem(h)] = true; });
    var filters = (m.filters || []).map(function (f) {
      return { terms: f[0].split(" "), name: f[1], values: f[2], text: f[3] };
    });

    function toSet(list) {
      var set = {};
      (list || []).forEach(function (w) { set[w] = true; });
      return set;
    }

    // Shards whose term range [boundary_i, boundary_i+1) can hold terms starting with prefix.
    function shardsFor(prefix) {
      var names = [];
      for (var i = 0; i < m.boundaries.length; i++) {
        var lo = m.boundaries[i];
        var hi = i + 1 < m.boundaries.length ? m.boundaries[i + 1] : null;
        if ((hi === null || prefix < hi) && (lo <= prefix || lo.indexOf(prefix) === 0)) names.push(m.shards[i]);
      }
      return names;
    }

    function indexesFor(stems) {
      var names = {};
      stems.forEach(function (s) { shardsFor(s).forEach(function (n) { names[n] = true; }); });
      return Promise.all(Object.keys(names).map(loadIndex));
    }

    /* {filters: [{name, values, text, words}], tokens: [{word, stem, prefix}]} of a query. */
    function analyse(q) {
      var words = T.words(q).filter(function (w) { return !T.isStopWord(w); });
      var stems = words.map(T.stem);
      var found = [], tokens = [];
      for (var i = 0; i < words.length;) {
        var hit = null;
        for (var k = 0; k < filters.length && !hit; k++) {
          var f = filters[k];
          if (f.terms.every(function (t, j) { return stems[i + j] === t; })) hit = f;
        }
        if (hit) {
          found.push({ name: hit.name, values: hit.values, text: hit.text, words: words.slice(i, i + hit.terms.length) });
          i += hit.terms.length;
        } else {
          tokens.push({ word: words[i], stem: stems[i], prefix: false });
          i += 1;
        }
      }
      var typing = !/\s$/.test(q);
      if (tokens.length && typing && words.length && tokens[tokens.length - 1].word === words[words.length - 1]) {
        tokens[tokens.length - 1].prefix = true;
      }
      return { filters: found, tokens: tokens };
    }

    function known(indexes, term) {
      return indexes.some(function (idx) { return Object.prototype.hasOwnProperty.call(idx.invertedIndex, term); });
    }

    // [modifier stem, head stem] of a compound word: split as the index was (the content's heads and
    // modifiers), or — for a word the index does not hold — against the index's own vocabulary: a
    // head of the content, a modifier that is a head, a modifier or a term of the loaded shards.
    function compound(word, indexes) {
      var tree = T.split(word, function (h) { return !!heads[h]; }, function (x) { return !!modifiers[x]; });
      if (tree === null && !known(indexes, T.stem(word))) {
        tree = T.split(word, function (h) { return !!heads[h] || !!headStems[T.stem(h)]; }, function (x) {
          return !!modifiers[x] || !!heads[x] || !!headStems[T.stem(x)] || known(indexes, T.stem(x));
        });
      }
      return tree === null ? null : [T.stem(tree[0]), T.stem(tree[1])];
    }

    function run(indexes, build) {
      var scores = {};
      indexes.forEach(function (idx) {
        idx.query(build).forEach(function (hit) {
          var doc = parseInt(hit.ref, 36);
          scores[doc] = (scores[doc] || 0) + hit.score;
        });
      });
      return scores;
    }

    function wordClauses(token, typos) {
      return function (q) {
        q.term(token.stem, { usePipeline: false, boost: EXACT });
        if (token.prefix) q.term(token.stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: PREFIX });
        if (typos && token.stem.length >= 5) q.term(token.stem, { usePipeline: false, editDistance: typos, boost: TYPO });
      };
    }

    function add(into, scores, only) {
      Object.keys(scores).forEach(function (d) {
        if (!only || d in only) into[d] = (into[d] || 0) + scores[d];
      });
    }

    // {strong: {doc: score}, weak: {doc: score}} of one text word. Strong: the word itself (also as a
    // prefix or with a typo), or both parts of its compound; weak: only the compound's head, for a
    // word that matches few offers strongly (Sprachkurs: also other …kurse; Deutschkurs: no).
    function scoreToken(token) {
      return indexesFor([token.stem]).then(function (indexes) {
        var strong = run(indexes, wordClauses(token, 1));
        var parts = compound(token.word, indexes);
        if (!parts) {
          if (!Object.keys(strong).length && token.stem.length >= 8) strong = run(indexes, wordClauses(token, 2));
          return { strong: strong, weak: {} };
        }
        return indexesFor(parts).then(function (more) {
          var fields = {}, byHead = {}, byModifier = {};
          more.forEach(function (idx) {
            idx.query(function (q) {
              q.term(parts[1], { usePipeline: false, boost: HEAD });
              q.term(parts[0], { usePipeline: false, boost: MODIFIER });
            }).forEach(function (hit) {
              var doc = parseInt(hit.ref, 36), found = hit.matchData.metadata;
              var seen = fields[doc] || (fields[doc] = { head: {}, modifier: {} });
              if (found[parts[1]]) {
                Object.keys(found[parts[1]]).forEach(function (f) { seen.head[f] = true; });
                byHead[doc] = (byHead[doc] || 0) + hit.score;
              }
              if (found[parts[0]]) {
                Object.keys(found[parts[0]]).forEach(function (f) { seen.modifier[f] = true; });
                byModifier[doc] = (byModifier[doc] || 0) + hit.score;
              }
            });
          });
          // Both parts in the title, the summary or the facts count like the word (in a long
          // description they are often apart: "Deutschen Qualifikationsrahmen … Lehrgang").
          var weak = {};
          Object.keys(byHead).forEach(function (d) {
            var together = Object.keys(fields[d].head).some(function (f) { return f !== "d" && fields[d].modifier[f]; });
            if (together || d in strong) strong[d] = (strong[d] || 0) + byHead[d] + (byModifier[d] || 0);
            else weak[d] = byHead[d];
          });
          return { strong: strong, weak: Object.keys(strong).length < RARE ? weak : {} };
        });
      });
    }

    /* For analysed tokens: {scores: {doc: score}, count: {doc: words matched}, all: whether the
       offers in scores match every word, missing: words that match no offer}; null without tokens.
       Offers matching every word (strongly or weakly) are the result; when there are none, the
       offers matching most words are (all false). */
    function match(tokens) {
      if (!tokens.length) return Promise.resolve(null);
      return Promise.all(tokens.map(scoreToken)).then(function (perToken) {
        var all = matching(perToken);
        if (Object.keys(all.scores).length) return { scores: all.scores, count: all.count, all: true, missing: [] };
        var some = { scores: {}, count: {} }, missing = [];
        perToken.forEach(function (t, i) {
          var docs = Object.keys(t.strong).concat(Object.keys(t.weak));
          if (!docs.length) missing.push(tokens[i].word);
          docs.forEach(function (d) {
            some.scores[d] = (some.scores[d] || 0) + (t.strong[d] || t.weak[d]);
            some.count[d] = (some.count[d] || 0) + 1;
          });
        });
        return { scores: some.scores, count: some.count, all: false, missing: missing };
      });
    }

    // Offers matching every token, with their summed scores.
    function matching(perToken) {
      var scores = null;
      perToken.forEach(function (t) {
        var mine = {};
        add(mine, t.strong);
        add(mine, t.weak);
        if (scores === null) { scores = mine; return; }
        var next = {};
        Object.keys(scores).forEach(function (d) { if (d in mine) next[d] = scores[d] + mine[d]; });
        scores = next;
      });
      var count = {};
      Object.keys(scores).forEach(function (d) { count[d] = perToken.length; });
      return { scores: scores, count: count };
    }

    /* Documents of a match in ranking order: more words matched first, then the score. */
    function ranked(result) {
      var docs = Object.keys(result.scores).map(Number);
      docs.sort(function (a, b) {
        return (result.count[b] - result.count[a]) || (result.scores[b] - result.scores[a]) || a - b;
      });
      return docs;
    }

    return { analyse: analyse, match: match, ranked: ranked };
  }

  /* A test of one filter named by query words, on the filter data (facets-*.json). */
  function filterTest(filter, facets) {
    if (filter.name === "kostenlos") return function (d) { return facets.cost[d] === 0; };
    var wanted = {};
    filter.values.forEach(function (key) {
      var i = facets.keys[filter.name].indexOf(key);
      if (i >= 0) wanted[i] = true;
    });
    var column = facets.columns[filter.name];
    return function (d) {
      var v = column[d];
      if (Array.isArray(v)) return v.some(function (x) { return wanted[x]; });
      return !!wanted[v];
    };
  }

  var api = { create: create, filterTest: filterTest };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserQuery = api;
})(this);
