import { runEntry } from './entry';
runEntry(async () => 'todo');
