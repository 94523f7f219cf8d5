// A second Docker engine on this machine, started and stopped by the test that needs it: its own socket,
// data root, exec root (with its own containerd), pid file and config, and no network set-up of its own.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Test } from 'tap'
import { imageName, LANGUAGE_IDS } from '../../src/languages.ts'

export interface SecondEngine {
  /** What DOCKER_HOST is for a worker on this engine. */
  host: string
  /** `docker` on this engine. */
  docker(args: string[]): string
}

function answers(host: string): boolean {
  try {
    execFileSync('docker', ['-H', host, 'version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Starts it, loads the sandbox images from the first engine into it, and stops and deletes it at teardown. */
export async function startSecondEngine(t: Test, imagePrefix: string): Promise<SecondEngine> {
  // Not under /tmp's long names: a unix socket path must stay short.
  const dir = mkdtempSync('/tmp/lc-engine-')
  const host = `unix://${dir}/docker.sock`
  const config = path.join(dir, 'daemon.json')
  writeFileSync(config, '{}')
  const log = openSync(path.join(dir, 'dockerd.log'), 'a')
  const dockerd = spawn(
    'dockerd',
    [
      '-H',
      host,
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'docker.pid'),
      '--config-file',
      config,
      // The sandboxes have no network: the second engine needs no bridge and must not touch the host's rules.
      '--bridge=none',
      '--iptables=false',
    ],
    { stdio: ['ignore', log, log] },
  )
  const exited = new Promise<void>((resolve) => dockerd.once('exit', () => resolve()))
  t.teardown(async () => {
    dockerd.kill('SIGTERM')
    const forced = setTimeout(() => dockerd.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(forced)
    // A mount the engine left behind would make the folder impossible to delete.
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n').reverse()) {
      const mountPoint = line.split(' ')[1]
      if (mountPoint?.startsWith(dir)) execFileSync('umount', ['-l', mountPoint])
    }
    rmSync(dir, { recursive: true, force: true })
  })
  const deadline = Date.now() + 60_000
  while (!answers(host)) {
    if (dockerd.exitCode !== null)
      throw new Error(`dockerd exited: ${readFileSync(path.join(dir, 'dockerd.log'), 'utf8')}`)
    if (Date.now() > deadline) throw new Error('the second Docker engine did not answer within 60 s')
    await sleep(200)
  }
  const images = LANGUAGE_IDS.map((language) => imageName(imagePrefix, language))
  // The quick way to get the images there: the first engine's copies, streamed.
  execFileSync('sh', ['-c', `docker save ${images.join(' ')} | docker -H ${host} load --quiet`], { stdio: 'ignore' })
  return {
    host,
    docker: (args) => execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8' }),
  }
}
