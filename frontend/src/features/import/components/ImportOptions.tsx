import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { PortfolioNames } from '../api';
import type { Defaults } from '../useImportSession';

/** ImportOptionsProps: the defaults (applied when the field is left or Enter is pressed) and the rejected-rows policy. */
export interface ImportOptionsProps {
  names: PortfolioNames | undefined;
  defaults: Defaults;
  allOrNothing: boolean;
  disabled: boolean;
  onDefaults: (defaults: Defaults) => void;
  onAllOrNothing: (value: boolean) => void;
}

function teamHint(names: PortfolioNames | undefined, team: string): string {
  const t = team.trim();
  if (!t) return 'Rows that name their team keep it.';
  const existing = names?.teams.find((x) => x.name.toLowerCase() === t.toLowerCase());
  if (existing) return existing.program ? `An existing team, in ${existing.program}.` : 'An existing team.';
  return `No team is called “${t}” yet: the import creates it.`;
}

/**
 * ImportOptions are the defaults for rows that do not say their team or program (a combo box over
 * the portfolio's names; a new name creates the team) and what to do with a file whose rows are
 * rejected. The previews are read again when a default changes.
 */
export function ImportOptions({ names, defaults, allOrNothing, disabled, onDefaults, onAllOrNothing }: ImportOptionsProps) {
  const teamId = useId();
  const teamListId = useId();
  const teamHintId = useId();
  const programId = useId();
  const programListId = useId();
  const policyName = useId();
  const [team, setTeam] = useState(defaults.team);
  const [program, setProgram] = useState(defaults.program);
  useEffect(() => setTeam(defaults.team), [defaults.team]);
  useEffect(() => setProgram(defaults.program), [defaults.program]);

  const commit = () => onDefaults({ team: team.trim(), program: program.trim() });
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    }
  };

  return (
    <div className="options">
      <fieldset className="options__group">
        <legend className="options__legend">For rows that do not say</legend>
        <div className="options__fields">
          <div className="form__field">
            <label className="form__label" htmlFor={teamId}>
              Default team
            </label>
            <input
              id={teamId}
              className="form__input"
              list={teamListId}
              value={team}
              disabled={disabled}
              autoComplete="off"
              spellCheck={false}
              placeholder="None"
              aria-describedby={teamHintId}
              onChange={(e) => setTeam(e.currentTarget.value)}
              onBlur={commit}
              onKeyDown={onEnter}
            />
            <datalist id={teamListId}>
              {(names?.teams ?? []).map((t) => (
                <option key={t.id} value={t.name}>
                  {t.program}
                </option>
              ))}
            </datalist>
            <span className="form__hint" id={teamHintId}>
              {teamHint(names, team)}
            </span>
          </div>
          <div className="form__field">
            <label className="form__label" htmlFor={programId}>
              Default program
            </label>
            <input
              id={programId}
              className="form__input"
              list={programListId}
              value={program}
              disabled={disabled}
              autoComplete="off"
              spellCheck={false}
              placeholder="None"
              onChange={(e) => setProgram(e.currentTarget.value)}
              onBlur={commit}
              onKeyDown={onEnter}
            />
            <datalist id={programListId}>
              {(names?.programs ?? []).map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
            <span className="form__hint">For a new team: the program it belongs to.</span>
          </div>
        </div>
      </fieldset>
      <fieldset className="options__group">
        <legend className="options__legend">If rows are rejected</legend>
        <label className="options__choice">
          <input
            type="radio"
            name={policyName}
            checked={!allOrNothing}
            disabled={disabled}
            onChange={() => onAllOrNothing(false)}
          />
          Import the other rows, and list the rejected ones
        </label>
        <label className="options__choice">
          <input
            type="radio"
            name={policyName}
            checked={allOrNothing}
            disabled={disabled}
            onChange={() => onAllOrNothing(true)}
          />
          Import nothing from that file
        </label>
      </fieldset>
    </div>
  );
}
