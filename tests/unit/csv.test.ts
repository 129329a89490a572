import { csvCell, csvDocument } from '../../server/lib/csv'
import { isBlankRow, parseCsv } from '../../server/modules/admin/csv'

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
  // A tab or CR before a formula is skipped by some spreadsheets: neutralised too (the receipt export once missed it).
  expect(csvCell('\t=1+1')).toBe("'\t=1+1")
  expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"')
})

test('a csv document starts with a BOM and ends every row with CRLF; it reads back as written', () => {
  const doc = csvDocument([['楼栋', '房号'], [], ['1号楼', '=301']])
  expect(doc).toBe("\uFEFF楼栋,房号\r\n\r\n1号楼,'=301\r\n")
  expect(parseCsv(doc)).toEqual([['楼栋', '房号'], [''], ['1号楼', "'=301"]])
})
