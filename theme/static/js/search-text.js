/* German text normalisation for search: the exact mirror of plugins/wegweiser/search/search_text.py
   and of the compound splitter in plugins/wegweiser/search/compounds.py (tests compare both on every
   word of the example content). */
(function (root) {
  "use strict";
  var FOLD = [["ä", "a"], ["ö", "o"], ["ü", "u"], ["ß", "ss"], ["ae", "a"], ["oe", "o"], ["ue", "u"]];
  var ACCENT_FROM = "àáâãåçèéêëìíîïñòóôõùúûýÿşğıćčśšźžłńřě";
  var ACCENT_TO = "aaaaaceeeeiiiinoooouuuyysgiccsszzlnre";

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

  /* ---- compounds (compounds.py) ---- */
  var MIN_MODIFIER = 4;
  var MIN_HEAD = 4;
  var LINKERS = ["s", "es", "n", "en", "er", "ens", "e"];
  var NOT_HEADS = Object.create(null);
  ("isch lich ling chen lein heit keit reich voll sam bar haft los lose losen weise ung ungen innen erin " +
   "erinnen tion ende enden tete eren ische ischen ischer isches liche lichen licher liches linge lingen " +
   "schaft schaften").split(" ").forEach(function (w) { NOT_HEADS[w] = true; });

  // [modifier, head, modifier is plain, modifier's split, head is plain, head's split] or null; stop is
  // a set from stopWords (neither part may be a stop word).
  function split(word, isHead, isModifier, stop, memo) {
    memo = memo || Object.create(null);
    if (!(word in memo)) {
      memo[word] = null;
      memo[word] = splitPass(word, isHead, isModifier, stop, memo, true) ||
        splitPass(word, isHead, isModifier, stop, memo, false);
    }
    return memo[word];
  }

  function splitPass(word, isHead, isModifier, stop, memo, plainHead) {
    for (var cut = MIN_MODIFIER; cut <= word.length - MIN_HEAD; cut++) {
      var modifier = word.slice(0, cut), head = word.slice(cut);
      if (NOT_HEADS[head] || stop[head] || stop[modifier] || isHead(head) !== plainHead) continue;
      var headSplit = split(head, isHead, isModifier, stop, memo);
      if (!plainHead && headSplit === null) continue;
      var plainModifier = isModifier(modifier);
      var modifierSplit = modifierSplitOf(modifier, isHead, isModifier, stop, memo);
      if (!plainModifier && modifierSplit === null) continue;
      return [modifier, head, plainModifier, modifierSplit, plainHead, headSplit];
    }
    return null;
  }

  function modifierSplitOf(modifier, isHead, isModifier, stop, memo) {
    var found = split(modifier, isHead, isModifier, stop, memo);
    for (var i = 0; i < LINKERS.length; i++) {
      var linker = LINKERS[i];
      if (found === null && modifier.slice(-linker.length) === linker && modifier.length - linker.length >= MIN_MODIFIER) {
        found = split(modifier.slice(0, -linker.length), isHead, isModifier, stop, memo);
      }
    }
    return found;
  }

  // Stems of every part of a split, the parts' own parts included, without stop words.
  function partStems(tree, stop) {
    if (tree === null) return [];
    var all = [stem(tree[0])].concat(partStems(tree[3], stop), [stem(tree[1])], partStems(tree[5], stop));
    var seen = Object.create(null), out = [];
    all.forEach(function (p) {
      if (!stop[p] && !seen[p]) { seen[p] = true; out.push(p); }
    });
    return out;
  }

  var api = { fold: fold, words: words, stem: stem, terms: terms, stopWords: stopWords, split: split,
              partStems: partStems };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserText = api;
})(this);
