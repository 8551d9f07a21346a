/* Bildungswegweiser: how the editor (Decap CMS, /admin/) reads and writes the guide's files.

   Offers and providers are YAML front matter plus Markdown, static pages a Pelican header
   ("Title: …") plus Markdown. The editor must write them the way `wegweiser new` does
   (content/entry_file.py: one key per line in schema order, lists as [a, b], values as PyYAML
   writes them) and the translations as `wegweiser translate import` does (i18n/translation_writer.py:
   a block `translations:` at the end of the front matter, language → field → text and provenance),
   so that saving an unchanged entry changes nothing and changing one field changes one line. So a
   file's text is kept with its data (under SOURCE): on saving, every key whose value did not change
   keeps its original lines (and comments and blank lines stay where they were); a changed value
   gets a new line in the place of the old, a new one its line before the next key in schema order.
   Inside the translations the same holds one level down: a changed text replaces its own line (or
   literal block), the rest of the block stays. A file without SOURCE (a new entry) is written
   entirely in the layout of `wegweiser new`. Headers are read and values written by
   wegweiser-yaml.js (PyYAML's emitter rules), lines kept by wegweiser-lines.js; the tests compare
   all of it with the Python side.

   A translation whose text or review date the office changes is recorded as made from the German
   text as it stands (its source_hash, i18n/content.py source_hash(); method human unless chosen);
   one left without text is removed.

   In the browser, the field types and the translation settings come from the data-fields attribute
   of this script's tag (the build writes them from the schemas and WEGWEISER_LANGUAGES), and the
   formats and the check of alt texts are registered with Decap CMS. In Node (the tests) the
   functions are exported. */
