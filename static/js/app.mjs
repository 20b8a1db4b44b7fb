import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// Progressive enhancement: sections marked data-app-show-when="name=value" show only
// while that radio is chosen. Without JavaScript every section stays visible.
function showWhen() {
  const sections = document.querySelectorAll("[data-app-show-when]");
  if (!sections.length) return;
  const update = () => {
    sections.forEach((section) => {
      const [name, value] = section.dataset.appShowWhen.split("=");
      const chosen = document.querySelector(`input[name="${name}"]:checked`);
      section.hidden = !chosen || chosen.value !== value;
    });
  };
  document.addEventListener("change", (event) => {
    if (event.target.matches("input[type=radio]")) update();
  });
  update();
}

showWhen();
