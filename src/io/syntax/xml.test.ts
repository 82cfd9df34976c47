/**
 * The XML reader: well-formed input as a tree; every error at its offset; no entity expansion.
 */
import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, escapeXml, readXmlTree, textOf } from './xml';

const errorAt = async (text: string) => {
  try {
    await readXmlTree(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error('expected a syntax error');
};

describe('XML reader', () => {
  it('reads elements, attributes, text, CDATA and references', async () => {
    const root = await readXmlTree(
      '<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y=\'&#x4e2d;\'><b>t &lt; u</b><![CDATA[<raw>]]><c/></a>',
    );
    expect(root.name).toBe('a');
    expect(root.attrs).toEqual({ x: '1 & 2', y: '中' });
    expect(textOf(root)).toBe('t < u<raw>');
    expect(root.children.length).toBe(3);
  });

  it('skips a DOCTYPE and never expands its entities', async () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<lolz>&lol2;</lolz>';
    expect(await errorAt(laughs)).toEqual({
      offset: laughs.indexOf('&lol2;'),
      message: expect.stringContaining('unknown entity &lol2;'),
    });
    const external = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>';
    expect((await errorAt(external)).message).toContain('unknown entity &xxe;');
    expect(textOf(await readXmlTree('<!DOCTYPE r [<!ELEMENT r (#PCDATA)>]><r>ok</r>'))).toBe('ok');
  });

  it('reports mismatched, unclosed and stray markup at its offset', async () => {
    expect(await errorAt('<a><b></a>')).toEqual({ offset: 6, message: 'expected </b> but found </a>' });
    expect((await errorAt('<a><b>')).message).toBe('the element <b> is not closed');
    expect((await errorAt('<a x="1" x="2"/>')).message).toBe('attribute x appears twice');
    expect((await errorAt('<a x=1/>')).message).toBe('the value of x must be in quotes');
    expect((await errorAt('<a>&#0;</a>')).message).toContain('not a character XML allows');
    expect((await errorAt('<a>AT&T</a>')).message).toContain('must start a reference');
    expect((await errorAt('<a/><b/>')).message).toBe('only one root element is allowed');
    expect((await errorAt('text')).message).toBe('text is not allowed outside the root element');
    expect((await errorAt('')).message).toBe('the file holds no XML element');
  });

  it('handles deep nesting without recursion', async () => {
    const depth = 50_000;
    const root = await readXmlTree('<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth));
    expect(textOf(root)).toBe('x');
  });
});

describe('escapeXml', () => {
  it('escapes markup, keeps a carriage return, and drops characters XML cannot hold', () => {
    expect(escapeXml('a\u0001<b c="d">&\'\r\n\tz\uffff')).toBe('a&lt;b c=&quot;d&quot;&gt;&amp;&apos;&#13;\n\tz');
  });

  it('gives text that the reader reads back as written, minus what XML cannot hold', async () => {
    const written = "LFP <正极> & “quotes” ' \u0007end\r";
    const tree = await readXmlTree(`<r a="${escapeXml(written)}">${escapeXml(written)}</r>`);
    expect(textOf(tree)).toBe(written.replace('\u0007', ''));
    expect(tree.attrs.a).toBe(written.replace('\u0007', ''));
  });
});
