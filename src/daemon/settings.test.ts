import { describe, expect, it } from 'vitest';
import { DaemonConfigSchema } from './config.js';
import { notices } from './settings.js';

const settings = (gitStorage: 'native' | 'platform_api' | 'none') => ({
  config: DaemonConfigSchema.parse({ git_storage: { method: gitStorage } }),
  warnings: [],
  server: { url: 'http://127.0.0.1:1', apiKey: 'k' },
  extraExcludedTools: [],
});

describe('daemon notices', () => {
  it('says that platform_api storage is not supported and what to use instead', () => {
    const list = notices(settings('platform_api'));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/platform_api.*not supported.*"native"/);
  });

  it('says nothing about native storage, which the publisher does', () => {
    expect(notices(settings('native'))).toEqual([]);
  });
});
