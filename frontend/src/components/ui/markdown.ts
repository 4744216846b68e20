// markdown.ts parses the small markdown subset our documentation uses into a tree that
// Markdown.tsx renders as React elements. There is no HTML pass-through: markup such as
// "<script>" is text like any other. Syntax outside the subset stays as plain text.
//
// Blocks: paragraphs, headings (#…######), bullet and numbered lists (nested by indentation,
// continuation lines), fenced code (``` or ~~~), tables (| a | b | with a |---| row),
// block quotes (>), rules (---). Inline: `code`, **bold**, *emphasis*, backslash escapes.

/** Inline is a run of text inside a block. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] };

/** Align is a table column's alignment from its |:--:| row. */
export type Align = 'left' | 'center' | 'right' | null;

/** Block is a block of a markdown document. */
export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'rule' };

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const BULLET = /^( {0,3})([-*+])[ \t]+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})[.)][ \t]+(.*)$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0].replace(/\t/g, '    ').length : 0;
}

/** dedent removes up to n leading columns of spaces. */
function dedent(line: string, n: number): string {
  let i = 0;
  let col = 0;
  while (i < line.length && col < n) {
    const c = line[i];
    if (c === ' ') col += 1;
    else if (c === '\t') col += 4;
    else break;
    i += 1;
  }
  return line.slice(i);
}

/** splitRow cuts a table row at its unescaped pipes outside code spans. */
function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (c === '`') {
      inCode = !inCode;
      cell += c;
    } else if (c === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function alignOf(cell: string): Align {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  if (left && right) return 'center';
  if (right) return 'right';
  if (left) return 'left';
  return null;
}

/** startsBlock: the line begins another block, so it ends a paragraph (a numbered list only from 1). */
function startsBlock(line: string): boolean {
  if (HEADING.test(line) || FENCE.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line)) return true;
  const ordered = ORDERED.exec(line);
  return ordered !== null && Number(ordered[2]) === 1;
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const head = lines[i];
  const delimiter = lines[i + 1];
  if (head === undefined || delimiter === undefined) return false;
  if (!head.includes('|') || !TABLE_DELIMITER.test(delimiter) || !delimiter.includes('-')) return false;
  return splitRow(head).length === splitRow(delimiter).length;
}

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

/** parseInline reads code spans, **bold**, *emphasis* and backslash escapes; the rest is text. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (c === '\\' && PUNCTUATION.test(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 1;
      while (source[i + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      const end = source.indexOf(fence, i + run);
      if (end > i) {
        flush();
        let code = source.slice(i + run, end);
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        out.push({ kind: 'code', text: code });
        i = end + run;
        continue;
      }
      text += fence;
      i += run;
      continue;
    }
    if (c === '*' && next === '*' && source[i + 2] !== undefined && !/\s/.test(source[i + 2] ?? '')) {
      const end = findClosing(source, '**', i + 2);
      if (end > 0) {
        flush();
        out.push({ kind: 'strong', children: parseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && next !== '*' && next !== '' && !/\s/.test(next)) {
      const end = findClosing(source, '*', i + 1);
      if (end > 0) {
        flush();
        out.push({ kind: 'em', children: parseInline(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return out;
}

/** findClosing finds a closing delimiter not preceded by a space, skipping code spans and escapes. */
function findClosing(source: string, delimiter: '*' | '**', from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      i = end < 0 ? i + 1 : end + 1;
      continue;
    }
    if (delimiter === '**' && source.startsWith('**', i) && i > from && !/\s/.test(source[i - 1] ?? '')) return i;
    if (delimiter === '*' && c === '*') {
      if (source[i + 1] === '*') {
        // Skip a nested **bold** run whole.
        const end = findClosing(source, '**', i + 2);
        if (end > 0) {
          i = end + 2;
          continue;
        }
      }
      if (i > from && !/\s/.test(source[i - 1] ?? '')) return i;
    }
    i += 1;
  }
  return -1;
}

interface ListMarker {
  ordered: boolean;
  indent: number;
  marker: string;
  number: number;
  /** content is the column where the item's text starts. */
  content: number;
  text: string;
}

