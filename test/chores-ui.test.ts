// The Test account tab's pure parts (renderer/src/features/chores): the template form and preview
// made from a template's {{name.DATA}} content, and the QR code drawn from WeChat's url, decoded
// back by jsQR (a decoder written apart from the encoder).
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { QUIET, qrModules } from '../renderer/src/features/chores/qr';
import { colorOk, previewLines, templateData, templateFields } from '../renderer/src/features/chores/template-fields';

const CONTENT = '{{first.DATA}}\n商品名称：{{keyword1.DATA}}\n价格：{{ keyword2.DATA }} 元\n{{first.DATA}}{{remark.DATA}}';

describe('template fields', () => {
  it('finds each {{name.DATA}} once, in order, spaces inside the braces allowed', () => {
    expect(templateFields(CONTENT)).toEqual(['first', 'keyword1', 'keyword2', 'remark']);
    expect(templateFields('no fields {{x}} {{.DATA}}')).toEqual([]);
  });

  it('makes the data object with every field, and a color only when one is given', () => {
    const data = templateData(['first', 'keyword1'], { first: { value: 'Hi', color: ' #FF0000 ' } });
    expect(data).toEqual({ first: { value: 'Hi', color: '#FF0000' }, keyword1: { value: '' } });
  });

  it('checks colors as #RRGGBB, empty meaning the default', () => {
    expect(colorOk('')).toBe(true);
    expect(colorOk('#00ff7A')).toBe(true);
    expect(colorOk('red')).toBe(false);
    expect(colorOk('#fff')).toBe(false);
  });

  it('previews the content line by line with the values and their valid colors', () => {
    const lines = previewLines(CONTENT, { keyword1: { value: '咖啡', color: '#173177' }, keyword2: { value: '9', color: 'bad' } });
    expect(lines).toHaveLength(4);
    expect(lines[1]).toEqual([{ text: '商品名称：' }, { field: 'keyword1', value: '咖啡', color: '#173177' }]);
    expect(lines[2]).toEqual([{ text: '价格：' }, { field: 'keyword2', value: '9' }, { text: ' 元' }]);
  });
});

/** The modules as RGBA pixels, `scale` per module, with the quiet zone, as a canvas would hold them. */
function pixels(modules: boolean[][], scale: number) {
  const size = (modules.length + QUIET * 2) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const r = Math.floor(y / scale) - QUIET;
      const c = Math.floor(x / scale) - QUIET;
      if (modules[r]?.[c]) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  return { data, size };
}

describe('the QR code drawn from the url', () => {
  it.each(['http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI', 'https://example.com/扫码?scene=中文'])('decodes back to %s', (url) => {
    const { data, size } = pixels(qrModules(url), 4);
    expect(jsQR(data, size, size)?.data).toBe(url);
  });
});
