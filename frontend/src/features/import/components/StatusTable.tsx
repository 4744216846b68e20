import { Badge } from '../../../components/ui/Badge';
import { formatCount } from '../../../lib/format';
import type { Stage, TeamName } from '../api';
import { STAGE_LABELS, sourceLabel } from '../describe';
import { teamIdOf, type StatusRow } from '../statuses';

/** StatusTableProps: the statuses of every previewed file, the stages offered and the user's choices. */
export interface StatusTableProps {
  rows: readonly StatusRow[];
  stages: readonly Stage[];
  choices: ReadonlyMap<string, Stage>;
  teams: readonly TeamName[];
  disabled: boolean;
  onChoose: (key: string, stage: Stage) => void;
}

/** SYNTHETIC_NOTE explains the "Created" status a rebuilt history starts with; the file never names it. */
export const SYNTHETIC_NOTE = 'the status from the item’s Created date until its next change (rebuilt history)';

function Note({ row, chosen }: { row: StatusRow; chosen?: Stage }) {
  if (chosen && chosen !== row.stage) {
    return (
      <span className="status-note">
        <Badge tone="accent">your choice</Badge> saved with the import
      </span>
    );
  }
  if (!row.stage) {
    return (
      <span className="status-note status-note--unmapped">
        <span aria-hidden="true" className="status-note__icon">
          !
        </span>
        Not mapped yet — choose a stage
      </span>
    );
  }
  if (row.proposed) {
    return (
      <span className="status-note" title="A default for this tool; the import saves it unless you choose another stage.">
        <Badge>proposed</Badge> {`the ${sourceLabel(row.sourceSystem)} default, saved with the import`}
      </span>
    );
  }
  return <span className="status-note status-note--quiet">mapped</span>;
}

/**
 * StatusTable lists every raw status across the files with the stage it maps to. A status
 * nothing maps yet says so in words (and sorts first); its select starts on "Choose a stage…".
 */
export function StatusTable({ rows, stages, choices, teams, disabled, onChoose }: StatusTableProps) {
  const unmapped = rows.filter((r) => !r.stage && !choices.get(r.key)).length;
  return (
    <>
      <p className="section__intro">
        {unmapped > 0
          ? `${formatCount(unmapped)} ${unmapped === 1 ? 'status is' : 'statuses are'} not mapped to a stage yet. Their rows are imported either way, but flow metrics skip a status until it has a stage.`
          : 'Every status maps to a stage. Change any that are wrong: your choice is saved for that team and used from now on.'}
      </p>
      <div className="table-wrap">
        <table className="table status-table" data-testid="import-statuses">
          <caption className="visually-hidden">Statuses in the files and their stages</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Tool</th>
              <th scope="col">Team</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col">Stage</th>
              <th scope="col">
                <span className="visually-hidden">Mapping</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const chosen = choices.get(row.key);
              const value = chosen ?? row.stage;
              const isNewTeam = row.team !== '' && teamIdOf(teams, row.team) === 0;
              return (
                <tr
                  key={row.key}
                  data-testid="status-row"
                  className={!value ? 'status-row status-row--unmapped' : 'status-row'}
                  title={`Seen in ${row.files.join(', ')}`}
                >
                  <th scope="row" className="status-row__status">
                    {row.status}
                    {row.synthetic ? (
                      <span className="status-row__hint" data-testid="status-synthetic-note">
                        {SYNTHETIC_NOTE}
                      </span>
                    ) : null}
                  </th>
                  <td>{sourceLabel(row.sourceSystem)}</td>
                  <td>
                    {row.team || <span className="muted">no team</span>}
                    {isNewTeam ? <span className="muted"> (new)</span> : null}
                  </td>
                  <td className="num">{formatCount(row.count)}</td>
                  <td>
                    <select
                      className="form__input form__input--small"
                      data-testid="status-stage-select"
                      aria-label={`Stage for “${row.status}”${row.team ? ` (${row.team})` : ''}`}
                      aria-invalid={!value || undefined}
                      value={value}
                      disabled={disabled}
                      onChange={(e) => {
                        const stage = e.currentTarget.value;
                        if (stages.includes(stage as Stage)) onChoose(row.key, stage as Stage);
                      }}
                    >
                      {!value ? <option value="">Choose a stage…</option> : null}
                      {stages.map((s) => (
                        <option key={s} value={s}>
                          {STAGE_LABELS[s]}
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
