/**
 * The practice scenarios by name and description, without the practice PC itself: every command
 * lists or checks them (the help, `--practice NAME`), and only the ones that open a practice PC
 * load its host, with the schemas of its documents.
 */
import { SCENARIOS, scenarioNamed } from './scenarios';

export const PRACTICE_SCENARIOS: ReadonlyArray<{ name: string; description: string }> =
  SCENARIOS.map(({ name, description }) => ({ name, description }));

export const DEFAULT_PRACTICE_SCENARIO = 'kb-lync2013';

export function isPracticeScenario(name: string): boolean {
  return scenarioNamed(name) !== undefined;
}
