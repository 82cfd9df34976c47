import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';
import { markPhase } from './graph/startPhases';

markPhase('scripts');

const target = document.getElementById('app');
if (!target) throw new Error('ChainAtlas needs an element with id "app" to mount into');
const app = mount(App, { target });
markPhase('mounted');
export default app;
