// `npm start`: builds the H5 app when it is missing or older than its sources, then runs the server
// (demo data on unless DEMO=false). A restart without source changes skips the build and takes seconds.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const builtIndex = path.join(root, 'dist/h5/index.html')
const sources = ['src', 'types', 'config'].map((d) => newestMtime(path.join(root, d)))
const built = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0
if (built < Math.max(...sources)) {
  console.log('Building the H5 app (dist/h5)…')
  const res = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit' })
  if (res.status !== 0) process.exit(res.status ?? 1)
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { DEMO: 'true', ...process.env },
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
