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

// A long list of orgs or employers (a district has ~300 unions, ~2,000 employers) is searched by
// typing part of a name (Tom Select, vendored); short lists stay plain selects.
const SEARCH_FROM = 30;
function searchSelects(root) {
  if (!window.TomSelect) return;
  root.querySelectorAll("select:not([multiple])").forEach((select) => {
    if (select.tomselect || select.options.length < SEARCH_FROM) return;
    new window.TomSelect(select, {
      allowEmptyOption: true, maxOptions: null, searchField: ["text"], sortField: [{ field: "$order" }],
      render: { no_results: () => '<div class="no-results">没有匹配的名称</div>' },
    });
  });
}

function enhance(root) {
  boxTables(root);
  searchSelects(root);
}
document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:afterSwap", (event) => enhance(event.target));
