import { fetchFile, saveBlob } from '../request';

/**
 * GET /api/applications/:id/dossier.zip — 导出资料: the summary PDF and every file of the
 * application in one zip named after its number, fetched with the login token and saved.
 */
export async function downloadDossier(applicationId: number, fallbackName: string): Promise<void> {
  const { blob, filename } = await fetchFile(`/applications/${applicationId}/dossier.zip`);
  saveBlob(blob, filename === 'download' ? fallbackName : filename);
}
