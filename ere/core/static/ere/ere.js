// ERE Digitale: the little JavaScript the pages need. Everything works without it.

// Send Django's CSRF token with every htmx request.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});

document.addEventListener("DOMContentLoaded", () => {
  // The « Contenu » skip link moves the focus to the main content itself.
  const main = document.getElementById("content");
  if (main && !main.hasAttribute("tabindex")) {
    main.setAttribute("tabindex", "-1");
  }
  // On a phone, the catalogue filters start folded so that the results show first.
  if (window.matchMedia("(max-width: 767px)").matches) {
    document.querySelectorAll("details.ere-filters[open]").forEach((details) => details.removeAttribute("open"));
  }
});
