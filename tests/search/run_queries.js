/* Runs queries against a built guide's search data in Node, as the search page does:
   node run_queries.js < {"site": "<output folder>", "queries": ["…"], "lang": "ar"}
   prints [{q, ids (ranked), all (every word matched), filters, missing}]. Without "lang" the German
   search runs; with it, that language's beside the German one (search-query.js: combine). */
"use strict";
const fs = require("fs");
const path = require("path");
const url_ = require("url");
const ROOT = path.resolve(__dirname, "..", "..");
const JS = path.join(ROOT, "theme", "static", "js");
const T = require(path.join(JS, "search-text.js"));
const Q = require(path.join(JS, "search-query.js"));
const L = require(path.join(JS, "search-language.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const dir = path.join(input.site, "suche", "daten");
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const prefix = input.lang ? input.lang + "-manifest-" : "manifest-";
const manifest = read(fs.readdirSync(dir).find((n) => n.startsWith(prefix)));
const indexes = {};
const loadIndex = (name) => Promise.resolve(indexes[name] || (indexes[name] = Q.prepare(read(name))));
const loadData = (name) => Promise.resolve(read(name));
const german = (m) => Q.create({ manifest: m, text: T, loadIndex, loadData });
const made = !manifest.german ? Promise.resolve(german(manifest))
  : L.load(manifest.text, url_.pathToFileURL(path.join(JS, "snowball")).href + "/").then((text) =>
    Q.combine(Q.create({ manifest, text, loadIndex, loadData }), german(read(manifest.german)), T));
// an offer's id from its result row's address (angebote/<id>/, catalog/card.py)
const url = manifest.card.indexOf("url");
const ids = [].concat(...manifest.store.map((name) => read(name).map((row) => row[url].replace(/\/$/, "").split("/").pop())));

(async () => {
  const engine = await made;
  const out = [];
  for (const q of input.queries) {
    const analysis = engine.analyse(q);
    const result = await engine.match(analysis.tokens);
    const tests = await engine.filterTests(analysis.filters);
    let docs = result ? engine.ranked(result) : (await engine.byAge(analysis.filters)) || ids.map((_, i) => i);
    docs = docs.filter((d) => tests.every((t) => t(d)));
    out.push({ q, ids: docs.map((d) => ids[d]), all: result ? result.all : true,
               filters: analysis.filters.map((f) => f.text), missing: result ? result.missing : [] });
  }
  process.stdout.write(JSON.stringify(out));
})();
