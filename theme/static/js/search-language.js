/* Search normalisation for the guide's languages besides German: the exact mirror of
   plugins/wegweiser/search/language_text.py, with the rules the language's manifest carries ("text")
   and the Snowball stemmer of the language (theme/static/js/snowball/, made by Snowball 3.1.1 from
   the algorithms the Python stemmers are made from). tests/test_search_languages.py compares both.
   The result has the functions search-query.js uses of search-text.js; there are no compounds. */
(function (root) {
  "use strict";

  // rules: the manifest's "text"; stemmer: an object with stemWord(word), or null
  function create(rules, stemmer) {
    var stems = Object.create(null);

    function fold(text) {
      var s = String(text).normalize(rules.decompose ? "NFD" : "NFC");
      rules.replace.forEach(function (pair) { s = s.split(pair[0]).join(pair[1]); });
      return s.toLowerCase().replace(/\p{M}/gu, "");
    }

    function words(text) {
      return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
    }

    function stem(word) {
      if (!stemmer) return word;
      if (!(word in stems)) stems[word] = stemmer.stemWord(word);
      return stems[word];
    }

    function stopWords(list) {
      var set = Object.create(null);
      list.forEach(function (w) { words(w).forEach(function (x) { set[x] = true; }); });
      return set;
    }

    function terms(text, stop) {
      return words(text).filter(function (w) { return !stop[w]; }).map(stem);
    }

    function split() { return null; }

    return { fold: fold, words: words, stem: stem, terms: terms, stopWords: stopWords, split: split, rules: rules };
  }

  // The normalisation of a manifest's language, its stemmer loaded from folder (…/theme/js/snowball/).
  function load(rules, folder) {
    if (!rules.stemmer) return Promise.resolve(create(rules, null));
    return import(folder + rules.stemmer + "-stemmer.js").then(function (module) {
      return create(rules, new module.default());
    });
  }

  var api = { create: create, load: load };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserLanguage = api;
})(this);
