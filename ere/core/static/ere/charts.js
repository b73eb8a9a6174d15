// Draws the Plotly figures of a page: each <div data-figure="ID"> reads the JSON of <script id="ID">.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-figure]").forEach((element) => {
    const source = document.getElementById(element.dataset.figure);
    if (!source || typeof Plotly === "undefined") {
      return;
    }
    const figure = JSON.parse(source.textContent);
    Plotly.newPlot(element, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
    });
  });
});
