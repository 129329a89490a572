import { XMLBuilder } from 'fast-xml-parser'

/** The formats GeoReport v2 answers in, by URL extension; XML is the one the specification requires. */
export const FORMATS = ['xml', 'json'] as const
export type Format = (typeof FORMATS)[number]
export const MEDIA_TYPES: Record<Format, string> = { xml: 'text/xml', json: 'application/json' }
export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8'

/** The document element of each answer, as in the specification's examples. */
export type XmlRoot = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors'

/** A list is an element named after what it holds; each entry is named like this (`<services><service>`). */
const ITEM_OF: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
}

/** The extension of a request path: `/open311/v2/services.xml?x=1` → `xml`. */
export function extensionOf(url: string): string | undefined {
  return /\.([A-Za-z0-9]+)$/.exec(url.split('?')[0]!)?.[1]
}

export const formatOf = (url: string): Format => (extensionOf(url) === 'xml' ? 'xml' : 'json')

function tree(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_OF[name]
    if (!item) throw new Error(`no XML element name for the entries of "${name}"`)
    return { [item]: value.map((v) => tree(v, item)) }
  }
  // The specification shows an absent value as an empty element rather than leaving the element out.
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tree(v, k)]))
  return value
}

const builder = new XMLBuilder({ processEntities: true, suppressEmptyNode: false })

/** The XML rendering of exactly the object the JSON answer is serialized from. */
export function toXml(root: XmlRoot, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: tree(value, root) }) as string}`
}
