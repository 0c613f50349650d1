import type { z } from 'zod';

/** The first problem of a failed form validation, as a sentence naming the field. */
export function firstIssue(err: z.ZodError, labels: Record<string, string>): string {
  const issue = err.issues[0];
  if (!issue) return 'Please check the form.';
  const field = String(issue.path[0] ?? '');
  const label = labels[field] ?? field;
  if (issue.code === 'too_small' && 'minimum' in issue)
    return `${label} must be at least ${String(issue.minimum)} characters.`;
  if (issue.code === 'too_big' && 'maximum' in issue)
    return `${label} must be at most ${String(issue.maximum)} characters.`;
  if (issue.code === 'invalid_format' || issue.code === 'invalid_type' || issue.code === 'custom')
    return label ? `${label}: ${issue.message === 'Invalid input' ? 'invalid value' : issue.message}.` : issue.message;
  return label ? `${label}: ${issue.message}` : issue.message;
}
