import { csvCell, isBlankRow, parseCsv } from '../../server/modules/admin/csv'

test('parses quotes, doubled quotes, CRLF and a BOM; blank lines stay so row numbers match the spreadsheet', () => {
  const text = '\ufeff楼栋,单元,房号\r\n"1号楼","1","1,01"\r\n\r\n"说""明",2,3\n'
  const rows = parseCsv(text)
  expect(rows).toEqual([['楼栋', '单元', '房号'], ['1号楼', '1', '1,01'], [''], ['说"明', '2', '3']])
  expect(rows.map(isBlankRow)).toEqual([false, false, true, false])
})

test('keeps a last line without a newline', () => {
  expect(parseCsv('a,b\nc,d')).toEqual([
    ['a', 'b'],
    ['c', 'd'],
  ])
})

test('csv cells are quoted when needed and formulas are neutralised', () => {
  expect(csvCell('plain')).toBe('plain')
  expect(csvCell('a,b')).toBe('"a,b"')
  expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
  expect(csvCell(12.5)).toBe('12.5')
})
