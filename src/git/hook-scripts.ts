/** First line after the shebang of every hook we write: how install and uninstall know a hook is ours. */
export const HOOK_MARKER = '# opensession-managed';
/** The suffix a hook that was there before ours is kept under; ours runs it first. */
export const BACKUP_SUFFIX = '.pre-opensession';
/** Exit code of `ops hooks run pre-push` when it refuses the push; any other failure lets the push through. */
export const REFUSE_EXIT = 9;

export const HOOK_NAMES = ['prepare-commit-msg', 'post-commit', 'pre-push'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

const WHAT: Record<HookName, string> = {
  'prepare-commit-msg': 'adds an AI-Session trailer naming the AI sessions active in this repository',
  'post-commit': 'records the commit <-> session links of those trailers in the local index',
  'pre-push': 'refuses to push session files (*.hail.jsonl) that contain secrets',
};

// POSIX sh, no bashisms: hooks run under whatever /bin/sh is. Each script runs the previous
// hook first (a failure there keeps its meaning), then OpenSession, whose own failure or
// absence never blocks a commit or a push: it prints a warning and exits 0.
const HEAD = (name: HookName) => `#!/bin/sh
${HOOK_MARKER}: ${name}
# ${WHAT[name]}.
# Written by \`opensession ops hooks install\`; \`opensession ops hooks uninstall\` removes it and
# puts back the hook that was here before (kept meanwhile as ${name}${BACKUP_SUFFIX}).
previous="$(dirname "$0")/${name}${BACKUP_SUFFIX}"
opensession="\${OPENSESSION_BIN:-opensession}"
`;

const MISSING = (name: HookName) =>
  `  echo "opensession: '$opensession' not found; ${name} hook skipped (set OPENSESSION_BIN or uninstall: opensession ops hooks uninstall)" >&2`;

// Cheap shell checks that spare starting Node when there is nothing to do (a commit waits for it).
const NOTHING_TO_DO: Record<'prepare-commit-msg' | 'post-commit', string> = {
  'prepare-commit-msg': `case "$2" in merge|squash) exit 0 ;; esac
`,
  'post-commit': `git log -1 --format='%(trailers:key=AI-Session,valueonly)' 2>/dev/null | grep -q . || exit 0
`,
};

function commitHook(name: 'prepare-commit-msg' | 'post-commit'): string {
  return `${HEAD(name)}if [ -x "$previous" ]; then
  "$previous" "$@" || exit $?
fi
${NOTHING_TO_DO[name]}if command -v "$opensession" >/dev/null 2>&1; then
  "$opensession" ops hooks run ${name} "$@" || echo "opensession: ${name} hook failed; the commit is not affected" >&2
else
${MISSING(name)}
fi
exit 0
`;
}

function prePushHook(): string {
  const name = 'pre-push';
  // stdin (the refs being pushed) is read once and handed to both hooks.
  return `${HEAD(name)}refs="$(cat)"
feed() { [ -z "$refs" ] || printf '%s\\n' "$refs"; }
if [ -x "$previous" ]; then
  feed | "$previous" "$@" || exit $?
fi
if command -v "$opensession" >/dev/null 2>&1; then
  feed | "$opensession" ops hooks run ${name} "$@"
  rc=$?
  if [ "$rc" -eq ${REFUSE_EXIT} ]; then
    exit 1
  elif [ "$rc" -ne 0 ]; then
    echo "opensession: ${name} secret check failed (exit $rc); pushing anyway" >&2
  fi
else
${MISSING(name)}
fi
exit 0
`;
}

/** The script installed as `name`. */
export function hookScript(name: HookName): string {
  return name === 'pre-push' ? prePushHook() : commitHook(name);
}

export const isOurHook = (text: string): boolean => text.split('\n', 3).some((l) => l.startsWith(HOOK_MARKER));
