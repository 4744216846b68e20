import { useId, useState, type FormEvent } from 'react';
import { Modal } from '../../../components/ui/Modal';
import { errorMessage } from '../../../lib/backend';
import { useCreatePortfolio, useOpenPortfolio } from '../api';

/** PortfolioDialogProps: "open" asks for an existing file, "new" for a file to create and a name. */
export interface PortfolioDialogProps {
  mode: 'open' | 'new';
  onClose: () => void;
}

/**
 * PortfolioDialog is the browser stand-in for the native file dialogs: the portfolio is a
 * file on the machine running Throughline, so the user types its path.
 */
export function PortfolioDialog({ mode, onClose }: PortfolioDialogProps) {
  const pathId = useId();
  const pathHintId = useId();
  const nameId = useId();
  const problemId = useId();
  const openPortfolio = useOpenPortfolio();
  const createPortfolio = useCreatePortfolio();
  const mutation = mode === 'open' ? openPortfolio : createPortfolio;
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<{ field: 'path' | 'name'; message: string } | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmedPath = path.trim();
    const trimmedName = name.trim();
    if (mode === 'new' && trimmedName === '') {
      setProblem({ field: 'name', message: 'Enter a name for the portfolio.' });
      return;
    }
    if (trimmedPath === '') {
      setProblem({ field: 'path', message: 'Enter the path of the portfolio file.' });
      return;
    }
    setProblem(null);
    const done = { onSuccess: () => onClose() };
    if (mode === 'open') openPortfolio.mutate(trimmedPath, done);
    else createPortfolio.mutate({ path: trimmedPath, name: trimmedName }, done);
  };

  const title = mode === 'open' ? 'Open portfolio' : 'New portfolio';
  const pending = mutation.isPending;

  return (
    <Modal title={title} onClose={onClose} testId="portfolio-dialog">
      <form className="form" onSubmit={submit} noValidate>
        {mode === 'new' ? (
          <div className="form__field">
            <label className="form__label" htmlFor={nameId}>
              Name
            </label>
            <input
              id={nameId}
              className="form__input"
              type="text"
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={problem?.field === 'name' || undefined}
              aria-describedby={problem?.field === 'name' ? problemId : undefined}
            />
          </div>
        ) : null}
        <div className="form__field">
          <label className="form__label" htmlFor={pathId}>
            {mode === 'open' ? 'Portfolio file path' : 'New file path'}
          </label>
          <input
            id={pathId}
            className="form__input form__input--mono"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            aria-invalid={problem?.field === 'path' || undefined}
            aria-describedby={problem?.field === 'path' ? `${problemId} ${pathHintId}` : pathHintId}
          />
          <p className="form__hint" id={pathHintId}>
            {mode === 'open'
              ? 'The full path of an existing portfolio file on the computer running Throughline.'
              : 'The full path of the file to create on the computer running Throughline. It must not exist yet.'}
          </p>
        </div>
        {problem ? (
          <p className="form__problem" id={problemId} role="alert">
            {problem.message}
          </p>
        ) : null}
        {mutation.isError ? (
          <p className="form__problem" role="alert">
            {errorMessage(mutation.error)}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? (mode === 'open' ? 'Opening…' : 'Creating…') : mode === 'open' ? 'Open' : 'Create'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
