/** SparklineProps: values in order; null values leave a gap. */
export interface SparklineProps {
  values: readonly (number | null)[];
  label: string;
  width?: number;
  height?: number;
}

type Point = readonly [x: number, y: number];

const PAD = 2;

function isValue(v: number | null): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Sparkline draws a tiny trend line as an SVG polyline (cheaper than a chart instance per
 * table row). The scale starts at zero so a flat low line reads as low, not as noise.
 */
export function Sparkline({ values, label, width = 96, height = 24 }: SparklineProps) {
  const max = Math.max(0, ...values.filter(isValue));
  const step = values.length > 1 ? (width - 2 * PAD) / (values.length - 1) : 0;
  const y = (v: number) => (max === 0 ? height - PAD : height - PAD - (v / max) * (height - 2 * PAD));

  const segments: Point[][] = [];
  let current: Point[] = [];
  values.forEach((v, i) => {
    if (isValue(v)) {
      current.push([PAD + i * step, y(v)]);
    } else if (current.length > 0) {
      segments.push(current);
      current = [];
    }
  });
  if (current.length > 0) segments.push(current);

  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {segments.map((points, i) => {
        const [first] = points;
        if (points.length === 1 && first) {
          return <circle key={i} cx={first[0]} cy={first[1]} r={1.5} className="sparkline__dot" />;
        }
        const attr = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
        return <polyline key={i} points={attr} className="sparkline__line" fill="none" />;
      })}
    </svg>
  );
}
