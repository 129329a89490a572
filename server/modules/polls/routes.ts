import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema } from '../../../types/schemas/common'
import {
  CancelPollSchema,
  CastBallotSchema,
  CastResultSchema,
  ClosePollSchema,
  CreatePollSchema,
  PaperBallotSchema,
  PollListQuerySchema,
  PollListSchema,
  PollResultsSchema,
  PollSchema,
  ReceiptCheckSchema,
  ReceiptParamsSchema,
  TurnoutListSchema,
} from '../../../types/schemas/polls'
import type { Deps } from '../../context'
import { requireActor, requireTokenHash } from '../../plugins/auth'
import { castBallot, checkReceipt, enterPaperBallot } from './ballots'
import { cancelPoll, closePoll, createPoll, openPoll } from './lifecycle'
import { getPoll, listPolls, turnoutList } from './read'
import { getResults, resultsCsv } from './results'

const tags = ['polls']

export const pollRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/polls', { schema: { tags, body: CreatePollSchema, response: { 201: PollSchema } } }, async (req, reply) => {
    const poll = await createPoll(deps, await requireActor(deps, req), req.body)
    return reply.status(201).send(poll)
  })

  app.get('/polls', { schema: { tags, querystring: PollListQuerySchema, response: { 200: PollListSchema } } }, async (req) =>
    listPolls(deps, await requireActor(deps, req), req.query),
  )

  app.get('/polls/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PollSchema } } }, async (req) =>
    getPoll(deps, await requireActor(deps, req), req.params.id),
  )

  app.post('/polls/:id/open', { schema: { tags, params: IdParamsSchema, response: { 200: PollSchema } } }, async (req) =>
    openPoll(deps, await requireActor(deps, req), req.params.id),
  )

  app.post(
    '/polls/:id/close',
    {
      schema: { tags, params: IdParamsSchema, body: ClosePollSchema, response: { 200: PollSchema } },
      // The reason is optional, and so is the body that carries it.
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req) => closePoll(deps, await requireActor(deps, req), req.params.id, req.body.reason),
  )

  app.post('/polls/:id/cancel', { schema: { tags, params: IdParamsSchema, body: CancelPollSchema, response: { 200: PollSchema } } }, async (req) =>
    cancelPoll(deps, await requireActor(deps, req), req.params.id, req.body.reason),
  )

  app.put(
    '/polls/:id/ballot',
    { schema: { tags, description: '投票或改票（本户一票）；返回回执码。', params: IdParamsSchema, body: CastBallotSchema, response: { 200: CastResultSchema } } },
    async (req) => castBallot(deps, requireTokenHash(req), req.params.id, req.body),
  )

  app.post(
    '/polls/:id/paper-ballots',
    {
      schema: {
        tags,
        description: '录入纸质票。若该户已在手机上投票，需 override: true 并填写 reason（均记录在案）。',
        params: IdParamsSchema,
        body: PaperBallotSchema,
        response: { 201: CastResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await enterPaperBallot(deps, await requireActor(deps, req), req.params.id, req.body)),
  )

  app.get('/polls/:id/results', { schema: { tags, params: IdParamsSchema, response: { 200: PollResultsSchema } } }, async (req) =>
    getResults(deps, await requireActor(deps, req), req.params.id),
  )

  app.get('/polls/:id/results.csv', { schema: { tags, params: IdParamsSchema, produces: ['text/csv'] } }, async (req, reply) => {
    const csv = await resultsCsv(deps, await requireActor(deps, req), req.params.id)
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="poll-${req.params.id}-results.csv"`)
      .send(csv)
  })

  app.get('/polls/:id/turnout', { schema: { tags, params: IdParamsSchema, response: { 200: TurnoutListSchema } } }, async (req) =>
    turnoutList(deps, await requireActor(deps, req), req.params.id),
  )

  app.get('/polls/:id/receipts/:code', { schema: { tags, params: ReceiptParamsSchema, response: { 200: ReceiptCheckSchema } } }, async (req) =>
    checkReceipt(deps, await requireActor(deps, req), req.params.id, req.params.code),
  )
}
