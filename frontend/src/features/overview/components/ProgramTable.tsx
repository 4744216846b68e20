import { useState, type ReactNode } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Sparkline } from '../../../components/ui/Sparkline';
import { Table } from '../../../components/ui/Table';
import { formatCount, formatDecimal } from '../../../lib/format';
import type { Overview, TeamOverview } from '../api';
import type { Unit } from '../drill';
import { WEEKS_FOR_MEAN, isOverLimit, unitMean } from '../throughput';

/** OpenCell opens the drill-down of a row's Done or WIP figure. */
export type OpenCell = (column: 'done' | 'wip', unit: Unit, value: string, opener: HTMLElement) => void;

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

/** wipText says what WipFigure shows, in words. */
function wipText({ wip, wipLimit }: Pick<TeamOverview, 'wip' | 'wipLimit'>): string {
  if (typeof wipLimit !== 'number' || wipLimit <= 0) return formatCount(wip);
  return `${formatCount(wip)} / limit ${formatCount(wipLimit)}${isOverLimit(wip, wipLimit) ? ', over limit' : ''}`;
}

/** FigureButton makes a table figure open its drill-down; the figure stays the button's text. */
function FigureButton({ label, onOpen, children }: { label: string; onOpen?: (opener: HTMLElement) => void; children: ReactNode }) {
  if (!onOpen) return <>{children}</>;
  return (
    <button
      type="button"
      className="figure-button"
      aria-label={label}
      title="Show the items behind this figure"
      onClick={(event) => onOpen(event.currentTarget)}
    >
      {children}
    </button>
  );
}

function FigureCells({ unit, level, weeks, onOpen }: { unit: TeamOverview; level: Unit['level']; weeks: number; onOpen?: OpenCell }) {
  const done = formatCount(unit.done);
  const wip = formatCount(unit.wip);
  const target: Unit = { level, id: unit.id, name: unit.name };
  return (
    <>
      <td className="num">{formatCount(unit.deliveryItems)}</td>
      <td className="num">
        <FigureButton
          label={`Done, ${unit.name}: ${done}`}
          onOpen={onOpen ? (opener) => onOpen('done', target, done, opener) : undefined}
        >
          {done}
        </FigureButton>
      </td>
      <td className="num">
        <FigureButton
          label={`WIP, ${unit.name}: ${wipText(unit)}`}
          onOpen={onOpen ? (opener) => onOpen('wip', target, wip, opener) : undefined}
        >
          <WipFigure wip={unit.wip} wipLimit={unit.wipLimit} />
        </FigureButton>
      </td>
      <td className="cell--spark">
        <Sparkline values={unit.throughput} label={`${unit.name}: delivery items done per week, last ${weeks} weeks`} />
      </td>
      <td className="num">{formatDecimal(unitMean(unit), 1)}</td>
    </>
  );
}

/**
 * ProgramTable lists programs with their figures; each program row expands to its teams. With
 * onOpenCell, the Done and WIP figures open the items behind them.
 */
export function ProgramTable({ overview, onOpenCell }: { overview: Overview; onOpenCell?: OpenCell }) {
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
              <FigureCells unit={program} level="program" weeks={weeks} onOpen={onOpenCell} />
            </tr>,
            ...(open
              ? program.teams.map((team) => (
                  <tr key={`p${program.id}t${team.id}`} className="table__row table__row--team" data-testid="team-row">
                    <th scope="row" className="cell--name cell--team" title={team.name}>
                      {team.name}
                    </th>
                    <FigureCells unit={team} level="team" weeks={weeks} onOpen={onOpenCell} />
                  </tr>
                ))
              : []),
          ];
        })}
      </tbody>
    </Table>
  );
}
