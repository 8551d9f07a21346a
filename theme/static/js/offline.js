/* Offline use (on every page): registers the guide's service worker (sw.js at the site's root, written by
   the build: plugins/wegweiser/outputs/service_worker.js), offers to reload when a new build is published,
   and on the offline page lists the offers opened before. The banner's texts come with the script's element,
   in the page's language. Without service workers (or with them blocked)
   nothing happens and the guide works as it does without this script. Stores nothing itself. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches || !window.URL) return;
  var root = new URL("../../", script.src).href;  // this script is <root>theme/js/offline.js
  var reloading = false;

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function banner(registration) {
    if (document.querySelector("[data-update]")) return;
    var box = element("div", "ww-update");
    box.setAttribute("data-update", "");
    box.setAttribute("role", "status");
    var inner = element("div", "ww-width ww-update__inner");
    var button = element("button", "ww-button ww-update__button", script.getAttribute("data-update-button"));
    button.type = "button";
    button.addEventListener("click", function () {
      reloading = true;
      button.disabled = true;
      if (registration.waiting) registration.waiting.postMessage("aktivieren");
      else window.location.reload();
    });
    inner.appendChild(element("p", "ww-update__text", script.getAttribute("data-update-text")));
    inner.appendChild(button);
    var header = document.querySelector("body > header");
    document.body.insertBefore(box, header ? header.nextSibling : document.body.firstChild);
    // filled once in the page, so that screen readers announce the live region's content
    window.setTimeout(function () { box.appendChild(inner); }, 100);
  }

  // A waiting worker is a new build only when its script is the one already active: registering from a
  // page in another language names another script (sw.js?sprache=…), which keeps that language's pages
  // and is taken at once, without saying that a new version is out.
  function ready(registration, worker) {
    if (!navigator.serviceWorker.controller) return;
    var active = registration.active;
    if (active && active.scriptURL !== worker.scriptURL) worker.postMessage("aktivieren");
    else banner(registration);
  }

  function watch(registration) {
    if (registration.waiting) ready(registration, registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed") ready(registration, worker);
      });
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (reloading) window.location.reload();
  });

  function register() {
    var language = document.documentElement.getAttribute("lang") || "";
    navigator.serviceWorker.register(root + "sw.js?sprache=" + encodeURIComponent(language), { scope: root })
      .then(function (registration) { if (registration) watch(registration); },
            function () { /* not allowed here: the guide works without */ });  // blocked: no registration
  }

  // The offline page: the offers opened before, from the service worker's copies (nothing else is kept).
  function listVisited(section) {
    var list = section.querySelector("[data-offline-list]");
    var offers = new URL(section.getAttribute("data-offers"), window.location.href).href;
    var pattern = /^[^/?#]+\/$/;  // <offers folder><id>/
    caches.open("ww-besucht:" + root).then(function (cache) {
      return cache.keys().then(function (keys) {
        var mine = keys.map(function (request) { return request.url; }).filter(function (url) {
          return url.indexOf(offers) === 0 && pattern.test(url.slice(offers.length));
        }).reverse().slice(0, 50);
        return Promise.all(mine.map(function (url) {
          return cache.match(url).then(function (response) { return response.text(); }).then(function (html) {
            var heading = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
            return { url: url, title: heading ? heading.textContent.trim() : url };
          });
        }));
      });
    }).then(function (found) {
      found.forEach(function (offer) {
        var link = element("a", "", offer.title);
        link.href = offer.url;
        list.appendChild(element("li")).appendChild(link);
      });
      section.querySelector(found.length ? "[data-offline-some]" : "[data-offline-none]").hidden = false;
      section.hidden = false;
    })["catch"](function () { /* no copies to read: the section stays hidden */ });
  }

  var visitedSection = document.querySelector("[data-offline-visited]");
  if (visitedSection) listVisited(visitedSection);
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
}());
