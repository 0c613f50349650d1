import { InvitationsResponseSchema } from '../../../src/api/teams.js';
import { api } from './api.js';

/** Pending invitations for the nav badge. */
export const inbox: { count: number } = $state({ count: 0 });

/** Refreshes overlap (a page change, the timer, an accept): only the newest may set the count. */
let latest = 0;

export async function refreshInbox(): Promise<void> {
  const mine = ++latest;
  try {
    const count = (await api('/api/invitations', InvitationsResponseSchema)).invitations.length;
    if (mine === latest) inbox.count = count;
  } catch {
    // The badge is a hint: a failed poll leaves the last count.
  }
}

/** Signed out: no count, and none still on its way may bring one back. */
export function clearInbox(): void {
  latest++;
  inbox.count = 0;
}