(function (root) {
  "use strict";

  var SOURCE = "__wegweiser_source";
  var TRANSLATIONS = "translations";
  var node = typeof module !== "undefined" && module.exports;
  var Y = node ? require("./wegweiser-yaml.js") : root.WegweiserYaml;
  var L = node ? require("./wegweiser-lines.js") : root.WegweiserLines;
  var isObject = Y.isObject;
  var isEmpty = Y.isBlank;
  var same = L.same;

  // --- reading ---------------------------------------------------------------------------------

  /* Text, line ending and byte-order mark of a file, with Unix line ends. */
  function normalise(content) {
    var bom = content.charAt(0) === "\uFEFF";
    var text = bom ? content.slice(1) : content;
    var crlf = text.indexOf("\r\n") >= 0;
    return {text: text.indexOf("\r") >= 0 ? text.replace(/\r\n?/g, "\n") : text, crlf: crlf, bom: bom};
  }

  /* ``text`` without line breaks at its start and end (Python's strip("\\n")). */
  function stripBreaks(text) {
    var start = 0, end = text.length;
    while (start < end && text.charCodeAt(start) === 10) start++;
    while (end > start && text.charCodeAt(end - 1) === 10) end--;
    return text.slice(start, end);
  }

  function finish(text, source) {
    if (source && source.crlf) text = text.replace(/\n/g, "\r\n");
    return (source && source.bom ? "\uFEFF" : "") + text;
  }

  function convert(value, type) {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.filter(function (v) { return v !== null; }).map(String);
    if (typeof value !== "string") return value;
    if (type === "integer" && /^[-+]?[0-9]+$/.test(value)) return parseInt(value, 10);
    if (type === "number" && /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(value)) return parseFloat(value);
    return value;
  }

  /* The closing line of a front matter: --- or ... alone (spaces after it allowed). */
  var CLOSING = /\n(---|\.\.\.)[^\S\n]*(?=\n|$)/g;

  /* The parts of a file with front matter: lines of the header, opening and closing line, body
     (found without splitting the body into lines: a listing reads thousands of files). */
  function splitFrontMatter(content) {
    var source = normalise(content);
    var text = source.text;
    var first = text.indexOf("\n");
    source.opening = first < 0 ? text : text.slice(0, first);
    if (source.opening.replace(/\s+$/, "") !== "---") throw new Error("Die Datei beginnt nicht mit ---.");
    CLOSING.lastIndex = first - 1;
    var closing = first < 0 ? null : CLOSING.exec(text);
    if (!closing) throw new Error("Der Kopf der Datei wird nicht mit --- geschlossen.");
    source.header = closing.index > first ? text.slice(first + 1, closing.index).split("\n") : [];
    source.closing = closing[0].slice(1);
    var end = closing.index + closing[0].length;
    source.body = end < text.length ? text.slice(end + 1) : "";
    return source;
  }

  function frontMatterData(source, types) {
    var parsed = Y.loadHeader(source.header);
    var data = {};
    Object.keys(parsed).forEach(function (key) { data[key] = convert(parsed[key], types[key]); });
    data.body = stripBreaks(source.body);
    return data;
  }

  /* The data of a file; the file's text is kept with it (SOURCE) for writing it back. */
  function readFrontMatter(content, types) {
    var data = frontMatterData(splitFrontMatter(content), types);
    data[SOURCE] = content;
    return data;
  }

  /* What writing needs to know of the original file (worked out only when an entry is saved). */
  function frontMatterSource(content, types) {
    var source = splitFrontMatter(content);
    source.values = frontMatterData(source, types);
    source.segments = L.segments(source.header, L.keyMatcher(L.YAML_KEY), function (line) { return /^[ \t]|^- |^-$/.test(line); });
    var keys = source.segments.filter(function (s) { return s.key; }).map(function (s) { return s.key; });
    var parsed = Object.keys(source.values).filter(function (key) { return key !== "body"; });
    source.trusted = keys.length === parsed.length && keys.every(function (key) { return parsed.indexOf(key) >= 0; });
    return source;
  }

  // --- writing ---------------------------------------------------------------------------------

  /* The header lines: the original ones where values did not change, new lines where they did. */
  function headerLines(data, order, source, write) {
    var keys = order.filter(function (key) { return key !== "body"; });
    Object.keys(data).forEach(function (key) {  // keys the schema does not know stay where they are
      if (key !== "body" && key !== SOURCE && keys.indexOf(key) < 0) keys.push(key);
    });
    if (!source || !source.trusted) {
      return [].concat.apply([], keys.filter(function (key) { return !isEmpty(data[key]); })
        .map(function (key) { return write(key, data[key], null); }));
    }
    return L.mergeLines(source.segments, source.values, data, keys, write);
  }

  // --- translations: provenance -----------------------------------------------------------------

  /* Python's str.split() whitespace (i18n/content.py normalise) */
  var PY_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var PY_STRIP = new RegExp("^" + PY_SPACE.source + "|" + PY_SPACE.source + "$", "g");

  function sha256(text) {
    return (node ? require("js-sha256").sha256 : root.sha256)(text);
  }

  /* i18n/content.py source_hash: of the German text, NFC, whitespace runs as one space, trimmed. */
  function sourceHash(text, length) {
    var normal = String(text || "").normalize("NFC").split(PY_SPACE).filter(Boolean).join(" ");
    return sha256(normal).slice(0, length);
  }

  /* A translation's text as i18n/translation_writer.py writes it. */
  function cleanText(text) {
    var inner = stripBreaks(text);
    return inner.indexOf("\n") >= 0 ? inner : text.replace(PY_STRIP, "");
  }

  /* The translations to write: an item that is new or whose text or review date changed records the
     German text it now stands for (and method human unless one was chosen); an item without text
     is left out. Items as they were stay as they were. */
  function withProvenance(data, old, tree) {
    var now = data[TRANSLATIONS];
    if (!isObject(now) || !tree) return data;
    var before = isObject(old) ? old : {};
    var german = function (name) {
      var text = name === tree.description ? data.body : data[name];
      return typeof text === "string" ? text : "";
    };
    var out = {};
    Object.keys(now).forEach(function (lang) {
      var items = now[lang], was = isObject(before[lang]) ? before[lang] : {};
      if (!isObject(items)) { out[lang] = items; return; }
      out[lang] = {};
      Object.keys(items).forEach(function (name) {
        var item = items[name], prior = isObject(was[name]) ? was[name] : null;
        if (!isObject(item) || same(item, was[name])) { out[lang][name] = item; return; }
        var text = cleanText(typeof item.text === "string" ? item.text : "");
        if (!text) return;
        var copy = Object.assign({}, item, {text: text});
        if (!prior || text !== prior.text || !same(item.reviewed, prior.reviewed) || isEmpty(item.source_hash)) {
          copy.source_hash = sourceHash(german(name), tree.hashLength);
        }
        if (isEmpty(copy.method)) copy.method = tree.method;
        out[lang][name] = copy;
      });
    });
    return Object.assign({}, data, {translations: out});
  }

  function writeFrontMatter(data, order, types, tree) {
    var source = typeof data[SOURCE] === "string" ? frontMatterSource(data[SOURCE], types) : null;
    tree = tree || {};
    var orders = [tree.languages, tree.fields, tree.keys];
    data = withProvenance(data, source ? source.values[TRANSLATIONS] : null, tree.languages && tree);
    var lines = headerLines(data, order, source, function (key, value, segment) {
      if (!isObject(value)) return [key + ": " + Y.yamlValue(value, types[key])];
      return L.treeEntry(key, value, source ? source.values[key] : null, segment, "", tree, orders);
    });
    var text = [source ? source.opening : "---"].concat(lines, [source ? source.closing : "---"]).join("\n") + "\n";
    return finish(text + bodyText(data.body, source), source);
  }

  function bodyText(body, source) {
    var stripped = stripBreaks(body || "");
    if (source && stripped === source.values.body) return source.body;
    return stripped ? "\n" + stripped + "\n" : "";
  }

  // --- static pages: Pelican's header (Python-Markdown's meta extension) ------------------------

  var META_KEY = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var META_MORE = /^[ ]{4,}(.*)$/;

  function readPage(content) {
    var data = pageSource(content).values;
    data[SOURCE] = content;
    return data;
  }

  function pageSource(content) {
    var source = normalise(content);
    var lines = source.text.split("\n");
    var index = 0, header = [], data = {}, key = null;
    if (/^-{3}(\s.*)?$/.test(lines[0])) { header.push(lines[0]); index = 1; }
    for (; index < lines.length; index++) {
      var line = lines[index];
      if (!line.trim() || /^(-{3}|\.{3})(\s.*)?$/.test(line)) break;
      var match = META_KEY.exec(line), more = META_MORE.exec(line);
      if (match) {
        key = match[1].toLowerCase();
        data[key] = data.hasOwnProperty(key) ? data[key] + "\n" + match[2].trim() : match[2].trim();
      } else if (more && key) {
        data[key] += "\n" + more[1].trim();
      } else break;
      header.push(line);
    }
    var body = lines.slice(index).join("\n");
    data.body = stripBreaks(body);
    source.kind = "page";
    source.segments = L.segments(header, L.keyMatcher(/^[ ]{0,3}([A-Za-z0-9_-]+):/, true), function (line) { return META_MORE.test(line); });
    source.values = data;
    source.body = body;
    source.trusted = true;
    return source;
  }

  function pageLine(key, value) {
    var name = key.charAt(0).toUpperCase() + key.slice(1);
    return name + ": " + String(value).split("\n").map(function (part) { return part.trim(); }).join("\n    ");
  }

  function writePage(data, order) {
    var source = typeof data[SOURCE] === "string" ? pageSource(data[SOURCE]) : null;
    var lines = headerLines(data, order, source, function (key, value) { return [pageLine(key, value)]; });
    var body = bodyText(data.body, source);
    if (!source) body = body ? body : "\n";
    return finish(lines.join("\n") + "\n" + body, source);
  }

  // --- Decap CMS --------------------------------------------------------------------------------

  /* The settings of the translations for a kind of entry (from the build's data-fields). */
  function treeSettings(settings, kind) {
    var t = settings.translations;
    return t && {languages: t.languages, fields: t.fields[kind], keys: t.keys, dates: t.dates,
      description: t.description, hashLength: t.hash_length, method: t.method};
  }

  function formats(settings) {
    var types = settings.types;
    var entryFormat = function (kind) {
      var tree = treeSettings(settings, kind);
      return {
        fromFile: function (content) { return readFrontMatter(content, types[kind]); },
        toFile: function (data, order) { return writeFrontMatter(data, order, types[kind], tree); }
      };
    };
    return {
      "wegweiser-offer": entryFormat("offer"),
      "wegweiser-provider": entryFormat("provider"),
      "wegweiser-page": {fromFile: readPage, toFile: writePage}
    };
  }

  /* The description of an image (image_alt, logo_alt): a line of text, required as soon as the
     field named by its image_field option holds an image (checks/rules.py "alt-missing"). */
  function registerAltWidget(cms) {
    var string = cms.getWidget("string");
    var Control = root.createClass({
      isValid: function () {
        var entry = this.props.getEntry();  // the entry as edited (the entry prop may be stale)
        var image = entry.getIn(["data", this.props.field.get("image_field")]);
        if (image && !String(this.props.value || "").trim()) {
          return {error: {type: "wegweiser-alt", message: this.props.field.get("message")}};
        }
        return true;
      },
      render: function () { return root.h(string.control, this.props); }
    });
    cms.registerWidget("wegweiser-alt", Control, string.preview);
  }

  /* Each text box takes its writing direction from its text (dir="auto", as the guide's pages do for
     unknown text): an Arabic or Persian translation runs right to left while it is typed, with its
     punctuation where a reader expects it; German stays left to right. Decap's configuration has no
     place for it, so it is set on each text box as Decap draws one. */
  var TEXT_BOXES = "input:not([type]), input[type=text], textarea, [contenteditable=true]";
  function autoDirection(node) {
    if (node.nodeType !== 1) return;
    var boxes = Array.prototype.slice.call(node.querySelectorAll(TEXT_BOXES));
    if (node.matches(TEXT_BOXES)) boxes.push(node);
    boxes.forEach(function (box) { if (!box.hasAttribute("dir")) box.setAttribute("dir", "auto"); });
  }

  var api = {
    yamlValue: Y.yamlValue, quickLoad: Y.quickLoad, yamlLoad: Y.yamlLoad, readFrontMatter: readFrontMatter, writeFrontMatter: writeFrontMatter,
    readPage: readPage, writePage: writePage, formats: formats, sourceHash: sourceHash, SOURCE: SOURCE
  };
  if (node) {
    module.exports = api;
    return;
  }
  root.WegweiserCms = api;
  var settings = JSON.parse(document.currentScript.getAttribute("data-fields"));
  // Decap CMS (loaded after this script) starts when it is told to, once our formats and widget are
  // registered: started on its own it may load entries before they are
  root.CMS_MANUAL_INIT = true;
  document.addEventListener("DOMContentLoaded", function () {
    var cms = root.CMS;
    var registered = formats(settings);
    Object.keys(registered).forEach(function (name) { cms.registerCustomFormat(name, "md", registered[name]); });
    registerAltWidget(cms);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { Array.prototype.forEach.call(change.addedNodes, autoDirection); });
    }).observe(document.body, {childList: true, subtree: true});
    cms.init();
  });
})(this);
