import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Sparkline } from '../../../components/ui/Sparkline';
import { Table } from '../../../components/ui/Table';
import { formatCount, formatDecimal } from '../../../lib/format';
import type { Overview, TeamOverview } from '../api';
import { WEEKS_FOR_MEAN, isOverLimit, unitMean } from '../throughput';

/** WipFigure shows WIP, against its limit when one is set; over the limit it says so in words. */
export function WipFigure({ wip, wipLimit }: Pick<TeamOverview, 'wip' | 'wipLimit'>) {
  if (typeof wipLimit !== 'number' || wipLimit <= 0) return <>{formatCount(wip)}</>;
  const over = isOverLimit(wip, wipLimit);
  return (
    <span className={over ? 'wip wip--over' : 'wip'}>
      <span className="wip__figure">{`${formatCount(wip)} / limit ${formatCount(wipLimit)}`}</span>
      {over ? <Badge tone="warning">over limit</Badge> : null}
    </span>
  );
}

function FigureCells({ unit, weeks }: { unit: TeamOverview; weeks: number }) {
  return (
    <>
      <td className="num">{formatCount(unit.deliveryItems)}</td>
      <td className="num">{formatCount(unit.done)}</td>
      <td className="num">
        <WipFigure wip={unit.wip} wipLimit={unit.wipLimit} />
      </td>
      <td className="cell--spark">
        <Sparkline values={unit.throughput} label={`${unit.name}: delivery items done per week, last ${weeks} weeks`} />
      </td>
      <td className="num">{formatDecimal(unitMean(unit), 1)}</td>
    </>
  );
}

/** ProgramTable lists programs with their figures; each program row expands to its teams. */
export function ProgramTable({ overview }: { overview: Overview }) {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const weeks = overview.weeks.length;

  return (
    <Table caption="By program and team" captionHidden testId="program-table" className="table--programs">
      <thead>
        <tr>
          <th scope="col">Program / team</th>
          <th scope="col" className="num">
            Delivery items
          </th>
          <th scope="col" className="num">
            Done
          </th>
          <th scope="col" className="num">
            WIP
          </th>
          <th scope="col">Throughput, {weeks} weeks</th>
          <th scope="col" className="num">
            Per week, last {WEEKS_FOR_MEAN}
          </th>
        </tr>
      </thead>
      <tbody>
        {overview.programs.map((program) => {
          const open = expanded.has(program.id);
          const hasTeams = program.teams.length > 0;
          return [
            <tr key={`p${program.id}`} className="table__row table__row--program" data-testid="program-row">
              <th scope="row" className="cell--name">
                {hasTeams ? (
                  <button
                    type="button"
                    className="disclosure"
                    aria-expanded={open}
                    title={program.name}
                    onClick={() => toggle(program.id)}
                  >
                    <span className="disclosure__chevron" aria-hidden="true" />
                    <span>{program.name}</span>
                    <span className="disclosure__count">
                      {program.teams.length === 1 ? '1 team' : `${program.teams.length} teams`}
                    </span>
                  </button>
                ) : (
                  <span className="cell--name-plain" title={program.name}>
                    {program.name}
                  </span>
                )}
              </th>
              <FigureCells unit={program} weeks={weeks} />
            </tr>,
            ...(open
              ? program.teams.map((team) => (
                  <tr key={`p${program.id}t${team.id}`} className="table__row table__row--team" data-testid="team-row">
                    <th scope="row" className="cell--name cell--team" title={team.name}>
                      {team.name}
                    </th>
                    <FigureCells unit={team} weeks={weeks} />
                  </tr>
                ))
              : []),
          ];
        })}
      </tbody>
    </Table>
  );
}
