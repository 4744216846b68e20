import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  errorMessage,
  saveMappingProfile,
  type MappingFormat,
  type SavedMappingProfile,
  type TableColumns,
} from '../../../lib/backend';
import {
  checkMapping,
  checkSentences,
  findFormat,
  formatKey,
  headersOf,
  isComplete,
  mappingKeys,
  mergeForFormat,
  onlyHeaders,
  proposalFor,
  sortFormats,
  variantOf,
  type ColumnMapping,
  type Columns,
  type MappingStart,
} from '../columnMapping';
import { MappingRows } from './MappingRows';
import { RolesNeeded } from './RolesNeeded';
import { SavedProfilePicker } from './SavedProfilePicker';

/** MappingFormProps: the file's sheets as read, the formats, the saved profiles and where to start. */
export interface MappingFormProps {
  fileName: string;
  sheets: TableColumns[];
  formats: MappingFormat[];
  saved: SavedMappingProfile[];
  start: MappingStart;
  onApply: (mapping: ColumnMapping) => void;
  onCancel: () => void;
}

/**
 * MappingForm is the body of the column-mapping dialog: sheet and format, a role per column, what
 * is still missing, an optional profile name, Cancel and Apply (Enter applies, Escape cancels).
 */
export function MappingForm({ fileName, sheets, formats, saved, start, onApply, onCancel }: MappingFormProps) {
  const queryClient = useQueryClient();
  const sheetId = useId();
  const formatId = useId();
  const nameId = useId();
  const nameHintId = useId();
  const checkId = useId();
  const [sheetIndex, setSheetIndex] = useState(start.sheet);
  const [format, setFormat] = useState(start.format);
  const [columns, setColumns] = useState<Columns>(start.columns);
  const [name, setName] = useState(start.name);
  const [absent, setAbsent] = useState(start.absent);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');
  const formatRef = useRef<HTMLSelectElement>(null);
  const checkRef = useRef<HTMLDivElement>(null);
  const sheet = sheets[sheetIndex];
  const ordered = useMemo(() => sortFormats(formats), [formats]);
  const check = checkMapping(format, columns);
  const complete = isComplete(check);
  const sentences = checkSentences(check, format);
  const replaces = saved.find((p) => name.trim() && p.name.toLowerCase() === name.trim().toLowerCase());

  // The dialog focused what it found first while the columns loaded; the format comes first now.
  useEffect(() => formatRef.current?.focus(), []);

  const chooseSheet = (index: number) => {
    const next = sheets[index];
    setSheetIndex(index);
    setColumns((cols) => mergeForFormat(format, onlyHeaders(cols, headersOf(next)), proposalFor(next, format)));
    setAbsent([]);
  };

  const chooseFormat = (key: string) => {
    const next = formats.find((f) => formatKey(f) === key);
    if (!next) return;
    setFormat(next);
    setColumns((cols) => mergeForFormat(next, cols, proposalFor(sheet, next)));
  };

  const loadProfile = (p: SavedMappingProfile) => {
    const next = findFormat(formats, p.format, variantOf(p.format, p.columns));
    if (!next) return;
    const headers = headersOf(sheet);
    setFormat(next);
    setColumns(onlyHeaders(p.columns, headers));
    setAbsent(Object.keys(p.columns).filter((h) => !headers.has(h)));
    setName(p.name);
    setSaveError('');
  };

  const setRole = (header: string, role: string) => {
    setColumns((cols) => {
      const next = { ...cols };
      if (role) next[header] = role;
      else delete next[header];
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!complete) {
      setTried(true);
      checkRef.current?.focus();
      return;
    }
    const profile = { name: name.trim(), format: format.format, columns };
    if (profile.name) {
      setSaving(true);
      setSaveError('');
      try {
        profile.name = (await saveMappingProfile(profile)).name;
      } catch (err) {
        setSaving(false);
        setSaveError(errorMessage(err));
        return;
      }
      void queryClient.invalidateQueries({ queryKey: mappingKeys.profiles });
    }
    onApply({ kind: 'inline', profile });
  };

  return (
    <form className="column-mapper__form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="column-mapper__top">
        {sheets.length > 1 ? (
          <div className="form__field">
            <label className="form__label" htmlFor={sheetId}>
              Sheet
            </label>
            <select
              id={sheetId}
              className="form__input"
              value={sheetIndex}
              onChange={(e) => chooseSheet(Number(e.currentTarget.value))}
            >
              {sheets.map((s, i) => (
                <option key={`${s.sheet}-${i}`} value={i} disabled={Boolean(s.error)}>
                  {s.error ? `${s.sheet} (cannot be read)` : s.sheet}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="form__field">
          <label className="form__label" htmlFor={formatId}>
            The table holds
          </label>
          <select
            id={formatId}
            ref={formatRef}
            className="form__input"
            data-testid="column-mapper-format"
            value={formatKey(format)}
            onChange={(e) => chooseFormat(e.currentTarget.value)}
          >
            {ordered.map((f) => (
              <option key={formatKey(f)} value={formatKey(f)}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <SavedProfilePicker saved={saved} onLoad={loadProfile} />
      </div>

      <p className="column-mapper__intro">
        {`Choose what each column of ${sheet?.sheet ? `sheet “${sheet.sheet}”` : fileName} holds. Columns left on “Not imported” are not read.`}
        {sheets.length > 1 ? ' The mapping is used for every sheet of the file; sheets without these columns are left out.' : ''}
      </p>
      {absent.length > 0 ? (
        <p className="form__hint">{`Not in this sheet, so left out of the mapping: ${absent.map((h) => `“${h}”`).join(', ')}.`}</p>
      ) : null}

      <RolesNeeded format={format} columns={columns} sheet={sheet} />
      <MappingRows sheet={sheet} format={format} columns={columns} shared={check.shared} onRole={setRole} />

      <div
        id={checkId}
        ref={checkRef}
        tabIndex={-1}
        className={sentences.length === 0 ? 'column-mapper__check column-mapper__check--ok' : tried ? 'form__problem' : 'column-mapper__check'}
        role="status"
        data-testid="column-mapper-check"
      >
        {sentences.length === 0 ? <p>Every column the format needs is mapped.</p> : sentences.map((s) => <p key={s}>{s}</p>)}
      </div>

      <div className="form__field">
        <label className="form__label" htmlFor={nameId}>
          Save as profile (optional)
        </label>
        <input
          id={nameId}
          className="form__input"
          data-testid="column-mapper-name"
          value={name}
          maxLength={80}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. Ops team tracker"
          aria-describedby={nameHintId}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setSaveError('');
          }}
        />
        <span className="form__hint" id={nameHintId}>
          {replaces
            ? `Replaces the saved profile “${replaces.name}”.`
            : 'A name saves the mapping for the next export of this sheet (also for throughline import --mapping NAME).'}
        </span>
      </div>
      {saveError ? (
        <p className="form__problem" role="alert">
          {saveError}
        </p>
      ) : null}

      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid="column-mapper-apply"
          disabled={saving}
          aria-describedby={complete ? undefined : checkId}
        >
          {saving ? 'Saving…' : name.trim() ? 'Save and apply' : 'Apply'}
        </button>
      </div>
    </form>
  );
}
