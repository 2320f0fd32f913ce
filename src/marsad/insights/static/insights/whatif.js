// What-if sliders: each range moves its number box (which carries the value sent, so a value beyond the
// slider's range can be typed) and the other way round; moved indicators are marked.
// The form itself is sent by htmx (or by the Recompute button without JavaScript).
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!input.closest || !input.closest("#whatif-form")) return;
  const box = input.closest(".mi-slider");
  if (!box) return;
  const range = box.querySelector("input[type=range]");
  const number = box.querySelector("input[type=number]");
  if (input === range) number.value = range.value; else range.value = number.value;
  const moved = Math.abs(number.value - number.dataset.current) > number.dataset.step / 2;
  box.classList.toggle("changed", moved);
});
