import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { SavedMappingProfile } from '../../../lib/backend';
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
  /** profiles are the saved column-mapping profiles (undefined while they load). */
  profiles?: SavedMappingProfile[];
  /** profilesError: the saved profiles could not be loaded. */
  profilesError?: boolean;
  /** profile is the saved profile chosen for every file without a mapping of its own ("" = none). */
  profile?: string;
  onProfile?: (name: string) => void;
}

function profileHint(profiles: SavedMappingProfile[] | undefined, error: boolean, profile: string): string {
  if (error) return 'The saved profiles could not be loaded.';
  if (!profiles) return 'Loading the saved profiles…';
  if (profiles.length === 0) return 'No profile is saved yet: use “Map columns…” on a file and give the mapping a name.';
  if (!profile) return 'Each file is read in the format its headers show.';
  return `Every file is read with “${profile}”, except files whose columns you mapped yourself.`;
}

/** ProfilePicker chooses a saved column-mapping profile for every file (the CLI's --mapping). */
function ProfilePicker({
  profiles,
  error,
  profile,
  disabled,
  onProfile,
}: {
  profiles: SavedMappingProfile[] | undefined;
  error: boolean;
  profile: string;
  disabled: boolean;
  onProfile: (name: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  const list = profiles ?? [];
  // A profile chosen before it was deleted stays listed until another is chosen.
  const missing = profile && !list.some((p) => p.name === profile);
  return (
    <fieldset className="options__group">
      <legend className="options__legend">Column mapping</legend>
      <div className="form__field">
        <label className="form__label" htmlFor={id}>
          Saved profile
        </label>
        <select
          id={id}
          className="form__input"
          data-testid="import-profile"
          value={profile}
          disabled={disabled || (list.length === 0 && !profile)}
          aria-describedby={hintId}
          onChange={(e) => onProfile(e.currentTarget.value)}
        >
          <option value="">None: detect each file’s format</option>
          {list.map((p) => (
            <option key={p.name} value={p.name} disabled={Boolean(p.problem)}>
              {p.problem ? `${p.name} (cannot be used: map it again)` : p.name}
            </option>
          ))}
          {missing ? <option value={profile}>{`${profile} (no longer saved)`}</option> : null}
        </select>
        <span className="form__hint" id={hintId}>
          {profileHint(profiles, error, profile)}
        </span>
      </div>
    </fieldset>
  );
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
 * the portfolio's names; a new name creates the team), what to do with a file whose rows are
 * rejected, and the saved column-mapping profile to read every file with (when onProfile is given).
 * The previews are read again when a default or the profile changes.
 */
export function ImportOptions({
  names,
  defaults,
  allOrNothing,
  disabled,
  onDefaults,
  onAllOrNothing,
  profiles,
  profilesError = false,
  profile = '',
  onProfile,
}: ImportOptionsProps) {
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
      {onProfile ? (
        <ProfilePicker profiles={profiles} error={profilesError} profile={profile} disabled={disabled} onProfile={onProfile} />
      ) : null}
    </div>
  );
}
