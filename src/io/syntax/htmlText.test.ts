import { describe, expect, it } from 'vitest';
import { looksLikeHtml, textOfHtml } from './htmlText';

describe('text of an HTML page', () => {
  it('keeps the words, one paragraph per block, and drops scripts, styles and comments with their content', () => {
    const html = `<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style>
      <script>document.body.innerHTML = '<p>injected</p>'; alert(1)</script></head>
      <body><h1>金昌新闻</h1><!-- <p>hidden</p> --><p>金车储能2GWh磷酸铁锂电池项目<b>建成投产</b>。</p>
      <p onclick="alert(2)">第二段<br>第二行</p><SCRIPT type="module">fetch('//x')</SCRIPT><div>第三段 &amp; 更多&nbsp;文字 &#x4E2D;&#25991;</div></body></html>`;
    expect(textOfHtml(html)).toBe(
      '金昌新闻\n\n金车储能2GWh磷酸铁锂电池项目建成投产。\n\n第二段\n第二行\n\n第三段 & 更多 文字 中文',
    );
  });

  it('reads attribute values holding > without leaking them as text', () => {
    expect(textOfHtml('<p title="a > b">正文</p>')).toBe('正文');
  });

  it('leaves a lone < or & that starts no tag or reference as it is', () => {
    expect(textOfHtml('<p>1 < 2 & 3 &unknown; x</p>')).toBe('1 < 2 & 3 &unknown; x');
  });

  it('tells HTML from plain text', () => {
    expect(looksLikeHtml('<!doctype html><p>x</p>')).toBe(true);
    expect(looksLikeHtml('金昌市 < 兰州市')).toBe(false);
  });

  it('handles a page of a million characters in one pass', () => {
    const html = '<p>金昌</p><script>x</script>'.repeat(40000);
    const text = textOfHtml(html);
    expect(text.split('\n\n')).toHaveLength(40000);
  });
});