function listMarker(line: string): ListMarker | null {
  const b = BULLET.exec(line);
  if (b) {
    const indent = (b[1] ?? '').length;
    const text = b[3] ?? '';
    return { ordered: false, indent, marker: b[2] ?? '-', number: 1, content: line.length - text.length, text };
  }
  const o = ORDERED.exec(line);
  if (o) {
    const indent = (o[1] ?? '').length;
    const text = o[3] ?? '';
    return { ordered: true, indent, marker: '.', number: Number(o[2]), content: line.length - text.length, text };
  }
  return null;
}

/** parseMarkdown turns markdown text into blocks. */
export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'));
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      i += 1;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const indent = indentOf(line);
      const body: string[] = [];
      i += 1;
      while (i < lines.length) {
        const l = lines[i] ?? '';
        const trimmed = l.trim();
        if (trimmed.startsWith(marker[0]!.repeat(marker.length)) && /^(`+|~+)$/.test(trimmed)) {
          i += 1;
          break;
        }
        body.push(dedent(l, indent));
        i += 1;
      }
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] ?? '#').length, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && !isBlank(lines[i] ?? '')) {
        const q = QUOTE.exec(lines[i] ?? '');
        body.push(q ? (q[1] ?? '') : (lines[i] ?? ''));
        i += 1;
      }
      blocks.push({ kind: 'quote', children: parseBlocks(body) });
      continue;
    }

    const marker = listMarker(line);
    if (marker) {
      const [list, end] = parseList(lines, i, marker);
      blocks.push(list);
      i = end;
      continue;
    }

    if (isTableStart(lines, i)) {
      const head = splitRow(line);
      const align = splitRow(lines[i + 1] ?? '').map(alignOf);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && !isBlank(lines[i] ?? '') && (lines[i] ?? '').includes('|')) {
        const cells = splitRow(lines[i] ?? '');
        // Short rows are padded, long ones cut, so every row has the header's columns.
        rows.push(head.map((_, c) => parseInline(cells[c] ?? '')));
        i += 1;
      }
      blocks.push({ kind: 'table', align, head: head.map(parseInline), rows });
      continue;
    }

    // A paragraph runs to a blank line or the start of another block.
    const text: string[] = [line.trim()];
    i += 1;
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (isBlank(l) || startsBlock(l) || isTableStart(lines, i)) break;
      text.push(l.trim());
      i += 1;
    }
    blocks.push({ kind: 'paragraph', children: parseInline(text.join('\n')) });
  }
  return blocks;
}

/** parseList reads the list starting at lines[start] and returns it with the index after it. */
function parseList(lines: readonly string[], start: number, first: ListMarker): [Block, number] {
  const items: Block[][] = [];
  let i = start;
  let marker: ListMarker | null = first;
  while (marker && marker.ordered === first.ordered && marker.indent === first.indent) {
    const body: string[] = [marker.text];
    const contentIndent = marker.content;
    i += 1;
    let blankRun = 0;
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (isBlank(l)) {
        blankRun += 1;
        body.push('');
        i += 1;
        continue;
      }
      const indent = indentOf(l);
      if (indent >= contentIndent || (indent > first.indent && listMarker(l))) {
        // Indented: the item continues (a further paragraph or a nested list).
        body.push(dedent(l, Math.min(indent, contentIndent)));
        blankRun = 0;
        i += 1;
        continue;
      }
      if (blankRun === 0 && !startsBlock(l) && !listMarker(l) && !isTableStart(lines, i)) {
        // A lazy continuation line of the item's paragraph.
        body.push(l.trim());
        i += 1;
        continue;
      }
      break;
    }
    // Trailing blank lines belong between items, not inside this one.
    while (body.length > 1 && body[body.length - 1] === '') {
      body.pop();
      i -= 1;
    }
    items.push(parseBlocks(body));
    while (i < lines.length && isBlank(lines[i] ?? '')) i += 1;
    const next = i < lines.length ? listMarker(lines[i] ?? '') : null;
    marker = next && next.indent === first.indent ? next : null;
  }
  return [{ kind: 'list', ordered: first.ordered, start: first.number, items }, i];
}
