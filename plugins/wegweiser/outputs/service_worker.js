/* The guide's service worker: the guide keeps working without a connection after one visit.
   The build writes it to the site's root as sw.js, after PRECACHE (wegweiser/outputs/offline.py):
   {version, default, relative, shell: [path], named: [folder], languages: {code: {pages, offline, data, later}}},
   paths relative to the site's root, which is this worker's scope (also below a sub-path).

   - Kept ahead of a visit ("vorrat"): the shell and the pages and search data of the language the page
     that registered the worker names (sw.js?sprache=de); search data not when the browser asks to save data.
   - Pages and files opened: stale-while-revalidate ("besucht"); a page kept by an earlier build is fetched
     first and shown from the cache only without a connection. Images the same way ("bilder"), but not kept
     when the browser asks to save data. Search data (content-addressed): from the cache once kept.
   - A page neither kept nor reachable: the offline page.
   - A new build installs a new worker, which waits until the page's banner asks it to take over
     ("aktivieren", theme/static/js/offline.js).
   Nothing is stored but these copies of the site's own files. */
"use strict";

var SCOPE = self.registration.scope;
var VERSION = PRECACHE.version;
var KEEP = "ww-vorrat:" + SCOPE + ":" + VERSION;  // caches are shared by all guides of one host: named by scope
var SEEN = "ww-besucht:" + SCOPE;
var IMAGES = "ww-bilder:" + SCOPE;
var DATA = "ww-suchdaten:" + SCOPE;
var STAMP = "X-Wegweiser-Fassung";  // the build a page in SEEN was fetched from
var LIMITS = {};
LIMITS[SEEN] = 300;
LIMITS[IMAGES] = 100;
LIMITS[DATA] = 600;

function absolute(path) { return new URL(path, SCOPE).href; }

function language() {
  var wanted = new URL(self.location.href).searchParams.get("sprache");
  return PRECACHE.languages[wanted] ? wanted : PRECACHE["default"];
}

function savingData() {
  return Boolean(self.navigator.connection && self.navigator.connection.saveData);
}

function keep(cache, path, named) {
  var url = absolute(path);
  // a content-addressed file kept by an earlier build (or a search) is not downloaded again
  return (named ? caches.match(url) : Promise.resolve(null)).then(function (found) {
    if (found) return cache.put(url, found);
    return fetch(new Request(url, { cache: "no-cache" })).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return cache.put(url, response);
    });
  });
}

self.addEventListener("install", function (event) {
  var own = PRECACHE.languages[language()] || { pages: [], data: [] };
  event.waitUntil(caches.open(KEEP).then(function (cache) {
    var jobs = PRECACHE.shell.concat(own.pages).map(function (path) { return keep(cache, path, false); });
    if (!savingData()) jobs = jobs.concat(own.data.map(function (path) { return keep(cache, path, true); }));
    return Promise.all(jobs);
  }));
});

// The caches of earlier builds go, and the search data kept on use that this build no longer has.
self.addEventListener("activate", function (event) {
  var mine = "ww-vorrat:" + SCOPE + ":";
  var current = {};
  Object.keys(PRECACHE.languages).forEach(function (code) {
    var own = PRECACHE.languages[code];
    own.data.concat(own.later).forEach(function (path) { current[absolute(path)] = true; });
  });
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(mine) === 0 && name !== KEEP; })
      .map(function (name) { return caches["delete"](name); }));
  }).then(function () {
    return caches.open(DATA).then(function (cache) {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.filter(function (key) { return !current[key.url]; })
          .map(function (key) { return cache["delete"](key); }));
      });
    });
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "aktivieren") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  var url = new URL(request.url);
  if (request.mode === "navigate") return answer(event, page(event, url));
  if (request.destination === "image") return answer(event, visited(event, IMAGES, savingData()));
  if (PRECACHE.named.some(function (folder) { return url.href.indexOf(absolute(folder)) === 0; })) {
    return answer(event, kept(request.url).then(function (found) { return found || named(event); }));
  }
  answer(event, kept(request.url).then(function (found) { return found || visited(event, SEEN, false); }));
});

function answer(event, response) { event.respondWith(response); }

function kept(url) {
  return caches.open(KEEP).then(function (cache) { return cache.match(url); });
}

function page(event, url) {
  var bare = new URL(url.href);
  bare.search = "";
  bare.hash = "";
  if (/\/index\.html$/.test(bare.pathname)) bare.pathname = bare.pathname.slice(0, -"index.html".length);
  return kept(bare.href).then(function (found) { return found || visited(event, SEEN, false, true); });
}

// Stale-while-revalidate: a copy of this build at once (and a fresh one into the cache), else the network,
// else an older copy, else (for a page) the offline page.
function visited(event, name, readOnly, isPage) {
  var request = event.request;
  var copy = caches.open(name).then(function (cache) { return cache.match(request); });
  var fresh = fetch(request);
  fresh["catch"](function () { return null; });  // without a connection: answered below
  if (!readOnly) {
    event.waitUntil(fresh.then(function (response) {
      if (!response.ok || response.type !== "basic") return null;
      // pages only as HTML: a download (the open data's CSV, a calendar) is not kept
      if (isPage && !/^text\/html/.test(response.headers.get("Content-Type") || "")) return null;
      return stamped(response.clone()).then(function (stamp) {
        return caches.open(name).then(function (cache) { return cache.put(request, stamp); });
      }).then(function () { return trim(name); });
    })["catch"](function () { return null; }));
  }
  return copy.then(function (found) {
    if (found && found.headers.get(STAMP) === VERSION) return found;
    return fresh["catch"](function (error) {
      if (found) return found;
      if (isPage) return offline(request.url);
      throw error;
    });
  });
}

// Search data: its names change with its content, so a kept copy is never stale.
function named(event) {
  return caches.open(DATA).then(function (cache) {
    return cache.match(event.request).then(function (found) {
      if (found) return found;
      return fetch(event.request).then(function (response) {
        if (response.ok && response.type === "basic") {
          event.waitUntil(cache.put(event.request, response.clone()).then(function () { return trim(DATA); }));
        }
        return response;
      });
    });
  });
}

function stamped(response) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(STAMP, VERSION);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

function trim(name) {
  return caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      var over = keys.length - LIMITS[name];
      return Promise.all(keys.slice(0, Math.max(over, 0)).map(function (key) { return cache["delete"](key); }));
    });
  });
}

// The offline page of the language whose pages the address lies in; with relative links (RELATIVE_URLS)
// it only works at its own address, so the browser is sent there.
function offline(address) {
  var best = PRECACHE.languages[PRECACHE["default"]];
  Object.keys(PRECACHE.languages).forEach(function (code) {
    var own = PRECACHE.languages[code];
    if (address.indexOf(absolute(own.pages[0])) === 0 && own.pages[0].length > best.pages[0].length) best = own;
  });
  if (!best) return Response.error();
  var url = absolute(best.offline);
  if (PRECACHE.relative) return Response.redirect(url, 302);
  return kept(url).then(function (found) { return found || Response.error(); });
}
