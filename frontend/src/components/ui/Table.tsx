import type { ReactNode } from 'react';

/** TableProps: the caption names the table for assistive technology (and on screen unless hidden). */
export interface TableProps {
  caption: string;
  captionHidden?: boolean;
  testId?: string;
  className?: string;
  children: ReactNode;
}

/** Table is the house table: a scroll container, a caption, and the shared table styles. */
export function Table({ caption, captionHidden = false, testId, className, children }: TableProps) {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'} data-testid={testId}>
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
