// format.ts holds the display conventions for numbers and dates: en-GB grouping,
// "n/a" for anything the backend could not compute (PRODUCT.md §4.18).

/** NOT_AVAILABLE is shown wherever a figure is null or not a finite number. */
export const NOT_AVAILABLE = 'n/a';

const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimalFormats = new Map<number, Intl.NumberFormat>();

function decimalFormat(digits: number): Intl.NumberFormat {
  let f = decimalFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: digits });
    decimalFormats.set(digits, f);
  }
  return f;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** formatCount formats a whole number with thousands separators (1234 → "1,234"); null → "n/a". */
export function formatCount(value: number | null | undefined): string {
  return isNumber(value) ? integerFormat.format(value) : NOT_AVAILABLE;
}

/** formatDecimal formats with at most `digits` decimals (41.25, 1 → "41.3"); null → "n/a". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  return isNumber(value) ? decimalFormat(digits).format(value) : NOT_AVAILABLE;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * formatCivilDate turns a civil date "2026-11-20" into "20 Nov 2026". It never goes through
 * Date, so the viewer's time zone cannot shift the day. Anything else is returned as given.
 */
export function formatCivilDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const [, year, month, day] = m;
  const name = MONTHS[Number(month) - 1];
  if (!name || Number(day) < 1 || Number(day) > 31) return isoDate;
  return `${Number(day)} ${name} ${year}`;
}

/** formatWeekLabel shortens an ISO week "2026-W22" to "W22" for axis labels. */
export function formatWeekLabel(isoWeek: string): string {
  const m = /^\d{4}-(W\d{2})$/.exec(isoWeek);
  return m?.[1] ?? isoWeek;
}

const percentFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** formatPercent shows a ratio as a percentage with one decimal (0.4788 → "47.9%"); null → "n/a". */
export function formatPercent(ratio: number | null | undefined): string {
  return isNumber(ratio) ? `${percentFormat.format(ratio * 100)}%` : NOT_AVAILABLE;
}

/** formatSigned writes a whole number with its sign (11.07 → "+11", -3 → "−3", 0 → "0"); null → "n/a". */
export function formatSigned(value: number | null | undefined): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${integerFormat.format(rounded)}` : `−${integerFormat.format(-rounded)}`;
}

function civilParts(isoDate: string): [year: number, month: number, day: number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * civilDayNumber counts days since 1970-01-01 for a civil date (UTC arithmetic on the date
 * alone, so no time zone is involved); null for anything that is not "YYYY-MM-DD".
 */
export function civilDayNumber(isoDate: string): number | null {
  const parts = civilParts(isoDate);
  if (!parts) return null;
  const [y, mo, d] = parts;
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/** civilDateOf is the inverse of civilDayNumber: day 0 → "1970-01-01". */
export function civilDateOf(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** periodDays is the number of days from `from` to `to`, both included; null when either is not a date. */
export function periodDays(from: string, to: string): number | null {
  const a = civilDayNumber(from);
  const b = civilDayNumber(to);
  return a === null || b === null || b < a ? null : b - a + 1;
}

/**
 * formatCivilRange writes a period of civil dates: "23 Aug – 20 Nov 2026", with the first
 * year only when the years differ ("30 Dec 2026 – 3 Jan 2027"), one date when both are equal.
 */
export function formatCivilRange(from: string, to: string): string {
  const a = formatCivilDate(from);
  const b = formatCivilDate(to);
  if (from === to) return b;
  if (from.slice(0, 4) === to.slice(0, 4) && a !== from && a.endsWith(from.slice(0, 4))) {
    return `${a.slice(0, -5)} – ${b}`;
  }
  return `${a} – ${b}`;
}

/**
 * isoWeekDays is the Monday and Sunday of an ISO week "2026-W07" (civil dates); null for anything
 * else. Week 1 is the week holding the year's first Thursday (ISO 8601).
 */
export function isoWeekDays(isoWeek: string): { monday: string; sunday: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  // 4 January is always in week 1; its Monday starts week 1.
  const jan4 = Date.UTC(year, 0, 4) / 86_400_000;
  const jan4Weekday = (new Date(jan4 * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  const monday = jan4 - jan4Weekday + (week - 1) * 7;
  if (week === 53) {
    // Only years whose 28 December falls in week 53 have one.
    const dec28 = Date.UTC(year, 11, 28) / 86_400_000;
    if (monday > dec28) return null;
  }
  return { monday: civilDateOf(monday), sunday: civilDateOf(monday + 6) };
}

const fixedFormats = new Map<number, Intl.NumberFormat>();

/** formatFixed always shows `digits` decimals (4.036, 1 → "4.0"); null → "n/a". */
export function formatFixed(value: number | null | undefined, digits = 1): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  let f = fixedFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, f);
  }
  return f.format(value);
}
