import { useId } from 'react';
import { progressPercent, progressText, progressValueText, type ImportProgress } from '../progress';
import './RowProgress.css';

/** RowProgressProps: the backend's latest word on the file in flight (null before it has said anything). */
export interface RowProgressProps {
  progress: ImportProgress | null;
  fileName: string;
}

/**
 * RowProgress shows how far the file being imported has come: "Reading portfolio.xlsx — 120,000
 * rows" (and the items stored so far) over a bar. With an estimate of the file's rows the bar is
 * determinate (aria-valuenow in percent, see progressPercent); without one, or while the store
 * finishes the file, it is a moving stripe with no value.
 */
export function RowProgress({ progress, fileName }: RowProgressProps) {
  const textId = useId();
  const percent = progressPercent(progress);
  return (
    <div className="row-progress">
      <p className="row-progress__text" id={textId} data-testid="import-row-progress-text">
        {progressText(progress, fileName)}
      </p>
      <div
        className="progress"
        role="progressbar"
        data-testid="import-row-progress"
        aria-labelledby={textId}
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={progressValueText(progress)}
      >
        {percent === null ? (
          <div className="progress__current row-progress__pulse" />
        ) : (
          <div className="progress__done" style={{ width: `${percent}%` }} />
        )}
      </div>
    </div>
  );
}
