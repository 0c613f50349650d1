import { InvitationsResponseSchema } from '../../../src/api/teams.js';
import { api } from './api.js';

/** Pending invitations for the nav badge. */
export const inbox: { count: number } = $state({ count: 0 });

export async function refreshInbox(): Promise<void> {
  try {
    inbox.count = (await api('/api/invitations', InvitationsResponseSchema)).invitations.length;
  } catch {
    // The badge is a hint: a failed poll leaves the last count.
  }
}
