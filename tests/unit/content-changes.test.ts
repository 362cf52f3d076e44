// Ingest runs from the project's modules in the start script while pages run from Astro's
// build, which bundles its own copy of content-changes.ts: a change announced by one copy must
// reach the listeners of the other (the page frames and kept reads live in the build).
import { describe, expect, it } from 'vitest';
import * as first from '../../src/server/content/content-changes.ts';

/** A query makes Vite load the file again as a module of its own, as the build's copy is. */
const anotherCopy = (tag: string) => import(/* @vite-ignore */ `../../src/server/content/content-changes.ts?${tag}`) as Promise<typeof first>;

describe('content changes', () => {
  it('reach listeners registered through another copy of the module', async () => {
    const second = await anotherCopy('second-copy');
    expect(second).not.toBe(first);
    const heard: string[][] = [];
    const stop = second.onContentChange((keys) => heard.push([...keys]));
    try {
      first.deliverContentChange(['story:a']);
      await first.announceContentChange(['section:business']);
      expect(heard).toEqual([['story:a'], ['section:business']]);
    } finally {
      stop();
    }
    first.deliverContentChange(['story:b']);
    expect(heard).toHaveLength(2);
  });

  it('go to other instances through the broadcast set by either copy', async () => {
    const second = await anotherCopy('broadcast-copy');
    const sent: string[][] = [];
    second.setContentBroadcast(async (keys) => void sent.push([...keys]));
    try {
      await first.announceContentChange(['story:c']);
      expect(sent).toEqual([['story:c']]);
    } finally {
      second.setContentBroadcast(undefined);
    }
  });
});
