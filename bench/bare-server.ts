// The baseline: a bare Fastify JSON route on the same machine, in its own process, measured in the same run.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/bare', async () => ({ items: [{ id: 1, title: '基准' }], nextCursor: null }))
app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  const address = app.server.address()
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`)
})
