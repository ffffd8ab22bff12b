// The itest product's own element for its CustomView "itest-card": the card's cells as "name: value" rows.
// Served by the web bundle at /components/itest-demo/itest-card.js and imported when a view of it is drawn.
class ItestCard extends HTMLElement {
  set data(d) {
    this.cells = d || {};
    this.draw();
  }

  connectedCallback() {
    this.draw();
  }

  draw() {
    const list = document.createElement('ul');
    list.className = 'itest-card';
    for (const [name, c] of Object.entries(this.cells || {}).sort(([a], [b]) => a.localeCompare(b))) {
      const row = document.createElement('li');
      row.dataset.cell = name;
      row.textContent = `${name}: ${c && c.value != null ? c.value : ''}`;
      list.append(row);
    }
    this.replaceChildren(list);
  }
}

customElements.define('itest-card', ItestCard);
