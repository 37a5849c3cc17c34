// Starts Swagger UI on the API docs page. A file of our own rather than an inline script, so the page's
// Content-Security-Policy can allow scripts from this server only.
window.addEventListener("load", function () {
  var page = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: page.dataset.spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    oauth2RedirectUrl: window.location.origin + page.dataset.redirect,
  });
  // "Authorize" signs in with the authorization-code flow and PKCE, as every client of this API does.
  window.ui.initOAuth({
    clientId: page.dataset.client,
    scopes: "api",
    usePkceWithAuthorizationCodeGrant: true,
  });
});
