/* Printing a page (the case page): the "Afdrukken" button, and what the paper needs.
   - [data-kring-print] buttons are hidden until this script runs; a click opens the print dialog.
   - Before printing, [data-kring-print-time] shows the time of printing (the page may have been
     open for a while), and every <details> without a form opens, so the paper shows its content;
     after printing they close again. Forms and buttons are left out by the print style sheet. */
"use strict";

(function () {
  document.querySelectorAll("[data-kring-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  var opened = [];
  var format = new Intl.DateTimeFormat(document.documentElement.lang || "nl", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit"
  });

  window.addEventListener("beforeprint", function () {
    var now = new Date();
    document.querySelectorAll("[data-kring-print-time]").forEach(function (time) {
      time.dateTime = now.toISOString();
      time.textContent = format.format(now);
    });
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      if (!details.querySelector("form")) {
        details.open = true;
        opened.push(details);
      }
    });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
