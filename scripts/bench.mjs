// `npm run bench [-- --postgres] [-- --duration=SEC]`: see bench/run.ts.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const res = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(res.status ?? 1)
