/* Small behaviours of the pages, bound here rather than in inline handlers: the Content
   Security Policy allows scripts from our own files only. */
(function () {
  "use strict";

  document.addEventListener("click", function (e) {
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;

    if (target.closest("[data-print]")) {
      window.print();
      return;
    }
    if (target.closest("[data-back]")) {
      e.preventDefault();
      window.history.back();
      return;
    }
    // A client picked among the suggestions of the client picker (sales forms).
    var pick = target.closest(".pick-client[data-field]");
    if (pick) {
      var field = document.getElementById(pick.dataset.field);
      var search = document.getElementById(pick.dataset.field + "_search");
      if (field) field.value = pick.dataset.pk;
      if (search) search.value = pick.dataset.name;
      var box = pick.closest(".suggestions-box");
      if (box) box.innerHTML = "";
      return;
    }
    // An HS code picked among the suggestions of the product form.
    var hs = target.closest("[data-hs-code]");
    if (hs) {
      var code = document.getElementById("id_hs_code");
      if (!code) return;
      e.preventDefault();
      code.value = hs.dataset.hsCode;
      var list = document.getElementById("hs-suggestions");
      if (list) list.innerHTML = "";
    }
  });

  // A form that asks before doing something that cannot be undone.
  document.addEventListener("submit", function (e) {
    var form = e.target instanceof HTMLFormElement ? e.target : null;
    if (form && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  });
})();
