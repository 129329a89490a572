import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'

async function main() {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${err.message}`)
      process.exit(2)
    }
    throw err
  }
  const app = await buildApp(config, { logger: true })
  const close = async () => {
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', close)
  process.on('SIGTERM', close)
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  console.log(`\n邻里通 is running: http://${shownHost}:${port}/  (API docs: http://${shownHost}:${port}/api/docs${config.demo ? ', demo login on' : ''})\n`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
