import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { parseInline, parseMarkdown } from './markdown';

function renderMd(source: string, headingOffset?: number) {
  render(<Markdown source={source} headingOffset={headingOffset} testId="md" />);
  return screen.getByTestId('md');
}

describe('Markdown', () => {
  it('shows markup in the source as text, never as HTML', () => {
    const md = renderMd('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">\n\n<b>bold?</b>');
    expect(md.querySelector('script')).toBeNull();
    expect(md.querySelector('img')).toBeNull();
    expect(md.querySelector('b')).toBeNull();
    expect(md).toHaveTextContent('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">');
    expect(md).toHaveTextContent('<b>bold?</b>');
  });

  it('keeps markup inside code, bold and table cells as text too', () => {
    const md = renderMd('**<i>x</i>** `<script>`\n\n| a | b |\n|---|---|\n| <script>y</script> | 1 |');
    expect(md.querySelector('script, i')).toBeNull();
    expect(md.querySelector('strong')).toHaveTextContent('<i>x</i>');
    expect(md.querySelector('code')).toHaveTextContent('<script>');
    expect(md.querySelector('td')).toHaveTextContent('<script>y</script>');
  });

  it('renders paragraphs, headings, bold, emphasis and code', () => {
    const md = renderMd(
      'Cycle time = **done − start + 1**, in *calendar* days;\nsee `backend/metrics/flow.go`.\n\n### Worked example\n\nA second paragraph.',
      1,
    );
    const paragraphs = md.querySelectorAll('p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toHaveTextContent('Cycle time = done − start + 1, in calendar days; see backend/metrics/flow.go.');
    expect(within(md).getByText('done − start + 1').tagName).toBe('STRONG');
    expect(within(md).getByText('calendar').tagName).toBe('EM');
    expect(within(md).getByText('backend/metrics/flow.go').tagName).toBe('CODE');
    // "###" shifted by one level, below the dialog's and the section's headings.
    expect(within(md).getByRole('heading', { level: 4, name: 'Worked example' })).toBeInTheDocument();
  });

  it('renders bullet and numbered lists with continuation lines and nesting', () => {
    const md = renderMd(
      [
        '- **Start** = the day of the first entry into `active`',
        '  or `waiting`.',
        '- Done:',
        '  - last entry into `done`',
        '  - not followed by a move out',
        '',
        '3. third',
        '4. fourth, with a',
        'lazy line',
      ].join('\n'),
    );
    const [bullets, numbered] = Array.from(md.querySelectorAll(':scope > ul, :scope > ol'));
    expect(bullets?.tagName).toBe('UL');
    const items = bullets!.querySelectorAll(':scope > li');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Start = the day of the first entry into active or waiting.');
    expect(items[1]!.querySelectorAll('ul > li')).toHaveLength(2);
    expect(numbered?.tagName).toBe('OL');
    expect(numbered).toHaveAttribute('start', '3');
    expect(numbered!.querySelectorAll('li')[1]).toHaveTextContent('fourth, with a lazy line');
  });

  it('renders tables with a header and alignment', () => {
    const md = renderMd(
      ['| Start | Done | Calendar days |', '|---|:---:|---:|', '| Wed 18 Nov 2026 | Wed 18 Nov | 1 |', '| Fri 20 Nov | Mon 23 Nov |'].join('\n'),
    );
    const table = within(md).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Start', 'Done', 'Calendar days']);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getAllByRole('cell').map((td) => td.textContent)).toEqual(['Wed 18 Nov 2026', 'Wed 18 Nov', '1']);
    // A short row is padded to the header's width.
    expect(within(rows[2]!).getAllByRole('cell')).toHaveLength(3);
    expect(within(rows[1]!).getAllByRole('cell')[2]).toHaveStyle({ textAlign: 'right' });
  });

  it('keeps fenced code verbatim', () => {
    const md = renderMd('```text\ncycle = done - start + 1\n  **not bold** <b>\n```\nAfter.');
    const pre = md.querySelector('pre');
    expect(pre?.textContent).toBe('cycle = done - start + 1\n  **not bold** <b>');
    expect(pre?.querySelector('strong, b')).toBeNull();
    expect(md.querySelector('p')).toHaveTextContent('After.');
  });

  it('renders block quotes and leaves unknown syntax as text', () => {
    const md = renderMd('> the **earliest day D**\n\n[a link](http://example.com) and _under_ and 2 * 3 * 4\n\n<!-- a comment -->');
    expect(md.querySelector('blockquote strong')).toHaveTextContent('earliest day D');
    expect(md.querySelector('a')).toBeNull();
    expect(md).toHaveTextContent('[a link](http://example.com) and _under_ and 2 * 3 * 4');
    expect(md).toHaveTextContent('<!-- a comment -->');
  });
});

describe('parseInline', () => {
  it('honours backslash escapes and unclosed markers', () => {
    expect(parseInline('\\*not em\\* **open')).toEqual([{ kind: 'text', text: '*not em* **open' }]);
    expect(parseInline('a `b')).toEqual([{ kind: 'text', text: 'a `b' }]);
  });

  it('nests emphasis inside bold', () => {
    expect(parseInline('**a *b* c**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'a ' }, { kind: 'em', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' c' }] },
    ]);
  });
});

describe('parseMarkdown', () => {
  it('does not start a list inside a paragraph from a number other than 1', () => {
    expect(parseMarkdown('With 90 days the window is\n2026. Not a list.')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: 'With 90 days the window is\n2026. Not a list.' }] },
    ]);
  });
});
