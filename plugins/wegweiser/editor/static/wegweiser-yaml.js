/* Bildungswegweiser: YAML read as content/frontmatter.py reads it and written as PyYAML writes it,
   for the editor (/admin/, wegweiser-cms.js).

   The guide's files are written by Python (content/new_entry.py for a field's value, one line;
   i18n/translation_writer.py for the translations block, a tree in block style, texts over several
   lines as literal blocks `|`). So that the editor writes the same bytes, this is a port of PyYAML's
   emitter rules (yaml/emitter.py: analyze_scalar, choose_scalar_style, the writers of quoted and
   literal scalars; yaml/resolver.py for what must be quoted), compared with Python by the tests
   (tests/test_editor_format.py). In the browser it is window.WegweiserYaml, in Node a module. */
(function (root) {
  "use strict";

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
    if (!chars.length) {
      return {empty: true, multiline: false, flowPlain: false, blockPlain: true, single: true, literal: false};
    }
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
    var flowPlain = true, blockPlain = true, single = true, literal = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
    if (trailingSpace) literal = false;
    if (breakSpace) flowPlain = blockPlain = single = false;
    if (spaceBreak || special) flowPlain = blockPlain = single = literal = false;
    if (lineBreaks) flowPlain = blockPlain = false;
    if (flow) flowPlain = false;
    if (block) blockPlain = false;
    return {empty: false, multiline: lineBreaks, flowPlain: flowPlain, blockPlain: blockPlain, single: single,
      literal: literal};
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

  /* A string as PyYAML writes it: inList is a flow sequence's item, else a mapping's value whose
     key stands at `indent` (default: the document's top level). */
  function yamlString(text, inList, indent) {
    var chars = Array.from(text);
    var analysis = analyze(chars);
    if (resolvesToString(text) && (inList ? analysis.flowPlain : analysis.blockPlain)) return text;
    if (analysis.single) return singleQuoted(chars, inList ? "    " : (indent || "") + "  ");
    return doubleQuoted(chars);
  }

  // yaml/emitter.py determine_block_hints and write_literal (best_indent 2); without the last line break
  function literal(chars, indent) {
    var hints = "";
    var last = chars[chars.length - 1], before = chars[chars.length - 2];
    if ((" " + BREAKS).indexOf(chars[0]) >= 0) hints += "2";
    if (BREAKS.indexOf(last) < 0) hints += "-";
    else if (chars.length === 1 || BREAKS.indexOf(before) >= 0) hints += "+";
    var out = "|" + hints + "\n", breaks = true, start = 0;
    for (var end = 0; end <= chars.length; end++) {
      var ch = end < chars.length ? chars[end] : null;
      if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) {
          out += chars.slice(start, end).join("");
          if (ch !== null) out += indent;
          start = end;
        }
      } else if (ch === null || BREAKS.indexOf(ch) >= 0) {
        out += chars.slice(start, end).join("");
        if (ch === null) out += "\n";
        start = end;
      }
      if (ch !== null) breaks = BREAKS.indexOf(ch) >= 0;
    }
    return out.slice(0, -1);
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Nothing to write: no value, an empty text or list, a mapping of such. */
  function isBlank(value) {
    if (isObject(value)) return Object.keys(value).every(function (key) { return isBlank(value[key]); });
    return value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);
  }

  /* Keys in `order`'s order, the others after them, sorted (i18n/translation_writer.py ordered). */
  function ordered(keys, order) {
    order = order || [];
    var rank = function (key) { var i = order.indexOf(key); return i < 0 ? order.length : i; };
    return keys.slice().sort(function (a, b) {
      return rank(a) - rank(b) || (rank(a) === order.length ? (a < b ? -1 : a > b ? 1 : 0) : 0);
    });
  }

  /* A text in a tree as translation_writer.py's dumper writes it: over several lines a literal
     block (else double quoted), on one line as any string. `indent`: where its key stands. */
  function treeText(text, indent) {
    if (text.indexOf("\n") < 0) return yamlString(text, false, indent);
    var chars = Array.from(text);
    return analyze(chars).literal ? literal(chars, indent + "  ") : doubleQuoted(chars);
  }

  /* `key: value` and, for a mapping, its entries below it in block style (yaml.dump with indent=2,
     as i18n/translation_writer.py writes the translations): one line per key, keys of each level in
     the order `orders` gives for it, empty values left out, the keys in `dateKeys` holding a valid
     date written as a date. The lines are returned, a literal block's lines inside one of them. */
  function treeLines(key, value, indent, orders, dateKeys) {
    var name = yamlString(String(key), false, indent);
    if (isObject(value)) {
      var lines = [indent + name + ":"];
      ordered(Object.keys(value), orders[0]).forEach(function (child) {
        if (!isBlank(value[child])) {
          lines.push.apply(lines, treeLines(child, value[child], indent + "  ", orders.slice(1), dateKeys));
        }
      });
      return lines;
    }
    if (Array.isArray(value)) {
      return [indent + name + ":"].concat(value.map(function (item) {
        return indent + "- " + treeText(String(item), indent);
      }));
    }
    var text = String(value);
    if ((dateKeys || []).indexOf(key) >= 0 && isDate(text)) return [indent + name + ": " + text];
    return [indent + name + ": " + treeText(text, indent)];
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

  // --- reading: what content/frontmatter.py reads --------------------------------------------

  function jsyaml() {
    return typeof module !== "undefined" && module.exports ? require("js-yaml") : root.jsyaml;
  }

  /* Literal text for every scalar (as content/frontmatter.py reads text fields), null for the
     plain null words (js-yaml with its failsafe schema and the null type). */
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
  var api = {yamlString: yamlString, yamlValue: yamlValue, treeLines: treeLines, isObject: isObject, isBlank: isBlank,
    ordered: ordered, isDate: isDate, quickLoad: quickLoad, yamlLoad: yamlLoad, loadHeader: loadHeader};
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserYaml = api;
})(this);
