import type { ApiClient, UploadResult } from '../client/api-client.js';
import type { Finding } from '../hail/redact.js';
import type { Session } from '../hail/session.js';
import { type SessionRow, sessionRow } from '../store/session-row.js';
import { exclusionReason, type PrivacySettings, prepareForUpload, uploadOptionsFor } from './prepare-upload.js';
import { sessionSignature, type UploadQueue } from './upload-queue.js';

// One session uploaded on the user's request (`publish upload`, the TUI's upload key): the
// same privacy pipeline as the daemon's, and the upload recorded so the daemon does not send
// the same version again.

export type UploadPlan =
  | { row: SessionRow; excluded: string }
  | { row: SessionRow; excluded?: undefined; prepared: Session; findings: Finding[] };

/** Whether the session may leave the machine, and if so what would be sent (secrets redacted, paths stripped). */
export function planUpload(session: Session, privacy: PrivacySettings, home: string): UploadPlan {
  const row = sessionRow(session);
  const excluded = exclusionReason(row, privacy, home);
  if (excluded) return { row, excluded };
  const { session: prepared, findings } = prepareForUpload(session, privacy, home);
  return { row, prepared, findings };
}

/** Sends a planned session and records it in the upload queue of the client's server. */
export async function sendPlanned(
  client: ApiClient,
  queue: UploadQueue,
  plan: Extract<UploadPlan, { prepared: Session }>,
  teamId: string | undefined,
): Promise<UploadResult> {
  const res = await client.uploadSession(plan.prepared, uploadOptionsFor(plan.row, teamId));
  queue.markSent(plan.row.id, sessionSignature(plan.row), res, plan.prepared.events.length);
  return res;
}
