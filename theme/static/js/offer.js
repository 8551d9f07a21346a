/* Bildungswegweiser offer page: "Zurück zu den Ergebnissen" when the reader came from the search (with the
   same words and filters: the search keeps them in its address, the page's referrer), and "Teilen"
   (the Web Share API where there is one, else the address copied). Markup: theme/templates/offer.html. */
(function () {
  "use strict";
  var _ = window.WegweiserTexts ? window.WegweiserTexts._ : function (text) { return text; };  // texts.js
  var back = document.querySelector("[data-back]");
  var link = back && back.querySelector("a");
  if (link && document.referrer) {
    var search = new URL(link.getAttribute("href"), location.href);
    var from = new URL(document.referrer);
    if (from.origin === search.origin && from.pathname === search.pathname) {
      link.href = from.href;
      back.hidden = false;
      link.addEventListener("click", function (e) {
        // the results page as it was left (scrolled to the card), when it is the page before this one
        if (window.history.length > 1) {
          e.preventDefault();
          window.history.back();
        }
      });
    }
  }

  var share = document.querySelector("[data-share]");
  if (!share || !(navigator.share || (navigator.clipboard && window.isSecureContext))) return;
  var button = share.querySelector("button");
  var message = share.querySelector("[data-share-message]");
  share.hidden = false;
  button.addEventListener("click", function () {
    var title = document.querySelector("h1").textContent.trim();
    var url = location.href.split("#")[0];
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function () { /* cancelled: nothing to say */ });
      return;
    }
    navigator.clipboard.writeText(url).then(function () {
      message.textContent = _("Link kopiert.");
    }, function () {
      message.textContent = _("Der Link konnte nicht kopiert werden. Kopieren Sie die Adresse aus der Adresszeile.");
    });
  });
})();
