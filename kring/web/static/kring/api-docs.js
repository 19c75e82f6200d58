/* Starts the self-hosted Swagger UI on /api/v1/docs/ (kring/api/templates/api/docs.html).
   A static file, not an inline script, so Kring's Content-Security-Policy (script-src 'self')
   lets it run. What it needs comes from the data attributes of #swagger-ui. */
"use strict";

(function () {
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle === "undefined") {
    return;
  }
  var settings = JSON.parse(root.dataset.settings || "{}");
  var csrfHeader = root.dataset.csrfHeader;
  var csrfToken = root.dataset.csrfToken;

  // "Try it out" with the browser session: a write needs Django's CSRF token in its header.
  function requestInterceptor(request) {
    var method = (request.method || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && csrfHeader && csrfToken) {
      request.headers[csrfHeader] = csrfToken;
    }
    return request;
  }

  // Kring's header above says what Swagger UI's information block would say (with an <h1> of its
  // own, a second one on the page), so that block is left out; Swagger UI's <main> (the operations)
  // gets the <h2> between the page's <h1> and the <h3> of each group of operations.
  function kringLayout(system) {
    var React = system.React;
    return {
      wrapComponents: {
        InfoContainer: function () {
          return function () {
            return null;
          };
        },
        operations: function (Original) {
          return function (props) {
            return React.createElement(
              React.Fragment,
              null,
              React.createElement("h2", { className: "kring-api-docs__operations-title" }, root.dataset.operationsTitle),
              React.createElement(Original, props)
            );
          };
        }
      }
    };
  }

  // What Swagger UI leaves out when an operation opens: a name for each parameter's select and
  // keyboard access to the scrollable examples. Added to each new part of the page as it appears.
  function repair() {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").dataset.paramName);
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(repair).observe(root, { childList: true, subtree: true });

  window.ui = window.SwaggerUIBundle(Object.assign({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [kringLayout],
    layout: "BaseLayout",
    requestInterceptor: requestInterceptor
  }, settings));
})();
