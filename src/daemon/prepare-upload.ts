import type { UploadOptions } from '../api/sessions.js';
import { type Finding, redactSession } from '../hail/redact.js';
import { sanitizeSession } from '../hail/sanitize.js';
import type { Session } from '../hail/session.js';
import { globMatcher } from '../parsers/external/glob.js';
import type { DaemonConfig } from './config.js';

/** What leaves the machine, and what never does. */
export interface PrivacySettings {
  stripPaths: boolean;
  stripEnvVars: boolean;
  redactSecrets: boolean;
  /** Globs over the working directory (`~/work/**`, `/srv/secret-*`) or the project name (`acme-*`). */
  excludeProjects: readonly string[];
  excludeTools: readonly string[];
}

export function privacyOf(config: DaemonConfig, moreExcludedTools: readonly string[] = []): PrivacySettings {
  const p = config.privacy;
  return {
    stripPaths: p.strip_paths,
    stripEnvVars: p.strip_env_vars,
    redactSecrets: p.redact_secrets,
    excludeProjects: p.exclude_projects,
    excludeTools: [...new Set([...p.exclude_tools, ...moreExcludedTools])],
  };
}

export interface SessionPlace {
  tool: string;
  cwd: string | null;
  project: string | null;
}

/** Why a session must not be uploaded, or undefined when it may be. */
export function exclusionReason(s: SessionPlace, privacy: PrivacySettings, home: string): string | undefined {
  if (privacy.excludeTools.includes(s.tool)) return `tool ${s.tool} is excluded (privacy.exclude_tools)`;
  for (const glob of privacy.excludeProjects) {
    const matches = globMatcher(glob, home);
    if ((s.cwd && matches(s.cwd)) || (s.project && matches(s.project)))
      return `project matches "${glob}" (privacy.exclude_projects)`;
  }
  return undefined;
}

export interface PreparedSession {
  session: Session;
  /** Secrets replaced by [REDACTED:kind], for the user to review (masked previews only). */
  findings: Finding[];
}

/** Secrets redacted, then home paths and secret env values stripped: what the server receives. */
export function prepareForUpload(session: Session, privacy: PrivacySettings, home: string): PreparedSession {
  const redacted = privacy.redactSecrets ? redactSession(session) : { session, findings: [] };
  const sanitized =
    privacy.stripPaths || privacy.stripEnvVars
      ? sanitizeSession(redacted.session, {
          stripPaths: privacy.stripPaths,
          stripEnvVars: privacy.stripEnvVars,
          homeDirs: [home],
        })
      : redacted.session;
  return { session: sanitized, findings: redacted.findings };
}

/** Upload options from what the index knows about the session; team_id '' means private. */
export function uploadOptionsFor(
  s: { git_branch: string | null; git_repo: string | null },
  teamId: string | undefined,
): Partial<UploadOptions> {
  return {
    team_id: teamId || undefined,
    git_branch: s.git_branch ?? undefined,
    git_repo_name: s.git_repo ?? undefined,
  };
}
