import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { ErrorState } from '../../../components/ui/ErrorState';
import { Modal } from '../../../components/ui/Modal';
import { errorMessage } from '../../../lib/backend';
import { formatCount } from '../../../lib/format';
import { undoImport, useImportHistory, type ImportBatch } from '../api';
import { formatImportedAt, formatLabel, undoAlso, undoQuestion } from '../describe';

/** UndoDialog asks before an undo, runs it, and shows a refusal (a later import changed the same rows) in place. */
function UndoDialog({ batch, onClose, onUndone }: { batch: ImportBatch; onClose: () => void; onUndone: (batch: ImportBatch) => void }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => undoImport(batch.id),
    onSuccess: async () => {
      onUndone(batch);
      // The undo changed the portfolio: every cached figure may be stale.
      await queryClient.invalidateQueries();
    },
  });
  const also = undoAlso(batch);
  return (
    <Modal title="Undo import" onClose={mutation.isPending ? () => {} : onClose} testId="undo-dialog">
      <div className="form">
        <p>{undoQuestion(batch)}</p>
        {also ? <p className="form__hint">{also}</p> : null}
        {mutation.isError ? (
          <p className="form__problem" role="alert">
            {errorMessage(mutation.error)}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose} disabled={mutation.isPending}>
            {mutation.isError ? 'Close' : 'Keep it'}
          </button>
          <button
            type="button"
            className="button button--danger"
            data-testid="undo-confirm"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {mutation.isPending ? 'Undoing…' : 'Undo import'}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function StatusBadge({ status }: { status: string }) {
  if (status === 'applied') return <Badge tone="accent">Applied</Badge>;
  if (status === 'undone') return <Badge>Undone</Badge>;
  return <Badge>{status}</Badge>;
}

/**
 * ImportHistory lists every import, newest first, with an Undo per applied import (confirmed in
 * a dialog). An undo refused by the backend (a later import changed the same rows) is explained
 * in the dialog.
 */
export function ImportHistory() {
  const titleId = useId();
  const history = useImportHistory();
  const [undoing, setUndoing] = useState<ImportBatch | null>(null);
  const [done, setDone] = useState<string>('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  // After an undo the row's button is gone: focus goes to the section heading instead.
  useEffect(() => {
    if (undoing === null && focusHeading.current) {
      focusHeading.current = false;
      headingRef.current?.focus();
    }
  }, [undoing]);

  const batches = history.data ?? [];
  return (
    <section className="panel panel--flush" aria-labelledby={titleId}>
      <h2 className="panel__title history__title" id={titleId} ref={headingRef} tabIndex={-1}>
        Import history
      </h2>
      <p className="history__done" role="status" aria-live="polite">
        {done}
      </p>
      {history.isError ? (
        <ErrorState
          title="The import history could not be loaded."
          message={errorMessage(history.error)}
          onRetry={() => void history.refetch()}
          retrying={history.isFetching}
        />
      ) : history.isPending ? (
        <p className="history__empty" role="status">
          Loading…
        </p>
      ) : batches.length === 0 ? (
        <p className="history__empty">No imports yet. Files you import are listed here, and each can be undone.</p>
      ) : (
        <div className="table-wrap">
          <table className="table history" data-testid="import-history">
            <caption className="visually-hidden">Imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Created
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Undo</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-testid="import-history-row" className={b.status === 'undone' ? 'history__row--undone' : undefined}>
                  <td className="nowrap">{formatImportedAt(b.importedAt)}</td>
                  <th scope="row" className="history__file" title={b.sheet ? `${b.fileName} (${b.sheet})` : b.fileName}>
                    {b.fileName}
                  </th>
                  <td className="history__format">{formatLabel(b.format)}</td>
                  <td className="num">
                    {formatCount(b.rowsRead)}
                    {b.rejected > 0 ? <span className="history__rejected">{` (${formatCount(b.rejected)} rejected)`}</span> : null}
                  </td>
                  <td className="num">{formatCount(b.result.itemsCreated)}</td>
                  <td className="num">{formatCount(b.result.itemsUpdated)}</td>
                  <td>
                    <StatusBadge status={b.status} />
                  </td>
                  <td className="history__action">
                    {b.status === 'applied' ? (
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="import-undo"
                        aria-label={`Undo the import of ${b.fileName}`}
                        onClick={() => {
                          setDone('');
                          setUndoing(b);
                        }}
                      >
                        Undo
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {undoing ? (
        <UndoDialog
          key={undoing.id}
          batch={undoing}
          onClose={() => setUndoing(null)}
          onUndone={(b) => {
            setDone(`The import of ${b.fileName} was undone.`);
            focusHeading.current = true;
            setUndoing(null);
          }}
        />
      ) : null}
    </section>
  );
}
