/**
 * Runs an Export menu choice: makes the files (exportActions), downloads them and says what was made,
 * or why not. One export at a time; `busy` disables the menu meanwhile.
 */
import { locale } from '../../state/locale.svelte';
import type { NoticeState } from '../../state/notice.svelte';
import { serviceWorker } from '../../state/serviceWorker.svelte';
import { downloadFile } from '../common/download';
import type { ExportChoice, ExportContext } from './exportActions';

export class Exporter {
  busy = $state(false);

  /**
   * @param ready what an export waits for before it reads `context` (the app: the whole data read, so a
   *   file is never made from part of it)
   */
  constructor(
    private readonly context: () => ExportContext | undefined,
    private readonly notice: NoticeState,
    private readonly ready: () => Promise<unknown> = async () => {},
  ) {}

  async run(choice: ExportChoice): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.notice.show(locale.t('export.working'));
    try {
      await this.ready();
      const ctx = this.context();
      if (!ctx) {
        this.notice.clear(locale.t('export.working'));
        return;
      }
      // The file makers load on the first export, not with the app; their words with the whole catalogue.
      const [{ exportFiles }] = await Promise.all([import('./exportActions'), locale.whole()]);
      const files = await exportFiles(choice, ctx);
      for (const f of files) downloadFile(f.fileName, f.mimeType, f.bytes);
      // Many files (the CSV tables) are counted, not listed: the notice must not cover the chart.
      this.notice.show(
        files.length > 3
          ? locale.t('export.doneMany', { count: files.length, file: files[0]!.fileName })
          : files.length
            ? locale.t('export.done', { file: files.map((f) => f.fileName).join(', ') })
            : '',
      );
    } catch (e) {
      // A part that could not be loaded is said by the reload prompt (UpdatePrompt), not as a fetch error.
      this.notice.show(
        serviceWorker.partMissing
          ? ''
          : locale.t('export.failed', { reason: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      this.busy = false;
    }
  }
}
