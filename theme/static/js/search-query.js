/* Bildungswegweiser search: from a query to scored offers, without the page.
   Used by search.js in the browser and by the tests and benchmarks in Node.

   A query is split into filter words (a place, "kostenlos", "online", "barrierefrei", … from the
   manifest's list) and text words. Each text word matches an offer by its stem (the last word also
   as a prefix; longer words with one typo, with two when nothing else matches), and a compound
   (Sprachkurs) also by both its parts, or — when the word itself is rare — by its head alone
   (…kurs) with a lower score. Offers that match every text word are the result; when none does,
   the offers matching most of them are, with the words that matched nothing.

   The shards are lunr 2.3.9 indexes (plugins/wegweiser/search/search_index.py builds them) in a
   compact form (lunr_index.compact): each term's BM25 score per field and offer, field boost
   included. An offer's score is the sum of those scores of the terms it matched, times the
   clause's weight below. lunr.js itself is not used: its query builds match data and vectors for
   every hit, about 400 ms for "Kita" in the 2,893 Kitas of Berlin; this takes a few. */
(function (root) {
  "use strict";

  var EXACT = 10, PREFIX = 3, TYPO = 1, HEAD = 2, MODIFIER = 1;
  var RARE = 10;  // a word matching fewer offers strongly also matches by its compound's head
  var DESCRIPTION = "d";  // the field in which a compound's parts may be far apart
  // Words around a place that name no offer: "Kita in der Nähe von Musterstadt"
  var NEAR = { nahe: true, nah: true, naehe: true, umgebung: true, umkreis: true, gegend: true, umland: true };
  // An age named in a query ("Kurs für 10-Jährige", "4 Jahre", "ab 60 Jahren", "8 year olds") is the age filter.
  var YEARS = { jahrig: true, jahrige: true, jahrigen: true, jahriger: true, jahriges: true, jahre: true, jahren: true,
                jahr: true, jahrs: true, year: true, years: true };
  var AGE_FROM = { ab: true, age: true, aged: true };
  var OLD = { alt: true, alte: true, alten: true, old: true, olds: true };

  /* A shard as the engine reads it (lunr_index.compact writes it): its terms in order, and per term
     the flat list [field number, offer, score, …] of its postings. */
  function prepare(shard) {
    var flat = {};
    return {
      fields: shard.fields,
      terms: shard.terms,
      postings: function (i) {
        if (!flat[i]) {
          var out = flat[i] = [];
          shard.postings[i].forEach(function (p) {
            for (var k = 0, doc = 0; k < p[1].length; k++) {
              doc += p[1][k];
              out.push(p[0], doc, p[2][k] / 100);
            }
          });
        }
        return flat[i];
      }
    };
  }

  // Position of the first term >= word.
  function lowerBound(terms, word) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Whether two words are at most k edits apart (insert, delete, replace, swap two neighbours).
  function near(a, b, k) {
    if (Math.abs(a.length - b.length) > k) return false;
    var before = null, previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        current.push(d);
        best = Math.min(best, d);
      }
      if (best > k) return false;
      before = previous;
      previous = current;
    }
    return previous[b.length] <= k;
  }

  // A query is read up to MAX_QUERY characters and MAX_TERMS words, and only words of at most MAX_TYPO
  // letters tolerate a typo: typo matching costs grow with the square of a word's length, and no link
  // (/suche/?q=aaaa…) may freeze the tab (tests/test_search_query_limits.py).
  // Nor is a word of more than MAX_SPLIT letters split as a compound (each way to split it is tried),
  // nor more than the first SPLIT_WORDS words of a query (ten unknown 19-letter words: 55 ms in Node).
  var MAX_QUERY = 200, MAX_TERMS = 10, MAX_TYPO = 20, MAX_SPLIT = 40, SPLIT_WORDS = 4;
  var MIN_PART = 4;  // the shortest modifier and head (compounds.py: MIN_MODIFIER, MIN_HEAD)

  // Positions of a shard's terms matching a word exactly, as a prefix, or with up to k typos.
  function expand(shard, word, how, k) {
    var terms = shard.terms, found = [], i = lowerBound(terms, word);
    if (how === "exact") {
      if (terms[i] === word) found.push(i);
    } else if (how === "prefix") {
      for (; i < terms.length && terms[i].indexOf(word) === 0; i++) found.push(i);
    } else {
      var single = undouble(word);
      for (i = 0; i < terms.length; i++) {
        if (near(word, terms[i], k) || single === undouble(terms[i])) found.push(i);
      }
    }
    return found;
  }

  // A word with its doubled letters written once: a doubled letter put in the wrong place or left out
  // ("Gittare" for "Gitarre", "Schwimkurs") is no typo of its own.
  function undouble(word) {
    return word.replace(/(.)\1+/g, "$1");
  }

  function create(options) {
    var m = options.manifest, T = options.text, loadIndex = options.loadIndex, loadData = options.loadData;
    var stop = T.stopWords(m.stop || []), request = T.stopWords(m.request || []);
    // The last words of streets' names: a place's name before one is a street's („Reinickendorfer Straße“
    // lies in Mitte), no place filter; the two words are also looked up as one, as the index holds them.
    var streets = T.stopWords(m.streets || []);
    var heads = toSet(m.heads), modifiers = toSet(m.modifiers);
    var headStems = {}, modifierStems = {};
    (m.heads || []).forEach(function (h) { headStems[T.stem(h)] = true; });
    (m.modifiers || []).forEach(function (x) { modifierStems[T.stem(x)] = true; });
    var filters = (m.filters || []).map(function (f) {
      return { terms: f[0].split(" "), name: f[1], values: f[2], text: f[3], place: f[4] === "municipalities" };
    });

    function toSet(list) {
      var set = {};
      (list || []).forEach(function (w) { set[w] = true; });
      return set;
    }

    // Shards whose term range [boundary_i, boundary_i+1) can hold the term, or (asPrefix) terms
    // starting with it.
    function shardsFor(term, asPrefix) {
      var names = [];
      for (var i = 0; i < m.boundaries.length; i++) {
        var lo = m.boundaries[i];
        var hi = i + 1 < m.boundaries.length ? m.boundaries[i + 1] : null;
        if ((hi === null || term < hi) && (lo <= term || (asPrefix && lo.indexOf(term) === 0))) names.push(m.shards[i]);
      }
      return names;
    }

    function shardsOf(terms, asPrefix) {
      var names = {};
      terms.forEach(function (s) { shardsFor(s, asPrefix).forEach(function (n) { names[n] = true; }); });
      return Promise.all(Object.keys(names).map(loadIndex));
    }

    /* {filters: [{name, values, text, words}], tokens: [{word, stem, prefix}]} of a query. */
    function analyse(q) {
      q = String(q).slice(0, MAX_QUERY);
      var words = T.words(q).filter(function (w) { return !stop[w] && !request[w]; }).slice(0, MAX_TERMS);
      var stems = words.map(T.stem);
      var found = [], tokens = [];
      for (var i = 0; i < words.length;) {
        var age = ageAt(words, i);
        if (age) {
          found.push({ name: "alter", values: [String(age.age)], age: age.age, text: null, place: false,
                       words: words.slice(i, i + age.length) });
          i += age.length;
          continue;
        }
        var hit = null;
        for (var k = 0; k < filters.length && !hit; k++) {
          var f = filters[k];
          if (f.terms.every(function (t, j) { return stems[i + j] === t; })) hit = f;
        }
        if (hit && hit.place && streets[words[i + hit.terms.length]]) hit = null;
        if (hit) {
          found.push({ name: hit.name, values: hit.values, text: hit.text, place: hit.place,
                       words: words.slice(i, i + hit.terms.length) });
          i += hit.terms.length;
        } else {
          tokens.push({ word: words[i], stem: stems[i], prefix: false });
          i += 1;
        }
      }
      // Words in a script the index does not hold (Arabic, Cyrillic on the German page) match nothing;
      // they are not dropped, or the query would show every offer.
      if (!T.words(q).length) {
        tokens = String(q).split(/\s+/).filter(function (w) { return /[^\s\d\p{P}\p{S}]/u.test(w); })
          .slice(0, MAX_TERMS).map(function (w) { return { word: w, stem: w, prefix: false, foreign: true }; });
      }
      if (found.some(function (f) { return f.place; })) {
        tokens = tokens.filter(function (t) { return !NEAR[t.word]; });
      }
      var typing = !/\s$/.test(q);
      if (tokens.length && typing && words.length && tokens[tokens.length - 1].word === words[words.length - 1]) {
        tokens[tokens.length - 1].prefix = true;
      }
      return { filters: found, tokens: tokens };
    }

    // {age, length: words it takes} of an age named at words[i] ("10 jahrige", "ab 60 jahren", "4 jahre alt"), or null.
    function ageAt(words, i) {
      var from = AGE_FROM[words[i]] ? 1 : 0, number = words[i + from];
      if (!/^\d{1,2}$/.test(number || "")) return null;
      if (!YEARS[words[i + from + 1]]) return null;  // "ab 60" alone stays text: offers say "ab 60 Jahren"
      var old = OLD[words[i + from + 2]] ? 1 : 0;
      return { age: Number(number), length: from + 2 + old };
    }

    function known(shards, term) {
      return shards.some(function (shard) { return expand(shard, term, "exact").length > 0; });
    }

    // [modifier stem, head stem] of a compound word: split as the index was (the content's heads and
    // modifiers), or — for a word the index does not hold — against the index's own vocabulary: a
    // head of the content, a modifier that is a head, a modifier or a term of the loaded shards.
    // With anyHead, a head may be any term of the loaded shards (see endings).
    function compound(word, shards, anyHead) {
      if (word.length > MAX_SPLIT) return null;
      var tree = T.split(word, function (h) { return !!heads[h]; }, function (x) { return !!modifiers[x]; }, stop);
      if (tree === null && !known(shards, T.stem(word))) {
        tree = T.split(word, function (h) {
          return !!heads[h] || !!headStems[T.stem(h)] || (anyHead && known(shards, T.stem(h)));
        }, function (x) {
          return !!modifiers[x] || !!heads[x] || !!headStems[T.stem(x)] || known(shards, T.stem(x));
        }, stop);
      }
      return tree === null ? null : [T.stem(tree[0]), T.stem(tree[1])];
    }

    /* Adds the scores of the terms matching a word (times weight) to scores {doc: score}; fields
       {doc: {field: true}} notes where they matched. */
    function score(shards, word, how, k, weight, scores, fields) {
      shards.forEach(function (shard) {
        expand(shard, word, how, k).forEach(function (i) {
          var list = shard.postings(i);
          for (var p = 0; p < list.length; p += 3) {
            var doc = list[p + 1];
            scores[doc] = (scores[doc] || 0) + list[p + 2] * weight;
            if (fields) (fields[doc] || (fields[doc] = {}))[shard.fields[list[p]]] = true;
          }
        });
      });
    }

    // {strong: {doc: score}, whole: {doc: true}}: whole has the word itself (stem, synonym, prefix), no typo.
    function wordScores(shards, token, typos) {
      var scores = {}, whole = {};
      score(shards, token.stem, "exact", 0, EXACT, scores);
      if (token.prefix) score(shards, token.stem, "prefix", 0, PREFIX, scores);
      Object.keys(scores).forEach(function (d) { whole[d] = true; });
      if (typos && token.stem.length >= 5 && token.stem.length <= MAX_TYPO) score(shards, token.stem, "fuzzy", typos, TYPO, scores);
      return { strong: scores, whole: whole };
    }

    // The shard of a word; for a word being typed that the index does not hold as it is, also the
    // shards of the terms it begins (a complete word does not load those: "Kita" not "Kitaplatz").
    function shardsOfToken(token) {
      return shardsOf([token.stem], false).then(function (shards) {
        return token.prefix && !known(shards, token.stem) ? shardsOf([token.stem], true) : shards;
      });
    }

    // {strong: {doc: score}, weak: {doc: score}} of one text word. Strong: the word itself (also as a
    // prefix or with a typo), or both parts of its compound in one field but the description; weak:
    // one part of the compound only. The parts are looked at only for a word that matches few offers
    // itself (Sprachkurs: also other …kurse; Deutschkurs: no).
    function scoreToken(token, position) {
      if (token.foreign) return Promise.resolve({ strong: {}, weak: {}, whole: {} });
      return shardsOfToken(token).then(function (shards) {
        var own = wordScores(shards, token, 1), strong = own.strong;
        if (token.street) return { strong: {}, weak: {}, whole: own.whole };  // a street's two words as one: as such only
        if (Object.keys(strong).length >= RARE) return { strong: strong, weak: {}, whole: own.whole };  // parts: little
        var splits = position < SPLIT_WORDS;
        var parts = splits ? compound(token.word, shards) : null;
        if (parts) return partScores(parts, own);
        if (!splits || Object.keys(strong).length || token.word.length < 2 * MIN_PART) return whole(shards, token, own);
        // A word nothing matches, whose head is no head of the content's compounds (Mathenachhilfe): its
        // endings are looked up in the index, and it is split with any of them that is a word there.
        return shardsOf(endings(token.word)).then(function (more) {
          parts = compound(token.word, shards.concat(more), true);
          return parts ? partScores(parts, own) : whole(shards, token, own);
        });
      });
    }

    // The stems of a word's possible heads.
    function endings(word) {
      var out = [];
      for (var cut = MIN_PART; cut <= word.length - MIN_PART; cut++) out.push(T.stem(word.slice(cut)));
      return out;
    }

    // The matches of a word as a whole: with up to two typos when it is long and nothing else matches.
    function whole(shards, token, own) {
      if (!Object.keys(own.strong).length && token.stem.length >= 8) own = wordScores(shards, token, 2);
      return { strong: own.strong, weak: {}, whole: own.whole };
    }

    // The matches of a compound word by its parts (see scoreToken's comment above).
    function partScores(parts, own) {
      var strong = own.strong;
      return shardsOf(parts).then(function (more) {
        var byHead = {}, byModifier = {}, headFields = {}, modifierFields = {};
        score(more, parts[1], "exact", 0, HEAD, byHead, headFields);
        score(more, parts[0], "exact", 0, MODIFIER, byModifier, modifierFields);
        // A part in most offers (every Kita is a Kindergarten) says nothing about them: no weak matches
        // by it alone. Either part alone is a weak match: the head (Sprachkurs: other …kurse) or the
        // modifier, unless it carries the word's meaning (carriesMeaning).
        var weak = {}, headInformative = Object.keys(byHead).length <= m.n / 2;
        var modifierInformative = Object.keys(byModifier).length <= m.n / 2;
        var carries = carriesMeaning(parts, strong, byModifier, byHead);
        Object.keys(byHead).forEach(function (d) {
          var together = Object.keys(headFields[d]).some(function (f) {
            return f !== DESCRIPTION && modifierFields[d] && modifierFields[d][f];
          });
          if (together || d in strong || (carries && d in byModifier)) {
            strong[d] = (strong[d] || 0) + byHead[d] + (byModifier[d] || 0);
          }
          else if (d in byModifier) weak[d] = byHead[d] + byModifier[d];
          else if (headInformative) weak[d] = byHead[d];
        });
        Object.keys(byModifier).forEach(function (d) {
          if (carries && !(d in byHead)) strong[d] = byModifier[d];
          else if (modifierInformative && !(d in byHead) && !(d in strong)) weak[d] = byModifier[d];
        });
        return { strong: strong, weak: weak, whole: own.whole };
      });
    }

    // Whether a compound's modifier matches the word (Yogakurs: the yoga offer): no offer holds the word or both
    // parts, the modifier is rarer than the head (Kurs) and a word of its own: no compound of the content
    // begins with it ("Fahr…" of Fahrkurs does: Fahrbibliothek).
    function carriesMeaning(parts, strong, byModifier, byHead) {
      var withModifier = Object.keys(byModifier).length;
      return !Object.keys(strong).length && !modifierStems[parts[0]] && withModifier > 0 &&
        withModifier < Object.keys(byHead).length;
    }

    /* For analysed tokens: {scores: {doc: score}, count: {doc: words matched}, whole: {doc: wholeWords},
       all: whether the offers in scores match every word, missing: words that match no offer}; null
       without tokens.
       Offers matching every word (strongly or weakly, each word matching some offer strongly) are the
       result; when there are none, the offers matching most words are (all false), and a word that
       matches no offer strongly is missing. */
    function match(tokens) {
      if (!tokens.length) return Promise.resolve(null);
      var joined = streetNames(tokens);
      return Promise.all(tokens.concat(joined).map(scoreToken)).then(function (scored) {
        var perToken = scored.slice(0, tokens.length);  // the rest: the streets' joined words
        // A word that only parts of its compound match (Fahrschule: "Fahr…", "…schule") is in no offer.
        var found = perToken.every(function (t) { return Object.keys(t.strong).length > 0; });
        var all = matching(perToken);
        if (found && Object.keys(all.scores).length) {
          return { scores: all.scores, count: all.count, whole: wholeWords(scored, all.scores), all: true,
                   missing: [] };
        }
        var some = { scores: {}, count: {} }, missing = [];
        perToken.forEach(function (t, i) {
          var docs = Object.keys(t.strong).concat(Object.keys(t.weak));
          if (!Object.keys(t.strong).length) missing.push(tokens[i].word);
          docs.forEach(function (d) {
            some.scores[d] = (some.scores[d] || 0) + (t.strong[d] || t.weak[d]);
            some.count[d] = (some.count[d] || 0) + 1;
          });
        });
        return { scores: some.scores, count: some.count, whole: wholeWords(scored, some.scores), all: false,
                 missing: missing };
      });
    }

    // {doc: how closely it holds the words}: per word 2 for the word itself, 1 for a typo or the compound's
    // parts together, 0 for one part.
    // An offer on the street two words name („Reinickendorfer Straße“) holds them as one word besides.
    function wholeWords(scored, scores) {
      var whole = {};
      Object.keys(scores).forEach(function (d) {
        whole[d] = scored.reduce(function (sum, t) {
          return sum + (d in t.whole ? 2 : d in t.strong ? 1 : 0);
        }, 0);
      });
      return whole;
    }

    // Two typed words naming a street, as one word („reinickendorferstrasse“), as the index holds them.
    function streetNames(tokens) {
      var out = [];
      tokens.forEach(function (t, i) {
        if (!i || !streets[t.word] || tokens[i - 1].foreign) return;
        var word = tokens[i - 1].word + (t.word === "str" ? "strasse" : t.word);
        out.push({ word: word, stem: T.stem(word), prefix: false, street: true });
      });
      return out;
    }

    // Offers matching every token, with their summed scores.
    function matching(perToken) {
      var scores = null;
      perToken.forEach(function (t) {
        var mine = {};
        Object.keys(t.strong).forEach(function (d) { mine[d] = t.strong[d]; });
        Object.keys(t.weak).forEach(function (d) { mine[d] = t.weak[d]; });
        if (scores === null) { scores = mine; return; }
        var next = {};
        Object.keys(scores).forEach(function (d) { if (d in mine) next[d] = scores[d] + mine[d]; });
        scores = next;
      });
      var count = {};
      Object.keys(scores).forEach(function (d) { count[d] = perToken.length; });
      return { scores: scores, count: count };
    }

    /* Documents of a match in ranking order: more words matched first, then held more closely (wholeWords:
       on „Kita Schönhauser Allee“ the Kitas on it before „Kinderhaus …allee“, whose title holds „…haus…“;
       by score alone a part in the title, boost 8, outweighs the word in the facts, boost 2), then score. */
    function ranked(result) {
      var docs = Object.keys(result.scores).map(Number), close = result.whole || {};
      docs.sort(function (a, b) {
        return (result.count[b] - result.count[a]) || ((close[b] || 0) - (close[a] || 0)) ||
          (result.scores[b] - result.scores[a]) || a - b;
      });
      return docs;
    }

    /* Tests (doc → passes) of the filters named by query words, from their bit sets (an age: from the
       filter data). */
    function filterTests(named) {
      if (!named.length) return Promise.resolve([]);
      var ages = named.some(function (f) { return f.name === "alter"; });
      return Promise.all([loadData(m.filtersets), ages ? loadData(m.facets) : null]).then(function (data) {
        return named.map(function (f) {
          if (f.name === "alter") return filterTest(f, data[1]);
          var bits = atob(data[0][f.name + "=" + f.values.join(",")] || "");
          return function (d) { return ((bits.charCodeAt(d >> 3) || 0) >> (d & 7) & 1) === 1; };
        });
      });
    }

    /* Without text words, the offers in the order of the age named by query words (Promise; null without
       one): the offers whose age range fits it most closely first ("ab 60 Jahren": those for 60 and
       older before those for everyone from 16). */
    function byAge(named) {
      var age = named.filter(function (f) { return f.name === "alter"; })[0];
      if (!age) return Promise.resolve(null);
      return loadData(m.facets).then(function (facets) {
        var fit = [];
        for (var d = 0; d < facets.n; d++) fit.push(ageFit(facets.age[d], age.age));
        return fit.map(function (_, d) { return d; }).sort(function (a, b) { return fit[a] - fit[b] || a - b; });
      });
    }

    return { analyse: analyse, match: match, ranked: ranked, filterTests: filterTests, byAge: byAge, stop: stop };
  }

  // The offer is for this age: one of its age ranges holds it (its own range, else its target groups';
  // plugins/wegweiser/search/search_index.py, age_ranges). An offer nothing gives an age for does not pass.
  function fitsAge(ranges, age) {
    if (!ranges) return false;
    return ranges.some(function (r) { return (r[0] === null || r[0] <= age) && (r[1] === null || age <= r[1]); });
  }

  // How loosely an offer's age ranges hold an age: the years its closest fitting range reaches below and
  // above it (an open end counts as 0 and 100 years); Infinity when none holds it.
  function ageFit(ranges, age) {
    var best = Infinity;
    (ranges || []).forEach(function (r) {
      if (fitsAge([r], age)) best = Math.min(best, age - (r[0] === null ? 0 : r[0]) + (r[1] === null ? 100 : r[1]) - age);
    });
    return best;
  }

  /* A test of one filter named by query words, on the filter data (facets-*.json). */
  function filterTest(filter, facets) {
    if (filter.name === "kostenlos") return function (d) { return facets.cost[d] === 0; };
    if (filter.name === "alter") return function (d) { return fitsAge(facets.age[d], filter.age); };
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

  /* The search of a language besides German (plugins/wegweiser/search/language_index.py): a query runs
     through the language's own engine and through the German one (germanText: search-text.js), so
     that German words find German offers from every language's page. Filter words are the German
     index's (places, "kostenlos", …): a word of the query taken as a filter there is no text word here.
     The result holds the offers either engine finds matching every word (or, when neither does, those
     matching most), an offer's scores added up. */
  function combine(own, german, germanText) {
    function analyse(q) {
      var g = german.analyse(q), o = own.analyse(q), taken = {};
      g.filters.forEach(function (f) { f.words.forEach(function (w) { taken[w] = true; }); });
      var tokens = o.tokens.filter(function (t) {
        var as = germanText.words(t.word);
        return !(as.length && as.every(function (w) { return taken[w]; }));
      });
      return { filters: g.filters, tokens: { own: tokens, german: g.tokens } };
    }

    function match(tokens) {
      return Promise.all([own.match(tokens.own), german.match(tokens.german)]).then(function (both) {
        var a = both[0], b = both[1];
        if (!a || !b) return a || b;
        if (a.all !== b.all) return a.all ? a : b;
        var out = { scores: {}, count: {}, whole: {}, all: a.all, missing: [] };
        [a, b].forEach(function (r) {
          Object.keys(r.scores).forEach(function (d) {
            out.scores[d] = (out.scores[d] || 0) + r.scores[d];
            out.count[d] = Math.max(out.count[d] || 0, r.count[d]);
            out.whole[d] = Math.max(out.whole[d] || 0, r.whole[d] || 0);
          });
        });
        // a word is missing when neither finds it (the German engine's words are German-folded)
        if (!a.all) {
          out.missing = a.missing.filter(function (w) {
            return germanText.words(w).every(function (x) { return b.missing.indexOf(x) >= 0; });
          });
        }
        return out;
      });
    }

    return { analyse: analyse, match: match, ranked: own.ranked, filterTests: german.filterTests, byAge: german.byAge,
             stop: german.stop };
  }

  var api = { create: create, combine: combine, prepare: prepare, near: near, filterTest: filterTest, fitsAge: fitsAge,
              MAX_QUERY: MAX_QUERY };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserQuery = api;
})(this);
