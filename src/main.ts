import { mount } from 'svelte';
import { loadCatalogue, otherLang } from './i18n';
import { locale } from './state/locale.svelte';
import { afterFirstDraw } from './ui/common/deferred';
import App from './ui/App.svelte';
import './ui/app.css';
import { markPhase } from './graph/startPhases';
import { uiFontStack, userAgent } from './graph/fonts';

markPhase('scripts');
// The app's font stack, this platform's Chinese font first: fewer font lookups, the same faces.
document.documentElement.style.setProperty('--font', uiFontStack(userAgent()));

const target = document.getElementById('app');
if (!target) throw new Error('ChainAtlas needs an element with id "app" to mount into');
// The first part of the catalogue of the language the app starts in comes first, so the first frame is
// in that language and no other flashes. Should it fail to load, the app still opens (showing message keys).
// No top-level await: with one, the bundler keeps its runtime in a start-up chunk of its own.
void locale.ready
  .catch(() => undefined)
  .then(() => {
    mount(App, { target });
    markPhase('mounted');
    // After the first draw, never before it: the rest of this language's catalogue (the parts of the app
    // loaded later wait for it), then the other language's, so that the switch is immediate.
    void afterFirstDraw(() => locale.whole())
      .then(() => loadCatalogue(otherLang(locale.lang)))
      .catch(() => undefined);
  });
