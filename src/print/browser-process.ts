/**
 * The browser process: ending it by killing its process tree, and removing
 * profiles that builds killed with `kill -9` left behind.
 */
import {execFile, type ChildProcess} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {readdir, readFile, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Browser} from 'puppeteer-core'

const closeGraceMs = 5_000

export const profilePrefix = 'scorecard-chrome-'
/** Written into each profile: the process that owns it, so a later run can tell a leftover. */
export const profileOwnerFile = 'scorecard-owner.json'

/**
 * Remove browser profiles left in the temp folder by builds that died
 * without cleaning up (`kill -9`): those whose owner process on this host is
 * gone, and unowned ones older than a day.
 */
export async function removeStaleProfiles(tmp: string = os.tmpdir()): Promise<string[]> {
  const removed: string[] = []
  const names = await readdir(tmp).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(profilePrefix)) continue
    const dir = path.join(tmp, name)
    let stale = false
    try {
      const owner = JSON.parse(await readFile(path.join(dir, profileOwnerFile), 'utf8')) as {pid?: unknown; host?: unknown}
      stale = owner.host === os.hostname() && typeof owner.pid === 'number' && !processAlive(owner.pid)
    } catch {
      const stats = await stat(dir).catch(() => undefined)
      stale = stats !== undefined && stats.isDirectory() && Date.now() - stats.mtimeMs > 24 * 60 * 60 * 1000
    }
    if (!stale) continue
    await rm(dir, {recursive: true, force: true}).catch(() => {})
    removed.push(dir)
  }
  return removed
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Kill Chromium with all its helper processes, and wait until they are gone.
 * puppeteer starts it as the leader of its own process group on POSIX, so
 * the group id reaches the renderers and the zygote too; on Windows taskkill
 * walks the tree.
 */
export async function killBrowser(browser: Browser): Promise<void> {
  const child = browser.process()
  if (child === null || child.pid === undefined || hasExited(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const group = process.platform === 'win32' ? undefined : child.pid
  try {
    if (group === undefined) execFile('taskkill', ['/pid', String(child.pid), '/T', '/F'], () => {})
    else process.kill(-group, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
  await settlesWithin(exited, closeGraceMs)
  // The leader's exit does not wait for the rest of the group, which the
  // kernel ends a moment later: a renderer may outlive it by a few ms.
  if (group !== undefined) await groupEnded(group, closeGraceMs)
  // Let puppeteer notice the dead connection and release its listeners.
  await settlesWithin(browser.close(), closeGraceMs)
}

/** Wait, at most `ms`, until no process of group `pgid` is left running (zombies only wait to be reaped: they count as ended). */
async function groupEnded(pgid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (groupRunning(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5))
}

function groupRunning(pgid: number): boolean {
  if (process.platform !== 'linux') {
    // No /proc to tell zombies apart: signal 0 reaches any member left.
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // After the command name, which may hold spaces: state, ppid, pgrp, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === pgid && state !== 'Z') return true
    } catch {
      // The process ended while we looked.
    }
  }
  return false
}

/** Whether `promise` fulfils within `ms`; never rejects. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true, () => false), expired])
  } finally {
    clearTimeout(timer)
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

