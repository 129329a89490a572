// Draws the tab bar icons (81×81 PNG, as WeChat asks) from inline SVG. Run once after changing a shape;
// the PNGs are committed so builds need no image tooling.
import path from 'node:path'
import sharp from 'sharp'

const shapes = {
  home: '<path d="M12 38 L40 14 L68 38 M20 32 V66 H60 V32" fill="none" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/><rect x="34" y="46" width="12" height="20"/>',
  notices: '<rect x="16" y="12" width="48" height="58" rx="6" fill="none" stroke-width="6"/><path d="M26 28 H54 M26 40 H54 M26 52 H44" stroke-width="6" stroke-linecap="round"/>',
  repairs: '<path d="M50 14 a14 14 0 0 0 -14 18 L14 54 a6 6 0 0 0 0 9 l4 4 a6 6 0 0 0 9 0 L49 45 a14 14 0 0 0 18 -14 l-9 9 -10 -3 -3 -10 z" fill="none" stroke-width="6" stroke-linejoin="round"/>',
  me: '<circle cx="40" cy="28" r="14" fill="none" stroke-width="6"/><path d="M14 70 C16 52 28 46 40 46 C52 46 64 52 66 70" fill="none" stroke-width="6" stroke-linecap="round"/>',
}
const colors = { normal: '#4a4a4a', active: '#0b6e4f' }

for (const [name, body] of Object.entries(shapes)) {
  for (const [state, color] of Object.entries(colors)) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81" stroke="${color}" fill="${color}">${body}</svg>`
    const file = path.join(import.meta.dirname, '..', 'src/assets/tab', `${name}${state === 'active' ? '-active' : ''}.png`)
    await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(file)
  }
}
