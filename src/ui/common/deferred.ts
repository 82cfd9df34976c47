/**
 * Loading parts of the app the first view does not show (dialogs, the gap view, forms) after the
 * chain is drawn, so the start-up code stays small (`npm run bench` records its size). Every part is
 * still in the offline copy.
 */
import { FIRST_DRAW } from '../../graph/chainGraph';

let drawn: Promise<void> | undefined;

/**
 * Resolves once the chain has been drawn for the first time, or after `wait` ms on a page that
 * draws no chain (the dossier, the notes window, an error).
 */
export function firstDraw(wait = 1500): Promise<void> {
  drawn ??= new Promise<void>((resolve) => {
    if (performance.getEntriesByName(FIRST_DRAW).length) return resolve();
    window.addEventListener(FIRST_DRAW, () => resolve(), { once: true });
    setTimeout(resolve, wait);
  });
  return drawn;
}

/** Loads a module once the chain is drawn (see `firstDraw`). */
export const afterFirstDraw = <T>(load: () => Promise<T>): Promise<T> => firstDraw().then(load);
