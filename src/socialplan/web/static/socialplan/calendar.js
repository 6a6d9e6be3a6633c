// Drag a post to another day of the calendar: POST the day to the post's move address, then
// reload. Direction does not matter (cells carry their dates), so it works right to left too.
(() => {
  "use strict";
  const grid = document.querySelector("[data-sp-calendar]");
  const status = document.getElementById("sp-calendar-status");
  if (!grid) return;
  let dragged = null;

  grid.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-move-url]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.post);
  });
  grid.addEventListener("dragend", () => {
    dragged = null;
    grid.querySelectorAll(".sp-drop").forEach((cell) => cell.classList.remove("sp-drop"));
  });
  grid.addEventListener("dragover", (event) => {
    const cell = event.target.closest("[data-day]");
    if (!dragged || !cell) return;
    event.preventDefault();
    grid.querySelectorAll(".sp-drop").forEach((c) => c !== cell && c.classList.remove("sp-drop"));
    cell.classList.add("sp-drop");
  });
  grid.addEventListener("drop", async (event) => {
    const cell = event.target.closest("[data-day]");
    if (!dragged || !cell) return;
    event.preventDefault();
    const body = new FormData();
    body.append("day", cell.dataset.day);
    const answer = await fetch(dragged.dataset.moveUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": grid.dataset.csrf },
    });
    if (answer.ok) {
      window.location.reload();
    } else if (status) {
      status.textContent = await answer.text();
    }
  });
})();
