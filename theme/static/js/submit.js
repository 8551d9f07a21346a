/* Bildungswegweiser submission form (/mitmachen/): shows the form for a new offer or provider, or
   pre-filled for a change (?aendern=<offer id>, ?anbieter=<provider id>), checks it with
   submit-core.js, shows errors the GOV.UK way and builds the file with its three routes
   (pull request link, mailto:, download). The page itself sends nothing anywhere. */
(function () {
  "use strict";
  var root = document.querySelector("[data-submit]");
  var W = window.WegweiserSubmit;
  if (!root || !W || !window.fetch || !window.URLSearchParams) return;
  var base = root.getAttribute("data-base") || "";
  var statusBox = root.querySelector("[data-submit-status]");
  var result = root.querySelector("[data-result]");
  var pageTitle = document.title;
  var state = { config: null, form: null, kind: "offer", change: null, download: null };

  function text(name, params) {
    var t = root.getAttribute("data-text-" + name) || "";
    return t.replace(/\{(\w+)\}/g, function (_, key) { return params && key in params ? params[key] : ""; });
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function fields(form) { return Array.prototype.slice.call(form.querySelectorAll("[data-field]")); }
  function controls(wrapper) { return Array.prototype.slice.call(wrapper.querySelectorAll("input, select, textarea")); }

  // --- reading and filling the form ---
  function collect(form) {
    var raw = {};
    fields(form).forEach(function (wrapper) {
      var name = wrapper.getAttribute("data-field"), els = controls(wrapper), value;
      if (els[0] && els[0].type === "checkbox") {
        value = els.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
      } else if (els[0] && els[0].type === "radio") {
        var checked = els.filter(function (el) { return el.checked; })[0];
        value = checked ? checked.value : "";
      } else {
        value = els[0] ? els[0].value.replace(/\r\n?/g, "\n").trim() : "";
      }
      if (!W.isEmpty(value)) raw[name] = value;
    });
    return raw;
  }

  function fill(form, values, body) {
    fields(form).forEach(function (wrapper) {
      var name = wrapper.getAttribute("data-field"), els = controls(wrapper);
      var value = name === "body" ? body : values[name];
      if (value === undefined || value === null) return;
      if (els[0] && (els[0].type === "checkbox" || els[0].type === "radio")) {
        var chosen = Array.isArray(value) ? value.map(String) : [String(value)];
        els.forEach(function (el) { el.checked = chosen.indexOf(el.value) >= 0; });
      } else if (els[0]) {
        els[0].value = Array.isArray(value) ? value.join(", ") : String(value);
      }
    });
  }

  // --- errors, GOV.UK style: summary with links, message next to each field ---
  function describedBy(el, extra) {
    if (!el.hasAttribute("data-describedby")) el.setAttribute("data-describedby", el.getAttribute("aria-describedby") || "");
    var ids = (el.getAttribute("data-describedby") + " " + (extra || "")).trim();
    if (ids) el.setAttribute("aria-describedby", ids); else el.removeAttribute("aria-describedby");
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".ww-error-message"), function (el) { el.remove(); });
    fields(form).forEach(function (wrapper) {
      wrapper.classList.remove("ww-field--error");
      var target = wrapper.querySelector("fieldset") || controls(wrapper)[0];
      if (target) describedBy(target, "");
      controls(wrapper).forEach(function (el) { el.removeAttribute("aria-invalid"); });
    });
    var summary = form.querySelector("[data-error-summary]");
    summary.hidden = true;
    summary.querySelector("[data-error-list]").textContent = "";
    document.title = pageTitle;
  }

  function showErrors(form, findings) {
    var summary = form.querySelector("[data-error-summary]");
    var list = summary.querySelector("[data-error-list]");
    var byField = {};
    findings.forEach(function (f) { if (!byField[f.field]) byField[f.field] = f; });
    fields(form).forEach(function (wrapper) {
      var finding = byField[wrapper.getAttribute("data-field")];
      if (!finding) return;
      var msg = W.message(state.config, state.kind, finding);
      var errorId = wrapper.getAttribute("data-error-id");
      var p = document.createElement("p");
      p.className = "ww-error-message";
      p.id = errorId;
      var hidden = document.createElement("span");
      hidden.className = "ww-visually-hidden";
      hidden.textContent = text("error") + ": ";
      p.appendChild(hidden);
      p.appendChild(document.createTextNode(msg));
      var fieldset = wrapper.querySelector("fieldset");
      var anchor = (fieldset || wrapper).querySelector(".ww-hint") || (fieldset || wrapper).querySelector("legend, label");
      anchor.insertAdjacentElement("afterend", p);
      wrapper.classList.add("ww-field--error");
      describedBy(fieldset || controls(wrapper)[0], errorId);
      controls(wrapper).forEach(function (el) { if (!fieldset) el.setAttribute("aria-invalid", "true"); });
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + wrapper.getAttribute("data-focus");
      a.textContent = msg;
      li.appendChild(a);
      list.appendChild(li);
    });
    document.title = text("error") + ": " + pageTitle;
    summary.hidden = false;
    summary.focus();
  }

  function onSummaryClick(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    var wrapper = input.closest("[data-field]");
    var caption = wrapper && wrapper.querySelector("legend, label");
    input.focus({ preventScroll: true });
    (caption || input).scrollIntoView({ block: "start" });
  }

  // --- the result: file text and the three routes ---
  function showResult(fileText, values) {
    var cfg = state.config, spec = cfg.kinds[state.kind], submit = cfg.submit;
    var name = values.id + ".md", path = spec.folder + "/" + name;
    var label = values.title || values.name || values.id;
    state.form.hidden = true;
    result.hidden = false;
    result.querySelector("[data-result-path]").textContent = path;
    result.querySelector("[data-result-text]").textContent = fileText;
    result.querySelector("[data-copy-status]").textContent = "";
    Array.prototype.forEach.call(result.querySelectorAll("[data-route]"), function (item) {
      var route = item.getAttribute("data-route"), link = item.querySelector("[data-route-link]"), href = null;
      if (route === "email" && submit.email) {
        var subject = text("subject-" + state.kind + "-" + (state.change ? "change" : "new")) + ": " + label;
        href = W.mailtoUrl(submit.email, subject, text("mail", { path: path }) + "\n\n" + fileText);
      } else if (route === "pull-request") {
        href = W.pullRequestUrl(submit, spec.folder, name, fileText, !!state.change);
        Array.prototype.forEach.call(item.querySelectorAll("[data-route-mode]"), function (hint) {
          hint.hidden = hint.getAttribute("data-route-mode") !== (state.change ? "change" : "new");
        });
      } else if (route === "download") {
        if (state.download) URL.revokeObjectURL(state.download);
        state.download = URL.createObjectURL(new Blob([fileText], { type: "text/markdown;charset=utf-8" }));
        href = state.download;
        link.setAttribute("download", name);
      }
      item.hidden = !href || submit.routes.indexOf(route) < 0;
      if (href) link.href = href;
    });
    result.querySelector("h2").focus();
  }

  function copy() {
    var pre = result.querySelector("[data-result-text]"), status = result.querySelector("[data-copy-status]");
    function selectText() {
      var range = document.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      status.textContent = text("copy-failed");
    }
    if (!navigator.clipboard) { selectText(); return; }
    navigator.clipboard.writeText(pre.textContent).then(function () { status.textContent = text("copied"); }, selectText);
  }

  // --- start ---
  function onSubmit(event) {
    event.preventDefault();
    var form = state.form, raw = collect(form);
    var checked = W.validate(state.config, state.kind, raw, { isNew: !state.change });
    clearErrors(form);
    if (checked.findings.length) { showErrors(form, checked.findings); return; }
    showResult(W.renderFile(state.config, state.kind, checked.values, raw.body), checked.values);
  }

  function suggestId(form) { // a new entry's id from its title, until someone types one
    var id = form.querySelector("[data-field='id'] input");
    var title = form.querySelector("[data-field='title'] input, [data-field='name'] input");
    if (!id || !title) return;
    title.addEventListener("change", function () {
      if (!state.change && (!id.value || id.getAttribute("data-suggested") === id.value)) {
        id.value = W.slugify(title.value);
        id.setAttribute("data-suggested", id.value);
      }
    });
  }

  function open(kind, change) {
    state.kind = kind;
    state.change = change;
    var form = state.form = root.querySelector("form[data-kind='" + kind + "']");
    var reviewed = form.querySelector("[data-field='reviewed'] input");
    if (change) {
      fill(form, change.values, change.body);
      var id = form.querySelector("[data-field='id'] input");
      id.readOnly = true;
      var label = change.values.title || change.values.name || change.values.id;
      form.querySelector("[data-form-title]").textContent = text("change") + ": " + label;
      form.querySelector("[data-form-intro]").hidden = true;
      form.querySelector("[data-change-intro]").hidden = false;
      form.querySelector("[data-change-path]").textContent = state.config.kinds[kind].folder + "/" + change.values.id + ".md";
    }
    if (reviewed) reviewed.value = today(); // the provider confirms the entry as of today
    suggestId(form);
    form.addEventListener("submit", onSubmit);
    form.querySelector("[data-error-summary]").addEventListener("click", onSummaryClick);
    form.hidden = false;
    root.hidden = false;
  }

  // The prefill file of an entry: the 32-bit FNV-1a hash of its id (ASCII) modulo the number of
  // files, as core/submission.py prefill_group computes it.
  function prefillGroup(id, groups) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < id.length; i++) {
      hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
    }
    return (hash % groups).toString(16);
  }

  function start(config) {
    // the page's language: messages, type names and the fields' names from the page (German in the configuration)
    var own = document.getElementById("ww-formtexte");
    if (own) {
      var texts = JSON.parse(own.textContent);
      config.messages = texts.messages;
      config.typeNames = texts.typeNames;
      config.fields = texts.fields;
      config.body = texts.body;
      config.rules.labels.formats = texts.formats;
    }
    state.config = config;
    var params = new URLSearchParams(window.location.search);
    var wanted = null;
    Object.keys(config.kinds).forEach(function (kind) {
      var form = root.querySelector("form[data-kind='" + kind + "']");
      var id = form && params.get(form.getAttribute("data-prefill-param"));
      if (id && !wanted) wanted = { kind: kind, id: id };
    });
    var newKind = params.get("neu") === "anbieter" ? "provider" : "offer";
    if (!wanted || !/^[a-z0-9-]+$/.test(wanted.id)) { open(newKind, null); return null; }
    var kind = config.kinds[wanted.kind];
    var url = base + "/" + kind.prefill + prefillGroup(wanted.id, kind.prefillGroups) + ".json";
    return fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      var entry = data && Object.prototype.hasOwnProperty.call(data, wanted.id) ? data[wanted.id] : null;
      if (entry) { open(wanted.kind, entry); return; }
      statusBox.textContent = text("not-found", { id: wanted.id });
      statusBox.hidden = false;
      open(wanted.kind, null);
    });
  }

  result.querySelector("[data-copy]").addEventListener("click", copy);
  result.querySelector("[data-back]").addEventListener("click", function () {
    result.hidden = true;
    state.form.hidden = false;
    state.form.querySelector("[data-form-title]").focus();
  });
  fetch(root.getAttribute("data-config"))
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(start)
    .then(function () {
      document.documentElement.classList.add("ww-js");
      var nojs = document.querySelector("[data-nojs]");
      if (nojs) nojs.hidden = true;
    })
    .catch(function () { root.hidden = true; }); // the page still explains e-mail and pull request
})();
