import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// chart.js with only the parts the planner draws (lines and bars on category axes), registered once
// per page, and the page's palette read from its CSS variables so charts match the rest.

export type Palette = {
  accent: string;
  occupied: string;
  free: string;
  muted: string;
  text: string;
  grid: string;
};

/** Registers the parts once (chart.js ignores repeats) and sets the page's language for tick numbers. */
export function registerCharts(lang: string): void {
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
  );
  Chart.register(Filler, Legend, Tooltip);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = palette().muted;
  Chart.defaults.locale = lang === 'en' ? 'en-GB' : lang;
}

export function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    accent: read('--accent', '#1d5fa8'),
    occupied: read('--occupied', '#c2410c'),
    free: read('--free', '#00795c'),
    muted: read('--muted', '#556070'),
    text: read('--text', '#1b2430'),
    grid: read('--border', '#dde2e8'),
  };
}

/** A chart in `box` (a sized container); no animation, so print and screenshots show it whole. */
export function drawChart<T extends ChartType>(
  box: HTMLElement,
  label: string,
  config: ChartConfiguration<T>,
): Chart<T> {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  box.replaceChildren(canvas);
  const options = (config.options ?? {}) as { plugins?: object };
  return new Chart(canvas, {
    ...config,
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      ...options,
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8, color: palette().text } },
        ...options.plugins,
      },
    },
  } as ChartConfiguration<T>);
}

/** A value axis starting at zero, titled, with whole-number ticks for counts. */
export function valueAxis(title: string, grid: string, options: { percent?: boolean; lang?: string } = {}) {
  const percent = options.percent
    ? new Intl.NumberFormat(options.lang, { style: 'percent', maximumFractionDigits: 0 })
    : undefined;
  return {
    beginAtZero: true,
    title: { display: true, text: title },
    grid: { color: grid },
    ticks: percent
      ? { callback: (value: string | number) => percent.format(Number(value)) }
      : { precision: 0 },
  };
}
