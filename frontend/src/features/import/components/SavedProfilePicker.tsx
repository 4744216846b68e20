import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { deleteMappingProfile, errorMessage, type SavedMappingProfile } from '../../../lib/backend';
import { mappingKeys } from '../columnMapping';

/** SavedProfilePickerProps: the saved profiles, and what to do with the one chosen. */
export interface SavedProfilePickerProps {
  saved: SavedMappingProfile[];
  onLoad: (profile: SavedMappingProfile) => void;
}

type Removal = { kind: 'idle' } | { kind: 'confirm'; name: string } | { kind: 'deleting'; name: string } | { kind: 'done' | 'failed'; message: string };

/**
 * SavedProfilePicker starts the mapping from a saved profile (its format, columns and name, so
 * saving again replaces it), and deletes a saved profile after asking.
 */
export function SavedProfilePicker({ saved, onLoad }: SavedProfilePickerProps) {
  const queryClient = useQueryClient();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [removal, setRemoval] = useState<Removal>({ kind: 'idle' });
  const selectRef = useRef<HTMLSelectElement>(null);
  if (saved.length === 0) return null;
  const usable = saved.filter((p) => !p.problem);

  const load = (name: string) => {
    setChosen(name);
    setRemoval({ kind: 'idle' });
    const p = saved.find((x) => x.name === name);
    if (p) onLoad(p);
  };

  const remove = (name: string) => {
    setRemoval({ kind: 'deleting', name });
    deleteMappingProfile(name).then(
      () => {
        setChosen('');
        setRemoval({ kind: 'done', message: `The profile “${name}” was deleted.` });
        selectRef.current?.focus();
        void queryClient.invalidateQueries({ queryKey: mappingKeys.profiles });
      },
      (err: unknown) => setRemoval({ kind: 'failed', message: errorMessage(err) }),
    );
  };

  return (
    <div className="form__field column-mapper__saved">
      <label className="form__label" htmlFor={id}>
        Start from a saved profile
      </label>
      <div className="column-mapper__saved-row">
        <select id={id} ref={selectRef} className="form__input" value={chosen} onChange={(e) => load(e.currentTarget.value)}>
          <option value="">{usable.length > 0 ? 'Choose…' : 'None can be used'}</option>
          {saved.map((p) => (
            <option key={p.name} value={p.name} disabled={Boolean(p.problem)}>
              {p.problem ? `${p.name} (cannot be used)` : p.name}
            </option>
          ))}
        </select>
        {chosen && removal.kind !== 'confirm' && removal.kind !== 'deleting' ? (
          <button type="button" className="button button--small" onClick={() => setRemoval({ kind: 'confirm', name: chosen })}>
            Delete…
          </button>
        ) : null}
      </div>
      {removal.kind === 'confirm' || removal.kind === 'deleting' ? (
        <div className="column-mapper__confirm" role="group" aria-label={`Delete the profile ${removal.name}`}>
          <span>{`Delete the saved profile “${removal.name}”? Imports made with it stay.`}</span>
          <button
            type="button"
            className="button button--small button--danger"
            disabled={removal.kind === 'deleting'}
            onClick={() => remove(removal.name)}
          >
            Delete
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={removal.kind === 'deleting'}
            autoFocus
            onClick={() => {
              setRemoval({ kind: 'idle' });
              selectRef.current?.focus();
            }}
          >
            Keep it
          </button>
        </div>
      ) : null}
      {removal.kind === 'done' || removal.kind === 'failed' ? (
        <span className={removal.kind === 'failed' ? 'form__hint column-mapper__note--problem' : 'form__hint'} role="status">
          {removal.message}
        </span>
      ) : null}
    </div>
  );
}
