import type { ChartOption } from '../../components/chart.tsx';

export const COLOURS = {
  red: '#b91c1c',
  amber: '#d97706',
  green: '#047857',
  slate: '#94a3b8',
  blue: '#2563eb',
};

/** Horizontal stacked bars: one bar per category, one coloured segment per series, a legend on top. */
export function stackedBarOption(
  categories: string[],
  series: { name: string; values: number[]; colour: string }[],
): ChartOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...categories].reverse() },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      data: [...s.values].reverse(),
      itemStyle: { color: s.colour },
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
    })),
  };
}

/** A ring of parts of a whole, with the parts named in the legend. */
export function ringOption(parts: { name: string; value: number; colour: string }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: parts
          .filter((p) => p.value > 0)
          .map((p) => ({ name: p.name, value: p.value, itemStyle: { color: p.colour } })),
      },
    ],
  };
}
