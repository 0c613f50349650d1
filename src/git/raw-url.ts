import { SESSIONS_BRANCH } from './layout.js';

/** `https://host/owner/repo` from an https, ssh (`git@host:o/r.git`) or ssh:// remote, or undefined. */
export function webUrlOf(remote: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(remote);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  try {
    const u = new URL(remote);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(u.protocol)) return undefined;
    const path = u.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '');
    // Credentials in the remote must not end up in a URL sent to a server.
    return path.length > 1 ? `https://${u.hostname}${path}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a file on the sessions branch can be downloaded once the branch is pushed, used as the
 * session's body_url (reference spec §7): GitHub and GitLab raw endpoints, else `<web>/raw/…`.
 */
export function rawUrl(remote: string, relPath: string): string | undefined {
  const web = webUrlOf(remote);
  if (!web) return undefined;
  const u = new URL(web);
  const path = u.pathname.slice(1);
  if (u.hostname === 'github.com') return `https://raw.githubusercontent.com/${path}/${SESSIONS_BRANCH}/${relPath}`;
  if (u.hostname === 'gitlab.com') return `${web}/-/raw/${SESSIONS_BRANCH}/${relPath}`;
  return `${web}/raw/${SESSIONS_BRANCH}/${relPath}`;
}
