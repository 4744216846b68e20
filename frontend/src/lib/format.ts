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
