// A file of its own: the gateway's Content-Security-Policy allows no inline scripts.
window.ui = SwaggerUIBundle({url: "/v3/api-docs", dom_id: "#swagger-ui"});
