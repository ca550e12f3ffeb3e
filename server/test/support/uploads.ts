import type { Api } from './api';

export interface UploadReply {
  status: number;
  body: {
    data: {
      id: number;
      category: string;
      displayName: string;
      originalName: string;
      size: number;
      sha256: string;
      current: boolean;
      taken: boolean;
      takenAt: string | null;
      gps: { lat: number; lng: number } | null;
      downloadUrl: string | null;
      previewUrl: string | null;
      fileKind: string;
      mimeType: string;
    };
  } & { error: { code: string; message: string; details?: { path: string; message: string }[] } };
}

/** Uploads one file to an application through the API (multipart: category, displayName, then the file). */
export async function uploadFile(
  api: Api,
  applicationId: number,
  category: string,
  file: { displayName: string; fileName: string; content: Buffer; contentType?: string },
): Promise<UploadReply> {
  const form = new FormData();
  form.append('category', category);
  form.append('displayName', file.displayName);
  form.append('file', new Blob([new Uint8Array(file.content)], { type: file.contentType ?? 'application/octet-stream' }), file.fileName);
  const res = await fetch(`${api.baseUrl}/api/applications/${applicationId}/attachments`, {
    method: 'POST',
    headers: api.token ? { authorization: `Bearer ${api.token}` } : {},
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as UploadReply['body']) : ({} as UploadReply['body']) };
}

/** Uploads and fails the test with the server's message when the upload is refused. */
export async function mustUpload(
  api: Api,
  applicationId: number,
  category: string,
  file: { displayName: string; fileName: string; content: Buffer },
) {
  const res = await uploadFile(api, applicationId, category, file);
  if (res.status !== 201) {
    throw new Error(`upload ${category} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data;
}
