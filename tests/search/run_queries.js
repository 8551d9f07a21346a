/* Runs queries against a built guide's search data in Node, as the search page does:
   node run_queries.js < {"site": "<output folder>", "queries": ["…"]}
   prints [{q, ids (ranked), all (every word matched), filters, missing}]. */
"use strict";
const fs = require("fs");
const path = require("path");
const ROOT = path.resolve(__dirname, "..", "..");
const T = require(path.join(ROOT, "theme", "static", "js", "search-text.js"));
const Q = require(path.join(ROOT, "theme", "static", "js", "search-query.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const dir = path.join(input.site, "suche", "daten");
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const manifest = read(fs.readdirSync(dir).find((n) => n.startsWith("manifest-")));
const indexes = {};
const loadIndex = (name) => Promise.resolve(indexes[name] || (indexes[name] = Q.prepare(read(name))));
const engine = Q.create({ manifest, text: T, loadIndex, loadData: (name) => Promise.resolve(read(name)) });
// an offer's id from its result row's address (angebote/<id>/, catalog/card.py)
const url = manifest.card.indexOf("url");
const ids = [].concat(...manifest.store.map((name) => read(name).map((row) => row[url].replace(/\/$/, "").split("/").pop())));

(async () => {
  const out = [];
  for (const q of input.queries) {
    const analysis = engine.analyse(q);
    const result = await engine.match(analysis.tokens);
    const tests = await engine.filterTests(analysis.filters);
    let docs = result ? engine.ranked(result) : ids.map((_, i) => i);
    docs = docs.filter((d) => tests.every((t) => t(d)));
    out.push({ q, ids: docs.map((d) => ids[d]), all: result ? result.all : true,
               filters: analysis.filters.map((f) => f.text), missing: result ? result.missing : [] });
  }
  process.stdout.write(JSON.stringify(out));
})();
