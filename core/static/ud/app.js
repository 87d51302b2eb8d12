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
