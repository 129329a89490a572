import { answerModal, axeViolations, screenshot, setUpServerAndBrowser, shown } from '../support/browser'

const env = setUpServerAndBrowser()

const TITLE = '是否同意在1号楼门口加装雨棚'

async function vote(persona: string, id: number, label: string, change = false) {
  const page = await env.signIn(persona)
  await env.open(page, `/pages/polls/detail?id=${id}`, TITLE)
  if (change) await page.getByRole('button', { name: '改票' }).click()
  await page.getByRole('radio', { name: label }).click()
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: change ? '提交改票' : '提交投票' }).click()
  await answerModal(page, `选择：${label}`, change ? '改票' : '投票')
  await answerModal(page, '回执码', '知道了')
  await page.getByText(`选择：${label}`).waitFor()
  return page
}

test('a representative runs an owners’ decision: two neighbours vote, one changes, a paper ballot, close, verdict', async () => {
  // The representative creates the poll for their building and opens it.
  const rep = await env.signIn('rep')
  await env.open(rep, '/packages/staff/poll-edit', '表决规则')
  await rep.locator('input[aria-label="标题"]').fill(TITLE)
  await rep.getByRole('radio', { name: '业主共同决定（一般事项）' }).click()
  await rep.getByRole('checkbox', { name: '1号楼' }).click()
  await screenshot(rep, 'standard-rep-poll-edit')
  expect(await axeViolations(rep)).toEqual([])
  await rep.getByRole('button', { name: '创建（草稿）' }).click()
  await rep.waitForURL(/packages\/staff\/poll-console\?id=\d+/)
  const id = Number(/id=(\d+)/.exec(rep.url())![1])
  await rep.getByRole('button', { name: '发布投票' }).click()
  await answerModal(rep, '发布后住户会收到通知', '发布')
  await rep.getByText('状态：进行中').waitFor()

  // Two owners vote; the first changes their mind.
  const resident = await vote('resident', id, '同意')
  await screenshot(resident, 'standard-resident-poll-detail')
  await vote('rep', id, '反对')
  await vote('resident', id, '反对', true)

  // The representative enters a paper ballot for a neighbour who has no phone, then closes the poll.
  await rep.reload()
  await shown(rep, '未投票的住户（38 户）')
  expect(await axeViolations(rep)).toEqual([])
  await rep.getByRole('button', { name: '1号楼1单元101，录入纸质票' }).click()
  await rep.getByText('录入纸质票：1号楼1单元101').waitFor()
  await rep.getByRole('radio', { name: '同意' }).click()
  await rep.getByRole('textbox', { name: '备注（可不填）' }).fill('老人口述，邻居见证')
  expect(await axeViolations(rep)).toEqual([])
  await rep.getByRole('button', { name: '录入', exact: true }).click()
  await answerModal(rep, '1号楼1单元101 的回执码', '知道了')
  await rep.getByText('未投票的住户（37 户）', { exact: false }).waitFor()
  await rep.getByRole('button', { name: '结束投票' }).click()
  await answerModal(rep, '结束后不能再投票', '结束')
  await rep.getByText('状态：已结束').waitFor()

  // The results page shows what the server computed: 3 of 40 households voted, far below 2/3 → not passed.
  const results = await env.api('resident', 'GET', `/polls/${id}/results`)
  expect(results.turnout.households).toBe(3)
  expect(results.options.map((o: { households: number }) => o.households)).toEqual([1, 2, 0])
  expect(results.legal).toMatchObject({ quorumMet: false, passed: false })
  const page = await env.signIn('resident')
  await env.open(page, `/pages/polls/detail?id=${id}`, '未通过：参与表决的业主不足法定比例')
  const area = results.legal.conditions.find((c: { name: string }) => c.name === 'area_turnout')
  await page.getByText(`参与表决面积 ${area.value}%（需≥66.7%）✘`).waitFor()
  await page.getByText('同意：1 户', { exact: false }).waitFor()
  await page.getByText('反对：2 户', { exact: false }).waitFor()
  await screenshot(page, 'standard-resident-poll-results')
  expect(await axeViolations(page)).toEqual([])
  await page.context().close()
  await rep.context().close()
  await resident.context().close()
}, 120_000)
