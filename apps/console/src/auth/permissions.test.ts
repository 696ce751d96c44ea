import { describe, expect, it } from 'vitest';
import { capabilities } from './permissions';

describe('role capabilities', () => {
  it('gives each role what its routes allow', () => {
    const row = (r: Parameters<typeof capabilities>[0]) => {
      const c = capabilities(r);
      return [c.viewApps, c.editApps, c.editDatasets, c.datasetKeys, c.providers, c.manageMembers, c.transferOwner];
    };
    expect(row('owner')).toEqual([true, true, true, true, true, true, true]);
    expect(row('admin')).toEqual([true, true, true, true, true, true, false]);
    expect(row('editor')).toEqual([true, true, true, true, false, false, false]);
    expect(row('normal')).toEqual([true, false, false, false, false, false, false]);
    expect(row('dataset_operator')).toEqual([false, false, true, false, false, false, false]);
    expect(row(undefined)).toEqual([false, false, false, false, false, false, false]);
  });
});
