/**
 * "15 minutes", "1 minute", "42 seconds": how long someone must wait, in
 * words, for lockout and rate-limit messages (rounded up to whole minutes
 * from two minutes on, so a message never promises less than the truth).
 */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 120) return s === 1 ? '1 second' : `${s} seconds`;
  const minutes = Math.ceil(s / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}
