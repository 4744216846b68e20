import { useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** MarkdownProps: headingOffset shifts heading levels ("###" with offset 1 renders an h4). */
export interface MarkdownProps {
  source: string;
  headingOffset?: number;
  className?: string;
  testId?: string;
}

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
    }
  });
}

function Heading({ level, children }: { level: number; children: ReactNode }) {
  switch (Math.min(6, Math.max(1, level))) {
    case 1:
      return <h1 className="md__heading">{children}</h1>;
    case 2:
      return <h2 className="md__heading">{children}</h2>;
    case 3:
      return <h3 className="md__heading">{children}</h3>;
    case 4:
      return <h4 className="md__heading">{children}</h4>;
    case 5:
      return <h5 className="md__heading">{children}</h5>;
    default:
      return <h6 className="md__heading">{children}</h6>;
  }
}

/** A list item whose only block is a paragraph is "tight": its text needs no <p>. */
function renderItem(blocks: readonly Block[], offset: number): ReactNode {
  const [first] = blocks;
  if (blocks.length === 1 && first?.kind === 'paragraph') return renderInline(first.children);
  return renderBlocks(blocks, offset);
}

function renderBlocks(blocks: readonly Block[], offset: number): ReactNode[] {
  return blocks.map((block, i) => {
    switch (block.kind) {
      case 'heading':
        return (
          <Heading key={i} level={block.level + offset}>
            {renderInline(block.children)}
          </Heading>
        );
      case 'paragraph':
        return <p key={i}>{renderInline(block.children)}</p>;
      case 'list': {
        const items = block.items.map((item, j) => <li key={j}>{renderItem(item, offset)}</li>);
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case 'code':
        return (
          <pre key={i} className="md__code" data-lang={block.lang || undefined}>
            <code>{block.text}</code>
          </pre>
        );
      case 'table':
        return (
          <div key={i} className="md__table-wrap">
            <table className="md__table">
              <thead>
                <tr>
                  {block.head.map((cell, c) => (
                    <th key={c} scope="col" style={block.align[c] ? { textAlign: block.align[c] ?? undefined } : undefined}>
                      {renderInline(cell)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c} style={block.align[c] ? { textAlign: block.align[c] ?? undefined } : undefined}>
                        {renderInline(cell)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      case 'quote':
        return <blockquote key={i}>{renderBlocks(block.children, offset)}</blockquote>;
      case 'rule':
        return <hr key={i} />;
    }
  });
}

/**
 * Markdown renders the documentation's markdown subset (see markdown.ts) as React elements.
 * Every piece of text is a React text node, so nothing in the source is ever read as HTML.
 */
export function Markdown({ source, headingOffset = 0, className, testId }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className={className ? `md ${className}` : 'md'} data-testid={testId}>
      {renderBlocks(blocks, headingOffset)}
    </div>
  );
}
