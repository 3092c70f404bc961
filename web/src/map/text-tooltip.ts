// Leaflet writes a string tooltip as HTML. Names and labels come from data (a city pack's
// area names, translated counts): given as an element holding text, they are shown as text.
export function textTooltip(text: string): HTMLElement {
  const element = document.createElement('span');
  element.textContent = text;
  return element;
}
