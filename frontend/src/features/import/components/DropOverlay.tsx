/**
 * DropOverlay covers the window while files are dragged over a screen other than Import: a drop
 * anywhere takes them to the Import screen to be previewed. It lets pointer events through, so
 * the drag keeps reaching the window.
 */
export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p className="drop-overlay__text">Drop to preview these files on the Import screen</p>
    </div>
  );
}
