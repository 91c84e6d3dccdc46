import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsyncDirectory, fsyncTree, syncFileSystem } from './fsync.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-fsync-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fsyncTree', () => {
  it('flushes a directory tree and refuses a missing one', () => {
    const dir = join(root, 'tree');
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'file'), 'x');
    expect(() => fsyncTree(dir)).not.toThrow();
    expect(() => fsyncTree(join(root, 'missing'))).toThrow(/ENOENT/);
  });
});

describe('fsyncDirectory', () => {
  it('flushes a directory and refuses a file or a missing one', async () => {
    const dir = join(root, 'entries');
    mkdirSync(dir);
    writeFileSync(join(dir, 'file'), 'x');
    await expect(fsyncDirectory(dir)).resolves.toBeUndefined();
    await expect(fsyncDirectory(join(dir, 'file'))).rejects.toThrow(/ENOTDIR/);
    await expect(fsyncDirectory(join(root, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});

describe('syncFileSystem', () => {
  it('answers whether the file system holding a directory was flushed', () => {
    expect(syncFileSystem(root)).toBe(true);
    expect(syncFileSystem(join(root, 'missing'))).toBe(false);
  });
});
