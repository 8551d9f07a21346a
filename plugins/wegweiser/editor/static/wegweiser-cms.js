/* Bildungswegweiser: how the editor (Decap CMS, /admin/) reads and writes the guide's files.

   Offers and providers are YAML front matter plus Markdown, static pages a Pelican header
   ("Title: …") plus Markdown. The editor must write them the way `wegweiser new` does
   (content/entry_file.py: one key per line in schema order, lists as [a, b], values as PyYAML
   writes them), so that saving an unchanged entry changes nothing and changing one field changes
   one line. So a file's text is kept with its data (under SOURCE): on saving, every key whose value
   did not change keeps its original lines (and comments and blank lines stay where they were); a
   changed value gets one new line in the place of the old, a new one its line before the next key
   in schema order. A file without SOURCE (a new entry) is written entirely in the layout of
   `wegweiser new`. Scalars are written by a port of PyYAML's emitter rules (yaml/emitter.py:
   analyze_scalar, choose_scalar_style; yaml/resolver.py for what must be quoted); a test compares
   it with the Python side on many values.

   In the browser, the field types come from the data-fields attribute of this script's tag (the
   build writes them from the schemas), and the formats and the check of alt texts are registered
   with Decap CMS. In Node (the tests) the functions are exported. */
(function (root) {
  "use strict";

  var SOURCE = "__wegweiser_source";
  var BREAKS = "\n\x85\u2028\u2029";
  var WHITESPACE = "\0 \t\r" + BREAKS;

  // --- PyYAML's decisions: which strings may stay plain, and how quoted ones are written ------

  // yaml/resolver.py: a plain scalar matching one of these would not read back as a string
  var IMPLICIT = [
    /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    /^(?:<<)$/,
    /^(?:~|null|Null|NULL|)$/,
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
    /^(?:=)$/
  ];

  function resolvesToString(text) {
    var probe = text.replace(/\n$/, "");  // Python's "$" also matches before a final line break
    return !IMPLICIT.some(function (re) { return re.test(probe); });
  }

  function isPrintableUnicode(code) {
    return code === 0x85 || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) ||
      (code >= 0x10000 && code < 0x10FFFF);
  }

  // yaml/emitter.py analyze_scalar (allow_unicode=True)
  function analyze(chars) {
    if (!chars.length) return {empty: true, multiline: false, flowPlain: false, blockPlain: true, single: true};
    var block = false, flow = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    var breakSpace = false, spaceBreak = false;
    var text = chars.join("");
    if (text.indexOf("---") === 0 || text.indexOf("...") === 0) block = flow = true;
    var preceded = true;
    var followed = chars.length === 1 || WHITESPACE.indexOf(chars[1]) >= 0;
    var previousSpace = false, previousBreak = false;
    for (var index = 0; index < chars.length; index++) {
      var ch = chars[index];
      if (index === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) flow = block = true;
        if (ch === "?" || ch === ":") { flow = true; if (followed) block = true; }
        if (ch === "-" && followed) flow = block = true;
      } else {
        if (",?[]{}".indexOf(ch) >= 0) flow = true;
        if (ch === ":") { flow = true; if (followed) block = true; }
        if (ch === "#" && preceded) flow = block = true;
      }
      if (BREAKS.indexOf(ch) >= 0) lineBreaks = true;
      var code = ch.codePointAt(0);
      if (!(ch === "\n" || (code >= 0x20 && code <= 0x7E))) {
        if (!(isPrintableUnicode(code) && code !== 0xFEFF)) special = true;
      }
      if (ch === " ") {
        if (index === 0) leadingSpace = true;
        if (index === chars.length - 1) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true; previousBreak = false;
      } else if (BREAKS.indexOf(ch) >= 0) {
        if (index === 0) leadingBreak = true;
        if (index === chars.length - 1) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false; previousBreak = true;
      } else {
        previousSpace = previousBreak = false;
      }
      preceded = WHITESPACE.indexOf(ch) >= 0;
      followed = index + 2 >= chars.length || WHITESPACE.indexOf(chars[index + 2]) >= 0;
    }
    var flowPlain = true, blockPlain = true, single = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
    if (breakSpace) flowPlain = blockPlain = single = false;
    if (spaceBreak || special) flowPlain = blockPlain = single = false;
    if (lineBreaks) flowPlain = blockPlain = false;
    if (flow) flowPlain = false;
    if (block) blockPlain = false;
    return {empty: false, multiline: lineBreaks, flowPlain: flowPlain, blockPlain: blockPlain, single: single};
  }

  // yaml/emitter.py write_single_quoted (no folding: lines are at most 1000 characters wide)
  function singleQuoted(chars, indent) {
    var out = "'", spaces = false, breaks = false, start = 0;
    for (var end = 0; end <= chars.length; end++) {
      var ch = end < chars.length ? chars[end] : null;
      if (spaces) {
        if (ch === null || ch !== " ") { out += chars.slice(start, end).join(""); start = end; }
      } else if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) {
          if (chars[start] === "\n") out += "\n";
          for (var i = start; i < end; i++) out += chars[i] === "\n" ? "\n" : chars[i];
          out += indent;
          start = end;
        }
      } else if (ch === null || (" " + BREAKS).indexOf(ch) >= 0 || ch === "'") {
        if (start < end) { out += chars.slice(start, end).join(""); start = end; }
      }
      if (ch === "'") { out += "''"; start = end + 1; }
      if (ch !== null) { spaces = ch === " "; breaks = BREAKS.indexOf(ch) >= 0; }
    }
    return out + "'";
  }

  var ESCAPES = {"\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0B": "v", "\x0C": "f",
    "\r": "r", "\x1B": "e", "\"": "\"", "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L", "\u2029": "P"};

  function hex(code, digits) {
    var text = code.toString(16).toUpperCase();
    while (text.length < digits) text = "0" + text;
    return text;
  }

  // yaml/emitter.py write_double_quoted (allow_unicode=True, no folding)
  function doubleQuoted(chars) {
    var out = "\"";
    chars.forEach(function (ch) {
      var code = ch.codePointAt(0);
      var plain = "\"\\\x85\u2028\u2029\uFEFF".indexOf(ch) < 0 &&
        ((code >= 0x20 && code <= 0x7E) || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD));
      if (plain) out += ch;
      else if (ESCAPES[ch]) out += "\\" + ESCAPES[ch];
      else if (code <= 0xFF) out += "\\x" + hex(code, 2);
      else if (code <= 0xFFFF) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    });
    return out + "\"";
  }

  /* A string as PyYAML writes it: inList is a flow sequence's item, else the document's scalar. */
  function yamlString(text, inList) {
    var chars = Array.from(text);
    var analysis = analyze(chars);
    if (resolvesToString(text) && (inList ? analysis.flowPlain : analysis.blockPlain)) return text;
    if (analysis.single) return singleQuoted(chars, inList ? "    " : "  ");
    return doubleQuoted(chars);
  }

  /* A float as Python's repr writes it, and PyYAML's ".0" for exponents without a point. */
  function pythonNumber(value) {
    if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
    var text = String(value);
    var exponent = Math.floor(Math.log10(Math.abs(value)));
    if (exponent < -4 || exponent >= 16) {
      text = value.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
    }
    text = text.toLowerCase();
    if (text.indexOf(".") < 0 && text.indexOf("e") >= 0) text = text.replace("e", ".0e");
    return text;
  }

  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function isDate(text) {
    if (!DATE.test(text)) return false;
    var parts = text.split("-").map(Number);
    var day = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    return day.getUTCFullYear() === parts[0] && day.getUTCMonth() === parts[1] - 1 && parts[0] >= 1;
  }

  /* One value as `wegweiser new` writes it (content/new_entry.py _yaml_value). */
  function yamlValue(value, type) {
    if (Array.isArray(value)) {
      return "[" + value.map(function (item) { return yamlString(String(item), true); }).join(", ") + "]";
    }
    if (typeof value === "number") return pythonNumber(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    if (type === "date" && isDate(String(value))) return String(value);
    return yamlString(String(value), false);
  }

  function isEmpty(value) {
    return value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
  }

  function same(a, b) {
    if (isEmpty(a) && isEmpty(b)) return true;
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every(function (item, i) { return same(item, b[i]); });
    }
    return a === b;
  }

  // --- reading ---------------------------------------------------------------------------------

  function jsyaml() {
    return typeof module !== "undefined" && module.exports ? require("js-yaml") : root.jsyaml;
  }

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

  /* A top-level key at the start of a line, as YAML or a Pelican header writes it. */
  var YAML_KEY = /^([A-Za-z0-9_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;

  /* The header's lines in segments: {key, lines} for a key and the lines continuing its value,
     {lines} for comments and blank lines. */
  function segments(lines, keyPattern, continues) {
    var found = [];
    lines.forEach(function (line) {
      var match = keyPattern.exec(line);
      var last = found[found.length - 1];
      if (match) found.push({key: match[1], lines: [line]});
      else if (last && last.key && continues(line)) last.lines.push(line);
      else if (last && !last.key) last.lines.push(line);
      else found.push({lines: [line]});
    });
    return found;
  }

  function convert(value, type) {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.filter(function (v) { return v !== null; }).map(String);
    if (typeof value !== "string") return value;
    if (type === "integer" && /^[-+]?[0-9]+$/.test(value)) return parseInt(value, 10);
    if (type === "number" && /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/.test(value)) return parseFloat(value);
    return value;
  }

  /* Literal text for every scalar (as content/frontmatter.py reads text fields), null for the
     plain null words; numbers from the schema's types. */
  var schema = null;  // made once: making it takes longer than reading a file

  function yamlLoad(text) {
    var y = jsyaml();
    schema = schema || y.FAILSAFE_SCHEMA.extend({implicit: [y.types.null]});
    var data = y.load(text, {schema: schema});
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  }

  var NULLS = {"": true, "~": true, "null": true, "Null": true, "NULL": true};
  var QUICK_LINE = /^([A-Za-z0-9_][A-Za-z0-9_-]*):(?:[ ]+(.*?))?[ \t]*$/;
  var INDICATOR = /^[-?:,\[\]{}#&*!|>'"%@`]/;
  var PLAIN_ITEM = /^[^-?:,\[\]{}#&*!|>'"%@`\s][^,\[\]{}#:'"]*$/;

  /* A plain scalar's text as YAML reads it, or undefined when it needs the full parser. */
  function quickPlain(text) {
    if (INDICATOR.test(text) || /: |:$| #|\t#/.test(text)) return undefined;
    return NULLS[text] ? null : text;
  }

  function quickValue(text) {
    if (text === "") return null;
    var first = text.charAt(0), last = text.charAt(text.length - 1);
    if (first === "'" && last === "'" && text.length > 1) {
      var inner = text.slice(1, -1);
      return inner.replace(/''/g, "").indexOf("'") < 0 ? inner.replace(/''/g, "'") : undefined;
    }
    if (first === "\"" && last === "\"" && text.length > 1) {
      var quoted = text.slice(1, -1);
      return /["\\]/.test(quoted) ? undefined : quoted;
    }
    if (first === "[" && last === "]") {
      var items = text.slice(1, -1).trim();
      if (!items) return [];
      var values = [];
      var parts = items.split(",");
      for (var i = 0; i < parts.length; i++) {
        var item = parts[i].trim();
        if (!PLAIN_ITEM.test(item) || / #/.test(item)) return undefined;
        values.push(NULLS[item] ? null : item);
      }
      return values;
    }
    return quickPlain(text);
  }

  /* The usual flat header (one `key: value` per line, values plain, simply quoted or [a, b]) read
     without the YAML parser, ten times faster, giving what it gives; anything else: undefined. */
  function quickLoad(lines) {
    var data = {};
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (!line.trim() || line.charAt(0) === "#") continue;
      var match = QUICK_LINE.exec(line);
      if (!match || Object.prototype.hasOwnProperty.call(data, match[1])) return undefined;
      var value = quickValue(match[2] || "");
      if (value === undefined) return undefined;
      data[match[1]] = value;
    }
    return data;
  }

  /* The header's values: literal text for every scalar (as content/frontmatter.py reads text
     fields), null for the plain null words. */
  function loadHeader(lines) {
    var quick = quickLoad(lines);
    return quick !== undefined ? quick : yamlLoad(lines.join("\n"));
  }

  /* The parts of a file with front matter: lines of the header, opening and closing line, body. */
  function splitFrontMatter(content) {
    var source = normalise(content);
    var lines = source.text.split("\n");
    if (lines[0].replace(/\s+$/, "") !== "---") throw new Error("Die Datei beginnt nicht mit ---.");
    var end = -1;
    for (var i = 1; i < lines.length; i++) {
      var bare = lines[i].replace(/\s+$/, "");
      if (bare === "---" || bare === "...") { end = i; break; }
    }
    if (end < 0) throw new Error("Der Kopf der Datei wird nicht mit --- geschlossen.");
    source.header = lines.slice(1, end);
    source.opening = lines[0];
    source.closing = lines[end];
    source.body = lines.slice(end + 1).join("\n");
    return source;
  }

  function frontMatterData(source, types) {
    var parsed = loadHeader(source.header);
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
    source.segments = segments(source.header, YAML_KEY, function (line) { return /^[ \t]|^- |^-$/.test(line); });
    var keys = source.segments.filter(function (s) { return s.key; }).map(function (s) { return s.key; });
    var parsed = Object.keys(source.values).filter(function (key) { return key !== "body"; });
    source.trusted = keys.length === parsed.length && keys.every(function (key) { return parsed.indexOf(key) >= 0; });
    return source;
  }

  // --- writing ---------------------------------------------------------------------------------

  /* The header lines: the original ones where values did not change, new lines where they did. */
  function headerLines(data, order, source, line) {
    var keys = order.filter(function (key) { return key !== "body"; });
    Object.keys(data).forEach(function (key) {  // keys the schema does not know stay where they are
      if (key !== "body" && key !== SOURCE && keys.indexOf(key) < 0) keys.push(key);
    });
    if (!source || !source.trusted) {
      return keys.filter(function (key) { return !isEmpty(data[key]); }).map(function (key) { return line(key, data[key]); });
    }
    var out = [], placed = {};
    var pending = function (before) {  // new values of keys that come before `before` in schema order
      var limit = before === null ? keys.length : keys.indexOf(before);
      keys.slice(0, limit < 0 ? keys.length : limit).forEach(function (key) {
        if (!placed[key] && !isEmpty(data[key]) && !source.values.hasOwnProperty(key)) {
          out.push(line(key, data[key]));
          placed[key] = true;
        }
      });
    };
    var comments = -1;  // where the comments right above the next key begin in out
    source.segments.forEach(function (segment) {
      if (!segment.key) {
        comments = segment.lines.every(function (l) { return l.charAt(0) === "#"; }) ? out.length : -1;
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
      if (same(data[key], source.values[key])) out.push.apply(out, segment.lines);
      else if (!isEmpty(data[key])) out.push(line(key, data[key]));
    });
    pending(null);
    return out;
  }

  function writeFrontMatter(data, order, types) {
    var source = typeof data[SOURCE] === "string" ? frontMatterSource(data[SOURCE], types) : null;
    var lines = headerLines(data, order, source, function (key, value) {
      return key + ": " + yamlValue(value, types[key]);
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
    source.segments = segments(header, /^[ ]{0,3}([A-Za-z0-9_-]+):/, function (line) { return META_MORE.test(line); });
    source.segments.forEach(function (segment) { if (segment.key) segment.key = segment.key.toLowerCase(); });
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
    var lines = headerLines(data, order, source, pageLine);
    var body = bodyText(data.body, source);
    if (!source) body = body ? body : "\n";
    return finish(lines.join("\n") + "\n" + body, source);
  }

  // --- Decap CMS --------------------------------------------------------------------------------

  function formats(types) {
    return {
      "wegweiser-offer": {
        fromFile: function (content) { return readFrontMatter(content, types.offer); },
        toFile: function (data, order) { return writeFrontMatter(data, order, types.offer); }
      },
      "wegweiser-provider": {
        fromFile: function (content) { return readFrontMatter(content, types.provider); },
        toFile: function (data, order) { return writeFrontMatter(data, order, types.provider); }
      },
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

  var api = {
    yamlValue: yamlValue, quickLoad: quickLoad, yamlLoad: yamlLoad, readFrontMatter: readFrontMatter, writeFrontMatter: writeFrontMatter,
    readPage: readPage, writePage: writePage, formats: formats, SOURCE: SOURCE
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  root.WegweiserCms = api;
  var script = document.currentScript;
  var types = JSON.parse(script.getAttribute("data-fields"));
  var cms = root.CMS;
  var registered = formats(types);
  Object.keys(registered).forEach(function (name) { cms.registerCustomFormat(name, "md", registered[name]); });
  registerAltWidget(cms);
})(this);
