/* German text normalisation for search: the exact mirror of plugins/wegweiser/search/search_text.py
   and of the compound splitter in plugins/wegweiser/search/compounds.py (tests compare both on every
   word of the example content). */
(function (root) {
  "use strict";
  var STOP = ("aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes " +
    "anderm andern anderr anders auch auf aus bei bin bis bist da damit dann das dasselbe dazu dass " +
    "dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe " +
    "derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser " +
    "dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen " +
    "einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures fur gegen gewesen " +
    "hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer " +
    "ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann " +
    "kein keine keinem keinen keiner keines konnen konnte machen man manche manchem manchen mancher " +
    "manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch " +
    "nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche " +
    "solchem solchen solcher solches soll sollte sondern sonst uber um und uns unse unsem unsen unser " +
    "unses unter viel vom von vor wahrend war waren warst was weg weil weiter welche welchem welchen " +
    "welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte wurde wurden " +
    "zu zum zur zwar zwischen").split(" ");
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

  var stopWords = {};
  STOP.forEach(function (w) { stopWords[fold(w)] = true; });

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

  function terms(text) {
    return words(text).filter(function (w) { return !stopWords[w]; }).map(stem);
  }

  /* ---- compounds (compounds.py) ---- */
  var MIN_MODIFIER = 4;
  var MIN_HEAD = 4;
  var LINKERS = ["s", "es", "n", "en", "er", "ens", "e"];
  var NOT_HEADS = {};
  ("isch lich ling chen lein heit keit reich voll sam bar haft los lose losen weise ung ungen innen erin " +
   "erinnen tion ende enden tete eren").split(" ").forEach(function (w) { NOT_HEADS[w] = true; });

  // [modifier, head, modifier is plain, modifier's split, head is plain, head's split] or null
  function split(word, isHead, isModifier, memo) {
    memo = memo || {};
    if (!Object.prototype.hasOwnProperty.call(memo, word)) {
      memo[word] = null;
      memo[word] = splitPass(word, isHead, isModifier, memo, true) || splitPass(word, isHead, isModifier, memo, false);
    }
    return memo[word];
  }

  function splitPass(word, isHead, isModifier, memo, plainHead) {
    for (var cut = MIN_MODIFIER; cut <= word.length - MIN_HEAD; cut++) {
      var modifier = word.slice(0, cut), head = word.slice(cut);
      if (NOT_HEADS[head] || stopWords[head] || stopWords[modifier] || isHead(head) !== plainHead) continue;
      var headSplit = split(head, isHead, isModifier, memo);
      if (!plainHead && headSplit === null) continue;
      var plainModifier = isModifier(modifier);
      var modifierSplit = modifierSplitOf(modifier, isHead, isModifier, memo);
      if (!plainModifier && modifierSplit === null) continue;
      return [modifier, head, plainModifier, modifierSplit, plainHead, headSplit];
    }
    return null;
  }

  function modifierSplitOf(modifier, isHead, isModifier, memo) {
    var found = split(modifier, isHead, isModifier, memo);
    for (var i = 0; i < LINKERS.length; i++) {
      var linker = LINKERS[i];
      if (found === null && modifier.slice(-linker.length) === linker && modifier.length - linker.length >= MIN_MODIFIER) {
        found = split(modifier.slice(0, -linker.length), isHead, isModifier, memo);
      }
    }
    return found;
  }

  function partStems(tree) {
    if (tree === null) return [];
    var all = [stem(tree[0])].concat(partStems(tree[3]), [stem(tree[1])], partStems(tree[5]));
    var seen = {}, out = [];
    all.forEach(function (p) {
      if (!stopWords[p] && !seen[p]) { seen[p] = true; out.push(p); }
    });
    return out;
  }

  var api = { fold: fold, words: words, stem: stem, terms: terms, split: split, partStems: partStems,
              isStopWord: function (w) { return !!stopWords[w]; } };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserText = api;
})(this);
