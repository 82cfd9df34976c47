/**
 * Saves bytes as a file through the browser's download, from a blob URL of this origin: nothing leaves
 * the machine.
 */
export function downloadFile(fileName: string, mimeType: string, bytes: Uint8Array | string): void {
  const blob = new Blob([bytes as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, so the download can start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file-name-safe date stamp (2026-11-26). */
export function dateStamp(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}
