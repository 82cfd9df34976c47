import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('ChainAtlas needs an element with id "app" to mount into');
export default mount(App, { target });
