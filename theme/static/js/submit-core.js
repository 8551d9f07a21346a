/* Bildungswegweiser submission form, the part without a page: checks a form's values with the
   JSON Schema exported from data/schemas (core/json_schema.py) and with the cross-field rules of
   core/rules.py, and writes the offer or provider file. Finding codes are those of
   "wegweiser validate"; tests/test_submission_rules.py compares both on shared fixtures. */
(function (root) {
  "use strict";

  function isEmpty(v) {
    return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  }
  function chars(s) { return Array.from(String(s)).length; }
  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  // --- types (mirror frictionless: integer, number, date, email, uri) ---
  function isoDate(y, m, d) {
    var date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }
  function parseDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) || null;
    if (m) return isoDate(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s); // the form also takes German dates
    return m ? isoDate(+m[3], +m[2], +m[1]) : null;
  }
  // the local part as the validators package reads it for frictionless (a dot-atom or a quoted
  // string); the schema's pattern then narrows what both sides accept
  var LOCAL = /^(?:[\u00A0-\u024F0-9a-z!#$%&'*+/=?^_`{}|~-]+(?:\.[\u00A0-\u024F0-9a-z!#$%&'*+/=?^_`{}|~-]+)*|"(?:[\u00A0-\u024F\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x09.])*")$/i;
  var DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$/i;
  function isEmail(s) {
    var parts = s.split("@");
    if (parts.length !== 2 || chars(parts[0]) > 64 || !LOCAL.test(parts[0])) return false;
    var domain = parts[1];
    if (/[\s?#/\\%:[\]]|__/.test(domain)) return false; // a URL parser would take these for its own
    try { domain = new URL("http://" + domain).hostname; } catch (e) { return false; }
    return domain.length <= 253 && DOMAIN.test(domain);
  }
  function hasScheme(s) { return /^[^:/?#]+:/.test(s); } // rfc3986: a URI needs a scheme

  // Value of a property from a form string (or a value read from a file); ok=false is a type error.
  function coerce(prop, raw) {
    var type = prop.type;
    if (type === "array") {
      var items = Array.isArray(raw) ? raw : [raw];
      return { ok: true, value: items.map(String) };
    }
    var s = typeof raw === "string" ? raw.trim() : raw;
    if (type === "integer") {
      if (typeof s === "number") return { ok: Number.isInteger(s), value: s };
      return /^[+-]?\d+$/.test(s) ? { ok: true, value: parseInt(s, 10) } : { ok: false };
    }
    if (type === "number") {
      if (typeof s === "number") return { ok: isFinite(s), value: s };
      var m = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/.test(s);
      return m ? { ok: true, value: parseFloat(s.replace(",", ".")) } : { ok: false };
    }
    if (typeof raw !== "string") raw = String(raw);
    if (prop.format === "date") {
      var iso = parseDate(raw.trim());
      return iso ? { ok: true, value: iso, date: true } : { ok: false };
    }
    if (prop.format === "email") return isEmail(raw) ? { ok: true, value: raw } : { ok: false };
    if (prop.format === "uri") return hasScheme(raw) ? { ok: true, value: raw } : { ok: false };
    return { ok: true, value: raw };
  }

  function typeName(prop) {
    if (prop.format === "date" || prop.format === "email" || prop.format === "uri") return prop.format;
    return prop.type;
  }

  // --- one property: type, then every failing constraint (like frictionless), then references ---
  function checkProperty(name, prop, raw, required, add) {
    if (isEmpty(raw) && !Array.isArray(raw)) {
      if (required) add("required", name, {});
      return undefined;
    }
    var c = coerce(prop, raw);
    if (!c.ok) {
      add("type-error", name, { value: raw, expected: typeName(prop) });
      return undefined;
    }
    var v = c.value;
    if (prop.type === "array") {
      if (has(prop, "minItems") && v.length < prop.minItems) add("min-length", name, { limit: prop.minItems, actual: v.length });
      var allowed = prop.items && prop.items.enum;
      if (allowed) v.forEach(function (item) {
        if (allowed.indexOf(item) < 0) add("unknown-reference", name, { value: item });
      });
      return v;
    }
    var before = add.count();
    if (typeof v === "string" && !c.date) {
      if (has(prop, "minLength") && chars(v) < prop.minLength) add("min-length", name, { limit: prop.minLength, actual: chars(v) });
      if (has(prop, "maxLength") && chars(v) > prop.maxLength) add("max-length", name, { limit: prop.maxLength, actual: chars(v) });
      if (prop.pattern && !new RegExp(prop.pattern).test(v)) add("pattern", name, { value: v });
    }
    if (typeof v === "number") {
      if (has(prop, "minimum") && v < prop.minimum) add("minimum", name, { value: v, limit: prop.minimum });
      if (has(prop, "maximum") && v > prop.maximum) add("maximum", name, { value: v, limit: prop.maximum });
    }
    if (c.date) { // ISO dates compare as text
      if (has(prop, "formatMinimum") && v < prop.formatMinimum) add("minimum", name, { value: v, limit: prop.formatMinimum });
      if (has(prop, "formatMaximum") && v > prop.formatMaximum) add("maximum", name, { value: v, limit: prop.formatMaximum });
    }
    if (prop.enum && add.count() === before && prop.enum.indexOf(v) < 0) {
      add(name === "provider" ? "unknown-provider" : "unknown-reference", name, { value: v });
    }
    return v;
  }

  // --- the rules of core/rules.py that look at more than one value ---
  function splitUrl(url) { // urllib.parse.urlsplit, as far as the rules need it
    url = url.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\r\n]/g, "");
    var scheme = "", i = url.indexOf(":");
    if (i > 0 && /^[A-Za-z]/.test(url) && /^[A-Za-z0-9+.-]+$/.test(url.slice(0, i))) {
      scheme = url.slice(0, i).toLowerCase();
      url = url.slice(i + 1);
    }
    var netloc = "";
    if (url.slice(0, 2) === "//") {
      var rest = url.slice(2), end = rest.search(/[/?#]/);
      netloc = end < 0 ? rest : rest.slice(0, end);
      url = end < 0 ? "" : rest.slice(end);
    }
    var path = url.split("#")[0].split("?")[0];
    return { scheme: scheme, netloc: netloc, path: path };
  }

  function mailtoExtra(url, headers) { // core/sanitize.py link_problem: a header but the subject, or more recipients
    var rest = url.replace(/[\u0000-\u0020]/g, "").replace(/^[^:]*:/, "");
    var q = rest.indexOf("?"), address = q < 0 ? rest : rest.slice(0, q), extra = false;
    if (q >= 0) new URLSearchParams(rest.slice(q + 1)).forEach(function (v, key) {
      if (headers.indexOf(key.toLowerCase()) < 0) extra = true;
    });
    try { address = decodeURIComponent(address); } catch (e) { /* kept as written, like Python's unquote */ }
    return extra || address.split("@").length > 2 || /[,;]/.test(address);
  }

  function imagePath(value) { // null when the path leaves content/images
    if (value.indexOf("\\") >= 0 || value.charAt(0) === "/") return null;
    var parts = [];
    var segments = value.split("/");
    for (var i = 0; i < segments.length; i++) {
      var seg = segments[i];
      if (seg === "" || seg === ".") continue;
      if (seg === "..") { if (!parts.length) return null; parts.pop(); } else parts.push(seg);
    }
    return parts.join("/");
  }

  function inGermany(box, lat, lon) {
    return box.lat[0] <= lat && lat <= box.lat[1] && box.lon[0] <= lon && lon <= box.lon[1];
  }

  // core/sanitize.py markup_in_text: the first HTML tag or entity in a plain-text value
  var MARKUP = /<[a-zA-Z/!?]|&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});/;
  function markupIn(value) {
    var m = MARKUP.exec(value);
    if (!m) return null;
    if (m[0].charAt(0) !== "<") return m[0];
    var tag = /^<[^\s>]{0,20}/.exec(value.slice(m.index));
    return tag ? tag[0] : m[0];
  }

  // core/characters.py: control characters (tab and newline only in long texts and the body) and
  // bidi controls are refused, the first of each kind per text; invisible characters are only a
  // warning there and are not checked here
  var BIDI = /[\u202a-\u202e\u2066-\u2069]/;
  function characterProblems(text, multiline) {
    var chars = Array.from(String(text)), found = {}, list = [];
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i], n = c.codePointAt(0), code = null;
      if (multiline && (c === "\t" || c === "\n")) continue;
      if (/[\p{Cc}\p{Cs}\u2028\u2029]/u.test(c) || (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) === 0xfffe) {
        code = "control-character";
      } else if (BIDI.test(c)) code = "bidi-control";
      if (code && !found[code]) {
        found[code] = true;
        list.push({ code: code, value: "U+" + n.toString(16).toUpperCase().padStart(4, "0"), position: i + 1 });
      }
    }
    return list;
  }
  function checkCharacters(props, rules, raw, add) {
    Object.keys(props).forEach(function (name) {
      var prop = props[name], value = raw[name];
      var multiline = prop.type === "string" && !prop.format && !prop.pattern && !prop.enum &&
        (prop.maxLength || 0) >= rules.multilineFrom;
      (Array.isArray(value) ? value : [value]).forEach(function (text) {
        if (typeof text !== "string") return;
        characterProblems(text, multiline).forEach(function (p) {
          add(p.code, name, { value: p.value, position: p.position });
        });
      });
    });
    if (typeof raw.body === "string") characterProblems(raw.body, true).forEach(function (p) {
      add(p.code, "body", { value: p.value, position: p.position, label: "Beschreibung" });
    });
  }

  function checkRules(kind, schema, rules, raw, typed, add) {
    var props = schema.properties;
    checkCharacters(props, rules, raw, add);
    Object.keys(props).forEach(function (name) { // plain text: no HTML (links, ids, choices have their own checks)
      var prop = props[name], value = raw[name];
      if (prop.type !== "string" || prop.format || prop.pattern || prop.enum || typeof value !== "string") return;
      var found = markupIn(value);
      if (found) add("html-in-text", name, { value: found });
    });
    if (typed.start_date && typed.end_date && typed.end_date < typed.start_date) {
      add("date-order", "end_date", { value: typed.end_date, start: typed.start_date });
    }
    if (typeof typed.age_min === "number" && typeof typed.age_max === "number" && typed.age_min > typed.age_max) {
      add("age-order", "age_max", { value: typed.age_max, age_min: typed.age_min });
    }
    Object.keys(props).forEach(function (name) {
      var value = raw[name];
      if (props[name].format !== "uri" || typeof value !== "string" || !value.trim()) return;
      var parts = splitUrl(value.trim());
      if (!parts.scheme) return;
      if (rules.linkSchemes.indexOf(parts.scheme) < 0) add("link-scheme", name, { value: value });
      else if ((parts.scheme === "http" || parts.scheme === "https") && !parts.netloc) add("link-invalid", name, { value: value });
      else if (parts.scheme === "mailto" && parts.path.indexOf("@") < 0) add("link-invalid", name, { value: value });
      else if (parts.scheme === "mailto" && mailtoExtra(value.trim(), rules.mailtoHeaders)) add("mailto-extra", name, { value: value });
    });
    Object.keys(rules.imageFields).forEach(function (field) {
      var value = raw[field], alt = rules.imageFields[field];
      if (!has(props, field) || typeof value !== "string" || !value.trim()) return;
      var path = imagePath(value);
      if (path === null) { add("image-outside", field, { value: value }); return; }
      if (rules.images.indexOf(path) < 0) add("image-missing", field, { value: value });
      if (typeof raw[alt] !== "string" || !raw[alt].trim()) add("alt-missing", alt, { value: value });
    });
    if (has(props, "lat") && has(props, "lon")) {
      var present = ["lat", "lon"].filter(function (k) { return !isEmpty(raw[k]); });
      if (present.length === 1) add("coords-incomplete", present[0], {});
      else if (typeof typed.lat === "number" && typeof typed.lon === "number" && !inGermany(rules.germany, typed.lat, typed.lon)) {
        add("coords-outside", "lat", { value: typed.lat + ", " + typed.lon, swapped: inGermany(rules.germany, typed.lon, typed.lat) });
      }
    }
    var municipality = raw.municipality, postcode = raw.postcode;
    if (has(props, "postcode") && typeof postcode === "string" && typeof municipality === "string" && has(rules.postcodes, municipality)) {
      var codes = rules.postcodes[municipality];
      if (codes.indexOf(postcode) < 0) add("postcode-municipality", "postcode", { value: postcode, municipality: municipality, postcodes: codes });
    }
    if (kind === "offer" && rules.onSiteFormats.indexOf(raw.format) >= 0 && !raw.municipality) {
      add("location-missing", "municipality", { format: raw.format });
    }
  }

  // Check the values of one entry. raw: field -> string or list (absent = not given).
  // Returns {findings: [{code, field, params}], values: typed values (raw where the type is wrong)}.
  function validate(config, kind, raw, options) {
    var spec = config.kinds[kind], schema = spec.schema;
    var findings = [];
    function add(code, field, params) { findings.push({ code: code, field: field, params: params || {} }); }
    add.count = function () { return findings.length; };
    var typed = {}, values = {};
    var required = schema.required || [];
    Object.keys(schema.properties).forEach(function (name) {
      var v = checkProperty(name, schema.properties[name], raw[name], required.indexOf(name) >= 0, add);
      if (v !== undefined) typed[name] = v;
      if (!isEmpty(raw[name]) || Array.isArray(raw[name])) values[name] = v !== undefined ? v : raw[name];
    });
    if (options && options.isNew && typeof raw.id === "string" && spec.existing.indexOf(raw.id) >= 0) {
      add("duplicate-id", "id", { value: raw.id });
    }
    checkRules(kind, schema, config.rules, raw, typed, add);
    return { findings: findings, values: values };
  }

  // --- messages ---
  function format(template, params) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      var v = params[key];
      return v === undefined || v === null ? "" : String(v);
    });
  }
  function message(config, kind, finding) {
    var prop = config.kinds[kind].schema.properties[finding.field] || {};
    // the page's language: its own titles and descriptions of the fields (config.fields), else the schema's
    var named = (config.fields && config.fields[kind] && config.fields[kind][finding.field]) || {};
    var p = {}, key;
    for (key in finding.params) p[key] = finding.params[key];
    p.label = named.title || prop.title || (finding.field === "body" && config.body) || p.label || finding.field;
    p.description = named.description || prop.description || "";
    var variant = prop.type === "array" ? ".list" : (prop.enum ? ".choice" : "");
    if (finding.code === "type-error") p.expected = config.typeNames[p.expected] || p.expected;
    if (finding.code === "coords-outside") p.swap = p.swapped ? config.messages["coords-outside.swap"] : "";
    if (finding.code === "postcode-municipality") {
      p.municipality = config.rules.labels.municipalities[p.municipality] || p.municipality;
      p.postcodes = p.postcodes.join(", ");
    }
    if (finding.code === "location-missing") p.format_label = config.rules.labels.formats[p.format] || p.format;
    if (Array.isArray(p.value)) p.value = p.value.join(", ");
    var template = config.messages[finding.code + variant] || config.messages[finding.code] || finding.code;
    return format(template, p).replace(/\s+/g, " ").trim();
  }

  // --- the file (same layout as "wegweiser new" and core/entry_file.py) ---
  var RESERVED = [
    /^(?:~|null|Null|NULL|<<|=)$/,
    /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$/,
    /^[-+]?0[xob]/i, /^[-+]?\.(?:inf|Inf|INF)$/, /^\.(?:nan|NaN|NAN)$/, /^\d{4}-\d\d?-\d\d?/
  ];
  var UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;
  function needsQuotes(s, flow) {
    if (s === "" || s !== s.trim() || UNPRINTABLE.test(s)) return true;
    if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) || /: |:$| #/.test(s)) return true;
    if (flow && /[,[\]{}]/.test(s)) return true;
    return RESERVED.some(function (re) { return re.test(s); });
  }
  function quote(s) {
    var ESC = { "\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\" };
    return '"' + s.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return ESC[c] || "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    }) + '"';
  }
  function yamlString(s, flow) {
    s = String(s);
    if (s.toWellFormed) s = s.toWellFormed(); // lone surrogates cannot be written to a file
    return needsQuotes(s, flow) ? quote(s) : s;
  }
  function yamlValue(prop, value) {
    if (Array.isArray(value)) return "[" + value.map(function (v) { return yamlString(v, true); }).join(", ") + "]";
    if (typeof value === "number") return String(value);
    if (prop.format === "date" && parseDate(String(value)) === value) return value;
    return yamlString(value, false);
  }
  function normaliseBody(body) {
    return String(body || "").replace(/\r\n?/g, "\n").replace(/^\n+|\s+$/g, "");
  }
  function renderFile(config, kind, values, body) {
    var props = config.kinds[kind].schema.properties;
    var lines = ["---"];
    Object.keys(props).forEach(function (name) {
      if (!isEmpty(values[name])) lines.push(name + ": " + yamlValue(props[name], values[name]));
    });
    lines.push("---");
    var text = lines.join("\n") + "\n", b = normaliseBody(body);
    return b ? text + "\n" + b + "\n" : text;
  }

  // --- the three routes ---
  function encodePath(path) { return path.split("/").map(encodeURIComponent).join("/"); }
  function pullRequestUrl(submit, folder, name, text, change) {
    if (!submit.repoUrl) return null;
    var repo = submit.repoUrl.replace(/\/+$/, ""), branch = encodePath(submit.branch);
    var gitlab = submit.repoHost === "gitlab", dash = gitlab ? "/-" : "";
    if (change) return repo + dash + "/edit/" + branch + "/" + encodePath(folder + "/" + name);
    var query = gitlab ? "?file_name=" + encodeURIComponent(name) + "&content=" + encodeURIComponent(text)
      : "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(text);
    return repo + dash + "/new/" + branch + "/" + encodePath(folder) + query;
  }
  function mailtoUrl(address, subject, body) { // RFC 6068: line breaks as %0D%0A
    return "mailto:" + address + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body.replace(/\r?\n/g, "\r\n"));
  }

  var UMLAUTS = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue" };
  function slugify(text, maxLength) { // core/entry_file.py slugify
    var s = String(text).replace(/[äöüßÄÖÜ]/g, function (c) { return UMLAUTS[c]; });
    s = s.normalize("NFKD").replace(/[^\u0000-\u007f]/g, "").toLowerCase();
    s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return s.slice(0, maxLength || 80).replace(/-+$/, "");
  }

  var api = {
    coerce: coerce, validate: validate, message: message, renderFile: renderFile, yamlString: yamlString,
    pullRequestUrl: pullRequestUrl, mailtoUrl: mailtoUrl, slugify: slugify, isEmpty: isEmpty
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.WegweiserSubmit = api;
})(this);
