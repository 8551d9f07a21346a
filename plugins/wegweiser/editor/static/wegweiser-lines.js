/* Bildungswegweiser: a file's lines kept where its values did not change (the editor, /admin/).

   wegweiser-cms.js writes an entry back from its data and the file's original text: the front
   matter (and, one level down, the translations block) is cut into segments, one per key with the
   lines of its value, comments and blank lines between them on their own; an entry whose value is
   unchanged keeps its segment byte for byte, a changed one is written anew in its place, a new one
   goes before the next key that follows it in the schema's (or the translations') order. In the
   browser this is window.WegweiserLines, in Node a module. */
(function (root) {
  "use strict";

  var node = typeof module !== "undefined" && module.exports;
  var Y = node ? require("./wegweiser-yaml.js") : root.WegweiserYaml;
  var isObject = Y.isObject;
  var isEmpty = Y.isBlank;

  function same(a, b) {
    if (isEmpty(a) && isEmpty(b)) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every(function (item, i) { return same(item, b[i]); });
    }
    if (isObject(a) || isObject(b)) {
      if (!isObject(a) || !isObject(b)) return false;
      return Object.keys(a).concat(Object.keys(b)).every(function (key) { return same(a[key], b[key]); });
    }
    return a === b;
  }

  /* A top-level key at the start of a line, as YAML or a Pelican header writes it. */
  var YAML_KEY = /^([A-Za-z0-9_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;

  /* The header's lines in segments: {key, lines} for a key and the lines continuing its value,
     {lines} for comments and blank lines between keys. A blank line or comment followed by more of
     a key's value (a literal block's empty line) belongs to the key. */
  function segments(lines, keyOf, continues) {
    var found = [];
    lines.forEach(function (line) {
      var key = keyOf(line);
      var last = found[found.length - 1];
      if (key !== null) found.push({key: key, lines: [line]});
      else if (last && (!last.key || continues(line) || isGap(line))) last.lines.push(line);
      else found.push({lines: [line]});
    });
    var out = [];
    found.forEach(function (segment) {  // a key's trailing blank lines and comments: a segment of their own
      var cut = segment.lines.length;
      while (segment.key && cut > 1 && isGap(segment.lines[cut - 1])) cut--;
      out.push({key: segment.key, lines: segment.lines.slice(0, cut)});
      if (cut < segment.lines.length) out.push({lines: segment.lines.slice(cut)});
    });
    return mergeGaps(out);
  }

  function isGap(line) {
    return !line.trim() || /^\s*#/.test(line);
  }

  /* Neighbouring segments without a key as one. */
  function mergeGaps(list) {
    var out = [];
    list.forEach(function (segment) {
      var last = out[out.length - 1];
      if (last && !last.key && !segment.key) last.lines = last.lines.concat(segment.lines);
      else out.push(segment);
    });
    return out;
  }

  function keyMatcher(pattern, lower) {
    return function (line) {
      var match = pattern.exec(line);
      return match ? (lower ? match[1].toLowerCase() : match[1]) : null;
    };
  }

  /* The lines of a mapping that was `segments` (holding `old`) and now holds `data`: an entry whose
     value did not change keeps its lines, a changed one gets the lines write(key, value, segment)
     gives, a new one goes before the next key that follows it in `keys`. */
  function mergeLines(segments, old, data, keys, write) {
    var out = [], placed = {};
    var pending = function (before) {  // new values of keys that come before `before` in `keys`
      var limit = before === null ? keys.length : keys.indexOf(before);
      keys.slice(0, limit < 0 ? keys.length : limit).forEach(function (key) {
        if (!placed[key] && !isEmpty(data[key]) && !Object.prototype.hasOwnProperty.call(old, key)) {
          out.push.apply(out, write(key, data[key], null));
          placed[key] = true;
        }
      });
    };
    var comments = -1;  // where the comments right above the next key begin in out
    segments.forEach(function (segment) {
      if (!segment.key) {
        comments = segment.lines.every(function (l) { return /^\s*#/.test(l); }) ? out.length : -1;
        out.push.apply(out, segment.lines);
        return;
      }
      var key = segment.key;
      if (keys.indexOf(key) >= 0) {  // new keys go before the key (and its comments) that follows them
        var above = comments >= 0 ? out.splice(comments) : [];
        pending(key);
        out.push.apply(out, above);
      }
      comments = -1;
      placed[key] = true;
      if (same(data[key], old[key])) out.push.apply(out, segment.lines);
      else if (!isEmpty(data[key])) out.push.apply(out, write(key, data[key], segment));
    });
    pending(null);
    return out;
  }

  var BLOCK_KEY = /:[ \t]*$/;  // a key whose value is the block below it

  function indentation(line) {
    return line.length - line.replace(/^ +/, "").length;
  }

  /* The lines below a key of a tree (`lines`, holding `old`) now holding `data` (tree.orders: the
     order of the keys at this level and below). */
  function mergeTree(lines, old, data, tree, orders) {
    var first = lines.filter(function (line) { return !isGap(line); })[0];
    var width = first ? indentation(first) : 0;
    var pad = new Array(width + 1).join(" ");
    var keyOf = function (line) {
      if (indentation(line) !== width) return null;
      var match = YAML_KEY.exec(line.slice(width));
      return match ? match[1] : null;
    };
    var continues = function (line) { return indentation(line) > width || /^-( |$)/.test(line.slice(width)); };
    var keys = Y.ordered(Object.keys(data).concat(Object.keys(old).filter(function (key) {
      return !Object.prototype.hasOwnProperty.call(data, key);
    })), orders[0]);
    return mergeLines(segments(lines, keyOf, continues), old, data, keys, function (key, value, segment) {
      return treeEntry(key, value, old[key], segment, pad, tree, orders.slice(1));
    });
  }

  /* A changed entry of a tree: a mapping written in block style below its key stays so and is
     merged; anything else is written anew (wegweiser-yaml.js treeLines). */
  function treeEntry(key, value, old, segment, pad, tree, orders) {
    if (segment && isObject(value) && isObject(old) && segment.lines.length > 1 && BLOCK_KEY.test(segment.lines[0])) {
      return [segment.lines[0]].concat(mergeTree(segment.lines.slice(1), old, value, tree, orders));
    }
    return Y.treeLines(key, value, pad, orders, tree.dates);
  }

  var api = {same: same, segments: segments, keyMatcher: keyMatcher, isGap: isGap, mergeLines: mergeLines,
    treeEntry: treeEntry, YAML_KEY: YAML_KEY};
  if (node) module.exports = api;
  else root.WegweiserLines = api;
})(this);
