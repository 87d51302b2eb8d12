// Small behaviours shared by every page; no inline script anywhere (CSP).
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle-node]");
  if (toggle) {
    const item = toggle.closest("li");
    item.classList.toggle("open");
    toggle.setAttribute("aria-expanded", item.classList.contains("open"));
  }
  const confirmable = event.target.closest("[data-confirm]");
  if (confirmable && !window.confirm(confirmable.dataset.confirm)) {
    event.preventDefault();
  }
});

// A list table wider than the page scrolls inside its own box, so the page keeps to the window.
function boxTables(root) {
  root.querySelectorAll("table.list").forEach((table) => {
    if (table.parentElement.classList.contains("table-scroll")) return;
    const box = document.createElement("div");
    box.className = "table-scroll";
    table.replaceWith(box);
    box.appendChild(table);
  });
}
document.addEventListener("DOMContentLoaded", () => boxTables(document));
document.addEventListener("htmx:afterSwap", (event) => boxTables(event.target));
