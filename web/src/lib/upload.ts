import { type UploadResponse, UploadResponseSchema } from '../../../src/api/sessions.js';
import { type Session, SessionSchema } from '../../../src/hail/session.js';
import { ApiError, errorOf, withQuery } from './api.js';
import { currentToken } from './auth.svelte.js';
import { parseHailText } from './hail-text.js';

/** A dropped file as a session: HAIL JSONL, or (as the reference's web app took) one Session JSON object. */
export async function readSessionFile(file: File): Promise<{ session: Session; skipped: number }> {
  const text = await file.text();
  if (/\.json$/i.test(file.name)) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new Error(`${file.name}: not valid JSON (${(e as Error).message})`);
    }
    const r = SessionSchema.safeParse(obj);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new Error(`${file.name}: not a HAIL session (${i?.path.join('.')}: ${i?.message})`);
    }
    return { session: r.data, skipped: 0 };
  }
  try {
    const { session, issues } = parseHailText(text);
    return { session, skipped: issues.length };
  } catch (e) {
    throw new Error(`${file.name}: ${(e as Error).message}`);
  }
}

export interface UploadTarget {
  teamId?: string;
  visibility: 'private' | 'team' | 'public';
}

/** POSTs a HAIL JSONL body with upload progress (fetch cannot report it; XHR can). */
export async function uploadHail(
  jsonl: string,
  target: UploadTarget,
  onProgress: (fraction: number) => void,
): Promise<UploadResponse & { created: boolean }> {
  const token = await currentToken();
  const url = withQuery('/api/sessions', { team_id: target.teamId, visibility: target.visibility });
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve();
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted. Check your connection.'));
  });
  xhr.open('POST', url);
  xhr.setRequestHeader('content-type', 'application/x-ndjson');
  xhr.setRequestHeader('accept', 'application/json');
  if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.send(jsonl);
  await done;
  const res = new Response(xhr.responseText, {
    status: xhr.status,
    headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
  });
  if (!res.ok) throw await errorOf(res);
  const body = UploadResponseSchema.parse(await res.json());
  onProgress(1);
  return { ...body, created: xhr.status === 201 };
}
