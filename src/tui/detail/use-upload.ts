import { useRef } from 'react';
import type { Session } from '../../hail/session.js';
import type { SendablePlan, Sharing } from '../account/share-api.js';
import type { KeyPress } from '../keys.js';
import type { TuiServices } from '../services.js';
import { cleanLine } from '../text.js';
import { upload, uploadQuestion } from './actions.js';

export interface UploadDeps {
  session: Session;
  sharing: Sharing;
  services: TuiServices;
  /** Shows one line in the status bar. */
  say: (text: string) => void;
  /** Opens the confirm prompt (every key then goes to `answer`), or closes it. */
  prompt: (open: boolean) => void;
  onPrint: (line: string) => void;
}

/**
 * The detail screen's upload: `ask` plans it (privacy pipeline, redaction count) and opens the
 * confirm prompt; `answer` sends on `y`, anything else cancels. The plan asked about is the one sent.
 */
export function useUpload(d: UploadDeps) {
  const planned = useRef<SendablePlan>(undefined);
  const ask = () => {
    const { sharing, say } = d;
    if (!sharing.ok) return say(sharing.reason);
    say('checking what would be sent…');
    sharing.services.plan(d.session).then(
      (plan) => {
        if (plan.excluded !== undefined) return say(`not uploaded: ${cleanLine(plan.excluded)}`);
        planned.current = plan;
        d.prompt(true);
      },
      (e: unknown) => say(`upload failed: ${cleanLine(e instanceof Error ? e.message : String(e))}`),
    );
  };
  const answer = (k: KeyPress) => {
    const plan = planned.current;
    planned.current = undefined;
    d.prompt(false);
    if (k.name !== 'y' || !plan || !d.sharing.ok) return d.say('upload cancelled');
    d.say('uploading…');
    void upload(plan, d.sharing.services, d.services).then(({ text, page }) => {
      d.say(text);
      if (page) d.onPrint(page);
    });
  };
  const question = () =>
    planned.current && d.sharing.ok ? uploadQuestion(planned.current, d.sharing.services) : 'upload?';
  return { ask, answer, question };
}
