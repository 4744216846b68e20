import { describe, expect, it } from 'vitest';
import { decodeProgress, newProgressToken, progressPercent, progressText, progressValueText, type ImportProgress } from './progress';

const reading = (rowsRead: number, rowsTotal = 0, sheet = '', itemsStored = 0): ImportProgress => ({
  file: 'portfolio.xlsx',
  sheet,
  stage: 'reading',
  rowsRead,
  rowsTotal,
  itemsStored,
});

describe('decodeProgress', () => {
  it('reads the answer, and null when nothing is known or the answer is not one', () => {
    expect(decodeProgress({ progress: { file: 'Zoë.csv', sheet: '', stage: 'reading', rowsRead: 5000, rowsTotal: 28205, itemsStored: 1024 } })).toEqual({
      file: 'Zoë.csv',
      sheet: '',
      stage: 'reading',
      rowsRead: 5000,
      rowsTotal: 28205,
      itemsStored: 1024,
    });
    expect(decodeProgress({ progress: { stage: 'uploading' } })).toEqual({ file: '', sheet: '', stage: 'uploading', rowsRead: 0, rowsTotal: 0, itemsStored: 0 });
    expect(decodeProgress({ progress: { stage: 'reading', rowsRead: -3, rowsTotal: 'lots', itemsStored: null } })).toMatchObject({ rowsRead: 0, rowsTotal: 0, itemsStored: 0 });
    expect(decodeProgress({ progress: null })).toBeNull();
    expect(decodeProgress({ progress: { stage: 'sleeping' } })).toBeNull();
    expect(decodeProgress(null)).toBeNull();
    expect(decodeProgress('{}')).toBeNull();
  });
});

describe('progressText', () => {
  it('says which file, which sheet and how many rows', () => {
    expect(progressText(null, 'portfolio.xlsx')).toBe('Opening portfolio.xlsx…');
    expect(progressText({ ...reading(0), file: '', stage: 'uploading' }, 'portfolio.xlsx')).toBe('Opening portfolio.xlsx…');
    expect(progressText(reading(0), 'x')).toBe('Opening portfolio.xlsx…');
    expect(progressText(reading(120000), 'x')).toBe('Reading portfolio.xlsx — 120,000 rows');
    expect(progressText(reading(1), 'x')).toBe('Reading portfolio.xlsx — 1 row');
    expect(progressText(reading(120000, 200000, 'Items'), 'x')).toBe('Reading portfolio.xlsx (sheet Items) — 120,000 of about 200,000 rows');
    expect(progressText(reading(120000, 200000, 'Items', 116736), 'x')).toBe(
      'Reading portfolio.xlsx (sheet Items) — 120,000 of about 200,000 rows, 116,736 items stored',
    );
    expect(progressText(reading(60000, 0, '', 1), 'x')).toBe('Reading portfolio.xlsx — 60,000 rows, 1 item stored');
    expect(progressText({ ...reading(200000, 200000), stage: 'storing' }, 'x')).toBe('Finishing portfolio.xlsx — 200,000 rows read; writing history and links');
    expect(progressText({ ...reading(200000, 200000), stage: 'done' }, 'x')).toBe('Finishing portfolio.xlsx — 200,000 rows read');
  });
});

describe('progressPercent', () => {
  it('measures rows read and items stored against the estimate, only with one, and stops short of full until done', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent(reading(120000))).toBeNull();
    // Items stored as the rows are read (a workbook with date cells).
    expect(progressPercent(reading(120000, 200000, 'Items', 116000))).toBe(59);
    // Items stored once every row is read (dates as text): half the way, then on.
    expect(progressPercent(reading(60000, 60000))).toBe(50);
    expect(progressPercent(reading(60000, 60000, '', 30000))).toBe(75);
    expect(progressPercent(reading(210000, 200000, '', 210000))).toBe(99);
    expect(progressPercent({ ...reading(200000, 200000), stage: 'storing' })).toBeNull();
    expect(progressPercent({ ...reading(200000, 200000), stage: 'done' })).toBe(100);
  });
});

describe('progressValueText', () => {
  it('puts the bar in words', () => {
    expect(progressValueText(null)).toBe('0 rows read');
    expect(progressValueText(reading(120000))).toBe('120,000 rows read');
    expect(progressValueText(reading(60000, 60000, '', 30000))).toBe('75%: 60,000 rows read, 30,000 items stored');
  });
});

describe('newProgressToken', () => {
  it('makes tokens the backend accepts, a new one each time', () => {
    const a = newProgressToken();
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(newProgressToken()).not.toBe(a);
  });
});
