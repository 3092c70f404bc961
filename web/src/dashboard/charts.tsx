// The dashboard's charts (Recharts, loaded with the first chart rather than with the page).
// Each carries a title and a description for screen readers, and the table beside it says the
// same in rows and columns; values are written on the bars, and the two lines of the series
// differ in dash as well as in colour.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useNarrow } from './narrow';

const BLUE = '#0b5cad';
const GREEN = '#1b6e35';
const AXIS_TICK = { fontSize: 13, fill: '#333' };

export interface BarDatum {
  name: string;
  value: number | null;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function BreakdownChart({
  data,
  title,
  desc,
  seriesName,
  format,
}: {
  data: BarDatum[];
  title: string;
  desc: string;
  seriesName: string;
  format: (value: number) => string;
}) {
  const narrow = useNarrow();
  // a bar's room, whatever the number of groups
  const height = Math.max(140, data.length * 34 + 48);
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height }}
      title={title}
      desc={desc}
      margin={{ top: 4, right: 56, bottom: 4, left: 4 }}
    >
      <CartesianGrid horizontal={false} stroke="#d5d9de" />
      <XAxis type="number" tick={AXIS_TICK} tickFormatter={(value: number) => format(value)} allowDecimals={false} />
      <YAxis
        type="category"
        dataKey="name"
        width="auto"
        tick={AXIS_TICK}
        tickFormatter={(name: string) => shorten(name, narrow ? 16 : 32)}
      />
      <Tooltip formatter={(value) => (typeof value === 'number' ? format(value) : '—')} />
      <Bar dataKey="value" name={seriesName} fill={BLUE} isAnimationActive={false}>
        <LabelList
          dataKey="value"
          position="right"
          style={{ fontSize: 13, fill: '#1a1a1a' }}
          formatter={(value) => (typeof value === 'number' ? format(value) : '—')}
        />
      </Bar>
    </BarChart>
  );
}

export interface SeriesDatum {
  label: string;
  received: number;
  resolved: number;
}

export function SeriesChart({
  data,
  title,
  desc,
  names,
  format,
}: {
  data: SeriesDatum[];
  title: string;
  desc: string;
  names: { received: string; resolved: string };
  format: (value: number) => string;
}) {
  return (
    <LineChart
      data={data}
      responsive
      style={{ width: '100%', height: 280 }}
      title={title}
      desc={desc}
      margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
    >
      <CartesianGrid stroke="#d5d9de" />
      <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
      <YAxis width="auto" tick={AXIS_TICK} allowDecimals={false} tickFormatter={(value: number) => format(value)} />
      {/* received before resolved in every language: "received" sorts before "resolved" */}
      <Tooltip itemSorter="dataKey" formatter={(value) => (typeof value === 'number' ? format(value) : '—')} />
      <Legend itemSorter="dataKey" />
      <Line
        type="monotone"
        dataKey="received"
        name={names.received}
        stroke={BLUE}
        strokeWidth={2.5}
        dot={data.length <= 40}
        legendType="plainline"
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="resolved"
        name={names.resolved}
        stroke={GREEN}
        strokeWidth={2.5}
        strokeDasharray="7 4"
        dot={data.length <= 40}
        legendType="plainline"
        isAnimationActive={false}
      />
    </LineChart>
  );
}
