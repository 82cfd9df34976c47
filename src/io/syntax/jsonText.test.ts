/**
 * Positions in JSON text: the error position as each engine words it, our own scan, and where paths
 * stand.
 */
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn, locateJsonPaths, offsetFromEngineMessage } from './jsonText';

describe('JSON error positions', () => {
  const text = '{\n  "a": 1,\n  "b" 2\n}';

  it('reads the position from Node, newer Chrome and Firefox wordings', () => {
    expect(offsetFromEngineMessage('Unexpected number in JSON at position 18', text)).toBe(18);
    expect(
      offsetFromEngineMessage("Expected ':' after property name in JSON at position 18 (line 3 column 7)", text),
    ).toBe(18);
    expect(
      offsetFromEngineMessage(
        "JSON.parse: expected ':' after property name in object at line 3 column 7 of the JSON data",
        text,
      ),
    ).toBe(18);
    expect(offsetFromEngineMessage('Unexpected end of JSON input', text)).toBe(text.length);
    expect(offsetFromEngineMessage('Unexpected token \'}\', "{"a":}" is not valid JSON', text)).toBeUndefined();
  });

  it('finds the first error by its own scan', () => {
    expect(findJsonSyntaxError(text)).toEqual({ offset: 18, message: "expected ':' after a property name" });
    expect(findJsonSyntaxError('{"a":}')).toEqual({ offset: 5, message: 'expected a value' });
    expect(findJsonSyntaxError('[1,2,]')?.offset).toBe(5);
    expect(findJsonSyntaxError('{"a":1} x')?.message).toBe('unexpected text after the end');
    expect(findJsonSyntaxError('"abc')?.message).toBe('unterminated or invalid string');
    expect(findJsonSyntaxError('[[[[')?.message).toBe('unexpected end of file');
    expect(findJsonSyntaxError('{"a": [1, {"b": null}], "c": "\\u00e9"}')).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const t of [
      '1',
      ' "x" ',
      '{}',
      '[]',
      '{"a":[true,false,null,-1.5e3]}',
      '01',
      '{"a" 1}',
      '[1 2]',
      '{,}',
      'nul',
      '"\t"',
    ]) {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      expect(findJsonSyntaxError(t) === undefined, t).toBe(valid);
    }
  });

  it('scans strings and numbers of any length without recursion or backtracking', () => {
    const note = 'x'.repeat(9_000_000);
    const doc = `{"a": "${note}", "b": [${'9'.repeat(1_000_000)}, "\\u00e9\\n"], "c": 1}`;
    expect(findJsonSyntaxError(doc)).toBeUndefined();
    expect(locateJsonPaths(doc, ['c']).get('c')).toBe(doc.lastIndexOf('"c"'));
    expect(findJsonSyntaxError(`{"a": "${note}`)?.message).toBe('unterminated or invalid string');
    expect(findJsonSyntaxError(`{"a": "${note}\\q"}`)?.message).toBe('unterminated or invalid string');
    expect(findJsonSyntaxError(`[${'1'.repeat(1_000_000)}x]`)).toEqual({
      offset: 1_000_001,
      message: 'unexpected character "x"',
    });
  });

  it('gives 1-based lines and columns', () => {
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 18)).toEqual({ line: 3, column: 7 });
  });

  it('locates paths, or the deepest part of a path that exists', () => {
    const doc = '{\n "chains": [\n  {"id": "x",\n   "links": [{"id": "a"}, {"id": "b"}]}\n ]\n}';
    const at = locateJsonPaths(doc, ['chains[0].links[1].id', 'chains[0].links[1].stage', 'chains[0].id']);
    expect(lineColumn(doc, at.get('chains[0].links[1].id')!)).toEqual({ line: 4, column: 28 });
    expect(lineColumn(doc, at.get('chains[0].links[1].stage')!)).toEqual({ line: 4, column: 27 });
    expect(lineColumn(doc, at.get('chains[0].id')!)).toEqual({ line: 3, column: 4 });
  });
});
