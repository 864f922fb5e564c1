// The dashboard's charts: one SVG per series, drawn by hand (nothing downloaded), one point per second.
'use strict';
window.HoldfastCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';

  function svgElement(name, attributes) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    return element;
  }

  function niceMax(value) {
    if (value <= 1) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
    return 10 * power;
  }

  function chart(id, values, total, unit, maxValues) {
    const figure = document.getElementById(id);
    const svg = figure.querySelector('svg');
    const top = niceMax(Math.max(...values, ...(maxValues || [0])));
    const x = (i) => (i * 300) / Math.max(1, values.length - 1);
    const y = (v) => 80 - (v / top) * 72;
    const line = values.map((v, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1)).join(' ');
    svg.replaceChildren(
      svgElement('line', { class: 'axis', x1: 0, y1: 80, x2: 300, y2: 80 }),
      svgElement('line', { class: 'axis', x1: 0, y1: 8, x2: 300, y2: 8 }),
      svgElement('path', { class: 'area', d: line + ' L300 80 L0 80 Z' }),
      svgElement('path', { class: 'line', d: line }),
    );
    if (maxValues) {
      const max = maxValues.map((v, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1)).join(' ');
      svg.append(svgElement('path', { class: 'max', d: max }));
    }
    const label = (text, attributes) => {
      const t = svgElement('text', attributes);
      t.textContent = text;
      svg.append(t);
    };
    label(top + unit, { x: 2, y: 6 });
    label('−5 min', { x: 2, y: 89 });
    label('now', { x: 286, y: 89 });
    const last = values[values.length - 2] || 0;
    const peak = Math.max(...values);
    figure.dataset.total = total;
    figure.dataset.peak = peak;
    figure.querySelector('.legend').textContent =
      'now ' + format(last) + ' · peak ' + format(peak) + (maxValues ? '' : ' · 5 min ' + format(total));
  }

  function format(value) {
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }

  return { render: chart };
})();
