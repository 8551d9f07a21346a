/* German text normalisation for search: the exact mirror of
   plugins/wegweiser/search/search_text.py (a test compares both on the example content). */
(function (root) {
  "use strict";
  var FOLD = [["ä", "a"], ["ö", "o"], ["ü", "u"], ["ß", "ss"], ["ae", "a"], ["oe", "o"], ["ue", "u"]];
  var ACCENT_FROM = "àáâãåçèéêëìíîïñòóôõùúûýÿ";
  var ACCENT_TO = "aaaaaceeeeiiiinoooouuuyy";

  function fold(text) {
    var s = String(text).toLowerCase();
    FOLD.forEach(function (pair) { s = s.split(pair[0]).join(pair[1]); });
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var k = ACCENT_FROM.indexOf(s[i]);
      out += k >= 0 ? ACCENT_TO[k] : s[i];
    }
    return out;
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  function stem(word) {
    if (word.length <= 3) return word;
    if (word.indexOf("ge") === 0 && word.length >= 6) word = word.slice(2);
    word = word.split("sch").join("$").split("ei").join("%").split("ie").join("&");
    word = word.replace(/(.)\1/g, "$1*");
    while (word.length > 3) {
      var last2 = word.slice(-2);
      if (word.length > 5 && (last2 === "em" || last2 === "er" || last2 === "nd")) {
        word = word.slice(0, -2);
      } else if ("tesn".indexOf(word[word.length - 1]) >= 0) {
        word = word.slice(0, -1);
      } else {
        break;
      }
    }
    word = word.replace(/(.)\*/g, "$1$1");
    return word.split("&").join("ie").split("%").join("ei").split("$").join("sch");
  }

  // The stop words as a set ({word: true}) from a list: the search data brings them (the manifest's
  // "stop", read from plugins/wegweiser/search/stop_words_de.txt), so index and query drop the same words.
  function stopWords(list) {
    var set = Object.create(null);
    list.forEach(function (w) { set[fold(w)] = true; });
    return set;
  }

  // Index terms of a text: folded words without the stop words (a set from stopWords), stemmed.
  function terms(text, stop) {
    return words(text).filter(function (w) { return !stop[w]; }).map(stem);
  }

  var api = { fold: fold, words: words, stem: stem, terms: terms, stopWords: stopWords };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserText = api;
})(this);
