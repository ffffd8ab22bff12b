// Time-series chart (Apache ECharts from its WebJar, loaded on first use), with an optional forecast band.
import { html } from 'lit';
import { LightElement } from './base.js';
import { number, compact, timestamp, date } from './format.js';

let echartsModule;
function loadECharts() {
  echartsModule ??= import('echarts');
  return echartsModule;
}

const PALETTE = ['#3b5bdb', '#0ca678', '#f08c00', '#7048e8', '#1098ad', '#d6336c', '#5c940d', '#e8590c'];
const TONES = [
  [/fail|error|critical|undeliver|drop|missed/i, '#e03131'],
  [/reject|expire|warn|timeout|busy/i, '#f08c00'],
  [/pend|queue|progress|info/i, '#868e96'],
  [/deliver|success|succeed|ok\b|complete|answer|sent|read/i, '#2f9e44'],
];

/** A colour per series: status-like names get their status colour, the rest the calm palette. */
function colours(names) {
  let next = 0;
  return names.map((n) => {
    const tone = TONES.find(([re]) => re.test(n));
    return tone ? tone[1] : PALETTE[next++ % PALETTE.length];
  });
}

function points(list) {
  return (list || []).map(([at, v]) => [new Date(at).getTime(), Number(v)]);
}

/** The ECharts option for a timeseries view, exactly as the server sends it. */
export function chartOption(view) {
  const series = view.series || [];
  const names = series.map((s) => s.name);
  const cs = colours(names);
  const unit = view.unit || '';
  const spanDays = (() => {
    const all = series.flatMap((s) => s.points || []);
    if (all.length < 2) return 1;
    const t = all.map((p) => new Date(p[0]).getTime());
    return (Math.max(...t) - Math.min(...t)) / 86400000;
  })();
  const out = series.map((s, i) => ({
    name: s.name,
    type: 'line',
    showSymbol: (s.points || []).length <= 2,
    symbolSize: 5,
    smooth: 0.15,
    lineStyle: { width: 2 },
    color: cs[i],
    areaStyle: series.length === 1 ? { opacity: 0.08 } : undefined,
    emphasis: { focus: 'series' },
    data: points(s.points),
  }));
  if (view.forecast && (view.forecast.points || []).length) {
    const fp = view.forecast.points;
    const lower = fp.map(([at, , lo]) => [new Date(at).getTime(), Number(lo)]);
    const band = fp.map(([at, , lo, hi]) => [new Date(at).getTime(), Number(hi) - Number(lo)]);
    const expected = fp.map(([at, e]) => [new Date(at).getTime(), Number(e)]);
    const fname = view.forecast.name || 'Forecast';
    out.push(
      { name: `${fname} (range)`, type: 'line', stack: 'forecast-band', data: lower, lineStyle: { opacity: 0 },
        showSymbol: false, silent: true, tooltip: { show: false }, color: '#91a7ff', legendHoverLink: false },
      { name: `${fname} (range)`, type: 'line', stack: 'forecast-band', data: band, lineStyle: { opacity: 0 },
        showSymbol: false, silent: true, areaStyle: { color: 'rgba(116, 143, 252, 0.18)' }, color: '#91a7ff',
        tooltip: { show: false } },
      { name: fname, type: 'line', data: expected, showSymbol: false, color: '#748ffc',
        lineStyle: { type: 'dashed', width: 2 } },
    );
  }
  return {
    animationDuration: 400,
    aria: { enabled: true },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: {
      type: 'scroll', top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 4,
      textStyle: { color: '#4a5468', fontSize: 12 },
      data: [...new Set(out.map((s) => s.name))],
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: '#ffffff',
      borderColor: '#e3e6ec',
      textStyle: { color: '#1d2433', fontSize: 12 },
      formatter: (items) => tooltip(items, unit, spanDays),
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: '#d0d5dd' } },
      axisLabel: { color: '#667085', hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: '#667085', formatter: (v) => compact(v) },
      splitLine: { lineStyle: { color: '#eef0f4' } },
    },
    series: out,
  };
}

/** Tooltip built as DOM nodes (the page's policy allows no inline style attributes). */
function tooltip(items, unit, spanDays) {
  const list = Array.isArray(items) ? items : [items];
  const root = document.createElement('div');
  root.className = 'chart-tip';
  if (list.length) {
    const head = document.createElement('div');
    head.className = 'chart-tip-head';
    const t = list[0].value?.[0];
    head.textContent = spanDays > 2 ? date(t) : timestamp(t);
    root.append(head);
  }
  for (const it of list) {
    if (it.seriesName?.endsWith('(range)')) continue;
    const row = document.createElement('div');
    row.className = 'chart-tip-row';
    const dot = document.createElement('span');
    dot.className = 'chart-tip-dot';
    dot.style.background = it.color;
    const name = document.createElement('span');
    name.textContent = it.seriesName;
    const val = document.createElement('strong');
    val.textContent = number(it.value?.[1], unit === '%' ? '%' : '');
    row.append(dot, name, val);
    root.append(row);
  }
  return root;
}

export class Chart extends LightElement {
  static properties = { view: { attribute: false }, label: {} };

  async updated() {
    const host = this.querySelector('.chart-canvas');
    if (!host || !this.view) return;
    try {
      const echarts = await loadECharts();
      if (!this.isConnected) return;
      if (!this.chart || this.chart.isDisposed()) {
        this.chart = echarts.init(host, null, { renderer: 'canvas' });
        this.resizer = new ResizeObserver(() => this.chart?.resize());
        this.resizer.observe(host);
      }
      this.chart.setOption(chartOption(this.view), true);
      this.dataset.drawn = 'true';
    } catch (e) {
      this.failed = true;
      host.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'muted', textContent: 'The chart could not be drawn.',
      }));
    }
  }

  disconnectedCallback() {
    this.resizer?.disconnect();
    this.chart?.dispose();
    this.chart = null;
    super.disconnectedCallback();
  }

  render() {
    const names = (this.view?.series || []).map((s) => s.name).join(', ');
    const empty = !(this.view?.series || []).some((s) => (s.points || []).length);
    if (empty) {
      return html`<div class="chart-empty">No data in this period.</div>`;
    }
    return html`<div class="chart-canvas" role="img"
      aria-label=${`${this.label || 'Chart'}: ${names}${this.view?.forecast ? ', with forecast' : ''}`}></div>`;
  }
}
customElements.define('sl-chart', Chart);
