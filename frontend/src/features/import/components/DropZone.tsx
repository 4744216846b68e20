import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { errorMessage } from '../../../lib/backend';
import { ACCEPT, candidatesFromInput, type Candidate } from '../files';

/** DropZoneProps: dragging is true while files are dragged over the window; chooseRequest opens the file dialog when it changes. */
export interface DropZoneProps {
  dragging: boolean;
  onCandidates: (candidates: Candidate[]) => void;
  /** chooseRequest: a new value (File › Import…) opens the file dialog. */
  chooseRequest?: number;
  hasFiles: boolean;
  /**
   * pickNatively, in the desktop window, shows the native file dialog and adds the picked files
   * itself; "Choose files…" and File › Import… then use it instead of the page's file input.
   */
  pickNatively?: () => Promise<void>;
}

// The folder picker's attribute is not in React's DOM types.
const folderAttributes = { webkitdirectory: '', directory: '' } as Record<string, string>;

/**
 * DropZone is where files arrive: dropped (files or whole folders, anywhere on the window —
 * the shell listens), or chosen with the two buttons, which open the file or folder dialog.
 */
export function DropZone({ dragging, onCandidates, chooseRequest, hasFiles, pickNatively }: DropZoneProps) {
  const hintId = useId();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // 0 means "never asked"; a screen mounted by File › Import… opens the dialog at once.
  const lastRequest = useRef(0);
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState('');

  const chooseFiles = () => {
    if (!pickNatively) {
      filesRef.current?.click();
      return;
    }
    // The native dialog is modal; a second request while it is up is ignored.
    if (picking) return;
    setPicking(true);
    setPickError('');
    pickNatively().then(
      () => setPicking(false),
      (err: unknown) => {
        setPicking(false);
        setPickError(`The file dialog could not be used: ${errorMessage(err)} Drop the files on the window instead.`);
      },
    );
  };
  const chooseRef = useRef(chooseFiles);
  useEffect(() => {
    chooseRef.current = chooseFiles;
  });

  useEffect(() => {
    if (chooseRequest === undefined || chooseRequest === lastRequest.current) return;
    lastRequest.current = chooseRequest;
    buttonRef.current?.focus();
    chooseRef.current();
  }, [chooseRequest]);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const candidates = candidatesFromInput(event.currentTarget.files);
    // Clear the input so choosing the same file again (after removing it) is seen as a change.
    event.currentTarget.value = '';
    if (candidates.length > 0) onCandidates(candidates);
  };

  return (
    <>
      <div
        className={dragging ? 'dropzone dropzone--active' : hasFiles ? 'dropzone dropzone--compact' : 'dropzone'}
        data-testid="import-dropzone"
      >
        <div className="dropzone__text">
          <p className="dropzone__title">{dragging ? 'Drop the files to preview them' : 'Drop team spreadsheets or a whole folder here'}</p>
          <p className="dropzone__hint" id={hintId}>
            Excel workbooks (.xlsx, .xlsm) and text exports (.csv, .tsv, .txt) from Jira, Azure DevOps, Rally or the
            Throughline template. Nothing is stored until you press Import.
          </p>
        </div>
        <div className="dropzone__actions">
          <button
            ref={buttonRef}
            type="button"
            className="button"
            aria-describedby={hintId}
            data-testid="import-choose-files"
            aria-busy={picking || undefined}
            onClick={chooseFiles}
          >
            Choose files…
          </button>
          <button type="button" className="button" onClick={() => folderRef.current?.click()}>
            Choose a folder…
          </button>
        </div>
        <input
          ref={filesRef}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-file-input"
          onChange={onChange}
        />
        <input
          ref={folderRef}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="import-folder-input"
          onChange={onChange}
          {...folderAttributes}
        />
      </div>
      {pickError ? (
        <p className="file-card__error" role="alert">
          {pickError}
        </p>
      ) : null}
    </>
  );
}
