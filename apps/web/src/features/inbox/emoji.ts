/**
 * The composer's emoji: a compact set of the ones support teams use most, each with a
 * translated name (`inbox.emoji.names.<key>`) as its accessible name. Built in rather than
 * a picker library: the libraries that fit load their emoji data from a CDN at run time,
 * which a self-hosted panel (and its CSP) must not depend on.
 */
export const composerEmoji = [
  { key: 'grinning', char: '😀' },
  { key: 'smile', char: '😊' },
  { key: 'joy', char: '😂' },
  { key: 'wink', char: '😉' },
  { key: 'heartEyes', char: '😍' },
  { key: 'thinking', char: '🤔' },
  { key: 'surprised', char: '😮' },
  { key: 'sad', char: '😢' },
  { key: 'thumbsUp', char: '👍' },
  { key: 'thumbsDown', char: '👎' },
  { key: 'wave', char: '👋' },
  { key: 'clap', char: '👏' },
  { key: 'pray', char: '🙏' },
  { key: 'raisedHands', char: '🙌' },
  { key: 'muscle', char: '💪' },
  { key: 'ok', char: '👌' },
  { key: 'heart', char: '❤️' },
  { key: 'party', char: '🎉' },
  { key: 'check', char: '✅' },
  { key: 'star', char: '⭐' },
  { key: 'fire', char: '🔥' },
  { key: 'package', char: '📦' },
  { key: 'truck', char: '🚚' },
  { key: 'calendar', char: '📅' },
] as const;

/** `text` with `insert` put in place of the selection; the caret goes after the insert. */
export function insertAt(
  text: string,
  insert: string,
  start: number,
  end: number = start,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}
