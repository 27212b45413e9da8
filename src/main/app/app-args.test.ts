import { describe, expect, it } from 'vitest';
import { parseAppArgs } from './app-args';

describe('parseAppArgs', () => {
  it('reads --practice with and without a scenario, and --data-dir', () => {
    expect(parseAppArgs(['.', '--practice', 'kb-lync2010'])).toEqual({ practice: 'kb-lync2010' });
    expect(parseAppArgs(['--practice=healthy', '--data-dir=/tmp/x'])).toEqual({
      practice: 'healthy',
      dataDir: '/tmp/x',
    });
    expect(parseAppArgs(['--practice', '--data-dir', 'D:\\data'])).toEqual({
      practice: '',
      dataDir: 'D:\\data',
    });
  });

  it('leaves Chromium switches and unknown arguments alone', () => {
    expect(parseAppArgs(['--enable-logging', '--inspect=9229', 'C:\\app'])).toEqual({});
  });
});
