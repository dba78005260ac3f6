import { afterEach, describe, expect, it } from 'vitest';
import { findScript, readConfig } from './config';
import { socketUrl } from './widget';

function tag(attrs: Record<string, string>): HTMLScriptElement {
  const s = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) {
    s.setAttribute(k, v);
  }
  // Not run by jsdom: no src is fetched.
  s.type = 'text/plain';
  document.body.append(s);
  return s;
}

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

describe('the embedding tag', () => {
  it('gives the key, the server origin and the options', () => {
    const s = tag({
      src: 'https://help.example.com/widget.js?v=3',
      'data-key': 'wk_3f9c',
      'data-language': 'kn',
      'data-position': 'left',
      'data-color': '#0a7',
    });
    expect(readConfig(s, document, 'en-US')).toEqual({
      key: 'wk_3f9c',
      origin: 'https://help.example.com',
      language: 'kn',
      position: 'left',
      color: '#0a7',
    });
  });

  it('defaults to the page language, then the browser, and the right-hand side', () => {
    const s = tag({ src: 'http://127.0.0.1:8080/widget.js', 'data-key': 'wk_1' });
    document.documentElement.lang = 'hi-IN';
    expect(readConfig(s, document, 'kn')).toMatchObject({ language: 'hi', position: 'right' });
    document.documentElement.lang = '';
    expect(readConfig(s, document, 'kn')).toMatchObject({ language: 'kn' });
    expect(readConfig(s, document, 'fr')).toMatchObject({ language: 'en' });
  });

  it('is nothing without a key', () => {
    expect(readConfig(tag({ src: 'https://h.example/widget.js' }), document, 'en')).toBeNull();
  });

  it('finds the last widget.js when there is no currentScript', () => {
    tag({ src: 'https://cdn.example/app.js' });
    tag({ src: 'https://one.example/widget.js', 'data-key': 'a' });
    const mine = tag({ src: 'https://two.example/widget.js?x=1', 'data-key': 'b' });
    tag({ src: 'https://cdn.example/widget.jsx' });
    expect(findScript(document)).toBe(mine);
  });

  it('talks to the socket over ws: or wss: like the page it came from', () => {
    expect(socketUrl('https://help.example.com', 'wk_a b')).toBe(
      'wss://help.example.com/api/v1/chat/visitor?key=wk_a%20b',
    );
    expect(socketUrl('http://127.0.0.1:8080', 'wk_1')).toBe(
      'ws://127.0.0.1:8080/api/v1/chat/visitor?key=wk_1',
    );
  });
});
