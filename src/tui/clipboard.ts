// OSC 52 asks the terminal to set its clipboard. It needs no clipboard tool on the machine and
// works over SSH, in terminals that allow it (most do; tmux needs `set-clipboard on`).
// Under tmux the sequence is wrapped in a passthrough so it reaches the outer terminal.

/** Terminals commonly cap OSC 52 payloads around 100 kB of base64. */
export const OSC52_MAX_BYTES = 74_994;

export function osc52(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const payload = Buffer.from(text, 'utf8').subarray(0, OSC52_MAX_BYTES).toString('base64');
  const seq = `\u001b]52;c;${payload}\u0007`;
  return env.TMUX ? `\u001bPtmux;${seq.replace(/\u001b/g, '\u001b\u001b')}\u001b\\` : seq;
}
