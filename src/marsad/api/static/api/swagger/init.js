/* Start Swagger UI on the document named by the page (no inline script, so a strict CSP can apply). */
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
SwaggerUIBundle({
  url: settings.url,
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  persistAuthorization: false,
});
