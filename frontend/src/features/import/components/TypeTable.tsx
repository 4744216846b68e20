import { Badge } from '../../../components/ui/Badge';
import { formatCount } from '../../../lib/format';
import { ITEM_TYPES, isItemType, type ItemType } from '../api';
import { sourceLabel } from '../describe';
import { ITEM_TYPE_LABELS, type TypeChoice, type TypeRow } from '../itemTypes';

/** TypeTableProps: the raw types no table knows across the previewed files, and the user's choices. */
export interface TypeTableProps {
  rows: readonly TypeRow[];
  choices: ReadonlyMap<string, TypeChoice>;
  disabled: boolean;
  onChoose: (key: string, rawType: string, type: ItemType) => void;
}

function Note({ row, chosen }: { row: TypeRow; chosen?: ItemType }) {
  if (chosen) {
    return (
      <span className="status-note">
        <Badge tone="accent">your choice</Badge> saved with the import
      </span>
    );
  }
  if (row.type) {
    return (
      <span className="status-note" title="Chosen in an earlier import; choose another type to change it.">
        <Badge>saved</Badge> from an earlier import
      </span>
    );
  }
  return (
    <span className="status-note status-note--unmapped">
      <span aria-hidden="true" className="status-note__icon">
        !
      </span>
      Not known — its rows are left out until you choose a type
    </span>
  );
}

/**
 * TypeTable lists each raw item type no built-in table knows ("Chore"), how many rows have it, and
 * a select of Throughline's item types. Choosing one reads the files again with it; the import
 * saves the choice, so the next import knows the type.
 */
export function TypeTable({ rows, choices, disabled, onChoose }: TypeTableProps) {
  const unsettled = rows.filter((r) => !r.type && !choices.get(r.key)).length;
  const rejected = rows.filter((r) => !r.type && !choices.get(r.key)).reduce((n, r) => n + r.count, 0);
  return (
    <>
      <p className="section__intro">
        {unsettled > 0
          ? `${formatCount(unsettled)} ${unsettled === 1 ? 'item type is' : 'item types are'} not known to Throughline, so ${formatCount(rejected)} ${rejected === 1 ? 'row is' : 'rows are'} left out. Say which type each one is: the files are read again with your choice.`
          : 'Every item type is settled. Your choices are saved with the import and used for later imports.'}
      </p>
      <div className="table-wrap">
        <table className="table status-table type-table" data-testid="import-types">
          <caption className="visually-hidden">Item types in the files that Throughline does not know</caption>
          <thead>
            <tr>
              <th scope="col" className="type-table__raw">
                Type in the file
              </th>
              <th scope="col" className="type-table__tool">
                Tool
              </th>
              <th scope="col" className="num type-table__rows">
                Rows
              </th>
              <th scope="col" className="type-table__type">
                Item type
              </th>
              <th scope="col">
                <span className="visually-hidden">Choice</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const chosen = choices.get(row.key)?.type;
              const value = chosen ?? row.type;
              return (
                <tr
                  key={row.key}
                  data-testid="type-row"
                  className={!value ? 'status-row status-row--unmapped' : 'status-row'}
                  title={`Seen in ${row.files.join(', ')}`}
                >
                  <th scope="row" className="status-row__status">
                    {row.rawType}
                  </th>
                  <td>{row.sourceSystems.map(sourceLabel).join(', ')}</td>
                  <td className="num">{formatCount(row.count)}</td>
                  <td>
                    <select
                      className="form__input form__input--small"
                      data-testid="type-select"
                      aria-label={`Item type for “${row.rawType}”`}
                      aria-invalid={!value || undefined}
                      value={value}
                      disabled={disabled}
                      onChange={(e) => {
                        const type = e.currentTarget.value;
                        if (isItemType(type)) onChoose(row.key, row.rawType, type);
                      }}
                    >
                      {!value ? <option value="">Choose a type…</option> : null}
                      {ITEM_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {ITEM_TYPE_LABELS[t]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <Note row={row} chosen={chosen} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
