/* The interface texts of the scripts in the page's language (plugins/wegweiser/i18n/script_texts.py).
   German pages carry none: the German texts are the message ids. Loaded before the other scripts. */
(function () {
  "use strict";
  var data = null;
  var node = document.getElementById("ww-texte");
  if (node) {
    try { data = JSON.parse(node.textContent); } catch (e) { data = null; }
  }
  var texts = (data && data.texts) || {};
  var rules = null;
  if (data && window.Intl && Intl.PluralRules) {
    try { rules = new Intl.PluralRules(data.lang); } catch (e) { rules = null; }
  }

  // %(name)s in a text -> values[name]
  function format(text, values) {
    if (!values) return text;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function gettext(message, values) {
    var text = typeof texts[message] === "string" ? texts[message] : message;
    return format(text, values);
  }

  // The form for n: the catalog's form for n's CLDR category (German: singular for 1).
  function ngettext(singular, plural, n, values) {
    var forms = texts[singular];
    var text;
    if (Array.isArray(forms) && rules) {
      var index = data.plural[rules.select(n)];
      text = forms[index === undefined ? forms.length - 1 : index];
    } else {
      text = n === 1 ? singular : plural;
    }
    values = values || {};
    if (values.num === undefined) values.num = n;
    return format(text, values);
  }

  window.WegweiserTexts = { _: gettext, ngettext: ngettext, format: format, lang: data ? data.lang : "de" };
})();
