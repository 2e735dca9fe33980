// Small behaviours on top of server-rendered pages; everything also works without script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Announce a change to screen readers, in the page's language (texts come from the page).
  function meld(onderwerp, wat) {
    var live = document.getElementById("live-melding");
    if (live) { live.textContent = onderwerp + " " + (live.dataset[wat] || wat); }
  }

  // Focus the error summary (or the first invalid field) after a failed submit.
  function focusEersteFout() {
    var samenvatting = document.querySelector(".doorbraak-foutensamenvatting, #weigering");
    if (samenvatting) { samenvatting.focus(); return; }
    var veld = document.querySelector("[aria-invalid='true']");
    if (veld) { veld.focus(); }
  }

  // Warn before leaving a form with unsaved changes.
  function bewaakWijzigingen(form) {
    var gewijzigd = false;
    form.addEventListener("input", function () { gewijzigd = true; });
    form.addEventListener("change", function () { gewijzigd = true; });
    form.addEventListener("submit", function () { gewijzigd = false; });
    window.addEventListener("beforeunload", function (e) {
      if (gewijzigd) { e.preventDefault(); e.returnValue = ""; }
    });
    form.dataset.bewaakt = "ja";
    form.markeerGewijzigd = function () { gewijzigd = true; };
  }

  // Rows of a formset: the index of a new row comes from the management form.
  document.addEventListener("htmx:configRequest", function (e) {
    var knop = e.detail.elt;
    var soort = knop.getAttribute("data-rij-toevoegen");
    if (!soort) { return; }
    var totaal = document.getElementById("id_" + soort + "-TOTAL_FORMS");
    e.detail.parameters.index = totaal ? totaal.value : 0;
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var lijst = e.detail.target;
    var soort = lijst.getAttribute("data-formset");
    if (!soort) { return; }
    var totaal = document.getElementById("id_" + soort + "-TOTAL_FORMS");
    if (totaal) { totaal.value = String(parseInt(totaal.value, 10) + 1); }
    var rijen = lijst.querySelectorAll("[data-rij]");
    var nieuw = rijen[rijen.length - 1];
    var eerste = nieuw && nieuw.querySelector("input:not([type=hidden]), textarea, select");
    if (eerste) { eerste.focus(); }
    var form = lijst.closest("form");
    if (form && form.markeerGewijzigd) { form.markeerGewijzigd(); }
    if (nieuw) { meld(nieuw.querySelector("legend").textContent, "toegevoegd"); }
  });

  // Remove a row in place: existing rows are marked for deletion, new rows disappear.
  document.addEventListener("click", function (e) {
    var knop = e.target.closest("[data-rij-verwijderen]");
    if (!knop) { return; }
    var rij = knop.closest("[data-rij]");
    var legenda = rij.querySelector("legend").textContent;
    var vinkje = rij.querySelector("input[name$='-DELETE']");
    var idVeld = rij.querySelector("input[name$='-id']");
    if (vinkje && idVeld && idVeld.value) {
      vinkje.checked = true;
      rij.hidden = true;
    } else {
      rij.remove();
    }
    var form = knop.form || document.querySelector("form[data-waarschuw-bij-verlaten]");
    if (form && form.markeerGewijzigd) { form.markeerGewijzigd(); }
    var toevoegen = document.querySelector("[data-rij-toevoegen]");
    if (toevoegen) { toevoegen.focus(); }
    meld(legenda, "verwijderd");
  });

  // Confirm before a destructive action.
  document.addEventListener("submit", function (e) {
    var vraag = e.target.getAttribute("data-bevestig");
    if (vraag && !window.confirm(vraag)) { e.preventDefault(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-waarschuw-bij-verlaten]").forEach(bewaakWijzigingen);
    focusEersteFout();
  });
})();
