import { useEffect, useRef, useState } from 'react';
import { candidatesFromDataTransfer, hasFiles, type Candidate } from './files';

/**
 * useWindowFileDrop makes the whole window a drop target for files and folders (PRODUCT §7:
 * "drop files or a folder on the window"): while files are dragged over it, `dragging` is true;
 * a drop hands the files (folders walked) to onDrop. Drags of text or links are left alone, and a
 * file dropped anywhere never makes the window navigate to it.
 */
export function useWindowFileDrop(onDrop: (candidates: Candidate[]) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handler = useRef(onDrop);
  useEffect(() => {
    handler.current = onDrop;
  });

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count them to know when the
    // drag has left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDropEvent = (event: DragEvent) => {
      if (!hasFiles(event.dataTransfer) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void candidatesFromDataTransfer(event.dataTransfer).then((candidates) => {
        if (candidates.length > 0) handler.current(candidates);
      });
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDropEvent);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDropEvent);
    };
  }, []);

  return dragging;
}
