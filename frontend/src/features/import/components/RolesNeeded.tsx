import { useId } from 'react';
import type { MappingFormat, TableColumns } from '../../../lib/backend';
import type { Columns } from '../columnMapping';

/** lettersOf lists the letters of the columns given a role ("B", "B and D"). */
function lettersOf(sheet: TableColumns | undefined, columns: Columns, role: string): string[] {
  return (sheet?.columns ?? []).filter((c) => c.header && columns[c.header] === role).map((c) => c.letter);
}

/**
 * RolesNeeded lists the columns the chosen format needs, each marked with the column that holds it
 * or as still missing (in words, not only by colour).
 */
export function RolesNeeded({ format, columns, sheet }: { format: MappingFormat; columns: Columns; sheet: TableColumns | undefined }) {
  const titleId = useId();
  const needed = format.roles.filter((r) => r.required || format.anyOf.includes(r.role));
  if (needed.length === 0) return null;
  return (
    <div className="column-mapper__needs">
      <p className="column-mapper__needs-title" id={titleId}>
        {format.anyOf.length > 0
          ? `${format.name} needs (one of ${needed.filter((r) => format.anyOf.includes(r.role)).map((r) => r.name).join(' or ')} is enough):`
          : `${format.name} needs:`}
      </p>
      <ul className="column-mapper__needs-list" aria-labelledby={titleId} data-testid="column-mapper-needs">
        {needed.map((r) => {
          const letters = lettersOf(sheet, columns, r.role);
          return (
            <li key={r.role} className={letters.length > 0 ? 'column-mapper__need column-mapper__need--done' : 'column-mapper__need'}>
              <span aria-hidden="true" className="column-mapper__need-mark">
                {letters.length > 0 ? '✓' : '!'}
              </span>
              {`${r.name}: ${letters.length > 0 ? `column ${letters.join(' and ')}` : 'not mapped'}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
