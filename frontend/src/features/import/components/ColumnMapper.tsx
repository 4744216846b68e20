import { useEffect, useState } from 'react';
import { Modal } from '../../../components/ui/Modal';
import { errorMessage, readTableColumns, type TableColumns } from '../../../lib/backend';
import { startingMapping, useMappingFormats, useMappingProfiles, type ColumnMapping } from '../columnMapping';
import { MappingForm } from './MappingForm';
import './ColumnMapper.css';

/** ColumnMapperProps: the file to map, the mapping it has (if any), and what to do with the result. */
export interface ColumnMapperProps {
  file: File;
  /** fileName is the name shown (the path within a dropped folder). */
  fileName: string;
  initial?: ColumnMapping;
  /** onApply receives the mapping made; the dialog is then closed by the parent. */
  onApply: (mapping: ColumnMapping) => void;
  onClose: () => void;
}

type Columns = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; sheets: TableColumns[] };

/**
 * ColumnMapper is the column-mapping dialog: it reads the file's columns (letters, headers, first
 * values and a proposed mapping per format), then lets the user give each column a role of the
 * chosen format, save the mapping as a named profile, and apply it to the file.
 */
export function ColumnMapper({ file, fileName, initial, onApply, onClose }: ColumnMapperProps) {
  const formats = useMappingFormats();
  const profiles = useMappingProfiles();
  const [columns, setColumns] = useState<Columns>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    readTableColumns(file, controller.signal).then(
      (sheets) => setColumns({ kind: 'ready', sheets }),
      (err: unknown) => {
        if (!controller.signal.aborted) setColumns({ kind: 'failed', message: errorMessage(err) });
      },
    );
    return () => controller.abort();
  }, [file]);

  const failure =
    columns.kind === 'failed'
      ? `The columns of ${fileName} could not be read: ${columns.message}`
      : formats.isError
        ? `The formats to map to could not be loaded: ${errorMessage(formats.error)}`
        : '';
  // The saved profiles only help; the editor works without them.
  const saved = profiles.data ?? [];
  const waiting = columns.kind === 'loading' || formats.isPending || profiles.isPending;
  const start =
    columns.kind === 'ready' && formats.data && !waiting ? startingMapping(columns.sheets, formats.data, initial, saved) : undefined;

  return (
    <Modal title={`Map the columns of ${fileName}`} onClose={onClose} testId="column-mapper">
      <div className="column-mapper">
        {failure ? (
          <>
            <p className="form__problem" role="alert">
              {failure}
            </p>
            <div className="form__actions">
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
            </div>
          </>
        ) : columns.kind === 'ready' && formats.data && start ? (
          <MappingForm
            fileName={fileName}
            sheets={columns.sheets}
            formats={formats.data}
            saved={saved}
            start={start}
            onApply={onApply}
            onCancel={onClose}
          />
        ) : (
          <>
            <p className="column-mapper__loading" role="status">
              {waiting ? `Reading the columns of ${fileName}…` : `${fileName} has no columns to map.`}
            </p>
            <div className="form__actions">
              <button type="button" className="button" onClick={onClose}>
                {waiting ? 'Cancel' : 'Close'}
              </button>
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}
