/**
 * A command the reader can paste as it is: the program's name, `--practice NAME` when the
 * diagnosis was made on a practice PC (so the command acts on the same one), then the words.
 */
export function pasteableCommand(words: string, practiceScenario?: string): string {
  const practice = practiceScenario ? `--practice ${practiceScenario} ` : '';
  return `sfb-signin-repair ${practice}${words}`;
}
